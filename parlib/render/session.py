"""Kernel-side state management for warm kernels.

The engine runs :func:`reset` (in a hidden first cell, removed before export) before every
notebook it executes, cold or warm, so both start from the same state:

* a fresh IPython namespace and execution counter (``InteractiveShell.reset(new_session=True)``),
* every matplotlib figure closed and ``rcParams`` restored to the snapshot taken once the
  inline backend was active,
* pandas options, warning filters, ``sys.path``, the working directory and the ``random`` /
  NumPy global random states restored to the snapshot.

Imported modules stay loaded (that is what makes a warm kernel fast), and so do parlib's
read-only caches (panel, codebook, registry, geometry), which are keyed on file identity.
"""
from __future__ import annotations

import copy
import os
import random
import sys
import warnings

_SNAP: dict = {}


def _snapshot():
    import matplotlib
    import matplotlib.pyplot as plt  # noqa: F401  (activates the inline backend first)
    import numpy as np

    _SNAP["rc"] = copy.deepcopy(dict(matplotlib.rcParams))
    _SNAP["warnings"] = list(warnings.filters)
    _SNAP["sys_path"] = list(sys.path)
    _SNAP["cwd"] = os.getcwd()
    _SNAP["random"] = random.getstate()
    _SNAP["np_random"] = np.random.get_state()
    _SNAP["env"] = dict(os.environ)


def reset():
    """Give the next notebook a clean kernel (see the module docstring)."""
    if not _SNAP:
        _snapshot()
    import matplotlib
    import matplotlib.pyplot as plt
    import numpy as np

    try:
        ip = get_ipython()  # noqa: F821
    except NameError:  # pragma: no cover - not in IPython
        ip = None
    if ip is not None:
        ip.reset(new_session=True, aggressive=False)
    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.clear()
        matplotlib.rcParams.update(_SNAP["rc"])
        if "pandas" in sys.modules:
            import pandas as pd

            pd.reset_option("all")
    warnings.filters[:] = _SNAP["warnings"]
    sys.path[:] = _SNAP["sys_path"]
    os.chdir(_SNAP["cwd"])
    for k in set(os.environ) - set(_SNAP["env"]):
        del os.environ[k]
    os.environ.update(_SNAP["env"])
    random.setstate(_SNAP["random"])
    np.random.set_state(_SNAP["np_random"])


def preload():
    """Import the modules a brief uses (pandas, matplotlib's SVG backend, geopandas) and load
    the panel: run by a single brief's kernel while it starts (see ``WarmKernel(preload=)``)."""
    import importlib

    for mod in ("parlib.render.i18n", "parlib.render.params", "parlib.render.figures",
                "parlib.render.maps", "parlib.render.brief_data", "parlib.render.brief_html",
                "matplotlib.pyplot", "matplotlib.backends.backend_svg", "matplotlib.figure",
                "geopandas"):
        try:
            importlib.import_module(mod)
        except ImportError:
            pass
    try:
        import parlib

        parlib.load()
    except Exception:  # no processed panel yet: the notebook will say so itself
        pass


def warm():
    """Import what notebooks use, so the first brief does not pay for it."""
    import importlib

    preload()
    for mod in ("charts", "merged", "page"):
        try:
            importlib.import_module(f"parlib.render.{mod}")
        except ImportError:
            pass
    try:  # geometry as GeoDataFrames, and matplotlib's SVG backend and fonts
        from parlib.render import figures, maps

        maps.frame("63")
        maps.frame("34")
        with figures.style():
            figures.to_svg(figures._figure(1, 1), "warm-up")
    except Exception:
        pass
    try:  # the per-process caches every brief uses (keyed on the panel file's identity)
        from parlib.render import brief_data

        for index in brief_data.coverage():
            brief_data.overall_long(index)
    except Exception:
        pass
