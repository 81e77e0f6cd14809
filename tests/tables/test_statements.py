"""One-line statements the way provincial newspapers print them (parlib.tables.statements): the
Ministry's truncated share of the maximum, the rank with its denominator and the move only when the
rank moved within one methodology. Expected strings are written by hand (share: value / maximum x
100 truncated to two decimals)."""
from __future__ import annotations

import pandas as pd
import pytest

from parlib.errors import ParameterError
from parlib.tables.statements import area_statement, area_statements, format_statement, label


@pytest.mark.parametrize("args,kw,expected", [
    # 12.98 / 13 = 0.998461... → 99.84% (truncated); 6 → 5 is up one place (singular)
    (("x", 12.98, 13, 5, 63, 6), {}, "x 12.98/13 (99.84%), rank 5/63, up 1 place from 6"),
    (("x", 12.98, 13, 5, 63, 4), {"lang": "vi"}, "x 12,98/13 (99,84%), xếp hạng 5/63, giảm 1 bậc so với hạng 4"),
    # 13.6 / 15 = 0.90666... → 90.66 (not 90.67); an unchanged rank is printed alone
    (("x", 13.6, 15, 1, 63, 1), {}, "x 13.6/15 (90.66%), rank 1"),
    (("x", 7.5, 8, 3, 63, None), {}, "x 7.5/8 (93.75%), rank 3"),           # first known rank
    (("x", 10, 10), {}, "x 10/10 (100.00%)"),
    (("x", 0, 8), {}, "x 0/8 (0.00%)"),
    (("x", 7, 0), {}, "x 7"),                                                # no share of a zero maximum
    (("x", 7, float("nan"), 3, None, 1), {}, "x 7, rank 3, down 2 places from 1"),   # no denominator known
    (("x", None, 13, 5, 63, 4), {}, "x rank 5/63, down 1 place from 4"),    # no value: no comma
    (("x", float("nan"), 10), {}, "x"),
    (("x", 5.25, None, 2, 63, 12), {"lang": "vi"}, "x 5,25, xếp hạng 2/63, tăng 10 bậc so với hạng 12"),
    (("x", 5.25, "<NA>", "<NA>"), {}, "x 5.25"),
])
def test_format_statement(args, kw, expected):
    assert format_statement(*args, **kw) == expected


def test_format_statement_refuses_an_unknown_language():
    with pytest.raises(ParameterError, match="lang"):
        format_statement("x", 1, lang="fr")


def test_label_is_the_codebook_name_for_running_text():
    assert label("PAR", "PAR.procedures", 2023) == "administrative procedure reform"
    assert label("PAR", "PAR.procedures", 2023, "vi") == "cải cách thủ tục hành chính"
    assert label("PAR", "PAR.overall", 2023) == "PAR INDEX"                      # an acronym keeps its capitals


def panel_rows(rows):
    cols = ["unit_code", "year", "indicator", "value", "max_value", "rank", "rank_of"]
    return pd.DataFrame(rows, columns=cols)


PANEL = panel_rows([
    ("80", 2021, "PAR.procedures", 11.0, 13.0, 40, 63),
    ("80", 2022, "PAR.procedures", 12.0, 13.0, 55, 63),      # 2022: a new method (no move from 2021)
    ("80", 2023, "PAR.procedures", 12.98, 13.0, 5, 63),
    ("80", 2023, "PAR.impact", 13.51, 16.5, 11, 63),
    ("80", 2023, "PAR.direction", 7.0, 8.0, 20, 63),
    ("01", 2023, "PAR.procedures", 10.0, 13.0, 60, 63),
])


def test_area_statement_from_the_panel():
    assert area_statement(PANEL, "80", 2023, "PAR.procedures") == \
        "administrative procedure reform 12.98/13 (99.84%), rank 5/63, up 50 places from 55"
    # 2021 → 2022 crosses the method change: the rank is printed alone
    assert area_statement(PANEL, "80", 2022, "PAR.procedures") == \
        "administrative procedure reform 12/13 (92.30%), rank 55"
    assert area_statement(PANEL, "80", 2023, "PAR.civil_service") is None
    assert area_statement(PANEL, "02", 2023, "PAR.procedures") is None
    with pytest.raises(ParameterError, match="lang"):
        area_statement(PANEL, "80", 2023, "PAR.procedures", lang="xx")


def test_area_statements_in_codebook_order():
    out = area_statements(PANEL, "80", 2023)
    assert list(out) == ["PAR.direction", "PAR.procedures", "PAR.impact"]
    # 13.51 / 16.5 = 0.818787... → 81.87%; 7 / 8 = 87.5%
    assert out["PAR.impact"] == "impact 13.51/16.5 (81.87%), rank 11"
    assert area_statements(PANEL, "80", 2023, lang="vi")["PAR.direction"].endswith("7/8 (87,50%), xếp hạng 20")


# ------------------------------------------------------------------------------ edges (issue 20: mutation survivors)

def test_missing_written_as_text_and_a_maximum_of_one():
    assert format_statement("x", 5, "nan") == "x 5"
    assert format_statement("x", 5, "NaN") == "x 5"
    assert format_statement("x", "nan", 10, "nan") == "x"                     # a missing value and rank as text
    assert format_statement("x", "NaN", 10, "NaN") == "x"
    assert format_statement("x", "<NA>", 10) == "x"
    assert format_statement("x", 0.5, 1) == "x 0.5/1 (50.00%)"                  # 0.5 / 1 = 50%
    # 12.5 / 16.5 = 0.757575... → 75.75; the maximum in Vietnamese notation too
    assert format_statement("x", 12.5, 16.5, lang="vi") == "x 12,5/16,5 (75,75%)"


def test_an_unknown_language_is_named_with_the_allowed_ones():
    with pytest.raises(ParameterError, match=r"^invalid lang: 'fr'; allowed: en, vi$"):
        format_statement("x", 1, lang="fr")
    with pytest.raises(ParameterError, match=r"^invalid lang: 'fr'; allowed: en, vi$"):
        area_statement(PANEL, "80", 2023, "PAR.procedures", lang="fr")


def test_labels_keep_a_capital_after_a_dash_prefix():
    assert label("PAPI", "PAPI.d8", 2019) == "e-Governance"          # "E-Governance": the E is not an acronym


def test_vietnamese_statement_from_the_panel_uses_the_vietnamese_name():
    assert area_statement(PANEL, "80", 2023, "PAR.procedures", lang="vi") == \
        "cải cách thủ tục hành chính 12,98/13 (99,84%), xếp hạng 5/63, tăng 50 bậc so với hạng 55"
