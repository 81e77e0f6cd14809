"""Every notebook runs top to bottom under papermill with non-default parameters (on one warm
kernel, on the SYNTHETIC panel), refuses bad parameters in its first cell, and is stored clean."""
from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from conftest_render import synth_processed, warm_kernel  # noqa: F401

NB_DIR = Path(__file__).resolve().parents[2] / "notebooks"
NOTEBOOKS = sorted(p.name for p in NB_DIR.glob("*.ipynb"))
ABS = re.compile(r"(?<![\w.:/])/(?:work|root|tmp|home|Users)/")

# non-default parameters (defaults are in each notebook's `parameters` cell)
PARAMS = {
    "00_data_overview.ipynb": {"indices": ["PCI", "PAPI"]},
    "01_trends.ipynb": {"index": "PAPI", "provinces": ["Hà Nội", "Cà Mau"], "years": None},
    "02_regional.ipynb": {"index": "PAPI", "year": 2018, "region": "Mekong River Delta"},
    "03_weak_criteria.ipynb": {"province": "Cao Bằng", "index": "PCI", "year": 2018,
                               "benchmark": "median"},
    "04_reconstruction_convergence.ipynb": {"index": "PCI", "year": 2018, "start": 2016, "end": 2019},
    "10_annual_brief.ipynb": {"province": "Đắk Lắk", "year": 2018, "lang": "en"},
    "11_national_overview.ipynb": {"year": 2018},
    "20_explore.ipynb": {"index": "PAPI", "year": 2019, "province": "Huế"},
}
BAD = {
    "00_data_overview.ipynb": ({"indices": ["PCI", "GDP"]}, "ParameterError", "PCI, PAPI, PAR, SIPAS"),
    "01_trends.ipynb": ({"provinces": ["Atlantis"]}, "UnknownProvinceError", "unknown"),
    "02_regional.ipynb": ({"region": "Atlantis"}, "ParameterError", "RRD"),
    "03_weak_criteria.ipynb": ({"benchmark": "worst"}, "ParameterError", "region-best"),
    "04_reconstruction_convergence.ipynb": ({"start": 1990}, "ParameterError", "2019"),
    "10_annual_brief.ipynb": ({"lang": "fr"}, "ParameterError", "vi, en"),
    "11_national_overview.ipynb": ({"year": 1990}, "ParameterError", "2019"),
    "20_explore.ipynb": ({"province": "Sai Gon Xyz"}, "UnknownProvinceError", "closest"),
}


def test_every_notebook_is_covered():
    assert set(NOTEBOOKS) == set(PARAMS) == set(BAD)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_stored_clean(name):
    text = (NB_DIR / name).read_text(encoding="utf-8")
    assert not ABS.search(text), f"absolute path stored in {name}"
    nb = nbformat.reads(text, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "parlib"
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert "parameters" in tags[first_code]
    # the cell right after the parameters validates them with parlib
    nxt = nb.cells[first_code + 1].source
    assert re.search(r"params\.(check_|validate_)", nxt), nxt
    for c, t in zip(nb.cells, tags):
        if c.cell_type == "code" and "nbval-check-output" not in t:
            assert not c.outputs and c.execution_count is None, f"{name}: outputs stored"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_with_parameters(name, warm_kernel):
    from parlib.render import engine

    html = engine.render_notebook(name, PARAMS[name], kernel=warm_kernel, title=name)
    assert "Traceback" not in html and not ABS.search(html)
    assert engine.find_leaks(html) == []


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_refuses_bad_parameter(name, warm_kernel):
    from parlib.render import engine

    params = dict(PARAMS[name])
    bad, ename, text = BAD[name]
    params.update(bad)
    with pytest.raises(engine.RenderError) as e:
        engine.render_notebook(name, params, kernel=warm_kernel)
    msg = str(e.value)
    assert msg.startswith(ename) and text in msg, msg
    assert "KeyError" not in msg


def test_brief_notebook_has_no_markdown():
    """The brief is bilingual: every visible text comes from parlib.render.i18n."""
    nb = nbformat.read(NB_DIR / "10_annual_brief.ipynb", as_version=4)
    assert all(c.cell_type == "code" for c in nb.cells)
