"""The brief's first-screen verdict: a few plain sentences, in Vietnamese or English, generated from
the computed brief (where the province stands on each index, the direction, the criteria that
matter most). Every number in it is one the brief shows below, with its year and denominator.
"""
from __future__ import annotations

from parlib.numbers import missing as _isna
from parlib.panel import ranks
from parlib.render.i18n import index_label, num, t




def rank_of_row(r) -> ranks.Rank:
    """The :class:`Rank` of a standing row (kind from ``rank_kind``); a published place without
    its denominator stays a place (``rank_of`` None: not ``known``, see ``without_denominator``)."""
    if _isna(r.rank):
        return ranks.Rank(None, None, None)
    kind = getattr(r, "rank_kind", None)
    if _isna(r.rank_of):
        return ranks.Rank(int(r.rank), None, kind if isinstance(kind, str) and kind else ranks.PUBLISHED)
    return ranks.Rank(int(r.rank), int(r.rank_of), kind)


def short_index(index: str) -> str:
    return "PAR INDEX" if index == "PAR" else index


def move_text(r, lang: str) -> str:
    """", up 3 since 2018" / score change / not comparable; "" without an earlier year."""
    if _isna(r.prev_year):
        return ""
    py = int(r.prev_year)
    status = getattr(r, "change_status", None)
    if status == "break" or (not (isinstance(status, str) and status) and not bool(r.comparable)):
        return t("v_break", lang).format(year=py)
    if not _isna(r.rank_change):
        rc = int(r.rank_change)
        if rc > 0:
            return t("v_up", lang).format(n=rc, year=py)
        if rc < 0:
            return t("v_down", lang).format(n=-rc, year=py)
        return t("v_same", lang).format(year=py)
    if not _isna(r.change) and status != "missing":
        d = float(r.change)
        key = "v_score_up" if d >= 0 else "v_score_down"
        return t(key, lang).format(d=num(abs(d), lang), year=py)
    return ""


def index_sentence(b, r) -> str | None:
    L = b.lang
    name = short_index(r.index)
    if r.status == "ok" and not _isna(r.score):
        rk = rank_of_row(r)
        if rk.known and rk.rank_of >= 10:
            third = t(f"third_{rk.third()}", L)
            return t("v_rank", L).format(index=name, year=int(r.year), rank=rk.rank, n=rk.rank_of,
                                         third=third, move=move_text(r, L))
        return t("v_norank", L).format(index=name, year=int(r.year), score=num(r.score, L),
                                       move=move_text(r, L))
    subs = b.subs.get(r.index)
    if subs is not None and len(subs) and subs["rank"].notna().any():
        ranked = subs[subs["rank"].notna()].sort_values("rank")
        best, worst = ranked.iloc[0], ranked.iloc[-1]
        return t("v_sub", L).format(
            index=name, year=b.years[r.index], best=best["name"],
            brank=f"#{int(best['rank'])}/{int(best['rank_of'])}", worst=worst["name"],
            wrank=f"#{int(worst['rank'])}/{int(worst['rank_of'])}")
    return None


def sentences(b) -> list[str]:
    """The verdict of brief ``b`` as a list of sentences."""
    from parlib.render.brief_data import LOOKBACK

    L = b.lang
    out = [s for s in (index_sentence(b, r) for r in b.standing.itertuples()) if s]
    if not out:
        return [t("v_none", L).format(n=LOOKBACK, year=b.year)]
    idx = b.primary_index
    if idx:
        w = b.weak[idx]
        names = [str(x) for x in w.head(2)["name"]]
        out.append(t("v_weak", L).format(index=short_index(idx), year=b.years.get(idx, b.year),
                                         names=", ".join(names)))
    strong = []
    for index, s in b.strengths.items():
        for r in s.head(2).itertuples():
            if not _isna(r.rank) and not _isna(r.rank_of):
                strong.append(f"{r.name} ({short_index(index)} #{int(r.rank)}/{int(r.rank_of)})")
    if strong:
        out.append(t("v_strong", L).format(names="; ".join(strong[:3])))
    return out


def papi_group(rank: ranks.Rank, lang: str) -> str | None:
    """PAPI's four quartile groups (best performers ... poor performers), from the rank."""
    q = rank.quarter() if rank.known else None
    return t(f"papi_q{q}", lang) if q else None


def index_title(index: str, lang: str) -> str:
    return index_label(index, lang)
