"""Numbers as the reports print them, in Vietnamese or English style (one home for every module).

>>> fmt(1234.5, 2, "en"), fmt(1234.5, 2, "vi"), fmt(0.41, 2, "vi", sign=True), fmt(None)
('1,234.50', '1.234,50', '+0,41', '–')
"""
from __future__ import annotations

import math

MISSING = "–"


def fmt(x, nd: int = 2, lang: str = "en", sign: bool = False) -> str:
    """``x`` with ``nd`` decimals; Vietnamese uses "." for thousands and "," for decimals;
    missing values (None, NaN, pandas NA) print as "–"."""
    if x is None or x is MISSING:
        return MISSING
    try:
        if math.isnan(float(x)):
            return MISSING
    except (TypeError, ValueError):
        return MISSING
    s = f"{float(x):+,.{nd}f}" if sign else f"{float(x):,.{nd}f}"
    if lang == "vi":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
