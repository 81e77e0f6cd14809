"""The brief's map with geopandas: classed colours with a legend, the province outlined in red and
labelled beside it (a leader line, never a box over it), written as inline SVG.

Before 2025 the map shows the province's region among the 63 provinces (the other provinces in
grey for context); from 2025 the 34 units of the whole country. Colour classes are the national
quintiles of the mapped score (the same classes in every brief of that index and year), with
"no data" in grey. Geometry comes from the committed references of :mod:`parlib.registry.geo`.
"""
from __future__ import annotations

import math
from functools import lru_cache

from parlib.render.figures import C_UNIT, WIDTH, _figure, style, to_svg
from parlib.render.i18n import num, t

N_CLASSES = 5
NO_DATA = "#d9d9d9"
CONTEXT = "#f0f0f0"


@lru_cache(maxsize=2)
def frame(scheme: str = "63"):
    """The reference geometry as a GeoDataFrame (code, region, geometry), mainland rings only
    (the offshore archipelagos would shrink the mainland to a sliver); None when absent."""
    import geopandas as gpd
    from shapely.geometry import MultiPolygon, Polygon

    from parlib.registry import geo

    shp = geo.shapes(scheme)
    if not shp:
        return None
    rows = []
    for code, s in sorted(shp.items()):
        rings = geo.mainland_rings(s["rings"]) or s["rings"]
        rows.append({"code": code, "region": s["region"],
                     "geometry": MultiPolygon([Polygon(r) for r in rings])})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def classes(values: dict, n: int = N_CLASSES):
    """Class edges: the national quantiles of ``values`` (fewer classes when values tie)."""
    import numpy as np

    v = np.array(sorted(float(x) for x in values.values() if x == x))
    if not len(v):
        return []
    edges = sorted(set(float(x) for x in np.quantile(v, np.linspace(0, 1, n + 1))))
    if len(edges) < 2:
        edges = [float(v[0]), float(v[0])]
    return edges


def class_of(x: float, edges) -> int:
    for i in range(len(edges) - 1):
        if x <= edges[i + 1] + 1e-12:
            return i
    return len(edges) - 2


def map_svg(b) -> str | None:
    """The map of the brief ``b`` (see the module docstring); None without geometry or when the
    province is not in it."""
    gdf = frame(b.scheme)
    if gdf is None or b.code not in set(gdf["code"]):
        return None
    import matplotlib
    from matplotlib.patches import Patch
    from matplotlib.lines import Line2D

    L = b.lang
    if b.scheme == "63":
        view = gdf[gdf["region"] == b.region_code]
        context = gdf[gdf["region"] != b.region_code]
    else:
        view, context = gdf, gdf.iloc[0:0]
    vals = b.map_values or {}
    edges = classes(vals)
    ncls = max(len(edges) - 1, 0)
    cmap = matplotlib.colormaps["YlGnBu"]
    from matplotlib.colors import to_hex

    palette = [to_hex(cmap(0.18 + 0.72 * i / max(ncls - 1, 1))) for i in range(ncls)]
    colors = [palette[class_of(vals[c], edges)] if c in vals and ncls else NO_DATA
              for c in view["code"]]
    x0, y0, x1, y1 = view.total_bounds
    padx, pady = (x1 - x0) * 0.06 + 0.05, (y1 - y0) * 0.04 + 0.05
    x0, x1, y0, y1 = x0 - padx, x1 + padx, y0 - pady, y1 + pady
    # room for the label beyond the map's edge nearest to the province, off the coloured units
    pt = view[view["code"] == b.code].geometry.iloc[0].representative_point()
    right = (pt.x - x0) > (x1 - pt.x)
    if right:
        x1 += (x1 - x0) * 0.4
    else:
        x0 -= (x1 - x0) * 0.4
    aspect = 1.0 / math.cos(math.radians((y0 + y1) / 2))
    h_map = min(max(WIDTH * 0.62 * (y1 - y0) * aspect / (x1 - x0), 2.6), 6.2)
    n_leg = ncls + 2
    h_leg = 0.25 * math.ceil(n_leg / 2) + 0.2
    with style():
        fig = _figure(WIDTH, h_map + h_leg)
        ax = fig.add_axes([0.0, h_leg / (h_map + h_leg), 1.0, h_map / (h_map + h_leg)])
        if len(context):
            cx = context.cx[x0:x1, y0:y1]
            cx.plot(ax=ax, color=CONTEXT, edgecolor="#ffffff", linewidth=0.5)
        view.plot(ax=ax, color=colors, edgecolor="#ffffff", linewidth=0.6)
        mine = view[view["code"] == b.code]
        mine.boundary.plot(ax=ax, color=C_UNIT, linewidth=2.2)
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_aspect(aspect)
        ax.set_axis_off()
        _label(ax, mine, b.name, right, (y0, y1))
        handles = [Patch(facecolor=palette[i], edgecolor="none",
                         label=f"{num(edges[i], L, 1)}–{num(edges[i + 1], L, 1)}")
                   for i in range(ncls)]
        handles.append(Patch(facecolor=NO_DATA, edgecolor="none", label=t("no_data", L)))
        handles.append(Line2D([], [], color=C_UNIT, lw=2.2, label=t("map_outline", L).format(
            name=b.name)))
        fig.legend(handles=handles, loc="lower center", ncol=2, frameon=False,
                   title=t("map_legend", L).format(index=b.map_index, year=b.map_year)
                   if b.map_index else None, fontsize=10.5, title_fontsize=10.5,
                   bbox_to_anchor=(0.5, 0.0), handlelength=1.4, columnspacing=1.2)
        title = t("map_title", L).format(name=b.name)
        return to_svg(fig, title)


def _label(ax, mine, name, right, ys):
    """The province's name beside the map on its nearer side, with a leader line."""
    pt = mine.geometry.iloc[0].representative_point()
    tx = 0.99 if right else 0.01
    ty = min(max((pt.y - ys[0]) / (ys[1] - ys[0]) - 0.08, 0.05), 0.95)
    ax.annotate(name, xy=(pt.x, pt.y), xycoords="data",
                xytext=(tx, ty), textcoords=("axes fraction", "axes fraction"),
                ha="right" if right else "left", va="center", fontsize=11.5, fontweight="bold",
                color="#222222",
                bbox=dict(boxstyle="round,pad=0.25", fc="white", ec=C_UNIT, lw=0.8),
                arrowprops=dict(arrowstyle="-", color=C_UNIT, lw=1.0, shrinkA=0, shrinkB=2))
