"""parlib build: reproducible, validated, atomic, and nothing lost."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT, tree_bytes
from parlib.panel.build import OUTPUTS, build
from parlib.errors import PanelValidationError, RawDataNotFoundError
from parlib.paths import raw_dir


def test_outputs_written(built):
    for name in OUTPUTS:
        assert (built.out_dir / name).exists()
    assert {"PCI", "PAPI", "PAR", "SIPAS"} <= set(built.panel["index"])


def test_committed_processed_data_reproduce_exactly(built):
    """The tidy tables in the repo are exactly what the build makes from raw."""
    for name in ("panel.csv", "cleaning_report.csv", "cleaning_summary.csv", "build_info.json"):
        assert (built.out_dir / name).read_bytes() == (ROOT / "data" / "processed" / name).read_bytes(), name
    committed = pd.read_parquet(ROOT / "data" / "processed" / "panel.parquet")
    pd.testing.assert_frame_equal(built.panel, committed)


def test_build_is_deterministic(built, raw_dir, tmp_path):
    again = build(raw_dir, tmp_path)
    assert tree_bytes(tmp_path) == {k: v for k, v in tree_bytes(built.out_dir).items()}


def test_parallel_and_serial_builds_agree(built, raw_dir, tmp_path):
    """The readers run in worker processes; one process gives byte-identical outputs."""
    build(raw_dir, tmp_path, jobs=1)
    assert tree_bytes(tmp_path) == tree_bytes(built.out_dir)


def test_reader_errors_cross_process_boundaries_intact(raw_dir, tmp_path):
    """A reader's SourceFormatError raised in a forked worker of the public build reaches the
    caller with its message and fields (SYNTHETIC damage: a copy of a raw SIPAS file with an
    unknown province in row 3)."""
    import csv
    import shutil
    from concurrent.futures.process import _RemoteTraceback

    from parlib.errors import SourceFormatError

    raw = tmp_path / "raw"
    for folder in ("provinces", "par_index", "sipas"):
        shutil.copytree(raw_dir / folder, raw / folder)
    hf = raw / "sipas" / "sipas_hf_preview_2015_2017.csv"
    hf.chmod(0o644)
    with open(hf, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[2][1] = "Atlantis"                       # row 3 of the file, second column
    with open(hf, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(SourceFormatError, match=r"sipas_hf_preview_2015_2017\.csv, row 3.*Atlantis") as info:
        build(raw, tmp_path / "out", only=["PAR", "SIPAS"], jobs=2)
    assert isinstance(info.value.__cause__, _RemoteTraceback), "the error was not raised in a worker"
    assert info.value.row == 3 and info.value.file.endswith("sipas_hf_preview_2015_2017.csv")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_every_raw_row_is_kept_or_dropped_with_a_reason(built):
    rep = built.report.to_frame()
    rows = rep[rep.kind == "row"]
    assert set(rows.status) <= {"kept", "dropped"}
    assert rows[rows.status == "dropped"].reason.notna().all()
    assert built.report.check_complete().empty, "a raw row was logged twice"
    s = built.summary()
    assert (s.rows_read == s.kept + s.dropped).all()
    # every kept row reaches the panel: its unit appears in the panel for that source file
    kept = rows[rows.status == "kept"]
    panel_src = built.panel.assign(file=built.panel.source.str.split("#").str[0])
    have = set(zip(panel_src.file, panel_src.unit_code))
    missing = [(r.source, r.unit_code) for r in kept.itertuples()
               if r.unit_code is not None and (r.source, r.unit_code) not in have]
    # a kept row absent under its own file was superseded by another source of the SAME index
    # (a cross-checked table, a published fact): its unit has that index's values in the panel
    index_of = {"pci": "PCI", "papi": "PAPI", "par_index": "PAR", "sipas": "SIPAS"}
    by_index = set(zip(built.panel["index"], built.panel.unit_code))
    unexplained = [(s, c) for s, c in missing if (index_of[s.split("/")[0]], c) not in by_index]
    assert unexplained == []


def test_failed_build_leaves_processed_untouched(raw_dir, tmp_path, monkeypatch):
    out = tmp_path / "processed"
    build(raw_dir, out)
    before = tree_bytes(out)

    import parlib.panel.build as b

    real = b.assemble

    def corrupt(frames):
        df = real(frames)
        df.loc[df.index[0], "value"] = 1e6  # out of every scale
        return df

    monkeypatch.setattr(b, "assemble", corrupt)
    with pytest.raises(PanelValidationError, match="outside the indicator's scale"):
        build(raw_dir, out)
    assert tree_bytes(out) == before


def test_build_failing_inside_the_write_of_the_output_set_leaves_the_old_set(raw_dir, tmp_path, monkeypatch):
    """The disk fills up while the output set is being staged (after panel.parquet and panel.csv
    are written): the old set stays whole and no staging or commit folder is left."""
    import errno

    import parlib.panel.build as b
    from parlib.io.oserrors import OutputError

    out = tmp_path / "processed"
    build(raw_dir, out, only=["PAR", "SIPAS"], jobs=1)
    before = tree_bytes(out)
    real, staged = b.csv_bytes, []

    def full_disk_at_the_report(df):
        if "reason" in df.columns:                    # the cleaning report: the 3rd file of the set
            staged.extend(sorted(p.name for p in out.glob(".stage-*/*")))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(df)

    monkeypatch.setattr(b, "csv_bytes", full_disk_at_the_report)
    with pytest.raises(OutputError, match=r"processed: no space left on the device"):
        build(raw_dir, out, only=["PAR", "SIPAS"], jobs=1)
    assert staged == ["panel.csv", "panel.parquet"]   # the failure was inside the staging
    assert tree_bytes(out) == before
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []   # no .stage-*, no .commit-*


def test_raw_dir_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("PARLIB_RAW_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(RawDataNotFoundError, match="nowhere"):
        raw_dir()
    (tmp_path / "raw" / "pci").mkdir(parents=True)
    monkeypatch.setenv("PARLIB_RAW_DIR", str(tmp_path / "raw"))
    assert raw_dir() == (tmp_path / "raw").resolve()


def test_cli_error_is_one_line_exit_2(tmp_path):
    env = {"PARLIB_RAW_DIR": str(tmp_path / "missing"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, "-m", "parlib.cli.main", "build"], capture_output=True,
                       text=True, env=env, cwd=ROOT)
    assert r.returncode == 2
    assert r.stderr.startswith("parlib build: error: raw data folder not found")
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = subprocess.run([sys.executable, "-m", "parlib.cli.main", "--debug", "build"],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode != 0 and "Traceback" in r.stderr


def test_a_stuck_reader_worker_falls_back_to_reading_here(raw_dir, tmp_path, monkeypatch):
    """A worker that never answers does not hang the build: it is stopped and the readers run in
    this process, with the same outputs."""
    import parlib.panel.build as b

    monkeypatch.setattr(b, "WORKER_TIMEOUT", 0.001)
    res = b.build(raw_dir, tmp_path / "out", only=["PAR", "SIPAS"])
    ref = b.build(raw_dir, tmp_path / "ref", only=["PAR", "SIPAS"], jobs=1)
    assert tree_bytes(tmp_path / "out") == tree_bytes(tmp_path / "ref")
    assert len(res.panel) == len(ref.panel) > 0
