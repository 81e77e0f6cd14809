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
# # Data overview and quality
# Coverage of the panel by index and year, the cleaning report of the last `parlib build`, and missing values.

# %% tags=["parameters"]
indices = ["PCI", "PAPI", "PAR", "SIPAS"]

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
indices = [params.check_index(i) for i in indices]

# %%
cov = nbdata.coverage(indices)
display(HTML(nbdata.html_table(cov, floatfmt='{:.1f}')) if len(cov) else HTML('<p>No processed panel yet: run <code>parlib build</code>.</p>'))

# %%
m = nbdata.coverage_matrix(indices)
if len(m):
    display(HTML(charts.img_html(charts.heatmap_png(m, 'Provinces with an overall score', 'year', 'index', height=2.2), 'coverage by index and year')))

# %% [markdown]
# ## Key figures
# A fixed check on the real data (nbval compares this cell's output).

# %% tags=["nbval-check-output"]
from parlib.render import brief_data as bd
print(bd.key_figure('PCI', 2019, 'Quảng Ninh'))
print(bd.key_figure('PCI', 2018, 'Quảng Ninh'))

# %% [markdown]
# ## Cleaning report

# %%
cs = nbdata.cleaning_summary(indices)
display(HTML(nbdata.html_table(cs, floatfmt='{:.0f}')) if cs is not None and len(cs) else HTML('<p>No cleaning report yet.</p>'))

# %%
ci = nbdata.cleaning_issues()
if ci is not None and len(ci):
    display(HTML(nbdata.html_table(ci)))

# %% [markdown]
# ## Missing values

# %%
miss = nbdata.missingness(indices)
if len(miss):
    display(HTML(nbdata.html_table(miss, floatfmt='{:.1f}')))
