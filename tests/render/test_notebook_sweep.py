"""Every notebook ends cleanly for every legitimate parameter on the REAL panel (issue 13).

The grid: every index × every year the panel holds × provinces (including Hà Tây for the years
the panel has it) × regions (by code, Vietnamese, English and short name). A run passes when the
notebook executes top to bottom (no Python exception) and, where it shows no table, it prints a
sentence saying what is missing.

CI runs ``SAMPLE`` (the runs that failed before issue 13 was fixed, ~1 min); the whole grid runs
with ``pytest -m sweep tests/render/test_notebook_sweep.py`` (see README, ~7.5 min).
"""
from __future__ import annotations

import re

import pytest

from conftest_render import real_env, real_panel_has

pytestmark = pytest.mark.skipif(not real_panel_has("PCI", 2019),
                                reason="needs the real processed panel (`parlib build`)")

REGION_NAMES = ["Mekong", "Central Highlands", "Red River Delta", "NMM", "Đông Nam Bộ",
                "North Central and Central Coast", "R-MRD", "Tây Nguyên"]
PROVINCES = ["Quảng Nam", "Quảng Ninh", "Hải Phòng", "Hà Nội", "Bến Tre", "Cao Bằng", "Đắk Lắk"]
MISSING = re.compile(r"\b(no|not|only|cannot|missing|without)\b", re.I)


def _years(index=None):
    from parlib.render import params

    return params.available_years(index)


def grid() -> list[tuple[str, dict]]:
    """(notebook, parameters) for the full sweep."""
    from parlib.render import params

    out = [("00_data_overview.ipynb", {"indices": [i]}) for i in params.INDICES]
    out.append(("00_data_overview.ipynb", {"indices": list(params.INDICES)}))
    for i in params.INDICES:
        out.append(("01_trends.ipynb", {"index": i, "years": None}))
    # Hà Tây only where the panel has it (PCI 2006-2008); elsewhere it is rightly refused
    out.append(("01_trends.ipynb", {"index": "PCI", "provinces": ["Hà Tây", "Hà Nội"], "years": None}))
    out.append(("01_trends.ipynb", {"index": "PCI", "provinces": ["Hà Tây"],
                                    "years": [y for y in _years("PCI") if y <= 2008]}))
    k = 0
    for i in params.INDICES:
        for y in _years(i):
            prov = "Hà Tây" if (i == "PCI" and 2006 <= y <= 2008 and k % 2) else \
                PROVINCES[k % len(PROVINCES)]
            out.append(("02_regional.ipynb", {"index": i, "year": y,
                                              "region": REGION_NAMES[k % len(REGION_NAMES)]}))
            out.append(("20_explore.ipynb", {"index": i, "year": y, "province": prov}))
            out.append(("03_weak_criteria.ipynb", {"index": i, "year": y, "province": prov,
                                                   "benchmark": "max"}))
            k += 1
    for n, y in enumerate(_years()):
        out.append(("11_national_overview.ipynb", {"year": y}))
        prov = "Hà Tây" if 2006 <= y <= 2008 else PROVINCES[n % len(PROVINCES)]
        out.append(("10_annual_brief.ipynb", {"province": prov, "year": y,
                                              "lang": "en" if n % 2 else "vi"}))
    return out


# the runs that ended in an exception before issue 13 (each quoted in the issue)
SAMPLE = [
    ("01_trends.ipynb", {"index": "SIPAS", "years": None}),
    ("01_trends.ipynb", {"index": "PCI", "provinces": ["Hà Tây", "Hà Nội"], "years": None}),
    ("02_regional.ipynb", {"index": "PCI", "year": 2023, "region": "Mekong"}),
    ("02_regional.ipynb", {"index": "PAR", "year": 2021, "region": "Red River Delta"}),
    ("02_regional.ipynb", {"index": "PAPI", "year": 2024, "region": "Central Highlands"}),
    ("02_regional.ipynb", {"index": "SIPAS", "year": 2024, "region": "NMM"}),
    ("11_national_overview.ipynb", {"year": 2023}),
    ("20_explore.ipynb", {"index": "PCI", "year": 2023, "province": "Đà Nẵng"}),
    ("20_explore.ipynb", {"index": "PCI", "year": 2007, "province": "Hà Tây"}),
    ("20_explore.ipynb", {"index": "SIPAS", "year": 2024, "province": "Hải Phòng"}),
    ("10_annual_brief.ipynb", {"province": "Hà Tây", "year": 2007, "lang": "en"}),
]


@pytest.fixture(scope="module")
def real_kernel():
    mp = pytest.MonkeyPatch()
    for k, v in real_env().items():
        mp.setenv(k, v)
    mp.delenv("PARLIB_PROCESSED_DIR", raising=False)
    mp.delenv("PARLIB_IMPORTED_DIR", raising=False)
    from parlib.render.engine import WarmKernel

    k = WarmKernel(warm=True)
    yield k
    k.shutdown()
    mp.undo()


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def check_run(kernel, name, params):
    from parlib.render import engine

    html = engine.render_notebook(name, params, kernel=kernel, title=name)
    assert "Traceback" not in html, f"{name} {params}"
    body = _text(html.split("</style>")[-1])
    # a table (or chart) of data, or a sentence saying what is missing
    assert "<table" in html or "<img" in html or MISSING.search(body), f"{name} {params}"
    return html


def _id(case):
    name, p = case
    return name[:2] + "-" + "-".join(str(v) for v in p.values())[:60]


@pytest.mark.parametrize("case", SAMPLE, ids=[_id(c) for c in SAMPLE])
def test_notebook_sample_ends_cleanly(real_kernel, case):
    check_run(real_kernel, *case)


def test_sample_sentences_say_what_is_missing(real_kernel):
    """The sentences quoted: PCI 2023 has no composite (sub-index ranks instead); PAR 2021 has
    2 of the 11 Red River Delta provinces; SIPAS 2024 gives Hải Phòng a rank and no score."""
    t = _text(check_run(real_kernel, "02_regional.ipynb",
                        {"index": "PAR", "year": 2021, "region": "Red River Delta"}))
    assert "2 of the 11 provinces of the region have data" in t
    t = _text(check_run(real_kernel, "20_explore.ipynb",
                        {"index": "PCI", "year": 2023, "province": "Đà Nẵng"}))
    assert "points lost cannot be computed" in t and "Labour training" in t
    t = _text(check_run(real_kernel, "20_explore.ipynb",
                        {"index": "SIPAS", "year": 2024, "province": "Hải Phòng"}))
    assert "Hải Phòng is ranked 1 of 63 (published)" in t


def _sweep(kernel, cases):
    failures = []
    for name, p in cases:
        try:
            check_run(kernel, name, p)
        except Exception as e:  # noqa: BLE001 - collected and reported below
            failures.append(f"{name} {p}: {str(e).splitlines()[0][:200]}")
    assert not failures, f"{len(failures)} of {len(cases)} runs failed:\n" + "\n".join(failures)


@pytest.mark.sweep
def test_notebook_sweep(real_kernel):
    """The whole grid but notebook 03; failures are collected so one run reports them all."""
    _sweep(real_kernel, [c for c in grid() if not c[0].startswith("03_")])


@pytest.mark.sweep
def test_notebook_sweep_weak_criteria(real_kernel):
    """Notebook 03 over the same grid (kept apart: its points-lost view is another module's)."""
    _sweep(real_kernel, [c for c in grid() if c[0].startswith("03_")])
