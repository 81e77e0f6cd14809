"""The weak-criteria chart's value axis: tick labels distinct, with the decimals the tick step
needs, in each language's decimal style (the vi brief once read "0,0 0,0 0,0 0,1")."""
import re
import types

import pandas as pd
import pytest

from parlib.render import figures


def _tick_labels(svg: str) -> list[str]:
    """The x tick labels of an SVG chart, left to right (the first <text> of each xtick group)."""
    parts = re.split(r'id="[^"]*-xtick_\d+"', svg)[1:]
    return [m.group(1) for p in parts if (m := re.search(r"<text[^>]*>([^<]*)</text>", p))]


def _weak_svg(points, lang):
    w = pd.DataFrame({"name": [f"Criterion {i}" for i in range(len(points))],
                      "points_lost": points, "persistent": [False] * len(points)})
    return figures.weak_svg(types.SimpleNamespace(weak={"PCI": w}, lang=lang), "PCI", 2023)


# hand-worked: the axis runs 0..max(1.2 * largest, 0.1); ticks at 1-2-5 steps, <= 4 intervals
@pytest.mark.parametrize("points, lang, expected", [
    ([0.02, 0.013], "vi", ["0,00", "0,05", "0,10"]),              # axis 0..0.1
    ([0.02, 0.013], "en", ["0.00", "0.05", "0.10"]),
    ([0.3, 0.08, 0.05], "vi", ["0,0", "0,1", "0,2", "0,3"]),      # axis 0..0.36
    ([1.0, 0.4], "vi", ["0,0", "0,5", "1,0"]),                    # axis 0..1.2
    ([12.0, 3.5], "en", ["0", "5", "10"]),                        # axis 0..14.4
])
def test_weak_chart_ticks_are_distinct_and_follow_the_step(points, lang, expected):
    labels = _tick_labels(_weak_svg(points, lang))
    assert labels == expected


@pytest.mark.parametrize("locs, nd", [([0, 0.05, 0.1], 2), ([0, 0.5, 1.0, 1.5], 1),
                                      ([0, 5, 10, 15], 0), ([0, 0.002, 0.004], 3)])
def test_tick_decimals_are_the_fewest_that_write_each_tick_exactly(locs, nd):
    assert figures.tick_decimals(locs) == nd
