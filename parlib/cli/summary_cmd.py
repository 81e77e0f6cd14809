"""``parlib summary``: what the panel holds, per index and year."""
from __future__ import annotations

from parlib.codebook import INDICES


def register(sub):
    p = sub.add_parser("summary", help="coverage of the processed panel per index and year")
    p.add_argument("--index", choices=list(INDICES))
    p.set_defaults(func=run)


def coverage(panel):
    """Per index and year: units, indicators, values present and missing."""
    g = panel.groupby(["index", "year"])
    out = g.agg(units=("unit_code", "nunique"), indicators=("indicator", "nunique"),
                values=("value", "count"), rows=("value", "size"))
    out["missing"] = out["rows"] - out["values"]
    return out.drop(columns="rows").reset_index()


def run(args) -> int:
    import pandas as pd

    from parlib import load

    cov = coverage(load(args.index))
    with pd.option_context("display.max_rows", 500, "display.width", 160):
        print(cov.to_string(index=False))
    for idx in INDICES:
        if args.index in (None, idx) and idx not in set(cov["index"]):
            print(f"{idx}: no data in the panel")
    return 0
