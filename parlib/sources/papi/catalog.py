"""The PAPI raw-file catalog: ``catalog.csv`` (one row per file and sheet) and ``column_map.csv``
(which header, column or row of that file is which indicator), both beside this module.

Catalog columns (the shared format of :mod:`parlib.sources.catalog`, plus): ``family`` (the layout
family that reads it: ``rows`` provinces as rows, ``columns`` provinces as columns, ``long`` a long
panel), ``layout`` (the variant within the family), ``precision`` (``full`` or ``2dp``) and
``options`` (``key=value`` pairs a layout needs: header rows, id columns ...). ``priority``: when
several files hold the same value the lowest number wins; full-precision files come before the
2-decimal CSV copies, which are used only where nothing else exists.

Everything a reader needs to know about a file lives in these two tables; the readers only parse.
A header that does not match its column map is a :class:`~parlib.errors.SourceFormatError` (the
layout changed, so the mapping of columns to indicators can no longer be trusted).

Indicator codes follow the official numbering from 2018 (``PAPI.d2_1`` = "2.1 Access to
information"). Where an older sub-dimension is the same concept it gets the same code (the
codebook's ``era`` says when the scale changed); concepts that disappeared get their own codes
(``PAPI.d3_pib`` People's Inspection Boards, ``PAPI.d3_cib`` Community Investment Boards).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.sources.catalog import CatalogEntry, read_table, span

FOLDER = "papi"
CATALOG = Path(__file__).with_name("catalog.csv")
COLUMN_MAP = Path(__file__).with_name("column_map.csv")
FAMILIES = {"rows": ("consolidated", "numbered", "positioned"), "columns": ("indicator_rows",),
            "long": ("long_panel",), "facts": ("facts_news",)}
LAYOUTS = tuple(x for v in FAMILIES.values() for x in v)
# Half a unit of the last decimal a source keeps: the largest rounding error of one value.
HALF_UNIT = {"full": 5e-6, "2dp": 0.005}
# Values from two full-precision sources agree if they differ by less than this (float32 copies).
FULL_PRECISION_TOL = 1e-4
NO_DATA_TEXT = {"KCDL"}  # "không có dữ liệu"


@dataclass(frozen=True)
class Column:
    """One column-map row: where (``column``: letter or CSV header; blank when found by label),
    the header as written, the indicator, the field (value, ci_low, ci_high, required)."""
    column: str
    header: str
    indicator: str
    field: str
    note: str = ""


@dataclass(frozen=True)
class Entry(CatalogEntry):
    FOLDER = FOLDER
    family: str
    precision: str
    options: dict = field(default_factory=dict, hash=False, compare=False)
    columns: tuple[Column, ...] = ()
    notes: str = ""

    def option(self, key: str, default=None):
        return self.options.get(key, default)

    def values(self) -> list[Column]:
        return [c for c in self.columns if c.field != "required"]


def _options(text: str, line: int) -> dict:
    out = {}
    for part in (text or "").split(";"):
        if part.strip():
            if "=" not in part:
                raise SourceFormatError(CATALOG.name, row=line, column="options",
                                        expected="key=value pairs separated by ';'", found=part)
            k, v = part.split("=", 1)
            out[k.strip()] = v.strip()
    return out


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every catalogued PAPI file and sheet, in priority then catalog order."""
    maps: dict[tuple[str, str], list[Column]] = {}
    for r in read_table(COLUMN_MAP, required=("file", "year", "column", "header", "indicator", "field")):
        maps.setdefault((r["file"], r["year"]), []).append(
            Column(r["column"], r["header"], r["indicator"], r["field"], r.get("note", "")))
    out = []
    for r in read_table(CATALOG, layouts=LAYOUTS):
        family = next(f for f, lays in FAMILIES.items() if r["layout"] in lays)
        if r.get("family") != family:
            raise SourceFormatError(CATALOG.name, row=r["_line"], column="family",
                                    expected=f"{family} (layout {r['layout']})", found=r.get("family"))
        if family == "facts":
            continue  # headline facts: read by parlib.sources.news_facts, no column map
        cols = maps.get((r["file"], r["year"]), [])
        if not cols:
            raise SourceFormatError(COLUMN_MAP.name, expected=f"column-map rows for {r['file']} {r['year']}",
                                    found="none")
        out.append(Entry(file=r["file"], years=span(r["year"], "year", r["_line"], CATALOG.name),
                         layout=r["layout"], family=family, sheet=r["sheet"] or None,
                         header_rows=span(r["header_rows"], "header_rows", r["_line"], CATALOG.name),
                         n_units=int(r["n_units"]), priority=int(r["priority"]),
                         precision=r["precision"], options=_options(r["options"], r["_line"]),
                         columns=tuple(cols), notes=r["notes"]))
    return tuple(sorted(out, key=lambda e: e.priority))


def of_layout(layout: str, years=None) -> list[Entry]:
    return [e for e in entries() if e.layout == layout
            and (years is None or any(y in years for y in e.years))]


def numbered_labels() -> dict[str, str]:
    """'1.2' -> official English name, from the numbered headers of the column map."""
    from parlib.sources.papi.cells import numbered_code

    out = {}
    for e in of_layout("numbered"):
        for c in e.values():
            parsed = numbered_code(c.header)
            if parsed:
                out.setdefault(parsed[0], parsed[2])
    return out
