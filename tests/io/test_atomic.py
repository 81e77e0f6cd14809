"""Atomic writes and committed output sets (issue 18): a write that fails part-way leaves the old
file and no temporary file; a set killed between two replacements is completed before anyone
reads it; stale staging folders of dead runs are removed by the next run."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from parlib.io import atomic
from parlib.io.oserrors import OutputError
from lock_timeout import short_lock_timeout  # noqa: F401  (autouse: a lock taken twice fails in 20 s)


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


class Boom(RuntimeError):
    pass


def test_atomic_path_failing_part_way_keeps_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(Boom):
        with atomic.atomic_path(target) as tmp:
            tmp.write_text("new, half")
            raise Boom
    assert target.read_text() == "old\n"
    assert listing(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("helper,payload", [(atomic.write_text, "new\n"), (atomic.write_bytes, b"new\n")])
def test_write_helpers_failing_part_way_keep_the_old_file_and_no_temp(tmp_path, monkeypatch, helper, payload):
    target = tmp_path / "out.txt"
    target.write_text("old\n")

    def half_then_full_disk(self, data, *a, **k):
        with open(self, "wb") as fh:
            fh.write(b"ne")
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", half_then_full_disk)
    monkeypatch.setattr(Path, "write_bytes", half_then_full_disk)
    with pytest.raises(OutputError, match=r"cannot write .*out\.txt: no space left on the device; free some "
                       r"space and run again \(ENOSPC\)$") as info:
        helper(target, payload)
    assert ".tmp" not in str(info.value)   # the user's path, not the temporary file
    assert target.read_text() == "old\n"
    assert listing(tmp_path) == ["out.txt"]


def test_atomic_path_refuses_a_folder_as_target(tmp_path):
    with pytest.raises(OutputError, match=r"cannot write .*: is a folder; give a file name"):
        atomic.write_text(tmp_path, "x")


def test_atomic_path_names_a_file_standing_where_a_folder_belongs(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match=r"cannot write .*f: is a file, not a folder"):
        atomic.write_text(tmp_path / "f" / "sub" / "out.csv", "x")


@pytest.mark.parametrize("code,hint", [(errno.EACCES, "permission denied"), (errno.EBUSY, "busy"),
                                       (errno.EROFS, "the file system is read-only")])
def test_os_errors_on_replace_name_the_target(tmp_path, monkeypatch, code, hint):
    target = tmp_path / "out.csv"
    target.write_text("old\n")

    def fail(src, dst):
        raise OSError(code, os.strerror(code), str(src), None, str(dst))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match=rf"cannot write .*out\.csv: {hint}") as info:
        atomic.write_text(target, "new\n")
    assert ".tmp" not in str(info.value)
    assert target.read_text() == "old\n"
    assert listing(tmp_path) == ["out.csv"]


def test_stale_temp_file_of_a_dead_process_is_removed_by_the_next_write(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    stale = tmp_path / f".out.csv.{dead}.abc.tmp"
    stale.write_text("half")
    atomic.write_text(tmp_path / "out.csv", "new\n")
    assert listing(tmp_path) == ["out.csv"]


# ------------------------------------------------------------------------------ output sets

def old_set(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("a.csv", "b.csv", "info.json"):
        (folder / name).write_text(f"old {name}\n")
    (folder / "keep.txt").write_text("untouched\n")


def test_staged_dir_failing_part_way_leaves_the_old_set_and_no_stage(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    with pytest.raises(Boom):
        with atomic.staged_dir(out) as stage:
            (stage / "a.csv").write_text("new a\n")
            raise Boom
    assert (out / "a.csv").read_text() == "old a.csv\n"
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]


def test_staged_dir_switches_the_whole_set_in(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    with atomic.staged_dir(out, last=("info.json",)) as stage:
        for name in ("a.csv", "b.csv", "info.json"):
            (stage / name).write_text(f"new {name}\n")
    assert [(out / n).read_text() for n in ("a.csv", "b.csv", "info.json", "keep.txt")] == \
        ["new a.csv\n", "new b.csv\n", "new info.json\n", "untouched\n"]
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]
    assert not atomic.pending(out)


KILLED_BETWEEN_REPLACEMENTS = """
import os, signal, sys
from pathlib import Path
from parlib.io import atomic

out = Path(sys.argv[1])
real, calls = os.replace, []

def replace_then_die(src, dst):
    calls.append(dst)
    if len(calls) == 2 and ".commit-" in str(src):   # after the first file of the set
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)

os.replace = replace_then_die
with atomic.staged_dir(out, last=("info.json",)) as stage:
    for name in ("a.csv", "b.csv", "info.json"):
        (stage / name).write_text(f"new {name}\\n")
"""


def kill_between_replacements(out: Path):
    r = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_REPLACEMENTS, str(out)], capture_output=True)
    assert r.returncode == -signal.SIGKILL, r.stderr
    # the run died with a mix on disk ...
    assert (out / "a.csv").read_text() == "new a.csv\n" and (out / "b.csv").read_text() == "old b.csv\n"
    assert len(atomic.pending(out)) == 1


def test_set_killed_between_two_replacements_is_completed_by_the_next_reader(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    kill_between_replacements(out)
    atomic.settle(out)   # what load() does first
    assert [(out / n).read_text() for n in ("a.csv", "b.csv", "info.json")] == \
        ["new a.csv\n", "new b.csv\n", "new info.json\n"]
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]


def test_set_killed_between_two_replacements_is_completed_by_the_next_writer(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    kill_between_replacements(out)
    with atomic.staged_dir(out) as stage:
        (stage / "c.csv").write_text("newer c\n")
    assert [(out / n).read_text() for n in ("a.csv", "b.csv", "info.json", "c.csv")] == \
        ["new a.csv\n", "new b.csv\n", "new info.json\n", "newer c\n"]
    assert not atomic.pending(out)


def test_load_completes_a_build_killed_between_two_replacements(tmp_path, monkeypatch):
    # the real processed set: panel.parquet replaced, build_info.json still old
    import shutil

    from parlib.panel.load import load

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "processed"
    shutil.copytree(root / "data" / "processed", out)
    commit = out / f"{atomic.COMMIT}1-999999"
    commit.mkdir()
    (commit / "build_info.json").write_text('{"rows": "new"}\n')
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(out))
    assert len(load("PCI", year=2019)) == 63 * 12   # 63 provinces x (10 sub-indices, PCI, unweighted PCI)
    assert (out / "build_info.json").read_text() == '{"rows": "new"}\n'
    assert not commit.exists()


def test_stale_stage_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    script = textwrap.dedent("""
        import os, signal, sys
        from pathlib import Path
        from parlib.io import atomic
        with atomic.staged_dir(Path(sys.argv[1])) as stage:
            (stage / "a.csv").write_text("half")
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    r = subprocess.run([sys.executable, "-c", script, str(out)], capture_output=True)
    assert r.returncode == -signal.SIGKILL
    assert any(n.startswith(".stage-") for n in os.listdir(out))
    assert (out / "a.csv").read_text() == "old a.csv\n"
    with atomic.staged_dir(out) as stage:
        (stage / "b.csv").write_text("new b\n")
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]
    assert (out / "a.csv").read_text() == "old a.csv\n"


def test_stage_folders_of_older_versions_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    (out / ".stage-k2j3h4").mkdir()          # the naming before the pid was in it
    (out / ".stage-k2j3h4" / "panel.csv").write_text("half")
    atomic.settle(out)
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]


def test_under_the_lock_a_stage_is_stale_even_if_its_pid_was_reused(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    (out / f".stage-{os.getppid()}-abc").mkdir()   # a live pid (reused by another process)
    with atomic.staged_dir(out) as stage:
        (stage / "b.csv").write_text("new b\n")
    assert listing(out) == ["a.csv", "b.csv", "info.json", "keep.txt"]


def test_write_helpers_write_the_exact_bytes(tmp_path):
    atomic.write_bytes(tmp_path / "b.bin", b"\x00\xffHa\r\n")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xffHa\r\n"
    atomic.write_text(tmp_path / "t.txt", "Hà Nội\r\nx\n")                  # UTF-8, newlines kept
    assert (tmp_path / "t.txt").read_bytes() == "Hà Nội\r\nx\n".encode("utf-8")
    atomic.write_text(tmp_path / "u.txt", "Hà Nội", encoding="utf-16")
    assert (tmp_path / "u.txt").read_bytes() == "Hà Nội".encode("utf-16")
    assert listing(tmp_path) == ["b.bin", "t.txt", "u.txt"]


def test_temp_files_of_live_processes_and_of_other_targets_are_kept(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    live = tmp_path / f".out.csv.{os.getpid()}.abc.tmp"          # a write in progress
    other = tmp_path / f".other.csv.{dead}.abc.tmp"              # another target's stale temp
    for p in (live, other):
        p.write_text("half")
    atomic.write_text(tmp_path / "out.csv", "new\n")
    assert listing(tmp_path) == sorted([".other.csv." + dead + ".abc.tmp", live.name, "out.csv"])


def test_a_set_is_switched_in_first_files_first_and_last_files_last(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    old_set(out)
    real, order = os.replace, []

    def record(src, dst):
        if ".commit-" in str(src):
            order.append(Path(dst).relative_to(out).as_posix())
        real(src, dst)

    monkeypatch.setattr(os, "replace", record)
    with atomic.staged_dir(out, first=("y.csv", "units.csv"), last=("m.json", "info.json")) as stage:
        (stage / "sub").mkdir()
        for name in ("a.csv", "info.json", "m.json", "sub/b.csv", "units.csv", "y.csv", "z.csv"):
            (stage / name).write_text(f"new {name}\n")
    assert order == ["y.csv", "units.csv", "a.csv", "sub/b.csv", "z.csv", "m.json", "info.json"]
    assert (out / "sub" / "b.csv").read_text() == "new sub/b.csv\n"
    assert not atomic.pending(out) and not [p for p in os.listdir(out) if p.startswith(".")]


def test_folders_are_made_with_their_parents_and_errors_name_the_target(tmp_path):
    atomic.write_text(tmp_path / "a" / "b" / "c.txt", "x")
    assert (tmp_path / "a" / "b" / "c.txt").read_text() == "x"
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match=r"cannot write .*/f: is a file, not a folder$"):
        atomic.write_text(tmp_path / "f" / "sub" / "out.csv", "x")


def test_pending_lists_committed_sets_in_commit_order(tmp_path):
    for name in (f"{atomic.COMMIT}2-1", f"{atomic.COMMIT}1-1", ".stage-1-x", "sub"):
        (tmp_path / name).mkdir()
    (tmp_path / f"{atomic.COMMIT}3-1").write_text("a file, not a set")
    assert [p.name for p in atomic.pending(tmp_path)] == [f"{atomic.COMMIT}1-1", f"{atomic.COMMIT}2-1"]


def test_settle_keeps_real_subfolders_and_live_stages(tmp_path):
    out = tmp_path / "processed"
    old_set(out)
    (out / "sub").mkdir()
    (out / "sub" / "x.csv").write_text("kept\n")
    live = out / f"{atomic.STAGE}{os.getpid()}-abc"
    live.mkdir()
    atomic.settle(out)                      # a reader: only dead runs' stages go
    assert live.is_dir() and (out / "sub" / "x.csv").read_text() == "kept\n"
    live.rmdir()
    with atomic.staged_dir(out) as stage:   # a writer under the lock: its stage, not real folders
        (stage / "deep" / "er").mkdir(parents=True)
        (stage / "deep" / "er" / "c.csv").write_text("new c\n")
    assert (out / "sub" / "x.csv").read_text() == "kept\n"
    assert (out / "deep" / "er" / "c.csv").read_text() == "new c\n"
