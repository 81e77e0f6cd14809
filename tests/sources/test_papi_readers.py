"""PAPI readers (issue 4): values read off the workbooks by hand, one family at a time; every raw
row logged once; composites reproduce; no-data cells are NA, never 0; the 2024 34-unit source
loaded only where it describes an old province; synthetic files for the error paths.

Synthetic inputs are written to tmp_path by the tests themselves (labelled SYNTHETIC there);
nothing here is real data except what is read from the raw folder.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from parlib.errors import SourceFormatError
from parlib.panel.report import CleaningReport
from parlib.sources import papi
from parlib.sources.papi import catalog, checks, merge
from parlib.sources.papi import rows as papi_rows
from parlib.sources.papi.cells import candidate

PAPI_DIR = "papi"


# ------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def result(raw_dir):
    report = CleaningReport()
    panel = papi.read(Path(raw_dir), report)
    return panel, report, report.to_frame()


@pytest.fixture(scope="module")
def cands(raw_dir):
    return papi.candidates(Path(raw_dir), CleaningReport())


def value(panel, year, unit, indicator):
    row = panel[(panel.year == year) & (panel.unit_code == unit) & (panel.indicator == indicator)]
    assert len(row) == 1, (year, unit, indicator, len(row))
    return row.iloc[0]


# reader names of the tests -> (layout in catalog.csv, precision)
LAYOUT = {"consolidated": ("consolidated", "full"), "dimension_sheets": ("numbered", "full"),
          "csv_copies": ("numbered", "2dp"), "full_2019_wide": ("positioned", "full"),
          "full_tables": ("indicator_rows", "full")}


def cand(cands, family, year, unit, indicator):
    layout, precision = LAYOUT[family]
    row = cands[(cands.family == layout) & (cands.precision == precision) & (cands.year == year)
                & (cands.unit_code == unit) & (cands.indicator == indicator)]
    assert len(row) == 1, (family, year, unit, indicator, len(row))
    return row.iloc[0]


# ------------------------------------------------------------------------------- spot checks
def test_2019_hanoi_weighted_and_unweighted(result):
    panel, _, _ = result
    w = value(panel, 2019, "01", "PAPI.total_weighted")
    u = value(panel, 2019, "01", "PAPI.total")
    assert round(w.value, 2) == 43.52
    assert round(u.value, 2) == 41.53
    # 95% CIs from the 2019 full tables (read by hand: 42.795448 / 44.252945; 41.110680 / 41.955360)
    assert w.ci_low == pytest.approx(42.795448, abs=1e-5)
    assert w.ci_high == pytest.approx(44.252945, abs=1e-5)
    assert u.ci_low == pytest.approx(41.110680, abs=1e-5)
    assert u.ci_high == pytest.approx(41.955360, abs=1e-5)


def test_consolidated_values_by_hand(result, cands):
    panel, _, _ = result
    # 2011_PAPI row 3 (Hà Nội): D1 5.76248, Civic Knowledge 1.26411, total 36.40502
    assert value(panel, 2011, "01", "PAPI.d1").value == pytest.approx(5.76248, abs=1e-9)
    assert value(panel, 2011, "01", "PAPI.d1_1").value == pytest.approx(1.26411, abs=1e-9)
    assert value(panel, 2011, "01", "PAPI.total").value == pytest.approx(36.40502, abs=1e-9)
    # 2011_PAPI row 65 (Cà Mau): Community Investment Boards 1.516998
    assert value(panel, 2011, "96", "PAPI.d3_cib").value == pytest.approx(1.516998, abs=1e-9)
    assert value(panel, 2011, "01", "PAPI.d1").source == \
        "papi/PAPI_2011-2019_mdtrinh.xlsx#2011_PAPI"


def test_consolidated_2017_columns_follow_the_official_2017_labels(result, cands):
    panel, _, rep = result
    # the 2017 sheet labels the column 'Poverty Lists', but it holds 2.1 Access to Information:
    # Hà Nội 1.88295578956604 in PAPI_2017_eng_mdtrinh.xlsx
    c = cand(cands, "consolidated", 2017, "01", "PAPI.d2_1")
    assert c.column == "Poverty Lists"
    assert c.value == pytest.approx(1.88295578956604, abs=1e-9)
    assert cand(cands, "dimension_sheets", 2017, "01", "PAPI.d2_1").value == \
        pytest.approx(c.value, abs=1e-9)
    # and it is reported
    mis = rep[(rep.kind == "issue") & (rep.status == "mislabelled_column")]
    relabelled = [c.header for e in catalog.of_layout("consolidated", [2017]) for c in e.columns
                  if c.note.startswith("relabelled:")]
    assert set(mis.column) == set(relabelled) == {"Poverty Lists", "Communal Budget and Expenditure",
                                                  "Land-Use Plans/Price Frames",
                                                  "Responsive to Citizen Actions",
                                                  "People's Inspection Boards"}
    # no sub-dimension the 2017 file lacks
    y17 = set(panel[panel.year == 2017].indicator)
    assert "PAPI.d2_4" not in y17 and "PAPI.d3_pib" not in y17 and "PAPI.d3_3" in y17


def test_dimension_sheets_values_by_hand(cands):
    # PAPI_2019_eng_mdtrinh.xlsx, 2019PAPI_Dims_Sub-dims_ENG: Cà Mau 8.3 = 0.33399999141693115,
    # Hà Nội Unweighted PAPI Score = 41.53302001953125
    assert cand(cands, "dimension_sheets", 2019, "96", "PAPI.d8_3").value == \
        pytest.approx(0.33399999141693115, abs=1e-12)
    assert cand(cands, "dimension_sheets", 2019, "01", "PAPI.total").value == \
        pytest.approx(41.53302001953125, abs=1e-12)
    # 2018: Quảng Ninh D2 blank in the source
    c = cand(cands, "dimension_sheets", 2018, "22", "PAPI.d2")
    assert c.value is None or math.isnan(c.value)


def test_full_tables_values_by_hand(result, cands):
    panel, _, _ = result
    # PAPI_2018_FULL_vie_mdtrinh.xlsx row 2 'Chỉ số PAPI 2018 (không có trọng số)', Hà Nội 42.3194694519043
    v = value(panel, 2018, "01", "PAPI.total")
    assert v.value == pytest.approx(42.3194694519043, abs=1e-12)
    assert v.source == "papi/PAPI_2018_FULL_vie_mdtrinh.xlsx#ProvincialIndicators_VIE"
    # KCDL for Quảng Ninh and Đồng Tháp: NA with flag no_data, never 0
    for unit in ("22", "87"):
        for ind in ("PAPI.total", "PAPI.d2", "PAPI.d4", "PAPI.d2_1", "PAPI.d4_4"):
            r = value(panel, 2018, unit, ind)
            assert pd.isna(r.value) and "no_data" in r.flag
    # 2019 indicator table: Cao Bằng weighted 47.883209228515625
    assert cand(cands, "full_tables", 2019, "04", "PAPI.total_weighted").value == \
        pytest.approx(47.883209228515625, abs=1e-12)


def test_full_2019_wide_values_by_hand(cands):
    # PAPI_2019_FULL_vie_mdtrinh.xlsx Sheet1 row 4 (Cao Bằng): CI 47.14588165283203-48.62053680419922
    c = cand(cands, "full_2019_wide", 2019, "04", "PAPI.total_weighted")
    assert c.value == pytest.approx(47.883209228515625, abs=1e-12)
    assert c.ci_low == pytest.approx(47.14588165283203, abs=1e-12)
    assert c.ci_high == pytest.approx(48.62053680419922, abs=1e-12)


def test_csv_copies_values_by_hand(result, cands):
    panel, _, _ = result
    # papi_2020_nasibo.csv line 2 (Ha Noi): 1.1 = 0.74, 2.4 = 1.28 (only 2020 sub-dimension source)
    assert value(panel, 2020, "01", "PAPI.d1_1").value == 0.74
    assert value(panel, 2020, "01", "PAPI.d2_4").value == 1.28
    assert value(panel, 2020, "01", "PAPI.d1_1").source == "papi/papi_2020_nasibo.csv"
    # 2020 D1: the full-precision panel wins over the CSV's 5.06
    d1 = value(panel, 2020, "01", "PAPI.d1")
    assert d1.source.startswith("papi/papi_2020_2024_tunah72")
    assert round(d1.value, 2) == 5.06
    assert cand(cands, "csv_copies", 2019, "01", "PAPI.total").value == 41.53
    assert not any(i.startswith(("PAPI.d7_", "PAPI.d8_"))
                   for i in panel[panel.year == 2020].indicator)


def test_panel_2020_2024_values_by_hand(result):
    panel, _, _ = result
    # excerpt line 2: Hà Giang 2020 D1 4.9710565, total 42.675816
    assert value(panel, 2020, "02", "PAPI.d1").value == pytest.approx(4.9710565, abs=1e-9)
    assert value(panel, 2020, "02", "PAPI.total").value == pytest.approx(42.675816, abs=1e-9)
    # 2024 Quảng Ninh (unchanged by the merger): total 47.821236, first of the 61 ranked
    qn = value(panel, 2024, "22", "PAPI.total")
    assert qn.value == pytest.approx(47.821236, abs=1e-9)
    assert (qn["rank"], qn.rank_of) == (1, 61)
    # 2021 Bắc Giang: empty in the source -> NA + no_data
    bg = value(panel, 2021, "24", "PAPI.total")
    assert pd.isna(bg.value) and "no_data" in bg.flag


# ------------------------------------------------------------------------------- 2024
def test_2024_rows_are_the_old_provinces_they_name(result):
    """The 2024 file was laid out for the 34 units of 2025, but each of the 61 old provinces with
    data has a value of its own: all 63 rows are kept as old provinces (2 without data)."""
    panel, _, rep = result
    total = panel[(panel.year == 2024) & (panel.indicator == "PAPI.total")]
    assert len(total) == 63 and total.value.notna().sum() == 61
    assert total.value.dropna().nunique() == 61
    # Hà Giang and Tuyên Quang (one unit from 2025) keep their own values, as in the raw file
    by = total.set_index("unit_code").value
    assert by["02"] == pytest.approx(43.728905) and by["08"] == pytest.approx(42.546776)
    assert set(total[total.value.isna()].unit_code) == {"26", "82"}   # Vĩnh Phúc, Tiền Giang
    kept = rep[(rep.kind == "row") & rep.source.str.contains("tunah72")]
    assert (kept.status == "kept").all()
    cb = checks.papi_codebook()
    assert cb[cb.indicator == "PAPI.total"].notes.str.contains("61 old provinces").any()


# ------------------------------------------------------------------------------- row ledger
def _xlsx_rows(raw_dir, file, sheet):
    from parlib.io.excel import read_sheet

    return read_sheet(Path(raw_dir) / PAPI_DIR / file, sheet)


def test_every_raw_row_logged_once(result, raw_dir):
    _, report, rep = result
    assert report.check_complete().empty
    rows = rep[rep.kind == "row"]
    # consolidated: every row below the two headers, 63 provinces kept + the Highest row dropped
    for e in catalog.of_layout("consolidated"):
        df = _xlsx_rows(raw_dir, e.file, e.sheet)
        got = rows[(rows.source == e.source) & (rows.sheet == e.sheet)]
        assert sorted(got.row) == list(range(3, len(df) + 1)), e.sheet
        assert (got.status == "kept").sum() == 63
    for e in catalog.of_layout("numbered"):
        if e.sheet is not None:
            n = len(_xlsx_rows(raw_dir, e.file, e.sheet))
        else:
            with open(Path(raw_dir) / PAPI_DIR / e.file, encoding="utf-8") as fh:
                n = len(list(csv.reader(fh)))
        got = rows[(rows.source == e.source)]
        assert sorted(got.row) == list(range(2, n + 1)), e.file
    (long,) = catalog.of_layout("long_panel")
    with open(Path(raw_dir) / PAPI_DIR / long.file, encoding="utf-8") as fh:
        n = len(list(csv.reader(fh)))
    got = rows[rows.source == long.source]
    assert sorted(got.row) == list(range(2, n + 1))
    # indicator-as-row tables: one entry per province column
    for e in catalog.of_layout("indicator_rows"):
        got = rows[rows.source == e.source]
        assert len(got) == 63 and got.unit_as_written.is_unique
    (wide,) = catalog.of_layout("positioned")
    got = rows[rows.source == wide.source]
    assert sorted(got.row) == list(range(2, 65))


def test_highest_rows_never_become_provinces(result):
    from parlib import provinces

    panel, _, rep = result
    assert set(panel.unit_code) <= set(provinces.codes("63"))
    assert panel.unit_code.nunique() == 63
    high = rep[(rep.kind == "row") & (rep.status == "dropped") & rep.reason.str.contains("Highest")]
    assert len(high) == len(catalog.of_layout("consolidated")) == 9
    assert set(high.unit_as_written) == {"Điểm cao nhất"}


# ------------------------------------------------------------------------------- panel shape
def test_key_unique_and_no_zero_values(result):
    panel, _, _ = result
    assert not panel.duplicated(["index", "year", "unit_code", "indicator"]).any()
    assert list(panel.columns) == merge.PANEL_COLUMNS
    assert not (panel.value == 0).any()
    na = panel[panel.value.isna()]
    assert na.flag.str.contains("no_data").all()
    # 2014: Bắc Giang is blank with a total of 0.0 in the source -> NA, never 0
    assert pd.isna(value(panel, 2014, "24", "PAPI.total").value)


def test_rows_per_year(result):
    panel, _, _ = result
    n = panel.groupby("year").size().to_dict()
    assert n[2011] == 63 * 29 and n[2017] == 63 * 29
    assert n[2018] == 63 * 37 and n[2019] == 63 * 39
    assert n[2020] == 63 * (9 + 23) and n[2021] == 63 * 9 and n[2024] == 63 * 9


def test_every_indicator_in_codebook_for_its_year(result):
    panel, rep_report, rep = result
    assert rep[(rep.kind == "issue") & rep.status.isin(["not_in_codebook", "out_of_scale"])].empty
    cb = checks.papi_codebook()
    assert cb.groupby(["indicator", "year_from"]).size().max() == 1
    for ind, g in cb.groupby("indicator"):  # non-overlapping year ranges
        years = [y for r in g.itertuples() for y in range(r.year_from, r.year_to + 1)]
        assert len(years) == len(set(years)), ind


def test_codebook_eras_mark_breaks():
    from parlib.codebook import clear_cache, same_series

    clear_cache()
    assert same_series("PAPI", "PAPI.d1_1", 2011, 2019)
    assert not same_series("PAPI", "PAPI.d2_1", 2017, 2018)     # 3 -> 4 sub-dimensions
    assert not same_series("PAPI", "PAPI.d3_2", 2016, 2017)     # re-defined
    assert not same_series("PAPI", "PAPI.total", 2017, 2018)    # 6 -> 8 dimensions
    assert not same_series("PAPI", "PAPI.d8", 2018, 2019)       # 8.3 added


# ------------------------------------------------------------------------------- composites
def test_composites_sum_within_rounding_every_year(result):
    panel, _, rep = result
    metrics = rep[rep.kind == "metric"]
    for year in range(2011, 2025):
        assert f"composite_max_error_dim_to_total_{year}" in set(metrics.status), year
    for year in range(2011, 2021):
        assert f"composite_max_error_sub_to_dim_{year}" in set(metrics.status), year
    assert rep[(rep.kind == "issue") & (rep.status == "composite_mismatch")].empty
    full = metrics[metrics.status.str.startswith("composite_max_error") & ~metrics.status.str.endswith("2020")]
    assert (full.value < 1e-4).all()


def _mini_panel(values, precision="full", year=2011):
    rows = []
    for ind, v in values.items():
        rows.append({"index": "PAPI", "year": year, "unit_code": "01", "indicator": ind,
                     "value": v, "source": "papi/x.xlsx#s", "precision": precision,
                     "file": "papi/x.xlsx", "sheet": "s", "row": 3})
    return pd.DataFrame(rows)


def test_composite_mismatch_is_reported():
    # SYNTHETIC: D1 = 5.0 but its four sub-dimensions sum to 5.1
    p = _mini_panel({"PAPI.d1": 5.0, "PAPI.d1_1": 1.3, "PAPI.d1_2": 1.3, "PAPI.d1_3": 1.25,
                     "PAPI.d1_4": 1.25})
    rep = CleaningReport()
    errs = checks.check_composites(p, rep)
    assert len(errs) == 1 and errs.error.iloc[0] == pytest.approx(0.1)
    df = rep.to_frame()
    assert (df.status == "composite_mismatch").sum() == 1
    assert (df.status == "composite_max_error_sub_to_dim_2011").sum() == 1


def test_rounded_sources_get_rounding_tolerance():
    # SYNTHETIC: 2-decimal sub-dimensions that sum 0.015 off their dimension: within rounding
    p = _mini_panel({"PAPI.d1": 5.015, "PAPI.d1_1": 1.25, "PAPI.d1_2": 1.25, "PAPI.d1_3": 1.25,
                     "PAPI.d1_4": 1.25}, precision="2dp", year=2020)
    rep = CleaningReport()
    checks.check_composites(p, rep)
    assert (rep.to_frame().status == "composite_mismatch").sum() == 0


# ------------------------------------------------------------------------------- merging
PRIO = {"consolidated": 1, "dimension_sheets": 2, "csv_copies": 6}  # as in catalog.csv


def _cand(family, precision, val, **kw):
    base = dict(family=family, prio=PRIO[family], precision=precision, file=f"{family}.xlsx", sheet="s", row=3,
                unit_as_written="Hà Nội", unit_code="01", year=2019, indicator="PAPI.d1",
                column="c", value=val, no_data=None if val is not None else "blank cell")
    base.update(kw)
    return candidate(**base)


def test_merge_keeps_full_precision_and_reports_disagreement():
    # SYNTHETIC candidates
    rep = CleaningReport()
    p = merge.merge([_cand("csv_copies", "2dp", 5.04), _cand("consolidated", "full", 5.038736)],
                    rep)
    assert p.value.iloc[0] == 5.038736 and p.source.iloc[0] == "papi/consolidated.xlsx#s"
    assert rep.to_frame().query("kind == 'issue'").empty
    rep = CleaningReport()
    p = merge.merge([_cand("csv_copies", "2dp", 5.10), _cand("consolidated", "full", 5.038736)],
                    rep)
    df = rep.to_frame()
    assert (df.status == "source_disagreement").sum() == 1
    assert "conflict" in p.flag.iloc[0]
    rep = CleaningReport()
    p = merge.merge([_cand("dimension_sheets", "full", 5.0388),
                     _cand("consolidated", "full", 5.038736)], rep)
    assert p.flag.iloc[0] is None or "conflict" not in str(p.flag.iloc[0])


def test_merge_no_data_everywhere_is_na_with_one_issue():
    rep = CleaningReport()
    p = merge.merge([_cand("csv_copies", "2dp", None), _cand("consolidated", "full", None,
                                                              no_data="KCDL (không có dữ liệu)")],
                    rep)
    assert pd.isna(p.value.iloc[0]) and p.flag.iloc[0].startswith("no_data")
    df = rep.to_frame()
    assert (df.status == "no_data").sum() == 1
    assert pd.isna(p["rank"].iloc[0])


def test_no_source_disagreements_in_the_real_files(result):
    # measured: the full-precision copies agree to float32 precision, the CSV copies to 2 dp
    _, _, rep = result
    assert rep[(rep.kind == "issue") & (rep.status == "source_disagreement")].empty


# ------------------------------------------------------------------------------- bad input
def _write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _csv_2017():
    (e,) = [e for e in catalog.of_layout("numbered", [2017]) if e.sheet is None]
    return e


def _synthetic_raw(tmp_path, header_label, cell):
    """SYNTHETIC raw folder holding only a 2017-style CSV copy with one row."""
    folder = tmp_path / "papi"
    folder.mkdir()
    e = _csv_2017()
    header = ["Provinces"] + [" " + c.header for c in e.columns]
    header[1] = header_label
    row = ["Ha Noi"] + ["1.0"] * len(e.columns)
    row[1] = cell
    _write_csv(folder / e.file, [header, row])
    return tmp_path


def _read_csv_2017(raw):
    return papi_rows.read_numbered(_csv_2017(), raw, CleaningReport())


def test_bad_header_is_a_source_format_error(tmp_path):
    raw = _synthetic_raw(tmp_path, " 1: Participation Somewhere Else", "5.0")
    with pytest.raises(SourceFormatError) as e:
        _read_csv_2017(raw)
    msg = str(e.value)
    assert "papi_2017_nasibo.csv" in msg and "row 1" in msg and "Participation at Local Levels" in msg


def test_text_in_a_value_cell_is_a_source_format_error(tmp_path):
    raw = _synthetic_raw(tmp_path, " 1: Participation at Local Levels", "n/a?")
    with pytest.raises(SourceFormatError) as e:
        _read_csv_2017(raw)
    assert "row 2" in str(e.value) and "n/a?" in str(e.value)


def test_kcdl_and_zero_are_no_data(tmp_path):
    from parlib.sources.papi.cells import KCDL, ZERO, parse_value

    kw = dict(file="f", sheet=None, row=1, column="c")
    assert parse_value("KCDL", **kw) == (None, KCDL)
    assert parse_value(0.0, **kw) == (None, ZERO)
    assert parse_value(None, **kw)[0] is None
    assert parse_value("4.25", **kw) == (4.25, None)


def test_unknown_province_is_a_source_format_error(tmp_path):
    folder = tmp_path / "papi"
    folder.mkdir()
    e = _csv_2017()
    header = ["Provinces"] + [c.header for c in e.columns]
    _write_csv(folder / e.file,   # SYNTHETIC
               [header, ["Quang Nom"] + ["1.0"] * len(e.columns)])
    with pytest.raises(SourceFormatError) as e:
        _read_csv_2017(tmp_path)
    assert "Quảng Nam" in str(e.value)


def test_changed_workbook_header_is_a_source_format_error(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "papi"
    folder.mkdir()
    (e,) = catalog.of_layout("consolidated", [2011])
    wb = openpyxl.Workbook()   # SYNTHETIC consolidated workbook with one label changed
    ws = wb.active
    ws.title = e.sheet
    layout = e.columns
    en = ["tinhid", "tentinh_eng", "tentinh_vie"] + [c.header for c in layout]
    en[5] = "Something Else"
    ws.append(en)
    ws.append(en)
    ws.append([1, "Ha Noi", "Hà Nội"] + [1.0] * len(layout))
    wb.save(folder / e.file)
    with pytest.raises(SourceFormatError) as err:
        papi_rows.read_consolidated(e, tmp_path, CleaningReport())
    assert "2011_PAPI" in str(err.value) and "Opportunities for Participation" in str(err.value)


# ------------------------------------------------------------------------------- speed
def test_reads_only_the_sheets_it_needs(raw_dir, monkeypatch):
    from parlib.io import excel
    from parlib.sources.papi import columns

    calls = []
    real = excel.read_sheet

    def counting(path, sheet, *a, **k):
        calls.append((Path(path).name, sheet))
        return real(path, sheet, *a, **k)

    for mod in (papi_rows, columns):
        monkeypatch.setattr(mod, "read_sheet", counting)
    papi.read(Path(raw_dir), CleaningReport())
    assert len(calls) == len(set(calls)) == 9 + 3 + 2 + 1
