"""Shared fixtures of the rendering tests (imported by test_render.py and test_notebooks.py).

``synth_processed``: a SYNTHETIC processed folder (tests/render_synth.py) set as
PARLIB_PROCESSED_DIR for one test module (undone after it, so other modules see the real panel), so the tests run the same with or without a real
build; ``warm_kernel``: one kernel started in that environment and reused (like a worker).
Tests on the real panel use ``real_panel_has`` and start their own kernel without the override.
"""
from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="module")
def synth_processed(tmp_path_factory):
    from render_synth import write_panel

    d = tmp_path_factory.mktemp("processed")
    write_panel(d)
    mp = pytest.MonkeyPatch()
    mp.setenv("PARLIB_PROCESSED_DIR", str(d))
    mp.setenv("PARLIB_IMPORTED_DIR", str(tmp_path_factory.mktemp("imported")))
    yield d
    mp.undo()


@pytest.fixture(scope="module")
def warm_kernel(synth_processed):
    from parlib.render.engine import WarmKernel

    k = WarmKernel(warm=True)
    yield k
    k.shutdown()


def real_panel_has(index: str, year: int) -> bool:
    """True when the official processed panel (not the synthetic one) holds index/year."""
    from parlib.paths import data_dir

    p = data_dir() / "processed" / "panel.parquet"
    if not p.exists():
        return False
    try:
        import pyarrow.parquet as pq

        t = pq.read_table(p, columns=["index", "year", "value"]).to_pandas()
    except Exception:
        return False
    t = t[(t["index"] == index) & (t["year"] == year) & t["value"].notna()]
    return len(t) > 60


def real_env():
    env = dict(os.environ)
    env.pop("PARLIB_PROCESSED_DIR", None)
    env.pop("PARLIB_IMPORTED_DIR", None)
    return env
