"""Regional comparison, reconstruction and convergence: every column checked against hand-worked
values on the SYNTHETIC fixture (tests/fixtures/synthetic_panel.py) and the official merger table
(data/reference: 2024 populations).

SYNTHETIC PCI 2019 overall (published): 01 6.1, 22 7.6, 31 5.0 (Red River Delta, RRD);
48 7.1, 49 5.25, 51 5.8 (North Central and Central Coast, NCC); published ranks 22 1, 48 2, 01 3,
51 4, 49 5, 31 6 of 6.
"""
import math
import statistics

import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.analysis.regional import BetaResult
from parlib.errors import ParameterError
from test_regional import _panel_for_beta   # units 01, 22, 31, 48, 49, 51 in that order
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
NCC_EN, NCC_VI = "North Central and Central Coast", "Bắc Trung Bộ và Duyên hải miền Trung"
RRD_EN, RRD_VI = "Red River Delta", "Đồng bằng sông Hồng"


def _lower_is_better(cb):
    cb = cb.copy()
    cb["higher_is_better"] = False
    return cb


def _one_year_panel(vals, year=2019):
    return pd.DataFrame({"index": "PCI", "year": year, "unit_code": list(vals),
                         "unit_type": "province", "indicator": "PCI.overall",
                         "value": list(vals.values()), "rank": pd.NA, "rank_of": pd.NA,
                         "flag": pd.NA, "source": "SYNTHETIC"})


# ----------------------------------------------------------------------------- region_ranks
def test_region_ranks_rows_columns_and_order():
    df = A.region_ranks("PCI", 2019, **KW)
    assert list(df.columns) == ["index", "year", "indicator", "unit_code", "unit_name",
                                "region_code", "region_en", "region_vi", "value", "rank",
                                "rank_of", "rank_kind", "rank_in_region", "region_n",
                                "region_with_data"]
    # regions in code order (NCC < RRD); no place in a region (3 of 14 / 3 of 11 have data), so
    # within a region best value first: 48 7.1, 51 5.8, 49 5.25 | 22 7.6, 01 6.1, 31 5.0
    assert df.unit_code.tolist() == ["48", "51", "49", "22", "01", "31"]
    assert df.value.tolist() == [7.1, 5.8, 5.25, 7.6, 6.1, 5.0]
    assert df["rank"].tolist() == [2, 4, 5, 1, 3, 6] and set(df.rank_of) == {6}
    assert set(df.rank_kind) == {"published"}
    assert (set(df["index"]), set(df.year), set(df.indicator)) == ({"PCI"}, {2019}, {"PCI.overall"})
    d = df.set_index("unit_code")
    assert (d.loc["48", "unit_name"], d.loc["31", "unit_name"]) == ("Đà Nẵng", "Hải Phòng")
    assert (d.loc["49", "region_en"], d.loc["49", "region_vi"]) == (NCC_EN, NCC_VI)
    assert (d.loc["01", "region_en"], d.loc["01", "region_vi"]) == (RRD_EN, RRD_VI)
    assert (d.loc["01", "region_with_data"], d.loc["01", "region_n"]) == (3, 11)
    assert str(df["rank_in_region"].dtype) == "Int64" and str(df["region_n"].dtype) == "Int64"


def test_region_ranks_of_a_unit_in_no_region():
    # the SYNTHETIC nation row (VN 9.99) belongs to no region: no region counts, not zero
    df = A.region_ranks("PCI", 2019, unit_type="nation", **KW)
    assert df.unit_code.tolist() == ["VN"] and df.value.tolist() == [9.99]
    assert pd.isna(df.region_with_data.iloc[0]) and pd.isna(df.region_n.iloc[0])
    assert pd.isna(df.rank_in_region.iloc[0]) and df.region_code.iloc[0] == ""


def test_region_ranks_of_a_criterion():
    # PCI.a 2019: 48 7, 51 6, 49 4 | 22 8, 01 6, 31 5; ranks computed among the 6 (01 = 51 tie)
    df = A.region_ranks("PCI", 2019, indicator="PCI.a", **KW)
    assert df.unit_code.tolist() == ["48", "51", "49", "22", "01", "31"]
    assert set(df.indicator) == {"PCI.a"}
    assert df["rank"].tolist() == [2, 3, 6, 1, 3, 5]


def test_region_ranks_lower_is_better():
    """SYNTHETIC: the 5 Central Highlands provinces, lower = better: 67 5.0 first, 62 6.0, the
    two 7.5 share 3rd, 68 8.0 5th; in the incomplete Red River Delta the lower value comes first."""
    vals = {"62": 6.0, "64": 7.5, "66": 7.5, "67": 5.0, "68": 8.0, "01": 9.0, "22": 3.0}
    df = A.region_ranks("PCI", 2019, panel=_one_year_panel(vals), codebook=_lower_is_better(C))
    assert df.unit_code.tolist() == ["67", "62", "64", "66", "68", "22", "01"]
    assert df.rank_in_region.tolist()[:5] == [1, 2, 3, 3, 5]
    assert df.rank_in_region[5:].isna().all()
    # nationally among 7, lower is better: 22 3.0 1st, 67 2nd, 62 3rd, 64/66 4th, 68 6th, 01 7th
    assert df["rank"].tolist() == [2, 3, 4, 4, 6, 1, 7] and set(df.rank_of) == {7}
    assert df.region_code.tolist() == ["CH"] * 5 + ["RRD"] * 2
    assert df.region_with_data.tolist() == [5] * 5 + [2] * 2


# ----------------------------------------------------------------------------- region_summary
def test_region_summary_every_statistic():
    df = A.region_summary("PCI", year=2019, **KW)
    assert list(df.columns) == ["index", "year", "indicator", "region_code", "region_en",
                                "region_vi", "n", "mean", "median", "std", "min", "max",
                                "spread", "iqr"]
    d = df.set_index("region_code")
    assert list(d.index) == ["NCC", "RRD", "VN"]
    ncc = d.loc["NCC"]
    # NCC 5.25, 5.8, 7.1: quartiles (linear) 5.525 and 6.45
    assert (ncc["min"], ncc["max"]) == (5.25, 7.1)
    assert ncc["iqr"] == pytest.approx(6.45 - 5.525)
    assert (ncc.region_en, ncc.region_vi) == (NCC_EN, NCC_VI)
    assert (ncc["index"], ncc.year, ncc.indicator) == ("PCI", 2019, "PCI.overall")
    rrd = d.loc["RRD"]   # 5.0, 6.1, 7.6
    assert rrd["mean"] == pytest.approx(18.7 / 3) and rrd["median"] == 6.1
    assert rrd["spread"] == pytest.approx(2.6) and rrd["n"] == 3
    vn = d.loc["VN"]     # all six: sum 36.85; sorted 5.0 5.25 5.8 6.1 7.1 7.6
    assert (vn.region_en, vn.region_vi) == ("Viet Nam", "Cả nước")
    assert vn["mean"] == pytest.approx(36.85 / 6) and vn["median"] == pytest.approx(5.95)
    assert vn["std"] == pytest.approx(statistics.stdev([5.0, 5.25, 5.8, 6.1, 7.1, 7.6]))
    assert vn["iqr"] == pytest.approx((6.1 + 0.75) - (5.25 + 0.25 * 0.55))


def test_region_summary_years_indicator_and_no_national_row():
    df = A.region_summary("PCI", year=[2018, 2019], national=False, indicator="PCI.a", **KW)
    assert sorted(set(df.year)) == [2018, 2019] and "VN" not in set(df.region_code)
    # PCI.a NCC 2018: 6.75, 3.75, 5.75 -> mean 5.4167
    r = df[(df.year == 2018) & (df.region_code == "NCC")].iloc[0]
    assert r["mean"] == pytest.approx(16.25 / 3) and r.indicator == "PCI.a"
    one = A.region_summary("PCI", year=np.int64(2020), **KW)
    assert set(one.year) == {2020}


def test_region_summary_all_years_skips_years_without_the_indicator():
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "year_from"] = 2019   # PCI.b defined from 2019 only
    df = A.region_summary("PCI", indicator="PCI.b", panel=P, codebook=cb)
    assert sorted(set(df.year)) == [2019, 2020]
    with pytest.raises(ParameterError, match="indicator"):
        A.region_summary("PCI", year=2018, indicator="PCI.b", panel=P, codebook=cb)


# ----------------------------------------------------------------------------- reconstruct_34
POP = {"01": 8717600, "22": 1396500, "30": 1978200, "31": 2124500, "48": 1276000,
       "49": 1543900, "51": 1259900, "62": 601800}     # merger table, 2024 population


def test_reconstruction_ranks_only_complete_units_and_says_so():
    df = A.reconstruct_34("PCI", 2019, **KW)
    assert list(df.columns) == ["index", "year", "indicator", "unit_code", "unit_name", "value",
                                "rank", "rank_of", "members", "members_with_data", "n_members",
                                "population_share", "complete", "method", "label"]
    d = df.set_index("unit_code")
    n48 = (7.1 * POP["48"] + 5.25 * POP["49"]) / (POP["48"] + POP["49"])   # 17165075/2819900 = 6.0871
    # complete: N01 6.1 (Hà Nội alone), N22 7.6, N48 6.0871 -> N22 1st, N01 2nd, N48 3rd of 3
    assert (d.loc["N22", "rank"], d.loc["N01", "rank"], d.loc["N48", "rank"]) == (1, 2, 3)
    assert set(df.rank_of) == {3}
    assert d.loc["N48", "value"] == pytest.approx(n48)
    # N31 = Hải Dương (30, no data) + Hải Phòng (31, 5.0): 5.0, half the population covered
    n31 = d.loc["N31"]
    assert n31.value == 5.0 and n31.members == "30;31" and not n31.complete
    assert (n31.members_with_data, n31.n_members) == (1, 2) and pd.isna(n31["rank"])
    assert n31.population_share == pytest.approx(POP["31"] / (POP["30"] + POP["31"]))
    assert d.loc["N01", "population_share"] == 1.0 and d.loc["N01", "n_members"] == 1
    assert d.loc["N51", "population_share"] == pytest.approx(POP["51"] / (POP["51"] + POP["62"]))
    # a new unit none of whose provinces is in the panel: missing, not zero
    n79 = d.loc["N79"]
    assert math.isnan(n79.value) and n79.members_with_data == 0 and n79.population_share == 0
    assert (d.loc["N48", "unit_name"], d.loc["N31", "unit_name"]) == ("Đà Nẵng", "Hải Phòng")
    assert d.loc["N48", "label"] == "reconstruction: 2024-population-weighted mean of Đà Nẵng, " \
                                    "Quảng Nam"
    assert (set(df["index"]), set(df.year), set(df.indicator)) == ({"PCI"}, {2019}, {"PCI.overall"})
    assert str(df["rank"].dtype) == "Int64" and str(df["rank_of"].dtype) == "Int64"


def test_reconstruction_lower_is_better_and_lists_of_criteria():
    low = A.reconstruct_34("PCI", 2019, panel=P, codebook=_lower_is_better(C)).set_index("unit_code")
    assert (low.loc["N48", "rank"], low.loc["N01", "rank"], low.loc["N22", "rank"]) == (1, 2, 3)
    two = A.reconstruct_34("PCI", 2019, indicator=["PCI.a", "PCI.c"], **KW)
    assert len(two) == 68 and two.indicator.tolist()[::34] == ["PCI.a", "PCI.c"]
    a = two[two.indicator == "PCI.a"].set_index("unit_code")
    # PCI.a: N48 = (7·1276000 + 4·1543900) / 2819900; complete N22 8 > N01 6 > N48 5.357
    assert a.loc["N48", "value"] == pytest.approx((7 * POP["48"] + 4 * POP["49"]) / 2819900)
    assert (a.loc["N22", "rank"], a.loc["N01", "rank"], a.loc["N48", "rank"]) == (1, 2, 3)
    c = two[two.indicator == "PCI.c"].set_index("unit_code")   # N48 6, 7 -> N22 9, N48, N01 5
    assert (c.loc["N22", "rank"], c.loc["N48", "rank"], c.loc["N01", "rank"]) == (1, 2, 3)
    one = A.reconstruct_34("PCI", 2019, indicator="PCI.b", **KW)
    assert set(one.indicator) == {"PCI.b"} and len(one) == 34


# ----------------------------------------------------------------------------- sigma
def test_sigma_convergence_columns_and_values():
    df = A.sigma_convergence("PCI", **KW)
    assert list(df.columns) == ["index", "year", "indicator", "n", "mean", "std", "cv", "iqr",
                                "comparable", "break_note"]
    d = df.set_index("year")
    v = [6.1, 7.6, 5.0, 7.1, 5.25, 5.8]
    assert d.loc[2019, "n"] == 6 and d.loc[2019, "mean"] == pytest.approx(36.85 / 6)
    assert d.loc[2019, "iqr"] == pytest.approx(6.85 - 5.3875)
    assert d["comparable"].all() and (d.break_note == "").all()
    assert df.attrs["years_in_slope"] == [2017, 2018, 2019, 2020]
    assert d.loc[2019, "std"] == pytest.approx(statistics.stdev(v))


def test_sigma_slope_only_over_years_comparable_with_the_first():
    # PCI.c changes method in 2019 (c1 -> c2): the slope uses 2017 and 2018 only
    df = A.sigma_convergence("PCI", indicator="PCI.c", **KW).set_index("year")
    s17 = statistics.stdev([4.5, 8.5, 7, 5.5, 6.5, 7.5])
    s18 = statistics.stdev([4.75, 8.75, 6, 5.75, 6.75, 7.75])
    assert df.attrs["years_in_slope"] == [2017, 2018]
    assert df.attrs["slope_std"] == pytest.approx(s18 - s17)
    assert df.comparable.tolist() == [True, True, False, False]
    assert "c1 → c2" in df.loc[2019, "break_note"] and df.loc[2018, "break_note"] == ""
    one = A.sigma_convergence("PCI", years=[2019], **KW)
    assert math.isnan(one.attrs["slope_std"]) and one.attrs["years_in_slope"] == [2019]


def test_sigma_balanced_keeps_units_of_every_year():
    p = P[~((P["index"] == "PCI") & (P.year == 2017) & (P.unit_code == "31"))]
    un = A.sigma_convergence("PCI", years=[2017, 2018], panel=p, codebook=C).set_index("year")
    assert un.n.tolist() == [5, 6]
    bal = A.sigma_convergence("PCI", years=[2017, 2018], balanced=True, panel=p,
                              codebook=C).set_index("year")
    assert bal.n.tolist() == [5, 5]
    # 2018 without Hải Phòng: 5.75·.5+6.75·.3+4.75·.2 = 5.85, 7.75,.. -> published overalls
    o18 = [0.5 * a + 0.3 * b + 0.2 * c for u, (a, b, c) in S.PCI_VALUES[2018].items() if u != "31"]
    assert bal.loc[2018, "std"] == pytest.approx(statistics.stdev([round(x, 2) for x in o18]))


# ----------------------------------------------------------------------------- beta
def test_beta_log_speed_and_half_life_hand_worked():
    # ln v1 = ln v0 + T·(0.5 − 0.1·ln v0), T = 2: beta = −0.1 exactly;
    # speed = −ln(1 − 0.1·2)/2 = 0.111572; half-life = ln 2 / speed = 6.2126 years
    v0 = [20.0, 30.0, 45.0, 60.0, 80.0]
    v1 = [math.exp(math.log(v) + 2 * (0.5 - 0.1 * math.log(v))) for v in v0]
    panel, cb = _panel_for_beta(v0, v1)
    r = A.beta_convergence("PCI", 2010, 2012, panel=panel, codebook=cb)
    assert r.beta == pytest.approx(-0.1) and r.log and not r.conditional
    assert r.speed == pytest.approx(-math.log(0.8) / 2)
    assert r.half_life == pytest.approx(math.log(2) / (-math.log(0.8) / 2))
    assert r.r2 == pytest.approx(1.0) and r.n == 5 and r.p_value < 1e-6
    assert (r.index, r.indicator, r.start, r.end) == ("PCI", "PCI.overall", 2010, 2012)
    assert r.data.unit_code.tolist() == ["01", "22", "31", "48", "49"]
    assert r.data.level.tolist() == pytest.approx([math.log(v) for v in v0])
    assert r.data.region.tolist() == ["RRD", "RRD", "RRD", "NCC", "NCC"]


def test_beta_linear_no_speed_and_nonpositive_values_dropped_in_logs():
    v0, v1 = [4, 5, 6, 7, 8, 0], [5.2, 6.0, 6.8, 7.6, 8.4, 2.0]   # (v1 − v0)/2 = 1 − 0.1·v0
    panel, cb = _panel_for_beta(v0, v1)
    lin = A.beta_convergence("PCI", 2010, 2012, log=False, panel=panel, codebook=cb)
    assert lin.beta == pytest.approx(-0.1) and lin.n == 6 and not lin.log
    assert math.isnan(lin.speed) and math.isnan(lin.half_life)
    lg = A.beta_convergence("PCI", 2010, 2012, panel=panel, codebook=cb)
    assert lg.n == 5 and "51" not in set(lg.data.unit_code)   # ln 0 undefined: dropped


def test_beta_conditional_on_regions():
    # growth = −0.1·level + 0.5 in NCC, + 0 in RRD (T = 2, linear): only the region-effects
    # regression finds −0.1; pooled, the NCC shift makes it different
    units = ["01", "22", "31", "48", "49", "51"]
    v0 = [4.0, 6.0, 8.0, 5.0, 7.0, 9.0]
    v1 = [v + 2 * (-0.1 * v + (0.5 if u in ("48", "49", "51") else 0)) for u, v in zip(units, v0)]
    panel, cb = _panel_for_beta(v0, v1)
    cond = A.beta_convergence("PCI", 2010, 2012, log=False, conditional=True, panel=panel,
                              codebook=cb)
    assert cond.beta == pytest.approx(-0.1) and cond.conditional
    pooled = A.beta_convergence("PCI", 2010, 2012, log=False, panel=panel, codebook=cb)
    assert pooled.beta != pytest.approx(-0.1, abs=1e-3)


def test_beta_refuses_bad_years_and_too_few_units():
    panel, cb = _panel_for_beta([4, 5, 6], [5, 5.5, 6.2])
    three = A.beta_convergence("PCI", 2010, 2012, log=False, panel=panel, codebook=cb)
    assert three.n == 3
    with pytest.raises(ParameterError, match="end"):
        A.beta_convergence("PCI", 2012, 2010, panel=panel, codebook=cb)
    with pytest.raises(ParameterError, match="end"):
        A.beta_convergence("PCI", 2012, 2012, panel=panel, codebook=cb)
    panel2, cb2 = _panel_for_beta([4, 5], [5, 5.5])
    with pytest.raises(ParameterError, match="years.*fewer than 3 units"):
        A.beta_convergence("PCI", 2010, 2012, panel=panel2, codebook=cb2)


def _beta(lo, hi, comparable=True, note=""):
    return BetaResult(index="PCI", indicator="PCI.overall", start=2010, end=2014, beta=-0.05,
                      ci_low=lo, ci_high=hi, p_value=0.01, n=8, r2=0.5, log=True,
                      conditional=False, comparable=comparable, break_note=note, speed=0.05,
                      half_life=13.9, data=pd.DataFrame())


def test_beta_verdicts_in_words():
    assert _beta(-0.08, -0.02).text() == ("Beta convergence of PCI.overall 2010–2014: beta = "
                                          "-0.0500 (95% CI -0.0800 to -0.0200, n = 8): converging.")
    assert _beta(-0.08, -0.02).text("vi") == (
        "Hội tụ beta PCI.overall 2010–2014: beta = -0,0500 (KTC 95%: -0,0800 đến -0,0200, "
        "n = 8): có hội tụ.")
    # an interval reaching 0 is not convergence; one starting at 0 is divergence
    assert _beta(-0.08, 0.0).text().endswith("n = 8): no evidence of convergence.")
    assert not _beta(-0.08, 0.0).converging and _beta(-0.08, -1e-9).converging
    assert _beta(-0.08, 0.0).text("vi").endswith("không có bằng chứng hội tụ.")
    assert _beta(0.0, 0.02).text().endswith("): diverging.")
    assert _beta(0.0, 0.02).text("vi").endswith("): phân kỳ.")
    brk = _beta(-0.08, -0.02, comparable=False, note="NOTE.")
    assert brk.text().endswith("converging. NOTE.") and brk.text("vi").endswith("hội tụ. NOTE.")


# ----------------------------------------------------------------------------- window
def test_convergence_window_longest_run_within_one_era():
    assert A.convergence_window("PCI", **KW) == (2017, 2020)
    # PCI.c: era c1 2017-2018, c2 2019-2020: equally long, the latest wins
    assert A.convergence_window("PCI", indicator="PCI.c", **KW) == (2019, 2020)
    assert A.convergence_window("PCI", indicator="PCI.c", start=2017, **KW) == (2017, 2018)
    assert A.convergence_window("PCI", indicator="PCI.c", end=2020, **KW) == (2019, 2020)
    assert A.convergence_window("PCI", indicator="PCI.c", start=2018, end=2020, **KW) == (2018, 2020)
    cb = C.copy()
    cb.loc[(cb.indicator == "PCI.c") & (cb.era == "c1"), "year_to"] = 2016
    cb.loc[(cb.indicator == "PCI.c") & (cb.era == "c2"), "year_from"] = 2017
    cb.loc[(cb.indicator == "PCI.c") & (cb.era == "c2"), "year_to"] = 2019
    cb = cb[~((cb.indicator == "PCI.c") & (cb.era == "c1"))]
    cb = pd.concat([cb, cb[cb.indicator == "PCI.c"].assign(era="c3", year_from=2020, year_to=2020)])
    # c2 2017-2019 (3 years) beats c3 2020 even though c3 is later
    assert A.convergence_window("PCI", indicator="PCI.c", panel=P, codebook=cb) == (2017, 2019)


def test_convergence_window_needs_three_units():
    p = P[(P["index"] != "PCI") | P.unit_code.isin(["01", "22", "31"])]
    assert A.convergence_window("PCI", panel=p, codebook=C) == (2017, 2020)
    p2 = P[(P["index"] != "PCI") | P.unit_code.isin(["01", "22"])]
    with pytest.raises(ParameterError, match=r"^invalid index: 'PCI' \(fewer than 3 units with "
                                             r"data in every year\)$"):
        A.convergence_window("PCI", panel=p2, codebook=C)


def test_convergence_window_from_a_given_start():
    # PCI overall: one era 2017-2020; from 2017 the window runs to the era's last year
    assert A.convergence_window("PCI", start=2017, **KW) == (2017, 2020)
    assert A.convergence_window("PCI", end=2019, **KW) == (2017, 2019)
    # 2017 with only 2 units is in no era span: the window is that year alone
    p = P[~((P["index"] == "PCI") & (P.year == 2017) & P.unit_code.isin(["31", "48", "49", "51"]))]
    assert A.convergence_window("PCI", start=2017, panel=p, codebook=C) == (2017, 2017)


def test_reconstruction_reads_the_unit_type_asked_for():
    # the SYNTHETIC panel's only "nation" row is VN: no former province has a nation-level value
    nat = A.reconstruct_34("PCI", 2019, unit_type="nation", **KW)
    assert len(nat) == 34 and nat["value"].isna().all() and (nat.members_with_data == 0).all()
    assert nat["rank"].isna().all() and set(nat.rank_of) == {0}


def test_convergence_window_reads_the_panel_and_unit_type_given():
    # the SYNTHETIC panel moved 20 years on (2037-2040): years the official panel does not have
    p = P.assign(year=P.year + 20)
    cb = C.assign(year_from=C.year_from + 20, year_to=C.year_to + 20)
    assert A.convergence_window("PCI", start=2037, panel=p, codebook=cb) == (2037, 2040)
    # one nation row a year (VN): fewer than 3 units
    with pytest.raises(ParameterError, match="fewer than 3 units"):
        A.convergence_window("PCI", unit_type="nation", **KW)


def test_sigma_all_years_skips_years_without_the_indicator_given_years_do_not():
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "year_from"] = 2019   # PCI.b defined from 2019 only
    df = A.sigma_convergence("PCI", indicator="PCI.b", panel=P, codebook=cb)
    assert df.year.tolist() == [2019, 2020]
    with pytest.raises(ParameterError, match="indicator"):
        A.sigma_convergence("PCI", indicator="PCI.b", years=[2018, 2019], panel=P, codebook=cb)


def test_sigma_of_an_index_without_data_is_empty():
    df = A.sigma_convergence("PAR", **KW)      # no PAR rows in the SYNTHETIC panel
    assert df.empty and math.isnan(df.attrs["slope_std"]) and df.attrs["years_in_slope"] == []


def test_sigma_cv_is_missing_when_the_mean_is_zero():
    p = _one_year_panel({"01": -1.0, "22": 0.0, "31": 1.0})
    df = A.sigma_convergence("PCI", panel=p, codebook=C)
    assert df["mean"].iloc[0] == 0 and df["std"].iloc[0] == 1.0 and math.isnan(df["cv"].iloc[0])


def test_reconstruction_rows_come_in_new_unit_code_order():
    # the official merger table lists the former provinces (01, 02, 04, ...) so its new units
    # first appear as N01, N08, N04, ...; the reconstruction lists them by code: N01, N04, N08
    df = A.reconstruct_34("PCI", 2019, **KW)
    assert df["unit_code"].tolist()[:5] == ["N01", "N04", "N08", "N11", "N12"]
    assert df["unit_code"].tolist() == sorted(df["unit_code"]) and df["unit_code"].is_unique
