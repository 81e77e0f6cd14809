"""The official English dimension sheets 2017-2019 (one all-dimensions sheet per year).

Headers are numbered ("1: Participation at Local Levels", "1.1: Civic Knowledge"); provinces are
rows written in ASCII English. Only the all-dimensions sheet is read: the per-dimension sheets
and the 2019 "All Dimensions" sheets repeat the same values in another order.
"""
from __future__ import annotations

from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet

from parlib.sources.papi import catalog
from parlib.sources.papi.cells import (UnitCheck, candidate, check_header, norm_label, numbered_code,
                    parse_value, province_row)

FAMILY = "dimension_sheets"


def map_numbered_header(header, expected_numbers, extra, *, file, sheet, row, first_col=1):
    """[(column index, label, indicator)] for a numbered header row; strict about the set."""
    cols, seen = [], []
    for j in range(first_col, len(header)):
        label = header[j]
        if label is None or str(label).strip() == "":
            continue
        parsed = numbered_code(label)
        if parsed:
            num, code, name = parsed
            if num not in catalog.NUMBERED_LABELS:
                raise SourceFormatError(file, sheet=sheet, row=row, column=label,
                                        expected="a known PAPI dimension number", found=label)
            check_header(name, catalog.NUMBERED_LABELS[num], file=file, sheet=sheet, row=row,
                         column=label)
            seen.append(num)
        else:
            key = {norm_label(k): v for k, v in catalog.UNNUMBERED_LABELS.items()}
            if norm_label(label) not in key or label.strip() not in extra:
                raise SourceFormatError(file, sheet=sheet, row=row, column=label,
                                        expected="a numbered dimension header or one of "
                                        + repr(extra), found=label)
            code = key[norm_label(label)]
        cols.append((j, str(label).strip(), code))
    if seen != list(expected_numbers):
        missing = [n for n in expected_numbers if n not in seen]
        raise SourceFormatError(file, sheet=sheet, row=row,
                                expected="dimensions " + ", ".join(expected_numbers),
                                found=", ".join(seen),
                                message=("missing " + ", ".join(missing)) if missing else
                                "dimension headers out of order")
    if len([c for c in cols if not numbered_code(c[1])]) != len(extra):
        raise SourceFormatError(file, sheet=sheet, row=row, expected=repr(extra),
                                found=[c[1] for c in cols if not numbered_code(c[1])])
    return cols


def read(raw_dir: Path, report, years=None) -> list[dict]:
    out = []
    for year, (file, sheet, numbers, extra) in catalog.DIMENSION_SHEETS.items():
        if years is not None and year not in years:
            continue
        df = read_sheet(Path(raw_dir) / catalog.FOLDER / file, sheet)
        rows = df.values.tolist()
        header = rows[0]
        if norm_label(header[0]) not in ("provinces", "province"):
            raise SourceFormatError(file, sheet=sheet, row=1, column="A",
                                    expected="'Provinces'", found=header[0])
        cols = map_numbered_header(header, numbers, extra, file=file, sheet=sheet, row=1)
        units = UnitCheck(file, sheet)
        for i in range(1, len(rows)):
            r = rows[i]
            excel_row = i + 1
            name = r[0]
            code = province_row(r, name, report=report, units=units, file=file, sheet=sheet,
                                row=excel_row, column="Provinces")
            if code is None:
                continue
            for j, label, ind in cols:
                value, nd = parse_value(r[j], file=file, sheet=sheet, row=excel_row,
                                        column=label)
                out.append(candidate(family=FAMILY, precision="full", file=file, sheet=sheet,
                                     row=excel_row, unit_as_written=name, unit_code=code,
                                     year=year, indicator=ind, column=label, value=value,
                                     no_data=nd))
        units.done()
    return out
