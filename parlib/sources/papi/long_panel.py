"""Layout family ``long``: one row per province and year (layout ``long_panel``): the
dimension-level panel 2020-2024, a transcribed excerpt of tunah72/papi-dashboard's
``agg_province_year.csv``, which parsed the official CECODES workbooks.

D1-D8 and the unweighted total (``total_papi`` = D1+...+D8; ``total_official`` must equal it).
The author's own columns (region, tier, province_id) are not used. Empty cells are source zeros
turned into NA upstream: no data.

2024: the upstream workbook (``2024PAPI_..._34_TinhThanh.xlsx``) was built for the 34 units that
exist from 1 July 2025. A row is kept only where the province's 34-unit is that province alone
(merger table, ``n_old_merged == 1``), because only there does a value for the new unit
necessarily describe the old province too; every other 2024 row is dropped with its reason.
Ranks for 2024 are computed over all rows of the source year before that filter (rank among the
provinces the source ranks), so a kept province keeps its place in the published ordering.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.panel.ranks import competition
from parlib.sources.papi.catalog import Entry
from parlib.sources.papi.cells import UnitCheck, candidate, is_blank_row, parse_value, resolve_unit

MERGED_REASON = ("{year} source built for the 34 units from 1 July 2025: the province was merged "
                 "with others, so the row cannot be taken to describe the old province alone")


def _ranks(values: dict[int, float | None]) -> tuple[dict[int, int], int]:
    """Competition ranks (1 = highest) of the non-missing values, and how many were ranked."""
    s = competition(pd.Series(values, dtype="float64"))
    have = s.dropna()
    return {int(k): int(v) for k, v in have.items()}, len(have)


def _lines(e: Entry, raw_dir: Path):
    try:
        with open(e.path(raw_dir), encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            return reader.fieldnames or [], list(reader)
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceFormatError(e.file, message=f"cannot be read ({exc})",
                                expected="a UTF-8 CSV file") from None


def _parse(e: Entry, lines, report, years):
    """(line, rec, year, code, {indicator: (value, no_data, column)}) per kept source line."""
    file, src = e.file, e.source
    name_col, year_col = e.option("name_col"), e.option("year_col")
    check_a, check_b = e.option("check_equal").split("|")
    lo, hi = e.years[0], e.years[-1]
    parsed, units = [], {}
    for line, rec in enumerate(lines, start=2):
        if is_blank_row(rec.values()):
            report.dropped(src, None, line, None, "blank line")
            continue
        try:
            year = int(rec[year_col])
        except (TypeError, ValueError):
            raise SourceFormatError(file, row=line, column=year_col, expected="a year",
                                    found=rec[year_col]) from None
        if not lo <= year <= hi:
            raise SourceFormatError(file, row=line, column=year_col, expected=f"a year in {lo}-{hi}",
                                    found=year)
        name = rec[name_col]
        if years is not None and year not in years:
            continue
        code = resolve_unit(name, file=file, sheet=None, row=line, column=name_col)
        units.setdefault(year, UnitCheck(file)).add(code, name, line, column=name_col)
        vals = {}
        for c in e.values():
            v, nd = parse_value(rec[c.column], file=file, sheet=None, row=line, column=c.column)
            vals[c.indicator] = (v, nd, c.column)
        va, _ = parse_value(rec[check_a], file=file, sheet=None, row=line, column=check_a)
        vb, _ = parse_value(rec[check_b], file=file, sheet=None, row=line, column=check_b)
        if (va is None) != (vb is None) or (va is not None and abs(va - vb) > 1e-4):
            report.issue(src, None, line, name, check_b, "source_disagreement",
                         f"{check_a}={va} but {check_b}={vb} in the same row")
        parsed.append((line, rec, year, code, vals))
    for year in sorted(units):
        units[year].done(f" for {year}")
    return parsed


def read_long_panel(e: Entry, raw_dir: Path, report, years=None) -> list[dict]:
    file, src = e.file, e.source
    fields, lines = _lines(e, raw_dir)
    required = [c.column for c in e.columns]
    missing = [c for c in dict.fromkeys(required) if c not in fields]
    if missing:
        raise SourceFormatError(file, row=1, column=missing[0],
                                expected="columns " + ", ".join(dict.fromkeys(required)),
                                found=", ".join(fields))
    parsed = _parse(e, lines, report, years)
    name_col, rank_col = e.option("name_col"), e.option("rank_col")
    merged_year = int(e.option("merged_scheme_year", 0)) or None
    # ranks per year and indicator over every row of the source year
    ranks: dict[tuple[int, str], tuple[dict[int, int], int]] = {}
    for year in sorted({p[2] for p in parsed}):
        rows = [p for p in parsed if p[2] == year]
        for c in e.values():
            ranks[(year, c.indicator)] = _ranks({p[0]: p[4][c.indicator][0] for p in rows})
        rk, _n = ranks[(year, "PAPI.total")]  # the upstream rank of the total must be its rank
        for line, rec, _y, _c, _v in rows:
            up = rec.get(rank_col, "")
            up = int(float(up)) if up not in ("", None) else None
            if up != rk.get(line):
                report.issue(src, None, line, rec[name_col], rank_col, "rank_mismatch",
                             f"source rank {up} but the total ranks {rk.get(line)}")
    merger = provinces.merger_table().set_index("old_code")
    out = []
    for line, rec, year, code, vals in parsed:
        name = rec[name_col]
        if year == merged_year:
            m = merger.loc[code] if code in merger.index else None
            if m is None:
                raise SourceFormatError(file, row=line, column=name_col,
                                        expected="a province in the 2025 merger table", found=name)
            if int(m["n_old_merged"]) != 1:
                report.dropped(src, None, line, name, MERGED_REASON.format(year=year))
                continue
        report.kept(src, None, line, name, code)
        for ind, (v, nd, col) in vals.items():
            rk, n = ranks[(year, ind)]
            keep_rank = year == merged_year
            out.append(candidate(family=e.layout, prio=e.priority, precision=e.precision, file=file,
                                 sheet=None, row=line, unit_as_written=name, unit_code=code,
                                 year=year, indicator=ind, column=col, value=v, no_data=nd,
                                 rank=rk.get(line) if keep_rank else None,
                                 rank_of=n if keep_rank and line in rk else None))
    return out


READERS = {"long_panel": read_long_panel}
