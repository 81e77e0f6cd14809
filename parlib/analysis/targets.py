"""Provincial targets checked against the results: met, missed or not yet published, by how much,
and how realistic the target was.

A plans table has the columns ``unit, index, year, indicator, target_score, target_rank, source``
(CSV or Excel, first sheet). ``indicator`` is ``overall`` or criterion names/codes (several
separated by commas: one check each); ``target_score`` and ``target_rank`` take the forms of
:mod:`parlib.analysis.target_forms` (a number, "top N", a band, a change). Each goal gives one
row of :func:`check`:

* ``status``: "met", "missed", "not yet published" (the year is after the index's latest year in
  the panel), "no data" (the panel has no result for it), or "not checkable" (no year given, a
  tier such as VCCI's "Tốt" that the panel does not hold, ranks of different denominators);
* ``gap_points`` (result − target, or achieved change − target change) and ``gap_places``
  (target rank − result rank, or places gained − places targeted): negative = missed by;
* **feasibility**: the move the target required from the previous survey (points or places) and
  the share of past comparable year-on-year moves at least as large: every unit of the same index
  and indicator, consecutive surveys up to the base year, within one methodology era — the target
  year's era, or, when that era starts with the target year, the base year's era (said in
  ``feasibility_pool``).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from parlib.analysis.context import DEFAULT_UNIT_TYPE, cb_year, context, era_of, fmt, unit_name
from parlib.analysis.target_forms import (BAND, CHANGE, LEVEL, RANK, SCORE, TIER, FormError, Goal,
                                          match_indicators, parse_rank, parse_score)
from parlib.errors import ParlibError, SourceFormatError
from parlib.numbers import missing as _isna

PLAN_COLUMNS = ("unit", "index", "year", "indicator", "target_score", "target_rank", "source")
STATUSES = ("met", "missed", "not yet published", "no data", "not checkable")


def read_plans(path) -> pd.DataFrame:
    """A plans table from CSV or Excel (first sheet, header on the first row); ``row`` = file row.
    SourceFormatError naming the file, row and column when a required column is missing."""
    p = Path(path)
    if not p.exists():
        raise SourceFormatError(str(path), message="no such file", expected="a plans table "
                                "(CSV or Excel) with columns " + ", ".join(PLAN_COLUMNS))
    if p.suffix.lower() in (".xlsx", ".xls", ".xlsm", ".ods"):
        from parlib.io.excel import read_sheet

        raw = read_sheet(p, 0)
        header = [str(h).strip() if h is not None else "" for h in raw.iloc[0]]
        body = raw.iloc[1:].dropna(how="all")
        df = pd.DataFrame(body.to_numpy(), columns=header)
        df.insert(0, "row", body.index + 1)
    else:
        from parlib.io.csvread import read_dicts

        header, rows = read_dicts(p, p.name)
        df = pd.DataFrame(rows, columns=header)
        df.insert(0, "row", range(2, 2 + len(df)))
    missing = [c for c in PLAN_COLUMNS if c not in df.columns]
    if missing:
        raise SourceFormatError(p.name, row=1, column=missing[0], message="column missing",
                                expected="columns " + ", ".join(PLAN_COLUMNS),
                                found=", ".join(str(c) for c in df.columns if c != "row"))
    df.attrs["file"] = p.name
    return df


def _cell(v):
    return None if v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == "" \
        else v


def _expand(plans: pd.DataFrame, ctx, file: str) -> list[dict]:
    """One dict per (row, indicator, goal); errors name the file, row and column."""
    from parlib.analysis.context import INDICES, unit_code

    out = []
    for rec in plans.to_dict("records"):
        row = rec.get("row")

        def bad(col, msg, expected=None):
            return SourceFormatError(file, row=row, column=col, message=msg, expected=expected,
                                     found=str(rec.get(col)))
        try:
            code = unit_code(str(rec["unit"]))
        except ParlibError as exc:
            raise bad("unit", str(exc).splitlines()[0]) from None
        index = str(rec["index"] or "").strip().upper()
        if index not in INDICES:
            raise bad("index", "unknown index", ", ".join(INDICES))
        year = _cell(rec["year"])
        try:
            year = None if year is None else int(float(str(year).strip()))
        except ValueError:
            raise bad("year", "not a year", "a year such as 2021 (or empty)") from None
        cb_rows = _cb_rows(ctx, index, year)
        try:
            inds = match_indicators(_cell(rec["indicator"]), cb_rows)
            goals = [g for g in [parse_score(_cell(rec["target_score"]))] if g]
        except FormError as exc:
            col = "indicator" if "criterion" in str(exc) else "target_score"
            raise bad(col, str(exc)) from None
        try:
            goals += parse_rank(_cell(rec["target_rank"]))
        except FormError as exc:
            raise bad("target_rank", str(exc)) from None
        if not goals:
            raise bad("target_score", "neither target_score nor target_rank is given",
                      "a score and/or a rank target")
        for ind in inds:
            for g in goals:
                out.append({"row": row, "unit_code": code, "index": index, "year": year,
                            "indicator": ind, "goal": g, "source": _cell(rec.get("source")) or "",
                            "quote": _cell(rec.get("quote")) or ""})
    return out


def _cb_rows(ctx, index, year):
    cb = ctx.cb[ctx.cb["index"] == index]
    y = year if year is not None and not cb_year(ctx.cb, index, year).empty else int(cb.year_to.max())
    rows = cb_year(ctx.cb, index, y)
    return rows[rows.level != "overall"].drop_duplicates("indicator")


def _result(ctx, index, year, ind, code, unit_type):
    """(value, rank, rank_of, kind) of a unit in one year as the panel holds them; Nones when
    absent (see :func:`parlib.analysis.rank_simulation.panel_ranks`)."""
    from parlib.analysis.rank_simulation import panel_ranks

    if year not in ctx.available_years(index, unit_type):
        return None, None, None, None
    yd = ctx.year(index, year, unit_type)
    v = yd.col("value", ind).get(code, np.nan)
    if pd.isna(v):
        return None, None, None, None
    pr = panel_ranks(ctx, index, year, unit_type, ind, [code]).iloc[0]
    if pd.isna(pr["rank"]):
        return float(v), None, None, None
    return float(v), int(pr["rank"]), int(pr["rank_of"]), pr["kind"]


def _overall(ctx, index, year):
    try:
        return ctx.overall(index, year)
    except ParlibError:
        latest = int(ctx.cb[ctx.cb["index"] == index].year_to.max())
        return ctx.overall(index, latest)


def _years_with(ctx, index, ind, unit_type):
    """Years in which ``ind`` has at least one value (PCI 2023: sub-indices but no overall)."""
    key = ("targets_years", index, ind, unit_type)
    if key not in ctx.memo:
        ctx.memo[key] = [y for y in ctx.available_years(index, unit_type)
                         if ctx.year(index, y, unit_type).col("value", ind).notna().any()]
    return ctx.memo[key]


def _base_year(ctx, index, ind, code, year, goal, unit_type):
    if goal.base_year:
        return goal.base_year
    ys = [y for y in ctx.available_years(index, unit_type) if y < year
          and _result(ctx, index, y, ind, code, unit_type)[0] is not None]
    return ys[-1] if ys else None


def _pool(ctx, index, ind, measure, base_year, year, unit_type):
    """Past comparable year-on-year moves: (array, description)."""
    from parlib.analysis.trends import yoy

    key = ("targets_yoy", index, ind, unit_type)
    if key not in ctx.memo:
        d = yoy(index, indicator=ind, unit_type=unit_type, panel=ctx.panel, codebook=ctx.cb)
        d = d.sort_values(["unit_code", "year"])
        d["prev_rank_of"] = d.groupby("unit_code")["rank_of"].shift(1)
        d["era"] = [era_of(ctx.cb, index, ind, y) for y in d["year"]]
        ctx.memo[key] = d[d["prev_year"].notna() & d["comparable"].astype(bool)]
    d = ctx.memo[key]
    d = d[d["year"] <= base_year]
    era_t, era_b = era_of(ctx.cb, index, ind, year), era_of(ctx.cb, index, ind, base_year)
    note = ""
    pick = d[d["era"] == era_t] if era_t else d.iloc[0:0]
    if pick.empty:
        eras = [x for x in (era_b, *reversed(list(dict.fromkeys(d["era"])))) if x]
        era_u = next((x for x in eras if (d["era"] == x).any()), era_b)
        pick = d[d["era"] == era_u]
        if era_t and era_t != era_u:
            note = f"; no past moves within era {era_t}: moves of era {era_u} used"
    if measure == RANK:
        pick = pick[pick["rank_change"].notna() & (pick["rank_of"] == pick["prev_rank_of"])]
        vals = pick["rank_change"].astype(float).to_numpy()
    else:
        vals = pick["change"].astype(float).dropna().to_numpy()
    if not len(vals):
        return vals, f"no comparable past moves{note}"
    y0, y1 = int(pick["prev_year"].min()), int(pick["year"].max())
    return vals, f"{len(vals)} moves {y0}→{y1} (era {pick['era'].iloc[0]}, all units){note}"


def _evaluate(ctx, e: dict, unit_type: str) -> dict:
    """The verdict on one goal (see the module docstring for the columns)."""
    from parlib.panel.ranks import Rank, move

    g: Goal = e["goal"]
    index, year, code = e["index"], e["year"], e["unit_code"]
    out = {"status": None, "result_value": None, "result_rank": None, "rank_of": None,
           "rank_kind": None, "base_year": None, "base_value": None, "base_rank": None,
           "gap_points": None, "gap_places": None, "required_move": None, "feasibility": None,
           "feasibility_n": None, "feasibility_pool": "", "note": ""}
    ind = _overall(ctx, index, year or 0) if e["indicator"] == "overall" else e["indicator"]
    out["indicator_code"] = ind
    if year is None:
        out.update(status="not checkable", note="the target gives no year")
        return out
    if g.measure == TIER:
        out.update(status="not checkable", note="the panel holds no tier (VCCI's 'Tốt', 'Khá'... "
                   "groups): check it against the published report")
    years = _years_with(ctx, index, ind, unit_type)
    v, r, n, kind = _result(ctx, index, year, ind, code, unit_type)
    out.update(result_value=v, result_rank=r, rank_of=n, rank_kind=kind)
    base = _base_year(ctx, index, ind, code, year, g, unit_type)
    if base is not None:
        bv, br, bn, bk = _result(ctx, index, base, ind, code, unit_type)
        out.update(base_year=base, base_value=bv, base_rank=br)
    else:
        bv = br = bn = bk = None
    if g.measure != TIER:
        _feasibility(ctx, out, g, e, ind, base, bv, br, unit_type)
    if out["status"]:
        return out
    if not years or year > max(years):
        out.update(status="not yet published",
                   note=f"latest {index} year in the panel: {max(years) if years else 'none'}")
        return out
    if v is None or (g.measure == RANK and r is None):
        n = int(ctx.year(index, year, unit_type).col("value", ind).notna().sum()) \
            if year in ctx.available_years(index, unit_type) else 0
        out.update(status="no data", note=f"no {index} {year} result for {ind} in the panel "
                   f"({n} {unit_type} values that year)")
        return out
    hib = ctx.hib(index, ind, year)
    sign = 1 if hib else -1
    if g.measure == SCORE and g.kind == LEVEL:
        gap = sign * (v - g.value)
        out["gap_points"] = round(gap, 6)
    elif g.measure == SCORE:
        if bv is None:
            out.update(status="no data", note=f"no {index} {base or 'earlier'} result to measure "
                       "the change from")
            return out
        gap = sign * (v - bv) - g.value
        out["gap_points"] = round(gap, 6)
    elif g.kind in (LEVEL, BAND):
        limit = g.value if g.kind == LEVEL else g.high
        gap = limit - r
        out["gap_places"] = int(gap)
        if g.kind == BAND and r < g.value:
            out["note"] = "better than the band"
    else:
        d = move(Rank(br, bn, bk), Rank(r, n, kind)) if br is not None else None
        if d is None:
            out.update(status="not checkable",
                       note=f"no {base} rank comparable with the {year} rank (ranks of the same "
                            f"kind and denominator only: {base} {bk or 'none'} #{br}/{bn}, "
                            f"{year} {kind} #{r}/{n})")
            return out
        gap = d - g.value
        out["gap_places"] = int(gap)
    out["status"] = "met" if gap >= -1e-9 else "missed"
    return out


def _feasibility(ctx, out, g, e, ind, base, bv, br, unit_type):
    year, index = e["year"], e["index"]
    ys = [y for y in _years_with(ctx, index, ind, unit_type) if y < year]
    if base is None or (g.base_year is None and ys and base != ys[-1]):
        out["feasibility_pool"] = "no result in the survey before the target year"
        return
    if year - base != 1:
        out["feasibility_pool"] = (f"the last result before {year} is {base}: no year-on-year "
                                   "base to measure the required move from")
        return
    if g.measure == SCORE:
        need = (g.value - bv) if (g.kind == LEVEL and bv is not None) else \
            (g.value if g.kind == CHANGE else None)
    else:
        lim = g.value if g.kind in (LEVEL, CHANGE) else g.high
        need = g.value if g.kind == CHANGE else ((br - lim) if br is not None else None)
    if need is None:
        return
    vals, desc = _pool(ctx, index, ind, g.measure, base, year, unit_type)
    out["required_move"] = round(float(need), 6)
    out["feasibility_pool"] = desc
    if len(vals):
        out["feasibility"] = float(np.mean(vals >= need - 1e-9))
        out["feasibility_n"] = int(len(vals))
    era_t, era_b = era_of(ctx.cb, index, ind, year), era_of(ctx.cb, index, ind, base)
    if era_t and era_b and era_t != era_b:
        out["note"] = (out["note"] + "; " if out["note"] else "") + \
            f"the required move crosses a methodology change ({base} era {era_b} → {year} era {era_t})"


def check(plans, *, unit_type: str = DEFAULT_UNIT_TYPE, panel=None, codebook=None) -> pd.DataFrame:
    """Every goal of a plans table (a DataFrame as :func:`read_plans` returns, or a path) checked
    against the panel. Columns: row, unit_code, unit_name, index, year, indicator, goal, goal_vi,
    measure, kind, target, target_high, status, result_value, result_rank, rank_of, rank_kind,
    gap_points, gap_places, base_year, base_value, base_rank, required_move, feasibility (share),
    feasibility_n, feasibility_pool, note, source, text_en, text_vi."""
    if not isinstance(plans, pd.DataFrame):
        plans = read_plans(plans)
    ctx = context(panel, codebook)
    file = plans.attrs.get("file", "plans table")
    rows = []
    for e in _expand(plans, ctx, file):
        g = e["goal"]
        res = _evaluate(ctx, e, unit_type)
        rows.append({"row": e["row"], "unit_code": e["unit_code"],
                     "unit_name": unit_name(e["unit_code"], "vi"), "index": e["index"],
                     "year": e["year"], "indicator": res.pop("indicator_code"),
                     "goal": g.describe("en"), "goal_vi": g.describe("vi"), "measure": g.measure,
                     "kind": g.kind, "target": g.value, "target_high": g.high,
                     "written": g.text, **res, "source": e["source"], "quote": e["quote"]})
    out = pd.DataFrame(rows)
    if len(out):
        out["year"] = out["year"].astype("Int64")
        for c in ("result_rank", "rank_of", "base_year", "base_rank", "gap_places",
                  "feasibility_n"):
            out[c] = pd.array(pd.to_numeric(out[c], errors="coerce"), dtype="Float64").astype("Int64")
        out["text_en"] = [sentence(r, "en") for r in out.to_dict("records")]
        out["text_vi"] = [sentence(r, "vi") for r in out.to_dict("records")]
    out.attrs["file"] = file
    return out


def check_published(raw=None, **kw) -> pd.DataFrame:
    """:func:`check` of the published targets in the raw folder (``targets/``)."""
    from parlib.sources.targets import read_published

    return check(read_published(raw), **kw)




_VI = [  # the English notes of _evaluate and _pool, in Vietnamese (regex, replacement)
    (r"the target gives no year", "mục tiêu không ghi năm"),
    (r"the panel holds no tier \(VCCI's 'Tốt', 'Khá'\.\.\. groups\): check it against the "
     r"published report", "dữ liệu không có nhóm xếp loại ('Tốt', 'Khá'... của VCCI): đối chiếu "
     "với báo cáo công bố"),
    (r"latest (\w+) year in the panel: (\S+)", r"năm \1 mới nhất trong dữ liệu: \2"),
    (r"no (\w+) (\d+) result for (\S+) in the panel \((\d+) (\w+) values that year\)",
     r"không có kết quả \1 \2 cho \3 trong dữ liệu (năm đó có \4 giá trị)"),
    (r"no (\w+) (\d+) result to measure the change from",
     r"không có kết quả \1 \2 để tính mức thay đổi"),
    (r"no (\w+) earlier result to measure the change from",
     r"không có kết quả \1 trước đó để tính mức thay đổi"),
    (r"better than the band", "tốt hơn nhóm mục tiêu"),
    (r"no (\d+) rank comparable with the (\d+) rank \(ranks of the same kind and denominator "
     r"only: ", r"thứ hạng \1 và \2 không so sánh được (chỉ so sánh thứ hạng cùng loại, cùng mẫu số: "),
    (r"the required move crosses a methodology change", "mức thay đổi cần thiết vượt qua lần "
     "thay đổi phương pháp"),
    (r"(\d+) moves (\d+)→(\d+) \(era (\S+), all units\)",
     r"\1 lần thay đổi \2→\3 (giai đoạn \4, mọi tỉnh)"),
    (r"no past moves within era (\S+): moves of era (\S+) used",
     r"chưa có thay đổi nào trong giai đoạn \1: dùng giai đoạn \2"),
    (r"no comparable past moves", "không có thay đổi so sánh được trước đó"),
    (r"no result in the survey before the target year", "không có kết quả năm liền trước"),
    (r"the last result before (\d+) is (\d+): no year-on-year base to measure the required move "
     r"from", r"kết quả gần nhất trước \1 là năm \2: không có mốc năm liền trước"),
    (r"\bera\b", "giai đoạn"),
]


def _vi(text: str) -> str:
    import re

    for pat, rep in _VI:
        text = re.sub(pat, rep, text)
    return text


def sentence(r: dict, lang: str = "en") -> str:
    """One row of :func:`check` in words."""
    vi = lang == "vi"
    name = unit_name(r["unit_code"], "vi")
    ind = "" if str(r["indicator"]).endswith((".overall", ".total")) else f" {r['indicator']}"
    yr = "" if _isna(r["year"]) else f" {int(r['year'])}"
    head = f"{name}, {r['index']}{yr}{ind}: {r['goal_vi'] if vi else r['goal']}"
    st = r["status"]
    res = ""
    if not _isna(r["result_value"]):
        rk = "" if _isna(r["result_rank"]) else (
            f", {'hạng' if vi else 'rank'} {int(r['result_rank'])}/{int(r['rank_of'])}"
            + ("*" if r.get("rank_kind") == "computed" else ""))
        res = f" ({'kết quả' if vi else 'result'} {fmt(r['result_value'], 2, lang)}{rk})"
    if st in ("met", "missed"):
        gp, gl = r["gap_points"], r["gap_places"]
        amount = (f"{fmt(abs(gp), 2, lang)} {'điểm' if vi else 'points'}" if not _isna(gp) else
                  f"{abs(int(gl))} {'bậc' if vi else ('place' if abs(int(gl)) == 1 else 'places')}")
        if vi:
            verdict = ("đạt" + (f", vượt {amount}" if (not _isna(gp) and gp > 0) or
                                (not _isna(gl) and gl > 0) else "")) if st == "met" \
                else f"không đạt, thiếu {amount}"
        else:
            verdict = ("met" + (f" by {amount}" if (not _isna(gp) and gp > 0) or
                                (not _isna(gl) and gl > 0) else "")) if st == "met" \
                else f"missed by {amount}"
    else:
        verdict = {"not yet published": "chưa công bố kết quả", "no data": "không có dữ liệu",
                   "not checkable": "không kiểm tra được"}[st] if vi else st
    text = f"{head} — {verdict}{res}."
    if not _isna(r["feasibility"]):
        unit = ("điểm" if vi else "points") if r["measure"] == SCORE else ("bậc" if vi else "places")
        need = fmt(r["required_move"], 2 if r["measure"] == SCORE else 0, lang)
        sign = "+" if r["required_move"] > 0 else ""
        share = fmt(100 * r["feasibility"], 0, lang)
        text += (f" Cần thay đổi {sign}{need} {unit} so với {int(r['base_year'])}: {share}% "
                 f"trong {int(r['feasibility_n'])} lần thay đổi trước đây đạt mức đó."
                 if vi else
                 f" It required {sign}{need} {unit} on {int(r['base_year'])}: {share}% of "
                 f"{int(r['feasibility_n'])} past comparable moves were at least that large.")
        pool = _vi(r["feasibility_pool"]) if vi else r["feasibility_pool"]
        text = text[:-1] + f" [{pool}]."
    if r.get("note"):
        text += f" ({_vi(r['note']) if vi else r['note']})"
    return text


_HEAD = {"en": ("Targets", "Target", "Result", "Verdict", "Feasibility"),
         "vi": ("Mục tiêu", "Mục tiêu", "Kết quả", "Đánh giá", "Khả thi")}
STATUS_VI = {"met": "đạt", "missed": "không đạt", "not yet published": "chưa công bố",
              "no data": "không có dữ liệu", "not checkable": "không kiểm tra được"}


def targets_html(unit, year: int, lang: str, targets, *, panel=None, codebook=None) -> str:
    """A small HTML section (``<section class="parlib-targets">``) with a province's targets of
    ``year`` from a plans table (path, DataFrame from :func:`read_plans`, or :func:`check`'s
    result): one row per goal with the verdict and the sentence; "" when the table holds no target
    of that province and year. Text is escaped."""
    from html import escape

    from parlib.analysis.context import unit_code

    if lang not in _HEAD:
        from parlib.errors import ParameterError

        raise ParameterError("lang", lang, list(_HEAD))
    res = targets if isinstance(targets, pd.DataFrame) and "status" in targets else \
        check(targets, panel=panel, codebook=codebook)
    code = unit_code(unit)
    mine = res[(res.unit_code == code) & (res.year == int(year))] if len(res) else res
    if mine.empty:
        return ""
    h = _HEAD[lang]
    vi = lang == "vi"
    rows = []
    for r in mine.to_dict("records"):
        status = STATUS_VI[r["status"]] if vi else r["status"]
        goal = r["goal_vi"] if vi else r["goal"]
        ind = "" if str(r["indicator"]).endswith((".overall", ".total")) else f" ({r['indicator']})"
        result = "" if _isna(r["result_value"]) else fmt(r["result_value"], 2, lang) + (
            "" if _isna(r["result_rank"]) else f" · #{int(r['result_rank'])}/{int(r['rank_of'])}")
        feas = "" if _isna(r["feasibility"]) else f"{fmt(100 * r['feasibility'], 0, lang)}%"
        rows.append(f"<tr class='{escape(r['status'].replace(' ', '-'))}'><td>{escape(goal + ind)}"
                    f"</td><td>{escape(result)}</td><td>{escape(status)}</td><td>{escape(feas)}"
                    f"</td></tr><tr><td colspan='4'><small>"
                    f"{escape(r['text_vi'] if vi else r['text_en'])}</small></td></tr>")
    return (f"<section class='parlib-targets'><h3>{h[0]}</h3><table><thead><tr><th>{h[1]}</th>"
            f"<th>{h[2]}</th><th>{h[3]}</th><th>{h[4]}</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table></section>")
