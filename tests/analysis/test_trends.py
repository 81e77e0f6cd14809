"""Trends on the SYNTHETIC fixture panel (synthetic_panel): hand-computed values."""
import math

import pandas as pd

import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
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


# ----------------------------------------------------------------------------- every column
def test_cagr_edges():
    import pandas as pd

    assert math.isnan(A.cagr([5, -1], [2017, 2019]))           # a negative end: undefined
    assert math.isnan(A.cagr([-4, 2], [2017, 2019]))           # a negative start
    assert A.cagr([5, 0], [2017, 2018]) == -1.0                 # down to 0: −100%
    assert A.cagr([None, 4, pd.NA, 9], [2016, 2017, 2018, 2019]) == pytest.approx(0.5)  # 4->9 in 2 y
    assert math.isnan(A.cagr([None, 4], [2016, 2017]))         # one observed value


def test_yoy_row_hand_worked():
    df = A.yoy("PCI", unit="31", **KW)
    assert list(df.columns) == ["index", "unit_code", "unit_name", "indicator", "year", "value",
                                "rank", "rank_of", "rank_kind", "prev_year", "prev_value",
                                "change", "prev_rank", "rank_change", "comparable", "break_note"]
    r = df.set_index("year").loc[2019]
    # Hải Phòng 2018 6.0 (3rd: 7.35, 6.85 above), 2019 5.0 (6th of 6), published ranks
    assert (r["index"], r["unit_code"], r["unit_name"], r["indicator"]) == \
        ("PCI", "31", "Hải Phòng", "PCI.overall")
    assert (r["value"], r["rank"], r["rank_of"], r["rank_kind"]) == (5.0, 6, 6, "published")
    assert (r["prev_year"], r["prev_value"], r["prev_rank"]) == (2018, 6.0, 3)
    assert r["change"] == pytest.approx(-1.0) and r["rank_change"] == -3
    first = df.set_index("year").loc[2017]
    assert first["break_note"] == "" and not first["comparable"]
    assert first["prev_year"] is pd.NA and pd.isna(first["rank_change"])


def test_yoy_several_indicators_and_vietnamese_break():
    df = A.yoy("PCI", indicator=["PCI.a", "PCI.c"], unit=["49"], lang="vi", **KW)
    assert sorted(set(df.indicator)) == ["PCI.a", "PCI.c"] and len(df) == 8   # 4 years each
    c19 = df[(df.indicator == "PCI.c") & (df.year == 2019)].iloc[0]
    assert c19["break_note"] == ("chuỗi bị gián đoạn: phương pháp tính PCI.c thay đổi giữa 2018 "
                                 "và 2019 (giai đoạn c1 → c2); không so sánh được")
    # criteria carry computed ranks: a 2018 3.75 last (6th) -> 2019 4 last (6th): no move
    a19 = df[(df.indicator == "PCI.a") & (df.year == 2019)].iloc[0]
    assert (a19["rank"], a19["rank_kind"], a19["rank_change"]) == (6, "computed", 0)
    assert A.yoy("PCI", indicator="PCI.zzz", **KW).empty


def test_rank_moves_only_between_like_ranks():
    import importlib

    T = importlib.import_module("parlib.analysis.trends")
    got = T.rank_moves([3, 3, 3, None, 5], [6, 6, 63, 6, 6],
                       ["published", "computed", "published", "published", None],
                       pd.Series([1, 1, 1, 1, 2], index=list("vwxyz")), [6, 6, 63, 6, 6],
                       ["published", "published", "published", "published", None])
    # 3 -> 1 of 6: up 2; kinds differ: no move; 3 -> 1 of 63: up 2; no earlier rank: none;
    # 5 -> 2 both without a kind (alike): up 3
    assert [None if pd.isna(x) else int(x) for x in got] == [2, None, 2, None, 3]
    assert list(got.index) == list("vwxyz")
    assert str(got.dtype) == "Float64"


def test_window_change_row_hand_worked():
    df = A.window_change("PCI", 2018, 2019, indicator="PCI.overall", unit="Hải Phòng",
                         lang="vi", **KW)
    assert len(df) == 1
    r = df.iloc[0]
    assert (r["index"], r["unit_code"], r["unit_name"], r["indicator"]) == \
        ("PCI", "31", "Hải Phòng", "PCI.overall")
    assert (r["start"], r["end"], r["value_start"], r["value_end"]) == (2018, 2019, 6.0, 5.0)
    assert (r["rank_start"], r["rank_end"], r["rank_change"]) == (3, 6, -3)
    assert r["cagr"] == pytest.approx(5 / 6 - 1) and r["change"] == pytest.approx(-1.0)
    assert r["comparable"] and r["break_note"] == ""
    c = A.window_change("PCI", 2018, 2019, indicator="PCI.c", unit="31", lang="vi", **KW)
    assert c.iloc[0]["break_note"].startswith("chuỗi bị gián đoạn")
    with pytest.raises(ParameterError, match=r"^invalid end: 2019 \(must be after start 2019\)$"):
        A.window_change("PCI", 2019, 2019, **KW)
    with pytest.raises(ParameterError, match="invalid year: 2016"):
        A.window_change("PCI", 2016, 2019, **KW)


def test_decline_streaks_lower_is_better_and_gaps():
    import pandas as pd

    cb = C.copy()
    cb.loc[cb.indicator == "PCI.a", "higher_is_better"] = False
    # lower is better: Quảng Ninh a 7.5, 7.75, 8, 8.25 rises every year: 3 declines since 2017
    qn = A.decline_streaks("PCI", indicator="PCI.a", unit="22", panel=P, codebook=cb).iloc[0]
    assert (qn.current_streak, qn.since, qn.longest_streak) == (3, 2017, 3)
    assert (qn.longest_from, qn.longest_to, qn.year) == (2017, 2020, 2020)
    assert qn.unit_name == "Quảng Ninh" and qn["index"] == "PCI"
    hp = A.decline_streaks("PCI", indicator="PCI.a", unit="31", panel=P, codebook=cb).iloc[0]
    assert hp.current_streak == 0 and hp.longest_streak == 0 and pd.isna(hp.since)
    assert pd.isna(hp.longest_from) and pd.isna(hp.longest_to)
    # a missing survey ends a streak: Hải Phòng without its 2019 overall (7, 6, -, 4)
    gap = P[~((P["index"] == "PCI") & (P.year == 2019) & (P.unit_code == "31")
              & (P.indicator == "PCI.overall"))].reset_index(drop=True)
    g = A.decline_streaks("PCI", unit="31", panel=gap, codebook=C).iloc[0]
    assert (g.current_streak, g.longest_streak, g.longest_to) == (0, 1, 2018)
    # a unit without the last survey has no current streak
    last = P[~((P["index"] == "PCI") & (P.year == 2020) & (P.unit_code == "31"))] \
        .reset_index(drop=True)
    h = A.decline_streaks("PCI", unit="31", panel=last, codebook=C).iloc[0]
    assert (h.current_streak, h.longest_streak, h.year) == (0, 2, 2020) and pd.isna(h.since)


def test_series_breaks_notes_and_filters():
    import pandas as pd

    cb = C.copy()
    b = A.series_breaks("PCI", "PCI.c", codebook=cb)
    assert b.to_dict("records") == [{"index": "PCI", "indicator": "PCI.c", "year": 2019,
                                     "era_before": "c1", "era_after": "c2",
                                     "note": "synthetic"}]
    cb["notes"] = float("nan")
    assert A.series_breaks("PCI", ["PCI.c"], codebook=cb).iloc[0]["note"] == ""
    assert A.series_breaks("PCI", "PCI.a", codebook=cb).empty
    assert list(A.series_breaks("SIPAS", codebook=cb).columns) == [
        "index", "indicator", "year", "era_before", "era_after", "note"]
    # the official codebook when none is given: PAPI's total changed with 2018 (6 -> 8 areas)
    off = A.series_breaks("PAPI", "PAPI.total")
    assert set(off.indicator) <= {"PAPI.total"} and isinstance(off, pd.DataFrame)
