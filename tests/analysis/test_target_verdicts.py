"""Targets checked against the SYNTHETIC panel (tests/fixtures/synthetic_panel.py), where every
result, rank and past move is worked out by hand:

PCI overall (published = 0.5·a + 0.3·b + 0.2·c rounded), one methodology era (e1):
  2017: 22 7.1 (#1), 31 7.0 (#2), 48 6.6 (#3), 01 5.6 (#4), 51 5.3 (#5), 49 5.0 (#6)
  2018: 22 7.35 (#1), 48 6.85 (#2), 31 6.0 (#3), 01 5.85 (#4), 51 5.55 (#5), 49 5.1 (#6)
  2019: 22 7.6 (#1), 48 7.1 (#2), 01 6.1 (#3), 51 5.8 (#4), 49 5.25 (#5), 31 5.0 (#6)
Past moves 2017→2018 (the pool for a 2019 target): score +0.25 (01, 22, 48, 51), −1.0 (31),
+0.1 (49); places 0 (01, 22, 49, 51), −1 (31), +1 (48).
"""
import pandas as pd
import pytest

import synthetic_panel as S
from parlib.analysis import targets as T
from parlib.errors import ParameterError, SourceFormatError
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)
POOL = "6 moves 2017→2018 (era e1, all units)"


def _plans(rows):
    df = pd.DataFrame(rows, columns=["unit", "index", "year", "indicator", "target_score",
                                     "target_rank", "source"])
    df.insert(0, "row", range(2, 2 + len(df)))
    df.attrs["file"] = "plans.csv"
    return df


def _one(unit, year, score=None, rank=None, indicator="overall", codebook=C):
    return T.check(_plans([[unit, "PCI", year, indicator, score, rank, "SYNTHETIC"]]), panel=P,
                   codebook=codebook).iloc[0]


def test_score_level_met_with_feasibility_from_past_moves():
    r = _one("Đà Nẵng", 2019, score=7.0)
    assert (r.status, r.gap_points) == ("met", pytest.approx(0.1)) and pd.isna(r.gap_places)
    assert (r.result_value, r.result_rank, r.rank_of, r.rank_kind) == (7.1, 2, 6, "published")
    assert (r.base_year, r.base_value, r.base_rank) == (2018, 6.85, 2)
    # needs 7.0 − 6.85 = +0.15: 4 of the 6 past moves (+0.25) were at least that large
    assert r.required_move == pytest.approx(0.15)
    assert r.feasibility == pytest.approx(4 / 6) and r.feasibility_n == 6
    assert r.feasibility_pool == POOL and r.note == ""
    assert (r.unit_code, r.unit_name, r.indicator, r.measure, r.kind) == (
        "48", "Đà Nẵng", "PCI.overall", "score", "level")
    assert (r.goal, r.goal_vi, r.target, r.written, r.source) == (
        "score ≥ 7", "điểm ≥ 7", 7.0, "7.0", "SYNTHETIC")
    assert r.text_en == ("Đà Nẵng, PCI 2019: score ≥ 7 — met by 0.10 points (result 7.10, rank "
                         "2/6). It required +0.15 points on 2018: 67% of 6 past comparable moves "
                         f"were at least that large [{POOL}].")
    assert r.text_vi == ("Đà Nẵng, PCI 2019: điểm ≥ 7 — đạt, vượt 0,10 điểm (kết quả 7,10, hạng "
                         "2/6). Cần thay đổi +0,15 điểm so với 2018: 67% trong 6 lần thay đổi "
                         "trước đây đạt mức đó [6 lần thay đổi 2017→2018 (giai đoạn e1, mọi tỉnh)].")


def test_score_level_missed_and_exactly_met():
    r = _one("Quảng Nam", 2019, score=6)
    assert r.status == "missed" and r.gap_points == pytest.approx(-0.75)
    assert "— missed by 0.75 points (result 5.25, rank 5/6)." in r.text_en
    assert "— không đạt, thiếu 0,75 điểm (kết quả 5,25, hạng 5/6)." in r.text_vi
    # needs 6 − 5.1 = +0.9: none of the past moves
    assert r.required_move == pytest.approx(0.9) and r.feasibility == 0.0
    exact = _one("Quảng Nam", 2019, score=5.25)
    assert exact.status == "met" and exact.gap_points == 0
    assert "— met (result 5.25" in exact.text_en and "— đạt (kết quả 5,25" in exact.text_vi


def test_score_level_lower_is_better():
    cb = C.copy()
    cb["higher_is_better"] = False
    r = _one("Đà Nẵng", 2019, score=7.0, codebook=cb)   # 7.1 is 0.1 worse than 7.0
    assert r.status == "missed" and r.gap_points == pytest.approx(-0.1)


def test_score_change_on_the_previous_survey_and_on_a_named_year():
    r = _one("Đà Nẵng", 2019, score="+0.5 điểm")      # 7.1 − 6.85 = 0.25 < 0.5
    assert r.status == "missed" and r.gap_points == pytest.approx(-0.25)
    assert r.required_move == 0.5 and r.feasibility == 0.0 and r.kind == "change"
    ok = _one("Đà Nẵng", 2019, score="+0.25 điểm")
    assert ok.status == "met" and ok.feasibility == pytest.approx(4 / 6)
    named = _one("Đà Nẵng", 2019, score="+0.4 điểm so với 2017")   # 7.1 − 6.6 = 0.5
    assert named.status == "met" and named.gap_points == pytest.approx(0.1)
    assert named.base_year == 2017 and named.base_value == 6.6 and named.base_rank == 3
    assert pd.isna(named.feasibility) and named.required_move is None
    assert named.feasibility_pool == ("the last result before 2019 is 2017: no year-on-year base "
                                      "to measure the required move from")
    assert "[" not in named.text_en


def test_rank_level_and_band():
    top3 = _one("Quảng Ngãi", 2019, rank="top 3")      # rank 4
    assert top3.status == "missed" and top3.gap_places == -1 and pd.isna(top3.gap_points)
    # from #5 in 2018, top 3 needs +2 places: no past move was that large
    assert top3.required_move == 2 and top3.feasibility == 0.0 and top3.feasibility_n == 6
    assert "— missed by 1 place (result 5.80, rank 4/6). It required +2 places on 2018: 0% of " \
           "6 past comparable moves" in top3.text_en
    assert "không đạt, thiếu 1 bậc" in top3.text_vi and "Cần thay đổi +2 bậc" in top3.text_vi
    band = _one("Hà Nội", 2019, rank="2-4")            # rank 3, weaker end 4
    assert band.status == "met" and band.gap_places == 1 and band.note == ""
    assert "— met by 1 place (result 6.10" in band.text_en
    # #4 in 2018, band's end 4: needs 0 places; 5 of 6 past moves were >= 0 (not Hải Phòng's −1)
    assert band.required_move == 0 and band.feasibility == pytest.approx(5 / 6)
    above = _one("Quảng Ninh", 2019, rank="2-4")       # rank 1: better than the band
    assert above.status == "met" and above.gap_places == 3 and above.note == "better than the band"
    assert above.text_en.endswith("(better than the band)") and "met by 3 places" in above.text_en
    assert above.text_vi.endswith("(tốt hơn nhóm mục tiêu)") and "vượt 3 bậc" in above.text_vi
    exact = _one("Hà Nội", 2019, rank="top 3")
    assert exact.status == "met" and exact.gap_places == 0 and "— met (result" in exact.text_en


def test_rank_change():
    up = _one("Đà Nẵng", 2018, rank="tăng 1 bậc")        # #3 → #2: up 1
    assert up.status == "met" and up.gap_places == 0 and up.base_rank == 3
    assert pd.isna(up.feasibility) and up.feasibility_pool == ("no comparable past moves")
    flat = _one("Hà Nội", 2019, rank="tăng 1 bậc")       # #4 → #3: up 1 (2018 → 2019)
    assert flat.status == "met" and flat.required_move == 1
    assert flat.feasibility == pytest.approx(1 / 6)      # only Đà Nẵng's +1
    down = _one("Hải Phòng", 2019, rank="tăng 2 bậc")    # #3 → #6: down 3, missed by 5
    assert down.status == "missed" and down.gap_places == -5
    assert "missed by 5 places" in down.text_en and "thiếu 5 bậc" in down.text_vi


def test_statuses_without_a_verdict():
    none = _one("Đà Nẵng", None, score=7)
    assert none.status == "not checkable" and none.note == "the target gives no year"
    assert none.feasibility_pool == "" and pd.isna(none.base_value) and pd.isna(none.rank_kind)
    assert {"rank_kind", "base_value", "feasibility_pool"} <= set(none.index)
    assert none.text_en == "Đà Nẵng, PCI: score ≥ 7 — not checkable. (the target gives no year)"
    assert none.text_vi == "Đà Nẵng, PCI: điểm ≥ 7 — không kiểm tra được. (mục tiêu không ghi năm)"
    tier = _one("Đà Nẵng", 2019, rank="nhóm tốt")
    assert tier.status == "not checkable" and tier.note.startswith("the panel holds no tier")
    assert "(dữ liệu không có nhóm xếp loại" in tier.text_vi
    future = _one("Đà Nẵng", 2030, score=8)
    assert future.status == "not yet published"
    assert future.note == "latest PCI year in the panel: 2020"
    assert future.text_vi.endswith("— chưa công bố kết quả. (năm PCI mới nhất trong dữ liệu: 2020)")
    absent = _one("Hà Giang", 2019, score=5)
    assert absent.status == "no data"
    assert absent.note == "no PCI 2019 result for PCI.overall in the panel (6 province values that year)"
    assert absent.text_vi.endswith("— không có dữ liệu. (không có kết quả PCI 2019 cho PCI.overall "
                                   "trong dữ liệu (năm đó có 6 giá trị))")
    assert absent.feasibility_pool == "no result in the survey before the target year"


def test_criterion_named_in_words():
    r = _one("Đà Nẵng", 2019, score=7, indicator="Criterion A")   # PCI.a 2019: 48 = 7
    assert r.indicator == "PCI.a" and r.status == "met" and r.gap_points == 0
    assert r.text_en.startswith("Đà Nẵng, PCI 2019 PCI.a: score ≥ 7 — met (result 7.00, rank 2/6*)")
    assert r.rank_kind == "computed"


def test_plans_errors_name_file_row_and_column():
    def bad(row, col, match):
        with pytest.raises(SourceFormatError, match=match) as e:
            T.check(_plans([row]), **KW)
        assert f"column '{col}'" in str(e.value) and "plans.csv" in str(e.value)

    bad(["Atlantis", "PCI", 2019, "", 7, None, ""], "unit", "row 2")
    bad(["Đà Nẵng", "XYZ", 2019, "", 7, None, ""], "index", "unknown index")
    bad(["Đà Nẵng", "PCI", "soon", "", 7, None, ""], "year", "not a year")
    bad(["Đà Nẵng", "PCI", 2019, "Atlantis", 7, None, ""], "indicator", "criterion")
    bad(["Đà Nẵng", "PCI", 2019, "", "high", None, ""], "target_score", "not a score target")
    bad(["Đà Nẵng", "PCI", 2019, "", None, "soon", ""], "target_rank", "not a rank target")
    bad(["Đà Nẵng", "PCI", 2019, "", None, None, ""], "target_score",
        "neither target_score nor target_rank")


def test_read_plans_rows_and_missing_file(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text("unit,index,year,indicator,target_score,target_rank,source\n"
                 "Đà Nẵng,pci,2019.0,overall,7,top 3,a\nHà Nội,PCI,,overall,,2-4,b\n",
                 encoding="utf-8")
    df = T.read_plans(p)
    assert df.row.tolist() == [2, 3] and df.attrs["file"] == "p.csv"
    out = T.check(p, **KW)
    assert out.row.tolist() == [2, 2, 3] and out.attrs["file"] == "p.csv"
    assert out["index"].tolist() == ["PCI"] * 3 and out.year.tolist()[:2] == [2019, 2019]
    assert pd.isna(out.year.iloc[2]) and str(out.year.dtype) == "Int64"
    with pytest.raises(SourceFormatError, match="nope.csv: no such file"):
        T.read_plans(tmp_path / "nope.csv")


def test_targets_html_section():
    res = T.check(_plans([["Quảng Nam", "PCI", 2019, "overall", 6, None, "x"],
                          ["Quảng Nam", "PCI", 2018, "overall", 9, None, "x"]]), **KW)
    html = T.targets_html("49", 2019, "en", res)
    assert html.startswith("<section class='parlib-targets'><h3>Targets</h3><table><thead><tr>"
                           "<th>Target</th><th>Result</th><th>Verdict</th><th>Feasibility</th>")
    assert "<tr class='missed'><td>score ≥ 6</td><td>5.25 · #5/6</td><td>missed</td><td>0%</td>" \
           in html
    assert html.count("<tr class=") == 1 and html.endswith("</tbody></table></section>")
    vi = T.targets_html("Quảng Nam", 2019, "vi", res)
    assert "<h3>Mục tiêu</h3>" in vi and "<td>không đạt</td>" in vi and "<td>5,25 · #5/6</td>" in vi
    assert T.targets_html("49", 2020, "en", res) == ""
    with pytest.raises(ParameterError, match="lang"):
        T.targets_html("49", 2019, "fr", res)


def test_no_data_before_the_first_survey_and_no_base_to_measure_from():
    early = _one("Đà Nẵng", 2010, score=5)
    assert early.status == "no data"
    assert early.note == "no PCI 2010 result for PCI.overall in the panel (0 province values that year)"
    base = _one("Đà Nẵng", 2019, score="+0.5 điểm so với 2015")
    assert base.status == "no data" and base.base_year == 2015 and pd.isna(base.base_value)
    assert base.note == "no PCI 2015 result to measure the change from"
    assert base.text_vi.endswith("(không có kết quả PCI 2015 để tính mức thay đổi)")
    rank = _one("Đà Nẵng", 2019, rank="tăng 1 bậc so với 2015")
    assert rank.status == "not checkable"
    assert rank.note == ("no 2015 rank comparable with the 2019 rank (ranks of the same kind and "
                         "denominator only: 2015 none #None/None, 2019 published #2/6)")
    assert "(thứ hạng 2015 và 2019 không so sánh được (chỉ so sánh thứ hạng cùng loại, cùng mẫu " \
           "số: 2015 none" in rank.text_vi


def test_feasibility_needs_the_survey_just_before():
    p = P[~((P["index"] == "PCI") & (P.year == 2018) & (P.unit_code == "48"))]
    r = T.check(_plans([["Đà Nẵng", "PCI", 2019, "overall", 7.0, None, ""]]), panel=p,
                codebook=C).iloc[0]
    # the last result before 2019 is 2017 (6.6): the gap is measured, the feasibility is not
    assert r.status == "met" and r.base_year == 2017 and r.base_value == 6.6
    assert r.feasibility_pool == "no result in the survey before the target year"
    assert pd.isna(r.feasibility) and r.required_move is None


def test_feasibility_across_a_method_change_says_which_moves():
    # PCI.c changes method in 2019 (c1 -> c2). Đà Nẵng PCI.c 2018 5.75 -> 2019 6: a target of 5
    # needs −0.75; the c2 era has no past move yet, so the c1 moves 2017→2018 are used:
    # +0.25 (01, 22, 48, 49, 51) and −1 (31): 5 of 6 at least −0.75
    r = _one("Đà Nẵng", 2019, score=5, indicator="PCI.c")
    assert r.status == "met" and r.gap_points == pytest.approx(1.0)
    assert r.required_move == pytest.approx(-0.75) and r.feasibility == pytest.approx(5 / 6)
    assert r.feasibility_pool == ("6 moves 2017→2018 (era c1, all units); no past moves within "
                                  "era c2: moves of era c1 used")
    assert r.note == "the required move crosses a methodology change (2018 era c1 → 2019 era c2)"
    assert "[6 lần thay đổi 2017→2018 (giai đoạn c1, mọi tỉnh); chưa có thay đổi nào trong giai " \
           "đoạn c2: dùng giai đoạn c1]" in r.text_vi
    assert r.text_vi.endswith("(mức thay đổi cần thiết vượt qua lần thay đổi phương pháp (2018 "
                              "giai đoạn c1 → 2019 giai đoạn c2))")
    assert "It required -0.75 points on 2018: 83% of 6" in r.text_en


def test_pool_of_a_year_after_the_codebook_uses_the_base_years_era():
    # 2021 is after the SYNTHETIC codebook (2017-2020): no era for the target year; the 18 moves
    # 2017→2020 of era e1 are used. Needs 8 − 7.35 = +0.65: no move was that large (max +0.25)
    r = _one("Đà Nẵng", 2021, score=8)
    assert r.status == "not yet published" and r.required_move == pytest.approx(0.65)
    assert r.feasibility == 0.0 and r.feasibility_n == 18
    assert r.feasibility_pool == "18 moves 2017→2020 (era e1, all units)"


def test_pool_when_the_base_years_era_has_no_move_yet():
    # PCI.c: 2019 starts era c2, so a 2020 target has no comparable c2 move up to 2019 (2018→2019
    # crosses the change): the c1 moves 2017→2018 are used. 6 → 6.25 against 6.5: missed by 0.25
    r = _one("Đà Nẵng", 2020, score=6.5, indicator="PCI.c")
    assert r.status == "missed" and r.gap_points == pytest.approx(-0.25)
    assert r.required_move == pytest.approx(0.5) and r.feasibility == 0.0
    assert r.feasibility_pool == ("6 moves 2017→2018 (era c1, all units); no past moves within "
                                  "era c2: moves of era c1 used")


def test_pool_of_a_single_move():
    # only Đà Nẵng has 2017 and 2018: one past move (6.6 → 6.85 = +0.25), for a 2019 target not
    # yet out that needs 7.0 − 6.85 = +0.15: the one move was at least that large
    keep = (P["index"] == "PCI") & ((P.year == 2018) | ((P.year == 2017) & (P.unit_code == "48")))
    r = T.check(_plans([["Đà Nẵng", "PCI", 2019, "overall", 7.0, None, ""]]), panel=P[keep],
                codebook=C).iloc[0]
    assert r.status == "not yet published" and r.feasibility_n == 1 and r.feasibility == 1.0
    assert r.feasibility_pool == "1 moves 2017→2018 (era e1, all units)"


def test_a_score_without_a_rank_is_still_checked():
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2019) & (p.unit_code == "49") & \
        (p.indicator == "PCI.overall")
    p.loc[m, "rank"] = pd.NA        # the source printed Quảng Nam's 5.25 with no rank
    r = T.check(_plans([["Quảng Nam", "PCI", 2019, "overall", 5.0, "top 5", ""]]), panel=p,
                codebook=C)
    score, rank = r.iloc[0], r.iloc[1]
    assert score.status == "met" and score.result_value == 5.25 and pd.isna(score.result_rank)
    assert score.gap_points == pytest.approx(0.25)
    assert rank.status == "no data"          # a rank goal needs the rank


def test_latest_year_is_read_per_indicator():
    # PCI.b has no 2020 value in this copy: a 2020 PCI.b target is not published yet, even after
    # an overall target (2020 present) was checked in the same table
    p = P[~((P["index"] == "PCI") & (P.year == 2020) & (P.indicator == "PCI.b"))]
    r = T.check(_plans([["Đà Nẵng", "PCI", 2020, "overall", 7, None, ""],
                        ["Đà Nẵng", "PCI", 2020, "PCI.b", 7, None, ""]]), panel=p, codebook=C)
    assert r.status.tolist() == ["met", "not yet published"]
    assert r.note.iloc[1] == "latest PCI year in the panel: 2019"


def test_change_from_before_the_first_survey_and_an_index_without_data():
    first = _one("Đà Nẵng", 2017, score="+0.5 điểm")       # 2017 is the first PCI survey
    assert first.status == "no data" and pd.isna(first.base_year)
    assert first.note == "no PCI earlier result to measure the change from"
    assert first.text_vi.endswith("(không có kết quả PCI trước đó để tính mức thay đổi)")
    # PAR in the codebook, not in the panel
    cb = pd.concat([C, C[C.indicator == "SIPAS.overall"].assign(index="PAR", indicator="PAR.overall")])
    par = T.check(_plans([["Đà Nẵng", "PAR", 2019, "overall", 80, None, ""]]), panel=P,
                  codebook=cb).iloc[0]
    assert par.status == "not yet published" and par.note == "latest PAR year in the panel: none"


def test_base_year_is_the_last_survey_with_a_score_even_without_a_rank():
    p = P.copy()
    m = (p["index"] == "PCI") & (p.year == 2019) & (p.unit_code == "49") & \
        (p.indicator == "PCI.overall")
    p.loc[m, "rank"] = pd.NA
    r = T.check(_plans([["Quảng Nam", "PCI", 2020, "overall", 5.5, None, ""]]), panel=p,
                codebook=C).iloc[0]
    assert r.base_year == 2019 and r.base_value == 5.25 and pd.isna(r.base_rank)
