"""Header cells of official tables onto roles and indicators (parlib.tables.headers): the maximum and
the percent sign read from the parentheses, the longest synonym winning, ties refused with the
candidates named, the tie rules (an area that names the province; the generic "index" word and the
PCI score), the year's codebook deciding which areas count. Expected values are worked out from the
header text and the synonyms table by hand (see each comment); no raw data needed."""
from __future__ import annotations

import pytest

from parlib.tables import headers as H
from parlib.tables.headers import HeaderMatch


@pytest.mark.parametrize("label,expected", [
    ("Cải cách thủ tục hành chính (13)", ("Cải cách thủ tục hành chính", 13.0, False)),
    ("Tác động của cải cách hành chính (16,5)", ("Tác động của cải cách hành chính", 16.5, False)),  # decimal comma
    ("Chỉ số (%)", ("Chỉ số", None, True)),
    ("Tỷ lệ %", ("Tỷ lệ", None, True)),                       # a percent sign outside parentheses
    ("Điểm (50%)", ("Điểm", None, True)),                       # "...%" inside: percent, not a maximum
    ("Tổng điểm (tối đa 100 điểm)", ("Tổng điểm", 100.0, False)),
    ("Tổng điểm (toi da 60 diem)", ("Tổng điểm", 60.0, False)),
    ("Score (Max. 10 pts)", ("Score", 10.0, False)),
    ("Score (maximum 7,25 points)", ("Score", 7.25, False)),
    ("Score (MAX 4 point)", ("Score", 4.0, False)),
    ("Điểm (3 đ)", ("Điểm", 3.0, False)),
    ("Điểm ( 4 )", ("Điểm", 4.0, False)),
    ("Điểm (13) (14)", ("Điểm", 13.0, False)),                  # the first maximum counts
    ("Chỉ số PAPI tổng hợp (không có trọng số)", ("Chỉ số PAPI tổng hợp không có trọng số", None, False)),
    ("Điểm (4.)", ("Điểm 4.", None, False)),                    # not a maximum: kept as text
    ("Điểm (-4)", ("Điểm -4", None, False)),
    ("Công tác\nchỉ đạo  (8)", ("Công tác chỉ đạo", 8.0, False)),
    (None, ("", None, False)),
    (12, ("12", None, False)),
    ("Tổng điểm (tối\nđa 100 điểm)", ("Tổng điểm", 100.0, False)),   # a header cell wrapped inside the parentheses
    ("Điểm (%) (10)", ("Điểm", 10.0, True)),                        # a maximum after the percent sign
])
def test_split_label_reads_the_maximum_and_the_percent_sign(label, expected):
    assert H.split_label(label) == expected


def test_words_fold_to_ascii_and_split_dashes():
    assert H.words("Cải cách TTHC - e-Government") == ("cai", "cach", "tthc", "e", "government")
    assert H.words("Điều hành") == ("dieu", "hanh")
    assert H.words("(%)") == ()


PAR23 = ("PAR", 2023)


@pytest.mark.parametrize("label,index,year,expected", [
    # the codebook's own name (6 words) beats the synonym "thu tuc hanh chinh" (4)
    ("Cải cách thủ tục hành chính", "PAR", 2023, HeaderMatch("area", "PAR.procedures", None, False, 6)),
    # "chi dao" and "dieu hanh" (2 words each) both mean PAR.direction; the maximum comes along
    ("Công tác chỉ đạo, điều hành (8)", "PAR", 2023, HeaderMatch("area", "PAR.direction", 8.0, False, 2)),
    # "chi so cchc" (3 words), generic index; the percent sign is kept
    ("Chỉ số CCHC (%)", "PAR", 2023, HeaderMatch("index", None, None, True, 3)),
    # "xep hang" (rank) + "tthc" (procedures): the rank of one area
    ("Xếp hạng cải cách TTHC", "PAR", 2023, HeaderMatch("area_rank", "PAR.procedures", None, False, 1)),
    # "the che" (2 words, institutions) beats "tthc" (1 word, procedures)
    ("Xếp hạng thể chế TTHC", "PAR", 2023, HeaderMatch("area_rank", "PAR.institutions", None, False, 2)),
    ("Xếp hạng", "PAR", 2023, HeaderMatch("rank", None, None, False, 2)),
    ("#", "PAR", 2023, HeaderMatch("stt", None, None, False, 1)),
    ("STT", "PCI", 2019, HeaderMatch("stt", None, None, False, 1)),
    ("Cận dưới", "PAPI", 2019, HeaderMatch("ci_low", None, None, False, 2)),
    # "vbqppl" (area) and "tinh" (unit) tie at one word: an area that names the province
    ("VBQPPL tại tỉnh", "PAR", 2023, HeaderMatch("area", "PAR.institutions", None, False, 1)),
    # "pci" (PCI.overall) and "index" (generic) tie: the generic word and the PCI score agree
    ("PCI Index", "PCI", 2019, HeaderMatch("index", "PCI.overall", None, False, 1)),
    # "chi so" (index) and "don vi" (unit) tie at two words: the index of the unit
    ("Chỉ số đơn vị", "PAR", 2023, HeaderMatch("index", None, None, False, 2)),
    # "chi so papi" (3 words) only counts in a PAPI table; in a PCI table only "chi so" (2) matches
    ("Chỉ số PAPI", "PAPI", 2019, HeaderMatch("index", "PAPI.total", None, False, 3)),
    ("Chỉ số PAPI", "PCI", 2019, HeaderMatch("index", None, None, False, 2)),
    # PAR.modernization is an area of the 2012-2016 method only
    ("Hiện đại hóa hành chính", "PAR", 2016, HeaderMatch("area", "PAR.modernization", None, False, 5)),
    ("Hiện đại hóa hành chính", "PAR", 2023, None),
    ("Điểm số PCI", "PAR", 2023, None),
    ("xyz", "PAR", 2023, None),
    ("(%)", "PAR", 2023, None),
    ("   ", "PAR", 2023, None),
    (None, "PAR", 2023, None),
])
def test_match_label(label, index, year, expected):
    assert H.match_label(label, index, year) == expected


@pytest.mark.parametrize("label,message", [
    ("Xếp hạng TTHC VBQPPL", "^matches several areas: PAR.institutions, PAR.procedures$"),
    # "tac dong" (impact) and "cong vu" (civil service): two words each
    ("Tác động công vụ", "^matches several meanings: area=PAR.civil_service, area=PAR.impact$"),
    # "tong" (total) and "hang" (rank) one word each; no area, so no area rank
    ("Tổng hạng", "^matches several meanings: rank, total$"),
    # "hang" (rank) and "tinh" (unit): a unit only gives way to an area or the index
    ("Hạng tỉnh", "^matches several meanings: rank, unit$"),
    # "tong" (total) and "tthc" (an area): no rule picks one
    ("Tổng TTHC", "^matches several meanings: area=PAR.procedures, total$"),
])
def test_equally_good_meanings_are_refused_with_the_candidates(label, message):
    with pytest.raises(ValueError, match=message):
        H.match_label(label, *PAR23)


def test_area_any_year_names_the_area_of_another_year():
    assert H.area_any_year("Hiện đại hóa hành chính", "PAR") == "PAR.modernization"
    assert H.area_any_year("Cải cách thủ tục hành chính (13)", "PAR") == "PAR.procedures"
    assert H.area_any_year("Thủ tục hành chính", "SIPAS") == "SIPAS.procedures"
    assert H.area_any_year("Xếp hạng", "PAR") is None          # a role, not an area
    assert H.area_any_year("Tác động", "PCI") is None          # a PAR area, not a PCI one


def test_one_word_synonyms_and_ties_take_the_first_row_of_the_table():
    assert H.area_any_year("TTHC", "PAR") == "PAR.procedures"          # one word is enough
    # "vbqppl" (institutions) and "tthc" (procedures), one word each: the table's first row wins
    assert H.area_any_year("TTHC VBQPPL", "PAR") == "PAR.institutions"
    assert H.role_of("Tổng", "PAR") == "total"
    assert H.role_of("Tổng hạng", "PAR") == "total"                   # "tong" comes before "hang"


def test_role_of_takes_the_longest_synonym_of_the_index():
    assert H.role_of("Tổng điểm", "PAR") == "total"
    assert H.role_of("Xếp hạng chung", "PAR") == "rank"
    assert H.role_of("Điểm số PCI", "PCI") == "index"
    assert H.role_of("Điểm số PCI", "PAR") is None             # "pci" is a PCI synonym only
    assert H.role_of("Xếp loại", "PCI") == "tier"
    assert H.role_of("zzz", "PAR") is None


def test_known_names_and_valid_indicators_of_a_year():
    # the Ministry's 2023 PAR INDEX: eight areas and the index
    assert H.valid_indicators("PAR", 2023) == {
        "PAR.overall", "PAR.direction", "PAR.institutions", "PAR.procedures", "PAR.apparatus",
        "PAR.civil_service", "PAR.public_finance", "PAR.digital_government", "PAR.impact"}
    names = H.known_names("PAR", 2023)
    assert len(names) == 9
    assert "Cải cách thể chế / Institutional reform" in names


def test_synonyms_are_read_afresh_after_clear_cache():
    H.clear_cache()
    syn = H._synonyms()
    assert syn[0] == ("*", "stt", None, ("stt",))
    assert ("*", "stt", None, ("#",)) in syn                  # a synonym with no letters stays as written
    assert ("PCI", "tier", None, ("xep", "loai")) in syn
    # the codebook's names: once per (index, indicator, words), whatever the number of years
    procedures = [s for s in syn if s == ("PAR", "area", "PAR.procedures", ("cai", "cach", "thu", "tuc", "hanh", "chinh"))]
    assert len(procedures) == 1
    assert ("PAR", "area", "PAR.procedures", ("administrative", "procedure", "reform")) in syn   # name_en
    assert not [s for s in syn if s[0] == "PAR" and s[2] == "PAR.overall" and s[1] == "area"]   # overall is not an area
