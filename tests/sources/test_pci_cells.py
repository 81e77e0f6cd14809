"""Cell parsing shared by the PCI readers (parlib.sources.pci.cells): numbers, N/A text, ranks,
codebook scale checks and the rows that are not provinces; errors name file, sheet, row, column."""
from dataclasses import replace

import pytest

from parlib.errors import SourceFormatError
from parlib.sources.pci import cells
from parlib.sources.pci.catalog import load_catalog

E2005 = replace(load_catalog()[0], file="SYNTHETIC.xls", sheet="S1")   # a 2005 entry, renamed
WHERE = r"pci/SYNTHETIC\.xls.*sheet 'S1'.*row 7.*column 'C'"


@pytest.mark.parametrize("v,expected", [(None, True), (float("nan"), True), ("", True), ("  \t", True),
                                        (0, False), (0.0, False), ("x", False), (False, False)])
def test_is_blank(v, expected):
    assert cells.is_blank(v) is expected


@pytest.mark.parametrize("v,expected", [(None, ""), (float("nan"), ""), ("  Hà Nội ", "Hà Nội"), (3, "3")])
def test_text(v, expected):
    assert cells.text(v) == expected


@pytest.mark.parametrize("v,expected", [(5, 5.0), (6.25, 6.25), ("6,25", 6.25), (" 7.5 ", 7.5), ("10", 10.0),
                                        (0, 0.0), ("0", 0.0)])
def test_number_reads_numbers_and_decimal_commas(v, expected):
    x = cells.number(v, E2005, 7, 2, "PCI.entry_costs")
    assert x == expected and type(x) is float


@pytest.mark.parametrize("v", [None, "", float("nan"), "N/A", "na", "-", "KCDL", "kcdl", "..", ".", " n/a "])
def test_number_is_none_for_blank_and_no_data_text(v):
    assert cells.number(v, E2005, 7, 2, "PCI.entry_costs") is None


@pytest.mark.parametrize("v", [True, "abc", "6.2.1"])
def test_number_names_the_cell_of_a_non_number(v):
    with pytest.raises(SourceFormatError, match=WHERE + r".*expected a number \(PCI\.entry_costs\)"):
        cells.number(v, E2005, 7, 2, "PCI.entry_costs")


@pytest.mark.parametrize("v", [10.01, -0.01, "11", float("inf")])
def test_a_score_outside_its_codebook_scale_is_refused(v):
    with pytest.raises(SourceFormatError, match=WHERE + r".*expected a PCI\.entry_costs score between 0 and 10 "
                                                        r"\(codebook scale for 2005\)"):
        cells.number(v, E2005, 7, 2, "PCI.entry_costs")


def test_scale_without_a_maximum_and_unknown_indicators():
    # PCI 2005 background conditions: minimum 0, no maximum (codebook note: values just above 10)
    assert cells.number(10.005, E2005, 7, 2, "PCI.cond_human_resources") == 10.005
    with pytest.raises(SourceFormatError, match=r"between 0 and inf \(codebook scale for 2005\)"):
        cells.number(-1, E2005, 7, 2, "PCI.cond_human_resources")
    assert cells.number(-5, E2005, 7, 2, "PCI.not_in_codebook") == -5.0   # no scale known: none enforced
    assert cells.number(250, E2005, 7, 2, "a rank") == 250.0              # not a score: no scale


@pytest.mark.parametrize("v,expected", [(1, 1), (63.0, 63), ("12", 12), (None, None), ("-", None)])
def test_rank_value(v, expected):
    assert cells.rank_value(v, E2005, 7, 2) == expected


@pytest.mark.parametrize("v", [0, 2.5, -3, "1,5"])
def test_rank_value_refuses_a_rank_that_is_not_whole_and_positive(v):
    with pytest.raises(SourceFormatError, match=WHERE + r".*expected a whole rank >= 1"):
        cells.rank_value(v, E2005, 7, 2)


def test_resolve_names_the_cell_of_an_unknown_province():
    assert cells.resolve("TP. Hồ Chí Minh", E2005, 7, 2).code == "79"
    with pytest.raises(SourceFormatError, match=WHERE + r".*found 'Atlantis'"):
        cells.resolve("Atlantis", E2005, 7, 2)


@pytest.mark.parametrize("row,prov_col,expected", [
    ([None, "", float("nan")], 1, "blank row"),
    ([1, "Trung vị", 55.0], 1, "summary row (median)"),
    ([None, "Cao nhất", 70.0], 1, "summary row (max)"),
    ([None, "Xếp hạng", 3], 1, "rank line of the repeated province above (not a province)"),
    ([None, "Tỉnh/Thành phố", "PCI"], 1, "repeated header row"),
    ([None, "STT", "PCI"], 1, "repeated header row"),
    ([None, None, 55.0], 1, "row without a province name"),
    ([None, None, "Median", 55.0], 1, "summary row (median)"),    # label in another column
    ([None, None, 55.0], 5, "row without a province name"),        # province column beyond the row
    ([2, "Hà Nội", 60.1], 1, None),
    (["Hà Nội", "Xếp hạng"], 0, None),                              # only the province column counts
])
def test_non_province_reason(row, prov_col, expected):
    assert cells.non_province_reason(row, prov_col) == expected


@pytest.mark.parametrize("v,expected", [(1, True), (63.0, True), ("12", True), (" 7 ", True), (0, False),
                                        (2.5, False), (True, False), (None, False), ("7a", False), ("", False)])
def test_is_position(v, expected):
    assert cells.is_position(v) is expected


def test_check_indicators_names_missing_and_unexpected():
    cells.check_indicators({"PCI.a", "PCI.b"}, {"PCI.b", "PCI.a"}, E2005)
    with pytest.raises(SourceFormatError, match=r"pci/SYNTHETIC\.xls.*sheet 'S1'.*expected the sub-indices of the "
                                                r"codebook for PCI 2005: PCI\.a, PCI\.b.*found 'missing PCI\.b; "
                                                r"unexpected PCI\.c'"):
        cells.check_indicators({"PCI.a", "PCI.c"}, {"PCI.a", "PCI.b"}, E2005)
