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


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from parlib.errors import ParlibError

    try:
        rc = args.func(args)
        return int(rc or 0)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
