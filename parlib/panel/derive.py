"""Derived indicators added by ``parlib build`` after the source readers: values the sources do
not publish but that follow from published ones by a rule stated here and in each row's ``note``.
Every such row is flagged ``derived``; a value a source publishes is never replaced.

``PCI.unweighted``: the plain sum of the PCI sub-indices (the children of ``PCI.overall`` in
the codebook for that year), the "unweighted PCI" of the literature and of the 2007, 2008 and
2010 workbooks. It is derived for a unit and year only when every sub-index of that year is
present for that unit (a partial sum would be a different number), and only where the codebook
defines ``PCI.unweighted`` for the year.
"""
from __future__ import annotations

UNWEIGHTED = "PCI.unweighted"


def unweighted_rows(panel):
    """The derived ``PCI.unweighted`` rows missing from ``panel`` (source-reader columns only)."""
    import pandas as pd

    from parlib.codebook import load_codebook

    cb = load_codebook()
    pci = panel[panel["index"] == "PCI"]
    if pci.empty:
        return pd.DataFrame()
    have = set(zip(pci.loc[pci["indicator"] == UNWEIGHTED, "year"],
                   pci.loc[pci["indicator"] == UNWEIGHTED, "unit_code"]))
    defined = cb[(cb["index"] == "PCI") & (cb["indicator"] == UNWEIGHTED)]
    out = []
    for year, yd in pci.groupby("year", sort=True):
        if not ((defined.year_from <= year) & (defined.year_to >= year)).any():
            continue
        rows = cb[(cb["index"] == "PCI") & (cb.year_from <= year) & (cb.year_to >= year)]
        subs = list(rows.loc[rows["parent"] == "PCI.overall", "indicator"])
        values = yd[yd["indicator"].isin(subs)].pivot(index="unit_code", columns="indicator",
                                                       values="value").reindex(columns=subs)
        complete = values.notna().all(axis=1)
        sources = (yd[yd["indicator"].isin(subs)].groupby("unit_code")["source"]
                   .agg(lambda s: ";".join(sorted(set(s)))))
        for unit, vals in values[complete].iterrows():
            if (year, unit) in have:
                continue
            out.append({"index": "PCI", "year": int(year), "unit_code": unit,
                        "indicator": UNWEIGHTED, "value": float(vals.sum()),
                        "source": sources[unit], "flag": "derived",
                        "note": f"derived: sum of the {len(subs)} sub-indices (not published in "
                                "the source)"})
    return pd.DataFrame(out)


def add_derived(panel):
    """``panel`` with the derived rows added (enriched and in panel order)."""
    from parlib.panel.build import assemble, combine

    extra = unweighted_rows(panel)
    if extra.empty:
        return panel
    return combine([panel, assemble([extra])])
