"""``parlib import``: official PAR INDEX / SIPAS tables that users have, for any kind of unit.

>>> from parlib.tables.importer import import_table      # doctest: +SKIP
>>> res = import_table("PAR_2023.xlsx", "PAR", 2023)  # 63 provinces → data/imported/panel_par_2023_province.csv

Input: an Excel workbook (first sheet unless ``sheet``) or a CSV, one row per unit, with columns for
the area scores, the total, the index (%) and the rank. Headers may be Vietnamese or English, may
carry the maximum points ("Cải cách thủ tục hành chính (13)", "(16,5)"), may sit under title rows
and merged group headers; a leading STT column and footnote rows below are ignored. CSVs exported by
Vietnamese-locale spreadsheets (semicolon separator, decimal comma, BOM) and UTF-16 are read;
other legacy encodings (Windows-1258) need ``encoding="cp1258"`` and otherwise give a clear error.

Checks (each failure is a :class:`SourceFormatError` naming file, sheet, row and column): every area
of the year's codebook present (provinces); numbers where numbers belong; scores within their
maxima; total == sum of areas (±0.01); index (%) consistent with the total; ranks agree with the
scores; no duplicate unit; every unit known — provinces through :func:`parlib.provinces.resolve`,
other units (ministries, districts, departments, communes) registered in their own scope under
their parent (``49.tam-ky``), never forced onto a province.

Output: ``imported_dir()/panel_<index>_<year>_<scope>.csv`` (tidy panel rows), ``units.csv``
(imported units) and ``import_report_<index>_<year>_<scope>.csv``, written together; a failure
leaves every file byte-identical. :func:`export_table` writes the table back in the same shape.

Area ranks are taken from the table when it has them ("Xếp hạng <area>") and otherwise computed
among the imported units (competition ranking, ties share the best rank; flag "rank_computed").
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from parlib.errors import ParameterError, ParlibError, SourceFormatError, UnknownProvinceError, AmbiguousProvinceError
from parlib.tables.pct import ministry_pct, round2, to_decimal, fmt_number, fmt_pct  # noqa: F401  (re-exported)
from parlib.registry.keys import alias_key, fold

INDICES = ("PAR", "SIPAS")
UNIT_TYPES = ("province", "ministry", "district", "department", "commune")
TOL = Decimal("0.01")
HEADER_SCAN = 40
_FOOT = re.compile(r"^\s*(ghi chu|nguon|note|notes|source|sources|chu thich|\*|\(\*\)|\(\d+\))", re.I)
_MAX_ROW_KEYS = {"diemtoida", "toida", "maximum", "max", "maxpoints", "maximumpoints", "thangdiem"}
_SLUG_PREFIXES = ("thanh pho ", "tp. ", "tp ", "thi xa ", "tx. ", "tx ", "huyen ", "quan ",
                  "thi tran ", "phuong ", "xa ")
PROVINCE_COUNT = 63


# ----------------------------------------------------------------------------------- reading

def read_table(path, sheet=None, encoding: str | None = None):
    """(cells DataFrame of objects, sheet label or None). Row i is line/Excel row i+1."""
    import pandas as pd

    from parlib.io.excel import EXCEL_SUFFIXES, read_sheet, sheet_names

    path = Path(path)
    if not path.exists():
        raise SourceFormatError(path.name, message="file not found", expected="an existing .xlsx/.xls/.csv file")
    if path.stat().st_size == 0:
        raise SourceFormatError(path.name, message="the file is empty", expected="a table")
    from parlib.io.limits import check_file_size

    check_file_size(path, path.name)
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        names = sheet_names(path)
        if sheet is None:
            name = names[0]
        elif str(sheet).isdigit() and str(sheet) not in names:
            pos = int(sheet)
            if not 0 <= pos < len(names):
                raise SourceFormatError(path.name, sheet=sheet, message="no such sheet",
                                        expected="one of " + ", ".join(repr(n) for n in names))
            name = names[pos]
        else:
            name = str(sheet)
        try:
            df = read_sheet(path, name)
        except SourceFormatError as exc:
            raise SourceFormatError(path.name, sheet=name, message=str(exc).split(":", 1)[-1].strip()) from None
        return df, name
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise ParameterError("sheet", sheet, hint="a CSV file has no sheets")
        text = decode_bytes(path.read_bytes(), path.name, encoding)
        rows = parse_csv_text(text, path.name)
        width = max((len(r) for r in rows), default=0)
        from parlib.io.limits import check_cells

        check_cells(len(rows), width, path.name)  # before padding every row to the widest
        rows = [[(c if c.strip() != "" else None) for c in r] + [None] * (width - len(r)) for r in rows]
        return pd.DataFrame(rows, dtype=object), None
    raise SourceFormatError(path.name, expected="an Excel workbook (.xlsx, .xls) or a CSV file", found=path.suffix)


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> str:
    import unicodedata

    if encoding:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError) as exc:
            raise SourceFormatError(name, message=f"cannot be decoded as {encoding} ({exc})",
                                    expected="a file in the given encoding") from None
        return unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if data.startswith(b"\xef\xbb\xbf"):
        enc = "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            name, message=f"is not valid UTF-8 (byte {exc.start}); it looks like a legacy encoding such as "
            "Windows-1258. Re-save it as 'CSV UTF-8', or pass --encoding cp1258",
            expected="UTF-8 (with or without BOM) or UTF-16") from None
    if "\x00" in text:
        raise SourceFormatError(name, message="contains NUL characters (UTF-16 without a BOM?); pass --encoding utf-16-le",
                                expected="UTF-8 or UTF-16 with BOM")
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def parse_csv_text(text: str, name: str = "the CSV") -> list[list[str]]:
    """Rows of a CSV, with the separator (';', tab or ',') guessed from the lines."""
    from parlib.io.csvread import parse_rows  # bounded fields: one-line error naming file and row

    lines = [ln for ln in text.splitlines() if ln.strip()]
    best, best_score = ",", -1.0
    for sep in (";", "\t", ","):
        counts = sorted(len(r) for r in parse_rows("\n".join(lines[:60]), name, delimiter=sep))
        if not counts:
            continue
        med = counts[len(counts) // 2]
        score = med + (0.5 if sep == ";" else 0.25 if sep == "\t" else 0)
        if med > 1 and score > best_score:
            best, best_score = sep, score
    return parse_rows(text, name, delimiter=best)


# ----------------------------------------------------------------------------------- header

@dataclass
class Column:
    pos: int
    label: str
    role: str
    indicator: str | None = None
    max_value: float | None = None
    percent: bool = False


@dataclass
class Layout:
    header_row: int            # 0-based row of the (lowest) header line
    data_start: int
    columns: list[Column] = field(default_factory=list)
    ignored: list = field(default_factory=list)   # (position, label) of header cells with no meaning

    def by_role(self, role):
        return [c for c in self.columns if c.role == role]

    def one(self, role):
        cs = self.by_role(role)
        return cs[0] if cs else None


def _cell_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v != v:
        return None
    s = str(v).strip()
    return s or None


def detect_layout(df, index: str, year: int, fname: str, sheet=None) -> Layout:
    from parlib.tables.headers import match_label

    n = min(len(df), HEADER_SCAN)
    matches: dict[int, dict[int, object]] = {}
    best_row, best_score = None, 0
    for i in range(n):
        row = {}
        for j, v in enumerate(df.iloc[i].tolist()):
            t = _cell_text(v)
            if t is None or _looks_number(t):
                continue
            try:
                m = match_label(t, index, year)
            except ValueError as exc:
                m = ("ambiguous", str(exc))
            if m is not None:
                row[j] = m
        matches[i] = row
        roles = {m.role for m in row.values() if not isinstance(m, tuple)}
        score = len(row) + (2 if "unit" in roles else 0)
        if score > best_score and (roles & {"area", "total", "index", "rank", "unit"}):
            best_row, best_score = i, score
    if best_row is None:
        raise SourceFormatError(fname, sheet=sheet, message=f"no header row found in the first {n} rows",
                                expected="a header with a unit column (e.g. 'Tỉnh, thành phố') and score columns")
    # two header lines (a merged group line over the area line): the lower one carries the areas
    def _roles(i):
        return {m.role for m in matches.get(i, {}).values() if not isinstance(m, tuple)}

    if "area" not in _roles(best_row) and "area" in _roles(best_row + 1) and "unit" not in _roles(best_row + 1):
        best_row += 1
    # a group header line above (merged cells: the value sits in the first cell only)
    upper = best_row - 1 if best_row > 0 and matches.get(best_row - 1) is not None else None
    cols = []
    width = df.shape[1]
    for j in range(width):
        own = _cell_text(df.iat[best_row, j])
        m = matches[best_row].get(j)
        label = own
        if m is None and upper is not None:
            m2 = matches[upper].get(j)
            if m2 is not None and (own is None or not _looks_number(own)):
                m, label = m2, _cell_text(df.iat[upper, j])
        if isinstance(m, tuple):
            raise SourceFormatError(fname, sheet=sheet, row=best_row + 1, column=label,
                                    message=f"ambiguous header: it {m[1]}",
                                    expected="a header that names one area (see data/reference/import_header_synonyms.csv)")
        if m is None:
            continue
        cols.append(Column(j, label, m.role, m.indicator, m.max_value, m.percent))
    layout = Layout(best_row, best_row + 1, cols)
    used = {c.pos for c in cols}
    layout.ignored = [(j, _cell_text(df.iat[best_row, j])) for j in range(width)
                      if j not in used and _cell_text(df.iat[best_row, j]) is not None]
    # a row of maxima right under the header ("Điểm tối đa | | 10 | 10 | 13 ...")
    unit = layout.one("unit")
    if unit is not None and layout.data_start < len(df):
        r = df.iloc[layout.data_start].tolist()
        texts = [alias_key(t) for t in (_cell_text(x) for x in r) if t and not _looks_number(t)]
        if any(t in _MAX_ROW_KEYS for t in texts):
            for c in layout.columns:
                if c.role == "area" and c.max_value is None:
                    v = _cell_text(r[c.pos])
                    if v is not None:
                        c.max_value = float(_parse_number(v, fname, sheet, layout.data_start + 1, c.label))
            layout.data_start += 1
    _check_layout(layout, index, year, fname, sheet)
    return layout


def _check_layout(layout: Layout, index, year, fname, sheet):
    row = layout.header_row + 1
    if layout.one("unit") is None:
        raise SourceFormatError(fname, sheet=sheet, row=row, message="no unit column in the header",
                                expected="a column such as 'Tỉnh, thành phố', 'Đơn vị', 'Province' or 'Unit'",
                                found=", ".join(c.label for c in layout.columns))
    seen = {}
    for c in layout.columns:
        key = (c.role, c.indicator)
        if c.role in ("stt",):
            continue
        if key in seen:
            raise SourceFormatError(fname, sheet=sheet, row=row, column=c.label,
                                    message=f"two columns mean the same thing ({seen[key]!r} and {c.label!r})",
                                    expected="one column per area, total, index and rank")
        seen[key] = c.label


# ----------------------------------------------------------------------------------- numbers

_NUM = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)\s*%?$")


def _looks_number(t: str) -> bool:
    return bool(_NUM.match(t.replace("\u00a0", "").replace(" ", "")))


def _parse_number(v, fname, sheet, row, column) -> Decimal | None:
    if v is None:
        return None
    if isinstance(v, bool):
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=str(v))
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v != v:
            return None
        return to_decimal(v)
    t = str(v).strip()
    if t in ("", "-", "–", "—"):
        return None
    if not _looks_number(t):
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=t)
    try:
        return to_decimal(t)
    except ParameterError:
        raise SourceFormatError(fname, sheet=sheet, row=row, column=column, expected="a number", found=t) from None


# ----------------------------------------------------------------------------------- units

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


def _read_imported_units():
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
    for u in _read_imported_units():
        if u["unit_code"] == name or alias_key(u["name_vi"]) == alias_key(name):
            return u["unit_code"], u["name_vi"]
    u = provinces.resolve(name)
    return u.code, u.name_vi


# ----------------------------------------------------------------------------------- import

@dataclass
class ImportResult:
    panel: "pd.DataFrame"
    report: "CleaningReport"
    units: list[dict]
    new_units: list[dict]
    target: Path
    scope: str
    written: bool


def scope_name(unit_type: str, parent_code: str | None) -> str:
    if unit_type in ("province", "ministry"):
        return unit_type
    return f"{unit_type}-{parent_code}"


def _check_params(index, year, unit_type):
    if index not in INDICES:
        raise ParameterError("--index", index, INDICES)
    if unit_type not in UNIT_TYPES:
        raise ParameterError("--unit-type", unit_type, UNIT_TYPES)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ParameterError("--year", year, hint="a year such as 2023") from None
    from parlib.codebook import for_year

    cb = for_year(index, year)
    if cb.empty:
        from parlib.codebook import load_codebook

        c = load_codebook()
        ys = c[c["index"] == index]
        allowed = f"{int(ys.year_from.min())}-{int(ys.year_to.max())}" if len(ys) else "none"
        raise ParameterError("--year", year, hint=f"the {index} codebook covers {allowed}")
    return year


def import_table(path, index: str, year, *, unit_type: str = "province", parent_unit: str | None = None,
                 sheet=None, encoding: str | None = None, dry_run: bool = False,
                 allow_partial: bool = False) -> ImportResult:
    """Read, check and (unless ``dry_run``) write one official table. See the module docstring."""
    import pandas as pd

    from parlib import provinces
    from parlib.panel.build import normalise
    from parlib.codebook import for_year
    from parlib.panel.report import CleaningReport

    index = str(index).upper()
    year = _check_params(index, year, unit_type)
    path = Path(path)
    fname = path.name
    parent_code, parent_name = resolve_parent(parent_unit, unit_type)
    scope = scope_name(unit_type, parent_code)
    df, sheet_name = read_table(path, sheet, encoding)
    layout = detect_layout(df, index, year, fname, sheet_name)
    cb = for_year(index, year)
    from parlib.tables.headers import area_any_year

    for j, lab in layout.ignored:
        other = area_any_year(lab, index)
        if other is not None:
            have = "; ".join(cb[cb.level == "area"].name_vi) or "none"
            raise SourceFormatError(fname, sheet=sheet_name, row=layout.header_row + 1, column=lab,
                                    message=f"this {index} area ({other}) is not in the codebook for {year}",
                                    expected=f"the {year} areas ({have}); add the year's area set to "
                                    f"data/reference/codebook/{index.lower()}.csv if the method had it")
    overall_code = cb[cb.level == "overall"].indicator.iloc[0]
    areas_cb = cb[(cb.level == "area") & (cb.parent == overall_code)]
    area_cols = {c.indicator: c for c in layout.by_role("area")}
    # PAR: the area set of the year must be complete for provinces (appraisal/survey is an alternative split)
    hrow = layout.header_row + 1
    if index == "PAR":
        thematic = [i for i in areas_cb.indicator if i not in ("PAR.appraisal", "PAR.survey")]
        split = ["PAR.appraisal", "PAR.survey"]
        if area_cols and set(area_cols) <= set(split):
            expected = [i for i in split if i in set(areas_cb.indicator)]
        else:
            expected = thematic
        if unit_type == "province" and area_cols:
            missing = [i for i in expected if i not in area_cols]
            if missing:
                names = {r.indicator: r.name_vi for r in areas_cb.itertuples()}
                raise SourceFormatError(
                    fname, sheet=sheet_name, row=hrow, column=names.get(missing[0], missing[0]),
                    message=f"area column missing: {', '.join(names.get(m, m) for m in missing)}",
                    expected=f"a column for every {index} {year} area: " + "; ".join(names[i] for i in expected),
                    found="columns " + "; ".join(c.label for c in layout.columns))
        if unit_type == "province" and not area_cols and not layout.one("index") and not layout.one("total"):
            raise SourceFormatError(fname, sheet=sheet_name, row=hrow, message="no score columns",
                                    expected="area columns, a total or an index (%) column")
    else:
        if not layout.one("index") and not layout.one("total"):
            raise SourceFormatError(fname, sheet=sheet_name, row=hrow, message="no SIPAS index column",
                                    expected="a column such as 'Chỉ số SIPAS (%)', 'Chỉ số hài lòng' or 'Index (%)'")
    cb_max = {r.indicator: (float(r.scale_max) if r.scale_max == r.scale_max else None) for r in cb.itertuples()}
    for ind, c in area_cols.items():
        if c.max_value is not None and cb_max.get(ind) is not None and abs(c.max_value - cb_max[ind]) > 1e-9:
            if index == "PAR":
                raise SourceFormatError(fname, sheet=sheet_name, row=hrow, column=c.label,
                                        message=f"the header states a maximum of {fmt_number(c.max_value)}",
                                        expected=f"the codebook maximum {fmt_number(cb_max[ind])} for {ind} in {year}")
        if c.max_value is None and cb_max.get(ind) is not None:
            c.max_value = cb_max[ind]
        if index == "SIPAS" and c.max_value is None:
            c.max_value = 100.0

    report = CleaningReport()
    src = f"import:{fname}" + (f"#{sheet_name}" if sheet_name is not None else "")
    for j, lab in layout.ignored:
        report.issue(src, sheet_name, hrow, None, lab, "column_ignored",
                     "the header names no area, total, index or rank; the column is not imported")
    unit_col, total_col, index_col, rank_col = (layout.one("unit"), layout.one("total"), layout.one("index"),
                                                layout.one("rank"))
    area_rank_cols = {c.indicator: c for c in layout.by_role("area_rank")}
    known_units = {u["unit_code"]: u for u in _read_imported_units()}
    from parlib.io.limits import UNITS, check_units

    max_units = UNITS.value()
    records = []     # one per unit
    seen_codes: dict[str, int] = {}
    for i in range(layout.data_start, len(df)):
        rown = i + 1
        cells = df.iloc[i].tolist()
        texts = [_cell_text(v) for v in cells]
        if all(t is None for t in texts):
            report.dropped(src, sheet_name, rown, None, "blank row")
            continue
        name = texts[unit_col.pos]
        numeric_pos = [c.pos for c in layout.columns if c.role in ("area", "total", "index", "rank", "area_rank")]
        has_numbers = any(texts[p] is not None for p in numeric_pos)
        first_text = next((t for t in texts if t is not None), "")
        if name is None and not has_numbers:
            report.dropped(src, sheet_name, rown, first_text[:60], "footnote or note row")
            continue
        if name is not None and _FOOT.match(fold(name)) and not has_numbers:
            report.dropped(src, sheet_name, rown, name[:60], "footnote or note row")
            continue
        if name is None:
            raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=unit_col.label,
                                    message="a row with scores but no unit name", expected="a unit name")
        if _looks_number(name):
            raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=unit_col.label,
                                    message="a number where the unit name belongs (columns shifted?)",
                                    expected="a unit name", found=name)
        if provinces.summary_label(name) is not None or alias_key(name) in (
                "trungbinh", "giatritrungbinh", "trungbinhcanuoc", "average", "nationalaverage"):
            report.dropped(src, sheet_name, rown, name, f"summary row ({name}), not a unit")
            continue
        # the unit
        code, uname, new_unit = _unit(name, unit_type, parent_code, known_units, fname, sheet_name, rown,
                                      unit_col.label)
        if code in seen_codes:
            raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=unit_col.label,
                                    message=f"duplicated unit {name!r} ({code} {uname}): already in row {seen_codes[code]}",
                                    expected="each unit once")
        seen_codes[code] = rown
        rec = {"row": rown, "name": name, "code": code, "uname": uname, "new": new_unit, "areas": {},
               "area_ranks": {}}
        for ind, c in area_cols.items():
            v = _parse_number(cells[c.pos], fname, sheet_name, rown, c.label)
            if v is None and index == "PAR" and unit_type == "province":
                raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=c.label, message="empty score",
                                        expected="a number")
            if v is not None:
                if v < 0 or (c.max_value is not None and v > to_decimal(c.max_value) + Decimal("1e-9")):
                    raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=c.label,
                                            expected=f"a score between 0 and {fmt_number(c.max_value) if c.max_value else 'its maximum'}",
                                            found=str(v))
            rec["areas"][ind] = v
        for ind, c in area_rank_cols.items():
            rec["area_ranks"][ind] = _rank(cells[c.pos], fname, sheet_name, rown, c.label)
        rec["total"] = _parse_number(cells[total_col.pos], fname, sheet_name, rown, total_col.label) if total_col else None
        rec["index"] = _parse_number(cells[index_col.pos], fname, sheet_name, rown, index_col.label) if index_col else None
        rec["rank"] = _rank(cells[rank_col.pos], fname, sheet_name, rown, rank_col.label) if rank_col else None
        for col, v in (("index", rec["index"]),):
            if v is not None and not (0 <= v <= 100):
                c = index_col
                raise SourceFormatError(fname, sheet=sheet_name, row=rown, column=c.label,
                                        expected="an index between 0 and 100 (%)", found=str(v))
        records.append(rec)
        report.kept(src, sheet_name, rown, name, code)
        if len(records) > max_units:  # refused as soon as the table has too many units
            check_units(len(records), fname, sheet=sheet_name, row=rown)
    if not records:
        raise SourceFormatError(fname, sheet=sheet_name, row=layout.data_start + 1, column=unit_col.label,
                                message="no unit rows under the header", expected="one row per unit")

    # ---- totals and index
    max_total = None
    if area_cols and all(c.max_value is not None for c in area_cols.values()):
        max_total = sum(to_decimal(c.max_value) for c in area_cols.values())
    if total_col is not None and total_col.max_value is not None:
        if max_total is not None and abs(max_total - to_decimal(total_col.max_value)) > TOL and index == "PAR":
            raise SourceFormatError(fname, sheet=sheet_name, row=hrow, column=total_col.label,
                                    message=f"the area maxima add up to {fmt_number(max_total)}",
                                    expected=f"the total's maximum {fmt_number(total_col.max_value)}")
        max_total = to_decimal(total_col.max_value)
    if index == "PAR" and max_total is None and (layout.one("total") or area_cols):
        max_total = Decimal(100) if unit_type == "province" else None
    for rec in records:
        vals = [v for v in rec["areas"].values() if v is not None]
        if index == "PAR" and rec["total"] is not None and area_cols and len(vals) == len(area_cols):
            s = sum(vals)
            if abs(s - rec["total"]) > TOL:
                raise SourceFormatError(fname, sheet=sheet_name, row=rec["row"], column=total_col.label,
                                        message=f"the total is not the sum of the areas ({' + '.join(fmt_number(v) for v in vals)} = {s})",
                                        expected=f"{s} (tolerance 0.01)", found=str(rec["total"]))
        if index == "PAR" and rec["total"] is None and area_cols and len(vals) == len(area_cols):
            rec["total"] = sum(vals)
        if index == "PAR":
            if rec["index"] is not None and rec["total"] is not None and max_total is not None:
                want = ministry_pct(rec["total"], max_total)
                exact = rec["total"] * 100 / max_total
                if abs(rec["index"] - want) > TOL and abs(rec["index"] - exact) > TOL:
                    raise SourceFormatError(fname, sheet=sheet_name, row=rec["row"], column=index_col.label,
                                            message=f"the index does not match the total {rec['total']} of {fmt_number(max_total)}",
                                            expected=f"{want}% (tolerance 0.01)", found=str(rec["index"]))
            if rec["index"] is None and rec["total"] is not None and max_total is not None:
                rec["index"] = ministry_pct(rec["total"], max_total)
                report.issue(src, sheet_name, rec["row"], rec["name"], "index", "derived",
                             "index (%) computed from the total (Ministry truncation)")
        else:
            if rec["index"] is None:
                rec["index"] = rec["total"]
        if rec["index"] is None:
            col = index_col or total_col or unit_col
            raise SourceFormatError(fname, sheet=sheet_name, row=rec["row"], column=col.label,
                                    message="no index value", expected="a number")

    # ---- units count
    n = len(records)
    if unit_type == "province" and n != PROVINCE_COUNT and not allow_partial and year < 2025:
        raise SourceFormatError(fname, sheet=sheet_name, row=records[-1]["row"], column=unit_col.label,
                                message=f"{n} provinces in the table", expected=f"{PROVINCE_COUNT} provinces "
                                "(pass --allow-partial for an excerpt)")

    # ---- ranks agree with scores (an empty rank column, as in an exported unranked table, is no rank column)
    if rank_col is not None and all(r["rank"] is None for r in records):
        rank_col = None
    for ind in [i for i in area_rank_cols if all(r["area_ranks"].get(i) is None for r in records)]:
        del area_rank_cols[ind]
    rank_of = PROVINCE_COUNT if unit_type == "province" and year < 2025 else n
    if rank_col is not None:
        _check_ranks(records, "index", lambda r: r["rank"], fname, sheet_name, rank_col.label, rank_of)
    for ind, c in area_rank_cols.items():
        _check_ranks(records, None, lambda r, ind=ind: r["area_ranks"].get(ind), fname, sheet_name, c.label,
                     rank_of, key=lambda r, ind=ind: r["areas"].get(ind))
    computed = {}
    for ind in area_cols:
        if ind in area_rank_cols:
            continue
        computed[ind] = _competition_ranks([(r["code"], r["areas"].get(ind)) for r in records])
    overall_computed = None
    if rank_col is None:
        overall_computed = _competition_ranks([(r["code"], r["index"]) for r in records])

    # ---- panel rows
    rows = []
    for rec in records:
        note = f"imported from {fname}, row {rec['row']}"
        utype = unit_type
        r0 = {"index": index, "year": year, "unit_code": rec["code"], "unit_name": rec["uname"],
              "unit_type": utype, "source": src, "note": note, "ci_low": None, "ci_high": None}
        flag = None
        rank = rec["rank"]
        if rank is None and overall_computed is not None:
            rank, flag = overall_computed[rec["code"]], "rank_computed"
        rows.append({**r0, "indicator": overall_code, "value": float(rec["index"]),
                     "max_value": 100.0, "rank": rank,
                     "rank_of": rank_of if rank is not None else None, "flag": flag})
        for ind, v in rec["areas"].items():
            c = area_cols[ind]
            if ind in area_rank_cols:
                rk, fl = rec["area_ranks"].get(ind), None
            else:
                rk, fl = computed[ind].get(rec["code"]), "rank_computed"
            if v is None:
                fl = "no_data"
            rows.append({**r0, "indicator": ind, "value": None if v is None else float(v),
                         "max_value": c.max_value, "rank": rk if v is not None else None,
                         "rank_of": (rank_of if rk is not None and v is not None else None), "flag": fl})
    panel = pd.DataFrame(rows)
    level = {r.indicator: r.level for r in cb.itertuples()}
    parent = {r.indicator: (r.parent or None) for r in cb.itertuples()}
    panel["level"] = panel["indicator"].map(level)
    panel["parent"] = panel["indicator"].map(parent)
    panel = normalise(panel)
    new_units = []
    for rec in records:
        if rec["new"] is not None:
            new_units.append(rec["new"])
    _validate(panel, new_units, fname)

    from parlib.paths import imported_dir

    target = imported_dir() / f"panel_{index.lower()}_{year}_{scope}.csv"
    report.metric(src, "units_imported", len(records), f"{index} {year} {scope}")
    res = ImportResult(panel, report, [r["code"] for r in records], new_units, target, scope, False)
    if not dry_run:
        _write(res, index, year)
        res.written = True
    return res


def _unit(name, unit_type, parent_code, known, fname, sheet, row, col):
    from parlib import provinces

    if unit_type == "province":
        try:
            u = provinces.resolve(name)
        except (UnknownProvinceError, AmbiguousProvinceError) as exc:
            raise SourceFormatError(fname, sheet=sheet, row=row, column=col, message=str(exc),
                                    expected="a province name") from None
        if u.unit_type != "province":
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


def _rank(v, fname, sheet, row, col):
    d = _parse_number(v, fname, sheet, row, col)
    if d is None:
        return None
    if d != d.to_integral() or d < 1:
        raise SourceFormatError(fname, sheet=sheet, row=row, column=col, expected="a whole rank >= 1", found=str(v))
    return int(d)


def _competition_ranks(pairs):
    """{code: rank} with ties sharing the best rank (1, 2, 2, 4); None values unranked."""
    vals = sorted((v for _, v in pairs if v is not None), reverse=True)
    first = {}
    for pos, v in enumerate(vals, start=1):
        first.setdefault(v, pos)
    return {c: (first[v] if v is not None else None) for c, v in pairs}


def _check_ranks(records, score_field, get_rank, fname, sheet, col, rank_of, key=None):
    key = key or (lambda r: r[score_field])
    ranked = [(key(r), get_rank(r), r) for r in records if get_rank(r) is not None and key(r) is not None]
    for s, rk, r in ranked:
        if rk > rank_of:
            raise SourceFormatError(fname, sheet=sheet, row=r["row"], column=col,
                                    expected=f"a rank between 1 and {rank_of}", found=str(rk))
    ranked.sort(key=lambda t: (-t[0], t[1]))
    # a higher score must never have a worse (larger) rank than a lower score; equal scores may
    # differ in rank (the Ministry ranks unrounded values)
    groups = []
    for s, rk, r in ranked:
        if groups and groups[-1][0] == s:
            groups[-1][1].append((rk, r))
        else:
            groups.append((s, [(rk, r)]))
    worst_above, worst_row, worst_score = 0, None, None
    for s, members in groups:
        for rk, r in members:
            if rk <= worst_above:
                raise SourceFormatError(
                    fname, sheet=sheet, row=r["row"], column=col,
                    message=f"rank {rk} with score {s} disagrees with row {worst_row} (score {worst_score}, rank {worst_above})",
                    expected=f"a rank worse than {worst_above} (ranks must follow the scores)", found=str(rk))
        m = max(rk for rk, _ in members)
        if m > worst_above:
            worst_above, worst_row, worst_score = m, max(members, key=lambda t: t[0])[1]["row"], s


def _validate(panel, new_units, fname):
    from parlib import provinces
    from parlib.errors import PanelValidationError
    from parlib.panel.schema import validate

    codes = set(provinces.units(scheme=None, include_historical=True)["unit_code"]) | {u["unit_code"] for u in new_units}
    try:
        validate(panel, unit_codes=codes)
    except PanelValidationError as exc:
        raise PanelValidationError(f"{fname}: the imported rows do not pass the panel schema: {exc}") from None


def _write(res: ImportResult, index, year):
    from parlib.io.atomic import staged_dir
    from parlib.panel.build import csv_bytes
    from parlib.paths import imported_dir

    out = imported_dir()
    with staged_dir(out, first=("units.csv",)) as stage:  # locked: units.csv is read-modify-written
        (stage / res.target.name).write_bytes(csv_bytes(res.panel))
        if res.new_units:
            existing = _read_imported_units()
            have = {u["unit_code"] for u in existing}
            allu = existing + [u for u in res.new_units if u["unit_code"] not in have]
            allu.sort(key=lambda u: u["unit_code"])
            buf = io.StringIO()
            w = csv.DictWriter(buf, UNIT_COLUMNS, lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            w.writerows(allu)
            (stage / "units.csv").write_text(buf.getvalue(), encoding="utf-8", newline="")
        rep = res.report.to_frame().to_csv(index=False, lineterminator="\n")
        (stage / f"import_report_{index.lower()}_{year}_{res.scope}.csv").write_text(rep, encoding="utf-8", newline="")


# ----------------------------------------------------------------------------------- export

def export_table(index: str, year: int, out, *, unit_type: str = "province", parent_unit: str | None = None,
                 locale: str = "en", title: str | None = None) -> Path:
    """Write an imported table back in the Ministry's shape (STT, unit, areas with maxima, total,
    index, rank). ``out`` ending in .xlsx gives a workbook; otherwise a CSV, plain (``locale="en"``)
    or Vietnamese-locale (``locale="vi"``: semicolon, decimal comma, BOM)."""
    import pandas as pd

    from parlib.io.atomic import atomic_path
    from parlib.io.safe_cells import csv_rows, xlsx_rows
    from parlib.codebook import for_year
    from parlib.paths import imported_dir

    index = str(index).upper()
    year = _check_params(index, year, unit_type)
    if locale not in ("en", "vi"):
        raise ParameterError("--locale", locale, ("en", "vi"))
    parent_code, _ = resolve_parent(parent_unit, unit_type)
    scope = scope_name(unit_type, parent_code)
    src = imported_dir() / f"panel_{index.lower()}_{year}_{scope}.csv"
    if not src.exists():
        raise ParlibError(f"nothing imported for {index} {year} ({scope}): {src.name} not in the imported folder")
    p = pd.read_csv(src, dtype={"unit_code": str, "flag": str, "note": str, "parent": str})
    cb = for_year(index, year)
    overall = cb[cb.level == "overall"].indicator.iloc[0]
    order = [i for i in cb[cb.level == "area"].indicator if i in set(p.indicator)]
    names = {r.indicator: r.name_vi for r in cb.itertuples()}
    comma = locale == "vi"
    header = ["STT", "Tỉnh, thành phố" if unit_type == "province" else "Đơn vị"]
    maxima = {}
    for ind in order:
        mv = p[p.indicator == ind].max_value.dropna()
        maxima[ind] = float(mv.iloc[0]) if len(mv) else None
        header.append(names[ind] + (f" ({fmt_number(maxima[ind], comma)})" if maxima[ind] is not None else ""))
    has_total = index == "PAR" and bool(order)
    if has_total:
        tot = sum(to_decimal(m) for m in maxima.values()) if all(m is not None for m in maxima.values()) else None
        header.append("Tổng điểm" + (f" ({fmt_number(tot, comma)})" if tot is not None else ""))
    header += ["Chỉ số (%)", "Xếp hạng"]
    wide = p.pivot(index="unit_code", columns="indicator", values="value")
    ranks = p[p.indicator == overall].set_index("unit_code")
    units = sorted(wide.index, key=lambda c: (ranks["rank"].get(c) if ranks["rank"].get(c) == ranks["rank"].get(c) else 10**9, c))
    uname = p.drop_duplicates("unit_code").set_index("unit_code")["unit_name"]
    body = []
    for k, code in enumerate(units, start=1):
        row = [str(k), uname[code]]
        vals = []
        for ind in order:
            v = wide.at[code, ind]
            vals.append(None if v != v else to_decimal(float(v)))
            row.append("" if v != v else fmt_number(float(v), comma))
        if has_total:
            row.append(fmt_number(sum(vals), comma) if all(v is not None for v in vals) else "")
        v = wide.at[code, overall]
        row.append("" if v != v else fmt_number(float(v), comma))
        rk = ranks["rank"].get(code)
        flag = ranks["flag"].get(code)
        row.append("" if rk != rk or rk is None or flag == "rank_computed" else str(int(rk)))
        body.append(row)
    title = title or f"{index} {year} ({scope}) - exported by parlib from an imported table"
    rows = [[title] + [""] * (len(header) - 1), header] + body
    out = Path(out)
    if out.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = f"{index} {year}"
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
    if isinstance(c, str) and c and _looks_number(c) and "," not in c:
        try:
            f = float(c)
            return int(f) if f.is_integer() and "." not in c else f
        except ValueError:
            return c
    return c if c != "" else None
