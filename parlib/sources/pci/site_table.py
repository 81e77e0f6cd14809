"""Layout family ``site_table``: a table copied from VCCI's own web page, as CSV (PCI 2021, ranks
1-21 of 63: ``pci_2021_top21_vcci_site.csv``).

A *partial* year: only the provinces on the stored part of the page are here, each with its ten
sub-indices, its composite, its published rank (of 63, the catalog's ``rank_of``) and VCCI tier
(kept in the note). The columns are named in ``column_map.csv``. The other provinces of that
year come from other files (the composite panel) or are missing; nothing here is ranked by us.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.sources.catalog import read_table
from parlib.sources.pci import cells
from parlib.sources.pci.catalog import Entry
from parlib.sources.pci.records import OVERALL, record

COLUMN_MAP = Path(__file__).with_name("column_map.csv")


@lru_cache(maxsize=8)
def column_map(file: str) -> tuple[dict, ...]:
    return tuple(r for r in read_table(COLUMN_MAP, required=("file", "year", "column", "indicator", "field"))
                 if r["file"] == file)


def read(entry: Entry, raw_dir, report) -> list[dict]:
    cmap = column_map(entry.file)
    by_field = {}
    for r in cmap:
        by_field.setdefault(r["field"], []).append(r)
    path = entry.path(raw_dir)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields, lines = reader.fieldnames or [], list(reader)
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceFormatError(entry.source, message=f"cannot be read ({exc})",
                                expected="a UTF-8 CSV file") from None
    missing = [r["column"] for r in cmap if r["column"] not in fields]
    if missing:
        raise SourceFormatError(entry.source, row=1, column=missing[0],
                                expected="columns " + ", ".join(r["column"] for r in cmap),
                                found=", ".join(fields))
    rank_of = int(entry.columns.get("RANK_OF", entry.n_units))
    (pcol,) = (r["column"] for r in by_field["province"])
    (ycol,) = (r["column"] for r in by_field["year"])
    (rcol,) = (r["column"] for r in by_field["rank"])
    (tcol,) = (r["column"] for r in by_field.get("tier", [{"column": None}]))
    out, seen = [], {}
    for i, rec in enumerate(lines, start=2):
        name = cells.text(rec[pcol])
        if str(rec[ycol]).strip() != str(entry.year):
            raise SourceFormatError(entry.source, row=i, column=ycol, expected=str(entry.year),
                                    found=rec[ycol])
        unit = cells.resolve(name, entry, i, fields.index(pcol))
        if unit.code in seen:
            raise SourceFormatError(entry.source, row=i, column=pcol, expected="each province once",
                                    found=f"{name} again (first at row {seen[unit.code]})")
        seen[unit.code] = i
        report.kept(entry.source, None, i, name, unit.code)
        rank = cells.rank_value(rec[rcol], entry, i, fields.index(rcol))
        tier = cells.text(rec[tcol]) if tcol else ""
        for r in by_field["value"]:
            ind = r["indicator"]
            v = cells.number(rec[r["column"]], entry, i, fields.index(r["column"]), ind)
            is_overall = ind == OVERALL
            out.append(record(entry, entry.year, unit.code, ind, v, i, name,
                              rank=rank if is_overall else None,
                              rank_of=rank_of if is_overall else None,
                              note=(f"VCCI tier: {tier}; published rank of {rank_of}; partial table "
                                    f"(ranks 1-{len(lines)} stored)") if is_overall and tier else None))
    if len(seen) != entry.n_units:
        raise SourceFormatError(entry.source, expected=f"{entry.n_units} provinces", found=len(seen))
    return out
