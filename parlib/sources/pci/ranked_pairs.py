"""Layout family ``ranked_pairs``: every indicator sorted by its own rank, as province/score pairs.

Used by PCI 2008 and 2010-2016. Column A holds the position ("Thứ tự"/"No"), which is each
indicator's rank; each indicator's header sits over its score column and the province names are in
the column to its left. The composite's rank is either the position (2008), a province/rank pair
(2010-2012) or a rank column beside the composite score (2013-2016). Rows below the ranked block
(blank, repeated header, a repeated province and its rank line) are dropped with their reason;
the repeated province is compared with its ranked values.
"""
from __future__ import annotations

from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet

from parlib.sources.pci import cells, headers
from parlib.sources.pci.catalog import Entry, col_letter
from parlib.sources.pci.records import OVERALL, UNWEIGHTED, record, sub_indices


def read(entry: Entry, raw_dir, report) -> list[dict]:
    df = read_sheet(entry.path(raw_dir), entry.sheet)
    start = max(entry.header_rows)
    cols = cells.header_map(df, entry, start)
    pos_cols = [j for j, t in cols.items() if t == headers.POSITION]
    if pos_cols != [0]:
        raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0], "A",
                                expected="the position column ('Thứ tự'/'No') in column A",
                                found=[col_letter(j) for j in pos_cols])
    value_cols = {j: t for j, t in cols.items() if t.startswith("PCI.")}
    for j, ind in value_cols.items():
        if j - 1 in value_cols or j - 1 < 1:
            raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0], col_letter(j),
                                    expected=f"a province column left of the {ind} scores")
    found = set(value_cols.values())
    if len(found) != len(value_cols):
        raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0],
                                expected="each indicator once", found=sorted(value_cols.values()))
    cells.check_indicators(found - {OVERALL, UNWEIGHTED}, sub_indices(entry.year), entry)
    for what, code in (("overall", OVERALL), ("unweighted", UNWEIGHTED)):
        if (what in entry.content) != (code in found):
            raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0],
                                    expected=f"{code} column: {'yes' if what in entry.content else 'no'}",
                                    found=sorted(found))
    overall_col = next(j for j, t in value_cols.items() if t == OVERALL)
    rank_cols = [j for j, t in cols.items() if t == headers.RANK]
    if len(rank_cols) > 1:
        raise SourceFormatError(entry.source, entry.sheet, entry.header_rows[0],
                                expected="at most one rank column", found=[col_letter(j) for j in rank_cols])
    rank_col = rank_cols[0] if rank_cols else None
    rank_pair = rank_col is not None and rank_col - 1 not in value_cols  # (province, rank) pair

    out: list[dict] = []
    by_unit: dict[tuple[str, str], dict] = {}       # (indicator, unit) -> record
    overall_rank: dict[str, tuple[int, int]] = {}   # unit -> (rank, row)
    expected_pos = 1
    pending = []                                    # rows below the block, handled afterwards
    grid = df.to_numpy(dtype=object).tolist()  # plain lists: row access without pandas overhead
    for i in range(start, len(df)):
        row = i + 1
        vals = grid[i]
        if not cells.is_position(vals[0]):
            pending.append((i, row, vals))
            continue
        if pending:  # a ranked row after non-ranked rows: the block is not contiguous
            raise SourceFormatError(entry.source, entry.sheet, pending[0][1], "A",
                                    expected="ranked rows without gaps", found=pending[0][2][0])
        pos = int(float(vals[0]))
        if pos != expected_pos:
            raise SourceFormatError(entry.source, entry.sheet, row, "A",
                                    expected=f"position {expected_pos}", found=vals[0])
        expected_pos += 1
        for j, ind in value_cols.items():
            written = cells.text(vals[j - 1])
            unit = cells.resolve(written, entry, row, j - 1)
            v = cells.number(vals[j], entry, row, j, ind)
            if (ind, unit.code) in by_unit:
                raise SourceFormatError(entry.source, entry.sheet, row, col_letter(j - 1),
                                        expected=f"each province once in the {ind} ranking",
                                        found=written)
            if v is None:
                report.issue(entry.source, entry.sheet, row, written, ind, "no_data",
                             "empty cell in the source")
            rec = record(entry, entry.year, unit.code, ind, v, row, written, rank=pos,
                         rank_of=entry.n_units, flag="no_data" if v is None else None)
            by_unit[(ind, unit.code)] = rec
            out.append(rec)
        if rank_col is not None:
            r = cells.rank_value(vals[rank_col], entry, row, rank_col)
            if rank_pair:
                unit = cells.resolve(cells.text(vals[rank_col - 1]), entry, row, rank_col - 1)
            else:
                unit = cells.resolve(cells.text(vals[overall_col - 1]), entry, row, overall_col - 1)
            overall_rank[unit.code] = (r, row)
        written = cells.text(vals[overall_col - 1])
        report.kept(entry.source, entry.sheet, row, written,
                    by_unit[(OVERALL, cells.resolve(written, entry, row, overall_col - 1).code)]["unit_code"])

    n = expected_pos - 1
    if n != entry.n_units:
        raise SourceFormatError(entry.source, entry.sheet, expected=f"{entry.n_units} ranked rows",
                                found=f"{n} ranked rows")
    for ind in found:
        units = {u for (k, u) in by_unit if k == ind}
        if len(units) != entry.n_units:
            raise SourceFormatError(entry.source, entry.sheet, column=ind,
                                    expected=f"{entry.n_units} provinces", found=len(units))
    # The published composite rank, where the sheet has one, replaces the position.
    for code, (r, row) in overall_rank.items():
        rec = by_unit.get((OVERALL, code))
        if rec is None:
            raise SourceFormatError(entry.source, entry.sheet, row, col_letter(rank_col),
                                    expected="a province that has a composite score")
        if rec["rank"] != r:
            report.issue(entry.source, entry.sheet, row, None, OVERALL, "rank_differs",
                         f"published rank {r} differs from position {rec['rank']}; published kept")
        rec["rank"] = r

    for i, row, vals in pending:
        reason = cells.non_province_reason(vals, 1)
        written = cells.text(vals[1]) or None
        if reason and reason != "row without a province name":
            report.dropped(entry.source, entry.sheet, row, written, reason)
            continue
        if reason:
            raise SourceFormatError(entry.source, entry.sheet, row, "B",
                                    expected="a blank row, a summary label or a repeated province",
                                    found=[cells.text(v) for v in vals if not cells.is_blank(v)])
        unit = cells.resolve(written, entry, row, 1)
        diffs = []
        for j, ind in value_cols.items():
            v = cells.number(vals[j], entry, row, j, ind)
            ref = by_unit[(ind, unit.code)]["value"]
            if v is not None and (ref is None or abs(v - ref) > 1e-9):
                diffs.append(f"{ind}: {v} vs ranked {ref}")
        if rank_col is not None and not cells.is_blank(vals[rank_col]):
            r = cells.rank_value(vals[rank_col], entry, row, rank_col)
            if r != by_unit[(OVERALL, unit.code)]["rank"]:
                diffs.append(f"rank: {r} vs {by_unit[(OVERALL, unit.code)]['rank']}")
        if diffs:
            report.issue(entry.source, entry.sheet, row, written, None, "conflict",
                         f"repeated {unit.name_vi} differs from its ranked rows: " + "; ".join(diffs))
        report.dropped(entry.source, entry.sheet, row, written,
                       "repeated province (same as its ranked rows)" if not diffs else
                       "repeated province (differs from its ranked rows, see issues)")
    return out
