"""A province across the four indices, and how the indices' rankings agree (Spearman)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import (DEFAULT_UNIT_TYPE, INDICES, compare_eras, context, region_of, unit_code)


def standing(unit, year: int, *, indices=INDICES, nearest: bool = False, lang: str = "en",
             unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """One row per index: the unit's overall score, rank and change in ``year``.

    ``nearest=True`` falls back to the latest earlier survey of an index when it has none in
    ``year`` (PAR INDEX and SIPAS are published for the previous year): ``year`` then shows the
    year used. Columns: index, year, indicator, score, max, rank, rank_of, rank_in_region,
    region_n, prev_year, change, rank_change (+ = up), comparable, break_note, status ("ok" /
    "no data"), note.
    """
    ctx = context(panel, codebook)
    code = unit_code(unit)
    reg = region_of(code)
    rows = []
    for idx in indices:
        if idx not in INDICES:
            raise ParameterError("index", idx, INDICES)
        years = ctx.available_years(idx, unit_type)
        y = int(year)
        if y not in years and nearest:
            earlier = [v for v in years if v < y]
            y = earlier[-1] if earlier else y
        base = {"index": idx, "year": y, "indicator": None, "score": np.nan, "max": np.nan,
                "rank": pd.NA, "rank_of": pd.NA, "rank_in_region": pd.NA, "region_n": pd.NA,
                "prev_year": pd.NA, "change": np.nan, "rank_change": pd.NA, "comparable": False,
                "break_note": "", "status": "no data", "note": ""}
        if y not in years:
            base["note"] = (f"không có dữ liệu {idx} năm {y}" if lang == "vi"
                            else f"no {idx} data for {y}")
            rows.append(base)
            continue
        yd = ctx.year(idx, y, unit_type)
        try:
            ind = ctx.overall(idx, y)
        except ParameterError:
            base["note"] = "no overall indicator in the codebook"
            rows.append(base)
            continue
        v = yd.col("value", ind)
        if pd.isna(v.get(code, np.nan)):
            base["indicator"] = ind
            base["note"] = (f"tỉnh không có trong {idx} {y}" if lang == "vi"
                            else f"unit not covered by {idx} {y}")
            rows.append(base)
            continue
        mx = yd.col("max_value", ind).get(code, np.nan)
        if pd.isna(mx):
            from parlib.analysis.context import cb_year

            r = cb_year(ctx.cb, idx, y)
            r = r[r.indicator == ind]
            mx = float(r.iloc[0]["scale_max"]) if len(r) else np.nan
        hib = ctx.hib(idx, ind, y)
        peers = v.dropna()
        same = peers[[region_of(u) == reg for u in peers.index]]
        rir = int(same.rank(ascending=not hib, method="min")[code]) if reg else pd.NA
        base.update(indicator=ind, score=float(v[code]), max=mx,
                    rank=yd.col("rank", ind).get(code), rank_of=yd.col("rank_of", ind).get(code),
                    rank_in_region=rir, region_n=len(same) if reg else pd.NA,
                    status="ok")
        prev = ctx.prev_year(idx, y, unit_type)
        if prev is not None:
            yp = ctx.year(idx, prev, unit_type)
            pv, pr = yp.col("value", ind).get(code, np.nan), yp.col("rank", ind).get(code, np.nan)
            ok, note = compare_eras(ctx.cb, idx, ind, prev, y, lang)
            if ok and pd.isna(pv):
                note = (f"không có giá trị {idx} năm {prev} để so sánh" if lang == "vi"
                        else f"no {idx} value in {prev} to compare with")
            base.update(prev_year=prev, change=base["score"] - pv,
                        rank_change=(pr - base["rank"]) if pd.notna(pr) else pd.NA,
                        comparable=bool(ok and pd.notna(pv)), break_note=note)
        rows.append(base)
    out = pd.DataFrame(rows)
    for c in ("rank", "rank_of", "rank_in_region", "region_n", "prev_year", "rank_change"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Float64").round().astype("Int64")
    out.insert(0, "unit_code", code)
    return out


def _overall_values(ctx, idx, y, unit_type) -> pd.Series | None:
    if y not in ctx.available_years(idx, unit_type):
        return None
    try:
        ind = ctx.overall(idx, y)
    except ParameterError:
        return None
    return ctx.year(idx, y, unit_type).col("value", ind).dropna()


def rank_correlations(*, years=None, indices=INDICES, pooled: bool = True, min_n: int = 5,
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                      ) -> pd.DataFrame:
    """Spearman rank correlations of the overall scores between pairs of indices.

    Per year: across the units with both scores that year (``n`` ≥ ``min_n``). Pooled
    (``year`` = "pooled"): across all unit-years, on within-year percentile ranks so that
    level shifts between years do not create correlation. Columns: year, index_a, index_b, n,
    rho, p_value.
    """
    from scipy import stats

    ctx = context(panel, codebook)
    indices = list(indices)
    if years is None:
        years = sorted(set(itertools.chain.from_iterable(
            ctx.available_years(i, unit_type) for i in indices)))
    elif isinstance(years, (int, np.integer)):
        years = [int(years)]
    rows, pool = [], {}
    for y in years:
        vals = {i: _overall_values(ctx, i, int(y), unit_type) for i in indices}
        for a, b in itertools.combinations(indices, 2):
            va, vb = vals[a], vals[b]
            if va is None or vb is None:
                continue
            j = pd.concat([va.rename("a"), vb.rename("b")], axis=1, join="inner").dropna()
            if len(j) < min_n:
                continue
            rho, p = stats.spearmanr(j["a"], j["b"])
            rows.append({"year": int(y), "index_a": a, "index_b": b, "n": len(j),
                         "rho": float(rho), "p_value": float(p)})
            pool.setdefault((a, b), []).append(j.rank(pct=True))
    if pooled:
        for (a, b), parts in pool.items():
            j = pd.concat(parts)
            if len(j) >= min_n:
                rho, p = stats.spearmanr(j["a"], j["b"])
                rows.append({"year": "pooled", "index_a": a, "index_b": b, "n": len(j),
                             "rho": float(rho), "p_value": float(p)})
    return pd.DataFrame(rows, columns=["year", "index_a", "index_b", "n", "rho", "p_value"])
