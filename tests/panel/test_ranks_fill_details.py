"""parlib.panel.ranks.fill_computed: ties, rows without a group, and the flag column it writes.

SYNTHETIC frames (made-up values); every expected rank worked out by hand in the comments."""
import numpy as np
import pandas as pd

from parlib.panel import ranks as R


def test_ties_share_the_best_place_in_both_directions():
    """SYNTHETIC: indicator "hi" (higher is better) 5, 5, 5, 3 and "lo" (lower is better)
    1, 1, 1, 3: three-way ties (an average rank would put them 2nd, not 1st)."""
    df = pd.DataFrame({"ind": ["hi"] * 4 + ["lo"] * 4,
                       "value": [5.0, 5.0, 5.0, 3.0, 1.0, 1.0, 1.0, 3.0],
                       "hib": [True] * 4 + [False] * 4})
    out = R.fill_computed(df, ["ind"], higher_is_better="hib")
    # hi: three units at 5 share 1st, 3 is 4th (1 + three better); lo: the same with 1 best
    assert out["rank"].tolist() == [1, 1, 1, 4, 1, 1, 1, 4]
    assert out["rank_of"].tolist() == [4] * 8


def test_a_row_without_group_key_joins_no_group():
    """SYNTHETIC: A has 1.0, B has 2.0, and a row whose indicator is missing has 3.0: A and B
    are each ranked 1 of 1; the keyless row is neither ranked nor counted in B's denominator."""
    df = pd.DataFrame({"indicator": ["A", "B", None], "value": [1.0, 2.0, 3.0]})
    out = R.fill_computed(df, ["indicator"])
    assert out["rank"].tolist()[:2] == [1, 1] and out["rank_of"].tolist()[:2] == [1, 1]
    assert pd.isna(out["rank"].iloc[2]) and pd.isna(out["rank_of"].iloc[2])
    assert pd.isna(out["flag"].iloc[2])


def test_an_empty_flag_becomes_rank_computed_without_separator():
    df = pd.DataFrame({"y": [1, 1], "value": [2.0, 1.0], "flag": ["", None]})
    # 2.0 first, 1.0 second; "" and missing both become just "rank_computed" (not ";rank_computed")
    out = R.fill_computed(df, ["y"])
    assert out["flag"].tolist() == ["rank_computed", "rank_computed"]


def test_a_string_flag_column_keeps_its_string_dtype():
    df = pd.DataFrame({"y": [1, 1], "value": [2.0, 1.0],
                       "flag": pd.Series(["derived", None], dtype="string")})
    out = R.fill_computed(df, ["y"])
    assert out["flag"].dtype == df["flag"].dtype
    assert out["flag"].tolist() == ["derived;rank_computed", "rank_computed"]


def test_an_object_flag_column_stays_object():
    df = pd.DataFrame({"y": [1, 1, 2], "value": [2.0, 1.0, None],
                       "flag": pd.Series(["derived", None, None], dtype=object)})
    out = R.fill_computed(df, ["y"])
    assert out["flag"].dtype == object
    # year 1: 2.0 is 1st, 1.0 2nd of 2; year 2 has no value: no rank, flag still missing
    assert out["flag"].tolist()[:2] == ["derived;rank_computed", "rank_computed"]
    assert out["rank"].tolist()[:2] == [1, 2] and pd.isna(out["flag"].iloc[2])


def test_an_all_missing_float_flag_column_gets_the_flag():
    """A flag column that is all missing reads as float NaN (a CSV with an empty column, or a
    frame reindexed onto a flag column it did not have): the computed rows get the flag."""
    df = pd.DataFrame({"y": [1, 1, 1], "value": [3.0, 9.0, 6.0], "flag": [np.nan] * 3})
    out = R.fill_computed(df, ["y"])
    # 9 first, 6 second, 3 third of 3
    assert out["rank"].tolist() == [3, 1, 2] and out["rank_of"].tolist() == [3, 3, 3]
    assert out["flag"].tolist() == ["rank_computed"] * 3
