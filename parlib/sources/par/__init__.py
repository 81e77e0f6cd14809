"""PAR INDEX (Ministry of Home Affairs): the published facts in ``raw/par_index/``.

No full 63-province table was obtainable; the reader loads what is published (top and bottom
provinces, national and regional averages, one province's area scores, the 2012 top 19) with
flag ``published_fact`` and the source URL in the note. Full official tables are added by users
with ``parlib import`` (:mod:`parlib.tables.importer`). Rules for conflicting sources: :mod:`.facts`.
"""
from __future__ import annotations

from pathlib import Path

from parlib.errors import SourceFormatError
from parlib.sources import news_facts
from parlib.sources.catalog import layout_files
from parlib.sources.par.facts import (PROVINCE_COUNT, Record, consolidate, num, province_code, rank_int, read_csv_rows,
                    read_published, resolve_region)

__all__ = ["read", "records", "resolve_region"]
FOLDER = "par_index"
_FILES = layout_files("PAR")  # catalog.csv beside this module
FACTS = _FILES["published_facts"][0]
HF2012 = _FILES["hf_preview"][0]
COMPONENTS = _FILES["component_facts"][0]
HF_URL = "https://huggingface.co/datasets/letrinhan/vn-par-master"


def _hf2012(raw: Path, report, order_start: int):

    out, worst = [], 0.0
    for i, r in enumerate(read_csv_rows(raw, HF2012), start=2):
        name = r["unit_name"]
        try:
            code = province_code(name, HF2012, i, "unit_name")
            year, value, rank = int(r["year"]), num(r["par_index"]), rank_int(r["par_rank"])
            moha, survey = num(r["score_moha"]), num(r["score_survey"])
        except (ValueError, TypeError) as exc:
            raise SourceFormatError(HF2012, row=i, expected="numbers in par_index, par_rank, score_moha, score_survey",
                                    found=str(exc)) from None
        if str(r["unit_code"]).strip().zfill(2) != code:
            raise SourceFormatError(HF2012, row=i, column="unit_code", expected=f"{code} ({name})",
                                    found=r["unit_code"])
        note = "dataset-card preview row (third-party compilation by Le Tri Nhan, not an official MoHA file)"
        base = dict(index="PAR", year=year, unit_code=code, url=HF_URL, file=HF2012, row=i, unit_as_written=name,
                    kind="row", order=order_start + i)
        out.append(Record(indicator="PAR.overall", value=value, rank=rank, rank_of=PROVINCE_COUNT,
                          note=note + f"; appraisal {moha:g} + survey {survey:g}", **base))
        out.append(Record(indicator="PAR.appraisal", value=moha, rank=None, rank_of=None, note=note, **base))
        out.append(Record(indicator="PAR.survey", value=survey, rank=None, rank_of=None, note=note, **base))
        err = abs(value - (moha + survey))
        worst = max(worst, err)
        if err > 0.011:
            report.issue(HF2012, None, i, name, "par_index", "composite",
                         f"par_index {value} != score_moha + score_survey = {moha + survey:.2f}")
        report.kept(HF2012, None, i, name, code)
    report.metric(HF2012, "max |par_index - (score_moha + score_survey)|", round(worst, 6), "2012")
    return out


def _components(raw: Path, report, order_start: int):
    from parlib.tables.headers import match_label

    out = []
    for i, r in enumerate(read_csv_rows(raw, COMPONENTS), start=2):
        name = r["province_as_written"]
        code = province_code(name, COMPONENTS, i, "province_as_written")
        year = int(r["year"])
        try:
            m = match_label(r["area_en"], "PAR", year)
        except ValueError as exc:
            raise SourceFormatError(COMPONENTS, row=i, column="area_en", message=str(exc)) from None
        if m is None or m.role != "area":
            report.dropped(COMPONENTS, None, i, name, f"area {r['area_en']!r} matches no {year} PAR area")
            continue
        note = ("points (the page prints %), machine-translated page; "
                + (r.get("note") or "").strip())
        url = r["source_url"].strip()
        for y, v, rk, extra in ((year, r["score_points_this_year"], r["rank_this_year"], ""),
                                (year - 1, r["score_points_prev_year"], r["rank_prev_year"],
                                 f"{year - 1} figure from the {year} article (year order inferred); ")):
            try:
                val, rank = num(v), rank_int(rk)
            except (ValueError, TypeError) as exc:
                raise SourceFormatError(COMPONENTS, row=i, expected="numbers", found=str(exc)) from None
            if val is None and rank is None:
                continue
            out.append(Record("PAR", y, code, m.indicator, val, rank, PROVINCE_COUNT if rank else None, url,
                              COMPONENTS, i, name, extra + note, "row", order_start + i))
        report.kept(COMPONENTS, None, i, name, code)
    return out


def records(raw: Path, report) -> list[Record]:
    raw = Path(raw)
    recs = read_published(raw, FACTS, "PAR", "score_pct", report, 0)
    recs += _hf2012(raw, report, 1000)
    recs += _components(raw, report, 2000)
    for k, rel in enumerate(_FILES.get("facts_news", [])):
        recs += news_facts.records(raw, rel, "PAR", report, 3000 + 1000 * k)
    return recs


def read(raw, report):
    import pandas as pd

    rows = consolidate(records(raw, report), report, lambda r: r.file)
    return pd.DataFrame(rows)
