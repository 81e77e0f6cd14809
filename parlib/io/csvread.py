"""Reading CSV files whatever their encoding, with errors that name the file and the line.

Raw and imported CSVs come as UTF-8 (with or without BOM) and sometimes as UTF-16 (Excel's
"Unicode text") -- both are read. Anything else (a Vietnamese Windows-1258 or VNI export, a
binary file renamed .csv) is a :class:`~parlib.errors.SourceFormatError` that says where the first
undecodable byte is and how to fix the file; a legacy encoding is never guessed, because a wrong
guess silently garbles the province names.

>>> from parlib.io.csvread import read_dicts               # doctest: +SKIP
>>> fields, rows = read_dicts(raw / "sipas/sipas_published_facts.csv", "sipas/sipas_published_facts.csv")
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from parlib.errors import SourceFormatError

EXPECTED = "a CSV in UTF-8 (with or without BOM) or UTF-16 with BOM"
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def label(path) -> str:
    path = Path(path)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def detect_encoding(data: bytes) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return "utf-8"


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a CSV file's bytes (BOM removed); SourceFormatError naming ``name`` and the
    line of the first byte that does not decode."""
    enc = encoding or detect_encoding(data)
    try:
        text = data.decode(enc)
    except LookupError:
        raise SourceFormatError(name, message=f"unknown encoding {encoding!r}",
                                expected="a Python codec name such as utf-8, utf-16, cp1258") from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding:
            hint = f"is not valid {encoding}"
        elif enc == "utf-8" and data[1:200:2].count(0) > 20:
            hint = "looks like UTF-16 without a byte-order mark; re-save it as 'CSV UTF-8'"
        else:
            hint = (f"is not {enc.upper().replace('-SIG', '')}: byte 0x{data[exc.start]:02x} cannot be "
                    "decoded; it looks like a legacy encoding such as Windows-1258 (cp1258) or VNI. "
                    "Re-save it as 'CSV UTF-8'")
        raise SourceFormatError(name, row=line, message=hint,
                                expected=encoding and f"text in {encoding}" or EXPECTED) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise SourceFormatError(name, row=line, message="contains NUL characters (a binary file, or "
                                "UTF-16 without a byte-order mark?)", expected=EXPECTED)
    return text


def read_text(path, name: str | None = None, encoding: str | None = None) -> str:
    path = Path(path)
    name = name or label(path)
    try:
        from parlib.io.limits import check_file_size

        check_file_size(path, name)
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceFormatError(name, message="file not found", expected="an existing CSV file") from None
    except OSError as exc:
        raise SourceFormatError(name, message=f"cannot be read ({exc.strerror})",
                                expected="a readable CSV file") from None
    text = decode(data, name, encoding) if data.strip() else ""
    if not text.strip():
        raise SourceFormatError(name, message="the file is empty", expected="a header line and data lines")
    return text


def parse_rows(text: str, name: str, delimiter: str = ",") -> list[list[str]]:
    """The rows of CSV text. A field longer than PARLIB_MAX_FIELD_KB or malformed CSV is a
    SourceFormatError naming ``name`` and the line (never the csv module's bare error)."""
    from parlib.io.limits import FIELD_KB

    limit = FIELD_KB.bytes()
    csv.field_size_limit(limit + 1)   # one more: a field of exactly the limit is allowed
    rows, reader = [], csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for r in reader:
            rows.append(r)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FIELD_KB.refuse(name, "a field longer than the limit", row=reader.line_num) from None
        raise SourceFormatError(name, row=reader.line_num, message=f"malformed CSV ({exc})",
                                expected=EXPECTED) from None
    return rows


def read_rows(path, name: str | None = None, encoding: str | None = None,
              delimiter: str = ",") -> list[list[str]]:
    """Every line of the CSV as a list of strings (line 1 = the header)."""
    name = name or label(path)
    return parse_rows(read_text(path, name, encoding), name, delimiter)


def read_dicts(path, name: str | None = None, encoding: str | None = None,
               required=()) -> tuple[list[str], list[dict]]:
    """(header fields, one dict per data line) like ``csv.DictReader`` (empty lines skipped, short
    lines padded with ""); the ``required`` columns must be in the header, and no line may have
    more fields than the header."""
    name = name or label(path)
    rows = read_rows(path, name, encoding)
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        raise SourceFormatError(name, row=1, column=missing[0], message="column missing",
                                expected="columns " + ", ".join(required), found=", ".join(header))
    out = []
    for i, r in enumerate(rows[1:], start=2):
        if not r:  # an empty line (csv.DictReader skips them too)
            continue
        if len(r) > len(header):
            raise SourceFormatError(name, row=i, expected=f"at most {len(header)} fields (the header's)",
                                    found=f"{len(r)} fields")
        out.append(dict(zip(header, r + [""] * (len(header) - len(r)))))
    return header, out
