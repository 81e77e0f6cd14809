"""The codebook API (parlib.codebook) on a small SYNTHETIC codebook written here, so every
expected value is read off the table below, not from the code under test."""
import math

import pandas as pd
import pytest

from parlib import codebook
from parlib.errors import ParameterError, SourceFormatError

HEAD = ("index,indicator,level,parent,name_en,name_vi,scale_min,scale_max,weight,aggregation,"
        "year_from,year_to,era,higher_is_better,notes\n")
# SYNTHETIC codebook (test fixture): two eras of index X, a 'sum' index Y, a weight-less Z
SYNTHETIC = HEAD + """\
X,X.overall,overall,,Overall,Tổng,0,100,,weighted_sum,2010,2015,e1,True,
X,X.a,area,X.overall,A,A,1,10,0.6,,2010,2015,e1,True,
X,X.b,area,X.overall,B,B,1,10,0.4,,2010,2015,e1,no,
X,X.overall,overall,,Overall,Tổng,0,60,,mean,2016,2020,e2,True,
X,X.a,area,X.overall,A,A,0,10,,,2016,2020,e2,True,
X,X.b,area,X.overall,B,B,0,10,,,2016,2020,e2,False,
X,X.c,area,X.overall,C,C,0,10,,,2016,2020,e2,0,
X,X.b.1,sub,X.b,B1,B1,0,5,,,2016,2020,e2,True,
Y,Y.note,overall,,Note,Ghi chú,,,,,2019,2019,y,True,
Y,Y.total,overall,,Total,Tổng,0,30,,sum,2019,2019,y,True,
Y,Y.p,area,Y.total,P,P,0,10,,,2019,2019,y,True,
Y,Y.q,area,Y.total,Q,Q,0,10,,,2019,2019,y,True,
Y,Y.q,area,Y.total,Q,Q,0,10,,,2019,2019,y,True,a second row for the same year (the first wins)
Y,Y.alt,area,Y.total,Alt,Alt,0,10,,alternative_split,2019,2019,y,True,a second split of the same total
Z,Z.o,overall,,O,O,0,10,,weighted_sum,2019,2019,z,True,
Z,Z.a,area,Z.o,A,A,0,10,1,,2019,2019,z,True,
Z,Z.b,area,Z.o,B,B,0,10,,,2019,2019,z,True,
Z,Z.a.1,sub,Z.a,A1,A1,0,10,0.25,,2019,2019,z,True,
"""


@pytest.fixture
def synthetic(tmp_path, monkeypatch):
    (tmp_path / "codebook").mkdir()
    (tmp_path / "codebook" / "synthetic.csv").write_text(SYNTHETIC, encoding="utf-8")
    monkeypatch.setattr(codebook, "reference_dir", lambda: tmp_path)
    codebook.clear_cache()
    yield tmp_path
    codebook.clear_cache()


def ids(frame):
    return list(frame.indicator)


def test_for_year_keeps_the_rows_in_force_including_both_boundary_years(synthetic):
    assert ids(codebook.for_year("X", 2010)) == ["X.overall", "X.a", "X.b"]
    assert ids(codebook.for_year("X", 2015)) == ["X.overall", "X.a", "X.b"]
    assert ids(codebook.for_year("X", 2016)) == ["X.overall", "X.a", "X.b", "X.c", "X.b.1"]
    assert ids(codebook.for_year("X", "2020")) == ["X.overall", "X.a", "X.b", "X.c", "X.b.1"]
    assert ids(codebook.for_year("X", 2009)) == [] and ids(codebook.for_year("X", 2021)) == []
    assert ids(codebook.for_year("Y", 2019)) == ["Y.note", "Y.total", "Y.p", "Y.q", "Y.q", "Y.alt"]


def test_lookup_returns_the_row_of_the_year_and_names_an_unknown_indicator(synthetic):
    assert codebook.lookup("X", "X.a", 2012)["scale_min"] == 1
    assert codebook.lookup("X", "X.a", "2017")["scale_min"] == 0
    assert codebook.lookup("X", "X.overall", 2017)["scale_max"] == 60
    with pytest.raises(ParameterError, match=r"^invalid indicator: 'X\.z \(X 2012\)'; allowed: "
                                             r"X\.a, X\.b, X\.b\.1, X\.c, X\.overall$"):
        codebook.lookup("X", "X.z", 2012)
    with pytest.raises(ParameterError, match=r"invalid indicator: 'X\.c \(X 2012\)'"):
        codebook.lookup("X", "X.c", 2012)   # exists only from 2016


def test_higher_is_better_reads_false_no_and_zero_as_false(synthetic):
    hib = {(r.indicator, r.year_from): r.higher_is_better for r in codebook.load_codebook().itertuples()}
    assert hib[("X.a", 2010)] is True and hib[("X.b", 2010)] is False
    assert hib[("X.b", 2016)] is False and hib[("X.c", 2016)] is False and hib[("X.b.1", 2016)] is True
    cb = codebook.load_codebook()
    assert list(cb.loc[cb.indicator == "X.a", "parent"]) == ["X.overall", "X.overall"]
    assert list(cb.loc[cb.indicator == "X.overall", "parent"]) == ["", ""]
    assert list(cb.loc[cb.indicator == "X.a", "aggregation"]) == ["", ""]
    assert set(cb.codebook_file) == {"synthetic.csv"}
    assert cb.year_from.dtype.kind == "i" and cb.year_to.dtype.kind == "i"


def test_children_and_weights(synthetic):
    assert ids(codebook.children("X", "X.overall", 2012)) == ["X.a", "X.b"]
    assert ids(codebook.children("X", "X.b", "2017")) == ["X.b.1"]
    assert codebook.weights("X", 2012) == {"X.a": 0.6, "X.b": 0.4}
    assert codebook.weights("X", "2012", "X.overall") == {"X.a": 0.6, "X.b": 0.4}
    assert codebook.weights("X", 2017) == {}          # no weights in that era: none assumed
    assert codebook.weights("Z", 2019) == {"Z.a": 1.0}
    assert codebook.weights("Z", 2019, "Z.a") == {"Z.a.1": 0.25}
    assert codebook.lookup("Y", "Y.q", 2019)["notes"] == ""       # the first row of the year
    assert codebook.weights("X", 2009) == {}


def test_era_and_same_series(synthetic):
    assert codebook.era("X", "X.a", 2012) == "e1" and codebook.era("X", "X.a", 2016) == "e2"
    assert codebook.era("X", "X.z", 2012) == ""
    assert codebook.same_series("X", "X.a", 2010, 2015) is True
    assert codebook.same_series("X", "X.a", 2015, 2016) is False
    assert codebook.same_series("X", "X.z", 2012, 2013) is False   # unknown in both: not a series


def test_overall_indicator_is_the_aggregated_one(synthetic):
    assert codebook.overall_indicator("Y", 2019) == "Y.total"
    assert codebook.overall_indicator("X", 2012) == "X.overall"
    assert codebook.overall_indicator("X", 2009) is None


def test_effective_weights_by_aggregation(synthetic):
    assert codebook.effective_weights("X", 2012, "X.overall") == [("X.a", 0.6), ("X.b", 0.4)]
    assert codebook.effective_weights("X", 2017, "X.overall") == [("X.a", 1 / 3), ("X.b", 1 / 3), ("X.c", 1 / 3)]
    assert codebook.effective_weights("Y", 2019, "Y.total") == [("Y.p", 1.0), ("Y.q", 1.0)]
    (a, wa), (b, wb) = codebook.effective_weights("Z", "2019", "Z.o")
    assert (a, wa, b) == ("Z.a", 1.0, "Z.b") and math.isnan(wb)
    assert codebook.effective_weights("X", 2017, "X.b") == []     # no aggregation given
    assert codebook.effective_weights("X", 2017, "X.a") == []     # no children
    assert codebook.effective_weights("X", 2017, "X.none") == []


def test_a_codebook_file_missing_a_column_is_named(synthetic):
    (synthetic / "codebook" / "broken.csv").write_text(HEAD.replace(",era", ""), encoding="utf-8")
    codebook.clear_cache()
    with pytest.raises(SourceFormatError, match=r"broken\.csv.*column 'era'.*expected codebook columns index, "
                                                r"indicator, level"):
        codebook.load_codebook()


def test_no_codebook_files_gives_an_empty_frame_with_the_columns(tmp_path, monkeypatch):
    (tmp_path / "codebook").mkdir()
    monkeypatch.setattr(codebook, "reference_dir", lambda: tmp_path)
    codebook.clear_cache()
    try:
        cb = codebook.load_codebook()
        assert cb.empty and list(cb.columns) == codebook.COLUMNS
    finally:
        codebook.clear_cache()


def test_clear_cache_rereads_the_files(synthetic):
    assert codebook.weights("X", 2012) == {"X.a": 0.6, "X.b": 0.4}
    (synthetic / "codebook" / "synthetic.csv").write_text(SYNTHETIC.replace(",0.6,", ",0.7,"), encoding="utf-8")
    codebook.clear_cache()
    assert codebook.weights("X", 2012) == {"X.a": 0.7, "X.b": 0.4}
    assert ids(codebook.children("X", "X.overall", 2012)) == ["X.a", "X.b"]
