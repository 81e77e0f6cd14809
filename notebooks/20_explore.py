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
# # Explore
# Pick an index, year and province. In JupyterLab the controls are live (ipywidgets); run headless, the notebook shows the default selection.

# %% tags=["parameters"]
index = "PCI"
year = 2019
province = "Đà Nẵng"

# %%
from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
from parlib import analysis, provinces as reg
from parlib.render import brief_data as bd
index = params.check_index(index)
year = params.check_year(year, index)
unit = params.check_province(province, year=year)


# %%
def show(index=index, year=year, province=unit.name_vi):
    u = params.check_province(province, year=year)
    table, note = nbdata.explore_table(u.code, index, year, benchmark='best')
    if note:
        print(note)
    if table is not None:
        display(HTML(f'<h3>{u.name_vi}: {index} {year}</h3>' + nbdata.html_table(table)))

try:
    import ipywidgets as w
except ImportError:  # widgets are optional
    w = None
if w is not None:
    names = [reg.get(c).name_vi for c in reg.active_codes(year)]
    ui = w.interactive(show, index=w.Dropdown(options=[i for i in bd.INDICES if bd.coverage().get(i)], value=index),
                       year=w.Dropdown(options=bd.coverage().get(index, [year]), value=year),
                       province=w.Dropdown(options=names, value=unit.name_vi))
    display(ui)
show()
