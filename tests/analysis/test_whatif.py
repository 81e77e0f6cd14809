"""What-if on the SYNTHETIC PCI fixture. Quảng Nam 2019: a=4, b=6, c=7, published 5.25, rank 5;
others 7.6, 7.1, 6.1, 5.8, 5.0."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError, ParlibError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def test_single_criterion_region_best():
    r = A.whatif("Quảng Nam", "PCI", 2019, {"PCI.a": "region-best"}, **KW)
    # region best (Đà Nẵng) a = 7: gain .5 * (7 - 4) = 1.5 -> 6.75, above 6.1 and 5.8 -> rank 3
    assert r.gain == pytest.approx(1.5) and r.new_score == pytest.approx(6.75)
    assert (r.old_rank, r.new_rank, r.rank_of) == (5, 3, 6)
    assert r.sentence("en") == ("Reaching the regional best in Criterion A would add 1.50 points "
                                "and move Quảng Nam from rank 5 to 3 (of 6).")
    assert r.sentence("vi") == ("Nếu đạt mức tốt nhất trong vùng ở Tiêu chí A, Quảng Nam sẽ được "
                                "thêm 1,50 điểm và tăng từ hạng 5 lên hạng 3 (trên 6).")


def test_several_criteria_and_numbers():
    r = A.whatif("49", "PCI", 2019, ["PCI.a", "PCI.b"], target="max", **KW)
    assert r.gain == pytest.approx(3.0 + 1.2) and r.new_rank == 1
    r2 = A.whatif("49", "PCI", 2019, {"PCI.a": 12}, **KW)        # capped at the max 10
    assert r2.gain == pytest.approx(3.0)
    r3 = A.whatif("49", "PCI", 2019, {"PCI.c": "region-leader"}, **KW)  # 7 > Đà Nẵng's 6
    assert r3.gain == 0 and r3.new_rank == 5
    # region-best is per criterion: on c the region's best is Quảng Ngãi's 8 -> + .2 × 1
    r4 = A.whatif("49", "PCI", 2019, {"PCI.c": "region-best"}, **KW)
    assert r4.gain == pytest.approx(0.2) and r4.new_rank == 5          # 5.45 < Quảng Ngãi 5.8
    assert "already" in r3.sentence()
    r4 = A.whatif("49", "PCI", 2019, {"PCI.b": 6.5}, **KW)        # +0.15 -> 5.40, still 5th
    assert r4.gain == pytest.approx(0.15) and r4.new_rank == 5
    assert "leave Quảng Nam at rank 5" in r4.sentence()
    with pytest.raises(ParameterError, match=r"^invalid criterion: 'PCI\.zzz'; allowed: PCI\.a, PCI\.b, PCI\.c$"):
        A.whatif("49", "PCI", 2019, {"PCI.zzz": "max"}, **KW)


def test_best_moves_sorted():
    bm = A.best_moves("49", "PCI", 2019, **KW)
    assert bm.indicator.tolist() == ["PCI.a", "PCI.b", "PCI.c"]
    # region-best per criterion: a 7 (Đà Nẵng), b 8 (Đà Nẵng), c 8 (Quảng Ngãi)
    assert bm.gain.tolist() == pytest.approx([1.5, 0.6, 0.2])
    assert bm.new_rank.tolist() == [3, 4, 5]


def test_papi_whatif_sum():
    # Quảng Nam PAPI 8 (tied 5th with Hải Phòng); d2 to the best (Quảng Ninh 8): +4 -> 12, 4th
    r = A.whatif("49", "PAPI", 2019, {"PAPI.d2": "best"}, **KW)
    assert r.gain == pytest.approx(4.0) and r.new_score == pytest.approx(12.0)
    assert r.new_rank == 4


# ----------------------------------------------------------------------------- every field
def _says(r, en, vi):
    """The result's sentence in English and in Vietnamese."""
    assert (r.sentence(), r.sentence("vi")) == (en, vi)


def test_result_as_dict_hand_worked():
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, **KW)
    d = r.as_dict()
    assert {k: v for k, v in d.items() if k != "changes"} == {
        "unit_code": "49", "index": "PCI", "year": 2019, "overall": "PCI.overall",
        "old_score": 5.25, "new_score": 6.75, "gain": 1.5, "old_rank": 5, "new_rank": 3,
        "rank_of": 6, "rank_kind": "published", "rank_note": ""}
    assert d["changes"] == [{"indicator": "PCI.a", "name_en": "Criterion A",
                             "name_vi": "Tiêu chí A", "target": "region-best",
                             "target_value": 7.0, "target_unit": None, "current": 4.0,
                             "new_value": 7.0, "weight": 0.5, "points_added": 1.5}]
    assert r.n_scored == 6 and r.total == "Synthetic PCI"
    # one unit holding every criterion's benchmark (the region leader Đà Nẵng: 7, 8, 6)
    lead = A.whatif("49", "PCI", 2019, {"PCI.b": "region-leader"}, **KW)
    assert lead.changes.iloc[0]["target_unit"] == "48"
    assert lead.gain == pytest.approx(0.6)                        # .3 × (8 − 6)
    num = A.whatif("49", "PCI", 2019, {"PCI.b": 7}, **KW).changes.iloc[0]
    assert num["target"] == "value" and num["target_unit"] is None


def test_best_in_the_country_sentence():
    # best a = 8 (Quảng Ninh): + .5 × 4 = 2 -> 7.25, above 7.1 below 7.6 -> 2nd
    r = A.whatif("49", "PCI", 2019, "PCI.a", target="best", **KW)
    assert (r.gain, r.new_rank) == (2.0, 2)
    _says(r, ("Reaching the best score in the country in Criterion A would add "
               "2.00 points and move Quảng Nam from rank 5 to 2 (of 6)."),
          ("Nếu đạt mức cao nhất cả nước ở Tiêu chí A, Quảng Nam sẽ được "
           "thêm 2,00 điểm và tăng từ hạng 5 lên hạng 2 (trên 6)."))


def test_mixed_targets_say_the_target_and_join_the_names():
    # a to the best 8 (+2.0), b to 7 (+.3), c to 10 (+.6): 5.25 + 2.9 = 8.15 -> 1st
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "best", "PCI.b": 7, "PCI.c": "max"}, **KW)
    assert r.gain == pytest.approx(2.9) and (r.old_rank, r.new_rank) == (5, 1)
    _says(r, ("Reaching the target in Criterion A, Criterion B and Criterion C "
               "(new) would add 2.90 points and move Quảng Nam from rank 5 to 1 "
               "(of 6)."),
          ("Nếu đạt mức mục tiêu ở Tiêu chí A, Tiêu chí B và Tiêu chí C "
           "(mới), Quảng Nam sẽ được thêm 2,90 điểm và tăng từ hạng 5 lên "
           "hạng 1 (trên 6)."))


def test_already_above_target_and_allow_decrease():
    kept = A.whatif("49", "PCI", 2019, {"PCI.c": 5}, **KW)        # 7 > 5: left as it is
    assert kept.gain == 0 and kept.new_rank == 5 and kept.changes.iloc[0]["new_value"] == 7.0
    assert kept.sentence() == "Quảng Nam already meets the target in Criterion C (new)."
    assert kept.sentence("vi") == "Quảng Nam đã đạt hoặc vượt mức mục tiêu ở Tiêu chí C (mới)."
    # allowed down: .2 × (5 − 7) = −0.4 -> 4.85, below Hải Phòng's 5.0 -> 6th
    down = A.whatif("49", "PCI", 2019, {"PCI.c": 5}, allow_decrease=True, **KW)
    assert down.gain == pytest.approx(-0.4) and down.new_score == pytest.approx(4.85)
    assert (down.old_rank, down.new_rank) == (5, 6)


def test_lower_is_better_target_is_capped_at_the_scale_minimum():
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "higher_is_better"] = False
    kw = dict(panel=P, codebook=cb)
    r = A.whatif("49", "PCI", 2019, {"PCI.b": -1}, **kw).changes.iloc[0]
    # target −1 below the scale minimum 0: capped at 0; 6 -> 0 is "better": .3 × (0 − 6)
    assert (r["target_value"], r["new_value"]) == (0.0, 0.0)
    assert r["points_added"] == pytest.approx(-1.8)
    up = A.whatif("49", "PCI", 2019, {"PCI.b": 9}, **kw).changes.iloc[0]
    assert (up["target_value"], up["new_value"], up["points_added"]) == (9.0, 6.0, 0.0)


def test_target_missing_and_no_weights_are_refused():
    with pytest.raises(ParameterError, match=r"^invalid target: None; allowed: region-best, "
                                             r"top-quartile, best, median, max, leader, "
                                             r"region-leader, <number>$"):
        A.whatif("49", "PCI", 2019, ["PCI.a"], **KW)
    with pytest.raises(ParameterError, match="invalid benchmark: 'top'"):
        A.whatif("49", "PCI", 2019, {"PCI.a": "top"}, **KW)
    cb = C.copy()
    cb.loc[cb.indicator.isin(["PCI.a", "PCI.b", "PCI.c"]), "weight"] = np.nan
    for f in (lambda: A.whatif("49", "PCI", 2019, {"PCI.a": "max"}, panel=P, codebook=cb),
              lambda: A.best_moves("49", "PCI", 2019, panel=P, codebook=cb)):
        with pytest.raises(ParlibError, match="weight"):
            f()


def _overall_2019(**cols):
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2019) & (p.indicator == "PCI.overall") \
        & (p.unit_code != "VN")
    for c, v in cols.items():
        p.loc[m, c] = v
    return p


def test_new_rank_only_against_every_unit_ranked():
    # SYNTHETIC: the published ranks of 2019 said "of 63" but the data hold 6 scores
    p = _overall_2019(rank_of=63)
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p, codebook=C)
    assert (r.old_rank, r.new_rank, r.rank_of) == (5, None, 63)
    assert r.rank_note == "new rank not computed: the data hold scores for 6 of the 63 units ranked"
    _says(r, ("Reaching the regional best in Criterion A would add 1.50 points; "
               "Quảng Nam is now rank 5 (of 63); the new rank cannot be computed: "
               "the data hold scores for 6 of the 63 provinces ranked."),
          ("Nếu đạt mức tốt nhất trong vùng ở Tiêu chí A, Quảng Nam sẽ được "
           "thêm 1,50 điểm; hiện hạng 5 (trên 63); không tính được hạng mới "
           "vì dữ liệu chỉ có điểm của 6 trong 63 tỉnh được xếp hạng."))


def test_computed_rank_is_said_computed():
    p = _overall_2019(rank=pd.NA, rank_of=pd.NA)     # no printed rank: computed among the 6
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p, codebook=C)
    assert (r.old_rank, r.new_rank, r.rank_of, r.rank_kind) == (5, 3, 6, "computed")
    assert r.sentence().endswith("from rank 5 to 3 (of 6, computed).")
    assert r.sentence("vi").endswith("tăng từ hạng 5 lên hạng 3 (trên 6, tính toán).")


def test_published_facts_are_not_a_ranking():
    p = _overall_2019(rank=pd.NA, rank_of=pd.NA, flag="published_fact")
    r = A.whatif("49", "PCI", 2019, {"PCI.a": "region-best"}, panel=p, codebook=C)
    assert (r.old_rank, r.new_rank, r.rank_of, r.rank_kind) == (None, None, None, None)
    assert r.rank_note == "no rank: the source published 6 scores, not a ranking"
    _says(r, ("Reaching the regional best in Criterion A would add 1.50 points "
               "(no rank: the source does not rank every province)."),
          ("Nếu đạt mức tốt nhất trong vùng ở Tiêu chí A, Quảng Nam sẽ được "
           "thêm 1,50 điểm (không có thứ hạng: nguồn không xếp hạng đủ các "
           "tỉnh)."))


def test_sentence_names_an_unweighted_total_and_a_kept_rank():
    r = A.whatif("49", "PCI", 2019, {"PCI.b": 6.5}, **KW)        # +0.15: still 5th
    r.total, r.rank_kind = "Unweighted total of the areas", "computed"
    _says(r, ("Reaching the target in Criterion B would add 0.15 points but leave "
               "Quảng Nam at rank 5 (of 6, computed, unweighted total)."),
          ("Nếu đạt mức mục tiêu ở Tiêu chí B, Quảng Nam sẽ được thêm 0,15 "
           "điểm nhưng vẫn giữ hạng 5 (trên 6, tính toán, tổng không trọng "
           "số)."))
    assert A.whatif_sentence(r, "fr") == r.sentence("en")


def test_best_moves_columns_and_sentences():
    bm = A.best_moves("49", "PCI", 2019, target="max", **KW)
    # max: a .5 × 6 = 3.0 (-> 8.25, 1st), b .3 × 4 = 1.2 (6.45, 3rd), c .2 × 3 = 0.6 (5.85, 4th)
    assert list(bm.indicator) == ["PCI.a", "PCI.b", "PCI.c"]
    assert list(bm.gain) == pytest.approx([3.0, 1.2, 0.6])
    assert list(bm.new_score) == pytest.approx([8.25, 6.45, 5.85])
    assert list(bm.new_rank) == [1, 3, 4] and set(bm.old_rank) == {5} and set(bm.rank_of) == {6}
    assert list(bm.current) == [4.0, 6.0, 7.0] and set(bm.target) == {"max"}
    assert list(bm.target_value) == [10.0, 10.0, 10.0]
    assert list(bm.name_vi) == ["Tiêu chí A", "Tiêu chí B", "Tiêu chí C (mới)"]
    assert bm.sentence_en[0] == ("Reaching the maximum score in Criterion A would add 3.00 "
                                 "points and move Quảng Nam from rank 5 to 1 (of 6).")
    assert bm.sentence_vi[2] == ("Nếu đạt điểm tối đa ở Tiêu chí C (mới), Quảng Nam sẽ được thêm "
                                 "0,60 điểm và tăng từ hạng 5 lên hạng 4 (trên 6).")
