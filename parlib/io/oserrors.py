"""Operating-system errors as one line that names the user's path (never a temporary file).

A full disk, a read-only folder, a folder given where a file belongs or a file held open by
another program must not surface as "internal error: [Errno 28] ... /data/.stage-x1y2/panel.csv".
:func:`os_error` turns an :class:`OSError` into an :class:`OutputError` that names the path the
user knows (the output file or folder) and says what to do.
"""
from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path

from parlib.errors import ParlibError

_HINTS = {
    errno.ENOSPC: "no space left on the device; free some space and run again",
    errno.EDQUOT: "disk quota exceeded; free some space and run again",
    errno.EACCES: "permission denied; choose a folder you can write to or fix its permissions",
    errno.EPERM: "operation not permitted; choose a folder you can write to or fix its permissions",
    errno.EROFS: "the file system is read-only; choose another folder",
    errno.EISDIR: "is a folder; give a file name",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EBUSY: "busy (open in another program?); close it and run again",
    errno.ETXTBSY: "busy (open in another program?); close it and run again",
    errno.ENAMETOOLONG: "the name is too long",
    errno.ENOENT: "no such file or folder",
    errno.EEXIST: "already exists",
}
_TEMP_MARKERS = (".stage-", ".commit-", ".tmp")


class OutputError(ParlibError):
    """A file or folder could not be read or written; the message names it and what to do."""

    def __init__(self, path, errno_: int | None, hint: str, verb: str = "cannot write"):
        self.path, self.errno_code = str(path), errno_
        code = errno.errorcode.get(errno_, "") if errno_ else ""
        super().__init__(f"{verb} {self.path}: {hint}" + (f" ({code})" if code else ""))


def display(path) -> str:
    """A path as the user would write it: relative to the working directory when inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


def _is_temp(name) -> bool:
    return name is not None and any(m in str(name) for m in _TEMP_MARKERS)


def os_error(exc: OSError, target=None, verb: str = "cannot write") -> OutputError:
    """``exc`` as an :class:`OutputError` naming ``target`` when the failing file is one of our
    temporary files (or unnamed), else the file the OS names."""
    if isinstance(exc, OutputError):
        return exc
    named = exc.filename
    path = target if target is not None and (named is None or _is_temp(named)
                                              or _is_temp(exc.filename2)) else (named or target)
    hint = _HINTS.get(exc.errno) or (exc.strerror or type(exc).__name__).lower()
    return OutputError(display(path) if path is not None else "?", exc.errno, hint, verb)


@contextmanager
def naming(target):
    """Turn an OSError raised inside the block into an OutputError naming ``target``."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise os_error(exc, target) from None
