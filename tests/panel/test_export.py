"""parlib.panel.export (issue 17): Stata files round-trip through pandas.read_stata with variable
labels, every format writes the codebook beside the data, spreadsheet cells never become
formulas, and a failed export writes nothing."""
from __future__ import annotations

import pandas as pd
import pytest

import parlib
from conftest import tree_bytes
from parlib.errors import ParameterError
from parlib.io.safe_cells import formula_like
from parlib.panel.export import export_panel, stata_names


def test_stata_wide_export_round_trips_with_variable_labels(tmp_path):
    paths = export_panel(tmp_path / "pci.dta", index="PCI", wide=True, years=[2019])
    assert [p.name for p in paths] == ["pci.dta", "pci_codebook.csv", "pci_variables.csv"]
    with pd.io.stata.StataReader(paths[0]) as reader:
        df = reader.read()
        labels = reader.variable_labels()
        data_label = reader.data_label
    assert len(df) == 63
    assert labels["pci_entry_costs"] == "PCI.entry_costs: Entry costs"
    assert labels["pci_overall"] == "PCI.overall: Provincial Competitiveness Index (weighted PCI)"
    assert labels["year"] == "Survey/assessment year"
    assert data_label == f"parlib panel, data version {parlib.data_version()}"
    qn = df.set_index("unit_code").loc["22"]  # official 2019 workbook: Quảng Ninh 73.40
    assert round(qn["pci_overall"], 2) == 73.40 and qn["unit_name"] == "Quảng Ninh"
    wide = parlib.wide("PCI", years=2019).set_index("unit_code")
    assert (df.set_index("unit_code")["pci_transparency"] == wide["PCI.transparency"]).all()


def test_stata_long_export_keeps_every_row_and_missing_values(tmp_path):
    export_panel(tmp_path / "papi.dta", index="papi", years=2019)
    back = pd.read_stata(tmp_path / "papi.dta")
    long = parlib.load("PAPI", year=2019)
    assert len(back) == len(long)
    assert back["value"].isna().sum() == long["value"].isna().sum()
    assert back["rank"].isna().sum() == long["rank"].isna().sum()


def test_stata_names_are_valid_unique_and_at_most_32_characters():
    names = stata_names(["PCI.entry_costs", "PAPI.d1_1", "x" * 40, "x" * 40 + "y", "1st", "a-b"])
    assert names["PCI.entry_costs"] == "pci_entry_costs" and names["PAPI.d1_1"] == "papi_d1_1"
    assert names["1st"] == "v1st" and names["a-b"] == "a_b"
    assert all(len(n) <= 32 for n in names.values()) and len(set(names.values())) == 6


@pytest.mark.parametrize("fmt", ["parquet", "csv", "xlsx"])
def test_other_formats_hold_the_panel_and_the_codebook(tmp_path, fmt):
    paths = export_panel(tmp_path / f"out.{fmt}", index="PCI", years=[2019])
    data = {"parquet": pd.read_parquet, "csv": pd.read_csv, "xlsx": pd.read_excel}[fmt](
        paths[0], **({"dtype": {"unit_code": str}} if fmt != "parquet" else {}))
    assert len(data) == 63 * 12
    row = data[(data.unit_code == "22") & (data.indicator == "PCI.overall")].iloc[0]
    assert round(row["value"], 2) == 73.40 and row["rank"] == 1
    cb = pd.read_csv(paths[1])
    assert set(cb["index"]) == {"PCI"} and "PCI.unweighted" in set(cb["indicator"])


def test_wide_export_of_several_indices_gives_one_file_or_sheet_each(tmp_path):
    paths = export_panel(tmp_path / "w.csv", index=["PCI", "PAPI"], wide=True, years=[2019])
    assert [p.name for p in paths[:2]] == ["w_PCI.csv", "w_PAPI.csv"]
    x = export_panel(tmp_path / "w.xlsx", index=["PCI", "PAPI"], wide=True, years=[2019])
    assert pd.ExcelFile(x[0]).sheet_names == ["PCI", "PAPI"]


def test_formula_like_text_is_neutralised_in_csv_and_xlsx(tmp_path):
    import openpyxl

    panel = parlib.load("PCI", year=2019).head(3).copy()
    panel["note"] = ["=HYPERLINK(\"http://x\")", "@SUM(A1)", "-1.5"]
    assert formula_like("+cmd") and not formula_like("-1,5") and not formula_like("plain")
    csv = export_panel(tmp_path / "n.csv", panel=panel)[0]
    notes = pd.read_csv(csv, dtype=str)["note"].tolist()
    assert notes == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "-1.5"]  # a number stays as is
    xlsx = export_panel(tmp_path / "n.xlsx", panel=panel)[0]
    ws = openpyxl.load_workbook(xlsx)["panel"]
    col = [c.value for c in ws[1]].index("note") + 1
    cells = [ws.cell(r, col) for r in (2, 3)]
    assert [c.data_type for c in cells] == ["s", "s"]
    assert cells[0].value == "=HYPERLINK(\"http://x\")"


def test_bad_format_or_folder_writes_nothing(tmp_path):
    before = tree_bytes(tmp_path)
    with pytest.raises(ParameterError, match="invalid format: 'sav'; allowed: dta, parquet, csv, xlsx"):
        export_panel(tmp_path / "x.sav")
    with pytest.raises(ParameterError, match="invalid OUT: .*does not exist"):
        export_panel(tmp_path / "missing" / "x.dta")
    with pytest.raises(ParameterError, match="invalid index: 'pcx'"):
        export_panel(tmp_path / "x.dta", index="pcx")
    assert tree_bytes(tmp_path) == before
