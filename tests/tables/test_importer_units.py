"""The steps of ``parlib import`` (parlib.tables.importer) one at a time, on small SYNTHETIC tables
built here in memory (no raw data, no CLI; milliseconds each): parameters, the overall indicator of
a codebook, the Table, refused headers, the structure a table must have, maxima, rows that are
skipped, cells (rows, ranks, panel rows and import_table: test_importer_rows.py). Expected values
are worked out by hand in the comments, codebook facts from data/reference/codebook/*.csv."""
from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest

from importer_synth import dropped, imports_dir, rec, tbl, unit  # noqa: F401  (imports_dir: a fixture)
from parlib.codebook import for_year
from parlib.errors import ParameterError, SourceFormatError
from parlib.tables import importer as I
from parlib.tables.checks import check_range
from parlib.tables.layout import Column

D = Decimal


@pytest.fixture(autouse=True)
def _imports(imports_dir):
    return imports_dir


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
    h23 = Column(3, "c (13)", "area", "PAR.impact", 16.5)      # SYNTHETIC header maximum, none in the codebook
    I._apply_maxima(tbl("PAR", 2023, [unit(), p23, h23]))
    assert (p23.max_value, h23.max_value) == (None, 16.5)
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
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'TTHC': expected a number found "
                       r"'abc'$"):
        cell(tbl("PAR", 2023, [unit()]), Column(6, "TTHC", "area", "PAR.procedures", 13.0), "abc")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'Xếp hạng': expected a number "
                       r"found 'abc'$"):
        cell(tbl("PAR", 2023, [unit()]), Column(3, "Xếp hạng", "rank"), "abc")
