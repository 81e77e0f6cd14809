"""Charts of the reports as PNG bytes.

Figures are built with the object API (``matplotlib.figure.Figure`` + the Agg canvas), never
through pyplot, so rendering leaves no global figure state behind; the text uses DejaVu Sans,
which has every Vietnamese diacritic. PNG metadata is fixed so output bytes are reproducible.
"""
from __future__ import annotations

import io

from parlib.render.i18n import num, t

FONT = "DejaVu Sans"
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "svg.hashsalt": "parlib",
}
C_UNIT = "#c0392b"
C_REGION = "#2471a3"
C_NATION = "#7f8c8d"
DPI = 90


def _figure(w, h):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(w, h), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None},
                pil_kwargs={"compress_level": 4})
    return buf.getvalue()


def _style():
    import matplotlib

    return matplotlib.rc_context(STYLE)


def trend_png(b) -> bytes | None:
    """One panel per index with data: the province's overall score with the regional and
    national means, ranks written at the points, dashed lines at methodology breaks."""
    idx = [i for i in ("PCI", "PAPI", "PAR", "SIPAS") if i in b.trends]
    if not idx:
        return None
    L = b.lang
    with _style():
        n = len(idx)
        fig = _figure(min(4.2 * n, 11), 3.4)
        axes = fig.subplots(1, n, squeeze=False)[0]
        for ax, index in zip(axes, idx):
            d = b.trends[index]
            ax.plot(d["year"], d["nation_mean"], color=C_NATION, lw=1.2, ls="--",
                    label=t("legend_nation_mean", L))
            ax.plot(d["year"], d["region_mean"], color=C_REGION, lw=1.2,
                    label=t("legend_region_mean", L))
            mine = d[d["value"].notna()]
            # NaN years break the line: a missing year is not interpolated
            ax.plot(d["year"], d["value"].astype(float), color=C_UNIT, lw=2, marker="o", ms=3.5,
                    label=b.name)
            # the rank at the first and the latest point (every point would clutter)
            pts = mine.iloc[[0, -1]] if len(mine) > 1 else mine
            for r in pts.itertuples():
                try:
                    ax.annotate(f"#{int(r.rank)}", (r.year, r.value), textcoords="offset points",
                                xytext=(0, 5), ha="center", fontsize=7, color=C_UNIT)
                except (TypeError, ValueError):
                    pass
            y0, y1 = int(d["year"].min()), int(d["year"].max())
            for y in b.breaks.get(index, []):
                if y0 < y <= y1:
                    ax.axvline(y - 0.5, color="#999", lw=0.8, ls=":")
            ax.set_xlim(y0 - 0.5, y1 + 0.5)
            ax.set_title(t("trend_score", L).format(index=index))
            from matplotlib.ticker import MaxNLocator

            ax.xaxis.set_major_locator(MaxNLocator(nbins=4 if n > 2 else 6, integer=True))
        handles, labels = axes[0].get_legend_handles_labels()
        fig.legend(handles[::-1], labels[::-1], loc="lower center", ncol=3, fontsize=8,
                   frameon=False)
        fig.subplots_adjust(left=0.07 if n > 1 else 0.1, right=0.98, top=0.9, bottom=0.2,
                            wspace=0.25)
        return _png(fig)


def weak_png(b, index: str | None = None) -> bytes | None:
    """Horizontal bars: points lost per criterion (largest on top)."""
    index = index or b.primary_index
    w = b.weak.get(index)
    if w is None or not len(w) or not w["points_lost"].notna().any():  # no drag: standing only
        return None
    L = b.lang
    w = w.head(10).iloc[::-1]
    with _style():
        fig = _figure(8, 0.32 * len(w) + 1.1)
        ax = fig.subplots()
        vals = w["points_lost"].astype(float).clip(lower=0)
        colors = ["#e67e22" if p else "#f0b27a" for p in w["persistent"]]
        ax.barh(range(len(w)), vals, color=colors)
        ax.set_yticks(range(len(w)))
        ax.set_yticklabels([_short(x) for x in w["name"]])
        for i, v in enumerate(vals):
            ax.text(v, i, " " + num(v, L), va="center", fontsize=7)
        ax.set_title(t("weak_chart_title", L).format(index=index, year=b.year))
        ax.set_xlabel(t("points_lost", L))
        ax.set_xlim(0, max(float(vals.max()) * 1.2, 0.1))
        ax.grid(axis="y", visible=False)
        longest = max(len(_short(x)) for x in w["name"])
        fig.subplots_adjust(left=min(0.5, 0.04 + 0.0105 * longest), right=0.95, top=0.9,
                            bottom=0.9 / fig.get_figheight())
        return _png(fig)


def _short(s, n=48):
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def map_png(b) -> bytes | None:
    """The region's provinces shaded by score (when there is one), the province outlined;
    ``None`` when the geometry reference file is missing."""
    from matplotlib.collections import PolyCollection

    from parlib.registry import geo

    shapes = geo.shapes()
    if not shapes:
        return None
    region = {c: s for c, s in shapes.items() if s["region"] == b.region_code}
    if b.code not in region:
        return None
    with _style():
        fig = _figure(5.2, 4.0)
        ax = fig.subplots()
        # context: the other provinces in light grey
        ctx = [r for c, s in shapes.items() if c not in region for r in s["rings"]]
        ax.add_collection(PolyCollection(ctx, facecolors="#eeeeee", edgecolors="#ffffff", lw=0.3))
        vals = b.map_values
        rings, colors = [], []
        cmap = None
        if vals:
            import matplotlib

            cmap = matplotlib.colormaps["YlGnBu"]
            lo, hi = min(vals.values()), max(vals.values())
            span = (hi - lo) or 1.0
        for c, s in sorted(region.items()):
            for r in s["rings"]:
                rings.append(r)
                if cmap is not None and c in vals:
                    colors.append(cmap(0.15 + 0.75 * (vals[c] - lo) / span))
                else:
                    colors.append("#d6eaf8")
        ax.add_collection(PolyCollection(rings, facecolors=colors, edgecolors="#555555", lw=0.4))
        mine = region[b.code]["rings"]
        ax.add_collection(PolyCollection(mine, facecolors="none", edgecolors=C_UNIT, lw=1.4))
        main = [r for s in region.values() for r in geo.mainland_rings(s["rings"])] or \
            [r for s in region.values() for r in s["rings"]]
        xs = [x for r in main for x, _ in r]
        ys = [y for r in main for _, y in r]
        pad = 0.15
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
        ax.set_aspect(1.0 / __import__("math").cos(__import__("math").radians(sum(ys) / len(ys))))
        ax.set_axis_off()
        mx = [x for r in geo.mainland_rings(mine) or mine for x, _ in r]
        my = [y for r in geo.mainland_rings(mine) or mine for _, y in r]
        ax.annotate(b.name, (sum(mx) / len(mx), sum(my) / len(my)), ha="center", va="center",
                    fontsize=8, fontweight="bold", color="#222",
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="none", alpha=0.8))
        title = b.region if not b.map_index else f"{b.region} · {b.map_index} {b.year}"
        ax.set_title(title)
        fig.subplots_adjust(left=0.02, right=0.98, top=0.92, bottom=0.02)
        return _png(fig)


def bar_png(labels, values, title, highlight=None, xlabel="", lang="en", width=8) -> bytes:
    """A sorted horizontal bar chart (regional and national notebooks)."""
    with _style():
        h = max(2.0, 0.2 * len(labels) + 1.0)
        fig = _figure(width, h)
        ax = fig.subplots()
        colors = [C_UNIT if (highlight and lab in highlight) else C_REGION for lab in labels]
        ax.barh(range(len(labels)), values, color=colors)
        ax.set_yticks(range(len(labels)))
        ax.set_yticklabels(labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        lo = min(v for v in values if v == v) if len(values) else 0
        hi = max(v for v in values if v == v) if len(values) else 1
        ax.set_xlim(max(0, lo - (hi - lo) * 0.3), hi + (hi - lo) * 0.05 + 1e-9)
        ax.grid(axis="y", visible=False)
        fig.tight_layout()
        return _png(fig)


def lines_png(frame, x, y, group, title, xlabel="", ylabel="", width=8, height=3.6) -> bytes:
    """One line per group (trends notebook)."""
    with _style():
        fig = _figure(width, height)
        ax = fig.subplots()
        for g, d in frame.groupby(group, sort=False):
            d = d.sort_values(x)
            ax.plot(d[x], d[y], marker="o", ms=3, lw=1.5, label=str(g))
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=7, frameon=False, loc="best")
        fig.tight_layout()
        return _png(fig)


def heatmap_png(matrix, title, xlabel="", ylabel="", width=8, height=4) -> bytes:
    """A coverage/missingness matrix (rows × columns of counts or shares)."""
    with _style():
        fig = _figure(width, height)
        ax = fig.subplots()
        im = ax.imshow(matrix.to_numpy(dtype=float), aspect="auto", cmap="Blues")
        ax.set_xticks(range(matrix.shape[1]))
        ax.set_xticklabels([str(c) for c in matrix.columns], rotation=90, fontsize=7)
        ax.set_yticks(range(matrix.shape[0]))
        ax.set_yticklabels([str(i) for i in matrix.index], fontsize=8)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(False)
        fig.colorbar(im, ax=ax, fraction=0.025)
        fig.tight_layout()
        return _png(fig)


def img_html(png: bytes, alt: str, css_class: str = "parlib-chart") -> str:
    """An ``<img>`` with the PNG inline (data URI) and alternative text."""
    import base64
    import html as _html

    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="{css_class}" alt="{_html.escape(alt, quote=True)}" '
            f'src="data:image/png;base64,{data}" style="max-width:100%;height:auto">')
