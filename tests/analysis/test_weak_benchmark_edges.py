"""parlib.analysis.weak at the edges of its benchmarks: the scale end from the codebook or the
table, a partial overall score, ties for the overall lead, a facts-only codebook, and the error
for a unit without data when more than twelve units have some. SYNTHETIC panels built here
(made-up numbers; every expected value is worked out by hand in a comment) and the SYNTHETIC
fixture panel (synthetic_panel: PCI 2019 overall = .5a + .3b + .2c, Quảng Nam 49 (4, 6, 7),
published 5.25; others 22 (8, 6, 9) 7.6, 48 (7, 8, 6) 7.1, 01 (6, 7, 5) 6.1, 51 (6, 4, 8) 5.8,
31 (5, 5, 5) 5.0)."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.analysis.weak import VIEW_COLUMNS
from parlib.errors import ParameterError
from synthetic_par import par_panel

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
CRIT = ["PCI.a", "PCI.b", "PCI.c"]
NCC = ["38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60"]


def _par(scores, published=None):
    """SYNTHETIC PAR 2019: {unit: (a, b) or (a, None)}; overall = a + b (sum), published as
    given (default the sum), no printed rank."""
    return par_panel({c: {u: v[i] for u, v in scores.items()} for i, c in enumerate("ab")},
                     published)


# ----------------------------------------------------------------------------- unknown unit
def test_unknown_unit_lists_twelve_units_and_counts_the_rest():
    # 13 of the 14 North Central provinces have data (not Thanh Hóa 38): 12 named in code
    # order, "and 1 more" (Bình Thuận 60)
    kw = _par({u: (5, 5) for u in NCC[1:]})
    names = ("Nghệ An, Hà Tĩnh, Quảng Bình, Quảng Trị, Thừa Thiên Huế, Đà Nẵng, Quảng Nam, "
             "Quảng Ngãi, Bình Định, Phú Yên, Khánh Hòa, Ninh Thuận")
    with pytest.raises(ParameterError) as e:
        A.weak_criteria("Thanh Hóa", "PAR", 2019, **kw)
    assert str(e.value) == ("invalid province: 'Thanh Hóa (38)' (no PAR 2019 data for it; 13 "
                            f"units have data: {names} and 1 more)")
    # exactly 12 (without Bình Thuận too): all named, nothing more
    kw12 = _par({u: (5, 5) for u in NCC[1:-1]})
    with pytest.raises(ParameterError) as e:
        A.weak_criteria("Thanh Hóa", "PAR", 2019, **kw12)
    assert str(e.value) == ("invalid province: 'Thanh Hóa (38)' (no PAR 2019 data for it; 12 "
                            f"units have data: {names})")


# ----------------------------------------------------------------------------- scale end
def test_max_is_the_codebook_scale_end_else_the_table_maximum():
    # SYNTHETIC codebook: a's scale 0-20 (the table says max_value 10), b without a scale end
    # (the table's 10 is used); Quảng Nam a 4: .5 × (20 − 4) = 8, share 100 × 4 / 20 = 20 %;
    # b 6: .3 × (10 − 6) = 1.2; c 7: .2 × (10 − 7) = 0.6
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.a", "scale_max"] = 20
    cb.loc[cb.indicator == "PCI.b", "scale_max"] = np.nan
    df = A.weak_criteria("49", "PCI", 2019, benchmark="max", panel=P, codebook=cb) \
        .set_index("indicator")
    assert list(df.loc[CRIT, "max"]) == [20.0, 10.0, 10.0]
    assert list(df.loc[CRIT, "benchmark_value"]) == [20.0, 10.0, 10.0]
    assert list(df.loc[CRIT, "points_lost"]) == pytest.approx([8.0, 1.2, 0.6])
    assert df.loc["PCI.a", "share_of_max"] == 20.0


# ----------------------------------------------------------------------------- partial overall
def test_partial_overall_no_leader_profile_but_criterion_benchmarks():
    # SYNTHETIC: the 2019 overall kept for Quảng Ninh and Quảng Nam only (2 of 6: a handful);
    # every criterion complete. Per-criterion benchmarks stand (region-best as for the full
    # panel: 1.5, 0.6, 0.2); the profile of an overall leader is not taken from a handful
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.overall")
             & ~P.unit_code.isin(["22", "49"]))
    p = P[keep].reset_index(drop=True)
    rb = A.weak_criteria("49", "PCI", 2019, panel=p, codebook=C).set_index("indicator")
    assert list(rb.loc[CRIT, "points_lost"]) == pytest.approx([1.5, 0.6, 0.2])
    assert rb["rank_if_met"].isna().all()          # no rank among a handful of overall scores
    for b in ("leader", "region-leader"):
        ld = A.weak_criteria("49", "PCI", 2019, benchmark=b, panel=p, codebook=C)
        assert ld["benchmark_value"].isna().all() and ld["points_lost"].isna().all(), b
        assert set(ld["benchmark_unit_code"]) == {""} and set(ld["benchmark_unit"]) == {""}, b


# ----------------------------------------------------------------------------- leader ties
def test_overall_lead_tie_goes_to_the_higher_recomputed_score_then_the_lower_code():
    # SYNTHETIC NCC trio, published overall 48 12, 51 12 (a tie), 49 2:
    # 48 (5, 5) recomputes 10, 51 (6, 6) 12 -> Quảng Ngãi 51 leads; Quảng Nam (1, 1) loses
    # (6 − 1) + (6 − 1) = 10 points against its profile
    kw = _par({"48": (5, 5), "49": (1, 1), "51": (6, 6)}, published={"48": 12})
    df = A.weak_criteria("49", "PAR", 2019, benchmark="region-leader", **kw)
    assert set(df["benchmark_unit_code"]) == {"51"} and df["points_lost"].sum() == 10.0
    # both (6, 6) and 12: the lower code, Đà Nẵng 48
    kw = _par({"48": (6, 6), "49": (1, 1), "51": (6, 6)})
    df = A.weak_criteria("49", "PAR", 2019, benchmark="region-leader", **kw)
    assert set(df["benchmark_unit_code"]) == {"48"} and set(df["benchmark_unit"]) == {"Đà Nẵng"}


def test_overall_lead_among_the_units_with_every_criterion():
    # SYNTHETIC: Quảng Ngãi (12 published) lacks b, so of the units with both criteria Đà Nẵng
    # (5, 5) leads alone; Quảng Nam (1, b missing) is compared on a: 5 − 1 = 4
    kw = _par({"48": (5, 5), "49": (1, None), "51": (6, None)}, published={"51": 12, "49": 1})
    df = A.weak_criteria("49", "PAR", 2019, benchmark="leader", **kw).set_index("indicator")
    assert df.loc["PAR.a", "benchmark_unit_code"] == "48"
    assert df.loc["PAR.a", "points_lost"] == 4.0


# ----------------------------------------------------------------------------- facts only
def test_codebook_without_criteria_gives_the_overall_alone():
    # SYNTHETIC codebook: PCI 2019 lists the overall only (a facts-only year)
    cb = C[~C.indicator.isin(CRIT)].reset_index(drop=True)
    st = A.criteria("PCI", 2019, panel=P, codebook=cb)
    assert st.empty and st.attrs["overall"] == "PCI.overall"
    assert st.attrs["no_weights"] == ("codebook: the overall indicator PCI.overall has no "
                                      "children in 2019")
    df = A.weak_criteria("49", "PCI", 2019, panel=P, codebook=cb)
    assert df.empty and list(df.columns) == VIEW_COLUMNS
    s = df.attrs["summary"]
    assert (s["published"], s["rank"], s["rank_of"], s["has_composite"]) == (5.25, 5, 6, False)
    # nothing to recompute the overall from: missing, not 0
    assert np.isnan(s["recomputed"]) and np.isnan(s["residual"]) and s["missing"] == []


def test_unweighted_criteria_keep_a_boolean_direction():
    cb = C.copy()
    cb.loc[cb.indicator.isin(CRIT), "weight"] = np.nan       # no weights (like PCI 2023)
    st = A.criteria("PCI", 2019, panel=P, codebook=cb)
    assert st["higher_is_better"].dtype == bool and list(st["higher_is_better"]) == [True] * 3


# ----------------------------------------------------------------------------- no region
def test_a_unit_without_a_region_has_no_place_in_one():
    # SYNTHETIC: the nation row "VN" given Quảng Nam's 2019 criteria (4, 6, 7), viewed as the
    # only "nation" unit: it belongs to no region -> region code "", no regional rank, a
    # "region" of itself (1 unit, 1 with data)
    rows = P[(P["index"] == "PCI") & (P.year == 2019) & (P.unit_code == "49")
             & P.indicator.isin(CRIT)].assign(unit_code="VN", unit_type="nation")
    p = pd.concat([P, rows], ignore_index=True)
    df = A.weak_criteria("VN", "PCI", 2019, unit_type="nation", panel=p, codebook=C)
    assert list(df.indicator) == CRIT and list(df.score) == [4.0, 6.0, 7.0]
    assert set(df.region_code) == {""} and set(df.region_n) == {1}
    assert set(df.region_with_data) == {1} and df.region_complete.all()
    assert df.region_rank.isna().all() and df.region_rank_of.isna().all()


def test_a_benchmark_held_by_two_units_names_both():
    # SYNTHETIC NCC trio: a's best, 6, is held by Đà Nẵng 48 and Quảng Ngãi 51; b's, 5, by
    # Đà Nẵng alone. Quảng Nam (1, 1) loses 5 and 4 points
    kw = _par({"48": (6, 5), "49": (1, 1), "51": (6, 4)})
    df = A.weak_criteria("49", "PAR", 2019, **kw).set_index("indicator")
    assert df.loc["PAR.a", "benchmark_unit_code"] == "48;51"
    assert df.loc["PAR.a", "benchmark_unit"] == "Đà Nẵng, Quảng Ngãi"
    assert df.loc["PAR.b", "benchmark_unit"] == "Đà Nẵng"
    assert (df.loc["PAR.a", "points_lost"], df.loc["PAR.b", "points_lost"]) == (5.0, 4.0)
