"""parlib.analysis.trends: growth over more than two observations, first values between 0 and 1,
other unit types, units missing at one end of a window, ranks that cannot be compared, and
codebooks with several breaks, on the SYNTHETIC fixture panel (synthetic_panel) and SYNTHETIC
variants of it and codebooks built here; every expected number is worked out by hand.

SYNTHETIC PCI overall (published, rounded): Hải Phòng 31: 2017 7.0 (2nd), 2018 6.0 (3rd),
2019 5.0 (6th), 2020 4.0 (6th), all of 6."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
# SYNTHETIC: the fixture's province rows as "district" units (no province rows; no nation row)
DISTRICT = P[P.unit_type == "province"].assign(unit_type="district")
DK = dict(unit_type="district", panel=DISTRICT, codebook=C)
STREAK_COLUMNS = ["index", "unit_code", "unit_name", "indicator", "year", "current_streak",
                  "since", "longest_streak", "longest_from", "longest_to"]


def test_cagr_uses_the_last_observation_not_the_second():
    # 100 (2017), 150 (2018), 121 (2019): (121 / 100) ** (1 / 2) − 1 = 1.1 − 1 = 0.10
    assert A.cagr([100, 150, 121], [2017, 2018, 2019]) == pytest.approx(0.10)


def test_cagr_from_a_first_value_below_one():
    # 1 -> 4 in 2 years: √4 − 1 = 1.0; 0.5 -> 2 in 2 years: √4 − 1 = 1.0; 0.25 -> 1 in 1: 3.0
    assert A.cagr([1, 4], [2017, 2019]) == pytest.approx(1.0)
    assert A.cagr([0.5, 2], [2017, 2019]) == pytest.approx(1.0)
    assert A.cagr([0.25, 1], [2018, 2019]) == pytest.approx(3.0)


def test_decline_streaks_for_another_unit_type():
    # Hải Phòng's overall 7, 6, 5, 4 (2017-2020): three falls running since 2017
    r = A.decline_streaks("PCI", unit="31", **DK).iloc[0]
    assert (r.current_streak, r.since, r.longest_streak, r.longest_to, r.year) == \
        (3, 2017, 3, 2020, 2020)
    # up to 2018: one fall (7 -> 6) since 2017
    u = A.decline_streaks("PCI", unit="31", year=2018, **DK).iloc[0]
    assert (u.current_streak, u.since, u.year) == (1, 2017, 2018)


def test_decline_streaks_without_any_survey_of_that_unit_type():
    # no "county" rows at all: no survey, no streak (an empty table with its columns)
    out = A.decline_streaks("PCI", unit_type="county", **KW)
    assert out.empty and list(out.columns) == STREAK_COLUMNS


def test_window_change_for_another_unit_type():
    # Hải Phòng 2018 6.0 (3rd) -> 2019 5.0 (6th): change −1, down 3 places
    r = A.window_change("PCI", 2018, 2019, unit="31", **DK).iloc[0]
    assert (r.value_start, r.value_end, r.rank_start, r.rank_end, r.rank_change) == \
        (6.0, 5.0, 3, 6, -3)
    with pytest.raises(ParameterError, match="invalid year: 2018"):
        A.window_change("PCI", 2018, 2019, unit="31", panel=DISTRICT, codebook=C)


def test_window_change_only_units_with_both_years():
    # SYNTHETIC: Hải Phòng without its 2020 overall score: 2017 -> 2020 covers the 5 others
    p = P[~((P["index"] == "PCI") & (P.year == 2020) & (P.unit_code == "31")
            & (P.indicator == "PCI.overall"))].reset_index(drop=True)
    df = A.window_change("PCI", 2017, 2020, panel=p, codebook=C)
    assert sorted(df.unit_code) == ["01", "22", "48", "49", "51"]
    assert df["value_end"].notna().all()


def test_window_change_rank_change_missing_between_unlike_ranks():
    # SYNTHETIC: the 2017 overall ranks dropped, so 2017 ranks are computed among the 6:
    # 2017 overall 01 5.6, 22 7.1, 31 7.0, 48 6.6, 49 5.0, 51 5.3 -> Hải Phòng 2nd (computed);
    # 2020 4.0 is 6th (published): no move between a computed and a published rank
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2017) & (p.indicator == "PCI.overall")
    p.loc[m, ["rank", "rank_of"]] = pd.NA
    df = A.window_change("PCI", 2017, 2020, unit="31", panel=p, codebook=C)
    r = df.iloc[0]
    assert (r.rank_start, r.rank_end) == (2, 6) and r.rank_change is pd.NA
    assert [str(df[c].dtype) for c in ("rank_start", "rank_end", "rank_change")] == \
        ["Int64"] * 3


def _cb(rows):
    """SYNTHETIC codebook rows: (indicator, year_from, year_to, era, notes)."""
    return pd.DataFrame([dict(index="PAR", indicator=i, level="area", parent="PAR.overall",
                              name_en=i, name_vi=i, scale_min=0, scale_max=10, weight=np.nan,
                              aggregation="", year_from=y0, year_to=y1, era=e,
                              higher_is_better=True, notes=n) for i, y0, y1, e, n in rows])


def test_series_breaks_every_break_in_indicator_order():
    cb = _cb([
        # PAR.z starts first (2010) but is listed after PAR.a: rows come by indicator
        ("PAR.z", 2010, 2013, "z1", ""), ("PAR.z", 2014, 2023, "z2", "new z"),
        # PAR.a: two breaks (a1 -> a2 in 2016, a2 -> a3 in 2020)
        ("PAR.a", 2015, 2015, "a1", ""), ("PAR.a", 2016, 2019, "a2", "second"),
        ("PAR.a", 2020, 2023, "a3", "third"),
        # PAR.w: the rows split (2012, 2018) but the era stays w1: no break
        ("PAR.w", 2012, 2017, "w1", ""), ("PAR.w", 2018, 2023, "w1", "same method"),
    ])
    b = A.series_breaks("PAR", codebook=cb)
    assert b.values.tolist() == [["PAR", "PAR.a", 2016, "a1", "a2", "second"],
                                 ["PAR", "PAR.a", 2020, "a2", "a3", "third"],
                                 ["PAR", "PAR.z", 2014, "z1", "z2", "new z"]]
    assert A.series_breaks("PAR", "PAR.w", codebook=cb).empty


def test_decline_streaks_rows_name_their_indicator():
    # Hải Phòng's a: 7, 6, 5, 4 (2017-2020) three falls; b the same; all Int64 columns
    df = A.decline_streaks("PCI", indicator=["PCI.a", "PCI.b"], unit="31", **KW)
    assert df[["indicator", "current_streak", "since", "longest_streak"]].values.tolist() == [
        ["PCI.a", 3, 2017, 3], ["PCI.b", 3, 2017, 3]]
    assert [str(df[c].dtype) for c in ("since", "longest_from", "longest_to")] == ["Int64"] * 3


def test_decline_streaks_of_a_unit_surveyed_once():
    # SYNTHETIC: Hải Phòng kept in 2020 only: one survey, no change, no streak
    p = P[~((P["index"] == "PCI") & (P.unit_code == "31") & (P.year < 2020))]
    r = A.decline_streaks("PCI", unit="31", panel=p, codebook=C).iloc[0]
    assert (r.current_streak, r.longest_streak, r.year) == (0, 0, 2020)
    assert r.since is pd.NA and r.longest_from is pd.NA


def test_lower_is_better_no_change_is_no_decline():
    # b read as lower-is-better: Quảng Nam 6.5, 6.25, 6, 6 falls (improves) then stays: the
    # flat 2019 -> 2020 is not a decline either -> no streak
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "higher_is_better"] = False
    r = A.decline_streaks("PCI", indicator="PCI.b", unit="49", panel=P, codebook=cb).iloc[0]
    assert (r.current_streak, r.longest_streak) == (0, 0)


def test_the_first_of_equally_long_streaks_is_the_longest():
    # SYNTHETIC: Hải Phòng's overall 7, 6, 7, 6 (2019 set to 7): falls 2017->2018 and
    # 2019->2020, one survey each; the longest is the first, the current one since 2019
    p = P.copy()
    p.loc[(p["index"] == "PCI") & (p.year == 2019) & (p.unit_code == "31")
          & (p.indicator == "PCI.overall"), "value"] = 7.0
    r = A.decline_streaks("PCI", unit="31", panel=p, codebook=C).iloc[0]
    assert (r.current_streak, r.since) == (1, 2019)
    assert (r.longest_streak, r.longest_from, r.longest_to) == (1, 2017, 2018)


def test_yoy_for_another_unit_type():
    # Hải Phòng's overall as a district: 7, 6, 5, 4 -> changes −1 each year
    df = A.yoy("PCI", unit="31", **DK)
    assert list(df.year) == [2017, 2018, 2019, 2020] and list(df.value) == [7.0, 6.0, 5.0, 4.0]
    assert list(df.change.iloc[1:]) == pytest.approx([-1.0, -1.0, -1.0])
    # published ranks 2, 3, 6, 6 of 6: moves −1, −3, 0; whole-number columns with <NA>
    assert list(df["rank"]) == [2, 3, 6, 6] and list(df.rank_change.iloc[1:]) == [-1, -3, 0]
    assert [str(df[c].dtype) for c in ("rank", "rank_of", "prev_rank", "rank_change")] == \
        ["Int64"] * 4


def test_yoy_skips_an_indicator_missing_and_reads_the_next():
    # "PCI.zzz" is in no year: the rows of PCI.a (Quảng Nam 3.5, 3.75, 4, 4.25) still come
    df = A.yoy("PCI", indicator=["PCI.zzz", "PCI.a"], unit="49", **KW)
    assert set(df.indicator) == {"PCI.a"} and list(df.value) == [3.5, 3.75, 4.0, 4.25]


def test_rank_moves_a_missing_kind_is_no_kind_and_arrays_are_accepted():
    import importlib

    T = importlib.import_module("parlib.analysis.trends")
    # kinds read back as NaN (a shifted column) count as "no kind" on both sides: 5 -> 2 of 6
    # is up 3; NaN against "published" is no move; numpy arrays give a 0..n−1 index
    got = T.rank_moves([5, 5], [6, 6], [float("nan"), float("nan")], np.array([2, 2]), [6, 6],
                       [float("nan"), "published"])
    assert [None if pd.isna(x) else int(x) for x in got] == [3, None]
    assert list(got.index) == [0, 1]
