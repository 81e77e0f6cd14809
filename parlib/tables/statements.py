"""One-line statements about an indicator of a unit in a year, the way provincial newspapers print them.

>>> format_statement("administrative procedure reform", 12.98, 13, rank=5, rank_of=63, prev_rank=55)
'administrative procedure reform 12.98/13 (99.84%), rank 5/63, up 50 places from 55'
>>> format_statement("civil service reform", 13.6, 15, rank=1, rank_of=63, prev_rank=1)
'civil service reform 13.6/15 (90.66%), rank 1'
>>> format_statement("cải cách thủ tục hành chính", 12.98, 13, 5, 63, 55, lang="vi")
'cải cách thủ tục hành chính 12,98/13 (99,84%), xếp hạng 5/63, tăng 50 bậc so với hạng 55'

Rules: the share of the maximum is the Ministry's (truncated to two decimals, :func:`parlib.tables.pct.ministry_pct`);
the rank is followed by "/N" and the change only when the rank moved since the previous year (and the
indicator's methodology did not change in between); an unchanged or first-known rank is printed alone.
Values without a maximum are printed without the share. The analysis module (weak criteria) and the
briefs call :func:`area_statement` / :func:`area_statements` with the tidy panel.
"""
from __future__ import annotations

from parlib.errors import ParameterError
from parlib.tables.pct import fmt_number, fmt_pct, ministry_pct

LANGS = ("en", "vi")


def _isna(x) -> bool:
    return x is None or (isinstance(x, float) and x != x) or str(x) in ("<NA>", "nan", "NaN")


def format_statement(label: str, value, max_value=None, rank=None, rank_of=None, prev_rank=None,
                     lang: str = "en") -> str:
    if lang not in LANGS:
        raise ParameterError("lang", lang, LANGS)
    vi = lang == "vi"
    parts = [label]
    if not _isna(value):
        if not _isna(max_value) and float(max_value) > 0:
            pct = fmt_pct(ministry_pct(value, max_value), vi)
            parts.append(f" {fmt_number(value, vi)}/{fmt_number(max_value, vi)} ({pct}%)")
        else:
            parts.append(f" {fmt_number(value, vi)}")
    if not _isna(rank):
        rank = int(rank)
        word = "xếp hạng" if vi else "rank"
        sep = "," if not _isna(value) else ""
        if not _isna(prev_rank) and int(prev_rank) != rank:
            prev = int(prev_rank)
            of = f"/{int(rank_of)}" if not _isna(rank_of) else ""
            k = abs(prev - rank)
            if vi:
                move = f"{'tăng' if prev > rank else 'giảm'} {k} bậc so với hạng {prev}"
            else:
                move = f"{'up' if prev > rank else 'down'} {k} place{'s' if k != 1 else ''} from {prev}"
            parts.append(f"{sep} {word} {rank}{of}, {move}")
        else:
            parts.append(f"{sep} {word} {rank}")
    return "".join(parts)


def label(index: str, indicator: str, year: int, lang: str = "en") -> str:
    """The indicator's short name for running text: the codebook name before any parenthesis,
    first letter lower-cased unless it starts an acronym ("PAR INDEX")."""
    from parlib.codebook import lookup

    row = lookup(index, indicator, year)
    name = str(row["name_vi"] if lang == "vi" else row["name_en"])
    name = name.split(" (")[0].strip()
    if len(name) > 1 and not name[1].isupper():
        name = name[0].lower() + name[1:]
    return name


def _row(panel, unit_code, year, indicator):
    m = panel[(panel["unit_code"] == unit_code) & (panel["year"] == year) & (panel["indicator"] == indicator)]
    return None if m.empty else m.iloc[0]


def area_statement(panel, unit_code: str, year: int, indicator: str, lang: str = "en") -> str | None:
    """The statement for one indicator of one unit in one year, from the tidy panel (None if absent)."""
    from parlib.codebook import same_series

    if lang not in LANGS:
        raise ParameterError("lang", lang, LANGS)
    index = indicator.split(".")[0]
    r = _row(panel, unit_code, year, indicator)
    if r is None:
        return None
    prev = _row(panel, unit_code, year - 1, indicator)
    prev_rank = None
    if prev is not None and same_series(index, indicator, year - 1, year):
        prev_rank = prev["rank"]
    return format_statement(label(index, indicator, year, lang), r["value"], r.get("max_value"), r.get("rank"),
                            r.get("rank_of"), prev_rank, lang)


def area_statements(panel, unit_code: str, year: int, index: str = "PAR", lang: str = "en") -> dict[str, str]:
    """{indicator: statement} for every area of ``index`` the panel has for the unit and year,
    in codebook order."""
    from parlib.codebook import for_year

    cb = for_year(index, year)
    out = {}
    for ind in cb[cb.level == "area"].indicator:
        s = area_statement(panel, unit_code, year, ind, lang)
        if s is not None:
            out[ind] = s
    return out
