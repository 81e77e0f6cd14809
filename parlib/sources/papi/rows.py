"""Layout family ``rows``: provinces as rows, one column per indicator.

Three layouts (``catalog.csv`` says which file and sheet each reads; ``column_map.csv`` which
column is which indicator):

* ``consolidated``: the 2011-2019 workbook, one sheet per year; English labels in row 1,
  Vietnamese in row 2, 63 provinces, then a "Highest" row (tinhid 999) that is a summary. The 2017
  sheet carries the 2016 labels over columns that hold the official 2017 sub-dimensions (the
  column map's ``relabelled:`` notes; each is reported).
* ``numbered``: the official English all-dimensions sheets 2017-2019 and their 2-decimal CSV
  copies 2017-2020; headers "N: name" (dimension) and "N.M: name" (sub-dimension).
* ``positioned``: the 2019 full table (weighted and unweighted PAPI with 95% CIs, dimensions,
  sub-dimensions) whose columns are found by position and checked by header.
"""
from __future__ import annotations

import csv
from pathlib import Path

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet
from parlib.sources.catalog import col_index
from parlib.sources.papi import catalog
from parlib.sources.papi.catalog import Entry
from parlib.sources.papi.cells import (UnitCheck, candidate, check_header, is_blank_row, norm_label,
                                       numbered_code, parse_value, province_row, resolve_unit)

RELABELLED = "relabelled: "


def _value(e: Entry, cell, row: int, column: str):
    return parse_value(cell, file=e.file, sheet=e.sheet, row=row, column=column)


def _cand(e: Entry, row, name, code, ind, column, value, nd, **extra):
    return candidate(family=e.layout, prio=e.priority, precision=e.precision, file=e.file,
                     sheet=e.sheet, row=row, unit_as_written=name, unit_code=code, year=e.year,
                     indicator=ind, column=column, value=value, no_data=nd, **extra)


# -- consolidated ------------------------------------------------------------------------------
def read_consolidated(e: Entry, raw_dir: Path, report) -> list[dict]:
    file, sheet = e.file, e.sheet
    rows = read_sheet(e.path(raw_dir), sheet).values.tolist()
    n_header = len(e.header_rows)
    if len(rows) < n_header + 1:
        raise SourceFormatError(file, sheet=sheet, expected="2 header rows and province rows",
                                found=f"{len(rows)} rows")
    header = rows[0]
    ids = e.option("id_columns").split("|")
    summary_ids = {int(x) for x in e.option("summary_ids", "").split("|") if x}
    layout = [(col_index(c.column), c) for c in e.values()]
    n = 1 + max(j for j, _ in layout)
    for j, exp in enumerate(ids):
        check_header(header[j] if j < len(header) else None, exp, file=file, sheet=sheet,
                     row=1, column=exp)
    for j, c in layout:
        check_header(header[j] if j < len(header) else None, c.header, file=file, sheet=sheet,
                     row=1, column=f"column {j + 1}")
    extra = [h for h in header[n:] if h not in (None, "")]
    if extra:
        raise SourceFormatError(file, sheet=sheet, row=1, column=f"column {n + 1}",
                                expected=f"{n} columns", found=extra[0],
                                message="unexpected extra column")
    src = e.source
    for _j, c in layout:
        if c.note.startswith(RELABELLED):
            report.issue(src, sheet, 1, None, c.header, "mislabelled_column",
                         f"{e.year} sheet reuses the 2016 label {c.header!r}; the values are the "
                         f"official {e.year} sub-dimension {c.note[len(RELABELLED):]!r} "
                         "(equal to PAPI_2017_eng_mdtrinh.xlsx)")
    out = []
    units = UnitCheck(file, sheet)
    for i in range(n_header, len(rows)):
        r = rows[i] + [None] * max(0, n - len(rows[i]))
        excel_row = i + 1
        tinhid, name_en, name_vi = r[0], r[1], r[2]
        written = name_vi or name_en
        if is_blank_row(r[:n]):
            report.dropped(src, sheet, excel_row, None, "blank row")
            continue
        kind = provinces.summary_label(name_en) or provinces.summary_label(name_vi)
        try:
            is_summary_id = int(float(tinhid)) in summary_ids
        except (TypeError, ValueError):
            is_summary_id = False
        if kind or is_summary_id:
            report.dropped(src, sheet, excel_row, written,
                           f"summary row ({name_en or kind}), not a province")
            continue
        code = resolve_unit(written, file=file, sheet=sheet, row=excel_row, column=ids[2],
                            gso_id=tinhid)
        units.add(code, written, excel_row, column=ids[2])
        report.kept(src, sheet, excel_row, written, code)
        for j, c in layout:
            value, nd = _value(e, r[j], excel_row, c.header)
            out.append(_cand(e, excel_row, written, code, c.indicator, c.header, value, nd))
    units.done()
    return out


# -- numbered -----------------------------------------------------------------------------------
def map_numbered_header(header, e: Entry, *, row: int = 1, first_col: int = 1):
    """[(column index, label, indicator)] for a numbered header row; strict about the set."""
    file, sheet = e.file, e.sheet
    known = catalog.numbered_labels()
    expected, extra = [], {}
    for c in e.values():
        parsed = numbered_code(c.header)
        if parsed:
            expected.append(parsed[0])
        else:
            extra[norm_label(c.header)] = c
    cols, seen = [], []
    for j in range(first_col, len(header)):
        label = header[j]
        if label is None or str(label).strip() == "":
            continue
        parsed = numbered_code(label)
        if parsed:
            num, code, name = parsed
            if num not in known:
                raise SourceFormatError(file, sheet=sheet, row=row, column=label,
                                        expected="a known PAPI dimension number", found=label)
            check_header(name, known[num], file=file, sheet=sheet, row=row, column=label)
            seen.append(num)
        else:
            if norm_label(label) not in extra:
                raise SourceFormatError(file, sheet=sheet, row=row, column=label,
                                        expected="a numbered dimension header or one of "
                                        + repr([c.header for c in extra.values()]), found=label)
            code = extra[norm_label(label)].indicator
        cols.append((j, str(label).strip(), code))
    if seen != expected:
        missing = [n for n in expected if n not in seen]
        raise SourceFormatError(file, sheet=sheet, row=row, expected="dimensions " + ", ".join(expected),
                                found=", ".join(seen),
                                message=("missing " + ", ".join(missing)) if missing else
                                "dimension headers out of order")
    found_extra = [c[1] for c in cols if not numbered_code(c[1])]
    if len(found_extra) != len(extra):
        raise SourceFormatError(file, sheet=sheet, row=row,
                                expected=repr([c.header for c in extra.values()]), found=found_extra)
    return cols


def _numbered_rows(e: Entry, raw_dir: Path) -> list[list]:
    if e.sheet is not None:
        return read_sheet(e.path(raw_dir), e.sheet).values.tolist()
    try:
        with open(e.path(raw_dir), encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceFormatError(e.file, message=f"cannot be read ({exc})",
                                expected="a UTF-8 CSV file") from None
    if not rows:
        raise SourceFormatError(e.file, expected="a header line", found="an empty file")
    return rows


def read_numbered(e: Entry, raw_dir: Path, report) -> list[dict]:
    file, sheet, is_csv = e.file, e.sheet, e.sheet is None
    rows = _numbered_rows(e, raw_dir)
    header = rows[0]
    if norm_label(header[0]) not in ("provinces", "province"):
        raise SourceFormatError(file, sheet=sheet, row=1, column=header[0] if is_csv else "A",
                                expected="'Provinces'", found=header[0])
    cols = map_numbered_header(header, e)
    out = []
    units = UnitCheck(file, sheet)
    for i in range(1, len(rows)):
        r, excel_row = rows[i], i + 1
        if is_csv:
            if is_blank_row(r):
                report.dropped(e.source, None, excel_row, None, "blank line")
                continue
            if len(r) != len(header):
                raise SourceFormatError(file, row=excel_row, expected=f"{len(header)} fields",
                                        found=f"{len(r)} fields")
        name = r[0]
        code = province_row(None if is_csv else r, name, report=report, units=units, file=file,
                            sheet=sheet, row=excel_row, column="Provinces")
        if code is None:
            continue
        for j, label, ind in cols:
            value, nd = _value(e, r[j], excel_row, label)
            out.append(_cand(e, excel_row, name, code, ind, label, value, nd))
    units.done()
    return out


# -- positioned ---------------------------------------------------------------------------------
def read_positioned(e: Entry, raw_dir: Path, report) -> list[dict]:
    file, sheet = e.file, e.sheet
    rows = read_sheet(e.path(raw_dir), sheet).values.tolist()
    header = rows[0]
    for c in e.values():
        j = col_index(c.column)
        check_header(header[j] if j < len(header) else None, c.header, file=file, sheet=sheet,
                     row=1, column=f"column {j + 1}")
    by_ind: dict[str, dict[str, tuple[int, str]]] = {}
    for c in e.values():
        by_ind.setdefault(c.indicator, {})[c.field] = (col_index(c.column), c.header)
    id_col, name_col = col_index(e.option("id_col")), col_index(e.option("name_col"))
    out = []
    units = UnitCheck(file, sheet)
    for i in range(1, len(rows)):
        r, excel_row = rows[i], i + 1
        name = r[name_col]
        code = province_row(r, name, report=report, units=units, file=file, sheet=sheet,
                            row=excel_row, column=header[name_col], gso_id=r[id_col])
        if code is None:
            continue
        for ind, fields in by_ind.items():
            j, label = fields["value"]
            value, nd = _value(e, r[j], excel_row, label)
            ci = {}
            for fld in ("ci_low", "ci_high"):
                if fld in fields:
                    k, lab = fields[fld]
                    ci[fld], _ = _value(e, r[k], excel_row, lab)
            out.append(_cand(e, excel_row, name, code, ind, label, value, nd, **ci))
    units.done()
    return out


READERS = {"consolidated": read_consolidated, "numbered": read_numbered,
           "positioned": read_positioned}
