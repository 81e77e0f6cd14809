"""Atomic writes: a failed build, import or render leaves the previous files byte-identical."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp)
    try:
        yield tmp
        if tmp.exists():  # mkstemp makes 0600 files; give the result the usual permissions
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(target, text: str, encoding="utf-8"):
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding=encoding, newline="")


def write_bytes(target, data: bytes):
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


@contextmanager
def staged_dir(target: str | os.PathLike):
    """Write a set of files into a staging folder; on success replace their namesakes in ``target``.

    Files in ``target`` that the stage does not write are left alone. Each file is replaced with
    ``os.replace`` only after every file of the stage was written, so an exception while staging
    leaves ``target`` untouched.
    """
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".stage-", dir=target))
    try:
        yield stage
        for f in sorted(stage.rglob("*")):
            if f.is_file():
                dest = target / f.relative_to(stage)
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(f, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
