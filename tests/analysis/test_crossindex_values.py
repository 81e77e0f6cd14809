"""A province across the indices: every column of standing(), criterion ranks and Spearman
correlations, on the SYNTHETIC fixture (tests/fixtures/synthetic_panel.py), worked by hand.

Quảng Nam (49) 2019: PCI 5.25 (published #5/6; 2018 5.10 #6), PAPI total 2+2+4 = 8 (no printed
rank: computed among 11, 16, 8, 13, 8, 13 -> #5/6; 2018 7.5), SIPAS (60+75+90)/3 = 75 (computed
among 80, 90, 75 -> #3/3; first survey).
"""
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.analysis.crossindex import STANDING_COLUMNS, headline_indicator
from parlib.errors import ParameterError
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def _drop(panel, index, year, unit, indicator):
    m = (panel["index"] == index) & (panel.year == year) & (panel.unit_code == unit) & \
        (panel.indicator == indicator)
    return panel[~m]


def test_standing_every_column_of_every_index():
    df = A.standing("Quảng Nam", 2019, **KW)
    assert list(df.columns) == ["unit_code"] + STANDING_COLUMNS
    assert df["index"].tolist() == ["PCI", "PAPI", "PAR", "SIPAS"] and set(df.unit_code) == {"49"}
    d = df.set_index("index")
    pci = d.loc["PCI"]
    assert (pci.year, pci.indicator, pci.total, pci.score, pci["max"]) == (
        2019, "PCI.overall", "Synthetic PCI", 5.25, 10.0)
    assert (pci["rank"], pci.rank_of, pci.rank_kind, pci.status, pci.note) == (
        5, 6, "published", "ok", "")
    assert (pci.prev_year, pci.change_indicator, pci.prev_rank, pci.rank_change) == (
        2018, "PCI.overall", 6, 1)
    assert pci.change == pytest.approx(0.15) and pci.comparable and pci.change_status == "ok"
    assert pci.break_note == ""
    papi = d.loc["PAPI"]
    assert (papi.score, papi["max"], papi["rank"], papi.rank_of, papi.rank_kind) == (
        8.0, 20.0, 5, 6, "computed")
    assert (papi.total, papi.prev_year, papi.prev_rank, papi.rank_change) == (
        "Synthetic PAPI", 2018, 5, 0)
    assert papi.change == pytest.approx(0.5)
    sipas = d.loc["SIPAS"]
    assert (sipas.score, sipas["rank"], sipas.rank_of, sipas.change_status) == (75.0, 3, 3, "first")
    assert pd.isna(sipas.prev_year) and pd.isna(sipas.change) and not sipas.comparable
    assert (sipas.region_with_data, sipas.region_n) == (1, 14)
    par = d.loc["PAR"]
    assert (par.status, par.note, par.total) == ("no data", "no PAR data for 2019", "")
    assert pd.isna(par.score) and pd.isna(par["rank"]) and pd.isna(par.indicator)
    for c in ("rank", "rank_of", "prev_year", "rank_change", "region_n"):
        assert str(df[c].dtype) == "Int64"


def test_standing_in_vietnamese_and_only_some_indices():
    df = A.standing("49", 2019, indices=["PAR", "PCI"], lang="vi", **KW).set_index("index")
    assert list(df.index) == ["PAR", "PCI"]
    assert df.loc["PAR", "note"] == "không có dữ liệu PAR năm 2019"
    assert df.loc["PCI", "total"] == "PCI giả lập"
    with pytest.raises(ParameterError, match="index"):
        A.standing("49", 2019, indices=["PCX"], **KW)


def test_standing_nearest_earlier_survey_only_when_asked():
    far = A.standing("49", 2021, **KW).set_index("index")
    assert far.loc["PCI", "status"] == "no data" and far.loc["PCI", "year"] == 2021
    near = A.standing("49", 2021, nearest=True, **KW).set_index("index")
    assert (near.loc["PCI", "year"], near.loc["PAPI", "year"]) == (2020, 2019)
    first = A.standing("49", 2016, nearest=True, **KW).set_index("index")
    assert first.loc["PCI", "year"] == 2016 and first.loc["PCI", "status"] == "no data"


def test_standing_unit_not_covered_says_how_many_are():
    d = A.standing("Hà Giang", 2019, indices=["PCI"], **KW).iloc[0]
    assert d.status == "no data"
    assert d.note == "unit not covered by PCI 2019 (the source covers 6 provinces)"
    vi = A.standing("Hà Giang", 2019, indices=["PCI"], lang="vi", **KW).iloc[0]
    assert vi.note == "tỉnh không có trong PCI 2019 (nguồn có 6 tỉnh)"


def test_standing_no_composite_when_only_criteria_have_values():
    p = _drop(P, "PCI", 2019, "49", "PCI.overall")
    d = A.standing("49", 2019, indices=["PCI"], panel=p, codebook=C).iloc[0]
    assert d.status == "no composite"
    assert d.note == ("PCI 2019: no composite score in the data; 3 sub-indices with a value for "
                      "this province (ranks on the sub-indices)")
    vi = A.standing("49", 2019, indices=["PCI"], lang="vi", panel=p, codebook=C).iloc[0]
    assert vi.note == "PCI 2019: không có điểm tổng hợp; có 3 chỉ số thành phần"


def test_standing_rank_only_keeps_the_rank_and_its_move():
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2019) & (p.unit_code == "49") & \
        (p.indicator == "PCI.overall")
    p.loc[m, "value"] = float("nan")          # the source printed #5 and no score
    d = A.standing("49", 2019, indices=["PCI"], panel=p, codebook=C).iloc[0]
    assert (d.status, d["rank"], d.rank_of, d.rank_kind) == ("rank only", 5, 6, "published")
    assert d.note == "the source published a rank and no score"
    assert (d.change_status, d.comparable, d.prev_rank, d.rank_change) == ("rank only", False, 6, 1)
    vi = A.standing("49", 2019, indices=["PCI"], lang="vi", panel=p, codebook=C).iloc[0]
    assert vi.note == "nguồn chỉ công bố thứ hạng, không có điểm"


def test_standing_change_missing_is_not_a_method_change():
    p = _drop(P, "PCI", 2018, "49", "PCI.overall")
    d = A.standing("49", 2019, indices=["PCI"], panel=p, codebook=C).iloc[0]
    assert (d.change_status, d.comparable, d.prev_year) == ("missing", False, 2018)
    assert d.break_note == "no PCI value in 2018 to compare with (missing, not a method change)"
    assert pd.isna(d.change) and pd.isna(d.prev_rank)
    vi = A.standing("49", 2019, indices=["PCI"], lang="vi", panel=p, codebook=C).iloc[0]
    assert vi.break_note == "không có giá trị PCI năm 2018 để so sánh"


def test_standing_change_across_a_method_break():
    cb = C.copy()
    o = cb.indicator == "PCI.overall"
    cb = pd.concat([cb[~o], cb[o].assign(year_to=2018), cb[o].assign(year_from=2019, era="e2")])
    d = A.standing("49", 2019, indices=["PCI"], panel=P, codebook=cb).iloc[0]
    assert (d.change_status, d.comparable) == ("break", False)
    assert "e1 → e2" in d.break_note and pd.isna(d.rank_change) and pd.isna(d.change)
    assert d.prev_rank == 6


def test_standing_place_in_a_complete_region():
    vals = {"62": 6.0, "64": 7.5, "66": 7.5, "67": 5.0, "68": 8.0, "01": 9.0}
    p = pd.DataFrame({"index": "PCI", "year": 2019, "unit_code": list(vals),
                      "unit_type": "province", "indicator": "PCI.overall",
                      "value": list(vals.values()), "rank": pd.NA, "rank_of": pd.NA,
                      "max_value": float("nan"), "flag": pd.NA, "source": "SYNTHETIC"})
    d = A.standing("66", 2019, indices=["PCI"], panel=p, codebook=C).iloc[0]
    # Central Highlands: 68 8.0, 64 = 66 7.5 (2nd), 62, 67; nationally 01 first -> #3/6
    assert (d.rank_in_region, d.region_n, d.region_with_data) == (2, 5, 5)
    assert (d["rank"], d.rank_of, d.rank_kind) == (3, 6, "computed")
    assert d["max"] == 10.0            # no max_value in the panel: the codebook's scale_max
    assert d.change_status == "first"


def test_headline_is_the_weighted_total_where_published():
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.unweighted", "name_en"] = "Weighted headline"
    from parlib.analysis.context import context

    ctx = context(P, cb)
    assert headline_indicator(ctx, "PCI", 2019) == "PCI.unweighted"
    assert headline_indicator(ctx, "PCI", 2019, "49") == "PCI.unweighted"
    assert headline_indicator(ctx, "PCI", 2019, "02") == "PCI.overall"   # no value for 02
    d = A.standing("49", 2019, indices=["PCI"], panel=P, codebook=cb).iloc[0]
    assert (d.indicator, d.total, d.score, d["max"]) == ("PCI.unweighted", "Weighted headline",
                                                         17.0, 30.0)    # 4 + 6 + 7 of 30
    assert headline_indicator(context(**KW), "PCI", 2019) == "PCI.overall"  # "Unweighted"


def test_criterion_ranks_of_a_province():
    df = A.criterion_ranks("Quảng Ninh", "PCI", 2019, **KW)
    assert list(df.columns) == ["indicator", "name", "score", "rank", "rank_of", "rank_kind",
                                "third"]
    d = df.set_index("indicator")
    assert list(d.index) == ["PCI.a", "PCI.b", "PCI.c"]
    # 2019 a: 6 8 5 7 4 6 -> 22 first; b: 7 6 5 8 6 4 -> 22 3rd (= 49); c: 5 9 5 6 7 8 -> 1st
    assert d["score"].tolist() == [8.0, 6.0, 9.0] and d["rank"].tolist() == [1, 3, 1]
    assert set(d.rank_of) == {6} and set(d.rank_kind) == {"computed"}
    assert d.loc["PCI.c", "name"] == "Criterion C (new)" and d.loc["PCI.a", "third"] == "top"
    vi = A.criterion_ranks("22", "PCI", 2019, lang="vi", **KW).set_index("indicator")
    assert vi.loc["PCI.a", "name"] == "Tiêu chí A"
    low = A.criterion_ranks("49", "PCI", 2019, **KW).set_index("indicator")
    assert low.loc["PCI.a", "rank"] == 6 and low.loc["PCI.a", "third"] == "bottom"
    assert str(df["rank"].dtype) == "Int64"


def test_rank_correlations_min_n_and_pooling():
    df = A.rank_correlations(years=2019, min_n=3, pooled=False, **KW)
    assert list(df.columns) == ["year", "index_a", "index_b", "n", "rho", "p_value"]
    assert set(df.year) == {2019}
    ps = df[(df.index_a == "PCI") & (df.index_b == "SIPAS")].iloc[0]
    # PCI 01 6.1, 22 7.6, 49 5.25 and SIPAS 80, 90, 75: the same order -> rho 1
    assert ps.n == 3 and ps.rho == pytest.approx(1.0)
    papi_sipas = df[(df.index_a == "PAPI") & (df.index_b == "SIPAS")].iloc[0]
    # PAPI 01 11, 22 16, 49 8 and SIPAS 80, 90, 75: the same order -> rho 1
    assert papi_sipas.rho == pytest.approx(1.0) and papi_sipas.p_value == pytest.approx(0.0)
    assert len(df) == 3        # PCI-PAPI, PCI-SIPAS, PAPI-SIPAS (no PAR)
    none = A.rank_correlations(years=[2019], min_n=7, **KW)
    assert none.empty and list(none.columns) == ["year", "index_a", "index_b", "n", "rho",
                                                 "p_value"]
    # pooled PCI-SIPAS: only 2019 has both, 3 unit-years, below min_n 4
    p4 = A.rank_correlations(min_n=4, **KW)
    assert not ((p4.year == "pooled") & (p4.index_b == "SIPAS")).any()
    p3 = A.rank_correlations(min_n=3, **KW)
    row = p3[(p3.year == "pooled") & (p3.index_a == "PCI") & (p3.index_b == "SIPAS")].iloc[0]
    assert row.n == 3 and row.rho == pytest.approx(1.0)
