"""parlib.analysis.effective_weights on a SYNTHETIC four-unit index built here, whose
correlations are worked out by hand (arithmetic in the comments)."""
import importlib

import numpy as np
import pandas as pd
import pytest

from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

EW = importlib.import_module("parlib.analysis.effective_weights")

UNITS = ["01", "22", "31", "48"]
# a = 1, 2, 3, 4 (weight 2), b = 5, 5, 5, 5 (weight 1, no spread), c = 2, 1, 4, 3 (weight 1);
# overall = 2a + b + c = 9, 10, 15, 16
VALUES = {"a": [1, 2, 3, 4], "b": [5, 5, 5, 5], "c": [2, 1, 4, 3]}
WEIGHTS = {"a": 2.0, "b": 1.0, "c": 1.0}


def _data(hib_a=True, drop=None):
    cb = [dict(index="PAR", indicator="PAR.o", level="overall", parent="", name_en="Overall",
               name_vi="Tổng", scale_min=0, scale_max=100, weight=np.nan,
               aggregation="weighted_sum", year_from=2019, year_to=2019, era="x",
               higher_is_better=True, notes="SYNTHETIC")]
    for c, w in WEIGHTS.items():
        cb.append(dict(cb[0], indicator=f"PAR.{c}", level="area", parent="PAR.o",
                       name_en=f"Crit {c}", name_vi=f"Tiêu chí {c}", weight=w, aggregation="",
                       higher_is_better=(hib_a if c == "a" else True)))
    rows = []
    for i, u in enumerate(UNITS):
        tot = 0.0
        for c, vals in VALUES.items():
            tot += WEIGHTS[c] * vals[i]
            if drop != (u, c):
                rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                                 indicator=f"PAR.{c}", value=float(vals[i]), max_value=10.0,
                                 rank=pd.NA, rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan,
                                 flag=None))
        rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                         indicator="PAR.o", value=tot, max_value=100.0, rank=pd.NA,
                         rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    cbf = pd.DataFrame(cb)
    cbf["higher_is_better"] = cbf["higher_is_better"].astype(bool)
    return dict(panel=pd.DataFrame(rows), codebook=cbf)


KW = _data()


def test_pearson_shares_hand_worked():
    # centred: a (−1.5, −.5, .5, 1.5), c (−.5, −1.5, 1.5, .5), overall (−3.5, −2.5, 2.5, 3.5)
    # |a|² = 5, |c|² = 5, |y|² = 37; a·y = 13, c·y = 11 -> r² = 169/185 and 121/185; b: 0
    # effective shares 169/290 and 121/290; nominal 2/4, 1/4, 1/4
    e = EW.effective_weights("PAR", 2019, **KW)
    assert list(e.indicator) == ["PAR.a", "PAR.c", "PAR.b"]       # largest share first
    r = e.set_index("indicator")
    assert r.loc["PAR.a", "corr"] == pytest.approx(13 / np.sqrt(185))
    assert r.loc["PAR.a", "corr2"] == pytest.approx(169 / 185)
    assert r.loc["PAR.c", "corr2"] == pytest.approx(121 / 185)
    assert r.loc["PAR.b", "corr"] == 0.0 and r.loc["PAR.b", "effective_share"] == 0.0
    assert r.loc["PAR.a", "effective_share"] == pytest.approx(169 / 290)
    assert r.loc["PAR.c", "effective_share"] == pytest.approx(121 / 290)
    assert list(r.loc[["PAR.a", "PAR.b", "PAR.c"], "nominal_share"]) == [0.5, 0.25, 0.25]
    assert list(r.loc[["PAR.a", "PAR.b", "PAR.c"], "weight"]) == [2.0, 1.0, 1.0]
    assert r.loc["PAR.a", "ratio"] == pytest.approx((169 / 290) / 0.5)
    assert r.loc["PAR.c", "ratio"] == pytest.approx((121 / 290) / 0.25)
    # sample sd (ddof 1): √(5/3) for a and c, 0 for b
    assert r.loc["PAR.a", "sd"] == pytest.approx(np.sqrt(5 / 3)) and r.loc["PAR.b", "sd"] == 0
    assert set(e["index"]) == {"PAR"} and set(e["year"]) == {2019}
    assert set(e["overall"]) == {"PAR.o"} and set(e["n"]) == {4}
    assert set(e["method"]) == {"pearson"}
    assert list(e.columns[:2]) == ["index", "year"]
    assert r.loc["PAR.a", "name_en"] == "Crit a" and r.loc["PAR.c", "name_vi"] == "Tiêu chí c"


def test_spearman_uses_ranks():
    # ranks: a (1, 2, 3, 4) = overall ranks -> r = 1; c (2, 1, 4, 3): centred (−.5, −1.5, 1.5,
    # .5) · (−1.5, −.5, .5, 1.5) = 3, / 5 -> r = .6, r² = .36; shares 1/1.36 and .36/1.36
    e = EW.effective_weights("PAR", 2019, method="spearman", **KW).set_index("indicator")
    assert e.loc["PAR.a", "corr"] == pytest.approx(1.0)
    assert e.loc["PAR.c", "corr"] == pytest.approx(0.6)
    assert e.loc["PAR.a", "effective_share"] == pytest.approx(1 / 1.36)
    assert e.loc["PAR.c", "effective_share"] == pytest.approx(0.36 / 1.36)
    assert set(e["method"]) == {"spearman"}


def test_unknown_method_names_the_parameter():
    with pytest.raises(ParameterError, match=r"^invalid method: 'kendall'; allowed: pearson, "
                                             r"spearman$"):
        EW.effective_weights("PAR", 2019, method="kendall", **KW)


def test_a_unit_without_every_criterion_is_refused():
    kw = _data(drop=("31", "c"))
    with pytest.raises(ParameterError, match=r"^invalid year: 2019 \(PAR 2019: the criteria of "
                                             r"the overall score are in the panel for 3 of the 4 "
                                             r"units with a score \(a subset would bias the "
                                             r"correlations\)\)$"):
        EW.effective_weights("PAR", 2019, **kw)


def test_no_weights_is_refused_naming_the_year():
    kw = _data()
    kw["codebook"].loc[kw["codebook"].indicator == "PAR.c", "weight"] = np.nan
    with pytest.raises(ParameterError, match=r"^invalid year: 2019 \(PAR 2019: the codebook gives "
                                             r"no weight to PAR\.c"):
        EW.effective_weights("PAR", 2019, **kw)


def test_unit_sensitivity_hand_worked():
    # Hà Nội (01): overall 9, last of 4. One sd (√(5/3) = 1.291) more on a adds 2 × 1.291 =
    # 2.582 -> 11.58 > 10: 3rd (1 place); on c 1.291 -> 10.29: 3rd; on b (sd 0) nothing
    s = EW.unit_sensitivity("Hà Nội", "PAR", 2019, **KW)
    assert list(s.indicator) == ["PAR.a", "PAR.c", "PAR.b"]
    r = s.set_index("indicator")
    assert r.loc["PAR.a", "points_per_sd"] == pytest.approx(2 * np.sqrt(5 / 3))
    assert r.loc["PAR.c", "points_per_sd"] == pytest.approx(np.sqrt(5 / 3))
    assert list(r.loc[["PAR.a", "PAR.b", "PAR.c"], "rank_if_up_1sd"]) == [3, 4, 3]
    assert list(r.loc[["PAR.a", "PAR.b", "PAR.c"], "places"]) == [1, 0, 1]
    assert set(s["rank"]) == {4} and set(s["rank_of"]) == {4}
    assert list(r.loc[["PAR.a", "PAR.b", "PAR.c"], "weight"]) == [2.0, 1.0, 1.0]
    assert r.loc["PAR.a", "sd"] == pytest.approx(np.sqrt(5 / 3))
    assert r.loc["PAR.b", "name_en"] == "Crit b" and r.loc["PAR.b", "name_vi"] == "Tiêu chí b"
    assert s.attrs["note"].startswith("computed ranks among the units with every criterion")
    # Quảng Ninh (22): 10, 3rd; + 2.582 on a -> 12.58: still 3rd (15, 16 above)
    q = EW.unit_sensitivity("22", "PAR", 2019, **KW).set_index("indicator")
    assert q.loc["PAR.a", "rank_if_up_1sd"] == 3 and q.loc["PAR.a", "places"] == 0


def test_unit_sensitivity_lower_is_better_moves_down():
    # a lower is better: one sd "more" is 2.582 points fewer: 01 stays last (4th)
    s = EW.unit_sensitivity("01", "PAR", 2019, **_data(hib_a=False)).set_index("indicator")
    assert s.loc["PAR.a", "points_per_sd"] == pytest.approx(-2 * np.sqrt(5 / 3))
    assert s.loc["PAR.a", "rank_if_up_1sd"] == 4
    # Đà Nẵng (48): 16, 1st; 16 − 2.58 = 13.42 < 15: 2nd, one place lost
    q = EW.unit_sensitivity("48", "PAR", 2019, **_data(hib_a=False)).set_index("indicator")
    assert q.loc["PAR.a", "places"] == -1 and q.loc["PAR.a", "rank_if_up_1sd"] == 2


def test_unit_without_a_score_is_named():
    with pytest.raises(ParameterError, match=r"^invalid unit: 'Quảng Nam' \(no PAR 2019 overall "
                                             r"score for Quang Nam\)$"):
        EW.unit_sensitivity("Quảng Nam", "PAR", 2019, **KW)
