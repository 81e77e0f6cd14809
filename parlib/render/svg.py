"""The brief's charts as small hand-built SVG documents (trend lines, points-lost bars, the map).

Why not matplotlib here: rasterising text with Agg was two thirds of a brief's CPU time; these
SVGs are built in milliseconds, are byte-for-byte deterministic, stay sharp at any zoom and keep
their text as real (selectable, searchable) Unicode, Vietnamese diacritics included. They are
embedded as ``<img src="data:image/svg+xml;base64,...">`` (see :func:`img_html`): an SVG shown
through ``<img>`` can fetch nothing, so the report stays self-contained. Fonts: DejaVu Sans
where installed, else the viewer's sans-serif (any of which has the Vietnamese letters).

The research notebooks keep using :mod:`parlib.render.charts` (matplotlib).
"""
from __future__ import annotations

import base64
import html
import math

from parlib.render.i18n import num, t

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
C_UNIT = "#c0392b"
C_REGION = "#2471a3"
C_NATION = "#7f8c8d"
C_GRID = "#e5e5e5"
C_TEXT = "#222222"
# YlGnBu anchors (ColorBrewer), interpolated linearly
_YLGNBU = ["#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494"]


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _f(x: float) -> str:
    """Coordinates with one decimal, no trailing zeros (compact and deterministic)."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _doc(w: int, h: int, body: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}" font-family="{FONT}" font-size="11" fill="{C_TEXT}">'
            f"<title>{_e(title)}</title>" + "".join(body) + "</svg>")


def _text(x, y, s, size=11, anchor="start", color=None, weight=None, extra="") -> str:
    a = f' text-anchor="{anchor}"' if anchor != "start" else ""
    c = f' fill="{color}"' if color else ""
    wgt = f' font-weight="{weight}"' if weight else ""
    sz = f' font-size="{size}"' if size != 11 else ""
    return f'<text x="{_f(x)}" y="{_f(y)}"{a}{c}{wgt}{sz}{extra}>{_e(s)}</text>'


def _isnan(v) -> bool:
    try:
        return v is None or math.isnan(float(v))
    except (TypeError, ValueError):
        return True


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi] (about ``n`` of them)."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks, v = [], start
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _year_ticks(y0: int, y1: int, n: int = 5) -> list[int]:
    span = y1 - y0
    step = max(1, math.ceil(span / max(n - 1, 1)))
    for s in (1, 2, 3, 4, 5, 10):
        if s >= step:
            step = s
            break
    first = y0 + (-y0) % step if span > step else y0
    return [y for y in range(first, y1 + 1, step)] or [y0]


def _fmt_tick(v: float, lang: str) -> str:
    nd = 0 if abs(v - round(v)) < 1e-9 else (1 if abs(v * 10 - round(v * 10)) < 1e-9 else 2)
    return num(v, lang, nd)


# ----------------------------------------------------------------------------- trends

def trend_svg(b) -> str | None:
    """One panel per index with data: the province's overall score (gaps where a year has no
    figure), the regional and national means, the rank at the first and latest point, dotted
    lines at methodology breaks."""
    idx = [i for i in ("PCI", "PAPI", "PAR", "SIPAS") if i in b.trends]
    if not idx:
        return None
    L = b.lang
    pw, ph = 250, 190          # panel size
    ml, mr, mt, mb = 38, 18, 26, 24
    W, H = pw * len(idx), ph + 30
    out = []
    for k, index in enumerate(idx):
        d = b.trends[index]
        ox = k * pw
        years = [int(y) for y in d["year"]]
        y0, y1 = min(years), max(years)
        vals = [float(v) for col in ("value", "region_mean", "nation_mean") for v in d[col]
                if not _isnan(v)]
        if not vals:
            continue
        lo, hi = min(vals), max(vals)
        pad = (hi - lo) * 0.12 or 1.0
        ticks = nice_ticks(lo - pad, hi + pad, 5)
        vlo, vhi = ticks[0], ticks[-1]
        x0, x1 = ox + ml, ox + pw - mr
        top, bot = mt, ph - mb

        def X(y):
            return x0 + (x1 - x0) * ((y - y0) / (y1 - y0) if y1 > y0 else 0.5)

        def Y(v):
            return bot - (bot - top) * (v - vlo) / (vhi - vlo)

        out.append(_text((x0 + x1) / 2, 14, t("trend_score", L).format(index=index), 12,
                         "middle"))
        for tv in ticks:
            yy = Y(tv)
            out.append(f'<line x1="{_f(x0)}" y1="{_f(yy)}" x2="{_f(x1)}" y2="{_f(yy)}" '
                       f'stroke="{C_GRID}"/>')
            out.append(_text(x0 - 4, yy + 3.5, _fmt_tick(tv, L), 9, "end", "#555"))
        for yt in _year_ticks(y0, y1):
            out.append(_text(X(yt), bot + 14, str(yt), 9, "middle", "#555"))
        out.append(f'<line x1="{_f(x0)}" y1="{_f(bot)}" x2="{_f(x1)}" y2="{_f(bot)}" '
                   'stroke="#888"/>')
        for yb in b.breaks.get(index, []):
            if y0 < yb <= y1:
                xb = X(yb - 0.5)
                out.append(f'<line x1="{_f(xb)}" y1="{_f(top)}" x2="{_f(xb)}" y2="{_f(bot)}" '
                           'stroke="#999" stroke-dasharray="2,3"/>')
        for col, color, dash, width in (("nation_mean", C_NATION, ' stroke-dasharray="5,3"', 1.3),
                                        ("region_mean", C_REGION, "", 1.3),
                                        ("value", C_UNIT, "", 2.2)):
            for seg in _segments(years, list(d[col])):
                pts = " ".join(f"{_f(X(y))},{_f(Y(v))}" for y, v in seg)
                if len(seg) > 1:
                    out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" '
                               f'stroke-width="{width}"{dash}/>')
                if col == "value":
                    out.extend(f'<circle cx="{_f(X(y))}" cy="{_f(Y(v))}" r="2.6" fill="{color}"/>'
                               for y, v in seg)
        mine = [(int(y), float(v), r) for y, v, r in zip(d["year"], d["value"], d["rank"])
                if not _isnan(v)]
        for y, v, r in ([mine[0], mine[-1]] if len(mine) > 1 else mine):
            if not _isnan(r):
                out.append(_text(X(y), Y(v) - 6, f"#{int(r)}", 9, "middle", C_UNIT))
    # legend
    items = [(b.name, C_UNIT, ""), (t("legend_region_mean", L), C_REGION, ""),
             (t("legend_nation_mean", L), C_NATION, ' stroke-dasharray="5,3"')]
    lx = max(10, W / 2 - 220)
    for name, color, dash in items:
        out.append(f'<line x1="{_f(lx)}" y1="{H - 10}" x2="{_f(lx + 22)}" y2="{H - 10}" '
                   f'stroke="{color}" stroke-width="2"{dash}/>')
        out.append(_text(lx + 27, H - 6, name, 10))
        lx += 40 + 6.5 * len(name)
    return _doc(W, H, out, t("sec_trends", L))


def _segments(years, values):
    """Runs of consecutive points with a value (a missing year breaks the line)."""
    seg, out = [], []
    for y, v in zip(years, values):
        if _isnan(v):
            if seg:
                out.append(seg)
            seg = []
        else:
            seg.append((int(y), float(v)))
    if seg:
        out.append(seg)
    return out


# ----------------------------------------------------------------------------- points lost

def weak_svg(b, index: str | None = None) -> str | None:
    """Horizontal bars of the points lost per criterion, largest first; persistent weaknesses
    in the darker colour."""
    index = index or b.primary_index
    w = b.weak.get(index)
    if w is None or not len(w) or not w["points_lost"].notna().any():  # no drag: standing only
        return None
    L = b.lang
    w = w.head(10)
    names = [str(x) for x in w["name"]]
    label_w = min(330, 12 + 6.3 * max(len(n) for n in names))
    bar_h, gap, top = 18, 6, 30
    W = int(label_w + 380)
    H = top + len(w) * (bar_h + gap) + 34
    vals = [max(0.0, float(v)) if not _isnan(v) else 0.0 for v in w["points_lost"]]
    ticks = nice_ticks(0, max(max(vals), 0.1), 5)
    vmax = ticks[-1]
    x0, x1 = label_w, W - 50
    out = [_text(W / 2, 16, t("weak_chart_title", L).format(index=index, year=b.year), 12,
                 "middle")]
    for tv in ticks:
        xx = x0 + (x1 - x0) * tv / vmax
        out.append(f'<line x1="{_f(xx)}" y1="{top - 4}" x2="{_f(xx)}" '
                   f'y2="{H - 28}" stroke="{C_GRID}"/>')
        out.append(_text(xx, H - 14, _fmt_tick(tv, L), 9, "middle", "#555"))
    for i, (name, v, pers) in enumerate(zip(names, vals, w["persistent"])):
        y = top + i * (bar_h + gap)
        width = (x1 - x0) * v / vmax
        color = "#e67e22" if bool(pers) else "#f0b27a"
        out.append(_text(x0 - 6, y + bar_h / 2 + 4, name, 10.5, "end"))
        out.append(f'<rect x="{_f(x0)}" y="{y}" width="{_f(width)}" height="{bar_h}" '
                   f'fill="{color}"/>')
        out.append(_text(x0 + width + 4, y + bar_h / 2 + 4, num(v, L), 9.5))
    out.append(_text((x0 + x1) / 2, H - 1, t("points_lost", L), 10, "middle", "#444"))
    return _doc(W, H, out, t("sec_weak", L))


# ----------------------------------------------------------------------------- map

def _hex(c):
    return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))


def _ramp(x: float) -> str:
    x = min(1.0, max(0.0, x)) * (len(_YLGNBU) - 1)
    i = min(int(x), len(_YLGNBU) - 2)
    a, b_ = _hex(_YLGNBU[i]), _hex(_YLGNBU[i + 1])
    f = x - i
    return "#" + "".join(f"{round(a[k] + (b_[k] - a[k]) * f):02x}" for k in range(3))


def map_svg(b) -> str | None:
    """The region's provinces shaded by score (when there is one), the province outlined in
    red and named; the neighbouring provinces in grey. ``None`` without the geometry file."""
    from parlib.registry import geo

    shapes = geo.shapes()
    if not shapes:
        return None
    region = {c: s for c, s in shapes.items() if s["region"] == b.region_code}
    if b.code not in region:
        return None
    L = b.lang
    main = [r for s in region.values() for r in geo.mainland_rings(s["rings"])] or \
        [r for s in region.values() for r in s["rings"]]
    xs = [x for r in main for x, _ in r]
    ys = [y for r in main for _, y in r]
    lon0, lon1, lat0, lat1 = min(xs) - 0.12, max(xs) + 0.12, min(ys) - 0.12, max(ys) + 0.12
    k = math.cos(math.radians((lat0 + lat1) / 2))
    W, H = 480, 400
    top = 24
    scale = min(W / ((lon1 - lon0) * k), (H - top) / (lat1 - lat0))
    ox = (W - (lon1 - lon0) * k * scale) / 2
    oy = top + ((H - top) - (lat1 - lat0) * scale) / 2

    def P(x, y):
        return ox + (x - lon0) * k * scale, oy + (lat1 - y) * scale

    def path(rings):
        parts = []
        for r in rings:
            pts = [P(x, y) for x, y in r]
            parts.append("M" + " ".join(f"{_f(px)},{_f(py)}" for px, py in pts) + "Z")
        return "".join(parts)

    def visible(rings):
        for r in rings:
            for x, y in r:
                if lon0 - 1 <= x <= lon1 + 1 and lat0 - 1 <= y <= lat1 + 1:
                    return True
        return False

    out = [f'<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>']
    for c, s in sorted(shapes.items()):
        if c not in region and visible(s["rings"]):
            out.append(f'<path d="{path(s["rings"])}" fill="#eeeeee" stroke="#ffffff" '
                       'stroke-width="0.6"/>')
    vals = b.map_values
    lo = min(vals.values()) if vals else 0.0
    hi = max(vals.values()) if vals else 1.0
    span = (hi - lo) or 1.0
    for c, s in sorted(region.items()):
        fill = _ramp(0.1 + 0.85 * (vals[c] - lo) / span) if c in vals else "#d6eaf8"
        out.append(f'<path d="{path(s["rings"])}" fill="{fill}" stroke="#555555" '
                   f'stroke-width="0.6"><title>{_e(_name(c))}'
                   f'{": " + num(vals[c], L) if c in vals else ""}</title></path>')
    mine = region[b.code]["rings"]
    out.append(f'<path d="{path(mine)}" fill="none" stroke="{C_UNIT}" stroke-width="2"/>')
    mm = geo.mainland_rings(mine) or mine
    biggest = max(mm, key=len)
    cx = sum(x for x, _ in biggest) / len(biggest)
    cy = sum(y for _, y in biggest) / len(biggest)
    px, py = P(cx, cy)
    tw = 7.2 * len(b.name) + 8
    out.append(f'<rect x="{_f(px - tw / 2)}" y="{_f(py - 10)}" width="{_f(tw)}" height="16" '
               'rx="3" fill="#ffffff" fill-opacity="0.85"/>')
    out.append(_text(px, py + 2.5, b.name, 11, "middle", weight="bold"))
    title = b.region if not b.map_index else f"{b.region} · {b.map_index} {b.year}"
    out.append(_text(W / 2, 16, title, 12, "middle"))
    return _doc(W, H, out, t("sec_map", L))


def _name(code):
    from parlib import provinces

    try:
        return provinces.get(code).name_vi
    except Exception:
        return code


def img_html(svg: str, alt: str, css_class: str = "parlib-chart") -> str:
    """An ``<img>`` with the SVG inline (base64 data URI) and alternative text."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (f'<img class="{css_class}" alt="{_e(alt)}" src="data:image/svg+xml;base64,{data}" '
            'style="max-width:100%;height:auto">')
