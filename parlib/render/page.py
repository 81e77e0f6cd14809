"""Our own HTML page for reports (Jinja): the outputs of an executed notebook, or the index pages,
inside one small stylesheet (``templates/report.css``, with the A4 print rules). No JupyterLab
CSS, no script from anywhere, nothing fetched: a brief weighs what its tables and SVG charts weigh.
"""
from __future__ import annotations

import base64
import html
from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                              keep_trailing_newline=True)


@lru_cache(maxsize=1)
def css() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def page(body: str, *, title: str, lang: str, script: str = "", body_class: str = "") -> str:
    """A complete HTML document around ``body`` (already HTML)."""
    return _env().get_template("page.html.j2").render(
        body=body, title=html.escape(title, quote=False), lang=lang, css=css(), script=script,
        body_class=body_class)


def _text(v) -> str:
    return v if isinstance(v, str) else "".join(v)


def _output_html(o) -> str:
    kind = o.get("output_type")
    if kind == "stream":
        return f'<pre class="out">{html.escape(_text(o.get("text", "")))}</pre>'
    data = o.get("data") or {}
    if "text/html" in data:
        return _text(data["text/html"])
    if "image/svg+xml" in data:
        return _text(data["image/svg+xml"])
    for mime in ("image/png", "image/jpeg"):
        if mime in data:
            b64 = _text(data[mime]).replace("\n", "")
            base64.b64decode(b64[:64] + "=" * (-len(b64[:64]) % 4))  # a bad payload fails here
            return f'<img alt="figure" src="data:{mime};base64,{b64}">'
    if "text/markdown" in data:
        return _markdown(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f'<pre class="out">{html.escape(_text(data["text/plain"]))}</pre>'
    return ""


def _markdown(src: str) -> str:
    import mistune

    return mistune.html(src)


def notebook_body(nb) -> str:
    """The outputs of an executed notebook (markdown cells rendered, code never shown)."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(_markdown(_text(cell.source)))
        elif cell.cell_type == "code":
            parts.extend(_output_html(o) for o in cell.get("outputs", []))
    return "\n".join(p for p in parts if p)
