"""``parlib weak``: the points a province lost on each criterion of an index in one year.

    parlib weak --index PCI --province "Quảng Nam" --year 2019 [--benchmark max|best|median|
        region-best] [--format table|csv|json] [--lang en|vi] [--depth 1|leaves] [--k 3]

One row per criterion, sorted by drag: score, maximum, share of maximum (truncated to 2
decimals), rank and rank change, benchmark value, points lost, persistence.
"""
from __future__ import annotations

import json
import math
import sys

INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
BENCHMARKS = ("max", "best", "median", "region-best")


def register(sub):
    p = sub.add_parser("weak", help="points lost per criterion for one province, index and year")
    p.add_argument("--index", required=True, help="PCI, PAPI, PAR or SIPAS")
    p.add_argument("--province", required=True, help='province name or code, e.g. "Quảng Nam"')
    p.add_argument("--year", required=True, help="survey year, e.g. 2019")
    p.add_argument("--benchmark", default="max", help="max (default), best, median, region-best")
    p.add_argument("--format", default="table", dest="fmt", help="table (default), csv, json")
    p.add_argument("--lang", default="en", help="en (default) or vi")
    p.add_argument("--depth", default="1",
                   help="1 = the overall's direct criteria (default); leaves = deepest level")
    p.add_argument("--k", default="3", help="years for persistence (default 3)")
    p.set_defaults(func=run)


def _validate(args):
    from parlib.errors import ParameterError

    index = str(args.index).strip().upper()
    if index not in INDICES:
        raise ParameterError("index", args.index, INDICES)
    bench = str(args.benchmark).strip().lower()
    if bench not in BENCHMARKS:
        raise ParameterError("benchmark", args.benchmark, BENCHMARKS)
    if args.fmt not in ("table", "csv", "json"):
        raise ParameterError("format", args.fmt, ["table", "csv", "json"])
    if args.lang not in ("en", "vi"):
        raise ParameterError("lang", args.lang, ["en", "vi"])
    try:
        year = int(str(args.year).strip())
    except ValueError:
        raise ParameterError("year", args.year, hint="a year such as 2019") from None
    depth = "leaves" if str(args.depth) == "leaves" else None
    if depth is None:
        try:
            depth = int(args.depth)
        except ValueError:
            raise ParameterError("depth", args.depth, [1, 2, "leaves"]) from None
    try:
        k = int(args.k)
    except ValueError:
        raise ParameterError("k", args.k, hint="a whole number of years") from None
    return index, year, bench, depth, k


def weak_table(province, index, year, *, benchmark="max", depth=1, k=3, lang="en", panel=None,
               codebook=None, unit_type="province"):
    """The DataFrame `parlib weak` prints (see :func:`parlib.analysis.points_lost`)."""
    from parlib.analysis import points_lost

    return points_lost(province, index, year, benchmark=benchmark, depth=depth, k=k, lang=lang,
                       panel=panel, codebook=codebook, unit_type=unit_type)


def unit_for_year(province, year: int) -> tuple[str, str]:
    """(code, unit type of its peers): from 2025 a name means one of the 34 provinces."""
    from parlib import provinces
    from parlib.analysis.context import unit_code

    if int(year) >= 2025 and isinstance(province, str) and not provinces.exists(province.strip()):
        u = provinces.resolve(province, year=int(year))
    else:
        u = provinces.get(unit_code(province))
    return u.code, ("province_2025" if u.unit_type == "province_2025" else "province")


def _num(x, d=2, lang="en"):
    from parlib.analysis.context import fmt

    return fmt(x, d, lang)


def _int(x):
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) or str(x) == "<NA>" \
        else str(int(x))


def _signed(x):
    if x is None or str(x) == "<NA>" or (isinstance(x, float) and math.isnan(x)):
        return "–"
    x = int(x)
    return f"+{x}" if x > 0 else str(x)


def render_table(df, lang="en") -> str:
    from parlib.analysis.context import unit_name

    s = df.attrs["summary"]
    vi = lang == "vi"
    head = (["Tiêu chí", "Điểm", "Tối đa", "% tối đa", "Hạng", "Δ hạng", "Mốc so sánh",
             "Điểm mất", "Kéo lùi", "Kéo dài"] if vi else
            ["Criterion", "Score", "Max", "% of max", "Rank", "Δ rank", "Benchmark",
             "Points lost", "Drag", "Persistent"])
    rows = []
    for r in df.itertuples():
        dr = _signed(r.rank_change) + ("" if r.comparable else "*")
        rows.append([r.name, _num(r.score, 2, lang), _num(r.max, 2, lang),
                     _num(r.share_of_max, 2, lang), f"{_int(r.rank)}/{_int(r.rank_of)}", dr,
                     _num(r.benchmark_value, 2, lang), _num(r.points_lost, 2, lang),
                     str(r.drag_rank), (r.persistent_text or ("có" if vi else "yes"))
                     if r.persistent else ""])
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    right = {1, 2, 3, 4, 5, 6, 7, 8}

    def line(cells):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    name = unit_name(s["unit_code"], "vi")
    bu = f" ({unit_name(s['benchmark_unit'], 'vi')})" if s.get("benchmark_unit") else ""
    if vi:
        bname = {"max": "điểm tối đa", "best": "tỉnh dẫn đầu", "median": "trung vị cả nước",
                 "region-best": "tỉnh dẫn đầu vùng"}.get(s["benchmark"], s["benchmark"])
        title = (f"{name} — {s['index']} {s['year']}: {_num(s['published'], 2, lang)} điểm, "
                 f"hạng {_int(s['rank'])}/{_int(s['rank_of'])}; mốc so sánh: {bname}{bu}")
        foot = (f"Tổng điểm mất = {_num(s['gap'], 4, lang)} (= mốc {_num(s['benchmark_overall'], 4, lang)}"
                f" − điểm tính lại {_num(s['recomputed'], 4, lang)}); chênh lệch điểm công bố − "
                f"tính lại: {_num(s['residual'], 4, lang)}. * = không so sánh được với năm trước.")
    else:
        title = (f"{name} — {s['index']} {s['year']}: {_num(s['published'])} points, rank "
                 f"{_int(s['rank'])}/{_int(s['rank_of'])}; benchmark: {s['benchmark']}{bu}")
        foot = (f"Total points lost = {_num(s['gap'], 4)} (= benchmark {_num(s['benchmark_overall'], 4)}"
                f" − recomputed {_num(s['recomputed'], 4)}); published − recomputed residual: "
                f"{_num(s['residual'], 4)}. * = not comparable with the previous survey.")
    sep = "  ".join("-" * w for w in widths)
    return "\n".join([title, "", line(head), sep] + [line(r) for r in rows] + ["", foot])


def _jsonable(v):
    if v is None:
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def run(args) -> int:
    index, year, bench, depth, k = _validate(args)
    code, utype = unit_for_year(args.province, year)  # UnknownProvinceError with suggestions
    df = weak_table(code, index, year, benchmark=bench, depth=depth, k=k, lang=args.lang, unit_type=utype)
    if args.fmt == "table":
        print(render_table(df, args.lang))
    elif args.fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        out = {"summary": {k2: _jsonable(v) for k2, v in df.attrs["summary"].items()},
               "criteria": [{c: _jsonable(v) for c, v in row.items()}
                            for row in df.to_dict("records")]}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0
