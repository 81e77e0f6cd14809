"""PAPI (Provincial Governance and Public Administration Performance Index) readers.

``read(raw_dir, report)`` reads the official PAPI files listed in :mod:`.catalog` (only the
sheets and rows needed), merges them with :mod:`.merge` (full precision wins, agreement checked),
checks the composites with :mod:`.checks` and returns the tidy panel rows.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from parlib.sources.papi import (catalog, checks, consolidated, csv_copies, dimension_sheets, full_2019_wide,
               full_tables, merge, panel_2020_2024)

READERS = (consolidated, dimension_sheets, full_tables, full_2019_wide, panel_2020_2024,
           csv_copies)


def candidate_records(raw_dir: Path, report, years=None) -> list[dict]:
    """Every value as each source states it, before merging (one record per source cell)."""
    recs: list[dict] = []
    for mod in READERS:
        recs += mod.read(Path(raw_dir), report, years=years)
    return recs


def candidates(raw_dir: Path, report, years=None) -> pd.DataFrame:
    return pd.DataFrame(candidate_records(raw_dir, report, years=years))


def read(raw_dir: Path, report, years=None) -> pd.DataFrame:
    cands = candidate_records(raw_dir, report, years=years)
    panel = merge.merge(cands, report)
    checks.check_composites(panel, report)
    checks.check_scale(panel, report)
    for (src, year), n in panel.groupby(["source", "year"]).size().items():
        report.metric(src.split("#")[0], f"rows_kept_{year}", n,
                      f"panel rows whose value comes from {src}")
    return panel[merge.PANEL_COLUMNS].reset_index(drop=True)


__all__ = ["read", "candidates", "catalog"]
