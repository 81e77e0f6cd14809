"""Worker processes end when their parent dies (issue 18): ``kill -9`` of a build leaves no
reader worker behind, and a render worker's watchdog notices the main process is gone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc")


def running(pid: int) -> bool:
    """Alive and not a zombie (a dead child waiting to be reaped holds no memory)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")


def wait_gone(pids, seconds=8.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end and any(running(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if running(p)]


def start(script: str, n: int):
    """Run ``script`` in a new Python process; return it and the n pids it prints."""
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE,
                            text=True, start_new_session=True)
    pids = []
    end = time.monotonic() + 60
    while len(pids) < n and time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        pids.append(int(line))
    assert len(pids) == n, f"the script printed {pids}"
    return proc, pids


def test_kill_9_of_a_build_ends_its_blocked_reader_workers(tmp_path):
    # the build's own pool (run_sources), with readers that block forever
    proc, pids = start(f"""
        import os, time
        from pathlib import Path
        import parlib.panel.build as b
        from parlib.panel.report import CleaningReport

        def blocked(module, raw):
            print(os.getpid(), flush=True)
            time.sleep(3600)

        b._read_source = blocked
        b.run_sources(Path({str(tmp_path)!r}), CleaningReport(), jobs=2)
    """, 2)
    assert all(running(p) for p in pids)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert wait_gone(pids) == [], "reader workers survived kill -9 of the build"


CHILD = """
import os, sys, time
from pathlib import Path
from parlib.io.children import die_with_parent
die_with_parent(int(sys.argv[1]), cleanup=lambda: Path(sys.argv[2]).write_text("ok"))
print(os.getpid(), flush=True)
time.sleep(3600)
"""


def test_watchdog_ends_a_worker_whose_owner_died_and_runs_its_cleanup(tmp_path):
    # a worker started through an intermediate process (like a fork server): its parent lives
    # on, but the owner (the main process) is killed; the watchdog ends it after cleanup
    marker = tmp_path / "cleaned"
    (tmp_path / "child.py").write_text(CHILD)
    proc, pids = start(f"""
        import os, subprocess, sys, time
        middle = subprocess.Popen([sys.executable, "-c", "import subprocess, sys, time; "
                                   "subprocess.Popen([sys.executable, *sys.argv[1:]]); time.sleep(3600)",
                                   {str(tmp_path / "child.py")!r}, str(os.getpid()), {str(marker)!r}])
        print(middle.pid, flush=True)
        time.sleep(3600)
    """, 1)
    middle = pids[0]
    child = None
    end = time.monotonic() + 30
    while child is None and time.monotonic() < end:
        kids = Path(f"/proc/{middle}/task/{middle}/children").read_text().split()
        child = int(kids[0]) if kids else None
        time.sleep(0.1)
    time.sleep(3)  # the child imports parlib and arms its watchdog
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    try:
        assert wait_gone([child]) == [], "the worker outlived its owner"
        assert marker.read_text() == "ok"
        assert running(middle)  # its own parent was alive all along: the owner check did it
    finally:
        os.kill(middle, signal.SIGKILL)


def descendants(pid: int) -> set[int]:
    out, todo = set(), [pid]
    while todo:
        p = todo.pop()
        try:
            kids = [int(k) for t in os.listdir(f"/proc/{p}/task")
                    for k in Path(f"/proc/{p}/task/{t}/children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        out.update(kids)
        todo.extend(kids)
    return out


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


@pytest.mark.slow
def test_kill_9_of_briefs_ends_forkserver_workers_and_kernels(tmp_path):
    env = dict(os.environ, PARLIB_REPORTS_DIR=str(tmp_path / "reports"), PYTHONIOENCODING="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "parlib", "briefs", "--year", "2019", "--jobs", "2",
                             "--lang", "en", "--no-progress"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        end = time.monotonic() + 120
        kids: set[int] = set()
        while time.monotonic() < end:   # wait for both workers' kernels
            kids = descendants(proc.pid)
            if sum("ipykernel_launcher" in cmdline(k) for k in kids) >= 2:
                break
            time.sleep(0.5)
        assert sum("ipykernel_launcher" in cmdline(k) for k in kids) >= 2, [cmdline(k) for k in kids]
        assert any("forkserver" in cmdline(k) for k in kids)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    left = wait_gone(sorted(kids), seconds=15)
    assert left == [], [cmdline(p)[:100] for p in left]
