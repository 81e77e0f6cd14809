"""PCI weights: verify the published composite against the codebook weights (the shared check of
:mod:`parlib.sources.composites`), and recover weights by least squares where no official ones
are documented.

Convention (the codebook's ``weighted_sum``): ``PCI.overall = sum(weight_i * sub_index_i)`` with
sub-indices on 0-10 and the composite on 0-100, so the weights of a year sum to 10 (an official
weight of 20 % is 2.0 here).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from parlib import codebook
from parlib.sources import composites

from parlib.sources.pci.records import INDEX, OVERALL, UNWEIGHTED

TOLERANCE = 0.01
ROUNDING = 0.005  # half a unit of the 2nd decimal: the error of one value published to 2 decimals


def _wide(df: pd.DataFrame, year: int | None = None) -> pd.DataFrame:
    """unit_code x indicator values of one year (or (year, unit_code) x indicator for all)."""
    d = df[df.value.notna()] if year is None else df[(df.year == year) & df.value.notna()]
    key = ["year", "unit_code"] if year is None else ["unit_code"]
    d = d.drop_duplicates([*key, "indicator"])
    return d.set_index([*key, "indicator"])["value"].astype(float).unstack("indicator")


def least_squares(df: pd.DataFrame, year: int, subs: list[str] | None = None) -> dict[str, float]:
    """Weights (no intercept) that best reproduce the published composite from the sub-indices."""
    if subs is None:
        rows = codebook.for_year(INDEX, year)
        subs = sorted(rows[rows.parent == OVERALL].indicator)
    wide = _wide(df, year).dropna(subset=[OVERALL, *subs])
    coef, *_ = np.linalg.lstsq(wide[subs].to_numpy(float), wide[OVERALL].to_numpy(float), rcond=None)
    return dict(zip(subs, (float(c) for c in coef)))


def verify(df: pd.DataFrame, report) -> dict[int, float]:
    """For each year with sub-indices and composite: the largest |recomputed - published|,
    logged as a metric; provinces beyond 0.01 are issues. Also the unweighted total where
    published (it is the plain sum of the sub-indices)."""
    from parlib.sources.pci.catalog import ROUNDED_LAYOUTS, load_catalog

    out = {}
    everything = _wide(df)
    sources = _sources(df)
    values = df[df.value.notna()].drop_duplicates(["year", "unit_code", "indicator"])
    errors = composites.composite_errors(values, INDEX)
    errors = errors[errors.parent == OVERALL]
    rounded = {e.source for e in load_catalog() if e.layout in ROUNDED_LAYOUTS}
    for year in sorted(df.year.unique()):
        year = int(year)
        src, sheet = sources.get((year, OVERALL), ("", None))
        wide = everything.loc[year].dropna(axis=1, how="all")
        res = errors[errors.year == year]
        if len(res):
            w = codebook.weights(INDEX, year, OVERALL)
            worst = float(res.error.abs().max())
            out[year] = worst
            tol, why = TOLERANCE, ""
            sub_src = sources.get((year, next(iter(w))), ("", None))[0]
            if sub_src in rounded:  # every published value rounded to 2 decimals
                tol = ROUNDING * (sum(abs(v) for v in w.values()) + 1)
                why = (f"; tolerance {tol:g} (sub-indices and composite published to 2 decimals: "
                       f"{sub_src}); {int((res.error.abs() <= tol).sum())} of {len(res)} within it")
            report.metric(src, f"composite_max_abs_error_{year}", worst,
                          f"PCI {year}: max |sum(weight*sub-index) - published| over {len(res)} provinces; "
                          "weights " + ", ".join(f"{k.split('.')[1]}={v:g}" for k, v in w.items()) + why)
            for r in res[res.error.abs() > tol].itertuples():
                report.issue(src, sheet, None, r.unit_code, OVERALL, "composite_mismatch",
                             f"PCI {year}: recomputed {r.recomputed:.4f} vs published {r.published}")
        if UNWEIGHTED in wide:
            rows = codebook.for_year(INDEX, year)
            subs = [s for s in rows[rows.parent == OVERALL].indicator if s in wide]
            ok = wide.dropna(subset=[UNWEIGHTED, *subs])
            err = (ok[subs].sum(axis=1) - ok[UNWEIGHTED]).abs()
            report.metric(sources.get((year, UNWEIGHTED), ("", None))[0], f"unweighted_max_abs_error_{year}",
                          float(err.max()), f"PCI {year}: max |sum(sub-indices) - published unweighted|")
    return out


def _sources(df) -> dict[tuple[int, str], tuple[str, str | None]]:
    """(year, indicator) -> raw file and sheet of its highest-priority source after the merge."""
    s = df[df._file.notna()].sort_values(["_priority", "_file"], kind="mergesort")
    s = s.drop_duplicates(["year", "indicator"])
    return {(int(y), ind): (f, sh if isinstance(sh, str) else None)
            for y, ind, f, sh in zip(s.year, s.indicator, s._file, s._sheet)}
