"""Layout family ``composite_dta``: a Stata panel of the composite PCI (name, year, pci).

Only the columns ``name``, ``year`` and ``pci`` are read (the rest are GSO covariates). Names are
short codes ("HNOI", "ĐTHAP"); they resolve through the alias table. Years that an official
workbook also covers are read for comparison only (the workbook wins, disagreements are
reported); the other years have no published rank, so the rank is computed from the composite
and flagged ``rank_computed``.
"""
from __future__ import annotations

import math

import pandas as pd

from parlib.errors import SourceFormatError
from parlib.panel.ranks import competition

from parlib.sources.pci import cells
from parlib.sources.pci.catalog import Entry
from parlib.sources.pci.records import OVERALL, record

COLUMNS = ["name", "year", "pci"]


def read(entry: Entry, raw_dir, report, workbook_years=frozenset()) -> list[dict]:
    path = entry.path(raw_dir)
    if not path.exists():
        raise SourceFormatError(entry.source, message="file not found", expected="a Stata .dta file")
    if path.stat().st_size == 0:
        raise SourceFormatError(entry.source, message="the file is empty", expected="a Stata .dta file")
    try:
        df = pd.read_stata(path, columns=COLUMNS, convert_categoricals=False)
    except Exception as exc:  # a damaged .dta raises ValueError, struct.error, EOFError ...
        raise SourceFormatError(entry.source, message=f"cannot be read ({type(exc).__name__}: {exc})",
                                expected="a Stata file with columns " + ", ".join(COLUMNS)) from None
    out, seen = [], {}
    for i, (name, year, pci) in enumerate(df[COLUMNS].itertuples(index=False, name=None)):
        row = i + 1  # Stata observation number
        written = cells.text(name)
        if not written:
            raise SourceFormatError(entry.source, row=row, column="name", expected="a province code",
                                    found=name)
        if year is None or (isinstance(year, float) and math.isnan(year)) or int(year) not in entry.years:
            raise SourceFormatError(entry.source, row=row, column="year",
                                    expected=f"a year in {entry.years[0]}-{entry.years[-1]}", found=year)
        year = int(year)
        unit = cells.resolve(written, entry, row, 0)
        if (year, unit.code) in seen:
            raise SourceFormatError(entry.source, row=row, column="name",
                                    expected="one row per province and year",
                                    found=f"{written} {year} again (first at row {seen[(year, unit.code)]})")
        seen[(year, unit.code)] = row
        value = None if pci is None or math.isnan(float(pci)) else round(float(pci), 2)
        compare = year in workbook_years
        if compare:
            report.dropped(entry.source, None, row, written,
                           f"PCI {year} is in the official workbook (kept there; values compared)")
        else:
            report.kept(entry.source, None, row, written, unit.code)
            if value is None:
                report.issue(entry.source, None, row, written, OVERALL, "no_data", "missing pci")
        out.append(record(entry, year, unit.code, OVERALL, value, row, written,
                          flag="no_data" if value is None else None, compare_only=compare,
                          note=None if compare else "composite only: sub-indices not in this file"))
    # ranks where no workbook gives them: computed, flagged
    frame = pd.DataFrame(out)
    for year, grp in frame[~frame._compare_only].groupby("year"):
        ok = grp[grp.value.notna()]
        ranks = competition(ok.value)  # the panel covers every province: a full ranking
        for idx, r in ranks.items():
            rec = out[idx]
            rec["rank"], rec["rank_of"] = int(r), int(len(ok))
            rec["flag"] = ";".join(f for f in (rec["flag"], "rank_computed") if f)
    return out
