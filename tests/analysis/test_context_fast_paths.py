"""The analysis context's fast paths give what the full year build gives (real committed panel,
no raw data needed): the overall series of every year (:func:`overall_rows`), a few indicators'
values (:meth:`Context.values`) and the year split (:meth:`Context.year_rows`)."""
import numpy as np
import pandas as pd
import pytest

import parlib
from parlib.analysis.context import Context, overall_rows
from parlib.codebook import load_codebook
from parlib.panel import ranks


def fresh():
    return Context(None, load_codebook())


@pytest.mark.parametrize("index", ["PCI", "PAPI", "PAR", "SIPAS"])
def test_overall_rows_equal_the_full_year_build(index):
    fast, full = overall_rows(fresh(), index), fresh()
    assert len(fast)
    for year, g in fast.groupby("year"):
        yd = full.year(index, year)
        ind = full.overall(index, year)
        assert set(g["indicator"]) == {ind}
        g = g.set_index("unit_code")
        with_value = yd.value[ind].dropna()
        assert sorted(g.index) == sorted(with_value.index), (index, year)
        assert np.allclose(g["value"].to_numpy(float), with_value[g.index].to_numpy(float))
        for code, r in g.iterrows():
            want = (yd.rank[ind][code], yd.rank_of[ind][code], yd.rank_kind[ind][code])
            got = (r["rank"], r["rank_of"], r["kind"])
            for w, v in zip(want, got):
                assert (pd.isna(w) and pd.isna(v)) or w == v, (index, year, code, want, got)


def test_overall_rows_carry_the_published_pci_2019_ranks():
    """VCCI's PCI 2019: Quảng Ninh 73.40 first and Đồng Tháp 72.10 second of 63 (published)."""
    df = overall_rows(fresh(), "PCI")
    y = df[df["year"] == 2019].set_index("unit_code")
    assert len(y) == 63
    assert round(y.loc["22", "value"], 2) == 73.40
    assert (y.loc["22", "rank"], y.loc["22", "rank_of"], y.loc["22", "kind"]) == \
        (1, 63, ranks.PUBLISHED)
    assert (round(y.loc["87", "value"], 2), y.loc["87", "rank"]) == (72.10, 2)


def test_values_of_a_few_indicators_without_building_the_year():
    ctx = fresh()
    got = ctx.values("PCI", 2019, ["PCI.overall", "PCI.land_access", "no.such"])
    assert ("PCI", 2019, "province") not in ctx.years  # nothing built
    want = fresh().year("PCI", 2019).value.reindex(columns=got.columns)
    pd.testing.assert_frame_equal(got.reindex(want.index), want)
    assert got["no.such"].isna().all()
    assert round(got.loc["22", "PCI.overall"], 2) == 73.40


def test_year_rows_are_the_panel_rows_of_one_year():
    ctx = fresh()
    panel = parlib.load("PCI")
    want = panel[(panel["year"] == 2019) & (panel["unit_type"] == "province")]
    got = ctx.year_rows("PCI", 2019)
    assert list(got.index) == list(want.index) and len(got) == len(want) > 0
    assert ctx.year_rows("PCI", 1990).empty
