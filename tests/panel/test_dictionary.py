"""The data dictionary (issue 17): generated from the codebook and the panel, committed in
docs/DATA_DICTIONARY.md and kept in step with them; every indicator is listed with facts that can
be checked against the codebook (weights per era) and the official sources (coverage)."""
from __future__ import annotations

import parlib
from conftest import ROOT
from parlib.codebook import load_codebook
from parlib.panel.dictionary import entries, markdown, write_html, year_ranges


def test_committed_dictionary_matches_codebook_and_panel():
    """Rerun `parlib build` (or write_markdown()) after changing the codebook or the data."""
    assert (ROOT / "docs" / "DATA_DICTIONARY.md").read_text(encoding="utf-8") == markdown()


def test_every_codebook_indicator_has_one_entry():
    cb = load_codebook()
    df = entries()
    assert set(zip(df["index"], df.indicator)) == set(zip(cb["index"], cb.indicator))
    assert not df.duplicated(["index", "indicator"]).any()


def test_pci_entries_state_weights_breaks_and_coverage():
    df = entries().set_index("indicator")
    entry = df.loc["PCI.entry_costs"]
    # VCCI weights of the 2013 methodology: entry costs 5% (= 0.5 on the 0-10 x 10 convention)
    assert "2013–2020 (era 2013): scale 0–10, weight 0.5" in entry.eras
    assert "2013 (era 2009 → 2013)" in entry.breaks and "2021 (era 2013 → 2021)" in entry.breaks
    overall = df.loc["PCI.overall"]
    # 42 provinces in 2005, 64 with Hà Tây in 2006-2008, 63 from 2009 to 2022 (then news facts)
    assert overall.units.startswith("42 (2005); 64 (2006–2008); 63 (2009–2022)")
    assert df.loc["PCI.unweighted"].derived_years == "2005–2006, 2009, 2011–2019, 2021, 2023"
    assert df.loc["PCI.policy_bias"].name_en.startswith("State-owned enterprise bias")
    assert "pci/PCI_2019_vcci_mdtrinh.xlsx" in entry.sources


def test_dictionary_coverage_counts_units_with_values():
    panel = parlib.load("PAPI", year=2014)
    have = panel[(panel.indicator == "PAPI.total") & panel.value.notna()].unit_code.nunique()
    assert have == 61  # the 2014 workbook has no Bắc Giang and Đồng Tháp
    assert "61 (2014)" in entries().set_index("indicator").loc["PAPI.total"].units


def test_year_ranges_compacts_runs():
    assert year_ranges([2010, 2006, 2007, 2008, 2012, 2013]) == "2006–2008, 2010, 2012–2013"
    assert year_ranges([]) == ""


def test_html_page_for_the_reports_site(tmp_path):
    path = write_html(tmp_path)
    assert path == tmp_path / "dictionary.html"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<script" not in text
    for code in ("PCI.unweighted", "PAPI.d1_1", "PAR.overall", "SIPAS.overall"):
        assert f"<td>{code}</td>" in text
    assert "Chi phí gia nhập thị trường" in text


def test_citation_file_and_readme_name_every_producer():
    import yaml

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"] and cff["authors"]
    producers = " ".join(a["name"] for r in cff["references"] for a in r["authors"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cite = readme.split("## How to cite", 1)[1].split("\n## ", 1)[0]
    for name in ("VCCI", "UNDP", "CECODES", "Ministry of Home Affairs"):
        assert name in producers and name in cite, name
    assert "no licence" in cite.lower()  # terms as far as known (PROVENANCE.md)
