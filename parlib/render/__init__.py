"""Rendering: parameterised notebooks executed on warm kernels, exported to self-contained HTML.

* :mod:`parlib.render.params`   parameter validation used by every notebook's first cell
* :mod:`parlib.render.i18n`     Vietnamese / English strings
* :mod:`parlib.render.brief_data`  everything the annual brief shows, computed from the panel
* :mod:`parlib.render.merged`   briefs of the 34 units from 2025 (reconstructions from the 63)
* :mod:`parlib.render.brief_html`  the brief's HTML; :mod:`parlib.render.verdict` its verdict
* :mod:`parlib.render.figures`  the brief's charts (matplotlib, inline SVG)
* :mod:`parlib.render.maps`     the brief's map (geopandas, inline SVG)
* :mod:`parlib.render.page`     our own page template (Jinja, ``templates/``, print stylesheet)
* :mod:`parlib.render.charts`   matplotlib figures of the research notebooks (DejaVu Sans)
* :mod:`parlib.registry.geo`      compact province geometry (``data/reference/geo``)
* :mod:`parlib.render.session`  kernel-side warm-up and per-run namespace reset
* :mod:`parlib.render.engine`   warm kernels, papermill parameterisation, HTML export, batches
* :mod:`parlib.render.site`     ``reports/index.html`` and the per-year index pages

Heavy modules are imported lazily: ``import parlib.render`` stays cheap.
"""
from __future__ import annotations

__all__ = ["render_brief", "render_briefs", "render_notebook"]


def render_brief(*args, **kwargs):
    from parlib.render.engine import render_brief as f

    return f(*args, **kwargs)


def render_briefs(*args, **kwargs):
    from parlib.render.engine import render_briefs as f

    return f(*args, **kwargs)


def render_notebook(*args, **kwargs):
    from parlib.render.engine import render_notebook as f

    return f(*args, **kwargs)
