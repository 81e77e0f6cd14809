"""Every raw file is read (a source catalog lists it) or ignored with its reason; a new file in
neither table is an issue ``not_catalogued`` in the cleaning report, never silently skipped."""
from __future__ import annotations

from parlib.panel.report import CleaningReport
from parlib.sources.catalog import catalogued_files
from parlib.sources.inventory import check_raw_files, ignored_files


def test_catalogs_and_the_ignored_table_do_not_overlap():
    assert not set(catalogued_files()) & set(ignored_files())


def test_every_file_of_the_raw_folder_is_read_or_ignored(raw_dir):
    rep = CleaningReport()
    got = check_raw_files(raw_dir, rep)
    assert got["not_catalogued"] == []
    # 26 ignored: 7 PROVENANCE.md, the PCI 2021 page excerpt, the targets table, 12 province and
    # 5 geometry files (read by the registry build / geo, or inputs of the derived files)
    assert len(got["ignored"]) == 26
    assert "targets/provincial_targets_published.csv" in got["ignored"]
    assert "pci/PCI_2019_vcci_mdtrinh.xlsx" in got["read"]
    lines = rep.to_frame()
    assert (lines.kind == "file").sum() == 26
    reason = lines.set_index("source").loc["targets/provincial_targets_published.csv", "reason"]
    assert reason == "read by `parlib targets` (provincial targets), not part of the panel"


def test_a_file_in_no_table_is_reported_not_catalogued(tmp_path):
    # SYNTHETIC raw folder: one catalogued file, one ignored, one new, one hidden
    (tmp_path / "pci").mkdir()
    (tmp_path / "pci" / "PCI_2019_vcci_mdtrinh.xlsx").write_bytes(b"")
    (tmp_path / "pci" / "PROVENANCE.md").write_text("SYNTHETIC")
    (tmp_path / "pci" / "pci_2025_new_SYNTHETIC.csv").write_text("a,b\n")
    (tmp_path / "pci" / ".DS_Store").write_bytes(b"")
    rep = CleaningReport()
    got = check_raw_files(tmp_path, rep)
    assert got == {"read": ["pci/PCI_2019_vcci_mdtrinh.xlsx"], "ignored": ["pci/PROVENANCE.md"],
                   "not_catalogued": ["pci/pci_2025_new_SYNTHETIC.csv"]}
    df = rep.to_frame()
    issue = df[df.kind == "issue"].iloc[0]
    assert issue.status == "not_catalogued" and issue.source == "pci/pci_2025_new_SYNTHETIC.csv"
    assert issue.reason.startswith("not catalogued")
    assert rep.summary().set_index("source").loc["pci/pci_2025_new_SYNTHETIC.csv", "issues"] == 1
