"""``parlib export-panel``, ``parlib reconstruct`` and ``parlib convergence`` (issue 17), run as
``python -m parlib`` on a private copy of the committed panel. Reference values: the official
VCCI 2019 workbook (Quảng Ninh 73.40, rank 1) and the 2025 merger table (Quảng Nam and Đà Nẵng
form the new Đà Nẵng, N48, weighted by 2024 population 1,543,900 and 1,276,000)."""
from __future__ import annotations

import io

import pandas as pd
import pytest

import parlib
from test_cli_arguments import assert_refused, parlib as run


@pytest.fixture(autouse=True)
def _isolated(isolated_data):
    return isolated_data


def test_export_panel_stata_wide_with_labels_and_codebook(tmp_path):
    out = tmp_path / "pci.dta"
    r = run("export-panel", "--format", "dta", "--wide", "--index", "PCI", "--year", "2019", out)
    assert r.returncode == 0, r.stderr
    assert f"data version {parlib.data_version()}" in r.stdout
    assert (tmp_path / "pci_codebook.csv").exists() and (tmp_path / "pci_variables.csv").exists()
    with pd.io.stata.StataReader(out) as reader:
        df = reader.read()
        labels = reader.variable_labels()
    assert len(df) == 63 and labels["pci_land_access"] == "PCI.land_access: Land access and " \
        "security of tenure"
    assert round(df.set_index("unit_code").loc["22", "pci_overall"], 2) == 73.40


def test_export_panel_format_from_suffix_and_comma_lists(tmp_path):
    out = tmp_path / "both.parquet"
    r = run("export-panel", "--index", "PCI,papi", "--year", "2019", out)
    assert r.returncode == 0, r.stderr
    assert set(pd.read_parquet(out)["index"]) == {"PCI", "PAPI"}


def test_export_panel_refuses_bad_format_in_one_line(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    r = run("export-panel", "--format", "sav", folder / "x.sav")
    assert_refused(r, "export-panel", "invalid format: 'sav'; allowed: dta, parquet, csv, xlsx")
    assert list(folder.iterdir()) == []


def test_reconstruct_weights_former_provinces_by_population():
    r = run("reconstruct", "--index", "PCI", "--year", "2019", "--format", "csv")
    assert r.returncode == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout), dtype={"unit_code": str})
    assert len(df) == 34 and (df["method"] == "reconstruction").all()
    long = parlib.load("PCI", year=2019)
    v = long[long.indicator == "PCI.overall"].set_index("unit_code")["value"]
    expected = (v["49"] * 1543900 + v["48"] * 1276000) / (1543900 + 1276000)
    assert df.set_index("unit_code").loc["N48", "value"] == pytest.approx(expected, abs=1e-9)


def test_reconstruct_table_says_it_is_a_reconstruction():
    r = run("reconstruct", "--index", "pci", "--year", "2019")
    assert r.returncode == 0, r.stderr
    assert "RECONSTRUCTION, not published scores" in r.stdout


def test_convergence_defaults_to_one_methodology_era():
    r = run("convergence", "--index", "PCI")
    assert r.returncode == 0, r.stderr
    assert "Sigma 2013–2020" in r.stdout
    assert "Beta convergence of PCI.overall 2013–2020" in r.stdout and "n = 63" in r.stdout


def test_convergence_bad_year_is_one_line():
    r = run("convergence", "--index", "PCI", "--start", "1990")
    assert_refused(r, "convergence", "invalid year: 1990")


def test_help_explains_the_methods():
    r = run("reconstruct", "--help")
    assert "2024 population" in r.stdout and "not a published score" in r.stdout
    r = run("convergence", "--help")
    assert "starting level" in r.stdout and "methodology" in r.stdout
