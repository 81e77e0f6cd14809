"""Parameter validation for notebooks and the CLI: every notebook's first code cell calls one
of these, so a bad parameter fails at once with the allowed values listed, and a parameter
string is only ever compared with known values, never executed.

>>> from parlib.render import params
>>> params.check_lang("en")
'en'
>>> params.check_lang("fr")
Traceback (most recent call last):
parlib.errors.ParameterError: invalid lang: 'fr'; allowed: vi, en
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from parlib.errors import ParameterError, UnknownProvinceError

LANGS = ("vi", "en")
INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
BENCHMARKS = ("max", "best", "median", "region-best")
MERGER_YEAR = 2025   # briefs from this year are for the 34 units (1 July 2025)


def check_lang(lang) -> str:
    if isinstance(lang, str) and lang.strip().lower() in LANGS:
        return lang.strip().lower()
    raise ParameterError("lang", lang, LANGS)


def check_index(index) -> str:
    if isinstance(index, str) and index.strip().upper() in INDICES:
        return index.strip().upper()
    raise ParameterError("index", index, INDICES)


def check_benchmark(benchmark) -> str:
    try:
        from parlib.analysis import BENCHMARKS as allowed
    except Exception:
        allowed = BENCHMARKS
    if isinstance(benchmark, str) and benchmark.strip().lower() in allowed:
        return benchmark.strip().lower()
    raise ParameterError("benchmark", benchmark, allowed)


def check_province(province, year=None, years=None):
    """The registry unit of a province of the 63-unit scheme; UnknownProvinceError (with the
    closest names) for anything else. A historical unit (Hà Tây, until 2008) is accepted for the
    years it existed: pass ``year`` (or ``years``, every one of which must be such a year)."""
    from parlib import provinces

    if isinstance(province, int) and not isinstance(province, bool) and 0 < province < 100:
        province = f"{province:02d}"  # papermill's `-p province 01` arrives as the integer 1
    if not isinstance(province, str):
        raise UnknownProvinceError(repr(province), [])
    u = provinces.resolve(province, scheme="63")
    if u.unit_type != "province":
        raise UnknownProvinceError(province, provinces.suggest(province), scope="province name")
    if u.historical:
        # one given year: the unit must exist then; a list of years (a trend): in one of them
        ok = False
        if year is not None:
            y = _as_int_year(year)
            ok = y is not None and u.code in provinces.active_codes(y)
        elif years:
            ok = any(_as_int_year(y) is not None and u.code in provinces.active_codes(
                _as_int_year(y)) for y in years)
        if not ok:
            until = u.valid_to[:4]
            succ = provinces.get(u.successor_code).name_vi if u.successor_code else ""
            raise ParameterError("province", province, hint=(
                f"{u.name_vi} existed until {until}" + (f" (then part of {succ})" if succ else "")
                + f": give a year up to {until}, or {succ or 'its successor'} for later years"))
    return u


def check_unit(province, year: int):
    """The unit a brief of ``year`` is for: one of the 63 provinces before 2025, one of the 34
    units from 2025. From 2025 a former province's name or code resolves to the unit it merged
    into ("Quảng Nam" → Đà Nẵng), and a 2-digit code means the new unit ("48" → N48)."""
    from parlib import provinces

    if int(year) < MERGER_YEAR:
        return check_province(province, year=year)
    if isinstance(province, int) and not isinstance(province, bool) and 0 < province < 100:
        province = f"{province:02d}"
    if not isinstance(province, str):
        raise UnknownProvinceError(repr(province), [])
    key = province.strip()
    if len(key) == 2 and key.isdigit() and provinces.exists("N" + key):
        return provinces.get("N" + key)
    try:
        return provinces.resolve(key, scheme="34")
    except UnknownProvinceError:
        pass
    u = check_province(province)
    if u.successor_code and provinces.exists(u.successor_code):
        return provinces.get(u.successor_code)
    raise UnknownProvinceError(province, provinces.suggest(province, "34"),
                               scope="province name of 2025")


def brief_years() -> list[int]:
    """Years a brief can be made for: every year with data, and the years of the 34 units from
    2025 up to the year after the latest data (their brief shows the latest available data)."""
    ys = available_years()
    if not ys:
        return []
    extra = range(MERGER_YEAR, max(max(ys) + 1, MERGER_YEAR) + 1)
    return sorted(set(ys) | set(extra))


def check_brief_year(year) -> int:
    allowed = brief_years()
    y = _as_int_year(year)
    if y is None or y not in allowed:
        hint = None if allowed else "the processed panel holds no data; run `parlib build`"
        raise ParameterError("year", year, allowed, hint=hint)
    return y


def latest_brief_year() -> int:
    """The latest year with data (what `make briefs` renders by default)."""
    ys = available_years()
    if not ys:
        raise ParameterError("year", "latest", [], hint="no data; run `parlib build`")
    return max(ys)


def check_provinces(provs, years=None) -> list:
    if isinstance(provs, str):
        provs = [provs]
    if not provs:
        raise ParameterError("provinces", provs, hint="give at least one province")
    return [check_province(p, years=years) for p in provs]


def _as_int_year(year, name="year"):
    if isinstance(year, bool):
        raise ParameterError(name, year, hint="a year such as 2019")
    if isinstance(year, int):
        return year
    if isinstance(year, float) and year.is_integer():
        return int(year)
    if isinstance(year, str) and year.strip().isdigit() and len(year.strip()) == 4:
        return int(year.strip())
    return None


def available_years(index: str | None = None) -> list[int]:
    """Years with a figure (a value or a published rank) for at least one province in the panel
    (for ``index``, or any index); cached per build of the panel."""
    from parlib.panel import data_stamp

    if index is not None:
        index = check_index(index)
    return list(_years(index, data_stamp()))


@lru_cache(maxsize=16)
def _years(index, stamp) -> tuple:
    from parlib.paths import imported_dir, processed_dir

    if not any(imported_dir().glob("panel_*.csv")) if imported_dir().exists() else True:
        # fast path (no pandas): three columns of the official panel with pyarrow
        try:
            import pyarrow.compute as pc
            import pyarrow.parquet as pq

            t = pq.read_table(processed_dir() / "panel.parquet",
                              columns=["index", "year", "unit_type", "value", "rank"])
            mask = pc.and_(pc.equal(t["unit_type"], "province"),
                           pc.or_(pc.is_valid(t["value"]), pc.is_valid(t["rank"])))
            if index:
                mask = pc.and_(mask, pc.equal(t["index"], index))
            years = pc.unique(t.filter(mask)["year"]).to_pylist()
            return tuple(sorted(int(y) for y in years))
        except Exception:
            pass
    import parlib

    try:
        df = parlib.load(index) if index else parlib.load()
    except Exception:
        return ()
    df = df[(df["unit_type"] == "province") & (df["value"].notna() | df["rank"].notna())]
    return tuple(sorted(int(y) for y in df["year"].unique()))


def check_year(year, index: str | None = None) -> int:
    """An int year with data (for ``index`` if given); ParameterError listing the years with data."""
    allowed = available_years(index)
    y = _as_int_year(year)
    if y is None or y not in allowed:
        hint = None if allowed else "the processed panel holds no data; run `parlib build`"
        if index:
            hint = f"years with {index} data" if allowed else hint
        raise ParameterError("year", year, allowed, hint=hint)
    return y


def check_years(years, index: str | None = None) -> list[int]:
    """``None`` → every year with data; else a list of valid years (sorted)."""
    if years is None:
        ys = available_years(index)
        if not ys:
            raise ParameterError("years", years, [], hint="no data; run `parlib build`")
        return ys
    if isinstance(years, (int, str)):
        years = [years]
    return sorted({check_year(y, index) for y in years})


def check_region(region) -> str:
    """A region code ("RRD") from a code, a Vietnamese/English region name or a common short
    name ("Mekong", "Central Highlands"): see :func:`parlib.provinces.resolve_region`."""
    from parlib import provinces

    return provinces.resolve_region(region)


def check_targets(path) -> str | None:
    """A plans table for ``parlib brief --targets FILE``: None when not given, else the file's
    absolute path once it has been read and every row parsed (SourceFormatError naming the file,
    row and column otherwise), so a bad file fails before any kernel starts."""
    if path is None or (isinstance(path, str) and not path.strip()):
        return None
    from pathlib import Path

    from parlib.analysis.targets import check, read_plans

    check(read_plans(path))
    return str(Path(path).resolve())


@dataclass(frozen=True)
class BriefParams:
    code: str
    name_vi: str
    name_en: str
    region_code: str
    year: int
    lang: str
    scheme: str = "63"


def validate_brief(province, year, lang) -> BriefParams:
    """Parameters of the annual brief: a year with data (or from 2025), vi or en, and one of the
    63 provinces before 2025 or of the 34 units from 2025 (names resolve by year)."""
    lang = check_lang(lang)
    y = check_brief_year(year)
    u = check_unit(province, y)
    return BriefParams(u.code, u.name_vi, u.name_en, u.region_code, y, lang,
                       "34" if y >= MERGER_YEAR else "63")
