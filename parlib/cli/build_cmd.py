"""``parlib build``: raw → processed, with the cleaning report."""
from __future__ import annotations

import importlib

from parlib.codebook import INDICES


def register(sub):
    p = sub.add_parser("build", help="clean the raw files into data/processed (validated)")
    p.add_argument("--raw", help="raw data folder (default: $PARLIB_RAW_DIR, data/raw, ../shared/data/raw)")
    p.add_argument("--out", help="output folder (default: data/processed)")
    p.add_argument("--index", action="append", choices=list(INDICES),
                   help="build only these indices (repeatable); the default builds all")
    p.add_argument("--update-reference", action="store_true",
                   help="rewrite the registry reference tables from the raw province files")
    p.add_argument("--quiet", action="store_true", help="print only the totals")
    p.set_defaults(func=run)


def run(args) -> int:
    from parlib.panel.build import build

    res = build(args.raw, args.out, update_reference=args.update_reference, only=args.index)
    s = res.summary()
    if not args.quiet and len(s):
        import pandas as pd

        with pd.option_context("display.max_rows", 500, "display.width", 160,
                               "display.max_colwidth", 70):
            print("Cleaning report (per source file and sheet):")
            print(s.to_string(index=False))
    if not args.out and not args.index:  # the data dictionary follows the committed panel
        print(f"data dictionary: {importlib.import_module('parlib.panel.dictionary').write_markdown().name}")
    p = res.panel
    print(f"\nraw rows read {int(s.rows_read.sum()) if len(s) else 0}, kept {int(s.kept.sum()) if len(s) else 0}, "
          f"dropped {int(s.dropped.sum()) if len(s) else 0}; issues {int(s.issues.sum()) if len(s) else 0}")
    print(f"panel: {len(p)} rows, " + ", ".join(
        f"{i} {g.year.min()}-{g.year.max()} ({len(g)})" for i, g in p.groupby("index")))
    print(f"written to {res.out_dir.name}/ (panel.parquet, panel.csv, cleaning_report.csv, "
          "cleaning_summary.csv)")
    return 0
