"""Points lost (parlib.analysis.weak) on the SYNTHETIC fixture panel (synthetic_panel),
whose numbers were chosen to be checked by hand. PCI (synthetic): overall = .5a + .3b + .2c."""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import parlib.analysis as A
import synthetic_panel as S
from parlib.errors import ParameterError, UnknownProvinceError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)

# Quảng Nam (49) 2019: a=4, b=6, c=7 -> recomputed 5.2, published 5.25 (rank 5 of 6)
HAND = {  # benchmark -> (points lost a, b, c), benchmark unit
    "max": ((3.0, 1.2, 0.6), None),            # .5*(10-4), .3*(10-6), .2*(10-7)
    "best": ((2.0, 0.0, 0.4), "22"),           # Quảng Ninh 8, 6, 9
    "median": ((1.0, 0.0, -0.1), None),        # medians 6, 6, 6.5
    "region-best": ((1.5, 0.6, -0.2), "48"),   # Đà Nẵng 7, 8, 6 (best in NCC)
}


@pytest.mark.parametrize("benchmark", A.BENCHMARKS)
def test_points_lost_hand_computed(benchmark):
    df = A.points_lost("Quảng Nam", "PCI", 2019, benchmark=benchmark, **KW)
    got = df.set_index("indicator")["points_lost"]
    want, bunit = HAND[benchmark]
    for ind, w in zip(("PCI.a", "PCI.b", "PCI.c"), want):
        assert got[ind] == pytest.approx(w, abs=1e-12), (benchmark, ind)
    s = df.attrs["summary"]
    assert s["benchmark_unit"] == bunit
    assert s["recomputed"] == pytest.approx(5.2)
    assert s["published"] == 5.25
    assert s["residual"] == pytest.approx(0.05)          # reported, not spread over criteria
    assert got.sum() == pytest.approx(sum(want), abs=1e-12)
    assert abs(got.sum() - s["gap"]) < 1e-12
    assert s["gap"] == pytest.approx(s["benchmark_overall"] - 5.2)


def test_wrong_weight_or_sign_would_fail():
    """Equal weights would give 2, 1.33, 1 against max; a flipped sign would give negatives."""
    df = A.points_lost("49", "PCI", 2019, benchmark="max", **KW).set_index("indicator")
    assert list(df["weight"].loc[["PCI.a", "PCI.b", "PCI.c"]]) == [0.5, 0.3, 0.2]
    assert (df["points_lost"] > 0).all()
    assert df.loc["PCI.a", "points_lost"] == pytest.approx(3.0)
    assert df.loc["PCI.b", "points_lost"] == pytest.approx(1.2)


def test_drag_order_and_columns():
    df = A.points_lost("49", "PCI", 2019, benchmark="max", **KW)
    assert list(df["indicator"]) == ["PCI.a", "PCI.b", "PCI.c"]   # 3.0 > 1.2 > 0.6
    assert list(df["drag_rank"]) == [1, 2, 3]
    for col in ("indicator", "name", "name_en", "name_vi", "score", "max", "share_of_max", "rank",
                "rank_of", "rank_change", "benchmark_value", "points_lost", "drag_rank",
                "persistent", "persistent_text", "comparable", "break_note"):
        assert col in df.columns
    a = df.iloc[0]
    assert (a["score"], a["max"], a["share_of_max"]) == (4.0, 10.0, 40.0)


def test_ranks_not_reversed():
    df = A.points_lost("49", "PCI", 2019, **KW).set_index("indicator")
    # a: 4 is the lowest of (6, 8, 5, 7, 4, 6) -> rank 6 of 6 (1 = best)
    assert df.loc["PCI.a", "rank"] == 6 and df.loc["PCI.a", "rank_of"] == 6
    # b: 6 among (7, 6, 5, 8, 6, 4) -> tied 3rd
    assert df.loc["PCI.b", "rank"] == 3
    best = A.points_lost("22", "PCI", 2019, **KW).attrs["summary"]
    assert best["rank"] == 1


def test_rank_change_sign_and_break_flag():
    df = A.points_lost("49", "PCI", 2020, **KW).set_index("indicator")
    # a 2020: (6.25, 8.25, 4, 7.25, 4.25, 6.25): Hải Phòng falls to 4, Quảng Nam moves 6 -> 5
    assert df.loc["PCI.a", "rank"] == 5 and df.loc["PCI.a", "rank_change"] == 1   # + = up
    assert bool(df.loc["PCI.a", "comparable"]) is True
    df19 = A.points_lost("49", "PCI", 2019, **KW).set_index("indicator")
    assert bool(df19.loc["PCI.c", "comparable"]) is False           # era c1 -> c2
    assert "c1 → c2" in df19.loc["PCI.c", "break_note"]
    # Hải Phòng on a: 6 of (5.75, 7.75, 6, 6.75, 3.75, 5.75) = rank 3 in 2018;
    # 5 of (6, 8, 5, 7, 4, 6) = rank 5 in 2019: rank_change = 3 - 5 = -2 (down)
    hp = A.points_lost("31", "PCI", 2019, **KW).set_index("indicator")
    assert hp.loc["PCI.a", "rank"] == 5 and hp.loc["PCI.a", "rank_change"] == -2


def test_share_of_max_truncated_ministry_style():
    from parlib.analysis.context import truncate

    assert truncate(86.549) == 86.54
    assert truncate(0.8654 * 100) == 86.54          # 86.53999999999999 must not become 86.53
    assert truncate(99.999) == 99.99
    assert truncate(12.0) == 12.0


def test_papi_sum_nested_depths():
    # Quảng Nam PAPI 2019: d1_1=2, d1_2=2, d2=4 -> d1=4, total=8; best = Quảng Ninh (4, 4, 8)
    d1 = A.points_lost("49", "PAPI", 2019, benchmark="best", depth=1, **KW).set_index("indicator")
    assert d1.loc["PAPI.d1", "points_lost"] == pytest.approx(4.0)
    assert d1.loc["PAPI.d2", "points_lost"] == pytest.approx(4.0)
    lv = A.points_lost("49", "PAPI", 2019, benchmark="best", depth="leaves", **KW)
    assert set(lv.indicator) == {"PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"}
    assert lv.points_lost.sum() == pytest.approx(8.0)
    assert lv.attrs["summary"]["gap"] == pytest.approx(16 - 8)
    cr = A.criteria("PAPI", 2019, depth="leaves", codebook=C, panel=P)
    assert list(cr.weight) == [1.0, 1.0, 1.0]


def test_sipas_mean():
    df = A.points_lost("49", "SIPAS", 2019, benchmark="max", **KW).set_index("indicator")
    # (100-60)/3, (100-75)/3, (100-90)/3 ; overall 75 -> gap 25
    assert df.loc["SIPAS.x", "points_lost"] == pytest.approx(40 / 3)
    assert df.loc["SIPAS.y", "points_lost"] == pytest.approx(25 / 3)
    assert df.points_lost.sum() == pytest.approx(25.0)
    assert A.criteria("SIPAS", 2019, **KW).weight.tolist() == pytest.approx([1 / 3] * 3)


def test_nation_row_is_not_a_peer():
    # VN has PCI.overall 9.99 in the fixture: it must not be "best" nor counted in rank_of
    df = A.points_lost("49", "PCI", 2019, benchmark="best", **KW)
    assert df.attrs["summary"]["benchmark_unit"] == "22"
    assert df.attrs["summary"]["rank_of"] == 6


@pytest.mark.parametrize("benchmark", A.BENCHMARKS)
@pytest.mark.parametrize("index,depth", [("PCI", 1), ("PAPI", 1), ("PAPI", "leaves"),
                                         ("SIPAS", 1)])
def test_gap_decomposition_sums_exactly(index, depth, benchmark):
    years = sorted(P[P["index"] == index].year.unique())
    for y in years:
        g = A.gap_decomposition(index, int(y), benchmark=benchmark, depth=depth, **KW)
        s = g.groupby("unit_code").agg(lost=("points_lost", "sum"), gap=("overall_gap", "first"))
        assert (s.lost - s.gap).abs().max() < 1e-9


def test_persistence():
    p = A.persistence("49", "PCI", 2019, k=3, **KW).set_index("indicator")
    # a: last in 2017, 2018 and 2019 -> bottom third three years running
    assert p.loc["PCI.a", "bottom_third_run"] == 3 and bool(p.loc["PCI.a", "persistent"])
    assert "2017–2019" in p.loc["PCI.a", "persistent_text_en"]
    assert "liên tiếp" in p.loc["PCI.a", "persistent_text_vi"]
    # b: 6.5 (2017) -> 6 (2019): no improvement over 2 surveys; not in the bottom third
    p2 = A.persistence("49", "PCI", 2019, k=2, **KW).set_index("indicator")
    assert bool(p2.loc["PCI.b", "no_improvement"]) and p2.loc["PCI.b", "base_year"] == 2017
    assert not bool(p2.loc["PCI.a", "no_improvement"])   # 3.5 -> 4 improved
    # c changed methodology in 2019: no "no improvement" claim across the break
    assert not bool(p2.loc["PCI.c", "no_improvement"])
    assert not bool(p.loc["PCI.b", "persistent"])


def test_strengths_weaknesses():
    sw = A.strengths_weaknesses("49", "PCI", 2019, n=1, **KW)
    w = sw[sw.kind == "weakness"].iloc[0]
    s = sw[sw.kind == "strength"].iloc[0]
    assert w.indicator == "PCI.a" and w["rank"] == 6 and bool(w.notable)
    assert s["rank"] == 3 and not bool(s.notable)          # rank 3 of 6 is not top third
    reg = A.strengths_weaknesses("49", "PCI", 2019, n=1, within_region=True, **KW)
    assert set(reg.scope) == {"NCC"} and reg["rank_of"].max() == 3
    sw3 = A.strengths_weaknesses("49", "PCI", 2019, n=2, **KW)
    assert not set(sw3[sw3.kind == "strength"].indicator) & set(sw3[sw3.kind == "weakness"].indicator)


def test_errors():
    with pytest.raises(UnknownProvinceError) as e:
        A.points_lost("Quang Nom", "PCI", 2019, **KW)
    assert "Quảng Nam" in e.value.suggestions
    with pytest.raises(ParameterError) as e:
        A.points_lost("49", "PCI", 2015, **KW)
    assert e.value.allowed == [2017, 2018, 2019, 2020]
    with pytest.raises(ParameterError):
        A.points_lost("49", "PCI", 2019, benchmark="best-ever", **KW)
    with pytest.raises(ParameterError):
        A.points_lost("Hà Giang", "PCI", 2019, **KW)      # in the registry, not in the data


def test_cache_returns_copies():
    a = A.points_lost("49", "PCI", 2019, **KW)
    a.loc[0, "points_lost"] = 999
    b = A.points_lost("49", "PCI", 2019, **KW)
    assert b.points_lost.max() < 999


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
        if b == "max":  # against the maximum nothing is negative
            assert (g.points_lost >= -1e-12).all()
        if b == "best":
            best = g.groupby("unit_code").overall_recomputed.first().idxmax()
            assert g[g.unit_code == best].points_lost.abs().max() < 1e-12
    assert math.isfinite(g.points_lost.sum())
