"""Published facts (news pages, dataset previews) → panel rows, with every source kept.

Shared by the PAR INDEX and SIPAS readers. Each raw row becomes one or more *records* (a value
and/or rank for one index, year, unit and indicator, with its URL). Notes sometimes state a second
figure: "+1.59 vs 2020" (→ a derived value for 2020), "=> 2018 = 89.06", "restates 2023 as 87.45",
"reports 91.81"; those become records too (kind "derived" or "note"), so that disagreements between
sources are found rather than overlooked.

Rule for one panel key (index, year, unit, indicator) with several records:

* the panel value is the first of: a value stated in a row of the file, a value stated in a note,
  a derived value; among equals, a government source (``*.gov.vn``, baochinhphu.vn) first, then
  file order. The rank likewise.
* values that differ (by more than 0.011 when one of them is derived, i.e. arithmetic on rounded
  published figures; otherwise at all), or ranks that differ, make a **conflict**: the panel row is
  flagged ``conflict`` and its note lists every value with its URL; the cleaning report has one
  ``conflict`` issue per record. Nothing is resolved silently.
* flags: ``published_fact`` always; ``rank_only`` when no value; ``derived`` when the value is
  arithmetic from a stated change; ``conflict`` as above.

National averages go on unit "VN", regional averages on "R-…" (:func:`resolve_region`); a fact about
an unnamed province ("lowest province") cannot be a panel row and is dropped with its reason.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parlib.errors import AmbiguousProvinceError, SourceFormatError, UnknownProvinceError
from parlib.registry.keys import alias_key
from parlib.sources.merge import by_key, disagreements, winner
from parlib.sources.units import resolve_unit

PROVINCE_COUNT = 63
_REGION_ALIASES = {  # alias_key → region unit code (spellings met in the facts files and common short forms)
    "trungdumiennuiphiabac": "R-NMM", "tdmnpb": "R-NMM", "northernmidlandsandmountainousareas": "R-NMM",
    "northernmidlandsandmountainous": "R-NMM",
    "dbsh": "R-RRD", "reddelta": "R-RRD",
    "bactrungbovaduyenhaimientrung": "R-NCC", "btbdhmt": "R-NCC", "btbvadhmt": "R-NCC",
    "northcentralandcentralcoastalareas": "R-NCC",
    "dnb": "R-SE", "southeastern": "R-SE", "southeastregion": "R-SE",
    "dbscl": "R-MRD", "mekongdelta": "R-MRD",
    "centralhighlands": "R-CH",
}
_GOV = re.compile(r"^https?://([a-z0-9-]+\.)*(gov\.vn|baochinhphu\.vn)(/|$)", re.I)


def resolve_region(name: str) -> str:
    """The region unit code ("R-RRD") for a region name in Vietnamese or English, any spelling."""
    from parlib import provinces

    key = alias_key(name)
    for r in provinces.regions().itertuples():
        if key in (alias_key(r.name_vi), alias_key(r.name_en)):
            return r.unit_code
    if key in _REGION_ALIASES:
        return _REGION_ALIASES[key]
    import difflib

    names = list(provinces.regions().name_vi)
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    raise UnknownProvinceError(name, close, scope="region name")


@dataclass
class Record:
    index: str
    year: int
    unit_code: str
    indicator: str
    value: float | None
    rank: int | None
    rank_of: int | None
    url: str
    file: str
    row: int
    unit_as_written: str
    note: str
    kind: str = "row"          # "row" (stated in a row), "note" (stated in a note), "derived"
    order: int = 0
    decimals: int | None = None  # decimals printed on the page, where known

    @property
    def gov(self) -> bool:
        return bool(_GOV.match(self.url or ""))

    def precedence(self):
        return ({"row": 0, "note": 1, "derived": 2}[self.kind], 0 if self.gov else 1, self.order)

    def cite(self) -> str:
        where = f"{self.file} row {self.row}" + (" (note)" if self.kind != "row" else "")
        return f"{self.url}; {where}"


def read_csv_rows(raw: Path, rel: str):
    from parlib.io.csvread import read_dicts

    path = Path(raw) / rel
    if not path.exists():
        raise SourceFormatError(rel, message="file not found in the raw folder", expected="the published facts file")
    return read_dicts(path, rel)[1]


def province_code(name: str, file: str, row: int, column: str) -> str:
    """The registry code of a province named in a facts file; an unknown or ambiguous name is a
    SourceFormatError naming the file, row and column (with the registry's suggestions)."""
    return resolve_unit(name, file, row=row, column=column).code


def num(s):
    s = (s or "").strip()
    if not s:
        return None
    return float(s.replace(",", "."))


def rank_int(s):
    s = (s or "").strip()
    if not s:
        return None
    f = float(s)
    if f != int(f) or f < 1:
        raise ValueError(f"rank {s!r}")
    return int(f)


# -- second figures stated in notes -----------------------------------------------------------
_CHANGE = re.compile(r"(?:^|;\s*)([+-]\d+(?:\.\d+)?)\s*(?:%|points?)?\s*vs\s*(\d{4})")
_IMPLIED = re.compile(r"=>\s*(\d{4})\s*[=~]?\s*~?(\d{2,3}\.\d+)")
_RESTATES = re.compile(r"restates\s+(\d{4})\s+as\s+(\d{2,3}\.\d+)")
_REPORTS = re.compile(r"([a-z0-9.-]+\.[a-z]{2,})\s+reports\s+(\d{2,3}\.\d+)"
                      r"(?:\s*\(([+-]\d+(?:\.\d+)?)\s*vs\s*(\d{4})\))?")


def note_records(base: Record) -> list[Record]:
    """Records for the second figures a note states (see module docstring)."""
    out, seen = [], set()
    note = base.note or ""

    def add(year, value, kind, url, text):
        key = (year, round(value, 4))
        if key in seen:
            return
        seen.add(key)
        out.append(Record(base.index, year, base.unit_code, base.indicator, value, None, None, url, base.file,
                          base.row, base.unit_as_written, text, kind, base.order))

    if base.value is not None:
        for m in _CHANGE.finditer(note):
            delta, y = float(m.group(1)), int(m.group(2))
            if y == base.year - 1:
                add(y, round(base.value - delta, 2), "derived", base.url,
                    f"derived: {base.year} value {base.value:g} {m.group(1)} vs {y} (note of {base.file} row {base.row})")
    for m in _IMPLIED.finditer(note):
        y, v = int(m.group(1)), float(m.group(2))
        if y != base.year:
            add(y, v, "derived", base.url, f"derived in the note of {base.file} row {base.row}: {m.group(0)}")
    for m in _RESTATES.finditer(note):
        y, v = int(m.group(1)), float(m.group(2))
        add(y, v, "note", f"{base.url} (a later article, per the note)",
            f"restated in a later article (note of {base.file} row {base.row}): {m.group(0)}")
    for m in _REPORTS.finditer(note):
        v = float(m.group(2))
        add(base.year, v, "note", m.group(1), f"{m.group(1)} reports {v:g} (note of {base.file} row {base.row})")
        if m.group(3) and int(m.group(4)) == base.year - 1:  # its own stated change applies to its own figure
            add(int(m.group(4)), round(v - float(m.group(3)), 2), "derived", m.group(1),
                f"derived: {m.group(1)} {base.year} value {v:g} {m.group(3)} vs {m.group(4)} "
                f"(note of {base.file} row {base.row})")
    return out


# -- consolidation -------------------------------------------------------------------------------
def _tol(a: Record, b: Record) -> float:
    return 0.011 if "derived" in (a.kind, b.kind) else 0.0005


def _rank_of(rrec: Record | None, recs: list[Record]) -> tuple[int | None, str]:
    """The denominator of the panel rank: the winning record's; when its page gives the place
    without one, the denominator of another record of the same key giving the SAME place (with
    a note naming that record); else None (the place stays, its denominator unknown)."""
    if rrec is None or rrec.rank_of is not None:
        return (rrec.rank_of if rrec else None), ""
    for r in recs:
        if r.kind == "row" and r.rank == rrec.rank and r.rank_of is not None:
            return r.rank_of, f"denominator {r.rank_of} from {r.cite()} (same place)"
    return None, ""


def consolidate(records: list[Record], report, source_of) -> list[dict]:
    """Panel rows from records (see module docstring for the rule)."""
    rows = []
    for key, recs in by_key(records, key=lambda r: (r.index, r.year, r.unit_code, r.indicator),
                            precedence=Record.precedence):
        vrec = winner(recs, lambda r: r.value is not None)
        vrec = vrec if vrec.value is not None else None
        rrec = winner(recs, lambda r: r.rank is not None)
        rrec = rrec if rrec.rank is not None else None
        conflict = bool(vrec and disagreements(vrec, recs, lambda r: r.value, _tol))
        if rrec and any(r.rank is not None and r.rank != rrec.rank for r in recs):
            conflict = True
        # a derived value alone on its key that nothing contradicts is still only derived
        flags = ["published_fact"]
        if vrec is None:
            flags.append("rank_only")
        elif vrec.kind == "derived":
            flags.append("derived")
        if conflict:
            flags.append("conflict")
        main = vrec or rrec
        own = [r for r in recs if r.kind == "row"]
        text = (own[0].note if own else main.note) or ""
        urls = []
        for r in recs:
            c = r.url
            if c not in urls:
                urls.append(c)
        note = text.strip()
        if conflict:
            parts = []
            for r in recs:
                desc = (f"{r.value:g}" if r.value is not None else "no value") + \
                       (f" rank {r.rank}" if r.rank is not None else "") + \
                       (" (derived)" if r.kind == "derived" else "")
                parts.append(f"{desc} [{r.cite()}]")
            note = (note + " | " if note else "") + "CONFLICT between sources: " + " vs ".join(parts) + \
                "; panel shows the first (row-stated > note-stated > derived; government source first)"
            for r in recs:
                report.issue(source_of(r), None, r.row, r.unit_as_written,
                             r.indicator, "conflict",
                             f"{key[0]} {key[1]} {key[2]} {key[3]}: {r.value if r.value is not None else 'no value'}"
                             f"{' rank ' + str(r.rank) if r.rank is not None else ''} ({r.kind}) from {r.url}")
        note = (note + " | " if note else "") + ("sources: " if len(urls) > 1 else "source: ") + "; ".join(urls)
        rank_of, of_note = _rank_of(rrec, recs)
        if of_note:
            note += " | " + of_note
        rows.append({
            "index": key[0], "year": key[1], "unit_code": key[2], "indicator": key[3],
            "value": vrec.value if vrec else None,
            "rank": rrec.rank if rrec else None,
            "rank_of": rank_of,
            "flag": ";".join(flags), "source": source_of(main), "note": note,
        })
    return rows


def unit_for(level: str, name: str, file: str, row: int):
    """Unit code for a facts row: province names through the registry, averages on VN / regions."""
    from parlib import provinces

    level = (level or "").strip()
    if level == "national_avg":
        return "VN"
    if level == "region_avg":
        return resolve_region(name)
    if level == "province":
        return provinces.resolve(name).code
    raise SourceFormatError(file, row=row, column="level", expected="province, national_avg or region_avg",
                            found=level)


def read_published(raw: Path, rel: str, index: str, value_col: str, report, order_start: int = 0):
    """Records from a ``*_published_facts.csv`` file (columns year, level, name_as_written, <value>,
    rank, note, source_url); every row logged in the report."""
    records = []
    indicator = f"{index}.overall"
    for i, r in enumerate(read_csv_rows(raw, rel), start=2):
        name = r.get("name_as_written", "")
        try:
            code = unit_for(r.get("level"), name, rel, i)
        except (UnknownProvinceError, AmbiguousProvinceError) as exc:
            report.dropped(rel, None, i, name, f"no unit to put it on ({exc}); the fact stays in the raw file")
            report.issue(rel, None, i, name, "value", "unplaced_fact",
                         f"{r.get('year')} {value_col}={r.get(value_col)} rank={r.get('rank')}: {r.get('note')} "
                         f"({r.get('source_url')})")
            continue
        try:
            year = int(r["year"])
            value, rank = num(r.get(value_col)), rank_int(r.get("rank"))
        except (TypeError, ValueError) as exc:
            raise SourceFormatError(rel, row=i, column=value_col, expected="a year, a number and a whole rank",
                                    found=str(exc)) from None
        if value is None and rank is None:
            report.dropped(rel, None, i, name, "neither a value nor a rank")
            continue
        note = (r.get("note") or "").strip()
        kind = "derived" if note.lower().startswith("derived") else "row"
        rec = Record(index, year, code, indicator, value, rank,
                     PROVINCE_COUNT if (rank is not None and code not in ("VN",) and not code.startswith("R-")) else None,
                     (r.get("source_url") or "").strip(), rel, i, name, note, kind, order_start + i)
        records.append(rec)
        records.extend(note_records(rec))
        report.kept(rel, None, i, name, code)
    return records
