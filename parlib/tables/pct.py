"""Percentages the way the Ministry of Home Affairs prints them, in exact decimal arithmetic.

An area's share of its maximum is **truncated** (not rounded) to two decimals:

>>> from parlib.tables.pct import ministry_pct
>>> ministry_pct(12.98, 13)
Decimal('99.84')
>>> ministry_pct(13.6, 15), ministry_pct(13.51, "16,5")
(Decimal('90.66'), Decimal('81.87'))

Floats are converted through their shortest repr (``12.98`` → ``Decimal("12.98")``), never through
their binary value, so 12.98/13 is 99.846..., truncated to 99.84 and never 99.85.
"""
from __future__ import annotations

import numbers
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

from parlib.errors import ParameterError

TWO = Decimal("0.01")


def to_decimal(x, name: str = "value") -> Decimal:
    """A number (int, float, Decimal, or a string with a decimal point or a decimal comma) as Decimal."""
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, bool) or x is None:
        raise ParameterError(name, x, hint="a number")
    elif isinstance(x, numbers.Integral):
        d = Decimal(int(x))
    elif isinstance(x, numbers.Real):
        x = float(x)  # numpy floats too; through the shortest repr, never the binary value
        if x != x or x in (float("inf"), float("-inf")):
            raise ParameterError(name, x, hint="a finite number")
        d = Decimal(repr(x))
    else:
        s = str(x).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
        if "," in s and "." in s:  # the last separator is the decimal one
            s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
        else:
            s = s.replace(",", ".")
        try:
            d = Decimal(s)
        except InvalidOperation:
            raise ParameterError(name, x, hint="a number") from None
    if not d.is_finite():
        raise ParameterError(name, x, hint="a finite number")
    return d


def ministry_pct(score, max_points) -> Decimal:
    """``score`` as a share of ``max_points`` in %, truncated to two decimals (Ministry style)."""
    s, m = to_decimal(score, "score"), to_decimal(max_points, "max")
    if m <= 0:
        raise ParameterError("max", max_points, hint="a positive maximum")
    with localcontext() as ctx:
        ctx.prec = 50
        return (s * 100 / m).quantize(TWO, rounding=ROUND_DOWN)


def round2(x) -> Decimal:
    """Half-up rounding to two decimals (for sums of printed two-decimal scores)."""
    return to_decimal(x).quantize(TWO, rounding=ROUND_HALF_UP)


def fmt_number(x, decimal_comma: bool = False) -> str:
    """Up to two decimals, trailing zeros dropped: 13 → "13", 16.5 → "16.5", 12.98 → "12.98"."""
    d = round2(x)
    s = format(d.normalize(), "f") if d != d.to_integral() else str(int(d))
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(".", ",") if decimal_comma else s


def fmt_pct(d: Decimal, decimal_comma: bool = False) -> str:
    """Always two decimals, as printed: Decimal("90.66") → "90.66" (or "90,66")."""
    s = format(Decimal(d).quantize(TWO, rounding=ROUND_DOWN), "f")
    return s.replace(".", ",") if decimal_comma else s
