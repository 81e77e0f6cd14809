"""Layout family ``columns``: indicators as rows, provinces as columns (the full indicator tables
2018 and 2019, layout ``indicator_rows``).

Only the index rows (weighted/unweighted PAPI with their 95% CI bounds), the dimension rows
("Chỉ số nội dung N: ...") and the sub-dimension rows ("N.M: ...") are loaded, found by their
label pattern; the column map lists the indicators each table must hold. The ~120 indicator rows
beneath them are not part of the panel. "KCDL" (không có dữ liệu) and blank cells are no data.
Each province column is logged once in the cleaning report, at the Excel row that holds its name.
"""
from __future__ import annotations

import re
from pathlib import Path

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet
from parlib.sources.catalog import col_index, col_letter
from parlib.sources.papi.catalog import Entry
from parlib.sources.papi.cells import UnitCheck, candidate, parse_value, resolve_unit

_INDEX = re.compile(r"^Chỉ số PAPI.*?\((không có|có) trọng số\)\s*(.*)$")
_DIM = re.compile(r"^Chỉ số nội dung\s*(\d)\s*:")
_SUB = re.compile(r"^(\d)\.(\d)\s*:")


def classify(label):
    """(indicator, field) of a row label, or None for rows not loaded (indicators, notes)."""
    text = " ".join(str(label or "").split())
    m = _INDEX.match(text)
    if m:
        ind = "PAPI.total" if m.group(1) == "không có" else "PAPI.total_weighted"
        rest = m.group(2).lower()
        if not rest:
            return ind, "value"
        if "tối thiểu" in rest:
            return ind, "ci_low"
        if "tối đa" in rest:
            return ind, "ci_high"
        if "sai số" in rest:
            return None  # standard error: not a panel column
        raise SourceFormatError("", message=f"unknown index row {text!r}")
    m = _DIM.match(text)
    if m:
        return f"PAPI.d{m.group(1)}", "value"
    m = _SUB.match(text)
    if m:
        return f"PAPI.d{m.group(1)}_{m.group(2)}", "value"
    return None


def _row_index(rows, e: Entry, name_row: int) -> dict[tuple[str, str], int]:
    """(indicator, field) -> 0-based row, checked against the indicators the column map expects."""
    file, sheet = e.file, e.sheet
    expected = [c.indicator for c in e.values()]
    where: dict[tuple[str, str], int] = {}
    for i, r in enumerate(rows):
        if i <= name_row:
            continue
        try:
            c = classify(r[0])
        except SourceFormatError as exc:
            raise SourceFormatError(file, sheet=sheet, row=i + 1, column="A",
                                    message=str(exc).lstrip(": ")) from None
        if c is None:
            continue
        if c in where:
            raise SourceFormatError(file, sheet=sheet, row=i + 1, column="A",
                                    expected=f"one row for {c[0]} ({c[1]})", found=r[0],
                                    message=f"duplicate of row {where[c] + 1}")
        where[c] = i
    found = [k[0] for k in where if k[1] == "value"]
    if sorted(found) != sorted(expected):
        missing = sorted(set(expected) - set(found))
        extra = sorted(set(found) - set(expected))
        raise SourceFormatError(file, sheet=sheet, column="A",
                                expected="rows for " + ", ".join(expected),
                                found=f"missing {missing}, unexpected {extra}")
    return where


def read_indicator_rows(e: Entry, raw_dir: Path, report) -> list[dict]:
    file, sheet = e.file, e.sheet
    rows = read_sheet(e.path(raw_dir), sheet).values.tolist()
    name_row = int(e.option("name_row")) - 1
    code_row = int(e.option("code_row")) - 1 if e.option("code_row") else None
    names = rows[name_row]
    ids = rows[code_row] if code_row is not None else None
    where = _row_index(rows, e, name_row)
    src = e.source
    out = []
    last = max((j for j, v in enumerate(names) if v not in (None, "")), default=-1)
    units = UnitCheck(file, sheet, what="column")
    for j in range(col_index(e.option("first_col")), last + 1):
        name = names[j]
        col = col_letter(j)
        if name in (None, ""):
            raise SourceFormatError(file, sheet=sheet, row=name_row + 1, column=col,
                                    expected="a province name", found=name)
        if provinces.summary_label(name):
            report.dropped(src, sheet, name_row + 1, name, f"summary column ({name}), not a province")
            continue
        code = resolve_unit(name, file=file, sheet=sheet, row=name_row + 1, column=col,
                            gso_id=ids[j] if ids is not None else None)
        units.add(code, name, name_row + 1, column=col, where=col)
        report.kept(src, sheet, name_row + 1, name, code)
        for c in e.values():
            ind = c.indicator
            i = where[(ind, "value")]
            value, nd = parse_value(rows[i][j], file=file, sheet=sheet, row=i + 1, column=col)
            ci = {}
            for fld in ("ci_low", "ci_high"):
                if (ind, fld) in where:
                    k = where[(ind, fld)]
                    ci[fld], _ = parse_value(rows[k][j], file=file, sheet=sheet, row=k + 1, column=col)
            out.append(candidate(family=e.layout, prio=e.priority, precision=e.precision, file=file,
                                 sheet=sheet, row=i + 1, unit_as_written=name, unit_code=code,
                                 year=e.year, indicator=ind,
                                 column=f"{col} ({str(rows[i][0]).strip()[:60]})",
                                 value=value, no_data=nd, **ci))
    units.done()
    return out


READERS = {"indicator_rows": read_indicator_rows}
