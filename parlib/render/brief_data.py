"""Everything the provincial annual brief shows, computed from the panel with
:mod:`parlib.analysis` (the HTML is built by :mod:`parlib.render.brief_html`).

The notebook ``notebooks/10_annual_brief.ipynb`` only presents: it calls :func:`brief` once and
then displays the parts. Missing indices or years are said plainly ("no data"), never invented.
A brief for year Y shows, for each index, year Y when the province has data then, else the latest
earlier year within :data:`LOOKBACK` years (``Brief.years``), and says which (``Brief.kinds``:
"overall", or "sub" when only the sub-indices were published). From 2025 the brief is for one of
the 34 units, built from the 63 by :mod:`parlib.render.merged` (a labelled reconstruction).

>>> b = brief("Quảng Ninh", 2019, "en")                  # doctest: +SKIP
>>> b.standing[["index", "score", "rank", "rank_of"]]    # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import dataclass, field

from parlib.panel import data_stamp
from parlib.render.i18n import t
from parlib.analysis.benchmarks import DEFAULT_BENCHMARK
from parlib.codebook import INDICES

WHATIF_TARGET = DEFAULT_BENCHMARK   # the best score in the region on each criterion
TOTAL_PROVINCES = 63
LOOKBACK = 5                 # a brief shows an index's latest year at most this many years back




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
    # index -> DataFrame(year, value, rank, rank_of, the means: trend_means.COLS)
    trends: dict = field(default_factory=dict)
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
    scheme: str = "63"                               # "34" for the units from 1 July 2025
    years: dict = field(default_factory=dict)        # index -> year shown (None: no data)
    kinds: dict = field(default_factory=dict)        # index -> "overall" | "sub" | None
    subs: dict = field(default_factory=dict)         # index -> sub-index standing ("sub" kind)
    map_year: int | None = None
    predecessors: list = field(default_factory=list)  # [(code, name)] of a 34-unit's provinces
    total: int = TOTAL_PROVINCES                      # units ranked nationally (63 or 34)

    # -- text helpers
    def tr(self, key):
        return t(key, self.lang)

    @property
    def title(self):
        return self.tr("brief_title").format(name=self.name, year=self.year)

    def year_of(self, index: str):
        return self.years.get(index)

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
    """Compute the brief of one province and year (parameters validated first); from 2025 the
    brief of one of the 34 units (:func:`parlib.render.merged.brief_34`)."""
    from parlib import provinces
    from parlib.render import params

    p = params.validate_brief(province, year, lang)
    if p.scheme == "34":
        from parlib.render.merged import brief_34

        return brief_34(p)
    u = provinces.get(p.code)
    region = u.region_vi if p.lang == "vi" else u.region_en
    reg_codes = provinces.region_members(u.region_code, p.year)
    # province names keep their Vietnamese spelling in both languages (as the index reports do)
    b = Brief(code=p.code, name=u.name_vi, region_code=u.region_code, region=region,
              region_n=len(reg_codes), year=p.year, lang=p.lang)
    b.coverage = coverage()
    for index in INDICES:
        b.years[index], b.kinds[index] = latest_year(index, b.code, b.year, b.coverage)
    _standing(b)
    for index in INDICES:
        y = b.years[index]
        if y is not None:
            _trend(b, index)
            _flags(b, index)
            if b.kinds[index] == "overall" and _full_table(index, y):
                _weak(b, index)
            if index not in b.weak:
                _subs(b, index)
                _criterion_ranks(b, index)   # no composite / no weights: the criteria's ranks
        elif b.coverage.get(index):
            _trend(b, index)
    _peers(b)
    _whatif(b)
    _map(b)
    return b


def _full_table(index: str, year: int) -> bool:
    """Whether the source gives a table of most provinces that year (not a few published facts,
    on which points lost and peers would mean nothing)."""
    df = year_frame(index, year)
    return df.loc[df["value"].notna(), "unit_code"].nunique() >= TOTAL_PROVINCES // 2


def latest_year(index: str, code: str, year: int, cov=None):
    """(year shown, kind) for one index: ``year`` when the unit has a value then, else the latest
    earlier year within :data:`LOOKBACK` years; kind "overall" (the headline overall score) or
    "sub" (only sub-index values, or a derived total); (None, None) when nothing that recent
    exists."""
    cov = coverage() if cov is None else cov
    for y in sorted((v for v in cov.get(index, []) if year - LOOKBACK <= v <= year),
                    reverse=True):
        df = year_frame(index, y)
        # a published rank without a score (a rank-only fact) is data too
        mine = df[(df["unit_code"] == code) & (df["value"].notna() | df["rank"].notna())]
        if not len(mine):
            continue
        # the headline score (the codebook's aggregated overall indicator), not a derived total
        ov = overall_long(index)
        has = ov[(ov["year"] == y) & (ov["unit_code"] == code) & ov["value"].notna()]
        ranked = mine[(mine["level"] == "overall") & mine["rank"].notna()]
        return y, ("overall" if len(has) or len(ranked) else "sub")
    return None, None


def _subs(b: Brief, index: str):
    """The unit's sub-index scores with ranks among the provinces with a value (computed when
    the source publishes none), when there is no overall score to decompose."""
    import pandas as pd

    from parlib.codebook import lookup
    from parlib.errors import ParlibError
    from parlib.panel import ranks

    y = b.years[index]
    df = year_frame(index, y)
    df = df[(df["level"] == "area") & df["value"].notna()]
    rows = []
    for ind, g in df.groupby("indicator", sort=False):
        vals = g.set_index("unit_code")["value"]
        if b.code not in vals.index:
            continue
        try:
            cb = lookup(index, ind, y)
            hib, name = bool(cb["higher_is_better"]), cb["name_vi" if b.lang == "vi" else "name_en"]
            mx = cb["scale_max"]
        except ParlibError:
            hib, name, mx = True, ind, None
        own = g[g["unit_code"] == b.code].iloc[0]
        r = ranks.from_row(own)
        if not r.known:
            r = ranks.rank_in(vals, b.code, hib, universe=b.total)
        rows.append({"indicator": ind, "name": name, "score": float(vals[b.code]), "max": mx,
                     "rank": r.rank, "rank_of": r.rank_of, "kind": r.kind})
    if rows:
        b.subs[index] = pd.DataFrame(rows).sort_values("rank", na_position="last")


def _standing(b: Brief):
    """One row per index (see :func:`parlib.analysis.standing`): the headline score (official
    weighted where published, ``total`` says which), its rank with kind and denominator, the
    move the ranks allow, and the place in the region only where every province of the region
    has data (``region_with_data`` of ``region_n`` otherwise)."""
    import pandas as pd

    from parlib import analysis

    parts = [analysis.standing(b.code, b.years.get(i) or b.year, indices=(i,), lang=b.lang)
             for i in INDICES]
    st = pd.concat(parts, ignore_index=True)
    st = st.set_index("index").reindex(list(INDICES)).reset_index()
    _context_columns(b, st)
    b.standing = st


def _context_columns(b: Brief, st):
    """Add the national mean of the overall score (only where most provinces have a value; else
    the average the source printed, ``nation_kind`` says which), the
    published confidence interval and the published tier (VCCI's "Tốt", kept in the panel's
    note) to the standing. Rank, its kind and the rank move come from
    :func:`parlib.analysis.standing` (:mod:`parlib.panel.ranks`)."""
    import re

    from parlib.render.trend_means import published_value

    nat, kinds, lo, hi, tier = [], [], [], [], []
    for r in st.itertuples():
        m = c0 = c1 = g = None
        k = "computed"
        if r.status in ("ok", "rank only") and not _isna(r.year) and r.indicator:
            df = year_frame(r.index, int(r.year))
            ov = df[df["indicator"] == r.indicator]
            vals = ov["value"].dropna()
            if len(vals) >= TOTAL_PROVINCES // 2:
                m = float(vals.mean())
            else:   # too few scores: the average the source printed, where it did
                m, k = published_value(r.index, int(r.year), r.indicator), "published"
            mine = ov[ov["unit_code"] == b.code]
            if len(mine):
                c0, c1 = mine["ci_low"].iloc[0], mine["ci_high"].iloc[0]
                note = mine["note"].iloc[0]
                hit = re.search(r"VCCI tier: ([^;]+)", note) if isinstance(note, str) else None
                g = hit.group(1).strip() if hit else None
        nat.append(m)
        kinds.append(k if m is not None else None)
        tier.append(g)
        lo.append(None if _isna(c0) else float(c0))
        hi.append(None if _isna(c1) else float(c1))
    st["nation_mean"], st["ci_low"], st["ci_high"] = nat, lo, hi
    st["nation_kind"] = kinds             # "computed" (mean of the scores) or "published"
    st["tier"] = tier                     # the group VCCI publishes ("Tốt"), where stored


def _trend(b: Brief, index: str):

    try:
        df = overall_long(index)
    except Exception:
        return
    if df.empty:
        return
    # the means, computed only where most provinces have a value (a "national mean" of three
    # published facts would mislead) or as published: parlib.render.trend_means
    from parlib.render.trend_means import means

    out = means(index, df, b.region_code)
    mine = df[df["unit_code"] == b.code].set_index("year")
    out["value"] = mine["value"]
    out["rank"] = mine["rank"]
    out["rank_of"] = mine["rank_of"]
    out = out[out.index <= (b.years.get(index) or b.year)].reset_index()
    if out["value"].notna().sum() == 0:
        return
    b.trends[index] = out
    try:
        sb = _series_breaks(index, data_stamp())
        ov = set(df["indicator"].unique())
        b.breaks[index] = sorted(int(y) for y in sb[sb["indicator"].isin(ov)]["year"].unique()
                                 if int(y) <= (b.years.get(index) or b.year))
    except Exception:
        b.breaks[index] = []


def _weak(b: Brief, index: str):
    """Both weak-criteria views (standing and drag): :mod:`parlib.render.brief_weak`."""
    from parlib.render import brief_weak

    brief_weak.compute(b, index)


def _criterion_ranks(b: Brief, index: str):
    """Without a composite or weights (PCI 2021-2023) the criteria still have ranks: the
    strengths (top third) and the weakest-ranked criteria come from them."""
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        cr = analysis.criterion_ranks(b.code, index, b.years.get(index) or b.year, lang=b.lang)
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
    df = year_frame(index, b.years[index])
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

    year = b.years.get(index) or b.year
    try:
        hib = bool(lookup(index, indicator, year)["higher_is_better"])
    except ParlibError:
        hib = True
    yd = context().year(index, year)
    vals = yd.col("value", indicator).reindex(provinces.region_members(b.region_code, year))
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
            moves = analysis.best_moves(b.code, index, b.years[index], target=target)
        except ParlibError:
            continue
        moves = moves[moves["gain"].notna()]
        if len(moves) and float(moves["gain"].max()) > 0:
            best = moves.sort_values("gain", ascending=False).iloc[0]
            res = analysis.whatif(b.code, index, b.years[index], {best["indicator"]: target})
            b.whatif = analysis.whatif_sentence(res, lang=b.lang)
            return


def _map(b: Brief):
    """The map's values: every province's overall score on the first index (PCI, PAPI, ...) the
    brief shows an overall score for, in the year shown (national, for the map's classes)."""
    for index in INDICES:
        y = b.years.get(index)
        if y is None or b.kinds.get(index) != "overall":
            continue
        try:
            df = overall_long(index)
        except Exception:
            continue
        df = df[df["year"] == y]
        vals = {r.unit_code: float(r.value) for r in df.itertuples() if not _isna(r.value)}
        if len(vals) >= TOTAL_PROVINCES // 2:
            b.map_values, b.map_index, b.map_year = vals, index, y
            return


def key_figure(index: str, year: int, province: str) -> str:
    """One line with a province's published overall score and rank, e.g.
    "PCI 2019 Quảng Ninh: 73.40, rank 1/63" (the nbval check of the data overview)."""
    from parlib import analysis
    from parlib.render import params

    u = params.check_province(province, year=year)
    index = params.check_index(index)
    if int(year) not in coverage().get(index, []):
        return f"{index} {year} {u.name_vi}: no data"
    st = analysis.standing(u.code, int(year), indices=(index,))
    r = st.iloc[0]
    if r["status"] != "ok" or _isna(r["score"]):
        return f"{index} {year} {u.name_vi}: no data"
    rank = f"rank {int(r['rank'])}/{int(r['rank_of'])}" if not _isna(r["rank"]) else "no rank"
    return f"{index} {year} {u.name_vi}: {float(r['score']):.2f}, {rank}"
