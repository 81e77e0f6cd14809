"""What an import writes (parlib.tables.store): the panel rows, the import report, the table's shape
for ``parlib export`` and the registry of imported units, all in one staged swap. Expected values
from the SYNTHETIC fixture tests/fixtures/par (first rows Hà Nội 01, Hà Giang 02, Cao Bằng 04;
decimal commas in the CSV, numbers in the workbook)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from parlib.tables.importer import import_table
from parlib.tables.store import read_shape, shape_path
from parlib.tables.units import units_csv_bytes

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "par"
CSV23 = FIX / "SYNTHETIC_par_index_provinces_2023_vi-locale.csv"
XLSX23 = FIX / "SYNTHETIC_par_index_provinces_2023.xlsx"
TABLE = ("Chỉ số CCHC cấp huyện tỉnh Quảng Nam năm 2023 (SYNTHETIC TEST FIXTURE — not official data)\n"
         "STT;Đơn vị;Chỉ số (%);Xếp hạng\n1;{a};94,64;1\n2;{b};91,07;2\n")


@pytest.fixture
def imported(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path / "imported"))
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(tmp_path / "processed"))
    return tmp_path / "imported"


def test_the_shape_of_a_vi_csv_and_of_a_workbook(imported):
    res = import_table(CSV23, "PAR", 2023)
    s = res.shape
    assert {k: s[k] for k in ("version", "index", "year", "scope", "file", "sheet", "format", "locale", "tiers")} == {
        "version": 1, "index": "PAR", "year": 2023, "scope": "province", "file": CSV23.name, "sheet": None,
        "format": "csv", "locale": "vi", "tiers": {}}
    assert s["title"] == ["SYNTHETIC TEST FIXTURE — not official data", "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023 "
                          "CỦA CÁC TỈNH, THÀNH PHỐ (DỮ LIỆU GIẢ LẬP - SYNTHETIC)"]
    assert s["columns"][:3] == [
        {"label": "STT", "role": "stt", "indicator": None, "decimals": 0, "of": None, "max_value": None},
        {"label": "Tỉnh, thành phố", "role": "unit", "indicator": None, "decimals": 0, "of": None, "max_value": None},
        {"label": "Công tác chỉ đạo, điều hành CCHC (10)", "role": "area", "indicator": "PAR.direction",
         "decimals": 2, "of": None, "max_value": 10.0}]
    assert len(s["order"]) == 63 and s["order"][:3] == ["01", "02", "04"]
    assert sorted(p.name for p in imported.iterdir()) == [
        "import_report_par_2023_province.csv", "panel_par_2023_province.csv", "shape_par_2023_province.json"]
    assert shape_path("PAR", 2023, "province") == imported / "shape_par_2023_province.json"
    text = (imported / "shape_par_2023_province.json").read_text(encoding="utf-8")
    assert text == json.dumps(s, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert "Tỉnh, thành phố" in text                        # written as UTF-8, not \\u escapes
    assert read_shape("PAR", 2023, "province") == s and read_shape("PAR", 2022, "province") is None
    raw = (imported / "import_report_par_2023_province.csv").read_text(encoding="utf-8")
    assert raw.split("\n")[0] == "kind,source,sheet,row,unit_as_written,unit_code,status,column,reason,value"
    report = list(csv.DictReader(io.StringIO(raw)))
    assert sum(r["status"] == "kept" for r in report) == 63
    xl = import_table(XLSX23, "PAR", 2023, dry_run=True).shape
    assert (xl["format"], xl["locale"], xl["sheet"], xl["file"]) == ("xlsx", "en", "PAR 2023 SYNTHETIC", XLSX23.name)


def test_units_csv_keeps_the_registered_units_sorted_and_once(imported, tmp_path):
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(TABLE.format(a="Thành phố Tam Kỳ", b="Thành phố Hội An"), encoding="utf-8")
    res = import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam")
    assert [u["unit_code"] for u in res.new_units] == ["49.tam-ky", "49.hoi-an"]
    f.write_text(TABLE.format(a="Thị xã Điện Bàn", b="Thành phố Hội An"), encoding="utf-8")
    import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", replace=True)
    rows = list(csv.DictReader(io.StringIO((imported / "units.csv").read_text(encoding="utf-8"))))
    assert [r["unit_code"] for r in rows] == ["49.dien-ban", "49.hoi-an", "49.tam-ky"]
    assert (imported / "units.csv").read_bytes() == units_csv_bytes(rows)
    assert (imported / "panel_par_2023_district-49.csv").exists()
    assert (imported / "shape_par_2023_district-49.json").exists()


def test_an_en_locale_csv_is_recorded_as_en(imported, tmp_path):
    text = CSV23.read_bytes().decode("utf-8-sig").replace(",", ".").replace(";", ",")   # decimal points, ',' separator
    f = tmp_path / "SYNTHETIC_par_2023_en.csv"
    f.write_text(text, encoding="utf-8")
    assert import_table(f, "PAR", 2023, dry_run=True).shape["locale"] == "en"


def test_units_csv_is_switched_in_before_the_panel_rows_that_use_its_units(imported, tmp_path, monkeypatch):
    import os

    real, order = os.replace, []

    def record(src, dst):
        if ".commit-" in str(src):
            order.append(Path(dst).name)
        real(src, dst)

    monkeypatch.setattr(os, "replace", record)
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(TABLE.format(a="Thành phố Tam Kỳ", b="Thành phố Hội An"), encoding="utf-8")
    import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam")
    assert order[0] == "units.csv" and "panel_par_2023_district-49.csv" in order[1:]
