"""Survey noise, every returned field checked by hand on the SYNTHETIC PAPI fixture: 95% CIs of ±1
on PAPI.total in 2019 only, so se = 1/1.959964 and the se of a gap is sqrt(2)/1.959964 = 0.7215.
PAPI.total 2019: 22 16, 48 13, 51 13, 01 11, 31 8, 49 8; 2018: each 0.5 lower.
p-values use the standard library's normal distribution (statistics.NormalDist)."""
import math
from statistics import NormalDist

import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.analysis.uncertainty import _z
from parlib.errors import ParameterError
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
Z95 = 1.959963984540054
SE = 1 / Z95
GAP_SE = math.sqrt(2) * SE


def _p(z):
    return 2 * (1 - NormalDist().cdf(abs(z)))


def test_z_and_se_from_ci_levels():
    assert _z(0.95) == pytest.approx(Z95) and _z(0.90) == pytest.approx(1.644854, rel=1e-6)
    assert A.se_from_ci(9, 11, level=0.90) == pytest.approx(1 / 1.644854, rel=1e-6)
    arr = A.se_from_ci([9, 40], [11, 44])
    assert isinstance(arr, np.ndarray) and arr == pytest.approx([SE, 2 * SE])
    assert isinstance(A.se_from_ci(9, 11), float)


def test_compare_units_every_field():
    r = A.compare_units("PAPI", 2019, "Hà Nội", "Đà Nẵng", **KW)   # 11 vs 13
    z = -2 / GAP_SE                                                  # −2.7718
    assert (r["index"], r["year"], r["indicator"], r["unit_a"], r["unit_b"]) == (
        "PAPI", 2019, "PAPI.total", "01", "48")
    assert (r["value_a"], r["value_b"], r["diff"]) == (11, 13, -2)
    assert r["se"] == pytest.approx(GAP_SE) and r["z"] == pytest.approx(z)
    assert r["p_value"] == pytest.approx(_p(z)) and r["status"] == "distinguishable"
    assert r["text"] == "Gap Ha Noi − Da Nang = -2.00 points: larger than the survey noise."
    vi = A.compare_units("PAPI", 2019, "01", "48", lang="vi", **KW)
    assert vi["text"] == "Chênh lệch Hà Nội − Đà Nẵng = -2,00 điểm: có ý nghĩa thống kê."
    # p = 0.0056: not below alpha = 0.001
    strict = A.compare_units("PAPI", 2019, "01", "48", alpha=0.001, **KW)
    assert strict["status"] == "within noise"
    assert strict["text"] == "Gap Ha Noi − Da Nang = -2.00 points: within the survey noise."
    # a 50% interval of ±1 means a much larger se: z = −2 / (sqrt 2 / 0.67449) = −0.954
    wide = A.compare_units("PAPI", 2019, "01", "48", level=0.5, **KW)
    assert wide["z"] == pytest.approx(-2 / (math.sqrt(2) / 0.6744898), rel=1e-6)
    assert wide["status"] == "within noise"
    same = A.compare_units("PAPI", 2019, "48", "51", **KW)
    assert same["z"] == 0 and same["p_value"] == pytest.approx(1.0)
    none = A.compare_units("PCI", 2019, "22", "49", lang="vi", **KW)
    assert none["status"] == "no CI" and math.isnan(none["z"]) and math.isnan(none["p_value"])
    assert none["text"].endswith("không có khoảng tin cậy để kiểm định.")
    assert A.compare_units("PCI", 2019, "22", "49", **KW)["text"].endswith(
        "untestable (no confidence interval).")
    assert A.compare_units("PAPI", 2019, "48", "51", lang="vi", **KW)["text"].endswith(
        ": nằm trong sai số khảo sát.")


def test_compare_years_every_field():
    r = A.compare_years("PAPI", "49", 2018, 2019, **KW)     # 7.5 -> 8, se borrowed from 2019
    z = 0.5 / GAP_SE
    assert (r["index"], r["unit"], r["indicator"], r["year_a"], r["year_b"]) == (
        "PAPI", "49", "PAPI.total", 2018, 2019)
    assert (r["value_a"], r["value_b"], r["change"]) == (7.5, 8.0, 0.5)
    assert r["se"] == pytest.approx(GAP_SE) and r["z"] == pytest.approx(z)
    assert r["p_value"] == pytest.approx(_p(z)) and r["status"] == "within noise"
    assert r["comparable"] and r["break_note"] == ""
    assert r["note"] == "no CI in 2018: the same standard error assumed"
    assert r["text"] == ("Quang Nam 2018→2019: 0.50 — within noise (no CI in 2018: the same "
                         "standard error assumed)")
    back = A.compare_years("PAPI", "49", 2019, 2018, **KW)   # the interval is in year_a now
    assert back["change"] == -0.5 and back["note"] == "no CI in 2018: the same standard error assumed"
    assert back["z"] == pytest.approx(-z)
    off = A.compare_years("PAPI", "49", 2018, 2019, borrow_se=False, **KW)
    assert off["status"] == "no CI" and off["note"] == "" and math.isnan(off["se"])
    # 22: 15.5 -> 16 is within noise at 95%, but the change test only uses alpha
    loose = A.compare_years("PAPI", "22", 2018, 2019, alpha=0.5, **KW)
    assert loose["status"] == "distinguishable"        # p = 0.488 < 0.5


def test_compare_years_across_a_method_change():
    r = A.compare_years("PCI", "49", 2018, 2019, indicator="PCI.c", lang="vi", **KW)
    assert r["status"] == "not comparable" and not r["comparable"]
    assert r["change"] == pytest.approx(0.25) and "c1 → c2" in r["break_note"]
    assert r["text"].startswith("Quảng Nam 2018→2019: 0,25 — not comparable; ")


def test_rank_intervals_columns_and_lower_is_better():
    df = A.rank_intervals("PAPI", 2019, **KW)
    assert list(df.columns) == ["index", "year", "indicator", "unit_code", "unit_name", "value",
                                "se", "rank", "rank_of", "rank_best", "rank_worst"]
    assert df.unit_code.tolist()[:1] == ["22"] and list(df.se) == pytest.approx([SE] * 6)
    assert (set(df["index"]), set(df.year), set(df.indicator)) == ({"PAPI"}, {2019}, {"PAPI.total"})
    d = df.set_index("unit_code")
    assert d.loc["22", "unit_name"] == "Quảng Ninh" and d.loc["22", "value"] == 16
    assert (d.loc["31", "rank_best"], d.loc["31", "rank_worst"]) == (5, 6)
    cb = C.copy()
    cb["higher_is_better"] = False
    low = A.rank_intervals("PAPI", 2019, panel=P, codebook=cb).set_index("unit_code")
    # lower is better: 31 and 49 (8) first, within noise of each other; 22 (16) last, alone
    assert (low.loc["31", "rank_best"], low.loc["31", "rank_worst"]) == (1, 2)
    assert (low.loc["22", "rank_best"], low.loc["22", "rank_worst"]) == (6, 6)
    assert (low.loc["01", "rank_best"], low.loc["01", "rank_worst"]) == (3, 3)
    # alpha = 0.5 (z > 0.674): a gap of 2 (z = 2.77) or 3 separates; 0 does not
    loose = A.rank_intervals("PAPI", 2019, alpha=0.5, **KW).set_index("unit_code")
    assert (loose.loc["48", "rank_best"], loose.loc["48", "rank_worst"]) == (2, 3)
    pci = A.rank_intervals("PCI", 2019, **KW)
    assert pci.rank_best.isna().all() and pci.rank_worst.isna().all()


def test_rank_moves_columns_notes_and_named_previous_year():
    p = P.copy()
    m18 = (p["index"] == "PAPI") & (p.year == 2018) & (p.indicator == "PAPI.total")
    p.loc[m18 & (p.unit_code == "49"), "value"] = 14.0
    df = A.rank_moves("PAPI", 2019, prev_year=2018, panel=p, codebook=C)
    assert list(df.columns) == ["index", "year", "prev_year", "indicator", "unit_code",
                                "unit_name", "rank", "prev_rank", "rank_change", "rank_best",
                                "rank_worst", "prev_rank_best", "prev_rank_worst", "move",
                                "comparable", "break_note", "note"]
    d = df.set_index("unit_code")
    # 2018: 22 15.5, 49 14, 48 = 51 12.5, 01 10.5, 31 7.5 -> 49 #2 -> #5 in 2019 (8)
    assert (d.loc["49", "prev_rank"], d.loc["49", "rank"], d.loc["49", "rank_change"]) == (2, 5, -3)
    assert (d.loc["49", "prev_rank_best"], d.loc["49", "prev_rank_worst"]) == (2, 2)
    assert (d.loc["49", "rank_best"], d.loc["49", "rank_worst"]) == (5, 6)
    assert d.loc["49", "move"] == "real" and d.loc["49", "unit_name"] == "Quảng Nam"
    assert set(df.note) == {"no CI in 2018: 2019 standard errors assumed"}
    assert df.comparable.all() and set(df.break_note) == {""}
    assert (set(df["index"]), set(df.year), set(df.prev_year)) == ({"PAPI"}, {2019}, {2018})
    # CIs in the earlier year only: the later year borrows them
    q = P.copy()
    tot = (q["index"] == "PAPI") & (q.indicator == "PAPI.total")
    q.loc[tot & (q.year == 2018), ["ci_low", "ci_high"]] = \
        q.loc[tot & (q.year == 2019), ["ci_low", "ci_high"]].to_numpy() - 0.5
    q.loc[tot & (q.year == 2019), ["ci_low", "ci_high"]] = np.nan
    back = A.rank_moves("PAPI", 2019, panel=q, codebook=C)
    assert set(back.note) == {"no CI in 2019: 2018 standard errors assumed"}
    assert back.rank_best.notna().all()
    with pytest.raises(ParameterError, match="prev_year"):
        A.rank_moves("PAPI", 2018, **KW)


def test_rank_moves_across_a_method_change_say_so():
    df = A.rank_moves("PCI", 2019, indicator="PCI.c", **KW)
    assert not df.comparable.any() and df.break_note.str.contains("c1 → c2").all()
    assert set(df.move) <= {"no CI", "no change"}
    assert pd.api.types.is_integer_dtype(df["rank_change"])
