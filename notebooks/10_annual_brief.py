# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python (parlib)
#     language: python
#     name: parlib
# ---

# %% tags=["parameters"]
province = "Quảng Ninh"
year = 2019
lang = "vi"

# %%
from IPython.display import HTML, display
from parlib.render import params, brief_data as bd, svg
P = params.validate_brief(province, year, lang)

# %%
# the four indices side by side, and their trends
B = bd.brief(P.code, P.year, P.lang)
chart = svg.trend_svg(B)
display(HTML(bd.header_html(B) + bd.standing_html(B) + bd.section_html(B, 'sec_trends')
             + (svg.img_html(chart, B.tr('sec_trends')) if chart else B.tr('no_trend'))))

# %%
# weak criteria (points lost, persistence), strengths, peers, what-if
chart = svg.weak_svg(B)
display(HTML(bd.weak_html(B) + (svg.img_html(chart, B.tr('sec_weak')) if chart else '')
             + bd.strengths_html(B) + bd.peers_html(B) + bd.whatif_html(B)))

# %%
# the province in its region, and what the data cover
chart = svg.map_svg(B)
display(HTML(bd.section_html(B, 'sec_map')
             + (svg.img_html(chart, B.tr('sec_map')) if chart else '')
             + bd.map_caption_html(B, chart is not None) + bd.coverage_html(B)))
