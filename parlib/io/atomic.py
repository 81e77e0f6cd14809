"""Atomic writes: a failed or killed build, import or render never leaves a half-written output.

* :func:`atomic_path` / :func:`write_text` / :func:`write_bytes`: one file, written beside the
  target and switched in with ``os.replace``.
* :func:`staged_dir`: one *output set* (the processed panel and its reports; an import's panel
  rows, ``units.csv`` and report). The files are written whole into a staging folder
  ``<folder>/.stage-<pid>-*``; the set is then committed by ONE rename of that folder to
  ``<folder>/.commit-<time>-<pid>`` (the commit point), after which its files replace their
  namesakes. A run killed before the commit point leaves the old set; a run killed between two
  replacements leaves a ``.commit-*`` folder that the next writer or reader (:func:`settle`,
  called by :func:`parlib.panel.load.load`) completes before anything is read. Stale staging
  folders and temporary files of dead processes are removed by the next run.

Writers hold the folder's lock (:mod:`parlib.io.lock`) from before they read the current set
until the commit is complete, so concurrent read-modify-writes (two imports) never lose data.
OS errors become one line naming the user's path (:mod:`parlib.io.oserrors`).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from parlib.io.children import alive as _alive
from parlib.io.oserrors import OutputError, display, naming

STAGE = ".stage-"
COMMIT = ".commit-"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_folder(folder) -> Path:
    """Refuse early (before a long build) an output folder that is a file or lies under one."""
    folder = Path(folder)
    for p in [folder, *folder.parents]:
        if p.exists():
            if not p.is_dir():
                raise OutputError(display(p), None, "is a file, not a folder")
            break
    return folder


def make_folder(folder: Path, target=None):
    """``folder`` and its parents (OutputError naming the part that is a file, or ``target``)."""
    with naming(target if target is not None else folder):
        check_folder(folder).mkdir(parents=True, exist_ok=True)


def _owner(name: str, prefix: str) -> int | None:
    """The pid embedded in a staging name (``.stage-<pid>-xyz``), None if there is none."""
    digits = re.match(r"(\d+)[-.]", name[len(prefix):])
    return int(digits.group(1)) if digits else None


def _remove_stale_temps(target: Path):
    """Temporary files of ``target`` left by killed processes (``.<name>.<pid>.*.tmp``)."""
    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for e in entries:
        if e.name.startswith(prefix) and e.name.endswith(".tmp"):
            pid = _owner(e.name, prefix)
            if pid is not None and not _alive(pid):
                try:
                    os.unlink(e.path)
                except OSError:
                    pass


@contextmanager
def atomic_path(target: str | os.PathLike):
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.
    On failure ``target`` is untouched and the temporary file is removed."""
    target = Path(target)
    if target.is_dir():
        raise OutputError(display(target), None, "is a folder; give a file name")
    make_folder(target.parent, target)
    with naming(target):
        _remove_stale_temps(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=target.parent)
        os.close(fd)
    tmp = Path(tmp)
    try:
        with naming(target):
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


# ------------------------------------------------------------------------------ output sets

def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _roll_forward(commit: Path, target: Path, first=(), last=()):
    """Move every file of a committed set into ``target`` (idempotent: a file already moved is
    no longer in ``commit``), then remove the commit folder."""
    files = _files(commit)
    rank = {n: i for i, n in enumerate(first)}
    tail = {n: i for i, n in enumerate(last)}

    def order(p: Path):
        rel = p.relative_to(commit).as_posix()
        return (0 if rel in rank else 2 if rel in tail else 1, rank.get(rel, tail.get(rel, 0)), rel)

    for f in sorted(files, key=order):
        dest = target / f.relative_to(commit)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(f, dest)
    shutil.rmtree(commit, ignore_errors=True)


def pending(folder) -> list[Path]:
    """Committed sets not yet fully switched in (a run killed between two replacements)."""
    folder = Path(folder)
    try:
        return sorted((Path(e.path) for e in os.scandir(folder)
                       if e.name.startswith(COMMIT) and e.is_dir()), key=lambda p: p.name)
    except OSError:
        return []


def settle(folder, *, locked: bool = False):
    """Finish the commits a killed run left in ``folder`` and remove dead runs' staging folders.

    Cheap when there is nothing to do (one directory listing); readers call it before reading.
    ``locked``: the caller already holds the folder's lock."""
    from parlib.io.lock import folder_lock

    folder = Path(folder)
    if not folder.is_dir():
        return
    todo = pending(folder)
    stages = [Path(e.path) for e in os.scandir(folder) if e.name.startswith(STAGE) and e.is_dir()]
    # only lock holders stage: under the lock every stage is stale; without it, those of dead pids
    dead = [s for s in stages if _owner(s.name, STAGE) is None or not _alive(_owner(s.name, STAGE))]
    if not todo and not (stages if locked else dead):
        return
    with nullcontext(True) if locked else folder_lock(folder, required=False) as held:
        for commit in pending(folder):
            try:
                _roll_forward(commit, folder)
            except OSError:  # a read-only reader: the next writer completes it
                return
        for s in (stages if held else dead):
            shutil.rmtree(s, ignore_errors=True)


@contextmanager
def staged_dir(target: str | os.PathLike, *, first=(), last=()):
    """Write a set of files into a staging folder; on success switch them into ``target``
    together (see the module docstring). Files in ``target`` that the stage does not write are
    left alone. ``first`` / ``last``: relative names replaced before / after the others (e.g.
    ``units.csv`` before the panel rows that use its units; ``build_info.json`` last)."""
    from parlib.io.lock import folder_lock

    target = Path(target)
    make_folder(target)
    with folder_lock(target):
        with naming(target):
            settle(target, locked=True)
            stage = Path(tempfile.mkdtemp(prefix=f"{STAGE}{os.getpid()}-", dir=target))
        try:
            with naming(target):
                yield stage
                commit = target / f"{COMMIT}{time.time_ns()}-{os.getpid()}"
                os.rename(stage, commit)            # the commit point
                _roll_forward(commit, target, first, last)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
