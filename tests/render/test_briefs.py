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
    assert not re.search(r"src=\"https?://", html)
    # the only links out are the publishers' sites (every figure names its publisher)
    from parlib.render.brief_html import PUBLISHERS

    allowed = {url for _, url in PUBLISHERS.values()}
    assert set(re.findall(r"href=\"(https?://[^\"]*)\"", html)) <= allowed


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
    with pytest.raises(ParameterError, match=r"^invalid year: '2019; import os'; allowed: 2016, 2017, 2018, 2019$"):
        params.check_year("2019; import os")
    assert params.check_year("2019") == 2019
    with pytest.raises(ParameterError, match="allowed: region-best, top-quartile, best"):
        params.check_benchmark("worst")
    with pytest.raises(ParameterError, match="RRD"):
        params.check_region("Atlantis")
    assert params.check_region("Đồng bằng sông Hồng") == "RRD"
    assert params.validate_brief("TT-Huế", 2019, "EN").code == "46"


def test_names_resolve_by_year(synth_processed):
    """Before 2025 a brief is for one of the 63; from 2025 for one of the 34 units, and a former
    province's name or code leads to the unit it merged into (official merger table)."""
    from parlib.errors import ParameterError, UnknownProvinceError
    from parlib.render import params

    assert params.validate_brief("Đà Nẵng", 2019, "vi").code == "48"
    p = params.validate_brief("Đà Nẵng", 2025, "vi")
    assert (p.code, p.scheme) == ("N48", "34")
    assert params.validate_brief("Quảng Nam", 2025, "en").code == "N48"
    assert params.validate_brief("49", 2025, "en").code == "N48"     # absorbed, by its old code
    assert params.validate_brief("48", 2025, "en").code == "N48"
    assert params.validate_brief("Bắc Giang", 2025, "en").code == "N24"   # into new Bắc Ninh
    with pytest.raises(UnknownProvinceError, match=r"^unknown province name 'N48'$"):
        params.validate_brief("N48", 2019, "vi")
    with pytest.raises(ParameterError, match="2019, 2025"):
        params.validate_brief("Đà Nẵng", 2024, "vi")                 # no synthetic data in 2024
    assert params.latest_brief_year() == 2019


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

    html = render(warm_kernel, "Quảng Ninh", 2019, "en")
    assert_clean_report(html)
    p = load("PCI", year=2019, unit="22")
    ov = p[p.indicator == "PCI.overall"].iloc[0]
    assert f"{ov.value:.2f}" in html
    assert f"#{int(ov['rank'])}/63" in html
    weakest = analysis.weak_criteria("22", "PCI", 2019, lang="en").iloc[0]   # brief order
    assert f"Weakest PCI criterion: {weakest['name']}." in html
    # PAR and SIPAS are absent from the synthetic panel: said once, in plain words
    assert "No recent figures: PAR INDEX, SIPAS" in html
    assert "PAR INDEX: no data in the panel." in html
    # the verdict comes first, with the rank and its denominator
    verdict = html[html.index('class="verdict"'):html.index("</section>", html.index('class="verdict"'))]
    assert f"PCI 2019: #{int(ov['rank'])} of 63" in verdict
    assert html.index('class="verdict"') < html.index('class="trends"')
    # charts: inline SVG (PCI and PAPI trends, points lost, the map), each with its publisher
    figs = re.findall(r"<figure.*?</figure>", html, flags=re.S)
    assert len(figs) >= 4 and all("<svg" in f and "Source:" in f and 'href="https://' in f
                                  for f in figs)
    assert "<img" not in html
    assert "Red River Delta" in html and "What if" in html and "How to cite" in html


def test_brief_vietnamese(warm_kernel):
    from parlib import load
    from parlib.render.i18n import num

    html = render(warm_kernel, "Quảng Ninh", 2019, "vi")
    assert_clean_report(html)
    ov = load("PCI", year=2019, unit="22").query("indicator == 'PCI.overall'").iloc[0]
    assert num(ov.value, "vi") in html            # decimal comma
    for s in ("Bốn chỉ số", "Tiêu chí yếu", "Tóm tắt", "Đồng bằng sông Hồng",
              "Dữ liệu và giới hạn", "Cách trích dẫn", "viền đỏ"):
        assert s in html, s
    assert "tô đậm" not in html                   # the province is outlined, not shaded
    assert 'lang="vi"' in html


def test_brief_has_no_jupyter_css_and_weighs_under_200_kb(warm_kernel):
    """Our own template: no JupyterLab stylesheet; a brief is at most 200 KB."""
    html = render(warm_kernel, "Thừa Thiên Huế", 2019, "en")
    assert "jp-" not in html and "--jp-" not in html and "jupyter" not in html.lower()
    assert len(html.encode("utf-8")) <= 200_000
    assert "@media print" in html and "size: A4" in html and "break-inside: avoid" in html


def test_sections_without_data_fold_into_the_coverage_note(synth_processed):
    """A brief for a year without criteria has no headed section that says only "no data": the
    missing parts are named once in the coverage note."""
    from parlib.render import brief_data as bd, brief_html as bh

    b = bd.brief("Quảng Ninh", 2019, "en")
    b.weak, b.strengths, b.peers, b.whatif, b.subs = {}, {}, None, "", {}
    body, closing = bh.rest_html(b)
    for h in ("Weak criteria", "Strengths", "Peers in the region", "What if"):
        assert h not in body
    assert ("Not shown for lack of data: weak-criteria analysis, strengths, regional peers, "
            "what-if scenario.") in closing


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
    index = (out / "2019" / "vi" / "index.html").read_text(encoding="utf-8")
    assert 'href="01-ha-noi.html"' in index
    assert "2019/vi/index.html" in (out / "index.html").read_text(encoding="utf-8")


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
    for code in ("01", "22", "48", "96", "68"):
        for lang in ("vi", "en"):
            rel = brief_relpath(2019, lang, code)
            html = (tmp_path / rel).read_text(encoding="utf-8")
            assert_clean_report(html)
            year_index = (tmp_path / "2019" / lang / "index.html").read_text(encoding="utf-8")
            assert f'href="{rel.name}"' in year_index
            other = "en" if lang == "vi" else "vi"
            assert f'href="../{other}/{rel.name}"' in html      # relinked to the other language
    assert "2019/en/index.html" in index
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


def test_map_without_geometry_is_folded(synth_processed, monkeypatch):
    from parlib.render import brief_data as bd, brief_html as bh, maps

    b = bd.brief("Đà Nẵng", 2019, "vi")
    svg = maps.map_svg(b)
    assert svg.startswith("<svg") and "Đà Nẵng (viền đỏ)" in svg and "không có dữ liệu" in svg
    monkeypatch.setattr(maps, "frame", lambda scheme="63": None)
    assert maps.map_svg(b) is None and bh.map_html(b) == ""
    assert "bản đồ" in bh.rest_html(b)[1]


def test_geometry_reference_is_reproducible(tmp_path):
    """data/reference/geo/provinces_63.geojson and provinces_34.geojson are rebuilt
    byte-identical from the raw files."""
    from parlib.errors import RawDataNotFoundError
    from parlib.registry import geo

    try:
        out = geo.build_reference(out=tmp_path / "g.geojson")
        out34 = geo.build_reference(out=tmp_path / "g34.geojson", scheme="34")
    except RawDataNotFoundError:
        pytest.skip("raw data folder not found")
    assert out.read_bytes() == geo.reference_path().read_bytes()
    assert out34.read_bytes() == geo.reference_path("34").read_bytes()
    assert len(geo.shapes()) == 63 and len(geo.shapes("34")) == 34
    # new Đà Nẵng (N48) = former Đà Nẵng (48) + Quảng Nam (49), per the official merger table
    assert '"code":"N48","region":"","members":"48;49"' in out34.read_text(encoding="utf-8")


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
    """The brief's charts (matplotlib) and map (geopandas): valid XML, Vietnamese text kept as
    text, nothing external, rank labels with their denominator, the same bytes every time."""
    import xml.etree.ElementTree as ET

    from parlib.render import brief_data as bd, brief_html as bh, figures, maps

    b = bd.brief("Thừa Thiên Huế", 2019, "vi")
    docs = {"trend": figures.trend_svg(b, "PCI", bh._unit_label("PCI", b)),
            "weak": figures.weak_svg(b, "PCI", 2019), "map": maps.map_svg(b)}
    for name, doc in docs.items():
        root = ET.fromstring(doc)
        assert root.tag.endswith("svg") and root.get("viewBox"), name
        assert not re.search(r'href="[^#]', doc)               # only links inside the figure
        assert "http" not in re.sub(r"http://www.w3.org/[0-9]+/(svg|xlink)", "", doc)
        assert "<text" in doc
    again = bd.brief("Thừa Thiên Huế", 2019, "vi")
    assert docs["trend"] == figures.trend_svg(again, "PCI", bh._unit_label("PCI", again))
    assert docs["map"] == maps.map_svg(again)
    rank = b.trends["PCI"].dropna(subset=["rank"]).iloc[-1]
    assert f"#{int(rank['rank'])}/63" in docs["trend"]
    assert "Điểm (thang 0–100)" in docs["trend"] and "Trung bình vùng" in docs["trend"]
    assert "Điểm PCI bị mất" in docs["weak"]
    # the map's legend: five classes, "no data", the outlined province
    assert docs["map"].count("–") >= 5 and "không có dữ liệu" in docs["map"]


# ----------------------------------------------------------------------------- real data: issue 15

def _real(monkeypatch):
    for k, v in real_env().items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("PARLIB_PROCESSED_DIR", raising=False)
    monkeypatch.delenv("PARLIB_IMPORTED_DIR", raising=False)


def _full_html(province, year, lang):
    from parlib.render import brief_data as bd, brief_html as bh

    b = bd.brief(province, year, lang)
    body, closing = bh.rest_html(b)
    return b, bh.first_screen_html(b) + body + closing


def _sections(html):
    """(heading, text without tags) of every <section> with an <h2>."""
    out = []
    for sec in re.findall(r"<section[^>]*>(.*?)</section>", html, flags=re.S):
        m = re.search(r"<h2>(.*?)</h2>", sec)
        if m:
            text = re.sub(r"<[^>]+>", " ", sec.replace(m.group(0), ""))
            out.append((m.group(1), " ".join(text.split())))
    return out


@pytest.mark.skipif(not real_panel_has("PAPI", 2023), reason="the real panel has no PAPI 2023")
def test_real_quang_nam_2024_shows_latest_available(monkeypatch):
    """Quảng Nam 2024: no PCI figure for 2024, so the brief shows PCI 2023, sub-indices only (the
    2023 workbook has no composite), labelled; PAPI in its latest year with a Quảng Nam score
    (2023 before PAPI 2024 was loaded for the 61 provinces it covers), with its dimensions; no
    section says only "no data"."""
    _real(monkeypatch)
    from parlib import load

    papi = load("PAPI", unit="49")
    papi_year = int(papi[(papi.indicator == "PAPI.total") & papi.value.notna()
                         & (papi.year <= 2024)]["year"].max())
    b, html = _full_html("Quảng Nam", 2024, "en")
    assert b.years["PCI"] == 2023 and b.kinds["PCI"] == "sub"
    assert b.years["PAPI"] == papi_year >= 2023 and b.kinds["PAPI"] == "overall"
    assert "2023, sub-indices only" in html and "latest available: 2023" in html
    if papi_year < 2024:
        assert "PAPI latest available: 2023" in re.sub(r"<[^>]+>", "", html)
    for dim in ("E-Governance", "Environmental Governance", "Vertical Accountability"):
        assert dim in html, dim              # PAPI dimensions (official names)
    assert "Informal charges" in html        # a PCI 2023 sub-index
    for head, text in _sections(html):
        assert len(text) > 40 and text.lower() not in ("no data", "no data."), head
    assert "No criterion-level data" not in html


@pytest.mark.skipif(not real_panel_has("PAPI", 2019), reason="the real panel has no PAPI 2019")
def test_real_papi_line_is_broken_at_the_2018_scale_change(monkeypatch):
    """PAPI moved from 6 dimensions (0-60) to 8 (0-80) in 2018: the trend line is two segments,
    the break is labelled, the axis names both scales, the change is not compared."""
    _real(monkeypatch)
    from parlib.render import brief_data as bd, brief_html as bh, figures

    b = bd.brief("Quảng Ninh", 2019, "en")
    assert 2018 in b.breaks["PAPI"]
    svg = figures.trend_svg(b, "PAPI", bh._unit_label("PAPI", b))
    # the break: a dashed line with the year on top and one legend entry "Method change"
    assert "Method change" in svg and ">2018<" in svg and "6–60 → 8–80" in svg
    runs = figures._eras("PAPI", list(b.trends["PAPI"]["year"]), b.breaks["PAPI"])
    assert [r[-1] for r in runs][:1] == [2017] and runs[1][0] == 2018


@pytest.mark.skipif(not real_panel_has("PAPI", 2023), reason="the real panel has no PAPI 2023")
def test_real_da_nang_2025_is_a_named_reconstruction(monkeypatch, tmp_path):
    """Đà Nẵng 2025 (one of the 34 units) renders with reconstructed history and names Quảng Nam
    as a predecessor; its map is the 34 units."""
    _real(monkeypatch)
    from parlib.render import engine

    res = engine.render_brief("Đà Nẵng", 2025, "vi", tmp_path)
    assert res.ok, res.error
    assert res.path.name == "N48-da-nang.html"
    html = res.path.read_text(encoding="utf-8")
    assert_clean_report(html)
    assert "hợp nhất từ: Đà Nẵng, Quảng Nam" in html and "TÁI DỰNG" in html
    assert "trong 34 tỉnh, thành phố" in html       # the map caption
    assert re.search(r"#\d+/3[0-4]", html)          # computed ranks among the 34 units
    assert len(html.encode("utf-8")) <= 200_000
    index = (tmp_path / "2025" / "vi" / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 34 + 1 and "N48-da-nang.html" in index


@pytest.mark.skipif(not real_panel_has("PAPI", 2021), reason="the real panel has no 2021 data")
def test_real_first_screen_shows_the_published_group(monkeypatch):
    """VCCI publishes a tier with PCI 2021 (its site table: Hà Nội "Tốt", Quảng Ninh "Rất tốt");
    PAPI's quartile groups come from the rank; national averages are shown."""
    _real(monkeypatch)
    from parlib.render import brief_data as bd, brief_html as bh

    hn = bh.cards_html(bd.brief("Hà Nội", 2021, "vi"))
    assert "Tốt (VCCI)" in hn and "Rất tốt" not in hn
    qn = bh.cards_html(bd.brief("Quảng Ninh", 2021, "en"))
    assert "Rất tốt (VCCI)" in qn and "National average" in qn


def test_real_brief_shows_the_provinces_target_and_the_noise_verdict(monkeypatch):
    """`parlib brief --targets FILE`: Đồng Tháp's PCI 2021 target of 74.81 is reported missed by
    4.28 points (result 70.53, rank 3/63); the PCI 2019 brief says whether the rank move is more
    than the noise, from the rank intervals."""
    _real(monkeypatch)
    from parlib.render import brief_data as bd, brief_html as bh

    plans = ROOT / "docs" / "examples" / "plans_dong_thap.csv"
    b = bd.brief("Đồng Tháp", 2021, "en")
    body, _ = bh.rest_html(b, str(plans))
    assert "The province&#x27;s targets" in body
    assert "missed by 4.28 points (result 70.53, rank 3/63)" in body
    assert bh.rest_html(b)[0].count("targets'>") == 0          # no plans table: no section
    b19 = bd.brief("Quảng Ninh", 2019, "en")
    noise = bh.noise_html(b19)
    assert "PCI 2019: rank 1/63, 90% interval 1–" in noise
    assert "noise" in noise


def test_real_weak_lead_names_a_holder_only_when_one_unit_holds_the_benchmark(monkeypatch):
    """Region-best is held by a province and is named; the top quartile is a level, not a unit:
    "+3.78 points at 5.94", never "the level of –" (Hà Tây PCI 2007, labour training)."""
    _real(monkeypatch)
    from parlib import analysis
    from parlib.render.brief_weak import section_html

    tq = section_html(analysis.weak_criteria("Hà Tây", "PCI", 2007, benchmark="top-quartile"),
                      "PCI", 2007, "en")
    assert "Labour training (rank #61/64; +3.78 points at 5.94)" in tq and "level of –" not in tq
    rb = section_html(analysis.weak_criteria("Hà Tây", "PCI", 2007), "PCI", 2007, "en")
    assert "Labour training (rank #61/64; +" in rb and ", the level of " in rb
