"""``parlib uncertainty``: rank intervals (Monte Carlo), rank moves labelled real / within noise,
and effective weights.

    parlib uncertainty --index PCI --year 2019 [--show ranks|moves|weights] [--format table|csv|json]
        [--draws 1000] [--seed 20190] [--weight-bound 0.25] [--p-equal 0.2] [--p-geometric 0.2]
        [--no-sampling] [--assume-se SE] [--off] [--level 0.9] [--prev-year Y] [--province P]
        [--lang en|vi] [--method pearson|spearman]

``--show ranks`` (default): unit_code, rank, rank_median, rank_low, rank_high, then the unit's
name, score, denominator, kind of rank, model and the parameters of the run.
"""
from __future__ import annotations

import json
import sys

SHOWS = ("ranks", "moves", "weights")
FORMATS = ("table", "csv", "json")


def register(sub):
    p = sub.add_parser("uncertainty", help="rank intervals (Monte Carlo), moves within noise or "
                       "real, effective weights")
    p.add_argument("--index", required=True, help="PCI, PAPI, PAR or SIPAS")
    p.add_argument("--year", required=True, help="survey year, e.g. 2019")
    p.add_argument("--show", default="ranks", help="ranks (default), moves, weights")
    p.add_argument("--format", default="table", dest="fmt", help="table (default), csv, json")
    p.add_argument("--province", help="only this province (name or code)")
    p.add_argument("--prev-year", help="for --show moves: the earlier year (default: previous)")
    p.add_argument("--draws", default="1000", help="Monte Carlo draws (default 1000)")
    p.add_argument("--seed", default="20190", help="random seed (default 20190)")
    p.add_argument("--weight-bound", default="0.25", help="weights × U(1±bound) (default 0.25)")
    p.add_argument("--p-equal", default="0.2", help="share of draws with equal weights (0.2)")
    p.add_argument("--p-geometric", default="0.2", help="share of draws aggregated "
                   "geometrically (0.2)")
    p.add_argument("--no-sampling", action="store_true", help="ignore published CIs")
    p.add_argument("--assume-se", help="ASSUMED standard error where none is published")
    p.add_argument("--off", action="store_true", help="switch every source of uncertainty off "
                   "(the interval collapses to the published rank)")
    p.add_argument("--level", default="0.9", help="interval level (default 0.9)")
    p.add_argument("--method", default="pearson", help="weights: pearson (default) or spearman")
    p.add_argument("--lang", default="en", help="en (default) or vi")
    p.set_defaults(func=run)


def _num(name, value, cast=float):
    from parlib.errors import ParameterError

    try:
        return cast(str(value).strip())
    except ValueError:
        raise ParameterError(name.replace("_", "-"), value, hint="a number") from None


def params_from_args(args):
    from parlib.analysis.rank_simulation import MCParams

    draws, seed = _num("draws", args.draws, int), _num("seed", args.seed, int)
    if args.off:
        return MCParams.off(draws=draws, seed=seed).check()
    se = None if args.assume_se is None else _num("assume_se", args.assume_se)
    return MCParams(draws=draws, seed=seed, weight_bound=_num("weight_bound", args.weight_bound),
                    p_equal=_num("p_equal", args.p_equal),
                    p_geometric=_num("p_geometric", args.p_geometric),
                    sampling=not args.no_sampling, assumed_se=se,
                    level=_num("level", args.level)).check()


def _validate(args):
    from parlib.errors import ParameterError
    from parlib.render.params import check_index

    index = check_index(args.index)
    for name, v, allowed in (("show", args.show, SHOWS), ("format", args.fmt, FORMATS),
                             ("lang", args.lang, ("en", "vi"))):
        if v not in allowed:
            raise ParameterError(name, v, allowed)
    return index, _num("year", args.year, int)


def table(args):
    """The DataFrame the command prints, and a title line."""
    from parlib.analysis import effective_weights as ew
    from parlib.analysis import rank_simulation as ri
    from parlib.analysis.context import unit_code

    index, year = _validate(args)
    p = params_from_args(args)
    if args.show == "weights":
        df = ew.effective_weights(index, year, method=args.method)
        title = (f"{index} {year}: effective weight (normalised squared {args.method} correlation "
                 "with the overall score, across provinces) beside the nominal weight")
    elif args.show == "moves":
        prev = None if args.prev_year is None else _num("prev_year", args.prev_year, int)
        df = ri.moves(index, year, prev, p)
        title = ri.describe(p, args.lang)
    else:
        df = ri.intervals(index, year, p)
        df = df[ri.COLUMNS + [c for c in df.columns if c not in ri.COLUMNS]]
        title = ri.describe(p, args.lang)
    if args.province and "unit_code" in df:
        df = df[df.unit_code == unit_code(args.province)]
    return df, title


def _text(df, show, lang) -> str:
    if show == "weights":
        cols = ["indicator", "name_vi" if lang == "vi" else "name_en", "weight", "nominal_share",
                "effective_share", "ratio", "corr"]
    elif show == "moves":
        cols = ["unit_code", "unit_name", "prev_rank", "rank", "prev_rank_low", "prev_rank_high",
                "rank_low", "rank_high", "label_vi" if lang == "vi" else "label_en"]
    else:
        cols = ["unit_code", "unit_name", "rank", "rank_of", "rank_kind", "rank_median",
                "rank_low", "rank_high", "width"]
    view = df[cols].copy()
    for c in ("nominal_share", "effective_share", "ratio", "corr"):
        if c in view:
            view[c] = view[c].map(lambda x: f"{x:.3f}")
    return view.to_string(index=False, na_rep="–")


def run(args) -> int:
    df, title = table(args)
    if args.fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.fmt == "json":
        print(json.dumps({"method": title, "rows": json.loads(df.to_json(orient="records",
                                                                         force_ascii=False))},
                         ensure_ascii=False, indent=1))
    else:
        print(title)
        print()
        print(_text(df, args.show, args.lang))
        if args.show == "ranks" and len(df):
            notes = sorted(set(df["model"]) | {f"sampling: {s}" for s in set(df["sampling"])})
            print()
            print("\n".join(notes))
    return 0
