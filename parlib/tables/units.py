"""The units of an imported table: provinces through the registry (the 63 before 2025, the 34 from
2025), other units (ministries, districts, departments, communes) registered in their own scope
under their parent (``49.tam-ky``), never forced onto a province."""
from __future__ import annotations

import csv
import io
import re

from parlib.errors import AmbiguousProvinceError, ParameterError, SourceFormatError, UnknownProvinceError
from parlib.registry.keys import alias_key, fold

UNIT_TYPES = ("province", "ministry", "district", "department", "commune")
_SLUG_PREFIXES = ("thanh pho ", "tp. ", "tp ", "thi xa ", "tx. ", "tx ", "huyen ", "quan ",
                  "thi tran ", "phuong ", "xa ")
FIRST_34_YEAR = 2025


def province_count(year: int) -> int:
    """63 provinces until 2024, 34 from 2025 (the merger of 1 July 2025)."""
    return 34 if int(year) >= FIRST_34_YEAR else 63


def slug(name: str, unit_type: str) -> str:
    s = " ".join(fold(name).replace(".", ". ").split())
    if unit_type in ("district", "commune"):
        for p in _SLUG_PREFIXES:
            if s.startswith(p) and len(s) > len(p) + 1:
                s = s[len(p):]
                break
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    if not s:
        raise ValueError("empty name")
    return s


def read_imported_units():
    from parlib.paths import imported_dir

    path = imported_dir() / "units.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


UNIT_COLUMNS = ["unit_code", "unit_type", "name_vi", "name_en", "scope", "parent_code"]


def resolve_parent(name: str | None, unit_type: str):
    """(parent code, parent name) for the scope of non-province units."""
    from parlib import provinces

    if unit_type == "province":
        if name:
            raise ParameterError("--parent-unit", name, hint="provinces have no parent unit; leave it out")
        return None, None
    if unit_type == "ministry":
        if name:
            raise ParameterError("--parent-unit", name, hint="ministries are national units; leave it out")
        return "VN", "Việt Nam"
    if not name:
        raise ParameterError("--parent-unit", name, hint=f"a {unit_type} table needs the province (or district) "
                             "it belongs to, e.g. --parent-unit 'Quảng Nam'")
    if provinces.exists(name) and not provinces.get(name).unit_type.startswith("province"):
        u = provinces.get(name)
        return u.code, u.name_vi
    for u in read_imported_units():
        if u["unit_code"] == name or alias_key(u["name_vi"]) == alias_key(name):
            return u["unit_code"], u["name_vi"]
    u = provinces.resolve(name)
    return u.code, u.name_vi


def scope_name(unit_type: str, parent_code: str | None) -> str:
    if unit_type in ("province", "ministry"):
        return unit_type
    return f"{unit_type}-{parent_code}"


def unit_of(name, unit_type, parent_code, known, fname, sheet, row, col, year: int = 2000):
    """(code, registry name, new unit record or None) for a unit name in a table of ``year``."""
    from parlib import provinces

    if unit_type == "province":
        try:
            u = provinces.resolve(name, year=year)
        except (UnknownProvinceError, AmbiguousProvinceError) as exc:
            raise SourceFormatError(fname, sheet=sheet, row=row, column=col, message=str(exc),
                                    expected="a province name") from None
        if u.unit_type not in ("province", "province_2025"):
            raise SourceFormatError(fname, sheet=sheet, row=row, column=col, message=f"{name!r} is not a province",
                                    expected="a province name")
        return u.code, u.name_vi, None
    try:
        s = slug(name, unit_type)
    except ValueError:
        raise SourceFormatError(fname, sheet=sheet, row=row, column=col, expected="a unit name", found=name) from None
    code = f"MIN.{s}" if unit_type == "ministry" else f"{parent_code}.{s}"
    scope = scope_name(unit_type, parent_code)
    if code in known:
        k = known[code]
        if k["unit_type"] != unit_type:
            raise SourceFormatError(fname, sheet=sheet, row=row, column=col,
                                    message=f"{name!r} is already registered as a {k['unit_type']} ({code})",
                                    expected=f"a {unit_type}")
        return code, k["name_vi"], None
    return code, name.strip(), {"unit_code": code, "unit_type": unit_type, "name_vi": " ".join(name.split()),
                                "name_en": fold(" ".join(name.split())).title(), "scope": scope,
                                "parent_code": parent_code or ""}


def units_csv_bytes(units: list[dict]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, UNIT_COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(units)
    return buf.getvalue().encode("utf-8")
