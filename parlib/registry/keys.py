"""Normalisation of unit names into matching keys (no pandas: imported by everything)."""
from __future__ import annotations

import re
import unicodedata

_PREFIXES = ("thanhpho", "tinh", "tp")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII: diacritics removed, đ → d."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return text.lower()


def alias_key(text: str) -> str:
    """'Bà Rịa -Vũng Tàu' → 'bariavungtau'; 'Hoà'/'Hòa' → 'hoa'; 'Đăk Lăk' → 'daklak'."""
    return _NON_ALNUM.sub("", fold(text))


def strip_prefix(key: str) -> str:
    for p in _PREFIXES:
        if key.startswith(p) and len(key) > len(p) + 2:
            return key[len(p):]
    return key
