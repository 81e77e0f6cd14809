"""``parlib weak``: which criteria are weak for one province, index and year — two views.

    parlib weak --index PCI --province "Quảng Nam" --year 2019
        [--benchmark region-best|top-quartile|best|median|max|leader|region-leader]
        [--format table|csv|json] [--lang en|vi] [--depth 1|2|leaves] [--k 3]
        [--threshold 0.01] [--within-region]

Standing: each criterion's rank nationally and in the region; weakness = bottom third,
strength = top third. Drag: the weighted points the overall would gain if the criterion reached
the benchmark (default: the best score in the region on that criterion), with the overall score
and rank that would give. Without codebook weights (PCI 2023) the standing view alone.
"""
from __future__ import annotations

import json
import math
import sys

INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
FORMATS = ("table", "csv", "json")
# the machine-readable columns, in order (the contract of --format csv|json)
COLUMNS = ["indicator", "name", "score", "max", "weight", "rank", "rank_of", "region_rank",
           "region_rank_of", "benchmark", "benchmark_value", "benchmark_unit",
           "points_recoverable", "overall_if_met", "rank_if_met", "weakness", "strength",
           "persistent", "rank_kind", "percentile", "region_n", "region_with_data",
           "region_percentile",
           "benchmark_unit_code", "gap", "points_lost", "rank_if_met_of", "drag_rank", "weak_both",
           "persistent_text", "prev_year", "prev_rank", "rank_change", "comparable",
           "break_note", "name_en", "name_vi"]


def register(sub):
    p = sub.add_parser("weak", help="weak criteria of one province, index and year: standing "
                       "(ranks) and drag (points recoverable against a benchmark)")
    p.add_argument("--index", required=True, help="PCI, PAPI, PAR or SIPAS")
    p.add_argument("--province", required=True, help='province name or code, e.g. "Quảng Nam"')
    p.add_argument("--year", required=True, help="survey year, e.g. 2019")
    p.add_argument("--benchmark", default="region-best",
                   help="region-best (default: best in the region on each criterion), "
                   "top-quartile, best, median, max (scale maximum), leader, region-leader "
                   "(criterion profile of the best overall province, nationally / in the region)")
    p.add_argument("--format", default="table", dest="fmt", help="table (default), csv, json")
    p.add_argument("--lang", default="en", help="en (default) or vi")
    p.add_argument("--depth", default="1",
                   help="1 = the overall's direct criteria (default), 2, or leaves")
    p.add_argument("--k", default="3", help="surveys for persistence, at least 2 (default 3)")
    p.add_argument("--threshold", default="0.01",
                   help="a fall larger than this share of the scale counts as no improvement "
                   "(default 0.01 = 1%%)")
    p.add_argument("--within-region", action="store_true",
                   help="judge strengths and weaknesses by the rank within the region")
    p.set_defaults(func=run)


def _validate(args):
    from parlib.analysis.benchmarks import check_benchmark
    from parlib.analysis.persistence import check_k, check_threshold
    from parlib.errors import ParameterError

    index = str(args.index).strip().upper()
    if index not in INDICES:
        raise ParameterError("index", args.index, INDICES)
    bench = check_benchmark(args.benchmark)
    if args.fmt not in FORMATS:
        raise ParameterError("format", args.fmt, FORMATS)
    if args.lang not in ("en", "vi"):
        raise ParameterError("lang", args.lang, ["en", "vi"])
    try:
        year = int(str(args.year).strip())
    except ValueError:
        raise ParameterError("year", args.year, hint="a year such as 2019") from None
    if not 1900 <= year <= 2100:
        raise ParameterError("year", args.year, hint="a year such as 2019")
    depth = "leaves" if str(args.depth).strip() == "leaves" else None
    if depth is None:
        try:
            depth = int(str(args.depth).strip())
        except ValueError:
            depth = 0
        if depth < 1:
            raise ParameterError("depth", args.depth, [1, 2, "leaves"])
    return index, year, bench, depth, check_k(args.k), check_threshold(args.threshold)


def weak_table(province, index, year, *, benchmark="region-best", depth=1, k=3,
               threshold=0.01, within_region=False, lang="en", panel=None, codebook=None,
               unit_type="province"):
    """The DataFrame `parlib weak` prints (see :func:`parlib.analysis.weak_criteria`)."""
    from parlib.analysis import weak_criteria

    return weak_criteria(province, index, year, benchmark=benchmark, depth=depth, k=k,
                         threshold=threshold, within_region=within_region, lang=lang,
                         unit_type=unit_type, panel=panel, codebook=codebook)


def unit_for_year(province, year: int) -> tuple[str, str]:
    """(code, unit type of its peers): from 2025 a name means one of the 34 provinces."""
    from parlib import provinces
    from parlib.analysis.context import unit_code

    if int(year) >= 2025 and isinstance(province, str) and not provinces.exists(province.strip()):
        u = provinces.resolve(province, year=int(year))
    else:
        u = provinces.get(unit_code(province))
    return u.code, ("province_2025" if u.unit_type == "province_2025" else "province")


def _missing(x) -> bool:
    return x is None or str(x) == "<NA>" or (isinstance(x, float) and math.isnan(x))


def _num(x, d=2, lang="en"):
    from parlib.analysis.context import fmt

    return "–" if _missing(x) else fmt(float(x), d, lang)


def _rank(r, n, lang="en"):
    return "–" if _missing(r) or _missing(n) else f"{int(r)}/{int(n)}"


_TEXT = {
    "en": {"of": "of", "head": ["Criterion", "Score", "Max", "Wt", "Rank", "Region", "Benchmark", "Held by",
                    "+Pts", "If met", "Flags"],
           "title": "{name} — {index} {year}: {score}, rank {rank}. Benchmark: {bench}.",
           "title_none": "{name} — {index} {year}: no overall (composite) score. "
                         "Benchmark: {bench}.",
           "both": "Weak on both counts (bottom third nationally and a large drag): {names}.",
           "none": "No criterion is weak on both counts.",
           "legend": "Standing: W = weakness (bottom third {scope}), S = strength (top third); "
                     "P = persistent; Region n of m* = only n of the region's m units have a "
                     "score. Drag: Wt = overall points per criterion point; +Pts = weighted "
                     "overall points gained by reaching the benchmark; If met = overall score "
                     "(rank) that would give.",
           "total": "Sum of the per-criterion gaps = {gap} = benchmark composite {bo} − "
                    "recomputed {re} (published − recomputed: {res})."},
    "vi": {"of": "trên", "head": ["Tiêu chí", "Điểm", "Tối đa", "TS", "Hạng", "Vùng", "Mốc", "Tỉnh đạt",
                    "+Điểm", "Nếu đạt", "Cờ"],
           "title": "{name} — {index} {year}: {score}, hạng {rank}. Mốc so sánh: {bench}.",
           "title_none": "{name} — {index} {year}: không có điểm tổng hợp. Mốc so sánh: "
                         "{bench}.",
           "both": "Yếu theo cả hai góc nhìn (nhóm 1/3 cuối cả nước và kéo lùi nhiều): {names}.",
           "none": "Không có tiêu chí nào yếu theo cả hai góc nhìn.",
           "legend": "Thứ hạng: W = điểm yếu (1/3 cuối {scope}), S = điểm mạnh (1/3 đầu); "
                     "P = kéo dài; Vùng n trên m* = chỉ n trong m tỉnh của vùng có điểm. Kéo lùi: "
                     "TS = điểm tổng hợp cho mỗi điểm tiêu chí; +Điểm = điểm tổng hợp (có trọng "
                     "số) tăng thêm nếu đạt mốc; Nếu đạt = điểm tổng hợp (hạng) khi đó.",
           "total": "Tổng chênh lệch các tiêu chí = {gap} = điểm tổng hợp của mốc {bo} − điểm "
                    "tính lại {re} (công bố − tính lại: {res})."},
}


def render_table(df, lang="en") -> str:
    from parlib.analysis.context import unit_name

    L = "vi" if lang == "vi" else "en"
    T, s = _TEXT[L], df.attrs["summary"]
    rows = []
    for r in df.itertuples():
        flags = ("W" if r.weakness else "") + ("S" if r.strength else "") + \
            ("P" if r.persistent else "")
        met = "–" if _missing(r.overall_if_met) else \
            f"{_num(r.overall_if_met, 2, L)} ({_rank(r.rank_if_met, r.rank_if_met_of)})"
        name = r.name if len(r.name) <= 42 else r.name[:41].rstrip() + "…"
        rows.append([name, _num(r.score, 2, L), _num(r.max, 2, L), _num(r.weight, 2, L),
                     _rank(r.rank, r.rank_of), _rank(r.region_rank, r.region_rank_of) if not _missing(r.region_rank)
                     else f"{int(r.region_with_data)} {T['of']} {int(r.region_n)}*",
                     _num(r.benchmark_value, 2, L), r.benchmark_unit or "–",
                     _num(r.points_recoverable, 2, L), met, flags])
    head = T["head"]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    left = {0, 7, 10}

    def line(cells):
        return "  ".join(str(c).ljust(w) if i in left else str(c).rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    scope = ("in the region" if L == "en" else "trong vùng") if s.get("within_region") else \
        ("nationally" if L == "en" else "cả nước")
    both = df.loc[df["weak_both"].astype(bool), "name"].tolist()
    title = T["title"] if not _missing(s["published"]) else T["title_none"]
    out = [title.format(name=unit_name(s["unit_code"], "vi"), index=s["index"],
                        year=s["year"], score=_num(s["published"], 2, L),
                        rank=_rank(s["rank"], s["rank_of"]), bench=s["benchmark_text"])]
    if s.get("note"):
        out.append(s["note"])
    else:
        out.append(T["both"].format(names="; ".join(both)) if both else T["none"])
    out += ["", line(head), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    out += ["", T["legend"].format(scope=scope)]
    if s.get("has_composite") and not _missing(s.get("gap")):
        out.append(T["total"].format(gap=_num(s["gap"], 4, L), bo=_num(s["benchmark_overall"], 4, L),
                                     re=_num(s["recomputed"], 4, L), res=_num(s["residual"], 4, L)))
    return "\n".join(out)


def _jsonable(v):
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if _missing(v):
        return None
    try:
        import pandas as pd

        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return v.item() if hasattr(v, "item") else v


def run(args) -> int:
    index, year, bench, depth, k, threshold = _validate(args)
    code, utype = unit_for_year(args.province, year)  # UnknownProvinceError with suggestions
    df = weak_table(code, index, year, benchmark=bench, depth=depth, k=k, threshold=threshold,
                    within_region=args.within_region, lang=args.lang, unit_type=utype)
    if args.fmt == "table":
        text = render_table(df, args.lang)
    elif args.fmt == "csv":
        text = df[COLUMNS].to_csv(index=False).rstrip("\n")
    else:
        out = {"summary": {k2: _jsonable(v) for k2, v in df.attrs["summary"].items()},
               "criteria": [{c: _jsonable(v) for c, v in row.items()}
                            for row in df[COLUMNS].to_dict("records")]}
        text = json.dumps(out, ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")
    return 0
