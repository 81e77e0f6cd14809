"""Merging the PAPI sources into one row per (year, unit, indicator).

Precedence (the catalog ``priority``; the grouping and the winner: :mod:`parlib.sources.merge`):
the full-precision sources first, the 2-decimal CSV copies
last. The first source with a value wins; every other source holding the same key must agree
within rounding (``catalog.FULL_PRECISION_TOL`` between full-precision copies, half a unit of the
last decimal kept plus the float noise otherwise), else ``source_disagreement`` is reported and
the row is flagged "conflict". A key no source has a value for stays NA, flagged "no_data", with
one ``no_data`` issue naming the source row and why (blank, KCDL, zero).
"""
from __future__ import annotations

import math

import pandas as pd

from parlib.sources.merge import by_key, disagreements, winner
from parlib.sources.papi import catalog

PANEL_COLUMNS = ["index", "year", "unit_code", "indicator", "value", "source", "rank",
                 "rank_of", "ci_low", "ci_high", "flag", "note"]
WORK_COLUMNS = ["precision", "file", "sheet", "row"]  # for the checks; dropped before return
RANKED_PREFIX = ("PAPI.total", "PAPI.total_weighted")


def tolerance(prec_a: str, prec_b: str) -> float:
    if prec_a == "full" and prec_b == "full":
        return catalog.FULL_PRECISION_TOL
    return catalog.HALF_UNIT["2dp"] + 1e-6


def _is_num(v) -> bool:
    return v is not None and not (isinstance(v, float) and math.isnan(v))


def merge(cands, report) -> pd.DataFrame:
    """``cands``: candidate records (list of dicts, see ``cells.candidate``) or a DataFrame."""
    recs = cands.to_dict("records") if isinstance(cands, pd.DataFrame) else list(cands)
    if not recs:
        return pd.DataFrame(columns=PANEL_COLUMNS + WORK_COLUMNS)
    out = [_merge_key(group, report) for _k, group in
           by_key(recs, key=lambda c: (c["year"], c["unit_code"], c["indicator"]),
                  precedence=lambda c: c["prio"])]
    panel = pd.DataFrame(out, columns=PANEL_COLUMNS + WORK_COLUMNS)
    return _add_ranks(panel)


def _merge_key(group: list[dict], report) -> dict:
    win = winner(group, lambda c: _is_num(c["value"]))
    with_value = _is_num(win["value"])
    flags, notes = [], []
    for c, diff in disagreements(win, group, lambda c: c["value"] if _is_num(c["value"]) else None,
                                 lambda w, c: tolerance(w["precision"], c["precision"])):
        tol = tolerance(win["precision"], c["precision"])
        report.issue(c["file"], c["sheet"], c["row"], c["unit_as_written"], c["column"],
                     "source_disagreement",
                     f"{win['indicator']} {win['year']}: {c['value']!r} here but "
                     f"{win['value']!r} in {win['source']} row {win['row']} "
                     f"(difference {diff:.6g} > tolerance {tol:g}); kept the latter")
        if "conflict" not in flags:
            flags.append("conflict")
    for c in group:
        if c is not win and not _is_num(c["value"]) and with_value:
            report.issue(c["file"], c["sheet"], c["row"], c["unit_as_written"], c["column"],
                         "source_disagreement",
                         f"{win['indicator']} {win['year']}: no data here ({c['no_data']}) but "
                         f"{win['value']!r} in {win['source']} row {win['row']}; kept the value")
            if "conflict" not in flags:
                flags.append("conflict")
    value = win["value"] if with_value else None
    if value is None:
        flags.insert(0, "no_data")
        reasons = sorted({c["no_data"] for c in group if c["no_data"]})
        others = [c["source"] for c in group if c is not win]
        report.issue(win["file"], win["sheet"], win["row"], win["unit_as_written"], win["column"],
                     "no_data", f"{win['indicator']} {win['year']}: " + "; ".join(reasons)
                     + (" (also missing in " + ", ".join(others) + ")" if others else ""))
        notes.append("no data in source: " + "; ".join(reasons))
    ci_low = ci_high = None
    for c in group:  # the CI of the best source that gives one
        if _is_num(c["ci_low"]) or _is_num(c["ci_high"]):
            ci_low, ci_high = c["ci_low"], c["ci_high"]
            break
    rank, rank_of = win["rank"], win["rank_of"]
    if _is_num(rank):
        flags.append("rank_computed")
        notes.append(f"rank among the {int(rank_of)} provinces with a value in {win['source']}")
    return {
        "index": "PAPI", "year": int(win["year"]), "unit_code": win["unit_code"],
        "indicator": win["indicator"], "value": value, "source": win["source"],
        "rank": rank if _is_num(rank) else None, "rank_of": rank_of if _is_num(rank) else None,
        "ci_low": ci_low, "ci_high": ci_high,
        "flag": ";".join(flags) if flags else None, "note": "; ".join(notes) if notes else None,
        "precision": win["precision"], "file": win["file"], "sheet": win["sheet"],
        "row": win["row"],
    }


def _add_ranks(panel: pd.DataFrame) -> pd.DataFrame:
    """Competition ranks (1 = best) of the totals and dimensions among the provinces with a
    value, per year (:func:`parlib.panel.ranks.fill_computed`: every PAPI source is a full table,
    so the rank is among every province it has a value for); flagged "rank_computed" (no PAPI
    source publishes ranks)."""
    from parlib.panel.ranks import fill_computed

    panel["value"] = pd.to_numeric(panel["value"], errors="coerce").astype("float64")
    for c in ("ci_low", "ci_high"):
        panel[c] = pd.to_numeric(panel[c], errors="coerce").astype("float64")
    rankable = panel.indicator.isin(RANKED_PREFIX) | panel.indicator.str.fullmatch(r"PAPI\.d\d")
    filled = fill_computed(panel[rankable], by=["year", "indicator"])
    for c in ("rank", "rank_of"):
        panel[c] = pd.to_numeric(panel[c], errors="coerce").astype("float64")
        panel.loc[rankable, c] = filled[c].astype("float64")
        panel[c] = panel[c].round().astype("Int64")
    panel.loc[rankable, "flag"] = filled["flag"]
    return panel
