"""Briefs of the 34 units from 1 July 2025, built from the 63 former provinces.

Where the panel holds an official table of the 34 units (imported with ``parlib import``: rows of
unit type ``province_2025``), the brief shows it as it is, flagged ``official``. Otherwise every
number is a RECONSTRUCTION (:func:`parlib.analysis.reconstruct_34`): the 2024-population-weighted
mean of the former provinces' published scores, ranked among the units whose every former province
has data (a computed rank). The brief says which, names the former provinces
(``Brief.predecessors``) and keeps the history of the indices back to the former provinces' years.
"""
from __future__ import annotations

from functools import lru_cache

from parlib.analysis.persistence import PARTIAL_SHARE
from parlib.panel import data_stamp
from parlib.render.brief_data import (INDICES, LOOKBACK, Brief, _isna, _series_breaks, coverage,
                                      overall_long)

N_UNITS = 34


@lru_cache(maxsize=128)
def _recon(index: str, year: int, stamp, indicator=None):
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        return analysis.reconstruct_34(index, year, indicator=indicator)
    except ParlibError:
        return None


@lru_cache(maxsize=128)
def _official(index: str, year: int, stamp, indicator=None):
    """An imported official table of the 34 units in ``year``, in the shape of a reconstruction
    (unit_code, indicator, value, rank, rank_of, complete, label); None when there is none."""
    import parlib
    from parlib.codebook import overall_indicator
    from parlib.errors import ParlibError
    from parlib.panel import ranks

    try:
        df = parlib.load(index, year=int(year))
    except ParlibError:
        return None
    df = df[(df["unit_type"] == "province_2025") & df["value"].notna()]
    if indicator is None:
        df = df[df["indicator"] == overall_indicator(index, int(year))]
    if df.empty:
        return None
    out = ranks.fill_computed(df[["unit_code", "indicator", "value", "rank", "rank_of", "flag",
                                  "source"]].reset_index(drop=True), ["indicator"])
    out["complete"] = True
    out["label"] = "official table (imported): " + out["source"].astype(str)
    return out


def official_years(index: str) -> list[int]:
    """Years from 2025 with an imported official table of the 34 units for ``index``."""
    import parlib

    try:
        df = parlib.load(index)
    except Exception:
        return []
    df = df[(df["unit_type"] == "province_2025") & df["value"].notna()]
    return sorted(int(y) for y in df["year"].unique())


def recon(index: str, year: int, indicator=None):
    """The 34-unit figures of ``index`` in ``year`` (overall, or ``indicator``): an imported
    official table where the panel holds one, else the reconstruction; None if neither."""
    off = _official(index, int(year), data_stamp(), indicator)
    return off if off is not None else _recon(index, int(year), data_stamp(), indicator)


def _row(df, code):
    """The unit's row of a reconstruction, only when complete (every former province has data:
    a mean of some of them would speak for the others)."""
    if df is None or not len(df):
        return None
    done = df["value"].notna() & df["complete"].astype(bool)
    r = df[(df["unit_code"] == code) & done]
    if not len(r):
        return None
    r = r.iloc[0].copy()
    if done.sum() < PARTIAL_SHARE * N_UNITS:
        # a rank among a handful of units with complete data (a partial source) is not shown:
        # the same rule as the weak-criteria view (parlib.analysis.persistence.partial)
        r["rank"], r["rank_of"] = None, None
    return r


def brief_34(p) -> Brief:
    """The brief of one 34-unit (``p``: validated :class:`parlib.render.params.BriefParams`)."""
    from parlib import provinces

    u = provinces.get(p.code)
    mt = provinces.merger_table()
    members = mt[mt["new_code"] == p.code].sort_values("old_code")
    preds = [(r.old_code, provinces.get(r.old_code).name_vi) for r in members.itertuples()]
    regions = []
    for c, _ in preds:
        m = provinces.get(c)
        reg = m.region_vi if p.lang == "vi" else m.region_en
        if reg not in regions:
            regions.append(reg)
    b = Brief(code=p.code, name=u.name_vi, region_code="", region=", ".join(regions),
              region_n=N_UNITS, year=p.year, lang=p.lang, scheme="34", total=N_UNITS)
    b.predecessors = preds
    b.coverage = {i: sorted(set(coverage().get(i, [])) | set(official_years(i))) for i in INDICES}
    for index in INDICES:
        b.years[index], b.kinds[index] = _latest(index, b.code, b.year, b.coverage)
        y = b.years[index]
        b.flags[index] = set() if y is None else \
            {"official"} if _official(index, y, data_stamp()) is not None else {"reconstructed"}
    _standing(b)
    for index in INDICES:
        if b.years[index] is not None:
            _trend(b, index)
            _subs(b, index)
    _map(b)
    return b


def _latest(index, code, year, cov):
    for y in sorted((v for v in cov.get(index, []) if year - LOOKBACK <= v <= year),
                    reverse=True):
        if _row(recon(index, y), code) is not None:
            return y, "overall"
        if _row(recon(index, y, "all"), code) is not None:
            return y, "sub"
    return None, None


def _standing(b: Brief):
    import numpy as np
    import pandas as pd

    rows = []
    for index in INDICES:
        y = b.years[index]
        base = {"index": index, "year": y if y is not None else b.year, "indicator": None,
                "score": np.nan, "max": np.nan, "rank": pd.NA, "rank_of": pd.NA,
                "rank_in_region": pd.NA, "region_n": pd.NA, "prev_year": pd.NA,
                "change": np.nan, "rank_change": pd.NA, "comparable": False, "break_note": "",
                "status": "no data", "note": "", "nation_mean": None, "ci_low": None,
                "ci_high": None, "rank_kind": None, "tier": None}
        r = _row(recon(index, y), b.code) if y is not None and b.kinds[index] == "overall" \
            else None
        if r is not None:
            df = recon(index, y)
            kind = "computed" if "rank_computed" in str(r.get("flag", "rank_computed")) \
                else "published"
            base.update(indicator=r["indicator"], score=float(r["value"]),
                        rank=r["rank"], rank_of=r["rank_of"], status="ok", rank_kind=kind,
                        nation_mean=_nation_mean(index, y), max=_scale_max(index, y))
            base["note"] = r["label"]
            prev = _prev(index, y, b)
            if prev is not None:
                py, pr = prev
                same = not any(py < br <= y for br in b.breaks.get(index, [])) and \
                    not _breaks_between(index, py, y)
                base.update(prev_year=py, comparable=same)
                if same:
                    base["change"] = float(r["value"]) - float(pr["value"])
                    if not _isna(pr["rank"]) and not _isna(r["rank"]) and \
                            int(pr["rank_of"]) == int(r["rank_of"]):
                        base["rank_change"] = int(pr["rank"]) - int(r["rank"])
            del df
        rows.append(base)
    b.standing = pd.DataFrame(rows)


def _breaks_between(index, y0, y1) -> bool:
    try:
        sb = _series_breaks(index, data_stamp())
    except Exception:
        return False
    sb = sb[sb["indicator"].isin(set(overall_long(index)["indicator"].unique()))]
    return bool(((sb["year"] > y0) & (sb["year"] <= y1)).any())


def _prev(index, y, b):
    for py in sorted((v for v in b.coverage.get(index, []) if v < y), reverse=True):
        r = _row(recon(index, py), b.code)
        if r is not None:
            return py, r
    return None


def _nation_mean(index, y):
    df = overall_long(index)
    v = df[df["year"] == y]["value"].dropna()
    return float(v.mean()) if len(v) >= 63 // 2 else None


def _scale_max(index, y):
    from parlib.codebook import load_codebook

    cb = load_codebook()
    r = cb[(cb["index"] == index) & (cb["level"] == "overall") & (cb["aggregation"] != "")
           & (cb["year_from"] <= y) & (cb["year_to"] >= y)]
    return float(r.iloc[0]["scale_max"]) if len(r) and not _isna(r.iloc[0]["scale_max"]) \
        else float("nan")


def _trend(b: Brief, index: str):
    import pandas as pd

    from parlib.render.trend_means import COLS, means

    y_end = b.years[index]
    nat = overall_long(index)
    nm = means(index, nat, None)     # national means of the 63 former provinces
    rows = []
    for y in sorted(v for v in b.coverage.get(index, []) if v <= y_end):
        r = _row(recon(index, y), b.code)
        if r is None:
            continue
        row = nm.loc[y].to_dict() if y in nm.index else {}
        rows.append({**row, "year": y, "value": float(r["value"]), "rank": r["rank"],
                     "rank_of": r["rank_of"]})
    if len(rows) < 1:
        return
    b.trends[index] = pd.DataFrame(rows).reindex(
        columns=["year", "value", "rank", "rank_of", *COLS])
    try:
        sb = _series_breaks(index, data_stamp())
        sb = sb[sb["indicator"].isin(set(nat["indicator"].unique()))]
        b.breaks[index] = sorted(int(y) for y in sb["year"].unique() if int(y) <= y_end)
    except Exception:
        b.breaks[index] = []


def _subs(b: Brief, index: str):
    import pandas as pd

    from parlib.codebook import lookup
    from parlib.errors import ParlibError

    y = b.years[index]
    df = recon(index, y, "all")
    if df is None:
        return
    df = df[(df["unit_code"] == b.code) & df["value"].notna() & df["complete"].astype(bool)]
    rows = []
    for r in df.itertuples():
        try:
            cb = lookup(index, r.indicator, y)
        except ParlibError:
            continue
        if cb["level"] != "area":
            continue
        rows.append({"indicator": r.indicator,
                     "name": cb["name_vi" if b.lang == "vi" else "name_en"],
                     "score": float(r.value), "max": cb["scale_max"],
                     "rank": None if _isna(r.rank) else int(r.rank),
                     "rank_of": None if _isna(r.rank_of) else int(r.rank_of), "kind": "computed"})
    if rows:
        b.subs[index] = pd.DataFrame(rows).sort_values("rank", na_position="last")


def _map(b: Brief):
    for index in INDICES:
        y = b.years[index]
        if y is None or b.kinds[index] != "overall":
            continue
        df = recon(index, y)
        vals = {r.unit_code: float(r.value) for r in df.itertuples()
                if not _isna(r.value) and bool(r.complete)}
        if len(vals) >= N_UNITS // 2:
            b.map_values, b.map_index, b.map_year = vals, index, y
            return
