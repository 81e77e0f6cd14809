"""Index pages of the reports folder: ``index.html`` (every year and language, every report) and
``<year>/index.html``. Plain self-contained HTML (no script, no external resource), with
relative links only, written atomically."""
from __future__ import annotations

import html
import re
from pathlib import Path

_REPORT = re.compile(r"^(?P<code>[0-9]{2})-(?P<slug>[a-z0-9-]+)\.html$")
CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 1000px; margin: 1em auto;
       padding: 0 1em; color: #222; }
table { border-collapse: collapse; font-size: 0.95em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
.note { color: #555; font-size: 0.9em; }
"""


def _esc(x) -> str:
    return html.escape(str(x), quote=True)


def scan(out_dir: Path) -> dict:
    """{year: {code: {lang: relative path}}} for every report under ``out_dir``."""
    found: dict = {}
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        return found
    for ydir in sorted(p for p in out_dir.iterdir() if p.is_dir() and p.name.isdigit()):
        for ldir in sorted(p for p in ydir.iterdir() if p.is_dir() and p.name in ("vi", "en")):
            for f in sorted(ldir.glob("*.html")):
                m = _REPORT.match(f.name)
                if m:
                    found.setdefault(int(ydir.name), {}).setdefault(m["code"], {})[ldir.name] = \
                        f.relative_to(out_dir).as_posix()
    return found


def _page(title: str, body: str, lang: str = "vi") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")


def _rows(year_reports: dict, prefix: str = "") -> str:
    from parlib import provinces

    rows = []
    for code in sorted(year_reports):
        try:
            u = provinces.get(code)
            name_vi, name_en, region = u.name_vi, u.name_en, u.region_vi
        except Exception:
            name_vi = name_en = code
            region = ""
        links = []
        for lang, label in (("vi", "Tiếng Việt"), ("en", "English")):
            rel = year_reports[code].get(lang)
            if rel:
                links.append(f'<a href="{_esc(prefix + rel)}">{label}</a>')
        rows.append(f"<tr><td>{_esc(code)}</td><td>{_esc(name_vi)}</td><td>{_esc(name_en)}</td>"
                    f"<td>{_esc(region)}</td><td>{' · '.join(links)}</td></tr>")
    return ("<table><thead><tr><th>Mã</th><th>Tỉnh, thành phố</th><th>Province</th>"
            "<th>Vùng</th><th>Báo cáo / Brief</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def write_indexes(out_dir) -> Path:
    """Write ``<out_dir>/index.html`` and one ``<out_dir>/<year>/index.html`` per year."""
    from parlib.io.atomic import write_text

    out_dir = Path(out_dir)
    found = scan(out_dir)
    for year, reps in found.items():
        n = len(reps)
        body = (f"<p><a href=\"../index.html\">← Mọi năm / All years</a></p>"
                f"<h1>Báo cáo quản trị cấp tỉnh {year} · Provincial governance briefs {year}</h1>"
                f"<p class=\"note\">{n} tỉnh, thành phố / provinces.</p>"
                + _rows(reps, prefix="../"))
        write_text(out_dir / str(year) / "index.html",
                   _page(f"Briefs {year}", body))
    parts = ["<h1>Báo cáo quản trị cấp tỉnh · Provincial governance briefs</h1>",
             "<p class=\"note\">PCI, PAPI, PAR INDEX, SIPAS — parlib.</p>"]
    if not found:
        parts.append("<p>Chưa có báo cáo nào / No reports yet.</p>")
    for year in sorted(found, reverse=True):
        parts.append(f"<h2><a href=\"{year}/index.html\">{year}</a></h2>")
        parts.append(_rows(found[year]))
    target = out_dir / "index.html"
    write_text(target, _page("Provincial governance briefs", "\n".join(parts)))
    return target
