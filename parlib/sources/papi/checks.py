"""Checks on the merged PAPI panel: composites reproduce (sub-dimensions sum to their dimension,
dimensions to the unweighted total) and values lie within the codebook scale.

Tolerance of a sum: half a unit of the last kept decimal of every term (5e-6 for the
full-precision workbooks, 0.005 for the 2-decimal CSV copies) plus the float32 noise of the
workbooks. The largest error per year and level goes to ``report.metric``; every sum outside
its tolerance to ``report.issue(kind="composite_mismatch")``.
"""
from __future__ import annotations

import pandas as pd

from parlib import codebook
from parlib.sources import composites
from parlib.sources.papi import catalog

FLOAT_NOISE = 2e-5  # float32 values (7 significant digits) summed over up to 8 terms
METRIC_SOURCE = catalog.FOLDER


def papi_codebook() -> pd.DataFrame:
    """The PAPI rows of the codebook (:mod:`parlib.codebook`, the one codebook API)."""
    cb = codebook.load_codebook()
    return cb[cb["index"] == "PAPI"]


def codebook_rows(year: int) -> pd.DataFrame:
    return codebook.for_year("PAPI", year)


def composite_errors(panel: pd.DataFrame) -> pd.DataFrame:
    """One row per (year, unit, parent) whose parent and children all have values
    (:func:`parlib.sources.composites.composite_errors`): level ("sub_to_dim"/"dim_to_total"),
    error (absolute), tolerance, n_children."""
    cols = ["year", "unit_code", "parent", "level", "error", "tolerance", "n_children"]
    if panel.empty:
        return pd.DataFrame(columns=cols)
    p = panel[["year", "unit_code", "indicator", "value", "precision"]].copy()
    p["half"] = p.precision.map(catalog.HALF_UNIT)
    agg = composites.composite_errors(p, "PAPI", carry="half")
    agg["error"] = agg.error.abs()
    agg["tolerance"] = agg.half + agg.phalf + FLOAT_NOISE
    agg["level"] = agg.parent.map(lambda x: "dim_to_total" if x == "PAPI.total" else "sub_to_dim")
    return agg[cols].sort_values(["year", "unit_code", "parent"]).reset_index(drop=True)


def check_composites(panel: pd.DataFrame, report) -> pd.DataFrame:
    errs = composite_errors(panel)
    where = panel.set_index(["year", "unit_code", "indicator"])
    for (year, level), g in errs.groupby(["year", "level"]):
        worst = g.loc[g.error.idxmax()]
        report.metric(METRIC_SOURCE, f"composite_max_error_{level}_{year}", worst.error,
                      f"largest |sum of children - {worst.parent}| in {year}: "
                      f"{worst.unit_code} {worst.parent} (tolerance {worst.tolerance:.3g}; "
                      f"{len(g)} sums checked, {(g.error > g.tolerance).sum()} outside tolerance)")
    for r in errs[errs.error > errs.tolerance].itertuples():
        src = where.loc[(r.year, r.unit_code, r.parent)]
        report.issue(src["file"], src["sheet"], src["row"], r.unit_code, r.parent,
                     "composite_mismatch",
                     f"{r.year}: children of {r.parent} sum to a value {r.error:.6g} away from it "
                     f"(tolerance {r.tolerance:.3g})")
    return errs


def scale_table(years) -> pd.DataFrame:
    """(year, indicator) -> scale_min, scale_max for the given years."""
    rows = [(y, r.indicator, r.scale_min, r.scale_max) for y in sorted(set(years))
            for r in codebook_rows(int(y)).itertuples()]
    return pd.DataFrame(rows, columns=["year", "indicator", "scale_min", "scale_max"])


def check_scale(panel: pd.DataFrame, report) -> int:
    """Values outside the codebook scale, and indicators the codebook lacks for that year, are
    reported (``out_of_scale`` / ``not_in_codebook``); returns their count."""
    scales = scale_table(panel.year.unique())
    m = panel.merge(scales, on=["year", "indicator"], how="left")
    missing = m[m.scale_min.isna()]
    has = m[m.value.notna() & m.scale_min.notna()]
    bad = has[(has.value < has.scale_min) | (has.value > has.scale_max)]
    for r in missing.itertuples():
        report.issue(r.file, r.sheet, r.row, r.unit_code, r.indicator, "not_in_codebook",
                     f"{r.indicator} has no codebook row for {r.year}")
    for r in bad.itertuples():
        report.issue(r.file, r.sheet, r.row, r.unit_code, r.indicator, "out_of_scale",
                     f"{r.value!r} outside {r.scale_min}-{r.scale_max} ({r.year})")
    return len(missing) + len(bad)
