"""The reports folder as a small site: index pages and the links between briefs.

* ``index.html``: every year, with links to each year's index in both languages;
* ``<year>/index.html``: the year's two language versions;
* ``<year>/<lang>/index.html``: every province (63 before 2025, the 34 from 2025) with its score
  and rank on each index (that year, else the latest earlier year with data, in brackets), in the
  page's language, sortable and filterable by a few lines of inline JavaScript (without it the
  table is still complete, in alphabetical order);
* each brief's navigation (:func:`parlib.render.brief_html.nav_html`) is rewritten to link the
  reports that exist: the year's index, the other language, the province's other years.

Plain self-contained HTML (our page template), relative links only, written atomically.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from parlib.render.brief_html import esc
from parlib.render.i18n import num, t
from parlib.codebook import INDICES

_REPORT = re.compile(r"^(?P<code>N?[0-9]{2})-(?P<slug>[a-z0-9-]+)\.html$")
LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}

SORT_JS = """
(function () {
  var table = document.querySelector('table.index');
  if (!table) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var box = document.createElement('input');
  box.type = 'search'; box.className = 'filter';
  box.placeholder = table.getAttribute('data-filter');
  box.setAttribute('aria-label', table.getAttribute('data-filter'));
  table.parentNode.parentNode.insertBefore(box, table.parentNode);
  box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    rows.forEach(function (r) {
      r.style.display = r.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.style.cursor = 'pointer';
    th.setAttribute('tabindex', '0');
    var dir = 1;
    function sort() {
      rows.sort(function (a, b) {
        var x = a.cells[i].getAttribute('data-v'), y = b.cells[i].getAttribute('data-v');
        if (x !== null && y !== null) {
          x = x === '' ? Infinity : parseFloat(x); y = y === '' ? Infinity : parseFloat(y);
          return (x - y) * dir;
        }
        return a.cells[i].textContent.localeCompare(b.cells[i].textContent, 'vi') * dir;
      });
      dir = -dir;
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
})();
"""




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


# ----------------------------------------------------------------------------- data

def index_rows(year: int, lang: str) -> list[dict]:
    """One row per unit of ``year`` (63 before 2025, 34 from 2025): name, region and, for each
    index, (year, score, rank, rank_of) of the latest year with an overall score within the
    brief's look-back, or None (cached per build of the panel)."""
    from parlib.panel import data_stamp

    return _index_rows(int(year), lang, data_stamp())


def prefetch(year: int):
    """Compute the index rows of ``year`` ahead (in a thread while a kernel renders a brief)."""
    try:
        for lang in ("vi", "en"):
            index_rows(year, lang)
    except Exception:  # the index pages will say it themselves
        pass


@lru_cache(maxsize=16)
def _index_rows(year: int, lang: str, stamp) -> list[dict]:
    from parlib import provinces
    from parlib.render import brief_data as bd
    from parlib.render.params import MERGER_YEAR

    scheme = "34" if year >= MERGER_YEAR else "63"
    codes = provinces.codes(scheme)
    cov = bd.coverage()
    rows = {c: {"code": c, "name": provinces.get(c).name_vi, "region": _region(c, lang),
                "scores": {}} for c in codes}
    for index in bd.INDICES:
        years = sorted((y for y in cov.get(index, []) if year - bd.LOOKBACK <= y <= year),
                       reverse=True)
        for y in years:
            df = _overall(index, y, scheme)
            if df is None:
                continue
            for r in df.itertuples():
                row = rows.get(r.unit_code)
                if row is None or index in row["scores"] or bd._isna(r.value):
                    continue
                row["scores"][index] = (y, float(r.value), bd._int(r.rank), bd._int(r.rank_of))
    return sorted(rows.values(), key=lambda r: _sort_key(r["name"]))


def _overall(index, y, scheme):
    from parlib.render import brief_data as bd

    if scheme == "34":
        from parlib.render.merged import recon

        return recon(index, y)
    df = bd.overall_long(index)
    return df[df["year"] == y]


def _region(code: str, lang: str) -> str:
    from parlib import provinces

    u = provinces.get(code)
    if u.region_code:
        return u.region_vi if lang == "vi" else u.region_en
    regs = []
    mt = provinces.merger_table()
    for c in mt[mt["new_code"] == code]["old_code"]:
        r = _region(c, lang)
        if r not in regs:
            regs.append(r)
    return ", ".join(regs)


def _sort_key(name: str) -> str:
    from parlib.registry.keys import fold

    return fold(name).lower()


# ----------------------------------------------------------------------------- pages

def _page(title: str, body: str, lang: str, script: str = "") -> str:
    from parlib.render import page

    return page.page(body, title=title, lang=lang, script=script, body_class="site")


def _score_cell(s, lang) -> str:
    if s is None:
        return '<td class="num" data-v="">–</td>'
    y, v, r, n = s
    rank = f"#{r}/{n} · " if r is not None and n is not None else ""
    return (f'<td class="num" data-v="{r if r is not None else ""}">{esc(num(v, lang))}'
            f"<br><small>{rank}{y}</small></td>")


def year_index(year: int, lang: str, reports: dict) -> str:
    """The body of ``<year>/<lang>/index.html``."""
    from parlib.render.engine import brief_relpath
    from parlib.render.params import MERGER_YEAR

    rows = index_rows(year, lang)
    other = "en" if lang == "vi" else "vi"
    head = "".join(f"<th>{esc(h)}</th>" for h in (t("province", lang), t("idx_region", lang)))
    head += "".join(f'<th class="num">{esc("PAR INDEX" if i == "PAR" else i)}</th>'
                    for i in INDICES)
    trs = []
    for r in rows:
        rel = reports.get(r["code"], {}).get(lang)
        name = esc(r["name"])
        if rel:
            name = f'<a href="{esc(brief_relpath(year, lang, r["code"]).name)}">{name}</a>'
        cells = "".join(_score_cell(r["scores"].get(i), lang)
                        for i in INDICES)
        trs.append(f"<tr><td>{name}</td><td>{esc(r['region'])}</td>{cells}</tr>")
    intro = t("idx_intro_34" if year >= MERGER_YEAR else "idx_intro", lang).format(
        n=len(rows), year=year)
    nav = (f'<nav class="nav"><a href="../../index.html">{esc(t("idx_all_years", lang))}</a> · '
           f'<a href="../{other}/index.html" hreflang="{other}" lang="{other}">'
           f'{esc(t("idx_other_lang", lang))}</a></nav>')
    return (nav + f"<h1>{esc(t('index_title', lang))} {year}</h1><p class=\"note\">{esc(intro)}"
            f"</p><p class=\"note sorthint\">{esc(t('idx_sort_hint', lang))}</p>"
            f'<div class="tablewrap"><table class="index" data-filter="{esc(t("idx_filter", lang))}">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(trs)}</tbody></table></div>")


def relink(out_dir: Path, found: dict) -> int:
    """Rewrite each brief's navigation to the reports that exist; returns how many changed."""
    from parlib.io.atomic import write_text
    from parlib.render.brief_html import NAV_END, NAV_START, nav_html

    changed = 0
    for year, reps in found.items():
        for code, langs in reps.items():
            for lang, rel in langs.items():
                p = Path(out_dir) / rel
                text = p.read_text(encoding="utf-8")
                a, b = text.find(NAV_START), text.find(NAV_END)
                if a < 0 or b < 0:
                    continue
                new = text[:a] + nav_html(code, year, lang, found) + text[b + len(NAV_END):]
                if new != text:
                    write_text(p, new)
                    changed += 1
    return changed


def _dictionary(out_dir: Path, rewrite: bool) -> bool:
    """The data dictionary page beside the index (written by a batch, or when missing); False
    when there is no panel to describe."""
    from parlib.errors import ParlibError
    from parlib.panel.dictionary import write_html

    if rewrite or not (out_dir / "dictionary.html").exists():
        try:
            write_html(out_dir)
        except ParlibError:
            return (out_dir / "dictionary.html").exists()
    return True


def write_indexes(out_dir, years=None) -> Path:
    """Write the index pages (see the module docstring) and relink the briefs. ``years``: only
    these years' index pages are rebuilt (one new brief changes its own year's list), and any
    other year whose pages are missing; the list of years and the links are always redone."""
    from parlib.io.atomic import write_text

    out_dir = Path(out_dir)
    found = scan(out_dir)
    for year, reps in found.items():
        pages = [out_dir / str(year) / "index.html"] + [
            out_dir / str(year) / lang / "index.html" for lang in ("vi", "en")]
        if years is not None and year not in years and all(p.exists() for p in pages):
            continue
        langs = sorted({lang for v in reps.values() for lang in v})
        for lang in ("vi", "en"):
            body = year_index(year, lang, reps)
            write_text(out_dir / str(year) / lang / "index.html",
                       _page(f"{t('index_title', lang)} {year}", body, lang, SORT_JS))
        links = " · ".join(f'<a href="{lang}/index.html">{LANG_NAMES[lang]}</a>'
                           for lang in ("vi", "en"))
        body = (f'<nav class="nav"><a href="../index.html">← Mọi năm / All years</a></nav>'
                f"<h1>{year}</h1><p>{links}</p><p class=\"note\">"
                f"{esc(', '.join(langs))}: {len(reps)} báo cáo / briefs.</p>")
        write_text(out_dir / str(year) / "index.html", _page(f"Briefs {year}", body, "vi"))
    relink(out_dir, found)
    parts = ["<h1>Báo cáo quản trị cấp tỉnh · Provincial governance briefs</h1>",
             "<p class=\"note\">PCI, PAPI, PAR INDEX, SIPAS — parlib.</p>"]
    if _dictionary(out_dir, rewrite=years is None):
        parts.append('<p><a href="dictionary.html">Từ điển dữ liệu · Data dictionary</a> '
                     '(mọi biến, đơn vị, nguồn · every variable, its unit and source)</p>')
    if not found:
        parts.append("<p>Chưa có báo cáo nào / No reports yet.</p>")
    items = []
    for year in sorted(found, reverse=True):
        items.append(f'<li><strong>{year}</strong>: <a href="{year}/vi/index.html">Tiếng Việt</a>'
                     f' · <a href="{year}/en/index.html">English</a></li>')
    if items:
        parts.append(f"<ul>{''.join(items)}</ul>")
    target = out_dir / "index.html"
    write_text(target, _page("Provincial governance briefs", "\n".join(parts), "vi"))
    return target
