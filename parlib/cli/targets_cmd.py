"""``parlib targets``: provincial targets checked against the results.

    parlib targets check FILE [--format table|csv|json] [--lang en|vi]
    parlib targets published [--format ...]     (the published targets in the raw folder)

FILE is a plans table (CSV or Excel) with the columns unit, index, year, indicator, target_score,
target_rank, source. One line per goal: met / missed / not yet published / no data / not
checkable, the gap in points and places, and the feasibility of the move the target required.
"""
from __future__ import annotations

import json
import sys

FORMATS = ("table", "csv", "json")
CSV_COLUMNS = ["row", "unit_code", "unit_name", "index", "year", "indicator", "goal", "status",
               "result_value", "result_rank", "rank_of", "rank_kind", "gap_points", "gap_places",
               "base_year", "base_value", "base_rank", "required_move", "feasibility",
               "feasibility_n", "feasibility_pool", "note", "written", "source"]


def register(sub):
    p = sub.add_parser("targets", help="check provincial targets (plans) against the results")
    s = p.add_subparsers(dest="targets_command", metavar="ACTION")
    c = s.add_parser("check", help="check a plans table (CSV or Excel)")
    c.add_argument("file", help="plans table: unit, index, year, indicator, target_score, "
                   "target_rank, source")
    pub = s.add_parser("published", help="check the published targets in the raw folder")
    pub.add_argument("--raw", help="raw data folder (default: the configured one)")
    for q in (c, pub):
        q.add_argument("--format", default="table", dest="fmt", help="table (default), csv, json")
        q.add_argument("--lang", default="en", help="en (default) or vi")
    c.set_defaults(func=run)
    pub.set_defaults(func=run)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def run(args) -> int:
    from parlib.analysis import targets
    from parlib.errors import ParameterError

    if args.fmt not in FORMATS:
        raise ParameterError("format", args.fmt, FORMATS)
    if args.lang not in ("en", "vi"):
        raise ParameterError("lang", args.lang, ["en", "vi"])
    if args.targets_command == "published":
        df = targets.check_published(getattr(args, "raw", None))
    else:
        df = targets.check(targets.read_plans(args.file))
    if args.fmt == "csv":
        df[CSV_COLUMNS].to_csv(sys.stdout, index=False)
    elif args.fmt == "json":
        print(json.dumps(json.loads(df[CSV_COLUMNS + ["text_en", "text_vi"]].to_json(
            orient="records", force_ascii=False)), ensure_ascii=False, indent=1))
    else:
        col = "text_vi" if args.lang == "vi" else "text_en"
        for r in df.itertuples():
            print(f"[row {r.row}] {getattr(r, col)}")
        counts = df["status"].value_counts()
        print()
        word = targets.STATUS_VI if args.lang == "vi" else {}
        print(", ".join(f"{word.get(k, k)}: {v}" for k, v in counts.items()))
    return 0
