"""The record a layout reader emits for one value, and the indicators a year must have."""
from __future__ import annotations

from parlib import codebook

from parlib.sources.pci.catalog import Entry

INDEX = "PCI"
OVERALL = "PCI.overall"
UNWEIGHTED = "PCI.unweighted"

# Columns every reader returns: the panel columns plus private ones (leading underscore) that
# the package uses to merge sources and that ``read`` drops before returning the panel rows.
COLUMNS = ["index", "year", "unit_code", "indicator", "value", "rank", "rank_of", "flag", "note",
           "source", "_file", "_sheet", "_row", "_unit_as_written", "_priority", "_compare_only"]


def record(entry: Entry, year, unit_code, indicator, value, row, unit_as_written, rank=None,
           rank_of=None, flag=None, note=None, compare_only=False) -> dict:
    flags = [f for f in (flag, "inferred_year" if entry.year_inferred else None) if f]
    return {"index": INDEX, "year": int(year), "unit_code": unit_code, "indicator": indicator,
            "value": value, "rank": rank, "rank_of": rank_of if rank is not None else None,
            "flag": ";".join(flags) or None, "note": note, "source": entry.panel_source,
            "_file": entry.source, "_sheet": entry.sheet, "_row": row,
            "_unit_as_written": unit_as_written, "_priority": entry.priority,
            "_compare_only": compare_only}


def sub_indices(year: int) -> set[str]:
    """Area-level PCI indicators the codebook lists for ``year`` (the sub-indices, and in 2005
    the three 'traditional conditions')."""
    rows = codebook.for_year(INDEX, year)
    return set(rows[rows.level == "area"].indicator)
