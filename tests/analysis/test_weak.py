"""Weak criteria (parlib.analysis.weak): the standing and drag views, benchmarks per criterion,
persistence over k surveys. First on the SYNTHETIC fixture panel (synthetic_panel), whose numbers
were chosen to be checked by hand: PCI (synthetic) overall = .5a + .3b + .2c, 2019 scores
01 (6,7,5), 22 (8,6,9), 31 (5,5,5) [Red River Delta]; 48 (7,8,6), 49 (4,6,7), 51 (6,4,8)
[North Central and Central Coast]. Then on the real panel (skipped while it lacks PCI)."""
import csv
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError, ParlibError, UnknownProvinceError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)

# Quảng Nam (49) 2019: a=4, b=6, c=7 -> recomputed 5.2, published 5.25 (rank 5 of 6)
HAND = {  # benchmark -> (gap a, b, c), (benchmark unit a, b, c)
    "max": ((3.0, 1.2, 0.6), ("", "", "")),              # .5*(10-4), .3*(10-6), .2*(10-7)
    # per criterion, best of Đà Nẵng 48 (7,8,6), Quảng Nam (4,6,7), Quảng Ngãi 51 (6,4,8)
    "region-best": ((1.5, 0.6, 0.2), ("48", "48", "51")),
    # per criterion, best in the country: a 8 (22), b 8 (48), c 9 (22)
    "best": ((2.0, 0.6, 0.4), ("22", "48", "22")),
    # upper quartiles (linear): a, b of (4,5,6,6,7,8) = 6.75; c of (5,5,6,7,8,9) = 7.75
    "top-quartile": ((1.375, 0.225, 0.15), ("", "", "")),
    "median": ((1.0, 0.0, -0.1), ("", "", "")),          # medians 6, 6, 6.5
    "leader": ((2.0, 0.0, 0.4), ("22", "22", "22")),     # Quảng Ninh's profile 8, 6, 9
    "region-leader": ((1.5, 0.6, -0.2), ("48", "48", "48")),  # Đà Nẵng's profile 7, 8, 6
}
CRIT = ("PCI.a", "PCI.b", "PCI.c")


def test_benchmark_list_and_default():
    assert set(HAND) == set(A.BENCHMARKS)
    assert A.DEFAULT_BENCHMARK == "region-best"


@pytest.mark.parametrize("benchmark", sorted(HAND))
def test_gaps_hand_computed_for_every_benchmark(benchmark):
    df = A.weak_criteria("Quảng Nam", "PCI", 2019, benchmark=benchmark, **KW)
    got = df.set_index("indicator")
    want, units = HAND[benchmark]
    for ind, w, u in zip(CRIT, want, units):
        assert got.loc[ind, "gap"] == pytest.approx(w, abs=1e-12), (benchmark, ind)
        assert got.loc[ind, "points_recoverable"] == pytest.approx(max(w, 0.0), abs=1e-12)
        assert got.loc[ind, "benchmark_unit_code"] == u
    s = df.attrs["summary"]
    assert s["recomputed"] == pytest.approx(5.2) and s["published"] == 5.25
    assert s["residual"] == pytest.approx(0.05)          # reported, not spread over criteria
    assert got["gap"].sum() == pytest.approx(sum(want), abs=1e-12)
    assert abs(got["gap"].sum() - s["gap"]) < 1e-12


def test_region_best_names_the_holder_and_gives_overall_and_rank_if_met():
    df = A.weak_criteria("49", "PCI", 2019, **KW).set_index("indicator")
    assert df.loc["PCI.a", "benchmark_unit"] == "Đà Nẵng"
    assert df.loc["PCI.c", "benchmark_unit"] == "Quảng Ngãi"
    assert list(df.loc[list(CRIT), "weight"]) == [0.5, 0.3, 0.2]
    # published others 2019: 22 7.6, 48 7.1, 01 6.1, 51 5.8, 31 5.0
    # a: 5.25 + 1.5 = 6.75 -> 3rd of 6; b: 5.85 -> 4th; c: 5.45 -> 5th
    assert df.loc["PCI.a", "overall_if_met"] == pytest.approx(6.75)
    assert [df.loc[c, "rank_if_met"] for c in CRIT] == [3, 4, 5]
    assert set(df["rank_if_met_of"]) == {6}                # the nation row is not a unit


def test_standing_view_by_rank_and_region():
    df = A.weak_criteria("49", "PCI", 2019, **KW).set_index("indicator")
    # a: 4 is the lowest of (6, 8, 5, 7, 4, 6) -> 6/6, bottom third; b: 6 is tied 3rd -> middle
    assert (df.loc["PCI.a", "rank"], df.loc["PCI.a", "rank_of"]) == (6, 6)
    assert df.loc["PCI.a", "weakness"] and not df.loc["PCI.a", "strength"]
    assert df.loc["PCI.b", "rank"] == 3 and not df.loc["PCI.b", "weakness"] \
        and not df.loc["PCI.b", "strength"]
    assert df.loc["PCI.a", "percentile"] == 0.0 and df.loc["PCI.b", "percentile"] == 0.6
    # the region has 14 provinces, only 3 with data in the fixture (48, 49, 51): no position
    # in the region is given, only how many have data
    assert df["region_rank"].isna().all() and df["region_rank_of"].isna().all()
    assert set(df["region_with_data"]) == {3} and set(df["region_n"]) == {14}
    assert not df["region_complete"].any()
    qn = A.weak_criteria("22", "PCI", 2019, **KW).set_index("indicator")
    assert qn.loc["PCI.a", "strength"] and qn.loc["PCI.c", "strength"]   # 8 and 9: 1st of 6
    assert not (qn["strength"] & qn["weakness"]).any()


def test_lead_order_weak_on_both_counts_first():
    # Hải Phòng 31 (5,5,5): every criterion 5th of 6 (bottom third); RRD bests a 8, b 7, c 9
    df = A.weak_criteria("31", "PCI", 2019, **KW)
    assert df["weakness"].all()
    # recoverable: a .5*3 = 1.5, c .2*4 = 0.8, b .3*2 = 0.6 -> drag order a, c, b
    assert list(df["indicator"]) == ["PCI.a", "PCI.c", "PCI.b"]
    assert list(df["points_recoverable"]) == pytest.approx([1.5, 0.8, 0.6])
    assert df["weak_both"].all()


def test_strengths_weaknesses_by_rank_only():
    sw = A.strengths_weaknesses("49", "PCI", 2019, **KW)
    assert list(sw[sw.kind == "weakness"].indicator) == ["PCI.a"]
    assert sw[sw.kind == "strength"].empty                  # 3rd of 6 is not the top third
    reg = A.strengths_weaknesses("49", "PCI", 2019, within_region=True, **KW)
    assert reg.empty          # 3 of the region's 14 provinces have data: no regional standing
    qn = A.strengths_weaknesses("22", "PCI", 2019, n=1, **KW)
    assert list(qn.indicator) == ["PCI.a"] and qn["rank"].iloc[0] == 1


def test_papi_sum_nested_depths():
    # Quảng Nam PAPI 2019: d1_1=2, d1_2=2, d2=4 -> d1=4, total=8; best per criterion in the
    # country: d1 = 8 (Quảng Ninh 4+4), d2 = 8 (Quảng Ninh)
    d1 = A.weak_criteria("49", "PAPI", 2019, benchmark="best", **KW).set_index("indicator")
    assert d1.loc["PAPI.d1", "gap"] == pytest.approx(4.0)
    assert d1.loc["PAPI.d2", "gap"] == pytest.approx(4.0)
    lv = A.weak_criteria("49", "PAPI", 2019, benchmark="best", depth="leaves", **KW)
    assert set(lv.indicator) == {"PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"}
    assert lv.gap.sum() == pytest.approx(2 + 2 + 4)          # bests 4, 4, 8
    assert list(A.criteria("PAPI", 2019, depth="leaves", **KW).weight) == [1.0, 1.0, 1.0]


def test_sipas_mean():
    df = A.weak_criteria("49", "SIPAS", 2019, benchmark="max", **KW).set_index("indicator")
    assert df.loc["SIPAS.x", "gap"] == pytest.approx(40 / 3)     # (100 - 60) / 3
    assert df.loc["SIPAS.y", "gap"] == pytest.approx(25 / 3)
    assert df.gap.sum() == pytest.approx(25.0)                   # 100 - 75


def test_without_weights_standing_alone_said_so():
    cb = C.copy()
    cb.loc[cb.indicator.isin(CRIT), "weight"] = np.nan        # like PCI 2023
    df = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb)
    s = df.attrs["summary"]
    assert not s["has_composite"] and "no weights" in s["note"]
    assert df["points_recoverable"].isna().all() and df["overall_if_met"].isna().all()
    assert df.set_index("indicator").loc["PCI.a", "weakness"]   # standing still there
    with pytest.raises(ParlibError, match="weight"):
        A.gap_decomposition("PCI", 2019, panel=P, codebook=cb)


@pytest.mark.parametrize("index,depth", [("PCI", 1), ("PAPI", 1), ("PAPI", "leaves"),
                                         ("SIPAS", 1)])
def test_gap_decomposition_sums_exactly(index, depth):
    for benchmark in A.BENCHMARKS:
        for y in sorted(P[P["index"] == index].year.unique()):
            g = A.gap_decomposition(index, int(y), benchmark=benchmark, depth=depth, **KW)
            s = g.groupby("unit_code").agg(lost=("points_lost", "sum"),
                                           gap=("overall_gap", "first"))
            assert (s.lost - s.gap).abs().max() < 1e-9


def test_errors_name_the_parameter():
    with pytest.raises(UnknownProvinceError) as e:
        A.weak_criteria("Quang Nom", "PCI", 2019, **KW)
    assert "Quảng Nam" in e.value.suggestions
    with pytest.raises(ParameterError, match="year") as e:
        A.weak_criteria("49", "PCI", 2015, **KW)
    assert e.value.allowed == [2017, 2018, 2019, 2020]
    with pytest.raises(ParameterError, match="benchmark"):
        A.weak_criteria("49", "PCI", 2019, benchmark="best-ever", **KW)
    with pytest.raises(ParameterError, match="province"):
        A.weak_criteria("Hà Giang", "PCI", 2019, **KW)      # in the registry, not in the data
    for k in (0, 1, -3, "x", 2.5):
        with pytest.raises(ParameterError, match="invalid k"):
            A.weak_criteria("49", "PCI", 2019, k=k, **KW)
    for t in (-0.1, 1, "x"):
        with pytest.raises(ParameterError, match="invalid threshold"):
            A.persistence("49", "PCI", 2019, threshold=t, **KW)


# ----------------------------------------------------------------- persistence: k = 2, 3, 4, 5
def _mini():
    """SYNTHETIC: one index ("PAR"), 2015-2019, six units; criterion scale 0-10 (threshold 1% =
    0.1 point). Quảng Nam (49) on c0: 5.0, 6.0, 5.45, 5.4, 5.38 while the others stay at
    22 8, 01 7, 31 6.5, 48 5.6, 51 5.2 -> ranks 6, 4, 5, 5, 5 of 6 (bottom third = 5 or 6)."""
    years = [2015, 2016, 2017, 2018, 2019]
    others = {"22": 8.0, "01": 7.0, "31": 6.5, "48": 5.6, "51": 5.2}
    mine = {  # criterion -> 49's scores by year
        "c0": [5.0, 6.0, 5.45, 5.4, 5.38],
        "c1": [6.0, 6.0, 6.0, 6.0, 5.7],     # with 95% CIs of ±0.5: a 0.3 fall is noise
        "c2": [6.0, 6.0, 6.0, 6.0, 5.7],     # same without CIs: a fall beyond 0.1
        "c3": [5.0, 5.0, 5.0, 5.45, 5.3],    # method changed in 2018 (era old -> new)
    }
    cb = [dict(index="PAR", indicator="PAR.overall", level="overall", parent="", name_en="o",
               name_vi="o", scale_min=0, scale_max=40, weight=np.nan, aggregation="sum",
               year_from=2015, year_to=2019, era="x", higher_is_better=True, notes="")]
    for c in ("c0", "c1", "c2"):
        cb.append(dict(cb[0], indicator=f"PAR.{c}", level="area", parent="PAR.overall",
                       scale_max=10, aggregation="", name_en=c))
    cb.append(dict(cb[1], indicator="PAR.c3", year_to=2017, era="old", name_en="c3"))
    cb.append(dict(cb[1], indicator="PAR.c3", year_from=2018, era="new", name_en="c3"))
    rows = []
    for i, y in enumerate(years):
        for u in ["49"] + list(others):
            tot = 0.0
            for c, series in mine.items():
                v = series[i] if u == "49" else others[u]
                ci = (v - 0.5, v + 0.5) if c == "c1" else (np.nan, np.nan)
                tot += v
                rows.append(dict(index="PAR", year=y, unit_code=u, unit_type="province",
                                 indicator=f"PAR.{c}", value=v, max_value=10.0, rank=pd.NA,
                                 rank_of=pd.NA, ci_low=ci[0], ci_high=ci[1], flag=None))
            rows.append(dict(index="PAR", year=y, unit_code=u, unit_type="province",
                             indicator="PAR.overall", value=tot, max_value=40.0, rank=pd.NA,
                             rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    return pd.DataFrame(rows), pd.DataFrame(cb)


MP, MC = _mini()


@pytest.mark.parametrize("k,bottom,declined,persistent", [
    (2, True, False, True),    # 2018-2019 bottom; 5.4 -> 5.38 falls 0.02 < 0.1: not "no improvement"
    (3, True, False, True),    # 2017-2019 bottom; 5.45 -> 5.38 falls 0.07 < 0.1
    (4, False, True, True),    # 2016 was 4th (not bottom); 6.0 -> 5.38 falls 0.62 > 0.1
    (5, False, False, False),  # 2015 -> 2019: 5.0 -> 5.38 improved; 2016 breaks the run
])
def test_persistence_over_k_surveys_hand_worked(k, bottom, declined, persistent):
    p = A.persistence("49", "PAR", 2019, k=k, panel=MP, codebook=MC).set_index("indicator")
    r = p.loc["PAR.c0"]
    assert r["bottom_third_run"] == 3 and r["run_from"] == 2017
    assert bool(r["bottom_third_k"]) is bottom
    assert bool(r["no_improvement"]) is declined
    assert bool(r["persistent"]) is persistent
    assert r["base_year"] == [2018, 2017, 2016, 2015][k - 2]
    assert r["threshold_points"] == pytest.approx(0.1)
    if declined:
        assert "2016 6.00 → 2019 5.38" in r["persistent_text_en"]


def test_no_improvement_needs_a_fall_beyond_the_ci_where_given():
    p = A.persistence("49", "PAR", 2019, k=2, panel=MP, codebook=MC).set_index("indicator")
    # 6.0 -> 5.7: 0.3 > 0.1 threshold; with ±0.5 CIs the 95% interval of the difference is
    # 1.96 * sqrt(2) * 0.5 / 1.96 = 0.707 > 0.3, so within noise
    assert p.loc["PAR.c1", "ci_checked"] and not p.loc["PAR.c1", "no_improvement"]
    assert not p.loc["PAR.c2", "ci_checked"] and p.loc["PAR.c2", "no_improvement"]


def test_persistence_only_across_comparable_surveys():
    # c3: bottom third 2015-2019 (5.0/5.45/5.3 are 5th or 6th) but its method changed in 2018
    p3 = A.persistence("49", "PAR", 2019, k=3, panel=MP, codebook=MC).set_index("indicator")
    assert p3.loc["PAR.c3", "bottom_third_run"] == 2            # 2018-2019 only
    assert not p3.loc["PAR.c3", "comparable_window"] and not p3.loc["PAR.c3", "persistent"]
    p2 = A.persistence("49", "PAR", 2019, k=2, panel=MP, codebook=MC).set_index("indicator")
    assert p2.loc["PAR.c3", "bottom_third_k"] and p2.loc["PAR.c3", "no_improvement"]  # 5.45->5.3


def test_persistence_on_the_fixture_k_2_3_4():
    # PCI.a for Quảng Nam: 6/6 in 2017, 2018, 2019 and 5/6 in 2020 (bottom third each year)
    for k, want in ((2, True), (3, True), (4, False)):            # 2019: only 3 surveys so far
        p = A.persistence("49", "PCI", 2019, k=k, **KW).set_index("indicator")
        assert bool(p.loc["PCI.a", "bottom_third_k"]) is want, k
    p4 = A.persistence("49", "PCI", 2020, k=4, **KW).set_index("indicator")
    assert p4.loc["PCI.a", "bottom_third_run"] == 4 and p4.loc["PCI.a", "persistent"]
    assert "2017–2020" in p4.loc["PCI.a", "persistent_text_en"]


# ----------------------------------------------------------------- property: exact additivity
@st.composite
def random_weighted_panel(draw):
    n_units = draw(st.integers(3, 8))
    n_crit = draw(st.integers(1, 5))
    agg = draw(st.sampled_from(["weighted_sum", "sum", "mean"]))
    weights = [draw(st.floats(0.01, 3)) for _ in range(n_crit)]
    units = ["01", "22", "31", "48", "49", "51", "79", "92"][:n_units]
    vals = [[draw(st.floats(0, 10, allow_nan=False)) for _ in range(n_crit)] for _ in units]
    return agg, weights, units, vals


@settings(max_examples=30, deadline=None)
@given(random_weighted_panel())
def test_additivity_property(case):
    agg, weights, units, vals = case
    n = len(weights)
    cb = [dict(index="PAR", indicator="PAR.overall", level="overall", parent="", name_en="o",
               name_vi="o", scale_min=0, scale_max=1e6, weight=np.nan, aggregation=agg,
               year_from=2019, year_to=2019, era="x", higher_is_better=True, notes="")]
    cb += [dict(index="PAR", indicator=f"PAR.c{i}", level="area", parent="PAR.overall",
                name_en=f"c{i}", name_vi=f"c{i}", scale_min=0, scale_max=10, weight=weights[i],
                aggregation="", year_from=2019, year_to=2019, era="x", higher_is_better=True,
                notes="") for i in range(n)]
    cb = pd.DataFrame(cb)
    eff = {"weighted_sum": weights, "sum": [1.0] * n, "mean": [1.0 / n] * n}[agg]
    rows = []
    for u, v in zip(units, vals):
        for i in range(n):
            rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                             indicator=f"PAR.c{i}", value=v[i], max_value=10.0, rank=pd.NA,
                             rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
        rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                         indicator="PAR.overall", value=float(np.dot(eff, v)), max_value=np.nan,
                         rank=pd.NA, rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    panel = pd.DataFrame(rows)
    for b in A.BENCHMARKS:
        g = A.gap_decomposition("PAR", 2019, benchmark=b, panel=panel, codebook=cb)
        s = g.groupby("unit_code").agg(lost=("points_lost", "sum"), gap=("overall_gap", "first"),
                                       res=("residual", "first"))
        assert (s.lost - s.gap).abs().max() < 1e-9
        assert s.res.abs().max() < 1e-9
        if b in ("max", "best"):  # against the maximum or the national best nothing is negative
            assert (g.points_lost >= -1e-12).all()
        if b == "leader":
            best = g.groupby("unit_code").overall_recomputed.first().idxmax()
            assert g[g.unit_code == best].points_lost.abs().max() < 1e-12
    assert math.isfinite(g.points_lost.sum())


# ----------------------------------------------------------------- the real panel
from conftest import ROOT  # noqa: E402

PANEL_CSV = ROOT / "data" / "processed" / "panel.csv"
REAL = pd.read_parquet(ROOT / "data" / "processed" / "panel.parquet") \
    if (ROOT / "data" / "processed" / "panel.parquet").exists() else None
needs_real = pytest.mark.skipif(REAL is None or "PCI" not in set(REAL["index"]),
                                reason="the processed panel has no PCI rows (run `parlib build`)")
RK = dict(panel=REAL)


def _csv_rows(index, year):
    with open(PANEL_CSV, encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if r["index"] == index and r["year"] == str(year)]


@needs_real
def test_ha_noi_pci_2016_standing():
    df = A.weak_criteria("Hà Nội", "PCI", 2016, **RK).set_index("indicator")
    for ind in ("PCI.entry_costs", "PCI.land_access"):          # 63rd of 63 (published)
        assert (df.loc[ind, "rank"], df.loc[ind, "rank_of"]) == (63, 63)
        assert df.loc[ind, "weakness"] and not df.loc[ind, "strength"]
    bs = df.loc["PCI.business_support"]                          # 2nd of 63
    assert (bs["rank"], bs["rank_of"]) == (2, 63)
    assert bs["strength"] and not bs["weakness"]
    # within the Red River Delta (11 provinces, all with data): land access 11th of 11
    assert (df.loc["PCI.land_access", "region_rank"], df.loc["PCI.land_access",
                                                             "region_rank_of"]) == (11, 11)
    reg = A.strengths_weaknesses("Hà Nội", "PCI", 2016, within_region=True, **RK)
    assert "PCI.land_access" in set(reg[reg.kind == "weakness"].indicator)
    assert set(reg.scope) == {"RRD"}
    sw = A.strengths_weaknesses("Hà Nội", "PCI", 2016, **RK)
    assert "PCI.business_support" in set(sw[sw.kind == "strength"].indicator)
    assert "PCI.business_support" not in set(sw[sw.kind == "weakness"].indicator)


@needs_real
def test_quang_nam_pci_2019_region_best_checked_by_hand():
    """Benchmarks and recoverable points re-read from the panel CSV with the csv module and the
    region list from data/reference/units.csv; weights from the PCI 2013-2020 codebook rows
    (entry costs 5% = 0.5, informal charges 10% = 1.0 on the 0-100 composite)."""
    with open(ROOT / "data" / "reference" / "units.csv", encoding="utf-8") as f:
        region = {r["unit_code"]: r["region_code"] for r in csv.DictReader(f)}
    rows = _csv_rows("PCI", 2019)
    val = {(r["unit_code"], r["indicator"]): float(r["value"]) for r in rows if r["value"]}
    ncc = {c for (c, _) in val if region.get(c) == region["49"]}
    assert len(ncc) == 14
    df = A.weak_criteria("Quảng Nam", "PCI", 2019, benchmark="region-best", **RK) \
        .set_index("indicator")
    for ind, holder, name, weight in (("PCI.entry_costs", "54", "Phú Yên", 0.5),
                                      ("PCI.informal_charges", "52", "Bình Định", 1.0)):
        best = max(val[(c, ind)] for c in ncc)
        assert best == val[(holder, ind)]
        r = df.loc[ind]
        assert r["benchmark_unit"] == name and r["benchmark_unit_code"] == holder
        assert r["benchmark_value"] == pytest.approx(best, abs=1e-9)
        assert r["weight"] == weight
        assert r["points_recoverable"] == pytest.approx(weight * (best - val[("49", ind)]),
                                                        abs=1e-9)
    # by hand: 0.5 × (8.5502 − 7.1976) = 0.6763; 1.0 × (7.0526 − 6.5285) = 0.5241
    assert df.loc["PCI.entry_costs", "points_recoverable"] == pytest.approx(0.6763, abs=1e-4)
    assert df.loc["PCI.informal_charges", "points_recoverable"] == pytest.approx(0.5241, abs=1e-4)
    # every criterion's benchmark is the best in the region on that criterion
    for ind, r in df.iterrows():
        assert r["benchmark_value"] == pytest.approx(max(val[(c, ind)] for c in ncc), abs=1e-9)
    # what-if: informal charges at 7.0526 -> 69.42 + 0.52 = 69.95, still 6th of 63
    ic = df.loc["PCI.informal_charges"]
    assert ic["overall_if_met"] == pytest.approx(69.9451, abs=1e-3)
    assert (ic["rank_if_met"], ic["rank_if_met_of"]) == (6, 63)


@pytest.mark.slow   # 126 weak_criteria calls (~25 s): left out of the mutation runs
@needs_real
def test_weakest_in_2019_is_no_longer_decided_by_the_weights():
    """Across the 63 provinces in 2019 the lead criterion was always a 20%-weighted PCI
    sub-index (and PAPI e-governance or environment); now standing decides first."""
    from parlib import provinces

    leads = {"PCI": [], "PAPI": []}
    for code in provinces.codes("63"):
        for index in leads:
            df = A.weak_criteria(code, index, 2019, **RK)
            leads[index].append((df.iloc[0]["indicator"], df.iloc[0]["weight"]))
    heavy = sum(w == 2.0 for _, w in leads["PCI"])
    assert len(leads["PCI"]) == 63 and 0 < heavy < 63
    assert len({i for i, _ in leads["PCI"]}) >= 5
    papi_ew = sum(i in ("PAPI.d7", "PAPI.d8") for i, _ in leads["PAPI"])
    assert 0 < papi_ew < 63 and len({i for i, _ in leads["PAPI"]}) >= 5


@needs_real
def test_par_2023_import_area_ranked_62_is_a_weakness(tmp_path, monkeypatch, capsys):
    """The SYNTHETIC Ministry-shaped PAR 2023 table imported into a temporary data folder (next
    to a copy of the processed panel), then `parlib weak` as a user runs it."""
    import shutil

    from parlib.analysis.context import clear_cache
    from parlib.cli.main import main
    from parlib.panel import imported_tables

    imp, proc = tmp_path / "imported", tmp_path / "processed"
    imp.mkdir()
    proc.mkdir()
    shutil.copy(ROOT / "data" / "processed" / "panel.parquet", proc / "panel.parquet")
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(imp))
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(proc))
    fix = ROOT / "tests" / "fixtures" / "par" / "SYNTHETIC_par_index_provinces_2023.xlsx"
    clear_cache()
    try:
        # the panel holds published PAR 2023 facts: the SYNTHETIC table replaces them (exit 1
        # reports that its values disagree with those facts)
        assert main(["import", str(fix), "--index", "PAR", "--year", "2023", "--replace"]) in (0, 1)
        assert "written:" in capsys.readouterr().out
        tab = imported_tables()
        bn = tab[(tab.unit_code == "27") & (tab.year == 2023)].set_index("indicator")
        assert bn.loc["PAR.digital_government", "rank"] == 62            # SYNTHETIC table
        df = A.weak_criteria("Bắc Ninh", "PAR", 2023).set_index("indicator")
        for ind in ("PAR.digital_government", "PAR.civil_service"):
            assert (df.loc[ind, "rank"], df.loc[ind, "rank_of"]) == (62, 63)
            assert df.loc[ind, "weakness"] and not df.loc[ind, "strength"]
        # maxima from the table (codebook has none): 13.5 and 15; region-best: Quảng Ninh
        assert df.loc["PAR.civil_service", "max"] == 15.0
        qn = tab[(tab.unit_code == "22") & (tab.year == 2023)].set_index("indicator")
        for ind in ("PAR.digital_government", "PAR.civil_service"):
            want = qn.loc[ind, "value"] - bn.loc[ind, "value"]       # sum: weight 1
            assert df.loc[ind, "points_recoverable"] == pytest.approx(want, abs=1e-9)
        assert df.loc["PAR.digital_government", "points_recoverable"] == pytest.approx(4.56)
        assert df["points_recoverable"].sum() > 10
        assert main(["weak", "--index", "PAR", "--province", "Bắc Ninh", "--year", "2023"]) == 0
        out = capsys.readouterr().out
        assert "0.00 points" not in out and "E-government and digital government" in out
        line = next(ln for ln in out.splitlines() if ln.startswith("E-government"))
        assert "62/63" in line and line.rstrip().endswith("W") and "4.56" in line
    finally:
        clear_cache()


@needs_real
def test_long_an_papi_2023_public_service_delivery_leads():
    """The issue: public service delivery, 61st of 61, came 7th by points lost; it is a
    weakness on both counts and now heads the list."""
    df = A.weak_criteria("Long An", "PAPI", 2023, **RK)
    top = df.iloc[0]
    assert top["name"] == "Public Service Delivery"
    assert (top["rank"], top["rank_of"]) == (61, 61)
    assert top["weakness"] and top["weak_both"] and top["points_recoverable"] > 1


def test_partial_source_gives_no_benchmark_nor_computed_rank():
    """SYNTHETIC: criterion a kept for 2 of the 6 units in 2019 (a handful of published facts)."""
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.a")
             & ~P.unit_code.isin(["49", "22"]))
    part = P[keep].reset_index(drop=True)
    df = A.weak_criteria("49", "PCI", 2019, panel=part, codebook=C).set_index("indicator")
    a = df.loc["PCI.a"]
    assert pd.isna(a["benchmark_value"]) and pd.isna(a["points_recoverable"])
    assert pd.isna(a["rank"]) and not a["weakness"]          # not "2nd of 2"
    assert df.loc["PCI.b", "points_recoverable"] == pytest.approx(0.6)   # b untouched
    assert "covers only 2 units on 1 criteria" in df.attrs["summary"]["note"]
    g = A.gap_decomposition("PCI", 2019, panel=part, codebook=C)
    assert g.attrs["partial"] == ["PCI.a"]


@needs_real
def test_pci_2021_top_21_partial():
    df = A.weak_criteria("Quảng Ninh", "PCI", 2021, **RK)
    s = df.attrs["summary"]
    assert (s["rank"], s["rank_of"]) == (1, 63)
    assert df["benchmark_value"].isna().all() and df["rank"].isna().all()
    assert "covers only 21 units" in s["note"]
    mx = A.weak_criteria("Quảng Ninh", "PCI", 2021, benchmark="max", **RK)
    assert mx["points_recoverable"].notna().all()             # the scale maximum needs no peers


# ----------------------------------------------------------------- every column, hand-worked
def test_overall_gap_against_one_unit_profile():
    # region-leader of NCC: Đà Nẵng (48, published 7.1 > 5.8 > 5.25); its profile 7, 8, 6:
    # .5×7 + .3×8 + .2×6 = 7.1; Quảng Nam recomputed .5×4 + .3×6 + .2×7 = 5.2 -> gap 1.9
    s = A.overall_gap("Quảng Nam", "PCI", 2019, benchmark="region_leader", **KW)
    assert {k: s[k] for k in ("unit_code", "index", "year", "overall", "published", "benchmark",
                              "benchmark_unit", "rank", "rank_of", "rank_kind",
                              "has_composite", "missing")} == {
        "unit_code": "49", "index": "PCI", "year": 2019, "overall": "PCI.overall",
        "published": 5.25, "benchmark": "region-leader", "benchmark_unit": "48", "rank": 5,
        "rank_of": 6, "rank_kind": "published", "has_composite": True, "missing": []}
    assert s["recomputed"] == pytest.approx(5.2) and s["residual"] == pytest.approx(0.05)
    assert s["benchmark_overall"] == pytest.approx(7.1) and s["gap"] == pytest.approx(1.9)
    # region-best: per criterion, held by 48, 48, 51 -> no single unit; 7, 8, 8 -> 7.5
    r = A.overall_gap("49", "PCI", 2019, **KW)
    assert r["benchmark_unit"] is None and r["benchmark"] == "region-best"
    assert r["benchmark_overall"] == pytest.approx(7.5) and r["gap"] == pytest.approx(2.3)
    with pytest.raises(ParameterError, match="invalid benchmark: 'x'"):
        A.overall_gap("49", "PCI", 2019, benchmark="x", **KW)


def test_points_lost_is_weak_criteria():
    df = A.points_lost("49", "PCI", 2019, benchmark="max", **KW).set_index("indicator")
    assert list(df.loc[list(CRIT), "points_lost"]) == pytest.approx([3.0, 1.2, 0.6])
    assert df.attrs["summary"]["k"] == 3 and df.attrs["summary"]["benchmark"] == "max"
    vi = A.points_lost("49", "PCI", 2019, k=4, lang="vi", depth=1, **KW)
    assert vi.attrs["summary"]["k"] == 4 and list(vi["name"]) == ["Tiêu chí A", "Tiêu chí B",
                                                                  "Tiêu chí C (mới)"]


def test_gap_decomposition_long_rows_hand_worked():
    g = A.gap_decomposition("PCI", 2019, benchmark="max", **KW)
    assert list(g.columns) == ["index", "year", "unit_code", "unit_name", "region_code",
                               "indicator", "weight", "value", "benchmark", "benchmark_value",
                               "benchmark_unit", "points_lost", "overall_published",
                               "overall_recomputed", "residual", "overall_gap"]
    assert len(g) == 18 and set(g.unit_code) == set(S.UNITS)        # 6 units × 3, no "VN"
    q = g[g.unit_code == "49"]
    assert q[["index", "year", "unit_name", "region_code", "benchmark"]].drop_duplicates() \
        .values.tolist() == [["PCI", 2019, "Quảng Nam", "NCC", "max"]]
    assert list(q.indicator) == list(CRIT) and list(q.weight) == [0.5, 0.3, 0.2]
    assert list(q.value) == [4.0, 6.0, 7.0] and list(q.benchmark_value) == [10.0] * 3
    assert list(q.benchmark_unit) == ["", "", ""]
    assert list(q.points_lost) == pytest.approx([3.0, 1.2, 0.6])   # .5×6, .3×4, .2×3
    assert set(q.overall_published) == {5.25}
    assert q.overall_recomputed.iloc[0] == pytest.approx(5.2)
    assert q.residual.iloc[0] == pytest.approx(0.05)
    assert q.overall_gap.iloc[0] == pytest.approx(4.8)             # 10 − 5.2
    assert g.attrs["partial"] == []
    hp = g[g.unit_code == "31"]                                     # Hải Phòng 5, 5, 5
    assert hp.region_code.iloc[0] == "RRD" and hp.unit_name.iloc[0] == "Hải Phòng"
    rb = A.gap_decomposition("PCI", 2019, **KW)                     # region-best, holders
    assert list(rb[rb.unit_code == "49"].benchmark_unit) == ["48", "48", "51"]
    with pytest.raises(ParameterError, match="invalid year: 2016"):
        A.gap_decomposition("PCI", 2016, **KW)


def test_view_columns_hand_worked():
    df = A.weak_criteria("49", "PCI", 2019, **KW)
    assert list(df.columns[:8]) == ["indicator", "name", "name_en", "name_vi", "score", "max",
                                    "share_of_max", "weight"] and len(df.columns) == 41
    r = df.set_index("indicator")
    assert list(r.loc[list(CRIT), "score"]) == [4.0, 6.0, 7.0]
    assert list(r.loc[list(CRIT), "max"]) == [10.0, 10.0, 10.0]
    assert list(r.loc[list(CRIT), "share_of_max"]) == [40.0, 60.0, 70.0]   # 100 × 4 / 10 ...
    assert list(r.loc[list(CRIT), "name"]) == ["Criterion A", "Criterion B", "Criterion C (new)"]
    assert list(r.loc[list(CRIT), "standing"]) == ["bottom", "middle", "middle"]
    assert list(r.loc[list(CRIT), "rank_kind"]) == ["computed"] * 3
    assert list(r.loc[list(CRIT), "region_code"]) == ["NCC"] * 3
    # recoverable 1.5, 0.6, 0.2 -> drag ranks 1, 2, 3; a is a weakness with drag rank 1
    assert list(r.loc[list(CRIT), "drag_rank"]) == [1, 2, 3]
    assert list(r.loc[list(CRIT), "weak_both"]) == [True, False, False]
    # 2018 ranks: a 3.75 last (6th), b 6.25 3rd (7.75, 6.75 above), c 6.75 3rd (8.75, 7.75
    # above): no move on a, b; c crosses its methodology break (c1 -> c2): no move, said so
    assert list(r.loc[list(CRIT), "prev_year"]) == [2018] * 3
    assert list(r.loc[list(CRIT), "prev_rank"]) == [6, 3, 3]
    assert r.loc["PCI.a", "rank_change"] == 0 and pd.isna(r.loc["PCI.c", "rank_change"])
    assert list(r.loc[list(CRIT), "comparable"]) == [True, True, False]
    assert r.loc["PCI.c", "break_note"] == ("series break: methodology of PCI.c changed between "
                                            "2018 and 2019 (era c1 → c2); not comparable")
    # persistence: a bottom third 2017-2019; b 6.5 (2017) -> 6.0 (2019) falls 0.5 > 0.1
    assert r.loc["PCI.a", "persistent_text"] == "bottom third 3 surveys running (2017–2019)"
    assert r.loc["PCI.b", "persistent_text"] == ("no improvement over 3 surveys: 2017 6.50 → "
                                                 "2019 6.00, down more than the 0.10-point "
                                                 "threshold")
    assert list(r.loc[list(CRIT), "persistent"]) == [True, True, False]
    s = df.attrs["summary"]
    assert (s["note"], s["k"], s["threshold"], s["within_region"]) == ("", 3, 0.01, False)
    assert s["benchmark_text"] == "the best score in the region on each criterion"
    # sorted: weak on both counts (a), then by points recoverable (b 0.6, c 0.2)
    assert list(df.indicator) == ["PCI.a", "PCI.b", "PCI.c"]


def test_view_in_vietnamese_and_the_first_survey():
    vi = A.weak_criteria("49", "PCI", 2019, lang="vi", k=2, threshold=0.05, **KW)
    r = vi.set_index("indicator")
    assert list(r.loc[list(CRIT), "name"]) == ["Tiêu chí A", "Tiêu chí B", "Tiêu chí C (mới)"]
    assert r.loc["PCI.a", "persistent_text"] == "thuộc nhóm 1/3 cuối 3 kỳ liên tiếp (2017–2019)"
    assert r.loc["PCI.c", "break_note"] == ("chuỗi bị gián đoạn: phương pháp tính PCI.c thay đổi "
                                            "giữa 2018 và 2019 (giai đoạn c1 → c2); không so "
                                            "sánh được")
    s = vi.attrs["summary"]
    assert (s["k"], s["threshold"]) == (2, 0.05)
    assert s["benchmark_text"] == "điểm cao nhất trong vùng ở từng tiêu chí"
    first = A.weak_criteria("49", "PCI", 2017, **KW)
    assert first["prev_year"].isna().all() and first["prev_rank"].isna().all()
    assert set(first["break_note"]) == {"no earlier survey"} and not first["comparable"].any()
    first_vi = A.weak_criteria("49", "PCI", 2017, lang="vi", **KW)
    assert set(first_vi["break_note"]) == {"không có kỳ trước"}


def test_notes_without_weights_in_both_languages():
    cb = C.copy()
    cb.loc[cb.indicator.isin(CRIT), "weight"] = np.nan
    en = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb).attrs["summary"]["note"]
    vi = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb, lang="vi").attrs["summary"]
    assert en == ("PCI 2019: the codebook has no weights, so no drag (points) can be computed; "
                  "the standing view (ranks) alone.")
    assert vi["note"] == ("PCI 2019: bộ mã không có trọng số nên không tính được điểm kéo lùi; "
                          "chỉ có góc nhìn thứ hạng.")
    assert not vi["has_composite"] and np.isnan(vi["benchmark_overall"])
    st = A.criteria("PCI", 2019, panel=P, codebook=cb)
    assert st["weight"].isna().all() and list(st.indicator) == list(CRIT)
    assert st.attrs["overall"] == "PCI.overall" and "weight" in st.attrs["no_weights"]
    assert list(st["order"]) == [0, 1, 2] and list(st["higher_is_better"]) == [True] * 3
    assert list(st["name_en"]) == ["Criterion A", "Criterion B", "Criterion C (new)"]
    assert list(st["scale_max"]) == [10, 10, 10] and list(st["era"]) == ["e1", "e1", "c2"]


def test_note_when_the_unit_has_no_criterion_scores():
    # SYNTHETIC: Quảng Nam keeps only its overall score in 2019 (a facts-only unit)
    drop = (P["index"] == "PCI") & (P.year == 2019) & (P.unit_code == "49") \
        & P.indicator.isin(CRIT)
    part = P[~drop].reset_index(drop=True)
    en = A.weak_criteria("49", "PCI", 2019, panel=part, codebook=C)
    assert en.attrs["summary"]["note"] == ("The source gives no criterion scores for PCI 2019 "
                                           "for this unit: no criterion can be ranked.")
    assert en.attrs["summary"]["missing"] == list(CRIT)
    vi = A.weak_criteria("49", "PCI", 2019, panel=part, codebook=C, lang="vi")
    assert vi.attrs["summary"]["note"] == ("Nguồn không có điểm từng tiêu chí của PCI 2019 cho "
                                           "tỉnh này: không xếp hạng được tiêu chí.")


def test_partial_note_in_vietnamese_and_for_one_unit():
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.a")
             & ~P.unit_code.isin(["49"]))
    part = P[keep].reset_index(drop=True)
    en = A.weak_criteria("49", "PCI", 2019, panel=part, codebook=C).attrs["summary"]["note"]
    assert en == ("The source covers only 1 unit on 1 criteria (partial published data): no "
                  "benchmark is taken from the other units and no rank is computed from them "
                  "(published ranks are shown).")
    vi = A.weak_criteria("49", "PCI", 2019, panel=part, codebook=C, lang="vi")
    assert vi.attrs["summary"]["note"] == (
        "Nguồn chỉ có 1 tỉnh ở 1 tiêu chí (số liệu công bố một phần): không lấy mốc so sánh "
        "từ các tỉnh khác, không tính hạng từ số liệu này.")


def test_strengths_weaknesses_n_is_checked_and_limits():
    for bad in (0, -1, 1.5, "2"):
        with pytest.raises(ParameterError, match=r"^invalid n: .* \(a whole number ≥ 1, or None "
                                                 r"for all\)$"):
            A.strengths_weaknesses("49", "PCI", 2019, n=bad, **KW)
    # Hải Phòng (5, 5, 5): 5th of 6 on all three -> three weaknesses, the worst first by rank
    # then code; n = 2 keeps two
    hp = A.strengths_weaknesses("31", "PCI", 2019, **KW)
    assert list(hp.kind) == ["weakness"] * 3 and list(hp["rank"]) == [5, 5, 5]
    assert list(hp.indicator) == ["PCI.a", "PCI.b", "PCI.c"]
    assert set(hp.scope) == {"national"} and hp.notable.all()
    assert list(hp.name) == ["Criterion A", "Criterion B", "Criterion C (new)"]
    assert len(A.strengths_weaknesses("31", "PCI", 2019, n=2, **KW)) == 2
    vi = A.strengths_weaknesses("31", "PCI", 2019, lang="vi", **KW)
    assert list(vi.name) == ["Tiêu chí A", "Tiêu chí B", "Tiêu chí C (mới)"]
    # Quảng Ninh (8, 6, 9): a 1st, c 1st (strengths, best first), b 4th (middle)
    qn = A.strengths_weaknesses("22", "PCI", 2019, **KW)
    assert list(qn.kind) == ["strength", "strength"] and list(qn.indicator) == ["PCI.a", "PCI.c"]
    assert list(qn.percentile) == [1.0, 1.0] and list(qn.rank_of) == [6, 6]


def test_unknown_unit_lists_the_units_with_data():
    with pytest.raises(ParameterError, match=r"^invalid province: 'Hà Giang \(02\)' \(no PCI 2019 "
                                             r"data for it; 6 units have data: Hà Nội, Quảng "
                                             r"Ninh, Hải Phòng, Đà Nẵng, Quảng Nam, Quảng Ngãi\)$"):
        A.overall_gap("Hà Giang", "PCI", 2019, **KW)
