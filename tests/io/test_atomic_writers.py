"""Every writer of a user-facing file goes through an atomic write: the disk fills up in the
middle of the write, and the old file is still whole and no temporary file is left (issue 20).
A writer that wrote straight into its target would leave a half-written file here."""
from __future__ import annotations

import errno
from pathlib import Path

import pandas as pd
import pytest

from parlib.io.oserrors import OutputError

OLD = "old, complete content\n"


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def disk_full_midway(monkeypatch):
    """Path.write_text / write_bytes write the first half of their data, then fail (ENOSPC)."""
    written = []

    def half(self, data, *a, **k):
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        with open(self, "wb") as fh:
            fh.write(raw[: max(1, len(raw) // 2)])
        written.append(Path(self).name)
        raise OSError(errno.ENOSPC, "No space left on device", str(self))

    monkeypatch.setattr(Path, "write_text", half)
    monkeypatch.setattr(Path, "write_bytes", half)
    return written


def old_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(OLD)
    return path


def assert_old_and_clean(path: Path, written: list[str]):
    assert written, "the failure was never injected: the writer did not write"
    with open(path, encoding="utf-8") as fh:
        assert fh.read() == OLD
    assert not [n for n in listing(path.parent) if n.endswith(".tmp") or ".stage-" in n or ".commit-" in n]


def test_brief_html_write(tmp_path, disk_full_midway):
    from parlib.render.engine import write_report

    target = old_file(tmp_path / "2019" / "vi" / "49.html")
    with pytest.raises(OutputError, match=r"49\.html: no space left on the device"):
        write_report("<html>" + "x" * 1000 + "</html>", target)
    assert_old_and_clean(target, disk_full_midway)


def test_site_index_pages_write(tmp_path, disk_full_midway):
    from parlib.render.site import write_indexes

    target = old_file(tmp_path / "index.html")
    with pytest.raises(OutputError, match=r"index\.html: no space left on the device"):
        write_indexes(tmp_path)
    assert_old_and_clean(target, disk_full_midway)


def test_data_dictionary_writes(tmp_path, disk_full_midway):
    from parlib.panel.dictionary import write_html, write_markdown
    from parlib.panel.load import load

    panel = load("PAR")
    md = old_file(tmp_path / "DATA_DICTIONARY.md")
    with pytest.raises(OutputError, match=r"DATA_DICTIONARY\.md: no space left on the device"):
        write_markdown(md, panel=panel)
    assert_old_and_clean(md, disk_full_midway)
    html = old_file(tmp_path / "site" / "dictionary.html")
    with pytest.raises(OutputError, match=r"dictionary\.html: no space left on the device"):
        write_html(tmp_path / "site", panel=panel)
    assert_old_and_clean(html, disk_full_midway)


def test_reference_table_write(tmp_path, monkeypatch, disk_full_midway):
    import parlib.registry.build as rb

    frame = pd.DataFrame({"unit_code": ["01", "02"], "name_vi": ["Hà Nội", "Hà Giang"]})
    monkeypatch.setattr(rb, "build_reference_tables", lambda raw: {"units.csv": frame})
    target = old_file(tmp_path / "units.csv")
    with pytest.raises(OutputError, match=r"units\.csv: no space left on the device"):
        rb.write_reference_tables(tmp_path / "raw", tmp_path)
    assert_old_and_clean(target, disk_full_midway)


def test_geometry_write(tmp_path, monkeypatch, disk_full_midway):
    from conftest import RAW
    from parlib.registry import geo

    if RAW is None or not (Path(RAW) / geo.RAW_NAME).exists():
        pytest.skip("raw geometry not found")
    target = old_file(tmp_path / "provinces.geojson")
    with pytest.raises(OutputError, match=r"provinces\.geojson: no space left on the device"):
        geo.build_reference(RAW, target)
    assert_old_and_clean(target, disk_full_midway)


def test_panel_export_set(tmp_path, monkeypatch):
    """The export is one set (data, codebook, variables): a failure while the sidecars are
    written leaves all three old files."""
    import parlib.panel.export as ex

    olds = [old_file(tmp_path / n) for n in ("par.csv", "par_codebook.csv", "par_variables.csv")]
    staged = []

    def half_then_full(codebook_path, variables_path, *a, **k):
        staged.extend(p.name for p in tmp_path.glob(".stage-*/*"))
        with open(codebook_path, "w") as fh:
            fh.write("index,ind")
        raise OSError(errno.ENOSPC, "No space left on device", str(codebook_path))

    monkeypatch.setattr(ex, "_write_sidecars", half_then_full)
    with pytest.raises(OutputError, match=r"no space left on the device"):
        ex.export_panel(tmp_path / "par.csv", index="PAR")
    assert staged == ["par.csv"]             # the data file was written: the failure is mid-set
    for p in olds:
        assert_old_and_clean(p, staged)
    assert listing(tmp_path) == ["par.csv", "par_codebook.csv", "par_variables.csv"]
