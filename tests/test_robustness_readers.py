"""Robustness of the source readers (issue 9): a damaged raw file gives a ParlibError whose message
names the file, the sheet/row/column where known, and what was expected -- never a KeyError,
IndexError or ValueError from deep inside, and never a silent loss.

Every damaged file here is SYNTHETIC: a copy of a real raw file with one deliberate defect, made
in a temporary folder at test time (the raw folder is never written). The damage goes through the
public build (``parlib.build.build(raw=copy, only=[index])``) so that the whole path -- excel.py,
the reader, the merge, the schema -- is exercised.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from conftest import RAW, needs_raw
from parlib.errors import (AmbiguousProvinceError, PanelValidationError, ParlibError,
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


def _sheets(p: Path):
    from parlib.excel import read_sheet, sheet_names

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


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; Windows-1258 the way Vietnamese Windows writes it (base letter
    with its vowel mark precomposed, the tone as a combining mark)."""
    if encoding.replace("-", "").lower() not in ("cp1258", "windows1258"):
        return text.encode(encoding)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(m for m in d[1:] if m in TONES)
        base = unicodedata.normalize("NFC", d[0] + "".join(m for m in d[1:] if m not in TONES))
        out.append((base + tone).encode("cp1258"))
    return b"".join(out)


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


def run_build(raw, out, index):
    from parlib.build import build

    return build(raw=raw, out_dir=out, only=[index])


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

# id, index, file, damage, error class, message parts (all must appear in str(error))
CASES = [
    ("pci-truncated", "PCI", PCI19, truncate(0.4), SourceFormatError, []),
    ("pci-scrambled", "PCI", PCI19, scramble, SourceFormatError, []),
    ("pci-empty", "PCI", PCI19, empty, SourceFormatError, []),
    ("pci-sheet-renamed", "PCI", PCI19, xlsx("Summary", rename="Sheet1"), SourceFormatError, []),
    ("pci-header-shifted", "PCI", PCI19, xlsx("Summary", insert_rows(1, 2)), SourceFormatError, []),
    ("pci-unknown-province", "PCI", PCI19, xlsx("Summary", cell(2, "A", "Atlantis")), SourceFormatError, []),
    ("pci-ambiguous-province", "PCI", PCI19, xlsx("Summary", cell(2, "A", "Quảng")), SourceFormatError, []),
    ("pci-duplicated-unit", "PCI", PCI19, xlsx("Summary", copy_row(2, 3)), SourceFormatError, []),
    ("pci-out-of-scale", "PCI", PCI19, xlsx("Summary", cell(2, "D", 250.0)), ParlibError, []),
    ("pci-text-in-number", "PCI", PCI19, xlsx("Summary", cell(2, "D", "seven")), SourceFormatError, []),
    ("pci-province-missing", "PCI", PCI19, xlsx("Summary", delete_rows(2, 2)), SourceFormatError, []),
    ("pci-ranked-unknown", "PCI", PCI12, xlsx("Tong hop", cell(3, "D", "Atlantis")), SourceFormatError, []),
    ("pci-ranked-missing", "PCI", PCI12, xlsx("Tong hop", delete_rows(20, 1)), SourceFormatError, []),
    ("pci-ranked-text", "PCI", PCI12, xlsx("Tong hop", cell(5, "C", "n.a.")), SourceFormatError, []),
    ("pci-dta-truncated", "PCI", PCIDTA, truncate(0.5), SourceFormatError, []),
    ("pci-dta-empty", "PCI", PCIDTA, empty, SourceFormatError, []),
    ("papi-truncated", "PAPI", PAPI_C, truncate(0.5), SourceFormatError, []),
    ("papi-sheet-renamed", "PAPI", PAPI_C, xlsx("2015_PAPI", rename="2015"), SourceFormatError, []),
    ("papi-header-shifted", "PAPI", PAPI_C, xlsx("2015_PAPI", insert_rows(1, 1)), SourceFormatError, []),
    ("papi-unknown-province", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "C", "Atlantis")), SourceFormatError, []),
    ("papi-duplicated-unit", "PAPI", PAPI_C, xlsx("2015_PAPI", copy_row(4, 5)), ParlibError, []),
    ("papi-province-missing", "PAPI", PAPI_C, xlsx("2015_PAPI", delete_rows(10, 2)), ParlibError, []),
    ("papi-out-of-scale", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "E", 250.0)), ParlibError, []),
    ("papi-text-in-number", "PAPI", PAPI_C, xlsx("2015_PAPI", cell(5, "E", "seven")), SourceFormatError, []),
    ("papi-dims-unknown", "PAPI", PAPI_D19, xlsx("2019PAPI_Dims_Sub-dims_ENG", cell(4, "A", "Atlantis")),
     SourceFormatError, []),
    ("papi-csv-utf16", "PAPI", PAPI_CSV17, reencode("utf-16"), SourceFormatError, []),
    ("papi-csv-empty", "PAPI", PAPI_CSV17, empty, SourceFormatError, []),
    ("papi-csv-text", "PAPI", PAPI_CSV17, csv_rows(cell(3, 2, "seven")), SourceFormatError, []),
    ("papi-panel-cp1258", "PAPI", PAPI_PANEL, reencode("cp1258"), SourceFormatError, []),
    ("papi-panel-unknown", "PAPI", PAPI_PANEL, csv_rows(cell(3, 1, "Atlantis")), SourceFormatError, []),
    ("par-utf16", "PAR", PAR_FACTS, reencode("utf-16"), SourceFormatError, []),
    ("par-cp1258", "PAR", PAR_FACTS, reencode("cp1258"), SourceFormatError, []),
    ("par-empty", "PAR", PAR_FACTS, empty, SourceFormatError, []),
    ("par-text-in-number", "PAR", PAR_FACTS, csv_rows(cell(3, 3, "ninety")), SourceFormatError, []),
    ("par-components-unknown", "PAR", PAR_COMP, csv_rows(cell(2, 1, "Atlantis")), SourceFormatError, []),
    ("sipas-utf16", "SIPAS", SIPAS_FACTS, reencode("utf-16"), SourceFormatError, []),
    ("sipas-cp1258", "SIPAS", SIPAS_HF, reencode("cp1258"), SourceFormatError, []),
    ("sipas-hf-unknown", "SIPAS", SIPAS_HF, csv_rows(cell(3, 2, "Atlantis")), SourceFormatError, []),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_damaged_raw_file_gives_a_clear_error(case, raw_copy, damaged, tmp_path, monkeypatch):
    name, index, rel, fn, exc_type, parts = case
    if "ambiguous" in name:
        ambiguous_quang(monkeypatch)
    damaged(rel, fn)
    out = tmp_path / "out"
    try:
        run_build(raw_copy, out, index)
    except Exception as exc:  # noqa: BLE001 - the point is to see what escapes
        print(f"\n@@ {name}: {type(exc).__name__}: {exc}")
        err = exc
    else:
        print(f"\n@@ {name}: NO ERROR")
        err = None
    assert err is not None
    assert isinstance(err, exc_type)
