"""Cross-index standing and Spearman correlations on the SYNTHETIC fixture."""
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def test_standing():
    df = A.standing("Quảng Nam", 2019, **KW).set_index("index")
    assert df.loc["PCI", "score"] == 5.25 and df.loc["PCI", "rank"] == 5
    assert df.loc["PCI", "rank_of"] == 6
    # 2018: 5.10, rank 6 -> 2019: +0.15, up one place
    assert df.loc["PCI", "change"] == pytest.approx(0.15)
    assert df.loc["PCI", "rank_change"] == 1
    # the SYNTHETIC panel has 3 of the 14 North Central and Central Coast provinces: no place
    # in the region is given, only how many have data
    assert pd.isna(df.loc["PCI", "rank_in_region"])
    assert (df.loc["PCI", "region_with_data"], df.loc["PCI", "region_n"]) == (3, 14)
    assert df.loc["PCI", "rank_kind"] == "published" and df.loc["PCI", "change_status"] == "ok"
    assert df.loc["PAPI", "score"] == 8 and df.loc["PAPI", "rank"] == 5   # tie with Hải Phòng
    assert df.loc["SIPAS", "score"] == 75 and df.loc["SIPAS", "rank"] == 3
    assert df.loc["PAR", "status"] == "no data" and df.loc["PCI", "status"] == "ok"
    far = A.standing("49", 2021, nearest=True, **KW).set_index("index")
    assert far.loc["PCI", "year"] == 2020 and far.loc["PAPI", "year"] == 2019


def test_spearman_hand_computed():
    df = A.rank_correlations(years=2019, **KW)
    row = df[(df.index_a == "PCI") & (df.index_b == "PAPI")].iloc[0]
    # rank vectors (01, 22, 31, 48, 49, 51): PCI 4 6 1 5 2 3 ; PAPI 3 6 1.5 4.5 1.5 4.5
    assert row.n == 6
    assert row.rho == pytest.approx(15 / (17.5 * 16.5) ** 0.5)
    assert not ((df.index_a == "PCI") & (df.index_b == "SIPAS")).any()   # n = 3 < min_n
    pooled = A.rank_correlations(**KW)
    assert "pooled" in set(pooled.year)
    p = pooled[(pooled.year == "pooled") & (pooled.index_b == "PAPI")].iloc[0]
    assert p.n == 12          # 2018 and 2019, 6 provinces each
