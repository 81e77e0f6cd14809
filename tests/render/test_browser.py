"""A real browser opens the rendered site: headless Chromium (Debian's /usr/bin/chromium, driven
by playwright without `playwright install`) loads briefs and index pages from file:// and checks
what a reader gets: no console error, no request leaving the folder, no horizontal overflow on a
390 px phone, the charts, the map and its legend drawn, every link resolving (relative links to
files that exist, external links only to the publishers), the index sortable and filterable, and
an A4 print without blank pages."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest_render import synth_processed  # noqa: F401

CHROMIUM = os.environ.get("PARLIB_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists() and not shutil.which("chromium"),
                       reason=f"{CHROMIUM} not found: install Debian's chromium "
                              "(apt-get install -y chromium)"),
]


@pytest.fixture(scope="module")
def site(synth_processed, tmp_path_factory):
    from parlib.render.engine import render_briefs

    out = tmp_path_factory.mktemp("site")
    res = render_briefs(2019, ["vi", "en"], provinces=["Quảng Ninh", "Cần Thơ"], jobs=1,
                        out_dir=out, progress=False)
    assert not res.failed, res.failed
    res = render_briefs(2018, ["vi"], provinces=["Quảng Ninh"], jobs=1, out_dir=out,
                        progress=False)
    assert not res.failed, res.failed
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(profile), executable_path=exe,
                                                   headless=True, args=ARGS)
        yield ctx
        ctx.close()


def open_page(ctx, path: Path, viewport=None):
    page = ctx.new_page()
    if viewport:
        page.set_viewport_size(viewport)
    problems, remote = [], []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: remote.append(r.url)
            if not r.url.startswith(("file:", "data:", "about:")) else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url[:80]}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems, remote


def assert_links_resolve(page, here: Path):
    """Every link of the page: a relative link names a file that exists; an external link goes
    to one of the publishers the brief cites."""
    from parlib.render.brief_html import PUBLISHERS

    allowed = {url for _, url in PUBLISHERS.values()}
    hrefs = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert hrefs
    for h in hrefs:
        if h.startswith("https://"):
            assert h in allowed, h
            continue
        assert not urlparse(h).scheme, h
        target = (here.parent / unquote(h.split("#")[0])).resolve()
        assert target.is_file(), h
    return hrefs


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_brief_in_browser(site, browser, lang):
    from parlib.render.engine import brief_relpath

    path = site / brief_relpath(2019, lang, "22")
    page, problems, remote = open_page(browser, path)
    assert problems == [] and remote == []
    # charts and the map drawn, with a real size, and the map's legend
    sizes = page.evaluate("Array.from(document.querySelectorAll('figure svg')).map(s => {"
                          "const r = s.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) >= 4 and all(w > 200 and h > 100 for w, h in sizes), sizes
    legend = page.inner_text("figure.mapfig")
    assert ("không có dữ liệu" if lang == "vi" else "no data") in legend
    assert "Quảng Ninh" in legend
    text = page.inner_text("body")
    assert ("Tóm tắt" if lang == "vi" else "In short") in text
    assert page.evaluate("document.querySelectorAll('script[src], link[href^=\"http\"]').length") == 0
    hrefs = assert_links_resolve(page, path)
    other = "en" if lang == "vi" else "vi"
    assert "index.html" in hrefs and f"../{other}/{path.name}" in hrefs
    if lang == "vi":                       # the other year of the same province
        assert f"../../2018/vi/{path.name}" in hrefs
    page.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_brief_fits_a_phone(site, browser, lang):
    from parlib.render.engine import brief_relpath

    path = site / brief_relpath(2019, lang, "92")
    page, problems, _ = open_page(browser, path, PHONE)
    assert problems == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    # chart text stays legible: the smallest SVG text at least 9.5 px on screen
    smallest = page.evaluate(
        "Math.min(...Array.from(document.querySelectorAll('figure svg text')).map(t =>"
        " t.getBoundingClientRect().height).filter(h => h > 0))")
    assert smallest >= 9.5, smallest
    page.close()


def pdf_page_text_ops(pdf: bytes) -> list[int]:
    """Per page of a Chromium PDF, how many text-showing operators (Tj/TJ) its content has."""
    import zlib

    objs = {int(m.group(1)): m.group(2)
            for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, flags=re.S)}
    out = []
    for _, body in sorted(objs.items()):
        if not re.search(rb"/Type\s*/Page[^s]", body):
            continue
        ref = re.search(rb"/Contents\s+(\d+) 0 R", body)
        m = re.search(rb"stream\r?\n(.*?)\r?\nendstream", objs.get(int(ref.group(1)), b"")
                      if ref else b"", flags=re.S)
        data = m.group(1) if m else b""
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        out.append(len(re.findall(rb"T[Jj]\b", data)))
    return out


def test_brief_prints_on_a4_without_blank_pages(site, browser):
    from parlib.render.engine import brief_relpath

    page, _, _ = open_page(browser, site / brief_relpath(2019, "en", "22"))
    pdf = page.pdf(format="A4", print_background=True)
    texts = pdf_page_text_ops(pdf)
    assert texts and all(n > 0 for n in texts), texts        # no blank page
    pages = len(texts)
    # the printed height in A4 pages: laid out at the printable width (184 mm), 269 mm per page
    px = 96 / 25.4
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(184 * px), "height": round(269 * px)})
    height = page.evaluate("document.documentElement.scrollHeight")
    need = height / (269 * px)
    assert 1 <= pages <= int(need) + 2, (pages, need)   # break-avoid moves a few blocks, no more
    page.close()


def test_index_pages_in_browser(site, browser):
    page, problems, remote = open_page(browser, site / "index.html")
    assert problems == [] and remote == []
    hrefs = assert_links_resolve(page, site / "index.html")
    assert "2019/vi/index.html" in hrefs and "2019/en/index.html" in hrefs
    page.close()
    path = site / "2019" / "en" / "index.html"
    page, problems, remote = open_page(browser, path, PHONE)
    assert problems == [] and remote == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_links_resolve(page, path)
    rows = page.locator("table.index tbody tr")
    assert rows.count() == 63
    text = page.inner_text("table.index")
    assert "Red River Delta" in text and "Đồng bằng sông Hồng" not in text   # English regions
    assert re.search(r"#\d+/63", text)
    # filter, then sort by PCI (rank ascending: #1 first)
    page.fill("input.filter", "Quảng")
    visible = page.evaluate("Array.from(document.querySelectorAll('table.index tbody tr'))"
                            ".filter(r => r.style.display !== 'none').length")
    assert 0 < visible < 63
    page.fill("input.filter", "")
    page.click("table.index th:nth-child(3)")
    first = page.evaluate("document.querySelector('table.index tbody tr td:nth-child(3)')"
                          ".getAttribute('data-v')")
    assert first == "1"
    page.click("text=Quảng Ninh")
    page.wait_for_load_state("load")
    assert page.url.endswith("/2019/en/22-quang-ninh.html")
    page.close()
