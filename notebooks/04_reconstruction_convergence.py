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
# # The 34 units of 2025 and convergence
# **Reconstruction.** No index has been published for the units created on 1 July 2025. Each new
# unit's score is the mean of its former provinces' scores weighted by their 2024 population
# (`data/reference/merger_2025.csv`): a *reconstruction*, not a published score. Ranks are
# computed only among units whose every former province has data.
#
# **Sigma convergence**: the spread of provincial scores each year (standard deviation,
# coefficient of variation, interquartile range); a falling spread means provinces get closer.
# **Beta convergence**: each province's annual (log) growth between two years regressed (OLS) on
# its starting level; a negative slope whose 95% interval is below zero means provinces that
# started lower improved faster. Unless `start`/`end` are given, both use the longest run of years
# inside one methodology era, so no series break is crossed.
# The same on the command line: `parlib reconstruct`, `parlib convergence`.

# %% tags=["parameters"]
index = "PCI"
year = 2019
start = None
end = None

# %%
from IPython.display import HTML, display
from parlib import analysis
from parlib.render import nbdata, params
index = params.check_index(index)
year = params.check_year(year, index)
start = None if start is None else params.check_year(start, index)
end = None if end is None else params.check_year(end, index)

# %%
rec = analysis.reconstruct_34(index, year)
display(HTML(f"<p><b>{index} {year}: RECONSTRUCTION of the 34 units</b> (2024-population-weighted "
             f"mean of the former provinces; rank among {int(rec['complete'].sum())} complete units)</p>"))
display(HTML(nbdata.html_table(rec[['unit_code', 'unit_name', 'value', 'rank', 'rank_of', 'members',
                                    'population_share', 'complete']])))

# %%
start, end = analysis.convergence_window(index, start=start, end=end)
sigma = analysis.sigma_convergence(index)
display(HTML(nbdata.html_table(sigma)))
window = [int(y) for y in sigma.loc[(sigma['n'] >= 3) & sigma['year'].between(start, end), 'year']]
slope = analysis.sigma_convergence(index, years=window).attrs['slope_std'] if len(window) > 1 else float('nan')
print(f"Sigma {start}-{end}: slope of the standard deviation per year = {slope:.4f} (negative = converging)")

# %%
beta = analysis.beta_convergence(index, start, end)
print(beta.text('en'))
print(f"n = {beta.n}, R² = {beta.r2:.3f}" + (f", half-life {beta.half_life:.1f} years" if beta.converging else ""))
