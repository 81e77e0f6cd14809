"""Checks an imported table must pass, all from the codebook: scores within their maxima; PAR's
total == the sum of its areas and the index (%) consistent with the total; PAPI's totals == the sum
of their dimensions (and dimensions of their sub-dimensions); a PCI composite == the weighted sum
of its sub-indices with that era's weights (within the table's rounding; the largest error is
reported; ``no_verify`` records the reason instead of refusing); ranks agree with the scores.

Every failure is a :class:`SourceFormatError` naming file, sheet, row and column.
"""
from __future__ import annotations

from decimal import Decimal

from parlib.errors import SourceFormatError
from parlib.tables.pct import fmt_number, ministry_pct, to_decimal

TOL = Decimal("0.01")


def half_unit(decimals: int) -> Decimal:
    """Half a unit of the last printed decimal: 2 decimals → 0.005."""
    return Decimal(5) / (Decimal(10) ** (int(decimals) + 1))


def check_range(t, rec, ind, col, v):
    lo = 0 if t.index != "PAPI" else None
    if v is None:
        return
    if (lo is not None and v < lo) or (col.max_value is not None and v > to_decimal(col.max_value) + Decimal("1e-9")):
        raise SourceFormatError(t.fname, sheet=t.sheet, row=rec["row"], column=col.label,
                                expected=f"a score between 0 and {fmt_number(col.max_value) if col.max_value else 'its maximum'}",
                                found=str(v))


def check_par(t):
    """PAR: total == Σ areas (±0.01); the index (%) matches the total (Ministry truncation or exact)."""
    area_cols = t.area_cols
    total_col, index_col = t.layout.one("total"), t.index_col
    max_total = None
    if area_cols and all(c.max_value is not None for c in area_cols.values()):
        max_total = sum(to_decimal(c.max_value) for c in area_cols.values())
    if total_col is not None and total_col.max_value is not None:
        if max_total is not None and abs(max_total - to_decimal(total_col.max_value)) > TOL:
            raise SourceFormatError(t.fname, sheet=t.sheet, row=t.hrow, column=total_col.label,
                                    message=f"the area maxima add up to {fmt_number(max_total)}",
                                    expected=f"the total's maximum {fmt_number(total_col.max_value)}")
        max_total = to_decimal(total_col.max_value)
    if max_total is None and (total_col or area_cols):
        max_total = Decimal(100) if t.unit_type == "province" else None
    for rec in t.records:
        vals = [rec["vals"].get(i) for i in area_cols]
        complete = bool(area_cols) and all(v is not None for v in vals)
        if rec["total"] is not None and complete:
            s = sum(vals)
            if abs(s - rec["total"]) > TOL:
                raise SourceFormatError(t.fname, sheet=t.sheet, row=rec["row"], column=total_col.label,
                                        message=f"the total is not the sum of the areas ({' + '.join(fmt_number(v) for v in vals)} = {s})",
                                        expected=f"{s} (tolerance 0.01)", found=str(rec["total"]))
        if rec["total"] is None and complete:
            rec["total"] = sum(vals)
        idx = rec["vals"].get(t.overall)
        if idx is not None and rec["total"] is not None and max_total is not None:
            want = ministry_pct(rec["total"], max_total)
            exact = rec["total"] * 100 / max_total
            if abs(idx - want) > TOL and abs(idx - exact) > TOL:
                raise SourceFormatError(t.fname, sheet=t.sheet, row=rec["row"], column=index_col.label,
                                        message=f"the index does not match the total {rec['total']} of {fmt_number(max_total)}",
                                        expected=f"{want}% (tolerance 0.01)", found=str(idx))
        if idx is None and rec["total"] is not None and max_total is not None:
            rec["vals"][t.overall] = ministry_pct(rec["total"], max_total)
            rec["derived"].add(t.overall)
            t.report.issue(t.src, t.sheet, rec["row"], rec["name"], "index", "derived",
                           "index (%) computed from the total (Ministry truncation)")


def check_sums(t):
    """PAPI (and any 'sum' parent): a parent printed next to all its children equals their sum,
    within the printed precision (n children × half a unit + half a unit of the parent)."""
    cb = t.cb
    cols = t.value_cols
    for prow in cb[cb.aggregation == "sum"].drop_duplicates("indicator").itertuples():
        parent = prow.indicator
        kids = [k for k in cb[(cb.parent == parent) & (cb.aggregation != "alternative_split")].indicator.unique()]
        if parent not in cols or not kids or not all(k in cols for k in kids):
            continue
        shown = sum(half_unit(cols[k].decimals) for k in kids) + half_unit(cols[parent].decimals)
        tol = shown + Decimal("1e-9")
        worst = (Decimal(0), None)
        for rec in t.records:
            vals = [rec["vals"].get(k) for k in kids]
            p = rec["vals"].get(parent)
            if p is None or any(v is None for v in vals):
                continue
            err = abs(sum(vals) - p)
            if err > worst[0]:
                worst = (err, rec)
            if err > tol:
                raise SourceFormatError(t.fname, sheet=t.sheet, row=rec["row"], column=cols[parent].label,
                                        message=f"{parent} is not the sum of {', '.join(kids)} ({sum(vals)})",
                                        expected=f"{sum(vals)} (tolerance {shown.normalize()})", found=str(p))
        t.report.metric(t.src, f"sum_max_error_{parent}", float(worst[0]),
                        f"largest |sum of children - {parent}| (tolerance {shown.normalize()})")


def check_weighted(t, no_verify: str | None = None) -> float | None:
    """PCI: the composite recomputed from the sub-indices with the era's weights. Returns the
    largest error (None when the era has no weights)."""
    from parlib.codebook import weights

    cols = t.value_cols
    if t.overall not in cols:
        return None
    w = weights(t.index, t.year, t.overall)
    subs = [k for k in w if k in cols]
    agg = t.cb[t.cb.indicator == t.overall].aggregation.iloc[0]
    if agg != "weighted_sum":
        return None
    if not w or len(subs) != len(w):
        t.report.issue(t.src, t.sheet, t.hrow, None, cols[t.overall].label, "not_verified",
                       f"the {t.index} {t.year} composite cannot be recomputed: "
                       + ("the codebook has no weights for that era" if not w else "sub-index columns missing"))
        return None
    shown = sum(abs(to_decimal(w[k])) * half_unit(cols[k].decimals) for k in subs) + half_unit(cols[t.overall].decimals)
    tol = shown + Decimal("1e-6")
    worst, wrec = Decimal(0), None
    for rec in t.records:
        vals = [rec["vals"].get(k) for k in subs]
        p = rec["vals"].get(t.overall)
        if p is None or any(v is None for v in vals):
            continue
        err = abs(sum(to_decimal(w[k]) * v for k, v in zip(subs, vals)) - p)
        if err > worst:
            worst, wrec = err, rec
    detail = (f"{t.index} {t.year}: largest |Σ weight × sub-index − composite| = {worst.normalize()} "
              f"(row {wrec['row'] if wrec else '-'}; tolerance from the table's rounding {shown.normalize()})")
    t.report.metric(t.src, f"composite_max_abs_error_{t.year}", float(worst), detail)
    if worst > tol:
        if no_verify is None:
            raise SourceFormatError(t.fname, sheet=t.sheet, row=wrec["row"], column=cols[t.overall].label,
                                    message=f"the composite is not the weighted sum of the sub-indices "
                                    f"(error {worst.normalize()}) with the {t.year} weights",
                                    expected=f"an error within the table's rounding ({shown.normalize()}); "
                                    "pass --no-verify REASON to import it anyway",
                                    found=str(rec_value(wrec, t.overall)))
        t.report.issue(t.src, t.sheet, wrec["row"], wrec["name"], cols[t.overall].label, "not_verified",
                       f"composite check failed ({detail}); imported with --no-verify: {no_verify}")
    return float(worst)


def rec_value(rec, ind):
    return None if rec is None else rec["vals"].get(ind)


def check_ranks(t, ind, col, rank_of):
    """A higher score never has a worse (larger) rank; equal scores may differ (the Ministry
    ranks unrounded values)."""
    hib = t.hib(ind)
    ranked = [(rec["vals"].get(ind), rec["ranks"].get(ind), rec) for rec in t.records
              if rec["ranks"].get(ind) is not None and rec["vals"].get(ind) is not None]
    for s, rk, r in ranked:
        if rk > rank_of:
            raise SourceFormatError(t.fname, sheet=t.sheet, row=r["row"], column=col.label,
                                    expected=f"a rank between 1 and {rank_of}", found=str(rk))
    ranked.sort(key=lambda x: ((-x[0] if hib else x[0]), x[1]))
    groups = []
    for s, rk, r in ranked:
        if groups and groups[-1][0] == s:
            groups[-1][1].append((rk, r))
        else:
            groups.append((s, [(rk, r)]))
    worst_above, worst_row, worst_score = 0, None, None
    for s, members in groups:
        for rk, r in members:
            if rk <= worst_above:
                raise SourceFormatError(
                    t.fname, sheet=t.sheet, row=r["row"], column=col.label,
                    message=f"rank {rk} with score {s} disagrees with row {worst_row} (score {worst_score}, rank {worst_above})",
                    expected=f"a rank worse than {worst_above} (ranks must follow the scores)", found=str(rk))
        m = max(rk for rk, _ in members)
        if m > worst_above:
            worst_above, worst_row, worst_score = m, max(members, key=lambda x: x[0])[1]["row"], s


def computed_ranks(t, ind) -> dict:
    """{unit code: competition rank} among the table's units (ties share the best place)."""
    import pandas as pd

    from parlib.panel.ranks import competition

    s = pd.Series({rec["code"]: (float(rec["vals"][ind]) if rec["vals"].get(ind) is not None else None)
                   for rec in t.records}, dtype=float)
    r = competition(s, t.hib(ind))
    return {k: (None if pd.isna(v) else int(v)) for k, v in r.items()}
