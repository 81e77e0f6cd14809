"""Entry point of the ``parlib`` console script.

Any :class:`parlib.ParlibError` becomes one line on stderr and exit code 2; ``--debug`` shows the
traceback. Unexpected errors also exit 2 with a one-line message (and the traceback with --debug).
"""
from __future__ import annotations

import argparse
import importlib
import sys


class Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error (exit code 2), like every other parlib error: the
    message already lists the allowed choices; ``--help`` shows the full usage."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def make_parser() -> argparse.ArgumentParser:
    from parlib.cli import COMMANDS

    p = Parser(prog="parlib", description="Vietnam provincial governance indices: "
               "build the panel, analyse weak criteria, render annual briefs.")
    p.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    p.add_argument("--version", action="version", version=_version())
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for mod in COMMANDS:
        importlib.import_module(mod).register(sub)
    return p


def _version():
    from parlib import __version__

    return f"parlib {__version__}"


def _max_jobs() -> int:
    import os

    return max(32, 2 * (os.cpu_count() or 1))


# numeric options of any sub-command: attribute -> (option, smallest, largest() or None)
NUMBERS = {"jobs": ("--jobs", 1, _max_jobs)}


def check_numbers(args):
    """Every numeric option within its range (ParameterError naming the option); the values
    themselves (years, provinces) are checked by the commands against the data."""
    from parlib.errors import ParameterError

    for attr, (option, low, high) in NUMBERS.items():
        v = getattr(args, attr, None)
        if v is None:
            continue
        top = high() if high else None
        if isinstance(v, bool) or not isinstance(v, int) or v < low or (top is not None and v > top):
            hint = f"a whole number from {low}" + (f" to {top}" if top is not None else "")
            raise ParameterError(option, v, hint=hint)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from parlib.errors import ParlibError

    try:
        check_numbers(args)
        rc = args.func(args)
        return int(rc or 0)
    except OSError as exc:  # disk full, permission, a folder given for a file ...: name the path
        if args.debug:
            raise
        from parlib.io.oserrors import os_error

        print(f"parlib {args.command}: error: {os_error(exc, verb='cannot use')}", file=sys.stderr)
        return 2
    except ParlibError as exc:
        if args.debug:
            raise
        msg = str(exc).strip().splitlines()
        print(f"parlib {args.command}: error: {msg[0]}", file=sys.stderr)
        for line in msg[1:]:
            print(f"  {line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("parlib: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still no bare traceback unless asked
        if args.debug:
            raise
        print(f"parlib {args.command}: internal error: {type(exc).__name__}: {exc} "
              "(run with --debug for the traceback)", file=sys.stderr)
        return 2


def console() -> None:
    """The ``parlib`` command: :func:`main`, then exit without the garbage collector's last
    sweep over everything the run loaded (the panel, caches, kernel client: about 0.3 s of a
    one-brief run). ``atexit`` handlers still run and output is flushed as usual."""
    rc = main()
    import gc

    gc.disable()
    gc.freeze()
    sys.exit(rc)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
