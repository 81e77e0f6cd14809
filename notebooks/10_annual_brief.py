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
from parlib.render import params, brief_data as bd, brief_html as bh
P = params.validate_brief(province, year, lang)

# %%
# first screen: navigation, title, the verdict in plain words, the four indices
B = bd.brief(P.code, P.year, P.lang)
display(HTML(bh.first_screen_html(B)))

# %%
# trends, criteria, strengths, peers, what-if and the map (only the sections with data)
body, closing = bh.rest_html(B)
display(HTML(body))

# %%
# what the data cover (sections left out for lack of data are named here) and how to cite
display(HTML(closing))
