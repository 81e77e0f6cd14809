"""The numbers the annual brief prints on partial data (issue 13), read from the brief's HTML
parts on the REAL panel, each quoted from the issue."""
from __future__ import annotations

import re

import pytest

from conftest_render import real_panel_has

pytestmark = pytest.mark.skipif(not real_panel_has("PCI", 2019), reason="needs the real panel")


def _rows(html: str) -> dict:
    """{index: [score, rank, change, rank change, in region]} of the brief's index cards (the
    card's rank and change texts; "–" where a card has no such line)."""
    import html as h

    out = {}
    for card in re.findall(r'<section class="card">(.*?)</section>', html, flags=re.S):
        index = re.sub(r"<[^>]+>", "", re.search(r"<h3>(.*?)</h3>", card).group(1)).split()[0]
        m = re.search(r'<p class="score[^"]*">(.*?)</p>', card)
        score = h.unescape(re.sub(r"<[^>]+>", "", m.group(1)).replace("/", " / ")) if m else "–"
        dl = {h.unescape(k): h.unescape(v)
              for k, v in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card)}
        rank = re.sub(r" \((published|computed) rank\)$",
                      lambda x: " (computed)" if x.group(1) == "computed" else "",
                      dl.get("Rank", "–")).replace("#", "").replace("/", " of ")
        change = dl.get("Change", "–")
        out[index] = [score, rank, change, change, dl.get("In region", "–")]
    return out


def _standing_html(bd, b) -> str:
    from parlib.render.brief_html import cards_html

    return cards_html(b)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture(scope="module")
def bd():
    from parlib.render import brief_data

    return brief_data


def test_quang_nam_2023(bd):
    """SIPAS 59 of 63 with no "down 56"; not "1/1" in the region but 1 of 14 with data; PCI
    2023 has sub-indices (no "covers 0 provinces")."""
    b = bd.brief("Quảng Nam", 2023, "en")
    rows = _rows(_standing_html(bd, b))
    score, rank, change, rchange, region = rows["SIPAS"]
    assert score == "78.44 / 100" and rank == "59 of 63" and change == "+3.88 (since 2022)"
    assert "down" not in rchange and region == "1 of 14 provinces in the region have data"
    assert b.kinds["PCI"] == "sub" and "PCI" in rows     # the sub-index card, no composite
    from parlib.render.brief_html import coverage_html

    assert "covers 0 provinces" not in _text(coverage_html(b)) and len(b.subs["PCI"]) == 10
    # the sub-indices' ranks (Informal charges 6th of 63, computed among the 63) are there
    cr = b.criteria["PCI"].set_index("indicator")
    assert (cr.loc["PCI.informal_charges", "rank"], cr.loc["PCI.informal_charges", "rank_of"]) \
        == (6, 63)


def test_quang_ninh_2021(bd):
    """PAR: published 2 of 63 and no region place ("2/5"); SIPAS: rank-only fact, rank 1 of
    63, not "no data"; the coverage note does not count SIPAS 2021 as "1 province"."""
    b = bd.brief("Quảng Ninh", 2021, "en")
    rows = _rows(_standing_html(bd, b))
    assert rows["PAR"][1] == "2 of 63" and rows["PAR"][4] == \
        "2 of 11 provinces in the region have data"
    assert rows["PAR"][2] == "2020 value missing; down 1 (since 2020)"
    assert rows["SIPAS"][:2] == ["rank only (the source published no score)", "1 of 63"]
    from parlib.render.brief_html import coverage_html

    assert "covers 1 province" not in _text(coverage_html(b))
    assert bd.covered("SIPAS", 2021) == 2          # Quảng Ninh (rank) and Bà Rịa–Vũng Tàu


@pytest.mark.parametrize("name", ["Hải Phòng", "Bến Tre"])
def test_par_2019_previous_year_missing_not_method_change(bd, name):
    rows = _rows(_standing_html(bd, bd.brief(name, 2019, "en")))
    assert rows["PAR"][2].startswith("2018 value missing")
    assert "method changed" not in " ".join(rows["PAR"])


def test_papi_2019_weighted_headline_labelled(bd):
    """Quảng Nam PAPI 2019: weighted 49.02, 6 of 63 (the headline, labelled); the change is
    on the unweighted total (44.33 in 2019), labelled too."""
    b = bd.brief("Quảng Nam", 2019, "en")
    rows = _rows(_standing_html(bd, b))
    assert rows["PAPI"][0] == "49.02 / 80 (weighted, official headline)"
    assert rows["PAPI"][1] == "6 of 63 (computed)"
    assert "on the unweighted total" in rows["PAPI"][2]
    tr = b.trends["PAPI"].set_index("year")
    assert round(tr.loc[2019, "value"], 2) == 44.33 and tr.loc[2019, "rank"] == 22


def test_ha_noi_papi_2024_whatif_is_12_not_4(bd):
    b = bd.brief("Hà Nội", 2024, "en")
    assert "move Hà Nội from rank 29 to 12 (of 61, computed, unweighted total)" in b.whatif


def test_ha_tay_brief_for_its_years(bd):
    b = bd.brief("Hà Tây", 2007, "en")
    assert b.code == "28" and b.region_n == 12      # RRD had 12 provinces with Hà Tây
    row = b.standing[b.standing["index"] == "PCI"].iloc[0]
    assert row["status"] == "ok" and row["rank_of"] == 64
