"""Numbers as the reports print them, in Vietnamese or English style (one home for every module).

>>> fmt(1234.5, 2, "en"), fmt(1234.5, 2, "vi"), fmt(0.41, 2, "vi", sign=True), fmt(None)
('1,234.50', '1.234,50', '+0,41', '–')
"""
from __future__ import annotations

MISSING = "–"


def missing(x) -> bool:
    """None, NaN (float or numpy), pandas NA or NaT; text is never missing.

    >>> [missing(v) for v in (None, float("nan"), 0.0, "nan", 3)]
    [True, True, False, False, False]
    """
    if x is None:
        return True
    if isinstance(x, str):
        return False
    try:
        return bool(x != x)
    except TypeError:      # pandas.NA: its comparisons are NA
        return True
    except ValueError:     # an array is not one missing value
        return False


def fmt(x, nd: int = 2, lang: str = "en", sign: bool = False) -> str:
    """``x`` with ``nd`` decimals; Vietnamese uses "." for thousands and "," for decimals;
    missing values (None, NaN, pandas NA) print as "–"."""
    if missing(x) or x is MISSING:
        return MISSING
    try:
        float(x)
    except (TypeError, ValueError):
        return MISSING
    s = f"{float(x):+,.{nd}f}" if sign else f"{float(x):,.{nd}f}"
    if lang == "vi":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
