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
# # Weak criteria: standing and drag
# Two views of one province's criteria on one index and year, always both:
# **standing** ranks each criterion against the other provinces (bottom third nationally =
# weakness, top third = strength; weights play no part) and **drag** counts the weighted points
# the overall score would gain if the criterion reached an achievable benchmark (default: the
# best score in the region on that criterion). The lead lists the criteria weak on both counts.

# %% tags=["parameters"]
province = "Quảng Nam"
index = "PCI"
year = 2019
benchmark = "region-best"
k = 3
within_region = False

# %%
from IPython.display import HTML, Markdown, display
from parlib import analysis
from parlib.analysis.benchmarks import check_benchmark, describe
from parlib.analysis.persistence import check_k
from parlib.render import params, nbdata, charts
from parlib.render import brief_data as bd
from parlib.render.brief_weak import section_html
unit = params.check_province(province, year=year)
index = params.check_index(index)
year = params.check_year(year, index)
benchmark = check_benchmark(benchmark)
k = check_k(k)

# %%
# a table of criteria, or a sentence saying what the data hold for this province and year
wc, missing = nbdata.weak_or_sentence(unit.code, index, year, benchmark=benchmark, k=k,
                                      within_region=bool(within_region))
if wc is None:
    display(Markdown(missing))
else:
    s = wc.attrs['summary']
    display(HTML(section_html(wc, index, year, 'en')))

# %% [markdown]
# ## Standing (ranks; weights play no part)
# Rank nationally and within the region, with the denominator; percentile 1 = first.
# A rank marked computed was computed among every province with a score (the source printed none).

# %%
if wc is not None:
    display(HTML(nbdata.html_table(wc[['name', 'score', 'rank', 'rank_of', 'rank_kind',
                                       'percentile', 'region_rank', 'region_rank_of', 'standing']])))

# %% [markdown]
# ## Drag (weighted points against the benchmark)

# %%
if wc is None:
    display(Markdown(missing))
elif s['has_composite'] and wc['points_recoverable'].notna().any():
    display(Markdown(f"Benchmark: {describe(benchmark)}. Weight = overall points per criterion "
                     f"point. The per-criterion gaps add up to {s['gap']:.4f} points."))
    display(HTML(nbdata.html_table(wc[['name', 'weight', 'score', 'benchmark_value', 'benchmark_unit',
                                       'points_recoverable', 'overall_if_met', 'rank_if_met',
                                       'rank_if_met_of']])))
    B = bd.Brief(code=unit.code, name=unit.name_vi, region_code=unit.region_code,
                 region=unit.region_en, region_n=0, year=year, lang='en', weak={index: wc})
    png = charts.weak_png(B, index)
    if png:
        display(HTML(charts.img_html(png, 'points lost')))
else:
    display(Markdown(f"**No drag view.** {s['note']}"))

# %% [markdown]
# ## Persistence
# Bottom third for k consecutive comparable surveys, or a fall beyond the threshold (and the
# confidence interval where the source gives one) over those k surveys.

# %%
if wc is not None:
    pe = analysis.persistence(unit.code, index, year, k=k)
    display(HTML(nbdata.html_table(pe[['indicator', 'bottom_third_run', 'run_from', 'base_year',
                                       'base_value', 'value', 'threshold_points', 'persistent',
                                       'persistent_text_en']])))
