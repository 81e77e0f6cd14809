"""Write the project notebooks (outputs cleared) from the cell sources below.

    .venv/bin/python notebooks/make_notebooks.py            # outputs cleared
    .venv/bin/python notebooks/make_notebooks.py --store    # + the nbval-checked outputs

Notebooks only present: the logic is in ``parlib.render`` and ``parlib.analysis``. Each has a
cell tagged ``parameters`` and validates its parameters in the next cell with a parlib function.
Cells tagged ``nbval-check-output`` carry stored outputs that ``pytest --nbval-lax notebooks/``
compares (run ``--store`` below after a rebuild of the panel to refresh them).
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
KERNELSPEC = {"name": "parlib", "display_name": "Python (parlib)", "language": "python"}

IMPORTS = """from IPython.display import HTML, display
import parlib
from parlib.render import params, nbdata, charts
from parlib.render.i18n import t
"""


def code(src, tags=()):
    c = nbformat.v4.new_code_cell(src.strip("\n"))
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def md(src):
    return nbformat.v4.new_markdown_cell(src.strip("\n"))


def notebook(cells, title):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["title"] = title
    nb.cells = cells
    for i, c in enumerate(nb.cells):  # stable cell ids: clean diffs
        c["id"] = f"c{i:02d}"
    return nb


NOTEBOOKS = {}

NOTEBOOKS["00_data_overview.ipynb"] = notebook([
    md("# Data overview and quality\nCoverage of the panel by index and year, the cleaning "
       "report of the last `parlib build`, and missing values."),
    code('indices = ["PCI", "PAPI", "PAR", "SIPAS"]', ["parameters"]),
    code(IMPORTS + "indices = [params.check_index(i) for i in indices]"),
    code("cov = nbdata.coverage(indices)\n"
         "display(HTML(nbdata.html_table(cov, floatfmt='{:.1f}')) if len(cov) else "
         "HTML('<p>No processed panel yet: run <code>parlib build</code>.</p>'))"),
    code("m = nbdata.coverage_matrix(indices)\n"
         "if len(m):\n"
         "    display(HTML(charts.img_html(charts.heatmap_png(m, 'Provinces with an overall score',"
         " 'year', 'index', height=2.2), 'coverage by index and year')))"),
    md("## Key figures\nA fixed check on the real data (nbval compares this cell's output)."),
    code("from parlib.render import brief_data as bd\n"
         "print(bd.key_figure('PCI', 2019, 'Quảng Ninh'))\n"
         "print(bd.key_figure('PCI', 2018, 'Quảng Ninh'))", ["nbval-check-output"]),
    md("## Cleaning report"),
    code("cs = nbdata.cleaning_summary(indices)\n"
         "display(HTML(nbdata.html_table(cs, floatfmt='{:.0f}')) if cs is not None and len(cs) "
         "else HTML('<p>No cleaning report yet.</p>'))"),
    code("ci = nbdata.cleaning_issues()\n"
         "if ci is not None and len(ci):\n"
         "    display(HTML(nbdata.html_table(ci)))"),
    md("## Missing values"),
    code("miss = nbdata.missingness(indices)\n"
         "if len(miss):\n"
         "    display(HTML(nbdata.html_table(miss, floatfmt='{:.1f}')))"),
], "Data overview")

NOTEBOOKS["01_trends.ipynb"] = notebook([
    md("# Trends\nOverall score of an index over the years for a few provinces."),
    code('index = "PCI"\nprovinces = ["Quảng Ninh", "Đà Nẵng", "Đồng Tháp", "Cao Bằng"]\n'
         "years = None  # None = every year with data", ["parameters"]),
    code(IMPORTS + "from parlib import analysis\n"
         "index = params.check_index(index)\n"
         "units = params.check_provinces(provinces)\n"
         "years = params.check_years(years, index)"),
    code("codes = [u.code for u in units]\n"
         "df = analysis.yoy(index, unit=codes)\n"
         "df = df[df['year'].isin(years)]\n"
         "df['province'] = df['unit_name']\n"
         "display(HTML(charts.img_html(charts.lines_png(df, 'year', 'value', 'province',"
         " f'{index}: overall score', 'year', 'score'), f'{index} trend')))"),
    code("cols = ['unit_name', 'year', 'value', 'rank', 'change', 'rank_change', 'comparable']\n"
         "display(HTML(nbdata.html_table(df[cols].sort_values(['unit_name', 'year']))))"),
    code("if len(years) >= 2:\n"
         "    wc = analysis.window_change(index, years[0], years[-1], unit=codes)\n"
         "    display(HTML(nbdata.html_table(wc)))"),
], "Trends")

NOTEBOOKS["02_regional.ipynb"] = notebook([
    md("# Regional comparison\nProvinces of one region on one index and year."),
    code('index = "PCI"\nyear = 2019\nregion = "Red River Delta"', ["parameters"]),
    code(IMPORTS + "from parlib import analysis\n"
         "index = params.check_index(index)\n"
         "year = params.check_year(year, index)\n"
         "region = params.check_region(region)"),
    code("rr = analysis.region_ranks(index, year)\n"
         "reg = rr[rr['region_code'] == region].sort_values('rank')\n"
         "display(HTML(charts.img_html(charts.bar_png(list(reg['unit_name']), list(reg['value']),"
         " f'{index} {year}: {reg.region_en.iloc[0]}', xlabel='score'), f'{index} {year} by province')))\n"
         "display(HTML(nbdata.html_table(reg[['unit_name', 'value', 'rank', 'rank_in_region',"
         " 'region_n']])))"),
    code("rs = analysis.region_summary(index, year=year)\n"
         "display(HTML(nbdata.html_table(rs)))"),
], "Regional comparison")

NOTEBOOKS["03_weak_criteria.ipynb"] = notebook([
    md("# Weak criteria\nWhere a province loses points on an index, against a benchmark."),
    code('province = "Quảng Nam"\nindex = "PCI"\nyear = 2019\nbenchmark = "best"',
         ["parameters"]),
    code(IMPORTS + "from parlib import analysis\n"
         "unit = params.check_province(province)\n"
         "index = params.check_index(index)\n"
         "year = params.check_year(year, index)\n"
         "benchmark = params.check_benchmark(benchmark)"),
    code("pl = analysis.points_lost(unit.code, index, year, benchmark=benchmark)\n"
         "s = pl.attrs.get('summary', {})\n"
         "print(f\"{unit.name_vi} {index} {year}: {s.get('published', float('nan')):.2f}, "
         "gap to the {benchmark} benchmark {s.get('gap', float('nan')):.2f} points\")\n"
         "display(HTML(nbdata.html_table(pl[['name', 'score', 'rank', 'benchmark_value', "
         "'points_lost', 'persistent_text']])))"),
    code("from parlib.render import brief_data as bd\n"
         "B = bd.Brief(code=unit.code, name=unit.name_en, region_code=unit.region_code,"
         " region=unit.region_en, region_n=0, year=year, lang='en', weak={index: pl})\n"
         "png = charts.weak_png(B, index)\n"
         "if png:\n    display(HTML(charts.img_html(png, 'points lost')))"),
    code("sw = analysis.strengths_weaknesses(unit.code, index, year)\n"
         "display(HTML(nbdata.html_table(sw[['kind', 'name', 'score', 'rank', 'rank_of', "
         "'notable']])))"),
    code("bm = analysis.best_moves(unit.code, index, year)\n"
         "display(HTML(nbdata.html_table(bm.head(5))))"),
], "Weak criteria")

BRIEF_CELLS = [
    code('province = "Quảng Ninh"\nyear = 2019\nlang = "vi"', ["parameters"]),
    code("from IPython.display import HTML, display\n"
         "from parlib.render import params, brief_data as bd, svg\n"
         "P = params.validate_brief(province, year, lang)"),
    code("# the four indices side by side, and their trends\n"
         "B = bd.brief(P.code, P.year, P.lang)\n"
         "chart = svg.trend_svg(B)\n"
         "display(HTML(bd.header_html(B) + bd.standing_html(B) + bd.section_html(B, 'sec_trends')\n"
         "             + (svg.img_html(chart, B.tr('sec_trends')) if chart else B.tr('no_trend'))))"),
    code("# weak criteria (points lost, persistence), strengths, peers, what-if\n"
         "chart = svg.weak_svg(B)\n"
         "display(HTML(bd.weak_html(B) + (svg.img_html(chart, B.tr('sec_weak')) if chart else '')\n"
         "             + bd.strengths_html(B) + bd.peers_html(B) + bd.whatif_html(B)))"),
    code("# the province in its region, and what the data cover\n"
         "chart = svg.map_svg(B)\n"
         "display(HTML(bd.section_html(B, 'sec_map')\n"
         "             + (svg.img_html(chart, B.tr('sec_map')) if chart else '')\n"
         "             + bd.map_caption_html(B, chart is not None) + bd.coverage_html(B)))"),
]
NOTEBOOKS["10_annual_brief.ipynb"] = notebook(BRIEF_CELLS, "Annual brief")

NOTEBOOKS["11_national_overview.ipynb"] = notebook([
    md("# National overview\nThe four indices in one year: leaders, laggards, regions, and how "
       "the indices agree."),
    code("year = 2019", ["parameters"]),
    code(IMPORTS + "from parlib import analysis\n"
         "year = params.check_year(year)\n"
         "from parlib.render import brief_data as bd\n"
         "have = [i for i in bd.INDICES if year in bd.coverage().get(i, [])]\n"
         "print(f'{year}: data for ' + (', '.join(have) or 'no index'))"),
    code("for index in have:\n"
         "    top, bottom = nbdata.top_bottom(index, year)\n"
         "    display(HTML(f'<h3>{index} {year}: top 10</h3>' + nbdata.html_table(top)"
         " + '<h3>bottom 10</h3>' + nbdata.html_table(bottom)))"),
    code("for index in have:\n"
         "    rs = analysis.region_summary(index, year=year)\n"
         "    display(HTML(charts.img_html(charts.bar_png(list(rs['region_en']), list(rs['mean']),"
         " f'{index} {year}: mean by region', xlabel='mean score', width=7), 'mean by region')))"),
    code("if len(have) >= 2:\n"
         "    rc = analysis.rank_correlations(years=[year], indices=have)\n"
         "    display(HTML('<h3>Rank correlations (Spearman)</h3>' + nbdata.html_table(rc)))"),
], "National overview")

NOTEBOOKS["20_explore.ipynb"] = notebook([
    md("# Explore\nPick an index, year and province. In JupyterLab the controls are live "
       "(ipywidgets); run headless, the notebook shows the default selection."),
    code('index = "PCI"\nyear = 2019\nprovince = "Đà Nẵng"', ["parameters"]),
    code(IMPORTS + "from parlib import analysis, provinces as reg\n"
         "from parlib.render import brief_data as bd\n"
         "index = params.check_index(index)\n"
         "year = params.check_year(year, index)\n"
         "unit = params.check_province(province)"),
    code("def show(index=index, year=year, province=unit.name_vi):\n"
         "    u = params.check_province(province)\n"
         "    pl = analysis.points_lost(u.code, index, year, benchmark='best')\n"
         "    display(HTML(f'<h3>{u.name_vi}: {index} {year}</h3>' + nbdata.html_table("
         "pl[['name', 'score', 'rank', 'points_lost']])))\n"
         "\n"
         "try:\n"
         "    import ipywidgets as w\n"
         "except ImportError:  # widgets are optional\n"
         "    w = None\n"
         "if w is not None:\n"
         "    names = [reg.get(c).name_vi for c in reg.codes('63')]\n"
         "    ui = w.interactive(show, index=w.Dropdown(options=[i for i in bd.INDICES"
         " if bd.coverage().get(i)], value=index),\n"
         "                       year=w.Dropdown(options=bd.coverage().get(index, [year]),"
         " value=year),\n"
         "                       province=w.Dropdown(options=names, value=unit.name_vi))\n"
         "    display(ui)\n"
         "show()"),
], "Explore")


CHECK_TAG = "nbval-check-output"


def store_checked_outputs(name, nb):
    """Execute ``nb`` (default parameters, the official panel) and keep the outputs of the
    cells tagged ``nbval-check-output`` only (text outputs: nothing volatile, no path)."""
    from parlib.render.engine import WarmKernel, find_leaks

    with WarmKernel(warm=False) as k:
        out = k.run(nb)
    by_id = {c["id"]: c for c in out.cells}
    for c in nb.cells:
        if CHECK_TAG in c.metadata.get("tags", []):
            done = by_id[c["id"]]
            c.outputs = [o for o in done.outputs if o.get("output_type") == "stream"]
            c.execution_count = 1
            text = "".join(o.get("text", "") for o in c.outputs)
            if find_leaks(text):
                raise SystemExit(f"{name}: stored output would leak {find_leaks(text)}")
            print(f"{name}: stored", text.strip().replace(chr(10), " | "))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    store = "--store" in argv
    for name, nb in NOTEBOOKS.items():
        if store and any(CHECK_TAG in c.metadata.get("tags", []) for c in nb.cells):
            store_checked_outputs(name, nb)
        nbformat.validate(nb)
        nbformat.write(nb, HERE / name)
        print("wrote", name)


if __name__ == "__main__":
    sys.exit(main())
