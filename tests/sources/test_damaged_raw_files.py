"""Robustness of the source readers (issue 9): a damaged raw file gives a ParlibError whose message
names the file, the sheet/row/column where known, and what was expected -- never a KeyError,
IndexError or ValueError from deep inside, and never a silent loss.

Every damaged file here is SYNTHETIC: a copy of a real raw file with one deliberate defect, made
in a temporary folder at test time (the raw folder is never written). The damage goes through the
public build (``parlib.panel.build.build(raw=copy, only=[index])``) so that the whole path -- excel.py,
the reader, the merge, the schema -- is exercised.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from legacy_encodings import encode

from conftest import RAW, needs_raw
from parlib.errors import (PanelValidationError, ParlibError,
                           SourceFormatError)

pytestmark = [needs_raw, pytest.mark.raw]
FOLDERS = ("provinces", "pci", "papi", "par_index", "sipas")


# --------------------------------------------------------------------------------- damage helpers
def truncate(frac):
    def f(p: Path):
        data = p.read_bytes()
        p.write_bytes(data[: int(len(data) * frac)])
    f.__name__ = f"truncate({frac})"
    return f


def scramble(p: Path):
    """Overwrite the middle third with junk: the zip directory at the end still opens, the
    compressed sheets inside do not."""
    data = bytearray(p.read_bytes())
    n = len(data)
    data[n // 3: 2 * n // 3] = bytes((i * 37 + 11) % 256 for i in range(n // 3, 2 * n // 3))
    p.write_bytes(bytes(data))


def empty(p: Path):
    p.write_bytes(b"")


def corrupt_member(member):
    """Cut one part of the xlsx zip (a sheet's XML) in half: the workbook opens, the sheet does not."""
    def f(p: Path):
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(p) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename == member:
                    data = data[: len(data) // 2]
                zout.writestr(item.filename, data)
        p.write_bytes(buf.getvalue())
    return f


def _sheets(p: Path):
    from parlib.io.excel import read_sheet, sheet_names

    return [(s, read_sheet(p, s).astype(object).values.tolist()) for s in sheet_names(p)]


def xlsx(sheet, edit=None, rename=None):
    """Rewrite the workbook with openpyxl from its cell values (every sheet kept, in order),
    after ``edit(rows)`` changed the rows of ``sheet`` (list of lists, 0-based) and ``rename``
    renamed it."""
    def f(p: Path):
        import openpyxl

        sheets = _sheets(p)
        wb = openpyxl.Workbook(write_only=True)
        for name, rows in sheets:
            if name == sheet:
                if edit is not None:
                    edit(rows)
                name = rename or name
            ws = wb.create_sheet(name)
            for r in rows:
                ws.append([None if (isinstance(v, float) and v != v) else v for v in r])
        tmp = p.with_suffix(".tmp.xlsx")
        wb.save(tmp)
        os.replace(tmp, p)
    return f


def csv_rows(edit=None, encoding="utf-8"):
    """Rewrite a CSV after ``edit(rows)`` (list of lists of str, row 0 = header line 1)."""
    def f(p: Path):
        rows = list(csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"), newline="")))
        if edit is not None:
            edit(rows)
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        p.write_bytes(encode(buf.getvalue(), encoding))
    return f






def reencode(encoding):
    def f(p: Path):
        p.write_bytes(encode(p.read_text(encoding="utf-8-sig"), encoding))
    return f


def cell(row, col, value):
    """Set Excel cell (1-based row, column letter or 0-based position) to ``value``."""
    def e(rows):
        j = col if isinstance(col, int) else _col(col)
        rows[row - 1][j] = value
    return e


def insert_rows(at, n=2):
    def e(rows):
        for _ in range(n):
            rows.insert(at - 1, [None] * len(rows[0]))
    return e


def delete_rows(at, n=1):
    def e(rows):
        del rows[at - 1: at - 1 + n]
    return e


def copy_row(src, dst):
    """Row ``dst`` becomes a copy of row ``src`` (a duplicated unit; the unit of ``dst`` is gone)."""
    def e(rows):
        rows[dst - 1] = list(rows[src - 1])
    return e


def _col(letter: str) -> int:
    n = 0
    for ch in letter:
        n = n * 26 + ord(ch) - 64
    return n - 1


def ambiguous_quang(monkeypatch):
    """Make 'Quảng' match both Quảng Nam and Quảng Ninh (no real spelling is ambiguous)."""
    from parlib import provinces

    by_code, keys = provinces._tables()
    patched = {s: dict(t) for s, t in keys.items()}
    patched["63"]["quang"] = {"49", "22"}
    monkeypatch.setattr(provinces, "_tables", lambda: (by_code, patched))


# --------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def raw_copy(tmp_path_factory):
    d = tmp_path_factory.mktemp("raw")
    for f in FOLDERS:
        shutil.copytree(RAW / f, d / f)
    for p in d.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return d


@pytest.fixture
def damaged(raw_copy):
    """damaged(rel, fn): apply ``fn`` to the copy of raw file ``rel``; restored afterwards (with
    its original mtime, so the workbook cache of excel.py stays valid)."""
    touched = []

    def apply(rel, fn):
        touched.append(rel)
        fn(raw_copy / rel)
        return raw_copy / rel

    yield apply
    for rel in touched:
        (raw_copy / rel).unlink()
        shutil.copy2(RAW / rel, raw_copy / rel)
        (raw_copy / rel).chmod(0o644)


# --------------------------------------------------------------------------------- the damage table
PCI19 = "pci/PCI_2019_vcci_mdtrinh.xlsx"
PCI12 = "pci/PCI_2012_vcci_vietnamdata.xlsx"
PCIDTA = "pci/pci_composite_2016_2022_tnguyentranphuoc_Dataset.dta"
PAPI_C = "papi/PAPI_2011-2019_mdtrinh.xlsx"
PAPI_D19 = "papi/PAPI_2019_eng_mdtrinh.xlsx"
PAPI_CSV17 = "papi/papi_2017_nasibo.csv"
PAPI_PANEL = "papi/papi_2020_2024_tunah72_agg_province_year_excerpt.csv"
PAR_FACTS = "par_index/par_index_published_facts.csv"
PAR_COMP = "par_index/par_index_component_facts.csv"
SIPAS_FACTS = "sipas/sipas_published_facts.csv"
SIPAS_HF = "sipas/sipas_hf_preview_2015_2017.csv"
SFE, PVE = SourceFormatError, PanelValidationError
SAME = "error or same"   # a ParlibError naming the file, or (encoding understood) the same panel


def case(id, index, rel, fn, outcome, parts=(), marks=(), setup=None):
    return pytest.param(index, rel, fn, outcome, list(parts), setup, id=id, marks=marks)


# index, raw file, damage, outcome (error class, SAME or "dropped"), parts every message must hold
CASES = [
    # PCI: summary_sheet layout (2019), ranked_pairs layout (2012), the Stata composite
    case("pci-truncated", "PCI", PCI19, truncate(0.4), SFE,
         [PCI19 + ": cannot be read as a workbook", "expected a valid .xlsx/.xls workbook"]),
    case("pci-corrupt-sheet", "PCI", PCI12, corrupt_member("xl/worksheets/sheet1.xml"), SFE,
         [PCI12 + ", sheet 'Tong hop': the sheet cannot be read", "expected a valid .xlsx/.xls workbook"]),
    case("pci-empty", "PCI", PCI19, empty, SFE, [PCI19 + ": the file is empty", "expected a workbook"]),
    case("pci-sheet-renamed", "PCI", PCI19, xlsx("Summary", rename="Sheet1"), SFE,
         [PCI19 + ", sheet 'Summary': no such sheet", "expected one of 'Sheet1', 'Entry Costs'"]),
    case("pci-header-shifted", "PCI", PCI19, xlsx("Summary", insert_rows(1, 2)), SFE,
         [PCI19 + ", sheet 'Summary', row 1:", "expected exactly one province column"]),
    case("pci-unknown-province", "PCI", PCI19, xlsx("Summary", cell(2, "A", "Atlantis")), SFE,
         [PCI19 + ", sheet 'Summary', row 2, column 'A':", "unknown province name 'Atlantis'; closest:",
          "expected a province name"]),
    case("pci-ambiguous-province", "PCI", PCI19, xlsx("Summary", cell(2, "A", "Quảng")), SFE,
         [PCI19 + ", sheet 'Summary', row 2, column 'A':", "ambiguous unit name 'Quảng'",
          "Quảng Nam, Quảng Ninh", "expected a province name"], setup=ambiguous_quang),
    case("pci-duplicated-unit", "PCI", PCI19, xlsx("Summary", copy_row(2, 3)), SFE,
         [PCI19 + ", sheet 'Summary':", "repeated: An Giang (row 3 repeats row 2)",
          "expected 63 provinces found '62 provinces'"]),
    case("pci-out-of-scale", "PCI", PCI19, xlsx("Summary", cell(2, "D", 250.0)), SFE,
         [PCI19 + ", sheet 'Summary', row 2, column 'D':",
          "expected a PCI.entry_costs score between 0 and 10 (codebook scale for 2019) found 250.0"]),
    case("pci-text-in-number", "PCI", PCI19, xlsx("Summary", cell(2, "D", "seven")), SFE,
         [PCI19 + ", sheet 'Summary', row 2, column 'D':", "expected a number (PCI.entry_costs) found 'seven'"]),
    case("pci-provinces-missing", "PCI", PCI19, xlsx("Summary", delete_rows(2, 2)), SFE,
         [PCI19 + ", sheet 'Summary':", "61 distinct provinces", "expected 63 provinces"]),
    case("pci-ranked-unknown", "PCI", PCI12, xlsx("Tong hop", cell(3, "D", "Atlantis")), SFE,
         [PCI12 + ", sheet 'Tong hop', row 3, column 'D':", "unknown province name 'Atlantis'"]),
    case("pci-ranked-row-missing", "PCI", PCI12, xlsx("Tong hop", delete_rows(20, 1)), SFE,
         [PCI12 + ", sheet 'Tong hop', row 20, column 'A':", "expected position 19 found 20.0"]),
    case("pci-dta-truncated", "PCI", PCIDTA, truncate(0.5), SFE,
         [PCIDTA + ": cannot be read", "expected a Stata file with columns name, year, pci"]),
    case("pci-dta-empty", "PCI", PCIDTA, empty, SFE, [PCIDTA + ": the file is empty"]),
    # PAPI: the consolidated workbook, an official dimension sheet, the CSV copies and panel
    case("papi-truncated", "PAPI", PAPI_C, truncate(0.5), SFE, [PAPI_C + ": cannot be read as a workbook"]),
    case("papi-sheet-renamed", "PAPI", PAPI_C, xlsx("2015_PAPI", rename="2015"), SFE,
         [PAPI_C + ", sheet '2015_PAPI': no such sheet", "'2014_PAPI', '2015', '2016_PAPI'"]),
    case("papi-header-shifted", "PAPI", PAPI_C, xlsx("2015_PAPI", insert_rows(1, 1)), SFE,
         ["PAPI_2011-2019_mdtrinh.xlsx, sheet '2015_PAPI', row 1, column 'tinhid': unexpected header",
          "expected 'tinhid'"]),
    case("papi-unknown-province", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "C", "Atlantis")), SFE,
         ["PAPI_2011-2019_mdtrinh.xlsx, sheet '2015_PAPI', row 5, column 'tentinh_vie':",
          "unknown province name 'Atlantis'"]),
    # row 5 (Cao Bằng) becomes a copy of row 4 (Hà Giang): a duplicated unit, and a year with 62
    # provinces (both used to pass silently, leaving Cao Bằng without PAPI 2015)
    case("papi-duplicated-unit", "PAPI", PAPI_C, xlsx("2015_PAPI", copy_row(4, 5)), SFE,
         ["PAPI_2011-2019_mdtrinh.xlsx, sheet '2015_PAPI', row 5, column 'tentinh_vie':",
          "'Hà Giang' (02) is already in row 4", "expected each province once"]),
    case("papi-provinces-missing", "PAPI", PAPI_C, xlsx("2015_PAPI", delete_rows(10, 2)), SFE,
         ["PAPI_2011-2019_mdtrinh.xlsx, sheet '2015_PAPI':", "missing: ", "expected 63 provinces",
          "found '61 provinces'"]),
    case("papi-dims-duplicated", "PAPI", PAPI_D19, xlsx("2019PAPI_Dims_Sub-dims_ENG", copy_row(2, 3)), SFE,
         ["PAPI_2019_eng_mdtrinh.xlsx, sheet '2019PAPI_Dims_Sub-dims_ENG', row 3, column 'Provinces':",
          "'Ha Noi' (01) is already in row 2"]),
    case("papi-panel-year-short", "PAPI", PAPI_PANEL, csv_rows(delete_rows(200, 1)), SFE,
         ["papi_2020_2024_tunah72_agg_province_year_excerpt.csv:", "expected 63 provinces for 20",
          "found '62 provinces'"]),
    case("papi-out-of-scale", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "E", 250.0)), PVE,
         ["panel validation failed: value outside the indicator's scale in "
          "papi/PAPI_2011-2019_mdtrinh.xlsx#2015_PAPI: PAPI 2015 04 PAPI.d1_1 value 250"]),
    case("papi-text-in-number", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "E", "seven")), SFE,
         ["PAPI_2011-2019_mdtrinh.xlsx, sheet '2015_PAPI', row 5, column 'Civic Knowledge':",
          "expected a number, a blank or 'KCDL' found 'seven'"]),
    case("papi-dims-unknown", "PAPI", PAPI_D19, xlsx("2019PAPI_Dims_Sub-dims_ENG", cell(4, "A", "Atlantis")),
         SFE, ["PAPI_2019_eng_mdtrinh.xlsx, sheet '2019PAPI_Dims_Sub-dims_ENG', row 4, column 'Provinces':",
               "unknown province name 'Atlantis'"]),
    case("papi-csv-utf16", "PAPI", PAPI_CSV17, reencode("utf-16"), SAME, ["papi_2017_nasibo.csv", "UTF"]),
    case("papi-csv-empty", "PAPI", PAPI_CSV17, empty, SFE, ["papi_2017_nasibo.csv", "empty"]),
    case("papi-csv-text", "PAPI", PAPI_CSV17, csv_rows(cell(3, 1, "seven")), SFE,
         ["papi_2017_nasibo.csv, row 3, column '1: Participation at Local Levels':", "found 'seven'"]),
    case("papi-panel-cp1258", "PAPI", PAPI_PANEL, reencode("cp1258"), SFE,
         ["papi_2020_2024_tunah72_agg_province_year_excerpt.csv", "UTF-8"]),
    case("papi-panel-unknown", "PAPI", PAPI_PANEL, csv_rows(cell(3, 1, "Atlantis")), SFE,
         ["papi_2020_2024_tunah72_agg_province_year_excerpt.csv, row 3, column 'province_vi':",
          "unknown province name 'Atlantis'"]),
    # PAR INDEX and SIPAS published facts
    case("par-utf16", "PAR", PAR_FACTS, reencode("utf-16"), SAME, [PAR_FACTS]),
    case("par-cp1258", "PAR", PAR_FACTS, reencode("cp1258"), SFE, [PAR_FACTS, "row ", "UTF-8"]),
    case("par-empty", "PAR", PAR_FACTS, empty, SFE, [PAR_FACTS, "empty"]),
    case("par-text-in-number", "PAR", PAR_FACTS, csv_rows(cell(3, 3, "ninety")), SFE,
         [PAR_FACTS + ", row 3, column 'score_pct':", "'ninety'"]),
    case("par-fact-unknown-unit", "PAR", PAR_FACTS, csv_rows(cell(3, 2, "Atlantis")), "dropped",
         [PAR_FACTS, "3", "no unit to put it on (unknown province name 'Atlantis'"]),
    case("par-components-unknown", "PAR", PAR_COMP, csv_rows(cell(2, 1, "Atlantis")), SFE,
         [PAR_COMP + ", row 2", "'Atlantis'"]),
    case("sipas-utf16", "SIPAS", SIPAS_FACTS, reencode("utf-16"), SAME, [SIPAS_FACTS]),
    case("sipas-cp1258", "SIPAS", SIPAS_FACTS, reencode("cp1258"), SFE, [SIPAS_FACTS, "row ", "UTF-8"]),
    case("sipas-hf-unknown", "SIPAS", SIPAS_HF, csv_rows(cell(3, 2, "Atlantis")), SFE,
         [SIPAS_HF + ", row 3", "'Atlantis'"]),
]


@pytest.mark.parametrize("index, rel, fn, outcome, parts, setup", CASES)
def test_damaged_raw_file_gives_a_clear_error(index, rel, fn, outcome, parts, setup, raw_copy, damaged,
                                              tmp_path, monkeypatch, baseline):
    from parlib.panel.build import build

    if setup is not None:
        setup(monkeypatch)
    damaged(rel, fn)
    out = tmp_path / "out"
    try:
        res = build(raw=raw_copy, out_dir=out, only=[index])
    except ParlibError as exc:
        err = exc
    else:
        err = None
    if outcome == "dropped":
        assert err is None, err
        rep = res.report.to_frame()
        row = int(parts[1])
        hit = rep[(rep.source == parts[0]) & (rep.row == row) & (rep.kind == "row")]
        assert list(hit.status) == ["dropped"] and parts[2] in hit.reason.iloc[0]
        return
    if outcome == SAME and err is None:  # the encoding was understood: nothing may change
        assert res.panel.equals(baseline(index)), "a re-encoded file changed the panel"
        return
    assert err is not None, "the damaged file was accepted"
    if outcome is not SAME:
        assert type(err) is outcome, f"{type(err).__name__}: {err}"
    msg = str(err)
    for part in parts:
        assert part in msg, f"{part!r} not in {msg!r}"
    assert str(raw_copy) not in msg and "Traceback" not in msg  # no absolute path
    assert not out.exists() or not any(out.iterdir())            # nothing written


@pytest.fixture(scope="module")
def _baselines():
    return {}


@pytest.fixture
def baseline(raw_copy, _baselines):
    """The panel of one index built from the undamaged copy (computed on demand, once)."""
    def get(index):
        from parlib.panel.build import build

        if index not in _baselines:
            _baselines[index] = build(raw=raw_copy, only=[index], write=False).panel
        return _baselines[index]
    return get


@pytest.mark.parametrize("rel, sheet", [(PCI19, "Summary"), (PAPI_C, "2015_PAPI")])
def test_rewriting_a_workbook_alone_changes_nothing(rel, sheet, raw_copy, damaged):
    """The control of the damage table: the openpyxl rewrite used by the cases above keeps every
    sheet and cell (floats to the last bit but one), so each case fails because of its one defect."""
    import pandas as pd

    from parlib.io.excel import read_sheet, sheet_names

    names, before = sheet_names(raw_copy / rel), read_sheet(raw_copy / rel, sheet)
    damaged(rel, xlsx(sheet))
    assert sheet_names(raw_copy / rel) == names
    after = read_sheet(raw_copy / rel, sheet)
    num = lambda df: df.apply(pd.to_numeric, errors="coerce").astype(float)  # noqa: E731
    pd.testing.assert_frame_equal(num(after), num(before), rtol=1e-14)
    assert (after.isna() == before.isna()).all().all()
    text = lambda df: df.where(num(df).isna() & df.notna())  # noqa: E731
    pd.testing.assert_frame_equal(text(after), text(before))


# --------------------------------------------------------------------------------- atomic build
def test_second_reader_failing_leaves_processed_untouched(raw_copy, damaged, tmp_path, monkeypatch):
    """PAR is read first and succeeds; then the SIPAS reader meets a damaged file. The previous
    build's files stay byte-identical and no staging folder is left behind."""
    from conftest import tree_bytes
    from parlib.panel.build import build
    from parlib.sources import par

    out = tmp_path / "processed"
    build(raw=raw_copy, out_dir=out, only=["PAR", "SIPAS"])
    before = tree_bytes(out)
    calls = []
    real = par.read
    monkeypatch.setattr(par, "read", lambda raw, report: calls.append(1) or real(raw, report))
    damaged(SIPAS_HF, csv_rows(cell(3, 6, "ninety")))
    with pytest.raises(SourceFormatError, match=r"sipas_hf_preview_2015_2017.csv, row 3"):
        build(raw=raw_copy, out_dir=out, only=["PAR", "SIPAS"], jobs=1)  # in this process: countable
    assert calls == [1], "PAR should have been read before SIPAS failed"
    assert tree_bytes(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no .stage-* folder left


def test_failure_while_writing_leaves_processed_untouched(raw_copy, tmp_path, monkeypatch):
    """The write itself fails after two of the five files were staged (disk full): nothing of the
    new build replaces the old files."""
    from conftest import tree_bytes
    from parlib.panel.build import build
    from parlib.panel.report import CleaningReport

    out = tmp_path / "processed"
    build(raw=raw_copy, out_dir=out, only=["PAR"])
    before = tree_bytes(out)

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(CleaningReport, "to_frame", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build(raw=raw_copy, out_dir=out, only=["PAR", "SIPAS"])
    assert tree_bytes(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # no .stage-* folder left
