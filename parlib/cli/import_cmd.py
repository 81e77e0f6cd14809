"""``parlib import`` (an official PCI, PAPI, PAR INDEX or SIPAS table into the panel) and ``parlib
export`` (any index and year back out, in the shape it came in).

A table for an (index, year) the panel already holds is compared, not merged: every disagreement is
listed, the last line reads ``N values agree, M disagree``, the exit code is 0 when all agree and 1
when any disagree (as ``diff``), and nothing changes unless ``--replace``.
"""
from __future__ import annotations

INDICES = ["PCI", "PAPI", "PAR", "SIPAS"]
UNIT_TYPES = ("province", "ministry", "district", "department", "commune")


def register(sub):
    p = sub.add_parser("import", help="import an official PCI, PAPI, PAR INDEX or SIPAS table (Excel or CSV)")
    p.add_argument("file", help="the table: .xlsx/.xls or .csv (one row per unit)")
    p.add_argument("--index", required=True, type=str.upper, choices=INDICES)
    p.add_argument("--year", required=True, help="survey/assessment year, e.g. 2023")
    p.add_argument("--unit-type", default="province", choices=UNIT_TYPES,
                   help="kind of unit in the rows (default: province; the 34 provinces from 2025)")
    p.add_argument("--parent-unit", help="province (or district) the units belong to, for district, "
                   "department and commune tables, e.g. 'Quảng Nam'")
    p.add_argument("--sheet", help="sheet name or 0-based position (Excel; default: the first)")
    p.add_argument("--encoding", help="text encoding of a CSV that is not UTF-8/UTF-16, e.g. cp1258")
    p.add_argument("--allow-partial", action="store_true",
                   help="accept a province table with fewer rows than provinces (an excerpt)")
    p.add_argument("--replace", action="store_true",
                   help="when the panel already holds the index and year: import the table over it "
                   "(the comparison is still printed)")
    p.add_argument("--no-verify", metavar="REASON",
                   help="import a PCI table whose composite is not the weighted sum of its sub-indices; "
                   "the reason is recorded in the import report")
    p.add_argument("--dry-run", action="store_true", help="check (and compare) only; write nothing")
    p.set_defaults(func=run_import)

    e = sub.add_parser("export", help="write any index and year out as a table, in the shape it came in")
    e.add_argument("out", help="output file (.csv or .xlsx)")
    e.add_argument("--index", required=True, type=str.upper, choices=INDICES)
    e.add_argument("--year", required=True)
    e.add_argument("--unit-type", default="province", choices=UNIT_TYPES)
    e.add_argument("--parent-unit")
    e.add_argument("--locale", choices=["en", "vi"],
                   help="vi: semicolon separator, decimal comma, BOM (as Vietnamese-locale spreadsheets); "
                   "default: as the imported table came, else vi")
    e.set_defaults(func=run_export)


def _year(v):
    from parlib.errors import ParameterError

    try:
        y = int(str(v).strip())
    except ValueError:
        raise ParameterError("--year", v, hint="a year such as 2023") from None
    if not 2000 <= y <= 2100:
        raise ParameterError("--year", v, hint="a year between 2000 and 2100")
    return y


def run_import(args) -> int:
    from parlib.tables.importer import import_table

    res = import_table(args.file, args.index, _year(args.year), unit_type=args.unit_type,
                       parent_unit=args.parent_unit, sheet=args.sheet, encoding=args.encoding,
                       dry_run=args.dry_run, allow_partial=args.allow_partial, replace=args.replace,
                       no_verify=args.no_verify)
    s = res.report.summary()
    kept = int(s.kept.sum()) if len(s) else 0
    dropped = int(s.dropped.sum()) if len(s) else 0
    reasons = "; ".join(r for r in s.dropped_reasons if r) if len(s) else ""
    p = res.panel
    print(f"{args.index} {args.year} ({res.scope}): {kept} units, {len(p)} panel rows, "
          f"{p.indicator.nunique()} indicators; rows skipped {dropped}" + (f" ({reasons})" if reasons else ""))
    rep = res.report.to_frame()
    for r in rep[rep.status.isin(["composite_max_abs_error_" + str(args.year), "not_verified"])].itertuples():
        print(r.reason)
    if res.new_units:
        print(f"new units registered in scope {res.scope}: " + ", ".join(
            f"{u['unit_code']} ({u['name_vi']})" for u in res.new_units[:10]) + (" ..." if len(res.new_units) > 10 else ""))
    if res.written:
        print(f"written: {res.target.parent.name}/{res.target.name}")
    elif res.comparison is not None and not args.dry_run:
        print(f"the panel already holds {args.index} {args.year}: compared, nothing written (--replace to import)")
    else:
        print("dry run: nothing written")
    if res.comparison is None:
        return 0
    for line in res.comparison.lines():
        print(line)
    return 1 if res.comparison.disagree else 0


def run_export(args) -> int:
    from parlib.tables.export import export_table

    out = export_table(args.index, _year(args.year), args.out, unit_type=args.unit_type,
                       parent_unit=args.parent_unit, locale=args.locale)
    print(f"written: {out.name}")
    return 0
