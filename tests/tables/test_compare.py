"""A table for an (index, year) the panel holds is compared value by value (parlib.tables.compare):
values agree within half a unit of the table's printed precision. The panel side is the committed
official PCI 2019 (data/processed, VCCI's workbook): Hà Nội's business support 7.061023 (read here
from the panel, the table side is that value moved by hand-chosen amounts)."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

import parlib
from parlib.tables.compare import Comparison, Disagreement, against_panel, held


def official(code, ind):
    df = parlib.load("PCI", year=2019, unit=[code])
    return float(df[df.indicator == ind].value.iloc[0])


def table(rows):
    return pd.DataFrame(rows, columns=["unit_code", "unit_name", "indicator", "value", "source"])


T = SimpleNamespace(index="PCI", year=2019)


def test_values_agree_within_half_a_unit_of_the_printed_precision():
    bs, ec = official("01", "PCI.business_support"), official("01", "PCI.entry_costs")
    assert round(bs, 6) == 7.061023          # VCCI 2019, Hà Nội
    rows = table([
        ("01", "Hà Nội", "PCI.business_support", bs + 0.0049, "import:t.csv"),   # 2 decimals: within 0.005
        ("01", "Hà Nội", "PCI.entry_costs", ec + 0.0051, "import:t.csv"),        # beyond 0.005
        ("01", "Hà Nội", "PCI.transparency", None, "import:t.csv"),              # empty cell: not compared
        ("01", "Hà Nội", "PCI.nothing", 1.0, "import:t.csv"),                    # the panel has no such value
    ])
    res = against_panel(rows, T, {"PCI.business_support": 2, "PCI.entry_costs": 2})
    assert (res.agree, res.disagree, res.only_in_table) == (1, 1, 1)
    d = res.disagreements[0]
    assert (d.unit_code, d.indicator, d.table_value, d.panel_value, d.table_source) == \
        ("01", "PCI.entry_costs", ec + 0.0051, ec, "import:t.csv")
    assert d.panel_source == "pci/PCI_2019_vcci_mdtrinh.xlsx#Summary"
    # one decimal printed: half a unit is 0.05, so 0.0051 agrees; no decimals given: 2
    res1 = against_panel(rows, T, {"PCI.entry_costs": 1})
    assert (res1.agree, res1.disagree) == (2, 0)


def test_nothing_held_for_units_the_panel_does_not_have():
    assert held("PCI", 2019, {"zz"}) is None
    assert against_panel(table([("zz", "Z", "PCI.overall", 1.0, "import:t.csv")]), T, {}) is None
    h = held("PCI", 2019, {"48"})
    assert set(h.unit_code) == {"48"} and h.value.notna().all() and len(h) == 12   # 10 sub-indices, PCI, unweighted


def test_comparison_lines():
    res = Comparison(agree=3, only_in_table=2)
    res.disagreements.append(Disagreement("48", "Đà Nẵng", "PCI.overall", 70.0, 70.12, "import:t.csv", "pci/x.xlsx"))
    assert res.lines() == [
        "48 Đà Nẵng PCI.overall: table 70 (import:t.csv) vs panel 70.12 (pci/x.xlsx)",
        "2 table values have no value in the panel (not added; --replace imports the table)",
        "3 values agree, 1 disagree"]
    assert Comparison().lines() == ["0 values agree, 0 disagree"]


def test_the_boundary_is_half_a_unit_and_every_value_is_looked_at(monkeypatch):
    from parlib.tables import compare

    panel = table([("01", "Hà Nội", "PAR.procedures", 6.54, "x"), ("01", "Hà Nội", "PAR.impact", 10.0, "x")])
    monkeypatch.setattr(compare, "held", lambda index, year, codes: panel)
    rows = table([
        ("01", "Hà Nội", "PAR.direction", 1.0, "import:t.csv"),     # not in the panel (first: the rest still compared)
        ("01", "Hà Nội", "PAR.apparatus", 2.0, "import:t.csv"),     # not in the panel
        ("01", "Hà Nội", "PAR.procedures", 6.545, "import:t.csv"),  # 6.545 - 6.54 = 0.005: exactly half a unit agrees
        ("01", "Hà Nội", "PAR.impact", 10.0051, "import:t.csv"),    # beyond it
    ])
    res = against_panel(rows, SimpleNamespace(index="PAR", year=2023), {"PAR.procedures": 2, "PAR.impact": 2})
    assert (res.agree, res.disagree, res.only_in_table) == (1, 1, 2)
    assert res.disagreements[0].unit_name == "Hà Nội"


def test_held_reads_the_imported_tables_when_the_panel_has_no_such_year(tmp_path, monkeypatch):
    from pathlib import Path

    from parlib.tables.importer import import_table

    fix = Path(__file__).resolve().parents[1] / "fixtures" / "par"
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path / "imported"))
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(tmp_path / "processed"))   # no official panel here
    for y in (2022, 2023):
        import_table(fix / f"SYNTHETIC_par_index_provinces_{y}.xlsx", "PAR", y)
    h = held("PAR", 2023, {"80", "01"})
    assert sorted(set(h.unit_code)) == ["01", "80"] and set(h.year) == {2023} and set(h["index"]) == {"PAR"}
    assert len(h) == 2 * 9                                              # 8 areas and the index each
    la = h[(h.unit_code == "80") & (h.indicator == "PAR.procedures")].value.iloc[0]
    assert la == 12.98                                                  # the SYNTHETIC Long An value
    assert held("PAR", 2021, {"80"}) is None and held("PCI", 2023, {"80"}) is None
