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

# %% [markdown]
# # National overview
# The four indices in one year: leaders, laggards, regions, and how the indices agree.

# %% tags=["parameters"]
year = 2019

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
from parlib import analysis
year = params.check_year(year)
have, notes = nbdata.overall_indices(year)
print(f'{year}: overall scores for ' + (', '.join(have) or 'no index'))
for note in notes:
    print(note)

# %%
for index in have:
    top, bottom = nbdata.top_bottom(index, year)
    display(HTML(f'<h3>{index} {year}: top 10</h3>' + nbdata.html_table(top) + '<h3>bottom 10</h3>' + nbdata.html_table(bottom)))

# %%
for index in have:
    rs, notes = nbdata.region_means(index, year)
    for note in notes:
        print(note)
    if len(rs):
        display(HTML(charts.img_html(charts.bar_png(list(rs['region_en']), list(rs['mean']), f'{index} {year}: mean by region', xlabel='mean score', width=7), 'mean by region')))

# %%
if len(have) >= 2:
    rc = analysis.rank_correlations(years=[year], indices=have)
    display(HTML('<h3>Rank correlations (Spearman)</h3>' + nbdata.html_table(rc)))
