"""The reference lines of a trend chart — the national and the regional mean — and the caption
words that say exactly what was drawn.

Each year a mean is one of:

* **computed**: the mean of the provinces' scores, only where the source scores at least half of
  the provinces (a "national mean" of the few provinces a news page named would mislead); the
  regional mean only in such years and where at least half of the region is scored. The number
  of provinces averaged is kept (``nation_n``, ``region_n``) and the caption says it.
* **published**: the average the publisher printed (the panel's ``nation`` unit ``VN`` and
  ``region`` units ``R-…``, e.g. MoHA's PAR INDEX and SIPAS averages), as printed (an average
  the panel derived from a stated change is left out). A published average is preferred to a
  computed one: it is the source's own figure over all its provinces.
* missing: neither; the line has a gap and the caption names the years.
"""
from __future__ import annotations

from functools import lru_cache

from parlib.panel import data_stamp
from parlib.render.i18n import t, years_text

COLS = ["nation_mean", "nation_n", "nation_kind", "region_mean", "region_n", "region_kind",
        "region_total"]


@lru_cache(maxsize=8)
def _published(index: str, stamp):
    """The published averages of the index's overall indicators: unit_code, year, value."""
    import parlib
    from parlib.render.brief_facts import overall_long

    df = parlib.load(index)
    ov = set(overall_long(index)["indicator"].unique())
    # as printed only: an average worked out from a stated change ("derived") is not drawn
    df = df[df["unit_type"].isin(["nation", "region"]) & df["indicator"].isin(ov)
            & df["value"].notna() & ~df["flag"].astype(str).str.contains("derived")]
    return df[["unit_code", "year", "indicator", "value"]].drop_duplicates(["unit_code", "year"])


def published(index: str):
    try:
        return _published(index, data_stamp())
    except Exception:   # an index the panel does not hold: nothing published
        import pandas as pd

        return pd.DataFrame(columns=["unit_code", "year", "indicator", "value"])


def published_value(index: str, year: int, indicator: str, unit_code: str = "VN"):
    """The average of ``indicator`` the source printed for ``unit_code`` ("VN", "R-RRD") in
    ``year``, or None."""
    p = published(index)
    v = p[(p["unit_code"] == unit_code) & (p["year"] == year)
          & (p["indicator"] == indicator)]["value"]
    return float(v.iloc[0]) if len(v) else None


def means(index: str, df, region_code: str | None):
    """One row per year of ``df`` (:func:`parlib.render.brief_facts.overall_long`): the columns
    :data:`COLS` (``region_total``: the provinces the region had that year); kinds "computed",
    "published" or missing (NA)."""
    import pandas as pd

    from parlib import provinces
    from parlib.render.brief_data import TOTAL_PROVINCES

    g = df.groupby("year")["value"]
    n = g.count()
    out = pd.DataFrame(index=pd.Index(sorted(df["year"].unique()), name="year"))
    enough = n >= TOTAL_PROVINCES // 2
    out["nation_mean"] = g.mean().where(enough)
    out["nation_n"] = n.where(enough)
    out["region_mean"] = out["region_n"] = out["region_total"] = float("nan")
    if region_code:
        out["region_total"] = [len(provinces.region_members(region_code, int(y)))
                               for y in out.index]
        gr = df[df["region_code"] == region_code].groupby("year")["value"]
        k = gr.count().reindex(out.index, fill_value=0)
        ok = (k >= (out["region_total"] + 1) // 2) & (k >= 2) & enough.reindex(out.index)
        out["region_mean"] = gr.mean().reindex(out.index).where(ok)
        out["region_n"] = k.where(ok)
    for col in ("nation", "region"):
        out[f"{col}_kind"] = pd.Series("computed", index=out.index).where(
            out[f"{col}_mean"].notna())
    pub = published(index)
    for col, code in (("nation", "VN"), ("region", f"R-{region_code}" if region_code else None)):
        p = pub[pub["unit_code"] == code].set_index("year")["value"] if code else pub.iloc[:0]
        for y, v in p.items():
            if y in out.index:
                out.loc[y, [f"{col}_mean", f"{col}_n", f"{col}_kind"]] = [float(v), None,
                                                                          "published"]
    for c in ("nation", "region"):
        out[f"{c}_mean"] = pd.to_numeric(out[f"{c}_mean"]).astype(float)
    for c in ("nation_n", "region_n", "region_total"):
        out[c] = pd.to_numeric(out[c]).astype("Float64").round().astype("Int64")
    return out[COLS]


def drawn(d, col: str) -> bool:
    """True when the chart frame ``d`` draws the mean ``col`` ("nation" or "region")."""
    return f"{col}_mean" in d and bool(d[f"{col}_mean"].notna().any())


def _n_text(ns) -> str:
    ns = sorted(set(int(x) for x in ns))
    return f"{ns[0]}" if len(ns) == 1 else f"{ns[0]}–{ns[-1]}"


def _part(d, col, lang, region, publisher):
    """The words for one mean drawn in ``d`` (each kind with its years when both occur)."""
    kinds = d[f"{col}_kind"].dropna()
    parts = []
    for kind in ("computed", "published"):
        ys = kinds[kinds == kind]
        if not len(ys):
            continue
        rows = d.loc[ys.index]
        key = f"trend_{col}_{kind}"
        n = total = ""
        if kind == "computed":
            n = _n_text(rows[f"{col}_n"])
            if col == "region":
                total = _n_text(rows["region_total"])
                key += "_all" if (rows["region_n"] == rows["region_total"]).all() else ""
        s = t(key, lang).format(n=n, total=total, region=region, pub=publisher)
        if kinds.nunique() > 1:
            s += f" ({years_text(rows['year'], lang)})"
        parts.append(s)
    return "; ".join(parts)


def caption(d, lang: str, *, index: str, name: str, region: str, publisher: str,
            scheme: str = "63") -> str:
    """The caption of the trend chart drawn from ``d`` (the frame :func:`trend_svg` plots): the
    province, each mean that is drawn and what it averages, the years of the province's line
    without a mean, or that no mean is drawn and why."""
    sfx = "_34" if scheme == "34" else ""
    head = t(f"trend_head{sfx}", lang).format(index=index, name=name)
    cols = ("nation", "region") if scheme == "63" else ("nation",)
    shown = [_part(d, c, lang, region, publisher) for c in cols if drawn(d, c)]
    mine = d[d["value"].notna()]
    miss = {}
    for c in cols:
        ys = mine[mine[f"{c}_mean"].isna()]["year"] if f"{c}_mean" in d else mine["year"]
        if len(ys):
            miss[c] = list(ys)
    if len(miss) == 2 and miss["nation"] == miss["region"]:
        miss = {"both": miss["nation"]}
    gaps = [t(f"trend_no_{c}" + ("_all" if len(ys) == len(mine) else ""), lang).format(
        years=years_text(ys, lang)) for c, ys in miss.items()]
    text = head + (t("trend_with", lang) + t("trend_and", lang).join(shown) if shown
                   else t("trend_only", lang))
    if gaps:
        text += "; " + "; ".join(gaps) + " " + t("trend_no_why", lang)
    return text + ". " + t(f"trend_tail{sfx}", lang)
