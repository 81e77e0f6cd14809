"""parlib.analysis.persistence: the two rules (bottom third k surveys running; no improvement
beyond the threshold and the 95% interval) for several k, the thresholds, the partial-source
rule and the published/computed national rank, on SYNTHETIC panels built here (made-up numbers
chosen so every answer is counted by hand; see the comments)."""
import importlib
import math

import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.analysis.context import YearData, context
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)

YEARS = [2015, 2016, 2017, 2018, 2019]
OTHERS = {"22": 8.0, "01": 7.0, "31": 6.5, "48": 5.6, "51": 5.2}   # the same every year
# criterion -> (Quảng Nam 49's scores 2015..2019, CI half-width or None, codebook overrides)
SERIES = {
    # ranks of 49 among (8, 7, 6.5, 5.6, 5.2): 6th, 4th, 5th, 5th, 5th (bottom third = 5th, 6th)
    "c0": ([5.0, 6.0, 5.45, 5.4, 5.38], None, {}),
    # with 95% CIs ±0.5 a fall of 1.0 is beyond the interval of the difference (0.707)
    "c4": ([6.0, 6.0, 6.0, 6.0, 5.0], 0.5, {}),
    # ±0.5 CIs: a fall of 0.5 is within the 0.707 interval of the difference (a half-width
    # interval, 0.354, would wrongly call it a decline)
    "c5": ([6.0, 6.0, 6.0, 6.0, 5.5], 0.5, {}),
    # CIs 3 wide in 2018 and 4 wide in 2019: the 95% interval of the difference is exactly
    # 1.96 × √((3/3.92)² + (4/3.92)²) = √(3² + 4²) / 2 = 2.5, the fall 8.0 -> 5.5 exactly 2.5
    "ce": ([8.0, 8.0, 8.0, 8.0, 5.5], [1.5, 1.5, 1.5, 1.5, 2.0], {}),
    # a zero-width "interval" (ci_low = ci_high) is no interval: not checked, the fall counts
    "cz": ([6.0, 6.0, 6.0, 6.0, 5.0], "zero", {}),
    # lower is better: 49 rises 5.0 -> 6.0 (a deterioration); ranks (ascending) 1st ... 4th
    "lo": ([5.0, 5.0, 5.0, 5.0, 6.0], None, {"higher_is_better": False}),
    # a scale 2-12 (span 10: 1% = 0.1 point) and a scale the codebook leaves open (NaN: the
    # table's max_value 20 and a lower end of 0: 1% = 0.2 point)
    "s2": ([6.0, 6.0, 6.0, 6.0, 5.0], None, {"scale_min": 2, "scale_max": 12}),
    "sn": ([6.0, 6.0, 6.0, 6.0, 5.0], None, {"scale_min": np.nan, "scale_max": np.nan}),
    # the method changed in 2018 (era "old" -> "new"): bottom third 2015-2019, comparable 2018-2019
    "c3": ([5.0, 5.0, 5.0, 5.45, 5.3], None, {"split": 2018}),
    # a degenerate scale 10-10: no threshold, never "no improvement"
    "z": ([6.0, 6.0, 6.0, 6.0, 5.0], None, {"scale_min": 10, "scale_max": 10}),
}


def _panel(series=SERIES):
    cb = [dict(index="PAR", indicator="PAR.overall", level="overall", parent="", name_en="o",
               name_vi="o", scale_min=0, scale_max=1000, weight=np.nan, aggregation="sum",
               year_from=2015, year_to=2019, era="x", higher_is_better=True, notes="")]
    for c, (_, _, over) in series.items():
        over = dict(over)
        split = over.pop("split", None)
        row = {**cb[0], "indicator": f"PAR.{c}", "level": "area", "parent": "PAR.overall",
               "scale_max": 10, "aggregation": "", "name_en": c, **over}
        if split:
            cb += [dict(row, year_to=split - 1, era="old"), dict(row, year_from=split, era="new")]
        else:
            cb.append(row)
    rows = []
    for i, y in enumerate(YEARS):
        for u in ["49"] + list(OTHERS):
            for c, (mine, half, _) in series.items():
                v = mine[i] if u == "49" else OTHERS[u]
                half = half[i] if isinstance(half, list) else half
                ci = (v, v) if half == "zero" else (v - half, v + half) if half \
                    else (np.nan, np.nan)
                rows.append(dict(index="PAR", year=y, unit_code=u, unit_type="province",
                                 indicator=f"PAR.{c}", value=v, max_value=20.0, rank=pd.NA,
                                 rank_of=pd.NA, ci_low=ci[0], ci_high=ci[1], flag=None))
            rows.append(dict(index="PAR", year=y, unit_code=u, unit_type="province",
                             indicator="PAR.overall", value=100.0, max_value=1000.0, rank=pd.NA,
                             rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    cbf = pd.DataFrame(cb)
    cbf["higher_is_better"] = cbf["higher_is_better"].astype(bool)
    return pd.DataFrame(rows), cbf


PM = importlib.import_module("parlib.analysis.persistence")   # A.persistence is the function
MP, MC = _panel()
MK = dict(panel=MP, codebook=MC)


def _pers(k=3, year=2019, **kw):
    return A.persistence("49", "PAR", year, k=k, **MK, **kw).set_index("indicator")


# ----------------------------------------------------------------------------- parameters
def test_check_k_accepts_whole_numbers_from_two():
    assert PM.check_k(2) == 2 and PM.check_k(np.int64(5)) == 5
    assert PM.check_k(" 4 ") == 4 and type(PM.check_k(np.int64(3))) is int
    assert PM.check_k(3.0) == 3 and type(PM.check_k(np.float64(4.0))) is int   # whole numbers
    for bad in (2.5, float("nan"), float("inf"), "3.0", True):      # True is not a number
        with pytest.raises(ParameterError, match=r"^invalid k: .*\(a whole number of surveys, at "
                                                 r"least 2\)$"):
            PM.check_k(bad)
    with pytest.raises(ParameterError, match=r"^invalid k: 1 \(at least 2 surveys \(one survey "
                                             r"is not persistence\)\)$"):
        PM.check_k(1)
    with pytest.raises(ParameterError, match=r"^invalid k: 'three' \(a whole number of surveys,"
                                             r" at least 2\)$"):
        PM.check_k("three")
    with pytest.raises(ParameterError, match=r"^invalid k: None \(a whole number"):
        PM.check_k(None)


def test_check_threshold_is_a_share_of_the_scale_below_one():
    assert PM.check_threshold("0.05") == 0.05 and PM.check_threshold(0) == 0.0
    assert PM.DEFAULT_THRESHOLD == 0.01 and PM.DEFAULT_K == 3
    with pytest.raises(ParameterError, match=r"^invalid threshold: 1 \(a share of the scale from "
                                             r"0 to below 1, e\.g\. 0\.01 = 1%\)$"):
        PM.check_threshold(1)
    with pytest.raises(ParameterError, match=r"^invalid threshold: nan \(a share of the scale "
                                             r"from 0"):
        PM.check_threshold(float("nan"))
    with pytest.raises(ParameterError, match=r"^invalid threshold: None \(a share of the scale, "
                                             r"e\.g\. 0\.01\)$"):
        PM.check_threshold(None)
    with pytest.raises(ParameterError, match=r"^invalid threshold: 'abc' \(a share of the scale, "
                                             r"e\.g\. 0\.01\)$"):
        PM.check_threshold("abc")
    with pytest.raises(ParameterError, match="invalid threshold"):
        PM.check_threshold(-0.01)


def test_z95_is_the_normal_quantile():
    # Φ⁻¹(0.975) = 1.959963984540054 (the 95% two-sided normal quantile)
    assert PM.Z95 == 1.959963984540054


# ----------------------------------------------------------------------------- bottom third, k
@pytest.mark.parametrize("k,flag,text", [
    (2, True, "bottom third 3 surveys running (2017–2019)"),   # run 3 >= 2
    (3, True, "bottom third 3 surveys running (2017–2019)"),   # run 3 >= 3
    (4, False, ""),                                            # 2016 was 4th: run 3 < 4
])
def test_bottom_third_run_against_k(k, flag, text):
    r = _pers(k).loc["PAR.c0"]
    assert (r["bottom_third_run"], r["run_from"]) == (3, 2017)
    assert bool(r["bottom_third_k"]) is flag
    if flag:
        assert r["persistent_text_en"] == text
        assert r["persistent_text_vi"] == "thuộc nhóm 1/3 cuối 3 kỳ liên tiếp (2017–2019)"
    else:   # k = 4: 6.00 (2016) -> 5.38 (2019), a fall of 0.62 > 0.1: the other rule
        assert r["persistent_text_en"] == ("no improvement over 4 surveys: 2016 6.00 → 2019 "
                                           "5.38, down more than the 0.10-point threshold")
        assert r["persistent_text_vi"] == ("không cải thiện qua 4 kỳ: 2016 6,00 → 2019 5,38, "
                                           "giảm quá ngưỡng 0,10 điểm")


def test_run_counts_up_to_the_year_asked():
    # up to 2018: 5th (2018), 5th (2017), 4th (2016) -> 2 running from 2017
    r = _pers(k=2, year=2018).loc["PAR.c0"]
    assert (r["bottom_third_run"], r["run_from"], r["window_from"]) == (2, 2017, 2017)
    assert r["base_year"] == 2017 and r["comparable_window"]
    assert r["value"] == 5.4 and r["base_value"] == 5.45


def test_window_of_every_survey():
    r = _pers(k=5).loc["PAR.c0"]        # 5 surveys 2015-2019, a window of 5: 5.0 -> 5.38
    assert r["comparable_window"] and r["window_from"] == 2015 and r["base_value"] == 5.0
    assert not r["no_improvement"] and not r["bottom_third_k"]


def test_a_methodology_change_ends_the_run():
    p3 = _pers(k=3).loc["PAR.c3"]        # 5th or 6th every year, but comparable 2018-2019 only
    assert (p3["bottom_third_run"], p3["run_from"]) == (2, 2018)
    assert not p3["comparable_window"] and not p3["persistent"]
    p2 = _pers(k=2).loc["PAR.c3"]        # 2018-2019: bottom third twice; 5.45 -> 5.3 falls 0.15
    assert p2["bottom_third_k"] and p2["no_improvement"] and p2["comparable_window"]


def test_other_unit_types():
    # SYNTHETIC: the same rows as "district" units only
    d = MP.assign(unit_type="district")
    p = A.persistence("49", "PAR", 2019, k=3, unit_type="district", panel=d, codebook=MC) \
        .set_index("indicator")
    assert (p.loc["PAR.c0", "bottom_third_run"], p.loc["PAR.c0", "window_from"]) == (3, 2017)
    assert p.loc["PAR.c0", "persistent_text_en"] == "bottom third 3 surveys running (2017–2019)"
    assert p.loc["PAR.c4", "value"] == 5.0


def test_window_longer_than_the_surveys_is_not_comparable():
    r = _pers(k=6).loc["PAR.c0"]        # 5 surveys 2015-2019 for a window of 6
    assert not r["comparable_window"] and r["window_from"] is None
    assert math.isnan(r["base_value"]) and math.isnan(r["change"])
    assert not r["bottom_third_k"] and not r["persistent"]
    assert r["bottom_third_run"] == 3     # the run itself is still counted


# ----------------------------------------------------------------------------- no improvement
def test_fall_beyond_the_interval_says_so_in_both_languages():
    # c4: 6.0 -> 5.0 with ±0.5 CIs: se = 0.5 / 1.96 each, interval of the difference
    # 1.96 × √2 × 0.5 / 1.96 = 0.707 < 1.0 fall, and 1.0 > 0.1 threshold
    r = _pers(k=2).loc["PAR.c4"]
    assert r["ci_checked"] and r["no_improvement"] and r["persistent"]
    assert r["change"] == pytest.approx(-1.0) and r["threshold_points"] == pytest.approx(0.1)
    assert r["persistent_text_en"] == ("no improvement over 2 surveys: 2018 6.00 → 2019 5.00, "
                                       "down more than the 0.10-point threshold and the 95% "
                                       "interval")
    assert r["persistent_text_vi"] == ("không cải thiện qua 2 kỳ: 2018 6,00 → 2019 5,00, giảm "
                                       "quá ngưỡng 0,10 điểm và khoảng tin cậy 95%")


def test_the_interval_is_the_full_ci_width_and_a_zero_width_is_none():
    p = _pers(k=2)
    c5 = p.loc["PAR.c5"]       # 0.5 fall > 0.1 threshold but < 1.96 × √2 × 0.5 / 1.96 = 0.707
    assert c5["ci_checked"] and not c5["no_improvement"] and not c5["persistent"]
    ce = p.loc["PAR.ce"]       # a fall equal to the interval is within it
    assert ce["ci_checked"] and ce["change"] == -2.5 and not ce["no_improvement"]
    cz = p.loc["PAR.cz"]
    assert not cz["ci_checked"] and cz["no_improvement"]
    assert not cz["persistent_text_en"].endswith("interval")


def test_both_rules_joined():
    # c0, k = 2, threshold 0: bottom third 3 surveys running (>= 2) and 5.40 -> 5.38 falls 0.02 > 0
    r = _pers(k=2, threshold=0).loc["PAR.c0"]
    assert r["bottom_third_k"] and r["no_improvement"]
    assert r["persistent_text_en"] == (
        "bottom third 3 surveys running (2017–2019); no improvement over 2 surveys: 2018 5.40 "
        "→ 2019 5.38, down more than the 0.00-point threshold")


def test_a_fall_equal_to_the_threshold_is_not_a_lack_of_improvement():
    # s2 without CIs: span 12 - 2 = 10; threshold 0.1 -> 1.0 point; 6.0 -> 5.0 falls exactly 1.0
    p = _pers(k=2, threshold=0.1)
    assert p.loc["PAR.s2", "threshold_points"] == 1.0 and p.loc["PAR.s2", "change"] == -1.0
    assert not p.loc["PAR.s2", "no_improvement"]
    q = _pers(k=2, threshold=0.09).loc["PAR.s2"]        # 0.9 point: the 1.0 fall is beyond
    assert q["no_improvement"] and not q["ci_checked"]


def test_threshold_in_points_from_the_scale():
    p = _pers(k=2)
    assert p.loc["PAR.s2", "threshold_points"] == pytest.approx(0.1)    # 1% of 12 - 2
    assert p.loc["PAR.sn", "threshold_points"] == pytest.approx(0.2)    # 1% of 20 (table) - 0
    assert p.loc["PAR.c0", "threshold_points"] == pytest.approx(0.1)    # 1% of 10 - 0
    z = p.loc["PAR.z"]                                                  # scale 10-10
    assert math.isnan(z["threshold_points"]) and not z["no_improvement"]


def test_lower_is_better_a_rise_is_the_decline():
    # lo: 5.0 -> 6.0 where lower is better: a deterioration of 1.0 > 0.1
    r = _pers(k=2).loc["PAR.lo"]
    assert r["change"] == pytest.approx(1.0) and r["no_improvement"]
    # ranked ascending among 5.2, 5.6, 6.5, 7, 8: 5.0 is 1st (2015-2018), 6.0 is 3rd (2019)
    assert r["bottom_third_run"] == 0 and pd.isna(r["run_from"])
    # the same series with higher is better: a rise, not a decline
    hib = dict(SERIES, lo=(SERIES["lo"][0], None, {}))
    p2 = A.persistence("49", "PAR", 2019, k=2, **dict(zip(("panel", "codebook"),
                                                          _panel(hib)))).set_index("indicator")
    assert not p2.loc["PAR.lo", "no_improvement"]


# ----------------------------------------------------------------------------- ranks, partial
def _yd(values: dict, rank_of=None, source="computed", ranks=None):
    """A one-indicator YearData: ``values`` unit -> value (None = no value for that unit),
    ``ranks`` unit -> printed rank."""
    units = list(values)
    v = pd.DataFrame({"X": [np.nan if x is None else x for x in values.values()],
                      "Y": 1.0}, index=units)
    ro = pd.DataFrame({"X": [rank_of] * len(units), "Y": np.nan}, index=units, dtype=float)
    rk = pd.DataFrame({"X": [(ranks or {}).get(u, np.nan) for u in units], "Y": np.nan},
                      index=units, dtype=float)
    empty = pd.DataFrame(index=units)
    return YearData("PAR", 2019, "province", v, rk, ro, {"X": source}, empty, empty, empty)


def test_partial_below_nine_in_ten_of_the_units():
    ten = [f"u{i}" for i in range(10)]
    nine = _yd({u: (None if u == "u0" else 1.0) for u in ten})
    assert not PM.partial(nine, "X")             # 9 of 10: 9 < 0.9 × 10 is false
    eight = _yd({u: (None if u in ("u0", "u1") else 1.0) for u in ten})
    assert PM.partial(eight, "X")                # 8 < 9
    full = _yd({u: 1.0 for u in ten})
    assert not PM.partial(full, "X")
    # 10 values but the source ranked 63: 10 < 56.7
    assert PM.partial(_yd({u: 1.0 for u in ten}, rank_of=63), "X")
    assert not PM.partial(_yd({u: 1.0 for u in ten}, rank_of=11), "X")   # 10 >= 9.9
    assert not PM.partial(_yd({}), "X")           # no unit at all: 0 of 0 is not "a handful"


def test_unit_rank_needs_both_rank_and_denominator():
    ten = {f"u{i}": (1.0 if i < 2 else None) for i in range(10)}
    # a published rank of a partial source is kept (the source printed it): 1st of 63
    pub = _yd(ten, rank_of=63, source="published", ranks={"u0": 1, "u1": 2})
    assert (PM.unit_rank(pub, "X", "u0").rank, PM.unit_rank(pub, "X", "u0").kind) == \
        (1, "published")
    no_of = _yd(ten, rank_of=None, source="published", ranks={"u0": 1})   # rank, no "of"
    assert PM.unit_rank(no_of, "X", "u0").rank is None
    assert PM.unit_rank(pub, "X", "u5").rank is None                     # "of" but no rank


def test_unit_rank_published_computed_or_unknown():
    ctx = context(MP, MC)
    yd = ctx.year("PAR", 2019)
    r = PM.unit_rank(yd, "PAR.c0", "49")     # 5.38 among 8, 7, 6.5, 5.6, 5.2: 5th of 6
    assert (r.rank, r.rank_of, r.kind) == (5, 6, "computed")
    assert PM.unit_rank(yd, "PAR.nope", "49").rank is None
    pci = context(P, C).year("PCI", 2019)
    q = PM.unit_rank(pci, "PCI.overall", "49")   # published 5.25: 5th of 6
    assert (q.rank, q.rank_of, q.kind) == (5, 6, "published")
    assert PM.unit_rank(pci, "PCI.overall", "VN").rank is None


def test_computed_rank_of_a_partial_source_is_unknown():
    # PCI.a 2019 kept for 2 of the 6 units (a handful): no computed "1st of 2"
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.a")
             & ~P.unit_code.isin(["49", "22"]))
    yd = context(P[keep].reset_index(drop=True), C).year("PCI", 2019)
    r = PM.unit_rank(yd, "PCI.a", "22")
    assert (r.rank, r.rank_of, r.kind) == (None, None, None)
    assert PM.unit_rank(yd, "PCI.b", "22").rank == 3     # b: 6 is 3rd of (8, 7, 6, 6, 5, 4)


def test_persistence_depth():
    # SYNTHETIC PAPI: total = d1 + d2, d1 = d1_1 + d1_2 (synthetic_panel)
    assert list(A.persistence("49", "PAPI", 2019, k=2, **KW).indicator) == ["PAPI.d1", "PAPI.d2"]
    assert list(A.persistence("49", "PAPI", 2019, k=2, depth="leaves", **KW).indicator) == \
        ["PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"]


def test_persistence_checks_its_parameters():
    with pytest.raises(ParameterError, match="invalid k: 1"):
        A.persistence("49", "PAR", 2019, k=1, **MK)
    with pytest.raises(ParameterError, match="invalid threshold: 2"):
        A.persistence("49", "PAR", 2019, threshold=2, **MK)
    with pytest.raises(ParameterError, match="invalid year: 2014"):
        A.persistence("49", "PAR", 2014, **MK)
