"""Layout family ``long``: one row per province and year (layout ``long_panel``): the
dimension-level panel 2020-2024, a transcribed excerpt of tunah72/papi-dashboard's
``agg_province_year.csv``, which parsed the official CECODES workbooks.

D1-D8 and the unweighted total (``total_papi`` = D1+...+D8; ``total_official`` must equal it).
The author's own columns (region, tier, province_id) are not used. Empty cells are source zeros
turned into NA upstream: no data.

2024: the upstream workbook (``2024PAPI_..._34_TinhThanh.xlsx``) was laid out for the 34 units
that exist from 1 July 2025, but it holds a distinct value for each of the 61 old provinces it
has data for (Vĩnh Phúc and Tiền Giang are missing in the source): the rows describe the old
provinces and are loaded as such (catalog option ``built_for_34_units``). The check is done, not
assumed: where every old province of a merged unit carried the same value (the new unit's value
copied), those rows would be dropped with their reason. The cleaning report says what was loaded
(metric ``old_provinces_loaded_<year>``). No source publishes PAPI ranks: ranks are computed
among every province with a value in the merge (:mod:`.merge`).
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

MERGED_REASON = ("{year} source laid out for the 34 units from 1 July 2025, and every old province "
                 "merged into {unit} carries the same value: it describes the new unit, not the old "
                 "province")


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
    # the author's rank column must be the rank of the total among the rows of its year
    for year in sorted({p[2] for p in parsed}):
        rows = [p for p in parsed if p[2] == year]
        rk, _n = _ranks({p[0]: p[4]["PAPI.total"][0] for p in rows})
        for line, rec, _y, _c, _v in rows:
            up = rec.get(rank_col, "")
            up = int(float(up)) if up not in ("", None) else None
            if up != rk.get(line):
                report.issue(src, None, line, rec[name_col], rank_col, "rank_mismatch",
                             f"source rank {up} but the total ranks {rk.get(line)}")
    copied = _copied_rows(e, parsed, report)
    out = []
    for line, rec, year, code, vals in parsed:
        if line in copied:
            report.dropped(src, None, line, rec[name_col], copied[line])
            continue
        report.kept(src, None, line, rec[name_col], code)
        for ind, (v, nd, col) in vals.items():
            out.append(candidate(family=e.layout, prio=e.priority, precision=e.precision, file=file,
                                 sheet=None, row=line, unit_as_written=rec[name_col], unit_code=code,
                                 year=year, indicator=ind, column=col, value=v, no_data=nd))
    return out


def _copied_rows(e: Entry, parsed, report) -> dict[int, str]:
    """For a year laid out for the 34 new units: the lines whose merged unit has one value copied
    onto all its old provinces (line -> reason); the metric says how many old provinces keep a
    value of their own."""
    out: dict[int, str] = {}
    years = {int(y) for y in str(e.option("built_for_34_units", "")).split("|") if y}
    merger = provinces.merger_table().set_index("old_code")
    for year in sorted(years & {p[2] for p in parsed}):
        rows = [p for p in parsed if p[2] == year]
        groups: dict[str, list] = {}
        for p in rows:
            if p[3] not in merger.index:
                raise SourceFormatError(e.file, row=p[0], column=e.option("name_col"),
                                        expected="a province in the 2025 merger table", found=p[3])
            groups.setdefault(merger.loc[p[3], "new_code"], []).append(p)
        for new, members in groups.items():
            totals = {p[4]["PAPI.total"][0] for p in members}
            if len(members) > 1 and len(totals) == 1 and None not in totals:
                for p in members:
                    out[p[0]] = MERGED_REASON.format(year=year, unit=new)
        have = [p for p in rows if p[0] not in out and p[4]["PAPI.total"][0] is not None]
        missing = [p[1][e.option("name_col")] for p in rows if p[4]["PAPI.total"][0] is None]
        report.metric(e.source, f"old_provinces_loaded_{year}", len(have),
                      f"{year} source laid out for the 34 units from 1 July 2025, but {len(have)} old "
                      f"provinces have a distinct value of their own: loaded as the old provinces "
                      f"(no data in the source for {', '.join(missing) or 'none'}; "
                      f"{len(out)} rows dropped as copies of a merged unit's value)")
    return out


READERS = {"long_panel": read_long_panel}
