"""The weak-criteria and strengths sections of the annual brief (two named views).

Computed by :func:`parlib.analysis.weak_criteria`: **standing** (ranks: bottom third nationally =
weakness, top third = strength) and **drag** (weighted points the overall score would gain if
the criterion reached the best score in the region on it). The section leads with the criteria
weak on both counts and says in plain words which view says what. Without codebook weights (PCI
2023) or criterion scores the standing view alone, said so — never "0.00 points".
"""
from __future__ import annotations

from parlib.analysis.benchmarks import DEFAULT_BENCHMARK as BRIEF_BENCHMARK
from parlib.numbers import missing

TEXT = {
    "en": {
        "sec": "Weak criteria: standing and drag",
        "views": "Two views. Standing ranks each criterion against the other provinces: the "
                 "bottom third nationally is a weakness, the top third a strength; weights play "
                 "no part. Drag counts the weighted points the {index} score would gain if the "
                 "criterion reached its benchmark ({bench}); the weight decides much of it.",
        "both": "Weak on both counts: {items}.",
        "both_item": "{name} (rank {rank}; +{pts} points at {value}, the level of {holder})",
        "both_item_level": "{name} (rank {rank}; +{pts} points at {value})",
        "none_both": "No criterion is weak on both counts.",
        "weak_only": "Weak by standing: {names}.",
        "weakest": "Weakest {index} criterion: {name}.",
        "no_drag": "Standing only: {note}",
        "head": ["Criterion", "Score", "Weight", "Rank", "In region", "Benchmark (held by)",
                 "Points recoverable", "If met: score (rank)", "Standing", "Persistent"],
        "head_nodrag": ["Criterion", "Score", "Rank", "In region", "Standing", "Persistent"],
        "weakness": "weakness", "strength": "strength", "middle": "",
        "total": "Reaching the benchmark on every criterion would add {gap} points "
                 "(the per-criterion figures add up to it).",
    },
    "vi": {
        "sec": "Tiêu chí yếu: thứ hạng và mức kéo lùi",
        "views": "Hai góc nhìn. Thứ hạng so từng tiêu chí với các tỉnh khác: nhóm 1/3 cuối cả "
                 "nước là điểm yếu, nhóm 1/3 đầu là điểm mạnh; trọng số không ảnh hưởng. Mức "
                 "kéo lùi là số điểm {index} (có trọng số) sẽ tăng nếu tiêu chí đạt mốc ({bench}); "
                 "trọng số quyết định phần lớn mức này.",
        "both": "Yếu theo cả hai góc nhìn: {items}.",
        "both_item": "{name} (hạng {rank}; +{pts} điểm nếu đạt {value}, mức của {holder})",
        "both_item_level": "{name} (hạng {rank}; +{pts} điểm nếu đạt {value})",
        "none_both": "Không có tiêu chí nào yếu theo cả hai góc nhìn.",
        "weak_only": "Yếu theo thứ hạng: {names}.",
        "weakest": "Tiêu chí yếu nhất của {index}: {name}.",
        "no_drag": "Chỉ có góc nhìn thứ hạng: {note}",
        "head": ["Tiêu chí", "Điểm", "Trọng số", "Hạng", "Trong vùng", "Mốc (tỉnh đạt)",
                 "Điểm có thể tăng", "Nếu đạt: điểm (hạng)", "Thứ hạng", "Kéo dài"],
        "head_nodrag": ["Tiêu chí", "Điểm", "Hạng", "Trong vùng", "Thứ hạng", "Kéo dài"],
        "weakness": "điểm yếu", "strength": "điểm mạnh", "middle": "",
        "total": "Đạt mốc ở mọi tiêu chí sẽ thêm {gap} điểm (tổng của các tiêu chí).",
    },
}


def compute(b, index: str) -> None:
    """Fill ``b.weak[index]`` (both views) and ``b.strengths[index]`` (top third)."""
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        year = (getattr(b, "years", None) or {}).get(index, b.year)
        w = analysis.weak_criteria(b.code, index, year, benchmark=BRIEF_BENCHMARK, lang=b.lang)
    except ParlibError:
        return
    note = w.attrs["summary"].get("note", "")
    w = w[w["score"].notna()]
    if not len(w):
        return
    w.attrs["summary"]["note"] = note
    b.weak[index] = w
    b.strengths[index] = w[w["strength"].astype(bool)].sort_values("rank")


def _rank(r, n, lang):
    from parlib.render.brief_html import rank_label

    return rank_label(r, n)


def _row(r, L, T, drag: bool):
    from parlib.render.brief_data import _isna
    from parlib.render.i18n import num

    pers = r.persistent_text if isinstance(r.persistent_text, str) and r.persistent_text else ""
    stand = T["weakness"] if r.weakness else (T["strength"] if r.strength else "")
    head = [r.name, num(r.score, L)]
    tail = [_rank(r.rank, r.rank_of, L), _rank(r.region_rank, r.region_rank_of, L)]
    if not drag:
        return head + tail + [stand, pers]
    bench = num(r.benchmark_value, L) + (f" ({r.benchmark_unit})" if r.benchmark_unit else "")
    met = "–" if _isna(r.overall_if_met) else \
        f"{num(r.overall_if_met, L)} ({_rank(r.rank_if_met, r.rank_if_met_of, L)})"
    return head + [num(r.weight, L)] + tail + [bench, num(r.points_recoverable, L), met, stand,
                                               pers]


def _lead(w, index, L, T, drag: bool = True) -> list[str]:
    from parlib.render.brief_html import esc
    from parlib.render.i18n import num

    both = w[w["weak_both"].astype(bool)]
    if len(both):
        # a benchmark held by one unit names it; a level (top quartile, median, max) does not
        items = "; ".join(T["both_item" if r.benchmark_unit and not missing(r.benchmark_unit)
                            else "both_item_level"].format(
            name=r.name, rank=_rank(r.rank, r.rank_of, L), pts=num(r.points_recoverable, L),
            value=num(r.benchmark_value, L), holder=r.benchmark_unit)
            for r in both.itertuples())
        out = [f"<p><strong>{esc(T['both'].format(items=items))}</strong></p>"]
    else:
        out = [f"<p>{esc(T['none_both'])}</p>"] if drag else []
    weak_only = w[w["weakness"].astype(bool) & ~w["weak_both"].astype(bool)]
    if len(weak_only):
        out.append(f"<p>{esc(T['weak_only'].format(names='; '.join(weak_only['name'])))}</p>")
    out.append(f"<p>{esc(T['weakest'].format(index=index, name=w.iloc[0]['name']))}</p>")
    return out


def section_html(w, index: str, year: int, lang: str = "en", figure: str = "") -> str:
    """One index's part of the section from a :func:`parlib.analysis.weak_criteria` frame:
    the lead (weak on both counts), which view says what, the table (also in notebook 03)."""
    from parlib.analysis.benchmarks import describe
    from parlib.render.brief_html import _table, esc
    from parlib.render.i18n import num

    L = "vi" if lang == "vi" else "en"
    T = TEXT[L]
    s = w.attrs.get("summary", {})
    bench = s.get("benchmark", BRIEF_BENCHMARK)
    drag = bool(s.get("has_composite")) and bool(w["points_recoverable"].notna().any())
    out = [f"<h3>{esc(index)} {year}</h3>"] + _lead(w, index, L, T, drag)
    if drag:
        out.append(f"<p>{esc(T['views'].format(index=index, bench=describe(bench, L)))}</p>")
    else:
        out.append(f"<p>{esc(T['no_drag'].format(note=s.get('note', '')))}</p>")
    out.append(figure)
    rows = [_row(r, L, T, drag) for r in w.head(12).itertuples()]
    cols = (1, 2, 3, 4, 6, 7) if drag else (1, 2, 3)
    out.append(_table(T["head"] if drag else T["head_nodrag"], rows, cols))
    if drag and s.get("gap") is not None:
        out.append(f"<p class=\"parlib-note\">{esc(T['total'].format(gap=num(s['gap'], L)))}</p>")
    return "".join(out)


def weak_html(b) -> str:
    """Every index's section (used by :func:`parlib.render.brief_html.weak_html`)."""
    return "".join(section_html(w, index, (getattr(b, "years", None) or {}).get(index, b.year),
                                b.lang) for index, w in b.weak.items())
