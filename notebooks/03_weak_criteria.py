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
# # Weak criteria
# Where a province loses points on an index, against a benchmark.

# %% tags=["parameters"]
province = "Quảng Nam"
index = "PCI"
year = 2019
benchmark = "best"

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
from parlib import analysis
unit = params.check_province(province)
index = params.check_index(index)
year = params.check_year(year, index)
benchmark = params.check_benchmark(benchmark)

# %%
pl = analysis.points_lost(unit.code, index, year, benchmark=benchmark)
s = pl.attrs.get('summary', {})
print(f"{unit.name_vi} {index} {year}: {s.get('published', float('nan')):.2f}, gap to the {benchmark} benchmark {s.get('gap', float('nan')):.2f} points")
display(HTML(nbdata.html_table(pl[['name', 'score', 'rank', 'benchmark_value', 'points_lost', 'persistent_text']])))

# %%
from parlib.render import brief_data as bd
B = bd.Brief(code=unit.code, name=unit.name_en, region_code=unit.region_code, region=unit.region_en, region_n=0, year=year, lang='en', weak={index: pl})
png = charts.weak_png(B, index)
if png:
    display(HTML(charts.img_html(png, 'points lost')))

# %%
sw = analysis.strengths_weaknesses(unit.code, index, year)
display(HTML(nbdata.html_table(sw[['kind', 'name', 'score', 'rank', 'rank_of', 'notable']])))

# %%
bm = analysis.best_moves(unit.code, index, year)
display(HTML(nbdata.html_table(bm.head(5))))
