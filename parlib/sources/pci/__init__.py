"""PCI (VCCI Provincial Competitiveness Index) readers: every official workbook 2005-2019, the
2023 sub-index workbook and the 2016-2022 composite panel, into tidy panel rows.

``read(raw_dir, report)`` walks the source catalog (``catalog.csv``), reads each file with the
reader of its layout family, merges sources that give the same value (the catalog priority
decides; disagreements go to the report), marks what no source holds (value NA, flag
``no_data``), and checks that each year's composite is reproduced from its sub-indices with the
codebook weights (largest error per year -> ``report.metric``).

Ranks: the published rank is used wherever a source has one (for ranked-pair sheets, the
position of a province in an indicator's ranking is that indicator's rank). The composite of
2020-2022 (from the Stata panel only) has no published rank: it is computed from the composite
and flagged ``rank_computed``. Sub-index ranks that no source publishes are left NA.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from parlib.sources.pci import composite_dta, ranked_pairs, site_table, summary_sheet, weights
from parlib.sources.merge import by_key, winner
from parlib.sources.pci.catalog import load_catalog
from parlib.sources.pci.records import COLUMNS, INDEX, OVERALL, UNWEIGHTED

READERS = {"summary_sheet": summary_sheet.read, "ranked_pairs": ranked_pairs.read,
           "site_table": site_table.read}
PARTIAL = {"composite_dta", "site_table"}  # layouts that never make the composite panel a mere cross-check
PANEL_COLUMNS = ["index", "year", "unit_code", "indicator", "value", "rank", "rank_of", "flag",
                 "note", "source"]
TOLERANCE = 0.0051  # two sources agree when they agree to the published 2 decimals (+ float slack)


def read(raw_dir: Path, report) -> pd.DataFrame:
    """Tidy PCI panel rows (index, year, unit_code, indicator, value, rank, rank_of, flag, note,
    source); every raw row looked at is logged in ``report``."""
    from parlib.sources import news_facts

    df = read_all(raw_dir, report)
    out = df[PANEL_COLUMNS].copy()
    for e in load_catalog():
        if e.layout == "facts_news":  # published facts: cross-checks, or rows where no table has the key
            rest, out = news_facts.cross_check(news_facts.records(raw_dir, e.source, INDEX, report),
                                               out, report, e.source)
            out = pd.concat([out, news_facts.panel_rows(rest, report).reindex(columns=PANEL_COLUMNS)],
                            ignore_index=True)
    out["rank"] = out["rank"].astype("Int64")
    out["rank_of"] = out["rank_of"].astype("Int64")
    out["value"] = out["value"].astype(float)
    return out.sort_values(["year", "indicator", "unit_code"], kind="mergesort").reset_index(drop=True)


def read_all(raw_dir: Path, report, entries=None) -> pd.DataFrame:
    """Like ``read`` but keeps the private columns (raw row, priority ...), for checks and tests."""
    raw_dir = Path(raw_dir)
    entries = load_catalog() if entries is None else entries
    workbook_years = frozenset(y for e in entries if e.layout not in PARTIAL | {"facts_news"}
                               and "overall" in e.content
                               for y in e.years)
    records: list[dict] = []
    for e in entries:
        if e.layout == "facts_news":
            continue  # read by ``read`` after the tables (see parlib.sources.news_facts)
        if e.layout == "composite_dta":
            records += composite_dta.read(e, raw_dir, report, workbook_years=workbook_years)
        else:
            records += READERS[e.layout](e, raw_dir, report)
    df = pd.DataFrame.from_records(records, columns=COLUMNS)
    df = _merge(df, report)
    df = _mark_missing(df, report)
    weights.verify(df, report)
    return df


def _precedence(r: dict) -> tuple:
    """Catalog priority, then file, sheet and row (a missing sheet or row first)."""
    def nf(v):
        return (0, "") if v is None or (isinstance(v, float) and v != v) else (1, v)
    return (r["_priority"], r["_file"], nf(r["_sheet"]), nf(r["_row"]))


def _merge(df: pd.DataFrame, report) -> pd.DataFrame:
    """One row per (year, unit, indicator): the value of the highest-priority source with one
    (:mod:`parlib.sources.merge`); the others are compared with it (a disagreement beyond
    rounding is a ``conflict`` issue), and give the rank where the winner has none (PCI 2005:
    rank from the ranking sheet)."""
    out: list[dict] = []
    diffs: dict[tuple, float] = {}
    for _k, group in by_key(df.to_dict("records"), key=lambda r: (r["year"], r["unit_code"], r["indicator"]),
                            precedence=_precedence):
        first = winner(group, lambda r: pd.notna(r["value"]))
        win = dict(first)
        others = [o for o in group if o is not first]
        year, ind = win["year"], win["indicator"]
        for other in others:
            a, b = win["value"], other["value"]
            if pd.notna(a) and pd.notna(b):
                d = abs(float(a) - float(b))
                k = (other["_file"], win["_file"], year)
                diffs[k] = max(diffs.get(k, 0.0), d)
                if d > TOLERANCE:
                    report.issue(other["_file"], other["_sheet"], other["_row"], other["_unit_as_written"],
                                 ind, "conflict", f"{ind} {year}: {b} here vs {a} in {win['source']} (kept)")
            computed = "rank_computed" in str(other["flag"])
            if pd.isna(win["rank"]) and pd.notna(other["rank"]) and not computed:
                win["rank"], win["rank_of"] = other["rank"], other["rank_of"]
                win["note"] = "; ".join(x for x in (win["note"], f"rank from {other['source']}")
                                        if isinstance(x, str) and x)
            elif pd.notna(win["rank"]) and pd.notna(other["rank"]) and int(win["rank"]) != int(other["rank"]) \
                    and not computed:
                report.issue(other["_file"], other["_sheet"], other["_row"], other["_unit_as_written"],
                             ind, "conflict", f"rank {other['rank']} here vs {win['rank']} in {win['source']} (kept)")
        if not win["_compare_only"]:
            out.append(win)
    for (src, against, year), d in sorted(diffs.items()):
        report.metric(src, f"max_abs_diff_vs_workbook_{year}", d,
                      f"largest |{src} - {against}| over PCI {year} values present in both")
    return pd.DataFrame.from_records(out, columns=df.columns)


def _mark_missing(df: pd.DataFrame, report) -> pd.DataFrame:
    """For every province-year some source covers: the composite and the sub-indices that no
    source holds become value NA, flag ``no_data`` (the unweighted total only where published)."""
    from parlib import codebook

    add = []
    for year, grp in df.groupby("year"):
        rows = codebook.for_year(INDEX, int(year))
        wanted = set(rows[(rows.level == "overall") | (rows.parent == OVERALL)].indicator) - {UNWEIGHTED}
        have = set(zip(grp.unit_code, grp.indicator))
        for ind in sorted(wanted - set(grp.indicator)):
            files = sorted(set(grp._file))
            report.issue(", ".join(files), None, None, None, ind, "no_data",
                         f"PCI {year}: {ind} is in no raw file (value left NA for every province)")
        blank = dict.fromkeys(df.columns)
        by_unit = grp.drop_duplicates("unit_code")
        for unit, flag, source, file in zip(by_unit.unit_code, by_unit.flag, by_unit.source, by_unit._file):
            flags = "no_data;inferred_year" if "inferred_year" in str(flag) else "no_data"
            for ind in sorted(wanted):
                if (unit, ind) not in have:
                    add.append({**blank, "index": INDEX, "year": int(year), "unit_code": unit,
                                "indicator": ind, "value": None, "flag": flags,
                                "note": "not published in any raw PCI file", "source": source,
                                "_file": file, "_priority": 99, "_compare_only": False})
    if add:
        df = pd.concat([df, pd.DataFrame(add, columns=df.columns)], ignore_index=True)
    return df
