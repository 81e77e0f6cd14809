"""The one catalog format of the raw files (``catalog.csv`` beside each index's readers).

Every catalog has at least the columns ``file, year, layout, sheet, header_rows, n_units,
priority, notes``: one row per raw file (and sheet) that a reader of that index reads, the year
or year range it holds, the layout family that reads it, and its priority when two files give the
same value (1 wins). An index adds its own columns after these (PCI: ``content``, ``columns``;
PAPI: ``family``, ``precision``, ``options``). Where headers drift between years, a column map
(``column_map.csv`` beside the catalog) says which header means which indicator.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from parlib.errors import SourceFormatError

BASE_COLUMNS = ("file", "year", "layout", "sheet", "header_rows", "n_units", "priority", "notes")
HERE = Path(__file__).parent
# index -> (package folder holding catalog.csv, raw subfolder its files live in)
CATALOGS = {"PCI": ("pci", "pci"), "PAPI": ("papi", "papi"), "PAR": ("par", "par_index"),
            "SIPAS": ("sipas", "sipas")}


@dataclass(frozen=True)
class CatalogEntry:
    """The shared columns of a catalog row (each index's ``Entry`` extends it and sets
    ``FOLDER``, the raw subfolder)."""

    FOLDER = ""
    file: str
    years: tuple[int, ...]
    layout: str
    sheet: str | None
    header_rows: tuple[int, ...]       # 1-based rows
    n_units: int
    priority: int

    @property
    def year(self) -> int:
        return self.years[0]

    @property
    def source(self) -> str:
        """Raw-relative file, as the cleaning report names it."""
        return f"{self.FOLDER}/{self.file}"

    def path(self, raw_dir) -> Path:
        return Path(raw_dir) / self.FOLDER / self.file


def span(text: str, what: str, row: int, file: str = "catalog.csv") -> tuple[int, ...]:
    """'2016-2022' -> (2016, ..., 2022); '3' -> (3,); '' -> ()."""
    text = (text or "").strip()
    if not text:
        return ()
    try:
        if "-" in text:
            a, b = (int(x) for x in text.split("-"))
            return tuple(range(a, b + 1))
        return (int(text),)
    except ValueError:
        raise SourceFormatError(file, row=row, column=what,
                                expected="a number or a range like 2016-2022", found=text) from None


def read_table(path: Path, required=BASE_COLUMNS, layouts=None) -> list[dict]:
    """The rows of a catalog (or column map) CSV, each with its 1-based line number in ``_line``;
    a missing column or an unknown layout is a SourceFormatError naming the line."""
    path = Path(path)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceFormatError(path.name, row=1, column=missing[0],
                                    expected="columns " + ", ".join(required),
                                    found=", ".join(reader.fieldnames or []))
        rows = []
        for i, r in enumerate(reader, start=2):
            if layouts is not None and r["layout"] not in layouts:
                raise SourceFormatError(path.name, row=i, column="layout",
                                        expected="one of " + ", ".join(layouts), found=r["layout"])
            rows.append({**{k: (v or "") for k, v in r.items() if k}, "_line": i})
    return rows


def catalog_path(index: str) -> Path:
    return HERE / CATALOGS[index][0] / "catalog.csv"


def catalogued_files() -> dict[str, str]:
    """Raw-relative file -> the index whose readers read it (from every catalog)."""
    out = {}
    for index, (_pkg, folder) in CATALOGS.items():
        for r in read_table(catalog_path(index), required=("file",)):
            out[f"{folder}/{r['file']}"] = index
    return out


def layout_files(index: str) -> dict[str, list[str]]:
    """layout -> raw-relative files of that layout, in catalog order (for the facts readers)."""
    folder = CATALOGS[index][1]
    out: dict[str, list[str]] = {}
    for r in read_table(catalog_path(index)):
        out.setdefault(r["layout"], []).append(f"{folder}/{r['file']}")
    return out


def col_letter(j: int) -> str:
    """0-based column position -> Excel letter (0 -> 'A', 26 -> 'AA')."""
    s = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        s = chr(65 + rem) + s
    return s


def col_index(letter: str) -> int:
    """Excel letter -> 0-based column position."""
    n = 0
    for ch in letter.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1
