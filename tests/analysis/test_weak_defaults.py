"""parlib.analysis.weak: the defaults and the arguments each public function passes on (depth 1,
the unit type, the options of weak_criteria reached through points_lost), on the SYNTHETIC
fixture panel (synthetic_panel) and SYNTHETIC variants of it built here; every expected number
is worked out by hand in a comment.

SYNTHETIC PAPI 2019 (synthetic_panel): total = d1 + d2, d1 = d1_1 + d1_2 (sums, weight 1).
North Central and Central Coast units (d1_1, d1_2, d2): Đà Nẵng 48 (3, 3, 7), Quảng Nam 49
(2, 2, 4), Quảng Ngãi 51 (3, 4, 6)."""
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
# SYNTHETIC: the fixture's province rows as "district" units (no province rows at all; the
# nation row left out)
DISTRICT = P[P.unit_type == "province"].assign(unit_type="district")


def _papi_48_d1_1(value):
    """SYNTHETIC: Đà Nẵng's PAPI 2019 d1_1 set to ``value`` (d1 and the total follow)."""
    p = P.copy()
    m = (p["index"] == "PAPI") & (p.year == 2019) & (p.unit_code == "48")
    d1_1 = p.loc[m & (p.indicator == "PAPI.d1_1"), "value"].iloc[0]
    for ind in ("PAPI.d1_1", "PAPI.d1", "PAPI.total"):
        p.loc[m & (p.indicator == ind), "value"] += value - d1_1
    return p


P48 = _papi_48_d1_1(5.0)     # Đà Nẵng 48: (5, 3, 7) -> d1 = 8, total = 15


def test_criteria_default_depth_is_the_first_level():
    # PAPI.total = d1 + d2 (level 1); d1 splits further into d1_1 + d1_2 (level 2)
    st = A.criteria("PAPI", 2019, **KW)
    assert list(st.indicator) == ["PAPI.d1", "PAPI.d2"] and list(st.weight) == [1.0, 1.0]
    two = A.criteria("PAPI", 2019, depth=2, **KW)
    assert list(two.indicator) == ["PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"]


def test_overall_gap_default_depth_compares_the_first_level():
    # P48, region-best for Quảng Nam 49 (recomputed 2 + 2 + 4 = 8):
    # depth 1: d1 best max(8, 4, 7) = 8 (48), d2 best max(7, 4, 6) = 7 (48): one unit, Đà Nẵng,
    #          holds both -> benchmark overall 8 + 7 = 15, gap 15 − 8 = 7
    # depth 2: d1_1 best 5 (48), d1_2 best 4 (51), d2 best 7 (48) -> 16, gap 8, no single unit
    s = A.overall_gap("49", "PAPI", 2019, panel=P48, codebook=C)
    assert s["benchmark_overall"] == pytest.approx(15.0) and s["gap"] == pytest.approx(7.0)
    assert s["benchmark_unit"] == "48" and s["recomputed"] == pytest.approx(8.0)
    deep = A.overall_gap("49", "PAPI", 2019, depth=2, panel=P48, codebook=C)
    assert deep["gap"] == pytest.approx(8.0) and deep["benchmark_unit"] is None


def test_points_lost_default_depth_and_depth_passed_on():
    # default depth 1 on P48: d1 gap 8 − 4 = 4, d2 gap 7 − 4 = 3 (weights 1)
    df = A.points_lost("49", "PAPI", 2019, panel=P48, codebook=C).set_index("indicator")
    assert sorted(df.index) == ["PAPI.d1", "PAPI.d2"]
    assert (df.loc["PAPI.d1", "points_lost"], df.loc["PAPI.d2", "points_lost"]) == \
        pytest.approx((4.0, 3.0))
    # leaves: d1_1 5 − 2 = 3, d1_2 4 − 2 = 2, d2 7 − 4 = 3
    lv = A.points_lost("49", "PAPI", 2019, depth="leaves", panel=P48, codebook=C) \
        .set_index("indicator")
    assert sorted(lv.index) == ["PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"]
    assert [lv.loc[i, "points_lost"] for i in ("PAPI.d1_1", "PAPI.d1_2", "PAPI.d2")] == \
        pytest.approx([3.0, 2.0, 3.0])


def test_points_lost_passes_the_other_options_on():
    # threshold and within_region reach weak_criteria's summary through **kw
    s = A.points_lost("49", "PCI", 2019, threshold=0.05, within_region=True, **KW) \
        .attrs["summary"]
    assert (s["threshold"], s["within_region"], s["k"]) == (0.05, True, 3)


def test_points_lost_for_another_unit_type():
    # the same SYNTHETIC numbers as districts: Quảng Nam PCI 2019 region-best gaps
    # .5 × (7 − 4) = 1.5, .3 × (8 − 6) = 0.6, .2 × (8 − 7) = 0.2 (as for the provinces)
    df = A.points_lost("49", "PCI", 2019, unit_type="district", panel=DISTRICT, codebook=C) \
        .set_index("indicator")
    assert [df.loc[c, "points_lost"] for c in ("PCI.a", "PCI.b", "PCI.c")] == \
        pytest.approx([1.5, 0.6, 0.2])
    # the previous survey of the same unit type: 2018 a 3.75 last (6th), b 6.25 3rd (7.75,
    # 6.75 above), c 6.75 3rd (8.75, 7.75 above); a and b keep their places (2019: 6th, 3rd)
    assert set(df["prev_year"]) == {2018}
    assert [df.loc[c, "prev_rank"] for c in ("PCI.a", "PCI.b", "PCI.c")] == [6, 3, 3]
    assert (df.loc["PCI.a", "rank_change"], df.loc["PCI.b", "rank_change"]) == (0, 0)
    # and no province has data in that panel
    with pytest.raises(ParameterError, match="invalid year: 2019"):
        A.points_lost("49", "PCI", 2019, panel=DISTRICT, codebook=C)


def test_province_and_district_views_of_one_panel_stay_apart():
    # SYNTHETIC: the fixture's provinces plus the same rows as districts, where Quảng Nam's
    # 2019 a is 9 instead of 4: each unit type reads its own rows, in either order
    dist = P[P.unit_type == "province"].assign(unit_type="district")
    dist.loc[(dist["index"] == "PCI") & (dist.year == 2019) & (dist.unit_code == "49")
             & (dist.indicator == "PCI.a"), "value"] = 9.0
    both = pd.concat([P, dist], ignore_index=True)
    kw = dict(panel=both, codebook=C)
    d = A.weak_criteria("49", "PCI", 2019, unit_type="district", **kw).set_index("indicator")
    p = A.weak_criteria("49", "PCI", 2019, **kw).set_index("indicator")
    assert (d.loc["PCI.a", "score"], p.loc["PCI.a", "score"]) == (9.0, 4.0)
    g = A.gap_decomposition("PCI", 2019, unit_type="district", **kw)
    assert g[(g.unit_code == "49") & (g.indicator == "PCI.a")].value.iloc[0] == 9.0


def test_no_weights_error_gives_the_codebook_reason():
    import numpy as np

    from parlib.errors import ParlibError

    cb = C.copy()
    cb.loc[cb.indicator.isin(["PCI.a", "PCI.b", "PCI.c"]), "weight"] = np.nan
    with pytest.raises(ParlibError) as e:
        A.gap_decomposition("PCI", 2019, panel=P, codebook=cb)
    assert str(e.value) == ("the codebook gives no weight to PCI.a in 2017-2020 although "
                            "PCI.overall is a weighted_sum of its criteria: the points lost "
                            "cannot be computed for those years")
