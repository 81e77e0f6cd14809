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


def _tiny_panel():
    """SYNTHETIC: PCI 2018 overall for three units without ranks (parlib computes 1-3 of 3);
    PCI 2019 overall for two units without ranks beside a sub-index printed as ranked among 63
    (a partial table: no computed rank), and a published fact for a third unit (kept as is)."""
    rows = [(2018, "01", "PCI.overall", 60.0, None, None, None),
            (2018, "22", "PCI.overall", 70.0, None, None, None),
            (2018, "49", "PCI.overall", 65.0, None, None, None),
            (2019, "01", "PCI.overall", 70.0, None, None, None),
            (2019, "22", "PCI.overall", 60.0, None, None, None),
            (2019, "01", "PCI.land_access", 7.0, 5, 63, None),
            (2019, "49", "PCI.overall", 75.0, 2, 63, "published_fact")]
    df = pd.DataFrame(rows, columns=["year", "unit_code", "indicator", "value", "rank",
                                     "rank_of", "flag"])
    return df.assign(index="PCI", unit_type="province", max_value=np.nan, ci_low=np.nan,
                     ci_high=np.nan)


def test_overall_rows_compute_ranks_only_for_complete_tables_by_hand():
    panel, cb = _tiny_panel(), load_codebook()
    got = overall_rows(Context(panel, cb), "PCI").set_index(["year", "unit_code"])
    # 2018: 70 (22) > 65 (49) > 60 (01), computed among the 3 with a value
    for code, r in (("22", 1), ("49", 2), ("01", 3)):
        assert (got.loc[(2018, code), "rank"], got.loc[(2018, code), "rank_of"],
                got.loc[(2018, code), "kind"]) == (r, 3, ranks.COMPUTED)
    # 2019: the sub-index is printed among 63 → two values are a partial table: no rank
    assert got.loc[(2019, "01"), ["rank", "rank_of"]].isna().all()
    assert got.loc[(2019, "22"), ["rank", "rank_of"]].isna().all()
    assert (got.loc[(2019, "49"), "rank"], got.loc[(2019, "49"), "rank_of"],
            got.loc[(2019, "49"), "kind"]) == (2, 63, ranks.PUBLISHED)
    assert list(got.index) == [(2018, "01"), (2018, "22"), (2018, "49"), (2019, "01"),
                               (2019, "22"), (2019, "49")]
    assert set(got["indicator"]) == {"PCI.overall"}
    full = Context(panel, cb).year("PCI", 2018)
    assert full.rank["PCI.overall"].to_dict() == {"01": 3.0, "22": 1.0, "49": 2.0}
