"""The steps of ``parlib import`` (parlib.tables.importer) one at a time, on small SYNTHETIC tables
built here in memory (no raw data, no CLI; milliseconds each): parameters, the overall indicator of
a codebook, refused headers, the structure a table must have, maxima, rows that are skipped, cells,
the number of units, ranks, the panel rows and their validation. Expected values are worked out by
hand in the comments (codebook facts from data/reference/codebook/*.csv; the PCI 2019 values of
Đà Nẵng, 70.153893 and rank 5 of 63, from the official workbook pci/PCI_2019_vcci_mdtrinh.xlsx as
the committed panel holds them)."""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from parlib.codebook import for_year
from parlib.errors import PanelValidationError, ParameterError, SourceFormatError
from parlib.panel.report import CleaningReport
from parlib.tables import importer as I
from parlib.tables.checks import check_range
from parlib.tables.layout import Column, Layout

D = Decimal
SYNTH = "SYNTHETIC TEST TABLE"


@pytest.fixture(autouse=True)
def _no_imports(tmp_path, monkeypatch):
    """An empty imports folder (units.csv of imported units) and the default unit limit."""
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path / "imported"))
    monkeypatch.delenv("PARLIB_MAX_UNITS", raising=False)


def tbl(index, year, columns, unit_type="province", header_row=1, ignored=(), fname="t.csv", sheet="S"):
    cb = for_year(index, year)
    lay = Layout(header_row, header_row + 1, list(columns), list(ignored))
    return I.Table(index, year, unit_type, fname, sheet, f"import:{fname}#{sheet}", lay, cb, I.overall_of(cb),
                   CleaningReport())


def rec(row, code, vals=None, ranks=None, total=None, ci=None, tier=None, derived=(), uname=None):
    return {"row": row, "name": uname or code, "code": code, "uname": uname or code, "new": None,
            "vals": {k: (None if v is None else D(v)) for k, v in (vals or {}).items()}, "ranks": dict(ranks or {}),
            "ci": ci or {}, "total": None if total is None else D(total), "tier": tier, "derived": set(derived)}


def unit():
    return Column(1, "Tỉnh, thành phố", "unit")


def dropped(t):
    return [(e["row"], e["unit_as_written"], e["reason"]) for e in t.report.entries if e["status"] == "dropped"]


# ------------------------------------------------------------------------------------- parameters

def test_check_params_normalises_index_and_year():
    assert I.check_params("par", "2023", "province") == ("PAR", 2023)
    assert I.check_params("Pci", 2019.0, "district") == ("PCI", 2019)
    assert I.check_params("SIPAS", 2015, "commune") == ("SIPAS", 2015)   # the first SIPAS year


@pytest.mark.parametrize("args,message", [
    (("XYZ", 2023, "province"), r"^invalid --index: 'XYZ'; allowed: PCI, PAPI, PAR, SIPAS$"),
    (("PAR", 2023, "city"), r"^invalid --unit-type: 'city'; allowed: province, ministry, district, department, commune$"),
    (("PAR", "20x3", "province"), r"^invalid --year: '20x3' \(a year such as 2023\)$"),
    (("PAR", None, "province"), r"^invalid --year: None \(a year such as 2023\)$"),
    # the codebook's PAR rows run 2012-2016, 2017-2021, 2022-2030
    (("PAR", 2011, "province"), r"^invalid --year: 2011 \(the PAR codebook covers 2012-2030\)$"),
    (("PAR", 2031, "province"), r"^invalid --year: 2031 \(the PAR codebook covers 2012-2030\)$"),
    # SIPAS 2015-2016 and 2017-2030; PAPI 2011-2024; PCI 2005-2024
    (("sipas", 2014, "province"), r"^invalid --year: 2014 \(the SIPAS codebook covers 2015-2030\)$"),
    (("PAPI", 2025, "province"), r"^invalid --year: 2025 \(the PAPI codebook covers 2011-2024\)$"),
    (("PCI", 2004, "province"), r"^invalid --year: 2004 \(the PCI codebook covers 2005-2024\)$"),
])
def test_check_params_refuses_naming_the_parameter(args, message):
    with pytest.raises(ParameterError, match=message):
        I.check_params(*args)


def test_check_params_an_index_without_codebook_rows_says_none(monkeypatch):
    import parlib.codebook as cbmod

    real = cbmod.load_codebook()
    monkeypatch.setattr(cbmod, "load_codebook", lambda: real[real["index"] != "SIPAS"])
    monkeypatch.setattr(cbmod, "for_year", lambda index, year: real.iloc[0:0])
    with pytest.raises(ParameterError, match=r"^invalid --year: 2020 \(the SIPAS codebook covers none\)$"):
        I.check_params("SIPAS", 2020, "province")


# ------------------------------------------------------------------------------------- overall

@pytest.mark.parametrize("index,year,overall", [
    ("PCI", 2019, "PCI.overall"),      # PCI.overall weighted_sum; PCI.unweighted has no aggregation
    ("PAPI", 2019, "PAPI.total"),      # PAPI.total sum; PAPI.total_weighted has none
    ("PAR", 2012, "PAR.overall"), ("SIPAS", 2016, "SIPAS.overall"),
])
def test_overall_of_the_codebook(index, year, overall):
    assert I.overall_of(for_year(index, year)) == overall


def test_overall_of_prefers_the_aggregated_overall_and_falls_back_to_the_first():
    # SYNTHETIC codebook rows: an area first, then an overall without aggregation, then one with
    cb = pd.DataFrame({"indicator": ["X.a", "X.plain", "X.agg"], "level": ["area", "overall", "overall"],
                       "aggregation": ["sum", None, "mean"]})
    assert I.overall_of(cb) == "X.agg"
    cb.loc[2, "aggregation"] = ""                      # empty aggregation counts as none
    assert I.overall_of(cb) == "X.plain"               # the first overall row, never the area


# ------------------------------------------------------------------------------------- Table

def test_table_properties():
    cols = [Column(0, "STT", "stt"), unit(), Column(2, "Thể chế", "area", "PAR.institutions"),
            Column(3, "TTHC", "area", "PAR.procedures"), Column(4, "Tổng điểm", "total"),
            Column(5, "Chỉ số (%)", "index", "PAR.overall"), Column(6, "Xếp hạng", "rank")]
    t = tbl("PAR", 2023, cols, header_row=2)
    assert t.hrow == 3                                   # 0-based header row 2 is sheet row 3
    assert t.overall == "PAR.overall"
    assert list(t.area_cols) == ["PAR.institutions", "PAR.procedures"]
    assert t.area_cols["PAR.procedures"].pos == 3
    assert list(t.value_cols) == ["PAR.institutions", "PAR.procedures", "PAR.overall"]   # no total, no rank
    assert t.index_col.pos == 5
    assert t.rank_target == "PAR.overall"
    assert t.hib("PAR.procedures") is True and t.hib("not.in.codebook") is True


def test_table_without_index_column_has_no_index_col():
    t = tbl("PAR", 2023, [unit(), Column(2, "TTHC", "area", "PAR.procedures")])
    assert t.index_col is None
    assert t.rank_target == "PAR.overall"                # no index column: the overall score


def test_rank_target_is_the_only_score_printed():
    w = Column(2, "có trọng số", "index", "PAPI.total_weighted")
    t = tbl("PAPI", 2019, [unit(), w])
    assert t.rank_target == "PAPI.total_weighted"       # the weighted total alone: it is what is ranked
    t2 = tbl("PAPI", 2019, [unit(), Column(2, "không", "index", "PAPI.total"), w])
    assert t2.rank_target == "PAPI.total"                # both printed: the overall
    t3 = tbl("PAPI", 2019, [unit(), Column(2, "a", "index", "X.one"), Column(3, "b", "index", "X.two")])
    assert t3.rank_target == "PAPI.total"                # two other scores: the overall


def test_hib_reads_the_codebook():
    t = tbl("PAR", 2023, [unit()])
    # SYNTHETIC codebook: one lower-is-better indicator
    t.cb = pd.DataFrame({"indicator": ["X.low", "X.high"], "higher_is_better": [False, True]})
    assert t.hib("X.low") is False and t.hib("X.high") is True and t.hib("X.none") is True


def test_import_result_defaults():
    r = I.ImportResult(None, None, [], [], None, "province", False)
    assert r.comparison is None and r.shape == {}
    r.shape["x"] = 1
    assert I.ImportResult(None, None, [], [], None, "province", False).shape == {}   # not shared


# ------------------------------------------------------------------------------------- headers

def test_a_header_of_another_method_period_is_explained():
    # "Hiện đại hóa hành chính" is PAR.modernization (2012-2021), not an area of 2023
    t = tbl("PAR", 2023, [unit()], header_row=1, ignored=[(4, "Hiện đại hóa hành chính")])
    have = ("Công tác chỉ đạo, điều hành cải cách hành chính; Cải cách thể chế; Cải cách thủ tục hành chính; "
            "Cải cách tổ chức bộ máy hành chính nhà nước; Cải cách chế độ công vụ; Cải cách tài chính công; "
            "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số; Tác động của cải cách hành chính đến người "
            "dân, tổ chức và phát triển kinh tế - xã hội của tỉnh")
    with pytest.raises(SourceFormatError, match=re.escape(
            "t.csv, sheet 'S', row 2, column 'Hiện đại hóa hành chính': this PAR indicator (PAR.modernization) "
            f"is not in the codebook for 2023 expected the 2023 areas ({have}); add the year's area set to "
            "data/reference/codebook/par.csv if the method had it")):
        I._refuse_unknown_headers(t)


def test_a_header_of_a_year_without_areas_says_none():
    # SIPAS 2016 has the index only; "Thủ tục hành chính" is SIPAS.procedures of 2017-2023
    t = tbl("SIPAS", 2016, [unit()], header_row=0, ignored=[(2, "Thủ tục hành chính")])
    with pytest.raises(SourceFormatError, match=re.escape(
            "t.csv, sheet 'S', row 1, column 'Thủ tục hành chính': this SIPAS indicator (SIPAS.procedures) is not "
            "in the codebook for 2016 expected the 2016 areas (none); add the year's area set to "
            "data/reference/codebook/sipas.csv")):
        I._refuse_unknown_headers(t)


def test_an_unknown_header_lists_the_known_names():
    t = tbl("SIPAS", 2016, [unit()], header_row=3, ignored=[(5, "Ghi chú")])
    with pytest.raises(SourceFormatError, match=re.escape(
            "t.csv, sheet 'S', row 4, column 'Ghi chú': unknown header expected one of the SIPAS 2016 names: "
            "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) / SIPAS: satisfaction index of public "
            "administrative services; or a unit, rank, total, tier or confidence-bound column "
            "(synonyms: data/reference/import_header_synonyms.csv)")):
        I._refuse_unknown_headers(t)


def test_no_ignored_header_passes():
    assert I._refuse_unknown_headers(tbl("PAR", 2023, [unit()])) is None


# ------------------------------------------------------------------------------------- structure

PAR23 = ["PAR.direction", "PAR.institutions", "PAR.procedures", "PAR.apparatus", "PAR.civil_service",
         "PAR.public_finance", "PAR.digital_government", "PAR.impact"]


def areas(inds, start=2):
    return [Column(start + k, f"col {ind}", "area", ind) for k, ind in enumerate(inds)]


def test_a_province_par_table_needs_every_area():
    t = tbl("PAR", 2023, [unit()] + areas(PAR23[:2] + PAR23[3:7]), header_row=1)   # no procedures, no impact
    with pytest.raises(SourceFormatError, match=re.escape(
            "t.csv, sheet 'S', row 2, column 'Cải cách thủ tục hành chính': area column missing: Cải cách thủ tục "
            "hành chính, Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội "
            "của tỉnh expected a column for every PAR 2023 area: Công tác chỉ đạo, điều hành cải cách hành chính; "
            "Cải cách thể chế; Cải cách thủ tục hành chính;")) as e:
        I._check_structure(t)
    assert str(e.value).endswith("found 'columns Tỉnh, thành phố; col PAR.direction; col PAR.institutions; "
                                 "col PAR.apparatus; col PAR.civil_service; col PAR.public_finance; "
                                 "col PAR.digital_government'")


def test_every_area_present_passes_and_other_units_may_have_some():
    assert I._check_structure(tbl("PAR", 2023, [unit()] + areas(PAR23))) is None
    assert I._check_structure(tbl("PAR", 2023, [unit()] + areas(PAR23[:1]), unit_type="district")) is None
    # an index alone (no area column) is a table of the index
    assert I._check_structure(tbl("PAR", 2023, [unit(), Column(2, "Chỉ số", "index", "PAR.overall")])) is None


def test_par_2012_split_or_thematic_areas():
    # 2012-2016: appraisal + survey (alternative split) or the 8 thematic areas (no impact before 2016)
    assert I._check_structure(tbl("PAR", 2012, [unit()] + areas(["PAR.appraisal", "PAR.survey"]))) is None
    with pytest.raises(SourceFormatError, match=r"row 2, column 'Điểm điều tra xã hội học': area column missing: "
                       r"Điểm điều tra xã hội học expected a column for every PAR 2012 area: Điểm thẩm định"):
        I._check_structure(tbl("PAR", 2012, [unit()] + areas(["PAR.appraisal"])))
    with pytest.raises(SourceFormatError, match=r"area column missing: Xây dựng và tổ chức thực hiện văn bản") as e:
        I._check_structure(tbl("PAR", 2012, [unit()] + areas(["PAR.direction", "PAR.appraisal"])))
    assert "Điểm thẩm định" not in str(e.value).split(" expected ")[1].split(" found ")[0]   # thematic list only
    assert "Thực hiện cơ chế một cửa" in str(e.value) and "Tác động" not in str(e.value)


@pytest.mark.parametrize("cols", [[Column(2, "Tổng điểm", "total")], [Column(2, "Chỉ số", "index", "PAR.overall")],
                                  [Column(2, "TTHC", "area", "PAR.procedures")]])
def test_any_score_column_is_enough_for_other_units(cols):
    assert I._check_structure(tbl("PAR", 2023, [unit()] + cols, unit_type="commune")) is None


def test_a_table_without_score_columns_is_refused():
    t = tbl("PCI", 2019, [unit(), Column(2, "Xếp hạng", "rank")], header_row=4)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5: no score columns expected PCI indicator "
                       r"columns, a total or an index column$"):
        I._check_structure(t)


# ------------------------------------------------------------------------------------- maxima

def test_a_par_header_maximum_must_be_the_codebook_one():
    # PAR 2017: procedures 14.5 in the codebook (2948/QĐ-BNV)
    t = tbl("PAR", 2017, [unit(), Column(2, "Cải cách thủ tục hành chính (14)", "area", "PAR.procedures", 14.0)])
    with pytest.raises(SourceFormatError, match=re.escape(
            "t.csv, sheet 'S', row 2, column 'Cải cách thủ tục hành chính (14)': the header states a maximum of 14 "
            "expected the codebook maximum 14.5 for PAR.procedures in 2017")):
        I._apply_maxima(t)
    ok = Column(2, "(14,5)", "area", "PAR.procedures", 14.5)
    I._apply_maxima(tbl("PAR", 2017, [unit(), ok]))
    assert ok.max_value == 14.5


def test_maxima_from_the_codebook_and_the_index_scales():
    # PAR 2017 direction: header silent, codebook 10; PAR 2023 areas: no codebook maximum (unknown)
    d17, p23 = Column(2, "a", "area", "PAR.direction"), Column(2, "b", "area", "PAR.procedures")
    i17 = Column(3, "Chỉ số", "index", "PAR.overall", 50.0)
    I._apply_maxima(tbl("PAR", 2017, [unit(), d17, i17]))
    assert (d17.max_value, i17.max_value) == (10.0, 100.0)      # a PAR index is in % whatever the header says
    I._apply_maxima(tbl("PAR", 2023, [unit(), p23]))
    assert p23.max_value is None
    # a PCI sub-index over 10 in the header is kept (only PAR refuses); PCI's own maximum 10 otherwise
    e, l = Column(2, "e", "area", "PCI.entry_costs", 20.0), Column(3, "l", "area", "PCI.land_access")
    s, s90 = Column(4, "PCI", "index", "PCI.overall"), Column(5, "PCI", "index", "PCI.unweighted", 90.0)
    I._apply_maxima(tbl("PCI", 2019, [unit(), e, l, s, s90]))
    assert (e.max_value, l.max_value, s.max_value, s90.max_value) == (20.0, 10.0, 100.0, 90.0)
    # PAPI 2019: the total's maximum is 80 (8 dimensions of 10)
    pt = Column(2, "PAPI", "index", "PAPI.total")
    I._apply_maxima(tbl("PAPI", 2019, [unit(), pt]))
    assert pt.max_value == 80.0


def test_sipas_maxima_are_100():
    a = Column(2, "x", "area", "SIPAS.access", 50.0)        # SYNTHETIC header maximum: kept (not PAR)
    other = Column(3, "y", "area", "SIPAS.not_in_codebook")  # no codebook maximum: SIPAS is in %
    idx = Column(4, "z", "index", "SIPAS.overall", 10.0)
    I._apply_maxima(tbl("SIPAS", 2020, [unit(), a, other, idx]))
    assert (a.max_value, other.max_value, idx.max_value) == (50.0, 100.0, 100.0)
    pci_other = Column(2, "y", "area", "PCI.not_in_codebook")
    I._apply_maxima(tbl("PCI", 2019, [unit(), pci_other]))
    assert pci_other.max_value is None                       # PCI: no maximum invented


# ------------------------------------------------------------------------------------- skipped rows

SKIP_COLS = [Column(0, "STT", "stt"), unit(), Column(2, "TTHC", "area", "PAR.procedures"), Column(3, "Xếp loại", "tier")]


@pytest.mark.parametrize("texts,seen", [
    ([None, None, None, None], (7, None, "blank row")),
    (["1", None, None, "Tốt"], (7, "1", "footnote or note row")),          # stt and tier are not scores
    ([None, "Ghi chú: số liệu làm tròn", None, None], (7, "Ghi chú: số liệu làm tròn", "footnote or note row")),
    ([None, "NGUỒN: Bộ Nội vụ", None, None], (7, "NGUỒN: Bộ Nội vụ", "footnote or note row")),
    ([None, "(*) Tỉnh mới", None, None], (7, "(*) Tỉnh mới", "footnote or note row")),
    ([None, "(1) Số liệu 2023", None, None], (7, "(1) Số liệu 2023", "footnote or note row")),
    ([None, "Notes: rounded", None, None], (7, "Notes: rounded", "footnote or note row")),
    ([None, "Nguồn: " + "x" * 70, None, None], (7, "Nguồn: " + "x" * 53, "footnote or note row")),  # cut to 60
    ([None, "Trung bình", "11,5", None], (7, "Trung bình", "summary row (Trung bình), not a unit")),
    ([None, "Giá trị trung bình", "11,5", None], (7, "Giá trị trung bình", "summary row (Giá trị trung bình), not a unit")),
    ([None, "National average", "11,5", None], (7, "National average", "summary row (National average), not a unit")),
    ([None, "Tổng cộng", "11,5", None], (7, "Tổng cộng", "summary row (Tổng cộng), not a unit")),
])
def test_rows_that_are_not_units_are_dropped_with_the_reason(texts, seen):
    t = tbl("PAR", 2023, SKIP_COLS)
    assert I._skip_row(t, 7, texts, SKIP_COLS[1]) is True
    assert dropped(t) == [seen]
    assert t.report.entries[0]["source"] == "import:t.csv#S" and t.report.entries[0]["sheet"] == "S"


@pytest.mark.parametrize("texts", [["1", "Hà Nội", "11,5", None], [None, "Ghi chú", "11,5", None],
                                   [None, "Long An", None, None]])
def test_a_unit_row_is_kept(texts):
    t = tbl("PAR", 2023, SKIP_COLS)
    assert I._skip_row(t, 7, texts, SKIP_COLS[1]) is False   # a note with a score is a row to resolve
    assert t.report.entries == []


def test_scores_without_a_unit_name_are_refused():
    t = tbl("PAR", 2023, SKIP_COLS)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 9, column 'Tỉnh, thành phố': a row with "
                       r"scores but no unit name expected a unit name$"):
        I._skip_row(t, 9, ["3", None, "11,5", None], SKIP_COLS[1])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 9, column 'Tỉnh, thành phố': a number where "
                       r"the unit name belongs \(columns shifted\?\) expected a unit name found '12,5'$"):
        I._skip_row(t, 9, ["3", "12,5", "11,5", None], SKIP_COLS[1])


# ------------------------------------------------------------------------------------- cells

def cell(t, c, v, row=5):
    r = rec(row, "u")
    I._read_cell(t, r, c, v, check_range)
    return r


def test_read_cell_by_role():
    t = tbl("PAR", 2023, [unit()])
    assert cell(t, Column(0, "STT", "stt"), "1")["vals"] == {}
    assert cell(t, Column(1, "Tỉnh", "unit"), "Hà Nội")["vals"] == {}
    assert cell(t, Column(2, "Xếp loại", "tier"), " Khá ")["tier"] == "Khá"
    assert cell(t, Column(3, "Xếp hạng", "rank"), "7")["ranks"] == {"PAR.overall": 7}
    assert cell(t, Column(3, "Xếp hạng", "rank"), 7.0)["ranks"] == {"PAR.overall": 7}
    assert cell(t, Column(3, "Xếp hạng", "rank"), None)["ranks"] == {"PAR.overall": None}
    assert cell(t, Column(4, "Xếp hạng TTHC", "area_rank", "PAR.procedures"), "1")["ranks"] == {"PAR.procedures": 1}
    assert cell(t, Column(5, "Tổng điểm", "total"), "88,25")["total"] == D("88.25")
    assert cell(t, Column(6, "TTHC", "area", "PAR.procedures", 13.0), "12,98")["vals"] == {"PAR.procedures": D("12.98")}
    assert cell(t, Column(7, "Chỉ số", "index", "PAR.overall"), "100")["vals"] == {"PAR.overall": D("100")}
    assert cell(t, Column(7, "Chỉ số", "index", "PAR.overall"), "0")["vals"] == {"PAR.overall": D("0")}


def test_read_cell_bounds_belong_to_their_score():
    t = tbl("PAPI", 2019, [unit()])
    r = rec(5, "u")
    I._read_cell(t, r, Column(3, "Cận dưới", "ci_low", of="PAPI.d1"), "5,1", check_range)
    I._read_cell(t, r, Column(4, "Cận trên", "ci_high", of="PAPI.d1"), "5,9", check_range)
    I._read_cell(t, r, Column(6, "Cận dưới", "ci_low", of=None), "40,2", check_range)   # no score: the overall
    assert r["ci"] == {"PAPI.d1": {"ci_low": D("5.1"), "ci_high": D("5.9")}, "PAPI.total": {"ci_low": D("40.2")}}
    assert r["vals"] == {}


@pytest.mark.parametrize("v", ["3,5", "0", "-2", 2.5])
def test_a_rank_is_a_whole_number_from_1(v):
    t = tbl("PAR", 2023, [unit()])
    with pytest.raises(SourceFormatError, match=rf"^t\.csv, sheet 'S', row 5, column 'Xếp hạng': expected a whole "
                       rf"rank >= 1 found '{re.escape(str(v))}'$"):
        cell(t, Column(3, "Xếp hạng", "rank"), v)


def test_a_province_par_area_cannot_be_empty_but_a_district_one_can():
    c = Column(6, "TTHC", "area", "PAR.procedures", 13.0)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'TTHC': empty score expected "
                       r"a number$"):
        cell(tbl("PAR", 2023, [unit()]), c, "-")
    assert cell(tbl("PAR", 2023, [unit()], unit_type="district"), c, "-")["vals"] == {"PAR.procedures": None}
    assert cell(tbl("SIPAS", 2020, [unit()]), Column(6, "x", "area", "SIPAS.access"), None)["vals"] == {
        "SIPAS.access": None}
    # an empty index is read as missing (the count check says what is missing)
    assert cell(tbl("PAR", 2023, [unit()]), Column(7, "Chỉ số", "index", "PAR.overall"), "")["vals"] == {
        "PAR.overall": None}


@pytest.mark.parametrize("index,v", [("PAR", "100,01"), ("SIPAS", "-0,5"), ("PAR", "101")])
def test_a_par_or_sipas_index_is_a_percentage(index, v):
    t = tbl(index, 2023, [unit()])
    with pytest.raises(SourceFormatError, match=rf"^t\.csv, sheet 'S', row 5, column 'Chỉ số': expected an index "
                       rf"between 0 and 100 \(%\) found '{re.escape(v.replace(',', '.'))}'$"):
        cell(t, Column(7, "Chỉ số", "index", f"{index}.overall"), v)


def test_other_indices_are_checked_against_their_maxima_only():
    # a PCI score of 101 has no 0-100 rule of its own; its maximum (100) refuses it in check_range
    t = tbl("PCI", 2019, [unit()])
    assert cell(t, Column(7, "PCI", "index", "PCI.overall", None), "101")["vals"] == {"PCI.overall": D("101")}
    with pytest.raises(SourceFormatError, match=r"row 5, column 'PCI': expected a score between 0 and 100 found '101'"):
        cell(t, Column(7, "PCI", "index", "PCI.overall", 100.0), "101")
    with pytest.raises(SourceFormatError, match=r"row 5, column 'TTHC': expected a score between 0 and 13 found '13.5'"):
        cell(tbl("PAR", 2023, [unit()]), Column(6, "TTHC", "area", "PAR.procedures", 13.0), "13,5")
    with pytest.raises(SourceFormatError, match=r"row 5, column 'TTHC': expected a number found 'abc'"):
        cell(tbl("PAR", 2023, [unit()]), Column(6, "TTHC", "area", "PAR.procedures", 13.0), "abc")


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
    kept = [(e["row"], e["unit_as_written"], e["unit_code"]) for e in t.report.entries if e["status"] == "kept"]
    assert kept == [(3, "Long An", "80"), (5, "TP. Hà Nội", "01")]
    assert dropped(t) == [(4, None, "blank row"), (6, "Trung bình", "summary row (Trung bình), not a unit"),
                          (7, "Ghi chú: SYNTHETIC", "footnote or note row")]


def test_read_rows_other_units_are_registered_in_their_scope():
    t = tbl("PAR", 2023, ROW_COLS, unit_type="district", header_row=1)
    I._read_rows(t, frame([["1", "Thành phố Tam Kỳ", "12", "90", "1"]]), "49", 2023)
    assert t.records[0]["code"] == "49.tam-ky"
    assert t.records[0]["new"] == {"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Thành phố Tam Kỳ",
                                   "name_en": "Thanh Pho Tam Ky", "scope": "district-49", "parent_code": "49"}


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


# ------------------------------------------------------------------------------------- import_table

DISTRICTS = ("Chỉ số CCHC cấp huyện tỉnh Quảng Nam năm 2023 ({s})\n"
             "STT;Đơn vị;Chỉ số (%);Xếp hạng\n1;Thành phố Tam Kỳ;94,64;1\n2;Thành phố Hội An;91,07;2\n"
             "Ghi chú: SYNTHETIC\n")


def test_import_table_dry_run_of_a_district_table(tmp_path):
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(DISTRICTS.format(s=SYNTH), encoding="utf-8")
    res = I.import_table(f, "par", "2023", unit_type="district", parent_unit="Quảng Nam", dry_run=True)
    assert (res.written, res.scope, res.comparison) == (False, "district-49", None)
    assert res.target == tmp_path / "imported" / "panel_par_2023_district-49.csv"
    assert res.units == ["49.tam-ky", "49.hoi-an"] and [u["unit_code"] for u in res.new_units] == res.units
    assert not (tmp_path / "imported").exists()              # a dry run writes nothing
    got = res.panel.set_index("unit_code")[["value", "rank", "rank_of", "source"]].to_dict("index")
    assert got == {"49.hoi-an": {"value": 91.07, "rank": 2, "rank_of": 2, "source": "import:SYNTHETIC_districts.csv"},
                   "49.tam-ky": {"value": 94.64, "rank": 1, "rank_of": 2, "source": "import:SYNTHETIC_districts.csv"}}
    metrics = {e["status"]: (e["value"], e["reason"]) for e in res.report.entries if e["kind"] == "metric"}
    assert metrics["units_imported"] == (2.0, "PAR 2023 district-49")
    assert res.shape["order"] == ["49.tam-ky", "49.hoi-an"] and res.shape["locale"] == "vi"
    idx = [c for c in res.shape["columns"] if c["role"] == "index"][0]
    assert (idx["indicator"], idx["decimals"], idx["max_value"]) == ("PAR.overall", 2, 100.0)


def test_import_table_writes_when_the_panel_does_not_hold_the_table(tmp_path):
    f = tmp_path / "SYNTHETIC_districts.csv"
    f.write_text(DISTRICTS.format(s=SYNTH), encoding="utf-8")
    res = I.import_table(f, "PAR", 2023, unit_type="district", parent_unit="Quảng Nam")
    assert res.written is True and res.target.exists()
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == [
        "import_report_par_2023_district-49.csv", "panel_par_2023_district-49.csv",
        "shape_par_2023_district-49.json", "units.csv"]


def test_import_table_a_table_the_panel_holds_is_compared_not_written(tmp_path):
    """Đà Nẵng's PCI 2019 row as VCCI prints it (two decimals of the official values in the committed
    panel: PCI 70.15, rank 5): it agrees with the panel, so nothing is written without replace."""
    f = tmp_path / "SYNTHETIC_pci_2019_da_nang.csv"
    f.write_text(f"{SYNTH}\nTỉnh/Thành phố,Gia nhập thị trường,Tiếp cận đất đai,Tính minh bạch,Chi phí thời gian,"
                 "Chi phí không chính thức,Cạnh tranh bình đẳng,Tính năng động,Dịch vụ hỗ trợ doanh nghiệp,"
                 "Đào tạo lao động,Thiết chế pháp lý,Điểm số PCI,Bảng xếp hạng\n"
                 "Đà Nẵng,7.89,7.44,6.59,7.08,6.75,5.32,6.76,6.76,7.99,6.99,70.15,5\n", encoding="utf-8")
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
