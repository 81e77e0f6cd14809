"""Matching table headers (Vietnamese or English, with or without maxima) onto column roles and
codebook indicators, with the synonyms table ``data/reference/import_header_synonyms.csv``.

A header is folded to ASCII words ("Cải cách thủ tục hành chính (13)" → {cai, cach, thu, tuc, hanh,
chinh}, maximum 13). A synonym matches when all its words are in the header; the longest matching
synonym wins, and two different meanings with the same best length are an ambiguity (an error,
never a guess). Area synonyms only count for indicators the codebook has in that year.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from parlib.registry.keys import fold

ROLES = ("stt", "unit", "total", "index", "rank", "area", "area_rank", "tier", "ci_low", "ci_high")
VALUE_ROLES = ("area", "total", "index", "rank", "area_rank", "ci_low", "ci_high")
_PAREN = re.compile(r"\(([^()]*)\)")
_MAX = re.compile(r"^\s*(?:max(?:imum)?\.?\s*|tối đa\s*|toi da\s*)?(\d+(?:[.,]\d+)?)\s*(?:điểm|diem|đ|d|points?|pts?)?\s*$",
                  re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class HeaderMatch:
    role: str                 # stt, unit, total, index, rank, area, area_rank
    indicator: str | None     # for area / area_rank
    max_value: float | None   # maximum stated in the header, e.g. "(16,5)"
    percent: bool             # header says (%)
    score: int                # words matched


def split_label(label) -> tuple[str, float | None, bool]:
    """("Cải cách thủ tục hành chính", 13.0, False) from "Cải cách thủ tục hành chính (13)"."""
    text = "" if label is None else str(label).replace("\n", " ").strip()
    mx, pct = None, False
    for inner in _PAREN.findall(text):
        s = inner.strip()
        if s == "%" or s.endswith("%"):
            pct = True
            continue
        m = _MAX.match(s)
        if m and mx is None:
            mx = float(m.group(1).replace(",", "."))
    if "%" in _PAREN.sub("", text):
        pct = True
    # trailing "/13" or "- 13 điểm" forms are not used by the Ministry; only parentheses. Other
    # parenthesised words stay: "(không có trọng số)" tells PAPI's unweighted total apart
    base = _PAREN.sub(lambda m: " " if (_MAX.match(m.group(1).strip()) or "%" in m.group(1)) else " " + m.group(1) + " ",
                      text).replace("%", " ")
    return " ".join(base.split()), mx, pct


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text).replace("-", " ")))


@lru_cache(maxsize=1)
def _synonyms():
    """(index, role, indicator, words) from the synonyms table and from the codebook's names: every
    area and sub-indicator matches its own Vietnamese and English name (the part before any
    parenthesis), in the years the codebook has it."""
    from parlib.codebook import load_codebook
    from parlib.paths import reference_dir

    with open(reference_dir() / "import_header_synonyms.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        out.append((r["index"], r["role"], r["indicator"] or None, words(r["synonym"]) or (r["synonym"],)))
    seen = set()
    cb = load_codebook()
    for r in cb[cb.level.isin(["area", "sub"])].itertuples():
        for name in (r.name_vi, r.name_en):
            ws = words(str(name).split(" (")[0])
            if ws and (r.index, r.indicator, ws) not in seen:
                seen.add((r.index, r.indicator, ws))
                out.append((r.index, "area", r.indicator, ws))
    return out


def known_names(index: str, year: int) -> list[str]:
    """The column names a table of ``index`` in ``year`` may use (codebook names), for error messages."""
    from parlib.codebook import for_year

    cb = for_year(index, year)
    return [f"{r.name_vi} / {r.name_en}" for r in cb.drop_duplicates("indicator").itertuples()]


def valid_indicators(index: str, year: int) -> set[str]:
    from parlib.codebook import for_year

    return set(for_year(index, year)["indicator"])


def match_label(label, index: str, year: int) -> HeaderMatch | None:
    """The role of one header cell, or None. Raises ValueError listing the candidates when two
    meanings match equally well."""
    base, mx, pct = split_label(label)
    if not base and label is not None and str(label).strip() in ("#",):
        base = "#"
    ws = set(words(base)) if base != "#" else {"#"}
    if not ws:
        return None
    valid = valid_indicators(index, year)
    best: dict[tuple[str, str | None], int] = {}
    for idx, role, ind, syn in _synonyms():
        if idx not in ("*", index):
            continue
        if ind is not None and ind not in valid:
            continue
        if set(syn) <= ws:
            key = (role, ind)
            best[key] = max(best.get(key, 0), len(syn))
    if not best:
        return None
    areas = {k: v for k, v in best.items() if k[0] == "area"}
    # "Xếp hạng cải cách TTHC": a rank column of one area
    if "rank" in {k[0] for k in best} and areas:
        top = max(areas.values())
        cands = sorted(k[1] for k, v in areas.items() if v == top)
        if len(cands) > 1:
            raise ValueError("matches several areas: " + ", ".join(cands))
        return HeaderMatch("area_rank", cands[0], None, pct, top)
    top = max(best.values())
    cands = sorted((k for k, v in best.items() if v == top), key=lambda k: (k[0], k[1] or ""))
    if len(cands) > 1 and "unit" in {r for r, _ in cands} and {r for r, _ in cands} & {"area", "index"}:
        cands = [k for k in cands if k[0] != "unit"]  # "... VBQPPL tại tỉnh": an area that names the province
    if len(cands) > 1 and {r for r, _ in cands} == {"index"} and len({i for _, i in cands if i}) == 1:
        cands = [k for k in cands if k[1]]  # "PCI Index": the generic index word and the PCI score agree
    if len(cands) > 1:
        raise ValueError("matches several meanings: " + ", ".join(
            f"{r}{'=' + i if i else ''}" for r, i in cands))
    role, ind = cands[0]
    return HeaderMatch(role, ind, mx, pct, top)


def area_any_year(label, index: str) -> str | None:
    """The area a header names in any year's codebook (to explain a column the year does not have)."""
    base, _, _ = split_label(label)
    ws = set(words(base))
    best, hit = 0, None
    for idx, role, ind, syn in _synonyms():
        if idx == index and role == "area" and set(syn) <= ws and len(syn) > best:
            best, hit = len(syn), ind
    return hit


def clear_cache():
    _synonyms.cache_clear()


def role_of(label, index: str) -> str | None:
    """The role a header has in any year (to tell an unknown header from a known one)."""
    base, _, _ = split_label(label)
    ws = set(words(base))
    best, hit = 0, None
    for idx, role, ind, syn in _synonyms():
        if idx in ("*", index) and set(syn) <= ws and len(syn) > best:
            best, hit = len(syn), role
    return hit
