"""Resource bounds for every file parlib reads (raw sources and user imports).

A hostile or careless file must cost a bounded amount of memory and time, and be refused with one
line that names the file, the limit and how to raise it. Each bound is checked *before* the file
is handed to a parser, and again while reading:

============================  ======================  =========  ====================================
bound                         environment variable    default    checked
============================  ======================  =========  ====================================
file size                     ``PARLIB_MAX_FILE_MB``  100 MB     before opening (any file)
unpacked size of a workbook   ``PARLIB_MAX_UNPACKED_MB`` 300 MB  zip directory, then while streaming
compression ratio of a part   ``PARLIB_MAX_ZIP_RATIO``   200     zip directory (parts over 1 MB)
sheet rows                    ``PARLIB_MAX_ROWS``     200000     last row holding a value
sheet columns                 ``PARLIB_MAX_COLUMNS``  2000       last column holding a value
sheet cells (rows x columns)  ``PARLIB_MAX_CELLS``    10 million the table a reader would allocate
field length                  ``PARLIB_MAX_FIELD_KB`` 128 KB     CSV fields and sheet cells
units per import              ``PARLIB_MAX_UNITS``    5000       ``parlib import``
============================  ======================  =========  ====================================

Rows and columns are counted from the cells that hold a value (``<v>``, ``<is>`` or ``<f>``) in the
sheet's XML, never from the declared ``<dimension>`` or from styled empty cells: a 2 KB workbook
with one stray value at ``XFD1048576`` would otherwise make the spreadsheet reader allocate its
whole used range (hundreds of gigabytes). See :func:`check_workbook`.
"""
from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parlib.errors import SourceFormatError


@dataclass(frozen=True)
class Limit:
    name: str
    env: str
    default: int
    unit: str = ""       # "MB", "KB" or "" (a count)

    def value(self) -> int:
        raw = os.environ.get(self.env, "").strip()
        if raw:
            try:
                v = float(raw)
            except ValueError:
                v = -1
            if v > 0:
                return int(v)
            from parlib.errors import ParameterError

            raise ParameterError(self.env, raw, hint="a positive number")
        return self.default

    def bytes(self) -> int:
        return self.value() * {"MB": 1 << 20, "KB": 1 << 10}.get(self.unit, 1)

    def shown(self) -> str:
        return f"{self.value()}{(' ' + self.unit) if self.unit else ''}"

    def refuse(self, file, found, *, sheet=None, row=None, column=None) -> SourceFormatError:
        """The one-line refusal: names the file, the limit and how to raise it."""
        return SourceFormatError(file, sheet=sheet, row=row, column=column,
                                 message=f"{found}, over the {self.name} limit of {self.shown()} "
                                 f"(raise it with the environment variable {self.env})")


FILE_MB = Limit("file size", "PARLIB_MAX_FILE_MB", 100, "MB")
UNPACKED_MB = Limit("unpacked size", "PARLIB_MAX_UNPACKED_MB", 300, "MB")
ZIP_RATIO = Limit("compression ratio", "PARLIB_MAX_ZIP_RATIO", 200)
ROWS = Limit("sheet rows", "PARLIB_MAX_ROWS", 200_000)
COLUMNS = Limit("sheet columns", "PARLIB_MAX_COLUMNS", 2_000)
FIELD_KB = Limit("field length", "PARLIB_MAX_FIELD_KB", 128, "KB")
CELLS = Limit("sheet cells (rows x columns)", "PARLIB_MAX_CELLS", 10_000_000)
UNITS = Limit("units per import", "PARLIB_MAX_UNITS", 5_000)
RATIO_MIN_PART = 1 << 20   # parts smaller than this are not ratio-checked (tiny XML compresses well)


def _mb(n: int) -> str:
    return f"{n / (1 << 20):.1f} MB"


def check_file_size(path, name: str | None = None) -> int:
    """The file's size in bytes; refused over PARLIB_MAX_FILE_MB (before anything is read)."""
    path = Path(path)
    size = path.stat().st_size
    if size > FILE_MB.bytes():
        raise FILE_MB.refuse(name or path.name, f"the file has {_mb(size)}")
    return size


def check_units(n: int, file, sheet=None, row=None):
    if n > UNITS.value():
        raise UNITS.refuse(file, f"{n} units in the table", sheet=sheet, row=row)


def check_cells(rows: int, columns: int, file, sheet=None):
    """The table a reader would allocate (rows x columns) within PARLIB_MAX_CELLS."""
    if rows * columns > CELLS.value():
        raise CELLS.refuse(file, f"{rows} rows x {columns} columns = {rows * columns} cells", sheet=sheet)


def check_field(value, file, *, sheet=None, row=None, column=None):
    if isinstance(value, str) and len(value) > FIELD_KB.bytes():
        raise FIELD_KB.refuse(file, f"a field of {len(value) // 1024} KB", sheet=sheet, row=row,
                              column=column)


# ----------------------------------------------------------------------------- workbooks (zip)

_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
_RATTR = re.compile(rb"\br=\"([A-Za-z]{0,3})(\d+)\"")
_CHUNK = 1 << 20


def col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


@dataclass(frozen=True)
class SheetExtent:
    rows: int        # last row holding a value (1-based; 0 = empty sheet)
    columns: int     # last column holding a value
    cell: str        # the reference of the farthest cell ("XFD1048576")


_FAR = re.compile(rb'<c r="(?:[A-Za-z]{3}|[A-Za-z]{1,2}\d{5})')   # column >= AAA or row >= 10000
FAST_ROWS, FAST_COLUMNS = 9_999, 26 * 27                # what the fast pass can vouch for


def _chunks(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, sheet: str, budget: list[int]):
    """The part's unpacked bytes in chunks cut before a ``<`` (no tag is split), counting the
    real decompressed bytes against ``budget`` whatever the zip directory claims."""
    tail = b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise UNPACKED_MB.refuse(file, "the workbook unpacks to more", sheet=sheet)
            data = tail + chunk
            cut = data.rfind(b"<")
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            yield data
    if tail:
        yield tail


def _fast_ok(zf, info, file, sheet, budget) -> tuple[bool, bool]:
    """(within bounds, every cell carries its reference first). Within bounds: every cell starts
    ``<c r="..."`` and none lies at column AAA or beyond or at row 10000 or beyond (C-speed
    searches only)."""
    near = (ROWS.value() >= FAST_ROWS and COLUMNS.value() >= FAST_COLUMNS
            and CELLS.value() >= FAST_ROWS * FAST_COLUMNS)
    refs = True
    for data in _chunks(zf, info, file, sheet, budget):
        refs = (refs and data.count(b"<c ") + data.count(b"<c>") == data.count(b'<c r="')
                and b":c " not in data and b":c>" not in data)   # prefixed tags: the precise scan
        near = near and refs and not _FAR.search(data)
    return near, refs


_VALUED = re.compile(rb'<c r="([A-Za-z]{1,3})(\d+)"[^>/]*>(?!</c>)')   # not <c .../>, not <c ...></c>


def _scan_refs(zf, info, file, sheet, budget) -> SheetExtent:
    """Extent of the valued cells when every cell carries its reference (one regex match per
    valued cell; styled empty cells are skipped by the regex itself)."""
    max_r = max_c = 0
    far = ""
    for data in _chunks(zf, info, file, sheet, budget):
        for m in _VALUED.finditer(data):
            r, c = int(m.group(2)), col_number(m.group(1).decode())
            if r > max_r or c > max_c:
                max_r, max_c = max(r, max_r), max(c, max_c)
                far = (m.group(1) + m.group(2)).decode()
    return SheetExtent(max_r, max_c, far)


def _scan_sheet(zf: zipfile.ZipFile, info: zipfile.ZipInfo, file: str, sheet: str,
                budget: list[int]) -> SheetExtent | None:
    """The extent of the cells that hold a value in one sheet part (None: the fast pass found
    the sheet within bounds). Styled empty cells (``<c r="A1" s="3"/>``) are not values."""
    near, refs = _fast_ok(zf, info, file, sheet, budget)
    if near:
        return None
    if refs:
        return _scan_refs(zf, info, file, sheet, budget)
    max_r = max_c = 0
    far = ""
    row = col = 0                          # position of the previous cell (cells may omit r=)
    for data in _chunks(zf, info, file, sheet, budget):
        for m in _TAG.finditer(data):
            ref = _RATTR.search(m.group(2))
            if m.group(1) == b"row":
                row, col = (int(ref.group(2)) if ref else row + 1), 0
                continue
            if ref is not None and ref.group(1):
                row, col = int(ref.group(2)), col_number(ref.group(1).decode())
            else:
                col += 1
            if m.group(3) or data.startswith(b"</", m.end()):
                continue                    # <c r="A1" s="3"/> or <c ...></c>: styled, no value
            if row > max_r or col > max_c:
                max_r, max_c = max(row, max_r), max(col, max_c)
                far = f"{col_letters(col)}{row}"
    return SheetExtent(max_r, max_c, far)


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """{sheet name: part name} from the workbook's own index (workbook.xml and its rels)."""
    import xml.etree.ElementTree as ET

    try:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    targets = {}
    for rel in rels:
        t = rel.get("Target", "")
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        targets[rel.get("Id")] = os.path.normpath(t).replace(os.sep, "/")
    out = {}
    for el in wb.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                out[el.get("name")] = targets[rid]
    return out


@lru_cache(maxsize=64)
def _workbook_extents(path: str, mtime: float, file: str, bounds: tuple = ()) -> dict[str, SheetExtent | None]:
    """(``bounds``: the limits in force, part of the cache key.)"""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return {}   # not a zip: the workbook reader gives its own error
    with zf:
        infos = zf.infolist()
        declared = sum(i.file_size for i in infos)
        if declared > UNPACKED_MB.bytes():
            raise UNPACKED_MB.refuse(file, f"the workbook unpacks to {_mb(declared)}")
        for i in infos:
            if i.file_size > RATIO_MIN_PART and i.file_size > ZIP_RATIO.value() * max(i.compress_size, 1):
                ratio = i.file_size // max(i.compress_size, 1)
                raise ZIP_RATIO.refuse(file, f"the part {i.filename} is compressed {ratio}:1 "
                                       f"({_mb(i.compress_size)} unpacking to {_mb(i.file_size)}; a zip bomb?)")
        budget = [UNPACKED_MB.bytes()]
        by_part = {v: k for k, v in _sheet_parts(zf).items()}
        out = {}
        for i in infos:
            if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml"):
                sheet = by_part.get(i.filename, i.filename.rsplit("/", 1)[-1])
                try:
                    out[sheet] = _scan_sheet(zf, i, file, sheet, budget)
                except (zipfile.BadZipFile, EOFError, OSError) as exc:  # e.g. sizes the directory lies about
                    raise SourceFormatError(file, sheet=sheet, message=f"the workbook is damaged ({exc})",
                                            expected="a valid .xlsx workbook") from None
        return out


def check_workbook(path, file: str, sheet: str | None = None) -> dict[str, SheetExtent | None]:
    """Refuse a workbook over the size bounds, or the sheet ``sheet`` (none if None) whose cells
    holding a value reach beyond PARLIB_MAX_ROWS / PARLIB_MAX_COLUMNS. Returns the extents
    measured (xlsx/xlsm only; other formats get the file-size bound)."""
    path = Path(path)
    check_file_size(path, file)
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods"):  # zip containers (.ods: sizes only)
        return {}
    bounds = tuple(x.value() for x in (UNPACKED_MB, ZIP_RATIO, ROWS, COLUMNS, CELLS))
    extents = _workbook_extents(str(path), path.stat().st_mtime, file, bounds)
    for name, ext in extents.items():
        if name != sheet or ext is None:
            continue
        if ext.rows > ROWS.value():
            raise ROWS.refuse(file, f"a value in cell {ext.cell} (row {ext.rows})", sheet=name)
        if ext.columns > COLUMNS.value():
            raise COLUMNS.refuse(file, f"a value in cell {ext.cell} (column {ext.columns})", sheet=name)
        check_cells(ext.rows, ext.columns, file, sheet=name)
    return extents
