"""``parlib brief`` and ``parlib briefs``: render provincial annual briefs to self-contained HTML.

    parlib brief --province "Quảng Ninh" --year 2019 --lang en
    parlib briefs --jobs 2 --lang both          # the latest year with data
    parlib brief --province "Đà Nẵng" --year 2025   # one of the 34 units (a reconstruction)

Reports go to ``reports/<year>/<lang>/<code>-<slug>.html`` (or ``--out DIR``), with
``index.html`` pages listing every report. Parameters are validated before anything runs in a kernel.
"""
from __future__ import annotations

import sys

from parlib.io.oserrors import display


def register(sub):
    p = sub.add_parser("brief", help="render one province's annual brief (HTML)")
    p.add_argument("--province", required=True, help="province name or code, e.g. \"Quảng Ninh\"")
    p.add_argument("--year", required=True, help="survey year, e.g. 2019")
    p.add_argument("--lang", default="vi", help="vi (default) or en")
    p.add_argument("--out", help="reports folder (default: reports/)")
    p.add_argument("--targets", metavar="FILE", help="plans table (CSV/Excel) whose targets the "
                   "brief shows (see `parlib targets check`)")
    p.set_defaults(func=run_brief)

    q = sub.add_parser("briefs", help="render the annual briefs of every province for a year")
    q.add_argument("--year", default="latest",
                   help="survey year, e.g. 2019; default: the latest year with data")
    q.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2)")
    q.add_argument("--lang", default="vi", help="vi (default), en or both")
    q.add_argument("--provinces", nargs="+", metavar="P",
                   help="only these provinces (names or codes); default: all 63 (the 34 from 2025)")
    q.add_argument("--out", help="reports folder (default: reports/)")
    q.add_argument("--no-progress", action="store_true", help="no progress bar")
    q.set_defaults(func=run_briefs)


def run_brief(args) -> int:
    from parlib.render.engine import RenderError, render_brief, skip_iri_grammar

    skip_iri_grammar()
    # render_brief checks the parameters while its kernel boots, before anything runs in it
    res = render_brief(args.province, args.year, args.lang, args.out,
                       targets=getattr(args, "targets", None))
    if not res.ok:
        raise RenderError(f"brief {res.code} {res.year} {res.lang} failed: {res.error}")
    print(f"wrote {display(res.path)} ({res.seconds:.1f} s)")
    return 0


def run_briefs(args) -> int:
    from parlib.errors import ParameterError
    from parlib.render import params
    from parlib.render.engine import render_briefs, skip_iri_grammar

    skip_iri_grammar()

    lang = (args.lang or "").strip().lower()
    if lang == "both":
        langs = ["vi", "en"]
    elif lang in params.LANGS:
        langs = [lang]
    else:
        raise ParameterError("lang", args.lang, list(params.LANGS) + ["both"])
    if args.jobs < 1:
        raise ParameterError("jobs", args.jobs, hint="a positive number of workers")
    year = params.latest_brief_year() if args.year == "latest" else params.check_brief_year(args.year)
    res = render_briefs(year, langs, provinces=args.provinces, jobs=args.jobs,
                        out_dir=args.out, progress=not args.no_progress)
    n = len(res.results)
    ok = len(res.ok)
    print(f"rendered {ok} of {n} briefs in {res.seconds:.1f} s "
          f"({res.seconds / max(n, 1):.2f} s per brief); index: {display(res.index)}")
    for r in res.failed:
        print(f"FAILED {r.code} {r.year} {r.lang}: {r.error}", file=sys.stderr)
    return 0 if not res.failed else 1
