"""Cells of an official table as numbers (parlib.tables.layout): the number forms Vietnamese and
English spreadsheets print, their printed precision, the header row found under title rows, a
group line over it and a row of maxima under it. SYNTHETIC grids written here; expected values
worked out by hand from the cells."""
from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from parlib.errors import SourceFormatError
from parlib.tables import layout as L


@pytest.mark.parametrize("v,expected", [
    (None, None), (float("nan"), None), ("  ", None), ("", None), (" a ", "a"), (3, "3"), (0.0, "0.0"),
])
def test_cell_text(v, expected):
    assert L.cell_text(v) == expected


@pytest.mark.parametrize("t,expected", [
    ("6,54", True), ("1.234,5", True), ("12 %", True), ("12%", True), ("-3", True), ("+3", True),
    (".5", True), (",5", True), ("1\u00a0234", True), ("1 234", True),
    ("a1", False), ("1..2", False), ("", False), ("5%%", False), ("1.", False), ("%", False), ("6,54đ", False),
])
def test_looks_number(t, expected):
    assert L.looks_number(t) is expected


@pytest.mark.parametrize("v,expected", [
    (None, 0), (True, 0), (13, 0), (13.0, 0), (6.5, 1), (6.54, 2), (12.125, 3),
    (1e-7, 6),                 # exponent form: as many as we keep
    (0.1 + 0.2, 6),            # 0.30000000000000004: capped at 6
    ("6,54", 2), ("6.540", 3), ("1.234,56", 2), ("1,234.5", 1), ("13", 0), ("12,5 %", 1), ("12,5%", 1),
    (" 7,25 ", 2), ("1.5e3", 6), ("1.234", 3),       # a dot and three digits: a decimal in a score table
    ("0,1234567", 6), ("1.234,5678901", 6),
])
def test_decimals_of_counts_the_printed_decimals(v, expected):
    assert L.decimals_of(v) == expected


@pytest.mark.parametrize("v,expected", [
    (None, None), (float("nan"), None), ("", None), ("-", None), ("–", None), ("—", None), ("  ", None),
    (3, Decimal("3")), (2.5, Decimal("2.5")), (6.54, Decimal("6.54")),
    (" 6,54 ", Decimal("6.54")), ("1.234,5", Decimal("1234.5")), ("12,5%", Decimal("12.5")),
    ("1\u00a0234,5", Decimal("1234.5")),
])
def test_parse_number(v, expected):
    assert L.parse_number(v, "t.csv", "S", 4, "Col") == expected


@pytest.mark.parametrize("v,found", [(True, "True"), ("abc", "abc"), ("1,2,3", "1,2,3"), (" 7 điểm ", "7 điểm")])
def test_parse_number_refuses_text_naming_the_cell(v, found):
    with pytest.raises(SourceFormatError, match=rf"^t\.csv, sheet 'S', row 4, column 'Col': expected a number found '{found}'$"):
        L.parse_number(v, "t.csv", "S", 4, "Col")


def grid(rows):
    return pd.DataFrame(rows, dtype=object)


TITLE = "SYNTHETIC TEST FIXTURE - not official data"


def test_header_under_a_title_with_a_row_of_maxima():
    df = grid([[TITLE, None, None, None, None],
               ["STT", "Tỉnh, thành phố", "Công tác chỉ đạo, điều hành", "Cải cách thể chế (9,5)", "Ghi chú lạ"],
               [None, "Điểm tối đa", "8", "10", None],
               ["1", "Hà Nội", "7,5", "9,25", None]])
    lay = L.detect_layout(df, "PAR", 2023, "t.csv")
    assert (lay.header_row, lay.data_start, lay.title, lay.ignored) == (1, 3, [TITLE], [(4, "Ghi chú lạ")])
    assert [(c.pos, c.label, c.role, c.indicator, c.max_value) for c in lay.columns] == [
        (0, "STT", "stt", None, None), (1, "Tỉnh, thành phố", "unit", None, None),
        (2, "Công tác chỉ đạo, điều hành", "area", "PAR.direction", 8.0),   # from the row of maxima
        (3, "Cải cách thể chế (9,5)", "area", "PAR.institutions", 9.5)]     # the header's own maximum wins
    assert lay.one("unit").pos == 1 and lay.one("rank") is None and len(lay.by_role("area")) == 2


def test_a_group_line_over_the_area_line():
    # "Tỉnh" and "Điểm thành phần" (ignored) above; the areas on the line below; bounds after a score
    df = grid([["Tỉnh", "Điểm thành phần", None, None, "Xếp hạng"],
               [None, "Tham gia của người dân", "Cận dưới", "Cận trên", None],
               ["Hà Nội", "5,12", "4,90", "5,30", "3"]])
    lay = L.detect_layout(df, "PAPI", 2019, "t.csv")
    assert (lay.header_row, lay.data_start) == (1, 2)
    assert [(c.pos, c.label, c.role, c.indicator, c.of) for c in lay.columns] == [
        (0, "Tỉnh", "unit", None, None), (1, "Tham gia của người dân", "area", "PAPI.d1", None),
        (2, "Cận dưới", "ci_low", None, "PAPI.d1"), (3, "Cận trên", "ci_high", None, "PAPI.d1"),
        (4, "Xếp hạng", "rank", None, None)]
    assert lay.title == []     # the group line has several cells: not a title


def test_bounds_belong_to_the_score_on_their_left():
    lay = L.Layout(0, 1, [L.Column(5, "lo2", "ci_low"), L.Column(0, "u", "unit"), L.Column(1, "lo0", "ci_low"),
                          L.Column(2, "PAPI", "index", None), L.Column(3, "lo", "ci_low"), L.Column(4, "D1", "area", "PAPI.d1")])
    L._attach_bounds(lay)
    assert [(c.label, c.of) for c in lay.columns if c.role == "ci_low"] == [("lo2", "PAPI.d1"), ("lo0", None), ("lo", "index")]


def test_no_header_row_in_the_scanned_rows():
    df = grid([["a", "b"]] * 3)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S': no header row found in the first 3 rows"):
        L.detect_layout(df, "PAR", 2023, "t.csv", "S")


@pytest.mark.parametrize("rows,message", [
    ([["x", "y"]] * 40 + [["Tỉnh", "Chỉ số (%)"], ["Hà Nội", "80"]], "no header row found in the first 40 rows"),
    ([["Chỉ số (%)", "Xếp hạng"], ["80", "1"]],
     r"^t\.csv, row 1: no unit column in the header expected a column such as 'Tỉnh, thành phố'.* found 'Chỉ số \(%\), Xếp hạng'"),
    ([["STT", "Tỉnh", "Thể chế", "VBQPPL"], ["1", "Hà Nội", "1", "2"]],
     r"row 1, column 'VBQPPL': two columns mean the same thing \('Thể chế' and 'VBQPPL'\)"),
    ([["Tỉnh", "Tác động công vụ"], ["Hà Nội", "1"]],
     r"row 1, column 'Tác động công vụ': ambiguous header: it matches several meanings: area=PAR.civil_service, area=PAR.impact"),
    ([["Tỉnh", "Thể chế"], ["Điểm tối đa", "mười"], ["Hà Nội", "1"]],
     r"row 2, column 'Thể chế': expected a number found 'mười'"),
], ids=["only-40-rows-scanned", "no-unit-column", "two-columns-one-meaning", "ambiguous-header", "maxima-row-text"])
def test_bad_headers_are_refused_naming_the_cell(rows, message):
    with pytest.raises(SourceFormatError, match=message):
        L.detect_layout(grid(rows), "PAR", 2023, "t.csv")


def test_set_decimals_is_the_largest_printed_precision_of_the_column():
    df = grid([["Tỉnh", "Thể chế", "Xếp hạng", "Xếp loại"],
               ["A", "6,5", "1", "Tốt"], ["B", "6,54", "2", "Khá"], ["C", "-", "3", None], ["D", 7.125, 4, None]])
    lay = L.Layout(0, 1, [
        L.Column(0, "Tỉnh", "unit"), L.Column(1, "Thể chế", "area", "PAR.institutions"),
        L.Column(2, "Xếp hạng", "rank"), L.Column(3, "Xếp loại", "tier")])
    L.set_decimals(lay, df, range(1, 4))
    assert [c.decimals for c in lay.columns] == [0, 2, 0, 0]     # rows 1-3: "6,54" has two; "-" none
    L.set_decimals(lay, df, range(1, 5))
    assert [c.decimals for c in lay.columns] == [0, 3, 0, 0]     # 7.125 (a float cell): three


# ------------------------------------------------------------------------------ edges (issue 20: mutation survivors)

@pytest.mark.parametrize("v,expected", [
    (float("inf"), 0),                 # no printed decimals
    ("1,234,567", 3), ("1.234.567", 3),   # the digits after the LAST separator
    (".5", 1), (",25", 2),             # a separator in first place
])
def test_decimals_of_edges(v, expected):
    assert L.decimals_of(v) == expected


def test_the_header_is_the_row_with_the_unit_column():
    # row 0 names three areas (3 matches); row 1 the unit and one area (2 matches + 2 for the unit)
    df = grid([["Thể chế", "TTHC", "Công vụ"], ["Tỉnh", "Chỉ đạo, điều hành", None], ["Hà Nội", "1", "2"]])
    lay = L.detect_layout(df, "PAR", 2023, "t.csv")
    assert lay.header_row == 1
    # an empty cell of the header takes the line above ("Công vụ")
    assert [(c.pos, c.label, c.indicator) for c in lay.columns] == [
        (0, "Tỉnh", None), (1, "Chỉ đạo, điều hành", "PAR.direction"), (2, "Công vụ", "PAR.civil_service")]


def test_of_two_equal_header_lines_the_first_and_a_line_of_labels_without_scores_is_never_the_header():
    df = grid([["Tỉnh", "Chỉ số (%)"], ["Tỉnh", "Chỉ số (%)"], ["Hà Nội", "80"]])
    assert L.detect_layout(df, "PAR", 2023, "t.csv").header_row == 0
    df = grid([["Tỉnh", None, None, None], ["STT", "Xếp loại", "Cận dưới", "Cận trên"], ["Hà Nội", "1", "2", "3"]])
    assert L.detect_layout(df, "PCI", 2019, "t.csv").header_row == 0


def test_the_lower_line_is_the_header_only_when_it_brings_the_areas_without_a_unit():
    # a unit line without areas over a line with the unit again: not a group line
    df = grid([["Tỉnh", "Chỉ số (%)"], ["Tỉnh", "Thể chế"], ["Hà Nội", "1"]])
    assert L.detect_layout(df, "PAR", 2023, "t.csv").header_row == 0
    # areas on the header line already: the next line is not taken even if it names areas
    df = grid([["Tỉnh", "Tham gia của người dân ở cấp cơ sở"], [None, "Tri thức công dân"], ["Hà Nội", "5"]])
    assert L.detect_layout(df, "PAPI", 2019, "t.csv").header_row == 0
    # a title, then the group line, then the area line
    df = grid([[TITLE, None, None], ["Tỉnh", "Điểm thành phần", None], [None, "Tham gia của người dân", "Xếp hạng"],
               ["Hà Nội", "5,12", "3"]])
    lay = L.detect_layout(df, "PAPI", 2019, "t.csv")
    assert (lay.header_row, lay.data_start, lay.title) == (2, 3, [TITLE])
    assert [(c.pos, c.role) for c in lay.columns] == [(0, "unit"), (1, "area"), (2, "rank")]


def test_a_header_on_the_first_row_with_gaps_and_a_percent_column():
    df = grid([["Tỉnh", None, "Ghi chú lạ", "Chỉ số (%)"], ["Hà Nội", None, "x", "80"]])
    lay = L.detect_layout(df, "PAR", 2023, "t.csv")
    assert [(c.pos, c.role, c.percent) for c in lay.columns] == [(0, "unit", False), (3, "index", True)]
    assert lay.ignored == [(2, "Ghi chú lạ")]


def test_an_unknown_header_cell_does_not_take_the_line_above():
    df = grid([[None, None, "Xếp hạng"], ["Tỉnh", "Thể chế", "Ghi chú lạ"], ["Hà Nội", "1", "x"]])
    lay = L.detect_layout(df, "PAR", 2023, "t.csv")
    assert [c.role for c in lay.columns] == ["unit", "area"] and lay.ignored == [(2, "Ghi chú lạ")]


def test_a_header_as_the_last_row_of_the_sheet():
    lay = L.detect_layout(grid([[TITLE, None], ["Tỉnh", "Chỉ số (%)"]]), "PAR", 2023, "t.csv")
    assert (lay.header_row, lay.data_start) == (1, 2)


def test_set_decimals_leaves_unit_stt_and_tier_columns_at_zero():
    df = grid([["STT", "Tỉnh", "Xếp loại", "Thể chế"], ["1.1", "2.25", "3.125", 5e-05]])
    lay = L.Layout(0, 1, [L.Column(0, "STT", "stt"), L.Column(1, "Tỉnh", "unit"), L.Column(2, "Xếp loại", "tier"),
                          L.Column(3, "Thể chế", "area", "PAR.institutions")])
    L.set_decimals(lay, df, range(1, 2))
    assert [c.decimals for c in lay.columns] == [0, 0, 0, 6]     # 5e-05 (an Excel float): as many as kept


def test_two_stt_columns_are_allowed():
    lay = L.Layout(0, 1, [L.Column(0, "STT", "stt"), L.Column(1, "TT", "stt"), L.Column(2, "Tỉnh", "unit")])
    L.check_layout(lay, "t.csv", "S")


def test_layout_errors_name_file_sheet_row_and_column():
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S': no header row found in the first 2 rows expected a "
                       r"header with a unit column \(e\.g\. 'Tỉnh, thành phố'\) and score columns$"):
        L.detect_layout(grid([["a"], ["b"]]), "PAR", 2023, "t.csv", "S")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 1, column 'Tác động công vụ': ambiguous header: "
                       r"it matches several meanings: area=PAR\.civil_service, area=PAR\.impact expected a header that "
                       r"names one indicator \(see data/reference/import_header_synonyms\.csv\)$"):
        L.detect_layout(grid([["Tỉnh", "Tác động công vụ"], ["Hà Nội", "1"]]), "PAR", 2023, "t.csv", "S")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 2, column 'Thể chế': expected a number found 'mười'$"):
        L.detect_layout(grid([["Tỉnh", "Thể chế"], ["Điểm tối đa", "mười"], ["Hà Nội", "1"]]), "PAR", 2023, "t.csv", "S")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 1: no unit column in the header expected"):
        L.detect_layout(grid([["Chỉ số (%)"], ["80"]]), "PAR", 2023, "t.csv", "S")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 1, column 'VBQPPL': two columns mean the same "
                       r"thing \('Thể chế' and 'VBQPPL'\) expected one column per indicator, total, index and rank$"):
        L.detect_layout(grid([["Tỉnh", "Thể chế", "VBQPPL"], ["Hà Nội", "1", "2"]]), "PAR", 2023, "t.csv", "S")


def test_no_maxima_row_is_read_without_a_unit_column():
    # the "no unit column" error, not an error about the maxima row under a header without units
    with pytest.raises(SourceFormatError, match="no unit column in the header"):
        L.detect_layout(grid([["Chỉ số (%)", "Thể chế"], ["Điểm tối đa", "mười"]]), "PAR", 2023, "t.csv")
