"""``parlib import``: official PCI, PAPI, PAR INDEX and SIPAS tables that users have, for any kind of unit.

>>> from parlib.tables.importer import import_table      # doctest: +SKIP
>>> res = import_table("PAR_2023.xlsx", "PAR", 2023)  # 63 provinces → data/imported/panel_par_2023_province.csv

Input: an Excel workbook (first sheet unless ``sheet``) or a CSV (see :mod:`parlib.tables.read`), one
row per unit. Headers (Vietnamese or English, as VCCI, CECODES and the Ministry print them) are
matched through the codebook's names and ``data/reference/import_header_synonyms.csv``
(:mod:`parlib.tables.headers`); an unknown header is refused with the known names listed. PCI:
sub-indices of the year's era, the PCI score, the rank and the tier; PAPI: dimensions, optional
sub-dimensions, unweighted and weighted totals, confidence bounds; PAR: the areas of the year's
method period with their maxima (headers "(13)", "(16,5)" or a row of maxima), the total, the
index (%) and the rank; SIPAS: the components and the index.

Checks (:mod:`parlib.tables.checks`): every PAR area of the method period present (provinces);
numbers where numbers belong; scores within their maxima; PAR and PAPI totals are sums; a PCI
composite is the weighted sum of its sub-indices within the table's rounding (``no_verify`` records
a reason instead of refusing); ranks agree with the scores; no duplicate unit; every unit known.
Provinces resolve in the scheme of the year (the 34 provinces from 2025).

A table for an (index, year) the panel already holds is compared, not merged
(:mod:`parlib.tables.compare`): nothing is written unless ``replace``. Otherwise the rows go to
``imported_dir()/panel_<index>_<year>_<scope>.csv`` with the table's shape for ``parlib export``
(:mod:`parlib.tables.store`, :mod:`parlib.tables.export`).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from parlib.errors import ParameterError, SourceFormatError
from parlib.registry.keys import alias_key, fold
from parlib.tables.export import export_table  # noqa: F401  (re-exported)
from parlib.tables.layout import Column, Layout, cell_text, check_layout, detect_layout, looks_number, parse_number, set_decimals
from parlib.tables.pct import fmt_number, fmt_pct, ministry_pct, round2, to_decimal  # noqa: F401  (re-exported)
from parlib.tables.read import decode_bytes, parse_csv_text, read_table  # noqa: F401  (re-exported)
from parlib.tables.units import (UNIT_TYPES, province_count, read_imported_units, resolve_parent, scope_name,
                                 slug, unit_of)  # noqa: F401  (re-exported)
from parlib.codebook import INDICES
_FOOT = r"^\s*(ghi chu|nguon|note|notes|source|sources|chu thich|\*|\(\*\)|\(\d+\))"
_AVERAGE_KEYS = ("trungbinh", "giatritrungbinh", "trungbinhcanuoc", "average", "nationalaverage")


@dataclass
class ImportResult:
    panel: "pd.DataFrame"
    report: "CleaningReport"
    units: list
    new_units: list
    target: Path
    scope: str
    written: bool
    comparison: object = None       # parlib.tables.compare.Comparison when the panel held the table
    shape: dict = field(default_factory=dict)


@dataclass
class Table:
    """A table being imported: what the checks need."""
    index: str
    year: int
    unit_type: str
    fname: str
    sheet: object
    src: str
    layout: Layout
    cb: object
    overall: str
    report: object
    records: list = field(default_factory=list)

    @property
    def hrow(self):
        return self.layout.header_row + 1

    @property
    def area_cols(self) -> dict:
        return {c.indicator: c for c in self.layout.by_role("area")}

    @property
    def index_col(self) -> Column | None:
        return self.value_cols.get(self.overall)

    @property
    def value_cols(self) -> dict:
        return {c.indicator: c for c in self.layout.columns if c.role in ("area", "index")}

    @property
    def rank_target(self) -> str:
        """The indicator the table's rank column ranks: the overall score, or the only score printed
        (a PAPI table with the weighted total alone ranks the weighted total)."""
        idx = [c.indicator for c in self.layout.by_role("index")]
        return self.overall if self.overall in idx or len(idx) != 1 else idx[0]

    def hib(self, ind) -> bool:
        hit = self.cb[self.cb.indicator == ind]
        return bool(hit.higher_is_better.iloc[0]) if len(hit) else True


def check_params(index, year, unit_type):
    index = str(index).upper()
    if index not in INDICES:
        raise ParameterError("--index", index, INDICES)
    if unit_type not in UNIT_TYPES:
        raise ParameterError("--unit-type", unit_type, UNIT_TYPES)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ParameterError("--year", year, hint="a year such as 2023") from None
    from parlib.codebook import for_year, load_codebook

    if for_year(index, year).empty:
        c = load_codebook()
        ys = c[c["index"] == index]
        allowed = f"{int(ys.year_from.min())}-{int(ys.year_to.max())}" if len(ys) else "none"
        raise ParameterError("--year", year, hint=f"the {index} codebook covers {allowed}")
    return index, year


def overall_of(cb) -> str:
    top = cb[(cb.level == "overall") & (cb.aggregation.fillna("") != "")]
    return (top if len(top) else cb[cb.level == "overall"]).indicator.iloc[0]


def import_table(path, index: str, year, *, unit_type: str = "province", parent_unit: str | None = None,
                 sheet=None, encoding: str | None = None, dry_run: bool = False,
                 allow_partial: bool = False, replace: bool = False, no_verify: str | None = None) -> ImportResult:
    """Read, check, compare with the panel and (unless ``dry_run``, and only with ``replace``
    when the panel already holds the table) write one official table. See the module docstring."""
    from parlib.codebook import for_year
    from parlib.panel.report import CleaningReport
    from parlib.tables import checks, compare, store

    index, year = check_params(index, year, unit_type)
    if no_verify is not None and not str(no_verify).strip():
        raise ParameterError("--no-verify", no_verify, hint="give the reason the check is skipped")
    path = Path(path)
    parent_code, _ = resolve_parent(parent_unit, unit_type)
    scope = scope_name(unit_type, parent_code)
    df, sheet_name = read_table(path, sheet, encoding)
    layout = detect_layout(df, index, year, path.name, sheet_name)
    cb = for_year(index, year)
    t = Table(index, year, unit_type, path.name, sheet_name,
              f"import:{path.name}" + (f"#{sheet_name}" if sheet_name is not None else ""),
              layout, cb, overall_of(cb), CleaningReport())
    for c in layout.by_role("index"):
        c.indicator = c.indicator or t.overall
    check_layout(layout, t.fname, sheet_name)  # "Chỉ số" and "Điểm số PCI" both mean the PCI score
    _refuse_unknown_headers(t)
    _check_structure(t)
    _apply_maxima(t)
    _read_rows(t, df, parent_code, year)
    set_decimals(layout, df, range(layout.data_start, len(df)))
    if index == "PAR":
        checks.check_par(t)
    else:
        checks.check_sums(t)
    checks.check_weighted(t, no_verify)
    _check_count(t, allow_partial)
    panel = _panel_rows(t)
    new_units = [r["new"] for r in t.records if r["new"] is not None]
    _validate(panel, new_units, t.fname)
    from parlib.paths import imported_dir

    target = imported_dir() / f"panel_{index.lower()}_{year}_{scope}.csv"
    t.report.metric(t.src, "units_imported", len(t.records), f"{index} {year} {scope}")
    shape = store.shape_of(t, df, path, scope)
    res = ImportResult(panel, t.report, [r["code"] for r in t.records], new_units, target, scope, False,
                       None, shape)
    res.comparison = compare.against_panel(panel, t, {c.indicator: c.decimals for c in t.value_cols.values()})
    if not dry_run and (res.comparison is None or replace):
        store.write_import(res, index, year)
        res.written = True
    return res


def _refuse_unknown_headers(t: Table):
    from parlib.tables.headers import area_any_year, known_names

    for j, lab in t.layout.ignored:
        other = area_any_year(lab, t.index)
        if other is not None:
            have = "; ".join(t.cb[t.cb.level == "area"].drop_duplicates("indicator").name_vi) or "none"
            raise SourceFormatError(t.fname, sheet=t.sheet, row=t.hrow, column=lab,
                                    message=f"this {t.index} indicator ({other}) is not in the codebook for {t.year}",
                                    expected=f"the {t.year} areas ({have}); add the year's area set to "
                                    f"data/reference/codebook/{t.index.lower()}.csv if the method had it")
        raise SourceFormatError(t.fname, sheet=t.sheet, row=t.hrow, column=lab, message="unknown header",
                                expected=f"one of the {t.index} {t.year} names: " + "; ".join(known_names(t.index, t.year))
                                + "; or a unit, rank, total, tier or confidence-bound column "
                                "(synonyms: data/reference/import_header_synonyms.csv)")


def _check_structure(t: Table):
    cb, layout = t.cb, t.layout
    areas_cb = cb[(cb.level == "area") & (cb.parent == t.overall)].drop_duplicates("indicator")
    area_cols = t.area_cols
    if t.index == "PAR":
        split = list(areas_cb[areas_cb.aggregation == "alternative_split"].indicator)
        thematic = [i for i in areas_cb.indicator if i not in split]
        top_cols = [i for i in area_cols if i in set(areas_cb.indicator)]
        expected = split if (top_cols and split and set(top_cols) <= set(split)) else thematic
        if t.unit_type == "province" and top_cols:
            missing = [i for i in expected if i not in area_cols]
            if missing:
                names = {r.indicator: r.name_vi for r in areas_cb.itertuples()}
                raise SourceFormatError(
                    t.fname, sheet=t.sheet, row=t.hrow, column=names[missing[0]],
                    message=f"area column missing: {', '.join(names[m] for m in missing)}",
                    expected=f"a column for every {t.index} {t.year} area: " + "; ".join(names[i] for i in expected),
                    found="columns " + "; ".join(c.label for c in layout.columns))
    if not area_cols and not layout.by_role("index") and not layout.one("total"):
        raise SourceFormatError(t.fname, sheet=t.sheet, row=t.hrow, message="no score columns",
                                expected=f"{t.index} indicator columns, a total or an index column")


def _apply_maxima(t: Table):
    cb_max = {r.indicator: (float(r.scale_max) if r.scale_max == r.scale_max else None) for r in t.cb.itertuples()}
    for ind, c in t.area_cols.items():
        if c.max_value is not None and cb_max.get(ind) is not None and abs(c.max_value - cb_max[ind]) > 1e-9:
            if t.index == "PAR":
                raise SourceFormatError(t.fname, sheet=t.sheet, row=t.hrow, column=c.label,
                                        message=f"the header states a maximum of {fmt_number(c.max_value)}",
                                        expected=f"the codebook maximum {fmt_number(cb_max[ind])} for {ind} in {t.year}")
        if c.max_value is None and cb_max.get(ind) is not None:
            c.max_value = cb_max[ind]
        if t.index == "SIPAS" and c.max_value is None:
            c.max_value = 100.0
    for c in t.layout.by_role("index"):
        if t.index in ("PAR", "SIPAS") or c.max_value is None:
            c.max_value = 100.0 if t.index in ("PAR", "SIPAS") else cb_max.get(c.indicator)


def _skip_row(t: Table, rown, texts, unit_col) -> bool:
    import re

    from parlib import provinces

    name = texts[unit_col.pos]
    numeric_pos = [c.pos for c in t.layout.columns if c.role not in ("unit", "stt", "tier")]
    has_numbers = any(texts[p] is not None for p in numeric_pos)
    if all(x is None for x in texts):
        t.report.dropped(t.src, t.sheet, rown, None, "blank row")
        return True
    if (name is None or re.match(_FOOT, fold(name), re.I)) and not has_numbers:
        first = next((x for x in texts if x is not None), "")
        t.report.dropped(t.src, t.sheet, rown, (name or first)[:60], "footnote or note row")
        return True
    if name is None:
        raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=unit_col.label,
                                message="a row with scores but no unit name", expected="a unit name")
    if looks_number(name):
        raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=unit_col.label,
                                message="a number where the unit name belongs (columns shifted?)",
                                expected="a unit name", found=name)
    if provinces.summary_label(name) is not None or alias_key(name) in _AVERAGE_KEYS:
        t.report.dropped(t.src, t.sheet, rown, name, f"summary row ({name}), not a unit")
        return True
    return False


def _read_rows(t: Table, df, parent_code, year):
    from parlib.tables.checks import check_range

    layout = t.layout
    unit_col = layout.one("unit")
    known = {u["unit_code"]: u for u in read_imported_units()}
    from parlib.io.limits import UNITS, check_units

    max_units = UNITS.value()
    seen: dict[str, int] = {}
    for i in range(layout.data_start, len(df)):
        rown = i + 1
        cells = df.iloc[i].tolist()
        texts = [cell_text(v) for v in cells]
        if _skip_row(t, rown, texts, unit_col):
            continue
        name = texts[unit_col.pos]
        code, uname, new = unit_of(name, t.unit_type, parent_code, known, t.fname, t.sheet, rown, unit_col.label, year)
        if code in seen:
            raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=unit_col.label,
                                    message=f"duplicated unit {name!r} ({code} {uname}): already in row {seen[code]}",
                                    expected="each unit once")
        seen[code] = rown
        rec = {"row": rown, "name": name, "code": code, "uname": uname, "new": new, "vals": {}, "ranks": {},
               "ci": {}, "total": None, "tier": None, "derived": set()}
        for c in layout.columns:
            _read_cell(t, rec, c, cells[c.pos], check_range)
        t.records.append(rec)
        t.report.kept(t.src, t.sheet, rown, name, code)
        if len(t.records) > max_units:  # refused as soon as the table has too many units
            check_units(len(t.records), t.fname, sheet=t.sheet, row=rown)
    if not t.records:
        raise SourceFormatError(t.fname, sheet=t.sheet, row=layout.data_start + 1, column=unit_col.label,
                                message="no unit rows under the header", expected="one row per unit")


def _read_cell(t: Table, rec, c: Column, v, check_range):
    rown = rec["row"]
    if c.role in ("unit", "stt"):
        return
    if c.role == "tier":
        rec["tier"] = cell_text(v)
        return
    if c.role in ("rank", "area_rank"):
        d = parse_number(v, t.fname, t.sheet, rown, c.label)
        if d is not None and (d != d.to_integral() or d < 1):
            raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=c.label,
                                    expected="a whole rank >= 1", found=str(v))
        rec["ranks"][t.rank_target if c.role == "rank" else c.indicator] = None if d is None else int(d)
        return
    d = parse_number(v, t.fname, t.sheet, rown, c.label)
    if c.role == "total":
        rec["total"] = d
    elif c.role in ("ci_low", "ci_high"):
        rec["ci"].setdefault(c.of or t.overall, {})[c.role] = d
    else:
        if d is None and t.index == "PAR" and t.unit_type == "province" and c.role == "area":
            raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=c.label, message="empty score",
                                    expected="a number")
        if c.role == "index" and t.index in ("PAR", "SIPAS") and d is not None and not (0 <= d <= 100):
            raise SourceFormatError(t.fname, sheet=t.sheet, row=rown, column=c.label,
                                    expected="an index between 0 and 100 (%)", found=str(d))
        check_range(t, rec, c.indicator, c, d)
        rec["vals"][c.indicator] = d


def _check_count(t: Table, allow_partial):
    unit_col = t.layout.one("unit")
    for rec in t.records:
        if t.index == "SIPAS" and rec["vals"].get(t.overall) is None and rec["total"] is not None:
            rec["vals"][t.overall] = rec["total"]
        if t.index in ("PAR", "SIPAS") and rec["vals"].get(t.overall) is None:
            col = t.index_col or t.layout.one("total") or unit_col
            raise SourceFormatError(t.fname, sheet=t.sheet, row=rec["row"], column=col.label,
                                    message="no index value", expected="a number")
    n = len(t.records)
    want = province_count(t.year)
    if t.unit_type == "province" and n != want and not allow_partial:
        raise SourceFormatError(t.fname, sheet=t.sheet, row=t.records[-1]["row"], column=unit_col.label,
                                message=f"{n} provinces in the table",
                                expected=f"{want} provinces in {t.year} (pass --allow-partial for an excerpt)")


def _ranks(t: Table, inds):
    """{indicator: ({code: rank}, computed?)}: the table's ranks where it prints them (checked against
    the scores), else competition ranks among the imported units; none for an excerpt of the
    provinces (a rank among 3 of 63 provinces is no rank "of 63": a partial source is not ranked)."""
    from parlib.panel.ranks import coverage_complete
    from parlib.tables.checks import check_ranks, computed_ranks

    rank_of = province_count(t.year) if t.unit_type == "province" else len(t.records)
    cols = {t.rank_target: t.layout.one("rank")}
    cols.update({c.indicator: c for c in t.layout.by_role("area_rank")})
    out = {}
    for ind in inds:
        col = cols.get(ind)
        if col is not None and any(r["ranks"].get(ind) is not None for r in t.records):
            check_ranks(t, ind, col, rank_of)
            out[ind] = ({r["code"]: r["ranks"].get(ind) for r in t.records}, False)
        elif t.unit_type == "province" and not coverage_complete(
                sum(r["vals"].get(ind) is not None for r in t.records), rank_of):
            out[ind] = ({}, True)
        else:
            out[ind] = (computed_ranks(t, ind), True)
    return out, rank_of


def _panel_rows(t: Table):
    import pandas as pd

    from parlib import provinces
    from parlib.panel.build import normalise

    today = datetime.date.today().isoformat()
    inds = [t.overall] + [i for i in t.value_cols if i != t.overall]
    if t.overall not in t.value_cols and not any(r["vals"].get(t.overall) is not None for r in t.records):
        inds = inds[1:]
    ranks, rank_of = _ranks(t, inds)
    maxima = {c.indicator: c.max_value for c in t.value_cols.values()}
    rows = []
    for rec in t.records:
        utype = provinces.get(rec["code"]).unit_type if t.unit_type == "province" else t.unit_type
        note = f"imported: {t.fname}, {today}; row {rec['row']}" + (f"; tier: {rec['tier']}" if rec["tier"] else "")
        base = {"index": t.index, "year": t.year, "unit_code": rec["code"], "unit_name": rec["uname"],
                "unit_type": utype, "source": t.src, "note": note}
        for ind in inds:
            v = rec["vals"].get(ind)
            rk, computed = ranks[ind][0].get(rec["code"]), ranks[ind][1]
            flags = ["no_data"] if v is None else (["rank_computed"] if computed and rk is not None else [])
            if ind in rec["derived"]:
                flags.append("derived")
            ci = rec["ci"].get(ind, {})
            rows.append({**base, "indicator": ind, "value": None if v is None else float(v),
                         "max_value": maxima.get(ind, 100.0 if t.index in ("PAR", "SIPAS") else None),
                         "rank": rk if v is not None else None,
                         "rank_of": rank_of if (rk is not None and v is not None) else None,
                         "ci_low": _f(ci.get("ci_low")), "ci_high": _f(ci.get("ci_high")),
                         "flag": ";".join(flags) or None})
    panel = pd.DataFrame(rows)
    level = {r.indicator: r.level for r in t.cb.itertuples()}
    parent = {r.indicator: (r.parent or None) for r in t.cb.itertuples()}
    panel["level"] = panel["indicator"].map(level)
    panel["parent"] = panel["indicator"].map(parent)
    return normalise(panel)


def _f(d):
    return None if d is None else float(d)


def _validate(panel, new_units, fname):
    from parlib import provinces
    from parlib.errors import PanelValidationError
    from parlib.panel.schema import validate

    codes = set(provinces.units(scheme=None, include_historical=True)["unit_code"]) | {u["unit_code"] for u in new_units}
    try:
        validate(panel, unit_codes=codes)
    except PanelValidationError as exc:
        raise PanelValidationError(f"{fname}: the imported rows do not pass the panel schema: {exc}") from None
