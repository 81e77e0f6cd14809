"""Small helpers shared by the PAPI readers: cell parsing, unit resolution, candidate records."""
from __future__ import annotations

import math
import re
import unicodedata

from parlib import provinces
from parlib.errors import SourceFormatError
from parlib.sources.units import resolve_unit as _resolve

from parlib.sources.papi import catalog

BLANK, KCDL, ZERO = "blank cell", "KCDL (không có dữ liệu)", "zero standing for no data"


def norm_label(text) -> str:
    """Header text compared loosely: NFC, straight quotes, single spaces, no '*', casefolded."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).replace("’", "'").replace("\u00a0", " ")
    s = s.replace("*", "")
    return re.sub(r"\s+", " ", s).strip().casefold()


def parse_value(cell, *, file, sheet, row, column):
    """(value, no_data_reason): a number, or None with the reason it is missing.

    Blank cells, "KCDL" and zeros are "no data" (no PAPI score can be 0: every scale starts
    above 0). Any other text is a format error.
    """
    if cell is None:
        return None, BLANK
    if isinstance(cell, bool):
        raise SourceFormatError(file, sheet=sheet, row=row, column=column,
                                expected="a number, a blank or 'KCDL'", found=cell)
    if isinstance(cell, (int, float)):
        v = float(cell)
        if math.isnan(v):
            return None, BLANK
        if v == 0:
            return None, ZERO
        return v, None
    text = str(cell).strip()
    if text == "" or text.upper() in ("NA", "NAN"):
        return None, BLANK
    if text.upper() in catalog.NO_DATA_TEXT:
        return None, KCDL
    try:
        v = float(text)
    except ValueError:
        raise SourceFormatError(file, sheet=sheet, row=row, column=column,
                                expected="a number, a blank or 'KCDL'", found=text) from None
    return (None, ZERO) if v == 0 else (v, None)


def resolve_unit(name, *, file, sheet, row, column=None, gso_id=None):
    """The 63-scheme unit code of a province name; a format error when it does not resolve or
    when the GSO id written beside it points to another province."""
    unit = _resolve(name, file, sheet, row, column)
    if gso_id is not None:
        try:
            code = f"{int(float(gso_id)):02d}"
        except (TypeError, ValueError):
            raise SourceFormatError(file, sheet=sheet, row=row, column=column,
                                    expected="a GSO province code", found=gso_id) from None
        if code != unit.code:
            raise SourceFormatError(file, sheet=sheet, row=row, column=column,
                                    expected=f"GSO code {unit.code} for {name!r}",
                                    found=gso_id, message="province code and name disagree")
    return unit.code


def rel(file: str) -> str:
    return f"{catalog.FOLDER}/{file}"


def candidate(*, family, prio, precision, file, sheet, row, unit_as_written, unit_code, year,
              indicator, column, value=None, no_data=None, ci_low=None, ci_high=None,
              rank=None, rank_of=None):
    """One value as one source states it (before the sources are merged)."""
    return {
        "family": family, "prio": prio, "precision": precision,
        "file": rel(file), "sheet": sheet,
        "source": rel(file) + (f"#{sheet}" if sheet else ""),
        "row": row, "unit_as_written": unit_as_written, "unit_code": unit_code,
        "year": int(year), "indicator": indicator, "column": column,
        "value": value, "no_data": no_data, "ci_low": ci_low, "ci_high": ci_high,
        "rank": rank, "rank_of": rank_of,
    }


def check_header(found, expected, *, file, sheet, row, column):
    if norm_label(found) != norm_label(expected):
        raise SourceFormatError(file, sheet=sheet, row=row, column=column,
                                expected=repr(expected), found=found,
                                message="unexpected header")


def is_blank_row(values) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip())
               or (isinstance(v, float) and math.isnan(v)) for v in values)


NUMBERED = re.compile(r"^\s*(\d)(?:\.(\d))?\s*:\s*(.*?)\s*$")


def numbered_code(label):
    """'1.2: Opportunities ...' -> ('1.2', 'PAPI.d1_2', 'Opportunities ...'); None if unnumbered."""
    m = NUMBERED.match(str(label or ""))
    if not m:
        return None
    d, s, name = m.groups()
    num = d if s is None else f"{d}.{s}"
    return num, "PAPI.d" + num.replace(".", "_"), name


class UnitCheck:
    """Each province once in a table, and every province there: a duplicated row would silently
    replace another province's values, a missing one would silently leave a hole in the panel.

    ``add`` raises at the second row of a province; ``done`` raises when the table does not hold
    ``expected`` provinces, naming the ones missing.
    """

    def __init__(self, file, sheet=None, expected: int = 63, what: str = "row"):
        self.file, self.sheet, self.expected, self.what = file, sheet, expected, what
        self.first: dict[str, object] = {}

    def add(self, code, name, row, column=None, where=None):
        if code in self.first:
            raise SourceFormatError(self.file, sheet=self.sheet, row=row, column=column,
                                    message=f"{name!r} ({code}) is already in {self.what} {self.first[code]}",
                                    expected="each province once")
        self.first[code] = where if where is not None else row

    def done(self, label: str = ""):
        if self.expected is None or len(self.first) == self.expected:
            return
        known = set(provinces.codes("63"))
        missing = sorted(known - set(self.first))
        names = ", ".join(provinces.get(c).name_vi for c in missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise SourceFormatError(self.file, sheet=self.sheet, expected=f"{self.expected} provinces{label}",
                                found=f"{len(self.first)} provinces",
                                message=("missing: " + names) if missing else "")


def province_row(values, name, *, report, units: UnitCheck, file, sheet, row, column,
                 gso_id=None) -> str | None:
    """The rule every one-province-per-row PAPI table follows: a blank row (``values`` given) or
    a summary row (Highest/Lowest ...) is dropped with its reason and gives None; otherwise the
    province is resolved, checked to appear once, logged as kept, and its code returned."""
    src = rel(file)
    if values is not None and is_blank_row(values):
        report.dropped(src, sheet, row, None, "blank row")
        return None
    if provinces.summary_label(name):
        report.dropped(src, sheet, row, name, f"summary row ({name}), not a province")
        return None
    code = resolve_unit(name, file=file, sheet=sheet, row=row, column=column, gso_id=gso_id)
    units.add(code, name, row, column=column)
    report.kept(src, sheet, row, name, code)
    return code
