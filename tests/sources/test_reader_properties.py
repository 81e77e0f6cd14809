"""Property-based robustness tests (issue 9) over GENERATED tables (hypothesis; every table here
is synthetic, made up at test time -- not official data):

* the readers, fed generated workbooks/CSVs in the PCI and PAPI shapes (random provinces and
  spellings, random scores, summary rows, blank rows, repeated provinces, and sometimes one
  poisoned cell), raise nothing but ParlibError, and every raw row of the sheet body is either
  in the output or in the cleaning report;
* parlib.io.csvread reads UTF-8/UTF-16 text back exactly and refuses anything else with the line;
* ``parlib import`` followed by ``parlib export`` round-trips over encodings and generated header
  variants (the importer's own tests cover the PAR 2022-2030 area tables; these cover SIPAS and
  index-only tables, English/Vietnamese/unaccented headers, UTF-16, Windows-1258, xlsx).
"""
from __future__ import annotations

import contextlib
import csv
import io
import os
import random
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parlib import provinces
from parlib.errors import ParlibError, SourceFormatError
from parlib.panel.report import CleaningReport
from legacy_encodings import encode

UNITS = provinces.units("63")
UNITS = UNITS[UNITS.unit_type == "province"].reset_index(drop=True)
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spelling(draw, i):
    u = UNITS.iloc[i]
    return draw(st.sampled_from([u.name_vi, u.name_en, u.name_ascii, u.name_vi.upper(),
                                 "Tỉnh " + u.name_vi if u.kind == "province" else "TP. " + u.name_vi]))


def trim(rows):
    """Trailing blank rows do not exist in a saved workbook: leave them out of the generated sheet."""
    while rows and all(c is None for c in rows[-1]):
        rows.pop()
    return rows


def write_xlsx(path: Path, sheets: dict[str, list[list]]):
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def report_rows(rep: CleaningReport) -> pd.DataFrame:
    df = rep.to_frame()
    return df[df.kind == "row"]


# ---------------------------------------------------------------------------- PCI summary sheet
SUBS_2019 = ["Sub-Index 1: Entry Costs", "Land Access", "Transparency", "Time Costs", "Informal Charges",
             "Policy Bias", "Proactivity", "Business Support Services", "Labor Policy", "Law & Order"]
POISONS = [None, None, None, "text", "scale", "unknown", "negative"]


@st.composite
def pci_sheet(draw):
    idx = draw(st.lists(st.integers(0, len(UNITS) - 1), min_size=1, max_size=8, unique=True))
    rows, prov_rows = [["Province", "Rank", "The Weighted PCI Score in 2019", *SUBS_2019]], []
    for rank, i in enumerate(idx, start=1):
        subs = [draw(st.floats(0, 10, allow_nan=False)) for _ in SUBS_2019]
        rows.append([spelling(draw, i), rank, draw(st.floats(0, 100, allow_nan=False)), *subs])
        prov_rows.append(len(rows) - 1)
        if draw(st.integers(0, 5)) == 0:
            rows.append([None] * len(rows[0]))                      # blank row
        if draw(st.integers(0, 7)) == 0:
            rows.append(list(rows[-1]) if rows[-1][0] else list(rows[prov_rows[-1]]))  # repeated province
    for label in draw(st.lists(st.sampled_from(["Min", "Median", "Max", "Thấp nhất", "Trung vị", "Cao nhất"]),
                               max_size=3)):
        rows.append([label, None, 50.0, *[5.0] * 10])
    poison = draw(st.sampled_from(POISONS))
    if poison:
        r = draw(st.sampled_from(prov_rows))
        rows[r] = list(rows[r])
        col = draw(st.integers(3, 12))
        rows[r][{"text": col, "scale": col, "negative": col, "unknown": 0}[poison]] = {
            "text": "n.a. (see note)", "scale": 250.0, "negative": -1.5, "unknown": "Atlantis"}[poison]
    return trim(rows), idx, poison


@settings(max_examples=30, **SETTINGS)
@given(pci_sheet())
def test_pci_summary_reader_accounts_for_every_row(sheet):
    from parlib.sources.pci import catalog, summary_sheet

    rows, idx, poison = sheet
    with tempfile.TemporaryDirectory() as d:
        write_xlsx(Path(d) / "pci" / "synthetic.xlsx", {"S": rows})
        entry = catalog.Entry(file="synthetic.xlsx", years=(2019,), layout="summary_sheet", sheet="S",
                              header_rows=(1,), n_units=len(idx), content=frozenset({"sub", "overall", "rank"}),
                              priority=1, year_inferred=False, columns={})
        rep = CleaningReport()
        try:
            out = pd.DataFrame(summary_sheet.read(entry, d, rep))
        except ParlibError as exc:
            assert poison, f"a clean generated sheet was refused: {exc}"
            assert isinstance(exc, SourceFormatError) and exc.file == "pci/synthetic.xlsx" and exc.row
            return
    assert not poison, "a poisoned cell was accepted"
    logged = report_rows(rep)
    assert list(logged.row) == list(range(2, len(rows) + 1))   # every body row, once, in order
    kept = logged[logged.status == "kept"]
    assert len(kept) == len(idx) and logged[logged.status == "dropped"].reason.notna().all()
    assert set(out.unit_code) == set(kept.unit_code) == set(UNITS.unit_code.iloc[idx])
    assert len(out) == 11 * len(idx)


# ---------------------------------------------------------------------------- PAPI consolidated sheet
@st.composite
def papi_sheet(draw):
    """All 63 provinces in a random order and spelling; sometimes one poisoned cell, a province
    missing or a province twice (the reader must refuse those)."""
    from parlib.sources.papi import catalog

    (entry,) = catalog.of_layout("consolidated", [2012])
    sheet, layout = entry.sheet, entry.columns
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))  # the bulk (63 rows x 29 values) from one seed
    idx = list(range(len(UNITS)))
    rnd.shuffle(idx)
    head = ["tinhid", "tentinh_eng", "tentinh_vie"] + [c.header for c in layout]
    rows = [head, ["tinhid", "tentinh_eng", "tentinh_vie"] + [f"(vi) {h}" for h in head[3:]]]
    prov_rows = []
    for i in idx:
        u = UNITS.iloc[i]
        name = rnd.choice([u.name_vi, u.name_en, u.name_ascii, u.name_vi.upper(), "Tỉnh " + u.name_vi])
        vals = [rnd.choice([round(rnd.uniform(0.01, 2.5), 6)] * 8 + [None, "KCDL"]) for _ in layout]
        rows.append([float(int(u.unit_code)), u.name_en, name, *vals])
        prov_rows.append(len(rows) - 1)
        if rnd.random() < 0.05:
            rows.append([None] * len(head))
    if draw(st.booleans()):
        rows.append([999.0, "Highest", "Điểm cao nhất", *[2.0] * len(layout)])
    poison = draw(st.sampled_from([None, None, None, "text", "gso", "unknown", "missing", "twice"]))
    if poison:
        r = draw(st.sampled_from(prov_rows))
        rows[r] = list(rows[r])
        if poison == "text":
            rows[r][draw(st.integers(3, len(head) - 1))] = "seven"
        elif poison == "gso":
            rows[r][0] = 0.0 if rows[r][0] != 0.0 else 1.0
        elif poison == "unknown":
            rows[r][1] = rows[r][2] = "Atlantis"
        elif poison == "missing":
            del rows[r]
        else:
            rows[r] = list(rows[prov_rows[0] if r != prov_rows[0] else prov_rows[1]])
    return entry, layout, trim(rows), poison


@settings(max_examples=15, **SETTINGS)
@given(papi_sheet())
def test_papi_consolidated_reader_accounts_for_every_row(sheet):
    import dataclasses

    from parlib.sources.papi import rows as papi_rows

    entry, layout, rows, poison = sheet
    entry = dataclasses.replace(entry, file="PAPI_synthetic.xlsx")   # SYNTHETIC file name
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "papi" / "PAPI_synthetic.xlsx"
        write_xlsx(path, {entry.sheet: rows})
        rep = CleaningReport()
        try:
            out = pd.DataFrame(papi_rows.read_consolidated(entry, Path(d), rep))
        except ParlibError as exc:
            assert poison, f"a clean generated sheet was refused: {exc}"
            assert isinstance(exc, SourceFormatError) and "PAPI_synthetic.xlsx" in str(exc)
            assert exc.row or poison == "missing"
            return
    assert not poison, "a poisoned sheet was accepted"
    logged = report_rows(rep)
    assert list(logged.row) == list(range(3, len(rows) + 1))
    kept = logged[logged.status == "kept"]
    assert set(kept.unit_code) == set(out.unit_code) == set(UNITS.unit_code)
    assert len(out) == len(layout) * 63


# ---------------------------------------------------------------------------- csvread
CELL = st.one_of(st.sampled_from(list(UNITS.name_vi) + ["Điểm", "Xếp hạng", "KCDL", "", "1,5", "a;b", 'x"y']),
                 st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12))


@settings(max_examples=60, **SETTINGS)
@given(st.lists(st.lists(CELL, min_size=2, max_size=4), min_size=1, max_size=6),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "cp1258"]))
def test_csvread_reads_utf_back_and_refuses_legacy_encodings(rows, enc):
    from parlib.io.csvread import read_rows

    rows = [["year", "name"]] + rows
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    text = buf.getvalue()
    if enc == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        try:
            data = encode(text, enc)
        except UnicodeEncodeError:
            assume(False)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.csv"
        p.write_bytes(data)
        try:
            got = read_rows(p, "x/t.csv")
        except SourceFormatError as exc:
            assert enc == "cp1258" and not text.isascii(), exc
            assert str(exc).startswith("x/t.csv, row ") and "UTF-8" in str(exc)
            return
    assert enc != "cp1258" or text.isascii()
    assert got == [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


@settings(max_examples=60, **SETTINGS)
@given(st.binary(max_size=200))
def test_csvread_raises_only_parlib_errors_on_any_bytes(data):
    from parlib.io.csvread import read_dicts

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "t.csv"
        p.write_bytes(data)
        try:
            read_dicts(p)
        except ParlibError as exc:
            assert "t.csv" in str(exc) and d not in str(exc)


# ---------------------------------------------------------------------------- import / export
HEADERS = {  # role -> spellings (Vietnamese, unaccented, English, upper case)
    "stt": [None, "STT", "TT", "No.", "#"],
    "unit": ["Tỉnh, thành phố", "Tinh, thanh pho", "Province", "Địa phương", "TỈNH/THÀNH PHỐ"],
    "SIPAS": ["Chỉ số SIPAS (%)", "Chỉ số hài lòng", "Satisfaction index (%)", "SIPAS", "Chi so hai long (%)"],
    "PAR": ["Chỉ số CCHC (%)", "Chỉ số cải cách hành chính", "PAR INDEX (%)", "Index (%)", "Chi so CCHC"],
    "rank": [None, "Xếp hạng", "Xep hang", "Rank", "Thứ hạng"],
}


@contextlib.contextmanager
def imported_dir(path):
    old = os.environ.get("PARLIB_IMPORTED_DIR")
    os.environ["PARLIB_IMPORTED_DIR"] = str(path)
    provinces.clear_cache()
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PARLIB_IMPORTED_DIR", None)
        else:
            os.environ["PARLIB_IMPORTED_DIR"] = old
        provinces.clear_cache()


@st.composite
def official_table(draw, ranked: bool):
    index = draw(st.sampled_from(["PAR", "SIPAS"]))
    year = 2023
    idx = draw(st.lists(st.integers(0, len(UNITS) - 1), min_size=2, max_size=10, unique=True))
    scores = {i: draw(st.integers(5000, 10000)) / 100 for i in idx}
    order = sorted(idx, key=lambda i: -scores[i])
    rank = {}
    for pos, i in enumerate(order, start=1):
        rank.setdefault(scores[i], pos)
    stt, unit, ind = (draw(st.sampled_from(HEADERS[k])) for k in ("stt", "unit", index))
    rk = draw(st.sampled_from(HEADERS["rank"][1:])) if ranked else None
    comma = draw(st.booleans())
    head = [h for h in (stt, unit, ind, rk) if h is not None]
    body = []
    for k, i in enumerate(idx, start=1):
        v = f"{scores[i]:.2f}".replace(".", "," if comma else ".")
        r = [str(k) if stt else None, spelling(draw, i), v, str(rank[scores[i]]) if rk else None]
        body.append([c for c, h in zip(r, (stt, unit, ind, rk)) if h is not None])
    titles = [[f"SYNTHETIC {index} {year} - generated test table"]] * draw(st.integers(0, 2))
    foot = [["Ghi chú: dữ liệu giả lập (synthetic)"]] if draw(st.booleans()) else []
    fmt = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258", "xlsx"]))
    return index, year, titles + [head] + body + foot, {UNITS.unit_code.iloc[i]: scores[i] for i in idx}, \
        comma, fmt


@settings(max_examples=8, **SETTINGS)
@given(official_table(ranked=True), st.sampled_from(["en", "vi"]), st.sampled_from([".csv", ".xlsx"]))
def test_import_export_round_trip_over_encodings_and_headers(table, locale, suffix):
    round_trip(table, locale, suffix)


def test_import_export_round_trip_of_an_unranked_table():
    rows = [["Tỉnh, thành phố", "Chỉ số SIPAS (%)"], ["Hà Nội", "81.5"], ["Hà Giang", "79.25"],
            ["Cà Mau", "88"]]
    round_trip(("SIPAS", 2023, rows, {"01": 81.5, "02": 79.25, "96": 88.0}, False, "utf-8"), "en", ".csv")


def round_trip(table, locale, suffix):
    from parlib.tables.importer import export_table, import_table

    index, year, rows, scores, comma, fmt = table
    with tempfile.TemporaryDirectory() as d, imported_dir(Path(d) / "imported"):
        if fmt == "xlsx":
            src = Path(d) / "gen.xlsx"
            write_xlsx(src, {f"{index} {year}": rows})
        else:
            buf = io.StringIO()
            csv.writer(buf, delimiter=";" if comma else ",", lineterminator="\r\n").writerows(rows)
            src = Path(d) / f"gen_{fmt}.csv"
            src.write_bytes(encode(buf.getvalue(), fmt))
        a = import_table(src, index, year, allow_partial=True, replace=True,
                         encoding="cp1258" if fmt == "cp1258" else None).panel
        got = a[a.indicator == f"{index}.overall"].set_index("unit_code").value.to_dict()
        assert got == pytest.approx(scores, abs=0)
        out = export_table(index, year, Path(d) / f"back{suffix}", locale=locale)
        b = import_table(out, index, year, allow_partial=True, dry_run=True).panel
    cols = ["unit_code", "indicator", "value", "max_value", "rank", "rank_of", "flag"]
    pd.testing.assert_frame_equal(a[cols].reset_index(drop=True), b[cols].reset_index(drop=True))
