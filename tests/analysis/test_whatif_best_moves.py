"""parlib.analysis.whatif.best_moves: its defaults (region-best, depth 1), the arguments it passes
on (depth, unit type, the panel given), its columns and its order (gain, then criterion), on
the SYNTHETIC fixture panel (synthetic_panel) and SYNTHETIC variants of it built here; every
expected number is worked out by hand in a comment.

SYNTHETIC 2019, North Central and Central Coast: PCI (a, b, c), overall .5a + .3b + .2c:
Đà Nẵng 48 (7, 8, 6), Quảng Nam 49 (4, 6, 7), Quảng Ngãi 51 (6, 4, 8). PAPI (d1_1, d1_2, d2),
total = d1_1 + d1_2 + d2: 48 (3, 3, 7), 49 (2, 2, 4), 51 (3, 4, 6); PAPI totals of the six
units: 01 11, 22 16, 31 8, 48 13, 49 8, 51 13 (no published rank: computed)."""
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
COLUMNS = ["indicator", "name_en", "name_vi", "current", "target", "target_value", "gain",
           "new_score", "old_rank", "new_rank", "rank_of", "sentence_en", "sentence_vi"]


def test_best_moves_columns_and_english_names():
    bm = A.best_moves("49", "PCI", 2019, **KW)
    assert list(bm.columns) == COLUMNS and list(bm.index) == [0, 1, 2]
    assert list(bm.name_en) == ["Criterion A", "Criterion B", "Criterion C (new)"]
    assert set(bm.target) == {"region-best"}                      # the default target


def test_best_moves_equal_gains_in_criterion_order():
    # Đà Nẵng 48 holds the region's best a (7) and b (8): gains 0 and 0; c: Quảng Ngãi's 8,
    # .2 × (8 − 6) = 0.4 -> c first, then a and b (equal gains) in criterion order
    bm = A.best_moves("48", "PCI", 2019, **KW)
    assert list(bm.indicator) == ["PCI.c", "PCI.a", "PCI.b"]
    assert list(bm.gain) == pytest.approx([0.4, 0.0, 0.0])


def test_best_moves_default_depth_is_the_first_level():
    # d1 = d1_1 + d1_2: Quảng Nam 4, region best Quảng Ngãi 7 -> +3; d2: 4 -> Đà Nẵng's 7, +3.
    # Equal gains: criterion order. 8 + 3 = 11: above it only 22 (16), 48 and 51 (13) -> 4th
    bm = A.best_moves("49", "PAPI", 2019, **KW)
    assert list(bm.indicator) == ["PAPI.d1", "PAPI.d2"]
    assert list(bm.gain) == pytest.approx([3.0, 3.0])
    assert list(bm.new_rank) == [4, 4] and set(bm.old_rank) == {5} and set(bm.rank_of) == {6}


def test_best_moves_passes_the_depth_on():
    # leaves: d2 +3 (-> 11, 4th), d1_2 4 − 2 = +2 (-> 10, 5th), d1_1 3 − 2 = +1 (-> 9, 5th)
    bm = A.best_moves("49", "PAPI", 2019, depth="leaves", **KW)
    assert list(bm.indicator) == ["PAPI.d2", "PAPI.d1_2", "PAPI.d1_1"]
    assert list(bm.gain) == pytest.approx([3.0, 2.0, 1.0])
    assert list(bm.new_rank) == [4, 5, 5]


def test_best_moves_for_another_unit_type():
    # SYNTHETIC: the fixture's province rows as districts. Region-best gains as for the
    # provinces: .5 × (7 − 4) = 1.5, .3 × (8 − 6) = 0.6, .2 × (8 − 7) = 0.2
    d = P[P.unit_type == "province"].assign(unit_type="district")
    bm = A.best_moves("49", "PCI", 2019, unit_type="district", panel=d, codebook=C)
    assert list(bm.gain) == pytest.approx([1.5, 0.6, 0.2])
    assert list(bm.new_rank) == [3, 4, 5]     # 6.75, 5.85, 5.45 among 7.6, 7.1, 6.1, 5.8, 5.0
    with pytest.raises(ParameterError, match="invalid year: 2019"):
        A.best_moves("49", "PCI", 2019, panel=d, codebook=C)   # no province rows


def test_best_moves_reads_the_panel_given():
    # SYNTHETIC: the fixture's PCI moved 20 years on (2037-2040), years the official panel does
    # not have: 2039 is the fixture's 2019, gains as there, .5 × 3, .3 × 2, .2 × 1
    p = P.assign(year=P.year + 20)
    cb = C.assign(year_from=C.year_from + 20, year_to=C.year_to + 20)
    bm = A.best_moves("49", "PCI", 2039, panel=p, codebook=cb)
    assert list(bm.gain) == pytest.approx([1.5, 0.6, 0.2])
