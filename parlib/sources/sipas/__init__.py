"""SIPAS (satisfaction index of public administrative services, Ministry of Home Affairs): the
published facts in ``raw/sipas/`` (national averages, top and bottom provinces, a dataset preview
for 2015 and 2017), flag ``published_fact``, URL in the note. Conflict rule: :mod:`parlib.sources.par.facts`.
Full official tables are added with ``parlib import --index SIPAS``.
"""
from __future__ import annotations

from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.sources import news_facts
from parlib.sources.catalog import layout_files
from parlib.sources.par.facts import (PROVINCE_COUNT, Record, consolidate, num, province_code, rank_int, read_csv_rows,
                         read_published)

FOLDER = "sipas"
_FILES = layout_files("SIPAS")  # catalog.csv beside this module
FACTS = _FILES["published_facts"][0]
HF = _FILES["hf_preview"][0]
HF_URL = "https://huggingface.co/datasets/letrinhan/vn-sipas-provincial"


def _hf(raw: Path, report, order_start: int):

    out = []
    for i, r in enumerate(read_csv_rows(raw, HF), start=2):
        name = r["geo_name"]
        code = province_code(name, HF, i, "geo_name")
        if str(r["geo_code"]).strip().zfill(2) != code:
            raise SourceFormatError(HF, row=i, column="geo_code", expected=f"{code} ({name})", found=r["geo_code"])
        try:
            year, value, rank = int(r["year"]), num(r["sipas_index"]), rank_int(r["sipas_rank"])
        except (ValueError, TypeError) as exc:
            raise SourceFormatError(HF, row=i, expected="year, sipas_index, sipas_rank numbers", found=str(exc)) from None
        note = "dataset-card preview row (third-party compilation by Le Tri Nhan)"
        rank_of = PROVINCE_COUNT
        if year < 2017:
            note += "; 2015 values are probably a pilot, not the national series (rank among the preview rows' set, total unknown)"
            rank_of = None
        out.append(Record("SIPAS", year, code, "SIPAS.overall", value, rank, rank_of, HF_URL, HF, i, name, note,
                          "row", order_start + i))
        report.kept(HF, None, i, name, code)
    return out


def records(raw: Path, report) -> list[Record]:
    raw = Path(raw)
    recs = read_published(raw, FACTS, "SIPAS", "sipas_pct", report, 0) + _hf(raw, report, 1000)
    for k, rel in enumerate(_FILES.get("facts_news", [])):
        recs += news_facts.records(raw, rel, "SIPAS", report, 2000 + 1000 * k)
    return recs


def read(raw, report):
    import pandas as pd

    return pd.DataFrame(consolidate(records(raw, report), report, lambda r: r.file))
