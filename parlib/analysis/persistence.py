"""Persistent weaknesses: a criterion weak for ``k`` consecutive comparable surveys.

Two rules, each over the last ``k`` surveys of the index up to the year asked (the survey years
the index has data for; a survey where the unit has no value breaks the run: missing is missing):

* **bottom third**: the unit is in the bottom third of the national ranking of the criterion
  (:meth:`parlib.panel.ranks.Rank.third`) in each of those ``k`` surveys;
* **no improvement**: from the first to the last of those ``k`` surveys the score fell by more
  than ``threshold`` × the criterion's scale (default 1%: 0.1 point on a 0–10 scale), and, where
  the source gives confidence intervals for both years, by more than the 95% interval of the
  difference. A change within the threshold is not called a lack of improvement.

Only comparable surveys count: every survey of the window must be in the same codebook era of
the criterion (a methodology change ends the run). ``k`` ≥ 2 (one survey is not persistence).
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import DEFAULT_UNIT_TYPE, context, era_of, fmt, unit_code
from parlib.panel.ranks import COMPUTED, PUBLISHED, Rank

DEFAULT_K = 3
DEFAULT_THRESHOLD = 0.01
Z95 = 1.959963984540054


def check_k(k) -> int:
    """``k`` as an int ≥ 2, else :class:`ParameterError` naming ``k``."""
    number = isinstance(k, (int, float, np.integer, np.floating)) and not isinstance(k, bool)
    try:
        if number and not float(k).is_integer():      # 2.5, NaN, inf: not a whole number
            raise ValueError(k)
        kk = int(k) if number else int(str(k).strip())  # 3, 3.0, np.int64(3), "3"
    except (TypeError, ValueError):
        raise ParameterError("k", k, hint="a whole number of surveys, at least 2") from None
    if kk < 2:
        raise ParameterError("k", k, hint="at least 2 surveys (one survey is not persistence)")
    return kk


def check_threshold(threshold) -> float:
    """``threshold`` as a float in [0, 1) (a share of the scale), else ParameterError."""
    try:
        t = float(threshold)
    except (TypeError, ValueError):
        raise ParameterError("threshold", threshold, hint="a share of the scale, e.g. 0.01") \
            from None
    if not (0 <= t < 1) or math.isnan(t):
        raise ParameterError("threshold", threshold,
                             hint="a share of the scale from 0 to below 1, e.g. 0.01 = 1%")
    return t


PARTIAL_SHARE = 0.9


def partial(yd, indicator: str) -> bool:
    """Whether a source covers an indicator for fewer than nine in ten of the units of that
    year (the units with any value, or the published denominator): e.g. PCI 2021 sub-indices
    for the 21 best provinces, PAR facts for a few provinces. No rank is computed and no
    benchmark taken from such a handful; a couple of missing values do not make it partial."""
    n = int(yd.col("value", indicator).notna().sum())
    of = pd.to_numeric(yd.col("rank_of", indicator), errors="coerce").max()
    universe = max(n, len(yd.units), int(of) if pd.notna(of) else 0)
    return n < PARTIAL_SHARE * universe


def unit_rank(yd, indicator: str, code: str) -> Rank:
    """The national :class:`Rank` of ``code`` on ``indicator`` in one year's data: published,
    or computed among every unit with a value (unknown when the source is :func:`partial`)."""
    r = yd.col("rank", indicator).get(code)
    n = yd.col("rank_of", indicator).get(code)
    if r is None or n is None or pd.isna(r) or pd.isna(n):
        return Rank(None, None, None)
    kind = PUBLISHED if yd.rank_source.get(indicator) == "published" else COMPUTED
    if kind == COMPUTED and partial(yd, indicator):
        return Rank(None, None, None)
    return Rank(int(r), int(n), kind)


def _value(ctx, index, y, ind, code, unit_type, frame="value"):
    v = ctx.year(index, y, unit_type).col(frame, ind).get(code, np.nan)
    return float(v) if v is not None and pd.notna(v) else float("nan")


def _span(row, ctx, index, year, code, unit_type) -> float:
    lo = float(row.scale_min) if pd.notna(row.scale_min) else 0.0
    hi = float(row.scale_max) if pd.notna(row.scale_max) else \
        _value(ctx, index, year, row.indicator, code, unit_type, "max_value")
    return hi - lo if np.isfinite(hi) and hi > lo else float("nan")


def _ci_se(ctx, index, y, ind, code, unit_type) -> float:
    lo = _value(ctx, index, y, ind, code, unit_type, "ci_low")
    hi = _value(ctx, index, y, ind, code, unit_type, "ci_high")
    return (hi - lo) / (2 * Z95) if np.isfinite(lo) and np.isfinite(hi) and hi > lo else np.nan


def _texts(run, run_from, year, declined, d, k, lang):
    out = []
    if run:
        out.append(f"bottom third {run} surveys running ({run_from}–{year})" if lang == "en" else
                   f"thuộc nhóm 1/3 cuối {run} kỳ liên tiếp ({run_from}–{year})")
    if declined:
        if lang == "en":
            out.append(f"no improvement over {k} surveys: {d['base_year']} {fmt(d['base'])} → "
                       f"{year} {fmt(d['cur'])}, down more than the {fmt(d['thr'])}-point "
                       f"threshold" + (" and the 95% interval" if d["ci"] else ""))
        else:
            out.append(f"không cải thiện qua {k} kỳ: {d['base_year']} {fmt(d['base'], lang='vi')}"
                       f" → {year} {fmt(d['cur'], lang='vi')}, giảm quá ngưỡng "
                       f"{fmt(d['thr'], lang='vi')} điểm"
                       + (" và khoảng tin cậy 95%" if d["ci"] else ""))
    return "; ".join(out)


def persistence_frame(ctx, code, index, year, st, k, threshold, unit_type=DEFAULT_UNIT_TYPE):
    """The persistence table for criteria ``st`` (a structure frame); see the module doc."""
    years = [y for y in ctx.available_years(index, unit_type) if y <= year]
    window = years[-k:] if len(years) >= k else []
    rows = []
    for r in st.itertuples():
        ind, hib = r.indicator, bool(r.higher_is_better)
        era = era_of(ctx.cb, index, ind, year)
        run, run_from = 0, None
        for y in reversed(years):
            if era_of(ctx.cb, index, ind, y) != era:
                break
            if unit_rank(ctx.year(index, y, unit_type), ind, code).third() != "bottom":
                break
            run, run_from = run + 1, y
        comparable = bool(window) and bool(era) and all(
            era_of(ctx.cb, index, ind, y) == era for y in window)
        base_year = window[0] if window else None
        base = _value(ctx, index, base_year, ind, code, unit_type) if base_year else np.nan
        cur = _value(ctx, index, year, ind, code, unit_type)
        change = cur - base if np.isfinite(base) and np.isfinite(cur) else np.nan
        thr = threshold * _span(r, ctx, index, year, code, unit_type)
        se = np.hypot(_ci_se(ctx, index, base_year, ind, code, unit_type),
                      _ci_se(ctx, index, year, ind, code, unit_type)) if base_year else np.nan
        drop = -change if hib else change
        declined = bool(comparable and np.isfinite(drop) and np.isfinite(thr) and drop > thr
                        and (not np.isfinite(se) or drop > Z95 * se))
        bottom = comparable and run >= k
        d = {"base_year": base_year, "base": base, "cur": cur, "thr": thr,
             "ci": bool(np.isfinite(se))}
        shown_run = run if bottom else 0
        rows.append({"indicator": ind, "bottom_third_run": run, "run_from": run_from,
                     "bottom_third_k": bool(bottom), "window_from": base_year,
                     "comparable_window": bool(comparable), "base_year": base_year,
                     "base_value": base, "value": cur, "change": change,
                     "threshold_points": thr, "ci_checked": d["ci"], "no_improvement": declined,
                     "persistent": bool(bottom or declined),
                     "persistent_text_en": _texts(shown_run, run_from, year, declined, d, k, "en"),
                     "persistent_text_vi": _texts(shown_run, run_from, year, declined, d, k, "vi")})
    return pd.DataFrame(rows)


def persistence(unit, index: str, year: int, *, k: int = DEFAULT_K,
                threshold: float = DEFAULT_THRESHOLD, depth=1,
                unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Persistent weaknesses per criterion (see the module docstring for the two rules).

    Columns: indicator, bottom_third_run (surveys running up to ``year``, same era), run_from,
    bottom_third_k (run ≥ k), window_from (first of the last ``k`` surveys),
    comparable_window, base_year, base_value, value, change, threshold_points, ci_checked,
    no_improvement (fell beyond the threshold and the CI), persistent, persistent_text_en/_vi.
    """
    from parlib.analysis.weak import criteria_structure

    k = check_k(k)
    threshold = check_threshold(threshold)
    ctx = context(panel, codebook)
    code = unit_code(unit)
    year = ctx.check_year(index, year, unit_type)
    st = criteria_structure(ctx, index, year, depth)
    return persistence_frame(ctx, code, index, year, st, k, threshold, unit_type)
