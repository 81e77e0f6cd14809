"""Every error parlib raises on purpose is a :class:`ParlibError`.

The CLI turns them into a one-line message and exit code 2; anything else is a bug.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence


def _rebuild(cls, message, state):
    err = cls.__new__(cls)
    Exception.__init__(err, message)
    err.__dict__.update(state)
    return err


class ParlibError(Exception):
    """Base class of the errors parlib raises for bad input or bad parameters."""

    def __reduce__(self):  # keep the message and fields across processes (parallel build, workers)
        return _rebuild, (type(self), str(self), dict(self.__dict__))


class RawDataNotFoundError(ParlibError):
    def __init__(self, tried: Sequence[str]):
        self.tried = list(tried)
        super().__init__(
            "raw data folder not found; tried: " + ", ".join(self.tried)
            + ". Set PARLIB_RAW_DIR to the folder that holds pci/, papi/, provinces/ ..."
        )


class UnknownProvinceError(ParlibError, LookupError):
    def __init__(self, name: str, suggestions: Iterable[str] = (), scope: str = "province name"):
        self.name = name
        self.suggestions = list(suggestions)
        msg = f"unknown {scope} {name!r}"
        if self.suggestions:
            msg += "; closest: " + ", ".join(self.suggestions)
        super().__init__(msg)


class AmbiguousProvinceError(ParlibError, LookupError):
    def __init__(self, name: str, candidates: Iterable[str]):
        self.name = name
        self.candidates = list(candidates)
        super().__init__(
            f"ambiguous unit name {name!r}: it matches " + ", ".join(self.candidates)
            + "; write it in full"
        )


class SourceFormatError(ParlibError, ValueError):
    """A raw or imported file is not in the shape a reader expects.

    The message names the file, and where known the sheet, row and column, and says what
    was expected and what was found.
    """

    def __init__(self, file, sheet=None, row=None, column=None, expected=None, found=None,
                 message: str | None = None):
        self.file, self.sheet, self.row, self.column = str(file), sheet, row, column
        self.expected, self.found = expected, found
        where = [self.file]
        if sheet is not None:
            where.append(f"sheet {sheet!r}")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        parts = [", ".join(where) + ":"]
        if message:
            parts.append(message)
        if expected is not None:
            parts.append(f"expected {expected}")
        if found is not None:
            parts.append(f"found {found!r}" if not isinstance(found, str) or len(found) < 200
                         else f"found {found[:200]!r}...")
        super().__init__(" ".join(parts) if len(parts) > 1 else where[0] + ": invalid")


class PanelValidationError(ParlibError):
    def __init__(self, message: str, failures=None):
        self.failures = failures
        super().__init__(message)


class ParameterError(ParlibError, ValueError):
    def __init__(self, name: str, value, allowed=None, hint: str | None = None):
        self.name, self.value = name, value
        self.allowed = list(allowed) if allowed is not None else None
        msg = f"invalid {name}: {value!r}"
        if hint:
            msg += f" ({hint})"
        if self.allowed is not None:
            shown = [str(a) for a in self.allowed]
            if len(shown) > 70:
                shown = shown[:70] + ["..."]
            msg += "; allowed: " + ", ".join(shown)
        super().__init__(msg)
