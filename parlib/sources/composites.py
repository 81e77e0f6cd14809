"""Composite checks, one rule for every index: does a parent reproduce from its children?

For each year, unit and parent indicator whose codebook ``aggregation`` is ``sum`` (PAPI, PAR) or
``weighted_sum`` (PCI), and whose value and every child's value are present, the recomputed
parent is ``sum(weight * child)`` (weight 1 for ``sum``; for ``weighted_sum`` the codebook weight,
and a year without weights is not checked: nothing is assumed). The codebook is read only through
:mod:`parlib.codebook`.
"""
from __future__ import annotations

import pandas as pd

from parlib import codebook

COLUMNS = ["year", "unit_code", "parent", "published", "recomputed", "error", "n_children"]


def links(index: str, years) -> pd.DataFrame:
    """year, indicator (child), parent, weight for every checkable parent of ``index``."""
    rows = []
    for y in sorted({int(y) for y in years}):
        cb = codebook.for_year(index, y)
        for parent in cb[cb.aggregation.isin(("sum", "weighted_sum"))].indicator.unique():
            # a child without a weight is not part of the weighted sum (never assumed)
            rows += [(y, child, parent, w) for child, w in codebook.effective_weights(index, y, parent)
                     if w == w]
    return pd.DataFrame(rows, columns=["year", "indicator", "parent", "weight"])


def composite_errors(values: pd.DataFrame, index: str, carry: str | None = None) -> pd.DataFrame:
    """One row per (year, unit, parent) with the parent and all its children present:
    published, recomputed, error (recomputed - published), n_children. ``carry``: a column of
    ``values`` summed over the children (``<carry>``) and kept for the parent (``p<carry>``)."""
    extra = [carry, "p" + carry] if carry else []
    if values.empty:
        return pd.DataFrame(columns=COLUMNS + extra)
    lk = links(index, values.year.unique())
    need = lk.groupby(["year", "parent"]).size().rename("n_children").reset_index()
    cols = ["year", "unit_code", "indicator", "value"] + ([carry] if carry else [])
    v = values[cols][values.value.notna()]
    kids = v.merge(lk, on=["year", "indicator"])
    kids["term"] = kids.value * kids.weight
    agg = {"recomputed": ("term", "sum"), "n": ("term", "size")}
    if carry:
        agg[carry] = (carry, "sum")
    out = kids.groupby(["year", "unit_code", "parent"]).agg(**agg).reset_index()
    out = out.merge(need, on=["year", "parent"])
    out = out[out.n == out.n_children]
    par = v.rename(columns={"indicator": "parent", "value": "published"}
                   | ({carry: "p" + carry} if carry else {}))
    out = out.merge(par, on=["year", "unit_code", "parent"])
    out["error"] = out.recomputed - out.published
    return out[COLUMNS + extra].sort_values(["year", "unit_code", "parent"]).reset_index(drop=True)
