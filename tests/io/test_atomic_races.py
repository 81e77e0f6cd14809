"""Atomic writes under a second process and under injected OS failures (issue 20): a reader never
switches a set in while a writer holds the folder's lock; a writer never waits for its own lock; a
reader that cannot create the lock file still completes a killed run's set but keeps live stages;
a leftover folder that cannot be removed does not fail a write or a read that succeeded; an OS error
that names no path is reported against the user's file or folder."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parlib.io import atomic
from parlib.io.lock import LockTimeoutError
from parlib.io.oserrors import OutputError
from lock_timeout import short_lock_timeout  # noqa: F401  (autouse: a lock taken twice fails in 20 s)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def dead_pid() -> int:
    out = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(out.stdout)


def killed_run(folder: Path) -> Path:
    """The set of a run killed after its commit point: ``a.csv`` still in the commit folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.csv").write_text("old a\n")
    commit = folder / f"{atomic.COMMIT}1-{dead_pid()}"
    commit.mkdir()
    (commit / "a.csv").write_text("new a\n")
    return commit


HOLD_THE_LOCK = """
import sys
from parlib.io.lock import folder_lock
with folder_lock(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.read()        # held until the test closes our stdin
"""


def test_a_reader_never_switches_a_set_in_while_a_writer_holds_the_lock(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    commit = killed_run(out)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_LOCK, str(out)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        monkeypatch.setenv("PARLIB_LOCK_TIMEOUT", "1")
        with pytest.raises(LockTimeoutError, match=r"^processed: another parlib command has held the lock "
                           r"\.processed\.lock for 1 s"):
            atomic.settle(out)
        # the writer's folder is as it was: the pending set is not touched under it
        assert (out / "a.csv").read_text() == "old a\n" and (commit / "a.csv").read_text() == "new a\n"
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    atomic.settle(out)   # the writer is gone: the next reader completes the set
    assert (out / "a.csv").read_text() == "new a\n" and listing(out) == ["a.csv"]


def test_a_writer_completes_a_killed_run_without_waiting_for_its_own_lock(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    killed_run(out)
    monkeypatch.setenv("PARLIB_LOCK_TIMEOUT", "5")   # taking its own lock twice would time out
    with atomic.staged_dir(out) as stage:
        (stage / "b.csv").write_text("new b\n")
    assert [(out / n).read_text() for n in ("a.csv", "b.csv")] == ["new a\n", "new b\n"]
    assert listing(out) == ["a.csv", "b.csv"]


def test_a_reader_that_cannot_create_the_lock_file_completes_the_set_and_keeps_live_stages(tmp_path, monkeypatch):
    import filelock

    out = tmp_path / "processed"
    killed_run(out)
    dead_stage = out / f"{atomic.STAGE}{dead_pid()}-abc"
    live_stage = out / f"{atomic.STAGE}{os.getpid()}-abc"     # a writer at work (it would hold the lock)
    for s in (dead_stage, live_stage):
        s.mkdir()
        (s / "half.csv").write_text("half")

    def no_lock_file(self, *a, **k):   # lock files another user created: EACCES on both places
        raise PermissionError(errno.EACCES, "Permission denied", str(self.lock_file))

    monkeypatch.setattr(filelock.FileLock, "acquire", no_lock_file)
    atomic.settle(out)   # what load() does: no error, the killed run's set is completed
    assert (out / "a.csv").read_text() == "new a\n"
    assert listing(out) == sorted(["a.csv", live_stage.name, f"{live_stage.name}/half.csv"])


def failing_rmdir(marker: str):
    real = os.rmdir

    def rmdir(path, *a, **k):   # e.g. a file in it held open by another program (EBUSY)
        if marker in os.fspath(path):
            raise OSError(errno.EBUSY, "Device or resource busy", os.fspath(path))
        return real(path, *a, **k)

    return rmdir


def test_a_write_whose_files_are_switched_in_does_not_fail_on_its_empty_commit_folder(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    out.mkdir()
    (out / "a.csv").write_text("old a\n")
    monkeypatch.setattr(os, "rmdir", failing_rmdir(atomic.COMMIT))
    with atomic.staged_dir(out) as stage:
        (stage / "a.csv").write_text("new a\n")
    assert (out / "a.csv").read_text() == "new a\n"
    left = atomic.pending(out)           # the empty commit folder is left for the next run ...
    assert len(left) == 1 and listing(left[0]) == []
    monkeypatch.undo()
    atomic.settle(out)                   # ... which removes it
    assert listing(out) == ["a.csv"]


def test_a_stale_stage_that_cannot_be_removed_does_not_stop_a_reader(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    commit = killed_run(out)
    stage = out / f"{atomic.STAGE}{dead_pid()}-abc"
    stage.mkdir()
    monkeypatch.setattr(os, "rmdir", failing_rmdir(atomic.STAGE))
    atomic.settle(out)
    assert (out / "a.csv").read_text() == "new a\n" and not commit.exists()
    assert listing(out) == sorted(["a.csv", stage.name])


@pytest.fixture
def mkdir_fails_without_a_path(monkeypatch):
    """mkdir failing with an OSError that names no file (as some network file systems report)."""
    def mkdir(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", mkdir)


def test_a_folder_that_cannot_be_made_is_reported_against_the_file_written(tmp_path, mkdir_fails_without_a_path):
    with pytest.raises(OutputError, match=r"^cannot write \S*/new/out\.csv: no space left on the device"):
        atomic.write_text(tmp_path / "new" / "out.csv", "x")


def test_a_set_folder_that_cannot_be_made_is_reported_against_the_folder(tmp_path, mkdir_fails_without_a_path):
    with pytest.raises(OutputError, match=r"^cannot write \S*/processed: no space left on the device"):
        with atomic.staged_dir(tmp_path / "processed"):
            pass


def test_a_users_file_named_like_a_temp_file_but_not_one_is_kept(tmp_path):
    dead = dead_pid()
    mine = tmp_path / f".out.csv.{dead}.bak"       # same prefix as our temp files, not ".tmp"
    mine.write_text("keep me")
    atomic.write_text(tmp_path / "out.csv", "new\n")
    assert listing(tmp_path) == sorted([mine.name, "out.csv"])
