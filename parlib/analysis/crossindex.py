"""A province across the four indices, and how the indices' rankings agree (Spearman)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import (DEFAULT_UNIT_TYPE, INDICES, compare_eras, context, region_of, unit_code)
from parlib.panel.ranks import percentile_ranks


STANDING_COLUMNS = [
    "index", "year", "indicator", "total", "score", "max", "rank", "rank_of", "rank_kind",
    "rank_in_region", "region_n", "region_with_data", "prev_year", "change_indicator", "change",
    "prev_rank", "rank_change", "comparable", "change_status", "break_note", "status", "note"]


def headline_indicator(ctx, index: str, year: int, code: str | None = None) -> str | None:
    """The overall score a view headlines: the official *weighted* score where the codebook has
    one with data (PAPI 2019: ``PAPI.total_weighted``), else the aggregated overall."""
    from parlib.analysis.context import cb_year

    rows = cb_year(ctx.cb, index, year)
    rows = rows[rows.level == "overall"].drop_duplicates("indicator")
    yd = ctx.year(index, year)
    for r in rows.itertuples():
        name = str(r.name_en).lower()
        if "weighted" in name and "unweighted" not in name and (r.aggregation or "") == "":
            v = yd.col("value", r.indicator)
            if v.notna().any() and (code is None or pd.notna(v.get(code, np.nan))):
                return str(r.indicator)
    try:
        return ctx.overall(index, year)
    except ParameterError:
        return None


def total_label(ctx, index: str, indicator: str, year: int, lang: str = "en") -> str:
    """What a total is, from the codebook ("PAPI Index (weighted headline score)")."""
    from parlib.analysis.context import cb_year

    r = cb_year(ctx.cb, index, year)
    r = r[r.indicator == indicator]
    if not len(r):
        return indicator
    return str(r.iloc[0]["name_vi" if lang == "vi" else "name_en"])


def region_position(ctx, index, year, indicator, code, unit_type=DEFAULT_UNIT_TYPE) -> dict:
    """The unit's place within its region, only when every province of the region has a value
    (else None, with how many do): rank_in_region, region_n, region_with_data."""
    from parlib import provinces
    from parlib.panel import ranks

    reg = region_of(code)
    members = provinces.region_members(reg, year) if reg else []
    v = ctx.year(index, year, unit_type).col("value", indicator).reindex(members)
    have = int(v.notna().sum())
    out = {"rank_in_region": pd.NA, "region_n": len(members) or pd.NA,
           "region_with_data": have if members else pd.NA}
    if members and code in members:
        r = ranks.rank_in(v, code, ctx.hib(index, indicator, year), universe=len(members))
        if r.known:
            out["rank_in_region"] = r.rank
    return out


def criterion_ranks(unit, index: str, year: int, *, unit_type: str = DEFAULT_UNIT_TYPE,
                    lang: str = "en", panel=None, codebook=None) -> pd.DataFrame:
    """The unit's rank on each criterion (the overall's children in the codebook) — works
    without a composite score or weights (PCI 2021-2023). Columns: indicator, name, score,
    rank, rank_of, rank_kind, third ("top"/"middle"/"bottom"). Rank-only criteria keep
    their rank with no score."""
    from parlib.analysis.context import cb_year, overall_indicator

    ctx = context(panel, codebook)
    code = unit_code(unit)
    year = ctx.check_year(index, year, unit_type)
    rows = cb_year(ctx.cb, index, year).drop_duplicates("indicator")
    top = overall_indicator(ctx.cb, index, year)
    yd = ctx.year(index, year, unit_type)
    out = []
    for r in rows[rows.parent == top].itertuples():
        rk = yd.rank_obj(code, r.indicator)
        out.append({"indicator": r.indicator, "name": r.name_vi if lang == "vi" else r.name_en,
                    "score": yd.col("value", r.indicator).get(code, np.nan),
                    "rank": rk.rank, "rank_of": rk.rank_of, "rank_kind": rk.kind,
                    "third": rk.third()})
    df = pd.DataFrame(out, columns=["indicator", "name", "score", "rank", "rank_of",
                                    "rank_kind", "third"])
    for c in ("rank", "rank_of"):
        df[c] = pd.to_numeric(df[c]).astype("Int64")
    return df


def standing(unit, year: int, *, indices=INDICES, nearest: bool = False, lang: str = "en",
             unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """One row per index: the unit's headline score, rank and change in ``year``.

    Score: the official weighted score where published (``total`` says which total), else the
    aggregated overall. Rank: published, or computed among every unit with a value
    (``rank_kind``); a published fact gives no computed rank. ``rank_change`` (+ = up) only
    between two ranks of the same kind and denominator. The change is taken on
    ``change_indicator`` (the comparable total); ``change_status``: "ok", "missing" (no
    value in ``prev_year``), "break" (methodology changed: codebook era) or "first".
    ``rank_in_region`` only when every province of the region has data (``region_with_data``
    of ``region_n`` do). ``status``: "ok", "rank only" (the source printed a rank and no score),
    "no composite" (criteria but no overall score: see :func:`criterion_ranks`), "no data".
    ``nearest=True`` falls back to the latest earlier survey when ``year`` has none.
    """
    ctx = context(panel, codebook)
    code = unit_code(unit)
    rows = []
    for idx in indices:
        if idx not in INDICES:
            raise ParameterError("index", idx, INDICES)
        rows.append(_standing_row(ctx, code, idx, int(year), nearest, lang, unit_type))
    out = pd.DataFrame(rows, columns=STANDING_COLUMNS)
    for c in ("rank", "rank_of", "rank_in_region", "region_n", "region_with_data", "prev_year",
              "prev_rank", "rank_change"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Float64").round().astype("Int64")
    out.insert(0, "unit_code", code)
    return out


def _standing_row(ctx, code, idx, y, nearest, lang, unit_type) -> dict:
    vi = lang == "vi"
    years = ctx.available_years(idx, unit_type, ranks=True)
    if y not in years and nearest:
        earlier = [v for v in years if v < y]
        y = earlier[-1] if earlier else y
    base = {c: pd.NA for c in STANDING_COLUMNS}
    base.update(index=idx, year=y, indicator=None, total="", score=np.nan, max=np.nan,
                change=np.nan, comparable=False, change_status="", break_note="",
                status="no data", note="")
    if y not in years:
        base["note"] = f"không có dữ liệu {idx} năm {y}" if vi else f"no {idx} data for {y}"
        return base
    yd = ctx.year(idx, y, unit_type)
    ind = headline_indicator(ctx, idx, y, code)
    if ind is None:
        base["note"] = "no overall indicator in the codebook"
        return base
    base.update(indicator=ind, total=total_label(ctx, idx, ind, y, lang))
    v = yd.col("value", ind)
    rk = yd.rank_obj(code, ind)
    if pd.isna(v.get(code, np.nan)):
        n_crit = _criteria_with_value(ctx, idx, y, ind, code, yd)
        if rk.known:
            base.update(status="rank only", rank=rk.rank, rank_of=rk.rank_of, rank_kind=rk.kind,
                        note=("nguồn chỉ công bố thứ hạng, không có điểm" if vi else
                              "the source published a rank and no score"))
            base.update(_change(ctx, idx, y, ind, code, unit_type, lang))
        elif n_crit:
            base.update(status="no composite", note=(
                f"{idx} {y}: không có điểm tổng hợp; có {n_crit} chỉ số thành phần" if vi else
                f"{idx} {y}: no composite score in the data; {n_crit} sub-indices with a value "
                f"for this province (ranks on the sub-indices)"))
        else:
            n = yd.n_with_value(ind) + int((yd.rank_only["indicator"] == ind).sum())
            base["note"] = (f"tỉnh không có trong {idx} {y} (nguồn có {n} tỉnh)" if vi else
                            f"unit not covered by {idx} {y} (the source covers {n} provinces)")
        return base
    base.update(score=float(v[code]), max=_scale_max(ctx, idx, y, ind, yd, code),
                rank=rk.rank, rank_of=rk.rank_of, rank_kind=rk.kind, status="ok")
    base.update(region_position(ctx, idx, y, ind, code, unit_type))
    base.update(_change(ctx, idx, y, ind, code, unit_type, lang))
    return base


def _criteria_with_value(ctx, idx, y, ind, code, yd) -> int:
    kids = ctx.cb[(ctx.cb["index"] == idx) & (ctx.cb["parent"] == ind)]["indicator"].unique()
    return int(sum(pd.notna(yd.col("value", k).get(code, np.nan)) for k in kids))


def _scale_max(ctx, idx, y, ind, yd, code):
    mx = yd.col("max_value", ind).get(code, np.nan)
    if pd.isna(mx):
        from parlib.analysis.context import cb_year

        r = cb_year(ctx.cb, idx, y)
        r = r[r.indicator == ind]
        mx = float(r.iloc[0]["scale_max"]) if len(r) else np.nan
    return mx


def _change(ctx, idx, y, ind, code, unit_type, lang) -> dict:
    """Change since the previous survey, on a total that exists in both years."""
    from parlib.panel import ranks

    vi = lang == "vi"
    prev = ctx.prev_year(idx, y, unit_type)
    if prev is None:
        return {"change_status": "first"}
    yp = ctx.year(idx, prev, unit_type)
    cur_yd = ctx.year(idx, y, unit_type)
    ci = ind
    if pd.isna(yp.col("value", ind).get(code, np.nan)) and not yp.rank_obj(code, ind).known:
        try:
            ci = ctx.overall(idx, y)   # the comparable (unweighted) total
        except ParameterError:
            ci = ind
    pv = yp.col("value", ci).get(code, np.nan)
    cv = cur_yd.col("value", ci).get(code, np.nan)
    ok, note = compare_eras(ctx.cb, idx, ci, prev, y, lang)
    move = ranks.move(yp.rank_obj(code, ci), cur_yd.rank_obj(code, ci))
    out = {"prev_year": prev, "change_indicator": ci, "prev_rank": yp.rank_obj(code, ci).rank,
           "rank_change": move if ok else pd.NA}
    if not ok:
        out.update(change_status="break", break_note=note, comparable=False)
    elif pd.isna(cv):
        out.update(change_status="rank only", comparable=False)
    elif pd.isna(pv):
        out.update(change_status="missing", comparable=False, break_note=(
            f"không có giá trị {idx} năm {prev} để so sánh" if vi
            else f"no {idx} value in {prev} to compare with (missing, not a method change)"))
    else:
        out.update(change_status="ok", comparable=True, change=float(cv) - float(pv))
    return out


def _overall_values(ctx, idx, y, unit_type) -> pd.Series | None:
    if y not in ctx.available_years(idx, unit_type):
        return None
    try:
        ind = ctx.overall(idx, y)
    except ParameterError:
        return None
    yd = ctx.year(idx, y, unit_type)
    if ind in yd.facts:   # a handful of published facts (top/bottom lists) is no sample
        return None
    return yd.col("value", ind).dropna()


def rank_correlations(*, years=None, indices=INDICES, pooled: bool = True, min_n: int = 5,
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                      ) -> pd.DataFrame:
    """Spearman rank correlations of the overall scores between pairs of indices.

    Per year: across the units with both scores that year (``n`` ≥ ``min_n``); a source of
    published facts (PAR INDEX, SIPAS: the provinces the press named) is left out. Pooled
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
            pool.setdefault((a, b), []).append(percentile_ranks(j))
    if pooled:
        for (a, b), parts in pool.items():
            j = pd.concat(parts)
            if len(j) >= min_n:
                rho, p = stats.spearmanr(j["a"], j["b"])
                rows.append({"year": "pooled", "index_a": a, "index_b": b, "n": len(j),
                             "rho": float(rho), "p_value": float(p)})
    return pd.DataFrame(rows, columns=["year", "index_a", "index_b", "n", "rho", "p_value"])
