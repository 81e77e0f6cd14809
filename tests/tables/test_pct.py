"""Ministry-style percentages and number formatting (parlib.tables.pct), hand-worked values:
shares truncated (not rounded) to two decimals, floats read through their shortest repr."""
import re
from decimal import Decimal

import numpy as np
import pytest

from parlib.errors import ParameterError
from parlib.tables.pct import fmt_number, fmt_pct, ministry_pct, round2, to_decimal


@pytest.mark.parametrize("score,mx,expected", [
    (12.98, 13, "99.84"),          # 1298/13 = 99.846... truncated, never 99.85
    (13.6, 15, "90.66"),           # 90.666...
    ("13,51", "16,5", "81.87"),    # decimal commas: 1351/16.5 = 81.878...
    (Decimal("1.005"), 1, "100.50"),
    (0, 5, "0.00"),
    (5, 5, "100.00"),
    (1, 3, "33.33"),
    (2, 3, "66.66"),               # 66.666... truncated (rounding would give 66.67)
])
def test_ministry_pct_truncates_to_two_decimals(score, mx, expected):
    assert ministry_pct(score, mx) == Decimal(expected)
    assert str(ministry_pct(score, mx)) == expected


@pytest.mark.parametrize("mx,shown", [(0, "0"), (-1, "-1"), ("0", "'0'"), (Decimal("-0.5"), "Decimal('-0.5')")])
def test_ministry_pct_refuses_a_maximum_that_is_not_positive(mx, shown):
    with pytest.raises(ParameterError, match=r"^invalid max: " + re.escape(shown) + r" \(a positive maximum\)$"):
        ministry_pct(1, mx)


@pytest.mark.parametrize("x,expected", [
    (7, "7"), (np.int64(12), "12"), (0.1, "0.1"), (np.float64(12.98), "12.98"), (2.675, "2.675"),
    ("12,5", "12.5"), (" 12,5 %", "12.5"), ("1.234,5", "1234.5"), ("1,234.5", "1234.5"),
    ("12\u00a0345", "12345"), ("12 345,25", "12345.25"), (Decimal("3.10"), "3.10"), ("-4", "-4"),
])
def test_to_decimal_reads_numbers_and_both_decimal_separators(x, expected):
    d = to_decimal(x)
    assert isinstance(d, Decimal) and str(d) == expected


@pytest.mark.parametrize("x,hint", [(None, "a number"), (True, "a number"), ("abc", "a number"),
                                    (float("nan"), "a finite number"), (float("inf"), "a finite number"),
                                    (float("-inf"), "a finite number"), ("Infinity", "a finite number"),
                                    ("NaN", "a finite number"), (Decimal("Infinity"), "a finite number")])
def test_to_decimal_names_the_parameter_and_what_was_expected(x, hint):
    with pytest.raises(ParameterError, match=rf"^invalid score: .*\({hint}\)$"):
        to_decimal(x, "score")
    with pytest.raises(ParameterError, match=r"^invalid value: "):
        to_decimal(x)


def test_ministry_pct_names_score_and_max():
    with pytest.raises(ParameterError, match=r"^invalid score: 'x'"):
        ministry_pct("x", 10)
    with pytest.raises(ParameterError, match=r"^invalid max: 'y'"):
        ministry_pct(1, "y")


@pytest.mark.parametrize("x,expected", [(2.675, "2.68"), (2.665, "2.67"), (2.664, "2.66"), (-1.005, "-1.01"),
                                        (3, "3.00"), ("16,504", "16.50")])
def test_round2_rounds_half_up_on_the_decimal_value(x, expected):
    assert str(round2(x)) == expected


@pytest.mark.parametrize("x,comma,expected", [
    (13, False, "13"), (10, False, "10"), (100.0, False, "100"), (16.5, False, "16.5"),
    (16.50, False, "16.5"), (12.98, False, "12.98"), (12.999, False, "13"), (0.1, False, "0.1"),
    (20.40, False, "20.4"), (12.5, True, "12,5"), (12.98, True, "12,98"), (30, True, "30"),
    (0.005, False, "0.01"),
])
def test_fmt_number_up_to_two_decimals_without_trailing_zeros(x, comma, expected):
    assert fmt_number(x, decimal_comma=comma) == expected


def test_fmt_number_uses_a_dot_by_default():
    assert fmt_number(12.5) == "12.5"
    assert fmt_pct(Decimal("90.66")) == "90.66"


@pytest.mark.parametrize("d,comma,expected", [
    (Decimal("90.66"), False, "90.66"), (Decimal("90.669"), False, "90.66"), (Decimal("90.6"), False, "90.60"),
    (Decimal("90.66"), True, "90,66"), (Decimal("100"), False, "100.00"), ("7.5", True, "7,50"),
])
def test_fmt_pct_always_two_decimals_truncated(d, comma, expected):
    assert fmt_pct(d, decimal_comma=comma) == expected


@pytest.mark.parametrize("x,shown,hint", [
    (None, "None", "a number"), (True, "True", "a number"), (float("nan"), "nan", "a finite number"), (float("inf"), "inf", "a finite number"),
    ("Infinity", "'Infinity'", "a finite number"), ("12X", "'12X'", "a number"),
    ("1,234.567,8", "'1,234.567,8'", "a number"), ("1.234,567.5", "'1.234,567.5'", "a number"),
])
def test_to_decimal_error_shows_the_value_as_given(x, shown, hint):
    with pytest.raises(ParameterError, match=r"^invalid score: " + re.escape(shown) + r" \(" + hint + r"\)$"):
        to_decimal(x, "score")
