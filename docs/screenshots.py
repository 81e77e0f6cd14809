"""Screenshots of one brief for the README (``python docs/screenshots.py [OUT_DIR]``).

Renders the Quảng Nam 2024 brief (vi and en) from the real panel into a temporary folder and
takes three PNGs with headless Chromium (Debian's /usr/bin/chromium through playwright):
``docs/brief-vi-desktop.png`` and ``docs/brief-en-desktop.png`` (1100 px wide, the first screen)
and ``docs/brief-vi-mobile.png`` (390 px wide, the first two screens). Colours are reduced to a
small palette so each image stays small.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

PROVINCE, YEAR = "Quảng Nam", 2024
SHOTS = [("vi", "brief-vi-desktop.png", 1100, 1100), ("en", "brief-en-desktop.png", 1100, 1100),
         ("vi", "brief-vi-mobile.png", 390, 1700)]


def main(out_dir: Path) -> list[Path]:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from parlib.render.engine import render_briefs

    tmp = Path(tempfile.mkdtemp(prefix="parlib-shots-"))
    res = render_briefs(YEAR, ["vi", "en"], provinces=[PROVINCE], jobs=1, out_dir=tmp,
                        progress=False)
    if res.failed:
        raise SystemExit(res.failed[0].error)
    paths = {r.lang: r.path for r in res.results}
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--headless"])
        for lang, name, width, height in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(paths[lang].as_uri())
            target = out_dir / name
            page.screenshot(path=str(target))
            page.close()
            im = Image.open(target).convert("RGB")
            im.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)
            written.append(target)
        browser.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for p in main(out):
        print(p, p.stat().st_size)
