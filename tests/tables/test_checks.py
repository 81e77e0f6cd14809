"""The checks an imported table must pass (parlib.tables.checks), on small SYNTHETIC tables built
here: PAR's total is the sum of its areas and its index the Ministry's truncated share of the
maximum; a PAPI dimension is the sum of its sub-dimensions within the printed precision; a PCI score
is the weighted sum of its sub-indices (VCCI's 2019 weights: 2 for transparency, business support
and labour training, 1 for informal charges, 0.5 for the other six; sum 10); ranks follow scores.
Every tolerance below is worked out by hand in a comment."""
from __future__ import annotations

from decimal import Decimal

import pytest

from parlib.codebook import for_year
from parlib.errors import SourceFormatError
from parlib.panel.report import CleaningReport
from parlib.tables import checks as C
from parlib.tables.importer import Table, overall_of
from parlib.tables.layout import Column, Layout

D = Decimal


def table(index, year, columns, rows, unit_type="province"):
    """rows: (name, {indicator: value}, total, {indicator: rank})."""
    cb = for_year(index, year)
    t = Table(index, year, unit_type, "t.csv", "S", "import:t.csv#S", Layout(2, 3, columns), cb, overall_of(cb),
              CleaningReport())
    for i, (name, vals, total, ranks) in enumerate(rows):
        t.records.append({"row": 4 + i, "name": name, "code": f"u{i}", "vals": {k: (None if v is None else D(v))
                          for k, v in vals.items()}, "ranks": ranks, "total": None if total is None else D(total),
                          "derived": set(), "ci": {}, "tier": None})
    return t


def metrics(t):
    assert {(e["source"], e["sheet"]) for e in t.report.entries if e["kind"] == "metric"} <= {("import:t.csv#S", None)}
    return {e["status"]: e["value"] for e in t.report.entries if e["kind"] == "metric"}


def issues(t):
    assert {(e["source"], e["sheet"]) for e in t.report.entries if e["kind"] == "issue"} <= {("import:t.csv#S", "S")}
    return [(e["row"], e["column"], e["status"], e["reason"]) for e in t.report.entries if e["kind"] == "issue"]


def details(t):
    return {e["status"]: e["reason"] for e in t.report.entries if e["kind"] == "metric"}


def par_cols(max_a=10.0, max_b=20.0, total_max=None):
    return [Column(1, "Tỉnh", "unit"), Column(2, "Thể chế", "area", "PAR.institutions", max_a, decimals=2),
            Column(3, "TTHC", "area", "PAR.procedures", max_b, decimals=2),
            Column(4, "Tổng điểm", "total", None, total_max, decimals=2),
            Column(5, "Chỉ số (%)", "index", "PAR.overall", 100.0, decimals=2)]


AREAS = {"PAR.institutions": "8", "PAR.procedures": "12"}   # 8 + 12 = 20 of 10 + 20 = 30


def test_half_unit():
    assert [C.half_unit(d) for d in (0, 1, 2, "3")] == [D("0.5"), D("0.05"), D("0.005"), D("0.0005")]


@pytest.mark.parametrize("idx", ["66.66", "66.67", "66.65", "66.676", "66.6567"])
def test_par_index_agrees_with_the_truncated_or_the_exact_share(idx):
    # 20 / 30 = 66.666...%: the Ministry prints 66.66 (truncated); exact 66.6667; ±0.01 of either passes
    t = table("PAR", 2023, par_cols(), [("A", {**AREAS, "PAR.overall": idx}, "20", {})])
    C.check_par(t)
    assert "PAR.overall" not in t.records[0]["derived"]


@pytest.mark.parametrize("idx", ["66.68", "66.64"])
def test_par_index_far_from_both_shares_is_refused(idx):
    t = table("PAR", 2023, par_cols(), [("A", {**AREAS, "PAR.overall": idx}, "20", {})])
    with pytest.raises(SourceFormatError, match=rf"^t\.csv, sheet 'S', row 4, column 'Chỉ số \(%\)': the index does not match the "
                       rf"total 20 of 30 expected 66\.66% \(tolerance 0\.01\) found '{idx}'$"):
        C.check_par(t)


def test_par_total_must_be_the_sum_of_the_areas():
    ok = table("PAR", 2023, par_cols(), [("A", AREAS, "20.01", {}), ("B", AREAS, "19.99", {})])
    C.check_par(ok)                                           # within 0.01
    bad = table("PAR", 2023, par_cols(), [("A", AREAS, "20", {}), ("B", AREAS, "20.02", {})])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'Tổng điểm': the total is not the sum of the "
                       r"areas \(8 \+ 12 = 20\) expected 20 \(tolerance 0\.01\) found '20\.02'$"):
        C.check_par(bad)


def test_par_missing_total_and_index_are_derived_and_reported():
    t = table("PAR", 2023, par_cols(), [("A", {"PAR.institutions": "7.5", "PAR.procedures": "12.25"}, None, {}),
                                        ("B", {"PAR.institutions": "7.5", "PAR.procedures": None}, None, {})])
    C.check_par(t)
    a, b = t.records
    # 7.5 + 12.25 = 19.75; 19.75 / 30 = 65.8333...% → 65.83 (truncated)
    assert a["total"] == D("19.75") and a["vals"]["PAR.overall"] == D("65.83") and a["derived"] == {"PAR.overall"}
    assert b["total"] is None and "PAR.overall" not in b["vals"] and b["derived"] == set()   # incomplete: nothing derived
    assert issues(t) == [(4, "index", "derived", "index (%) computed from the total (Ministry truncation)")]


def test_par_maximum_of_the_total_must_be_the_sum_of_the_area_maxima():
    t = table("PAR", 2023, par_cols(total_max=30.0), [("A", {**AREAS, "PAR.overall": "66.66"}, "20", {})])
    C.check_par(t)
    t = table("PAR", 2023, par_cols(total_max=30.02), [("A", AREAS, "20", {})])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 3, column 'Tổng điểm': the area maxima add up to 30 "
                       r"expected the total's maximum 30\.02$"):
        C.check_par(t)
    # the total's own maximum is used when the areas have none: 20 / 40 = 50%
    t = table("PAR", 2023, par_cols(None, None, total_max=40.0), [("A", AREAS, "20", {})])
    C.check_par(t)
    assert t.records[0]["vals"]["PAR.overall"] == D("50.00")


def test_par_without_maxima_uses_100_for_provinces_only():
    t = table("PAR", 2023, par_cols(None, None), [("A", AREAS, "20", {})])
    C.check_par(t)
    assert t.records[0]["vals"]["PAR.overall"] == D("20.00")       # 20 of 100
    t = table("PAR", 2023, par_cols(None, None), [("A", AREAS, "20", {})], unit_type="district")
    C.check_par(t)
    assert "PAR.overall" not in t.records[0]["vals"]               # no maximum known: no index


def papi_cols(dec_kids=2, dec_parent=2):
    kids = [f"PAPI.d1_{i}" for i in range(1, 5)]
    return ([Column(0, "Tỉnh", "unit"), Column(1, "D1", "area", "PAPI.d1", decimals=dec_parent)]
            + [Column(2 + i, k, "area", k, decimals=dec_kids) for i, k in enumerate(kids)])


def papi_row(name, parent, kids=("1.25", "1.25", "1.25", "1.25")):
    return (name, {"PAPI.d1": parent, **{f"PAPI.d1_{i}": v for i, v in enumerate(kids, start=1)}}, None, {})


def test_papi_dimension_within_the_printed_precision_of_its_sub_dimensions():
    # sub-dimensions 4 × 1.25 = 5; tolerance 4 × 0.005 + 0.005 = 0.025
    t = table("PAPI", 2019, papi_cols(), [papi_row("A", "5.025"), papi_row("B", "4.99"),
                                          papi_row("C", None), papi_row("D", "9", ("1", None, "1", "1"))])
    C.check_sums(t)
    assert metrics(t) == {"sum_max_error_PAPI.d1": 0.025}
    t = table("PAPI", 2019, papi_cols(), [papi_row("A", "5.026")])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'D1': PAPI\.d1 is not the sum of PAPI\.d1_1, "
                       r"PAPI\.d1_2, PAPI\.d1_3, PAPI\.d1_4 \(5\.00\) expected 5\.00 \(tolerance 0\.025\) found '5\.026'$"):
        C.check_sums(t)
    # one printed decimal on the sub-dimensions: 4 × 0.05 + 0.005 = 0.205
    t = table("PAPI", 2019, papi_cols(dec_kids=1), [papi_row("A", "5.2", ("1.3", "1.3", "1.2", "1.2"))])
    C.check_sums(t)
    assert metrics(t) == {"sum_max_error_PAPI.d1": 0.2}


def test_papi_dimension_without_all_its_sub_dimensions_is_not_checked():
    t = table("PAPI", 2019, papi_cols()[:-1], [papi_row("A", "9")])   # PAPI.d1_4 not printed
    C.check_sums(t)
    assert metrics(t) == {}


PCI19 = {"PCI.entry_costs": "0.5", "PCI.land_access": "0.5", "PCI.transparency": "2", "PCI.time_costs": "0.5",
         "PCI.informal_charges": "1", "PCI.policy_bias": "0.5", "PCI.proactivity": "0.5",
         "PCI.business_support": "2", "PCI.labour_training": "2", "PCI.legal_institutions": "0.5"}


def pci_cols(subs=tuple(PCI19)):
    return ([Column(0, "Tỉnh", "unit"), Column(1, "PCI", "index", "PCI.overall", decimals=2)]
            + [Column(2 + i, k, "area", k, decimals=2) for i, k in enumerate(subs)])


def pci_row(name, score, subs=None):
    return (name, {"PCI.overall": score, **(subs or {k: "6" for k in PCI19})}, None, {})


def test_pci_score_is_the_weighted_sum_of_the_sub_indices():
    # 6 × (sum of weights 10) = 60; tolerance 10 × 0.005 + 0.005 = 0.055
    t = table("PCI", 2019, pci_cols(), [pci_row("A", "60.05"), pci_row("B", "59.97"), pci_row("C", None)])
    assert C.check_weighted(t) == pytest.approx(0.05)
    assert metrics(t)["composite_max_abs_error_2019"] == pytest.approx(0.05)
    detail = [e["reason"] for e in t.report.entries if e["kind"] == "metric"][0]
    assert detail == ("PCI 2019: largest |Σ weight × sub-index − composite| = 0.05 (row 4; tolerance from the "
                      "table's rounding 0.055)")


def test_pci_score_off_is_refused_unless_a_reason_is_given():
    t = table("PCI", 2019, pci_cols(), [pci_row("A", "60.01"), pci_row("B", "60.06")])
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'PCI': the composite is not the weighted sum of "
                       r"the sub-indices \(error 0\.06\) with the 2019 weights expected an error within the table's "
                       r"rounding \(0\.055\); pass --no-verify REASON to import it anyway found '60\.06'$"):
        C.check_weighted(t)
    t = table("PCI", 2019, pci_cols(), [pci_row("A", "60.01"), pci_row("B", "60.06")])
    assert C.check_weighted(t, no_verify="VCCI's own rounding") == pytest.approx(0.06)
    (row, col, kind, reason), = issues(t)
    assert (row, col, kind) == (5, "PCI", "not_verified")
    assert reason.startswith("composite check failed (PCI 2019: largest |Σ weight × sub-index − composite| = 0.06 (row 5")
    assert reason.endswith("imported with --no-verify: VCCI's own rounding")


def test_pci_score_without_every_sub_index_is_reported_not_verified():
    t = table("PCI", 2019, pci_cols(tuple(PCI19)[:9]), [pci_row("A", "99")])
    assert C.check_weighted(t) is None
    assert issues(t) == [(3, "PCI", "not_verified", "the PCI 2019 composite cannot be recomputed: sub-index columns missing")]
    t = table("PCI", 2019, pci_cols()[:1] + pci_cols()[2:], [pci_row("A", "99")])   # no PCI column
    assert C.check_weighted(t) is None and issues(t) == []
    t = table("PAR", 2023, par_cols(), [("A", AREAS, "20", {})])   # PAR: a sum, not a weighted sum
    assert C.check_weighted(t) is None and issues(t) == []


def test_check_range():
    t = table("PAR", 2023, par_cols(), [])
    col = Column(2, "Thể chế (10)", "area", "PAR.institutions", 10.0)
    rec = {"row": 7}
    for v in (None, D(0), D(10), D("10.000000001")):
        C.check_range(t, rec, "PAR.institutions", col, v)
    for v, hi in ((D("10.01"), "10"), (D("-0.01"), "10")):
        with pytest.raises(SourceFormatError, match=rf"^t\.csv, sheet 'S', row 7, column 'Thể chế \(10\)': expected a score between "
                           rf"0 and {hi} found '{v}'$"):
            C.check_range(t, rec, "PAR.institutions", col, v)
    nomax = Column(2, "Thể chế", "area", "PAR.institutions", None)
    C.check_range(t, rec, "PAR.institutions", nomax, D(1000))
    with pytest.raises(SourceFormatError, match="between 0 and its maximum found '-1'"):
        C.check_range(t, rec, "PAR.institutions", nomax, D(-1))
    papi = table("PAPI", 2019, papi_cols(), [])
    C.check_range(papi, rec, "PAPI.d1", nomax, D(-1))     # PAPI scores have no lower bound here


def ranked(scores_ranks, index="PCI", year=2019, ind="PCI.overall"):
    rows = [(f"U{i}", {ind: s}, None, {ind: r}) for i, (s, r) in enumerate(scores_ranks)]
    return table(index, year, pci_cols(), rows)


def test_ranks_follow_the_scores():
    rank_col = Column(9, "Xếp hạng", "rank")
    C.check_ranks(ranked([("70", 1), ("65", 2), ("65", 3), ("60", 4), (None, 5), ("1", None)]), "PCI.overall", rank_col, 63)
    C.check_ranks(ranked([("65", 3), ("65", 2), ("60", 4)]), "PCI.overall", rank_col, 63)   # equal scores, any order
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 6, column 'Xếp hạng': rank 2 with score 60 disagrees "
                       r"with row 5 \(score 65, rank 3\) expected a rank worse than 3 \(ranks must follow the scores\) "
                       r"found '2'$"):
        C.check_ranks(ranked([("70", 1), ("65", 3), ("60", 2)]), "PCI.overall", rank_col, 63)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'Xếp hạng': expected a rank between 1 and 63 found '64'$"):
        C.check_ranks(ranked([("70", 64)]), "PCI.overall", rank_col, 63)


def test_computed_ranks_share_the_best_place():
    t = ranked([("70", None), ("65", None), ("65", None), ("60", None), (None, None)])
    assert C.computed_ranks(t, "PCI.overall") == {"u0": 1, "u1": 2, "u2": 2, "u3": 4, "u4": None}


# ------------------------------------------------------------------------------ edges (issue 20: mutation survivors)

def test_pci_tolerance_boundary_ties_and_rows_without_a_score():
    # 60.055001 - 60 = 0.055001 = 0.055 (rounding) + 0.000001: exactly the tolerance, accepted
    t = table("PCI", 2019, pci_cols(), [pci_row("C", None), pci_row("A", "60.05"), pci_row("B", "60.05"),
                                        pci_row("D", "60.055001")])
    assert C.check_weighted(t) == pytest.approx(0.055001)
    # a row without a score does not stop the check; the first row of the largest error is named
    t = table("PCI", 2019, pci_cols(), [pci_row("C", None), pci_row("A", "60.05"), pci_row("B", "60.05")])
    C.check_weighted(t)
    assert details(t)["composite_max_abs_error_2019"].startswith("PCI 2019: largest |Σ weight × sub-index − composite| = 0.05 (row 5;")
    t = table("PCI", 2019, pci_cols(), [pci_row("C", None), pci_row("D", "61")])
    with pytest.raises(SourceFormatError, match="row 5, column 'PCI': the composite is not the weighted sum"):
        C.check_weighted(t)
    t = table("PCI", 2019, pci_cols(), [pci_row("C", None)])
    assert C.check_weighted(t) == 0.0
    assert "(row -; tolerance" in details(t)["composite_max_abs_error_2019"]


def test_pci_no_verify_names_the_unit_and_an_era_without_weights():
    t = table("PCI", 2019, pci_cols(), [pci_row("Đà Nẵng", "61")])
    C.check_weighted(t, no_verify="checked by hand")
    assert [e["unit_as_written"] for e in t.report.entries if e["kind"] == "issue"] == ["Đà Nẵng"]
    # VCCI's 2022-2024 method: the codebook holds no weights, the score is not verified
    t = table("PCI", 2023, pci_cols(), [pci_row("A", "60")])
    assert C.check_weighted(t) is None
    assert issues(t) == [(3, "PCI", "not_verified", "the PCI 2023 composite cannot be recomputed: the codebook has no "
                          "weights for that era")]


def test_papi_tolerance_boundary_and_the_report():
    # 5.025000001 - 5 = 0.025 + 1e-9: exactly the tolerance, accepted; a row without its parent first
    t = table("PAPI", 2019, papi_cols(), [papi_row("C", None), papi_row("A", "5.025000001")])
    C.check_sums(t)
    assert metrics(t) == {"sum_max_error_PAPI.d1": pytest.approx(0.025000001)}
    assert details(t) == {"sum_max_error_PAPI.d1": "largest |sum of children - PAPI.d1| (tolerance 0.025)"}
    t = table("PAPI", 2019, papi_cols(), [papi_row("C", None), papi_row("A", "5.03")])
    with pytest.raises(SourceFormatError, match="row 5, column 'D1': PAPI.d1 is not the sum"):
        C.check_sums(t)


def test_papi_sub_dimensions_without_their_dimension_are_not_checked():
    t = table("PAPI", 2019, papi_cols()[:1] + papi_cols()[2:], [papi_row("A", None)])
    C.check_sums(t)
    assert metrics(t) == {}


def test_par_boundaries():
    # the total's maximum 0.01 away from the sum of the area maxima (30): accepted
    t = table("PAR", 2023, par_cols(total_max=30.01), [("A", AREAS, "20", {})])
    C.check_par(t)
    # 20 / 30: exact 66.666...; an index exactly 0.01 above the exact share is accepted
    t = table("PAR", 2023, par_cols(), [("A", {**AREAS, "PAR.overall": "66.67666666666666666666666667"}, "20", {})])
    C.check_par(t)
    # areas without a total column: the total is their sum and the index its share of 100
    cols = [c for c in par_cols(None, None) if c.role != "total"]
    t = table("PAR", 2023, cols, [("A", AREAS, None, {})])
    C.check_par(t)
    assert t.records[0]["vals"]["PAR.overall"] == D("20.00")
    assert [e["unit_as_written"] for e in t.report.entries if e["kind"] == "issue"] == ["A"]


def test_ranks_ties_and_the_last_place():
    rank_col = Column(9, "Xếp hạng", "rank")
    # equal scores sharing a place, and the last place (63 of 63)
    C.check_ranks(ranked([("70", 1), ("65", 2), ("65", 2), ("60", 63)]), "PCI.overall", rank_col, 63)
    # a lower score cannot share the place of a higher one
    with pytest.raises(SourceFormatError, match=r"row 5, column 'Xếp hạng': rank 2 with score 60 disagrees with row 4 "
                       r"\(score 65, rank 2\)"):
        C.check_ranks(ranked([("65", 2), ("60", 2)]), "PCI.overall", rank_col, 63)
