"""The rank line of the brief's index cards: a published place always shown, with its
denominator where a source gives it, and said to be without one where no source does (never a
dash where a rank exists)."""
from __future__ import annotations

import html as h
import re

import pytest

from conftest_render import real_panel_has

from parlib.panel.ranks import COMPUTED, PUBLISHED, Rank


def _card_ranks(html: str) -> dict:
    """{index: rank text} of the brief's index cards."""
    out = {}
    for card in re.findall(r'<section class="card">(.*?)</section>', html, flags=re.S):
        index = re.sub(r"<[^>]+>", "", re.search(r"<h3>(.*?)</h3>", card).group(1))
        dl = {h.unescape(k): h.unescape(v) for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card)}
        out[" ".join(index.split()[:2]) if index.startswith("PAR") else index.split()[0]] = \
            dl.get("Rank", dl.get("Hạng"))
    return out


def _cards(name, year, lang):
    from parlib.render import brief_data
    from parlib.render.brief_html import cards_html

    return _card_ranks(cards_html(brief_data.brief(name, year, lang)))


@pytest.mark.parametrize("rank, lang, text", [
    (Rank(3, None, PUBLISHED), "vi", "#3 (hạng công bố; nguồn không nêu tổng số tỉnh được xếp hạng)"),
    (Rank(3, None, PUBLISHED), "en",
     "#3 (published rank; the source does not say how many provinces were ranked)"),
    (Rank(6, 63, PUBLISHED), "en", "#6/63 (published rank)"),
    (Rank(6, 63, COMPUTED), "vi", "#6/63 (hạng tự tính)"),
    (Rank(None, None, None), "en", "–"),
])
def test_card_rank_text_says_kind_and_denominator(rank, lang, text):
    from parlib.render.brief_html import _card_rank_text

    assert _card_rank_text(rank, lang) == text


@pytest.mark.skipif(not real_panel_has("PCI", 2019), reason="needs the real panel")
@pytest.mark.parametrize("lang, text", [("vi", "#1/63 (hạng công bố)"), ("en", "#1/63 (published rank)")])
def test_par_2023_quang_ninh_card_shows_published_first_of_63(lang, text):
    """PAR INDEX 2023: Quảng Ninh first (92.18%, baochinhphu.vn and dantoctongiao.vietnamnet.vn);
    the denominator 63 is the dantoctongiao page's, which puts An Giang last at 63 (the
    baochinhphu row gives the place only)."""
    import parlib

    p = parlib.load()
    row = p[(p["index"] == "PAR") & (p["year"] == 2023) & (p["unit_code"] == "22")
            & (p["indicator"] == "PAR.overall")].iloc[0]
    assert (row["value"], row["rank"], row["rank_of"]) == (92.18, 1, 63)
    assert "denominator 63 from https://dantoctongiao.vietnamnet.vn" in row["note"]
    assert _cards("Quảng Ninh", 2023, lang)["PAR INDEX"] == text


@pytest.mark.skipif(not real_panel_has("PCI", 2019), reason="needs the real panel")
def test_sipas_2015_place_without_denominator_is_said_so():
    """SIPAS 2015: Quảng Ninh 3rd in the dataset-card preview, whose total is unknown."""
    assert _cards("Quảng Ninh", 2015, "en")["SIPAS"] == \
        "#3 (published rank; the source does not say how many provinces were ranked)"
    assert _cards("Đà Nẵng", 2015, "vi")["SIPAS"] == \
        "#1 (hạng công bố; nguồn không nêu tổng số tỉnh được xếp hạng)"
