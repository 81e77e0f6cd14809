"""``parlib reconstruct`` and ``parlib convergence``: the 34 units from 1 July 2025 rebuilt from
the 63 provinces, and sigma/beta convergence of the provinces' scores.

    parlib reconstruct --index PCI --year 2019 [--indicator PCI.overall|all] [--format table|csv]
    parlib convergence --index PCI [--indicator ...] [--start 2013 --end 2019] [--balanced]
        [--conditional] [--format table|csv]

Method, in words. RECONSTRUCTION: no index has been published for the 34 new units, so each
new unit's score is the average of its former provinces' scores weighted by their 2024
population (the merger table in data/reference/merger_2025.csv). It is a reconstruction, not a
published score: ranks are computed only among the new units whose every former province has
data, and each row says which provinces went in and what share of the population they cover.
SIGMA convergence: the spread (standard deviation, coefficient of variation, interquartile
range) of the provinces' scores each year; a falling spread means provinces are getting closer.
Years after a methodology change are marked not comparable and left out of the trend slope.
BETA convergence: the provinces' annual growth between two years regressed (OLS) on their
starting level; a negative slope whose 95% interval is below zero means provinces that started
lower improved faster. ``--conditional`` adds region effects (convergence within regions).
Unless --start/--end are given, beta and the sigma slope use the longest run of years inside one
methodology era (for PCI in the bundled data: 2013-2020), so no series break is crossed.
"""
from __future__ import annotations

RECONSTRUCT_HELP = ("the 34 units from 1 July 2025 as the 2024-population-weighted mean of their "
                    "former provinces (a reconstruction, not a published score)")
CONVERGENCE_HELP = ("sigma convergence (spread of scores per year) and beta convergence "
                    "(growth regressed on the starting level)")


def register(sub):
    p = sub.add_parser("reconstruct", help=RECONSTRUCT_HELP, description=__doc__.split("Method")[1]
                       .split("SIGMA")[0].strip(", .\n"))
    p.add_argument("--index", required=True, help="PCI, PAPI, PAR or SIPAS")
    p.add_argument("--year", required=True, help="survey year, e.g. 2019")
    p.add_argument("--indicator", default=None,
                   help="indicator code (default: the overall score) or 'all'")
    p.add_argument("--format", dest="fmt", default="table", help="table (default) or csv")
    p.set_defaults(func=run_reconstruct)
    c = sub.add_parser("convergence", help=CONVERGENCE_HELP,
                       description="SIGMA" + __doc__.split("SIGMA")[1])
    c.add_argument("--index", required=True, help="PCI, PAPI, PAR or SIPAS")
    c.add_argument("--indicator", default=None, help="indicator code (default: the overall score)")
    c.add_argument("--start", default=None, help="first year for beta (default: the longest run "
                   "of years inside one methodology era)")
    c.add_argument("--end", default=None, help="last year for beta (default: as --start)")
    c.add_argument("--balanced", action="store_true",
                   help="sigma over provinces present in every year only")
    c.add_argument("--conditional", action="store_true", help="beta with region effects")
    c.add_argument("--format", dest="fmt", default="table", help="table (default) or csv")
    c.set_defaults(func=run_convergence)


def _common(args):
    from parlib.errors import ParameterError
    from parlib.panel.load import index_arg

    if args.fmt not in ("table", "csv"):
        raise ParameterError("format", args.fmt, ["table", "csv"])
    return index_arg(args.index)[0]


def _print(df, fmt):
    import sys

    import pandas as pd

    if fmt == "csv":
        df.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        with pd.option_context("display.max_rows", 200, "display.width", 200,
                               "display.max_columns", 30, "display.max_colwidth", 40):
            print(df.to_string(index=False))


def run_reconstruct(args) -> int:
    from parlib.analysis import reconstruct_34
    from parlib.panel.load import year_arg

    index = _common(args)
    df = reconstruct_34(index, year_arg(args.year)[0], indicator=args.indicator)
    cols = ["indicator", "unit_code", "unit_name", "value", "rank", "rank_of", "members",
            "members_with_data", "n_members", "population_share", "complete"]
    _print(df[cols] if args.fmt == "table" else df, args.fmt)
    if args.fmt == "table":
        print(f"\nRECONSTRUCTION, not published scores: {index} {args.year} of the 34 units as the "
              "2024-population-weighted mean of their former provinces; rank computed among "
              f"{int(df['complete'].sum())} units whose every former province has data.")
    return 0


def run_convergence(args) -> int:
    from parlib.analysis import beta_convergence, convergence_window, sigma_convergence
    from parlib.panel.load import year_arg

    index = _common(args)
    sigma = sigma_convergence(index, indicator=args.indicator, balanced=args.balanced)
    start, end = convergence_window(index, indicator=args.indicator,
                                    start=year_arg(args.start)[0] if args.start else None,
                                    end=year_arg(args.end)[0] if args.end else None)
    window = [int(y) for y in sigma.loc[(sigma["n"] >= 3) & sigma["year"].between(start, end),
                                        "year"]]
    slope = sigma_convergence(index, indicator=args.indicator, years=window,
                              balanced=args.balanced).attrs if len(window) > 1 else {}
    beta = beta_convergence(index, start, end, indicator=args.indicator,
                            conditional=args.conditional)
    _print(sigma, args.fmt)
    if args.fmt == "table":
        print(f"\nSigma {start}–{end}: slope of the standard deviation per year = "
              f"{slope.get('slope_std', float('nan')):.4f} over {slope.get('years_in_slope', [])} "
              "(negative = converging; a year after a methodology break is left out).")
        print(beta.text("en"))
        print(f"half-life: {beta.half_life:.1f} years" if beta.converging
              else "half-life: not given (no significant convergence)")
    return 0
