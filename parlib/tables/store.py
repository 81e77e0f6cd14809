"""Writing an import: ``panel_<index>_<year>_<scope>.csv`` (tidy panel rows), ``units.csv`` (units the
import registered), ``import_report_<index>_<year>_<scope>.csv`` and ``shape_<index>_<year>_<scope>.json``
(the table's columns, labels, printed precision, locale, title and PCI tiers, so that ``parlib export``
writes the table back in the shape it came in), all together in one staged directory swap: a failure
leaves every file byte-identical."""
from __future__ import annotations

import json
from pathlib import Path

SHAPE_VERSION = 1


def shape_path(index: str, year: int, scope: str) -> Path:
    from parlib.paths import imported_dir

    return imported_dir() / f"shape_{index.lower()}_{int(year)}_{scope}.json"


def shape_of(t, df, path: Path, scope: str) -> dict:
    """What ``parlib export`` needs to write the table back as it came."""
    from parlib.tables.layout import cell_text

    comma = False
    for c in t.layout.columns:
        if c.role in ("unit", "stt", "tier"):
            continue
        for i in range(t.layout.data_start, len(df)):
            v = df.iat[i, c.pos]
            if isinstance(v, str) and "," in v:
                comma = True
                break
    cols = [{"label": c.label, "role": c.role, "indicator": c.indicator, "decimals": c.decimals, "of": c.of,
             "max_value": c.max_value} for c in sorted(t.layout.columns, key=lambda c: c.pos)]
    return {"version": SHAPE_VERSION, "index": t.index, "year": t.year, "scope": scope, "file": path.name,
            "sheet": None if t.sheet is None else str(t.sheet),
            "format": "xlsx" if path.suffix.lower() in (".xlsx", ".xlsm", ".xls") else "csv",
            "locale": "vi" if comma else "en", "title": [x for x in t.layout.title if cell_text(x)],
            "columns": cols, "order": [r["code"] for r in t.records],
            "tiers": {r["code"]: r["tier"] for r in t.records if r["tier"]}}


def read_shape(index: str, year: int, scope: str) -> dict | None:
    p = shape_path(index, year, scope)
    if not p.exists():
        return None
    return json.loads(p.read_text(encoding="utf-8"))


def write_import(res, index: str, year: int):
    from parlib.io.atomic import staged_dir
    from parlib.panel.build import csv_bytes
    from parlib.paths import imported_dir
    from parlib.tables.units import read_imported_units, units_csv_bytes

    with staged_dir(imported_dir(), first=("units.csv",)) as stage:  # locked: units.csv is read-modify-written
        (stage / res.target.name).write_bytes(csv_bytes(res.panel))
        if res.new_units:
            existing = read_imported_units()
            have = {u["unit_code"] for u in existing}
            allu = existing + [u for u in res.new_units if u["unit_code"] not in have]
            allu.sort(key=lambda u: u["unit_code"])
            (stage / "units.csv").write_bytes(units_csv_bytes(allu))
        rep = res.report.to_frame().to_csv(index=False, lineterminator="\n")
        (stage / f"import_report_{index.lower()}_{year}_{res.scope}.csv").write_text(rep, encoding="utf-8", newline="")
        if res.shape:
            text = json.dumps(res.shape, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            (stage / shape_path(index, year, res.scope).name).write_text(text, encoding="utf-8", newline="")
