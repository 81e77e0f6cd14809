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
    c.add_argument("--start", default=None, help="first year for beta (default: first year of "
                   "the latest methodology)")
    c.add_argument("--end", default=None, help="last year for beta (default: last year)")
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


def _default_start(index, end, indicator):
    """First year of the methodology in force in ``end`` (so beta spans no series break)."""
    from parlib import codebook

    ind = indicator or next(r.indicator for r in codebook.for_year(index, end).itertuples()
                            if r.level == "overall" and r.aggregation)
    era = codebook.era(index, ind, end)
    rows = codebook.load_codebook()
    rows = rows[(rows["index"] == index) & (rows["indicator"] == ind) & (rows["era"] == era)]
    return int(rows["year_from"].min())


def run_convergence(args) -> int:
    from parlib.analysis import beta_convergence, sigma_convergence
    from parlib.panel.load import year_arg

    index = _common(args)
    sigma = sigma_convergence(index, indicator=args.indicator, balanced=args.balanced)
    years = [int(y) for y in sigma["year"]]
    end = year_arg(args.end)[0] if args.end else max(years)
    start = year_arg(args.start)[0] if args.start else max(
        [y for y in years if y >= _default_start(index, end, args.indicator)] or [min(years)])
    if start == end:
        start = max(y for y in years if y < end)
    beta = beta_convergence(index, start, end, indicator=args.indicator,
                            conditional=args.conditional)
    _print(sigma, args.fmt)
    if args.fmt == "table":
        slope = sigma.attrs.get("slope_std")
        print(f"\nSigma: slope of the standard deviation per year = {slope:.4f} over "
              f"{sigma.attrs.get('years_in_slope')} (negative = converging; years after a "
              "methodology break are left out).")
        print(beta.text("en"))
        print(f"half-life: {beta.half_life:.1f} years" if beta.half_life == beta.half_life
              else "half-life: not defined (no convergence)")
    return 0
