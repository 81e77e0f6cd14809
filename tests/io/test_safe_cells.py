"""Formula injection (issue 18): ``parlib export`` never writes a unit name as a live spreadsheet
formula -- formula-like text gets a leading apostrophe in CSV and is a string cell in xlsx
(OWASP CSV-injection guidance); numbers, negative ones included, stay numbers."""
from __future__ import annotations

import csv
import io
import zipfile

import pytest

from parlib.io.safe_cells import csv_cell, formula_like

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1+1)", "-2+3+cmd|' /C calc'!A0",
           "@SUM(A1:A2)"]
MINISTRIES = "\"Bộ, cơ quan ngang bộ\",Chỉ số (%),Xếp hạng\n" + "".join(
    f"\"{name.replace(chr(34), chr(34) * 2)}\",{90 - k},{k + 1}\n" for k, name in enumerate(HOSTILE)) + \
    "Bộ Tư pháp,80,5\n"


@pytest.mark.parametrize("text", HOSTILE + ["\tcmd", "\rcmd", "=1", "-x"])
def test_formula_like_text_gets_an_apostrophe(text):
    assert formula_like(text)
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-1.5", "-1,5", "+2", "-3", "12%", "Bộ Tư pháp", "", "a=b", 85.43, -2, None])
def test_numbers_and_plain_text_are_left_alone(value):
    assert csv_cell(value) == value


@pytest.fixture
def imported(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path / "imported"))
    from parlib import provinces
    from parlib.tables.importer import import_table

    provinces.clear_cache()
    f = tmp_path / "ministries.csv"
    f.write_text(MINISTRIES, encoding="utf-8")
    res = import_table(f, "PAR", 2023, unit_type="ministry")
    assert sorted(res.panel.unit_name) == sorted(HOSTILE + ["Bộ Tư pháp"])
    yield tmp_path
    provinces.clear_cache()


@pytest.mark.parametrize("locale", ["en", "vi"])
def test_csv_export_neutralises_formula_like_unit_names(imported, locale):
    from parlib.tables.importer import export_table

    out = export_table("PAR", 2023, imported / f"out_{locale}.csv", unit_type="ministry", locale=locale)
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if locale == "vi" else ","))
    names = [r[0] for r in rows[2:]]     # the table came without an STT column and goes back out so
    assert names == ["'" + h for h in HOSTILE] + ["Bộ Tư pháp"]
    for r in rows[2:]:   # no cell of the export starts with a formula trigger
        assert not any(c[:1] in ("=", "+", "@", "\t", "\r") for c in r)
        assert not any(c.startswith("-") and not c.lstrip("-").replace(",", "").replace(".", "").isdigit()
                       for c in r)


def test_xlsx_export_writes_formula_like_unit_names_as_string_cells(imported):
    from openpyxl import load_workbook

    from parlib.tables.importer import export_table

    out = export_table("PAR", 2023, imported / "out.xlsx", unit_type="ministry")
    with zipfile.ZipFile(out) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet    # no formula anywhere in the workbook
    ws = load_workbook(out).active
    names = [ws.cell(r, 1).value for r in range(3, 3 + len(HOSTILE) + 1)]
    assert names == HOSTILE + ["Bộ Tư pháp"]            # shown verbatim, as text
    assert all(ws.cell(r, 1).data_type == "s" for r in range(3, 3 + len(HOSTILE)))
    assert ws.cell(3, 2).value == 90 and ws.cell(3, 2).data_type == "n"   # numbers stay numbers
