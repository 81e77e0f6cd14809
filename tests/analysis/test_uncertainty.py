"""Survey noise on the SYNTHETIC PAPI fixture: 95% CIs of ±1 on PAPI.total in 2019 only, so
se = 1/1.96 and two units differ significantly when |gap| > sqrt(2) = 1.414."""
import pytest

import parlib.analysis as A
import synthetic_panel as S

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
# PAPI.total 2019: 22:16, 48:13, 51:13, 01:11, 31:8, 49:8 ; 2018: each 0.5 lower


def test_se_from_ci():
    assert A.se_from_ci(9, 11) == pytest.approx(1 / 1.959964, rel=1e-6)
    assert A.se_from_ci(41.5, 45.5, level=0.95) == pytest.approx(2 / 1.959964, rel=1e-6)


def test_compare_units():
    assert A.compare_units("PAPI", 2019, "48", "51", **KW)["status"] == "within noise"
    assert A.compare_units("PAPI", 2019, "31", "49", **KW)["status"] == "within noise"
    r = A.compare_units("PAPI", 2019, "Hà Nội", "Đà Nẵng", **KW)   # 11 vs 13
    assert r["diff"] == -2 and r["status"] == "distinguishable"
    assert r["z"] == pytest.approx(-2 / (2 ** 0.5 / 1.959964), rel=1e-5)
    assert A.compare_units("PAPI", 2019, "22", "49", **KW)["status"] == "distinguishable"
    # no CI on a sub-score, nor in PCI: never "distinguishable"
    assert A.compare_units("PAPI", 2019, "22", "49", indicator="PAPI.d2", **KW)["status"] == "no CI"
    assert A.compare_units("PCI", 2019, "22", "49", **KW)["status"] == "no CI"
    assert "sai số" in A.compare_units("PAPI", 2019, "48", "51", lang="vi", **KW)["text"]


def test_compare_years_borrows_se():
    r = A.compare_years("PAPI", "49", 2018, 2019, **KW)     # +0.5, no CI in 2018
    assert r["change"] == pytest.approx(0.5)
    assert r["status"] == "within noise" and "2018" in r["note"]
    r2 = A.compare_years("PAPI", "49", 2018, 2019, borrow_se=False, **KW)
    assert r2["status"] == "no CI"


def test_rank_intervals():
    df = A.rank_intervals("PAPI", 2019, **KW).set_index("unit_code")
    assert (df.loc["01", "rank_best"], df.loc["01", "rank_worst"]) == (4, 4)
    assert (df.loc["48", "rank_best"], df.loc["48", "rank_worst"]) == (2, 3)
    assert (df.loc["22", "rank_best"], df.loc["22", "rank_worst"]) == (1, 1)
    assert (df.loc["49", "rank_best"], df.loc["49", "rank_worst"]) == (5, 6)


def test_rank_moves_within_noise_vs_real():
    p = P.copy()
    m18 = (p["index"] == "PAPI") & (p.year == 2018) & (p.indicator == "PAPI.total")
    p.loc[m18 & (p.unit_code == "48"), "value"] = 12.0
    p.loc[m18 & (p.unit_code == "49"), "value"] = 14.0
    # 2018 ranks: 22, 49, 51, 48, 01, 31 ; 2019: 22, 48=51, 01, 31=49
    df = A.rank_moves("PAPI", 2019, panel=p, codebook=C).set_index("unit_code")
    assert df.loc["48", "rank_change"] == 2 and df.loc["48", "move"] == "within noise"
    assert df.loc["49", "rank_change"] == -3 and df.loc["49", "move"] == "real"
    assert df.loc["22", "move"] == "no change"
    assert "standard errors assumed" in df.loc["48", "note"]
    nob = A.rank_moves("PAPI", 2019, borrow_se=False, panel=p, codebook=C).set_index("unit_code")
    assert nob.loc["48", "move"] == "no CI"           # never "real" without an interval
    pci = A.rank_moves("PCI", 2019, **KW)
    assert set(pci["move"]) <= {"no CI", "no change"}
