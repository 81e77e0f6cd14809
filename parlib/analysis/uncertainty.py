"""Survey noise: is a change, a gap between two provinces, or a rank move larger than the
sampling error?

Where the panel has ``ci_low``/``ci_high`` (PAPI 2019 full tables), the standard error is taken
from the interval: ``se = (ci_high − ci_low) / (2 · z)`` with z = 1.96 for a 95% interval.
Two estimates from independent samples differ significantly when
``|a − b| / sqrt(se_a² + se_b²) > z`` (a two-sided z-test; overlapping intervals alone are too
strict a test). Without an interval the answer is "no CI": never "real".

Rank moves: a unit's *rank interval* is [1 + units significantly better, n − units
significantly worse]. A move between two years is "real" only when the two intervals do not
overlap; otherwise it is "within noise". When only one of the two years has intervals,
``borrow_se=True`` (default) assumes the same standard error in the other year (surveys of the
same design) and says so in ``note``.
"""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from parlib.analysis.context import (DEFAULT_UNIT_TYPE, compare_eras, context, fmt, resolve_indicator, unit_code,
                    unit_name)


def _z(level: float) -> float:
    return float(NormalDist().inv_cdf(1 - (1 - level) / 2))


def se_from_ci(ci_low, ci_high, level: float = 0.95):
    """Standard error implied by a symmetric confidence interval (scalars or arrays)."""
    lo, hi = np.asarray(ci_low, dtype=float), np.asarray(ci_high, dtype=float)
    se = (hi - lo) / (2 * _z(level))
    return float(se) if se.ndim == 0 else se


def _se(yd, ind, level):
    lo, hi = yd.col("ci_low", ind), yd.col("ci_high", ind)
    return pd.Series(se_from_ci(lo.to_numpy(), hi.to_numpy(), level), index=lo.index)


def _test(diff, se, alpha):
    if se is None or not np.isfinite(se) or se <= 0:
        return float("nan"), float("nan"), "no CI"
    z = diff / se
    p = 2 * (1 - NormalDist().cdf(abs(z)))
    return float(z), float(p), ("distinguishable" if p < alpha else "within noise")


def compare_units(index: str, year: int, unit_a, unit_b, *, indicator=None, alpha: float = 0.05,
                  level: float = 0.95, lang: str = "en", unit_type: str = DEFAULT_UNIT_TYPE,
                  panel=None, codebook=None) -> dict:
    """Is the gap between two units in one year larger than the survey noise?

    Returns a dict: index, year, indicator, unit_a, unit_b, value_a, value_b, diff (a − b),
    se, z, p_value, status ("distinguishable" / "within noise" / "no CI"), text.
    """
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    a, b = unit_code(unit_a), unit_code(unit_b)
    yd = ctx.year(index, year, unit_type)
    ind = resolve_indicator(ctx, index, year, indicator)
    v = yd.col("value", ind)
    se = _se(yd, ind, level)
    va, vb = v.get(a, np.nan), v.get(b, np.nan)
    diff = va - vb
    s = math.sqrt(se.get(a, np.nan) ** 2 + se.get(b, np.nan) ** 2)
    z, p, status = _test(diff, s, alpha)
    na, nb = unit_name(a, lang), unit_name(b, lang)
    if lang == "vi":
        word = {"distinguishable": "có ý nghĩa thống kê", "within noise":
                "nằm trong sai số khảo sát", "no CI": "không có khoảng tin cậy để kiểm định"}
        text = f"Chênh lệch {na} − {nb} = {fmt(diff, 2, 'vi')} điểm: {word[status]}."
    else:
        word = {"distinguishable": "larger than the survey noise", "within noise":
                "within the survey noise", "no CI": "untestable (no confidence interval)"}
        text = f"Gap {na} − {nb} = {fmt(diff)} points: {word[status]}."
    return {"index": index, "year": year, "indicator": ind, "unit_a": a, "unit_b": b,
            "value_a": va, "value_b": vb, "diff": diff, "se": s, "z": z, "p_value": p,
            "status": status, "text": text}


def compare_years(index: str, unit, year_a: int, year_b: int, *, indicator=None,
                  alpha: float = 0.05, level: float = 0.95, borrow_se: bool = True,
                  lang: str = "en", unit_type: str = DEFAULT_UNIT_TYPE, panel=None,
                  codebook=None) -> dict:
    """Is a unit's change between two years larger than the survey noise?

    Returns a dict: index, unit, indicator, year_a, year_b, value_a, value_b, change (b − a),
    se, z, p_value, status ("distinguishable" / "within noise" / "no CI" / "not comparable"),
    comparable, break_note, note, text.
    """
    ctx = context(panel, codebook)
    ya = ctx.check_year(index, year_a, unit_type)
    yb = ctx.check_year(index, year_b, unit_type)
    u = unit_code(unit)
    ind = resolve_indicator(ctx, index, yb, indicator)
    da, db = ctx.year(index, ya, unit_type), ctx.year(index, yb, unit_type)
    va, vb = da.col("value", ind).get(u, np.nan), db.col("value", ind).get(u, np.nan)
    sa, sb = _se(da, ind, level).get(u, np.nan), _se(db, ind, level).get(u, np.nan)
    note = ""
    if borrow_se and np.isfinite(sa) != np.isfinite(sb):
        missing = ya if not np.isfinite(sa) else yb
        sa, sb = (sb, sb) if not np.isfinite(sa) else (sa, sa)
        note = f"no CI in {missing}: the same standard error assumed"
    comparable, brk = compare_eras(ctx.cb, index, ind, ya, yb, lang)
    change = vb - va
    z, p, status = _test(change, math.sqrt(sa ** 2 + sb ** 2), alpha)
    if not comparable:
        status = "not comparable"
    text = (f"{unit_name(u, lang)} {ya}→{yb}: {fmt(change, 2, lang)} — {status}"
            + (f" ({note})" if note else "") + (f"; {brk}" if brk else ""))
    return {"index": index, "unit": u, "indicator": ind, "year_a": ya, "year_b": yb,
            "value_a": va, "value_b": vb, "change": change,
            "se": math.sqrt(sa ** 2 + sb ** 2), "z": z, "p_value": p, "status": status,
            "comparable": comparable, "break_note": brk, "note": note, "text": text}


def _intervals(v: pd.Series, se: pd.Series, hib: bool, alpha: float):
    """rank_best / rank_worst per unit from pairwise z-tests (vectorised)."""
    v = v.dropna()
    se = se.reindex(v.index)
    x, s = v.to_numpy(), se.to_numpy()
    n = len(x)
    diff = x[None, :] - x[:, None]            # diff[i, j] = x_j − x_i
    sd = np.sqrt(s[None, :] ** 2 + s[:, None] ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = diff / sd
    crit = _z(1 - alpha)
    sign = 1 if hib else -1
    better = np.nan_to_num(sign * z > crit, nan=False)   # j significantly better than i
    worse = np.nan_to_num(sign * z < -crit, nan=False)
    has = np.isfinite(s)
    rb = np.where(has, 1 + better.sum(axis=1), np.nan)
    rw = np.where(has, n - worse.sum(axis=1), np.nan)
    return pd.DataFrame({"rank_best": rb, "rank_worst": rw}, index=v.index)


def rank_intervals(index: str, year: int, *, indicator=None, alpha: float = 0.05,
                   level: float = 0.95, unit_type: str = DEFAULT_UNIT_TYPE, panel=None,
                   codebook=None) -> pd.DataFrame:
    """The ranks each unit cannot be told apart from, given the survey noise.

    Columns: index, year, indicator, unit_code, unit_name, value, se, rank, rank_of,
    rank_best (1 + units significantly better), rank_worst (n − units significantly worse).
    NaN bounds where the unit has no interval.
    """
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    yd = ctx.year(index, year, unit_type)
    ind = resolve_indicator(ctx, index, year, indicator)
    v = yd.col("value", ind)
    se = _se(yd, ind, level)
    iv = _intervals(v, se, ctx.hib(index, ind, year), alpha)
    out = pd.DataFrame({"unit_code": iv.index, "value": v[iv.index].to_numpy(),
                        "se": se[iv.index].to_numpy(),
                        "rank": yd.col("rank", ind)[iv.index].to_numpy(),
                        "rank_of": yd.col("rank_of", ind)[iv.index].to_numpy(),
                        "rank_best": iv.rank_best.to_numpy(),
                        "rank_worst": iv.rank_worst.to_numpy()})
    out.insert(0, "indicator", ind)
    out.insert(0, "year", year)
    out.insert(0, "index", index)
    out.insert(4, "unit_name", out.unit_code.map(lambda c: unit_name(c, "vi")))
    for c in ("rank", "rank_of", "rank_best", "rank_worst"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out.sort_values("rank").reset_index(drop=True)


def year_pair(ctx, index: str, year, prev_year, unit_type: str) -> tuple[int, int]:
    """(year, previous year) checked against the panel; ``prev_year`` None = the survey before
    ``year``; ParameterError naming ``prev_year`` when there is none."""
    year = ctx.check_year(index, year, unit_type)
    prev = ctx.prev_year(index, year, unit_type) if prev_year is None else \
        ctx.check_year(index, prev_year, unit_type)
    if prev is None:
        from parlib.errors import ParameterError

        raise ParameterError("prev_year", None, hint=f"no {index} survey before {year}")
    return year, prev


def rank_moves(index: str, year: int, *, prev_year=None, indicator=None, alpha: float = 0.05,
               level: float = 0.95, borrow_se: bool = True, unit_type: str = DEFAULT_UNIT_TYPE,
               panel=None, codebook=None) -> pd.DataFrame:
    """Rank changes with a verdict on noise.

    Columns: index, year, prev_year, indicator, unit_code, unit_name, rank, prev_rank,
    rank_change (+ = up), rank_best, rank_worst, prev_rank_best, prev_rank_worst,
    move ("no change" / "real" / "within noise" / "no CI"), comparable, break_note, note.
    A move is "real" only when the rank intervals of the two years do not overlap.
    """
    ctx = context(panel, codebook)
    year, prev = year_pair(ctx, index, year, prev_year, unit_type)
    ind = resolve_indicator(ctx, index, year, indicator)
    d1, d0 = ctx.year(index, year, unit_type), ctx.year(index, prev, unit_type)
    s1, s0 = _se(d1, ind, level), _se(d0, ind, level)
    note = ""
    if borrow_se:
        if s1.notna().any() and not s0.notna().any():
            s0, note = s1.reindex(s0.index), f"no CI in {prev}: {year} standard errors assumed"
        elif s0.notna().any() and not s1.notna().any():
            s1, note = s0.reindex(s1.index), f"no CI in {year}: {prev} standard errors assumed"
    hib = ctx.hib(index, ind, year)
    i1 = _intervals(d1.col("value", ind), s1, hib, alpha)
    i0 = _intervals(d0.col("value", ind), s0, hib, alpha)
    units = i1.index.intersection(i0.index)
    r1, r0 = d1.col("rank", ind)[units], d0.col("rank", ind)[units]
    out = pd.DataFrame({"unit_code": units, "rank": r1.to_numpy(), "prev_rank": r0.to_numpy(),
                        "rank_best": i1.rank_best[units].to_numpy(),
                        "rank_worst": i1.rank_worst[units].to_numpy(),
                        "prev_rank_best": i0.rank_best[units].to_numpy(),
                        "prev_rank_worst": i0.rank_worst[units].to_numpy()})
    out["rank_change"] = out["prev_rank"] - out["rank"]
    has = out[["rank_best", "prev_rank_best"]].notna().all(axis=1)
    overlap = (out.rank_best <= out.prev_rank_worst) & (out.prev_rank_best <= out.rank_worst)
    out["move"] = np.where(out.rank_change == 0, "no change",
                           np.where(~has, "no CI", np.where(overlap, "within noise", "real")))
    ok, brk = compare_eras(ctx.cb, index, ind, prev, year)
    out["comparable"], out["break_note"], out["note"] = ok, brk, note
    out.insert(0, "indicator", ind)
    out.insert(0, "prev_year", prev)
    out.insert(0, "year", year)
    out.insert(0, "index", index)
    out.insert(5, "unit_name", out.unit_code.map(lambda c: unit_name(c, "vi")))
    for c in ("rank", "prev_rank", "rank_change", "rank_best", "rank_worst", "prev_rank_best",
              "prev_rank_worst"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out[["index", "year", "prev_year", "indicator", "unit_code", "unit_name", "rank",
                "prev_rank", "rank_change", "rank_best", "rank_worst", "prev_rank_best",
                "prev_rank_worst", "move", "comparable", "break_note", "note"]] \
        .sort_values("rank").reset_index(drop=True)
