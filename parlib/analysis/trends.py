"""Trends: level, change and rank change year on year; change over a window; CAGR; streaks of
decline; series breaks from the codebook.

Unlike COINr's ``CAGR()`` (first and last observed values, whatever happened in between), every
comparison here checks the codebook ``era`` of the indicator at both ends: a change or a growth
rate across a methodology break is returned with ``comparable=False`` and a ``break_note``, and a
streak of decline stops at a break instead of running through it.
"""
from __future__ import annotations

import math

import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import DEFAULT_UNIT_TYPE, compare_eras, context, unit_code, unit_name


def cagr(values, years) -> float:
    """Compound annual growth rate between the first and the last observed value.

    ``(v_last / v_first) ** (1 / (y_last - y_first)) - 1``; NaN when fewer than two observed
    values, when the years do not increase, or when the first value is not positive (a growth
    rate of a score that starts at 0 or below is undefined). Missing values (NaN) are skipped.
    """
    pairs = [(float(y), float(v)) for v, y in zip(values, years)
             if v is not None and not (isinstance(v, float) and math.isnan(v)) and not pd.isna(v)]
    if len(pairs) < 2:
        return float("nan")
    pairs.sort()
    (y0, v0), (y1, v1) = pairs[0], pairs[-1]
    if y1 <= y0 or v0 <= 0 or v1 < 0:
        return float("nan")
    return (v1 / v0) ** (1.0 / (y1 - y0)) - 1.0


def _indicators(ctx, index, indicator, years):
    if indicator is None:
        out = set()
        for y in years:
            try:
                out.add(ctx.overall(index, y))
            except ParameterError:
                pass
        return sorted(out)
    if isinstance(indicator, str):
        return [indicator]
    return list(indicator)


def _long(ctx, index, indicators, unit_type, units=None) -> pd.DataFrame:
    """unit_code, indicator, year, value, rank, rank_of over every available year."""
    frames = []
    for y in ctx.available_years(index, unit_type):
        yd = ctx.year(index, y, unit_type)
        for ind in indicators:
            if ind not in yd.value.columns:
                continue
            f = pd.DataFrame({"unit_code": yd.value.index, "indicator": ind, "year": y,
                              "value": yd.value[ind].to_numpy(),
                              "rank": yd.rank[ind].to_numpy(),
                              "rank_of": yd.rank_of[ind].to_numpy(),
                              "rank_kind": yd.rank_kind[ind].to_numpy()})
            frames.append(f[f["value"].notna()])
    if not frames:
        return pd.DataFrame(columns=["unit_code", "indicator", "year", "value", "rank",
                                     "rank_of", "rank_kind"])
    df = pd.concat(frames, ignore_index=True)
    if units is not None:
        df = df[df.unit_code.isin(units)]
    return df.sort_values(["indicator", "unit_code", "year"]).reset_index(drop=True)


def rank_moves(prev_rank, prev_of, prev_kind, rank, rank_of, kind) -> pd.Series:
    """Vectorised :func:`parlib.panel.ranks.move`: places gained (+ = up), only between two
    ranks of the same kind and the same denominator; <NA> otherwise."""
    from parlib.panel import ranks

    out = [ranks.move(ranks.Rank(_i(a), _i(b), c if isinstance(c, str) else None),
                      ranks.Rank(_i(d), _i(e), f if isinstance(f, str) else None))
           for a, b, c, d, e, f in zip(prev_rank, prev_of, prev_kind, rank, rank_of, kind)]
    return pd.Series(out, index=getattr(rank, "index", None), dtype="Float64")


def _i(x):
    return None if x is None or pd.isna(x) else int(x)


def _units_arg(unit):
    if unit is None:
        return None
    if isinstance(unit, str):
        return [unit_code(unit)]
    return [unit_code(u) for u in unit]


def _era_flags(ctx, index, df, a_col, b_col, lang="en"):
    keys = df[["indicator", a_col, b_col]].drop_duplicates()
    memo = {}
    for r in keys.itertuples(index=False):
        memo[tuple(r)] = compare_eras(ctx.cb, index, r[0], r[1], r[2], lang) \
            if pd.notna(r[1]) else (False, "")
    flags = [memo[(i, a, b)] for i, a, b in zip(df["indicator"], df[a_col], df[b_col])]
    return [f[0] for f in flags], [f[1] for f in flags]


def yoy(index: str, *, indicator=None, unit=None, unit_type: str = DEFAULT_UNIT_TYPE,
        lang: str = "en", panel=None, codebook=None) -> pd.DataFrame:
    """Year-on-year level, change and rank change.

    ``indicator``: a code, a list, or None (the overall score). ``unit``: a name/code, a list,
    or None (all units). One row per unit, indicator and survey year; ``prev_year`` is the
    unit's previous observed survey year. Columns: index, unit_code, unit_name, indicator, year,
    value, rank, rank_of, rank_kind ("published"/"computed"), prev_year, prev_value, change, prev_rank, rank_change (+ = up),
    comparable, break_note.
    """
    ctx = context(panel, codebook)
    years = ctx.available_years(index, unit_type)
    inds = _indicators(ctx, index, indicator, years)
    df = _long(ctx, index, inds, unit_type, _units_arg(unit))
    g = df.groupby(["indicator", "unit_code"], sort=False)
    df["prev_year"] = g["year"].shift(1).astype("Int64")
    df["prev_value"] = g["value"].shift(1)
    df["prev_rank"] = g["rank"].shift(1)
    df["change"] = df["value"] - df["prev_value"]
    df["rank_change"] = rank_moves(df["prev_rank"], g["rank_of"].shift(1), g["rank_kind"].shift(1),
                                   df["rank"], df["rank_of"], df["rank_kind"])
    df["comparable"], df["break_note"] = _era_flags(ctx, index, df, "prev_year", "year", lang)
    df.loc[df["prev_year"].isna(), "break_note"] = ""
    for c in ("rank", "rank_of", "prev_rank", "rank_change"):
        df[c] = df[c].astype("Float64").round().astype("Int64")
    df.insert(0, "index", index)
    df.insert(2, "unit_name", df["unit_code"].map(lambda c: unit_name(c, "vi")))
    return df[["index", "unit_code", "unit_name", "indicator", "year", "value", "rank",
               "rank_of", "rank_kind", "prev_year", "prev_value", "change", "prev_rank", "rank_change",
               "comparable", "break_note"]].reset_index(drop=True)


def window_change(index: str, start: int, end: int, *, indicator=None, unit=None,
                  unit_type: str = DEFAULT_UNIT_TYPE, lang: str = "en", panel=None,
                  codebook=None) -> pd.DataFrame:
    """Change between two survey years (both must have data).

    Columns: index, unit_code, unit_name, indicator, start, end, value_start, value_end, change,
    cagr (compound annual growth, see :func:`cagr`), rank_start, rank_end, rank_change (+ = up),
    comparable, break_note (a methodology break between start and end says so).
    """
    ctx = context(panel, codebook)
    start = ctx.check_year(index, start, unit_type)
    end = ctx.check_year(index, end, unit_type)
    if end <= start:
        raise ParameterError("end", end, hint=f"must be after start {start}")
    inds = _indicators(ctx, index, indicator, [start, end])
    df = _long(ctx, index, inds, unit_type, _units_arg(unit))
    a = df[df.year == start].set_index(["indicator", "unit_code"])
    b = df[df.year == end].set_index(["indicator", "unit_code"])
    cols = ["value", "rank", "rank_of", "rank_kind"]
    j = a[cols].join(b[cols], how="inner", lsuffix="_start", rsuffix="_end").reset_index()
    j["start"], j["end"] = start, end
    j["change"] = j["value_end"] - j["value_start"]
    j["cagr"] = [cagr([v0, v1], [start, end]) for v0, v1 in zip(j.value_start, j.value_end)]
    j["rank_change"] = rank_moves(j["rank_start"], j["rank_of_start"], j["rank_kind_start"],
                                  j["rank_end"], j["rank_of_end"], j["rank_kind_end"])
    j["comparable"], j["break_note"] = _era_flags(ctx, index, j, "start", "end", lang)
    for c in ("rank_start", "rank_end", "rank_change"):
        j[c] = j[c].astype("Float64").round().astype("Int64")
    j.insert(0, "index", index)
    j["unit_name"] = j["unit_code"].map(lambda c: unit_name(c, "vi"))
    return j[["index", "unit_code", "unit_name", "indicator", "start", "end", "value_start",
              "value_end", "change", "cagr", "rank_start", "rank_end", "rank_change",
              "comparable", "break_note"]]


def decline_streaks(index: str, *, indicator=None, unit=None, year: int | None = None,
                    unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                    ) -> pd.DataFrame:
    """Streaks of decline (each survey worse than the previous one).

    A decline is a comparable year-on-year change in the wrong direction (lower for a
    higher-is-better indicator). A methodology break, a missing survey or a non-decline ends a
    streak. ``current_streak`` counts the declines that end at ``year`` (default: the last
    survey): 2 means two successive falls, e.g. 2017→2018→2019, with ``since`` = 2017 (the last
    year before the fall). Columns: index, unit_code, unit_name, indicator, year,
    current_streak, since, longest_streak, longest_from, longest_to.
    """
    ctx = context(panel, codebook)
    ys = ctx.available_years(index, unit_type)
    if year is not None:
        year = ctx.check_year(index, year, unit_type)
        ys = [y for y in ys if y <= year]
    last = ys[-1] if ys else None
    df = yoy(index, indicator=indicator, unit=unit, unit_type=unit_type, panel=panel,
             codebook=codebook)
    df = df[df.year <= last] if last is not None else df
    rows = []
    for (ind, u), g in df.groupby(["indicator", "unit_code"], sort=True):
        hib = ctx.hib(index, ind, int(g.year.iloc[-1]))
        run, run_from, best, best_from, best_to = 0, None, 0, None, None
        prev_survey = {y: ys[i - 1] for i, y in enumerate(ys) if i}
        for r in g.itertuples():
            consecutive = pd.notna(r.prev_year) and prev_survey.get(r.year) == r.prev_year
            fell = (consecutive and r.comparable and pd.notna(r.change)
                    and ((r.change < 0) if hib else (r.change > 0)))
            if fell:
                run, run_from = (run + 1, run_from) if run else (1, int(r.prev_year))
                if run > best:
                    best, best_from, best_to = run, run_from, int(r.year)
            else:
                run, run_from = 0, None
        cur_ok = int(g.year.iloc[-1]) == last
        rows.append({"index": index, "unit_code": u, "unit_name": unit_name(u, "vi"),
                     "indicator": ind, "year": last,
                     "current_streak": run if cur_ok else 0,
                     "since": run_from if cur_ok and run else None,
                     "longest_streak": best, "longest_from": best_from, "longest_to": best_to})
    out = pd.DataFrame(rows, columns=["index", "unit_code", "unit_name", "indicator", "year",
                                      "current_streak", "since", "longest_streak",
                                      "longest_from", "longest_to"])
    for c in ("since", "longest_from", "longest_to"):
        out[c] = out[c].astype("Float64").astype("Int64")
    return out


def series_breaks(index: str, indicator=None, *, codebook=None) -> pd.DataFrame:
    """Methodology breaks from the codebook: one row per indicator and first year of a new era.

    Columns: index, indicator, year (first year of the new methodology), era_before, era_after,
    note (the codebook note of the new era).
    """
    ctx = context(None, codebook) if codebook is not None else None
    if ctx is None:
        from parlib.codebook import load_codebook

        cb = load_codebook()
    else:
        cb = ctx.cb
    rows = cb[cb["index"] == index]
    if indicator is not None:
        rows = rows[rows.indicator.isin([indicator] if isinstance(indicator, str) else indicator)]
    out = []
    for ind, g in rows.sort_values("year_from").groupby("indicator", sort=True):
        g = g.drop_duplicates("year_from")
        for prev, cur in zip(g.iloc[:-1].itertuples(), g.iloc[1:].itertuples()):
            if str(prev.era) != str(cur.era):
                out.append({"index": index, "indicator": ind, "year": int(cur.year_from),
                            "era_before": prev.era, "era_after": cur.era,
                            "note": cur.notes if isinstance(cur.notes, str) else ""})
    return pd.DataFrame(out, columns=["index", "indicator", "year", "era_before", "era_after",
                                      "note"])


__all__ = ["cagr", "yoy", "window_change", "decline_streaks", "series_breaks"]
