"""Finding the header of an official table (title rows above, merged group headers, a row of maxima
under it) and giving each column its role: unit, a codebook indicator (area, sub-index, dimension),
the overall score ("index"), PAR's total points, ranks, PCI's tier, confidence-interval bounds.
Numbers in cells are read as Decimals (decimal point or decimal comma) with their printed precision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from parlib.errors import ParameterError, SourceFormatError
from parlib.registry.keys import alias_key
from parlib.tables.pct import to_decimal

HEADER_SCAN = 40
_MAX_ROW_KEYS = {"diemtoida", "toida", "maximum", "max", "maxpoints", "maximumpoints", "thangdiem"}
_NUM = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)\s*%?$")
MAX_DECIMALS = 6


@dataclass
class Column:
    pos: int
    label: str
    role: str
    indicator: str | None = None
    max_value: float | None = None
    percent: bool = False
    decimals: int = 0          # printed precision (largest number of decimals in the column)
    of: str | None = None      # ci_low / ci_high: the indicator (or "index") the bound belongs to


@dataclass
class Layout:
    header_row: int            # 0-based row of the (lowest) header line
    data_start: int
    columns: list[Column] = field(default_factory=list)
    ignored: list = field(default_factory=list)   # (position, label) of header cells with no meaning
    title: list = field(default_factory=list)     # text of the rows above the header

    def by_role(self, role):
        return [c for c in self.columns if c.role == role]

    def one(self, role):
        cs = self.by_role(role)
        return cs[0] if cs else None


def cell_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    s = str(v).strip()
    return s or None


def looks_number(t: str) -> bool:
    return bool(_NUM.match(t.replace("\u00a0", "").replace(" ", "")))


def decimals_of(v) -> int:
    """Decimals printed in a cell: "6,54" → 2; 6.5 → 1; 13 → 0 (floats through their shortest repr)."""
    if v is None or isinstance(v, bool):
        return 0
    if isinstance(v, int):
        return 0
    t = repr(float(v)) if isinstance(v, float) else str(v).strip().rstrip("%").strip()
    if "e" in t.lower():
        return MAX_DECIMALS
    if isinstance(v, float):
        frac = t.split(".")[1] if "." in t else ""
        return min(len(frac.rstrip("0")), MAX_DECIMALS)
    sep = max(t.rfind(","), t.rfind("."))
    if sep < 0:
        return 0
    if "," in t and "." in t:
        return min(len(t) - sep - 1, MAX_DECIMALS)
    frac = t[sep + 1:]
    # "1.234" with a dot and three digits in a table of scores is a decimal, never a thousands group
    return min(len(frac), MAX_DECIMALS)


def parse_number(v, fname, sheet, row, column) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, bool):
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=str(v))
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v != v:
            return None
        return to_decimal(v)
    t = str(v).strip()
    if t in ("", "-", "–", "—"):
        return None
    if not looks_number(t):
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=t)
    try:
        return to_decimal(t)
    except ParameterError:
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=t) from None


def _row_matches(df, i, index, year):
    from parlib.tables.headers import match_label

    row = {}
    for j, v in enumerate(df.iloc[i].tolist()):
        t = cell_text(v)
        if t is None or looks_number(t):
            continue
        try:
            m = match_label(t, index, year)
        except ValueError as exc:
            m = ("ambiguous", str(exc))
        if m is not None:
            row[j] = m
    return row


def _roles(row) -> set:
    return {m.role for m in row.values() if not isinstance(m, tuple)}


def detect_layout(df, index: str, year: int, fname: str, sheet=None) -> Layout:
    n = min(len(df), HEADER_SCAN)
    matches = {i: _row_matches(df, i, index, year) for i in range(n)}
    best_row, best_score = None, 0
    for i in range(n):
        roles = _roles(matches[i])
        score = len(matches[i]) + (2 if "unit" in roles else 0)
        if score > best_score and (roles & {"area", "total", "index", "rank", "unit"}):
            best_row, best_score = i, score
    if best_row is None:
        raise SourceFormatError(fname, sheet=sheet, message=f"no header row found in the first {n} rows",
                                expected="a header with a unit column (e.g. 'Tỉnh, thành phố') and score columns")
    # two header lines (a merged group line over the area line): the lower one carries the areas
    if ("area" not in _roles(matches[best_row]) and "area" in _roles(matches.get(best_row + 1, {}))
            and "unit" not in _roles(matches.get(best_row + 1, {}))):
        best_row += 1
    upper = best_row - 1 if best_row > 0 else None
    cols = []
    width = df.shape[1]
    for j in range(width):
        own = cell_text(df.iat[best_row, j])
        m = matches[best_row].get(j)
        label = own
        if m is None and upper is not None and own is None:
            m2 = matches[upper].get(j)
            if m2 is not None:
                m, label = m2, cell_text(df.iat[upper, j])
        if isinstance(m, tuple):
            raise SourceFormatError(fname, sheet=sheet, row=best_row + 1, column=label,
                                    message=f"ambiguous header: it {m[1]}",
                                    expected="a header that names one indicator (see data/reference/import_header_synonyms.csv)")
        if m is None:
            continue
        cols.append(Column(j, label, m.role, m.indicator, m.max_value, m.percent))
    layout = Layout(best_row, best_row + 1, cols)
    used = {c.pos for c in cols}
    layout.ignored = [(j, cell_text(df.iat[best_row, j])) for j in range(width)
                      if j not in used and cell_text(df.iat[best_row, j]) is not None]
    # title rows: one text cell each (a merged group header line has several)
    above = [[t for t in (cell_text(x) for x in df.iloc[i].tolist()) if t] for i in range(best_row)]
    layout.title = [cells[0] for cells in above if len(cells) == 1]
    _attach_bounds(layout)
    _maxima_row(df, layout, fname, sheet)
    check_layout(layout, fname, sheet)
    return layout


def _attach_bounds(layout: Layout):
    """A confidence bound belongs to the score column left of it (skipping the other bound)."""
    last = None
    for c in sorted(layout.columns, key=lambda c: c.pos):
        if c.role in ("area", "index"):
            last = c.indicator or "index"
        elif c.role in ("ci_low", "ci_high"):
            c.of = last


def _maxima_row(df, layout: Layout, fname, sheet):
    """A row of maxima right under the header ("Điểm tối đa | | 10 | 10 | 13 ...")."""
    if layout.one("unit") is None or layout.data_start >= len(df):
        return
    r = df.iloc[layout.data_start].tolist()
    texts = [alias_key(t) for t in (cell_text(x) for x in r) if t and not looks_number(t)]
    if any(t in _MAX_ROW_KEYS for t in texts):
        for c in layout.columns:
            if c.role == "area" and c.max_value is None:
                v = cell_text(r[c.pos])
                if v is not None:
                    c.max_value = float(parse_number(v, fname, sheet, layout.data_start + 1, c.label))
        layout.data_start += 1


def check_layout(layout: Layout, fname, sheet):
    row = layout.header_row + 1
    if layout.one("unit") is None:
        raise SourceFormatError(fname, sheet=sheet, row=row, message="no unit column in the header",
                                expected="a column such as 'Tỉnh, thành phố', 'Đơn vị', 'Province' or 'Unit'",
                                found=", ".join(c.label for c in layout.columns))
    seen = {}
    for c in layout.columns:
        key = (c.role, c.indicator, c.of)
        if c.role in ("stt",):
            continue
        if key in seen:
            raise SourceFormatError(fname, sheet=sheet, row=row, column=c.label,
                                    message=f"two columns mean the same thing ({seen[key]!r} and {c.label!r})",
                                    expected="one column per indicator, total, index and rank")
        seen[key] = c.label


def set_decimals(layout: Layout, df, rows: range):
    """Printed precision of every numeric column over the data rows."""
    for c in layout.columns:
        if c.role in ("unit", "stt", "tier"):
            continue
        d = 0
        for i in rows:
            v = df.iat[i, c.pos]
            t = cell_text(v)
            if t is not None and (not isinstance(v, str) or looks_number(t)):
                d = max(d, decimals_of(v))
        c.decimals = d
