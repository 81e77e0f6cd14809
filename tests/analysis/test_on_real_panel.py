"""The analysis functions on the REAL processed panel (data/processed/panel.parquet, built by
`parlib build`). Skipped, with the reason, only while the panel has no PCI/PAPI rows."""
import warnings

import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
from parlib.errors import ParlibError

from conftest import ROOT

PANEL_PATH = ROOT / "data" / "processed" / "panel.parquet"


def _panel():
    if not PANEL_PATH.exists():
        return None
    return pd.read_parquet(PANEL_PATH)


PANEL = _panel()
HAS = set() if PANEL is None else set(PANEL.loc[PANEL.value.notna(), "index"].unique())
needs_pci = pytest.mark.skipif("PCI" not in HAS, reason="the processed panel has no PCI rows yet "
                               "(run `parlib build`)")
needs_papi = pytest.mark.skipif("PAPI" not in HAS, reason="the processed panel has no PAPI rows "
                                "yet (run `parlib build`)")
KW = dict(panel=PANEL)
# province-years whose every criterion is published for all 63 provinces (PCI 2019 VCCI workbook,
# PAPI 2019 dimension table): each of them must decompose exactly, not be skipped
ALL_63_DECOMPOSE = {("PCI", 2019, 1), ("PAPI", 2019, 1)}


@pytest.mark.skipif(not {"PCI", "PAPI"} <= HAS,
                    reason="the processed panel has no PCI and PAPI rows yet (run `parlib build`)")
def test_must_show_gaps_add_up_for_every_pci_papi_province_year():
    """For every PCI and PAPI province-year and every benchmark, Σ points lost == overall gap
    (within 1e-9). Province-years that cannot be decomposed are listed: they must lack a
    criterion value in the panel, or the codebook must lack the weights for that year."""
    checked, not_decomposable = 0, []
    for index in ("PCI", "PAPI"):
        years = sorted(PANEL[(PANEL["index"] == index) & (PANEL.unit_type == "province")
                             & PANEL.value.notna()].year.unique())
        for year in years:
            for depth in (1, "leaves"):
                for b in A.BENCHMARKS:
                    try:
                        g = A.gap_decomposition(index, int(year), benchmark=b, depth=depth, **KW)
                    except ParlibError as exc:
                        assert "weight" in str(exc) or "children" in str(exc), str(exc)
                        not_decomposable.append((index, int(year), "codebook: " + str(exc)[:60]))
                        break
                    s = g.groupby("unit_code").agg(
                        lost=("points_lost", lambda x: x.sum(min_count=len(x))),
                        gap=("overall_gap", "first"),
                        missing=("value", lambda x: x.isna().any()))
                    ok = s.gap.notna() & s.lost.notna()
                    # a unit is left out only when one of its criteria has no value, or when
                    # the source is partial (no benchmark taken from a handful of units)
                    assert s.loc[~ok, "missing"].all() or g.attrs["partial"]
                    err = (s.lost[ok] - s.gap[ok]).abs()
                    assert (err < 1e-9).all(), (index, year, b, err.max())
                    if (index, int(year), depth) in ALL_63_DECOMPOSE:   # known complete years
                        assert int(ok.sum()) == 63, (index, year, depth, b, int(ok.sum()))
                    checked += int(ok.sum())
                    if b == "max" and depth == 1 and (~ok).any():
                        not_decomposable.append((index, int(year), f"{int((~ok).sum())} units "
                                                 "lack a criterion value"))
    assert checked > 2 * 4 * 63 * 20          # thousands of province-year-benchmark checks
    if not_decomposable:
        warnings.warn("not decomposable (data or codebook): "
                      + "; ".join(f"{i} {y}: {why}" for i, y, why in sorted(set(not_decomposable))))


@needs_pci
def test_pci_2019_quang_ninh_first():
    s = A.overall_gap("Quảng Ninh", "PCI", 2019, **KW)
    assert round(s["published"], 2) == 73.40
    assert (s["rank"], s["rank_of"]) == (1, 63)
    assert abs(s["residual"]) < 0.01
    st = A.standing("Quảng Ninh", 2019, **KW).set_index("index")
    assert st.loc["PCI", "rank"] == 1 and round(st.loc["PCI", "score"], 2) == 73.40
    best = A.points_lost("Quảng Nam", "PCI", 2019, benchmark="leader", **KW)
    assert best.attrs["summary"]["benchmark_unit"] == "22"    # the profile of the leader


@needs_pci
def test_pci_2019_weights_reproduce_every_published_score():
    """A wrong weight would break this: Σ weight × sub-index = published PCI for all 63."""
    cr = A.criteria("PCI", 2019)
    assert cr.weight.sum() == pytest.approx(10.0) and len(cr) == 10
    g = A.gap_decomposition("PCI", 2019, **KW)
    res = g.groupby("unit_code").residual.first()
    assert len(res) == 63 and res.abs().max() < 0.01


@needs_pci
def test_pci_2019_quang_nam_points_lost():
    df = A.points_lost("Quảng Nam", "PCI", 2019, benchmark="max", **KW)
    s = df.attrs["summary"]
    assert round(s["published"], 2) == 69.42 and s["rank"] == 6
    assert df.points_lost.sum() == pytest.approx(100 - s["recomputed"], abs=1e-9)
    assert (df.points_lost > 0).all()
    assert df.iloc[0]["indicator"] == "PCI.labour_training"     # weight 2, score 6.67
    assert df.share_of_max.between(0, 100).all()
    assert (df["rank"] <= df["rank_of"]).all()
    w = A.whatif("Quảng Nam", "PCI", 2019, {"PCI.labour_training": "region-best"}, **KW)
    assert w.gain > 0 and w.new_rank < w.old_rank


@needs_papi
def test_papi_2019_sum_and_noise():
    g = A.gap_decomposition("PAPI", 2019, depth=1, **KW)
    assert g.groupby("unit_code").residual.first().abs().max() < 0.01   # total = Σ dimensions
    hn = A.overall_gap("Hà Nội", "PAPI", 2019, **KW)
    assert hn["published"] == pytest.approx(41.53, abs=0.01)             # unweighted total
    ri = A.rank_intervals("PAPI", 2019, **KW)
    assert len(ri) == 63 and ri.rank_best.notna().all()
    assert ((ri.rank_best <= ri["rank"]) & (ri["rank"] <= ri.rank_worst)).all()
    mv = A.rank_moves("PAPI", 2019, **KW)
    real = mv[mv.move == "real"]          # a "real" move: the rank intervals do not overlap
    assert ((real.rank_best > real.prev_rank_worst) | (real.prev_rank_best > real.rank_worst)).all()
    assert set(mv.move) <= {"real", "within noise", "no CI", "no change"}


@needs_papi
def test_papi_series_break_2018():
    wc = A.window_change("PAPI", 2017, 2018, **KW)
    assert not wc.comparable.any()                  # 6 -> 8 dimensions
    assert wc.break_note.str.contains("6dim").all()


@pytest.mark.skipif(not {"PCI", "PAPI"} <= HAS, reason="needs PCI and PAPI in the panel")
def test_rank_correlations_real():
    rc = A.rank_correlations(years=2019, **KW)
    row = rc[(rc.index_a == "PCI") & (rc.index_b == "PAPI")].iloc[0]
    assert row.n >= 60 and -1 <= row.rho <= 1
    assert np.isfinite(row.p_value)
