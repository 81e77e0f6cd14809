"""Benchmark values per criterion for the drag view of :mod:`parlib.analysis.weak`.

A benchmark says, for every unit and criterion, the score the unit is compared with and which
unit(s) hold that score. All but the last two are **per criterion** (each criterion gets its own
benchmark, possibly held by a different unit):

* ``region-best`` (default): the best score in the unit's region on that criterion, naming the
  unit that holds it (ties: every holder, codes joined by ";");
* ``top-quartile``: the national upper quartile on that criterion (lower quartile when lower is
  better; pandas' linear interpolation between units);
* ``best``: the best score in the country on that criterion, naming the unit;
* ``median``: the national median on that criterion;
* ``max``: the scale maximum (the codebook's ``scale_max`` when present, else the table's
  ``max_value``; the scale minimum when lower is better). Only when asked: it is rarely
  achievable;
* ``leader``: the criterion profile of the unit with the best *overall* score in the country;
* ``region-leader``: the criterion profile of the unit with the best overall score in the region.

"National" means every unit of the same type with a value that year (never nation rows).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from parlib.errors import ParameterError

BENCHMARKS = ("region-best", "top-quartile", "best", "median", "max", "leader", "region-leader")
DEFAULT_BENCHMARK = "region-best"
PER_CRITERION = ("region-best", "top-quartile", "best", "median", "max")

DESCRIPTION = {
    "en": {
        "region-best": "the best score in the region on each criterion",
        "top-quartile": "the national top quartile on each criterion",
        "best": "the best score in the country on each criterion",
        "median": "the national median on each criterion",
        "max": "the scale maximum of each criterion",
        "leader": "the criterion profile of the province with the best overall score",
        "region-leader": "the criterion profile of the region's best overall province",
    },
    "vi": {
        "region-best": "điểm cao nhất trong vùng ở từng tiêu chí",
        "top-quartile": "mức tứ phân vị trên của cả nước ở từng tiêu chí",
        "best": "điểm cao nhất cả nước ở từng tiêu chí",
        "median": "mức trung vị cả nước ở từng tiêu chí",
        "max": "điểm tối đa của thang đo ở từng tiêu chí",
        "leader": "hồ sơ tiêu chí của tỉnh có điểm tổng hợp cao nhất",
        "region-leader": "hồ sơ tiêu chí của tỉnh có điểm tổng hợp cao nhất trong vùng",
    },
}

_ALIASES = {"regional-best": "region-best", "regionbest": "region-best",
            "region": "region-best", "top-quartile": "top-quartile", "quartile": "top-quartile",
            "topquartile": "top-quartile", "q3": "top-quartile", "maximum": "max",
            "region-leader": "region-leader", "regional-leader": "region-leader"}


def check_benchmark(benchmark) -> str:
    """The canonical benchmark name; :class:`ParameterError` naming ``benchmark`` otherwise."""
    b = str(benchmark).strip().lower().replace("_", "-").replace(" ", "-")
    b = _ALIASES.get(b, b)
    if b not in BENCHMARKS:
        raise ParameterError("benchmark", benchmark, BENCHMARKS)
    return b


def describe(benchmark: str, lang: str = "en") -> str:
    """One line saying what a benchmark is."""
    return DESCRIPTION["vi" if lang == "vi" else "en"][check_benchmark(benchmark)]


def _holders(col: pd.Series, best: float) -> str:
    hit = col.index[np.isclose(col.to_numpy(dtype=float), best, rtol=0, atol=1e-9)]
    return ";".join(sorted(str(c) for c in hit))


def _extreme(col: pd.Series, hib: bool) -> float:
    v = col.dropna()
    if v.empty:
        return float("nan")
    return float(v.max() if hib else v.min())


def _best_in(X: pd.DataFrame, members, hib: dict):
    """(values, holders) of the best score per criterion among ``members``."""
    sub = X.loc[list(members)]
    vals, who = {}, {}
    for c in X.columns:
        best = _extreme(sub[c], hib[c])
        vals[c] = best
        who[c] = _holders(sub[c].dropna(), best) if not np.isnan(best) else ""
    return pd.Series(vals, dtype=float), pd.Series(who, dtype=object)


def _fill(units, crit, row_of):
    """Units × criteria frames from ``row_of(unit) -> (values Series, holders Series)``."""
    vals, who = [], []
    for u in units:
        v, h = row_of(u)
        vals.append(v.reindex(crit).to_numpy(dtype=float))
        who.append(h.reindex(crit).fillna("").to_numpy(dtype=object))
    shape = (0, len(crit))
    B = pd.DataFrame(np.vstack(vals) if vals else np.empty(shape), index=units, columns=crit)
    U = pd.DataFrame(np.vstack(who) if who else np.empty(shape, dtype=object), index=units,
                     columns=crit)
    return B, U


def _nan_row(crit):
    return pd.Series(np.nan, index=crit, dtype=float), pd.Series("", index=crit, dtype=object)


def benchmark_frames(name: str, X: pd.DataFrame, *, region: pd.Series, hib: dict,
                     maxima: pd.DataFrame, leader_of) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(B, U): benchmark values and the unit code(s) holding them, units × criteria.

    ``X``: criterion scores (units × criteria); ``region``: region code per unit; ``hib``:
    higher-is-better per criterion; ``maxima``: the scale end per unit and criterion (for
    ``max``); ``leader_of(units) -> code | None``: the unit with the best overall score among
    ``units`` (for the two profile benchmarks). ``U`` is "" where no unit holds the value.
    """
    name = check_benchmark(name)
    units, crit = list(X.index), list(X.columns)
    if name == "max":
        return maxima.reindex(index=units, columns=crit).astype(float), \
            pd.DataFrame("", index=units, columns=crit, dtype=object)
    if name in ("median", "top-quartile"):
        q = {c: (0.5 if name == "median" else (0.75 if hib[c] else 0.25)) for c in crit}
        row = pd.Series({c: X[c].dropna().quantile(q[c]) if X[c].notna().any() else np.nan
                         for c in crit}, dtype=float)
        return _fill(units, crit, lambda u: (row, pd.Series("", index=crit, dtype=object)))
    if name == "best":
        nat = _best_in(X, units, hib)
        return _fill(units, crit, lambda u: nat)
    if name == "region-best":
        per = {r: _best_in(X, g.index, hib) for r, g in region.groupby(region) if r}
        return _fill(units, crit, lambda u: per.get(region.get(u, ""), _nan_row(crit)))
    # profiles of an overall leader
    if name == "leader":
        lead = leader_of(units)
        pick = {u: lead for u in units}
    else:
        by_reg = {r: leader_of(list(g.index)) for r, g in region.groupby(region) if r}
        pick = {u: by_reg.get(region.get(u, "")) for u in units}

    def profile(u):
        b = pick[u]
        if not b:
            return _nan_row(crit)
        return X.loc[b], pd.Series(b, index=crit, dtype=object)
    return _fill(units, crit, profile)


def single_unit(U: pd.DataFrame) -> pd.Series:
    """Per unit, the one benchmark unit shared by all its criteria ("" when they differ)."""
    if U.empty:
        return pd.Series("", index=U.index, dtype=str)
    first = U.iloc[:, 0]
    same = U.eq(first, axis=0).all(axis=1)
    return first.where(same & first.astype(bool), "").astype(str)
