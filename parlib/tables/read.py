"""Reading a table file into a grid of cells: Excel workbooks (calamine) and CSVs in any of the
encodings and separators Vietnamese spreadsheets write (UTF-8 with or without BOM, UTF-16,
semicolon separator with decimal comma; Windows-1258 only with an explicit ``encoding``)."""
from __future__ import annotations

from pathlib import Path

from parlib.errors import ParameterError, SourceFormatError


def read_table(path, sheet=None, encoding: str | None = None):
    """(cells DataFrame of objects, sheet label or None). Row i is line/Excel row i+1."""
    import pandas as pd

    from parlib.io.excel import EXCEL_SUFFIXES, read_sheet, sheet_names

    path = Path(path)
    if not path.exists():
        raise SourceFormatError(path.name, message="file not found", expected="an existing .xlsx/.xls/.csv file")
    if path.stat().st_size == 0:
        raise SourceFormatError(path.name, message="the file is empty", expected="a table")
    from parlib.io.limits import check_file_size

    check_file_size(path, path.name)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        names = sheet_names(path)
        if sheet is None:
            name = names[0]
        elif str(sheet).isdigit() and str(sheet) not in names:
            pos = int(sheet)
            if not 0 <= pos < len(names):
                raise SourceFormatError(path.name, sheet=sheet, message="no such sheet",
                                        expected="one of " + ", ".join(repr(n) for n in names))
            name = names[pos]
        else:
            name = str(sheet)
        try:
            df = read_sheet(path, name)
        except SourceFormatError as exc:
            raise SourceFormatError(path.name, sheet=name, message=str(exc).split(":", 1)[-1].strip()) from None
        return df, name
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise ParameterError("sheet", sheet, hint="a CSV file has no sheets")
        text = decode_bytes(path.read_bytes(), path.name, encoding)
        rows = parse_csv_text(text, path.name)
        width = max((len(r) for r in rows), default=0)
        from parlib.io.limits import check_cells

        check_cells(len(rows), width, path.name)  # before padding every row to the widest
        rows = [[(c if c.strip() != "" else None) for c in r] + [None] * (width - len(r)) for r in rows]
        return pd.DataFrame(rows, dtype=object), None
    raise SourceFormatError(path.name, expected="an Excel workbook (.xlsx, .xls) or a CSV file", found=path.suffix)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    import unicodedata

    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise SourceFormatError(name, message=f"cannot be decoded as {encoding} ({exc})",
                                    expected="a file in the given encoding") from None
        return unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            name, message=f"is not valid UTF-8 (byte {exc.start}); it looks like a legacy encoding such as "
            "Windows-1258. Re-save it as 'CSV UTF-8', or pass --encoding cp1258",
            expected="UTF-8 (with or without BOM) or UTF-16") from None
    if "\x00" in text:
        raise SourceFormatError(name, message="contains NUL characters (UTF-16 without a BOM?); pass --encoding utf-16-le",
                                expected="UTF-8 or UTF-16 with BOM")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def parse_csv_text(text: str, name: str = "the CSV") -> list[list[str]]:
    """Rows of a CSV, with the separator (';', tab or ',') guessed from the lines."""
    from parlib.io.csvread import parse_rows  # bounded fields: one-line error naming file and row

    lines = [ln for ln in text.splitlines() if ln.strip()]
    best, best_score = ",", -1.0
    for sep in (";", "\t", ","):
        counts = sorted(len(r) for r in parse_rows("\n".join(lines[:60]), name, delimiter=sep))
        if not counts:
            continue
        med = counts[len(counts) // 2]
        score = med + (0.5 if sep == ";" else 0.25 if sep == "\t" else 0)
        if med > 1 and score > best_score:
            best, best_score = sep, score
    return parse_rows(text, name, delimiter=best)
