"""The consolidated 2011-2019 workbook: one sheet per year, provinces as rows, full precision.

Row 1 holds English labels, row 2 Vietnamese labels; 63 provinces follow, then a "Highest"
row (tinhid 999) that is a summary, never a province. The 2017 sheet carries the 2016 labels
over columns that hold the official 2017 sub-dimensions (see ``catalog.RELABELLED_2017``).
"""
from __future__ import annotations

from pathlib import Path

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.io.excel import read_sheet

from parlib.sources.papi import catalog
from parlib.sources.papi.cells import UnitCheck, candidate, check_header, is_blank_row, parse_value, rel, resolve_unit

FAMILY = "consolidated"


def read(raw_dir: Path, report, years=None) -> list[dict]:
    file = catalog.CONSOLIDATED_FILE
    path = Path(raw_dir) / catalog.FOLDER / file
    out: list[dict] = []
    for year, (sheet, layout) in catalog.CONSOLIDATED_SHEETS.items():
        if years is not None and year not in years:
            continue
        out += read_year(path, year, sheet, layout, report)
    return out


def read_year(path: Path, year: int, sheet: str, layout, report) -> list[dict]:
    file = path.name
    df = read_sheet(path, sheet)
    rows = df.values.tolist()
    if len(rows) < catalog.CONSOLIDATED_HEADER_ROWS + 1:
        raise SourceFormatError(file, sheet=sheet, expected="2 header rows and province rows",
                                found=f"{len(rows)} rows")
    header = rows[0]
    n = 3 + len(layout)
    for j, exp in enumerate(catalog.CONSOLIDATED_ID_COLUMNS):
        check_header(header[j] if j < len(header) else None, exp, file=file, sheet=sheet,
                     row=1, column=exp)
    for j, (label, _code) in enumerate(layout, start=3):
        check_header(header[j] if j < len(header) else None, label, file=file, sheet=sheet,
                     row=1, column=f"column {j + 1}")
    extra = [h for h in header[n:] if h not in (None, "")]
    if extra:
        raise SourceFormatError(file, sheet=sheet, row=1, column=f"column {n + 1}",
                                expected=f"{n} columns", found=extra[0],
                                message="unexpected extra column")
    src = rel(file)
    if year == 2017:
        for label, official in catalog.RELABELLED_2017.items():
            report.issue(src, sheet, 1, None, label, "mislabelled_column",
                         f"2017 sheet reuses the 2016 label {label!r}; the values are the official "
                         f"2017 sub-dimension {official!r} (equal to PAPI_2017_eng_mdtrinh.xlsx)")
    out = []
    units = UnitCheck(file, sheet)
    for i in range(catalog.CONSOLIDATED_HEADER_ROWS, len(rows)):
        r = rows[i] + [None] * max(0, n - len(rows[i]))
        excel_row = i + 1
        tinhid, name_en, name_vi = r[0], r[1], r[2]
        written = name_vi or name_en
        if is_blank_row(r[:n]):
            report.dropped(src, sheet, excel_row, None, "blank row")
            continue
        kind = provinces.summary_label(name_en) or provinces.summary_label(name_vi)
        try:
            is_summary_id = int(float(tinhid)) in catalog.CONSOLIDATED_SUMMARY_IDS
        except (TypeError, ValueError):
            is_summary_id = False
        if kind or is_summary_id:
            report.dropped(src, sheet, excel_row, written,
                           f"summary row ({name_en or kind}), not a province")
            continue
        code = resolve_unit(written, file=file, sheet=sheet, row=excel_row, column="tentinh_vie",
                            gso_id=tinhid)
        units.add(code, written, excel_row, column="tentinh_vie")
        report.kept(src, sheet, excel_row, written, code)
        for j, (label, ind) in enumerate(layout, start=3):
            value, nd = parse_value(r[j], file=file, sheet=sheet, row=excel_row, column=label)
            out.append(candidate(family=FAMILY, precision="full", file=file, sheet=sheet,
                                 row=excel_row, unit_as_written=written, unit_code=code,
                                 year=year, indicator=ind, column=label, value=value,
                                 no_data=nd))
    units.done()
    return out
