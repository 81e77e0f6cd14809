"""Layout family ``summary_sheet``: one row per province, one column per indicator.

Used by PCI 2005 (summary and ranking sheets), 2006, 2007, 2009, 2017-2019 and the 2023
workbook. The header rows come from the catalog; the columns are found by their header text
(Vietnamese or English). Below the header every row is logged: provinces are kept, blank rows,
repeated provinces, repeated headers and min/median/max rows are dropped with their reason.
"""
from __future__ import annotations

from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet

from parlib.sources.pci import cells, headers
from parlib.sources.pci.catalog import Entry, col_letter
from parlib.sources.pci.records import OVERALL, UNWEIGHTED, record, sub_indices


def read(entry: Entry, raw_dir, report) -> list[dict]:
    df = read_sheet(entry.path(raw_dir), entry.sheet)
    start = max(entry.header_rows)  # 0-based index of the first row below the header
    cols = cells.header_map(df, entry, start)
    prov_cols = [j for j, t in cols.items() if t == headers.PROVINCE]
    if len(prov_cols) != 1:
        raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[-1],
                                expected="exactly one province column",
                                found=[col_letter(j) for j in prov_cols])
    pcol = prov_cols[0]
    ind_cols = {j: t for j, t in cols.items() if t.startswith("PCI.")}
    rank_cols = [j for j, t in cols.items() if t == headers.RANK]
    found = set(ind_cols.values())
    if "sub" in entry.content:
        cells.check_indicators(found - {OVERALL, UNWEIGHTED}, sub_indices(entry.year), entry)
    for what, code in (("overall", OVERALL), ("unweighted", UNWEIGHTED)):
        if (what in entry.content) != (code in found):
            raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[-1],
                                    expected=f"{code} column: {'yes' if what in entry.content else 'no'}",
                                    found=sorted(found))
    if ("rank" in entry.content) != bool(rank_cols) or len(rank_cols) > 1:
        raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[-1],
                                expected="one rank column" if "rank" in entry.content else "no rank column",
                                found=[col_letter(j) for j in rank_cols])

    out: list[dict] = []
    seen: dict[str, tuple[int, dict]] = {}   # unit code -> (Excel row, values)
    repeats: list[str] = []                  # "An Giang (row 3 repeats row 2)"
    grid = df.to_numpy(dtype=object).tolist()  # plain lists: row access without pandas overhead
    for i in range(start, len(df)):
        row = i + 1
        vals = grid[i]
        reason = cells.non_province_reason(vals, pcol)
        if reason == "row without a province name":
            raise SourceFormatError(entry.source, entry.sheet, row, col_letter(pcol),
                                    expected="a province name, a blank row or a summary label",
                                    found=[cells.text(v) for v in vals if not cells.is_blank(v)])
        written = cells.text(vals[pcol]) or None
        if reason:
            report.dropped(entry.source, entry.sheet, row, written, reason)
            continue
        unit = cells.resolve(written, entry, row, pcol)
        values = {ind: cells.number(vals[j], entry, row, j, ind) for j, ind in ind_cols.items()}
        rank = cells.rank_value(vals[rank_cols[0]], entry, row, rank_cols[0]) if rank_cols else None
        if unit.code in seen:
            first_row, first = seen[unit.code]
            same = all(_close(first.get(k), v) for k, v in values.items())
            if not same:
                diffs = ", ".join(f"{k}: {first.get(k)} vs {v}" for k, v in values.items()
                                  if not _close(first.get(k), v))
                report.issue(entry.source, entry.sheet, row, written, None, "conflict",
                             f"repeated {unit.name_vi} differs from row {first_row} ({diffs}); "
                             f"row {first_row} kept")
            report.dropped(entry.source, entry.sheet, row, written,
                           f"repeated province (same as row {first_row})" if same else
                           f"repeated province (differs from row {first_row}, see issues)")
            repeats.append(f"{written} (row {row} repeats row {first_row})")
            continue
        seen[unit.code] = (row, values)
        report.kept(entry.source, entry.sheet, row, written, unit.code)
        for ind, v in values.items():
            if v is None:
                report.issue(entry.source, entry.sheet, row, written, ind, "no_data",
                             "empty cell in the source")
            r = rank if ind == OVERALL else None
            out.append(record(entry, entry.year, unit.code, ind, v, row, written, rank=r,
                              rank_of=entry.n_units if r is not None else None,
                              flag="no_data" if v is None else None))
        if rank is not None and OVERALL not in values:
            raise SourceFormatError(entry.source, entry.sheet, row, col_letter(rank_cols[0]),
                                    expected="a rank beside a composite PCI column", found=rank)
    if len(seen) != entry.n_units:
        raise SourceFormatError(entry.source, entry.sheet, expected=f"{entry.n_units} provinces",
                                found=f"{len(seen)} provinces",
                                message=f"{len(seen)} distinct provinces in rows {start + 1}-{len(df)}"
                                + ("; repeated: " + ", ".join(repeats) if repeats else ""))
    return out


def _close(a, b, tol=1e-9) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= tol
