"""``parlib export`` (parlib.tables.export) one function at a time, fast (no raw data, no CLI): the
rows of a scope, the publishers' default shape, each cell, the written bytes of CSV and xlsx.
Official values are those of the committed panel (data/processed, built from the official files):
PCI 2019 Đà Nẵng 70.153893, rank 5 of 63 (pci/PCI_2019_vcci_mdtrinh.xlsx); the SIPAS 2019 and 2020
published indices and ranks (see each test). Other tables are SYNTHETIC, built here."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from importer_synth import DISTRICTS, imports_dir  # noqa: F401  (imports_dir: a fixture)
from parlib.errors import ParameterError, ParlibError
from parlib.tables import export as E


@pytest.fixture(autouse=True)
def _imports(imports_dir):
    return imports_dir


def import_districts(tmp_path, text=DISTRICTS, unit_type="district", parent="Quảng Nam"):
    from parlib.tables.importer import import_table

    f = tmp_path / "SYNTHETIC_table.csv"
    f.write_text(text, encoding="utf-8")
    return import_table(f, "PAR", 2023, unit_type=unit_type, parent_unit=parent)


def read_csv(path: Path, sep=";"):
    import csv
    import io

    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=sep))


# ------------------------------------------------------------------------------------- scope rows

def test_scope_rows_of_the_committed_panel():
    rows = E._scope_rows("PCI", "2019", "province", None)
    assert rows.unit_code.nunique() == 63
    dn = rows[(rows.unit_code == "48") & (rows.indicator == "PCI.overall")].iloc[0]
    assert (round(dn.value, 6), dn["rank"], dn.rank_of) == (70.153893, 5, 63)
    # SIPAS 2020: six provinces and the national value; the nation is no province
    s = E._scope_rows("SIPAS", 2020, "province", None)
    assert sorted(s.unit_code) == ["22", "24", "30", "31", "60", "66"]
    assert E._scope_rows("SIPAS", 2016, "province", None) is None        # no SIPAS 2016 anywhere
    assert E._scope_rows("SIPAS", 2020, "ministry", None) is None


def test_scope_rows_of_imports_by_unit_type_and_parent(tmp_path):
    import_districts(tmp_path)
    d = E._scope_rows("PAR", 2023, "district", "49")
    assert sorted(d.unit_code) == ["49.hoi-an", "49.tam-ky"]
    assert E._scope_rows("PAR", 2023, "district", "48") is None          # another province's districts
    assert E._scope_rows("PAR", 2023, "commune", "49") is None
    prov = E._scope_rows("PAR", 2023, "province", None)                   # the panel's provinces only
    assert not prov.unit_code.str.startswith("49.").any() and len(prov)


def test_scope_rows_provinces_from_2025_are_provinces(tmp_path):
    from parlib.tables.importer import import_table

    f = tmp_path / "SYNTHETIC_par_2025.csv"
    f.write_text("PAR 2025 (SYNTHETIC TEST TABLE)\nSTT;Tỉnh, thành phố;Chỉ số (%);Xếp hạng\n1;Hà Nội;90,5;1\n"
                 "2;Thành phố Hồ Chí Minh;88,25;2\n", encoding="utf-8")
    import_table(f, "PAR", 2025, allow_partial=True)
    rows = E._scope_rows("PAR", 2025, "province", None)
    assert sorted(rows.unit_code) == ["N01", "N79"] and set(rows.unit_type) == {"province_2025"}


def test_scope_rows_without_a_processed_panel_reads_the_imports(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(tmp_path / "no-panel"))
    assert E._scope_rows("PAR", 2023, "district", "49") is None           # neither panel nor imports
    import_districts(tmp_path)
    import_districts(tmp_path, text=DISTRICTS.replace("Thành phố Tam Kỳ", "Bộ Tư pháp").replace(
        "Thành phố Hội An", "Bộ Tài chính").replace("huyện tỉnh Quảng Nam", "bộ"), unit_type="ministry", parent=None)
    d = E._scope_rows("PAR", 2023, "district", "49")
    assert sorted(d.unit_code) == ["49.hoi-an", "49.tam-ky"]
    m = E._scope_rows("PAR", "2023", "ministry", None)
    assert sorted(m.unit_code) == ["MIN.bo-tai-chinh", "MIN.bo-tu-phap"]
    assert E._scope_rows("PAR", 2022, "district", "49") is None           # another year
    assert E._scope_rows("PCI", 2023, "district", "49") is None           # another index
    assert E._scope_rows("PAR", 2023, "province", None) is None


# ------------------------------------------------------------------------------------- default shape

def rows_of(index, year, vals, maxima=None, ci=None):
    """SYNTHETIC tidy rows of one unit: {indicator: value}."""
    maxima, ci = maxima or {}, ci or {}
    return pd.DataFrame([{"indicator": k, "value": v, "max_value": maxima.get(k), "ci_low": ci.get(k, (None, None))[0],
                          "ci_high": ci.get(k, (None, None))[1]} for k, v in vals.items()])


def labels(shape):
    return [(c["label"], c["role"], c.get("indicator") or c.get("of")) for c in shape["columns"]]


def test_default_shape_of_par_with_maxima_and_total():
    # SYNTHETIC maxima 13 and 16.5: the total column says 13 + 16.5 = 29.5
    rows = rows_of("PAR", 2023, {"PAR.procedures": 12.98, "PAR.impact": 13.51, "PAR.overall": 90.0},
                   {"PAR.procedures": 13.0, "PAR.impact": 16.5, "PAR.overall": 100.0})
    s = E.default_shape("PAR", 2023, rows)
    assert labels(s) == [("STT", "stt", None), ("Tỉnh, thành phố", "unit", None),
                         ("Cải cách thủ tục hành chính (13)", "area", "PAR.procedures"),
                         ("Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của "
                          "tỉnh (16.5)", "area", "PAR.impact"),
                         ("Tổng điểm (29.5)", "total", None), ("Chỉ số (%)", "index", "PAR.overall"),
                         ("Xếp hạng", "rank", None)]
    assert {c.get("decimals") for c in s["columns"] if c["role"] in ("area", "total", "index")} == {2}
    assert {k: s[k] for k in ("index", "year", "locale", "title", "order", "tiers")} == {
        "index": "PAR", "year": 2023, "locale": "vi", "title": [], "order": [], "tiers": {}}


def test_default_shape_of_par_without_a_maximum_has_no_total():
    rows = rows_of("PAR", 2023, {"PAR.procedures": 12.98, "PAR.impact": 13.51, "PAR.direction": None},
                   {"PAR.procedures": 13.0})
    assert labels(E.default_shape("PAR", "2023", rows)) == [
        ("STT", "stt", None), ("Tỉnh, thành phố", "unit", None), ("Cải cách thủ tục hành chính (13)", "area", "PAR.procedures"),
        ("Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của tỉnh", "area",
         "PAR.impact"), ("Xếp hạng", "rank", None)]     # direction has no value: no column; no index value either


def test_default_shape_of_par_2012_split_areas():
    rows = rows_of("PAR", 2012, {"PAR.appraisal": 50.5, "PAR.survey": 30.25, "PAR.overall": 80.75})
    assert [x[2] for x in labels(E.default_shape("PAR", 2012, rows))] == [
        None, None, "PAR.appraisal", "PAR.survey", "PAR.overall", None]   # the split when no thematic area
    both = rows_of("PAR", 2012, {"PAR.appraisal": 50.5, "PAR.direction": 5.0})
    assert [x[2] for x in labels(E.default_shape("PAR", 2012, both))] == [None, None, "PAR.direction", None]


def test_default_shape_bounds_when_any_unit_has_them():
    # SYNTHETIC PAPI rows of two units: bounds for the first only
    rows = pd.concat([rows_of("PAPI", 2019, {"PAPI.total": 45.5}, ci={"PAPI.total": (44.0, 47.0)}),
                      rows_of("PAPI", 2019, {"PAPI.total": 40.25})], ignore_index=True)
    assert [x[1] for x in labels(E.default_shape("PAPI", 2019, rows))] == ["stt", "unit", "index", "ci_low", "ci_high",
                                                                            "rank"]


def test_default_shape_of_a_weighted_total_alone():
    rows = rows_of("PAPI", 2019, {"PAPI.total_weighted": 47.02, "PAPI.total": None})
    assert labels(E.default_shape("PAPI", 2019, rows)) == [
        ("STT", "stt", None), ("Tỉnh, thành phố", "unit", None),
        ("Chỉ số PAPI tổng hợp (có trọng số)", "index", "PAPI.total_weighted"), ("Xếp hạng", "rank", None)]


def test_default_shape_puts_the_overall_score_first(monkeypatch):
    # a SYNTHETIC codebook order with the weighted PAPI total listed before the overall (unweighted) one
    import parlib.codebook as cbmod

    real = cbmod.for_year

    def weighted_first(index, year):
        cb = real(index, year)
        return pd.concat([cb[cb.indicator == "PAPI.total_weighted"], cb[cb.indicator != "PAPI.total_weighted"]])

    monkeypatch.setattr(cbmod, "for_year", weighted_first)
    rows = rows_of("PAPI", 2019, {"PAPI.total_weighted": 47.02, "PAPI.total": 44.99})
    assert [x[2] for x in labels(E.default_shape("PAPI", 2019, rows))] == [None, None, "PAPI.total",
                                                                            "PAPI.total_weighted", None]


def test_default_shape_of_papi_with_bounds_and_of_pci_without_the_derived_score():
    # PAPI 2019 Đà Nẵng as the committed panel holds it (total 44.985287 within 43.544292-46.426281)
    p = E._scope_rows("PAPI", 2019, "province", None)
    s = E.default_shape("PAPI", 2019, p[p.unit_code == "48"])
    got = labels(s)
    assert got[:3] == [("STT", "stt", None), ("Tỉnh, thành phố", "unit", None),
                       ("Tham gia của người dân ở cấp cơ sở", "area", "PAPI.d1")]
    assert got[-7:] == [("Chỉ số PAPI tổng hợp (không có trọng số)", "index", "PAPI.total"),
                        ("Cận dưới", "ci_low", "PAPI.total"), ("Cận trên", "ci_high", "PAPI.total"),
                        ("Chỉ số PAPI tổng hợp (có trọng số)", "index", "PAPI.total_weighted"),
                        ("Cận dưới", "ci_low", "PAPI.total_weighted"), ("Cận trên", "ci_high", "PAPI.total_weighted"),
                        ("Xếp hạng", "rank", None)]
    assert "(10)" not in got[2][0]                      # maxima in labels for PAR only
    c = E.default_shape("PCI", 2019, E._scope_rows("PCI", 2019, "province", None))
    assert [x[2] for x in labels(c)] == [None, None, "PCI.entry_costs", "PCI.land_access", "PCI.transparency",
                                         "PCI.time_costs", "PCI.informal_charges", "PCI.policy_bias", "PCI.proactivity",
                                         "PCI.business_support", "PCI.labour_training", "PCI.legal_institutions",
                                         "PCI.overall", None]
    assert labels(c)[-2][0] == "Điểm số PCI"           # and no column for the derived PCI.unweighted


# ------------------------------------------------------------------------------------- cells

SHAPE = {"columns": [{"label": "STT", "role": "stt"}, {"label": "Đơn vị", "role": "unit"},
                     {"label": "A", "role": "area", "indicator": "X.a", "decimals": 2},
                     {"label": "B", "role": "area", "indicator": "X.b", "decimals": 1},
                     {"label": "Tổng", "role": "total", "decimals": 2},
                     {"label": "Chỉ số", "role": "index", "indicator": "X.overall", "decimals": 3},
                     {"label": "CI", "role": "ci_low", "of": "X.overall", "decimals": 2},
                     {"label": "CI0", "role": "ci_high", "decimals": 2},
                     {"label": "Hạng", "role": "rank"}, {"label": "Hạng A", "role": "area_rank", "indicator": "X.a"},
                     {"label": "Loại", "role": "tier"}, {"label": "?", "role": "other"}],
         "tiers": {"u1": "Rất tốt"}}
WIDE = {("u1", "X.a"): 2.345, ("u1", "X.b"): 6.25, ("u1", "X.overall"): 88.6665,
        ("u2", "X.a"): float("nan"), ("u2", "X.b"): 1.0, ("u2", "X.overall"): None, ("u3", "X.b"): 2.0}
RANK = {("u1", "X.overall"): 3, ("u1", "X.a"): 7, ("u2", "X.overall"): 9, ("u2", "X.a"): 1}
FLAG = {("u2", "X.overall"): "rank_computed", ("u1", "X.a"): "derived"}
CI = {("u1", "X.overall", "ci_low"): 1.005, ("u1", "X.overall", "ci_high"): 2.5}
NAMES = {"u1": "Tam Kỳ", "u2": "Hội An", "u3": "Điện Bàn"}


def cells(code, comma, k=4, shape=SHAPE, overall="X.overall"):
    return [E._cell(c, code, WIDE, RANK, FLAG, CI, shape, comma, k, overall, NAMES) for c in shape["columns"]]


def test_cells_of_a_unit():
    # half-up at the printed decimals, from the shortest repr: 2.345 → 2.35 (not 2.34 from the binary
    # value), 6.25 → 6.3 (1 decimal), 88.6665 → 88.667; total 2.345 + 6.25 = 8.595 → 8.60
    assert cells("u1", False) == ["4", "Tam Kỳ", "2.35", "6.3", "8.60", "88.667", "1.01", "2.50", "3", "7", "Rất tốt", ""]
    assert cells("u1", True)[2:8] == ["2,35", "6,3", "8,60", "88,667", "1,01", "2,50"]


def test_cells_missing_values_and_computed_ranks_are_blank():
    # u2: X.a is NaN (no total), no index value; its overall rank was computed: not printed as a rank
    assert cells("u2", True, k=1) == ["1", "Hội An", "", "1,0", "", "", "", "", "", "1", "", ""]
    # u3 has no X.a at all: no total either
    assert cells("u3", False, k=2) == ["2", "Điện Bàn", "", "2.0", "", "", "", "", "", "", "", ""]


def test_cells_a_bound_of_another_score():
    shape = {"columns": [{"label": "CI a", "role": "ci_low", "of": "X.a", "decimals": 2}]}
    ci = {("u1", "X.a", "ci_low"): 1.5, ("u1", "X.overall", "ci_low"): 9.0}
    assert E._cell(shape["columns"][0], "u1", WIDE, RANK, FLAG, ci, shape, False, 1, "X.overall", NAMES) == "1.50"


def test_cells_never_in_scientific_notation():
    # a hand-edited shape may ask for more decimals than parlib reads (6); zero and a tiny value
    # still go out as plain decimals: 0 → 0.00000000, 0.000000015 → 0.00000002 (half up)
    shape = {"columns": [{"label": "A", "role": "area", "indicator": "X.z", "decimals": 8}]}
    for v, text in ((0.0, "0.00000000"), (1.5e-8, "0.00000002")):
        assert E._cell(shape["columns"][0], "u1", {("u1", "X.z"): v}, RANK, FLAG, CI, shape, False, 1, "X.overall",
                       NAMES) == text


def test_cells_a_shape_without_tiers():
    shape = {"columns": [{"label": "Loại", "role": "tier"}]}                 # a shape file with no "tiers"
    assert cells("u1", False, shape=shape) == [""]


def test_cells_rank_of_the_only_score_printed():
    # the shape prints X.only alone: the rank column is its rank, whatever the codebook's overall
    shape = {"columns": [{"label": "S", "role": "index", "indicator": "X.a", "decimals": 0},
                         {"label": "Hạng", "role": "rank"}]}
    assert cells("u1", False, shape=shape) == ["2", "7"]
    two = {"columns": shape["columns"] + [{"label": "T", "role": "index", "indicator": "X.b", "decimals": 0}]}
    assert cells("u1", False, shape=two) == ["2", "3", "6"]       # two scores, neither the overall: the overall
    assert E._cell({"label": "D", "role": "index", "indicator": "X.a"}, "u1", WIDE, RANK, FLAG, CI, shape, False, 1,
                   "X.overall", NAMES) == "2"                    # no decimals given: whole numbers


# ------------------------------------------------------------------------------------- writing

TABLE = [["Bảng SYNTHETIC", "", ""], ["Đơn vị", "Điểm", "Ghi chú"], ["Tam Kỳ", "12,5", "=1+1"], ["Hội An", "-3", "@x"]]


def test_write_rows_vi_csv_bytes(tmp_path):
    out = E.write_rows(TABLE, tmp_path / "t.csv", True)
    assert out == tmp_path / "t.csv"
    assert out.read_bytes() == ("\ufeffBảng SYNTHETIC;;\r\nĐơn vị;Điểm;Ghi chú\r\nTam Kỳ;12,5;'=1+1\r\n"
                                "Hội An;-3;'@x\r\n").encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]        # no temporary file left


def test_write_rows_en_csv_bytes(tmp_path):
    out = E.write_rows([["a", "1.5"], ["b, c", ""]], tmp_path / "t.txt", False)
    assert out.read_bytes() == b'a,1.5\n"b, c",\n'


def test_write_rows_xlsx_numbers_and_text(tmp_path):
    from openpyxl import load_workbook

    out = E.write_rows(TABLE, tmp_path / "t.XLSX", True, sheet_title="PAR 2023")
    ws = load_workbook(out).active
    assert ws.title == "PAR 2023"
    assert [[c.value for c in r] for r in ws.iter_rows()] == [
        ["Bảng SYNTHETIC", None, None], ["Đơn vị", "Điểm", "Ghi chú"], ["Tam Kỳ", 12.5, "=1+1"], ["Hội An", -3, "@x"]]
    assert ws["C3"].data_type == "s"                                 # text, never a formula
    assert E.write_rows([["x"]], tmp_path / "d.xlsx", False).exists()
    assert load_workbook(tmp_path / "d.xlsx").active.title == "Sheet1"


@pytest.mark.parametrize("text,value", [("12", 12), ("12,5", 12.5), ("12.5", 12.5), ("12.0", 12.0), ("-3", -3),
                                        ("", None), ("Tam Kỳ", "Tam Kỳ"), ("1,2,3", "1,2,3"), ("50%", "50%"),
                                        (7, 7), (None, None)])
def test_xl_cell_values(text, value):
    got = E._xl(text)
    assert got == value and type(got) is type(value)


# ------------------------------------------------------------------------------------- export_table

def test_export_sipas_2020_of_the_panel_in_published_rank_order(tmp_path):
    # published: Quảng Ninh 95.76 (1), Hải Phòng 93.57 (2), Bắc Giang 92.54 (3), Hải Dương 92.20 (4),
    # Đắk Lắk 77.42 (62), Bình Thuận 75.68 (63); the national 85.48 is no province
    out = E.export_table("sipas", 2020, tmp_path / "s.csv")
    rows = read_csv(out)
    assert rows[0] == ["SIPAS 2020 (province) - exported by parlib", "", "", ""]
    assert rows[1] == ["STT", "Tỉnh, thành phố", "Chỉ số SIPAS (%)", "Xếp hạng"]
    body = [(r[0], r[1], r[-2], r[-1]) for r in rows[2:]]
    assert [b[2:] for b in body] == [("95,76", "1"), ("93,57", "2"), ("92,54", "3"), ("92,20", "4"), ("77,42", "62"),
                                     ("75,68", "63")]
    assert [b[0] for b in body] == ["1", "2", "3", "4", "5", "6"]
    assert [b[1] for b in body] == ["Quảng Ninh", "Hải Phòng", "Bắc Giang", "Hải Dương", "Đắk Lắk", "Bình Thuận"]
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_export_a_rank_without_a_value_and_the_en_locale(tmp_path):
    # SIPAS 2019: Quảng Ninh 95.26 (1); Hải Phòng and Cà Mau published with their ranks (2, 3) only
    out = E.export_table("SIPAS", 2019, tmp_path / "s.csv", locale="en", title="SIPAS 2019 SYNTHETIC title")
    rows = read_csv(out, sep=",")
    assert rows[0][0] == "SIPAS 2019 SYNTHETIC title"
    assert [(r[-2], r[-1]) for r in rows[2:]] == [("95.26", "1"), ("", "2"), ("", "3")]
    assert [r[1] for r in rows[2:]] == ["Quảng Ninh", "Hải Phòng", "Cà Mau"]
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_pci_2019_da_nang_row(tmp_path):
    out = E.export_table("PCI", 2019, tmp_path / "p.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    assert ws.title == "PCI 2019"
    vals = [[c.value for c in r] for r in ws.iter_rows()]
    dn = [r for r in vals if r[1] == "Đà Nẵng"][0]
    # the official values to two decimals, half up: 7.889423 → 7.89 ... 70.153893 → 70.15, rank 5
    assert dn == [5, "Đà Nẵng", 7.89, 7.44, 6.59, 7.08, 6.75, 5.32, 6.76, 6.76, 7.99, 6.99, 70.15, 5]
    assert vals[2][1] == "Quảng Ninh" and vals[2][-1] == 1 and vals[-1][-1] == 63 and len(vals) == 2 + 63


def test_export_papi_2019_da_nang_bounds(tmp_path):
    # the panel's PAPI 2019 Đà Nẵng totals: 44.985287 (43.544292-46.426281) → 44,99 (43,54-46,43);
    # weighted 47.017818 (45.138626-48.897011) → 47,02 (45,14-48,90); the ranks of both are computed
    # by the build (rank_computed), so the rank column is left blank
    rows = read_csv(E.export_table("PAPI", 2019, tmp_path / "p.csv"))
    dn = [r for r in rows if r[1] == "Đà Nẵng"][0]
    assert dn[-7:] == ["44,99", "43,54", "46,43", "47,02", "45,14", "48,90", ""]
    assert rows[1][-7:] == ["Chỉ số PAPI tổng hợp (không có trọng số)", "Cận dưới", "Cận trên",
                            "Chỉ số PAPI tổng hợp (có trọng số)", "Cận dưới", "Cận trên", "Xếp hạng"]


def test_export_an_imported_table_in_its_own_shape_and_order(tmp_path):
    # SYNTHETIC: Hội An (rank 2) printed before Tam Kỳ (rank 1): the export keeps the table's order
    lines = DISTRICTS.split("\n")
    import_districts(tmp_path, text="\n".join(lines[:2] + [lines[3].replace("2;", "1;", 1), lines[2].replace("1;", "2;", 1)])
                     + "\n")
    out = E.export_table("PAR", 2023, tmp_path / "d.csv", unit_type="district", parent_unit="Quảng Nam")
    assert read_csv(out) == [
        ["Chỉ số CCHC cấp huyện tỉnh Quảng Nam năm 2023 (SYNTHETIC TEST FIXTURE — not official data)", "", "", ""],
        ["STT", "Đơn vị", "Chỉ số (%)", "Xếp hạng"], ["1", "Thành phố Hội An", "91,07", "2"],
        ["2", "Thành phố Tam Kỳ", "94,64", "1"]]
    en = E.export_table("PAR", 2023, tmp_path / "d_en.csv", unit_type="district", parent_unit="Quảng Nam", locale="en")
    assert read_csv(en, sep=",")[3] == ["2", "Thành phố Tam Kỳ", "94.64", "1"]


def test_export_an_imported_table_whose_shape_lacks_locale_and_order(tmp_path, imports_dir):
    import json

    lines = DISTRICTS.split("\n")
    import_districts(tmp_path, text="\n".join(lines[:2] + [lines[3], lines[2]]) + "\n")   # Hội An first
    shape_file = imports_dir / "shape_par_2023_district-49.json"
    shape = json.loads(shape_file.read_text(encoding="utf-8"))
    del shape["locale"], shape["order"]                                        # a hand-edited shape file
    shape_file.write_text(json.dumps(shape, ensure_ascii=False), encoding="utf-8")
    out = E.export_table("PAR", 2023, tmp_path / "d.csv", unit_type="district", parent_unit="Quảng Nam")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")                      # vi when the shape says nothing
    assert [r[:2] for r in read_csv(out)[2:]] == [["1", "Thành phố Tam Kỳ"], ["2", "Thành phố Hội An"]]   # by rank
    vi = E.export_table("PAR", 2023, tmp_path / "d_vi.csv", unit_type="district", parent_unit="Quảng Nam",
                        locale="vi")
    assert read_csv(vi)[2] == ["1", "Thành phố Tam Kỳ", "94,64", "1"]


def test_export_an_en_table_goes_back_out_en(tmp_path):
    en = DISTRICTS.replace(",", ".").replace(";", ",").replace("(SYNTHETIC", "- SYNTHETIC").replace("data)", "data")
    import_districts(tmp_path, text=en)
    out = E.export_table("PAR", 2023, tmp_path / "d.csv", unit_type="district", parent_unit="Quảng Nam")
    assert out.read_bytes().startswith("Chỉ số CCHC".encode("utf-8"))        # no BOM
    assert read_csv(out, sep=",")[2] == ["1", "Thành phố Tam Kỳ", "94.64", "1"]


def test_export_the_printed_rank_of_a_table_with_two_totals(tmp_path):
    # SYNTHETIC PAPI 2019 districts with both totals and a printed rank (of the unweighted total, the overall):
    # 45.5 → rank 1, 40.25 → rank 2 even though the weighted totals run the other way; a column is printed
    # at its largest printed precision (40,25: two decimals, so 45,5 goes out as 45,50)
    from parlib.tables.importer import import_table

    f = tmp_path / "SYNTHETIC_papi_districts.csv"
    f.write_text("PAPI 2019 SYNTHETIC\nĐơn vị;Chỉ số PAPI tổng hợp (không có trọng số);Chỉ số PAPI tổng hợp (có trọng số);"
                 "Xếp hạng\nThành phố Tam Kỳ;45,5;40,1;1\nThành phố Hội An;40,25;41,2;2\n", encoding="utf-8")
    import_table(f, "PAPI", 2019, unit_type="district", parent_unit="Quảng Nam")
    out = E.export_table("PAPI", 2019, tmp_path / "p.csv", unit_type="district", parent_unit="Quảng Nam")
    assert read_csv(out)[1:] == [["Đơn vị", "Chỉ số PAPI tổng hợp (không có trọng số)", "Chỉ số PAPI tổng hợp (có trọng số)",
                                  "Xếp hạng"], ["Thành phố Tam Kỳ", "45,50", "40,1", "1"], ["Thành phố Hội An", "40,25", "41,2", "2"]]


def test_export_ignores_a_shape_file_without_imported_rows(tmp_path, imports_dir):
    # SYNTHETIC stale shape file for SIPAS 2020 (its import removed): the panel's official rows go out
    # in the default shape, not in the stale one
    import json

    imports_dir.mkdir()
    (imports_dir / "shape_sipas_2020_province.json").write_text(json.dumps(
        {"columns": [{"label": "SYNTHETIC", "role": "unit"}], "title": ["SYNTHETIC stale"], "order": ["22"],
         "locale": "en"}), encoding="utf-8")
    rows = read_csv(E.export_table("SIPAS", 2020, tmp_path / "s.csv"))
    assert rows[0][0] == "SIPAS 2020 (province) - exported by parlib" and rows[1][-1] == "Xếp hạng" and len(rows) == 8


def test_export_refuses_what_it_cannot_write(tmp_path):
    with pytest.raises(ParameterError, match=r"^invalid --locale: 'fr'; allowed: en, vi$"):
        E.export_table("PAR", 2023, tmp_path / "x.csv", locale="fr")
    with pytest.raises(ParlibError, match=re.escape("nothing to export for SIPAS 2016 (province): neither the panel "
                                                    "nor the imports hold it")):
        E.export_table("SIPAS", 2016, tmp_path / "x.csv")
    with pytest.raises(ParlibError, match=re.escape("nothing to export for PAR 2023 (district-49)")):
        E.export_table("PAR", 2023, tmp_path / "x.csv", unit_type="district", parent_unit="Quảng Nam")
    with pytest.raises(ParameterError, match=r"^invalid --index: 'XYZ'"):
        E.export_table("XYZ", 2023, tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
