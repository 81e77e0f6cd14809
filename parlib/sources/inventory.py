"""Every file in the raw folder is read or listed as ignored with its reason.

A file is *read* when a source catalog (``parlib/sources/<index>/catalog.csv``) lists it; it is
*ignored* when ``parlib/sources/ignored.csv`` lists it with a reason (documentation, an input of a
derived file, a file read by another command such as ``parlib targets`` or the registry build).
``parlib build`` writes one cleaning-report line per ignored file, and a file that is in neither
table is an issue ``not_catalogued``: a new raw file is never ignored silently.
"""
from __future__ import annotations

from pathlib import Path

from parlib.sources.catalog import HERE, catalogued_files, read_table

IGNORED = HERE / "ignored.csv"


def ignored_files() -> dict[str, str]:
    """Raw-relative file -> why ``parlib build`` does not read it."""
    return {r["file"]: r["reason"] for r in read_table(IGNORED, required=("file", "reason"))}


def raw_files(raw: Path) -> list[str]:
    """Raw-relative paths (``/`` separated) of every non-hidden file under ``raw``."""
    raw = Path(raw)
    return sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw).parts))


def check_raw_files(raw: Path, report) -> dict[str, list[str]]:
    """Log each ignored file and each file in no table; returns the files by status."""
    read, ignored = catalogued_files(), ignored_files()
    out: dict[str, list[str]] = {"read": [], "ignored": [], "not_catalogued": []}
    for f in raw_files(raw):
        if f in read:
            out["read"].append(f)
        elif f in ignored:
            out["ignored"].append(f)
            report.file(f, "ignored", ignored[f])
        else:
            out["not_catalogued"].append(f)
            report.issue(f, None, None, None, None, "not_catalogued",
                         "not catalogued: in no source catalog and not in parlib/sources/ignored.csv, "
                         "so nothing reads it (add it to a catalog with a reader, or to ignored.csv "
                         "with the reason)")
    return out
