"""Cell parsing shared by the PAPI readers (parlib.sources.papi.cells): values and the reason a
value is missing, headers, numbered dimension labels, each province once."""
import re

import pytest

from parlib.errors import SourceFormatError
from parlib.sources.papi import cells

AT = dict(file="SYNTHETIC.xlsx", sheet="S", row=9, column="D")
WHERE = r"SYNTHETIC\.xlsx.*sheet 'S'.*row 9.*column 'D'"


@pytest.mark.parametrize("v,expected", [
    (None, (None, cells.BLANK)), (float("nan"), (None, cells.BLANK)), ("", (None, cells.BLANK)),
    ("  ", (None, cells.BLANK)), ("NA", (None, cells.BLANK)), ("nan", (None, cells.BLANK)),
    ("KCDL", (None, cells.KCDL)), (" kcdl ", (None, cells.KCDL)),
    (0, (None, cells.ZERO)), (0.0, (None, cells.ZERO)), ("0", (None, cells.ZERO)), ("0.00", (None, cells.ZERO)),
    (5, (5.0, None)), (1.7213, (1.7213, None)), (" 2.5 ", (2.5, None)), ("-1", (-1.0, None)),
])
def test_parse_value(v, expected):
    assert cells.parse_value(v, **AT) == expected


@pytest.mark.parametrize("v,shown", [(True, "True"), ("abc", "'abc'"), (" 1,5 ", "'1,5'")])
def test_parse_value_names_the_cell_of_text(v, shown):
    with pytest.raises(SourceFormatError, match=WHERE + r": expected a number, a blank or 'KCDL' found "
                                                + re.escape(shown) + "$"):
        cells.parse_value(v, **AT)


def test_missing_reasons_are_worded_for_the_report():
    assert (cells.BLANK, cells.KCDL, cells.ZERO) == ("blank cell", "KCDL (không có dữ liệu)",
                                                    "zero standing for no data")


@pytest.mark.parametrize("v,expected", [(None, ""), ("  Tham  gia\u00a0của  người dân* ", "tham gia của người dân"),
                                        ("People’s", "people's"), ("ABC", "abc"), (12, "12")])
def test_norm_label(v, expected):
    assert cells.norm_label(v) == expected


def test_check_header_compares_loosely_and_names_the_cell():
    cells.check_header("Participation*  ", "participation", **AT)
    with pytest.raises(SourceFormatError, match=WHERE + r": unexpected header expected 'Transparency' "
                                                        r"found 'Participation'$"):
        cells.check_header("Participation", "Transparency", **AT)


def test_resolve_unit_checks_the_gso_code_beside_the_name():
    assert cells.resolve_unit("Hà Nội", **AT) == "01"
    assert cells.resolve_unit("Hà Nội", gso_id=1.0, **AT) == "01"
    assert cells.resolve_unit("Cà Mau", gso_id="96", **AT) == "96"
    with pytest.raises(SourceFormatError, match=WHERE + r": province code and name disagree expected GSO code 01 "
                                                        r"for 'Hà Nội' found 2$"):
        cells.resolve_unit("Hà Nội", gso_id=2, **AT)
    with pytest.raises(SourceFormatError, match=WHERE + r".*expected a GSO province code.*found 'x'"):
        cells.resolve_unit("Hà Nội", gso_id="x", **AT)
    with pytest.raises(SourceFormatError, match=WHERE + r".*found 'Atlantis'"):
        cells.resolve_unit("Atlantis", **AT)


def test_candidate_record():
    c = cells.candidate(family="dims", prio=1, precision=4, file="f.xlsx", sheet="S", row=9, unit_as_written="HN",
                        unit_code="01", year="2019", indicator="PAPI.d1", column="D", value=5.1, rank=3, rank_of=63)
    assert c == {"family": "dims", "prio": 1, "precision": 4, "file": "papi/f.xlsx", "sheet": "S",
                 "source": "papi/f.xlsx#S", "row": 9, "unit_as_written": "HN", "unit_code": "01", "year": 2019,
                 "indicator": "PAPI.d1", "column": "D", "value": 5.1, "no_data": None, "ci_low": None,
                 "ci_high": None, "rank": 3, "rank_of": 63}
    assert cells.candidate(family="x", prio=2, precision=2, file="g.csv", sheet=None, row=1, unit_as_written="a",
                           unit_code="01", year=2020, indicator="i", column="A")["source"] == "papi/g.csv"


@pytest.mark.parametrize("values,expected", [([None, "", " ", float("nan")], True), ([], True),
                                             ([None, 0], False), (["x"], False)])
def test_is_blank_row(values, expected):
    assert cells.is_blank_row(values) is expected


@pytest.mark.parametrize("label,expected", [
    ("1: Participation at local levels", ("1", "PAPI.d1", "Participation at local levels")),
    (" 1.2 :  Opportunities for participation ", ("1.2", "PAPI.d1_2", "Opportunities for participation")),
    ("Participation", None), (None, None), ("12: x", None), ("1.23: x", None),
])
def test_numbered_code(label, expected):
    assert cells.numbered_code(label) == expected


def test_unit_check_refuses_a_province_twice_and_names_the_missing_ones():
    u = cells.UnitCheck("SYNTHETIC.xlsx", sheet="S", expected=2)
    u.add("01", "Hà Nội", 5)
    u.add("02", "Hà Giang", 6, where="sheet T")
    u.done()
    with pytest.raises(SourceFormatError, match=r"^SYNTHETIC\.xlsx, sheet 'S', row 7, column 'D': 'Hà Nội' \(01\) "
                                                r"is already in row 5 expected each province once$"):
        u.add("01", "Hà Nội", 7, column="D")
    with pytest.raises(SourceFormatError, match=r"'Hà Giang' \(02\) is already in row sheet T"):
        u.add("02", "Hà Giang", 8)
    u63 = cells.UnitCheck("SYNTHETIC.xlsx", what="table")
    u63.add("01", "Hà Nội", 5)
    with pytest.raises(SourceFormatError, match=r"^SYNTHETIC\.xlsx: missing: Hà Giang, Cao Bằng, .* \.\.\. expected "
                                                r"63 provinces in 2019 found '1 provinces'$"):
        u63.done(" in 2019")
    cells.UnitCheck("SYNTHETIC.xlsx", expected=None).done()


def test_unit_check_lists_ten_missing_provinces_and_marks_more():
    from parlib import provinces

    codes = provinces.codes("63")
    ten = cells.UnitCheck("f.xlsx", sheet="S")
    for i, c in enumerate(codes[10:]):
        ten.add(c, c, i)
    names = ", ".join(provinces.get(c).name_vi for c in sorted(codes[:10]))
    with pytest.raises(SourceFormatError, match=r"^f\.xlsx, sheet 'S': missing: " + re.escape(names)
                       + r" expected 63 provinces found '53 provinces'$"):
        ten.done()
    eleven = cells.UnitCheck("f.xlsx")
    for i, c in enumerate(codes[11:]):
        eleven.add(c, c, i)
    shown = ", ".join(provinces.get(c).name_vi for c in sorted(codes[:11])[:10])
    with pytest.raises(SourceFormatError, match=r"^f\.xlsx: missing: " + re.escape(shown) + r" \.\.\. expected"):
        eleven.done()
    extra = cells.UnitCheck("f.xlsx")                     # the 63 and Hà Tây: none missing, no list
    for i, c in enumerate(codes + ["28"]):
        extra.add(c, c, i)
    with pytest.raises(SourceFormatError, match=r"^f\.xlsx: expected 63 provinces found '64 provinces'$"):
        extra.done()


class Ledger:
    def __init__(self):
        self.rows = []

    def dropped(self, *a):
        self.rows.append(("dropped",) + a)

    def kept(self, *a):
        self.rows.append(("kept",) + a)


def test_province_row_drops_blank_and_summary_rows_and_keeps_provinces():
    rep, units = Ledger(), cells.UnitCheck("f.xlsx", expected=None)
    kw = dict(report=rep, units=units, file="f.xlsx", sheet="S", column="B")
    assert cells.province_row([None, ""], None, row=3, **kw) is None
    assert cells.province_row(None, "Trung bình", row=4, **kw) is None
    assert cells.province_row(["x"], "Hà Nội", row=5, gso_id="01", **kw) == "01"
    assert rep.rows == [("dropped", "papi/f.xlsx", "S", 3, None, "blank row"),
                        ("dropped", "papi/f.xlsx", "S", 4, "Trung bình", "summary row (Trung bình), not a province"),
                        ("kept", "papi/f.xlsx", "S", 5, "Hà Nội", "01")]
    with pytest.raises(SourceFormatError, match=r"^f\.xlsx, row 6, column 'B': 'Hà Nội' \(01\) is "
                                                r"already in row 5"):
        cells.province_row(["x"], "Hà Nội", row=6, **kw)
    with pytest.raises(SourceFormatError, match=r"province code and name disagree expected GSO code 02"):
        cells.province_row(["x"], "Hà Giang", row=8, gso_id="01", **kw)
    with pytest.raises(SourceFormatError, match=r"^f\.xlsx, sheet 'S', row 7, column 'B': .*found 'Atlantis'"):
        cells.province_row(["x"], "Atlantis", row=7, **kw)
