"""The forms of a provincial target cell (parlib.analysis.target_forms): every form of the module
table, the goal in words (en/vi), and criteria named in words. Expected values are the cells'
own numbers read by hand."""
import math

import pandas as pd
import pytest

from parlib.analysis import target_forms as tf


@pytest.mark.parametrize("cell,value", [
    (74.81, 74.81), (65, 65.0), ("65", 65.0), ("67,38", 67.38), ("  74.81 ", 74.81),
    ("từ 65 điểm trở lên", 65.0), ("at least 70 points", 70.0), ("≥ 68,5", 68.5),
    (">=66", 66.0), ("from 60 points or more", 60.0), ("65 điểm", 65.0), ("70 point", 70.0),
])
def test_score_levels(cell, value):
    g = tf.parse_score(cell)
    assert (g.measure, g.kind, g.value, g.high, g.base_year) == (tf.SCORE, tf.LEVEL, value, None,
                                                                 None)
    assert g.text == (str(cell) if not isinstance(cell, str) else cell.strip())


@pytest.mark.parametrize("cell,value,high,base", [
    ("tăng 2 điểm", 2.0, None, None),
    ("increase 1,5 points compared with 2019", 1.5, None, 2019),
    ("up 3 points vs 2020", 3.0, None, 2020),
    ("+2 điểm so với năm 2018", 2.0, None, 2018),
    ("+3-1 points", 1.0, 3.0, None),          # a range kept low..high whichever way written
    ("tăng 1 đến 2 điểm", 1.0, 2.0, None),
    ("+0.5 to 1 points than 2017", 0.5, 1.0, 2017),
    ("up 2–3", 2.0, 3.0, None),
])
def test_score_changes(cell, value, high, base):
    g = tf.parse_score(cell)
    assert (g.measure, g.kind, g.value, g.high, g.base_year) == (tf.SCORE, tf.CHANGE, value, high,
                                                                 base)
    assert g.text == cell


@pytest.mark.parametrize("cell", [None, float("nan"), "", "   "])
def test_empty_score_cells_give_no_goal(cell):
    assert tf.parse_score(cell) is None


@pytest.mark.parametrize("cell", ["+ points", "tăng nhiều", "high", "74.81.2"])
def test_score_cells_in_no_form_refused_with_the_cell(cell):
    with pytest.raises(tf.FormError, match=r"is not a score target \(a number such as 74\.81"):
        tf.parse_score(cell)
    with pytest.raises(tf.FormError) as e:
        tf.parse_score(cell)
    assert str(e.value).startswith(repr(cell.strip()))


@pytest.mark.parametrize("cell,measure,kind,value,high,base", [
    (6, tf.RANK, tf.LEVEL, 6.0, None, None),
    ("6", tf.RANK, tf.LEVEL, 6.0, None, None),
    (12.0, tf.RANK, tf.LEVEL, 12.0, None, None),
    ("top 20", tf.RANK, tf.LEVEL, 20.0, None, None),
    ("tops 3", tf.RANK, tf.LEVEL, 3.0, None, None),
    ("group of 10 best provinces", tf.RANK, tf.LEVEL, 10.0, None, None),
    ("among the 15 leading provinces", tf.RANK, tf.LEVEL, 15.0, None, None),
    ("nhóm 25-30", tf.RANK, tf.BAND, 25.0, 30.0, None),
    ("30 to 20", tf.RANK, tf.BAND, 20.0, 30.0, None),
    ("up 3 places", tf.RANK, tf.CHANGE, 3.0, None, None),
    ("gain 2 positions compared to 2018", tf.RANK, tf.CHANGE, 2.0, None, 2018),
    ("rise 4 ranks", tf.RANK, tf.CHANGE, 4.0, None, None),
    ("improve 5-2 places vs. 2019", tf.RANK, tf.CHANGE, 2.0, 5.0, 2019),
    ("tăng 1 bậc", tf.RANK, tf.CHANGE, 1.0, None, None),
    ("rất tốt", tf.TIER, tf.TIER, None, None, None),
    ("very good", tf.TIER, tf.TIER, None, None, None),
    ("nhóm khá", tf.TIER, tf.TIER, None, None, None),
])
def test_rank_forms_each(cell, measure, kind, value, high, base):
    (g,) = tf.parse_rank(cell)
    assert (g.measure, g.kind, g.value, g.high, g.base_year) == (measure, kind, value, high, base)
    assert g.text == str(cell)          # the cell as written, for the report


def test_places_without_a_word_for_up_are_not_a_change():
    (g,) = tf.parse_rank("top 5 places")
    assert (g.kind, g.value) == (tf.LEVEL, 5.0)


def test_rank_cells_text_kept_and_split_on_semicolons():
    assert tf.parse_rank(7)[0].text == "7"
    assert tf.parse_rank(" top 5 ")[0].text == "top 5"
    assert tf.parse_rank("nhóm tốt ")[0].text == "nhóm tốt"
    goals = tf.parse_rank("top 10; ; 20-25;")
    assert [(g.kind, g.value, g.high) for g in goals] == [(tf.LEVEL, 10, None), (tf.BAND, 20, 25)]
    assert [g.text for g in goals] == ["top 10", " 20-25"]


@pytest.mark.parametrize("cell", [None, float("nan"), "", "  "])
def test_empty_rank_cells_give_no_goal(cell):
    assert tf.parse_rank(cell) == []


def test_rank_cells_in_no_form_refused_with_the_cell():
    with pytest.raises(tf.FormError, match=r"^'tăng 2 điểm' is not a rank target \(a number, "
                                           r"'top N', a band such as '20-25'"):
        tf.parse_rank("tăng 2 điểm")        # points, not places: a score goal
    with pytest.raises(tf.FormError, match="'1-2 points' is not a rank target"):
        tf.parse_rank("1-2 points")
    with pytest.raises(tf.FormError, match="not a rank target"):
        tf.parse_rank("tăng bậc")           # a change with no number
    with pytest.raises(tf.FormError, match=r" or a change such as 'tăng từ 2 bậc'\)$"):
        tf.parse_rank("soon")


@pytest.mark.parametrize("goal,en,vi", [
    (tf.Goal(tf.SCORE, tf.LEVEL, 74.81), "score ≥ 74.81", "điểm ≥ 74,81"),
    (tf.Goal(tf.SCORE, tf.CHANGE, 3.37, None, 2018), "score up ≥ 3.37 points on 2018",
     "tăng ≥ 3,37 điểm so với 2018"),
    (tf.Goal(tf.SCORE, tf.CHANGE, 1.0, 2.0), "score up ≥ 1 points (1–2) on the previous survey",
     "tăng ≥ 1 điểm (1–2) so với kỳ trước"),
    (tf.Goal(tf.RANK, tf.LEVEL, 15.0), "rank ≤ 15", "hạng ≤ 15"),
    (tf.Goal(tf.RANK, tf.BAND, 20.0, 25.0), "rank within 20–25", "hạng trong nhóm 20–25"),
    (tf.Goal(tf.RANK, tf.CHANGE, 2.0, None, 2019), "up ≥ 2 places on 2019",
     "tăng ≥ 2 bậc so với 2019"),
    (tf.Goal(tf.RANK, tf.CHANGE, 2.0, 3.5), "up ≥ 2 places (2–3.5) on the previous survey",
     "tăng ≥ 2 bậc (2–3,5) so với kỳ trước"),
    (tf.Goal(tf.TIER, tf.TIER, None, text="nhóm tốt"), "tier: nhóm tốt", "nhóm xếp loại: nhóm tốt"),
])
def test_goal_in_words(goal, en, vi):
    assert goal.describe() == en and goal.describe("en") == en
    assert goal.describe("vi") == vi


def _candidates():
    return pd.DataFrame({
        "indicator": ["PCI.entry_costs", "PCI.transparency", "PCI.time_costs", "PCI.land_access"],
        "name_en": ["Entry costs", "Transparency", "Time costs", "Land access and security"],
        "name_vi": ["Chi phí gia nhập thị trường", "Tính minh bạch", "Chi phí thời gian",
                    "Tiếp cận đất đai"]})


@pytest.mark.parametrize("cell", [None, "", "overall", "Tổng điểm", "tổng", "TOTAL",
                                  "Chỉ số tổng hợp", float("nan")])
def test_overall_named_in_words(cell):
    assert tf.match_indicators(None if isinstance(cell, float) else cell, _candidates()) == \
        ["overall"]


def test_criteria_by_code_short_code_and_words():
    c = _candidates()
    assert tf.match_indicators("PCI.transparency", c) == ["PCI.transparency"]
    assert tf.match_indicators("pci.TRANSPARENCY", c) == ["PCI.transparency"]
    assert tf.match_indicators("land_access", c) == ["PCI.land_access"]
    assert tf.match_indicators("Tính minh bạch", c) == ["PCI.transparency"]
    # several, separated by commas, ";", "và" or "and"; the same criterion once
    assert tf.match_indicators("tính minh bạch và tiếp cận đất đai; entry costs", c) == \
        ["PCI.transparency", "PCI.land_access", "PCI.entry_costs"]
    assert tf.match_indicators("transparency and Transparency,", c) == ["PCI.transparency"]
    # half the words are enough: "time" matches Time costs (1 of 2 words: "time", "cost")
    assert tf.match_indicators("time cost", c) == ["PCI.time_costs"]
    assert tf.match_indicators("the land access", c) == ["PCI.land_access"]


def test_criteria_ambiguous_or_unknown_refused_naming_the_part():
    c = _candidates()
    with pytest.raises(tf.FormError, match=r"^'chi phí' names no single criterion \(candidates: "
                                           r"PCI.entry_costs, PCI.time_costs\)$"):
        tf.match_indicators("chi phí", c)
    with pytest.raises(tf.FormError, match=r"^'Atlantis' names no single criterion$"):
        tf.match_indicators("Atlantis", c)
    # one word of three matches: below half
    with pytest.raises(tf.FormError, match="'access to markets' names no single criterion"):
        tf.match_indicators("access to markets", c)


def test_number_words():
    assert tf._n(None) == "" and tf._n(74.81) == "74.81" and tf._n(74.81, True) == "74,81"
    assert tf._n(15.0) == "15" and tf._num("67,38") == 67.38
    assert tf._base_year("tang 2 bac so voi nam 2019") == 2019
    assert tf._base_year("tang 2 bac") is None
    assert math.isclose(tf._num("3.5"), 3.5)
