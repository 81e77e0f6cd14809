"""parlib.analysis.weak.gap_decomposition (the long table of points lost): its default depth, the
unit type it reads, the criteria of a partial source it lists, and rows kept aligned when the
codebook lists criteria out of alphabetical order. SYNTHETIC fixture panel (synthetic_panel) and
SYNTHETIC variants built here; every expected value is worked out by hand in a comment."""
import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def test_default_depth_is_the_first_level():
    # PAPI 2019, region-best: Quảng Nam d1 4 (best in NCC: Quảng Ngãi 3 + 4 = 7) -> 3;
    # d2 4 (Đà Nẵng 7) -> 3
    g = A.gap_decomposition("PAPI", 2019, **KW)
    q = g[g.unit_code == "49"].set_index("indicator")
    assert list(q.index) == ["PAPI.d1", "PAPI.d2"]
    assert list(q.points_lost) == pytest.approx([3.0, 3.0])
    assert list(q.benchmark_unit) == ["51", "48"]


def test_another_unit_type():
    # SYNTHETIC: the fixture's province rows as districts: 6 units × 3 criteria; Quảng Nam's
    # region-best gaps .5 × (7 − 4) = 1.5, .3 × (8 − 6) = 0.6, .2 × (8 − 7) = 0.2
    d = P[P.unit_type == "province"].assign(unit_type="district")
    g = A.gap_decomposition("PCI", 2019, unit_type="district", panel=d, codebook=C)
    assert len(g) == 18
    assert list(g[g.unit_code == "49"].points_lost) == pytest.approx([1.5, 0.6, 0.2])


def test_partial_criteria_listed_except_against_the_maximum():
    # SYNTHETIC: criterion a kept for 2 of the 6 units in 2019 (a handful): listed as partial
    # for a benchmark taken from the other units, not for the scale maximum (which needs none)
    keep = ~((P["index"] == "PCI") & (P.year == 2019) & (P.indicator == "PCI.a")
             & ~P.unit_code.isin(["49", "22"]))
    part = P[keep].reset_index(drop=True)
    assert A.gap_decomposition("PCI", 2019, panel=part, codebook=C).attrs["partial"] == ["PCI.a"]
    mx = A.gap_decomposition("PCI", 2019, benchmark="max", panel=part, codebook=C)
    assert mx.attrs["partial"] == []
    # against the maximum Quảng Nam's a still counts: .5 × (10 − 4) = 3
    assert mx[(mx.unit_code == "49") & (mx.indicator == "PCI.a")].points_lost.iloc[0] == 3.0


def test_rows_stay_aligned_when_criteria_are_not_in_alphabetical_order():
    # SYNTHETIC PAR 2019, the codebook lists "z" before "a" (overall = z + a): in NCC, z is
    # best at Đà Nẵng 48 (9), a at Quảng Ngãi 51 (8); Quảng Nam 49 (z 1, a 2)
    cb = [dict(index="PAR", indicator="PAR.overall", level="overall", parent="", name_en="o",
               name_vi="o", scale_min=0, scale_max=20, weight=np.nan, aggregation="sum",
               year_from=2019, year_to=2019, era="x", higher_is_better=True, notes="")]
    cb += [dict(cb[0], indicator=f"PAR.{c}", level="area", parent="PAR.overall", scale_max=10,
                aggregation="", name_en=c, name_vi=c) for c in "za"]
    vals = {"48": (9, 3), "49": (1, 2), "51": (4, 8)}      # (z, a)
    rows = []
    for u, (z, a) in vals.items():
        for ind, v in (("PAR.z", z), ("PAR.a", a), ("PAR.overall", z + a)):
            rows.append(dict(index="PAR", year=2019, unit_code=u, unit_type="province",
                             indicator=ind, value=float(v), max_value=np.nan, rank=pd.NA,
                             rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    cbf = pd.DataFrame(cb)
    cbf["higher_is_better"] = cbf["higher_is_better"].astype(bool)
    g = A.gap_decomposition("PAR", 2019, panel=pd.DataFrame(rows), codebook=cbf)
    q = g[g.unit_code == "49"]
    # z: 9 − 1 = 8 held by 48; a: 8 − 2 = 6 held by 51
    assert q[["indicator", "value", "benchmark_value", "benchmark_unit", "points_lost"]] \
        .values.tolist() == [["PAR.z", 1.0, 9.0, "48", 8.0], ["PAR.a", 2.0, 8.0, "51", 6.0]]
