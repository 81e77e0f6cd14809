"""Loading the tidy panel: the official build (``data/processed/panel.parquet``) plus any tables
users imported with ``parlib import`` (``data/imported/*.csv``)."""
from __future__ import annotations

from pathlib import Path

from parlib.errors import ParameterError, ParlibError

INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
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


def load(index: str | list[str] | None = None, *, year=None, unit=None, imports: bool = True):
    """The tidy panel as a pandas DataFrame (a fresh copy each call).

    ``index``: "PCI", "PAPI", "PAR", "SIPAS" or a list; ``year``: int or list; ``unit``: a unit
    code or a list of codes. ``imports=False`` leaves out tables added with ``parlib import``.
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
            df = normalise(pd.concat([df[(base["_merge"] == "left_only").to_numpy()], imp],
                                     ignore_index=True))
    mask = None
    if index is not None:
        wanted = [index] if isinstance(index, str) else list(index)
        bad = [i for i in wanted if i not in INDICES]
        if bad:
            raise ParameterError("index", bad[0], INDICES)
        mask = df["index"].isin(wanted)
    if year is not None:
        ys = [year] if isinstance(year, int) else list(year)
        m = df["year"].isin(ys)
        mask = m if mask is None else mask & m
    if unit is not None:
        us = [unit] if isinstance(unit, str) else list(unit)
        m = df["unit_code"].isin(us)
        mask = m if mask is None else mask & m
    out = df if mask is None else df[mask]
    return out.reset_index(drop=True).copy()
