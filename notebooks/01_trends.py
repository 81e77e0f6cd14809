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
# # Trends
# Overall score of an index over the years for a few provinces.

# %% tags=["parameters"]
index = "PCI"
provinces = ["Quảng Ninh", "Đà Nẵng", "Đồng Tháp", "Cao Bằng"]
years = None  # None = every year with data

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
from parlib import analysis
index = params.check_index(index)
years = params.check_years(years, index)
units = params.check_provinces(provinces, years=years)

# %%
codes = [u.code for u in units]
df, wc, notes = nbdata.trend_tables(index, codes, years)
for note in notes:
    print(note)
df['province'] = df['unit_name']
if len(df):
    display(HTML(charts.img_html(charts.lines_png(df, 'year', 'value', 'province', f'{index}: overall score', 'year', 'score'), f'{index} trend')))

# %%
cols = ['unit_name', 'year', 'value', 'rank', 'rank_of', 'rank_kind', 'change', 'rank_change', 'comparable', 'break_note']
if len(df):
    display(HTML(nbdata.html_table(df[cols].sort_values(['unit_name', 'year']))))

# %%
if wc is not None:
    display(HTML(nbdata.html_table(wc)))

# %% [markdown]
# Rank moves since the previous survey, each year with a 90% Monte Carlo rank interval (weights,
# aggregation, and sampling error where the source publishes it): a move whose two intervals
# overlap is within the noise. See `parlib uncertainty --help`.

# %%
from parlib.analysis import rank_simulation
last = int(df.dropna(subset=['value'])['year'].max())
if last > min(years):
    mv = rank_simulation.moves(index, last)
    mv = mv[mv.unit_code.isin(codes)]
    display(HTML(nbdata.html_table(mv[['unit_name', 'prev_year', 'year', 'prev_rank', 'rank', 'prev_rank_low', 'prev_rank_high', 'rank_low', 'rank_high', 'label_en']])))
