"""Point labels that do not collide, with matplotlib's own geometry.

Each label tries a few places around its point (above, below, beside, diagonally) and takes,
among those inside the axes (or the figure's right margin) that overlap no label already placed,
the one crossing the fewest drawn lines and covering the fewest data points (the earlier place
on a tie). Extents come from :meth:`matplotlib.text.Text.get_window_extent`, overlaps from
:meth:`matplotlib.transforms.Bbox.overlaps`, line crossings from
:meth:`matplotlib.path.Path.intersects_bbox`: the same display geometry the SVG is written from,
so what is placed apart here is apart in the chart, for any font, size or figure width.

Labels are placed in the order given (put the most important first). A label that cannot be
placed without overlapping an earlier one is left out, rather than printed over it.
"""
from __future__ import annotations

# (dx, dy) offset in points, horizontal and vertical alignment; the first is the preferred place
CANDIDATES = (
    ((0, 6), "center", "bottom"), ((0, -7), "center", "top"),
    ((5, 5), "left", "bottom"), ((-5, 5), "right", "bottom"),
    ((5, -5), "left", "top"), ((-5, -5), "right", "top"),
    ((7, 0), "left", "center"), ((-7, 0), "right", "center"),
    ((0, 16), "center", "bottom"), ((0, -17), "center", "top"),
)
PAD = 1.5          # display pixels kept free around a label


def _crossings(bbox, lines) -> float:
    """Weighted number of drawn lines crossing ``bbox``; a marker (a data point) inside it
    counts twice its line."""
    return sum(w * (p.intersects_bbox(bbox, filled=False) + 2 * bbox.count_contains(marks))
               for p, marks, w in lines)


def _lines(ax, weights):
    """Every line of the axes in display coordinates (path, marker positions, weight: from
    ``weights`` {colour: weight} by the line's colour, else 1)."""
    import numpy as np
    from matplotlib.colors import same_color

    out = []
    for ln in ax.get_lines():
        path = ln.get_transform().transform_path(ln.get_path())
        v = path.vertices[np.isfinite(path.vertices).all(axis=1)]
        marks = v if ln.get_marker() not in (None, "None", "", " ") else v[:0]
        w = next((w for c, w in weights.items() if same_color(ln.get_color(), c)), 1.0)
        out.append((path, marks, w))
    return out


def place_labels(ax, points, *, gid: str = "label", avoid: dict | None = None,
                 **text_kw) -> list:
    """Annotate ``points`` [(x, y, text), ...] (data coordinates) without overlaps; returns the
    annotations placed, each with the gid ``{gid}-{i}``. ``avoid`` {colour: weight} says which
    lines matter most to keep clear (others weigh 1); ``text_kw`` go to ``ax.annotate``."""
    from matplotlib.transforms import Bbox

    # inside the axes, or to the right into the figure's margin (a label of the last year)
    ax_box, fig_box = ax.get_window_extent(), ax.figure.bbox
    frame = Bbox([[ax_box.x0, ax_box.y0], [fig_box.x1 - 2, ax_box.y1]])
    lines = _lines(ax, avoid or {})
    placed, boxes = [], []
    for i, (x, y, text) in enumerate(points):
        best = None
        for k, (off, ha, va) in enumerate(CANDIDATES):
            a = ax.annotate(text, (x, y), xytext=off, textcoords="offset points", ha=ha,
                            va=va, annotation_clip=False, **text_kw)
            box = a.get_window_extent().padded(PAD)
            clash = any(box.overlaps(o) for o in boxes)
            outside = not (frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1))
            cost = (clash, outside, _crossings(box, lines), k)
            a.remove()
            if best is None or cost < best[0]:
                best = (cost, off, ha, va, box)
        (clash, _out, _c, _k), off, ha, va, box = best
        if clash:
            continue
        a = ax.annotate(text, (x, y), xytext=off, textcoords="offset points", ha=ha, va=va,
                        annotation_clip=False, **text_kw)
        a.set_gid(f"{gid}-{i}")
        placed.append(a)
        boxes.append(box)
    return placed
