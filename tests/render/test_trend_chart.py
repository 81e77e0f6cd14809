"""The brief's trend charts on the committed real panel: the caption says exactly what the chart
draws (which means, of how many provinces, computed or as published, which years have none), and
the rank labels never overlap."""
from __future__ import annotations

import itertools

import pytest

from conftest_render import real_panel_has

pytestmark = pytest.mark.skipif(not real_panel_has("PCI", 2019),
                                reason="the real panel is not built")


@pytest.fixture(autouse=True)
def _real(monkeypatch):
    monkeypatch.delenv("PARLIB_PROCESSED_DIR", raising=False)
    monkeypatch.delenv("PARLIB_IMPORTED_DIR", raising=False)


def _chart(province, year, lang, index):
    """(brief, drawn frame, caption, svg) of one trend chart."""
    from parlib.render import brief_data as bd, brief_html as bh, figures
    from parlib.render.trend_means import caption

    b = bd.brief(province, year, lang)
    d = figures.trend_frame(b, index)
    assert d is not None, (province, year, index)
    cap = caption(d, lang, index=index, name=b.name, region=b.region,
                  publisher=bh.PUBLISHERS[index][0][lang], scheme=b.scheme)
    return b, d, cap, figures.trend_svg(b, index, bh._unit_label(index, b))


def test_sipas_chart_draws_moha_published_national_averages_and_says_which_years_lack_one():
    """SIPAS: the panel scores a handful of provinces a year, so no mean is computed; the
    Ministry's printed national averages are drawn (81 % in 2017, 84.45 in 2019, 85.48 in 2020,
    80.08 in 2022, 82.66 in 2023), no regional average (none printed), and the caption says so."""
    _b, d, cap, svg = _chart("Quảng Ninh", 2023, "en", "SIPAS")
    nat = d.dropna(subset=["nation_mean"]).set_index("year")
    assert nat["nation_mean"].to_dict() == {2017: 81.0, 2019: 84.45, 2020: 85.48,
                                            2022: 80.08, 2023: 82.66}
    assert set(nat["nation_kind"]) == {"published"}
    assert d["region_mean"].isna().all()
    assert "national average published by the source (Ministry of Home Affairs" in cap
    assert "no national mean in 2015, 2018" in cap and "no regional mean (" in cap
    assert "regional and national means" not in cap and "Red River Delta" not in cap
    assert "National average (published)" in svg and "Regional" not in svg


def test_par_chart_draws_the_printed_regional_average_but_not_a_derived_one():
    """PAR INDEX, Red River Delta: MoHA printed 86.62 (2022) and 88.33 (2023); the 2022
    national 84.79 was worked out from a stated change (flag "derived"), so it is not drawn and
    2022 is named as having no national mean."""
    _b, d, cap, svg = _chart("Quảng Ninh", 2023, "en", "PAR")
    t = d.set_index("year")
    assert t.loc[2022, "region_mean"] == 86.62 and t.loc[2023, "region_mean"] == 88.33
    assert t.loc[2023, "nation_mean"] == 86.98
    assert t.loc[2022, "nation_mean"] != t.loc[2022, "nation_mean"]        # NaN: derived
    assert "the Red River Delta average published by the source" in cap
    assert "no national mean in 2012, 2021–2022" in cap
    assert "Regional average (published)" in svg


def test_computed_means_name_how_many_provinces_they_average():
    """PCI: VCCI scored 42 provinces in 2005, 64 in 2006-2008 (Hà Tây), 63 after; the caption
    gives that range, and 2023 (no composite published: 10 scores) has no mean."""
    from parlib.render import figures

    b, d, cap, _svg = _chart("Quảng Ninh", 2023, "en", "PCI")
    n = d.set_index("year")["nation_n"]
    assert n[2005] == 42 and n[2007] == 64 and n[2019] == 63
    # 2005 stands alone before the 2006 break: its mean is drawn as a dash, not left invisible
    with figures.style():
        fig = figures.trend_figure(b, "PCI", d, "score")
        alone = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "_"]
    assert {(ln.get_color(), tuple(ln.get_xdata())) for ln in alone} == {
        (figures.C_NATION, (2005,)), (figures.C_REGION, (2005,))}
    assert "mean of the 42–64 provinces with a score" in cap
    assert "Red River Delta mean (blue: all 11–12 of its provinces)" in cap
    assert "no national or regional mean in 2023" in cap
    _b, _d, cap_vi, _svg = _chart("Quảng Ninh", 2023, "vi", "PCI")
    assert "trung bình của 42–64 tỉnh có điểm" in cap_vi
    assert "không có trung bình cả nước và vùng năm 2023" in cap_vi


CASES = [("Quảng Ninh", 2023), ("Hà Nội", 2019), ("Bà Rịa - Vũng Tàu", 2023),
         ("Đà Nẵng", 2025), ("Cần Thơ", 2024)]


@pytest.mark.parametrize("province,year", CASES)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_caption_mentions_a_mean_exactly_when_the_chart_draws_it(province, year, lang):
    """For every trend chart of the brief: the caption names the national (regional) mean iff
    the chart's frame holds one and the SVG's legend shows it; it never claims both means in
    general terms."""
    from parlib.render import brief_data as bd, brief_html as bh, figures
    from parlib.render.trend_means import caption, drawn

    b = bd.brief(province, year, lang)
    words = {"en": {"nation": ("the national mean (", "the national average published"),
                    "region": (f"the {b.region} mean (blue", f"the {b.region} average published")},
             "vi": {"nation": ("trung bình cả nước (xám", "trung bình cả nước do"),
                    "region": (f"trung bình vùng {b.region} (xanh",
                               f"trung bình vùng {b.region} do")}}[lang]
    legend = {"en": {"nation": "National ", "region": "Regional "},
              "vi": {"nation": "Trung bình cả nước", "region": "Trung bình vùng"}}[lang]
    charts = 0
    for index in b.trends:
        d = figures.trend_frame(b, index)
        if d is None:
            continue
        charts += 1
        cap = caption(d, lang, index=index, name=b.name, region=b.region,
                      publisher=bh.PUBLISHERS[index][0][lang], scheme=b.scheme)
        svg = figures.trend_svg(b, index, bh._unit_label(index, b))
        for col in ("nation", "region"):
            said = any(w in cap for w in words[col])
            assert said == drawn(d, col) == (legend[col] in svg), (index, col, cap)
        assert "regional and national means" not in cap and "vùng và cả nước;" not in cap
    assert charts >= 2


def _rank_boxes(b, index):
    from parlib.render import brief_html as bh, figures

    d = figures.trend_frame(b, index)
    with figures.style():
        fig = figures.trend_figure(b, index, d, bh._unit_label(index, b))
        texts = [a for a in fig.axes[0].texts if (a.get_gid() or "").startswith("rank-label")]
        return d, fig.bbox, [(a.get_text(), a.get_window_extent()) for a in texts]


@pytest.mark.parametrize("province,year,index", [
    ("Quảng Ninh", 2023, "PCI"), ("Bà Rịa - Vũng Tàu", 2023, "PCI"),
    ("Hà Nội", 2019, "PAPI"),
    ("Đà Nẵng", 2025, "PCI"), ("Đà Nẵng", 2025, "PAPI"), ("Quảng Ninh", 2023, "SIPAS")])
def test_rank_labels_do_not_overlap_and_the_latest_is_always_shown(province, year, index):
    """The rank labels' extents in the rendered figure are pairwise apart and inside it, and the
    label of the latest ranked year is there ("#4/63" style, 34-unit years "#6/34")."""
    from parlib.render import brief_data as bd

    b = bd.brief(province, year, "en")
    d, fig_box, labels = _rank_boxes(b, index)
    assert len(labels) >= 1
    for (ta, a), (tb, c) in itertools.combinations(labels, 2):
        assert not a.overlaps(c), (ta, tb)
    for text, box in labels:
        assert fig_box.x0 <= box.x0 and box.x1 <= fig_box.x1, text
    last = d[d["value"].notna()].iloc[-1]
    if last["rank"] == last["rank"] and last["rank_of"] == last["rank_of"]:
        assert labels[0][0] == f"#{int(last['rank'])}/{int(last['rank_of'])}"


def test_labels_one_year_apart_at_the_same_height_are_placed_apart():
    """Two labels on neighbouring points of a short series (what printed "#33/63" over "#22/63"):
    both are drawn, their extents apart, the first in its preferred place above its point."""
    from parlib.render import figures
    from parlib.render.labels import place_labels

    with figures.style():
        fig = figures._figure(figures.WIDTH, 3.3)
        ax = fig.subplots()
        ax.plot([2022, 2023], [70.0, 70.2], marker="o", color=figures.C_UNIT)
        ax.set_xlim(2004.4, 2023.6)            # a long series: a year is ~17 px
        ax.set_ylim(60, 80)
        placed = place_labels(ax, [(2023, 70.2, "#22/63"), (2022, 70.0, "#33/63")],
                              fontsize=10, fontweight="bold")
        assert [a.get_text() for a in placed] == ["#22/63", "#33/63"]
        a, c = (p.get_window_extent() for p in placed)
        assert not a.overlaps(c)
        assert placed[0].get_gid() == "label-0" and placed[0].get_va() == "bottom"


def test_caption_without_any_mean_says_only_the_province_is_drawn():
    """A hand-made frame (two years of one province, no mean of either kind): the caption says
    the line is the province's only and why, in both languages."""
    import pandas as pd

    from parlib.render.trend_means import caption

    nan = float("nan")
    d = pd.DataFrame({"year": [2018, 2019], "value": [80.0, 81.0], "nation_mean": [nan, nan],
                      "region_mean": [nan, nan], "nation_kind": [None, None],
                      "region_kind": [None, None]})
    en = caption(d, "en", index="PAR INDEX", name="Hà Nội", region="Red River Delta",
                 publisher="Ministry of Home Affairs")
    assert en.startswith("PAR INDEX: Hà Nội (red) — the province's line only; "
                         "no national or regional mean (too few provinces")
    vi = caption(d, "vi", index="PAR INDEX", name="Hà Nội", region="Đồng bằng sông Hồng",
                 publisher="Bộ Nội vụ")
    assert "chỉ có đường của tỉnh; không có trung bình cả nước và vùng (" in vi


def test_cards_give_the_printed_national_average_where_too_few_scores_allow_a_mean():
    """The first screen agrees with the chart: PAR INDEX 2023 and SIPAS 2023 national averages
    as MoHA printed them (86.98, 82.66), said to be published; PAPI 2022 stays a computed mean
    (no "published" note)."""
    import re

    from parlib.render import brief_data as bd, brief_html as bh

    html = bh.cards_html(bd.brief("Quảng Ninh", 2023, "en"))
    nat = re.findall(r"<dt>National average</dt><dd>([^<]*)</dd>", html)
    assert "86.98 (published, Ministry of Home Affairs)" in nat
    assert "82.66 (published, Ministry of Home Affairs)" in nat
    assert sum("published" not in v for v in nat) == 1          # PAPI: computed


@pytest.mark.slow
@pytest.mark.parametrize("year", [2023, 2025])
def test_no_rank_labels_overlap_or_go_missing_in_any_province(year):
    """Every province's trend charts (the 63 in 2023, the 34 units in 2025): rank labels
    pairwise apart, none left out for lack of room, and each legend inside the figure."""
    from parlib import provinces
    from parlib.render import brief_data as bd, brief_html as bh, figures

    names = sorted(provinces.units("63" if year < 2025 else "34")["unit_code"])
    assert len(names) == (63 if year == 2023 else 34)
    charts = 0
    for name in names:
        b = bd.brief(name, year, "en")
        for index in b.trends:
            d = figures.trend_frame(b, index)
            if d is None:
                continue
            with figures.style():
                fig = figures.trend_figure(b, index, d, bh._unit_label(index, b))
                ax = fig.axes[0]
                texts = [a for a in ax.texts if (a.get_gid() or "").startswith("rank-label")]
                boxes = [a.get_window_extent() for a in texts]
                legend = ax.get_legend().get_window_extent()
            charts += 1
            for a, c in itertools.combinations(boxes, 2):
                assert not a.overlaps(c), (name, index)
            gids = sorted(int(a.get_gid().rsplit("-", 1)[1]) for a in texts)
            assert gids == list(range(len(gids))), (name, index)
            assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1, (name, index)
    assert charts >= 2 * len(names)
