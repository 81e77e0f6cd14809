"""Monte Carlo rank intervals, rank moves labelled real / within noise, effective weights.

Real-panel tests use the committed panel (published PCI 2019 ranks: Quảng Ninh 1st); hand-computed
ones use the SYNTHETIC fixture panel (tests/fixtures/synthetic_panel.py)."""
import numpy as np
import pandas as pd
import pytest

import synthetic_panel as S
from parlib.analysis import effective_weights as ew
from parlib.analysis import rank_simulation as rs
from parlib.errors import ParameterError
from parlib.panel.ranks import competition, competition_matrix
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)


@pytest.fixture(scope="module")
def syn():
    return S.panel(), S.codebook()


def test_competition_matrix_ranks_each_column_like_competition():
    rng = np.random.default_rng(1)
    v = rng.integers(0, 5, size=(12, 30)).astype(float)
    v[3, 4] = np.nan
    for hib in (True, False):
        m = competition_matrix(v, hib)
        for j in range(v.shape[1]):
            expect = competition(pd.Series(v[:, j]), hib).astype("Float64").to_numpy(float, na_value=np.nan)
            np.testing.assert_array_equal(m[:, j], expect)


def test_pci_2019_every_published_rank_lies_in_its_interval():
    d = rs.intervals("PCI", 2019)
    assert len(d) == 63 and (d.draws == 1000).all()
    assert ((d["rank"] >= d.rank_low) & (d["rank"] <= d.rank_high)).all()
    assert (d.rank_kind == "published").all()


def test_quang_ninh_first_narrow_mid_table_wider():
    d = rs.intervals("PCI", 2019).set_index("unit_code")
    qn = d.loc["22"]
    assert qn["rank"] == 1 and qn.rank_low == 1 and qn.width <= 3
    mid = d[(d["rank"] > 21) & (d["rank"] <= 42)]
    assert mid.width.median() > 3 * qn.width


def test_collapse_to_published_rank_with_every_source_off():
    d = rs.intervals("PCI", 2019, rs.MCParams.off())
    assert (d.rank_low == d["rank"]).all() and (d.rank_high == d["rank"]).all()
    assert (d.rank_median == d["rank"]).all()
    # 2019: the composite recomputed from the sub-indices with the official 2013-era weights
    # reproduces every published rank, so the anchoring changes nothing
    rec = d.attrs["recomputed_rank"]
    assert (rec[d.unit_code].to_numpy() == d["rank"].to_numpy()).all()
    assert d.attrs["residual_max"] < 1e-4


def test_pci_2011_composite_not_reproduced_residual_carried_and_said():
    d = rs.intervals("PCI", 2011, rs.MCParams.off())
    rec = d.attrs["recomputed_rank"]
    assert (rec[d.unit_code].to_numpy() != d["rank"].to_numpy()).any()
    assert d.attrs["residual_max"] > 0.30        # the codebook: no weights reproduce 2011
    assert (d.rank_low == d["rank"]).all()        # anchored on the published composite


def test_papi_2019_sampling_from_published_ci():
    on = rs.intervals("PAPI", 2019, rs.MCParams(weight_bound=0, p_equal=0, p_geometric=0))
    assert set(on.sampling) == {"published CI (overall)"}
    assert (on.width > 0).sum() > 50
    off = rs.intervals("PAPI", 2019, rs.MCParams.off())
    assert (off.width == 0).all()


def test_no_weights_or_partial_source_gives_no_interval():
    d = rs.intervals("PCI", 2022)
    assert d.rank_low.isna().all() and d.model.str.contains("no official weights").all()
    c = rs.intervals("PCI", 2021)    # sub-indices only for the 21 provinces on the VCCI site
    assert c.rank_low.isna().all() and c.model.str.contains("composite only").all()
    assert (c.rank_kind == "published").sum() == 21
    p = rs.intervals("PCI", 2024)    # news facts: 15 of 63 provinces
    assert p.rank_low.isna().all() and p.model.str.contains("partial source").all()


def test_same_seed_same_result_parameters_recorded():
    a = rs.intervals("PCI", 2018, rs.MCParams(draws=300, seed=7))
    b = rs.intervals("PCI", 2018, rs.MCParams(draws=300, seed=7))
    pd.testing.assert_frame_equal(a, b)
    assert set(a.seed) == {7} and set(a.weight_bound) == {0.25}


def test_equal_weights_only_hand_computed(syn):
    panel, cb = syn
    # every draw uses equal weights (1/3 each, total 1.0), anchored on the published composite:
    # 22: 7.667, 48: 7.0, 01: 6.1+(6.0-6.1)=6.0, 51: 6.0, 49: 5.25+(5.667-5.2)=5.717, 31: 5.0
    p = rs.MCParams(draws=50, weight_bound=0, p_equal=1.0, p_geometric=0, sampling=False)
    d = rs.intervals("PCI", 2019, p, panel=panel, codebook=cb).set_index("unit_code")
    assert (d.rank_low == d.rank_high).all()
    assert d.loc["22", "rank_low"] == 1 and d.loc["48", "rank_low"] == 2
    assert d.loc["49", "rank_low"] == 5 and d.loc["31", "rank_low"] == 6
    assert {d.loc["01", "rank_low"], d.loc["51", "rank_low"]} <= {3, 4}


@pytest.mark.parametrize("field,value", [("draws", 0), ("weight_bound", 1.5), ("p_equal", -0.1),
                                         ("level", 1.2)])
def test_bad_parameters_named(field, value):
    with pytest.raises(ParameterError, match=field):
        rs.intervals("PCI", 2019, rs.with_params(None, **{field: value}))


def _iv(rank, low, high, year=2019, rank_of=63, kind="published"):
    return {"rank": rank, "rank_low": low, "rank_high": high, "rank_of": rank_of,
            "rank_kind": kind, "index": "PCI", "year": year, "indicator": "PCI.overall"}


def test_move_labels_in_words():
    prev, cur = _iv(12, 10, 14, 2018), _iv(6, 5, 8)
    assert rs.move_label(prev, cur, "en") == "up 6 places, more than the noise"
    assert rs.move_label(prev, cur, "vi") == "tăng 6 bậc, vượt mức nhiễu"
    wide = _iv(6, 4, 11)
    assert rs.move_label(prev, wide, "en") == "up 6 places, within the noise"
    assert rs.move_label(prev, wide, "vi") == "tăng 6 bậc, trong phạm vi nhiễu"
    assert rs.move_label(cur, _iv(7, 6, 9, 2020), "en") == "down 1 place, within the noise"
    assert rs.move_label(prev, _iv(12, 11, 13), "en") == "no change in rank"
    assert rs.move_label(prev, _iv(6, None, None), "en") == "up 6 places, noise not assessed"


def test_move_not_comparable_across_methodology_or_denominator():
    a, b = _iv(2, None, None, 2020), _iv(3, None, None, 2021)
    verdict, d, why = rs.move_verdict(a, b)
    assert verdict == "not comparable" and d == -1 and "2013 → 2021" in why
    assert rs.move_label(_iv(5, 4, 6, 2018), _iv(3, 2, 4, rank_of=61), "en") == "not comparable"


def test_moves_verdict_matches_interval_overlap():
    m = rs.moves("PCI", 2019)
    assert m.prev_year.eq(2018).all() and len(m) == 63
    moved = m[m.rank_change != 0]
    overlap = (moved.rank_low <= moved.prev_rank_high) & (moved.prev_rank_low <= moved.rank_high)
    assert (moved.verdict == np.where(overlap, "within noise", "real")).all()
    assert m.label_en.str.contains("noise|no change").all()


def test_effective_weights_pci_2019():
    e = ew.effective_weights("PCI", 2019).set_index("indicator")
    # nominal shares are the 2013-era official weights (transparency 20%, entry costs 5%)
    assert e.loc["PCI.transparency", "nominal_share"] == pytest.approx(0.20)
    assert e.loc["PCI.entry_costs", "nominal_share"] == pytest.approx(0.05)
    assert e.effective_share.sum() == pytest.approx(1.0)
    import parlib

    p = parlib.load("PCI")
    w = p[(p.year == 2019) & (p.unit_type == "province")].pivot(
        index="unit_code", columns="indicator", values="value")
    r = np.corrcoef(w["PCI.informal_charges"], w["PCI.overall"])[0, 1]
    assert e.loc["PCI.informal_charges", "corr"] == pytest.approx(r)


def test_effective_weights_need_criteria_of_every_unit():
    with pytest.raises(ParameterError, match="year"):
        ew.effective_weights("PCI", 2022)
    with pytest.raises(ParameterError, match="21 of the 63"):
        ew.effective_weights("PCI", 2021)


def test_unit_sensitivity_hand_computed(syn):
    panel, cb = syn
    # SYNTHETIC 2019: Quảng Nam (49) published 5.25, rank 5 of 6; criterion A's spread across the
    # six units is sd(6, 8, 5, 7, 4, 6) = 1.4142; weight 0.5 → +0.707 → 5.957: passes 51 (5.8)
    s = ew.unit_sensitivity("Quảng Nam", "PCI", 2019, panel=panel, codebook=cb).set_index("indicator")
    assert s.loc["PCI.a", "points_per_sd"] == pytest.approx(0.5 * np.std([6, 8, 5, 7, 4, 6], ddof=1))
    assert s.loc["PCI.a", "rank"] == 5 and s.loc["PCI.a", "rank_if_up_1sd"] == 4


def test_pci_sampling_not_modelled_unless_assumed_and_then_labelled():
    d = rs.intervals("PCI", 2019, rs.MCParams(draws=200))
    assert set(d.sampling) == {rs.NO_SE}
    a = rs.intervals("PCI", 2019, rs.MCParams(draws=200, assumed_se=0.1))
    assert a.sampling.str.startswith("ASSUMED se=0.1").all()
    only = rs.intervals("PCI", 2019, rs.with_params(rs.MCParams.off(), assumed_se=0.1))
    assert (only.width > 0).any() and ((only["rank"] >= only.rank_low) & (only["rank"] <= only.rank_high)).mean() > 0.9


def test_rank_sentence_for_the_brief():
    # Vĩnh Long: published PCI rank 8 in 2018, 3 in 2019 (official workbooks)
    en = rs.rank_sentence("Vĩnh Long", "PCI", 2019, "en")
    assert en.startswith("PCI 2019: rank 3/63, 90% interval ") and "up 5 places" in en
    assert en.endswith("(since 2018)")
    vi = rs.rank_sentence("Vĩnh Long", "PCI", 2019, "vi")
    assert vi.startswith("PCI 2019: hạng 3/63, khoảng 90%: ") and "tăng 5 bậc" in vi
    dt = rs.rank_sentence("Đồng Tháp", "PCI", 2021, "en")
    assert dt.startswith("PCI 2021: rank 3/63, no rank interval") and "not comparable" in dt
