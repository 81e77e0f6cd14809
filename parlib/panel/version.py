"""Data versions: what identifies one state of the processed data.

``parlib build`` writes into ``build_info.json``:

* ``checksums``: SHA-256 of each processed CSV (``panel.csv``, ``cleaning_report.csv``,
  ``cleaning_summary.csv``). ``panel.parquet`` holds the same table as ``panel.csv``; its bytes
  also depend on the version of the Parquet writer, so it is not checksummed.
* ``data_hash``: the SHA-256 of ``panel.csv`` (the panel's content).
* ``data_date``: the date of the newest data release recorded in ``CHANGELOG.md`` (a heading
  ``## Data YYYY-MM-DD``). Wall-clock time is never written, so a rebuild from the same raw files
  and code is byte-identical; a data change is dated by recording it in the changelog.
* ``data_version``: ``"<data_date>+<first 12 hex digits of data_hash>"``, e.g.
  ``"2026-11-30+3f2a9c1b7d4e"``: two panels with the same version have the same content.

:func:`data_version` reads it back (``parlib.data_version()``).
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from parlib.errors import ParlibError

CHECKSUMMED = ("panel.csv", "cleaning_report.csv", "cleaning_summary.csv")
_DATA_HEADING = re.compile(r"^## Data (\d{4}-\d{2}-\d{2})\b", re.M)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def release_date(changelog: Path | None = None) -> str | None:
    """The newest ``## Data YYYY-MM-DD`` date in the changelog (None without one)."""
    from parlib.paths import project_root

    path = Path(changelog) if changelog else project_root() / "CHANGELOG.md"
    if not path.exists():
        return None
    dates = _DATA_HEADING.findall(path.read_text(encoding="utf-8"))
    return max(dates) if dates else None


def stamp(folder: Path, changelog: Path | None = None) -> dict:
    """The version fields of ``build_info.json`` for the processed files in ``folder``."""
    checks = {name: sha256(Path(folder) / name) for name in CHECKSUMMED
              if (Path(folder) / name).exists()}
    digest = checks.get("panel.csv", "")
    date = release_date(changelog) or "undated"
    return {"checksums": checks, "data_hash": digest, "data_date": date,
            "data_version": f"{date}+{digest[:12]}"}


def build_info(processed: Path | None = None) -> dict:
    from parlib.paths import processed_dir

    path = Path(processed or processed_dir()) / "build_info.json"
    if not path.exists():
        raise ParlibError(f"no build_info.json in the processed folder {path.parent.name}; "
                          "run `parlib build`")
    return json.loads(path.read_text(encoding="utf-8"))


def data_version(processed: Path | None = None) -> str:
    """The version of the processed panel, e.g. ``"2026-11-30+3f2a9c1b7d4e"`` (see module doc).
    Tables added with ``parlib import`` are not part of it."""
    info = build_info(processed)
    if "data_version" not in info:
        raise ParlibError("build_info.json has no data_version (built by an older parlib); "
                          "run `parlib build`")
    return info["data_version"]


def stamp_text(processed: Path | None = None) -> str:
    """"Data version X." for generated documents ("" before the first versioned build)."""
    try:
        return f"Data version {data_version(processed)}."
    except ParlibError:
        return ""


def verify(processed: Path | None = None) -> list[str]:
    """Names of the processed files whose checksum differs from ``build_info.json``."""
    from parlib.paths import processed_dir

    folder = Path(processed or processed_dir())
    info = build_info(folder)
    return [name for name, digest in sorted(info.get("checksums", {}).items())
            if not (folder / name).exists() or sha256(folder / name) != digest]
