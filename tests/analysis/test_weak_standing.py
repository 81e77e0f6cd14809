"""parlib.analysis.weak.strengths_weaknesses: ranks within a region whose every province has data,
the depth and unit type passed on, and the value a bad ``n`` is reported with, on a SYNTHETIC
panel built here and on the SYNTHETIC fixture panel (synthetic_panel); every expected rank is
counted by hand in a comment."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)

# SYNTHETIC PAR 2019: the whole Central Highlands (CH: Kon Tum 62, Gia Lai 64, Đắk Lắk 66,
# Đắk Nông 67, Lâm Đồng 68) and four others; PAR.overall = PAR.a + PAR.b (sum), no printed rank
A_SCORES = {"62": 9, "64": 8, "66": 7, "67": 6, "68": 5, "01": 4, "22": 3, "31": 2, "48": 1}
B_SCORES = {"01": 10, "22": 9, "31": 8, "68": 7, "62": 6, "64": 5, "66": 4, "67": 3, "48": 2}
C_SCORES = {"22": 10, "62": 9, "64": 8, "68": 7, "66": 6, "67": 5, "31": 3, "48": 2, "01": 1}
D_SCORES = {"22": 10, "62": 9, "64": 8, "68": 7, "66": 6, "67": 5, "01": 3, "31": 2, "48": 1}
SCORES = {"a": A_SCORES, "b": B_SCORES, "c": C_SCORES, "d": D_SCORES}


def _ch_panel(criteria="abcd"):
    cb = [dict(index="PAR", indicator="PAR.overall", level="overall", parent="", name_en="o",
               name_vi="o", scale_min=0, scale_max=20, weight=np.nan, aggregation="sum",
               year_from=2019, year_to=2019, era="x", higher_is_better=True, notes="")]
    cb += [dict(cb[0], indicator=f"PAR.{c}", level="area", parent="PAR.overall",
                scale_max=10, aggregation="", name_en=f"Area {c}", name_vi=f"Lĩnh vực {c}")
           for c in criteria]
    rows = []
    for u in A_SCORES:
        for ind, v in [(f"PAR.{c}", SCORES[c][u]) for c in criteria] + [
                ("PAR.overall", sum(SCORES[c][u] for c in criteria))]:
            rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                             indicator=ind, value=float(v), max_value=np.nan, rank=pd.NA,
                             rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    cbf = pd.DataFrame(cb)
    cbf["higher_is_better"] = cbf["higher_is_better"].astype(bool)
    return pd.DataFrame(rows), cbf


CHP, CHC = _ch_panel()


def test_within_region_uses_the_ranks_in_the_region():
    # Lâm Đồng (68): a 5 is 5th of 9 nationally (middle third) but 5th of the 5 CH provinces
    # (bottom); b 7 is 4th of 9 (middle) but 1st in CH (top): percentiles (5−1)/4 = 1.0,
    # (5−5)/4 = 0.0; c and d 7: 4th of 9 (behind 10, 9, 8), 3rd of the 5 in CH (middle)
    sw = A.strengths_weaknesses("68", "PAR", 2019, within_region=True, panel=CHP, codebook=CHC)
    assert sw[["kind", "indicator", "rank", "rank_of", "percentile", "scope"]].values.tolist() \
        == [["strength", "PAR.b", 1, 5, 1.0, "CH"], ["weakness", "PAR.a", 5, 5, 0.0, "CH"]]
    assert list(sw["name"]) == ["Area b", "Area a"] and list(sw["score"]) == [7.0, 5.0]
    assert list(sw.index) == [0, 1] and list(sw["notable"]) == [True, True]
    # nationally all four are in the middle third: neither strength nor weakness
    assert A.strengths_weaknesses("68", "PAR", 2019, panel=CHP, codebook=CHC).empty
    w = A.weak_criteria("68", "PAR", 2019, panel=CHP, codebook=CHC).set_index("indicator")
    assert (w.loc["PAR.a", "rank"], w.loc["PAR.a", "rank_of"]) == (5, 9)
    assert (w.loc["PAR.b", "rank"], w.loc["PAR.b", "rank_of"]) == (4, 9)
    assert list(w.loc[["PAR.a", "PAR.b"], "region_complete"]) == [True, True]


def test_default_depth_and_depth_passed_on():
    # Quảng Ninh (22) PAPI 2019: d1 = 4 + 4 = 8 and d2 = 8, both 1st of 6 (strengths);
    # leaves: d1_1 4 1st, d1_2 4 1st (tied with Quảng Ngãi), d2 1st
    sw = A.strengths_weaknesses("22", "PAPI", 2019, **KW)
    assert list(sw.indicator) == ["PAPI.d1", "PAPI.d2"] and set(sw["rank"]) == {1}
    lv = A.strengths_weaknesses("22", "PAPI", 2019, depth="leaves", **KW)
    assert list(lv.indicator) == ["PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"]


def test_another_unit_type():
    # SYNTHETIC: the fixture's province rows as districts; Quảng Ninh (22) 2019 a 8 and c 9
    # are 1st of 6 (strengths), b 6 is 4th (middle)
    d = P[P.unit_type == "province"].assign(unit_type="district")
    sw = A.strengths_weaknesses("22", "PCI", 2019, unit_type="district", panel=d, codebook=C)
    assert list(sw.indicator) == ["PCI.a", "PCI.c"] and list(sw["rank"]) == [1, 1]


@pytest.mark.parametrize("bad,shown", [(0, "0"), (-1, "-1"), (1.5, "1.5"), ("2", "'2'")])
def test_bad_n_is_reported_with_its_value(bad, shown):
    with pytest.raises(ParameterError, match=rf"^invalid n: {shown} \(a whole number"):
        A.strengths_weaknesses("49", "PCI", 2019, n=bad, **KW)


def test_order_strengths_best_first_weaknesses_worst_first():
    # Hà Nội (01) in the SYNTHETIC CH panel, of 9: b 10 1st (top third: rank ≤ 3), a 4 6th
    # (middle), c 1 9th and d 3 7th (bottom third: rank > 6) -> weaknesses worst first: c, d
    sw = A.strengths_weaknesses("01", "PAR", 2019, panel=CHP, codebook=CHC)
    assert sw[["kind", "indicator", "rank", "rank_of"]].values.tolist() == [
        ["strength", "PAR.b", 1, 9], ["weakness", "PAR.c", 9, 9], ["weakness", "PAR.d", 7, 9]]
    assert list(sw.index) == [0, 1, 2] and set(sw.scope) == {"national"}
    one = A.strengths_weaknesses("01", "PAR", 2019, n=1, panel=CHP, codebook=CHC)
    assert list(one.indicator) == ["PAR.b", "PAR.c"]            # the best, the worst
    # Đà Nẵng (48) in the fixture, PCI 2019 of 6: b 8 1st, a 7 2nd (top third: rank ≤ 2)
    dn = A.strengths_weaknesses("48", "PCI", 2019, **KW)
    assert dn[["kind", "indicator", "rank"]].values.tolist() == [["strength", "PCI.b", 1],
                                                                 ["strength", "PCI.a", 2]]


def test_within_region_with_a_single_criterion():
    # SYNTHETIC CH panel with criterion b alone: Lâm Đồng 1st of the 5 in CH (b 7 above 6, 5,
    # 4, 3): one strength, scope CH
    p, cb = _ch_panel("b")
    sw = A.strengths_weaknesses("68", "PAR", 2019, within_region=True, panel=p, codebook=cb)
    assert sw[["kind", "indicator", "rank", "rank_of", "scope"]].values.tolist() == [
        ["strength", "PAR.b", 1, 5, "CH"]]


def test_within_region_rank_of_a_lower_is_better_criterion():
    # the SYNTHETIC CH panel with a read as lower-is-better: in CH a is 9, 8, 7, 6, 5 so Lâm
    # Đồng's 5 is now 1st of 5 (top), as b is: two strengths, no weakness
    cb = CHC.copy()
    cb.loc[cb.indicator == "PAR.a", "higher_is_better"] = False
    sw = A.strengths_weaknesses("68", "PAR", 2019, within_region=True, panel=CHP, codebook=cb)
    assert sw[["kind", "indicator", "rank", "rank_of"]].values.tolist() == [
        ["strength", "PAR.a", 1, 5], ["strength", "PAR.b", 1, 5]]
