"""``parlib import`` (parlib.tables.importer) from the rows on, fast, on SYNTHETIC tables built here:
reading the rows and cells of a sheet, the number of units, ranks printed or computed, the panel rows,
their validation, and ``import_table`` end to end on small tables in a temporary folder. Expected
values by hand in the comments; Đà Nẵng's PCI 2019 row is the official one (two decimals of the
committed panel's values from pci/PCI_2019_vcci_mdtrinh.xlsx: PCI 70.15, rank 5 of 63)."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from importer_synth import DISTRICTS, SYNTH, dropped, imports_dir, rec, tbl, unit  # noqa: F401  (imports_dir: a fixture)
from parlib.errors import PanelValidationError, ParameterError, SourceFormatError
from parlib.tables import importer as I
from parlib.tables.layout import Column

D = Decimal


@pytest.fixture(autouse=True)
def _imports(imports_dir):
    return imports_dir


# ------------------------------------------------------------------------------------- rows

ROW_COLS = [Column(0, "STT", "stt"), unit(), Column(2, "Cải cách thủ tục hành chính", "area", "PAR.procedures", 13.0),
            Column(3, "Chỉ số (%)", "index", "PAR.overall", 100.0), Column(4, "Xếp hạng", "rank")]


def frame(rows):
    """A SYNTHETIC sheet: a title row, the header, then ``rows``."""
    head = [[SYNTH, None, None, None, None], ["STT", "Tỉnh, thành phố", "Cải cách thủ tục hành chính", "Chỉ số (%)",
                                              "Xếp hạng"]]
    return pd.DataFrame(head + rows, dtype=object)


def test_read_rows_keeps_units_and_reports_every_row():
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    df = frame([["1", "Long An", "12,98", "88,5", "1"], [None, None, None, None, None],
                ["2", "TP. Hà Nội", "11", "80,25", "2"], [None, "Trung bình", "11,99", "84,375", None],
                [None, "Ghi chú: SYNTHETIC", None, None, None]])
    I._read_rows(t, df, None, 2023)
    assert [(r["row"], r["code"], r["uname"], r["new"]) for r in t.records] == [
        (3, "80", "Long An", None), (5, "01", "Hà Nội", None)]          # sheet rows: the header is row 2
    assert t.records[0]["vals"] == {"PAR.procedures": D("12.98"), "PAR.overall": D("88.5")}
    assert t.records[1]["ranks"] == {"PAR.overall": 2}
    assert t.records[1]["name"] == "TP. Hà Nội"
    kept = [(e["source"], e["sheet"], e["row"], e["unit_as_written"], e["unit_code"]) for e in t.report.entries
            if e["status"] == "kept"]
    assert kept == [("import:t.csv#S", "S", 3, "Long An", "80"), ("import:t.csv#S", "S", 5, "TP. Hà Nội", "01")]
    assert dropped(t) == [(4, None, "blank row"), (6, "Trung bình", "summary row (Trung bình), not a unit"),
                          (7, "Ghi chú: SYNTHETIC", "footnote or note row")]


def test_read_rows_other_units_are_registered_in_their_scope():
    t = tbl("PAR", 2023, ROW_COLS, unit_type="district", header_row=1)
    I._read_rows(t, frame([["1", "Thành phố Tam Kỳ", "12", "90", "1"]]), "49", 2023)
    assert t.records[0]["code"] == "49.tam-ky"
    assert t.records[0]["new"] == {"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Thành phố Tam Kỳ",
                                   "name_en": "Thanh Pho Tam Ky", "scope": "district-49", "parent_code": "49"}


def test_read_rows_a_registered_unit_is_not_new(tmp_path):
    (tmp_path / "imported").mkdir()
    (tmp_path / "imported" / "units.csv").write_text(
        "unit_code,unit_type,name_vi,name_en,scope,parent_code\n49.tam-ky,district,Thành phố Tam Kỳ (SYNTHETIC),"
        "Tam Ky,district-49,49\n", encoding="utf-8")
    t = tbl("PAR", 2023, ROW_COLS, unit_type="district", header_row=1)
    I._read_rows(t, frame([["1", "TP Tam Kỳ", "12", "90", "1"]]), "49", 2023)
    assert t.records == [{"row": 3, "name": "TP Tam Kỳ", "code": "49.tam-ky", "uname": "Thành phố Tam Kỳ (SYNTHETIC)",
                          "new": None, "vals": {"PAR.procedures": D("12"), "PAR.overall": D("90")},
                          "ranks": {"PAR.overall": 1}, "ci": {}, "total": None, "tier": None, "derived": set()}]


def test_read_rows_an_unknown_province_names_the_cell():
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'Tỉnh, thành phố': unknown province "
                       r"name 'Atlantis'"):
        I._read_rows(t, frame([["1", "Long An", "12", "90", "1"], ["2", "Atlantis", "11", "80", "2"]]), None, 2023)


def test_read_rows_provinces_resolve_in_the_scheme_of_the_year():
    # Hà Nội is 01 among the 63 provinces until 2024 and N01 among the 34 from 2025
    t = tbl("PAR", 2025, ROW_COLS, header_row=1)
    I._read_rows(t, frame([["1", "Hà Nội", "12", "90", "1"]]), None, 2025)
    assert [r["code"] for r in t.records] == ["N01"]


def test_read_rows_a_unit_twice_names_both_rows():
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    df = frame([["1", "Long An", "12", "90", "1"], ["2", "Hà Nội", "11", "80", "2"], ["3", "Tỉnh Long An", "12", "90", "1"]])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'Tỉnh, thành phố': duplicated unit "
                       r"'Tỉnh Long An' \(80 Long An\): already in row 3 expected each unit once$"):
        I._read_rows(t, df, None, 2023)


def test_read_rows_an_empty_table_is_refused():
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 3, column 'Tỉnh, thành phố': no unit rows "
                       r"under the header expected one row per unit$"):
        I._read_rows(t, frame([[None, "Ghi chú", None, None, None]]), None, 2023)


def test_read_rows_stops_at_the_unit_limit(monkeypatch):
    df = frame([["1", "Long An", "12", "90", "1"], ["2", "Hà Nội", "11", "80", "2"], ["3", "Cần Thơ", "10", "70", "3"]])
    monkeypatch.setenv("PARLIB_MAX_UNITS", "2")
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5: 3 units in the table, over the "
                       r"units per import limit of 2 \(raise it with the environment variable PARLIB_MAX_UNITS\)"):
        I._read_rows(t, df, None, 2023)
    assert len(t.records) == 3                                 # refused at the third unit, not later
    monkeypatch.setenv("PARLIB_MAX_UNITS", "3")
    t = tbl("PAR", 2023, ROW_COLS, header_row=1)
    I._read_rows(t, df, None, 2023)                            # exactly at the limit: fine
    assert [r["code"] for r in t.records] == ["80", "01", "92"]


# ------------------------------------------------------------------------------------- count

def test_check_count_wants_every_province_of_the_year():
    t = tbl("PAR", 2023, ROW_COLS)
    t.records = [rec(3, "80", {"PAR.overall": "88.5"}), rec(4, "01", {"PAR.overall": "80"})]
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'Tỉnh, thành phố': 2 provinces in "
                       r"the table expected 63 provinces in 2023 \(pass --allow-partial for an excerpt\)$"):
        I._check_count(t, False)
    assert I._check_count(t, True) is None
    t25 = tbl("PAR", 2025, ROW_COLS)
    t25.records = [rec(3, "01", {"PAR.overall": "80"})]
    with pytest.raises(SourceFormatError, match=r"1 provinces in the table expected 34 provinces in 2025"):
        I._check_count(t25, False)
    d = tbl("PAR", 2023, ROW_COLS, unit_type="district")
    d.records = [rec(3, "49.tam-ky", {"PAR.overall": "90"})]
    assert I._check_count(d, False) is None                    # no count for other units


def test_check_count_a_par_or_sipas_row_needs_its_index():
    t = tbl("PAR", 2023, ROW_COLS)
    t.records = [rec(3, "80", {"PAR.overall": "88.5"}), rec(4, "01", {"PAR.procedures": "11"})]
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'Chỉ số \(%\)': no index value "
                       r"expected a number$"):
        I._check_count(t, True)
    tot = tbl("PAR", 2023, [unit(), Column(2, "Tổng điểm", "total")])
    tot.records = [rec(3, "80", total="88.5")]
    with pytest.raises(SourceFormatError, match=r"row 3, column 'Tổng điểm': no index value"):
        I._check_count(tot, True)                             # PAR: a total is not the index
    bare = tbl("SIPAS", 2023, [unit(), Column(2, "x", "area", "SIPAS.access")])
    bare.records = [rec(3, "80", {"SIPAS.access": "80"})]
    with pytest.raises(SourceFormatError, match=r"row 3, column 'Tỉnh, thành phố': no index value"):
        I._check_count(bare, True)
    pci = tbl("PCI", 2019, [unit(), Column(2, "x", "area", "PCI.entry_costs")])
    pci.records = [rec(3, "48", {"PCI.entry_costs": "7.89"})]
    assert I._check_count(pci, True) is None                  # PCI sub-indices alone: fine


def test_check_count_a_sipas_total_is_its_index():
    t = tbl("SIPAS", 2023, [unit(), Column(2, "Tổng", "total")])
    t.records = [rec(3, "80", total="81.5"), rec(4, "01", {"SIPAS.overall": "79.25"}, total="70")]
    I._check_count(t, True)
    assert [r["vals"]["SIPAS.overall"] for r in t.records] == [D("81.5"), D("79.25")]   # a printed index wins
    p = tbl("PAR", 2023, [unit(), Column(2, "Tổng", "total"), Column(3, "Chỉ số", "index", "PAR.overall")])
    p.records = [rec(3, "80", {"PAR.overall": "88"}, total="81.5")]
    I._check_count(p, True)
    assert p.records[0]["vals"] == {"PAR.overall": D("88")}


# ------------------------------------------------------------------------------------- ranks and panel rows

def ranked_table(unit_type="province", year=2023):
    """Three SYNTHETIC rows: procedures 12.98 / 11 / 12.98 (a tie), index 88.5 / 80.25 / 90, printed ranks 2, 3, 1."""
    t = tbl("PAR", year, ROW_COLS, unit_type=unit_type)
    codes = ["80", "01", "92"] if unit_type == "province" else ["49.tam-ky", "49.hoi-an", "49.dien-ban"]
    for row, code, p, x, rk in [(3, codes[0], "12.98", "88.5", 2), (4, codes[1], "11", "80.25", 3),
                                (5, codes[2], "12.98", "90", 1)]:
        t.records.append(rec(row, code, {"PAR.procedures": p, "PAR.overall": x}, {"PAR.overall": rk}))
    return t, codes


def test_ranks_printed_are_kept_computed_among_all_units_otherwise():
    t, c = ranked_table("district")
    out, rank_of = I._ranks(t, ["PAR.overall", "PAR.procedures"])
    assert rank_of == 3                                        # districts: ranked among the table's 3 units
    assert out["PAR.overall"] == ({c[0]: 2, c[1]: 3, c[2]: 1}, False)
    # competition ranks of 12.98, 11, 12.98: the tie shares 1st, then 3rd
    assert out["PAR.procedures"] == ({c[0]: 1, c[1]: 3, c[2]: 1}, True)


def test_ranks_printed_are_checked_against_the_scores():
    t, c = ranked_table("district")
    t.records[0]["ranks"]["PAR.overall"] = 1                   # 88.5 ranked above 90
    with pytest.raises(SourceFormatError, match=r"row 3, column 'Xếp hạng': rank 1 with score 88.5 disagrees with "
                       r"row 5 \(score 90, rank 1\)"):
        I._ranks(t, ["PAR.overall"])


def test_ranks_an_area_rank_column_and_an_empty_rank_column():
    t, c = ranked_table("district")
    t.layout.columns.append(Column(5, "Xếp hạng TTHC", "area_rank", "PAR.procedures"))
    for r, rk in zip(t.records, (1, 3, 2)):                    # SYNTHETIC published ranks of the tie: 1 and 2
        r["ranks"]["PAR.procedures"] = rk
        r["ranks"]["PAR.overall"] = None                       # an empty rank column: computed
    out, _ = I._ranks(t, ["PAR.overall", "PAR.procedures"])
    assert out["PAR.procedures"] == ({c[0]: 1, c[1]: 3, c[2]: 2}, False)
    assert out["PAR.overall"] == ({c[0]: 2, c[1]: 3, c[2]: 1}, True)   # 88.5, 80.25, 90 → 2, 3, 1


def test_ranks_a_rank_column_with_gaps_is_still_the_printed_one():
    t, c = ranked_table("district")
    t.records[1]["ranks"]["PAR.overall"] = None
    out, _ = I._ranks(t, ["PAR.overall"])
    assert out["PAR.overall"] == ({c[0]: 2, c[1]: None, c[2]: 1}, False)


def full_provinces(missing=0):
    """SYNTHETIC procedures scores of the 63 provinces of 2023: 12.6, 12.4, ... in registry order, the
    last ``missing`` left empty; no rank column."""
    from parlib import provinces

    codes = list(provinces.units("63").unit_code)
    t = tbl("PAR", 2023, [unit(), Column(2, "TTHC", "area", "PAR.procedures", 13.0)])
    for k, code in enumerate(codes):
        v = None if k >= 63 - missing else str(D("12.6") - D("0.2") * k)
        t.records.append(rec(3 + k, code, {"PAR.procedures": v}))
    return t, codes


def test_ranks_computed_among_all_63_provinces():
    t, codes = full_provinces()
    out, rank_of = I._ranks(t, ["PAR.procedures"])
    # strictly decreasing scores in registry order: ranks 1..63
    assert rank_of == 63 and out["PAR.procedures"] == ({c: k + 1 for k, c in enumerate(codes)}, True)
    t, codes = full_provinces(missing=1)                      # 62 of 63 with a score: no computed rank
    assert I._ranks(t, ["PAR.procedures"])[0]["PAR.procedures"] == ({}, True)


def test_ranks_of_a_full_province_table_are_of_63():
    t, c = ranked_table("province")
    out, rank_of = I._ranks(t, ["PAR.overall"])
    assert rank_of == 63 and out["PAR.overall"] == ({"80": 2, "01": 3, "92": 1}, False)
    t25, _ = ranked_table("province", 2025)
    assert I._ranks(t25, ["PAR.overall"])[1] == 34


def test_an_excerpt_of_the_provinces_gets_no_computed_rank():
    """3 of 63 provinces: a rank computed among them is no rank "of 63" (a partial source is not ranked,
    as parlib.panel.ranks.fill_computed does for the build); the printed ranks stay."""
    t, c = ranked_table("province")
    out, rank_of = I._ranks(t, ["PAR.overall", "PAR.procedures"])
    assert out["PAR.procedures"] == ({}, True)
    panel = I._panel_rows(t)
    proc = panel[panel.indicator == "PAR.procedures"]
    assert proc["rank"].isna().all() and proc["rank_of"].isna().all() and proc["flag"].isna().all()
    over = panel[panel.indicator == "PAR.overall"].set_index("unit_code")
    assert over["rank"].to_dict() == {"01": 3, "80": 2, "92": 1} and set(over["rank_of"]) == {63}


def nn(x):
    return None if pd.isna(x) else x


def test_panel_rows_of_a_district_table():
    t, c = ranked_table("district")
    t.records[1]["tier"] = "Khá"
    t.records[2]["vals"]["PAR.procedures"] = None              # a missing district score: no data, no rank
    t.records[2]["derived"].add("PAR.overall")
    p = I._panel_rows(t)
    assert list(p.columns[:9]) == ["index", "year", "unit_code", "unit_name", "unit_type", "indicator", "level",
                                   "parent", "value"]
    got = {(r.unit_code, r.indicator): (nn(r.value), r.max_value, nn(r["rank"]), nn(r.rank_of), nn(r.flag), r.level,
                                        nn(r.parent)) for _, r in p.iterrows()}
    # procedures among 12.98 and 11 (the third is missing): 1 and 2 of 3
    assert got == {
        (c[0], "PAR.overall"): (88.5, 100.0, 2, 3, None, "overall", None),
        (c[1], "PAR.overall"): (80.25, 100.0, 3, 3, None, "overall", None),
        (c[2], "PAR.overall"): (90.0, 100.0, 1, 3, "derived", "overall", None),
        (c[0], "PAR.procedures"): (12.98, 13.0, 1, 3, "rank_computed", "area", "PAR.overall"),
        (c[1], "PAR.procedures"): (11.0, 13.0, 2, 3, "rank_computed", "area", "PAR.overall"),
        (c[2], "PAR.procedures"): (None, 13.0, None, None, "no_data", "area", "PAR.overall"),
    }
    assert set(p["unit_type"]) == {"district"} and set(p["source"]) == {"import:t.csv#S"}
    assert set(p["index"]) == {"PAR"} and set(p["year"]) == {2023}
    notes = p.drop_duplicates("unit_code").set_index("unit_code")["note"]
    import datetime

    today = datetime.date.today().isoformat()
    assert notes[c[0]] == f"imported: t.csv, {today}; row 3"
    assert notes[c[1]] == f"imported: t.csv, {today}; row 4; tier: Khá"


def test_panel_rows_a_derived_value_with_a_computed_rank_has_both_flags():
    t, c = ranked_table("district")
    for r in t.records:
        r["ranks"]["PAR.overall"] = None                       # no printed rank: computed
    t.records[0]["derived"].add("PAR.overall")
    o = I._panel_rows(t).set_index(["unit_code", "indicator"])
    assert o.loc[(c[0], "PAR.overall"), "flag"] == "rank_computed;derived"
    assert o.loc[(c[1], "PAR.overall"), "flag"] == "rank_computed"


def test_panel_rows_a_printed_rank_without_a_value_is_dropped():
    t, c = ranked_table("district")
    t.records[1]["vals"]["PAR.overall"] = None                # SYNTHETIC: rank 3 printed, index empty
    o = I._panel_rows(t).set_index("unit_code")
    o = o[o.indicator == "PAR.overall"]
    assert nn(o.loc[c[1], "rank"]) is None and nn(o.loc[c[1], "rank_of"]) is None and o.loc[c[1], "flag"] == "no_data"
    assert (o.loc[c[0], "rank"], o.loc[c[0], "rank_of"]) == (2, 3)


def test_panel_rows_unit_type_of_a_province_is_the_registry_one():
    t = tbl("PAR", 2025, ROW_COLS)
    t.records = [rec(3, "N01", {"PAR.overall": "80"}, {"PAR.overall": 1}, uname="Hà Nội")]
    p = I._panel_rows(t)
    # N01 Hà Nội is one of the 34 provinces from 2025: the registry's type province_2025, not "province"
    o = p[p.indicator == "PAR.overall"]
    assert list(o["unit_type"]) == ["province_2025"]
    assert list(o["unit_name"]) == ["Hà Nội"] and list(o["rank_of"]) == [34] and list(o["rank"]) == [1]
    proc = p[p.indicator == "PAR.procedures"].iloc[0]               # a value column with no value: missing
    assert pd.isna(proc.value) and proc.flag == "no_data" and pd.isna(proc["rank"])


def test_panel_rows_without_the_overall_score():
    # SYNTHETIC PCI excerpt with two sub-indices only: no PCI.overall rows are invented
    t = tbl("PCI", 2019, [unit(), Column(2, "e", "area", "PCI.entry_costs", 10.0), Column(3, "l", "area", "PCI.land_access", 10.0)],
            unit_type="district")
    t.records = [rec(3, "48.a", {"PCI.entry_costs": "7.89", "PCI.land_access": "7.44"})]
    p = I._panel_rows(t)
    assert sorted(p.indicator) == ["PCI.entry_costs", "PCI.land_access"]
    assert list(p.max_value) == [10.0, 10.0]


def test_panel_rows_an_overall_value_without_its_column_and_ci():
    # SYNTHETIC SIPAS rows whose index came from the total (no index column); PAPI bounds carried over
    t = tbl("SIPAS", 2023, [unit(), Column(2, "Tổng", "total")], unit_type="district")
    t.records = [rec(3, "49.a", {"SIPAS.overall": "81.5"}), rec(4, "49.b", {"SIPAS.overall": "79.25"})]
    p = I._panel_rows(t)
    assert list(zip(p.unit_code, p.value, p.max_value, p["rank"])) == [("49.a", 81.5, 100.0, 1), ("49.b", 79.25, 100.0, 2)]
    q = tbl("PAPI", 2019, [unit(), Column(2, "PAPI", "index", "PAPI.total", 80.0)], unit_type="district")
    q.records = [rec(3, "49.a", {"PAPI.total": "45.5"}, ci={"PAPI.total": {"ci_low": D("44.1"), "ci_high": D("46.9")}})]
    r = I._panel_rows(q).iloc[0]
    assert (r.value, r.max_value, r.ci_low, r.ci_high) == (45.5, 80.0, 44.1, 46.9)


# ------------------------------------------------------------------------------------- validation

def test_validate_refuses_an_unknown_unit_naming_the_file():
    t, c = ranked_table("district")
    p = I._panel_rows(t)
    with pytest.raises(PanelValidationError, match=r"^t\.csv: the imported rows do not pass the panel schema: "):
        I._validate(p, [], "t.csv")
    new = [{"unit_code": x} for x in c]
    assert I._validate(p, new, "t.csv") is None                # the units the import registers are known
    t2, _ = ranked_table("province")
    assert I._validate(I._panel_rows(t2), [], "t.csv") is None
    # Hà Tây (28), merged into Hà Nội in 2008, is still a unit of a PCI 2007 table
    n = tbl("PAR", 2025, ROW_COLS)                            # and N01, one of the 34 provinces of 2025
    n.records = [rec(3, "N01", {"PAR.overall": "80"}, {"PAR.overall": 1}, uname="Hà Nội")]
    assert I._validate(I._panel_rows(n), [], "t.csv") is None
    h = tbl("PCI", 2007, [unit(), Column(2, "PCI", "index", "PCI.overall", 100.0)])
    h.records = [rec(3, "28", {"PCI.overall": "55.5"}, {"PCI.overall": 40}, uname="Hà Tây")]
    assert I._validate(I._panel_rows(h), [], "t.csv") is None


# ------------------------------------------------------------------------------------- import_table

def test_import_table_dry_run_of_a_district_table(tmp_path):
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(DISTRICTS, encoding="utf-8")
    res = I.import_table(f, "par", "2023", unit_type="district", parent_unit="Quảng Nam", dry_run=True)
    assert (res.written, res.scope, res.comparison) == (False, "district-49", None)
    assert res.target == tmp_path / "imported" / "panel_par_2023_district-49.csv"
    assert res.units == ["49.tam-ky", "49.hoi-an"] and [u["unit_code"] for u in res.new_units] == res.units
    assert not (tmp_path / "imported").exists()              # a dry run writes nothing
    got = res.panel.set_index("unit_code")[["value", "rank", "rank_of", "source"]].to_dict("index")
    assert got == {"49.hoi-an": {"value": 91.07, "rank": 2, "rank_of": 2, "source": "import:SYNTHETIC_districts.csv"},
                   "49.tam-ky": {"value": 94.64, "rank": 1, "rank_of": 2, "source": "import:SYNTHETIC_districts.csv"}}
    metrics = {e["status"]: (e["source"], e["value"], e["reason"]) for e in res.report.entries if e["kind"] == "metric"}
    assert metrics["units_imported"] == ("import:SYNTHETIC_districts.csv", 2.0, "PAR 2023 district-49")
    import datetime

    notes = res.panel.set_index("unit_code")["note"]
    assert notes["49.hoi-an"] == f"imported: SYNTHETIC_districts.csv, {datetime.date.today().isoformat()}; row 4"
    assert (res.shape["scope"], res.shape["file"]) == ("district-49", "SYNTHETIC_districts.csv")
    assert res.shape["order"] == ["49.tam-ky", "49.hoi-an"] and res.shape["locale"] == "vi"
    idx = [c for c in res.shape["columns"] if c["role"] == "index"][0]
    assert (idx["indicator"], idx["decimals"], idx["max_value"]) == ("PAR.overall", 2, 100.0)


def test_import_table_writes_when_the_panel_does_not_hold_the_table(tmp_path):
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(DISTRICTS, encoding="utf-8")
    res = I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam")
    assert res.written is True and res.target.exists()
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == [
        "import_report_par_2023_district-49.csv", "panel_par_2023_district-49.csv",
        "shape_par_2023_district-49.json", "units.csv"]


def test_import_table_a_table_the_panel_holds_is_compared_not_written(tmp_path):
    """Đà Nẵng's PCI 2019 row as VCCI prints it (two decimals of the official values in the committed
    panel: PCI 70.15, rank 5): it agrees with the panel, so nothing is written without replace."""
    f = tmp_path / "SYNTHETIC_pci_2019_da_nang.csv"
    f.write_text(PCI_DN.format(score="70.15"), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"1 provinces in the table expected 63 provinces in 2019"):
        I.import_table(f, "PCI", 2019, dry_run=True)
    res = I.import_table(f, "PCI", 2019, allow_partial=True)
    assert res.written is False and not (tmp_path / "imported").exists()
    assert res.comparison.summary() == "11 values agree, 0 disagree"     # 10 sub-indices + the PCI score
    over = res.panel[res.panel.indicator == "PCI.overall"].iloc[0]
    assert (over.unit_code, over.value, over["rank"], over.rank_of) == ("48", 70.15, 5, 63)
    res = I.import_table(f, "PCI", 2019, allow_partial=True, replace=True)
    assert res.written is True and res.target.exists()


@pytest.mark.parametrize("kw,message", [
    ({"no_verify": "  "}, r"^invalid --no-verify: '  ' \(give the reason the check is skipped\)$"),
    ({"parent_unit": "Quảng Nam"}, r"^invalid --parent-unit: 'Quảng Nam' \(provinces have no parent unit"),
    ({"unit_type": "town"}, r"^invalid --unit-type: 'town'"),
])
def test_import_table_refuses_bad_parameters_before_reading(tmp_path, kw, message):
    with pytest.raises(ParameterError, match=message):
        I.import_table(tmp_path / "missing.csv", "PAR", 2023, **kw)


def test_import_table_runs_the_par_checks(tmp_path):
    # SYNTHETIC PAR 2023 districts: 12.5 + 14 = 26.5, printed 27.5 (off by 1 > 0.01)
    f = tmp_path / "SYNTHETIC_districts_sum.csv"
    f.write_text(f"{SYNTH}\nSTT;Đơn vị;Cải cách thủ tục hành chính (13);Cải cách chế độ công vụ (15);Tổng điểm;"
                 "Chỉ số (%);Xếp hạng\n1;Thành phố Tam Kỳ;12,5;14;27,5;94,64;1\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"SYNTHETIC_districts_sum\.csv, row 3, column 'Tổng điểm'"):
        I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", dry_run=True)


PCI_DN = (f"{SYNTH}\nTỉnh/Thành phố,Gia nhập thị trường,Tiếp cận đất đai,Tính minh bạch,Chi phí thời gian,"
          "Chi phí không chính thức,Cạnh tranh bình đẳng,Tính năng động,Dịch vụ hỗ trợ doanh nghiệp,"
          "Đào tạo lao động,Thiết chế pháp lý,Điểm số PCI,Bảng xếp hạng\n"
          "Đà Nẵng,7.89,7.44,6.59,7.08,6.75,5.32,6.76,6.76,7.99,6.99,{score},5\n")


def test_import_table_a_pci_score_off_its_weights_needs_a_reason(tmp_path):
    # 2019 weights 0.5/0.5/2/0.5/1/0.5/0.5/2/2/0.5 on the printed sub-indices:
    # 3.945 + 3.72 + 13.18 + 3.54 + 6.75 + 2.66 + 3.38 + 13.52 + 15.98 + 3.495 = 70.17 (printed 70.15: agrees);
    # a printed 72.15 is 1.98 off
    f = tmp_path / "SYNTHETIC_pci_2019_off.csv"
    f.write_text(PCI_DN.format(score="72.15"), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"SYNTHETIC_pci_2019_off\.csv, row 3, column 'Điểm số PCI'"):
        I.import_table(f, "PCI", 2019, allow_partial=True, dry_run=True)
    res = I.import_table(f, "PCI", 2019, allow_partial=True, dry_run=True, no_verify="SYNTHETIC: test of the reason")
    assert any("SYNTHETIC: test of the reason" in str(e["reason"]) for e in res.report.entries)
    assert res.comparison.summary() == "10 values agree, 1 disagree"


def workbook(path, sheets):
    """A SYNTHETIC workbook: {sheet title: text lines with ';' between cells}."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, lines in sheets.items():
        ws = wb.create_sheet(title)
        for line in lines:
            ws.append(line.split(";"))
    wb.save(path)
    return path


def test_import_table_of_a_workbook_names_its_sheet(tmp_path):
    f = workbook(tmp_path / "SYNTHETIC_districts.xlsx", {"SYNTHETIC": DISTRICTS.strip().split("\n")})
    res = I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", dry_run=True)
    assert set(res.panel.source) == {"import:SYNTHETIC_districts.xlsx#SYNTHETIC"}
    assert (res.shape["format"], res.shape["sheet"]) == ("xlsx", "SYNTHETIC")


def test_import_table_two_columns_of_the_pci_score_are_refused(tmp_path):
    # "Chỉ số" (the generic index) is the PCI score of a PCI table, so is "Điểm số PCI"
    f = workbook(tmp_path / "SYNTHETIC_pci_two_scores.xlsx",
                 {"SYNTHETIC": [SYNTH, "Tỉnh/Thành phố;Chỉ số;Điểm số PCI", "Đà Nẵng;70.15;70.15"]})
    with pytest.raises(SourceFormatError, match=r"^SYNTHETIC_pci_two_scores\.xlsx, sheet 'SYNTHETIC', row 2, column "
                       r"'Điểm số PCI': two columns mean the same thing \('Chỉ số' and 'Điểm số PCI'\)"):
        I.import_table(f, "PCI", 2019, allow_partial=True, dry_run=True)


def test_import_table_reads_the_sheet_asked_for(tmp_path):
    other = [line.replace("94,64", "95,5") for line in DISTRICTS.strip().split("\n")]
    f = workbook(tmp_path / "SYNTHETIC_two_sheets.xlsx", {"SYNTHETIC 1": DISTRICTS.strip().split("\n"),
                                                          "SYNTHETIC 2": other})
    res = I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", sheet="SYNTHETIC 2",
                         dry_run=True)
    assert res.panel.set_index("unit_code").value["49.tam-ky"] == 95.5     # the second sheet's 95,5, not 94,64


def test_import_table_a_sheet_without_a_header_names_file_and_sheet(tmp_path):
    f = workbook(tmp_path / "SYNTHETIC_no_header.xlsx", {"SYNTHETIC": [SYNTH, "a;b", "1;2"]})
    with pytest.raises(SourceFormatError, match=r"^SYNTHETIC_no_header\.xlsx, sheet 'SYNTHETIC': no header row found "
                       r"in the first 3 rows"):
        I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", dry_run=True)


def test_import_table_reads_a_legacy_encoding_when_told(tmp_path):
    f = tmp_path / "SYNTHETIC_cp1258.csv"
    from legacy_encodings import encode

    f.write_bytes(encode(DISTRICTS, "cp1258"))
    res = I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", encoding="cp1258",
                         dry_run=True)
    assert sorted(res.panel.unit_name) == ["Thành phố Hội An", "Thành phố Tam Kỳ"]


def test_import_table_rows_the_schema_refuses_name_the_file(tmp_path, monkeypatch):
    import parlib.panel.schema as schema

    def refuse(panel, unit_codes=None):               # SYNTHETIC: a schema that refuses every table
        raise PanelValidationError("panel validation failed: SYNTHETIC")

    monkeypatch.setattr(schema, "validate", refuse)
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(DISTRICTS, encoding="utf-8")
    with pytest.raises(PanelValidationError, match=r"^SYNTHETIC_districts\.csv: the imported rows do not pass the "
                       r"panel schema: panel validation failed: SYNTHETIC$"):
        I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam", dry_run=True)
