"""Charts of the research notebooks as PNG bytes (the brief's charts are SVG: :mod:`figures`).

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
