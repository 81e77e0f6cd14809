"""Points lost: which criteria cost a unit points on the overall score, against a benchmark.

The decomposition is exact because every aggregation in the codebook is linear. With effective
weights ``w`` (see :func:`criteria`), criterion scores ``x`` and benchmark scores ``b``::

    overall(x) = Σ w_i x_i                       (the *recomputed* overall)
    points_lost_i = w_i (b_i − x_i)
    Σ points_lost_i = overall(b) − overall(x)    (the overall gap, exactly)

The published overall can differ from the recomputed one (rounding in the source, weights
applied to unrounded sub-indices); that difference is reported separately as ``residual`` and
never smeared over the criteria.

Benchmarks: "max" (the scale maximum of each criterion: the panel's ``max_value``, else the
codebook's ``scale_max``; ``scale_min`` for a lower-is-better criterion), "best" (the criteria of
the unit with the best overall score that year), "median" (criterion-wise national median),
"region-best" (the criteria of the best unit in the unit's own region). Against a unit
benchmark a criterion's points lost can be negative: the unit is ahead there.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import (DEFAULT_UNIT_TYPE, compare_eras, context, fmt, region_of, truncate,
                    unit_code, unit_name)

BENCHMARKS = ("max", "best", "median", "region-best")


def _check_benchmark(benchmark: str) -> str:
    b = str(benchmark).strip().lower().replace("_", "-")
    if b in ("regional-best", "regionbest", "region"):
        b = "region-best"
    if b not in BENCHMARKS:
        raise ParameterError("benchmark", benchmark, BENCHMARKS)
    return b


def criteria(index: str, year: int, *, depth=1, panel=None, codebook=None) -> pd.DataFrame:
    """The criteria an overall score is made of in ``year``, with effective weights.

    Columns: indicator, parent, weight (overall points per criterion point), level, name_en,
    name_vi, scale_min, scale_max, higher_is_better, era, order. ``.attrs["overall"]`` is the
    overall indicator.
    """
    ctx = context(panel, codebook)
    st = ctx.structure(index, int(year), depth)
    out = st.copy()
    out.attrs = dict(st.attrs)
    return out


class _Decomp:
    """Vectorised decomposition for one index/year/depth: X (units × criteria), weights, the
    published and recomputed overall scores. Cached on the year's data."""

    def __init__(self, ctx, index, year, depth, unit_type):
        self.ctx, self.index, self.year, self.depth = ctx, index, year, depth
        self.yd = yd = ctx.year(index, year, unit_type)
        self.st = st = ctx.structure(index, year, depth)
        self.crit = list(st.indicator)
        self.w = st.weight.to_numpy(dtype=float)
        self.overall = st.attrs["overall"]
        self.X = yd.value.reindex(columns=self.crit).astype(float)
        self.recomputed = pd.Series(self.X.to_numpy() @ self.w, index=self.X.index)
        self.published = yd.col("value", self.overall).astype(float)
        self.overall_hib = ctx.hib(index, self.overall, year)
        self.region = pd.Series({u: region_of(u) for u in self.X.index}, dtype=str)
        self._bench: dict = {}

    def score(self) -> pd.Series:
        """The overall used to pick the 'best' unit: published, else recomputed."""
        return self.published.where(self.published.notna(), self.recomputed)

    def best_of(self, units) -> str | None:
        complete = self.X.loc[list(units)].notna().all(axis=1)
        cand = complete[complete].index
        if len(cand) == 0:
            return None
        s = pd.DataFrame({"score": self.score()[cand], "re": self.recomputed[cand],
                          "code": cand}, index=cand)
        asc = not self.overall_hib
        s = s.sort_values(["score", "re", "code"], ascending=[asc, asc, True])
        return str(s.index[0])

    def benchmark(self, benchmark: str):
        """(B, bench_unit): benchmark values (units × criteria) and the benchmark unit per unit."""
        if benchmark in self._bench:
            return self._bench[benchmark]
        X, units = self.X, self.X.index
        if benchmark == "max":
            M = self.yd.max_value.reindex(index=units, columns=self.crit).astype(float)
            for r in self.st.itertuples():
                if r.higher_is_better:
                    M[r.indicator] = M[r.indicator].fillna(float(r.scale_max))
                else:
                    M[r.indicator] = float(r.scale_min)
            B, bu = M, pd.Series("", index=units, dtype=str)
        elif benchmark == "median":
            med = X.median(axis=0, skipna=True)
            B = pd.DataFrame(np.tile(med.to_numpy(), (len(units), 1)), index=units,
                             columns=self.crit)
            bu = pd.Series("", index=units, dtype=str)
        elif benchmark == "best":
            b = self.best_of(units)
            row = X.loc[b].to_numpy() if b else np.full(len(self.crit), np.nan)
            B = pd.DataFrame(np.tile(row, (len(units), 1)), index=units, columns=self.crit)
            bu = pd.Series(b or "", index=units, dtype=str)
        elif benchmark == "region-best":
            best = {}
            for reg, grp in self.region.groupby(self.region):
                best[reg] = self.best_of(grp.index) if reg else None
            bu = self.region.map(lambda r: best.get(r) or "").astype(str)
            rows = [X.loc[b].to_numpy() if b else np.full(len(self.crit), np.nan) for b in bu]
            B = pd.DataFrame(np.vstack(rows) if rows else np.empty((0, len(self.crit))),
                             index=units, columns=self.crit)
        else:  # pragma: no cover - checked before
            raise ParameterError("benchmark", benchmark, BENCHMARKS)
        self._bench[benchmark] = (B, bu)
        return B, bu


def _decomp(ctx, index, year, depth, unit_type=DEFAULT_UNIT_TYPE) -> _Decomp:
    yd = ctx.year(index, year, unit_type)
    key = ("decomp", depth)
    if key not in yd.memo:
        yd.memo[key] = _Decomp(ctx, index, year, depth, unit_type)
    return yd.memo[key]


def gap_decomposition(index: str, year: int, *, benchmark: str = "max", depth=1,
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                      ) -> pd.DataFrame:
    """Points lost for every unit and criterion in one go (long format).

    Columns: unit_code, unit_name, region_code, indicator, weight, value, benchmark_value,
    benchmark_unit, points_lost, overall_published, overall_recomputed, residual, overall_gap
    (the last four repeated per unit). For each unit Σ points_lost == overall_gap.
    """
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    benchmark = _check_benchmark(benchmark)
    d = _decomp(ctx, index, year, depth, unit_type)
    B, bu = d.benchmark(benchmark)
    G = (B - d.X) * d.w
    bench_overall = pd.Series(B.to_numpy() @ d.w, index=B.index)
    long = G.stack(future_stack=True).rename("points_lost").reset_index()
    long.columns = ["unit_code", "indicator", "points_lost"]
    long["value"] = d.X.stack(future_stack=True).to_numpy()
    long["benchmark_value"] = B.stack(future_stack=True).to_numpy()
    long["weight"] = np.tile(d.w, len(d.X))
    long["benchmark_unit"] = long["unit_code"].map(bu)
    long["unit_name"] = long["unit_code"].map(lambda c: unit_name(c, "vi"))
    long["region_code"] = long["unit_code"].map(d.region)
    long["overall_published"] = long["unit_code"].map(d.published)
    long["overall_recomputed"] = long["unit_code"].map(d.recomputed)
    long["residual"] = long["overall_published"] - long["overall_recomputed"]
    long["overall_gap"] = long["unit_code"].map(bench_overall - d.recomputed)
    long.insert(0, "year", year)
    long.insert(0, "index", index)
    long["benchmark"] = benchmark
    cols = ["index", "year", "unit_code", "unit_name", "region_code", "indicator", "weight",
            "value", "benchmark", "benchmark_value", "benchmark_unit", "points_lost",
            "overall_published", "overall_recomputed", "residual", "overall_gap"]
    return long[cols]


def overall_gap(unit, index: str, year: int, *, benchmark: str = "max", depth=1,
                unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> dict:
    """The overall side of the decomposition for one unit.

    Returns a dict: unit_code, index, year, overall (indicator), published, recomputed
    (Σ weight × criterion), residual (published − recomputed), benchmark, benchmark_unit,
    benchmark_overall (Σ weight × benchmark criterion), gap (benchmark_overall − recomputed,
    equal to Σ points_lost), rank, rank_of (of the published overall).
    """
    benchmark = _check_benchmark(benchmark)
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    B, bu = d.benchmark(benchmark)
    b_overall = float(B.loc[code].to_numpy() @ d.w)
    re = float(d.recomputed[code])
    pub = float(d.published[code])
    return {"unit_code": code, "index": index, "year": year, "overall": d.overall,
            "published": pub, "recomputed": re, "residual": pub - re,
            "benchmark": benchmark, "benchmark_unit": bu[code] or None,
            "benchmark_overall": b_overall, "gap": b_overall - re,
            "rank": _num(d.yd.col("rank", d.overall).get(code)),
            "rank_of": _num(d.yd.col("rank_of", d.overall).get(code))}


def _num(x):
    return None if x is None or pd.isna(x) else int(x)


def _require_unit(d: _Decomp, code: str, unit, index, year):
    if code not in d.X.index:
        name = unit_name(code, "vi")
        have = ", ".join(unit_name(c, "vi") for c in d.X.index[:12])
        more = f" and {len(d.X.index) - 12} more" if len(d.X.index) > 12 else ""
        raise ParameterError("province", f"{name} ({code})",
                             hint=f"no {index} {year} data for it; {len(d.X.index)} units have "
                             f"data: {have}{more}")


def _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook):
    """The shared start of the per-unit views: (context, unit code, checked year, decomposition)."""
    ctx = context(panel, codebook)
    code = unit_code(unit)
    year = ctx.check_year(index, year, unit_type)
    d = _decomp(ctx, index, year, depth, unit_type)
    _require_unit(d, code, unit, index, year)
    return ctx, code, year, d


def persistence(unit, index: str, year: int, *, k: int = 3, depth=1,
                unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Persistent weaknesses per criterion.

    A criterion is persistent when the unit was in the bottom third of the ranking (rank >
    2/3 × rank_of) in each of the last ``k`` survey years up to ``year`` (consecutive years
    the index has data for), or when it did not improve over ``k`` survey years (value now not
    better than ``k`` surveys earlier, compared only within one codebook era).

    Columns: indicator, bottom_third_run (years running, up to ``year``), run_from,
    no_improvement (bool; False when not comparable), base_year, base_value, value,
    persistent, persistent_text_en, persistent_text_vi.
    """
    ctx = context(panel, codebook)
    code = unit_code(unit)
    year = ctx.check_year(index, year, unit_type)
    if int(k) < 1:
        raise ParameterError("k", k, hint="at least 1")
    return _persistence(ctx, code, index, year, int(k), depth, unit_type)


def _persistence(ctx, code, index, year, k, depth, unit_type):
    st = ctx.structure(index, year, depth)
    years = [y for y in ctx.available_years(index, unit_type) if y <= year]
    rows = []
    for r in st.itertuples():
        ind, hib = r.indicator, bool(r.higher_is_better)
        run, run_from = 0, None
        for y in reversed(years):
            yd = ctx.year(index, y, unit_type)
            rk = yd.col("rank", ind).get(code)
            n = yd.col("rank_of", ind).get(code)
            if rk is None or pd.isna(rk) or pd.isna(n) or not rk > 2 * n / 3:
                break
            run, run_from = run + 1, y
        cur = ctx.year(index, year, unit_type).col("value", ind).get(code)
        base_year = years[-1 - k] if len(years) > k else None
        base = np.nan
        no_imp = False
        if base_year is not None:
            base = ctx.year(index, base_year, unit_type).col("value", ind).get(code, np.nan)
            ok, _ = compare_eras(ctx.cb, index, ind, base_year, year)
            if ok and pd.notna(base) and pd.notna(cur):
                no_imp = bool(cur <= base) if hib else bool(cur >= base)
        bottom = run >= k
        en, vi = [], []
        if bottom:
            en.append(f"bottom third {run} years running ({run_from}–{year})")
            vi.append(f"thuộc nhóm 1/3 cuối {run} năm liên tiếp ({run_from}–{year})")
        if no_imp:
            en.append(f"no improvement over {k} surveys ({base_year}: {fmt(base)} → "
                      f"{year}: {fmt(cur)})")
            vi.append(f"không cải thiện qua {k} kỳ ({base_year}: {fmt(base, lang='vi')} → "
                      f"{year}: {fmt(cur, lang='vi')})")
        rows.append({"indicator": ind, "bottom_third_run": run, "run_from": run_from,
                     "no_improvement": no_imp, "base_year": base_year, "base_value": base,
                     "value": cur, "persistent": bool(bottom or no_imp),
                     "persistent_text_en": "; ".join(en), "persistent_text_vi": "; ".join(vi)})
    return pd.DataFrame(rows)


def points_lost(unit, index: str, year: int, *, benchmark: str = "max", depth=1, k: int = 3,
                lang: str = "en", unit_type: str = DEFAULT_UNIT_TYPE, panel=None,
                codebook=None) -> pd.DataFrame:
    """One row per criterion: where the unit lost points against ``benchmark``, by drag.

    Columns: indicator, name (in ``lang``), name_en, name_vi, score, max, share_of_max (score
    as a percent of max, truncated to 2 decimals, Ministry style), weight, rank, rank_of,
    rank_source, prev_year, prev_rank, rank_change (+ = moved up), benchmark,
    benchmark_unit, benchmark_value, points_lost (overall points; negative = ahead of the
    benchmark), drag_rank (1 = costs the most), persistent, persistent_text (in ``lang``),
    comparable (with the previous survey year), break_note.

    ``.attrs["summary"]`` holds :func:`overall_gap` for the same arguments; Σ points_lost equals
    its ``gap`` exactly (its ``residual`` is the published − recomputed difference).
    """
    benchmark = _check_benchmark(benchmark)
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    B, bu = d.benchmark(benchmark)
    Mx, _ = d.benchmark("max")
    x = d.X.loc[code]
    b = B.loc[code]
    lost = (b - x) * d.w
    prev = ctx.prev_year(index, year, unit_type)
    yd_prev = ctx.year(index, prev, unit_type) if prev is not None else None
    pers = _persistence(ctx, code, index, year, int(k), depth, unit_type).set_index("indicator")
    rows = []
    for i, r in enumerate(d.st.itertuples()):
        ind = r.indicator
        score, mx = x[ind], Mx.loc[code, ind]
        rank = d.yd.col("rank", ind).get(code)
        prev_rank = yd_prev.col("rank", ind).get(code) if yd_prev is not None else np.nan
        comparable, note = compare_eras(ctx.cb, index, ind, prev, year, lang)
        if prev is None:
            note = "no earlier survey" if lang != "vi" else "không có kỳ trước"
        rows.append({
            "indicator": ind, "name": r.name_vi if lang == "vi" else r.name_en,
            "name_en": r.name_en, "name_vi": r.name_vi, "score": score, "max": mx,
            "share_of_max": truncate(100 * score / mx) if pd.notna(score) and mx else np.nan,
            "weight": r.weight, "rank": rank, "rank_of": d.yd.col("rank_of", ind).get(code),
            "rank_source": d.yd.rank_source.get(ind, ""), "prev_year": prev,
            "prev_rank": prev_rank,
            "rank_change": (prev_rank - rank) if pd.notna(prev_rank) and pd.notna(rank)
            else np.nan,
            "benchmark": benchmark, "benchmark_unit": bu[code] or None,
            "benchmark_value": b[ind], "points_lost": lost[ind],
            "persistent": bool(pers.loc[ind, "persistent"]),
            "persistent_text": pers.loc[ind, "persistent_text_vi" if lang == "vi"
                                        else "persistent_text_en"],
            "comparable": comparable, "break_note": note,
        })
    out = pd.DataFrame(rows)
    from parlib.panel.ranks import ordinal

    out["drag_rank"] = ordinal(out["points_lost"], higher_first=True)
    for c in ("rank", "rank_of", "prev_rank", "rank_change"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    out = out.sort_values(["drag_rank"]).reset_index(drop=True)
    cols = ["indicator", "name", "name_en", "name_vi", "score", "max", "share_of_max", "weight",
            "rank", "rank_of", "rank_source", "prev_year", "prev_rank", "rank_change",
            "benchmark", "benchmark_unit", "benchmark_value", "points_lost", "drag_rank",
            "persistent", "persistent_text", "comparable", "break_note"]
    out = out[cols]
    re = float(d.recomputed[code])
    pub = float(d.published[code])
    b_overall = float(b.to_numpy() @ d.w)
    out.attrs["summary"] = {
        "unit_code": code, "index": index, "year": year, "overall": d.overall,
        "published": pub, "recomputed": re, "residual": pub - re, "benchmark": benchmark,
        "benchmark_unit": bu[code] or None, "benchmark_overall": b_overall,
        "gap": b_overall - re, "rank": _num(d.yd.col("rank", d.overall).get(code)),
        "rank_of": _num(d.yd.col("rank_of", d.overall).get(code)),
        "missing": [i for i in d.crit if pd.isna(x[i])]}  # criteria without a score: NaN gaps
    return out


def strengths_weaknesses(unit, index: str, year: int, *, n: int = 3,
                         within_region: bool = False, depth=1, lang: str = "en",
                         unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                         ) -> pd.DataFrame:
    """COINr-style strengths and weaknesses: the unit's ``n`` best- and worst-ranked criteria.

    Ranks are national, or within the unit's region with ``within_region=True`` (computed from
    the scores). Unlike a bare top/bottom-N list, ``notable`` says whether a strength is really
    in the top third (a weakness in the bottom third), so a province ranked 40th on everything
    does not get "strengths" announced without qualification; ``points_lost`` (against "max")
    is given alongside so a rank is never read without its size.

    Columns: kind ("strength"/"weakness"), indicator, name, name_en, name_vi, score, rank,
    rank_of, scope ("national" or the region code), notable, points_lost.
    """
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    X = d.X
    if within_region:
        reg = d.region[code]
        peers = d.region[d.region == reg].index
        scope = reg
    else:
        peers, scope = X.index, "national"
    sub = X.loc[peers]
    asc = {r.indicator: not r.higher_is_better for r in d.st.itertuples()}
    if within_region or any(d.yd.rank_source.get(c) != "published" for c in d.crit):
        from parlib.panel.ranks import competition

        ranks = pd.DataFrame({c: competition(sub[c], not asc[c]).astype(float) for c in d.crit})
        rank_of = sub.notna().sum()
    else:
        ranks = d.yd.rank.loc[peers, d.crit]
        rank_of = d.yd.rank_of.loc[code, d.crit]
    Mx, _ = d.benchmark("max")
    lost = (Mx.loc[code] - X.loc[code]) * d.w
    base = pd.DataFrame({"indicator": d.crit, "score": X.loc[code].to_numpy(),
                         "rank": ranks.loc[code].to_numpy(),
                         "rank_of": pd.Series(rank_of).reindex(d.crit).to_numpy(),
                         "points_lost": lost.to_numpy(),
                         "name_en": d.st.name_en.to_numpy(), "name_vi": d.st.name_vi.to_numpy()})
    base = base[base["rank"].notna()]
    base["name"] = base["name_vi"] if lang == "vi" else base["name_en"]
    base["scope"] = scope
    bot = base.sort_values(["rank", "points_lost"], ascending=[False, False]).head(n) \
        .assign(kind="weakness")
    rest = base[~base.indicator.isin(bot.indicator)]  # never both a strength and a weakness
    top = rest.sort_values(["rank", "points_lost"]).head(n).assign(kind="strength")
    top["notable"] = top["rank"] <= top["rank_of"] / 3
    bot["notable"] = bot["rank"] > 2 * bot["rank_of"] / 3
    out = pd.concat([top, bot], ignore_index=True)
    for c in ("rank", "rank_of"):
        out[c] = out[c].astype("Float64").round().astype("Int64")
    return out[["kind", "indicator", "name", "name_en", "name_vi", "score", "rank", "rank_of",
                "scope", "notable", "points_lost"]]
