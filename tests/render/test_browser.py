"""A real browser opens the rendered site: headless Chromium (Debian's /usr/bin/chromium, driven
by playwright without `playwright install`) loads a brief and the index pages from file:// with
no console error, no request leaving the folder, and every chart decoded."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest_render import synth_processed  # noqa: F401

CHROMIUM = os.environ.get("PARLIB_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

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


def open_page(ctx, path: Path):
    page = ctx.new_page()
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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_brief_in_browser(site, browser, lang):
    from parlib.render.engine import brief_relpath

    page, problems, remote = open_page(browser, site / brief_relpath(2019, lang, "22"))
    imgs = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth,"
                         " i.naturalHeight, i.alt])")
    assert len(imgs) >= 3, imgs                       # trend, points lost, map
    assert all(c and w > 0 and h > 0 and alt for c, w, h, alt in imgs), imgs
    assert problems == [] and remote == []
    text = page.inner_text("body")
    assert "Quảng Ninh" in text and ("Bốn chỉ số" if lang == "vi" else "The four indices") in text
    assert page.evaluate("document.querySelectorAll('script[src], link[href^=\"http\"]').length") == 0
    page.close()


def test_index_pages_in_browser(site, browser):
    page, problems, remote = open_page(browser, site / "index.html")
    links = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert "2019/vi/22-quang-ninh.html" in links and "2019/en/92-can-tho.html" in links
    assert "2019/index.html" in links
    assert problems == [] and remote == []
    page.click("text=English >> nth=0")               # follow a link to a brief
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and "/2019/en/" in page.url
    page.close()
    page, problems, remote = open_page(browser, site / "2019" / "index.html")
    links = page.evaluate("Array.from(document.links).map(a => a.getAttribute('href'))")
    assert "../2019/vi/22-quang-ninh.html" in links and "../index.html" in links
    assert problems == [] and remote == []
    page.close()
