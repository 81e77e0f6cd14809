"""The memo keys of the points-lost machinery keep index-years apart within one analysis context
(the committed real panel; caches cleared before each test, so both calls share one context)."""
import warnings

import parlib.analysis as A
from parlib.analysis import weak as W
from parlib.analysis.context import context
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)


def test_two_indices_of_one_year_are_decomposed_apart():
    # PCI 2019 (10 sub-indices) then PAPI 2019 (8 dimensions) in the same context: the second
    # table must hold PAPI criteria only, not the PCI decomposition kept for 2019
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pci = A.gap_decomposition("PCI", 2019)
        papi = A.gap_decomposition("PAPI", 2019)
    assert set(pci.indicator.str.split(".").str[0]) == {"PCI"}
    assert set(papi.indicator.str.split(".").str[0]) == {"PAPI"}
    assert papi.indicator.nunique() == 8 and pci.indicator.nunique() == 10


def test_unweighted_structures_are_kept_per_index_year():
    # the codebook gives PCI 2022 its ten sub-indices but no weights, and PCI 2024 no
    # sub-indices at all: asked one after the other in one context, each keeps its own
    ctx = context()
    s22 = W.criteria_structure(ctx, "PCI", 2022, 1)
    s24 = W.criteria_structure(ctx, "PCI", 2024, 1)
    assert len(s22) == 10 and s22.weight.isna().all()
    assert "PCI.entry_costs" in s22.attrs["no_weights"]
    assert len(s24) == 0 and "no children" in s24.attrs["no_weights"]


def test_an_unweighted_structure_has_the_columns_of_a_weighted_one():
    # PCI 2019 has VCCI's weights, PCI 2022 none: the same columns either way, so a table built
    # on either reads the same; the ten sub-indices hang from PCI.overall, all higher-is-better
    ctx = context()
    weighted = W.criteria_structure(ctx, "PCI", 2019, 1)
    unweighted = W.criteria_structure(ctx, "PCI", 2022, 1)
    assert list(unweighted.columns) == list(weighted.columns) == [
        "indicator", "parent", "weight", "level", "name_en", "name_vi", "scale_min", "scale_max",
        "higher_is_better", "era", "order"]
    assert set(unweighted.parent) == {"PCI.overall"}
    assert unweighted.higher_is_better.dtype == bool and unweighted.higher_is_better.all()
