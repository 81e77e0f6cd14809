"""Provincial targets: forms of the target cells, the plans table reader, the verdicts on the real
panel (Đồng Tháp's PCI 2021 target of 74.81 against its published 70.53) and the 14 published
targets of the raw folder."""
import pandas as pd
import pytest

from parlib.analysis import target_forms as tf
from parlib.analysis import targets as T
from parlib.errors import SourceFormatError
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

HEADER = "unit,index,year,indicator,target_score,target_rank,source\n"


def _plans(tmp_path, body, name="plans.csv"):
    p = tmp_path / name
    p.write_text(HEADER + body, encoding="utf-8")
    return p


@pytest.mark.parametrize("cell,kind,value,high,base", [
    ("top 15", tf.LEVEL, 15, None, None),
    ("tốp 5", tf.LEVEL, 5, None, None),
    ("6", tf.LEVEL, 6, None, None),
    ("20-25", tf.BAND, 20, 25, None),
    ("nhóm 25 đến 20 tỉnh, thành phố dẫn đầu", tf.BAND, 20, 25, None),
    ("nhóm 10 tỉnh, thành phố có chất lượng điều hành kinh tế tốt nhất", tf.LEVEL, 10, None, None),
    ("tăng từ 2 bậc trở lên", tf.CHANGE, 2, None, None),
    ("tăng từ 2- 4 bậc so với năm 2019", tf.CHANGE, 2, 4, 2019),
    ("cải thiện ít nhất 2-3 bậc", tf.CHANGE, 2, 3, None),
])
def test_rank_forms(cell, kind, value, high, base):
    (g,) = tf.parse_rank(cell)
    assert (g.measure, g.kind, g.value, g.high, g.base_year) == (tf.RANK, kind, value, high, base)


def test_two_goals_in_one_cell_and_tiers():
    g = tf.parse_rank("nhóm 15 tỉnh, thành phố dẫn đầu; nhóm “tốt”")
    assert [(x.measure, x.value) for x in g] == [(tf.RANK, 15), (tf.TIER, None)]
    assert tf.parse_rank("nhóm tốt")[0].measure == tf.TIER


@pytest.mark.parametrize("cell,kind,value,high,base", [
    ("74.81", tf.LEVEL, 74.81, None, None),
    ("74,81", tf.LEVEL, 74.81, None, None),
    ("+3.37 điểm so với 2018", tf.CHANGE, 3.37, None, 2018),
    ("+1-2 points per year", tf.CHANGE, 1, 2, None),
])
def test_score_forms(cell, kind, value, high, base):
    g = tf.parse_score(cell)
    assert (g.kind, g.value, g.high, g.base_year) == (kind, value, high, base)


def test_unknown_forms_refused():
    with pytest.raises(tf.FormError, match="not a rank target"):
        tf.parse_rank("as high as possible")
    with pytest.raises(tf.FormError, match="not a score target"):
        tf.parse_score("high")


def test_dong_thap_2021_missed_by_4_28_points(tmp_path):
    r = T.check(_plans(tmp_path, "Đồng Tháp,PCI,2021,overall,74.81,,press\n")).iloc[0]
    assert r.status == "missed"
    assert r.result_value == pytest.approx(70.53) and r.result_rank == 3 and r.rank_of == 63
    assert r.rank_kind == "published"          # rank 3 printed on the VCCI site (top 21)
    assert r.gap_points == pytest.approx(-4.28)
    assert r.base_year == 2020 and r.required_move == pytest.approx(74.81 - 72.81)
    # 7 year pairs of the 2013 era (2013→2020) × 63 provinces; 2021 starts a new era
    assert r.feasibility_n == 441 and 0 < r.feasibility < 1
    assert "methodology" in r.note
    assert "missed by 4.28 points" in r.text_en and "thiếu 4,28 điểm" in r.text_vi


def test_rank_target_and_not_yet_published(tmp_path):
    df = T.check(_plans(tmp_path, "Quảng Nam,PCI,2020,overall,,top 10,x\n"
                                  "Quảng Ninh,PCI,2030,overall,80,,x\n"))
    qn, future = df.iloc[0], df.iloc[1]
    assert qn.status == "missed" and qn.result_rank == 13 and qn.gap_places == -3
    assert future.status == "not yet published" and pd.isna(future.gap_points)


def test_excel_plans_table(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append(["Đồng Tháp", "PCI", 2021, "overall", 74.81, None, "press"])
    wb.save(tmp_path / "plans.xlsx")
    r = T.check(tmp_path / "plans.xlsx").iloc[0]
    assert r.status == "missed" and r.gap_points == pytest.approx(-4.28) and r.row == 2


def test_bad_plans_name_file_row_column(tmp_path):
    p = tmp_path / "p.csv"
    p.write_text("unit,index,year,indicator,target_score,source\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="p.csv.*column 'target_rank'"):
        T.read_plans(p)
    with pytest.raises(SourceFormatError, match="row 3, column 'target_rank'"):
        T.check(_plans(tmp_path, "Đồng Tháp,PCI,2021,overall,74.81,,x\n"
                                 "Đồng Tháp,PCI,2021,overall,,soon,x\n"))
    with pytest.raises(SourceFormatError, match="row 2, column 'unit'"):
        T.check(_plans(tmp_path, "Atlantis,PCI,2021,overall,74.81,,x\n"))
    with pytest.raises(SourceFormatError, match="row 2, column 'index'"):
        T.check(_plans(tmp_path, "Đồng Tháp,PCX,2021,overall,74.81,,x\n"))


@pytest.mark.raw
def test_published_targets_every_form_read():
    df = T.check_published()
    # 14 rows: 4 hold a score and a rank goal (or a rank and a tier), one names 3 sub-indices
    assert df.row.nunique() == 14 and len(df) == 20
    by = {(r.unit_name, int(r.year) if pd.notna(r.year) else None, r.indicator, r.measure): r
          for r in df.itertuples()}
    qn = by[("Quảng Nam", 2019, "PCI.overall", "score")]
    assert qn.status == "met" and qn.gap_points == pytest.approx(69.42 - 67.38, abs=0.01)
    lc = by[("Lào Cai", 2019, "PCI.overall", "score")]
    assert lc.kind == "change" and lc.base_year == 2018 and lc.status == "missed"
    tq = by[("Tuyên Quang", 2022, "PCI.overall", "score")]
    assert tq.status == "missed" and tq.gap_points == pytest.approx(62.86 - 65)
    assert by[("Điện Biên", None, "PCI.overall", "rank")].status == "not checkable"
    # "tăng từ 2-4 bậc so với năm 2019": VCCI ranks #32 (2019) → #31 (2020): up 1, missed by 1
    tq20 = by[("Tuyên Quang", 2020, "PCI.overall", "rank")]
    assert tq20.status == "missed" and tq20.gap_places == -1 and tq20.base_rank == 32
    # PCI 2024 is in the panel only for the 15 provinces in news reports; 2025 is not published
    assert by[("Nghệ An", 2024, "PCI.overall", "rank")].status == "no data"
    assert by[("Nghệ An", 2025, "PCI.overall", "rank")].status == "not yet published"
    assert by[("Khánh Hòa", 2020, "PCI.overall", "tier")].status == "not checkable"
    subs = df[df.indicator.isin(["PCI.transparency", "PCI.proactivity", "PCI.legal_institutions"])]
    assert len(subs) == 3 and (subs.status == "no data").all()   # 2020: composite only


def test_example_plans_file_and_html_section():
    from pathlib import Path

    f = Path(__file__).resolve().parents[2] / "docs" / "examples" / "plans_dong_thap.csv"
    html = T.targets_html("Đồng Tháp", 2021, "vi", f)
    assert html.startswith("<section class='parlib-targets'>") and "không đạt" in html
    assert "70,53 · #3/63" in html and "&quot;" not in html.split("<small>")[0]
    assert T.targets_html("Đồng Tháp", 2019, "en", f) == ""
    assert "missed" in T.targets_html("87", 2021, "en", T.check(f))
