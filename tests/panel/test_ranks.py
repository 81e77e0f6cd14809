"""parlib.panel.ranks: competition ranks with their denominator and kind (hand-worked values)."""
import pandas as pd
import pytest

from parlib.panel import ranks as R


def test_competition_ranks_share_the_best_place_and_skip():
    s = pd.Series([70.0, 73.4, 70.0, None, 60.1], index=list("abcde"))
    assert R.competition(s).tolist() == [2, 1, 2, pd.NA, 4]
    assert R.competition(s, higher_is_better=False).tolist() == [2, 4, 2, pd.NA, 1]


def test_rank_label_percentile_and_third():
    assert R.Rank(6, 63, R.PUBLISHED).label() == "#6/63"
    assert R.Rank(6, 61, R.COMPUTED).label() == "#6/61*"
    assert R.Rank(6, 61, R.COMPUTED).label(mark_computed=False) == "#6/61"
    assert R.Rank(None, None).label() == ""
    assert R.Rank(1, 63).percentile() == 1.0
    assert R.Rank(63, 63).percentile() == 0.0
    assert R.Rank(32, 63).percentile() == pytest.approx(31 / 62)
    assert R.Rank(1, 1).percentile() is None
    # thirds of 63: 1-21 top, 22-42 middle, 43-63 bottom
    assert [R.Rank(r, 63).third() for r in (1, 21, 22, 42, 43, 63)] == \
        ["top", "top", "middle", "middle", "bottom", "bottom"]
    assert R.Rank(None, None).third() is None



def test_thirds_of_one_two_and_three_units():
    # the only unit ranked (the nation "VN" among its kind) has no third: not a weakness
    assert R.Rank(1, 1).third() is None
    # of 2: 1 <= 2/3 is false and 1 > 4/3 is false -> middle; 2 > 4/3 -> bottom
    assert [R.Rank(r, 2).third() for r in (1, 2)] == ["middle", "bottom"]
    # of 3: one unit each
    assert [R.Rank(r, 3).third() for r in (1, 2, 3)] == ["top", "middle", "bottom"]


def test_a_place_printed_without_its_denominator():
    # SIPAS 2015 on the Hugging Face preview: a place, the number ranked not given
    assert R.Rank(3, None, R.PUBLISHED).without_denominator
    assert R.Rank(3, None, R.PUBLISHED).place() == "#3"
    assert R.Rank(3, None, R.PUBLISHED).label() == ""
    assert not R.Rank(3, 63, R.PUBLISHED).without_denominator
    assert not R.Rank(None, None).without_denominator
    assert R.Rank(None, None).place() == ""

def test_moves_only_between_comparable_ranks():
    assert R.move(R.Rank(61, 63, R.PUBLISHED), R.Rank(59, 63, R.PUBLISHED)) == 2
    assert R.move(R.Rank(5, 63, R.PUBLISHED), R.Rank(55, 63, R.PUBLISHED)) == -50
    # a rank among 3 published facts is not a rank of 63
    assert R.move(R.Rank(3, 3, R.COMPUTED), R.Rank(59, 63, R.PUBLISHED)) is None
    assert R.move(R.Rank(3, 61, R.PUBLISHED), R.Rank(4, 63, R.PUBLISHED)) is None
    assert R.move(R.Rank(None, None), R.Rank(4, 63, R.PUBLISHED)) is None


def test_from_row_reads_the_kind_from_the_flag():
    assert R.from_row({"rank": 4, "rank_of": 63, "flag": None}) == R.Rank(4, 63, R.PUBLISHED)
    assert R.from_row({"rank": 4, "rank_of": 61, "flag": "derived;rank_computed"}) == \
        R.Rank(4, 61, R.COMPUTED)
    assert R.from_row({"rank": pd.NA, "rank_of": 63, "flag": None}) == R.Rank(None, None, None)


def test_fill_computed_keeps_published_ranks_and_ranks_complete_groups_only():
    df = pd.DataFrame({
        "year": [2020] * 3 + [2021] * 3 + [2022] * 2,
        "unit_code": ["a", "b", "c"] * 2 + ["a", "b"],
        "value": [50.0, 60.0, 55.0, 1.0, 2.0, 3.0, 9.0, None],
        "rank": [9, 7, 8] + [pd.NA] * 5,
        "rank_of": [63, 63, 63] + [pd.NA] * 5,
        "flag": [None, None, None, None, "published_fact", None, None, None],
    })
    out = R.fill_computed(df, ["year"])
    assert out["rank"].tolist()[:3] == [9, 7, 8] and out["rank_of"].tolist()[:3] == [63] * 3
    assert out["rank"].tolist()[3:6] == [3, 2, 1] and out["rank_of"].tolist()[3:6] == [3, 3, 3]
    assert out["flag"].tolist()[3:6] == ["rank_computed", "published_fact;rank_computed",
                                         "rank_computed"]
    assert out["rank"].tolist()[6] == 1 and pd.isna(out["rank"].tolist()[7])
    partial = R.fill_computed(df, ["year"], universe=3)
    assert partial["rank"].isna().tolist()[6:] == [True, True]   # 1 of 3 units: no rank
    assert partial["rank"].tolist()[3:6] == [3, 2, 1]


def test_rank_in_a_series_and_refused_on_partial_coverage():
    v = pd.Series({"01": 10.0, "02": 12.0, "03": None, "04": 12.0})
    assert R.rank_in(v, "01") == R.Rank(3, 3, R.COMPUTED)
    assert R.rank_in(v, "04", higher_is_better=False) == R.Rank(2, 3, R.COMPUTED)
    assert R.rank_in(v, "03") == R.Rank(None, None, None)
    assert R.rank_in(v, "01", universe=4) == R.Rank(None, None, None)
    assert R.coverage_complete(63, 63) and not R.coverage_complete(3, 63)
    assert not R.coverage_complete(0, 0)


def test_text_values_count_as_missing():
    s = pd.Series(["70.5", "n/a", 71.0])
    assert R.competition(s).tolist() == [2, pd.NA, 1]
    assert R.rank_in(pd.Series({"01": "KCDL", "02": 3.0, "03": "2.5"}), "03") == \
        R.Rank(2, 2, R.COMPUTED)


def test_small_denominators():
    assert R.Rank(1, 2).percentile() == 1.0 and R.Rank(2, 2).percentile() == 0.0
    assert R.coverage_complete(1, 1)


def test_from_row_needs_both_rank_and_denominator():
    assert not R.from_row({"rank": 4, "rank_of": None, "flag": None}).known
    assert not R.from_row({"rank": None, "rank_of": 63, "flag": None}).known
    assert R.from_row({"rank": 4, "rank_of": 63}).kind == R.PUBLISHED


def test_fill_computed_on_a_frame_without_rank_columns_and_after_a_partial_group():
    df = pd.DataFrame({"year": [2019, 2019, 2020, 2020, 2021, 2021],
                       "value": [1.0, None, 5.0, 4.0, None, None]})
    out = R.fill_computed(df, ["year"], universe=2)
    assert list(out.columns) == ["year", "value", "rank", "rank_of", "flag"]
    assert out["rank"].isna().tolist() == [True, True, False, False, True, True]
    assert out["rank"].tolist()[2:4] == [1, 2] and out["rank_of"].tolist()[2:4] == [2, 2]
    assert str(out["rank"].dtype) == "Int64" and str(out["rank_of"].dtype) == "Int64"
    assert out["flag"].tolist()[2:4] == ["rank_computed", "rank_computed"]
    assert out["flag"].isna().tolist()[:2] == [True, True]
    again = R.fill_computed(out.assign(rank=pd.NA, rank_of=pd.NA), ["year"], universe=2)
    assert again["flag"].tolist()[2:4] == ["rank_computed", "rank_computed"]


def test_fill_computed_reads_direction_per_row():
    df = pd.DataFrame({"ind": ["a", "a", "b", "b"], "value": [1.0, 2.0, 1.0, 2.0],
                       "hib": [True, True, False, False]})
    out = R.fill_computed(df, ["ind"], higher_is_better="hib")
    assert out["rank"].tolist() == [2, 1, 1, 2]


def test_from_row_with_a_missing_float_denominator():
    assert not R.from_row({"rank": 4, "rank_of": float("nan"), "flag": None}).known


def test_a_flag_already_saying_rank_computed_is_not_repeated():
    df = pd.DataFrame({"y": [1, 1], "value": [2.0, 1.0], "flag": ["derived;rank_computed", None]})
    assert R.fill_computed(df, ["y"])["flag"].tolist() == ["derived;rank_computed", "rank_computed"]


def test_competition_matrix_ranks_every_column_by_hand():
    import numpy as np

    v = np.array([[70.0, 1.0], [73.4, 1.0], [70.0, np.nan], [60.1, 2.0]])
    m = R.competition_matrix(v)
    assert m[:, 0].tolist() == [2.0, 1.0, 2.0, 4.0]
    assert m[[0, 1, 3], 1].tolist() == [2.0, 2.0, 1.0] and np.isnan(m[2, 1])
    low = R.competition_matrix(v, higher_is_better=False)
    assert low[:, 0].tolist() == [2.0, 4.0, 2.0, 1.0]
    assert R.competition_matrix(np.array([3.0, 5.0, 5.0])).tolist() == [3.0, 1.0, 1.0]


def test_competition_matrix_in_blocks_equals_one_block():
    import numpy as np

    # 300 units: blocks of 4,000,000 // 300² = 44 columns, so 100 columns take 3 blocks
    v = np.tile(np.arange(300, dtype=float)[:, None], (1, 100))
    m = R.competition_matrix(v)
    assert (m == (300 - np.arange(300))[:, None]).all()


def test_kinds_reads_every_row_like_from_row():
    df = pd.DataFrame({"rank": [3, 2, pd.NA, 5, 1],
                       "rank_of": [63, 5, 63, pd.NA, 4],
                       "flag": [None, "derived;rank_computed", "rank_computed", None,
                                "rank_computedX"]}).astype({"rank": "Int64", "rank_of": "Int64"})
    # row 3: rank without denominator and row 2: no rank are unknown; "rank_computedX" is not the flag
    assert list(R.kinds(df)) == [R.PUBLISHED, R.COMPUTED, None, None, R.PUBLISHED]
    assert list(R.kinds(df)) == [R.from_row(r).kind for r in df.to_dict("records")]
    assert list(R.kinds(df.drop(columns="flag"))) == [R.PUBLISHED, R.PUBLISHED, None, None,
                                                      R.PUBLISHED]


def test_fill_computed_in_one_pass_by_hand():
    """Four groups in one frame, with a repeated index label and a missing group key:
    A (no rank, 3 values, lower is better for A per its first row) → 1/3, 3/3, 2/3;
    B (one published rank) untouched; C (no value) untouched; key None never ranked."""
    df = pd.DataFrame({
        "indicator": ["A", "A", "B", "A", "B", "C", None],
        "value": [1.0, 5.0, 2.0, 3.0, 4.0, None, 9.0],
        "rank": [None, None, 7, None, None, None, None],
        "rank_of": [None, None, 63, None, None, None, None],
        "hib": [False, True, True, True, True, True, True],
        "flag": [None, "derived", None, None, None, None, None]},
        index=[0, 0, 1, 2, 3, 4, 5])
    out = R.fill_computed(df, ["indicator"], higher_is_better="hib")
    assert list(out.index) == [0, 0, 1, 2, 3, 4, 5]
    assert out["rank"].tolist() == [1, 3, 7, 2, pd.NA, pd.NA, pd.NA]
    assert out["rank_of"].tolist() == [3, 3, 63, 3, pd.NA, pd.NA, pd.NA]
    flags = out["flag"].tolist()
    assert [flags[i] for i in (0, 1, 3)] == ["rank_computed", "derived;rank_computed",
                                             "rank_computed"]
    assert pd.isna(flags[2]) and pd.isna(flags[6])
    # a universe of 4 units: 3 values of A are a partial source → nothing computed
    part = R.fill_computed(df, ["indicator"], higher_is_better="hib", universe=4)
    assert part["rank"].tolist() == [pd.NA, pd.NA, 7, pd.NA, pd.NA, pd.NA, pd.NA]


def test_fill_computed_with_a_universe_per_row():
    """Year 2019 ranked 3 of 3 units (complete), year 2021 has 2 values of a 63-unit universe
    (partial: no computed rank), year 2022 no universe (ranked among its 2)."""
    df = pd.DataFrame({"year": [2019, 2019, 2019, 2021, 2021, 2022, 2022],
                       "indicator": ["X"] * 7,
                       "value": [5.0, 7.0, 6.0, 1.0, 2.0, 3.0, 4.0],
                       "u": [3, 3, 3, 63, 63, None, None]})
    out = R.fill_computed(df, ["year", "indicator"], universe="u")
    assert out["rank"].tolist() == [3, 1, 2, pd.NA, pd.NA, 2, 1]
    assert out["rank_of"].tolist() == [3, 3, 3, pd.NA, pd.NA, 2, 2]
