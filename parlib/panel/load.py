"""Loading the tidy panel: the official build (``data/processed/panel.parquet``) plus any tables
users imported with ``parlib import`` (``data/imported/*.csv``)."""
from __future__ import annotations

from pathlib import Path

from parlib.errors import ParameterError, ParlibError
from parlib.codebook import INDICES
_CACHE: dict = {}


def _official(path: Path):
    import pyarrow.parquet as pq

    key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    hit = _CACHE.get("official")
    if hit is None or hit[0] != key:
        _CACHE["official"] = (key, pq.ParquetFile(path).read().to_pandas())
    return _CACHE["official"][1]


def data_stamp() -> tuple:
    """Identity of the processed panel and the imports (path, mtime, size): caches keyed on it are
    rebuilt when either changes."""
    from parlib.paths import imported_dir, processed_dir

    parts = []
    p = processed_dir() / "panel.parquet"
    if p.exists():
        st = p.stat()
        parts.append((str(p), st.st_mtime_ns, st.st_size))
    d = imported_dir()
    if d.exists():
        for f in sorted(d.glob("*.csv")):
            st = f.stat()
            parts.append((f.name, st.st_mtime_ns, st.st_size))
    return tuple(parts)


def _wanted(f: Path, indices, years) -> bool:
    """Whether an imported file (``panel_<index>_<year>_<scope>.csv``) can hold rows of
    ``indices`` / ``years``: the file name says, so unrelated imports are never read."""
    parts = f.stem.split("_")
    if len(parts) < 4:
        return True
    if indices is not None and parts[1].upper() not in indices:
        return False
    return years is None or not parts[2].isdigit() or int(parts[2]) in years


def imported_tables(index=None, year=None):
    """The rows of every imported table (None if there are none), read once per set of files.
    ``index`` / ``year`` (a value or a list) skip the files of other indices and years unread."""
    import pandas as pd

    from parlib.io.atomic import settle
    from parlib.panel.build import normalise
    from parlib.paths import imported_dir

    settle(imported_dir())  # finish an import a killed run left half switched in
    def many(v):
        return v if isinstance(v, (list, tuple, set, frozenset)) else [v]

    try:
        indices = None if index is None else {str(i).upper() for i in many(index)}
        years = None if year is None else {int(y) for y in many(year)}
    except (TypeError, ValueError):  # an odd filter: read everything, load() validates it
        indices = years = None
    files = [f for f in sorted(imported_dir().glob("panel_*.csv")) if _wanted(f, indices, years)]
    if not files:
        return None
    key = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    cache = _CACHE.setdefault("imported", {})
    if key not in cache:
        frames = [pd.read_csv(f, dtype={"unit_code": str, "flag": str, "note": str, "parent": str},
                              keep_default_na=True) for f in files]
        if len(cache) >= 8:
            cache.clear()
        cache[key] = normalise(pd.concat(frames, ignore_index=True))
    return cache[key].copy()


def _many(value):
    """A scalar as a one-item list; lists, tuples, sets, arrays, Series and ranges as lists."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        return [value]
    return list(value)


def index_arg(index) -> list[str] | None:
    """Index names in any case ("pci", "Par Index") as the panel's codes; None stays None."""
    if index is None:
        return None
    out = []
    for i in _many(index):
        key = str(i).strip().upper().replace("_", " ") if isinstance(i, str) else None
        if key and key.endswith(" INDEX") and key[:-6] in INDICES:
            key = key[:-6]
        if key not in INDICES:
            raise ParameterError("index", i, INDICES)
        out.append(key)
    return out


def year_arg(year) -> list[int] | None:
    """Years as Python ints: accepts int, numpy integers, integral floats and digit strings."""
    import numbers

    if year is None:
        return None
    out = []
    for y in _many(year):
        if isinstance(y, str) and y.strip().isdigit():
            y = int(y.strip())
        elif isinstance(y, numbers.Real) and not isinstance(y, bool) and float(y).is_integer():
            y = int(y)
        else:
            raise ParameterError("year", y, hint="a year as an integer, e.g. 2019, or a list of years")
        out.append(y)
    return out


def unit_arg(unit) -> list[str] | None:
    """Unit codes from codes or names in any spelling the registry resolves (63 units first,
    then the 34 units from 2025)."""
    if unit is None:
        return None
    from parlib import provinces
    from parlib.errors import AmbiguousProvinceError, UnknownProvinceError

    out = []
    for u in _many(unit):
        if isinstance(u, int) and not isinstance(u, bool):
            u = f"{u:02d}"
        if not isinstance(u, str):
            raise ParameterError("unit", u, hint="a unit code or name, e.g. '49' or 'Quảng Nam'")
        code = u.strip()
        if not provinces.exists(code):
            try:
                code = provinces.resolve(code).code
            except UnknownProvinceError as exc:
                try:
                    code = provinces.resolve(code, scheme="34").code
                except UnknownProvinceError:
                    hint = "unknown unit" + (("; closest: " + ", ".join(exc.suggestions))
                                             if exc.suggestions else "")
                    raise ParameterError("unit", u, hint=hint) from None
            except AmbiguousProvinceError as exc:
                raise ParameterError("unit", u, hint=f"matches {', '.join(exc.candidates)}") from None
        out.append(code)
    return out


def load(index: str | list[str] | None = None, *, year=None, unit=None, imports: bool = True):
    """The tidy panel as a pandas DataFrame (a fresh copy each call).

    ``index``: "PCI", "PAPI", "PAR", "SIPAS" (any case) or a list; ``year``: an integer (Python
    or numpy, or a string of digits) or a list of them; ``unit``: a registry code ("49") or any
    name the registry resolves ("Quảng Nam", "Quang Nam", "TP.HCM"), or a list of them.
    ``imports=False`` leaves out tables added with ``parlib import``. A bad value raises
    :class:`parlib.errors.ParameterError` naming the argument.
    """
    from parlib.paths import processed_dir

    from parlib.io.atomic import settle

    settle(processed_dir())  # a build killed between two replacements: complete it first
    path = processed_dir() / "panel.parquet"
    if not path.exists():
        raise ParlibError(f"no processed panel at {path.name} in the processed folder; run `parlib build`")
    df = _official(path)
    if imports:
        imp = imported_tables(index, year)
        if imp is not None and len(imp):
            import pandas as pd

            from parlib.panel.build import normalise

            keys = ["index", "year", "unit_code", "indicator"]
            base = df.merge(imp[keys], on=keys, how="left", indicator=True)
            keep = (base["_merge"] == "left_only").to_numpy()
            # a value the build derived from a unit's official rows (PCI.unweighted) is stale once
            # an imported table replaces that unit's year: it is left out, not recomputed
            units = imp[keys[:3]].drop_duplicates()
            hit = df[keys[:3]].merge(units, on=keys[:3], how="left", indicator=True)["_merge"]
            derived = df["flag"].fillna("").astype(str).str.contains("derived").to_numpy()
            keep = keep & ~((hit == "both").to_numpy() & derived)
            df = normalise(pd.concat([df[keep], imp], ignore_index=True))
    wanted, ys, us = index_arg(index), year_arg(year), unit_arg(unit)
    mask = None
    if wanted is not None:
        mask = df["index"].isin(wanted)
    if ys is not None:
        m = df["year"].isin(ys)
        mask = m if mask is None else mask & m
    if us is not None:
        m = df["unit_code"].isin(us)
        mask = m if mask is None else mask & m
    out = df if mask is None else df[mask]
    return out.reset_index(drop=True).copy()
