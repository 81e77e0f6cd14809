"""``parlib import`` (an official PAR INDEX / SIPAS table into the panel) and ``parlib export``
(an imported table back in the Ministry's shape)."""
from __future__ import annotations

UNIT_TYPES = ("province", "ministry", "district", "department", "commune")


def register(sub):
    p = sub.add_parser("import", help="import an official PAR INDEX or SIPAS table (Excel or CSV)")
    p.add_argument("file", help="the table: .xlsx/.xls or .csv (one row per unit)")
    p.add_argument("--index", required=True, type=str.upper, choices=["PAR", "SIPAS"])
    p.add_argument("--year", required=True, help="assessment year, e.g. 2023")
    p.add_argument("--unit-type", default="province", choices=UNIT_TYPES,
                   help="kind of unit in the rows (default: province)")
    p.add_argument("--parent-unit", help="province (or district) the units belong to, for district, "
                   "department and commune tables, e.g. 'Quảng Nam'")
    p.add_argument("--sheet", help="sheet name or 0-based position (Excel; default: the first)")
    p.add_argument("--encoding", help="text encoding of a CSV that is not UTF-8/UTF-16, e.g. cp1258")
    p.add_argument("--allow-partial", action="store_true",
                   help="accept a province table with fewer than 63 rows (an excerpt)")
    p.add_argument("--dry-run", action="store_true", help="check only; write nothing")
    p.set_defaults(func=run_import)

    e = sub.add_parser("export", help="write an imported PAR/SIPAS table back in the Ministry's shape")
    e.add_argument("out", help="output file (.csv or .xlsx)")
    e.add_argument("--index", required=True, type=str.upper, choices=["PAR", "SIPAS"])
    e.add_argument("--year", required=True)
    e.add_argument("--unit-type", default="province", choices=UNIT_TYPES)
    e.add_argument("--parent-unit")
    e.add_argument("--locale", default="en", choices=["en", "vi"],
                   help="vi: semicolon separator, decimal comma, BOM (as Vietnamese-locale spreadsheets)")
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
                       dry_run=args.dry_run, allow_partial=args.allow_partial)
    s = res.report.summary()
    kept = int(s.kept.sum()) if len(s) else 0
    dropped = int(s.dropped.sum()) if len(s) else 0
    reasons = "; ".join(r for r in s.dropped_reasons if r) if len(s) else ""
    p = res.panel
    print(f"{args.index} {args.year} ({res.scope}): {kept} units, {len(p)} panel rows, "
          f"{p.indicator.nunique()} indicators; rows skipped {dropped}" + (f" ({reasons})" if reasons else ""))
    if res.new_units:
        print(f"new units registered in scope {res.scope}: " + ", ".join(
            f"{u['unit_code']} ({u['name_vi']})" for u in res.new_units[:10]) + (" ..." if len(res.new_units) > 10 else ""))
    if res.written:
        print(f"written: {res.target.parent.name}/{res.target.name}")
    else:
        print("dry run: nothing written")
    return 0


def run_export(args) -> int:
    from parlib.tables.importer import export_table

    out = export_table(args.index, _year(args.year), args.out, unit_type=args.unit_type,
                       parent_unit=args.parent_unit, locale=args.locale)
    print(f"written: {out.name}")
    return 0
