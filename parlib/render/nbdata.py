"""Tables the research notebooks show (data overview, trends, regional, national), so the
notebooks only present. Everything here returns plain DataFrames or HTML strings."""
from __future__ import annotations

import html

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
