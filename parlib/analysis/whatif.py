"""What-if: raise one or more criteria to a target, hold everything else fixed, and read off
the new overall score and rank.

The gain is computed with the index's own aggregation (effective weights from the codebook):
``gain = Σ w_i (target_i − score_i)``; the new score is the *published* overall plus the gain
(so it stays on the scale the province is ranked on), and the new rank is counted against the
other units' published scores, unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from parlib.errors import ParameterError
from parlib.analysis.context import DEFAULT_UNIT_TYPE, context, fmt, unit_name
from parlib.analysis.weak import (BENCHMARKS, _check_benchmark, _decomp, _require_weights,
                                  _unit_decomposition)

_LABEL = {
    "en": {"max": "the maximum score", "best": "the best score in the country",
           "median": "the national median", "region-best": "the regional best",
           "top-quartile": "the national top quartile",
           "leader": "the level of the best overall province",
           "region-leader": "the level of the region's best overall province"},
    "vi": {"max": "điểm tối đa", "best": "mức cao nhất cả nước", "median": "mức trung vị cả nước",
           "region-best": "mức tốt nhất trong vùng",
           "top-quartile": "mức tứ phân vị trên của cả nước",
           "leader": "mức của tỉnh dẫn đầu", "region-leader": "mức của tỉnh dẫn đầu vùng"},
}


@dataclass
class WhatIfResult:
    """Outcome of :func:`whatif`. ``changes``: one row per criterion changed (indicator, name_en,
    name_vi, target, target_value, current, new_value, weight, points_added)."""
    unit_code: str
    index: str
    year: int
    overall: str
    old_score: float
    new_score: float
    gain: float
    old_rank: int | None
    new_rank: int | None
    rank_of: int | None
    changes: pd.DataFrame = field(repr=False)
    rank_kind: str | None = None      # "published" / "computed" (parlib.panel.ranks)
    rank_note: str = ""               # why new_rank is None, when it is
    n_scored: int | None = None       # units with a score in that source and year
    total: str = ""                   # which total (codebook name of the overall indicator)

    def sentence(self, lang: str = "en") -> str:
        return whatif_sentence(self, lang)

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("unit_code", "index", "year", "overall", "old_score",
                                           "new_score", "gain", "old_rank", "new_rank",
                                           "rank_of", "rank_kind", "rank_note")}
        d["changes"] = self.changes.to_dict("records")
        return d


def _targets(targets, target):
    if isinstance(targets, dict):
        return dict(targets)
    if isinstance(targets, str):
        targets = [targets]
    if target is None:
        raise ParameterError("target", None, list(BENCHMARKS) + ["<number>"])
    return {t: target for t in targets}


def whatif(unit, index: str, year: int, targets, *, target=None, depth=1,
           allow_decrease: bool = False, unit_type: str = DEFAULT_UNIT_TYPE, panel=None,
           codebook=None) -> WhatIfResult:
    """Raise criteria to targets and report the new overall score and rank.

    ``targets``: {criterion: number | "max" | "best" | "median" | "region-best"}, or one
    criterion / a list of criteria all raised to ``target``. A criterion already above its
    target is left as it is (unless ``allow_decrease``); a number above the scale is capped at
    the maximum. Criteria must be among :func:`parlib.analysis.criteria` for that ``depth``.
    """
    ctx, code, year, d = _unit_decomposition(unit, index, year, depth, unit_type, panel, codebook)
    _require_weights(d)       # no weights (PCI 2021-2023): no what-if on the overall score
    tg = _targets(targets, target)
    Mx, _ = d.benchmark("max")
    st = d.st.set_index("indicator")
    rows = []
    for ind, t in tg.items():
        if ind not in st.index:
            raise ParameterError("criterion", ind, list(st.index))
        cur = float(d.X.loc[code, ind])
        if isinstance(t, str):
            bname = _check_benchmark(t)
            B, bu = d.benchmark(bname)
            tv = float(B.loc[code, ind])
            label = bname
        else:
            tv, label, bu = float(t), "value", None
        hib = bool(st.loc[ind, "higher_is_better"])
        cap = float(Mx.loc[code, ind])
        tv = min(tv, cap) if hib else max(tv, cap)
        new = tv if allow_decrease or np.isnan(cur) else (max(cur, tv) if hib else min(cur, tv))
        w = float(st.loc[ind, "weight"])
        rows.append({"indicator": ind, "name_en": st.loc[ind, "name_en"],
                     "name_vi": st.loc[ind, "name_vi"], "target": label, "target_value": tv,
                     "target_unit": (bu[code] or None) if bu is not None else None,
                     "current": cur, "new_value": new, "weight": w,
                     "points_added": w * (new - cur)})
    ch = pd.DataFrame(rows)
    gain = float(ch["points_added"].sum())
    old = float(d.published.get(code, np.nan))
    if np.isnan(old):
        old = float(d.recomputed[code])
    old_rank, new_rank, rank_of, kind, note = _new_rank(d, code, old, gain)
    return WhatIfResult(code, index, year, d.overall, old, old + gain, gain, old_rank, new_rank,
                        rank_of, ch, rank_kind=kind, rank_note=note,
                        n_scored=int(d.score().notna().sum()),
                        total=_total_name(ctx, d))


def _total_name(ctx, d) -> str:
    from parlib.analysis.crossindex import total_label

    return total_label(ctx, d.index, d.overall, d.year)


def _new_rank(d, code, old, gain):
    """(old_rank, new_rank, rank_of, kind, note): the new rank is counted against EVERY unit
    with a score in that source and year, so only when the data hold a score for each unit
    the old rank was counted among; otherwise the new rank is None and ``note`` says why."""
    from parlib.panel import ranks

    scores = d.score().dropna()
    others = scores.drop(code, errors="ignore")
    hib = d.overall_hib
    r = d.yd.rank_obj(code, d.overall)
    n = len(scores)
    if not r.known:
        if d.overall in d.yd.facts:
            return None, None, None, None, (
                f"no rank: the source published {n} scores, not a ranking")
        if np.isnan(old):   # neither a published score nor every criterion: nothing to rank
            return None, None, None, None, "no rank: the data hold no overall score for it"
        r = ranks.Rank(ranks.place_among(old, others, hib), n, ranks.COMPUTED)
    if r.rank_of != n:
        return r.rank, None, r.rank_of, r.kind, (
            f"new rank not computed: the data hold scores for {n} of the {r.rank_of} units "
            f"ranked")
    new_rank = ranks.place_among(old + gain, others, hib) if gain else r.rank
    # a gain never costs places where a higher score is better (nor a loss where lower is)
    better = gain >= 0 if hib else gain <= 0
    new_rank = min(new_rank, r.rank) if better else max(new_rank, r.rank)
    return r.rank, new_rank, r.rank_of, r.kind, ""


def best_moves(unit, index: str, year: int, *, target="region-best", depth=1,
               unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Each criterion raised alone to ``target``: which single move gains the most.

    Columns: indicator, name_en, name_vi, current, target, target_value, gain, new_score,
    old_rank, new_rank, rank_of, sentence_en, sentence_vi. Sorted by gain (largest first).
    """
    ctx = context(panel, codebook)
    d = _decomp(ctx, index, ctx.check_year(index, year, unit_type), depth, unit_type)
    _require_weights(d)
    rows = []
    for ind in d.crit:
        r = whatif(unit, index, year, {ind: target}, depth=depth, unit_type=unit_type,
                   panel=panel, codebook=codebook)
        c = r.changes.iloc[0]
        rows.append({"indicator": ind, "name_en": c.name_en, "name_vi": c.name_vi,
                     "current": c.current, "target": c.target, "target_value": c.target_value,
                     "gain": r.gain, "new_score": r.new_score, "old_rank": r.old_rank,
                     "new_rank": r.new_rank, "rank_of": r.rank_of,
                     "sentence_en": r.sentence("en"), "sentence_vi": r.sentence("vi")})
    return pd.DataFrame(rows).sort_values(["gain", "indicator"], ascending=[False, True]) \
        .reset_index(drop=True)


def _join(names, lang):
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    conj = " và " if lang == "vi" else " and "
    return ", ".join(names[:-1]) + conj + names[-1]


def whatif_sentence(result: WhatIfResult, lang: str = "en") -> str:
    """One sentence for a brief, in English or Vietnamese, e.g.

    "Reaching the regional best in Entry costs would add 0.42 points and move Quảng Nam from
    rank 12 to 9 (of 63)."  /  "Nếu đạt mức tốt nhất trong vùng ở Chi phí gia nhập thị trường,
    Quảng Nam sẽ được thêm 0,42 điểm và tăng từ hạng 12 lên hạng 9 (trên 63)."
    """
    lang = "vi" if lang == "vi" else "en"
    ch = result.changes
    labels = set(ch["target"])
    names = ch["name_vi" if lang == "vi" else "name_en"]
    prov = unit_name(result.unit_code, "vi")
    pts = fmt(result.gain, 2, lang)
    if len(labels) == 1 and next(iter(labels)) in _LABEL[lang]:
        what = _LABEL[lang][next(iter(labels))]
    else:
        what = None
    a, b, n = result.old_rank, result.new_rank, result.rank_of
    star = (", tính toán" if lang == "vi" else ", computed") if result.rank_kind == "computed" \
        else ""
    if "unweighted" in (result.total or "").lower():   # say which total the ranks are on
        star += ", tổng không trọng số" if lang == "vi" else ", unweighted total"
    if lang == "vi":
        target = what or "mức mục tiêu"
        head = f"Nếu đạt {target} ở {_join(names, lang)}, {prov} sẽ được thêm {pts} điểm"
        if result.gain <= 0:
            return f"{prov} đã đạt hoặc vượt {target} ở {_join(names, lang)}."
        if b is None:
            if a is None and np.isnan(result.old_score):
                return f"{head} (không có thứ hạng: dữ liệu không có điểm tổng của {prov})."
            if a is None:
                return f"{head} (không có thứ hạng: nguồn không xếp hạng đủ các tỉnh)."
            return (f"{head}; hiện hạng {a} (trên {n}{star}); không tính được hạng mới vì dữ liệu "
                    f"chỉ có điểm của {result.n_scored} trong {n} tỉnh được xếp hạng.")
        if b < a:
            return f"{head} và tăng từ hạng {a} lên hạng {b} (trên {n}{star})."
        return f"{head} nhưng vẫn giữ hạng {a} (trên {n}{star})."
    target = what or "the target"
    head = f"Reaching {target} in {_join(names, lang)} would add {pts} points"
    if result.gain <= 0:
        return f"{prov} already meets {target} in {_join(names, lang)}."
    if b is None:
        if a is None and np.isnan(result.old_score):
            return f"{head} (no rank: the data hold no overall score for {prov})."
        if a is None:
            return f"{head} (no rank: the source does not rank every province)."
        return (f"{head}; {prov} is now rank {a} (of {n}{star}); the new rank cannot be "
                f"computed: the data hold scores for {result.n_scored} of the {n} provinces "
                f"ranked.")
    if b < a:
        return f"{head} and move {prov} from rank {a} to {b} (of {n}{star})."
    return f"{head} but leave {prov} at rank {a} (of {n}{star})."



