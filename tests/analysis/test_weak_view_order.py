"""parlib.analysis.weak.weak_criteria: the drag ranks, "weak on both counts", the order of the rows
and the whole-number columns, on the SYNTHETIC fixture panel (synthetic_panel: PCI 2019 overall
= .5a + .3b + .2c; 01 (6, 7, 5), 22 (8, 6, 9), 31 (5, 5, 5) [Red River Delta]; 48 (7, 8, 6),
49 (4, 6, 7), 51 (6, 4, 8) [North Central]) and a SYNTHETIC four-criteria panel built here;
every expected value is worked out by hand in a comment."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from synthetic_par import par_panel
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
CRIT = ["PCI.a", "PCI.b", "PCI.c"]
INT_COLUMNS = ("rank", "rank_of", "region_rank", "region_rank_of", "rank_if_met",
               "rank_if_met_of", "prev_rank", "rank_change", "drag_rank")

# SYNTHETIC PAR 2019, four criteria (sum): Hà Nội 01, Quảng Ninh 22, Hải Phòng 31 (Red River
# Delta) and Đà Nẵng 48, alone in its region
FOUR = {"a": {"01": 5, "22": 6, "31": 2, "48": 1}, "b": {"01": 4, "22": 5, "31": 2, "48": 1},
        "c": {"01": 3, "22": 3, "31": 2, "48": 1}, "d": {"01": 2.5, "22": 2.5, "31": 2, "48": 1}}


def _four(scores=FOUR):
    return par_panel(scores)


def test_weak_on_both_counts_needs_a_top_three_drag_and_points_to_gain():
    # Hải Phòng 31 is 3rd of 4 on every criterion (bottom third: rank > 4 × 2/3); region-best
    # (01, 22, 31): a 6 − 2 = 4, b 5 − 2 = 3, c 3 − 2 = 1, d 2.5 − 2 = 0.5 -> drag ranks 1-4:
    # a, b, c are weak on both counts (drag rank ≤ 3, points > 0), d is not (4th)
    df = A.weak_criteria("31", "PAR", 2019, **_four()).set_index("indicator")
    assert list(df["points_recoverable"]) == [4.0, 3.0, 1.0, 0.5]
    assert list(df["drag_rank"]) == [1, 2, 3, 4] and df["weakness"].all()
    assert list(df["weak_both"]) == [True, True, True, False]
    # Đà Nẵng 48, last everywhere, holds its region's best on every criterion: nothing to gain,
    # so never weak on both counts
    dn = A.weak_criteria("48", "PAR", 2019, **_four())
    assert dn["weakness"].all() and not dn["weak_both"].any()
    assert list(dn["points_recoverable"]) == [0.0] * 4


def test_drag_rank_follows_the_points_not_the_row():
    # Hải Phòng (5, 5, 5), region best 8, 7, 9: a .5 × 3 = 1.5, b .3 × 2 = 0.6, c .2 × 4 = 0.8
    df = A.weak_criteria("31", "PCI", 2019, **KW).set_index("indicator")
    assert [df.loc[c, "drag_rank"] for c in CRIT] == [1, 3, 2]


def test_rows_without_weaknesses_come_by_points_then_by_percentile():
    # without weights no points: Quảng Ninh (22) has no weakness (a 1st, b 6 tied 3rd, c 1st):
    # rows by percentile, lowest first: b (6 − 3)/5 = 0.6, then a and c (1.0) in codebook order
    cb = C.copy()
    cb.loc[cb.indicator.isin(CRIT), "weight"] = np.nan
    df = A.weak_criteria("22", "PCI", 2019, panel=P, codebook=cb)
    assert list(df.indicator) == ["PCI.b", "PCI.a", "PCI.c"]
    assert list(df.percentile) == [0.6, 1.0, 1.0]


def test_a_criterion_without_points_comes_last():
    # SYNTHETIC: a kept for 2 of the 6 units (no benchmark: NaN points): b 0.6 and c 0.2 first
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.a")
             & ~P.unit_code.isin(["49", "22"]))
    df = A.weak_criteria("49", "PCI", 2019, panel=P[keep].reset_index(drop=True), codebook=C)
    assert list(df.indicator) == ["PCI.b", "PCI.c", "PCI.a"]
    assert list(df.drag_rank.iloc[:2]) == [1, 2] and df.drag_rank.iloc[2] is pd.NA


def test_equal_points_keep_the_codebook_order():
    # Đà Nẵng 48 holds its region's best a (7) and b (8): 0 and 0; c .2 × (8 − 6) = 0.4
    df = A.weak_criteria("48", "PCI", 2019, **KW)
    assert list(df.indicator) == ["PCI.c", "PCI.a", "PCI.b"]
    assert list(df.drag_rank) == [1, 2, 3]


def test_whole_number_columns_even_when_all_missing():
    # the fixture's region has 3 of its 14 provinces: every regional rank is missing
    df = A.weak_criteria("49", "PCI", 2019, **KW)
    assert df["region_rank"].isna().all()
    assert [str(df[c].dtype) for c in INT_COLUMNS] == ["Int64"] * len(INT_COLUMNS)


def test_share_of_max_of_a_lower_is_better_criterion_is_missing():
    # b read as lower-is-better: its best end is the scale minimum 0, no share of it
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "higher_is_better"] = False
    df = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb).set_index("indicator")
    assert df.loc["PCI.b", "max"] == 0.0 and np.isnan(df.loc["PCI.b", "share_of_max"])
    assert df.loc["PCI.a", "share_of_max"] == 40.0                     # 100 × 4 / 10


def test_persistence_of_another_unit_type():
    # SYNTHETIC: the fixture's province rows as districts: Quảng Nam's a last (6th) in 2017,
    # 2018 and 2019, as for the provinces
    d = P[P.unit_type == "province"].assign(unit_type="district")
    df = A.weak_criteria("49", "PCI", 2019, unit_type="district", panel=d, codebook=C) \
        .set_index("indicator")
    assert df.loc["PCI.a", "persistent_text"] == "bottom third 3 surveys running (2017–2019)"
    assert df.loc["PCI.a", "persistent"]


def test_equal_points_keep_the_codebook_order_among_many_criteria():
    # SYNTHETIC, 20 criteria (beyond the 16 a sort handles by insertion; PAPI has 29 leaves):
    # Quảng Nam 49 scores 5 everywhere, Đà Nẵng 48 6 on c03, c07, c11, c15, c19 and 4
    # elsewhere, Quảng Ngãi 51 4: 1 point to gain on those five, none on the 15 others ->
    # rows and drag ranks 1..20: the five first, then the others, each in codebook order
    names = [f"c{i:02d}" for i in range(20)]
    scores = {c: {"48": 6 if i % 4 == 3 else 4, "49": 5, "51": 4} for i, c in enumerate(names)}
    df = A.weak_criteria("49", "PAR", 2019, **_four(scores))
    first = [c for i, c in enumerate(names) if i % 4 == 3]
    assert list(df.indicator) == [f"PAR.{c}" for c in first + [c for c in names
                                                               if c not in first]]
    assert list(df.points_recoverable) == [1.0] * 5 + [0.0] * 15
    assert list(df.drag_rank) == list(range(1, 21))


def test_rank_if_met_keeps_the_decimals_and_the_direction():
    # Đà Nẵng 48 (published 7.1): c to Quảng Ngãi's 8 adds .2 × 2 = 0.4 -> 7.5, still below
    # Quảng Ninh's 7.6: 2nd of 6 (not 1st, as 7.5 rounded to 8 would be)
    dn = A.weak_criteria("48", "PCI", 2019, **KW).set_index("indicator")
    assert dn.loc["PCI.c", "overall_if_met"] == pytest.approx(7.5)
    assert (dn.loc["PCI.c", "rank_if_met"], dn.loc["PCI.c", "rank_if_met_of"]) == (2, 6)
    # the overall read as lower-is-better: Quảng Nam's a met gives 5.25 + 1.5 = 6.75, with
    # 5.0, 5.8 and 6.1 lower -> 4th of 6
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.overall", "higher_is_better"] = False
    qn = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb).set_index("indicator")
    assert qn.loc["PCI.a", "overall_if_met"] == pytest.approx(6.75)
    assert qn.loc["PCI.a", "rank_if_met"] == 4


def test_no_note_when_both_views_are_there_in_vietnamese():
    vi = A.weak_criteria("49", "PCI", 2019, lang="vi", **KW).attrs["summary"]
    assert vi["note"] == "" and vi["has_composite"]


def test_a_weakness_without_points_still_comes_before_a_strength_with_points():
    # SYNTHETIC: Hải Phòng 31 holds the Red River Delta's best a (5 > Hà Nội's 4: no points to
    # gain) but is 5th of 6 nationally (bottom third); on b it is 2nd of 6 (a strength) with
    # Hà Nội's 9 − 5 = 4 points to gain: the weakness a still comes first
    kw = par_panel({"a": {"01": 4, "31": 5, "48": 9, "49": 8, "51": 7, "52": 6},
                    "b": {"01": 9, "31": 5, "48": 1, "49": 2, "51": 3, "52": 4}})
    df = A.weak_criteria("31", "PAR", 2019, **kw)
    assert list(df.indicator) == ["PAR.a", "PAR.b"]
    assert list(df.weakness) == [True, False] and list(df.points_recoverable) == [0.0, 4.0]
