"""Concurrent read-modify-writes (issue 18): two imports at the same time both keep their units
(``units.csv`` is read and rewritten under the imported folder's lock)."""
from __future__ import annotations

import csv
import os
import subprocess
import sys
import time

import pytest

from parlib.io.lock import LockTimeoutError, folder_lock, lock_path

TABLE = """Chỉ số CCHC cấp huyện tỉnh {province} năm 2023 (SYNTHETIC TEST FIXTURE — not official data)
STT;Đơn vị;Chỉ số (%);Xếp hạng
1;{a};94,64;1
2;{b};91,07;2
"""

# each import reads units.csv and then waits 1.5 s before writing it back: without the lock the
# second writer would overwrite the first one's units
SLOW_IMPORT = """
import sys, time
import parlib.tables.units as imp   # the registry of imported units (read-modify-written by the store)
real = imp.read_imported_units

def slow():
    units = real()
    time.sleep(1.5)
    return units

imp.read_imported_units = slow
from parlib.cli.main import main
sys.exit(main(["import", sys.argv[1], "--index", "PAR", "--year", "2023", "--unit-type", "district",
               "--parent-unit", sys.argv[2]]))
"""


def test_two_concurrent_imports_keep_each_others_units(tmp_path):
    qn = tmp_path / "qnam.csv"
    qn.write_text(TABLE.format(province="Quảng Nam", a="Thành phố Tam Kỳ", b="Thị xã Điện Bàn"), encoding="utf-8")
    hue = tmp_path / "qngai.csv"
    hue.write_text(TABLE.format(province="Quảng Ngãi", a="Huyện Bình Sơn", b="Huyện Sơn Tịnh"), encoding="utf-8")
    env = dict(os.environ, PARLIB_IMPORTED_DIR=str(tmp_path / "imported"), PYTHONIOENCODING="utf-8")
    procs = [subprocess.Popen([sys.executable, "-c", SLOW_IMPORT, str(f), parent], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f, parent in ((qn, "Quảng Nam"), (hue, "Quảng Ngãi"))]
    outs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with open(tmp_path / "imported" / "units.csv", encoding="utf-8") as fh:
        codes = sorted(r["unit_code"] for r in csv.DictReader(fh))
    assert codes == ["49.dien-ban", "49.tam-ky", "51.binh-son", "51.son-tinh"]
    assert sorted(p.name for p in (tmp_path / "imported").glob("panel_*.csv")) == \
        ["panel_par_2023_district-49.csv", "panel_par_2023_district-51.csv"]


def test_the_lock_file_sits_beside_the_folder_not_in_it(tmp_path):
    assert lock_path(tmp_path / "imported") == tmp_path / ".imported.lock"


def test_a_held_lock_times_out_with_one_line_naming_the_setting(tmp_path, monkeypatch):
    folder = tmp_path / "imported"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom parlib.io.lock import folder_lock\n"
        f"with folder_lock({str(folder)!r}):\n    print('held', flush=True)\n    time.sleep(30)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("PARLIB_LOCK_TIMEOUT", "0.5")
        t0 = time.monotonic()
        with pytest.raises(LockTimeoutError, match=r"imported: another parlib command has held the lock "
                           r"\.imported\.lock for 0 s .*PARLIB_LOCK_TIMEOUT"):
            with folder_lock(folder):
                pass
        assert time.monotonic() - t0 < 5
    finally:
        holder.kill()
        holder.wait()
    with folder_lock(folder):   # released by the holder's death
        pass


def test_a_read_only_parent_puts_the_lock_inside_the_folder(tmp_path, monkeypatch):
    import filelock

    folder = tmp_path / "out"
    folder.mkdir()
    real = filelock.FileLock.acquire

    def parent_read_only(self, *a, **k):
        if str(self.lock_file).endswith(".out.lock"):
            raise PermissionError(13, "Permission denied", self.lock_file)
        return real(self, *a, **k)

    monkeypatch.setattr(filelock.FileLock, "acquire", parent_read_only)
    with folder_lock(folder) as lock:
        assert lock.lock_file == str(folder / ".parlib.lock")
