"""The declarative PCI source catalog (``catalog.csv`` beside this module, in the shared format
of :mod:`parlib.sources.catalog`).

One row per raw file and sheet: the year(s) it holds, the layout family that reads it, the header
rows, how many provinces it ranks, what it contains, and its priority when two sources give the
same value (1 wins). Readers are chosen by ``layout``; nothing about a particular year is coded
anywhere else.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.sources.catalog import CatalogEntry, col_index, col_letter, span  # noqa: F401 (re-exported)

CATALOG = Path(__file__).with_name("catalog.csv")
RAW_SUBDIR = "pci"
LAYOUTS = ("summary_sheet", "ranked_pairs", "composite_dta", "site_table", "facts_news")
ROUNDED_LAYOUTS = {"site_table"}  # values printed to 2 decimals (composite check tolerance)
CONTENT = {"sub", "overall", "unweighted", "rank"}


@dataclass(frozen=True)
class Entry(CatalogEntry):
    FOLDER = RAW_SUBDIR
    content: frozenset
    year_inferred: bool
    columns: dict = field(default_factory=dict, hash=False, compare=False)  # letter -> target
    notes: str = ""

    @property
    def panel_source(self) -> str:
        return self.source + (f"#{self.sheet}" if self.sheet else "")


def load_catalog(path: Path = CATALOG) -> list[Entry]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh), start=2):
            if r["layout"] not in LAYOUTS:
                raise SourceFormatError(path.name, row=i, column="layout",
                                        expected="one of " + ", ".join(LAYOUTS), found=r["layout"])
            content = frozenset(c.strip() for c in r["content"].split(",") if c.strip())
            if not content <= CONTENT:
                raise SourceFormatError(path.name, row=i, column="content",
                                        expected="a subset of " + ", ".join(sorted(CONTENT)),
                                        found=r["content"])
            cols = {}
            for part in (r.get("columns") or "").split(";"):
                if part.strip():
                    letter, target = part.split("=")
                    cols[letter.strip().upper()] = target.strip()
            out.append(Entry(
                file=r["file"], years=span(r["year"], "year", i, path.name), layout=r["layout"],
                sheet=r["sheet"] or None, header_rows=span(r["header_rows"], "header_rows", i, path.name),
                n_units=int(r["n_units"]), content=content, priority=int(r["priority"]),
                year_inferred=(r.get("year_inferred") or "").strip().lower() == "true",
                columns=cols, notes=r.get("notes") or ""))
    return out
