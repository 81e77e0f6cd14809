"""One lock per data folder around every read-modify-write of processed and imported data.

Two ``parlib import`` runs at the same time each read ``units.csv``, add their units and write it
back; without a lock the second write loses the first one's units. :func:`folder_lock` serialises
them (``filelock``: an OS-level lock, released when its process dies, so a killed run never
leaves the folder locked).

The lock file sits *beside* the folder (``data/.imported.lock`` for ``data/imported``): the folder
itself holds exactly the data files (inside it, ``.parlib.lock``, only when the parent folder is
read-only).
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from parlib.errors import ParlibError

TIMEOUT_ENV = "PARLIB_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0  # seconds; a full build takes well under a minute


class LockTimeoutError(ParlibError):
    pass


INSIDE = ".parlib.lock"   # fallback when the folder's parent is read-only


def lock_path(folder) -> Path:
    folder = Path(folder).absolute()
    return folder.parent / f".{folder.name}.lock"


def _timeout() -> float:
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    try:
        return float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        from parlib.errors import ParameterError

        raise ParameterError(TIMEOUT_ENV, raw, hint="seconds, e.g. 600") from None


@contextmanager
def folder_lock(folder, *, required: bool = True):
    """Hold the lock of ``folder`` (waiting up to PARLIB_LOCK_TIMEOUT seconds).

    ``required=False`` (readers): when the lock file cannot be created (a read-only parent
    folder), go on without it instead of failing."""
    from filelock import FileLock, Timeout

    folder = Path(folder)
    path = lock_path(folder)
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(path), timeout=_timeout())
            lock.acquire()
        except PermissionError:  # a read-only parent of a writable folder: lock inside it
            if not folder.is_dir():
                raise
            path = folder / INSIDE
            lock = FileLock(str(path), timeout=_timeout())
            lock.acquire()
    except Timeout:
        raise LockTimeoutError(f"{folder.name}: another parlib command has held the lock "
                               f"{path.name} for {_timeout():.0f} s (wait for it, or raise "
                               f"{TIMEOUT_ENV})") from None
    except OSError as exc:
        if not required:
            yield None
            return
        from parlib.io.oserrors import os_error

        raise os_error(exc, folder) from None
    try:
        yield lock
    finally:
        lock.release()
