"""Cell-level helpers shared by the PCI layout readers: numbers, province names, header maps,
and the classification of rows that are not provinces (blank, summary, repeated header ...)."""
from __future__ import annotations

import math
import re
from functools import lru_cache

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.registry.keys import alias_key

from parlib.sources.pci import headers
from parlib.sources.pci.catalog import Entry, col_index, col_letter
from parlib.sources.units import resolve_unit

# Labels of the rank line VCCI writes under a repeated province ("Xếp hạng", "Thứ tự", "Ranking").
RANK_ROW_LABELS = {"xephang", "thutu", "ranking", "rank", "thuhang"}
NA_TEXT = {"", "na", "n/a", "-", "kcdl", "..", "."}


def is_blank(v) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def text(v) -> str:
    return "" if is_blank(v) else str(v).strip()


def number(v, entry: Entry, row: int, col: int, what: str):
    """A float, or None for an empty / N/A cell; SourceFormatError for anything else, and for a
    score (``what`` is a PCI indicator) outside the codebook scale of the entry's year."""
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise SourceFormatError(entry.source, entry.sheet, row, col_letter(col),
                                expected=f"a number ({what})", found=v)
    if isinstance(v, (int, float)):
        x = float(v)
    else:
        s = str(v).strip().replace(",", ".")
        if s.lower() in NA_TEXT:
            return None
        try:
            x = float(s)
        except ValueError:
            raise SourceFormatError(entry.source, entry.sheet, row, col_letter(col),
                                    expected=f"a number ({what})", found=v) from None
    if what.startswith("PCI."):  # a score: within the codebook scale of its year
        lo, hi = _scale(what, entry.year)
        if not (math.isfinite(x) and (lo is None or x >= lo) and (hi is None or x <= hi)):
            scale = f"{'-inf' if lo is None else f'{lo:g}'} and {'inf' if hi is None else f'{hi:g}'}"
            raise SourceFormatError(entry.source, entry.sheet, row, col_letter(col),
                                    expected=f"a {what} score between {scale} "
                                             f"(codebook scale for {entry.year})", found=v)
    return x


@lru_cache(maxsize=512)
def _scale(indicator: str, year: int) -> tuple[float | None, float | None]:
    from parlib import codebook
    from parlib.errors import ParameterError

    try:
        row = codebook.lookup("PCI", indicator, year)
    except ParameterError:
        return None, None
    lo, hi = row.scale_min, row.scale_max
    return (None if lo != lo else float(lo)), (None if hi != hi else float(hi))


def rank_value(v, entry: Entry, row: int, col: int):
    x = number(v, entry, row, col, "a rank")
    if x is None:
        return None
    if x != int(x) or x < 1:
        raise SourceFormatError(entry.source, entry.sheet, row, col_letter(col),
                                expected="a whole rank >= 1", found=v)
    return int(x)


def resolve(name, entry: Entry, row: int, col: int):
    return resolve_unit(name, entry.source, entry.sheet, row, col_letter(col))


def non_province_reason(cells, prov_col: int) -> str | None:
    """Why a row below the header is not a province row, or None when it may be one."""
    if all(is_blank(c) for c in cells):
        return "blank row"
    label = text(cells[prov_col]) if prov_col < len(cells) else ""
    candidates = [label] if label else [text(c) for c in cells if isinstance(c, str) and c.strip()]
    for t in candidates:
        kind = provinces.summary_label(t)
        if kind:
            return f"summary row ({kind})"
        if alias_key(t) in RANK_ROW_LABELS:
            return "rank line of the repeated province above (not a province)"
        if headers.classify(t) in (headers.PROVINCE, headers.POSITION):
            return "repeated header row"
    if not label:
        return "row without a province name"  # caller decides whether that is an error
    return None


def header_map(df, entry: Entry, data_start: int) -> dict[int, str]:
    """Column position -> target (indicator code, RANK, PROVINCE, POSITION), from the header rows.

    Unknown headers over columns that hold data are a SourceFormatError; a header that names a
    year other than the catalog's (a stale sheet copied from another year) is one too.
    """
    out: dict[int, str] = {}
    hdr_rows = [h - 1 for h in entry.header_rows]
    for j in range(df.shape[1]):
        texts = [df.iat[h, j] for h in hdr_rows if h < len(df)]
        try:
            target = headers.classify_column(texts)
        except ValueError as exc:
            raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0], col_letter(j),
                                    expected="header rows that agree", found=" / ".join(map(text, texts)),
                                    message=str(exc)) from None
        if target is False:
            has_data = any(not is_blank(v) for v in df.iloc[data_start:, j])
            if has_data:
                raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0],
                                        col_letter(j), expected="a known PCI column header",
                                        found=" / ".join(text(t) for t in texts if text(t)))
            continue
        if target is None:
            continue
        if target in ("PCI.overall", "PCI.unweighted", headers.RANK):
            yrs = set().union(*(headers.years_in(t) for t in texts))
            if yrs - set(entry.years) and not entry.year_inferred:
                raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0],
                                        col_letter(j), expected=f"a header for PCI {entry.year}",
                                        found=" / ".join(text(t) for t in texts if text(t)),
                                        message="the sheet names another year (stale copy?)")
        out[j] = target
    for letter, target in entry.columns.items():
        out[col_index(letter)] = target
    return out


def check_indicators(found: set[str], expected: set[str], entry: Entry):
    missing, extra = expected - found, found - expected
    if missing or extra:
        raise SourceFormatError(
            entry.source, entry.sheet, entry.header_rows[0] if entry.header_rows else None,
            expected="the sub-indices of the codebook for PCI %d: %s" % (entry.year, ", ".join(sorted(expected))),
            found="missing " + ", ".join(sorted(missing)) + "; unexpected " + ", ".join(sorted(extra)))


_NUM = re.compile(r"^\s*\d+\s*$")


def is_position(v) -> bool:
    if isinstance(v, bool) or is_blank(v):
        return False
    if isinstance(v, (int, float)):
        return float(v) == int(v) and v >= 1
    return bool(_NUM.match(str(v)))
