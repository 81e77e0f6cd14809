"""Which PCI indicator a column header means, in every wording the VCCI workbooks use.

Header texts change almost every year and come in Vietnamese (with or without diacritics) and
English. A header is folded (lower case, no diacritics, single spaces) and matched against
``RULES`` in order; the first rule whose pattern is found wins. Rules that map to ``None`` are
columns a reader knows and skips (region, tier, the PCI code). A header that matches no rule is
a format error: the workbook is not the one the catalog describes.
"""
from __future__ import annotations

import re

from parlib.registry.keys import fold

# Special targets (not codebook indicators).
RANK = "_rank"
PROVINCE = "_province"
POSITION = "_position"

# (regex on the folded header, target). Order matters: the unweighted total before the weighted
# PCI ("chua co trong so" contains "co trong so"), rank-group before rank, rank before the
# composite ("PCI 2013 ranking", "Thu hang PCI 2009").
RULES: list[tuple[str, str | None]] = [
    (r"chua co trong so|unweighted", "PCI.unweighted"),
    (r"nhom xep hang|tier|^excellent$|^vung$|^region$|^ma pci$", None),
    (r"xep hang|thu hang|ranking|^rank$", RANK),
    (r"^thu tu$|^no\.?$|^stt$", POSITION),
    (r"^tinh(, | / |/| )?(thanh pho)?$|^province$", PROVINCE),
    (r"co trong so|weighted pci|pci cuoi cung|^(chi so )?pci( \d{4})?$", "PCI.overall"),
    (r"muc do phat trien", "PCI.cond_human_resources"),
    (r"chat luong co so ha tang", "PCI.cond_infrastructure"),
    (r"khoang cach toi thi truong", "PCI.cond_market_distance"),
    (r"gia nhap thi truong|entry cost|entry soft", "PCI.entry_costs"),
    (r"tiep can dat dai|land access|land use", "PCI.land_access"),
    (r"minh bach|transparency", "PCI.transparency"),
    (r"chi phi (ve )?thoi gian|time cost|regulatory compliance", "PCI.time_costs"),
    (r"khong chinh thuc|informal charge", "PCI.informal_charges"),
    (r"thuc hien (cs|chinh sach) cua trung uong", "PCI.central_policy"),
    (r"uu dai|canh tranh binh dang|bias", "PCI.policy_bias"),
    (r"nang dong|proactivity", "PCI.proactivity"),
    (r"phat trien (khu vuc )?(kinh te tu nhan|kttn)|private sector development", "PCI.private_sector"),
    (r"ho tro (doanh nghiep|dn)|business support", "PCI.business_support"),
    (r"dao tao lao dong|labou?r", "PCI.labour_training"),
    (r"thiet che phap ly|law (&|and) order|legal", "PCI.legal_institutions"),
]
_COMPILED = [(re.compile(p), t) for p, t in RULES]
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def normalise(text) -> str:
    if text is None:
        return ""
    s = fold(str(text)).replace("\n", " ")
    s = re.sub(r"^(chi so (thanh phan )?\d+|sub-index \d+|cstp \d+)\s*:?\s*", "", s.strip())
    s = re.sub(r"\(.*?\)", " ", s)           # "(diem toi da=100)", "(w/new and old indicators)"
    s = re.sub(r"\s+", " ", s).strip(" :.")
    return s


def classify(text) -> str | None | bool:
    """The target of a header text; ``False`` when nothing matches (an unknown column)."""
    s = normalise(text)
    if not s:
        return None
    for rx, target in _COMPILED:
        if rx.search(s):
            return target
    return False


def years_in(text) -> set[int]:
    """Four-digit years written in a header ("PCI 2013 ranking" -> {2013})."""
    return {int(m.group(0)) for m in _YEAR.finditer(str(text or ""))}


def classify_column(texts) -> str | None | bool:
    """The target of one column from its header cells (one per header row).

    Each cell is classified on its own; the column's target is the one target they agree on.
    Cells that match nothing are tolerated when another header row names the column (VCCI 2008
    writes "Nhóm chỉ tiêu thành phần 2.1+2.2" under "Chỉ số 2: Tiếp cận đất đai"). Returns
    ``False`` when no cell names a target but some cell is unknown, and raises ``ValueError``
    when two header rows name different targets.
    """
    found, unknown = [], False
    for t in texts:
        c = classify(t)
        if c is False:
            unknown = True
        elif c is not None and c not in found:
            found.append(c)
    if len(found) > 1:
        raise ValueError(f"header rows disagree: {found}")
    if found:
        return found[0]
    return False if unknown else None
