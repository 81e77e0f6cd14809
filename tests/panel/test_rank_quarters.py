"""Quarters of a ranking (PAPI's four colour groups) and the scheme of an assessment year,
hand-worked: quarter = ceil(4 × rank / rank_of), kept within 1..4."""
import pytest

from parlib.panel.ranks import COMPUTED, PUBLISHED, Rank
from parlib.registry.units import scheme_for_year


@pytest.mark.parametrize("rank,of,q", [
    (1, 63, 1), (15, 63, 1), (16, 63, 2), (31, 63, 2), (32, 63, 3), (47, 63, 3), (48, 63, 4), (63, 63, 4),
    (1, 4, 1), (2, 4, 2), (3, 4, 3), (4, 4, 4), (5, 5, 4), (4, 5, 4), (3, 5, 3),
    (70, 63, 4), (0, 63, 1),                      # out-of-range ranks stay within 1..4
])
def test_quarter(rank, of, q):
    assert Rank(rank, of, PUBLISHED).quarter() == q


@pytest.mark.parametrize("r", [Rank(1, 3, PUBLISHED), Rank(None, 63), Rank(5, None)])
def test_no_quarter_for_fewer_than_four_units_or_unknown_rank(r):
    assert r.quarter() is None


def test_label_marks_computed_ranks_by_default():
    assert Rank(6, 63, COMPUTED).label() == "#6/63*"
    assert Rank(6, 63, COMPUTED).label(mark_computed=False) == "#6/63"
    assert Rank(6, 63, PUBLISHED).label() == "#6/63"


@pytest.mark.parametrize("year,scheme", [(2005, "63"), (2024, "63"), ("2024", "63"), (2025, "34"), ("2026", "34")])
def test_scheme_for_year(year, scheme):
    assert scheme_for_year(year) == scheme


def test_competition_matrix_one_dimensional_lower_is_better():
    import numpy as np

    from parlib.panel.ranks import competition_matrix

    assert competition_matrix([3.0, 1.0, 2.0, 1.0], False).tolist() == [4.0, 1.0, 3.0, 1.0]
    assert competition_matrix([3.0, 1.0, 2.0, 1.0]).tolist() == [1.0, 3.0, 2.0, 3.0]
    assert np.isnan(competition_matrix([np.nan, 1.0])[0])
