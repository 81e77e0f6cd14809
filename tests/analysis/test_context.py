"""parlib.analysis.context (the shared analysis context) on the SYNTHETIC fixture panel
(synthetic_panel) and its codebook: units, eras, structure, the per-year matrices and their
ranks, years, truncation. Expected values worked out by hand from the fixture's docstring."""
import math

import numpy as np
import pandas as pd
import pytest

import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.analysis import context as X
from parlib.errors import ParameterError, ParlibError, UnknownProvinceError

P, C = S.panel(), S.codebook()


def test_units_names_and_regions():
    assert X.unit_code("Quảng Nam") == "49" and X.unit_code(" 49 ") == "49"
    assert X.unit_code("quang nam") == "49"
    for bad in ("", "  ", None, 49):
        with pytest.raises(UnknownProvinceError):
            X.unit_code(bad)
    assert X.unit_name("49") == "Quang Nam" and X.unit_name("49", "vi") == "Quảng Nam"
    assert X.region_of("49") == "NCC" and X.region_of("01") == "RRD"
    assert X.unit_name("ZZ") == "ZZ" and X.region_of("ZZ") == ""      # not in the registry
    assert X.region_names("nope") == ("nope", "nope")
    en, vi = X.region_names("RRD")
    assert en == "Red River Delta" and vi == "Đồng bằng sông Hồng"


def test_eras_and_comparisons():
    assert X.era_of(C, "PCI", "PCI.c", 2018) == "c1" and X.era_of(C, "PCI", "PCI.c", 2019) == "c2"
    assert X.era_of(C, "PCI", "PCI.c", 2016) == ""                  # before the codebook rows
    assert X.era_of(C, "PCI", "PCI.zzz", 2019) == ""
    assert X.compare_eras(C, "PCI", "PCI.a", 2017, 2020) == (True, "")
    assert X.compare_eras(C, "PCI", "PCI.a", None, 2020) == (False, "")
    assert X.compare_eras(C, "PCI", "PCI.a", float("nan"), 2020) == (False, "")
    assert X.compare_eras(C, "PCI", "PCI.c", 2018.0, 2019) == (
        False, "series break: methodology of PCI.c changed between 2018 and 2019 (era c1 → c2);"
               " not comparable")
    assert X.compare_eras(C, "PCI", "PCI.a", 2016, 2019) == (
        False, "PCI.a is not defined in 2016")
    assert X.compare_eras(C, "PCI", "PCI.a", 2019, 2021, "vi") == (
        False, "PCI.a không có trong năm 2021")
    rows = X.cb_year(C, "PCI", 2019)
    assert sorted(set(rows.indicator)) == ["PCI.a", "PCI.b", "PCI.c", "PCI.overall",
                                           "PCI.unweighted"]
    assert list(rows[rows.indicator == "PCI.c"].era) == ["c2"]


def test_structure_effective_weights_by_depth():
    s1 = X.structure(C, "PAPI", 2019, 1)
    assert list(s1.indicator) == ["PAPI.d1", "PAPI.d2"] and list(s1.weight) == [1.0, 1.0]
    assert list(s1.parent) == ["PAPI.total", "PAPI.total"] and s1.attrs["overall"] == "PAPI.total"
    s2 = X.structure(C, "PAPI", 2019, 2)
    assert list(s2.indicator) == ["PAPI.d1_1", "PAPI.d1_2", "PAPI.d2"]
    assert list(s2.parent) == ["PAPI.d1", "PAPI.d1", "PAPI.total"]
    assert list(s2.level) == ["sub", "sub", "area"] and list(s2.order) == [0, 1, 2]
    assert list(X.structure(C, "PAPI", 2019, 5).indicator) == list(s2.indicator)
    sip = X.structure(C, "SIPAS", 2019)                               # mean of 3: 1/3 each
    assert list(sip.weight) == pytest.approx([1 / 3] * 3)
    assert list(sip.scale_max) == [100, 100, 100] and list(sip.name_vi) == ["Phần x", "Phần y",
                                                                            "Phần z"]
    for bad in (0, "2", 1.5):
        with pytest.raises(ParameterError, match=r"^invalid depth: .*; allowed: 1, 2, leaves$"):
            X.structure(C, "PAPI", 2019, bad)
    with pytest.raises(ParameterError, match=r"^invalid index: 'PCI 2015' \(the codebook has no "
                                             r"aggregated overall indicator for that year\)$"):
        X.structure(C, "PCI", 2015)


def test_structure_refuses_what_it_cannot_use():
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "weight"] = np.nan
    with pytest.raises(ParlibError, match=r"^the codebook gives no weight to PCI\.b in "
                                          r"2017-2020 although PCI\.overall is a weighted_sum of "
                                          r"its criteria: the points lost cannot be computed for "
                                          r"those years$"):
        X.structure(cb, "PCI", 2019)
    odd = C.copy()
    odd.loc[odd.indicator == "PAPI.total", "aggregation"] = "geometric_mean"
    with pytest.raises(ParlibError, match=r"^codebook: unknown aggregation 'geometric_mean' on "
                                          r"PAPI\.total$"):
        X.structure(odd, "PAPI", 2019)


def test_year_matrices_ranks_and_units():
    ctx = X.context(P, C)
    yd = ctx.year("PCI", 2019)
    assert yd.units == S.UNITS                                # the nation row is not a unit
    assert yd.value.loc["49", "PCI.a"] == 4.0 and yd.max_value.loc["49", "PCI.a"] == 10.0
    assert yd.rank_source["PCI.overall"] == "published" and yd.rank_source["PCI.a"] == "computed"
    r = yd.rank_obj("49", "PCI.overall")                      # published 5.25: 5th of 6
    assert (r.rank, r.rank_of, r.kind) == (5, 6, "published")
    a = yd.rank_obj("49", "PCI.a")                            # 4 lowest of 6: computed 6/6
    assert (a.rank, a.rank_of, a.kind) == (6, 6, "computed")
    assert yd.rank_obj("49", "PCI.zzz").rank is None
    assert yd.n_with_value("PCI.a") == 6 and yd.n_with_value("PCI.zzz") == 0
    assert yd.col("ci_low", "PCI.a").isna().all()
    papi = ctx.year("PAPI", 2019)
    assert (papi.ci_low.loc["49", "PAPI.total"], papi.ci_high.loc["49", "PAPI.total"]) == (7, 9)
    assert ctx.year("PCI", 2019) is yd and X.context(P, C) is ctx    # cached
    assert ctx.year("PCI", 2019, "nation").units == ["VN"]


def test_rank_only_rows_and_facts():
    # SYNTHETIC: Quảng Nam's 2019 overall printed as a rank without a score; Hà Nội's a fact
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2019) & (p.indicator == "PCI.overall")
    p.loc[m & (p.unit_code == "49"), "value"] = np.nan
    p.loc[m & (p.unit_code == "01"), "flag"] = "published_fact"
    yd = X.context(p, C).year("PCI", 2019)
    r = yd.rank_obj("49", "PCI.overall")
    assert (r.rank, r.rank_of, r.kind) == (5, 6, "published")
    assert yd.facts == {"PCI.overall"}
    assert list(yd.rank_only.columns) == ["unit_code", "indicator", "rank", "rank_of", "kind"]


def test_reconstructed_rows_are_left_out():
    p = P.copy()
    p.loc[(p["index"] == "SIPAS") & (p.unit_code == "22"), "flag"] = "reconstructed:from_parts"
    yd = X.context(p, C).year("SIPAS", 2019)
    assert yd.units == ["01", "49"]


def test_years_checks_and_previous_survey():
    ctx = X.context(P, C)
    assert ctx.available_years("PCI") == [2017, 2018, 2019, 2020]
    assert ctx.available_years("PCI", "nation") == [2017, 2018, 2019, 2020]
    assert ctx.available_years("PAR") == []
    assert ctx.check_year("PCI", "2019") == 2019
    with pytest.raises(ParameterError, match=r"^invalid year: 2016 \(no PCI data for 2016\); "
                                             r"allowed: 2017, 2018, 2019, 2020$"):
        ctx.check_year("PCI", 2016)
    with pytest.raises(ParameterError, match=r"^invalid year: 'soon'; allowed: 2017"):
        ctx.check_year("PCI", "soon")
    with pytest.raises(ParameterError, match=r"^invalid year: 2019 \(no PAR data for province "
                                             r"units in the panel\); allowed: $"):
        ctx.check_year("PAR", 2019)
    with pytest.raises(ParameterError, match=r"^invalid index: 'XYZ'; allowed: PCI, PAPI"):
        ctx.check_year("XYZ", 2019)
    assert ctx.prev_year("PCI", 2019) == 2018 and ctx.prev_year("PCI", 2017) is None
    assert ctx.overall("PAPI", 2019) == "PAPI.total"
    assert ctx.hib("PCI", "PCI.a", 2019) is True and ctx.hib("PCI", "PCI.zzz", 2019) is True
    cb = C.copy()
    cb.loc[cb.indicator == "PCI.b", "higher_is_better"] = False
    assert X.context(P, cb).hib("PCI", "PCI.b", 2019) is False


def test_truncate_toward_zero():
    assert X.truncate(86.54) == 86.54 and X.truncate(86.549) == 86.54
    assert X.truncate(-1.239) == -1.23 and X.truncate(1.999, 1) == 1.9
    assert X.truncate(0.1 + 0.2) == 0.3                       # binary noise 0.30000000000000004
    assert math.isnan(X.truncate(None)) and math.isnan(X.truncate(float("nan")))


def test_resolve_indicator():
    ctx = X.context(P, C)
    assert X.resolve_indicator(ctx, "PCI", 2019, None) == "PCI.overall"
    assert X.resolve_indicator(ctx, "PCI", 2019, "PCI.b") == "PCI.b"
    with pytest.raises(ParameterError, match=r"^invalid indicator: 'PCI\.c' \(not defined for "
                                             r"PCI 2016\)$"):
        X.resolve_indicator(ctx, "PCI", 2016, "PCI.c")
    with pytest.raises(ParameterError, match=r"^invalid indicator: 'PCI\.q'; allowed: PCI\.a, "
                                             r"PCI\.b, PCI\.c, PCI\.overall, PCI\.unweighted$"):
        X.resolve_indicator(ctx, "PCI", 2019, "PCI.q")
