"""Shared machinery of the analysis modules: the index structure from the codebook, the per
(index, year) unit × indicator matrices (cached), ranks, eras and unit resolution.

Nothing here is per-index: the overall indicator is the codebook's ``overall`` row with an
``aggregation``; its children (and their children, for ``depth="leaves"``) are the criteria;
"weighted_sum" / "sum" / "mean" all make the parent a linear function of the children, so the
*effective weight* of a criterion is the product of its local weights up to the overall score:
``overall = Σ effective_weight × criterion``.
"""
from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from parlib import codebook
from parlib.numbers import fmt  # noqa: F401  (re-exported for the analysis modules)

from parlib.errors import ParameterError, ParlibError
from parlib.panel import data_stamp
from parlib.codebook import INDICES
DEFAULT_UNIT_TYPE = "province"


# ----------------------------------------------------------------------------- units
def unit_code(unit) -> str:
    """A registry code for a code or any spelling of a province name."""
    from parlib import provinces

    if not isinstance(unit, str) or not unit.strip():
        from parlib.errors import UnknownProvinceError

        raise UnknownProvinceError(str(unit), [])
    u = unit.strip()
    if provinces.exists(u):
        return u
    return provinces.resolve(u).code


@lru_cache(maxsize=4096)
def _unit_info(code: str) -> tuple[str, str, str, str, str, str]:
    from parlib import provinces

    try:
        u = provinces.get(code)
        return (u.name_vi, u.name_en, u.region_code, u.region_en, u.region_vi, u.unit_type)
    except ParlibError:
        return (code, code, "", "", "", "")


def unit_name(code: str, lang: str = "en") -> str:
    vi, en = _unit_info(code)[:2]
    return vi if lang == "vi" else en


def region_of(code: str) -> str:
    return _unit_info(code)[2]


def region_names(region_code: str) -> tuple[str, str]:
    from parlib import provinces

    reg = provinces.regions()
    hit = reg[reg.region_code == region_code]
    if hit.empty:
        return region_code, region_code
    return hit.iloc[0]["name_en"], hit.iloc[0]["name_vi"]


# ----------------------------------------------------------------------------- codebook
def cb_year(cb: pd.DataFrame, index: str, year: int) -> pd.DataFrame:
    return cb[(cb["index"] == index) & (cb["year_from"] <= year) & (cb["year_to"] >= year)]


_CB_INDEX: dict = {}


def _cb_rows(cb: pd.DataFrame) -> dict:
    """{(index, indicator): [(year_from, year_to, era, higher_is_better), ...]} (cached)."""
    hit = _CB_INDEX.get(id(cb))
    if hit is not None and hit[0]() is cb:
        return hit[1]
    out: dict = {}
    for r in cb[["index", "indicator", "year_from", "year_to", "era",
                 "higher_is_better"]].itertuples(index=False):
        out.setdefault((r[0], r[1]), []).append((int(r[2]), int(r[3]), str(r[4]), bool(r[5])))
    try:
        ref = weakref.ref(cb)
    except TypeError:  # pragma: no cover
        return out
    _CB_INDEX[id(cb)] = (ref, out)
    return out


def _cb_row(cb, index, indicator, year):
    for y0, y1, era, hib in _cb_rows(cb).get((index, indicator), ()):
        if y0 <= year <= y1:
            return era, hib
    return None


def era_of(cb: pd.DataFrame, index: str, indicator: str, year: int) -> str:
    hit = _cb_row(cb, index, indicator, int(year))
    return hit[0] if hit else ""


def compare_eras(cb, index: str, indicator: str, y_from, y_to, lang: str = "en"):
    """(comparable, break_note) for a comparison of ``indicator`` between two years."""
    if y_from is None or (isinstance(y_from, float) and math.isnan(y_from)):
        return False, ""
    y_from, y_to = int(y_from), int(y_to)
    a, b = era_of(cb, index, indicator, y_from), era_of(cb, index, indicator, y_to)
    if not a or not b:
        missing = y_from if not a else y_to
        return False, (f"{indicator} is not defined in {missing}" if lang != "vi"
                       else f"{indicator} không có trong năm {missing}")
    if a != b:
        return False, (f"series break: methodology of {indicator} changed between {y_from} "
                       f"and {y_to} (era {a} → {b}); not comparable" if lang != "vi" else
                       f"chuỗi bị gián đoạn: phương pháp tính {indicator} thay đổi giữa {y_from} "
                       f"và {y_to} (giai đoạn {a} → {b}); không so sánh được")
    return True, ""


def overall_indicator(cb: pd.DataFrame, index: str, year: int) -> str:
    top = codebook.overall_of(cb_year(cb, index, year))
    if top is None:
        raise ParameterError("index", f"{index} {year}", hint="the codebook has no aggregated "
                             "overall indicator for that year")
    return top


def _local_weights(rows: pd.DataFrame, parent: str) -> list[tuple[str, float]]:
    """The children of ``parent`` with their weights (:func:`parlib.codebook.aggregation_of`),
    refusing what the analysis cannot use: a weighted sum without weights, an unknown rule."""
    agg, out = codebook.aggregation_of(rows, parent)
    if agg not in ("", "weighted_sum", "sum", "mean"):
        raise ParlibError(f"codebook: unknown aggregation {agg!r} on {parent}")
    missing = [c for c, w in out if math.isnan(w)]
    if missing:
        prow = rows[rows.indicator == parent].iloc[0]
        raise ParlibError(f"the codebook gives no weight to {missing[0]} in "
                          f"{int(prow['year_from'])}-{int(prow['year_to'])} although "
                          f"{parent} is a weighted_sum of its criteria: the points lost "
                          f"cannot be computed for those years")
    return out


def structure(cb: pd.DataFrame, index: str, year: int, depth=1) -> pd.DataFrame:
    """Criteria of the overall score with their effective weights (see module docstring)."""
    rows = cb_year(cb, index, year).drop_duplicates("indicator")
    top = overall_indicator(cb, index, year)
    if depth not in ("leaves",) and not (isinstance(depth, int) and depth >= 1):
        raise ParameterError("depth", depth, [1, 2, "leaves"])
    frontier = [(c, w, top) for c, w in _local_weights(rows, top)]
    if not frontier:
        raise ParlibError(f"codebook: the overall indicator {top} has no children in {year}")
    level = 1
    while depth == "leaves" or level < depth:
        nxt, grew = [], False
        for c, w, p in frontier:
            kids = _local_weights(rows, c)
            if kids:
                grew = True
                nxt += [(k, w * lw, c) for k, lw in kids]
            else:
                nxt.append((c, w, p))
        frontier = nxt
        level += 1
        if not grew:
            break
    info = rows.set_index("indicator")
    out = pd.DataFrame({
        "indicator": [c for c, _, _ in frontier],
        "parent": [p for _, _, p in frontier],
        "weight": [w for _, w, _ in frontier],
    })
    for col in ("level", "name_en", "name_vi", "scale_min", "scale_max", "higher_is_better", "era"):
        out[col] = out["indicator"].map(info[col])
    out["higher_is_better"] = out["higher_is_better"].astype(bool)
    out["order"] = range(len(out))
    out.attrs["overall"] = top
    return out


# ----------------------------------------------------------------------------- context / cache
@dataclass
class YearData:
    """Peer units × indicators for one index, year and unit type.

    ``rank``/``rank_of``/``rank_kind`` are aligned with ``value`` (units with a value): the
    published rank where the source printed one (kind "published", or "computed" when the build
    flagged it ``rank_computed``), else a rank computed by :func:`parlib.panel.ranks.fill_computed`
    among EVERY unit with a value — never among a handful of published facts, which get no
    computed rank. ``rank_only``: units the source ranked without a score (unit_code,
    indicator, rank, rank_of, kind). Use :meth:`rank_obj` to read one rank."""
    index: str
    year: int
    unit_type: str
    value: pd.DataFrame       # unit × indicator
    rank: pd.DataFrame        # used ranks (published where complete, else computed)
    rank_of: pd.DataFrame
    rank_source: dict
    max_value: pd.DataFrame
    ci_low: pd.DataFrame
    ci_high: pd.DataFrame
    memo: dict = field(default_factory=dict)
    rank_kind: pd.DataFrame = None
    rank_only: pd.DataFrame = None
    facts: set = field(default_factory=set)   # indicators whose rows are published facts

    @property
    def units(self):
        return list(self.value.index)

    def col(self, frame: str, indicator: str) -> pd.Series:
        df = getattr(self, frame)
        if indicator in df.columns:
            return df[indicator]
        return pd.Series(np.nan, index=df.index, dtype=float)

    def rank_obj(self, code: str, indicator: str):
        """The :class:`parlib.panel.ranks.Rank` of ``code`` on ``indicator`` (unknown if none)."""
        from parlib.panel import ranks

        r = self.col("rank", indicator).get(code, np.nan)
        if pd.notna(r):
            n = self.col("rank_of", indicator).get(code, np.nan)
            kind = self.rank_kind[indicator].get(code) if (
                self.rank_kind is not None and indicator in self.rank_kind) else None
            return ranks.Rank(int(r), None if pd.isna(n) else int(n), kind or ranks.PUBLISHED)
        ro = self.rank_only
        if ro is not None and len(ro):
            hit = ro[(ro["unit_code"] == code) & (ro["indicator"] == indicator)]
            if len(hit):
                h = hit.iloc[0]
                return ranks.Rank(int(h["rank"]), None if pd.isna(h["rank_of"])
                                  else int(h["rank_of"]), h["kind"])
        return ranks.Rank(None, None, None)

    def n_with_value(self, indicator: str) -> int:
        return int(self.col("value", indicator).notna().sum())


class Context:
    def __init__(self, panel, codebook):
        self.panel = panel
        self.cb = codebook
        self.frames: dict = {}
        self.years: dict = {}
        self.memo: dict = {}

    def frame(self, index: str) -> pd.DataFrame:
        if index not in self.frames:
            if self.panel is None:
                from parlib.panel import load

                try:
                    df = load(index)
                except ParlibError:
                    df = None
                if df is None:
                    df = pd.DataFrame(columns=["index", "year", "unit_code", "unit_type",
                                               "indicator", "value", "rank", "rank_of",
                                               "max_value", "ci_low", "ci_high", "flag"])
            else:
                df = self.panel[self.panel["index"] == index]
            if "flag" in df.columns:
                df = df[~df["flag"].fillna("").astype(str).str.contains("reconstructed")]
            self.frames[index] = df
        return self.frames[index]

    def year_rows(self, index: str, year: int, unit_type: str = DEFAULT_UNIT_TYPE) -> pd.DataFrame:
        """The index's panel rows for one year and unit type (split by year once, in panel
        order)."""
        key = ("by_year", index, unit_type)
        if key not in self.memo:
            df = self.frame(index)
            df = df[df["unit_type"] == unit_type]
            self.memo[key] = ({int(y): g for y, g in df.groupby("year", sort=False)}, df.iloc[0:0])
        split, empty = self.memo[key]
        return split.get(int(year), empty)

    def values(self, index: str, year: int, indicators, unit_type: str = DEFAULT_UNIT_TYPE
               ) -> pd.DataFrame:
        """unit × indicator values of a few indicators, as :meth:`year` has them, without
        building the whole year when it is not built yet (a series over many years)."""
        inds = list(indicators)
        key = (index, int(year), unit_type)
        if key in self.years:
            return self.years[key].value.reindex(columns=inds)
        sub = self.year_rows(index, year, unit_type)
        return _pivots(sub[sub["indicator"].isin(inds)], ("value",))["value"].reindex(columns=inds)

    def available_years(self, index: str, unit_type: str = DEFAULT_UNIT_TYPE,
                        ranks: bool = False) -> list[int]:
        """Years with a value for ``unit_type`` units (``ranks=True``: a value or a rank)."""
        key = ("years", index, unit_type, ranks)
        if key not in self.memo:
            df = self.frame(index)
            has = df["value"].notna() | (df["rank"].notna() if ranks and "rank" in df else False)
            df = df[(df["unit_type"] == unit_type) & has]
            self.memo[key] = sorted(int(y) for y in df["year"].unique())
        return self.memo[key]

    def check_year(self, index: str, year, unit_type: str = DEFAULT_UNIT_TYPE) -> int:
        if index not in INDICES:
            raise ParameterError("index", index, INDICES)
        years = self.available_years(index, unit_type)
        try:
            y = int(year)
        except (TypeError, ValueError):
            raise ParameterError("year", year, years) from None
        if y not in years:
            hint = (f"no {index} data for {unit_type} units in the panel" if not years
                    else f"no {index} data for {y}")
            raise ParameterError("year", y, years, hint=hint)
        return y

    def year(self, index: str, year: int, unit_type: str = DEFAULT_UNIT_TYPE) -> YearData:
        key = (index, int(year), unit_type)
        if key not in self.years:
            self.years[key] = _build_year(self, index, int(year), unit_type)
        return self.years[key]

    def structure(self, index: str, year: int, depth=1) -> pd.DataFrame:
        key = ("structure", index, int(year), depth)
        if key not in self.memo:
            self.memo[key] = structure(self.cb, index, int(year), depth)
        return self.memo[key]

    def overall(self, index: str, year: int) -> str:
        key = ("overall", index, int(year))
        if key not in self.memo:
            self.memo[key] = overall_indicator(self.cb, index, int(year))
        return self.memo[key]

    def hib(self, index: str, indicator: str, year: int) -> bool:
        hit = _cb_row(self.cb, index, indicator, int(year))
        return hit[1] if hit else True

    def prev_year(self, index: str, year: int, unit_type: str = DEFAULT_UNIT_TYPE):
        ys = [y for y in self.available_years(index, unit_type) if y < year]
        return ys[-1] if ys else None


def _build_year(ctx: Context, index: str, year: int, unit_type: str) -> YearData:
    sub = ctx.year_rows(index, year, unit_type)
    own = _pivots(sub, ("value", "max_value", "ci_low", "ci_high"))
    value = own["value"]
    value = value.loc[value.notna().any(axis=1)]
    units = value.index

    def align(p):
        return p.reindex(index=units, columns=value.columns)

    ranked, facts = _ranked_rows(ctx, sub, index, year)
    with_value = ranked[ranked["value"].notna()]
    printed = _pivots(with_value, ("rank", "rank_of"))
    rank, rank_of = align(printed["rank"]), align(printed["rank_of"])
    kind = with_value.pivot(index="unit_code", columns="indicator", values="kind") \
        if len(with_value) else pd.DataFrame(index=units)
    kind = kind.reindex(index=units, columns=value.columns)
    seen: dict = {}  # the kinds of rank each indicator's rows carry
    for ind, k in with_value[["indicator", "kind"]].dropna().drop_duplicates().itertuples(
            index=False):
        seen.setdefault(ind, set()).add(k)
    source = {}
    for ind in value.columns:
        ks = seen.get(ind, set())
        source[ind] = (next(iter(ks)) if len(ks) == 1 else "mixed" if ks else "none")
    only = ranked[ranked["value"].isna() & ranked["rank"].notna()]
    only = only[["unit_code", "indicator", "rank", "rank_of", "kind"]].reset_index(drop=True)
    return YearData(index, year, unit_type, value, rank, rank_of, source,
                    align(own["max_value"]), align(own["ci_low"]),
                    align(own["ci_high"]), rank_kind=kind, rank_only=only, facts=facts)


def _pivots(frame: pd.DataFrame, cols) -> dict:
    """{column: unit × indicator frame of its numeric values} (units and indicators sorted, as
    ``DataFrame.pivot`` gives them), all placed by one factorisation; a (unit, indicator) pair
    twice is an error, as in ``pivot``."""
    units = frame["unit_code"].to_numpy()
    idx = pd.Index(sorted(set(units)), name="unit_code")
    present = [c for c in cols if c in frame.columns]
    if frame.empty or not present:
        return {c: pd.DataFrame(index=idx) for c in cols}
    inds = frame["indicator"].to_numpy()
    columns = pd.Index(sorted(set(inds)), name="indicator")
    ui, ii = idx.get_indexer(units), columns.get_indexer(inds)
    if len(np.unique(ui * len(columns) + ii)) < len(ui):
        raise ValueError("Index contains duplicate entries, cannot reshape")
    out = {}
    for c in cols:
        if c not in present:
            out[c] = pd.DataFrame(index=idx)
            continue
        s = frame[c]
        v = pd.to_numeric(s.astype(object).where(s.notna(), np.nan),
                          errors="coerce").astype(float).to_numpy()
        grid = np.full((len(idx), len(columns)), np.nan)
        grid[ui, ii] = v
        out[c] = pd.DataFrame(grid, index=idx, columns=columns)
    return out


def overall_rows(ctx: Context, index: str, unit_type: str = DEFAULT_UNIT_TYPE) -> pd.DataFrame:
    """Every year's overall indicator rows with a value (year, unit_code, indicator, value, rank,
    rank_of, kind), ranked exactly as :meth:`Context.year` ranks them but without building the
    other indicators of each year: the whole series costs one small ranking per year."""
    from parlib.errors import ParlibError
    from parlib.panel import ranks

    cols = ["year", "unit_code", "indicator", "value", "rank", "rank_of", "flag"]
    df = ctx.frame(index)
    df = df[(df["unit_type"] == unit_type) & (df["value"].notna() | df["rank"].notna())]
    overall = {}
    for year in ctx.available_years(index, unit_type):
        try:
            overall[year] = ctx.overall(index, year)
        except ParlibError:
            continue
    # the partial-table test of _ranked_rows: printed ranks of ANY indicator of the year
    with_of = df.loc[df["rank_of"].notna(), ["year", "rank_of", "flag"]]
    of_flags = with_of["flag"].fillna("").astype(str)
    printed = ~of_flags.str.contains("published_fact") & ~of_flags.str.contains(ranks.FLAG_COMPUTED)
    universe = with_of.loc[printed].groupby("year")["rank_of"].max()
    keep = df["indicator"].to_numpy() == df["year"].map(overall).to_numpy()
    df = df.loc[keep].reindex(columns=cols)
    if df.empty:
        return pd.DataFrame(columns=cols[:-1] + ["kind"])
    is_fact = df["flag"].fillna("").astype(str).str.contains("published_fact").to_numpy()
    table = df[~is_fact].assign(
        _hib=[ctx.hib(index, overall[y], int(y)) for y in df["year"][~is_fact]],
        _universe=df["year"][~is_fact].map(universe))
    table = ranks.fill_computed(table, ["year", "indicator"], higher_is_better="_hib",
                                universe="_universe").drop(columns=["_hib", "_universe"])
    out = pd.concat([table, df[is_fact]]) if is_fact.any() else table
    out = out[out["value"].notna()]
    out["kind"] = ranks.kinds(out)
    out = out.sort_values(["year", "unit_code"], kind="stable").reset_index(drop=True)
    return out.drop(columns="flag")


def _ranked_rows(ctx: Context, sub: pd.DataFrame, index: str, year: int):
    """(rows with rank, rank_of and kind filled by :mod:`parlib.panel.ranks`, fact indicators).

    Published facts are never ranked by parlib (a rank among three facts is no rank); other
    sources get computed ranks among every unit with a value where they print none."""
    from parlib.panel import ranks

    cols = ["unit_code", "indicator", "value", "rank", "rank_of", "flag"]
    rows = sub.reindex(columns=cols).copy()
    rows = rows[rows["value"].notna() | rows["rank"].notna()]
    if rows.empty:
        return rows.assign(kind=pd.Series(dtype=object)), set()
    flags = rows["flag"].fillna("").astype(str)
    is_fact = flags.str.contains("published_fact")
    facts = set(rows.loc[is_fact, "indicator"])
    table = rows[~is_fact].copy()
    if len(table):
        # a table whose own printed ranks run over more units than it has values for (a
        # preview of the top rows) is partial: no computed rank among what it shows
        printed = table[table["rank_of"].notna()
                        & ~table["flag"].fillna("").astype(str).str.contains(ranks.FLAG_COMPUTED)]
        universe = int(printed["rank_of"].max()) if len(printed) else None
        hib = {i: ctx.hib(index, i, year) for i in table["indicator"].unique()}
        table["_hib"] = [hib[i] for i in table["indicator"]]
        table = ranks.fill_computed(table, ["indicator"], higher_is_better="_hib",
                                    universe=universe)
        table = table.drop(columns="_hib")
    out = pd.concat([table, rows[is_fact]]) if len(table) else rows[is_fact].copy()
    out["kind"] = ranks.kinds(out)
    return out, facts


_CONTEXTS: dict = {}


def context(panel=None, codebook=None) -> Context:
    """The cached analysis context for a panel and codebook (default: the official ones)."""
    from parlib.codebook import load_codebook

    cb = load_codebook() if codebook is None else codebook
    if panel is None:
        key = ("official", data_stamp(), id(cb))
    else:
        key = ("given", id(panel), id(cb))
    hit = _CONTEXTS.get(key)
    if hit is not None:
        ctx, refs = hit
        if all(r() is not None for r in refs) and (panel is None or ctx.panel is panel) \
                and ctx.cb is cb:
            return ctx
    ctx = Context(panel, cb)
    refs = []
    for obj in (panel, cb if codebook is not None else None):
        if obj is not None:
            refs.append(weakref.ref(obj))
            weakref.finalize(obj, _CONTEXTS.pop, key, None)
    if panel is None:  # drop contexts of older builds
        for k in [k for k in _CONTEXTS if k[0] == "official"]:
            _CONTEXTS.pop(k, None)
    _CONTEXTS[key] = (ctx, refs)
    return ctx


def clear_cache():
    _CONTEXTS.clear()
    _CB_INDEX.clear()
    _unit_info.cache_clear()


# ----------------------------------------------------------------------------- formatting
def truncate(x: float, decimals: int = 2) -> float:
    """Truncate toward zero (Ministry style), robust to binary noise (86.54 stays 86.54)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return float("nan")
    f = 10 ** decimals
    return math.trunc(round(x * f, 6)) / f




def resolve_indicator(ctx: Context, index: str, year: int, indicator) -> str:
    if indicator is None:
        return ctx.overall(index, year)
    rows = cb_year(ctx.cb, index, year)
    if indicator not in set(rows.indicator):
        known = sorted(ctx.cb[ctx.cb["index"] == index].indicator.unique())
        if indicator in known:
            raise ParameterError("indicator", indicator, hint=f"not defined for {index} {year}")
        raise ParameterError("indicator", indicator, known)
    return indicator
