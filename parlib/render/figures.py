"""The brief's charts with matplotlib (seaborn's palettes), written as compact inline SVG.

Built for a phone first: one figure per index, 4.6 in wide (441 CSS px at its natural size, never
shown larger), text at 11 pt or more, so a figure squeezed into a 390 px screen keeps its text at
about 12 px. Text stays text (``svg.fonttype = none``: selectable,
searchable, Vietnamese diacritics kept) and ids are salted, so the output is deterministic.

* :func:`trend_svg` one index over time: the province, the national and regional means; the line is
  broken where the methodology changes (codebook ``era``) and the break is labelled; the first and
  last point of each era carry the rank "#6/63"; the y axis names its unit ("score, 0-100").
* :func:`weak_svg` points lost by criterion (largest first).
* :func:`svg_html` a ``<figure>`` with the chart, a caption and the publisher's name and link.
"""
from __future__ import annotations

import html
import io
import re
import textwrap

from parlib.render.i18n import num, t

FONT = "DejaVu Sans"
STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT, "Verdana", "Arial"],
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 10.5,
    "ytick.labelsize": 10.5,
    "legend.fontsize": 10.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.8,
    "svg.fonttype": "none",
    "svg.hashsalt": "parlib",
    "path.simplify": True,
    "figure.dpi": 72,
    "savefig.dpi": 72,
    "savefig.bbox": None,
}
C_UNIT = "#c0392b"
C_REGION = "#2471a3"
C_NATION = "#6c757d"
C_BREAK = "#7a5c00"
WIDTH = 4.6

_NUM = re.compile(r"(-?\d+\.\d)\d+")
_D_ATTR = re.compile(r'( d="[^"]*")')


def _figure(w, h):
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(w, h), dpi=72)
    FigureCanvasSVG(fig)
    return fig


def style():
    import matplotlib

    return matplotlib.rc_context(STYLE)


def to_svg(fig, title: str) -> str:
    """The figure as an ``<svg>`` element (no XML prolog), path coordinates rounded to 0.1 pt,
    sized by CSS (``width:100%``) and titled for screen readers."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                              "Type": None})
    s = buf.getvalue()
    s = s[s.index("<svg"):]
    s = _D_ATTR.sub(lambda m: _NUM.sub(r"\1", m.group(1)), s)
    s = re.sub(r"\n\s*", "\n", s)
    # ids unique within a page holding several figures (matplotlib numbers them from 1)
    import hashlib

    pre = "f" + hashlib.sha1(title.encode("utf-8")).hexdigest()[:6] + "-"
    s = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{pre}{m.group(1)}"', s)
    s = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m.group(1)}{pre}{m.group(2)}", s)
    w_in = fig.get_figwidth()
    s = re.sub(r'<svg ([^>]*?)width="[^"]+" height="[^"]+"',
               lambda m: (f'<svg {m.group(1)}role="img" style="max-width:{round(w_in * 96)}px" '
                          f'aria-label="{html.escape(title, quote=True)}"'), s, count=1)
    return s


def svg_html(svg: str, caption: str, source_html: str, css_class: str = "chart") -> str:
    """A figure: the inline SVG, its caption and the publisher (HTML already escaped)."""
    return (f'<figure class="{css_class}">{svg}<figcaption>{html.escape(caption)} '
            f'<span class="src">{source_html}</span></figcaption></figure>')


# ----------------------------------------------------------------------------- trends

def _eras(index: str, years, breaks):
    """Consecutive runs of years in the same methodology: [[y, ...], ...]."""
    runs, cur = [], []
    for y in sorted(years):
        if cur and any(cur[-1] < b <= y for b in breaks):
            runs.append(cur)
            cur = []
        cur.append(y)
    if cur:
        runs.append(cur)
    return runs


def trend_frame(b, index: str):
    """The rows the trend chart of ``index`` draws (the years from the province's first to its
    last value); None without two years of data. The caption is made from the same frame
    (:func:`parlib.render.trend_means.caption`)."""
    d = b.trends.get(index)
    if d is None:
        return None
    d = d.sort_values("year")
    mine = d[d["value"].notna()]
    if len(mine) < 2:
        return None
    return d[(d["year"] >= mine["year"].min()) & (d["year"] <= mine["year"].max())]


def _mean_lines(d, L):
    """(column, colour, width, style, marker, legend) of the means drawn; a published average
    has markers (its years are often isolated) and says "published" in the legend."""
    out = []
    for col, color, ls in (("nation", C_NATION, "--"), ("region", C_REGION, "-")):
        kinds = set(d[f"{col}_kind"].dropna()) if f"{col}_kind" in d else set()
        pub = kinds == {"published"}
        out.append((f"{col}_mean", color, 1.4, ls, "D" if "published" in kinds else None,
                    t(f"legend_{col}_{'published' if pub else 'mean'}", L)))
    return out


def trend_svg(b, index: str, unit_label: str) -> str | None:
    """One index over time (see the module docstring); None without two years of data."""
    d = trend_frame(b, index)
    if d is None:
        return None
    with style():
        fig = trend_figure(b, index, d, unit_label)
        return to_svg(fig, t("trend_score", b.lang).format(index=index))


def trend_figure(b, index: str, d, unit_label: str):
    """The matplotlib figure of :func:`trend_svg` from its frame ``d`` (call inside
    :func:`style`); the rank labels are the texts with a gid "rank-label-…"."""
    L = b.lang
    last = d[d["value"].notna()]["year"].max()
    breaks = [y for y in b.breaks.get(index, []) if d["year"].min() < y <= d["year"].max()]
    lines = _mean_lines(d, L) + [("value", C_UNIT, 2.4, "-", "o", b.name)]
    fig = _figure(WIDTH, 3.3)
    ax = fig.subplots()
    labelled, ranked = set(), []
    for run in _eras(index, list(d["year"]), breaks):
        seg = d[d["year"].isin(run)]
        for col, color, lw, ls, marker, label in lines:
            ys = seg[col].astype(float) if col in seg else seg["value"] * float("nan")
            if not ys.notna().any():
                continue
            ax.plot(seg["year"], ys, color=color, lw=lw, ls=ls, marker=marker,
                    ms=4.5 if col == "value" else 3.5,
                    label=None if col in labelled else label)
            labelled.add(col)
            # a mean's year with no neighbour draws no line: a short dash shows it (PCI 2005)
            alone = ys.notna() & ys.shift(1).isna() & ys.shift(-1).isna()
            if marker is None and alone.any():
                ax.plot(seg["year"][alone], ys[alone], ls="none", marker="_", ms=9, mew=1.6,
                        color=color)
        pts = seg[seg["value"].notna()]
        # rank labels on the last point of each era long enough to hold one, and the last point
        if len(pts) and (len(pts) >= 3 or pts["year"].max() == last):
            ranked.append(pts.iloc[-1])
    cols = [c for c in ("value", "nation_mean", "region_mean") if c in d]
    lo = float(d[cols].astype(float).min().min())
    hi = float(d[cols].astype(float).max().max())
    pad = max((hi - lo) * 0.15, 0.8)
    ax.set_ylim(lo - pad * 0.5, hi + pad * 1.6)
    y0, y1 = int(d["year"].min()), int(d["year"].max())
    for i, y in enumerate(breaks):
        # the line says where; the year on top says which; the legend says what it means
        ax.axvline(y - 0.5, color=C_BREAK, lw=1.2, ls=(0, (4, 3)),
                   label=t("break_legend", L) if i == 0 else None)
        ax.annotate(str(y), (y - 0.5, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=9.5, color=C_BREAK)
    ax.set_xlim(y0 - 0.6, y1 + 0.6)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_locator(value_locator(5))
    ax.yaxis.set_major_formatter(_num_formatter(L))
    ax.set_ylabel(unit_label)
    # a fixed order, the means first: the two long labels share the first column
    order = [label for *_x, label in lines] + [t("break_legend", L)]
    handles, names = ax.get_legend_handles_labels()
    pairs = sorted(zip(handles, names), key=lambda p: order.index(p[1]))
    ax.legend(*zip(*pairs), loc="upper left", bbox_to_anchor=(-0.17, -0.1), ncol=2,
              frameon=False, handlelength=1.8, columnspacing=1.0)
    fig.subplots_adjust(left=0.15, right=0.9, top=0.92, bottom=0.32)
    # placed once the axes are final (limits, margins): the latest rank first
    from parlib.render.labels import place_labels

    place_labels(ax, [(r["year"], r["value"], lab) for r in reversed(ranked)
                      if (lab := _rank_text(r))],
                 avoid={C_UNIT: 3.0, C_BREAK: 10.0}, gid="rank-label", fontsize=10,
                 color=C_UNIT, fontweight="bold",
                 # a line that must pass under a label stays behind it, the label readable
                 bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                       "alpha": 0.85})
    return fig


def _rank_text(r) -> str | None:
    """"#6/63" of a trend row; None without a rank."""
    try:
        return f"#{int(r['rank'])}/{int(r['rank_of'])}"
    except (TypeError, ValueError):
        return None


def tick_decimals(locs) -> int:
    """The fewest decimals that write every tick in ``locs`` exactly (0.25 -> 2, 12 -> 0), so
    labels follow the tick step and two ticks never print the same (at most 6)."""
    for nd in range(7):
        if all(abs(round(float(v), nd) - float(v)) <= 1e-9 * max(1.0, abs(float(v))) for v in locs):
            return nd
    return 6


def _num_formatter(lang):
    """Tick labels in the language's style (decimal comma in vi) with the decimals the ticks'
    step needs (:func:`tick_decimals`), set each time matplotlib places the ticks."""
    from matplotlib.ticker import Formatter

    class StepFormatter(Formatter):
        nd = 0

        def set_locs(self, locs):
            super().set_locs(locs)
            self.nd = tick_decimals(locs)

        def __call__(self, v, pos=None):
            return num(v, lang, self.nd)

    return StepFormatter()


def value_locator(nbins: int = 5):
    """Ticks at 1-2-5 multiples of a power of ten, at most ``nbins`` intervals."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=nbins, steps=[1, 2, 5, 10])


# ----------------------------------------------------------------------------- weak criteria

def weak_svg(b, index: str, year: int) -> str | None:
    """Horizontal bars, points lost per criterion (largest on top); each criterion's name is
    written above its bar over the full width, so long Vietnamese names stay whole on a phone."""
    w = b.weak.get(index)
    if w is None or not len(w):
        return None
    L = b.lang
    w = w[w["points_lost"].notna()].head(8)
    if not len(w):
        return None
    names = ["\n".join(textwrap.wrap(str(x), 52)[:2]) for x in w["name"]]
    vals = [max(float(v), 0.0) for v in w["points_lost"]]
    vmax = max(max(vals) * 1.2, 0.1)
    with style():
        ys, y = [], 0.0
        for n in names:
            y += 0.42 * (n.count("\n") + 1) + 0.55
            ys.append(y)
        fig = _figure(WIDTH, 0.32 * (ys[-1] + 0.5) + 0.75)
        ax = fig.subplots()
        colors = ["#d35400" if bool(p) else "#f0b27a" for p in w["persistent"]]
        ax.barh(ys, vals, color=colors, height=0.38)
        for yy, n, v in zip(ys, names, vals):
            ax.text(0, yy - 0.25, n, va="bottom", ha="left", fontsize=10.5)
            ax.text(v, yy, " " + num(v, L), va="center", fontsize=10.5)
        ax.set_ylim(ys[-1] + 0.45, 0)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel(t("points_lost_axis", L).format(index=index))
        ax.set_xlim(0, vmax)
        ax.xaxis.set_major_locator(value_locator(4))
        ax.xaxis.set_major_formatter(_num_formatter(L))
        ax.grid(axis="y", visible=False)
        # room for half an edge tick label ("0,00", "0,10") on each side
        fig.subplots_adjust(left=0.05, right=0.95, top=0.99, bottom=0.6 / fig.get_figheight())
        return to_svg(fig, t("weak_chart_title", L).format(index=index, year=year))
