"""PAPI (Provincial Governance and Public Administration Performance Index) readers.

``read(raw_dir, report)`` walks the catalog (``catalog.csv`` and ``column_map.csv``, loaded by
:mod:`.catalog`) in priority order and reads each file with the reader of its layout family
(:mod:`.rows` provinces as rows, :mod:`.columns` provinces as columns, :mod:`.long_panel` one row
per province and year), merges the candidates with :mod:`.merge` (full precision wins, agreement
checked), checks the composites with :mod:`.checks` and returns the tidy panel rows.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from parlib.sources import news_facts
from parlib.sources.catalog import layout_files
from parlib.sources.papi import catalog, checks, columns, long_panel, merge, rows

READERS = {**rows.READERS, **columns.READERS, **long_panel.READERS}


def candidate_records(raw_dir: Path, report, years=None) -> list[dict]:
    """Every value as each source states it, before merging (one record per source cell)."""
    recs: list[dict] = []
    for e in catalog.entries():
        if years is not None and not any(y in years for y in e.years):
            continue
        if e.family == "long":
            recs += READERS[e.layout](e, Path(raw_dir), report, years=years)
        else:
            recs += READERS[e.layout](e, Path(raw_dir), report)
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
    out = panel[merge.PANEL_COLUMNS].reset_index(drop=True)
    for rel in layout_files("PAPI").get("facts_news", []):
        rest, out = news_facts.cross_check(news_facts.records(Path(raw_dir), rel, "PAPI", report),
                                           out, report, rel)
        rest = [r for r in rest if years is None or r.year in years]
        out = pd.concat([out, news_facts.panel_rows(rest, report).reindex(columns=merge.PANEL_COLUMNS)],
                        ignore_index=True)
    return out


__all__ = ["read", "candidates", "catalog"]
