"""Where parlib reads and writes.

* raw data (read-only): ``PARLIB_RAW_DIR`` → ``<project>/data/raw`` → ``<project>/../shared/data/raw``
* reference tables (committed facts): ``<project>/data/reference``
* processed tables (built by ``parlib build``): ``PARLIB_PROCESSED_DIR`` or ``<data>/processed``
* user imports (``parlib import``): ``PARLIB_IMPORTED_DIR`` or ``<data>/imported``
* rendered reports: ``PARLIB_REPORTS_DIR`` or ``<project>/reports``
"""
from __future__ import annotations

import os
from pathlib import Path

from parlib.errors import RawDataNotFoundError

_MARKERS = ("pci", "papi", "provinces")


def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("PARLIB_DATA_DIR") or project_root() / "data")


def reference_dir() -> Path:
    return project_root() / "data" / "reference"


def processed_dir() -> Path:
    return Path(os.environ.get("PARLIB_PROCESSED_DIR") or data_dir() / "processed")


def imported_dir() -> Path:
    return Path(os.environ.get("PARLIB_IMPORTED_DIR") or data_dir() / "imported")


def reports_dir() -> Path:
    return Path(os.environ.get("PARLIB_REPORTS_DIR") or project_root() / "reports")


def raw_candidates() -> list[Path]:
    out = []
    env = os.environ.get("PARLIB_RAW_DIR")
    if env:
        out.append(Path(env))
    out += [project_root() / "data" / "raw", project_root().parent / "shared" / "data" / "raw"]
    return out


def _looks_raw(p: Path) -> bool:
    return p.is_dir() and any((p / m).is_dir() for m in _MARKERS)


def raw_dir(explicit: str | os.PathLike | None = None) -> Path:
    """The raw data folder; raises RawDataNotFoundError naming every folder tried.

    An explicitly given folder (or ``PARLIB_RAW_DIR``) is used only if it holds raw data:
    a wrong setting is an error, not a silent fallback.
    """
    if explicit is not None:
        p = Path(explicit)
        if _looks_raw(p):
            return p.resolve()
        raise RawDataNotFoundError([str(p)])
    env = os.environ.get("PARLIB_RAW_DIR")
    if env:
        p = Path(env)
        if _looks_raw(p):
            return p.resolve()
        raise RawDataNotFoundError([f"{p} (PARLIB_RAW_DIR)"])
    tried = raw_candidates()
    for p in tried:
        if _looks_raw(p):
            return p.resolve()
    raise RawDataNotFoundError([str(p) for p in tried])


def relative_source(path: Path, raw: Path) -> str:
    """A raw file's name relative to the raw folder, with forward slashes (never absolute)."""
    try:
        return Path(path).resolve().relative_to(Path(raw).resolve()).as_posix()
    except ValueError:
        return Path(path).name
