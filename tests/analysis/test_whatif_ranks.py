"""parlib.analysis.whatif: the old and new ranks when the unit's overall score is missing,
recomputed, only ranked, tied, or lower-is-better, and the sentences joining several criteria,
on SYNTHETIC variants of the fixture panel (synthetic_panel) built here; every expected number
is worked out by hand in a comment.

SYNTHETIC PCI 2019: overall = .5a + .3b + .2c; Quảng Nam 49 (a, b, c) = (4, 6, 7), recomputed
5.2, published 5.25 (rank 5 of 6); the others' published scores 22 7.6, 48 7.1, 01 6.1,
51 5.8, 31 5.0 (ranks 1, 2, 3, 4, 6). Region-best a for Quảng Nam: Đà Nẵng's 7."""
import math

import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
PCI19 = (P["index"] == "PCI") & (P.year == 2019)
QN = PCI19 & (P.unit_code == "49")
OVERALL19 = PCI19 & (P.indicator == "PCI.overall")


def _ranks(r):
    return (r.old_rank, r.new_rank, r.rank_of, r.rank_kind)


def test_recomputed_score_gets_a_computed_rank_when_none_is_published():
    # SYNTHETIC: Quảng Nam's 2019 overall row left out; its criteria give 5.2, 5th among
    # (7.6, 7.1, 6.1, 5.8, 5.0) -> computed rank 5 of the 6 scores; a at 7: + .5 × 3 = 1.5 ->
    # 6.7, only 7.6 and 7.1 above -> 3rd
    p = P[~(QN & (P.indicator == "PCI.overall"))]
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p, codebook=C)
    assert (r.old_score, r.new_score, r.gain) == pytest.approx((5.2, 6.7, 1.5))
    assert _ranks(r) == (5, 3, 6, "computed") and r.rank_note == ""
    assert r.sentence().endswith("from rank 5 to 3 (of 6, computed).")


def test_no_overall_score_no_rank():
    # SYNTHETIC: Quảng Nam without its 2019 overall and without c: no score to rank (it was
    # "rank 1 of 5": NaN compared with nobody)
    p = P[~(QN & P.indicator.isin(["PCI.overall", "PCI.c"]))]
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "max"}, panel=p, codebook=C)
    assert r.gain == pytest.approx(3.0)                     # .5 × (10 − 4)
    assert math.isnan(r.old_score) and math.isnan(r.new_score)
    assert _ranks(r) == (None, None, None, None)
    assert r.rank_note == "no rank: the data hold no overall score for it"
    assert r.sentence() == ("Reaching the maximum score in Criterion A would add 3.00 points "
                            "(no rank: the data hold no overall score for Quảng Nam).")
    assert r.sentence("vi") == ("Nếu đạt điểm tối đa ở Tiêu chí A, Quảng Nam sẽ được thêm 3,00 "
                                "điểm (không có thứ hạng: dữ liệu không có điểm tổng của "
                                "Quảng Nam).")


def test_printed_rank_without_a_score_keeps_the_rank_and_says_why_no_new_one():
    # SYNTHETIC: the source printed Quảng Nam's rank (5 of 6) without its score, and c is
    # missing: 5 units have a score, 6 were ranked -> no new rank, said so
    p = P.copy()
    p.loc[QN & (p.indicator == "PCI.overall"), "value"] = float("nan")
    p = p[~(QN & (p.indicator == "PCI.c"))]
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "max"}, panel=p, codebook=C)
    assert _ranks(r) == (5, None, 6, "published")
    assert r.rank_note == "new rank not computed: the data hold scores for 5 of the 6 units ranked"
    assert r.sentence() == ("Reaching the maximum score in Criterion A would add 3.00 points; "
                            "Quảng Nam is now rank 5 (of 6); the new rank cannot be computed: "
                            "the data hold scores for 5 of the 6 provinces ranked.")
    assert r.sentence("vi") == ("Nếu đạt điểm tối đa ở Tiêu chí A, Quảng Nam sẽ được thêm 3,00 "
                                "điểm; hiện hạng 5 (trên 6); không tính được hạng mới vì dữ liệu "
                                "chỉ có điểm của 5 trong 6 tỉnh được xếp hạng.")


def test_no_gain_keeps_the_published_rank_of_a_tie():
    # SYNTHETIC: Hải Phòng (31) published 5.25, tied with Quảng Nam, but printed 6th (the source
    # broke the tie). a to 5 = its own 5: no gain, so still 6th (not the 5th a tie would give)
    p = P.copy()
    p.loc[OVERALL19 & (p.unit_code == "31"), "value"] = 5.25
    r = A.whatif("31", "PCI", 2019, {"PCI.a": 5}, panel=p, codebook=C)
    assert r.gain == 0 and _ranks(r) == (6, 6, 6, "published")
    assert r.sentence() == "Hải Phòng already meets the target in Criterion A."


def test_lower_is_better_overall_ranks_move_the_other_way():
    # SYNTHETIC: the overall read as lower-is-better, ranks computed (none published): 2019
    # 31 5.0 1st, 49 5.25 2nd, 51 5.8, 01 6.1, 48 7.1, 22 7.6
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.overall", "higher_is_better"] = False
    p = P.copy()
    p.loc[OVERALL19, ["rank", "rank_of"]] = pd.NA
    # c down to 5: .2 × (5 − 7) = −0.4 -> 4.85, below everyone -> 1st
    down = A.whatif("49", "PCI", 2019, {"PCI.c": 5}, allow_decrease=True, panel=p, codebook=cb)
    assert down.gain == pytest.approx(-0.4) and _ranks(down) == (2, 1, 6, "computed")
    # a up to 7: + 1.5 -> 6.75: 5.0, 5.8, 6.1 lower -> 4th
    up = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p, codebook=cb)
    assert up.gain == pytest.approx(1.5) and _ranks(up) == (2, 4, 6, "computed")
    # Quảng Nam's overall row left out as well: recomputed 5.2, only 5.0 lower -> 2nd
    p2 = p[~(QN & (p.indicator == "PCI.overall"))]
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p2, codebook=cb)
    assert (r.old_score, r.old_rank, r.new_rank) == (pytest.approx(5.2), 2, 4)



def test_lower_is_better_overall_a_small_rise_costs_places():
    # SYNTHETIC, as above (overall read as lower-is-better, no rank published): Quảng Nam 5.25 2nd
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.overall", "higher_is_better"] = False
    p = P.copy()
    p.loc[OVERALL19, ["rank", "rank_of"]] = pd.NA
    # a 4 -> 5.2: + .5 × 1.2 = 0.6 -> 5.85: 5.0 and 5.8 lower -> 3rd (a rise below 1 point too)
    small = A.whatif("49", "PCI", 2019, {"PCI.a": 5.2}, panel=p, codebook=cb)
    assert small.gain == pytest.approx(0.6) and _ranks(small) == (2, 3, 6, "computed")

def test_two_criteria_joined_with_and():
    # a and b to 10: .5 × 6 + .3 × 4 = 4.2 -> 9.45, first
    r = A.whatif("49", "PCI", 2019, ["PCI.a", "PCI.b"], target="max", **KW)
    assert r.sentence() == ("Reaching the maximum score in Criterion A and Criterion B would "
                            "add 4.20 points and move Quảng Nam from rank 5 to 1 (of 6).")
    # b 6 > 5 and c 7 > 5: both already met
    kept = A.whatif("49", "PCI", 2019, {"PCI.b": 5, "PCI.c": 5}, **KW)
    assert kept.sentence("vi") == ("Quảng Nam đã đạt hoặc vượt mức mục tiêu ở Tiêu chí B và "
                                   "Tiêu chí C (mới).")
    assert kept.sentence() == ("Quảng Nam already meets the target in Criterion B and "
                               "Criterion C (new).")


def test_whatif_default_depth_is_the_first_level():
    # PAPI 2019: d1 = d1_1 + d1_2 is a criterion at depth 1 only. Quảng Nam d1 4 -> 10 (its
    # scale maximum): + 6 -> 8 + 6 = 14; totals above it: 22 (16) only -> 2nd
    r = A.whatif("49", "PAPI", 2019, {"PAPI.d1": "max"}, **KW)
    assert (r.gain, r.new_score, r.new_rank) == (6.0, 14.0, 2)
    with pytest.raises(ParameterError, match=r"^invalid criterion: 'PAPI\.d1'"):
        A.whatif("49", "PAPI", 2019, {"PAPI.d1": "max"}, depth=2, **KW)
