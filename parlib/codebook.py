"""The indicator codebook: one CSV per index in ``data/reference/codebook/``.

Columns: index, indicator, level, parent, name_en, name_vi, scale_min, scale_max, weight,
aggregation, year_from, year_to, era, higher_is_better, notes. An indicator may have several rows
for non-overlapping year ranges (methodologies change); ``era`` names the methodology, and a
comparison across two eras is a series break.
"""
from __future__ import annotations

from functools import lru_cache

from parlib.errors import ParameterError
from parlib.paths import reference_dir

COLUMNS = ["index", "indicator", "level", "parent", "name_en", "name_vi", "scale_min",
           "scale_max", "weight", "aggregation", "year_from", "year_to", "era",
           "higher_is_better", "notes"]
INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
LEVELS = ("overall", "area", "sub")


@lru_cache(maxsize=1)
def load_codebook():
    import pandas as pd

    frames = []
    for path in sorted((reference_dir() / "codebook").glob("*.csv")):
        df = pd.read_csv(path, dtype={"index": str, "indicator": str, "level": str, "parent": str,
                                      "era": str, "aggregation": str, "notes": str,
                                      "name_en": str, "name_vi": str})
        missing = [c for c in COLUMNS if c not in df.columns]
        if missing:
            from parlib.errors import SourceFormatError

            raise SourceFormatError(path.name, column=missing[0], expected="codebook columns "
                                    + ", ".join(COLUMNS))
        df["codebook_file"] = path.name
        frames.append(df)
    if not frames:
        return pd.DataFrame(columns=COLUMNS)
    cb = pd.concat(frames, ignore_index=True)
    cb["year_from"] = cb["year_from"].astype(int)
    cb["year_to"] = cb["year_to"].astype(int)
    cb["higher_is_better"] = cb["higher_is_better"].map(
        lambda v: str(v).strip().lower() not in ("false", "0", "no"))
    for c in ("parent", "aggregation", "era", "notes"):
        cb[c] = cb[c].fillna("")
    # plain Python strings: the codebook is small and filtered thousands of times per build
    text = [c for c in cb.columns if cb[c].dtype != object and pd.api.types.is_string_dtype(cb[c])]
    return cb.astype({c: object for c in text})


def clear_cache():
    for f in (load_codebook, _for_year, _year_rows, _weights, _children):
        f.cache_clear()


def for_year(index: str, year: int):
    """The codebook rows in force for one index and year (a shared frame: do not modify it)."""
    return _for_year(index, int(year))


@lru_cache(maxsize=512)
def _for_year(index: str, year: int):
    cb = load_codebook()
    return cb[(cb["index"] == index) & (cb.year_from <= year) & (cb.year_to >= year)]


@lru_cache(maxsize=512)
def _year_rows(index: str, year: int) -> dict:
    rows = {}
    for _, r in _for_year(index, year).iterrows():
        rows.setdefault(r["indicator"], r)
    return rows


def lookup(index: str, indicator: str, year: int):
    """The codebook row (a Series) of one indicator in one year; ParameterError if none."""
    row = _year_rows(index, int(year)).get(indicator)
    if row is None:
        cb = load_codebook()
        known = sorted(cb[cb["index"] == index].indicator.unique())
        raise ParameterError("indicator", f"{indicator} ({index} {year})", known)
    return row


def children(index: str, indicator: str, year: int):
    """The codebook rows whose parent is ``indicator`` in ``year`` (a shared frame)."""
    return _children(index, indicator, int(year))


@lru_cache(maxsize=1024)
def _children(index: str, indicator: str, year: int):
    rows = _for_year(index, year)
    return rows[rows.parent == indicator]


def weights(index: str, year: int, parent: str | None = None) -> dict[str, float]:
    """Weights of the children of ``parent`` (default: the overall indicator) in ``year``."""
    return dict(_weights(index, int(year), parent))


@lru_cache(maxsize=512)
def _weights(index: str, year: int, parent: str | None) -> tuple:
    rows = _for_year(index, year)
    if parent is None:
        top = rows[rows.level == "overall"]
        parent = top.indicator.iloc[0] if len(top) else None
    ch = rows[rows.parent == parent]
    return tuple((r.indicator, float(r.weight)) for r in ch.itertuples() if r.weight == r.weight)


def era(index: str, indicator: str, year: int) -> str:
    try:
        return lookup(index, indicator, year)["era"]
    except ParameterError:
        return ""


def same_series(index: str, indicator: str, year_a: int, year_b: int) -> bool:
    """True when the indicator means the same thing in both years (no methodology break)."""
    a, b = era(index, indicator, year_a), era(index, indicator, year_b)
    return bool(a) and a == b


def overall_of(rows) -> str | None:
    """The aggregated overall indicator among codebook ``rows`` of one index and year (None if
    none). Shared by :func:`overall_indicator` and the analysis context (injected codebooks)."""
    top = rows[(rows.level == "overall") & (rows.aggregation.fillna("") != "")]
    return str(top.iloc[0]["indicator"]) if len(top) else None


def aggregation_of(rows, parent: str) -> tuple[str, list[tuple[str, float]]]:
    """(aggregation, [(child, weight)]) of ``parent`` among codebook ``rows`` of one index and
    year: ``weighted_sum`` the codebook weight (NaN when the codebook gives none: a weight is never
    assumed), ``sum`` 1, ``mean`` 1/n; an alternative split of the same total (PAR appraisal /
    survey) is not a child. The one rule of how children make a parent."""
    prow = rows[rows.indicator == parent]
    agg = str(prow.iloc[0]["aggregation"] or "").strip() if len(prow) else ""
    if agg == "nan":
        agg = ""
    ch = rows[rows.parent == parent].drop_duplicates("indicator")
    ch = ch[ch.aggregation.fillna("") != "alternative_split"]
    if ch.empty or not agg:
        return agg, []
    if agg == "weighted_sum":
        return agg, [(r.indicator, float(r.weight) if r.weight == r.weight else float("nan"))
                     for r in ch.itertuples()]
    w = 1.0 if agg == "sum" else 1.0 / len(ch) if agg == "mean" else float("nan")
    return agg, [(r.indicator, w) for r in ch.itertuples()]


def overall_indicator(index: str, year: int) -> str | None:
    """The aggregated overall indicator of ``index`` in ``year`` (None when the codebook has none)."""
    return overall_of(for_year(index, year))


def effective_weights(index: str, year: int, parent: str) -> list[tuple[str, float]]:
    """(child, weight) of ``parent`` in ``year`` by its ``aggregation`` (:func:`aggregation_of`);
    [] when ``parent`` aggregates nothing or by an unknown rule."""
    agg, out = aggregation_of(for_year(index, int(year)), parent)
    return out if agg in ("weighted_sum", "sum", "mean") else []
