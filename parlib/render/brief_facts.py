"""The facts behind the provincial brief, cached per build of the panel: which years each
index covers, the comparable overall series of every province (with ranks from
:mod:`parlib.analysis`, i.e. :mod:`parlib.panel.ranks`), how many provinces a source covers.

Published rank-only facts count as data; a published fact is never given a computed rank.
"""
from __future__ import annotations

from functools import lru_cache

from parlib.numbers import missing as _isna  # noqa: F401  (used here and by brief_data)
from parlib.panel import data_stamp





@lru_cache(maxsize=8)
def _coverage(stamp) -> dict:
    """{index: sorted years with a value for provinces}."""
    import parlib

    try:
        df = parlib.load()
    except Exception:
        return {}
    # a rank-only published fact (a rank, no score) is data too
    df = df[(df["unit_type"] == "province") & (df["value"].notna() | df["rank"].notna())]
    return {i: sorted(int(y) for y in g["year"].unique()) for i, g in df.groupby("index")}


def coverage() -> dict:
    return _coverage(data_stamp())


@lru_cache(maxsize=16)
def _overall_long(index: str, stamp):
    """The comparable overall total of every province and year (value, rank, rank_of,
    rank_kind, region_code): the codebook's aggregated overall row of each year (PAPI: the
    unweighted total, comparable across years); ranks from :mod:`parlib.analysis` (published,
    or computed among every province with a value; none among published facts)."""
    import pandas as pd

    from parlib.analysis.context import context, overall_rows, region_of

    cols = ["unit_code", "year", "indicator", "value", "rank", "rank_of", "rank_kind",
            "region_code"]
    out = overall_rows(context(), index).rename(columns={"kind": "rank_kind"})
    if out.empty:
        return pd.DataFrame(columns=cols)
    for c in ("rank", "rank_of"):
        out[c] = pd.to_numeric(out[c]).astype("Float64").round().astype("Int64")
    out["region_code"] = out["unit_code"].map(region_of)
    return out[cols]


def overall_long(index: str):
    return _overall_long(index, data_stamp())


@lru_cache(maxsize=32)
def _year_frame(index: str, year: int, stamp):
    import parlib

    df = parlib.load(index, year=year)
    return df[df["unit_type"] == "province"]


def year_frame(index: str, year: int):
    return _year_frame(index, int(year), data_stamp())


@lru_cache(maxsize=32)
def _region_ranks(index: str, year: int, stamp):
    from parlib import analysis

    return analysis.region_ranks(index, year)


def region_ranks(index: str, year: int):
    return _region_ranks(index, int(year), data_stamp())


@lru_cache(maxsize=8)
def _series_breaks(index: str, stamp):
    """Methodology breaks of the index's overall indicators (the ones the trends show)."""
    from parlib import analysis, codebook

    cb = codebook.load_codebook()
    ov = sorted(set(cb[(cb["index"] == index) & (cb["level"] == "overall")]["indicator"]))
    return analysis.series_breaks(index, indicator=ov)



def covered(index: str, year: int) -> int:
    """Provinces with any figure (a score on any indicator, or a published rank) in that
    source and year — what "the source covers N provinces" counts."""
    df = year_frame(index, year)
    return int(df[df["value"].notna() | df["rank"].notna()]["unit_code"].nunique())


