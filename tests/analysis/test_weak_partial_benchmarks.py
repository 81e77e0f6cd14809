"""Which criteria a points-lost table marks partial, by benchmark, on the committed real panel.

PCI 2021: VCCI's site gives the ten sub-indices for its top 21 provinces only (data/processed,
source `pci_2021_top21`), so a benchmark taken from the other provinces (the leader, the
regional best) is partial for every sub-index, while the scale maximum needs no other province.
"""
import warnings

import pytest

import parlib.analysis as A
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)

SUBS = ["PCI.entry_costs", "PCI.land_access", "PCI.transparency", "PCI.time_costs",
        "PCI.informal_charges", "PCI.policy_bias", "PCI.proactivity", "PCI.business_support",
        "PCI.labour_training", "PCI.legal_institutions"]


@pytest.mark.parametrize("benchmark,partial", [("max", []), ("leader", SUBS), ("region-best", SUBS)])
def test_pci_2021_top_21_partial_criteria_by_benchmark(benchmark, partial):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        g = A.gap_decomposition("PCI", 2021, benchmark=benchmark)
    assert sorted(g.attrs["partial"]) == sorted(partial)
    # 63 provinces × 10 sub-indices
    assert len(g) == 630
