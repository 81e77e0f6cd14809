"""Tables the research notebooks show (data overview, trends, regional, national), so the
notebooks only present. Everything here returns plain DataFrames or HTML strings."""
from __future__ import annotations

import html

from parlib.codebook import INDICES
from parlib.render.brief_data import _isna


def html_table(df, floatfmt="{:.2f}", max_rows=200) -> str:
    """A compact HTML table (class ``parlib``) of a DataFrame, with numbers formatted."""
    df = df.head(max_rows)
    cols = list(df.columns)
    num = [c for c in cols if str(df[c].dtype).startswith(("float", "Float"))]
    ints = [c for c in cols if str(df[c].dtype).startswith(("int", "Int"))]
    head = "".join(f'<th{" class=num" if c in num or c in ints else ""}>{html.escape(str(c))}</th>'
                   for c in cols)
    body = []
    for r in df.itertuples(index=False):
        tds = []
        for c, v in zip(cols, r):
            if _isna(v):
                s, cls = "–", ' class="num"'
            elif c in num:
                s, cls = floatfmt.format(float(v)), ' class="num"'
            elif c in ints:
                s, cls = str(int(v)), ' class="num"'
            else:
                s, cls = str(v), ""
            tds.append(f"<td{cls}>{html.escape(s)}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    return (f'<table class="parlib"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}'
            "</tbody></table>")


def panel_or_empty(indices=None):
    """The panel (province rows) for ``indices``; an empty panel when nothing is built yet."""
    import parlib
    from parlib.panel.build import empty_panel

    try:
        df = parlib.load(list(indices) if indices else None)
    except parlib.ParlibError:
        return empty_panel()
    return df


def coverage(indices):
    """Per index and year: provinces with a value, indicators, values present and missing."""
    import pandas as pd

    df = panel_or_empty(indices)
    df = df[df["unit_type"] == "province"]
    if df.empty:
        return pd.DataFrame(columns=["index", "year", "provinces", "indicators", "values",
                                     "missing", "missing_pct"])
    g = df.groupby(["index", "year"])
    out = g.agg(provinces=("unit_code", "nunique"), indicators=("indicator", "nunique"),
                values=("value", "count"), rows=("value", "size")).reset_index()
    out["missing"] = out["rows"] - out["values"]
    out["missing_pct"] = (100.0 * out["missing"] / out["rows"]).round(1)
    return out.drop(columns="rows")


def coverage_matrix(indices):
    """Index × year: number of provinces with an overall score (0 = no data)."""
    import pandas as pd

    df = panel_or_empty(indices)
    df = df[(df["unit_type"] == "province") & (df["level"] == "overall") & df["value"].notna()]
    if df.empty:
        return pd.DataFrame()
    m = df.groupby(["index", "year"])["unit_code"].nunique().unstack("year").fillna(0)
    years = range(int(m.columns.min()), int(m.columns.max()) + 1)
    return m.reindex(columns=list(years), fill_value=0).astype(int)


def missingness(indices):
    """Per index and indicator level: share of rows without a value, and flags seen."""
    df = panel_or_empty(indices)
    df = df[df["unit_type"] == "province"]
    if df.empty:
        return df.head(0)
    g = df.groupby(["index", "level"])
    out = g.agg(rows=("value", "size"), missing=("value", lambda s: int(s.isna().sum())))
    out["missing_pct"] = (100.0 * out["missing"] / out["rows"]).round(1)
    flags = df.assign(flag=df["flag"].fillna("")).groupby(["index", "level"])["flag"].agg(
        lambda s: ", ".join(sorted({x for f in s for x in str(f).split(";") if x})))
    out["flags"] = flags
    return out.reset_index()


def cleaning_summary(indices=None):
    """The build's cleaning summary (per source file and sheet), or None before a build."""
    import pandas as pd

    from parlib.paths import processed_dir

    p = processed_dir() / "cleaning_summary.csv"
    if not p.exists() or p.stat().st_size == 0:
        return None
    try:
        df = pd.read_csv(p)
    except Exception:
        return None
    if indices and "file" in df.columns:
        pref = tuple(i.lower() for i in indices) + tuple("par_index" for i in indices if i == "PAR")
        df = df[df["file"].astype(str).str.lower().str.startswith(pref)]
    return df


def cleaning_issues(top=15):
    """Issues of the cleaning report counted by kind (the value-level problems)."""
    import pandas as pd

    from parlib.paths import processed_dir

    p = processed_dir() / "cleaning_report.csv"
    if not p.exists():
        return None
    try:
        df = pd.read_csv(p, low_memory=False)
    except Exception:
        return None
    if df.empty:
        return df
    keys = [c for c in ("entry", "kind", "reason", "status") if c in df.columns][:2]
    if not keys:
        return df.head(top)
    return df.groupby(keys, dropna=False).size().rename("n").reset_index() \
        .sort_values("n", ascending=False).head(top)


def top_bottom(index, year, n=10, lang="en"):
    """The ``n`` best and worst provinces on the overall score of ``index`` in ``year``."""
    from parlib import analysis

    rr = analysis.region_ranks(index, year)
    name = "region_vi" if lang == "vi" else "region_en"
    rr = rr.sort_values("rank")
    cols = ["rank", "unit_name", name, "value"]
    return rr.head(n)[cols].rename(columns={name: "region"}), \
        rr.tail(n)[cols].rename(columns={name: "region"})


# ----------------------------------------------------------------------------- partial data
# What the research notebooks show when data are partial: every function returns the tables
# plus the sentences to print where data are missing, so a legitimate parameter never ends in
# an exception (issue 13).

def _unit_names(codes):
    from parlib.analysis.context import unit_name

    return [unit_name(c, "vi") for c in codes]


def trend_tables(index, codes, years):
    """(year-on-year rows of the units over ``years``, the change between the first and last
    year with data or None, sentences about what is missing)."""
    from parlib import analysis
    from parlib.render.i18n import years_text

    df = analysis.yoy(index, unit=list(codes))
    df = df[df["year"].isin(list(years))].copy()
    notes = []
    for c, name in zip(codes, _unit_names(codes)):
        if not (df["unit_code"] == c).any():
            notes.append(f"{name}: no {index} score in {years_text(list(years), 'en')}.")
    have = sorted(int(y) for y in df["year"].unique())
    wc = None
    if len(have) >= 2:
        wc = analysis.window_change(index, have[0], have[-1], unit=list(codes))
    elif have:
        notes.append(f"{index}: only {have[0]} has scores for these provinces: no change over "
                     "the period.")
    return df, wc, notes


def region_view(index, year, region):
    """(the region's provinces with score, national rank and rank in region; sentences).

    Without a composite score that year (PCI 2023) the table gives each province's rank on
    every sub-index instead; when only some provinces of the region have data (published
    facts) the sentence says how many, and no position in the region is given."""
    import pandas as pd

    from parlib import analysis, provinces

    from parlib.errors import ParameterError

    members = provinces.region_members(region, year)
    try:
        rr = analysis.region_ranks(index, year)
    except ParameterError:   # a year with published ranks and no score
        return _rank_only_view(index, year, members)
    reg = rr[rr["region_code"] == region].sort_values(["rank_in_region", "value"],
                                                     ascending=[True, False])
    notes = []
    if len(rr) == 0:
        notes.append(f"{index} {year}: no composite score in the data; the table gives each "
                     "province's rank on the sub-indices (ranks among every province with a "
                     "value).")
        rows = []
        for c in members:
            try:
                cr = analysis.criterion_ranks(c, index, year)
            except Exception:
                continue
            rows.append(pd.Series(cr["rank"].to_numpy(), index=cr["name"], name=_unit_names([c])[0]))
        return (pd.DataFrame(rows).reset_index(names="unit_name") if rows else pd.DataFrame()), notes
    if len(reg) < len(members):
        notes.append(f"{index} {year}: {len(reg)} of the {len(members)} provinces of the region "
                     "have data (published facts or a partial table): no position in the region "
                     "is given.")
    return reg[["unit_name", "value", "rank", "rank_of", "rank_kind", "rank_in_region",
                "region_n"]], notes


def _rank_only_view(index, year, members):
    import pandas as pd

    from parlib import analysis

    rows = []
    for c in members:
        st = analysis.standing(c, year, indices=(index,)).iloc[0]
        if st["status"] == "rank only":
            rows.append({"unit_name": _unit_names([c])[0], "rank": st["rank"],
                         "rank_of": st["rank_of"], "rank_kind": st["rank_kind"]})
    note = (f"{index} {year}: the source published ranks and no scores; {len(rows)} of the "
            f"{len(members)} provinces of the region are among the ranked facts.")
    return pd.DataFrame(rows), [note]


def region_means(index, year):
    """Region means only for regions where at least two thirds of the provinces have a value
    (``n`` of ``region_n`` in the table); (table, sentences for the others)."""
    import pandas as pd

    from parlib import analysis, provinces

    from parlib.errors import ParameterError

    try:
        rs = analysis.region_summary(index, year=year, national=False)
    except ParameterError:
        rs = pd.DataFrame()
    if rs.empty:
        return rs, [f"{index} {year}: no overall scores to average."]
    rs["region_n"] = [len(provinces.region_members(r, year)) for r in rs["region_code"]]
    keep = rs["n"] * 3 >= rs["region_n"] * 2     # a mean over at least two thirds of it
    notes = [f"{r.region_en}: only {r.n} of {r.region_n} provinces have a {index} {year} score "
             "— no regional mean." for r in rs[~keep].itertuples()]
    notes += [f"{r.region_en}: mean of the {r.n} of {r.region_n} provinces with a {index} "
              f"{year} score." for r in rs[keep & (rs["n"] < rs["region_n"])].itertuples()]
    return rs[keep].reset_index(drop=True), notes


def overall_indices(year, indices=None):
    """(indices with overall scores for provinces in ``year``, sentences for the others)."""
    from parlib.errors import ParlibError
    from parlib.render.brief_facts import coverage

    cov = coverage()
    have, notes = [], []
    for i in indices or INDICES:
        if year not in cov.get(i, []):
            continue
        try:
            tb = top_bottom(i, year)[0]
        except ParlibError:   # published ranks only, no score
            tb = ()
        if len(tb):
            have.append(i)
        else:
            notes.append(f"{i} {year}: no overall score in the data (sub-indices or published "
                         "ranks only).")
    return have, notes


def explore_table(code, index, year, benchmark="best"):
    """(points lost per criterion, or the criterion ranks when no weights/composite; sentence)."""
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        pl = analysis.points_lost(code, index, year, benchmark=benchmark)
        if pl["points_lost"].notna().any():
            return pl[["name", "score", "rank", "rank_of", "points_lost"]], ""
        reason = ("the codebook has no weights for this year" if pl["score"].notna().any()
                  else "no criterion score for this province")
    except ParlibError as e:
        reason = str(e)
    try:
        cr = analysis.criterion_ranks(code, index, year)
    except ParlibError:
        cr = None
    if cr is not None and (cr["rank"].notna().any() or cr["score"].notna().any()):
        return cr[["name", "score", "rank", "rank_of", "rank_kind"]], (
            f"{index} {year}: points lost cannot be computed ({reason.split(':')[0]}); the "
            "criteria's ranks instead.")
    return None, standing_sentence(code, index, year)


def weak_or_sentence(code, index, year, **kw):
    """(the weak-criteria table of :func:`parlib.analysis.weak_criteria`, "") or (None, a sentence
    saying what the data hold) when the source has no criteria for this province and year (a
    published fact, a rank only, a year the source does not cover for it)."""
    from parlib import analysis
    from parlib.errors import ParlibError

    try:
        wc = analysis.weak_criteria(code, index, year, **kw)
        if wc["score"].notna().any() or wc["rank"].notna().any():
            return wc, ""
    except ParlibError:
        pass
    try:
        return None, standing_sentence(code, index, year)
    except ParlibError:
        name = _unit_names([code])[0]
        return None, f"{index} {year}: no data for {name} in the panel (the source does not cover it)."


def standing_sentence(code, index, year) -> str:
    """One sentence on what the data hold for a province, index and year (no criteria)."""
    from parlib import analysis

    st = analysis.standing(code, year, indices=(index,)).iloc[0]
    name = _unit_names([code])[0]
    if st["status"] == "rank only":
        kind = st["rank_kind"] or "published"
        return (f"{index} {year}: {name} is ranked {st['rank']} of {st['rank_of']} ({kind}); "
                "the source published no score and no criteria.")
    if st["status"] == "ok":
        return (f"{index} {year}: {name} scores {st['score']:.2f}; no criterion-level data "
                "for it.")
    return f"{index} {year}: no data for {name} ({st['note'] or st['status']})."
