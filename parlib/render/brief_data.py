"""Everything the provincial annual brief shows, computed from the panel with
:mod:`parlib.analysis`, plus the HTML fragments the notebook displays.

The notebook ``notebooks/10_annual_brief.ipynb`` only presents: it calls :func:`brief` once and
then displays the parts. Missing indices or years are said plainly ("no data"), never invented.

>>> b = brief("Quảng Ninh", 2019, "en")                  # doctest: +SKIP
>>> b.standing[["index", "score", "rank", "rank_of"]]    # doctest: +SKIP
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from parlib.panel import data_stamp
from parlib.render.i18n import benchmark_label, index_label, num, t, years_text

INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
BRIEF_BENCHMARK = "max"      # points lost against the scale maximum of each criterion
WHATIF_TARGET = "region-best"
TOTAL_PROVINCES = 63


def esc(x) -> str:
    return html.escape(str(x), quote=True)


from parlib.render.brief_facts import _isna  # noqa: E402


def _int(x):
    return None if _isna(x) else int(x)


# ----------------------------------------------------------------------------- cached data
# the numbers behind the brief (coverage, the comparable overall series, ranks) live in
# parlib.render.brief_facts; re-exported here for the notebooks
from parlib.render.brief_facts import (_series_breaks, coverage, covered,  # noqa: E402,F401
                                       overall_long, region_ranks, year_frame)


# ----------------------------------------------------------------------------- the brief

@dataclass
class Brief:
    code: str
    name: str
    region_code: str
    region: str
    region_n: int
    year: int
    lang: str
    standing: "object" = None            # DataFrame: one row per index
    trends: dict = field(default_factory=dict)       # index -> DataFrame(year, value, rank, region_mean, nation_mean)
    breaks: dict = field(default_factory=dict)       # index -> [years where the method changed]
    weak: dict = field(default_factory=dict)         # index -> points_lost DataFrame
    strengths: dict = field(default_factory=dict)    # index -> DataFrame
    peers: "object" = None               # dict(index, indicator, name, rows=DataFrame)
    whatif: str = ""
    map_values: dict = field(default_factory=dict)   # unit_code -> value (index of the map)
    map_index: str = ""
    coverage: dict = field(default_factory=dict)
    criteria: dict = field(default_factory=dict)     # index -> criterion ranks (no composite)
    flags: dict = field(default_factory=dict)        # index -> set of flags in the year
    notes: list = field(default_factory=list)

    # -- text helpers
    def tr(self, key):
        return t(key, self.lang)

    @property
    def title(self):
        return self.tr("brief_title").format(name=self.name, year=self.year)

    @property
    def primary_index(self):
        """The index the weak-criteria chart and the what-if use: PCI if it has criteria."""
        for i in INDICES:
            if i in self.weak and len(self.weak[i]):
                return i
        return ""

    def weakest(self, index: str | None = None):
        index = index or self.primary_index
        w = self.weak.get(index)
        if w is None or not len(w):
            return None
        return w.iloc[0]


def brief(province, year, lang="vi") -> Brief:
    """Compute the brief of one province and year (parameters validated first)."""
    from parlib import provinces
    from parlib.render import params

    p = params.validate_brief(province, year, lang)
    u = provinces.get(p.code)
    region = u.region_vi if p.lang == "vi" else u.region_en
    reg_codes = provinces.region_members(u.region_code, p.year)
    # province names keep their Vietnamese spelling in both languages (as the index reports do)
    b = Brief(code=p.code, name=u.name_vi, region_code=u.region_code, region=region,
              region_n=len(reg_codes), year=p.year, lang=p.lang)
    b.coverage = coverage()
    _standing(b)
    for index in INDICES:
        if p.year in b.coverage.get(index, []):
            _trend(b, index)
            _weak(b, index)
            if index not in b.weak:   # no composite / no weights: the criteria's ranks
                _criterion_ranks(b, index)
            _flags(b, index)
        elif b.coverage.get(index):
            _trend(b, index)
    _peers(b)
    _whatif(b)
    _map(b)
    return b


def _standing(b: Brief):
    """One row per index (see :func:`parlib.analysis.standing`): the headline score (official
    weighted where published, ``total`` says which), its rank with kind and denominator, the
    move the ranks allow, and the place in the region only where every province of the region
    has data (``region_with_data`` of ``region_n`` otherwise)."""
    from parlib import analysis

    st = analysis.standing(b.code, b.year, indices=INDICES, lang=b.lang)
    b.standing = st.set_index("index").reindex(list(INDICES)).reset_index()


def _trend(b: Brief, index: str):

    try:
        df = overall_long(index)
    except Exception:
        return
    if df.empty:
        return
    # means only where most provinces have a value: a "national mean" of three published
    # facts would mislead
    g = df.groupby("year")["value"]
    nat = g.mean().where(g.count() >= TOTAL_PROVINCES // 2)
    gr = df[df["region_code"] == b.region_code].groupby("year")["value"]
    regm = gr.mean().where(gr.count() >= max(2, (b.region_n + 1) // 2))
    mine = df[df["unit_code"] == b.code].set_index("year")
    out = nat.rename("nation_mean").to_frame()
    out["region_mean"] = regm
    out["value"] = mine["value"]
    out["rank"] = mine["rank"]
    out["rank_of"] = mine["rank_of"]
    out = out[out.index <= b.year].reset_index()
    if out["value"].notna().sum() == 0:
        return
    b.trends[index] = out
    try:
        sb = _series_breaks(index, data_stamp())
        ov = set(df["indicator"].unique())
        b.breaks[index] = sorted(int(y) for y in sb[sb["indicator"].isin(ov)]["year"].unique()
                                 if int(y) <= b.year)
    except Exception:
        b.breaks[index] = []


def _weak(b: Brief, index: str):
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        w = analysis.points_lost(b.code, index, b.year, benchmark=BRIEF_BENCHMARK,
                                 lang=b.lang)
    except ParlibError:
        return
    w = w[w["score"].notna()]
    if not len(w):
        return
    b.weak[index] = w
    try:
        sw = analysis.strengths_weaknesses(b.code, index, b.year, n=3, lang=b.lang)
        # only strengths that are real: in the top third nationally
        b.strengths[index] = sw[(sw["kind"] == "strength") & sw["notable"].astype(bool)]
    except ParlibError:
        pass


def _criterion_ranks(b: Brief, index: str):
    """Without a composite or weights (PCI 2021-2023) the criteria still have ranks: the
    strengths (top third) and the weakest-ranked criteria come from them."""
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        cr = analysis.criterion_ranks(b.code, index, b.year, lang=b.lang)
    except ParlibError:
        return
    cr = cr[cr["rank"].notna()]
    if not len(cr):
        return
    b.criteria[index] = cr.sort_values(["rank", "indicator"], ascending=[False, True]) \
        .reset_index(drop=True)
    if index not in b.strengths:
        b.strengths[index] = cr[cr["third"] == "top"].sort_values("rank").head(3)


def _flags(b: Brief, index: str):
    df = year_frame(index, b.year)
    mine = df[df["unit_code"] == b.code]
    flags = set()
    for f in mine["flag"].dropna():
        flags.update(x for x in str(f).split(";") if x)
    b.flags[index] = flags


def _peers_on(b: Brief, index: str, indicator: str):
    """(the province's score, the region's provinces doing better on ``indicator``)."""
    from parlib import provinces
    from parlib.codebook import lookup
    from parlib.errors import ParlibError

    import pandas as pd

    from parlib.analysis.context import context

    try:
        hib = bool(lookup(index, indicator, b.year)["higher_is_better"])
    except ParlibError:
        hib = True
    yd = context().year(index, b.year)
    vals = yd.col("value", indicator).reindex(provinces.region_members(b.region_code, b.year))
    # national ranks: published, or computed among every province with a value (parlib.panel.ranks)
    rk = {c: yd.rank_obj(c, indicator) for c in vals.index}
    df = pd.DataFrame({"unit_code": vals.index, "value": vals.to_numpy(),
                       "rank": [rk[c].rank for c in vals.index],
                       "rank_of": [rk[c].rank_of for c in vals.index],
                       "rank_kind": [rk[c].kind for c in vals.index]})
    df = df[df["value"].notna()]
    mine = df[df["unit_code"] == b.code]["value"]
    if not len(mine) or _isna(mine.iloc[0]):
        return None, None
    v = float(mine.iloc[0])
    better = df[df["value"] > v] if hib else df[df["value"] < v]
    better = better.sort_values("value", ascending=not hib)
    better = better.assign(name=better["unit_code"].map(lambda c: provinces.get(c).name_vi))
    return v, better[["unit_code", "name", "value", "rank", "rank_of", "rank_kind"]]


def _peers(b: Brief):
    """Provinces of the region doing better on the weakest criterion; when the province leads
    its region there, on the next weakest criterion where someone in the region does better."""
    index = b.primary_index
    w = b.weak.get(index)
    if w is None or not len(w):
        # no composite: the worst-ranked criteria first (see _criterion_ranks)
        index = next((i for i in INDICES if i in b.criteria), "")
        w = b.criteria.get(index)
        if w is None or not len(w):
            return
    led = []
    for r in w.itertuples():
        score, better = _peers_on(b, index, r.indicator)
        if score is None:
            continue
        if len(better) or r.Index == w.index[-1]:
            b.peers = {"index": index, "indicator": r.indicator, "name": r.name,
                       "score": score, "rows": better, "led": led,
                       "rank": _int(r.rank), "rank_of": _int(r.rank_of)}
            return
        led.append(r.name)


def _whatif(b: Brief):
    """The single criterion move that gains most: against the regional best first; for the
    region's leader against the national leader; for the national leader against the scale
    maximum."""
    from parlib import analysis
    from parlib.errors import ParlibError

    index = b.primary_index
    if not index:
        return
    for target in (WHATIF_TARGET, "best", "max"):
        try:
            moves = analysis.best_moves(b.code, index, b.year, target=target)
        except ParlibError:
            continue
        moves = moves[moves["gain"].notna()]
        if len(moves) and float(moves["gain"].max()) > 0:
            best = moves.sort_values("gain", ascending=False).iloc[0]
            res = analysis.whatif(b.code, index, b.year, {best["indicator"]: target})
            b.whatif = analysis.whatif_sentence(res, lang=b.lang)
            return


def _map(b: Brief):
    for index in INDICES:
        if b.year in b.coverage.get(index, []):
            try:
                df = overall_long(index)
            except Exception:
                continue
            df = df[(df["year"] == b.year) & (df["region_code"] == b.region_code)]
            vals = {r.unit_code: float(r.value) for r in df.itertuples() if not _isna(r.value)}
            if vals:
                b.map_values, b.map_index = vals, index
                return


# ----------------------------------------------------------------------------- HTML parts

def _table(headers, rows, num_cols=(), row_classes=None) -> str:
    h = "".join(f'<th class="num">{esc(x)}</th>' if i in num_cols else f"<th>{esc(x)}</th>"
                for i, x in enumerate(headers))
    body = []
    for k, r in enumerate(rows):
        cls = f' class="{row_classes[k]}"' if row_classes and row_classes[k] else ""
        tds = "".join(f'<td class="num">{esc(x)}</td>' if i in num_cols else f"<td>{esc(x)}</td>"
                      for i, x in enumerate(r))
        body.append(f"<tr{cls}>{tds}</tr>")
    return f'<table class="parlib"><thead><tr>{h}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _rank_change_text(rc, lang):
    if _isna(rc):
        return "–"
    rc = int(rc)
    if rc > 0:
        return t("up", lang).format(n=rc)
    if rc < 0:
        return t("down", lang).format(n=-rc)
    return t("same", lang)


def header_html(b: Brief) -> str:
    sub = b.tr("brief_subtitle").format(region=b.region, n=b.region_n, total=TOTAL_PROVINCES)
    return (f"<h1>{esc(b.title)}</h1><p class=\"parlib-note\">{esc(sub)}</p>")


def _rank_text(rank, rank_of, kind, L) -> str:
    """'6 of 63' (published) / '6 of 63 (computed)'; '–' when unknown."""
    if _isna(rank) or _isna(rank_of):
        return "–"
    txt = t("rank_of", L).format(rank=int(rank), n=int(rank_of))
    return txt + (f" ({t('computed_rank', L)})" if kind == "computed" else "")


def _total_note(r, L) -> str:
    total = str(getattr(r, "total", "") or "").lower()
    if "unweighted" in total or "không có trọng số" in total:
        return t("total_unweighted", L)
    if r.index == "PAPI" and "weighted" in total:
        return t("total_weighted", L)
    return ""


def _change_cells(b: Brief, r, L):
    """(score change, rank change) texts: missing is called missing, "not comparable (method
    changed)" only across a codebook era change, a rank move only between like ranks."""
    status = getattr(r, "change_status", "")
    if _isna(r.prev_year) or status in ("", "first"):
        return "–", "–"
    if status == "break":
        return t("not_comparable", L), t("not_comparable", L)
    since = t("since", L).format(year=int(r.prev_year))
    if status in ("missing", "rank only"):
        change = t("missing_prev", L).format(year=int(r.prev_year)) if status == "missing" else "–"
    else:
        change = f"{num(r.change, L, sign=True)} ({since})"
        if r.change_indicator and r.change_indicator != r.indicator:
            change += " " + t("change_on", L).format(what=t("total_unweighted", L))
    if not _isna(r.rank_change):
        return change, _rank_change_text(r.rank_change, L) + f" ({since})"
    if not _isna(r.prev_rank) and not _isna(r.rank) and r.change_indicator == r.indicator:
        prev = b.trends.get(r.index)
        n0 = None
        if prev is not None and len(prev):
            hit = prev[prev["year"] == int(r.prev_year)]
            n0 = _int(hit["rank_of"].iloc[0]) if len(hit) else None
        if n0 is not None and n0 != _int(r.rank_of):
            return change, t("ranks_differ", L).format(a=int(r.prev_rank), n0=n0,
                                                       b=int(r.rank), n1=int(r.rank_of))
    return change, "–"


def standing_html(b: Brief) -> str:
    L = b.lang
    headers = [b.tr("index"), b.tr("score"), b.tr("rank"), b.tr("change"), b.tr("rank_change"),
               b.tr("in_region")]
    rows, classes = [], []
    for r in b.standing.itertuples():
        label = index_label(r.index, L)
        if r.status == "no composite":
            rows.append([label, b.tr("no_composite"), "–", "–", "–", "–"])
            classes.append("nodata")
            continue
        if r.status not in ("ok", "rank only"):
            rows.append([label, b.tr("no_data"), "–", "–", "–", "–"])
            classes.append("nodata")
            continue
        if r.status == "rank only":
            score = b.tr("rank_only")
        else:
            score = num(r.score, L)
            if not _isna(getattr(r, "max", None)):
                score += f" / {num(r.max, L, 0)}"
            note = _total_note(r, L)
            if note:
                score += f" ({note})"
        rank = _rank_text(r.rank, r.rank_of, r.rank_kind, L)
        change, rchange = _change_cells(b, r, L)
        if not _isna(r.rank_in_region) and not _isna(r.region_n):
            pos = t("rank_of", L).format(rank=int(r.rank_in_region), n=int(r.region_n))
        elif not _isna(r.region_with_data) and not _isna(r.region_n):
            pos = t("region_partial", L).format(k=int(r.region_with_data), n=int(r.region_n))
        else:
            pos = "–"
        rows.append([label, score, rank, change, rchange, pos])
        classes.append("")
    return f"<h2>{esc(b.tr('sec_indices'))}</h2>" + _table(headers, rows, (1, 2, 3), classes)


def weak_html(b: Brief) -> str:
    L = b.lang
    out = [f"<h2>{esc(b.tr('sec_weak'))}</h2>"]
    if not b.weak:
        out.append(f"<p>{esc(b.tr('no_criteria'))}</p>")
        return "".join(out)
    for index, w in b.weak.items():
        total = float(w["points_lost"].clip(lower=0).sum())
        out.append("<p>" + esc(b.tr("weak_intro").format(
            index=index, year=b.year, n=len(w), benchmark=benchmark_label(BRIEF_BENCHMARK, L),
            total=num(total, L))) + "</p>")
        first = w.iloc[0]
        out.append(f"<p><strong>{esc(b.tr('weakest_line').format(index=index, name=first['name']))}"
                   "</strong></p>")
        headers = [b.tr("criterion"), b.tr("score"), b.tr("rank"), b.tr("points_lost"),
                   b.tr("persistent")]
        rows = []
        for r in w.head(10).itertuples():
            rank = (t("rank_of", L).format(rank=int(r.rank), n=int(r.rank_of))
                    if not _isna(r.rank) and not _isna(r.rank_of) else "–")
            pers = r.persistent_text if isinstance(r.persistent_text, str) and r.persistent_text \
                else (b.tr("yes") if r.persistent else b.tr("no"))
            rows.append([r.name, num(r.score, L), rank, num(r.points_lost, L), pers])
        out.append(_table(headers, rows, (1, 2, 3)))
    return "".join(out)


def strengths_html(b: Brief) -> str:
    L = b.lang
    out = [f"<h2>{esc(b.tr('sec_strengths'))}</h2>"]
    any_ = False
    for index, s in b.strengths.items():
        if not len(s):
            continue
        any_ = True
        items = "".join(
            "<li>" + esc(b.tr("strength_line").format(
                name=r.name, rank=_int(r.rank) or "–", n=_int(r.rank_of) or "–",
                score=num(r.score, L))) + "</li>" for r in s.itertuples())
        out.append(f"<p><strong>{esc(index)}</strong></p><ul>{items}</ul>")
    if not any_:
        out.append(f"<p>{esc(b.tr('no_strengths' if b.weak else 'no_criteria'))}</p>")
    return "".join(out)


def peers_html(b: Brief) -> str:
    L = b.lang
    out = [f"<h2>{esc(b.tr('sec_peers'))}</h2>"]
    p = b.peers
    if not p:
        out.append(f"<p>{esc(b.tr('no_criteria'))}</p>")
        return "".join(out)
    rows = p["rows"]
    for name in p.get("led", []):
        out.append("<p>" + esc(b.tr("no_peers").format(name=name, province=b.name)) + "</p>")
    if not len(rows):
        out.append("<p>" + esc(b.tr("no_peers").format(name=p["name"], province=b.name)) + "</p>")
        return "".join(out)
    out.append("<p>" + esc(b.tr("peers_intro").format(region=b.region, name=p["name"],
                                                      index=p["index"], year=b.year)) + "</p>")
    trs = [[r.name, num(r.value, L), _rank_text(r.rank, r.rank_of, getattr(r, "rank_kind", None), L)]
           for r in rows.itertuples()]
    own = (t("rank_of", L).format(rank=p["rank"], n=p["rank_of"])
           if p.get("rank") is not None and p.get("rank_of") is not None else "–")
    trs.append([b.name + " ←", num(p["score"], L), own])
    out.append(_table([b.tr("province"), b.tr("score"), b.tr("rank")], trs, (1, 2)))
    return "".join(out)


def whatif_html(b: Brief) -> str:
    out = [f"<h2>{esc(b.tr('sec_whatif'))}</h2>"]
    out.append(f"<p>{esc(b.whatif) if b.whatif else esc(b.tr('no_criteria'))}</p>")
    return "".join(out)


def map_caption_html(b: Brief, drawn: bool) -> str:
    if not drawn:
        return f"<p class=\"parlib-note\">{esc(b.tr('map_missing'))}</p>"
    if b.map_index:
        cap = b.tr("map_caption").format(name=b.name, region=b.region, index=b.map_index,
                                         year=b.year)
    else:
        cap = b.tr("map_caption_plain").format(name=b.name, region=b.region)
    return f"<p class=\"parlib-note\">{esc(cap)} {esc(b.tr('map_note'))}</p>"


def section_html(b: Brief, key: str) -> str:
    return f"<h2>{esc(b.tr(key))}</h2>"


def coverage_html(b: Brief) -> str:
    L = b.lang
    items = []
    for index in INDICES:
        ys = b.coverage.get(index, [])
        if ys:
            line = b.tr("coverage_has").format(index=index, years=years_text(ys, L))
            if b.year not in ys:
                line += " " + b.tr("no_data_year").format(index=index, year=b.year)
            else:
                row = b.standing[b.standing["index"] == index]
                status = row.iloc[0]["status"] if len(row) else "no data"
                if status == "no composite":
                    line += " " + str(row.iloc[0]["note"])
                elif status not in ("ok", "rank only"):
                    line += " " + b.tr("no_unit_value").format(
                        index=index, year=b.year, name=b.name, n=covered(index, b.year))
        else:
            line = b.tr("coverage_none").format(index=index)
        fl = [f for f in ("rank_computed", "reconstructed", "derived", "published_fact")
              if f in b.flags.get(index, set())]
        if fl:
            line += " " + b.tr("coverage_flags").format(
                year=b.year, what="; ".join(t(f"flag_{f}", L) for f in fl))
        items.append(f"<li>{esc(line)}</li>")
    gen = b.tr("coverage_general")
    return (f"<h2>{esc(b.tr('sec_coverage'))}</h2><ul>{''.join(items)}</ul>"
            f"<p class=\"parlib-note\">{esc(gen)}</p>")


def key_figure(index: str, year: int, province: str) -> str:
    """One line with a province's published overall score and rank, e.g.
    "PCI 2019 Quảng Ninh: 73.40, rank 1/63" (the nbval check of the data overview)."""
    from parlib import analysis
    from parlib.render import params

    u = params.check_province(province)
    index = params.check_index(index)
    if int(year) not in coverage().get(index, []):
        return f"{index} {year} {u.name_vi}: no data"
    st = analysis.standing(u.code, int(year), indices=(index,))
    r = st.iloc[0]
    if r["status"] != "ok" or _isna(r["score"]):
        return f"{index} {year} {u.name_vi}: no data"
    rank = f"rank {int(r['rank'])}/{int(r['rank_of'])}" if not _isna(r["rank"]) else "no rank"
    return f"{index} {year} {u.name_vi}: {float(r['score']):.2f}, {rank}"
