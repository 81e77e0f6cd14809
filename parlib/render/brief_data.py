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
from functools import lru_cache

from parlib.panel import data_stamp
from parlib.render.i18n import index_label, num, t, years_text

INDICES = ("PCI", "PAPI", "PAR", "SIPAS")
BRIEF_BENCHMARK = "region-best"  # drag: the best score in the region on each criterion
WHATIF_TARGET = "region-best"
TOTAL_PROVINCES = 63


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def _isna(x) -> bool:
    if x is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _int(x):
    return None if _isna(x) else int(x)


# ----------------------------------------------------------------------------- cached data

@lru_cache(maxsize=8)
def _coverage(stamp) -> dict:
    """{index: sorted years with a value for provinces}."""
    import parlib

    try:
        df = parlib.load()
    except Exception:
        return {}
    df = df[(df["unit_type"] == "province") & df["value"].notna()]
    return {i: sorted(int(y) for y in g["year"].unique()) for i, g in df.groupby("index")}


def coverage() -> dict:
    return _coverage(data_stamp())


@lru_cache(maxsize=16)
def _overall_long(index: str, stamp):
    """The overall score of every province and year (value, rank, rank_of, region_code), read
    straight from the panel: the overall indicator of each year is the codebook's aggregated
    overall row (as in :mod:`parlib.analysis`); ranks are the published ones, computed from the
    values where the source gives none."""
    import pandas as pd

    import parlib
    from parlib import codebook, provinces

    try:
        df = parlib.load(index)
    except parlib.ParlibError:
        df = None
    cols = ["unit_code", "year", "indicator", "value", "rank", "rank_of", "region_code"]
    if df is None or df.empty:
        return pd.DataFrame(columns=cols)
    df = df[df["unit_type"] == "province"]
    cb = codebook.load_codebook()
    cb = cb[(cb["index"] == index) & (cb["level"] == "overall") & (cb["aggregation"] != "")]
    frames = []
    for year, g in df.groupby("year"):
        rows = cb[(cb.year_from <= year) & (cb.year_to >= year)]
        if rows.empty:
            continue
        ind, hib = rows.iloc[0]["indicator"], bool(rows.iloc[0]["higher_is_better"])
        g = g[g["indicator"] == ind][["unit_code", "year", "indicator", "value", "rank",
                                       "rank_of"]].copy()
        computed = g["value"].rank(ascending=not hib, method="min")
        if g["rank"].isna().any():
            g["rank"] = computed.round().astype("Int64")
            g["rank_of"] = pd.array([int(g["value"].notna().sum())] * len(g), dtype="Int64")
        frames.append(g)
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    reg = {c: provinces.get(c).region_code for c in out["unit_code"].unique()}
    out["region_code"] = out["unit_code"].map(reg)
    return out[cols]


def overall_long(index: str):
    return _overall_long(index, data_stamp())


@lru_cache(maxsize=32)
def _year_frame(index: str, year: int, stamp):
    import parlib

    df = parlib.load(index, year=year)
    return df[df["unit_type"] == "province"]


def year_frame(index: str, year: int):
    return _year_frame(index, int(year), data_stamp())


@lru_cache(maxsize=32)
def _region_ranks(index: str, year: int, stamp):
    from parlib import analysis

    return analysis.region_ranks(index, year)


def region_ranks(index: str, year: int):
    return _region_ranks(index, int(year), data_stamp())


@lru_cache(maxsize=8)
def _series_breaks(index: str, stamp):
    from parlib import analysis

    return analysis.series_breaks(index)


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
    reg_codes = [c for c in provinces.codes("63") if provinces.get(c).region_code == u.region_code]
    # province names keep their Vietnamese spelling in both languages (as the index reports do)
    b = Brief(code=p.code, name=u.name_vi, region_code=u.region_code, region=region,
              region_n=len(reg_codes), year=p.year, lang=p.lang)
    b.coverage = coverage()
    _standing(b)
    for index in INDICES:
        if p.year in b.coverage.get(index, []):
            _trend(b, index)
            _weak(b, index)
            _flags(b, index)
        elif b.coverage.get(index):
            _trend(b, index)
    _peers(b)
    _whatif(b)
    _map(b)
    return b


def _standing(b: Brief):
    import pandas as pd

    from parlib import analysis

    st = analysis.standing(b.code, b.year, indices=INDICES)
    st = st.set_index("index").reindex(list(INDICES)).reset_index()
    pos, pos_n = [], []
    for r in st.itertuples():
        rr = None
        if r.status == "ok" and not _isna(r.score):
            try:
                rr = region_ranks(r.index, b.year)
            except Exception:
                rr = None
        if rr is not None:
            row = rr[rr["unit_code"] == b.code]
            pos.append(_int(row["rank_in_region"].iloc[0]) if len(row) else None)
            pos_n.append(_int(row["region_n"].iloc[0]) if len(row) else None)
        else:
            pos.append(None)
            pos_n.append(None)
    st["rank_in_region"] = pd.array(pos, dtype="Int64")
    st["region_n"] = pd.array(pos_n, dtype="Int64")
    b.standing = st


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
    """Both weak-criteria views (standing and drag): :mod:`parlib.render.brief_weak`."""
    from parlib.render import brief_weak

    brief_weak.compute(b, index)


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

    allp = year_frame(index, b.year)
    allp = allp[allp["indicator"] == indicator]
    try:
        hib = bool(lookup(index, indicator, b.year)["higher_is_better"])
    except ParlibError:
        hib = True
    reg = {c: provinces.get(c).region_code for c in allp["unit_code"].unique()}
    df = allp[allp["unit_code"].map(reg) == b.region_code]
    # ranks among all provinces (computed from the values where the source gives none)
    computed = allp.set_index("unit_code")["value"].rank(ascending=not hib, method="min")
    df = df.assign(rank=df["rank"].astype("Float64").fillna(
        df["unit_code"].map(computed).astype("Float64")),
        rank_of=df["rank_of"].astype("Float64").fillna(float(allp["value"].notna().sum())))
    mine = df[df["unit_code"] == b.code]["value"]
    if not len(mine) or _isna(mine.iloc[0]):
        return None, None
    v = float(mine.iloc[0])
    better = df[df["value"] > v] if hib else df[df["value"] < v]
    better = better.sort_values("value", ascending=not hib)
    better = better.assign(name=better["unit_code"].map(lambda c: provinces.get(c).name_vi))
    return v, better[["unit_code", "name", "value", "rank", "rank_of"]]


def _peers(b: Brief):
    """Provinces of the region doing better on the weakest criterion; when the province leads
    its region there, on the next weakest criterion where someone in the region does better."""
    index = b.primary_index
    w = b.weak.get(index)
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


def standing_html(b: Brief) -> str:
    L = b.lang
    headers = [b.tr("index"), b.tr("score"), b.tr("rank"), b.tr("change"), b.tr("rank_change"),
               b.tr("in_region")]
    rows, classes = [], []
    for r in b.standing.itertuples():
        label = index_label(r.index, L)
        if r.status != "ok" or _isna(r.score):
            rows.append([label, b.tr("no_data"), "–", "–", "–", "–"])
            classes.append("nodata")
            continue
        score = num(r.score, L)
        if not _isna(getattr(r, "max", None)):
            score += f" / {num(r.max, L, 0)}"
        rank = (t("rank_of", L).format(rank=int(r.rank), n=int(r.rank_of))
                if not _isna(r.rank) and not _isna(r.rank_of) else "–")
        if _isna(r.prev_year):
            change = rchange = "–"
        elif not bool(r.comparable):
            change = rchange = t("not_comparable", L)
        else:
            since = t("since", L).format(year=int(r.prev_year))
            change = f"{num(r.change, L, sign=True)} ({since})" if not _isna(r.change) else "–"
            rchange = _rank_change_text(r.rank_change, L)
        pos = (t("rank_of", L).format(rank=int(r.rank_in_region), n=int(r.region_n))
               if not _isna(r.rank_in_region) and not _isna(r.region_n) else "–")
        if not _isna(r.region_n) and int(r.region_n) < b.region_n:
            pos += " " + t("with_data", L)
        if not _isna(r.rank_of) and int(r.rank_of) < TOTAL_PROVINCES // 2:
            rank += " " + t("with_data", L)
        rows.append([label, score, rank, change, rchange, pos])
        classes.append("")
    return f"<h2>{esc(b.tr('sec_indices'))}</h2>" + _table(headers, rows, (1, 2, 3), classes)


def weak_html(b: Brief) -> str:
    from parlib.render import brief_weak

    return brief_weak.weak_html(b)


def strengths_html(b: Brief) -> str:
    from parlib.render import brief_weak

    return brief_weak.strengths_html(b)


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
    trs = [[r.name, num(r.value, L),
            t("rank_of", L).format(rank=int(r.rank), n=int(r.rank_of))
            if not _isna(r.rank) and not _isna(r.rank_of) else "–"] for r in rows.itertuples()]
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
                if not len(row) or row.iloc[0]["status"] != "ok" or _isna(row.iloc[0]["score"]):
                    n = int(year_frame(index, b.year).query("level == 'overall' and value == value")
                            ["unit_code"].nunique())
                    line += " " + b.tr("no_unit_value").format(index=index, year=b.year,
                                                                name=b.name, n=n)
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
