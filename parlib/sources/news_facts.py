"""Headline facts from news and government pages (``*_published_facts_news*.csv``), for every index.

One raw row = one figure from one page (columns ``index, year, unit, value, rank`` [, ``rank_of,
measure, tier``], ``source_url`` [, ``quote``], ``note``). Pages that disagree are separate rows:
every row becomes a :class:`~parlib.sources.par.facts.Record`, and nothing is picked silently.

* A row whose measure is not a panel indicator (a median, a ministry, a tier threshold ...) or
  whose unit is no registry unit is dropped with its reason (the figure stays in the raw file).
* :func:`cross_check`: a fact on a key the panel already holds from an official table is a
  cross-check, not a second value (the panel key is unique): the table's value stays, a fact that
  differs by more than ``TOLERANCE`` (and is not the table's value cut after 2+ printed decimals,
  as some PAPI pages print 47.87 for 47.8763) flags the panel row ``conflict``; a published rank
  of the same denominator replaces a computed one (VCCI's 2020 table breaks ties the 2-decimal
  composites cannot), and every differing fact is
  a ``fact_disagrees`` issue naming its page; the counts are metrics.
* The other facts become panel rows by the published-facts rule of :mod:`parlib.sources.par.facts`
  (flag ``published_fact``; ``conflict`` with every value and URL in the note when pages differ).
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from parlib.errors import AmbiguousProvinceError, SourceFormatError, UnknownProvinceError
from parlib.sources.par.facts import (PROVINCE_COUNT, Record, consolidate, note_records, num, rank_int,
                                      read_csv_rows, resolve_region)

TOLERANCE = 0.005  # a fact agrees with a table when they agree to the printed 2 decimals


def truncated(official: float, fact: float, decimals: int | None) -> bool:
    """A page that cut the table's value after 2 or more printed decimals (47.8763 -> 47.87)."""
    if not decimals or decimals < 2:
        return False
    return math.isclose(math.floor(official * 10 ** decimals + 1e-9) / 10 ** decimals, fact, abs_tol=1e-9)
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
        note = "; ".join(x for x in ((r.get("note") or "").strip(),
                                     f"tier: {r['tier']}" if (r.get("tier") or "").strip() else "",
                                     f"quote: {r['quote'].strip()}" if (r.get("quote") or "").strip() else "")
                         if x)
        printed = (r.get("value") or "").strip().replace(",", ".")
        rec = Record(index, year, code, indicator, value, rank, rank_of if rank is not None else None,
                     (r.get("source_url") or "").strip(), rel, i, name, note, "row", order_start + i,
                     len(printed.split(".")[1]) if "." in printed else 0)
        out.append(rec)
        out.extend(note_records(rec))
        report.kept(rel, None, i, name, code)
    return out


def _append(panel, i, col, text, sep="; "):
    old = panel.at[i, col]
    panel.at[i, col] = text if not isinstance(old, str) or not old else old + sep + text


def _rank_check(r: Record, panel: pd.DataFrame, i, report) -> str:
    """Compare a fact's rank with the table row's. A computed rank of the same denominator gives
    way to the published one ("confirmed" when equal, "replaced" otherwise, an issue); a published
    rank or another denominator the page contradicts is an issue ("differs"), the table's kept."""
    from parlib.panel.ranks import COMPUTED, FLAG_COMPUTED, from_row

    if r.rank is None or r.kind != "row":
        return ""
    cur = from_row(panel.loc[i])
    stated_of = r.rank_of if r.rank_of is not None else cur.rank_of
    same_of = cur.rank_of == stated_of
    if cur.kind == COMPUTED and (cur.rank == r.rank and same_of or r.rank_of == cur.rank_of):
        # a published rank of the same denominator (stated, or implied when the places agree):
        # it is the rank; the computed one only stood in
        flags = [f for f in str(panel.at[i, "flag"]).split(";") if f != FLAG_COMPUTED]
        panel.at[i, "flag"] = ";".join(flags) or None
        if cur.rank == r.rank:
            _append(panel, i, "note", f"rank {r.rank}/{stated_of} published on {r.url}")
            return "confirmed"
        panel.at[i, "rank"] = r.rank
        _append(panel, i, "note", f"rank {r.rank}/{stated_of} published on {r.url} "
                                  f"(the computed rank was {cur.rank})")
        report.issue(r.file, None, r.row, r.unit_as_written, r.indicator, "computed_rank_replaced",
                     f"{r.indicator} {r.year} {r.unit_code}: published rank {r.rank}/{stated_of} on {r.url} "
                     f"replaces the rank {cur.rank} computed from {panel.at[i, 'source']}")
        return "replaced"
    if cur.rank == r.rank and same_of:
        return "agrees"
    report.issue(r.file, None, r.row, r.unit_as_written, r.indicator, "fact_disagrees",
                 f"{r.indicator} {r.year} {r.unit_code}: rank {r.rank}"
                 f"{'/' + str(r.rank_of) if r.rank_of else ''} on {r.url} but "
                 f"{cur.label() or 'no rank'} in {panel.at[i, 'source']} (kept)")
    return "differs"


def cross_check(recs: list[Record], panel: pd.DataFrame, report, label: str) -> tuple[list[Record], pd.DataFrame]:
    """Split ``recs`` into facts on keys the panel already has a value for (compared, counted,
    disagreements flagged) and the rest (returned to become published-fact rows; a panel row
    without a value on such a key is removed, the fact replaces it)."""
    have = panel[panel.value.notna()]
    at = {(int(y), u, ind): i for i, y, u, ind in zip(have.index, have.year, have.unit_code, have.indicator)}
    rest, n = [], {"agree": 0, "differ": 0, "cut": 0, "confirmed": 0, "agrees": 0, "differs": 0,
                   "replaced": 0}
    years: set[int] = set()
    panel = panel.copy()
    for r in recs:
        i = at.get((r.year, r.unit_code, r.indicator))
        if i is None:
            rest.append(r)
            continue
        if (ranked := _rank_check(r, panel, i, report)):
            n[ranked] += 1
        if r.value is None or r.kind != "row":
            continue  # a derived value on a key with a table value: the table stands
        years.add(r.year)
        official = float(panel.at[i, "value"])
        if abs(r.value - official) <= TOLERANCE + 1e-9 or truncated(official, r.value, r.decimals):
            n["agree"] += 1
            n["cut"] += abs(r.value - official) > TOLERANCE + 1e-9
            continue
        n["differ"] += 1
        report.issue(r.file, None, r.row, r.unit_as_written, r.indicator, "fact_disagrees",
                     f"{r.indicator} {r.year} {r.unit_code}: {r.value:g} on {r.url} but {official:g} in "
                     f"{panel.at[i, 'source']} (kept; flagged conflict)")
        if "conflict" not in str(panel.at[i, "flag"]).split(";"):
            _append(panel, i, "flag", "conflict", ";")
        _append(panel, i, "note", f"published fact {r.value:g} differs ({r.url})")
    _metrics(report, label, n, years)
    # a key the tables leave empty (value NA, flag no_data) is now given by the facts
    empty = panel[panel.value.isna()]
    taken = {(r.year, r.unit_code, r.indicator) for r in rest}
    drop = [i for i, y, u, ind in zip(empty.index, empty.year, empty.unit_code, empty.indicator)
            if (int(y), u, ind) in taken]
    return rest, panel.drop(index=drop)


def _metrics(report, label, n, years):
    if not (n["agree"] or n["differ"]):
        return
    span = f"{min(years)}-{max(years)}"
    report.metric(label, "facts_agree_with_tables", n["agree"],
                  f"{label}: {n['agree']} published scores agree within {TOLERANCE} with the {span} tables"
                  + (f" ({n['cut']} of them cut, not rounded, after 2+ printed decimals)" if n["cut"] else ""))
    report.metric(label, "facts_differ_from_tables", n["differ"],
                  f"{label}: {n['differ']} published scores differ from the {span} tables (issues fact_disagrees)")
    report.metric(label, "fact_ranks_confirm_tables", n["confirmed"] + n["agrees"],
                  f"{label}: published ranks equal to the table's rank ({n['confirmed']} computed ranks "
                  "thereby become published ranks, flag rank_computed removed)")
    report.metric(label, "fact_ranks_replace_computed", n["replaced"],
                  f"{label}: computed ranks replaced by a different published rank of the same "
                  "denominator (issues computed_rank_replaced)")
    report.metric(label, "fact_ranks_differ_from_tables", n["differs"],
                  f"{label}: published ranks that differ from the table's (issues fact_disagrees)")


def panel_rows(recs: list[Record], report) -> pd.DataFrame:
    """Published-fact panel rows for facts on keys no table holds (the par.facts rule); a rank a
    page gives without its denominator is of the 63 provinces."""
    for r in recs:
        if r.rank is not None and r.rank_of is None and r.unit_code != "VN" and not r.unit_code.startswith("R-"):
            r.rank_of = PROVINCE_COUNT
    return pd.DataFrame(consolidate(recs, report, lambda r: r.file))
