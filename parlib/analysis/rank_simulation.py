"""Rank intervals by Monte Carlo: how sure is a province's rank, given what is uncertain?

A composite rank depends on things the published table hides: the survey's sampling error, the
weights given to the criteria, and how the criteria are aggregated. For every unit of one index
and year this module redraws the composite ``draws`` times, each draw changing what is uncertain,
ranks every draw (:func:`parlib.panel.ranks.competition_matrix`) and reports the median rank and
a 90% interval (the 5th and 95th percentiles of the drawn ranks). What is drawn:

* **weights**: the era's official weights (codebook), each multiplied by a uniform factor in
  ``[1 − weight_bound, 1 + weight_bound]`` and renormalised to the official total; in a share
  ``p_equal`` of the draws, equal weights instead (COINr-style alternative weighting).
* **aggregation**: in a share ``p_geometric`` of the draws, the weighted geometric mean of the
  criteria (scaled to the same total) instead of the weighted sum.
* **sampling error**, only where the source publishes it: the standard error implied by the
  panel's ``ci_low``/``ci_high`` (:func:`parlib.analysis.uncertainty.se_from_ci`), drawn as
  independent normal errors on the criteria when they carry intervals, else on the overall score
  (PAPI 2019 publishes 95% intervals on its totals). PCI publishes no standard error: its
  sampling error is not modelled unless ``assumed_se`` is given, and then the result says
  "ASSUMED" in ``sampling``.

Each draw is anchored on the published composite: ``draw = published + (composite under the
drawn method − composite under the official method)``. So a published composite that the
criteria do not reproduce exactly (PCI 2011: up to 0.30 points, see the codebook) keeps its
residual as a fixed per-unit term, and with every source of uncertainty switched off
(:meth:`MCParams.off`) every draw *is* the published composite and the interval collapses to
its rank. A year whose criteria or weights are not in the panel (PCI 2020-2022: composites only;
2021+ weights unpublished) gets no weight/aggregation model; without a published interval either,
its ``rank_low``/``rank_high`` are missing and ``model`` says why (never a fake zero-width
interval).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from parlib.analysis.context import (DEFAULT_UNIT_TYPE, INDICES, context, unit_name)
from parlib.analysis.uncertainty import se_from_ci, year_pair
from parlib.errors import ParameterError, ParlibError
from parlib.panel.ranks import COMPUTED, FLAG_COMPUTED, PUBLISHED, competition_matrix

NO_SE = "none published (not modelled)"
COLUMNS = ["unit_code", "rank", "rank_median", "rank_low", "rank_high"]


@dataclass(frozen=True)
class MCParams:
    """The parameters of one Monte Carlo run; recorded with every result row."""

    draws: int = 1000
    seed: int = 20190
    weight_bound: float = 0.25
    p_equal: float = 0.2
    p_geometric: float = 0.2
    sampling: bool = True
    assumed_se: float | None = None
    level: float = 0.90
    ci_level: float = 0.95

    @classmethod
    def off(cls, draws: int = 200, seed: int = 20190) -> "MCParams":
        """Every source of uncertainty switched off (the interval must collapse)."""
        return cls(draws=draws, seed=seed, weight_bound=0.0, p_equal=0.0, p_geometric=0.0,
                   sampling=False, assumed_se=None)

    def check(self) -> "MCParams":
        if not isinstance(self.draws, (int, np.integer)) or self.draws < 1:
            raise ParameterError("draws", self.draws, hint="a positive number of draws")
        for name in ("weight_bound", "p_equal", "p_geometric"):
            v = getattr(self, name)
            if not (0.0 <= float(v) <= 1.0) or (name == "weight_bound" and v >= 1.0):
                raise ParameterError(name, v, hint="a number in [0, 1)" if name == "weight_bound"
                                     else "a share between 0 and 1")
        if not (0.5 <= self.level < 1.0):
            raise ParameterError("level", self.level, hint="an interval level such as 0.9")
        if self.assumed_se is not None and not float(self.assumed_se) >= 0:
            raise ParameterError("assumed_se", self.assumed_se, hint="a standard error ≥ 0")
        return self

    def record(self) -> dict:
        return asdict(self)


def describe(p: MCParams, lang: str = "en") -> str:
    """The method in words (the README and the CLI print this)."""
    lo, hi = (1 - p.level) / 2 * 100, (1 + p.level) / 2 * 100
    if lang == "vi":
        return (f"Mô phỏng Monte Carlo {p.draws} lần (seed {p.seed}): trọng số chính thức nhân với "
                f"hệ số ngẫu nhiên trong ±{p.weight_bound:.0%}, trọng số bằng nhau ở {p.p_equal:.0%} "
                f"số lần, trung bình nhân ở {p.p_geometric:.0%} số lần; sai số chọn mẫu "
                f"{'theo khoảng tin cậy công bố' if p.sampling else 'không tính'}"
                f"{'' if p.assumed_se is None else f', sai số giả định {p.assumed_se} (GIẢ ĐỊNH)'}. "
                f"Khoảng {p.level:.0%} = phân vị {lo:g}–{hi:g} của thứ hạng.")
    return (f"Monte Carlo with {p.draws} draws (seed {p.seed}): official weights times a random "
            f"factor within ±{p.weight_bound:.0%} (renormalised), equal weights in {p.p_equal:.0%} "
            f"of draws, weighted geometric aggregation in {p.p_geometric:.0%} of draws; sampling "
            f"error {'from published confidence intervals where they exist' if p.sampling else 'off'}"
            f"{'' if p.assumed_se is None else f', ASSUMED standard error {p.assumed_se} elsewhere'}."
            f" The {p.level:.0%} interval is the {lo:g}th-{hi:g}th percentile of the drawn ranks;"
            " each draw is anchored on the published composite.")


@dataclass
class _Inputs:
    units: pd.Index
    y: np.ndarray                 # published overall
    X: np.ndarray | None          # units × criteria (None: no usable criteria)
    w: np.ndarray | None          # official effective weights
    se_x: np.ndarray | None       # units × criteria standard errors (None: none published)
    se_y: np.ndarray | None       # overall standard errors
    hib: bool
    indicator: str
    no_model: str                 # why weights/aggregation cannot be drawn ("" when they can)


def _inputs(ctx, index: str, year: int, unit_type: str, ci_level: float) -> _Inputs:
    yd = ctx.year(index, year, unit_type)
    top = ctx.overall(index, year)
    y = yd.col("value", top).dropna()
    units = y.index
    se_y = se_from_ci(yd.col("ci_low", top)[units].to_numpy(),
                      yd.col("ci_high", top)[units].to_numpy(), ci_level)
    se_y = se_y if np.isfinite(se_y).all() else None
    X = w = se_x = None
    why = ""
    try:
        st = ctx.structure(index, year, 1)
    except ParlibError as exc:
        st = None
        why = (f"no official weights for the {index} {year} criteria in the codebook"
               if "weight" in str(exc) else str(exc).splitlines()[0])
    if st is not None:
        crit = list(st.indicator)
        Xd = yd.value.reindex(index=units, columns=crit)
        if Xd.isna().any().any():
            why = (f"the {index} {year} criteria are not in the panel for every ranked unit "
                   "(composite only)")
        else:
            X, w = Xd.to_numpy(float), st.weight.to_numpy(float)
            lo = yd.ci_low.reindex(index=units, columns=crit).to_numpy(float)
            hi = yd.ci_high.reindex(index=units, columns=crit).to_numpy(float)
            s = se_from_ci(lo, hi, ci_level)
            se_x = s if np.isfinite(s).all() else None
    return _Inputs(units, y.to_numpy(float), X, w, se_x, se_y, ctx.hib(index, top, year), top, why)


def _draw_scores(inp: _Inputs, p: MCParams, rng) -> tuple[np.ndarray, str, str]:
    """units × draws composites, the sampling label and the model label."""
    n, D = len(inp.units), p.draws
    Y = np.repeat(inp.y[:, None], D, axis=1)
    sampling, parts = NO_SE, []
    if inp.X is not None:
        X, w = inp.X, inp.w
        total, k = w.sum(), len(w)
        W = np.repeat(w[None, :], D, axis=0)
        if p.weight_bound > 0:
            W = W * rng.uniform(1 - p.weight_bound, 1 + p.weight_bound, size=W.shape)
        eq = rng.random(D) < p.p_equal
        W[eq] = 1.0
        W = W / W.sum(axis=1, keepdims=True) * total
        geo = rng.random(D) < p.p_geometric
        noise = None
        if p.sampling and inp.se_x is not None:
            noise, sampling = inp.se_x, "published CI (criteria)"
        elif p.assumed_se is not None and inp.se_y is None:
            noise = np.full_like(X, float(p.assumed_se))
            sampling = f"ASSUMED se={p.assumed_se} per criterion (no published CI)"
        if noise is not None:
            Xd = X[None, :, :] + rng.standard_normal((D,) + X.shape) * noise[None]
            arith = np.einsum("dnk,dk->nd", Xd, W)
        else:
            Xd, arith = None, X @ W.T
        if geo.any():
            base = np.clip(X if Xd is None else Xd[geo], 1e-6, None)
            lw = W[geo] / total
            logs = (np.log(base) @ lw.T) if Xd is None else np.einsum("dnk,dk->nd", np.log(base), lw)
            arith[:, geo] = total * np.exp(logs)
        Y = Y + (arith - (X @ w)[:, None])
        parts = [f"weights ±{p.weight_bound:g}", f"equal {p.p_equal:g}", f"geometric {p.p_geometric:g}"]
    if p.sampling and inp.se_y is not None and sampling == NO_SE:
        Y = Y + rng.standard_normal((n, D)) * inp.se_y[:, None]
        sampling = "published CI (overall)"
    elif p.assumed_se is not None and inp.X is None and sampling == NO_SE:
        Y = Y + rng.standard_normal((n, D)) * float(p.assumed_se)
        sampling = f"ASSUMED se={p.assumed_se} on the overall (no published CI)"
    if sampling != NO_SE:
        parts.append("sampling")
    if not p.sampling and sampling == NO_SE and inp.se_y is not None:
        sampling = "off"
    model = " + ".join(parts) if parts else ("none: " + (inp.no_model or "switched off"))
    return Y, sampling, model


def intervals(index: str, year: int, params: MCParams | None = None, *,
              unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Median rank and interval of every unit of one index and year (see the module docstring).

    Columns: unit_code, rank (the panel's: published, or computed when the source printed none),
    rank_median, rank_low, rank_high, then index, year, indicator, unit_name, value, rank_of,
    rank_kind, width, model, sampling and the parameters (draws, seed, weight_bound, p_equal,
    p_geometric, level). ``.attrs["method"]`` holds :func:`describe`.
    """
    p = (params or MCParams()).check()
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    key = ("mc_intervals", index, year, unit_type, p)
    if key in ctx.memo:
        return _copy(ctx.memo[key])
    inp = _inputs(ctx, index, year, unit_type, p.ci_level)
    rng = np.random.default_rng([p.seed, year, INDICES.index(index) if index in INDICES else 9])
    Y, sampling, model = _draw_scores(inp, p, rng)
    pr = panel_ranks(ctx, index, year, unit_type, inp.indicator, inp.units)
    out = pd.DataFrame({"unit_code": inp.units, "rank": pr["rank"].to_numpy(float)})
    n_of = np.nanmax(pr["rank_of"].to_numpy(float), initial=0) if pr["rank_of"].notna().any() else 0
    if n_of and n_of > len(inp.units):
        model = (f"none: partial source ({len(inp.units)} of the {int(n_of)} ranked units in the "
                 "panel): the ranks among the missing units cannot be redrawn")
        sampling = "not used"
    if model.startswith("none"):
        med = out["rank"].to_numpy(float)
        low = high = np.full(len(out), np.nan)
    else:
        R = competition_matrix(Y, inp.hib)
        a = (1 - p.level) / 2
        low, med, high = (np.quantile(R, q, axis=1, method="inverted_cdf") for q in (a, 0.5, 1 - a))
    out["rank_median"], out["rank_low"], out["rank_high"] = med, low, high
    out["index"], out["year"], out["indicator"] = index, year, inp.indicator
    out["unit_name"] = [unit_name(c, "vi") for c in inp.units]
    out["value"] = inp.y
    out["rank_of"] = pr["rank_of"].to_numpy(float)
    out["rank_kind"] = pr["kind"].to_numpy()
    for c in ("rank", "rank_median", "rank_low", "rank_high", "rank_of"):
        out[c] = pd.array(np.round(out[c].to_numpy(float)), dtype="Float64").astype("Int64")
    out["width"] = out["rank_high"] - out["rank_low"]
    out["model"], out["sampling"] = model, sampling
    rec = p.record()
    for c in ("draws", "seed", "weight_bound", "p_equal", "p_geometric", "level"):
        out[c] = rec[c]
    out = out.sort_values(["rank", "unit_code"]).reset_index(drop=True)
    out.attrs["method"] = describe(p)
    out.attrs["residual_max"] = (float(np.abs(inp.y - inp.X @ inp.w).max())
                                 if inp.X is not None else None)
    out.attrs["recomputed_rank"] = (
        pd.Series(competition_matrix(inp.X @ inp.w, inp.hib), index=inp.units)
        if inp.X is not None else None)
    ctx.memo[key] = out
    return _copy(out)


def panel_ranks(ctx, index, year, unit_type, indicator, units) -> pd.DataFrame:
    """rank, rank_of and kind of ``units`` as the panel holds them (published, or computed by
    the build — which never ranks a partial source — and flagged ``rank_computed``). Where the
    panel has no rank for the indicator at all, the analysis context's computed ranks (complete
    sources only, kind COMPUTED)."""
    key = ("panel_ranks", index, int(year), unit_type, indicator)
    if key not in ctx.memo:
        f = ctx.frame(index)
        rows = f[(f["year"] == year) & (f["unit_type"] == unit_type) & (f["indicator"] == indicator)]
        rows = rows.drop_duplicates("unit_code").set_index("unit_code")
        rk = pd.to_numeric(rows["rank"], errors="coerce") if "rank" in rows else pd.Series(dtype=float)
        if rk.notna().any():
            flags = rows["flag"].fillna("").astype(str) if "flag" in rows else \
                pd.Series("", index=rows.index)
            df = pd.DataFrame({"rank": rk, "rank_of": pd.to_numeric(rows["rank_of"], errors="coerce"),
                               "kind": [COMPUTED if FLAG_COMPUTED in x.split(";") else PUBLISHED
                                        for x in flags]}, index=rows.index)
            df.loc[df["rank"].isna(), "kind"] = None
        else:
            yd = ctx.year(index, year, unit_type)
            v = yd.col("value", indicator)
            full = bool(v.notna().all())
            nan = pd.Series(np.nan, index=yd.value.index)
            df = pd.DataFrame({"rank": yd.col("rank", indicator) if full else nan,
                               "rank_of": yd.col("rank_of", indicator) if full else nan,
                               "kind": COMPUTED if full else None}, index=yd.value.index)
        ctx.memo[key] = df
    return ctx.memo[key].reindex(units)


def _copy(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.attrs = dict(df.attrs)
    return out


def all_intervals(params: MCParams | None = None, *, indices=("PCI", "PAPI"),
                  unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """:func:`intervals` for every year of every index that has an aggregated overall score."""
    ctx = context(panel, codebook)
    frames = []
    for ix in indices:
        for y in ctx.available_years(ix, unit_type):
            try:
                ctx.overall(ix, y)
            except ParlibError:
                continue
            if ctx.year(ix, y, unit_type).col("value", ctx.overall(ix, y)).notna().any():
                frames.append(intervals(ix, y, params, unit_type=unit_type, panel=panel,
                                        codebook=codebook))
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    for f in frames:   # per-year attrs (a Series among them) cannot be merged by concat
        f.attrs = {}
    out = pd.concat(frames, ignore_index=True)
    out.attrs["method"] = describe((params or MCParams()))
    return out


def rank_interval(unit, index: str, year: int, params: MCParams | None = None, *,
                  unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> dict:
    """One unit's row of :func:`intervals` as a dict (for the brief), or a dict with
    ``rank_median`` etc. missing (None) when the unit has no overall score that year."""
    from parlib.analysis.context import unit_code

    code = unit_code(unit)
    df = intervals(index, year, params, unit_type=unit_type, panel=panel, codebook=codebook)
    hit = df[df.unit_code == code]
    if hit.empty:
        return {"unit_code": code, "index": index, "year": int(year), "rank": None,
                "rank_of": None, "rank_median": None, "rank_low": None, "rank_high": None,
                "model": "no overall score for this unit and year"}
    return {k: (None if pd.isna(v) else (v.item() if hasattr(v, "item") else v))
            for k, v in hit.iloc[0].to_dict().items()}


def with_params(params: MCParams | None, **changes) -> MCParams:
    """A copy of ``params`` (default :class:`MCParams`) with some fields changed."""
    return replace(params or MCParams(), **changes)


# ----------------------------------------------------------------------------- moves
MOVE_COLUMNS = ["unit_code", "unit_name", "index", "year", "prev_year", "prev_rank", "rank",
                "rank_change", "prev_rank_low", "prev_rank_high", "rank_low", "rank_high",
                "verdict", "reason", "label_en", "label_vi"]
VERDICTS = ("real", "within noise", "no change", "not assessed", "not comparable")


def _get(d, k):
    v = d.get(k) if isinstance(d, dict) else getattr(d, k, None)
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def move_verdict(prev, cur, *, codebook=None) -> tuple[str, int | None, str]:
    """(verdict, places gained, reason) for a rank move between two :func:`rank_interval` dicts
    (or rows of :func:`intervals`). ``verdict`` is one of :data:`VERDICTS`: "real" when the two
    intervals do not overlap, "within noise" when they do; "not assessed" when a year has no
    interval; "not comparable" across a methodology change or a different denominator/kind."""
    from parlib.analysis.context import compare_eras
    from parlib.panel.ranks import Rank, move

    r0 = Rank(_get(prev, "rank"), _get(prev, "rank_of"), _get(prev, "rank_kind"))
    r1 = Rank(_get(cur, "rank"), _get(cur, "rank_of"), _get(cur, "rank_kind"))
    d = move(r0, r1)
    if d is None:
        return "not comparable", None, "the two ranks are not of the same kind and denominator"
    ix, ind = _get(cur, "index"), _get(cur, "indicator")
    if ix and ind and _get(prev, "year") and _get(cur, "year"):
        cb = codebook if codebook is not None else context().cb
        ok, brk = compare_eras(cb, ix, ind, _get(prev, "year"), _get(cur, "year"))
        if not ok:
            return "not comparable", d, brk
    if d == 0:
        return "no change", 0, ""
    lo0, hi0, lo1, hi1 = (_get(prev, "rank_low"), _get(prev, "rank_high"),
                          _get(cur, "rank_low"), _get(cur, "rank_high"))
    if None in (lo0, hi0, lo1, hi1):
        return "not assessed", d, "no rank interval for one of the two years"
    overlap = lo1 <= hi0 and lo0 <= hi1
    return ("within noise" if overlap else "real"), d, ""


_WORDS = {
    "en": {"up": "up {n} place{s}", "down": "down {n} place{s}", "real": "more than the noise",
           "within noise": "within the noise", "no change": "no change in rank",
           "not assessed": "noise not assessed", "not comparable": "not comparable"},
    "vi": {"up": "tăng {n} bậc", "down": "giảm {n} bậc", "real": "vượt mức nhiễu",
           "within noise": "trong phạm vi nhiễu", "no change": "giữ nguyên thứ hạng",
           "not assessed": "chưa đánh giá được nhiễu", "not comparable": "không so sánh được"},
}


def move_label(prev, cur, lang: str = "en", *, codebook=None) -> str:
    """The move in words: "up 6 places, more than the noise" / "tăng 6 bậc, trong phạm vi nhiễu".

    ``prev`` and ``cur`` are :func:`rank_interval` dicts (or rows of :func:`intervals`)."""
    if lang not in _WORDS:
        raise ParameterError("lang", lang, list(_WORDS))
    w = _WORDS[lang]
    verdict, d, _ = move_verdict(prev, cur, codebook=codebook)
    if verdict == "no change" or (verdict == "not comparable" and d is None):
        return w[verdict]
    places = w["up" if d > 0 else "down"].format(n=abs(d), s="" if abs(d) == 1 else "s")
    if d == 0:
        places = w["no change"]
    return f"{places}, {w[verdict]}"


def moves(index: str, year: int, prev_year=None, params: MCParams | None = None, *,
          unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Every unit's rank move from ``prev_year`` (default: the previous survey) to ``year``
    with both intervals, the verdict (:func:`move_verdict`) and the label in en and vi."""
    ctx = context(panel, codebook)
    year, prev = year_pair(ctx, index, year, prev_year, unit_type)
    kw = dict(unit_type=unit_type, panel=panel, codebook=codebook)
    cur = intervals(index, year, params, **kw).set_index("unit_code")
    old = intervals(index, prev, params, **kw).set_index("unit_code")
    rows = []
    for code in cur.index.intersection(old.index):
        a, b = old.loc[code].to_dict(), cur.loc[code].to_dict()
        verdict, d, why = move_verdict(a, b, codebook=ctx.cb)
        rows.append({"unit_code": code, "unit_name": b["unit_name"], "index": index,
                     "year": year, "prev_year": prev, "prev_rank": a["rank"], "rank": b["rank"],
                     "rank_change": d, "prev_rank_low": a["rank_low"],
                     "prev_rank_high": a["rank_high"], "rank_low": b["rank_low"],
                     "rank_high": b["rank_high"], "verdict": verdict, "reason": why,
                     "label_en": move_label(a, b, "en", codebook=ctx.cb),
                     "label_vi": move_label(a, b, "vi", codebook=ctx.cb)})
    out = pd.DataFrame(rows, columns=MOVE_COLUMNS)
    for c in ("prev_rank", "rank", "rank_change", "prev_rank_low", "prev_rank_high", "rank_low",
              "rank_high"):
        if c in out:
            out[c] = pd.array(pd.to_numeric(out[c], errors="coerce"), dtype="Float64").astype("Int64")
    return out.sort_values(["rank", "unit_code"]).reset_index(drop=True) if len(out) else out


def move_text(unit, index: str, year: int, lang: str = "en", params: MCParams | None = None, *,
              unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> str:
    """For the brief: the unit's move since the previous survey in words, with its verdict, e.g.
    "up 6 places, more than the noise" ("" when the unit has no rank this year or there is no
    previous survey)."""
    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    prev = ctx.prev_year(index, year, unit_type)
    kw = dict(unit_type=unit_type, panel=panel, codebook=codebook)
    cur = rank_interval(unit, index, year, params, **kw)
    if prev is None or cur["rank"] is None:
        return ""
    old = rank_interval(unit, index, prev, params, **kw)
    if old["rank"] is None:
        return ""
    return move_label(old, cur, lang, codebook=ctx.cb)


def rank_sentence(unit, index: str, year: int, lang: str = "en", params: MCParams | None = None,
                  *, unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> str:
    """For the brief, one line: "PCI 2019: rank 6/63, 90% interval 6–7; up 1 place since 2018,
    within the noise" ("" when the unit has no rank that year)."""
    if lang not in _WORDS:
        raise ParameterError("lang", lang, list(_WORDS))
    kw = dict(unit_type=unit_type, panel=panel, codebook=codebook)
    r = rank_interval(unit, index, year, params, **kw)
    if r["rank"] is None:
        return ""
    vi = lang == "vi"
    star = "*" if r.get("rank_kind") == COMPUTED else ""
    head = f"{index} {int(year)}: {'hạng' if vi else 'rank'} {r['rank']}/{r['rank_of']}{star}"
    if r["rank_low"] is not None:
        head += (f", khoảng {r['level']:.0%}: {r['rank_low']}–{r['rank_high']}" if vi else
                 f", {r['level']:.0%} interval {r['rank_low']}–{r['rank_high']}")
    else:
        head += ", chưa có khoảng tin cậy của thứ hạng" if vi else ", no rank interval"
    mv = move_text(unit, index, year, lang, params, **kw)
    if mv:
        ctx = context(panel, codebook)
        prev = ctx.prev_year(index, int(year), unit_type)
        head += f"; {mv} ({'so với' if vi else 'since'} {prev})"
    return head
