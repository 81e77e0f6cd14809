"""``parlib export-panel``: the panel for Stata, R, spreadsheets and Arrow tools.

Formats: ``dta`` (Stata 14+, UTF-8, with variable labels and a data label naming the data
version), ``parquet``, ``csv`` (UTF-8), ``xlsx``. Long (the tidy panel) or ``wide`` (one row per
unit and year, one column per indicator, see :func:`parlib.panel.wide.wide`; one file per index,
or one sheet per index in xlsx; provinces only). Beside every export: ``<name>_codebook.csv`` (the codebook
rows of the exported indices) and ``<name>_variables.csv`` (each column: its name in the file,
the original name, its label). Stata names are at most 32 characters of ``[a-z0-9_]``:
``PCI.entry_costs`` becomes ``pci_entry_costs``; clashes get a numeric suffix; the variables
file gives the mapping.

Text cells that start with ``= + - @`` (or a tab / carriage return) and are not numbers never
become formulas: in CSV they get a leading apostrophe, in xlsx they are string cells
(:mod:`parlib.io.safe_cells`).
All files of one export are staged and appear together: a failed export leaves nothing
half-written.
"""
from __future__ import annotations

import re
from pathlib import Path

from parlib.errors import ParameterError, ParlibError

FORMATS = ("dta", "parquet", "csv", "xlsx")
STATA_NAME_MAX = 32
STATA_LABEL_MAX = 80
LONG_LABELS = {
    "index": "Index: PCI, PAPI, PAR (PAR INDEX) or SIPAS",
    "year": "Survey/assessment year",
    "unit_code": "Unit code (GSO province code; N.. = 34 units from 2025)",
    "unit_name": "Unit name (Vietnamese, registry)",
    "unit_type": "Unit type (province, province_2025, nation, region ...)",
    "indicator": "Indicator code (see the codebook)",
    "level": "Indicator level: overall, area or sub",
    "parent": "Indicator this one aggregates into",
    "value": "Score (missing = no data)",
    "max_value": "Scale maximum for that year",
    "rank": "Rank (published, or computed if flag says rank_computed)",
    "rank_of": "Number of units ranked",
    "ci_low": "Lower bound of the 95% confidence interval",
    "ci_high": "Upper bound of the 95% confidence interval",
    "flag": "Status flags (derived, no_data, rank_computed ...; ';'-joined)",
    "source": "Raw file and sheet the value comes from",
    "note": "Note",
    "unit_name_en": "Unit name (English)",
    "region_code": "Socio-economic region code",
    "region": "Socio-economic region",
    "successor_code": "Unit from 1 July 2025 (merger of the 63 provinces)",
    "successor_name": "Name of the unit from 1 July 2025",
}


def _neutralise(df):
    """A copy of ``df`` whose formula-like text cells start with an apostrophe (CSV), by the rule
    of :mod:`parlib.io.safe_cells`."""
    import pandas as pd

    from parlib.io.safe_cells import csv_cell

    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or pd.api.types.is_string_dtype(out[c].dtype):
            out[c] = out[c].map(csv_cell)
    return out


def stata_names(columns) -> dict[str, str]:
    """Column -> a valid, unique Stata name (lower case, ``[a-z0-9_]``, at most 32 chars)."""
    out, used = {}, set()
    for col in columns:
        base = re.sub(r"[^a-z0-9_]", "_", str(col).lower()).strip("_") or "v"
        if base[0].isdigit():
            base = "v" + base
        base = base[:STATA_NAME_MAX]
        name, k = base, 1
        while name in used:
            k += 1
            name = f"{base[:STATA_NAME_MAX - len(str(k)) - 1]}_{k}"
        used.add(name)
        out[col] = name
    return out


def _label(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text.encode("utf-8")) <= STATA_LABEL_MAX else _cut(text)


def _cut(text: str) -> str:
    while len((text + "…").encode("utf-8")) > STATA_LABEL_MAX:
        text = text[:-1]
    return text + "…"


def tables(index=None, *, wide: bool = False, years=None, lang: str = "en", level="area",
           panel=None) -> dict[str, tuple]:
    """Table name -> (DataFrame, labels by column) for an export."""
    from parlib.panel.load import INDICES, index_arg, load, year_arg

    indices = index_arg(index) or list(INDICES)
    ys = year_arg(years)
    if panel is None:
        panel = load(indices, year=ys)
    else:
        panel = panel[panel["index"].isin(indices)]
        panel = panel if ys is None else panel[panel["year"].isin(ys)]
    if not wide:
        return {"panel": (panel.reset_index(drop=True), dict(LONG_LABELS))}
    from parlib.panel.wide import wide as make_wide

    out = {}
    for idx in indices:
        if not ((panel["index"] == idx) & (panel["unit_type"] == "province")).any():
            continue
        w = make_wide(idx, level=level, lang=lang, panel=panel)
        labs = {c: LONG_LABELS.get(c, c) for c in w.columns if c in LONG_LABELS}
        labs.update({c: f"{c}: {w.attrs['labels'][c]}" for c in w.attrs["labels"]})
        out[idx] = (w, labs)
    if not out:
        raise ParameterError("index", index, hint="no data for that selection")
    return out


def export_panel(out, fmt: str | None = None, *, index=None, wide: bool = False, years=None,
                 lang: str = "en", level="area", panel=None) -> list[Path]:
    """Write the panel to ``out`` in ``fmt`` (default: from the suffix); returns the paths written
    (data files, then the codebook and variables files). All files appear at once or none."""
    from parlib.io.atomic import staged_dir

    out = Path(out)
    fmt = (fmt or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ParameterError("format", fmt, FORMATS)
    if out.suffix.lower() != "." + fmt:
        out = out.with_name(out.name + "." + fmt)
    if not out.parent.is_dir():
        raise ParameterError("OUT", str(out), hint=f"folder {out.parent} does not exist")
    tabs = tables(index, wide=wide, years=years, lang=lang, level=level, panel=panel)
    if fmt == "xlsx" or len(tabs) == 1:
        names = [out.name]
    else:
        names = [f"{out.stem}_{name}{out.suffix}" for name in tabs]
    names += [f"{out.stem}_codebook.csv", f"{out.stem}_variables.csv"]
    with staged_dir(out.parent) as stage:
        if fmt == "xlsx":
            _write_xlsx(stage / names[0], tabs)
        else:
            for fname, (df, labs) in zip(names, tabs.values()):
                _write_one(stage / fname, fmt, df, labs)
        _write_sidecars(stage / names[-2], stage / names[-1], fmt, tabs)
    return [out.parent / n for n in names]


def _write_one(path: Path, fmt: str, df, labs):
    if fmt == "parquet":
        df.to_parquet(path, index=False, compression="zstd")
    elif fmt == "csv":
        _neutralise(df).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    else:
        _write_dta(path, df, labs)


def _write_dta(path, df, labs):
    import pandas as pd

    from parlib.panel.version import data_version

    names = stata_names(df.columns)
    d = df.rename(columns=names)
    for c in d.columns:
        if isinstance(d[c].dtype, pd.api.extensions.ExtensionDtype) and d[c].dtype.kind in "iuf":
            d[c] = d[c].astype("float64")
        elif d[c].dtype == object or pd.api.types.is_string_dtype(d[c].dtype):
            d[c] = pd.Series([v if isinstance(v, str) else "" for v in d[c]], index=d.index,
                             dtype=object)  # Stata has no missing string: ""
    # long text (notes, sources) as strL: stored once per distinct value, not padded per row
    strl = [c for c in d.columns if d[c].dtype == object and d[c].map(len).max() > 80]
    labels = {names[c]: _label(labs.get(c, c)) for c in df.columns}
    try:
        version = data_version()
    except ParlibError:  # a processed folder without build info
        version = "unversioned"
    d.to_stata(path, write_index=False, version=118, variable_labels=labels,
               data_label=_label(f"parlib panel, data version {version}"), convert_strl=strl)


def _write_xlsx(path: Path, tabs):
    import pandas as pd

    from parlib.io.safe_cells import xlsx_cell

    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        for name, (df, _) in tabs.items():
            df.to_excel(xw, sheet_name=name[:31], index=False)
            for row in xw.sheets[name[:31]].iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f":  # text openpyxl took for a formula: a string
                        xlsx_cell(cell, cell.value)


def _write_sidecars(codebook_path: Path, variables_path: Path, fmt: str, tabs):
    import pandas as pd

    from parlib.codebook import load_codebook

    indices = set()
    for name, (df, _) in tabs.items():
        indices |= set(df["index"].unique()) if name == "panel" else {name}
    cb = load_codebook()
    cb = cb[cb["index"].isin(indices)].drop(columns=["codebook_file"], errors="ignore")
    rows = []
    for name, (df, labs) in tabs.items():
        names = stata_names(df.columns) if fmt == "dta" else {c: c for c in df.columns}
        for c in df.columns:
            rows.append({"table": name, "column": names[c], "original": c,
                         "label": labs.get(c, c)})
    _neutralise(cb).to_csv(codebook_path, index=False, encoding="utf-8", lineterminator="\n")
    _neutralise(pd.DataFrame(rows)).to_csv(variables_path, index=False, encoding="utf-8",
                                           lineterminator="\n")
