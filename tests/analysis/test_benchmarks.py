"""parlib.analysis.benchmarks: every benchmark on a SYNTHETIC 5-unit frame worked out by hand,
the holders of ties, the partial rows, the names and their aliases."""
import importlib

import numpy as np
import pandas as pd
import pytest

from parlib.errors import ParameterError

BM = importlib.import_module("parlib.analysis.benchmarks")

# SYNTHETIC scores: a higher is better, b lower is better; regions R1 = 01, 22, 31; R2 = 48, 49
X = pd.DataFrame({"a": [6.0, 8.0, 8.0, 4.0, 5.0], "b": [2.0, np.nan, 5.0, 7.0, 3.0]},
                 index=["01", "22", "31", "48", "49"])
REGION = pd.Series({"01": "R1", "22": "R1", "31": "R1", "48": "R2", "49": "R2"})
HIB = {"a": True, "b": False}
MAXIMA = pd.DataFrame({"a": 10.0, "b": 0.0}, index=X.index)


def _frames(name, X=X, region=REGION, leader_of=None):
    return BM.benchmark_frames(name, X, region=region, hib=HIB, maxima=MAXIMA,
                               leader_of=leader_of or (lambda units: None))


def _row(B, U, unit):
    return list(B.loc[unit]), list(U.loc[unit])


def test_best_in_the_country_names_every_holder_of_a_tie():
    B, U = _frames("best")
    # a: max 8 held by 22 and 31; b (lower is better): min 2 held by 01
    for u in X.index:
        assert _row(B, U, u) == ([8.0, 2.0], ["22;31", "01"])


def test_region_best_per_region():
    B, U = _frames("region-best")
    # R1: a max(6, 8, 8) = 8 (22;31), b min(2, NaN, 5) = 2 (01); R2: a max(4, 5) = 5 (49),
    # b min(7, 3) = 3 (49)
    assert _row(B, U, "31") == ([8.0, 2.0], ["22;31", "01"])
    assert _row(B, U, "48") == ([5.0, 3.0], ["49", "49"])


def test_a_unit_without_region_gets_no_regional_benchmark():
    reg = REGION.copy()
    reg["49"] = ""
    B, U = _frames("region-best", region=reg)
    assert B.loc["49"].isna().all() and list(U.loc["49"]) == ["", ""]
    assert _row(B, U, "48") == ([4.0, 7.0], ["48", "48"])    # R2 is 48 alone now


def test_median_and_top_quartile_linear():
    B, U = _frames("median")
    # a (4, 5, 6, 8, 8): median 6; b (2, 3, 5, 7): (3 + 5) / 2 = 4
    assert _row(B, U, "01") == ([6.0, 4.0], ["", ""])
    B, U = _frames("top-quartile")
    # a upper quartile: position 0.75 × 4 = 3 -> 8; b lower quartile (lower is better):
    # position 0.25 × 3 = 0.75 -> 2 + 0.75 × (3 − 2) = 2.75
    assert _row(B, U, "22") == ([8.0, 2.75], ["", ""])


def test_a_column_without_values_has_no_benchmark():
    Xn = X.assign(b=np.nan)
    for name in ("median", "top-quartile", "best", "region-best"):
        B, U = _frames(name, X=Xn)
        assert B["b"].isna().all() and set(U["b"]) == {""}, name
        assert B["a"].notna().all(), name


def test_max_is_the_scale_end_held_by_nobody():
    B, U = _frames("max")
    assert _row(B, U, "49") == ([10.0, 0.0], ["", ""])
    # maxima given for more units and columns, in another order: aligned on X
    wide = pd.DataFrame({"z": 1.0, "b": [0, 1, 2, 3, 4, 5], "a": 10},
                        index=["92", "49", "48", "31", "22", "01"])
    B, U = BM.benchmark_frames("max", X, region=REGION, hib=HIB, maxima=wide,
                               leader_of=lambda u: None)
    assert list(B.index) == list(X.index) and list(B.columns) == ["a", "b"]
    assert list(B["b"]) == [5.0, 4.0, 3.0, 2.0, 1.0] and B["b"].dtype == float


def test_leader_profiles():
    calls = []

    def leader_of(units):
        calls.append(sorted(units))
        return "31" if "31" in units else ("48" if "48" in units else None)

    B, U = _frames("leader", leader_of=leader_of)
    assert calls == [["01", "22", "31", "48", "49"]]
    assert _row(B, U, "49") == ([8.0, 5.0], ["31", "31"])    # 31's profile (8, 5)
    calls.clear()
    B, U = _frames("region-leader", leader_of=leader_of)
    assert sorted(calls) == [["01", "22", "31"], ["48", "49"]]
    assert _row(B, U, "01") == ([8.0, 5.0], ["31", "31"])
    assert _row(B, U, "49") == ([4.0, 7.0], ["48", "48"])    # 48's profile (4, 7)
    B, U = _frames("leader", leader_of=lambda units: None)   # no complete unit: no leader
    assert B.isna().all().all() and (U == "").all().all()


def test_no_units_gives_empty_frames():
    for name in ("best", "median", "leader"):
        B, U = _frames(name, X=X.iloc[:0], region=REGION.iloc[:0])
        assert B.shape == (0, 2) and U.shape == (0, 2) and list(B.columns) == ["a", "b"]


def test_holders_within_a_billionth():
    col = pd.Series([8.0, 8.0 + 5e-10, 8.0 - 1e-9, 7.0], index=["a1", "a2", "a3", "a4"])
    # best 8.0000000005: 8.0 is 5e-10 away (a tie), 7.999999999 is 1.5e-9 away (not)
    assert BM._holders(col, 8.0 + 5e-10) == "a1;a2"
    assert BM._extreme(col, True) == 8.0 + 5e-10 and BM._extreme(col, False) == 7.0


def test_single_unit_only_when_every_criterion_shares_it():
    U = pd.DataFrame({"a": ["31", "22;31", "", "48"], "b": ["31", "01", "", "48"]},
                     index=["01", "22", "31", "48"])
    assert BM.single_unit(U).to_dict() == {"01": "31", "22": "", "31": "", "48": "48"}
    assert BM.single_unit(U[["a"]]).to_dict() == {"01": "31", "22": "22;31", "31": "", "48": "48"}
    empty = BM.single_unit(U.iloc[:, :0])
    assert empty.empty is False and list(empty) == ["", "", "", ""]


@pytest.mark.parametrize("given,want", [
    ("region-best", "region-best"), ("Regional best", "region-best"),
    ("regionbest", "region-best"), ("REGION", "region-best"), ("top_quartile", "top-quartile"),
    ("quartile", "top-quartile"), ("TopQuartile", "top-quartile"), (" q3 ", "top-quartile"),
    ("maximum", "max"), ("regional_leader", "region-leader"), ("Region Leader", "region-leader"),
    ("best", "best"), ("median", "median"), ("leader", "leader"),
])
def test_benchmark_names_and_aliases(given, want):
    assert BM.check_benchmark(given) == want


def test_unknown_benchmark_names_the_parameter_and_the_choices():
    with pytest.raises(ParameterError, match=r"^invalid benchmark: 'best-ever'; allowed: "
                                             r"region-best, top-quartile, best, median, max, "
                                             r"leader, region-leader$"):
        BM.check_benchmark("best-ever")
    with pytest.raises(ParameterError, match="invalid benchmark"):
        BM.benchmark_frames("nope", X, region=REGION, hib=HIB, maxima=MAXIMA,
                            leader_of=lambda u: None)


def test_descriptions_in_both_languages():
    assert BM.DEFAULT_BENCHMARK == "region-best"
    assert BM.describe("region") == "the best score in the region on each criterion"
    assert BM.describe("q3", "vi") == "mức tứ phân vị trên của cả nước ở từng tiêu chí"
    assert BM.describe("max", "fr") == "the scale maximum of each criterion"   # English default
    en = {b: BM.describe(b) for b in BM.BENCHMARKS}
    vi = {b: BM.describe(b, "vi") for b in BM.BENCHMARKS}
    assert en == {
        "region-best": "the best score in the region on each criterion",
        "top-quartile": "the national top quartile on each criterion",
        "best": "the best score in the country on each criterion",
        "median": "the national median on each criterion",
        "max": "the scale maximum of each criterion",
        "leader": "the criterion profile of the province with the best overall score",
        "region-leader": "the criterion profile of the region's best overall province"}
    assert vi == {
        "region-best": "điểm cao nhất trong vùng ở từng tiêu chí",
        "top-quartile": "mức tứ phân vị trên của cả nước ở từng tiêu chí",
        "best": "điểm cao nhất cả nước ở từng tiêu chí",
        "median": "mức trung vị cả nước ở từng tiêu chí",
        "max": "điểm tối đa của thang đo ở từng tiêu chí",
        "leader": "hồ sơ tiêu chí của tỉnh có điểm tổng hợp cao nhất",
        "region-leader": "hồ sơ tiêu chí của tỉnh có điểm tổng hợp cao nhất trong vùng"}
