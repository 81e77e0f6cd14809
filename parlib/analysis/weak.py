"""Which criteria are weak: two named views, always both.

**Standing** (by rank, as COINr does): each criterion's rank nationally and within the region,
with its denominator, kind (published or computed) and percentile. A criterion in the bottom
third nationally is a *weakness*, in the top third a *strength* (optionally judged within the
region); never both (:meth:`parlib.panel.ranks.Rank.third`). Weights play no part.

**Drag** (by weighted points): the points the overall score would gain if the criterion reached
an achievable benchmark (:mod:`parlib.analysis.benchmarks`; default the best score in the region
on that criterion, naming the unit holding it), with the weight, the benchmark value and unit,
and the overall score and rank reaching it would give (what-if per criterion, ranked among every
unit with a score that year). Weights matter here: that is the point of this view.

The decomposition is exact because every aggregation in the codebook is linear. With effective
weights ``w``, criterion scores ``x`` and benchmark scores ``b``::

    overall(x) = Σ w_i x_i                       (the *recomputed* overall)
    gap_i = w_i (b_i − x_i)                      (``points_lost``; may be negative)
    Σ gap_i = overall(b) − overall(x)            (the overall gap, exactly)
    points_recoverable_i = max(gap_i, 0)         (what reaching b_i alone would add)

The published overall can differ from the recomputed one (rounding in the source); that
difference is reported separately as ``residual``. Without weights (PCI 2023: the codebook has
none) or without criterion scores (facts-only years) there is no drag: the standing view alone,
and ``.attrs["summary"]["note"]`` says so.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from parlib.errors import ParameterError, ParlibError
from parlib.analysis.benchmarks import (BENCHMARKS, DEFAULT_BENCHMARK, benchmark_frames,
                                        check_benchmark, describe, single_unit)
from parlib.analysis.context import (DEFAULT_UNIT_TYPE, cb_year, compare_eras, context,
                                     region_of, truncate, unit_code, unit_name)
from parlib.analysis.persistence import (DEFAULT_K, DEFAULT_THRESHOLD, check_k, check_threshold,
                                         partial, persistence, persistence_frame, unit_rank)
from parlib.panel import ranks as R

_check_benchmark = check_benchmark          # the name whatif.py imports
__all__ = ["BENCHMARKS", "DEFAULT_BENCHMARK", "criteria", "gap_decomposition", "overall_gap",
           "persistence", "points_lost", "weak_criteria", "strengths_weaknesses"]


def criteria_structure(ctx, index: str, year: int, depth=1) -> pd.DataFrame:
    """The criteria of the overall score with effective weights; NaN weights (and
    ``.attrs["no_weights"]`` = the reason) when the codebook has none for that year."""
    try:
        return ctx.structure(index, year, depth)
    except ParameterError:
        raise
    except ParlibError as exc:
        if "weight" not in str(exc) and "no children" not in str(exc):
            raise
        reason = str(exc)
    key = ("structure-unweighted", index, int(year))
    if key not in ctx.memo:
        rows = cb_year(ctx.cb, index, int(year)).drop_duplicates("indicator")
        top = ctx.overall(index, year)
        ch = rows[rows.parent == top]
        out = pd.DataFrame({"indicator": ch.indicator.to_numpy(), "parent": top,
                            "weight": np.nan})
        info = ch.set_index("indicator")
        for col in ("level", "name_en", "name_vi", "scale_min", "scale_max", "higher_is_better",
                    "era"):
            out[col] = out["indicator"].map(info[col])
        out["higher_is_better"] = out["higher_is_better"].astype(bool)
        out["order"] = range(len(out))
        out.attrs = {"overall": top, "no_weights": reason}
        ctx.memo[key] = out
    return ctx.memo[key]


def criteria(index: str, year: int, *, depth=1, panel=None, codebook=None) -> pd.DataFrame:
    """The criteria an overall score is made of in ``year``, with effective weights.

    Columns: indicator, parent, weight (overall points per criterion point; NaN when the codebook
    gives none), level, name_en, name_vi, scale_min, scale_max, higher_is_better, era, order.
    ``.attrs["overall"]`` is the overall indicator.
    """
    ctx = context(panel, codebook)
    st = criteria_structure(ctx, index, int(year), depth)
    out = st.copy()
    out.attrs = dict(st.attrs)
    return out


class _Decomp:
    """Vectorised decomposition for one index/year/depth: X (units × criteria), weights, the
    published and recomputed overall scores. Cached on the year's data."""

    def __init__(self, ctx, index, year, depth, unit_type):
        self.ctx, self.index, self.year, self.depth = ctx, index, year, depth
        self.yd = yd = ctx.year(index, year, unit_type)
        self.st = st = criteria_structure(ctx, index, year, depth)
        self.crit = list(st.indicator)
        self.w = st.weight.to_numpy(dtype=float)
        self.weighted = bool(len(self.w)) and bool(np.isfinite(self.w).all())
        self.overall = st.attrs["overall"]
        self.X = yd.value.reindex(columns=self.crit).astype(float)
        self.recomputed = pd.Series(self.X.to_numpy() @ self.w, index=self.X.index) \
            if self.weighted else pd.Series(np.nan, index=self.X.index)
        self.published = yd.col("value", self.overall).astype(float)
        self.overall_hib = ctx.hib(index, self.overall, year)
        self.hib = {r.indicator: bool(r.higher_is_better) for r in st.itertuples()}
        self.region = pd.Series({u: region_of(u) for u in self.X.index}, dtype=str)
        self._partial = {c: partial(yd, c) for c in self.crit + [self.overall]}
        self._bench: dict = {}

    def partial(self, ind) -> bool:
        """A handful of units only (:func:`parlib.analysis.persistence.partial`): no benchmark
        from the others, no rank if met."""
        return self._partial[ind]

    def score(self) -> pd.Series:
        """The overall score of every unit: published, else recomputed."""
        return self.published.where(self.published.notna(), self.recomputed)

    def leader_of(self, units) -> str | None:
        complete = self.X.loc[list(units)].notna().all(axis=1)
        cand = complete[complete].index
        if len(cand) == 0:
            return None
        s = pd.DataFrame({"score": self.score()[cand], "re": self.recomputed[cand],
                          "code": cand}, index=cand)
        asc = not self.overall_hib
        s = s.sort_values(["score", "re", "code"], ascending=[asc, asc, True])
        return str(s.index[0])

    def maxima(self) -> pd.DataFrame:
        """Scale end per unit and criterion: codebook ``scale_max`` when present, else the
        table's ``max_value``; ``scale_min`` when lower is better."""
        M = self.yd.max_value.reindex(index=self.X.index, columns=self.crit).astype(float)
        for r in self.st.itertuples():
            if not r.higher_is_better:
                M[r.indicator] = float(r.scale_min)
            elif pd.notna(r.scale_max):
                M[r.indicator] = float(r.scale_max)
        return M

    def frames(self, benchmark: str):
        """(B, U): benchmark values and holder codes, units × criteria (cached)."""
        benchmark = check_benchmark(benchmark)
        if benchmark not in self._bench:
            B, U = benchmark_frames(benchmark, self.X, region=self.region, hib=self.hib,
                                    maxima=self.maxima(), leader_of=self.leader_of)
            if benchmark != "max":  # never a benchmark taken from a handful of facts
                lead = benchmark in ("leader", "region-leader") and self.partial(self.overall)
                for c in self.crit:
                    if lead or self.partial(c):
                        B[c], U[c] = np.nan, ""
            self._bench[benchmark] = (B, U)
        return self._bench[benchmark]

    def benchmark(self, benchmark: str):
        """(B, bench_unit): values and, per unit, the one unit all its criteria are compared
        with ("" for per-criterion benchmarks held by different units)."""
        B, U = self.frames(benchmark)
        return B, single_unit(U)


def _decomp(ctx, index, year, depth, unit_type=DEFAULT_UNIT_TYPE) -> _Decomp:
    yd = ctx.year(index, year, unit_type)
    key = ("decomp", depth)
    if key not in yd.memo:
        yd.memo[key] = _Decomp(ctx, index, year, depth, unit_type)
    return yd.memo[key]


def _require_weights(d: _Decomp):
    if not d.weighted:
        raise ParlibError(d.st.attrs.get("no_weights") or f"the codebook gives no weights for "
                          f"{d.index} {d.year}: the points lost cannot be computed")


def gap_decomposition(index: str, year: int, *, benchmark: str = DEFAULT_BENCHMARK, depth=1,
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                      ) -> pd.DataFrame:
    """Points lost for every unit and criterion in one go (long format).

    Columns: index, year, unit_code, unit_name, region_code, indicator, weight, value,
    benchmark, benchmark_value, benchmark_unit (holder codes, ";"-joined), points_lost,
    overall_published, overall_recomputed, residual, overall_gap. For each unit
    Σ points_lost == overall_gap. ``.attrs["partial"]``: criteria of a partial source (no
    benchmark from the others: NaN). Raises :class:`ParlibError` without codebook weights.
    """
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    benchmark = check_benchmark(benchmark)
    d = _decomp(ctx, index, year, depth, unit_type)
    _require_weights(d)
    B, U = d.frames(benchmark)
    G = (B - d.X) * d.w
    bench_overall = pd.Series(B.to_numpy() @ d.w, index=B.index)
    long = G.stack(future_stack=True).rename("points_lost").reset_index()
    long.columns = ["unit_code", "indicator", "points_lost"]
    long["value"] = d.X.stack(future_stack=True).to_numpy()
    long["benchmark_value"] = B.stack(future_stack=True).to_numpy()
    long["benchmark_unit"] = U.stack(future_stack=True).to_numpy()
    long["weight"] = np.tile(d.w, len(d.X))
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
    out = long[cols]
    # criteria of a partial source: no benchmark taken from the others (NaN gaps)
    out.attrs["partial"] = [c for c in d.crit if d.partial(c)] if benchmark != "max" else []
    return out


def _require_unit(d: _Decomp, code: str, index, year):
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
    _require_unit(d, code, index, year)
    return ctx, code, year, d


def _summary(d: _Decomp, code: str, benchmark: str) -> dict:
    B, U = d.frames(benchmark)
    bu = single_unit(U)
    re = float(d.recomputed[code])
    pub = float(d.published.get(code, np.nan))
    b_overall = float(B.loc[code].to_numpy() @ d.w) if d.weighted else float("nan")
    rk = unit_rank(d.yd, d.overall, code)
    return {"unit_code": code, "index": d.index, "year": d.year, "overall": d.overall,
            "published": pub, "recomputed": re, "residual": pub - re, "benchmark": benchmark,
            "benchmark_unit": bu.get(code) or None, "benchmark_overall": b_overall,
            "gap": b_overall - re, "rank": rk.rank, "rank_of": rk.rank_of,
            "rank_kind": rk.kind, "has_composite": d.weighted,
            "missing": [i for i in d.crit if pd.isna(d.X.loc[code, i])]}


def overall_gap(unit, index: str, year: int, *, benchmark: str = DEFAULT_BENCHMARK, depth=1,
                unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> dict:
    """The overall side of the decomposition for one unit.

    Returns a dict: unit_code, index, year, overall (indicator), published, recomputed
    (Σ weight × criterion), residual (published − recomputed), benchmark, benchmark_unit (the
    one unit all criteria are compared with, else None), benchmark_overall, gap (equal to
    Σ points_lost), rank, rank_of, rank_kind (of the overall), has_composite, missing.
    """
    benchmark = check_benchmark(benchmark)
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    return _summary(d, code, benchmark)


# ----------------------------------------------------------------------------- per-unit views
_REGION_UNIVERSE: dict = {}


def _region_n(d: _Decomp, reg: str) -> int:
    """Units of the region: the registry's 63 provinces in it, plus any the data adds."""
    if reg not in _REGION_UNIVERSE:
        from parlib import provinces

        _REGION_UNIVERSE[reg] = {c for c in provinces.codes("63") if region_of(c) == reg}
    in_data = set(d.region.index[d.region == reg])
    return len(_REGION_UNIVERSE[reg] | in_data)


def _standing_rows(d: _Decomp, code: str, within_region: bool) -> list[dict]:
    reg = d.region.get(code, "")
    members = d.region.index[d.region == reg] if reg else pd.Index([code])
    region_n = _region_n(d, reg) if reg else 1
    rows = []
    for c in d.crit:
        nat = unit_rank(d.yd, c, code)
        with_data = int(d.X.loc[members, c].notna().sum())
        # a position in the region only when every unit of the region has a value
        loc = R.rank_in(d.X.loc[members, c], code, d.hib[c], universe=region_n) if reg \
            else R.Rank(None, None)
        third = (loc if within_region else nat).third()
        rows.append({"indicator": c, "rank": nat.rank, "rank_of": nat.rank_of,
                     "rank_kind": nat.kind, "percentile": nat.percentile(),
                     "region_code": reg, "region_rank": loc.rank, "region_rank_of": loc.rank_of,
                     "region_n": region_n, "region_with_data": with_data,
                     "region_percentile": loc.percentile(),
                     "region_complete": with_data >= region_n,
                     "standing": third, "weakness": third == "bottom",
                     "strength": third == "top"})
    return rows


def _holder_names(codes: str) -> str:
    return ", ".join(unit_name(c, "vi") for c in str(codes).split(";") if c)


def _drag_rows(d: _Decomp, code: str, benchmark: str) -> list[dict]:
    B, U = d.frames(benchmark)
    x, b = d.X.loc[code], B.loc[code]
    base = float(d.score().get(code, np.nan))
    others = d.score().round(9)
    rows = []
    for i, c in enumerate(d.crit):
        gap = float(d.w[i] * (b[c] - x[c])) if d.weighted else float("nan")
        rec = max(gap, 0.0) if np.isfinite(gap) else float("nan")
        new = base + rec if np.isfinite(rec) and np.isfinite(base) else float("nan")
        rk = R.Rank(None, None)
        if np.isfinite(new) and not d.partial(d.overall):
            rk = R.rank_in(others.where(others.index != code, round(new, 9)), code,
                           d.overall_hib)
        rows.append({"indicator": c, "benchmark": benchmark, "benchmark_value": b[c],
                     "benchmark_unit": _holder_names(U.loc[code, c]),
                     "benchmark_unit_code": U.loc[code, c] or "", "gap": gap,
                     "points_lost": gap, "points_recoverable": rec, "overall_if_met": new,
                     "rank_if_met": rk.rank, "rank_if_met_of": rk.rank_of})
    return rows


def _change_rows(ctx, d: _Decomp, code: str, lang: str) -> list[dict]:
    prev = ctx.prev_year(d.index, d.year, d.yd.unit_type)
    yd_prev = ctx.year(d.index, prev, d.yd.unit_type) if prev is not None else None
    rows = []
    for c in d.crit:
        comparable, note = compare_eras(ctx.cb, d.index, c, prev, d.year, lang)
        if prev is None:
            note = "no earlier survey" if lang != "vi" else "không có kỳ trước"
        pr = unit_rank(yd_prev, c, code) if yd_prev is not None else R.Rank(None, None)
        mv = R.move(pr, unit_rank(d.yd, c, code)) if comparable else None
        rows.append({"indicator": c, "prev_year": prev, "prev_rank": pr.rank,
                     "rank_change": mv, "comparable": comparable, "break_note": note})
    return rows


def _partial_note(d: _Decomp, lang: str) -> str:
    part = [c for c in d.crit if d.partial(c)]
    if not part:
        return ""
    n = int(d.X[part[0]].notna().sum())
    units = "unit" if n == 1 else "units"
    if lang == "vi":
        return (f"Nguồn chỉ có {n} tỉnh ở {len(part)} tiêu chí (số liệu công bố một phần): "
                "không lấy mốc so sánh từ các tỉnh khác, không tính hạng từ số liệu này.")
    return (f"The source covers only {n} {units} on {len(part)} criteria (partial published "
            "data): no benchmark is taken from the other units and no rank is computed from "
            "them (published ranks are shown).")


def _note(d: _Decomp, code: str, lang: str) -> str:
    no_scores = d.X.loc[code].isna().all()
    if d.weighted and not no_scores and _partial_note(d, lang):
        return _partial_note(d, lang)
    if lang == "vi":
        if no_scores:
            return (f"Nguồn không có điểm từng tiêu chí của {d.index} {d.year} cho tỉnh này: "
                    "không xếp hạng được tiêu chí.")
        if not d.weighted:
            return (f"{d.index} {d.year}: bộ mã không có trọng số nên không tính được điểm kéo "
                    "lùi; chỉ có góc nhìn thứ hạng.")
        return ""
    if no_scores:
        return (f"The source gives no criterion scores for {d.index} {d.year} for this unit: "
                "no criterion can be ranked.")
    if not d.weighted:
        return (f"{d.index} {d.year}: the codebook has no weights, so no drag (points) can be "
                "computed; the standing view (ranks) alone.")
    return ""


VIEW_COLUMNS = [
    "indicator", "name", "name_en", "name_vi", "score", "max", "share_of_max", "weight",
    "rank", "rank_of", "rank_kind", "percentile", "region_code", "region_rank",
    "region_rank_of", "region_n", "region_with_data", "region_percentile", "region_complete",
    "standing",
    "weakness", "strength", "benchmark", "benchmark_value", "benchmark_unit",
    "benchmark_unit_code", "gap", "points_lost", "points_recoverable", "overall_if_met",
    "rank_if_met", "rank_if_met_of", "drag_rank", "weak_both", "persistent", "persistent_text",
    "prev_year", "prev_rank", "rank_change", "comparable", "break_note"]


def weak_criteria(unit, index: str, year: int, *, benchmark: str = DEFAULT_BENCHMARK, depth=1,
                  k: int = DEFAULT_K, threshold: float = DEFAULT_THRESHOLD,
                  within_region: bool = False, lang: str = "en",
                  unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                  ) -> pd.DataFrame:
    """Both views for one unit, index and year: one row per criterion (see the module doc).

    Standing columns: rank, rank_of, rank_kind (published/computed), percentile (1 = first),
    region_rank, region_rank_of (only when every unit of the region has a value, else None),
    region_n (units in the region), region_with_data, region_percentile, region_complete,
    standing ("top"/"middle"/"bottom" third,
    nationally or with ``within_region`` in the region), weakness, strength.
    Drag columns: weight, benchmark, benchmark_value, benchmark_unit (names of the unit(s)
    holding it), benchmark_unit_code, gap (= points_lost, signed), points_recoverable (what
    reaching the benchmark alone adds), overall_if_met, rank_if_met, rank_if_met_of (among
    every unit with an overall score that year), drag_rank (1 = most recoverable).
    Also: weak_both (a weakness whose drag is among the 3 largest and positive), persistent
    and persistent_text (:mod:`parlib.analysis.persistence`), prev_year, prev_rank,
    rank_change (+ = up, None unless comparable), comparable, break_note.

    Sorted: weak on both counts first, then other weaknesses, then by points recoverable.
    ``.attrs["summary"]``: :func:`overall_gap` plus benchmark_text, note (why there is no drag
    view, or ""), k, threshold, within_region.
    """
    benchmark = check_benchmark(benchmark)
    k, threshold = check_k(k), check_threshold(threshold)
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    s = _summary(d, code, benchmark)
    s.update({"benchmark_text": describe(benchmark, lang), "note": _note(d, code, lang),
              "k": k, "threshold": threshold, "within_region": bool(within_region)})
    if not d.crit:  # facts-only year: the overall score alone
        out = pd.DataFrame(columns=VIEW_COLUMNS)
        out.attrs["summary"] = s
        return out
    Mx = d.maxima()
    x = d.X.loc[code]
    base = pd.DataFrame({"indicator": d.crit,
                         "name": (d.st.name_vi if lang == "vi" else d.st.name_en).to_numpy(),
                         "name_en": d.st.name_en.to_numpy(), "name_vi": d.st.name_vi.to_numpy(),
                         "score": x.to_numpy(), "max": Mx.loc[code].to_numpy(),
                         "weight": d.w})
    base["share_of_max"] = [truncate(100 * s / m) if pd.notna(s) and m else np.nan
                            for s, m in zip(base["score"], base["max"])]
    pers = persistence_frame(ctx, code, index, year, d.st, k, threshold, unit_type)
    pers = pers[["indicator", "persistent", f"persistent_text_{'vi' if lang == 'vi' else 'en'}"]]
    pers.columns = ["indicator", "persistent", "persistent_text"]
    out = base
    for part in (pd.DataFrame(_standing_rows(d, code, within_region)),
                 pd.DataFrame(_drag_rows(d, code, benchmark)), pers,
                 pd.DataFrame(_change_rows(ctx, d, code, lang))):
        out = out.merge(part, on="indicator", how="left")
    rec = out["points_recoverable"]
    order = rec.dropna().sort_values(ascending=False, kind="stable").index
    out["drag_rank"] = pd.Series(range(1, len(order) + 1), index=order).reindex(out.index) \
        .astype("Int64")
    out["weak_both"] = out["weakness"] & (out["drag_rank"] <= 3).fillna(False) & (rec > 0)
    for c in ("rank", "rank_of", "region_rank", "region_rank_of", "rank_if_met",
              "rank_if_met_of", "prev_rank", "rank_change"):
        out[c] = pd.array([None if v is None or pd.isna(v) else int(v) for v in out[c]],
                          dtype="Int64")
    out = out.assign(_a=~out["weak_both"], _b=~out["weakness"], _c=-rec.fillna(-np.inf),
                     _d=out["percentile"].fillna(2.0))
    out = out.sort_values(["_a", "_b", "_c", "_d"], kind="stable").reset_index(drop=True)
    out = out[VIEW_COLUMNS]
    out.attrs["summary"] = s
    return out


def points_lost(unit, index: str, year: int, *, benchmark: str = DEFAULT_BENCHMARK, depth=1,
                k: int = DEFAULT_K, lang: str = "en", unit_type: str = DEFAULT_UNIT_TYPE,
                panel=None, codebook=None, **kw) -> pd.DataFrame:
    """Same as :func:`weak_criteria` (the historical name)."""
    return weak_criteria(unit, index, year, benchmark=benchmark, depth=depth, k=k, lang=lang,
                         unit_type=unit_type, panel=panel, codebook=codebook, **kw)


def strengths_weaknesses(unit, index: str, year: int, *, n: int | None = None,
                         within_region: bool = False, depth=1, lang: str = "en",
                         unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                         ) -> pd.DataFrame:
    """COINr-style strengths and weaknesses by rank only: weakness = bottom third, strength =
    top third (nationally, or within the region with ``within_region``); never both.

    ``n`` keeps at most the ``n`` best strengths and ``n`` worst weaknesses (None = all).
    Columns: kind ("strength"/"weakness"), indicator, name, name_en, name_vi, score, rank,
    rank_of, percentile, scope ("national" or the region code), notable (always True: kept for
    callers of the old top/bottom-N list).
    """
    if n is not None and (not isinstance(n, (int, np.integer)) or n < 1):
        raise ParameterError("n", n, hint="a whole number ≥ 1, or None for all")
    df = weak_criteria(unit, index, year, depth=depth, within_region=within_region, lang=lang,
                       unit_type=unit_type, panel=panel, codebook=codebook)
    rk, of, pc = (("region_rank", "region_rank_of", "region_percentile") if within_region
                  else ("rank", "rank_of", "percentile"))
    scope = df["region_code"].iloc[0] if within_region and len(df) else "national"
    parts = []
    for kind, flag, asc in (("strength", "strength", True), ("weakness", "weakness", False)):
        sub = df[df[flag]].sort_values([rk, "indicator"], ascending=[asc, True])
        parts.append(sub.head(n) if n else sub)
        parts[-1] = parts[-1].assign(kind=kind)
    out = pd.concat(parts, ignore_index=True)
    out = out.assign(rank=out[rk], rank_of=out[of], percentile=out[pc], scope=scope,
                     notable=True)
    return out[["kind", "indicator", "name", "name_en", "name_vi", "score", "rank", "rank_of",
                "percentile", "scope", "notable"]]
