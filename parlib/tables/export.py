"""``parlib export``: any index and year of the panel (official build or imports) written out as a
table, in the shape it came in when it was imported (columns, labels, printed precision, locale,
title, PCI tiers: ``shape_*.json`` next to the import) and otherwise in the publisher's usual shape:
VCCI's PCI table (sub-indices, "Điểm số PCI", "Xếp hạng"), CECODES's PAPI table (dimensions,
sub-dimensions, unweighted and weighted totals, confidence bounds), the Ministry's PAR INDEX table
(STT, areas with maxima, total, index, rank) and SIPAS table. A table written by export imports
back to the same values.
"""
from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from parlib.errors import ParameterError, ParlibError
from parlib.tables.pct import fmt_number, to_decimal

OVERALL_LABELS = {"PCI.overall": "Điểm số PCI", "PAPI.total": "Chỉ số PAPI tổng hợp (không có trọng số)",
                  "PAPI.total_weighted": "Chỉ số PAPI tổng hợp (có trọng số)", "PAR.overall": "Chỉ số (%)",
                  "SIPAS.overall": "Chỉ số SIPAS (%)"}
DEFAULT_DECIMALS = 2


def _scope_rows(index, year, unit_type, parent_code):
    from parlib.panel import imported_tables, load

    try:
        df = load(index, year=int(year))
    except ParlibError:
        df = imported_tables()
        df = None if df is None else df[(df["index"] == index) & (df["year"] == int(year))]
    if df is None:
        return None
    if unit_type == "province":
        df = df[df.unit_type.isin(["province", "province_2025"])]
    elif unit_type == "ministry":
        df = df[df.unit_type == "ministry"]
    else:
        df = df[(df.unit_type == unit_type) & df.unit_code.str.startswith(f"{parent_code}.")]
    return df if len(df) else None


def default_shape(index: str, year: int, rows) -> dict:
    """The publisher's usual columns for the indicators the rows have."""
    from parlib.codebook import for_year
    from parlib.tables.importer import overall_of

    cb = for_year(index, year).drop_duplicates("indicator")
    have = set(rows.indicator[rows.value.notna()])
    overall = overall_of(cb)
    cols = [{"label": "STT", "role": "stt"}, {"label": "Tỉnh, thành phố", "role": "unit"}]
    parts = [r for r in cb.itertuples() if r.level != "overall" and r.indicator in have
             and r.aggregation != "alternative_split"]
    if index == "PAR" and not parts:
        parts = [r for r in cb.itertuples() if r.level != "overall" and r.indicator in have]
    maxima = {}
    for r in parts:
        mv = rows[rows.indicator == r.indicator].max_value.dropna()
        maxima[r.indicator] = float(mv.iloc[0]) if len(mv) else None
        label = r.name_vi + (f" ({fmt_number(maxima[r.indicator])})" if index == "PAR" and maxima[r.indicator] else "")
        cols.append({"label": label, "role": "area", "indicator": r.indicator, "decimals": DEFAULT_DECIMALS})
    if index == "PAR" and parts and all(m is not None for m in maxima.values()):
        tot = sum(to_decimal(m) for m in maxima.values())
        cols.append({"label": f"Tổng điểm ({fmt_number(tot)})", "role": "total", "decimals": DEFAULT_DECIMALS})
    for ind in [overall] + [r.indicator for r in cb.itertuples() if r.level == "overall" and r.indicator != overall]:
        if ind not in have or ind not in OVERALL_LABELS:  # publishers' columns only (not a derived PCI.unweighted)
            continue
        cols.append({"label": OVERALL_LABELS[ind], "role": "index", "indicator": ind,
                     "decimals": DEFAULT_DECIMALS})
        sub = rows[rows.indicator == ind]
        if sub.ci_low.notna().any():
            cols += [{"label": "Cận dưới", "role": "ci_low", "of": ind, "decimals": DEFAULT_DECIMALS},
                     {"label": "Cận trên", "role": "ci_high", "of": ind, "decimals": DEFAULT_DECIMALS}]
    cols.append({"label": "Xếp hạng", "role": "rank"})
    return {"index": index, "year": int(year), "columns": cols, "locale": "vi", "title": [], "order": [],
            "tiers": {}}


def _cell(col, code, wide, rank, flag, ci, shape, comma, k, overall, names):
    role, d = col["role"], int(col.get("decimals") or 0)

    def num(v):
        if v is None or v != v:
            return ""
        s = format(to_decimal(float(v)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP), "f")
        return s.replace(".", ",") if comma else s

    if role == "stt":
        return str(k)
    if role == "unit":
        return names[code]
    if role in ("area", "index"):
        return num(wide.get((code, col["indicator"])))
    if role == "total":
        vals = [wide.get((code, c["indicator"])) for c in shape["columns"] if c["role"] == "area"]
        return "" if any(v is None or v != v for v in vals) else num(sum(to_decimal(float(v)) for v in vals))
    if role in ("rank", "area_rank"):
        idx = [c.get("indicator") for c in shape["columns"] if c["role"] == "index"]
        ind = (overall if overall in idx or len(idx) != 1 else idx[0]) if role == "rank" else col["indicator"]
        rk, fl = rank.get((code, ind)), flag.get((code, ind)) or ""
        return "" if rk is None or "rank_computed" in fl else str(rk)
    if role == "tier":
        return shape.get("tiers", {}).get(code, "")
    if role in ("ci_low", "ci_high"):
        return num(ci.get((code, col.get("of") or overall, role)))
    return ""


def export_table(index: str, year: int, out, *, unit_type: str = "province", parent_unit: str | None = None,
                 locale: str | None = None, title: str | None = None) -> Path:
    """Write ``index`` ``year`` (one scope of units) to ``out`` (.xlsx, else CSV). ``locale``: "vi"
    (semicolon, decimal comma, BOM) or "en"; default: as the imported table came, else "vi"."""
    import pandas as pd

    from parlib.tables.importer import check_params, overall_of
    from parlib.tables.store import read_shape
    from parlib.tables.units import resolve_parent, scope_name

    index, year = check_params(index, year, unit_type)
    if locale not in (None, "en", "vi"):
        raise ParameterError("--locale", locale, ("en", "vi"))
    parent_code, _ = resolve_parent(parent_unit, unit_type)
    scope = scope_name(unit_type, parent_code)
    rows = _scope_rows(index, year, unit_type, parent_code)
    if rows is None:
        raise ParlibError(f"nothing to export for {index} {year} ({scope}): neither the panel nor the imports hold it")
    imported = rows.source.str.startswith("import:").any()
    shape = (read_shape(index, year, scope) if imported else None) or default_shape(index, year, rows)
    comma = (locale or shape.get("locale", "vi")) == "vi"
    from parlib.codebook import for_year

    overall = overall_of(for_year(index, year))
    wide = {(r.unit_code, r.indicator): r.value for r in rows.itertuples()}
    rank = {(r.unit_code, r.indicator): int(r.rank) for r in rows.itertuples() if pd.notna(r.rank)}
    flag = {(r.unit_code, r.indicator): r.flag for r in rows.itertuples() if isinstance(r.flag, str)}
    ci = {}
    for r in rows.itertuples():
        ci[(r.unit_code, r.indicator, "ci_low")], ci[(r.unit_code, r.indicator, "ci_high")] = r.ci_low, r.ci_high
    names = rows.drop_duplicates("unit_code").set_index("unit_code")["unit_name"].to_dict()
    units = [c for c in shape.get("order", []) if c in names]
    # an imported table goes back out with its own units; bundled data with every unit, by rank
    rest = [] if units else sorted(names, key=lambda c: (rank.get((c, overall)) or 10 ** 9, c))
    body = [[_cell(col, code, wide, rank, flag, ci, shape, comma, k, overall, names) for col in shape["columns"]]
            for k, code in enumerate(units + rest, start=1)]
    header = [c["label"] for c in shape["columns"]]
    titles = list(shape.get("title") or []) or [title or f"{index} {year} ({scope}) - exported by parlib"]
    table = [[t] + [""] * (len(header) - 1) for t in titles] + [header] + body
    return write_rows(table, Path(out), comma, sheet_title=f"{index} {year}")


def write_rows(rows: list[list[str]], out: Path, comma: bool, sheet_title: str = "Sheet1") -> Path:
    """The one place a table is written (xlsx by suffix, else CSV; atomic)."""
    from parlib.io.atomic import atomic_path
    from parlib.io.safe_cells import csv_rows, xlsx_rows

    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title
        xlsx_rows(ws, [[_xl(c) for c in r] for r in rows])  # text as string cells, never formulas
        with atomic_path(out) as tmp:
            wb.save(tmp)
        return out
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";" if comma else ",", lineterminator="\r\n" if comma else "\n")
    w.writerows(csv_rows(rows))  # formula-like text gets a leading apostrophe (CSV injection)
    data = ("\ufeff" if comma else "") + buf.getvalue()
    with atomic_path(out) as tmp:
        tmp.write_bytes(data.encode("utf-8"))
    return out


def _xl(c):
    from parlib.tables.layout import looks_number

    if isinstance(c, str) and c and looks_number(c):
        t = c.replace(",", ".")
        try:
            f = float(t)
            return int(f) if f.is_integer() and "." not in t else f
        except ValueError:
            return c
    return c if c != "" else None
