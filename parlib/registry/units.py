"""The unit registry: provinces (63 until 30 Jun 2025, Hà Tây until 2008, 34 from 1 Jul 2025),
the nation, the 6 socio-economic regions, and units users import (districts, departments, ...).

>>> from parlib import provinces
>>> provinces.resolve("TT-Huế").code
'46'
>>> provinces.resolve("TP.HCM").name_vi
'Thành phố Hồ Chí Minh'

``resolve`` accepts any spelling met in the sources (with or without diacritics, abbreviations,
"Tỉnh"/"Thành phố"/"TP." prefixes). An unknown name raises :class:`UnknownProvinceError` with the
closest names; a name that matches two units raises :class:`AmbiguousProvinceError`: never a guess.
"""
from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from functools import lru_cache

from parlib.errors import AmbiguousProvinceError, ParameterError, UnknownProvinceError
from parlib.paths import imported_dir, reference_dir
from parlib.registry.keys import alias_key, fold, strip_prefix

SCHEMES = ("63", "34")


@dataclass(frozen=True)
class Unit:
    code: str
    name_vi: str
    name_en: str
    name_ascii: str
    unit_type: str
    kind: str
    scheme: str
    region_code: str
    region_vi: str
    region_en: str
    valid_from: str
    valid_to: str
    successor_code: str
    historical: bool
    population_2024: float | None = None
    parent_code: str = ""

    @property
    def region(self) -> str:
        """The region's English name ("Red River Delta"); empty for units without one."""
        return self.region_en

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


def _read_csv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _tables():
    ref = reference_dir()
    units = _read_csv(ref / "units.csv")
    regions = {u["region_code"]: u for u in units if u["unit_type"] == "region"}
    by_code: dict[str, Unit] = {}
    for u in units:
        r = regions.get(u["region_code"], {})
        pop = u.get("population_2024") or ""
        by_code[u["unit_code"]] = Unit(
            code=u["unit_code"], name_vi=u["name_vi"], name_en=u["name_en"],
            name_ascii=u["name_ascii"], unit_type=u["unit_type"], kind=u["kind"],
            scheme=u["scheme"], region_code=u["region_code"],
            region_vi=r.get("name_vi", ""), region_en=r.get("name_en", ""),
            valid_from=u["valid_from"], valid_to=u["valid_to"],
            successor_code=u["successor_code"], historical=u["historical"] == "True",
            population_2024=float(pop) if pop else None)
    keys: dict[str, dict[str, set[str]]] = {s: {} for s in SCHEMES}
    for a in _read_csv(ref / "province_aliases.csv"):
        keys[a["scheme"]].setdefault(a["alias_key"], set()).add(a["unit_code"])
    for a in _read_csv(ref / "province_aliases_extra.csv"):
        scheme = "34" if a["unit_code"].startswith("N") else "63"
        keys[scheme].setdefault(alias_key(a["alias"]), set()).add(a["unit_code"])
    for s in SCHEMES:  # names themselves, and names without their prefix
        for u in by_code.values():
            if u.scheme == s:
                for n in (u.name_vi, u.name_en, u.name_ascii):
                    keys[s].setdefault(alias_key(n), set()).add(u.code)
    return by_code, keys


def _imported_units() -> dict[str, Unit]:
    """Units registered by ``parlib import`` (districts, departments, ministries ...)."""
    path = imported_dir() / "units.csv"
    if not path.exists():
        return {}
    out = {}
    for u in _read_csv(path):
        out[u["unit_code"]] = Unit(
            code=u["unit_code"], name_vi=u["name_vi"], name_en=u.get("name_en") or u["name_vi"],
            name_ascii=fold(u["name_vi"]).title(), unit_type=u["unit_type"], kind=u["unit_type"],
            scheme=u.get("scope", "imported"), region_code="", region_vi="", region_en="",
            valid_from="", valid_to="", successor_code="", historical=False,
            parent_code=u.get("parent_code", ""))
    return out


def clear_cache():
    _tables.cache_clear()
    _resolve_cached.cache_clear()


def scheme_for_year(year) -> str:
    """The province scheme of an assessment year: "63" until 2024, "34" from 2025 (1 July 2025 merger)."""
    return "34" if int(year) >= 2025 else "63"


def resolve(name: str, scheme: str = "63", *, year: int | None = None) -> Unit:
    """The unit a province name means. ``scheme`` is "63" (units before 1 July 2025, including
    Hà Tây) or "34" (the units from 1 July 2025); ``year`` picks the scheme of that assessment year
    (``resolve("Đà Nẵng", year=2025).code == "N48"``)."""
    if year is not None:
        scheme = scheme_for_year(year)
    if isinstance(name, str):
        return _resolve_cached(name, scheme)
    return _resolve(name, scheme)


@lru_cache(maxsize=4096)
def _resolve_cached(name: str, scheme: str) -> Unit:
    return _resolve(name, scheme)


def _resolve(name, scheme: str) -> Unit:
    if scheme not in SCHEMES:
        raise ParameterError("scheme", scheme, SCHEMES)
    if not isinstance(name, str) or not name.strip():
        raise UnknownProvinceError(str(name), [])
    by_code, keys = _tables()
    table = keys[scheme]
    raw = name.strip()
    if raw in by_code and by_code[raw].scheme == scheme:
        return by_code[raw]
    key = alias_key(raw)
    hits = table.get(key) or table.get(strip_prefix(key))
    if hits:
        if len(hits) > 1:
            raise AmbiguousProvinceError(name, sorted(by_code[c].name_vi for c in hits))
        return by_code[next(iter(hits))]
    raise UnknownProvinceError(name, suggest(name, scheme))


def suggest(name: str, scheme: str = "63", n: int = 3) -> list[str]:
    by_code, keys = _tables()
    table = keys[scheme]
    key = strip_prefix(alias_key(name))
    out = []
    for k in difflib.get_close_matches(key, list(table), n=10, cutoff=0.5):
        for c in sorted(table[k]):
            nm = by_code[c].name_vi
            if nm not in out:
                out.append(nm)
    return out[:n]


def get(code: str) -> Unit:
    by_code, _ = _tables()
    if code in by_code:
        return by_code[code]
    imported = _imported_units()
    if code in imported:
        return imported[code]
    raise UnknownProvinceError(code, [], scope="unit code")


def exists(code: str) -> bool:
    try:
        get(code)
        return True
    except UnknownProvinceError:
        return False


def units(scheme: str | None = "63", include_historical: bool = False):
    """The registry as a DataFrame (one row per unit)."""
    import pandas as pd

    by_code, _ = _tables()
    rows = [u for u in by_code.values()
            if (scheme is None or u.scheme == scheme) and (include_historical or not u.historical)]
    if scheme is None:
        rows += list(_imported_units().values())
    df = pd.DataFrame([u.__dict__ for u in rows])
    return df.rename(columns={"code": "unit_code"}).reset_index(drop=True)


def codes(scheme: str = "63", include_historical: bool = False) -> list[str]:
    by_code, _ = _tables()
    return [u.code for u in by_code.values()
            if u.scheme == scheme and (include_historical or not u.historical)]


def regions():
    """The 6 socio-economic regions: region_code, name_vi, name_en (GSO order)."""
    import pandas as pd

    by_code, _ = _tables()
    return pd.DataFrame([{"region_code": u.region_code, "unit_code": u.code, "name_vi": u.name_vi,
                          "name_en": u.name_en} for u in by_code.values() if u.unit_type == "region"])


def active_codes(year: int, scheme: str = "63") -> list[str]:
    """Province codes of ``scheme`` that existed in ``year`` (Hà Tây until 2008)."""
    by_code, _ = _tables()
    y = int(year)
    out = []
    for u in by_code.values():
        if u.scheme != scheme or u.unit_type not in ("province", "province_2025"):
            continue
        if u.valid_from and int(u.valid_from[:4]) > y:
            continue
        if u.valid_to and int(u.valid_to[:4]) < y:
            continue
        out.append(u.code)
    return out


def region_members(region_code: str, year: int) -> list[str]:
    """The 63-scheme provinces of a region that existed in ``year``."""
    by_code, _ = _tables()
    return [c for c in active_codes(year) if by_code[c].region_code == region_code]


# common short names of the regions, besides codes and official vi/en names (folded keys)
_REGION_SHORT = {
    "NMM": ("northern mountains", "northern midlands", "northern uplands", "north west",
            "northwest", "north east", "northeast", "mien nui phia bac", "tay bac", "dong bac",
            "trung du mien nui phia bac", "midlands and mountains"),
    "RRD": ("red river", "red river delta", "song hong", "dong bang song hong", "dbsh"),
    "NCC": ("north central", "central coast", "north central coast", "south central coast",
            "bac trung bo", "duyen hai mien trung", "mien trung", "central"),
    "CH": ("central highlands", "highlands", "tay nguyen"),
    "SE": ("south east", "southeast", "dong nam bo"),
    "MRD": ("mekong", "mekong delta", "mekong river delta", "cuu long", "song cuu long",
            "dong bang song cuu long", "dbscl", "mien tay"),
}


def resolve_region(name) -> str:
    """A region code ("MRD") from a code ("MRD", "R-MRD"), the Vietnamese or English name, or a
    common short name ("Mekong", "Central Highlands", "Tây Nguyên"); ParameterError listing
    the accepted names otherwise."""
    regs = regions()
    if isinstance(name, str) and name.strip():
        key = alias_key(name)
        for r in regs.itertuples():
            names = {r.region_code, r.unit_code, r.name_vi, r.name_en} | set(
                _REGION_SHORT.get(r.region_code, ()))
            if key in {alias_key(n) for n in names}:
                return r.region_code
    allowed = [f"{r.region_code} ({r.name_en} / {r.name_vi})" for r in regs.itertuples()]
    raise ParameterError("region", name, allowed)


@lru_cache(maxsize=1)
def merger_table():
    """Old (63) code → new (34) unit code ("N.."), with 2024 population for weighting."""
    import pandas as pd

    return pd.read_csv(reference_dir() / "merger_2025.csv", dtype={"old_code": str, "new_code": str})


_SUMMARY = {
    "min": "min", "minimum": "min", "thapnhat": "min", "lowest": "lowest", "nhonhat": "min",
    "max": "max", "maximum": "max", "caonhat": "max", "highest": "highest", "lonnhat": "max",
    "median": "median", "trungvi": "median",
    "mean": "mean", "average": "mean", "trungbinh": "mean", "trungbinhcanuoc": "mean",
    "canuoc": "mean", "toanquoc": "mean", "nationalaverage": "mean", "nationalmean": "mean",
    "total": "total", "tong": "total", "tongcong": "total",
}


def summary_label(text) -> str | None:
    """The kind of a summary row label ("Median", "Thấp nhất", "Highest" ...), else None."""
    if text is None:
        return None
    key = alias_key(str(text))
    return _SUMMARY.get(key)
