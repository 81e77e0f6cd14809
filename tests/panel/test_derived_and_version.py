"""Derived PCI.unweighted and data versions (issue 17).

The derivation rule (sum of the year's sub-indices) is checked against the unweighted totals the
2007, 2008 and 2010 VCCI workbooks publish; derived rows are flagged and never replace a
published value. build_info.json carries a content hash, a date from CHANGELOG.md (no clock time)
and checksums of the processed CSV files."""
from __future__ import annotations

import hashlib
import json

import pytest

import parlib
from conftest import ROOT
from parlib.panel.derive import UNWEIGHTED, unweighted_rows
from parlib.panel.version import release_date, stamp, verify

PUBLISHED = [(2007, "74", 76.02), (2008, "06", 46.74), (2010, "48", 60.72)]  # workbook values


@pytest.fixture(scope="module")
def pci():
    return parlib.load("PCI")


def test_sum_rule_reproduces_every_published_unweighted_total(pci):
    published = pci[(pci.indicator == UNWEIGHTED) & (pci.flag.fillna("") != "derived")]
    assert sorted(set(published.year)) == [2007, 2008, 2010]
    derived = unweighted_rows(pci[pci.indicator != UNWEIGHTED]).set_index(["year", "unit_code"])
    for year, unit, value in PUBLISHED:
        assert round(derived.loc[(year, unit), "value"], 2) == value
    both = published.set_index(["year", "unit_code"])["value"]
    assert (derived["value"].reindex(both.index) - both).abs().max() < 1e-4


def test_derived_rows_are_flagged_with_how_and_published_ones_kept(pci):
    u = pci[pci.indicator == UNWEIGHTED]
    derived = u[u.flag == "derived"]
    assert sorted(set(derived.year)) == [2005, 2006, 2009, 2011, 2012, 2013, 2014, 2015, 2016,
                                         2017, 2018, 2019, 2021, 2023]
    assert derived.note.str.startswith("derived: sum of the ").all()
    assert set(derived[derived.year == 2005].max_value) == {90.0}  # 9 sub-indices in 2005
    assert not set(u[u.year.isin([2007, 2008, 2010])].flag.dropna())
    assert len(derived[derived.year == 2019]) == 63


def test_no_unweighted_total_where_sub_indices_are_incomplete(pci):
    u = pci[pci.indicator == UNWEIGHTED]
    assert not set(u.year) & {2020, 2022, 2024}  # composites only in the sources
    # 2021: VCCI's site table gives the sub-indices of the top 21 provinces only
    assert len(u[u.year == 2021]) == 21


def test_build_info_has_data_version_hash_and_checksums():
    info = json.loads((ROOT / "data" / "processed" / "build_info.json").read_text())
    panel_csv = (ROOT / "data" / "processed" / "panel.csv").read_bytes()
    digest = hashlib.sha256(panel_csv).hexdigest()
    assert info["data_hash"] == digest == info["checksums"]["panel.csv"]
    assert info["data_date"] == release_date(ROOT / "CHANGELOG.md")
    assert info["data_version"] == f"{info['data_date']}+{digest[:12]}"
    assert set(info["checksums"]) == {"panel.csv", "cleaning_report.csv", "cleaning_summary.csv"}
    assert verify(ROOT / "data" / "processed") == []


def test_data_version_reads_the_processed_folder(isolated_data):
    proc = isolated_data / "processed"
    info = json.loads((proc / "build_info.json").read_text())
    assert parlib.data_version() == info["data_version"]
    (proc / "panel.csv").write_bytes(b"changed\n")
    assert verify(proc) == ["panel.csv"]


def test_release_date_is_the_newest_data_heading(tmp_path):
    log = tmp_path / "CHANGELOG.md"
    log.write_text("# Changelog\n\n## Code 0.2\n\n## Data 2026-01-05\n\n## Data 2025-12-31\n")
    assert release_date(log) == "2026-01-05"
    (tmp_path / "panel.csv").write_bytes(b"a\n1\n")
    s = stamp(tmp_path, log)
    assert s["data_version"] == "2026-01-05+" + hashlib.sha256(b"a\n1\n").hexdigest()[:12]
    log.write_text("# Changelog\n")
    assert stamp(tmp_path, log)["data_date"] == "undated"
