"""Shared fixtures. Tests never write into the repo's data/ or reports/: they point parlib at
temporary folders through PARLIB_PROCESSED_DIR, PARLIB_IMPORTED_DIR and PARLIB_REPORTS_DIR."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("MPLBACKEND", "Agg")


def _raw():
    from parlib.errors import RawDataNotFoundError
    from parlib.paths import raw_dir

    try:
        return raw_dir()
    except RawDataNotFoundError:
        return None


RAW = _raw()
needs_raw = pytest.mark.skipif(RAW is None, reason="raw data folder not found (../shared/data/raw)")


@pytest.fixture(scope="session")
def raw_dir():
    if RAW is None:
        pytest.skip("raw data folder not found (../shared/data/raw)")
    return RAW


@pytest.fixture(scope="session")
def built(tmp_path_factory, raw_dir):
    """One full build from raw into a temporary folder (shared by the tests of a session)."""
    from parlib.panel.build import build

    out = tmp_path_factory.mktemp("processed")
    return build(raw_dir, out)


@pytest.fixture
def isolated_data(tmp_path, monkeypatch):
    """A private copy of the committed processed panel, an empty imports folder and reports folder."""
    proc = tmp_path / "processed"
    shutil.copytree(ROOT / "data" / "processed", proc)
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(proc))
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path / "imported"))
    monkeypatch.setenv("PARLIB_REPORTS_DIR", str(tmp_path / "reports"))
    from parlib import provinces

    provinces.clear_cache()
    yield tmp_path
    provinces.clear_cache()


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes (to prove a failed step changed nothing)."""
    folder = Path(folder)
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}
