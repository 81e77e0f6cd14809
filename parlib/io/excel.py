"""Reading spreadsheet cells: python-calamine first (fast, xls and xlsx), openpyxl/xlrd as fallback.

Errors name the file and sheet; a missing sheet lists the sheets the workbook has.
"""
from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from parlib.errors import SourceFormatError

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def label(path) -> str:
    """How errors name a file: its folder and name ("pci/PCI_2019_vcci_mdtrinh.xlsx"), the way the
    readers name raw files -- never an absolute path (messages end up in logs and reports)."""
    path = Path(path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _check(path: Path):
    path = Path(path)
    if not path.exists():
        raise SourceFormatError(label(path), message="file not found", expected="an existing file")
    if path.stat().st_size == 0:
        raise SourceFormatError(label(path), message="the file is empty", expected="a workbook")
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        raise SourceFormatError(label(path), expected="a workbook (" + ", ".join(sorted(EXCEL_SUFFIXES)) + ")",
                                found=path.suffix)
    return path


@lru_cache(maxsize=64)
def _workbook(path: str, mtime: float):
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(path)


def _open(path: Path):
    from parlib.io.limits import check_workbook

    path = _check(path)
    check_workbook(path, label(path))  # file size and zip bomb: before calamine sees the file
    try:
        return _workbook(str(path), path.stat().st_mtime)
    except Exception as exc:  # calamine raises its own error types for corrupt files
        raise SourceFormatError(label(path), message=f"cannot be read as a workbook ({type(exc).__name__}: {exc})",
                                expected="a valid .xlsx/.xls workbook") from None


def sheet_names(path) -> list[str]:
    return list(_open(Path(path)).sheet_names)


def read_sheet(path, sheet, nrows: int | None = None):
    """All cells of one sheet as a DataFrame (header=None, 0-based row index = Excel row - 1).

    Cells keep their Python types (str, float, int, bool, datetime, or None for empty).
    ``sheet`` is a name or a 0-based position.
    """
    import pandas as pd

    path = Path(path)
    wb = _open(path)
    names = list(wb.sheet_names)
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise SourceFormatError(label(path), sheet=sheet, expected=f"a sheet position below {len(names)}",
                                    found=sheet)
        name = names[sheet]
    else:
        if sheet not in names:
            raise SourceFormatError(label(path), sheet=sheet, message="no such sheet",
                                    expected="one of " + ", ".join(repr(n) for n in names))
        name = sheet
    from parlib.io.limits import check_workbook

    check_workbook(path, label(path), name)  # the cells holding a value must fit the bounds
    try:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False, nrows=nrows)
    except Exception as exc:
        try:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                rows = _repaired(str(path), path.stat().st_mtime).get_sheet_by_name(name).to_python(
                    skip_empty_area=False, nrows=nrows)
            else:
                return _fallback(path, name, nrows)
        except Exception:
            try:
                return _fallback(path, name, nrows)
            except Exception:
                raise SourceFormatError(label(path), sheet=name,
                                        message=f"the sheet cannot be read ({type(exc).__name__}: {exc})",
                                        expected="a valid .xlsx/.xls workbook") from None
    width = max((len(r) for r in rows), default=0)
    rows = [[None if c == "" else c for c in r] + [None] * (width - len(r)) for r in rows]
    _check_fields(rows, label(path), name)
    return pd.DataFrame(rows, dtype=object)


def _check_fields(rows, file, sheet):
    from parlib.io.limits import FIELD_KB, check_field

    limit = FIELD_KB.bytes()
    for i, r in enumerate(rows, start=1):
        for j, c in enumerate(r, start=1):
            if isinstance(c, str) and len(c) > limit:
                from parlib.io.limits import col_letters

                check_field(c, file, sheet=sheet, row=i, column=col_letters(j))


_ROW_ONLY_DIMENSION = re.compile(rb'<dimension ref="[0-9]+:[0-9]+"\s*/>')


@lru_cache(maxsize=8)
def _repaired(path: str, mtime: float):
    """Some VCCI workbooks declare a row-only sheet dimension ("1:69") that calamine rejects.
    The dimension element is only a hint: drop it (in memory) and let calamine read the cells."""
    from python_calamine import CalamineWorkbook

    buf = io.BytesIO()
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/") and item.filename.endswith(".xml"):
                data = _ROW_ONLY_DIMENSION.sub(b"", data, count=1)
            zout.writestr(item.filename, data)
    buf.seek(0)
    return CalamineWorkbook.from_filelike(buf)


def _fallback(path: Path, sheet: str, nrows):
    import pandas as pd

    engine = "xlrd" if path.suffix.lower() == ".xls" else "openpyxl"
    df = pd.read_excel(path, sheet_name=sheet, header=None, engine=engine, nrows=nrows, dtype=object)
    return df.astype(object).where(df.notna(), None)
