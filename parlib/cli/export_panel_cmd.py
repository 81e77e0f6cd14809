"""``parlib export-panel``: the panel as Stata, Parquet, CSV or Excel, with its codebook.

    parlib export-panel --format dta|parquet|csv|xlsx [--wide] [--index PCI[,PAPI]] [--year 2019[,2018]]
        [--lang en|vi] [--level overall|area|sub] OUT

Long by default (the tidy panel); ``--wide`` gives one row per province and year and one column
per indicator (one file per index, or one sheet per index in xlsx). Stata files carry variable
labels (indicator names) and a data label with the data version. Beside every export:
``<OUT>_codebook.csv`` and ``<OUT>_variables.csv`` (column names in the file, original names,
labels). See :mod:`parlib.panel.export`.
"""
from __future__ import annotations


def register(sub):
    p = sub.add_parser("export-panel", help="export the panel to Stata (.dta), Parquet, CSV or "
                       "Excel, with the codebook beside it")
    p.add_argument("out", metavar="OUT", help="output file, e.g. pci.dta")
    p.add_argument("--format", dest="fmt", default=None,
                   help="dta, parquet, csv or xlsx (default: from OUT's suffix)")
    p.add_argument("--wide", action="store_true",
                   help="one row per province and year, one column per indicator")
    p.add_argument("--index", action="append", default=None,
                   help="PCI, PAPI, PAR or SIPAS; repeat or comma-separate (default: all)")
    p.add_argument("--year", action="append", default=None,
                   help="a year; repeat or comma-separate (default: all)")
    p.add_argument("--lang", default="en", help="labels in en (default) or vi")
    p.add_argument("--level", default="area",
                   help="wide tables: overall, area (default: composite and its areas) or sub")
    p.set_defaults(func=run)


def run(args) -> int:
    from parlib.errors import ParameterError
    from parlib.panel.export import export_panel

    if args.lang not in ("en", "vi"):
        raise ParameterError("lang", args.lang, ["en", "vi"])
    paths = export_panel(args.out, args.fmt, index=_split(args.index), wide=args.wide,
                         years=_split(args.year),
                         lang=args.lang, level=args.level)
    print(f"data version {_version()}")
    for p in paths:
        print(p)
    return 0


def _split(values):
    return None if not values else [v.strip() for x in values for v in x.split(",") if v.strip()]


def _version():
    from parlib.errors import ParlibError
    from parlib.panel.version import data_version

    try:
        return data_version()
    except ParlibError:
        return "unknown (no build_info.json)"
