"""Trends on the SYNTHETIC fixture panel (synthetic_panel): hand-computed values."""
import math

import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.errors import ParameterError

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def test_cagr_known_values():
    assert A.cagr([100, 121], [2017, 2019]) == pytest.approx(0.10)
    assert A.cagr([50, float("nan"), 100], [2010, 2011, 2020]) == pytest.approx(2 ** 0.1 - 1)
    assert A.cagr([4, 2], [2018, 2019]) == pytest.approx(-0.5)
    assert A.cagr([100, 121], [2019, 2017]) == pytest.approx(-1 + (100 / 121) ** 0.5)  # sorted
    assert math.isnan(A.cagr([0, 5], [2017, 2019]))        # undefined from 0
    assert math.isnan(A.cagr([5], [2017]))
    assert math.isnan(A.cagr([5, 6], [2017, 2017]))


def test_yoy_levels_changes_ranks():
    df = A.yoy("PCI", unit="Hải Phòng", **KW).set_index("year")
    # Hải Phòng overall: 7.0, 6.0, 5.0, 4.0; ranks 2, 3, 6, 6
    assert df["value"].tolist() == [7.0, 6.0, 5.0, 4.0]
    assert df.loc[2018, "change"] == pytest.approx(-1.0)
    assert df["rank"].tolist() == [2, 3, 6, 6]
    assert df.loc[2019, "rank_change"] == -3           # 3 -> 6: moved DOWN three places
    assert df.loc[2018, "prev_year"] == 2017
    assert bool(df.loc[2019, "comparable"])


def test_yoy_break_is_flagged():
    df = A.yoy("PCI", indicator="PCI.c", unit="49", **KW).set_index("year")
    assert not bool(df.loc[2019, "comparable"])          # era c1 -> c2
    assert "series break" in df.loc[2019, "break_note"]
    assert bool(df.loc[2020, "comparable"]) and df.loc[2020, "break_note"] == ""
    assert df.loc[2019, "change"] == pytest.approx(0.25)   # the number is there, flagged


def test_window_change_and_cagr():
    df = A.window_change("PCI", 2017, 2020, unit=["31", "Quảng Nam"], **KW).set_index("unit_code")
    assert df.loc["31", "change"] == pytest.approx(-3.0)
    assert df.loc["31", "cagr"] == pytest.approx((4 / 7) ** (1 / 3) - 1)
    assert df.loc["31", "rank_change"] == -4           # 2 -> 6
    # Quảng Nam 2017: .5*3.5+.3*6.5+.2*6.5 = 5.0 ; 2020: .5*4.25+.3*6+.2*7.25 = 5.375 -> 5.38
    assert df.loc["49", "value_start"] == pytest.approx(5.0)
    assert df.loc["49", "value_end"] == pytest.approx(5.38)
    c = A.window_change("PCI", 2017, 2020, indicator="PCI.c", **KW)
    assert not c["comparable"].any() and c["break_note"].str.contains("c1 → c2").all()
    with pytest.raises(ParameterError, match=r"^invalid end: 2017 \(must be after start 2020\)$"):
        A.window_change("PCI", 2020, 2017, **KW)


def test_decline_streaks():
    df = A.decline_streaks("PCI", **KW).set_index("unit_code")
    assert df.loc["31", "current_streak"] == 3 and df.loc["31", "since"] == 2017
    assert df.loc["31", "longest_streak"] == 3 and df.loc["31", "longest_to"] == 2020
    assert df.loc["22", "current_streak"] == 0
    upto = A.decline_streaks("PCI", unit="31", year=2018, **KW).iloc[0]
    assert upto.current_streak == 1 and upto.since == 2017
    # Quảng Nam b: 6.5, 6.25, 6, 6 -> two falls then flat: current 0, longest 2 (2017-2019)
    b = A.decline_streaks("PCI", indicator="PCI.b", unit="49", **KW).iloc[0]
    assert b.current_streak == 0 and b.longest_streak == 2
    assert (b.longest_from, b.longest_to) == (2017, 2019)


def test_streak_stops_at_a_break():
    # c for Hải Phòng: 7, 6, 5, 4 falls every year but 2018->2019 crosses a methodology break
    c = A.decline_streaks("PCI", indicator="PCI.c", unit="31", **KW).iloc[0]
    assert c.current_streak == 1 and c.since == 2019
    assert c.longest_streak == 1


def test_series_breaks_from_codebook():
    b = A.series_breaks("PCI", codebook=C)
    assert b[["indicator", "year", "era_before", "era_after"]].values.tolist() == [
        ["PCI.c", 2019, "c1", "c2"]]


def test_real_codebook_breaks():
    b = A.series_breaks("PAPI")
    if b.empty:
        pytest.skip("no PAPI codebook yet")
    tot = b[b.indicator == "PAPI.total"]
    assert 2018 in tot.year.tolist()   # 6 -> 8 dimensions
