"""Effective weights: how much each criterion actually moves the overall score across units,
beside the weight it is nominally given.

A criterion with a large nominal weight but little spread across provinces (everyone scores about
the same) moves nobody's rank; a small-weight criterion with a large spread can move many. The
*effective weight* of criterion i in one index and year is its squared correlation with the
overall score across units, normalised to sum to 1 over the criteria:
``S_i = r_i² / Σ_j r_j²``. For a composite that is linear in its criteria, r_i² is the first-order
(main) effect of criterion i on the overall — the measure the JRC's composite-indicator audits and
COINr use (Paruolo, Saisana & Saltelli 2013, "Ratings and rankings: voodoo or science?").
``method="spearman"`` uses rank correlations instead (what moves the *rank*).

:func:`unit_sensitivity` answers the province's own question: how many places would one
standard deviation more on each criterion (all else equal) move this province?
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from parlib.analysis.context import DEFAULT_UNIT_TYPE, context, unit_code, unit_name
from parlib.errors import ParameterError, ParlibError

METHODS = ("pearson", "spearman")


def _matrix(ctx, index, year, unit_type):
    yd = ctx.year(index, year, unit_type)
    top = ctx.overall(index, year)
    try:
        st = ctx.structure(index, year, 1)
    except ParlibError as exc:
        raise ParameterError("year", year, hint=f"{index} {year}: {str(exc).splitlines()[0]}") \
            from None
    y = yd.col("value", top).dropna()
    X = yd.value.reindex(index=y.index, columns=list(st.indicator))
    keep = X.notna().all(axis=1)
    if keep.sum() < max(3, len(y)):
        raise ParameterError("year", year, hint=f"{index} {year}: the criteria of the overall "
                             f"score are in the panel for {int(keep.sum())} of the {len(y)} "
                             "units with a score (a subset would bias the correlations)")
    return y, X, st, top


def effective_weights(index: str, year: int, *, method: str = "pearson",
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """One row per criterion of the overall score of ``index`` in ``year``.

    Columns: indicator, name_en, name_vi, weight (nominal, the codebook's effective weight in
    overall points per criterion point), nominal_share (weight / Σ weights, the share a criterion
    would have if all criteria had the same spread), sd (spread across units), corr (with the
    published overall), corr2, effective_share (corr2 normalised), ratio (effective / nominal),
    n (units), method. Sorted by effective_share, largest first.
    """
    if method not in METHODS:
        raise ParameterError("method", method, METHODS)
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    y, X, st, top = _matrix(ctx, index, year, unit_type)
    if method == "spearman":
        from scipy.stats import rankdata

        yv = rankdata(y.to_numpy())
        Xv = np.column_stack([rankdata(X[c].to_numpy()) for c in X.columns])
    else:
        yv, Xv = y.to_numpy(float), X.to_numpy(float)
    corr = np.array([np.corrcoef(Xv[:, i], yv)[0, 1] if np.std(Xv[:, i]) > 0 else 0.0
                     for i in range(Xv.shape[1])])
    r2 = corr ** 2
    w = st.weight.to_numpy(float)
    out = pd.DataFrame({"indicator": st.indicator.to_numpy(), "name_en": st.name_en.to_numpy(),
                        "name_vi": st.name_vi.to_numpy(), "weight": w,
                        "nominal_share": w / w.sum(), "sd": X.std(ddof=1).to_numpy(),
                        "corr": corr, "corr2": r2,
                        "effective_share": r2 / r2.sum() if r2.sum() > 0 else np.nan})
    out["ratio"] = out["effective_share"] / out["nominal_share"]
    out.insert(0, "year", year)
    out.insert(0, "index", index)
    out["overall"], out["n"], out["method"] = top, len(y), method
    return out.sort_values("effective_share", ascending=False).reset_index(drop=True)


def unit_sensitivity(unit, index: str, year: int, *, unit_type: str = DEFAULT_UNIT_TYPE,
                     panel=None, codebook=None) -> pd.DataFrame:
    """For one unit: the overall points and rank one standard deviation more on each criterion
    would bring, others unchanged (computed ranks among the same units, ``rank_of`` given).

    Columns: indicator, name_en, name_vi, weight, sd, points_per_sd, rank (computed, current),
    rank_if_up_1sd, places, rank_of. Sorted by places gained.
    """
    from parlib.panel.ranks import rank_in

    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    code = unit_code(unit)
    y, X, st, top = _matrix(ctx, index, year, unit_type)
    if code not in y.index:
        raise ParameterError("unit", unit, hint=f"no {index} {year} overall score for "
                             f"{unit_name(code)}")
    hib = ctx.hib(index, top, year)
    now = rank_in(y, code, hib)
    rows = []
    for r in st.itertuples():
        sd = float(X[r.indicator].std(ddof=1))
        gain = r.weight * sd * (1 if r.higher_is_better else -1)
        y2 = y.copy()
        y2[code] = y[code] + gain
        new = rank_in(y2, code, hib)
        rows.append({"indicator": r.indicator, "name_en": r.name_en, "name_vi": r.name_vi,
                     "weight": r.weight, "sd": sd, "points_per_sd": gain, "rank": now.rank,
                     "rank_if_up_1sd": new.rank, "places": now.rank - new.rank,
                     "rank_of": now.rank_of})
    out = pd.DataFrame(rows)
    out.attrs["note"] = ("computed ranks among the units with every criterion, the overall "
                         "score moved by weight × one standard deviation of the criterion")
    return out.sort_values(["places", "points_per_sd"], ascending=False).reset_index(drop=True)
