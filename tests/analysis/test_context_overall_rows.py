"""parlib.analysis.context.overall_rows (the overall series of every year, ranked as the year
build ranks it) on small SYNTHETIC panels with the SYNTHETIC fixture codebook
(synthetic_panel.codebook: PCI.overall is the overall indicator of 2017-2020). Hand-worked."""
import pandas as pd

import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.analysis.context import Context, overall_rows
from parlib.panel import ranks
from test_context_year_build import _panel

COLS = ["year", "unit_code", "indicator", "value", "rank", "rank_of", "kind"]


def _got(panel, cb=None):
    out = overall_rows(Context(panel, S.codebook() if cb is None else cb), "PCI")
    assert list(out.columns) == COLS
    return {(int(r.year), r.unit_code): (r.value, None if pd.isna(r.rank) else int(r.rank),
                                         None if pd.isna(r.rank_of) else int(r.rank_of), r.kind)
            for r in out.itertuples(index=False)}


def test_a_year_the_codebook_does_not_cover_is_skipped_and_later_years_kept():
    # SYNTHETIC: 2016 is before the codebook's PCI (2017-2020): no overall indicator that year
    panel = _panel([(2016, "01", "PCI.overall", 5.0, None, None, None),
                    (2018, "01", "PCI.overall", 60.0, None, None, None),
                    (2018, "22", "PCI.overall", 70.0, None, None, None)])
    # 2018: 70 (22) 1st, 60 (01) 2nd of 2, computed
    assert _got(panel) == {(2018, "01"): (60.0, 2, 2, ranks.COMPUTED),
                           (2018, "22"): (70.0, 1, 2, ranks.COMPUTED)}


def test_a_published_fact_does_not_make_the_table_partial():
    # SYNTHETIC 2018: 01 60 and 22 70 without ranks; Quảng Nam (49) 65 as a published fact
    # "2nd of 63": facts are not the table's printed ranks, so 01 and 22 are ranked among the 2
    panel = _panel([(2018, "01", "PCI.overall", 60.0, None, None, None),
                    (2018, "22", "PCI.overall", 70.0, None, None, None),
                    (2018, "49", "PCI.overall", 65.0, 2, 63, "published_fact")])
    assert _got(panel) == {(2018, "01"): (60.0, 2, 2, ranks.COMPUTED),
                           (2018, "22"): (70.0, 1, 2, ranks.COMPUTED),
                           (2018, "49"): (65.0, 2, 63, ranks.PUBLISHED)}
    yd = Context(panel, S.codebook()).year("PCI", 2018)        # the year build agrees
    assert yd.rank["PCI.overall"].to_dict() == {"01": 2.0, "22": 1.0, "49": 2.0}


def test_computed_overall_ranks_follow_the_codebook_direction():
    cb = S.codebook()  # SYNTHETIC codebook with the overall score lower-is-better
    cb.loc[cb["indicator"] == "PCI.overall", "higher_is_better"] = False
    panel = _panel([(2018, "01", "PCI.overall", 60.0, None, None, None),
                    (2018, "22", "PCI.overall", 70.0, None, None, None),
                    (2018, "49", "PCI.overall", 65.0, None, None, None)])
    # lower is better: 60 (01) 1st, 65 (49) 2nd, 70 (22) 3rd of 3
    assert _got(panel, cb) == {(2018, "01"): (60.0, 1, 3, ranks.COMPUTED),
                               (2018, "49"): (65.0, 2, 3, ranks.COMPUTED),
                               (2018, "22"): (70.0, 3, 3, ranks.COMPUTED)}
    # the same panel, higher is better (the fixture codebook): 22 1st, 49 2nd, 01 3rd
    assert _got(panel) == {(2018, "01"): (60.0, 3, 3, ranks.COMPUTED),
                           (2018, "49"): (65.0, 2, 3, ranks.COMPUTED),
                           (2018, "22"): (70.0, 1, 3, ranks.COMPUTED)}


def test_no_rows_of_the_unit_type_give_an_empty_table_with_the_columns():
    panel = _panel([(2018, "01", "PCI.overall", 60.0, None, None, None)])
    out = overall_rows(Context(panel, S.codebook()), "PCI", "district")
    assert out.empty and list(out.columns) == COLS
