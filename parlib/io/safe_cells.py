"""Spreadsheet cells that cannot run: neutralising formula-like text in exports (CSV injection).

Following OWASP's CSV-injection guidance, a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is written with a leading apostrophe in CSV (spreadsheets then show it
as text), and always as a *string* cell in xlsx (never a formula). Numbers stay numbers: a
negative number such as ``-1.5`` (or ``-1,5`` in the Vietnamese locale) is not text and is left
alone.

>>> csv_cell("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> csv_cell("-1,5")
'-1,5'
"""
from __future__ import annotations

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)(e[+-]?\d+)?%?$", re.I)


def is_number_text(text: str) -> bool:
    """A plain number as text (``-3``, ``+2.5``, ``-1,5``, ``12%``): safe, a spreadsheet reads a number."""
    return bool(_NUMBER.match(text.replace("\u00a0", "").replace(" ", "")))


def formula_like(value) -> bool:
    """Text a spreadsheet could execute (starts with a trigger character and is not a number)."""
    return isinstance(value, str) and value.startswith(TRIGGERS) and not is_number_text(value)


def csv_cell(value):
    """A value for a CSV export: formula-like text gets a leading apostrophe."""
    return "'" + value if formula_like(value) else value


def csv_rows(rows):
    """Every cell of ``rows`` through :func:`csv_cell`."""
    return [[csv_cell(c) for c in r] for r in rows]


def xlsx_cell(cell, value):
    """Set an openpyxl ``cell`` to ``value``; text is always stored as a string cell (data type
    ``s``), so ``=SUM(A1)`` or ``@cmd`` is shown, never evaluated."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def xlsx_rows(ws, rows, start: int = 1):
    """Write ``rows`` into worksheet ``ws`` from row ``start``; text cells are string cells (never
    formulas); ``None`` leaves a cell empty."""
    for i, row in enumerate(rows, start=start):
        for j, v in enumerate(row, start=1):
            if v is not None:
                xlsx_cell(ws.cell(i, j), v)
