"""The shared rules of the readers: priority merge (sources/merge.py), composite checks
(sources/composites.py) and codebook weights (parlib.codebook.effective_weights)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from parlib import codebook
from parlib.sources import composites
from parlib.sources.merge import by_key, disagreements, winner


def test_first_record_with_a_value_wins_in_precedence_order():
    # SYNTHETIC records: priority 1 has no value, priority 2 and 3 do
    recs = [{"k": 1, "p": 3, "v": 5.10}, {"k": 1, "p": 1, "v": None}, {"k": 1, "p": 2, "v": 5.04},
            {"k": 0, "p": 1, "v": 1.0}]
    groups = list(by_key(recs, key=lambda r: (r["k"],), precedence=lambda r: r["p"]))
    assert [k for k, _ in groups] == [(0,), (1,)]
    grp = groups[1][1]
    assert [r["p"] for r in grp] == [1, 2, 3]
    win = winner(grp, lambda r: r["v"] is not None)
    assert win["v"] == 5.04
    bad = disagreements(win, grp, lambda r: r["v"], lambda a, b: 0.005)
    assert [(r["v"], round(d, 2)) for r, d in bad] == [(5.10, 0.06)]


def test_codebook_effective_weights_by_aggregation():
    w = dict(codebook.effective_weights("PCI", 2019, "PCI.overall"))
    assert w["PCI.transparency"] == 2.0 and math.isclose(sum(w.values()), 10)
    assert all(math.isnan(v) for _, v in codebook.effective_weights("PCI", 2022, "PCI.overall"))
    papi = dict(codebook.effective_weights("PAPI", 2019, "PAPI.total"))
    assert len(papi) == 8 and set(papi.values()) == {1.0}
    assert codebook.overall_indicator("PCI", 2021) == "PCI.overall"


def test_composite_check_uses_codebook_weights_and_skips_years_without_weights():
    # PCI 2021 Quảng Ninh from VCCI's site table: 73.02 published; 2013-2020 weights give 73.04 (by hand)
    subs = {"PCI.entry_costs": 7.98, "PCI.land_access": 7.39, "PCI.transparency": 6.31,
            "PCI.time_costs": 8.52, "PCI.informal_charges": 7.85, "PCI.policy_bias": 6.96,
            "PCI.proactivity": 7.74, "PCI.business_support": 7.39, "PCI.labour_training": 7.27,
            "PCI.legal_institutions": 7.91, "PCI.overall": 73.02}
    rows = [{"year": y, "unit_code": "22", "indicator": k, "value": v}
            for y in (2021, 2022) for k, v in subs.items()]
    err = composites.composite_errors(pd.DataFrame(rows), "PCI")
    assert list(err.year) == [2021]                       # 2022: no weights, no check
    assert err.recomputed.iloc[0] == pytest.approx(73.04, abs=1e-9)
    assert err.error.iloc[0] == pytest.approx(0.02, abs=1e-9)
