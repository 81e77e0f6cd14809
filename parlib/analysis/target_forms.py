"""The forms a provincial target takes, parsed from the words of a plans table.

A plan's ``target_score`` or ``target_rank`` cell is one of these forms (Vietnamese or English,
as provinces write them), each parsed into a :class:`Goal`:

==========================================  ========  ======  ===============================
cell                                        measure   kind    met when
==========================================  ========  ======  ===============================
``74.81``, ``65``, ``67,38``                score     level   score ≥ 74.81
``+3.37 điểm so với 2018``                  score     change  score − score(2018) ≥ 3.37
``+1-2 points per year``                    score     change  score − previous survey ≥ 1
``6``, ``top 15``, ``tốp 5``, ``nhóm 10``   rank      level   rank ≤ 15
``20-25``, ``nhóm 25-30``, ``nhóm 25 đến    rank      band    rank ≤ 25 (the band's weaker end;
20 tỉnh dẫn đầu``                                             "better than the band" is said)
``tăng từ 2 bậc``, ``cải thiện ít nhất 2-3  rank      change  places gained on the previous
bậc``, ``tăng 2-4 bậc so với năm 2019``                       (or named) year ≥ 2
``nhóm tốt``, ``group of good ...``         tier      tier    not checkable: VCCI's tiers
                                                              ("Tốt", "Khá"...) are not in the panel
==========================================  ========  ======  ===============================

A cell holding two goals separated by ";" ("nhóm 15 tỉnh dẫn đầu; nhóm “tốt”") gives both.
A range ("2-3 bậc", "1-2 points") is met at its lower end; the upper end is kept in ``high``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from parlib.registry.keys import fold

SCORE, RANK, TIER = "score", "rank", "tier"
LEVEL, BAND, CHANGE = "level", "band", "change"

_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGE = re.compile(_NUM + r"\s*(?:-|–|den|to)\s*" + _NUM)
_YEAR = re.compile(r"(?:so voi|compared (?:with|to)|than|vs\.?)\s*(?:nam\s*)?((?:19|20)\d\d)")
_TIER_WORDS = ("tot", "good", "kha", "rat tot", "very good")


class FormError(ValueError):
    """A cell in none of the known forms (the caller names the file, row and column)."""


@dataclass(frozen=True)
class Goal:
    measure: str            # SCORE, RANK or TIER
    kind: str               # LEVEL, BAND, CHANGE (or TIER)
    value: float | None     # the level, the band's better end, or the minimum change
    high: float | None = None   # the band's weaker end / the range's upper end
    base_year: int | None = None  # for a change "so với năm 2019"; None = the previous survey
    text: str = ""          # the cell as written

    def describe(self, lang: str = "en") -> str:
        """The goal in words: "score ≥ 74.81", "rank in 20-25", "+2 places or more"..."""
        vi = lang == "vi"
        v, h = _n(self.value, vi), _n(self.high, vi)
        since = ((f" so với {self.base_year}" if vi else f" on {self.base_year}")
                 if self.base_year else (" so với kỳ trước" if vi else " on the previous survey"))
        if self.measure == TIER:
            return (f"nhóm xếp loại: {self.text}" if vi else f"tier: {self.text}")
        if self.measure == SCORE:
            if self.kind == LEVEL:
                return f"điểm ≥ {v}" if vi else f"score ≥ {v}"
            rng = f" ({v}–{h})" if self.high is not None else ""
            return (f"tăng ≥ {v} điểm{rng}{since}" if vi else
                    f"score up ≥ {v} points{rng}{since}")
        if self.kind == LEVEL:
            return f"hạng ≤ {v}" if vi else f"rank ≤ {v}"
        if self.kind == BAND:
            return f"hạng trong nhóm {v}–{h}" if vi else f"rank within {v}–{h}"
        rng = f" ({v}–{h})" if self.high is not None else ""
        return (f"tăng ≥ {v} bậc{rng}{since}" if vi else f"up ≥ {v} places{rng}{since}")


def _n(x, vi=False):
    if x is None:
        return ""
    return f"{x:g}".replace(".", ",") if vi else f"{x:g}"


def _num(s: str) -> float:
    return float(s.replace(",", "."))


def _base_year(key: str):
    m = _YEAR.search(key)
    return int(m.group(1)) if m else None


def parse_score(cell) -> Goal | None:
    """The goal of a ``target_score`` cell (None when empty); FormError if in no known form."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return None
    if isinstance(cell, (int, float)):
        return Goal(SCORE, LEVEL, float(cell), text=str(cell))
    text = str(cell).strip()
    if not text:
        return None
    key = fold(text).strip()
    if re.fullmatch(_NUM, key):
        return Goal(SCORE, LEVEL, _num(key), text=text)
    m = re.fullmatch(r"(?:tu|from|at least|>=|≥)?\s*" + _NUM + r"\s*(?:diem|points?)?\s*(?:tro len|or more)?",
                     key)
    if m:
        return Goal(SCORE, LEVEL, _num(m.group(1)), text=text)
    if key.startswith("+") or key.startswith(("tang", "increase", "up")):
        body = re.sub(r"^(\+|tang|increase|up)\s*", "", key)
        r = _RANGE.match(body)
        if r:
            lo, hi = sorted((_num(r.group(1)), _num(r.group(2))))
            return Goal(SCORE, CHANGE, lo, hi, _base_year(key), text)
        m = re.match(_NUM, body)
        if m:
            return Goal(SCORE, CHANGE, _num(m.group(1)), None, _base_year(key), text)
    raise FormError(f"{text!r} is not a score target (a number such as 74.81, or a change such "
                    "as '+3.37 điểm so với 2018')")


def _rank_one(text: str) -> Goal:
    key = fold(text).strip().replace("“", '"').replace("”", '"')
    if re.fullmatch(r"\d+", key):
        return Goal(RANK, LEVEL, float(key), text=text)
    if re.search(r"\b(tang|cai thien|improve|up|gain|rise)\b", key) and \
            re.search(r"\b(bac|places?|positions?|ranks?)\b", key):
        r = _RANGE.search(key)
        if r:
            lo, hi = sorted((_num(r.group(1)), _num(r.group(2))))
            return Goal(RANK, CHANGE, lo, hi, _base_year(key), text)
        m = re.search(r"(\d+)\s*(?:bac|places?|positions?|ranks?)", key)
        if m:
            return Goal(RANK, CHANGE, float(m.group(1)), None, _base_year(key), text)
    m = re.search(r"\b(?:top|top|tops)\s*(\d+)\b", key)
    if m:
        return Goal(RANK, LEVEL, float(m.group(1)), text=text)
    r = _RANGE.search(key)
    if r and not re.search(r"(diem|points?)", key):
        lo, hi = sorted((_num(r.group(1)), _num(r.group(2))))
        return Goal(RANK, BAND, lo, hi, text=text)
    m = re.search(r"\b(?:nhom|group of|among the)\s*(\d+)\b", key)
    if m:
        return Goal(RANK, LEVEL, float(m.group(1)), text=text)
    if any(re.search(rf"\b{w}\b", key) for w in _TIER_WORDS):
        return Goal(TIER, TIER, None, text=text.strip())
    raise FormError(f"{text!r} is not a rank target (a number, 'top N', a band such as '20-25', "
                    "or a change such as 'tăng từ 2 bậc')")


def parse_rank(cell) -> list[Goal]:
    """The goals of a ``target_rank`` cell (empty list when empty); FormError if in no known form."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    if isinstance(cell, (int, float)):
        return [Goal(RANK, LEVEL, float(cell), text=str(cell))]
    text = str(cell).strip()
    if not text:
        return []
    return [_rank_one(part) for part in text.split(";") if part.strip()]


def match_indicators(cell, candidates) -> list[str]:
    """Codebook codes named by an ``indicator`` cell: "overall", a code ("PCI.transparency" or
    "transparency"), or names (English or Vietnamese, several separated by commas) matched on
    their words. ``candidates``: rows with indicator, name_en, name_vi (the index's codebook in
    the target year). FormError when a name matches no criterion or several equally well."""
    text = str(cell or "").strip()
    key = fold(text)
    if key in ("", "overall", "tong", "tong diem", "total", "chi so tong hop"):
        return ["overall"]
    codes = {str(r.indicator).lower(): str(r.indicator) for r in candidates.itertuples()}
    short = {c.split(".", 1)[-1].lower(): v for c, v in codes.items()}
    out = []
    for part in re.split(r",|;| và | and ", text):
        p = part.strip()
        if not p:
            continue
        pk = fold(p).strip()
        if pk in codes or pk in short:
            out.append(codes.get(pk) or short[pk])
            continue
        words = [w for w in re.split(r"[^a-z0-9]+", pk) if w and w not in ("va", "and", "of", "the")]
        best, score = [], 0.0
        for r in candidates.itertuples():
            name = set(re.split(r"[^a-z0-9]+", fold(f"{r.name_vi} {r.name_en}")))
            s = sum(w in name for w in words) / max(1, len(words))
            if s > score:
                best, score = [str(r.indicator)], s
            elif s == score and s > 0:
                best.append(str(r.indicator))
        if score < 0.5 or len(best) != 1:
            raise FormError(f"{p!r} names no single criterion"
                            + (f" (candidates: {', '.join(best)})" if best else ""))
        out.append(best[0])
    return list(dict.fromkeys(out))
