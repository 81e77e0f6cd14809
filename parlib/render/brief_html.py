"""The HTML of the annual brief, from a computed :class:`parlib.render.brief_data.Brief`.

The notebook displays, in order: :func:`first_screen_html` (navigation, title, the verdict and
the four index cards), :func:`trends_html`, :func:`criteria_html`, :func:`map_html`,
:func:`coverage_html` and :func:`cite_html`. A section without data is not shown under a heading
of its own: it is named once, in the coverage note ("not shown for lack of data: ...").
Every figure names its publisher with a link (:data:`PUBLISHERS`).
"""
from __future__ import annotations

import html

from parlib.render import figures
from parlib.render.brief_data import INDICES, LOOKBACK, Brief, _isna, _int
from parlib.render.i18n import index_label, num, t, years_text
from parlib.render.trend_means import caption as trend_caption
from parlib.render.verdict import papi_group, rank_of_row, sentences, short_index

PUBLISHERS = {
    "PCI": ({"vi": "VCCI", "en": "VCCI"}, "https://pcivietnam.vn"),
    "PAPI": ({"vi": "UNDP, CECODES", "en": "UNDP, CECODES"}, "https://papi.org.vn"),
    "PAR": ({"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"}, "https://moha.gov.vn"),
    "SIPAS": ({"vi": "Bộ Nội vụ", "en": "Ministry of Home Affairs"}, "https://moha.gov.vn"),
}
NAV_START, NAV_END = "<!--parlib-nav-->", "<!--/parlib-nav-->"


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def publisher_html(index: str, lang: str) -> str:
    names, url = PUBLISHERS[index]
    return (f'{esc(t("source", lang))} {esc(short_index(index))}, '
            f'<a href="{url}" rel="external">{esc(names[lang])}</a>')


def _table(headers, rows, num_cols=(), caption: str = "") -> str:
    h = "".join(f'<th class="num">{esc(x)}</th>' if i in num_cols else f"<th>{esc(x)}</th>"
                for i, x in enumerate(headers))
    body = "".join("<tr>" + "".join(
        f'<td class="num">{esc(x)}</td>' if i in num_cols else f"<td>{esc(x)}</td>"
        for i, x in enumerate(r)) + "</tr>" for r in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (f'<div class="tablewrap"><table class="parlib">{cap}<thead><tr>{h}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _section(b: Brief, key: str, parts: list, cls: str = "") -> str:
    """A headed section, or nothing when it has no content (named in the coverage note)."""
    if not parts:
        return ""
    c = f' class="{cls}"' if cls else ""
    return f'<section{c}><h2>{esc(t(key, b.lang))}</h2>{"".join(parts)}</section>'


def rank_label(rank, rank_of) -> str:
    return f"#{int(rank)}/{int(rank_of)}" if not _isna(rank) and not _isna(rank_of) else "–"


# ----------------------------------------------------------------------------- navigation

def nav_html(code: str, year: int, lang: str, found: dict | None = None) -> str:
    """Links to the year's index, the other language and the other years of the same unit.
    ``found`` ({year: {code: {lang: path}}}, from :func:`parlib.render.site.scan`) keeps only the
    reports that exist; without it the index and the other language are linked."""
    from parlib.render.engine import brief_relpath

    other = "en" if lang == "vi" else "vi"
    me = brief_relpath(year, lang, code)
    links = [f'<a href="index.html">{esc(t("nav_index", lang).format(year=year))}</a>']
    if found is None or other in found.get(year, {}).get(code, {}):
        links.append(f'<a href="../{other}/{me.name}" hreflang="{other}" lang="{other}">'
                     f'{esc(t("nav_lang", lang))}</a>')
    years = []
    for y in sorted(found or {}):
        if y != year and lang in found[y].get(code, {}):
            years.append(f'<a href="../../{y}/{lang}/{brief_relpath(y, lang, code).name}">{y}</a>')
    if years:
        links.append(f'<span>{esc(t("nav_years", lang))} {" ".join(years)}</span>')
    return f'{NAV_START}<nav class="nav">{" · ".join(links)}</nav>{NAV_END}'


# ----------------------------------------------------------------------------- first screen

def header_html(b: Brief) -> str:
    if b.scheme == "34":
        members = ", ".join(n for _, n in b.predecessors)
        sub = t("brief_subtitle_34", b.lang).format(members=members)
        note = t("recon_note", b.lang).format(name=b.name, members=members)
        return (f"<h1>{esc(b.title)}</h1><p class=\"sub\">{esc(sub)}</p>"
                f"<p class=\"recon\">{esc(note)}</p>")
    sub = t("brief_subtitle", b.lang).format(region=b.region, n=b.region_n, total=b.total)
    return f"<h1>{esc(b.title)}</h1><p class=\"sub\">{esc(sub)}</p>"


def verdict_html(b: Brief) -> str:
    items = "".join(f"<li>{esc(s)}</li>" for s in sentences(b))
    return (f'<section class="verdict"><h2>{esc(t("verdict_title", b.lang))}</h2>'
            f"<ul>{items}</ul></section>")


def _when(b: Brief, index: str, with_index: bool = False) -> str:
    y = b.years.get(index)
    if b.kinds.get(index) == "sub":
        s = t("sub_only_label", b.lang).format(index=short_index(index), year=y)
        return s if with_index else s.split(": ", 1)[1]
    if y != b.year:
        return t("latest_label", b.lang).format(year=y)
    return str(y)


def _is_break(r) -> bool:
    """Method change between the two years (``change_status`` of analysis.standing; the
    reconstructed 34-unit rows say it with ``comparable``)."""
    status = getattr(r, "change_status", None)
    return status == "break" if isinstance(status, str) and status else not bool(r.comparable)


def _change_text(r, L, trend=None) -> str:
    """Score and rank change: missing is called missing, "not comparable" only across a method
    change, a rank move only between like ranks (analysis.standing via parlib.panel.ranks)."""
    status = getattr(r, "change_status", None)
    if _isna(r.prev_year) or status == "first":
        return "–"
    if _is_break(r):
        return t("not_comparable", L)
    py = int(r.prev_year)
    parts = []
    if status == "missing":
        parts.append(t("missing_prev", L).format(year=py))
    elif not _isna(r.change):
        c = num(r.change, L, sign=True)
        ci = getattr(r, "change_indicator", None)
        if isinstance(ci, str) and ci and ci != r.indicator:
            c += " " + t("change_on", L).format(what=t("total_unweighted", L))
        parts.append(c)
    rc = r.rank_change
    if not _isna(rc):
        rc = int(rc)
        parts.append(t("up", L).format(n=rc) if rc > 0 else
                     t("down", L).format(n=-rc) if rc < 0 else t("same", L))
    elif trend is not None and not _isna(getattr(r, "prev_rank", None)) and not _isna(r.rank):
        # two ranks of different denominators: both said, no move (parlib.panel.ranks.move)
        hit = trend[trend["year"] == py] if len(trend) else trend
        n0 = None if not len(hit) or _isna(hit["rank_of"].iloc[0]) else int(hit["rank_of"].iloc[0])
        if n0 is not None and not _isna(r.rank_of) and n0 != int(r.rank_of):
            parts.append(t("ranks_differ", L).format(a=int(r.prev_rank), n0=n0, b=int(r.rank),
                                                     n1=int(r.rank_of)))
    return f"{'; '.join(parts)} ({t('since', L).format(year=py)})" if parts else "–"


def _total_note(r, L) -> str:
    """Which total the headline is: PAPI's official weighted score, or an unweighted total."""
    total = str(getattr(r, "total", "") or "").lower()
    if "unweighted" in total or "không có trọng số" in total:
        return t("total_unweighted", L)
    if r.index == "PAPI" and "weighted" in total:
        return t("total_weighted", L)
    return ""


def _region_text(b: Brief, r, L) -> str:
    """Place in the region only where every province of the region has data."""
    n = getattr(r, "region_n", None)
    if _isna(n):
        return ""
    if not _isna(getattr(r, "rank_in_region", None)):
        return t("rank_of", L).format(rank=int(r.rank_in_region), n=int(n))
    k = getattr(r, "region_with_data", None)
    if not _isna(k):
        return t("region_partial", L).format(k=int(k), n=int(n))
    return ""


def _card_rank_text(rk, L) -> str:
    """"#6/63 (published rank)"; a place printed without its denominator says so; "–" without
    a rank."""
    kind = t("rank_computed_short" if rk.kind == "computed" else "rank_published_short", L)
    if rk.known:
        return f"{rk.label(mark_computed=False)} ({kind})"
    if rk.without_denominator:
        return f"{rk.place()} ({kind}; {t('rank_of_not_given', L)})"
    return "–"


def _card(b: Brief, r) -> str:
    L = b.lang
    dl = []
    rk = rank_of_row(r)
    dl.append((t("card_rank", L), _card_rank_text(rk, L)))
    ci = getattr(r, "change_indicator", None)
    same = not (isinstance(ci, str) and ci) or ci == r.indicator   # trends hold the same total
    dl.append((t("card_change", L), _change_text(r, L, b.trends.get(r.index) if same else None)))
    reg = _region_text(b, r, L)
    if reg and b.scheme == "63":
        dl.append((t("in_region", L), reg))
    if isinstance(getattr(r, "tier", None), str) and r.tier:
        dl.append((t("card_group", L), f"{r.tier} ({PUBLISHERS[r.index][0][L]})"))
    if r.index == "PAPI" and rk.known and b.scheme == "63":
        g = papi_group(rk, L)
        if g:
            dl.append((t("card_group", L), f"{g}*"))
    if not _isna(r.nation_mean):
        v = num(r.nation_mean, L)
        if getattr(r, "nation_kind", None) == "published":
            v += f" ({t('published_by', L).format(pub=PUBLISHERS[r.index][0][L])})"
        dl.append((t("card_nation", L), v))
    if not _isna(r.ci_low) and not _isna(r.ci_high):
        dl.append((t("card_ci", L), f"{num(r.ci_low, L)}–{num(r.ci_high, L)}"))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in dl)
    if _isna(r.score):       # a published rank and no score
        score = f'<p class="score rank-only">{esc(t("rank_only", L))}</p>'
    else:
        mx = f"<span class=\"max\">/{num(r.max, L, 0)}</span>" if not _isna(r.max) else ""
        note = _total_note(r, L)
        note = f'<span class="total"> ({esc(note)})</span>' if note else ""
        score = f'<p class="score">{esc(num(r.score, L))}{mx}{note}</p>'
    return (f'<section class="card"><h3>{esc(short_index(r.index))} '
            f'<span class="when">{esc(_when(b, r.index))}</span></h3>'
            f'<p class="full">{esc(index_label(r.index, L))}</p>{score}<dl>{rows}</dl></section>')


def _sub_card(b: Brief, index: str) -> str:
    L = b.lang
    s = b.subs[index]
    ranked = s[s["rank"].notna()].sort_values("rank")
    lines = []
    for r in list(ranked.head(2).itertuples()) + list(ranked.tail(2).itertuples())[::-1]:
        lines.append(f"<li>{esc(r.name)}: {esc(num(r.score, L))} "
                     f"({esc(rank_label(r.rank, r.rank_of))})</li>")
    lines = list(dict.fromkeys(lines))
    return (f'<section class="card"><h3>{esc(short_index(index))} '
            f'<span class="when">{esc(_when(b, index))}</span></h3>'
            f'<p class="full">{esc(index_label(index, L))}</p><ul>{"".join(lines)}</ul></section>')


def cards_html(b: Brief) -> str:
    cards, missing = [], []
    for r in b.standing.itertuples():
        if (r.status == "ok" and not _isna(r.score)) or r.status == "rank only":
            cards.append(_card(b, r))
        elif r.index in b.subs and len(b.subs[r.index]):
            cards.append(_sub_card(b, r.index))
        else:
            missing.append(short_index(r.index))
    out = f'<div class="cards">{"".join(cards)}</div>'
    if "PAPI" in b.years and b.scheme == "63" and "</dd><dt>" in out and "*</dd>" in out:
        out += f'<p class="note">* {esc(t("papi_q_note", b.lang))}.</p>'
    if missing:
        out += f'<p class="note">{esc(t("no_recent", b.lang).format(indices=", ".join(missing)))}</p>'
    return out


def first_screen_html(b: Brief) -> str:
    return (nav_html(b.code, b.year, b.lang) + header_html(b) + verdict_html(b)
            + f'<h2>{esc(t("sec_indices", b.lang))}</h2>' + cards_html(b))


# ----------------------------------------------------------------------------- trends

def _unit_label(index: str, b: Brief) -> str:
    from parlib.codebook import load_codebook

    d = b.trends[index]
    cb = load_codebook()
    cb = cb[(cb["index"] == index) & (cb["level"] == "overall") & (cb["aggregation"] != "")]
    scales = []
    for y in sorted(d["year"]):
        r = cb[(cb.year_from <= y) & (cb.year_to >= y)]
        if len(r) and not _isna(r.iloc[0]["scale_max"]):
            s = f"{num(r.iloc[0]['scale_min'], 'en', 0)}–{num(r.iloc[0]['scale_max'], 'en', 0)}"
            if s not in scales:
                scales.append(s)
    if len(scales) == 1:
        lo, hi = scales[0].split("–")
        return t("unit_score", b.lang).format(lo=lo, hi=hi)
    return t("unit_score_eras", b.lang).format(scales=" → ".join(scales) or "?")


def trends_html(b: Brief) -> str:
    L = b.lang
    figs = []
    for index in INDICES:
        if index not in b.trends:
            continue
        svg = figures.trend_svg(b, index, _unit_label(index, b))
        if not svg:
            continue
        # the caption says what the chart draws: the same frame, its means and their kind
        cap = trend_caption(figures.trend_frame(b, index), L, index=short_index(index),
                            name=b.name, region=b.region,
                            publisher=PUBLISHERS[index][0][L], scheme=b.scheme)
        figs.append(f"<h3>{esc(t('trend_score', L).format(index=short_index(index)))}</h3>"
                    + figures.svg_html(svg, cap, publisher_html(index, L)))
    return _section(b, "sec_trends", figs, "trends")


# ----------------------------------------------------------------------------- criteria

def weak_html(b: Brief) -> str:
    """Weak criteria in two views (:mod:`parlib.render.brief_weak`): led by the criteria weak on
    both counts, with which view says what; standing alone without weights, said so."""
    from parlib.render.brief_weak import section_html

    L = b.lang
    out = []
    for index, w in b.weak.items():
        y = b.years[index]
        svg = figures.weak_svg(b, index, y)
        fig = figures.svg_html(svg, t("weak_caption", L).format(
            index=short_index(index), year=y), publisher_html(index, L)) if svg else ""
        out.append(section_html(w, index, y, L, figure=fig))
    return _section(b, "sec_weak", out)


def subs_html(b: Brief) -> str:
    L = b.lang
    out = []
    for index, s in b.subs.items():
        if index in b.weak:
            continue
        y = b.years[index]
        key = ("subs_intro_34" if b.scheme == "34" else
               "subs_intro" if b.kinds.get(index) == "sub" else "subs_intro_areas")
        out.append(f"<h3>{esc(short_index(index))} {y}</h3><p>"
                   + esc(t(key, L).format(index=short_index(index), year=y)) + "</p>")
        rows = [[r.name, num(r.score, L) + (f"/{num(r.max, L, 0)}" if not _isna(r.max) else ""),
                 rank_label(r.rank, r.rank_of)] for r in s.itertuples()]
        out.append(_table([t("criterion", L), t("score", L), t("rank", L)], rows, (1, 2),
                          caption=f"{short_index(index)} {y}") +
                   f'<p class="src">{publisher_html(index, L)}</p>')
    return _section(b, "sec_subs", out)


def strengths_html(b: Brief) -> str:
    L = b.lang
    out = []
    for index, s in b.strengths.items():
        if not len(s):
            continue
        items = "".join(
            "<li>" + esc(t("strength_line", L).format(
                name=r.name, rank=_int(r.rank) or "–", n=_int(r.rank_of) or "–",
                score=num(r.score, L))) + "</li>" for r in s.itertuples())
        out.append(f"<p><strong>{esc(short_index(index))} {b.years[index]}</strong></p><ul>{items}</ul>")
    return _section(b, "sec_strengths", out)


def peers_html(b: Brief) -> str:
    L = b.lang
    p = b.peers
    if not p:
        return ""
    out = []
    rows = p["rows"]
    for name in p.get("led", []):
        out.append("<p>" + esc(t("no_peers", L).format(name=name, province=b.name)) + "</p>")
    if not len(rows):
        out.append("<p>" + esc(t("no_peers", L).format(name=p["name"], province=b.name)) + "</p>")
    else:
        out.append("<p>" + esc(t("peers_intro", L).format(
            region=b.region, name=p["name"], index=short_index(p["index"]),
            year=b.years[p["index"]])) + "</p>")
        trs = [[r.name, num(r.value, L), rank_label(r.rank, r.rank_of)] for r in rows.itertuples()]
        trs.append([b.name + " ←", num(p["score"], L), rank_label(p.get("rank"), p.get("rank_of"))])
        out.append(_table([t("province", L), t("score", L), t("rank", L)], trs, (1, 2)))
    return _section(b, "sec_peers", out)


def whatif_html(b: Brief) -> str:
    return _section(b, "sec_whatif", [f"<p>{esc(b.whatif)}</p>"] if b.whatif else [])


def criteria_html(b: Brief) -> str:
    return weak_html(b) + subs_html(b) + strengths_html(b) + peers_html(b) + whatif_html(b)


# ----------------------------------------------------------------------------- map, coverage

def map_html(b: Brief) -> str:
    from parlib.render import maps

    L = b.lang
    svg = maps.map_svg(b)
    if not svg:
        return ""
    if not b.map_index:
        cap = t("map_caption_none", L).format(name=b.name)
    else:
        key = "map_caption_34" if b.scheme == "34" else "map_caption_63"
        cap = t(key, L).format(name=b.name, region=b.region, index=short_index(b.map_index),
                               year=b.map_year)
    cap += " " + t("map_note", L)
    src = publisher_html(b.map_index, L) if b.map_index else ""
    return (f'<section class="map"><h2>{esc(t("sec_position", L))}</h2>'
            + figures.svg_html(svg, cap, src, css_class="chart mapfig") + "</section>")


def folded(b: Brief, shown: dict) -> list[str]:
    """Names of the sections left out for lack of data (``shown``: section -> had content)."""
    return [t(f"fold_{k}", b.lang) for k, v in shown.items() if not v]


def coverage_html(b: Brief, left_out=()) -> str:
    L = b.lang
    items = []
    for index in INDICES:
        ys = b.coverage.get(index, [])
        name = short_index(index)
        y = b.years.get(index)
        if not ys:
            line = t("coverage_none", L).format(index=name)
        elif y is None:
            line = t("coverage_old", L).format(index=name, name=b.name, n=LOOKBACK, year=b.year,
                                               years=years_text(ys, L))
        else:
            kind = t("coverage_kind_sub", L) if b.kinds.get(index) == "sub" else ""
            line = t("coverage_shown", L).format(index=name, year=y, kind=kind,
                                                 years=years_text(ys, L))
        fl = [f for f in ("rank_computed", "reconstructed", "derived", "published_fact")
              if f in b.flags.get(index, set())]
        if fl and y is not None:
            line += " " + t("coverage_flags", L).format(
                year=y, what="; ".join(t(f"flag_{f}", L) for f in fl))
        items.append(f"<li>{esc(line)}</li>")
    if left_out:
        items.append(f"<li>{esc(t('folded', L).format(what=', '.join(left_out)))}</li>")
    return (f'<section class="coverage"><h2>{esc(t("sec_coverage", L))}</h2>'
            f'<ul>{"".join(items)}</ul><p class="note">{esc(t("coverage_general", L))}</p></section>')


def cite_html(b: Brief) -> str:
    import parlib

    L = b.lang
    used = [f"{short_index(i)} {b.years[i]} ({PUBLISHERS[i][0][L]})" for i in INDICES
            if b.years.get(i) is not None]
    text = t("cite_text", L).format(title=b.title, version=parlib.__version__,
                                    sources="; ".join(used) or "–")
    return (f'<section class="cite"><h2>{esc(t("cite_title", L))}</h2>'
            f'<p class="citation">{esc(text)}</p><p class="note">{esc(t("cite_note", L))}</p>'
            "</section>")


def noise_html(b: Brief) -> str:
    """Is the rank real? One line per survey index with a rank interval (Monte Carlo over weights,
    aggregation and published sampling error; :mod:`parlib.analysis.rank_simulation`) and whether
    the move since the previous survey is more than the noise. "" when no index has one."""
    if b.scheme != "63":
        return ""
    from parlib.analysis import rank_simulation as rsim
    from parlib.errors import ParlibError

    lines = []
    for index in ("PCI", "PAPI"):
        y = b.years.get(index)
        if not y:
            continue
        try:
            line = rsim.rank_sentence(b.code, index, int(y), b.lang)
        except ParlibError:
            line = ""
        if line:
            lines.append(f"<li>{esc(line)}</li>")
    if not lines:
        return ""
    return (f"<section class='noise'><h2>{esc(t('sec_noise', b.lang))}</h2><ul>{''.join(lines)}"
            f"</ul><p class='note'>{esc(t('noise_note', b.lang))}</p></section>")


def targets_section_html(b: Brief, targets) -> str:
    """The province's targets of the brief's year from a plans table (``parlib brief --targets``):
    met / missed / not yet published, with the gap; "" without targets for it."""
    if not targets:
        return ""
    from parlib.analysis.targets import targets_html

    inner = targets_html(b.code, b.year, b.lang, targets)
    return f"<section class='targets'><h2>{esc(t('sec_targets', b.lang))}</h2>{inner}</section>" \
        if inner else ""


def rest_html(b: Brief, targets=None) -> tuple[str, str]:
    """(the body after the first screen, the coverage note with the folded sections and the
    citation)."""
    parts = {"targets": targets_section_html(b, targets), "noise": noise_html(b),
             "trends": trends_html(b), "weak": weak_html(b) + subs_html(b),
             "strengths": strengths_html(b), "peers": peers_html(b) if b.scheme == "63" else None,
             "whatif": whatif_html(b) if b.scheme == "63" else None, "map": map_html(b)}
    body = "".join(v for v in parts.values() if v)
    left = folded(b, {k: bool(v) for k, v in parts.items()
                      if v is not None and k not in ("targets", "noise")})
    return body, coverage_html(b, left) + cite_html(b)
