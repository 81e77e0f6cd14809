"""Cell parsing shared by the PCI readers (parlib.sources.pci.cells): numbers, N/A text, ranks,
codebook scale checks and the rows that are not provinces; errors name file, sheet, row, column."""
from dataclasses import replace

import re

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


@pytest.mark.parametrize("v,shown", [(True, "True"), ("abc", "'abc'"), ("6.2.1", "'6.2.1'")])
def test_number_names_the_cell_of_a_non_number(v, shown):
    with pytest.raises(SourceFormatError, match=WHERE + r": expected a number \(PCI\.entry_costs\) found "
                                                + re.escape(shown) + "$"):
        cells.number(v, E2005, 7, 2, "PCI.entry_costs")


@pytest.mark.parametrize("v,shown", [(10.01, "10.01"), (-0.01, "-0.01"), ("11", "'11'"), (float("inf"), "inf")])
def test_a_score_outside_its_codebook_scale_is_refused(v, shown):
    with pytest.raises(SourceFormatError, match=WHERE + r": expected a PCI\.entry_costs score between 0 and 10 "
                                                        r"\(codebook scale for 2005\) found " + re.escape(shown) + "$"):
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


@pytest.mark.parametrize("v,shown", [(0, "0"), (2.5, "2.5"), (-3, "-3"), ("1,5", "'1,5'")])
def test_rank_value_refuses_a_rank_that_is_not_whole_and_positive(v, shown):
    with pytest.raises(SourceFormatError, match=WHERE + r": expected a whole rank >= 1 found " + re.escape(shown) + "$"):
        cells.rank_value(v, E2005, 7, 2)


def test_rank_value_names_the_cell_of_text():
    with pytest.raises(SourceFormatError, match=WHERE + r": expected a number \(a rank\) found 'abc'$"):
        cells.rank_value("abc", E2005, 7, 2)


def test_scale_without_a_minimum(monkeypatch):
    monkeypatch.setattr(cells, "_scale", lambda indicator, year: (None, 5.0))
    assert cells.number(-1e9, E2005, 7, 2, "PCI.x") == -1e9
    with pytest.raises(SourceFormatError, match=r"expected a PCI\.x score between -inf and 5 \(codebook"):
        cells.number(6, E2005, 7, 2, "PCI.x")


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
    ([None, None, 55.0], 3, "row without a province name"),        # just beyond the row
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
    with pytest.raises(SourceFormatError, match=r"^pci/SYNTHETIC\.xls, sheet 'S1', row 2: expected the sub-indices "
                       r"of the codebook for PCI 2005: PCI\.a, PCI\.b, PCI\.c found 'missing PCI\.b, PCI\.c; unexpected '$"):
        cells.check_indicators({"PCI.a"}, {"PCI.a", "PCI.b", "PCI.c"}, replace(E2005, header_rows=(2,)))
    with pytest.raises(SourceFormatError, match=r"^pci/SYNTHETIC\.xls, sheet 'S1': expected .* found 'missing ; "
                       r"unexpected PCI\.b, PCI\.c'$"):
        cells.check_indicators({"PCI.a", "PCI.b", "PCI.c"}, {"PCI.a"}, replace(E2005, header_rows=()))


# ----------------------------------------------------------------------------- header maps
def sheet(*columns, rows=2):
    """A SYNTHETIC sheet: one header row per text in each column, then ``rows`` data rows."""
    import pandas as pd

    data = [[c[i] if i < len(c) else None for c in columns] for i in range(max(map(len, columns)))]
    return pd.DataFrame(data, dtype=object)


E19 = replace(E2005, years=(2019,), header_rows=(1, 2), columns={}, year_inferred=False)
HEAD = r"^pci/SYNTHETIC\.xls, sheet 'S1', row 1, column '{}': "


def test_header_map_targets_of_each_column():
    df = sheet(["STT", None, 1, 2], ["Tỉnh/Thành phố", None, "Hà Nội", "Hải Phòng"],
               ["Chỉ số 1: Gia nhập thị trường", "Entry costs", 6.5, 7.0], ["PCI 2019", None, 68.8, 70.0],
               ["Xếp hạng 2019", None, 10, 5], ["Ghi chú lạ", None, None, None], [None, None, None, None])
    assert cells.header_map(df, E19, 2) == {0: "_position", 1: "_province", 2: "PCI.entry_costs",
                                            3: "PCI.overall", 4: "_rank"}
    # a header row beyond the sheet is ignored; fixed columns of the catalog win
    assert cells.header_map(df, replace(E19, header_rows=(1, 5)), 2)[2] == "PCI.entry_costs"  # row 5: beyond
    mid = sheet(["Tỉnh", None, "Hà Nội"], ["Ghi chú lạ", None, None], [None, None, None], ["Entry costs", None, 5.0])
    assert cells.header_map(mid, E19, 2) == {0: "_province", 3: "PCI.entry_costs"}   # skipped columns in between
    fixed = replace(E19, header_rows=(1, 40), columns={"A": "_rank", "H": "PCI.transparency"})
    assert cells.header_map(df, fixed, 2) == {0: "_rank", 1: "_province", 2: "PCI.entry_costs",
                                              3: "PCI.overall", 4: "_rank", 7: "PCI.transparency"}


def test_header_map_unknown_header_over_data_is_named():
    df = sheet(["Tỉnh", None, "Hà Nội"], ["Entry costs", None, 5.0], ["Ghi chú lạ", "x", 3.0])
    with pytest.raises(SourceFormatError, match=HEAD.format("C") + r"expected a known PCI column header "
                                                                   r"found 'Ghi chú lạ / x'$"):
        cells.header_map(df, E19, 2)
    assert cells.header_map(df, E19, 3) == {0: "_province", 1: "PCI.entry_costs"}   # no data below: skipped


def test_header_map_header_rows_that_disagree_are_named():
    df = sheet(["Tỉnh", None, "Hà Nội"], ["Gia nhập thị trường", "Land access", 5.0])
    with pytest.raises(SourceFormatError, match=HEAD.format("B") + r"header rows disagree: \['PCI\.entry_costs', "
                       r"'PCI\.land_access'\] expected header rows that agree found 'Gia nhập thị trường / Land access'$"):
        cells.header_map(df, E19, 2)


@pytest.mark.parametrize("header,target", [("PCI 2018", "PCI.overall"), ("Xếp hạng 2018", "_rank"),
                                           ("PCI chưa có trọng số 2018", "PCI.unweighted")])
def test_header_map_refuses_a_stale_sheet_of_another_year(header, target):
    df = sheet(["Tỉnh", None, "Hà Nội"], [header, None, 50.0])
    with pytest.raises(SourceFormatError, match=HEAD.format("B") + r"the sheet names another year \(stale copy\?\) "
                       r"expected a header for PCI 2019 found '" + header + "'$"):
        cells.header_map(df, E19, 2)
    assert cells.header_map(df, replace(E19, year_inferred=True), 2) == {0: "_province", 1: target}
    assert cells.header_map(df, replace(E19, years=(2018, 2019)), 2) == {0: "_province", 1: target}
    ok = sheet(["Tỉnh", None, "Hà Nội"], [header.replace("2018", "2019"), None, 50.0])
    assert cells.header_map(ok, E19, 2) == {0: "_province", 1: target}
    two = sheet(["Tỉnh", None, "Hà Nội"], [header, "Ghi chú", 50.0])
    with pytest.raises(SourceFormatError, match=r"found '" + header + " / Ghi chú'$"):
        cells.header_map(two, E19, 2)
    sub = sheet(["Tỉnh", None, "Hà Nội"], ["Gia nhập thị trường 2018", None, 5.0])   # only totals are checked
    assert cells.header_map(sub, E19, 2) == {0: "_province", 1: "PCI.entry_costs"}
