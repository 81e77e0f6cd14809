"""Headline facts from news and government pages (``*_published_facts_news*.csv``), for every index.

One raw row = one figure from one page (columns ``index, year, unit, value, rank`` [, ``rank_of,
measure, tier``], ``source_url`` [, ``quote``], ``note``). Pages that disagree are separate rows:
every row becomes a :class:`~parlib.sources.par.facts.Record`, and nothing is picked silently.

* A row whose measure is not a panel indicator (a median, a ministry, a tier threshold ...) or
  whose unit is no registry unit is dropped with its reason (the figure stays in the raw file).
* :func:`cross_check`: a fact on a key the panel already holds from an official table is a
  cross-check, not a second value (the panel key is unique): the table's value stays, a fact that
  differs by more than ``TOLERANCE`` flags the panel row ``conflict``, and every differing fact is
  a ``fact_disagrees`` issue naming its page; the counts are metrics.
* The other facts become panel rows by the published-facts rule of :mod:`parlib.sources.par.facts`
  (flag ``published_fact``; ``conflict`` with every value and URL in the note when pages differ).
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from parlib.errors import AmbiguousProvinceError, SourceFormatError, UnknownProvinceError
from parlib.sources.par.facts import (PROVINCE_COUNT, Record, consolidate, note_records, num, rank_int,
                                      read_csv_rows, resolve_region)

TOLERANCE = 0.005  # a fact agrees with a table when they agree to the printed 2 decimals
OVERALL_MEASURES = {"", "overall"}
# the panel indicator an "overall" headline figure is (PAPI pages print the unweighted total, /80)
OVERALL = {"PCI": "PCI.overall", "PAPI": "PAPI.total", "PAR": "PAR.overall", "SIPAS": "SIPAS.overall"}
_INNER = re.compile(r"\(([^()]+)\)\s*$")


def _unit(index_col: str, name: str, measure: str) -> str:
    from parlib import provinces

    name = (name or "").strip()
    if name.lower() in ("national", "toàn quốc", "cả nước"):
        return "VN"
    if index_col.endswith("_regions") or "region" in measure:
        return resolve_region(_INNER.search(name).group(1) if _INNER.search(name) else name)
    try:
        return provinces.resolve(name).code
    except (UnknownProvinceError, AmbiguousProvinceError):
        inner = _INNER.search(name)  # "ハナム (Hà Nam)": the Vietnamese name the file adds
        if inner:
            return provinces.resolve(inner.group(1)).code
        raise


def records(raw: Path, rel: str, index: str, report, order_start: int = 0) -> list[Record]:
    """Records of one news-facts file; every row kept or dropped with its reason."""
    out = []
    indicator = OVERALL[index]
    for i, r in enumerate(read_csv_rows(raw, rel), start=2):
        name, measure = r.get("unit", ""), (r.get("measure") or "").strip()
        idx = (r.get("index") or index).strip()
        if idx != index and not idx.endswith("_regions"):
            report.dropped(rel, None, i, name, f"{idx} facts are not about a panel unit (kept in the raw file)")
            continue
        if measure not in OVERALL_MEASURES and not measure.startswith("overall (regional"):
            report.dropped(rel, None, i, name, f"measure {measure!r} is not a panel indicator "
                                               "(kept in the raw file)")
            continue
        try:
            code = _unit(idx, name, measure)
        except (UnknownProvinceError, AmbiguousProvinceError) as exc:
            report.dropped(rel, None, i, name, f"no unit to put it on ({exc}); the fact stays in the raw file")
            continue
        try:
            year, value, rank = int(r["year"]), num(r.get("value")), rank_int(r.get("rank"))
            rank_of = rank_int(r.get("rank_of"))
        except (TypeError, ValueError) as exc:
            raise SourceFormatError(rel, row=i, column="value", expected="a year, a number and a whole rank",
                                    found=str(exc)) from None
        if value is None and rank is None:
            report.dropped(rel, None, i, name, "neither a value nor a rank")
            continue
        if rank is not None and (code == "VN" or code.startswith("R-")):
            # an average is not a ranked unit of the panel: its place among regions stays in the note
            r = {**r, "note": f"ranked {rank} among the regions; " + (r.get("note") or "")}
            rank = rank_of = None
        if rank is not None and rank_of is None:
            rank_of = PROVINCE_COUNT
        note = "; ".join(x for x in ((r.get("note") or "").strip(),
                                     f"tier: {r['tier']}" if (r.get("tier") or "").strip() else "",
                                     f"quote: {r['quote'].strip()}" if (r.get("quote") or "").strip() else "")
                         if x)
        rec = Record(index, year, code, indicator, value, rank, rank_of if rank is not None else None,
                     (r.get("source_url") or "").strip(), rel, i, name, note, "row", order_start + i)
        out.append(rec)
        out.extend(note_records(rec))
        report.kept(rel, None, i, name, code)
    return out


def cross_check(recs: list[Record], panel: pd.DataFrame, report, label: str) -> tuple[list[Record], pd.DataFrame]:
    """Split ``recs`` into facts on keys the panel already has a value for (compared, counted,
    disagreements flagged) and the rest (returned to become published-fact rows; a panel row
    without a value on such a key is removed, the fact replaces it)."""
    have = panel[panel.value.notna()]
    at = {(int(y), u, ind): i for i, y, u, ind in zip(have.index, have.year, have.unit_code, have.indicator)}
    rest, agree, differ = [], 0, 0
    years: set[int] = set()
    panel = panel.copy()
    for r in recs:
        i = at.get((r.year, r.unit_code, r.indicator))
        if i is None:
            rest.append(r)
            continue
        if r.value is None or r.kind != "row":
            continue  # a rank-only or derived fact on a key with a table value: the table stands
        years.add(r.year)
        official = float(panel.at[i, "value"])
        if abs(r.value - official) <= TOLERANCE + 1e-9:
            agree += 1
            continue
        differ += 1
        report.issue(r.file, None, r.row, r.unit_as_written, r.indicator, "fact_disagrees",
                     f"{r.indicator} {r.year} {r.unit_code}: {r.value:g} on {r.url} but {official:g} in "
                     f"{panel.at[i, 'source']} (kept; flagged conflict)")
        flag = panel.at[i, "flag"]
        if not (isinstance(flag, str) and "conflict" in flag.split(";")):
            panel.at[i, "flag"] = "conflict" if not isinstance(flag, str) or not flag else flag + ";conflict"
        note = panel.at[i, "note"]
        extra = f"published fact {r.value:g} differs ({r.url})"
        panel.at[i, "note"] = extra if not isinstance(note, str) or not note else note + "; " + extra
    if agree or differ:
        span = f"{min(years)}-{max(years)}"
        report.metric(label, "facts_agree_with_tables", agree,
                      f"{label}: {agree} published scores agree within {TOLERANCE} with the {span} tables")
        report.metric(label, "facts_differ_from_tables", differ,
                      f"{label}: {differ} published scores differ from the {span} tables (issues fact_disagrees)")
    # a key the tables leave empty (value NA, flag no_data) is now given by the facts
    empty = panel[panel.value.isna()]
    taken = {(r.year, r.unit_code, r.indicator) for r in rest}
    drop = [i for i, y, u, ind in zip(empty.index, empty.year, empty.unit_code, empty.indicator)
            if (int(y), u, ind) in taken]
    return rest, panel.drop(index=drop)


def panel_rows(recs: list[Record], report) -> pd.DataFrame:
    """Published-fact panel rows for facts on keys no table holds (the par.facts rule)."""
    return pd.DataFrame(consolidate(recs, report, lambda r: r.file))
