"""Robustness of the ``parlib`` command (issue 9): a bad argument or bad input never shows a bare
traceback -- exit code 2 and one line on stderr that says what was wrong and, for a province, year,
index or language, lists the allowed values (``--debug`` shows the traceback). A parameter string
is only ever compared with known values, never executed. A failed command leaves data/processed,
data/imported and reports/ byte-identical.

Every command runs as ``python -m parlib`` in a subprocess, with PARLIB_PROCESSED_DIR,
PARLIB_IMPORTED_DIR and PARLIB_REPORTS_DIR pointing at temporary copies (``isolated_data``).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import RAW, ROOT, tree_bytes

QN = "Quảng Nam"
YEARS_PCI = "allowed: 2005, 2006, 2007, 2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, " \
            "2018, 2019, 2020, 2021, 2022, 2023"
FIXTURE_2023 = ROOT / "tests" / "fixtures" / "par" / "SYNTHETIC_par_index_provinces_2023.xlsx"
CSV_2023 = ROOT / "tests" / "fixtures" / "par" / "SYNTHETIC_par_index_provinces_2023_vi-locale.csv"


def parlib(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "parlib", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd or ROOT, timeout=120)


def assert_refused(r, command, *parts):
    """Exit code 2, exactly one line on stderr naming the command, holding every part."""
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"parlib {command}: error: "), lines[0]
    assert "Traceback" not in r.stderr
    for p in parts:
        assert p in lines[0], f"{p!r} not in {lines[0]!r}"


@pytest.fixture
def state(isolated_data):
    """The three folders a command may write, and a snapshot function."""
    folders = [isolated_data / "processed", isolated_data / "imported", isolated_data / "reports"]

    def snapshot():
        return [tree_bytes(f) for f in folders]

    return snapshot


# command, arguments, message parts (every refusal lists the allowed values where there are some)
REFUSALS = [
    ("weak-index", "weak", ["--index", "XYZ", "--province", QN, "--year", "2019"],
     ["invalid index: 'XYZ'; allowed: PCI, PAPI, PAR, SIPAS"]),
    ("weak-province-typo", "weak", ["--index", "PCI", "--province", "Quang Nom", "--year", "2019"],
     ["unknown province name 'Quang Nom'; closest: Quảng Nam"]),
    ("weak-year", "weak", ["--index", "PCI", "--province", QN, "--year", "1990"],
     ["invalid year: 1990", YEARS_PCI]),
    ("weak-lang", "weak", ["--index", "PCI", "--province", QN, "--year", "2019", "--lang", "fr"],
     ["invalid lang: 'fr'; allowed: en, vi"]),
    ("weak-benchmark", "weak", ["--index", "PCI", "--province", QN, "--year", "2019", "--benchmark", "x"],
     ["invalid benchmark: 'x'; allowed: region-best, top-quartile, best, median, max, leader, region-leader"]),
    ("brief-province", "brief", ["--province", "Atlantis", "--year", "2019"],
     ["unknown province name 'Atlantis'; closest: "]),
    ("brief-year", "brief", ["--province", QN, "--year", "1990"], ["invalid year: '1990'; allowed: 2005, "]),
    ("brief-lang", "brief", ["--province", QN, "--year", "2019", "--lang", "fr"],
     ["invalid lang: 'fr'; allowed: vi, en"]),
    ("briefs-lang", "briefs", ["--year", "2019", "--lang", "fr"], ["invalid lang: 'fr'; allowed: vi, en, both"]),
    ("briefs-provinces", "briefs", ["--year", "2019", "--provinces", QN, "Atlantis"],
     ["unknown province name 'Atlantis'"]),
    ("briefs-jobs", "briefs", ["--year", "2019", "--jobs", "many"], ["argument --jobs: invalid int value: 'many'"]),
    ("briefs-jobs-0", "briefs", ["--year", "2019", "--jobs", "0"], ["invalid --jobs: 0 (a whole number from 1 to "]),
    ("briefs-jobs-negative", "briefs", ["--year", "2019", "--jobs", "-3"],
     ["invalid --jobs: -3 (a whole number from 1 to "]),
    ("briefs-jobs-huge", "briefs", ["--year", "2019", "--jobs", "100000"],
     ["invalid --jobs: 100000 (a whole number from 1 to "]),
    ("import-index", "import", [FIXTURE_2023, "--index", "FOO", "--year", "2023"],
     ["argument --index: invalid choice: 'FOO' (choose from 'PCI', 'PAPI', 'PAR', 'SIPAS')"]),
    ("import-year", "import", [FIXTURE_2023, "--index", "PAR", "--year", "2005"],
     ["invalid --year: 2005", "2012-"]),
    ("import-unit-type", "import", [FIXTURE_2023, "--index", "PAR", "--year", "2023", "--unit-type", "galaxy"],
     ["argument --unit-type: invalid choice: 'galaxy'", "'province', 'ministry', 'district'"]),
    ("import-parent", "import", [FIXTURE_2023, "--index", "PAR", "--year", "2023", "--unit-type", "district",
                                 "--parent-unit", "Atlantis"], ["unknown province name 'Atlantis'"]),
    ("import-missing-file", "import", ["no_such_table.xlsx", "--index", "PAR", "--year", "2023"],
     ["no_such_table.xlsx: file not found"]),
    ("export-nothing", "export", ["out.csv", "--index", "SIPAS", "--year", "2030"],
     ["nothing to export for SIPAS 2030"]),
    ("export-locale", "export", ["out.csv", "--index", "PAR", "--year", "2023", "--locale", "fr"],
     ["argument --locale: invalid choice: 'fr' (choose from 'en', 'vi')"]),
    ("summary-index", "summary", ["--index", "FOO"], ["invalid choice: 'FOO'"]),
    ("build-raw", "build", ["--raw", "no/such/raw"], ["raw data folder not found; tried: no/such/raw"]),
    ("build-index", "build", ["--index", "FOO"], ["argument --index: invalid choice: 'FOO'"]),
]


@pytest.mark.parametrize("command, args, parts", [pytest.param(*c[1:], id=c[0]) for c in REFUSALS])
def test_bad_argument_is_refused_in_one_line(command, args, parts, state, tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    before = state()
    r = parlib(command, *args, cwd=cwd)
    assert_refused(r, command, *parts)
    assert state() == before
    assert not any(cwd.iterdir()), "a refused command wrote into the working folder"


def test_unknown_command_is_one_line(state):
    r = parlib("frobnicate")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'frobnicate'" in r.stderr and "'build'" in r.stderr


def test_debug_shows_the_traceback(state):
    r = parlib("--debug", "weak", "--index", "XYZ", "--province", QN, "--year", "2019")
    assert r.returncode != 0
    assert "Traceback" in r.stderr and "ParameterError: invalid index: 'XYZ'" in r.stderr


INJECTIONS = [
    "__import__('os').system('touch {marker}')",
    "Quảng Nam'; __import__('os').system('touch {marker}'); ' $(touch {marker}) `touch {marker}` "
    "{{__import__('os').system('touch {marker}')}}",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("command, where", [("weak", "province"), ("brief", "province"), ("brief", "year"),
                                            ("brief", "lang")])
def test_a_parameter_string_is_never_executed(command, where, payload, state, tmp_path):
    marker = tmp_path / "pwned"
    value = payload.format(marker=marker)
    args = {"province": QN, "year": "2019", "lang": "en"}
    args[where] = value
    argv = [command, "--province", args["province"], "--year", args["year"], "--lang", args["lang"]]
    if command == "weak":
        argv += ["--index", "PCI"]
    before = state()
    r = parlib(*argv, cwd=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not marker.exists(), "a parameter string was executed"
    assert state() == before


@pytest.mark.skipif(RAW is None, reason="raw data folder not found")
def test_build_with_a_damaged_raw_file_is_one_line_and_changes_nothing(state, tmp_path):
    """The first PCI workbook emptied: the build stops there, names the file, writes nothing."""
    raw = tmp_path / "raw"
    for folder in ("provinces", "pci"):
        shutil.copytree(RAW / folder, raw / folder)
    for p in raw.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    (raw / "pci" / "PCI_2005_vcci_vietnamdata.xls").write_bytes(b"")
    before = state()
    r = parlib("build", "--raw", raw, "--index", "PCI")
    assert_refused(r, "build", "pci/PCI_2005_vcci_vietnamdata.xls: the file is empty")
    assert str(tmp_path) not in r.stderr
    assert state() == before


def test_import_of_a_legacy_encoded_csv_is_one_line(state, tmp_path):
    """A Vietnamese CSV saved as Windows-1258: refused with the line, and the way out."""
    from legacy_encodings import encode

    bad = tmp_path / "PAR_2023_cp1258.csv"
    bad.write_bytes(encode(CSV_2023.read_text(encoding="utf-8-sig"), "cp1258"))
    before = state()
    r = parlib("import", bad, "--index", "PAR", "--year", "2023")
    assert_refused(r, "import", "PAR_2023_cp1258.csv", "not valid UTF-8", "--encoding cp1258")
    assert state() == before


# --------------------------------------------------------------------------------- atomic import
def test_import_failing_while_writing_leaves_imported_untouched(state, isolated_data, monkeypatch):
    """A first import succeeds; a second one fails after its panel file was staged (disk full):
    data/imported keeps the first import byte for byte, with no staging folder left."""
    from parlib.tables.importer import import_table
    from parlib.panel.report import CleaningReport

    import_table(FIXTURE_2023, "PAR", 2023, replace=True)  # over the panel's published PAR 2023 facts
    imported = isolated_data / "imported"
    before = tree_bytes(imported)
    assert any(n.startswith("panel_par_2023") for n in before)

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(CleaningReport, "to_frame", disk_full)
    from parlib.io.oserrors import OutputError

    with pytest.raises(OutputError, match=r"cannot write .*imported: no space left on the device; free "
                       r"some space and run again \(ENOSPC\)"):
        import_table(FIXTURE_2023.with_name("SYNTHETIC_par_index_provinces_2022.xlsx"), "PAR", 2022, replace=True)
    assert tree_bytes(imported) == before
    assert sorted(p.name for p in imported.iterdir()) == sorted(before)


def test_failed_import_via_the_cli_changes_nothing(state, tmp_path):
    """A table with a duplicated province, after a good import: exit 2, one line naming the row,
    and data/processed, data/imported and reports/ byte-identical."""
    from parlib.tables.importer import import_table

    import_table(FIXTURE_2023, "PAR", 2023, replace=True)
    lines = CSV_2023.read_text(encoding="utf-8-sig").splitlines()
    body = [i for i, ln in enumerate(lines) if ln.split(";")[0].strip().isdigit()]
    lines[body[1]] = lines[body[0]]  # the second province becomes a copy of the first
    bad = tmp_path / "PAR_2023_duplicated.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    before = state()
    r = parlib("import", bad, "--index", "PAR", "--year", "2023")
    assert_refused(r, "import", "PAR_2023_duplicated.csv", f"row {body[1] + 1}", "duplicated unit")
    assert state() == before


# --------------------------------------------------------------------------------- OS errors (issue 18)
def test_export_onto_a_folder_is_one_line_naming_it(state, isolated_data, tmp_path):
    from parlib.tables.importer import import_table

    import_table(FIXTURE_2023, "PAR", 2023)
    target = tmp_path / "a_folder"
    target.mkdir()
    r = parlib("export", target, "--index", "PAR", "--year", "2023")
    assert_refused(r, "export", f"cannot write {target}: is a folder; give a file name")
    assert list(target.iterdir()) == []


def test_export_under_a_file_is_one_line_naming_the_file(state, isolated_data, tmp_path):
    from parlib.tables.importer import import_table

    import_table(FIXTURE_2023, "PAR", 2023)
    blocker = tmp_path / "report.txt"
    blocker.write_text("x")
    r = parlib("export", blocker / "out.csv", "--index", "PAR", "--year", "2023")
    assert_refused(r, "export", f"{blocker}: is a file, not a folder")
    assert ".tmp" not in r.stderr and ".stage-" not in r.stderr


@pytest.mark.skipif(RAW is None, reason="raw data folder not found")
def test_build_into_a_file_is_refused_before_reading(state, tmp_path):
    blocker = tmp_path / "processed.txt"
    blocker.write_text("x")
    r = parlib("build", "--out", blocker / "sub")
    assert_refused(r, "build", f"{blocker}: is a file, not a folder")
    assert blocker.read_text() == "x"


def test_import_of_a_folder_is_one_line_naming_it(state, tmp_path):
    folder = tmp_path / "table.csv"
    folder.mkdir()
    before = state()
    r = parlib("import", folder, "--index", "PAR", "--year", "2023")
    assert_refused(r, "import", f"cannot use {folder}: is a folder; give a file name (EISDIR)")
    assert state() == before
