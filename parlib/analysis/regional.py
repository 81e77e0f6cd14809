"""Regional comparison: ranks within the 6 socio-economic regions, region statistics, the 34
units from 1 July 2025 reconstructed from the 63 provinces, and convergence (sigma and beta).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import (DEFAULT_UNIT_TYPE, compare_eras, context, fmt, region_names, region_of,
                    resolve_indicator, unit_name)


def _each_year(ctx, index, years, indicator, unit_type, *, skip: bool):
    """(year, indicator, values by unit) for each year; a year without data is skipped when
    ``skip`` (the caller asked for all years), else its ParameterError propagates."""
    for y in years:
        try:
            _, ind, v = _values(ctx, index, y, indicator, unit_type)
        except ParameterError:
            if skip:
                continue
            raise
        yield y, ind, v


def _values(ctx, index, year, indicator, unit_type):
    yd = ctx.year(index, year, unit_type)
    ind = resolve_indicator(ctx, index, year, indicator)
    v = yd.col("value", ind)
    return yd, ind, v[v.notna()]


def region_ranks(index: str, year: int, *, indicator=None, unit_type: str = DEFAULT_UNIT_TYPE,
                 panel=None, codebook=None) -> pd.DataFrame:
    """Each unit's rank nationally and within its region (1 = best, ties share the best rank).

    ``rank``/``rank_of``/``rank_kind``: the national rank (published, or computed among every
    unit with a value; none for a handful of published facts). ``rank_in_region`` only where
    every province of the region (``region_n``, the provinces existing that year) has a value;
    ``region_with_data`` says how many do. Columns: index, year, indicator, unit_code,
    unit_name, region_code, region_en, region_vi, value, rank, rank_of, rank_kind,
    rank_in_region, region_n, region_with_data. Sorted by region, then rank in region.
    """
    from parlib import provinces
    from parlib.panel import ranks

    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    yd, ind, v = _values(ctx, index, year, indicator, unit_type)
    df = pd.DataFrame({"unit_code": v.index, "value": v.to_numpy()})
    df["region_code"] = df.unit_code.map(region_of)
    hib = ctx.hib(index, ind, year)
    members = {r: provinces.region_members(r, year) for r in df.region_code.unique() if r}
    full = yd.col("value", ind)
    complete = {r: bool(full.reindex(m).notna().all()) for r, m in members.items()}
    df["region_n"] = df.region_code.map(lambda r: len(members.get(r, [])) or np.nan)
    df["region_with_data"] = df.region_code.map(
        lambda r: int(full.reindex(members.get(r, [])).notna().sum()) if r else np.nan)
    df["rank_in_region"] = np.nan
    for r, idx in df.groupby("region_code").groups.items():
        if complete.get(r):
            df.loc[idx, "rank_in_region"] = ranks.competition(df.loc[idx, "value"], hib) \
                .astype("Float64").to_numpy()
    df["rank"] = df.unit_code.map(yd.col("rank", ind))
    df["rank_of"] = df.unit_code.map(yd.col("rank_of", ind))
    df["rank_kind"] = df.unit_code.map(yd.rank_kind[ind]) if ind in yd.rank_kind else None
    names = {r: region_names(r) for r in df.region_code.unique()}
    df["region_en"] = df.region_code.map(lambda r: names[r][0])
    df["region_vi"] = df.region_code.map(lambda r: names[r][1])
    df["unit_name"] = df.unit_code.map(lambda c: unit_name(c, "vi"))
    df["index"], df["year"], df["indicator"] = index, year, ind
    for c in ("rank", "rank_of", "rank_in_region", "region_n", "region_with_data"):
        df[c] = pd.to_numeric(df[c]).astype("Float64").round().astype("Int64")
    df["_v"] = df["value"] * (-1 if hib else 1)
    return df.sort_values(["region_code", "rank_in_region", "_v", "unit_code"])[
        ["index", "year", "indicator", "unit_code", "unit_name", "region_code", "region_en",
         "region_vi", "value", "rank", "rank_of", "rank_kind", "rank_in_region", "region_n",
         "region_with_data"]
    ].reset_index(drop=True)


def region_summary(index: str, *, year=None, indicator=None, national: bool = True,
                   unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                   ) -> pd.DataFrame:
    """Region mean, median and spread per year (``year``: int, list, or None for all years).

    Columns: index, year, indicator, region_code, region_en, region_vi, n, mean, median, std
    (sample, ddof=1), min, max, spread (max − min), iqr. With ``national=True`` a row with
    region_code "VN" summarises all units.
    """
    ctx = context(panel, codebook)
    all_years = ctx.available_years(index, unit_type)
    if year is None:
        years = all_years
    else:
        years = [ctx.check_year(index, y, unit_type)
                 for y in ([year] if isinstance(year, (int, np.integer)) else year)]
    out = []
    for y, ind, v in _each_year(ctx, index, years, indicator, unit_type, skip=year is None):
        df = pd.DataFrame({"value": v.to_numpy(), "region_code": [region_of(u) for u in v.index]})
        groups = list(df.groupby("region_code"))
        if national:
            groups.append(("VN", df))
        for reg, g in groups:
            s = g["value"]
            en, vi = region_names(reg) if reg != "VN" else ("Viet Nam", "Cả nước")
            out.append({"index": index, "year": y, "indicator": ind, "region_code": reg,
                        "region_en": en, "region_vi": vi, "n": int(s.count()),
                        "mean": s.mean(), "median": s.median(), "std": s.std(ddof=1),
                        "min": s.min(), "max": s.max(), "spread": s.max() - s.min(),
                        "iqr": s.quantile(0.75) - s.quantile(0.25)})
    return pd.DataFrame(out)


def reconstruct_34(index: str, year: int, *, indicator=None, unit_type: str = DEFAULT_UNIT_TYPE,
                   panel=None, codebook=None) -> pd.DataFrame:
    """The 34 units from 1 July 2025, reconstructed from the 63 provinces: a RECONSTRUCTION,
    not a published score.

    Each new unit's value is the mean of its former provinces' values weighted by their 2024
    population (``parlib.provinces.merger_table()``), over the members with data. Because the
    weighting is linear, reconstructed criteria aggregate to the reconstructed overall score
    with the index's own weights. ``indicator``: a code, a list, "all" (every indicator that
    year), or None (the overall score).

    Columns: index, year, indicator, unit_code ("N.."), unit_name, value, rank (computed among
    the *complete* reconstructions only: every former province has data), rank_of, members (old codes, ";"), members_with_data,
    n_members, population_share (of the new unit's 2024 population covered by data),
    complete (bool), method ("reconstruction"), label (en).
    """
    from parlib import provinces

    ctx = context(panel, codebook)
    year = ctx.check_year(index, year, unit_type)
    if indicator == "all":
        inds = list(ctx.year(index, year, unit_type).value.columns)
    elif indicator is None or isinstance(indicator, str):
        inds = [resolve_indicator(ctx, index, year, indicator)]
    else:
        inds = list(indicator)
    mt = provinces.merger_table()
    values = ctx.values(index, year, inds, unit_type).reindex(
        index=mt["old_code"]).to_numpy(dtype=float)
    pops = mt["population_2024"].astype(float).to_numpy()
    groups = []  # (new code, name, member codes, rows of the merger table)
    for new, g in mt.groupby("new_code", sort=True):
        try:
            name = provinces.get(new).name_vi
        except Exception:
            name = str(g["new_name"].iloc[0])
        members = list(g["old_code"])
        groups.append((new, name, members, mt.index.get_indexer(g.index),
                       "reconstruction: 2024-population-weighted mean of "
                       + ", ".join(unit_name(m, "vi") for m in members)))
    out = []
    for j, ind in enumerate(inds):
        for new, name, members, rows, label in groups:
            vals, pop = values[rows, j], pops[rows]
            have = ~np.isnan(vals)
            share = pop[have].sum() / pop.sum() if pop.sum() else float("nan")
            value = float((vals[have] * pop[have]).sum() / pop[have].sum()) if have.any() \
                else float("nan")
            out.append({"index": index, "year": year, "indicator": ind, "unit_code": new,
                        "unit_name": name, "value": value, "members": ";".join(members),
                        "members_with_data": int(have.sum()), "n_members": len(members),
                        "population_share": share, "complete": bool(have.all()),
                        "method": "reconstruction", "label": label})
    df = pd.DataFrame(out)
    if len(df):
        from parlib.panel import ranks

        ranked = df["value"].where(df["complete"])  # only units with every member's data
        hib = {i: ctx.hib(index, i, year) for i in df["indicator"].unique()}
        df["rank"] = pd.concat([ranks.competition(g, hib[i])
                                for i, g in ranked.groupby(df["indicator"])])
        df["rank_of"] = ranked.groupby(df["indicator"]).transform("count")
        for c in ("rank", "rank_of"):
            df[c] = df[c].astype("Float64").round().astype("Int64")
    cols = ["index", "year", "indicator", "unit_code", "unit_name", "value", "rank", "rank_of",
            "members", "members_with_data", "n_members", "population_share", "complete",
            "method", "label"]
    return df.reindex(columns=cols)


def sigma_convergence(index: str, *, indicator=None, years=None, balanced: bool = False,
                      unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                      ) -> pd.DataFrame:
    """Sigma convergence: the dispersion of the units' scores per year.

    Columns: index, year, indicator, n, mean, std (ddof=1), cv (std / mean), iqr,
    comparable (same codebook era as the first year), break_note. ``balanced=True`` keeps only
    units observed in every selected year (so a change in coverage does not pass for
    convergence). ``.attrs["slope_std"]``: OLS slope of std on year over the years comparable
    with the first one (negative = converging); ``.attrs["years_in_slope"]``.
    """
    ctx = context(panel, codebook)
    avail = ctx.available_years(index, unit_type)
    ys = avail if years is None else [ctx.check_year(index, y, unit_type) for y in years]
    series = {y: (ind, v) for y, ind, v in
              _each_year(ctx, index, ys, indicator, unit_type, skip=years is None)}
    if balanced and series:
        common = set.intersection(*(set(v.index) for _, v in series.values()))
        series = {y: (i, v[v.index.isin(common)]) for y, (i, v) in series.items()}
    rows = []
    first = min(series) if series else None
    for y, (ind, v) in sorted(series.items()):
        ok, note = compare_eras(ctx.cb, index, ind, first, y) if y != first else (True, "")
        rows.append({"index": index, "year": y, "indicator": ind, "n": int(v.count()),
                     "mean": v.mean(), "std": v.std(ddof=1),
                     "cv": v.std(ddof=1) / v.mean() if v.mean() else float("nan"),
                     "iqr": v.quantile(0.75) - v.quantile(0.25),
                     "comparable": ok, "break_note": note})
    df = pd.DataFrame(rows)
    comp = df[df["comparable"]] if len(df) else df
    if len(comp) >= 2:
        df.attrs["slope_std"] = float(np.polyfit(comp["year"], comp["std"], 1)[0])
    else:
        df.attrs["slope_std"] = float("nan")
    df.attrs["years_in_slope"] = list(comp["year"]) if len(comp) else []
    return df


@dataclass
class BetaResult:
    """Beta convergence: growth regressed on the initial level (statsmodels OLS).

    ``beta`` < 0 with a 95% CI entirely below 0 (``converging``) means units that started lower
    grew faster. With ``log=True`` growth is the annualised log change and the level is the
    log of the initial score; ``speed`` = −ln(1 + beta·T)/T and ``half_life`` = ln 2 / speed.
    """
    index: str
    indicator: str
    start: int
    end: int
    beta: float
    ci_low: float
    ci_high: float
    p_value: float
    n: int
    r2: float
    log: bool
    conditional: bool
    comparable: bool
    break_note: str
    speed: float
    half_life: float
    data: pd.DataFrame = field(repr=False)
    model: object = field(repr=False, default=None)

    @property
    def converging(self) -> bool:
        return bool(self.ci_high < 0)

    def text(self, lang: str = "en") -> str:
        if lang == "vi":
            verdict = ("có hội tụ" if self.converging else
                       "không có bằng chứng hội tụ" if self.ci_low < 0 else "phân kỳ")
            s = (f"Hội tụ beta {self.indicator} {self.start}–{self.end}: beta = "
                 f"{fmt(self.beta, 4, 'vi')} (KTC 95%: {fmt(self.ci_low, 4, 'vi')} đến "
                 f"{fmt(self.ci_high, 4, 'vi')}, n = {self.n}): {verdict}.")
            return s + ("" if self.comparable else " " + self.break_note)
        verdict = ("converging" if self.converging else
                   "no evidence of convergence" if self.ci_low < 0 else "diverging")
        s = (f"Beta convergence of {self.indicator} {self.start}–{self.end}: beta = "
             f"{self.beta:.4f} (95% CI {self.ci_low:.4f} to {self.ci_high:.4f}, n = {self.n}): "
             f"{verdict}.")
        return s + ("" if self.comparable else " " + self.break_note)


def beta_convergence(index: str, start: int, end: int, *, indicator=None, log: bool = True,
                     conditional: bool = False, unit_type: str = DEFAULT_UNIT_TYPE,
                     panel=None, codebook=None) -> BetaResult:
    """Beta convergence between two survey years (OLS with a 95% confidence interval).

    ``growth_i = a + beta · level_i (+ region effects if conditional) + e``, where
    growth = (ln v_end − ln v_start)/T and level = ln v_start (``log=True``), or growth =
    (v_end − v_start)/T and level = v_start. ``conditional=True`` adds region fixed effects
    (convergence within regions). A methodology break between the years gives
    ``comparable=False`` and a ``break_note``: the regression is still run, but read it as such.
    """
    import statsmodels.formula.api as smf

    ctx = context(panel, codebook)
    start = ctx.check_year(index, start, unit_type)
    end = ctx.check_year(index, end, unit_type)
    if end <= start:
        raise ParameterError("end", end, hint=f"must be after start {start}")
    _, ind, v0 = _values(ctx, index, start, indicator, unit_type)
    _, ind1, v1 = _values(ctx, index, end, indicator if indicator else ind, unit_type)
    d = pd.DataFrame({"v0": v0, "v1": v1}).dropna()
    T = end - start
    if log:
        d = d[(d.v0 > 0) & (d.v1 > 0)]
        d["level"] = np.log(d.v0)
        d["growth"] = (np.log(d.v1) - np.log(d.v0)) / T
    else:
        d["level"] = d.v0
        d["growth"] = (d.v1 - d.v0) / T
    d["region"] = [region_of(u) for u in d.index]
    if len(d) < 3:
        raise ParameterError("years", f"{start}-{end}", hint="fewer than 3 units with data in both")
    formula = "growth ~ level" + (" + C(region)" if conditional else "")
    model = smf.ols(formula, data=d).fit()
    ci = model.conf_int(0.05).loc["level"]
    beta = float(model.params["level"])
    speed = -math.log(1 + beta * T) / T if log and 1 + beta * T > 0 else float("nan")
    ok, note = compare_eras(ctx.cb, index, ind, start, end)
    return BetaResult(index=index, indicator=ind, start=start, end=end, beta=beta,
                      ci_low=float(ci.iloc[0]), ci_high=float(ci.iloc[1]),
                      p_value=float(model.pvalues["level"]), n=int(model.nobs),
                      r2=float(model.rsquared), log=log, conditional=conditional,
                      comparable=ok, break_note=note, speed=speed,
                      half_life=math.log(2) / speed if speed and speed > 0 else float("nan"),
                      data=d.reset_index(names="unit_code"), model=model)


def convergence_window(index: str, *, indicator=None, start=None, end=None,
                       unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None
                       ) -> tuple[int, int]:
    """The years to study convergence over when not given: the longest run of years with data
    (at least 3 units) inside one methodology era of the indicator (the latest on a tie), so
    that no series break is crossed. With only ``start`` or ``end`` given, the other end is the
    last (first) year of the same era."""
    from parlib.analysis.context import era_of

    ctx = context(panel, codebook)
    sigma = sigma_convergence(index, indicator=indicator, unit_type=unit_type, panel=panel,
                              codebook=codebook)
    ok = sigma[sigma["n"] >= 3]
    eras = {int(r.year): era_of(ctx.cb, index, r.indicator, int(r.year)) for r in ok.itertuples()}
    spans: dict = {}
    for y, e in sorted(eras.items()):
        spans.setdefault(e, []).append(y)
    if not spans:
        raise ParameterError("index", index, hint="fewer than 3 units with data in every year")
    if start is not None or end is not None:
        anchor = ctx.check_year(index, start if start is not None else end, unit_type)
        ys = spans.get(eras.get(anchor), [anchor])
        return (start if start is not None else ys[0]), (end if end is not None else ys[-1])
    best = max(spans.values(), key=lambda ys: (ys[-1] - ys[0], ys[-1]))
    return best[0], best[-1]
