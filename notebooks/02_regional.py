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
# # Regional comparison
# Provinces of one region on one index and year.

# %% tags=["parameters"]
index = "PCI"
year = 2019
region = "Red River Delta"

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
from parlib import analysis
index = params.check_index(index)
year = params.check_year(year, index)
region = params.check_region(region)

# %%
reg, notes = nbdata.region_view(index, year, region)
for note in notes:
    print(note)
if len(reg) and 'value' in reg:
    display(HTML(charts.img_html(charts.bar_png(list(reg['unit_name']), list(reg['value']), f'{index} {year}: {region}', xlabel='score'), f'{index} {year} by province')))
if len(reg):
    display(HTML(nbdata.html_table(reg)))

# %%
rs, notes = nbdata.region_means(index, year)
for note in notes:
    print(note)
if len(rs):
    display(HTML(nbdata.html_table(rs)))
