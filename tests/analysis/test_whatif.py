"""What-if on the SYNTHETIC PCI fixture. Quảng Nam 2019: a=4, b=6, c=7, published 5.25, rank 5;
others 7.6, 7.1, 6.1, 5.8, 5.0."""
import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.errors import ParameterError

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
