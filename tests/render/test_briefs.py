"""The annual brief and the render engine: content, leaks, atomic writes, state isolation.

Most tests use the SYNTHETIC panel (tests/render_synth.py, set as PARLIB_PROCESSED_DIR) so they
run before and after a real build; ``test_real_pci_2019_*`` checks the real panel once it holds
PCI 2019 (skipped before).
"""
from __future__ import annotations

import getpass
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest_render import real_env, real_panel_has, synth_processed, warm_kernel  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
PARLIB = [sys.executable, "-m", "parlib.cli.main"]
ABS = re.compile(r"(?<![\w.:/])/(?:work|root|tmp|home)/")


def assert_clean_report(html: str):
    """No traceback, no absolute path, no code, no user name or env values, nothing remote."""
    from parlib.render.engine import find_leaks

    assert "Traceback" not in html
    assert not ABS.search(html), ABS.search(html)
    assert find_leaks(html) == []
    assert str(ROOT) not in html and str(Path.home()) not in html
    user = getpass.getuser()
    if user and len(user) >= 3:
        assert not re.search(rf"(?<![\w:.\-#]){re.escape(user)}(?![\w\-(])", html)
    for k, v in os.environ.items():
        if k.startswith(("PARLIB_", "HOME", "USER", "LOGNAME", "PATH", "VIRTUAL_ENV", "PWD")) \
                and v and len(v) >= 6:
            assert v not in html, k
    # no code cells: inputs excluded, no source of the notebook
    body = html[html.index("<body"):]
    assert "jp-InputArea" not in body and "highlight" not in body and "<pre" not in body
    for code in ("import ", "bd.brief(", "params.validate_brief", "display(HTML"):
        assert code not in html
    # self-contained: no script or stylesheet fetched from anywhere
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=\"?https?:", html)
    assert "mathjax" not in html.lower() or "cdn" not in html.lower()
    assert not re.search(r"(src|href)=\"https?://", html)


def render(kernel, province, year, lang, out=None):
    from parlib.render import engine

    return engine.render_notebook(engine.BRIEF_NOTEBOOK,
                                  {"province": province, "year": year, "lang": lang}, out,
                                  kernel=kernel, title="t", lang=lang)


# ----------------------------------------------------------------------------- parameters

def test_params_validation(synth_processed):
    from parlib.errors import ParameterError, UnknownProvinceError
    from parlib.render import params

    with pytest.raises(UnknownProvinceError) as e:
        params.check_province("Quang Nimh")
    assert "Quảng Ninh" in str(e.value)
    with pytest.raises(ParameterError, match="allowed: vi, en"):
        params.check_lang("fr")
    with pytest.raises(ParameterError, match="allowed: PCI, PAPI, PAR, SIPAS"):
        params.check_index("PCIX")
    with pytest.raises(ParameterError, match="2016, 2017, 2018, 2019"):
        params.check_year(2031)
    with pytest.raises(ParameterError):
        params.check_year("2019; import os")
    assert params.check_year("2019") == 2019
    with pytest.raises(ParameterError, match="allowed: region-best, top-quartile, best"):
        params.check_benchmark("worst")
    with pytest.raises(ParameterError, match="RRD"):
        params.check_region("Atlantis")
    assert params.check_region("Đồng bằng sông Hồng") == "RRD"
    assert params.validate_brief("TT-Huế", 2019, "EN").code == "46"


def test_parameter_string_is_never_executed(warm_kernel, tmp_path):
    from parlib.render.engine import RenderError

    marker = tmp_path / "pwned"
    evil = f"__import__('os').system('touch {marker}')"
    with pytest.raises(RenderError, match="UnknownProvinceError"):
        render(warm_kernel, evil, 2019, "en")
    with pytest.raises(RenderError, match="ParameterError"):
        render(warm_kernel, "Quảng Ninh", f"{2019}; __import__('os').system('touch {marker}')",
               "en")
    assert not marker.exists()


def test_unknown_province_error_comes_first(warm_kernel):
    """The first cell after the parameters refuses a bad name with the registry's error."""
    from parlib.render.engine import RenderError

    with pytest.raises(RenderError) as e:
        render(warm_kernel, "Quang Nimh", 2019, "vi")
    msg = str(e.value)
    assert msg.startswith("UnknownProvinceError") and "Quảng Ninh" in msg
    assert "KeyError" not in msg


# ----------------------------------------------------------------------------- content

def test_brief_content_synthetic(warm_kernel):
    from parlib import analysis, load
    from parlib.render.i18n import num

    html = render(warm_kernel, "Quảng Ninh", 2019, "en")
    assert_clean_report(html)
    p = load("PCI", year=2019, unit="22")
    ov = p[p.indicator == "PCI.overall"].iloc[0]
    assert f"{ov.value:.2f}" in html
    assert f"{int(ov['rank'])} of 63" in html
    weakest = analysis.weak_criteria("22", "PCI", 2019, lang="en").iloc[0]   # brief order
    assert f"Weakest PCI criterion: {weakest['name']}." in html
    # PAR and SIPAS are absent from the synthetic panel: said plainly
    assert html.count("no data") >= 2
    assert "PAR: no data in the panel" in html
    # charts: three embedded SVG images (trend, points lost, map), none linked
    imgs = re.findall(r"<img[^>]+src=\"([^\"]{0,30})", html)
    assert len(re.findall(r"<img[^>]+alt=\"[^\"]+\"", html)) == len(imgs)
    assert len(imgs) == 3 and all(s.startswith("data:image/svg+xml;base64,") for s in imgs)
    assert "Red River Delta" in html and "What if" in html


def test_brief_vietnamese(warm_kernel):
    from parlib import load
    from parlib.render.i18n import num

    html = render(warm_kernel, "Quảng Ninh", 2019, "vi")
    assert_clean_report(html)
    ov = load("PCI", year=2019, unit="22").query("indicator == 'PCI.overall'").iloc[0]
    assert num(ov.value, "vi") in html            # decimal comma
    for s in ("Bốn chỉ số", "Tiêu chí yếu", "Điểm mạnh", "không có dữ liệu", "Đồng bằng sông Hồng",
              "Dữ liệu và giới hạn"):
        assert s in html, s
    assert 'lang="vi"' in html


# ----------------------------------------------------------------------------- state

def test_no_state_leaks_between_runs(warm_kernel):
    """A variable, an rcParam, a pandas option, a figure, an env var, the cwd set by notebook A
    are gone when notebook B runs on the same warm kernel."""
    a = nbformat.v4.new_notebook()
    a.metadata["kernelspec"] = {"name": "parlib", "language": "python", "display_name": "p"}
    a.cells = [nbformat.v4.new_code_cell(
        "import os, matplotlib, matplotlib.pyplot as plt, pandas as pd, numpy as np\n"
        "LEAK_MARKER = 42\n"
        "matplotlib.rcParams['lines.linewidth'] = 7.5\n"
        "pd.set_option('display.max_rows', 3)\n"
        "plt.figure()\n"
        "os.environ['PARLIB_LEAK'] = '1'\n"
        "np.random.seed(123); np.random.rand(5)\n"
        "os.chdir('/')\n")]
    b = nbformat.v4.new_notebook()
    b.metadata = a.metadata
    b.cells = [nbformat.v4.new_code_cell(
        "import os, matplotlib, matplotlib.pyplot as plt, pandas as pd\n"
        "print('LEAK_MARKER' in globals(), matplotlib.rcParams['lines.linewidth'],"
        " pd.get_option('display.max_rows'), len(plt.get_fignums()),"
        " 'PARLIB_LEAK' in os.environ, os.getcwd() == '/')")]

    def out(nb):
        res = warm_kernel.run(nb)
        return "".join(o.get("text", "") for o in res.cells[-1].outputs)

    before = out(b)
    out(a)
    after = out(b)
    assert before == after
    assert after.startswith("False") and "True" not in after
    assert " 7.5 " not in after


def test_warm_brief_equals_cold_run(warm_kernel, synth_processed):
    """Brief B rendered right after brief A on a warm kernel is byte-identical to brief B
    rendered alone on a fresh kernel."""
    from parlib.render.engine import WarmKernel

    render(warm_kernel, "Quảng Ninh", 2019, "en")
    warm = render(warm_kernel, "Cà Mau", 2019, "en")
    with WarmKernel(warm=False) as cold_k:
        cold = render(cold_k, "Cà Mau", 2019, "en")
    assert warm == cold


# ----------------------------------------------------------------------------- writing

FAILING_NB = """
province = "01"
year = 2019
lang = "vi"
"""


def _failing_notebook(path: Path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "parlib", "language": "python", "display_name": "p"}
    p = nbformat.v4.new_code_cell(FAILING_NB.strip())
    p.metadata["tags"] = ["parameters"]
    nb.cells = [p, nbformat.v4.new_code_cell(
        "from IPython.display import HTML, display\n"
        "display(HTML(f'<p>brief {province}</p>'))\n"
        "if province == '04':\n    raise RuntimeError('boom in ' + province)")]
    nbformat.write(nb, path)
    return path


def test_atomic_failure_leaves_previous_report(synth_processed, tmp_path, monkeypatch):
    from parlib.render import engine

    nbp = _failing_notebook(tmp_path / "failing.ipynb")
    monkeypatch.setattr(engine, "BRIEF_NOTEBOOK", str(nbp))
    out = tmp_path / "reports"
    old = out / engine.brief_relpath(2019, "vi", "04")
    old.parent.mkdir(parents=True)
    old.write_bytes(b"previous report \x00 bytes")
    res = engine.render_briefs(2019, ["vi"], provinces=["Hà Nội", "Cao Bằng"], jobs=1,
                               out_dir=out, progress=False)
    assert [r.code for r in res.failed] == ["04"]
    assert "boom in 04" in res.failed[0].error
    assert old.read_bytes() == b"previous report \x00 bytes"
    ok = out / engine.brief_relpath(2019, "vi", "01")
    assert "brief 01" in ok.read_text(encoding="utf-8")
    assert not [p for p in out.rglob("*") if p.name.startswith(".") and p.is_file()]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2019/vi/01-ha-noi.html" in index


def test_render_notebook_failure_writes_nothing(warm_kernel, tmp_path):
    from parlib.render import engine

    nbp = _failing_notebook(tmp_path / "failing.ipynb")
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(engine.RenderError, match="boom in 04"):
        engine.render_notebook(str(nbp), {"province": "04"}, target, kernel=warm_kernel)
    assert target.read_text(encoding="utf-8") == "old"


def test_leak_check_refuses_paths(warm_kernel, tmp_path):
    """A notebook printing an absolute path is refused, not exported."""
    from parlib.render import engine

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "parlib", "language": "python", "display_name": "p"}
    nb.cells = [nbformat.v4.new_code_cell("import parlib.paths\nprint(parlib.paths.project_root())")]
    nbformat.write(nb, tmp_path / "leaky.ipynb")
    with pytest.raises(engine.RenderError, match="refusing to export"):
        engine.render_notebook(str(tmp_path / "leaky.ipynb"), {}, tmp_path / "x.html",
                               kernel=warm_kernel)
    assert not (tmp_path / "x.html").exists()


def test_cli_errors_are_one_line(synth_processed, tmp_path):
    env = dict(os.environ)
    r = subprocess.run(PARLIB + ["brief", "--province", "Quang Nimh", "--year", "2019",
                                 "--out", str(tmp_path)], capture_output=True, text=True,
                       env=env, cwd=ROOT)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Quảng Ninh" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run(PARLIB + ["briefs", "--year", "1999", "--out", str(tmp_path)],
                       capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 2 and "allowed: 2016, 2017, 2018, 2019" in r.stderr
    r = subprocess.run(PARLIB + ["briefs", "--year", "2019", "--lang", "fr", "--out",
                                 str(tmp_path)], capture_output=True, text=True, env=env, cwd=ROOT)
    assert r.returncode == 2 and "vi, en, both" in r.stderr
    assert not list(tmp_path.rglob("*.html"))


@pytest.mark.slow
def test_cli_batch_two_workers(synth_processed, tmp_path):
    """`parlib briefs` with 2 workers: every report, the index pages, all clean."""
    from parlib.render.engine import brief_relpath

    provs = ["Hà Nội", "Quảng Ninh", "Đà Nẵng", "Cà Mau", "Lâm Đồng"]
    r = subprocess.run(PARLIB + ["briefs", "--year", "2019", "--jobs", "2", "--lang", "both",
                                 "--provinces", *provs, "--out", str(tmp_path)],
                       capture_output=True, text=True, env=dict(os.environ), cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "rendered 10 of 10 briefs" in r.stdout
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    year_index = (tmp_path / "2019" / "index.html").read_text(encoding="utf-8")
    for code in ("01", "22", "48", "96", "68"):
        for lang in ("vi", "en"):
            rel = brief_relpath(2019, lang, code)
            html = (tmp_path / rel).read_text(encoding="utf-8")
            assert_clean_report(html)
            assert rel.as_posix() in index and "../" + rel.as_posix() in year_index
    assert_clean_report(index)


# ----------------------------------------------------------------------------- real data

@pytest.mark.skipif(not real_panel_has("PCI", 2019), reason="the real panel has no PCI 2019 yet "
                    "(run `parlib build`)")
def test_real_pci_2019_brief(tmp_path, monkeypatch):
    """On the real panel: Quảng Ninh's published PCI 2019 score and rank, and its weakest PCI
    criterion (most points lost against the scale maximum), appear in the brief."""
    for k, v in real_env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("PARLIB_PROCESSED_DIR", raising=False)
    monkeypatch.delenv("PARLIB_IMPORTED_DIR", raising=False)
    from parlib import analysis, load
    from parlib.render import engine

    p = load("PCI", year=2019, unit="22")
    ov = p[p.indicator == "PCI.overall"].iloc[0]
    weakest = analysis.weak_criteria("22", "PCI", 2019, lang="en").iloc[0]   # brief order
    res = engine.render_brief("Quảng Ninh", 2019, "en", tmp_path)
    assert res.ok, res.error
    html = res.path.read_text(encoding="utf-8")
    assert_clean_report(html)
    assert f"{ov.value:.2f}" in html and f"{ov.value:.2f}" == "73.40"
    assert f"{int(ov['rank'])} of {int(ov['rank_of'])}" in html and int(ov["rank"]) == 1
    assert f"Weakest PCI criterion: {weakest['name']}." in html
    assert (tmp_path / "index.html").exists()


# ----------------------------------------------------------------------------- pieces

def test_i18n_complete():
    from parlib.render.i18n import STRINGS, num, years_text

    for key, d in STRINGS.items():
        assert set(d) == {"vi", "en"} and all(d.values()), key
    assert num(1234.5, "vi") == "1.234,50" and num(-0.25, "en", sign=True) == "-0.25"
    assert years_text([2012, 2014, 2018, 2019, 2020], "en") == "2012, 2014, 2018–2020"


def test_map_without_geometry_says_so(synth_processed, monkeypatch):
    from parlib.render import brief_data as bd, charts
    from parlib.registry import geo

    from parlib.render import svg

    b = bd.brief("Đà Nẵng", 2019, "vi")
    assert charts.map_png(b)[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg.map_svg(b).startswith("<svg") and "Đà Nẵng" in svg.map_svg(b)
    monkeypatch.setattr(geo, "shapes", lambda: {})
    assert charts.map_png(b) is None and svg.map_svg(b) is None
    assert "data/reference/geo" in bd.map_caption_html(b, False)


def test_geometry_reference_is_reproducible(tmp_path):
    """data/reference/geo/provinces_63.geojson is rebuilt byte-identical from the raw file."""
    from parlib.errors import RawDataNotFoundError
    from parlib.registry import geo

    try:
        out = geo.build_reference(out=tmp_path / "g.geojson")
    except RawDataNotFoundError:
        pytest.skip("raw data folder not found")
    assert out.read_bytes() == geo.reference_path().read_bytes()
    assert len(geo.shapes()) == 63


@pytest.mark.slow
def test_batch_survives_a_dead_kernel(synth_processed, tmp_path, monkeypatch):
    """A brief that kills its kernel fails alone; the next brief gets a fresh kernel."""
    from parlib.render import engine

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "parlib", "language": "python", "display_name": "p"}
    p = nbformat.v4.new_code_cell('province = "01"\nyear = 2019\nlang = "vi"')
    p.metadata["tags"] = ["parameters"]
    nb.cells = [p, nbformat.v4.new_code_cell(
        "import os\nfrom IPython.display import HTML, display\n"
        "if province == '02':\n    os._exit(1)\n"
        "display(HTML(f'<p>brief {province}</p>'))")]
    nbformat.write(nb, tmp_path / "dying.ipynb")
    monkeypatch.setattr(engine, "BRIEF_NOTEBOOK", str(tmp_path / "dying.ipynb"))
    res = engine.render_briefs(2019, ["vi"], provinces=["01", "02", "04"], jobs=1,
                               out_dir=tmp_path / "r", progress=False)
    assert [r.code for r in res.failed] == ["02"]
    assert [r.code for r in res.ok] == ["01", "04"]


def test_svg_charts_are_clean_and_deterministic(synth_processed):
    """The brief's charts: valid XML, Vietnamese text kept as text, nothing external, same
    bytes every time."""
    import xml.etree.ElementTree as ET

    from parlib.render import brief_data as bd, svg

    b = bd.brief("Thừa Thiên Huế", 2019, "vi")
    for f in (svg.trend_svg, svg.weak_svg, svg.map_svg):
        doc = f(b)
        root = ET.fromstring(doc)
        assert root.tag.endswith("svg") and float(root.get("width")) > 0
        assert "href" not in doc and "http" not in doc.replace("http://www.w3.org/2000/svg", "")
        assert doc == f(bd.brief("Thừa Thiên Huế", 2019, "vi"))
    assert "Điểm bị mất" in svg.weak_svg(b) and "Trung bình vùng" in svg.trend_svg(b)
    assert svg.nice_ticks(0, 7.3) == [0, 2, 4, 6, 8]
