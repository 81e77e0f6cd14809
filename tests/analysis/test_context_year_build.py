"""parlib.analysis.context: one year's matrices (Context.year), their ranks (published, computed,
mixed, none, rank-only rows) and the year split (Context.year_rows), on small SYNTHETIC panels
with the SYNTHETIC fixture codebook (synthetic_panel.codebook: PCI.overall, PCI.a, PCI.b, PCI.c,
2017-2020, all higher is better unless a test says otherwise). Expected values worked by hand."""
import numpy as np
import pandas as pd
import pytest

import synthetic_panel as S
from fresh_analysis_caches import fresh_analysis_caches  # noqa: F401 (autouse)
from parlib.analysis.context import Context
from parlib.panel import ranks

NAN = float("nan")


def _panel(rows, index="PCI"):
    """SYNTHETIC panel rows:
    (year, unit_code, indicator, value, rank, rank_of, flag[, unit_type])."""
    recs = []
    for r in rows:
        year, unit, ind, value, rank, rank_of, flag = r[:7]
        recs.append(dict(index=index, year=year, unit_code=unit,
                         unit_type=r[7] if len(r) > 7 else "province", indicator=ind,
                         value=value, rank=rank, rank_of=rank_of, max_value=10.0,
                         ci_low=NAN, ci_high=NAN, flag=flag))
    df = pd.DataFrame(recs)
    return df.astype({"rank": "Int64", "rank_of": "Int64", "value": float})


# SYNTHETIC PCI 2019: the overall printed among 63 for two units with a score (a preview of a
# table of 63) and Hải Phòng (31) ranked 3rd without a score; PCI.a has values and no rank;
# PCI.b one rank flagged computed by the build and one printed; PCI.c only a rank without score.
YEAR_ROWS = [(2019, "01", "PCI.overall", 70.0, 2, 63, None),
             (2019, "22", "PCI.overall", 73.0, 1, 63, None),
             (2019, "31", "PCI.overall", NAN, 3, 63, None),
             (2019, "01", "PCI.a", 6.0, None, None, None),
             (2019, "22", "PCI.a", 8.0, None, None, None),
             (2019, "01", "PCI.b", 7.0, 1, 2, "rank_computed"),
             (2019, "22", "PCI.b", 5.0, 2, 2, None),
             (2019, "31", "PCI.c", NAN, 5, 63, None)]


def test_year_matrices_are_aligned_on_the_units_with_a_value():
    yd = Context(_panel(YEAR_ROWS), S.codebook()).year("PCI", 2019)
    assert (yd.index, yd.year, yd.unit_type) == ("PCI", 2019, "province")
    # 31 has ranks but no score: not a unit of the matrices (its max_value row is dropped too)
    assert yd.units == ["01", "22"]
    for frame in (yd.max_value, yd.ci_low, yd.ci_high, yd.rank, yd.rank_of, yd.rank_kind):
        assert list(frame.index) == ["01", "22"]
    # every frame has the value frame's columns, PCI.c (no score at all) included
    cols = ["PCI.a", "PCI.b", "PCI.c", "PCI.overall"]
    assert list(yd.value.columns) == cols
    for frame in (yd.rank, yd.rank_of, yd.rank_kind, yd.max_value):
        assert list(frame.columns) == cols
    assert yd.rank["PCI.c"].isna().all() and yd.max_value.loc["01", "PCI.a"] == 10.0


def test_rank_sources_published_mixed_and_none():
    yd = Context(_panel(YEAR_ROWS), S.codebook()).year("PCI", 2019)
    # PCI.a: the year's printed ranks run over 63 units, 2 values are a partial table → no rank
    # PCI.b: one computed, one published rank → mixed; PCI.c: no rank on a unit with a score
    assert yd.rank_source == {"PCI.a": "none", "PCI.b": "mixed", "PCI.c": "none",
                              "PCI.overall": "published"}
    assert yd.rank_obj("01", "PCI.a").rank is None and yd.rank["PCI.a"].isna().all()
    b = yd.rank_obj("01", "PCI.b")
    assert (b.rank, b.rank_of, b.kind) == (1, 2, ranks.COMPUTED)
    o = yd.rank_obj("22", "PCI.overall")
    assert (o.rank, o.rank_of, o.kind) == (1, 63, ranks.PUBLISHED)


def test_rank_only_rows_are_the_ranks_without_a_score():
    yd = Context(_panel(YEAR_ROWS), S.codebook()).year("PCI", 2019)
    got = [tuple(r) for r in yd.rank_only.itertuples(index=False)]
    assert got == [("31", "PCI.overall", 3, 63, ranks.PUBLISHED),
                   ("31", "PCI.c", 5, 63, ranks.PUBLISHED)]
    r = yd.rank_obj("31", "PCI.overall")
    assert (r.rank, r.rank_of, r.kind) == (3, 63, ranks.PUBLISHED)


def test_value_matrix_is_what_pandas_pivot_gives():
    panel = _panel(YEAR_ROWS)
    yd = Context(panel, S.codebook()).year("PCI", 2019)
    # pandas' own pivot, rows without any score dropped: unit_code × indicator, both named
    want = panel.pivot(index="unit_code", columns="indicator", values="value").dropna(how="all")
    pd.testing.assert_frame_equal(yd.value, want)
    assert (yd.value.index.name, yd.value.columns.name) == ("unit_code", "indicator")
    assert yd.value.loc["22", "PCI.a"] == 8.0 and np.isnan(yd.value.loc["01", "PCI.c"])


def test_a_unit_and_indicator_twice_in_a_year_is_refused_like_pivot():
    rows = [(2019, "01", "PCI.a", 6.0, None, None, None),
            (2019, "01", "PCI.a", 7.0, None, None, None)]
    with pytest.raises(ValueError, match="^Index contains duplicate entries, cannot reshape$"):
        Context(_panel(rows), S.codebook()).year("PCI", 2019)


def test_computed_ranks_follow_the_codebook_direction():
    """SYNTHETIC codebook: PCI.a lower is better. Values 01 4, 22 6, 31 5 without ranks."""
    cb = S.codebook()
    cb.loc[cb["indicator"] == "PCI.a", "higher_is_better"] = False
    rows = [(2019, u, "PCI.a", v, None, None, None) for u, v in (("01", 4.0), ("22", 6.0),
                                                                  ("31", 5.0))]
    yd = Context(_panel(rows), cb).year("PCI", 2019)
    # lower is better: 4 (01) 1st, 5 (31) 2nd, 6 (22) 3rd of 3
    assert yd.rank["PCI.a"].to_dict() == {"01": 1.0, "22": 3.0, "31": 2.0}
    assert set(yd.rank_of["PCI.a"]) == {3.0} and yd.rank_source["PCI.a"] == "computed"


def test_a_panel_without_flag_column_gets_computed_ranks():
    panel = _panel([(2019, "01", "PCI.overall", 6.0, None, None, None),
                    (2019, "22", "PCI.overall", 8.0, None, None, None)]).drop(columns="flag")
    yd = Context(panel, S.codebook()).year("PCI", 2019)
    # 8 (22) 1st, 6 (01) 2nd of 2, computed by parlib
    assert yd.rank["PCI.overall"].to_dict() == {"01": 2.0, "22": 1.0}
    assert yd.rank_of["PCI.overall"].to_dict() == {"01": 2.0, "22": 2.0}
    assert yd.rank_source["PCI.overall"] == "computed"


def test_year_rows_are_split_per_index_and_unit_type():
    """SYNTHETIC: PCI 2019 provinces 01, 22 and the nation VN; PAPI 2019 province 49."""
    pci = _panel([(2019, "01", "PCI.overall", 6.0, None, None, None),
                  (2019, "22", "PCI.overall", 8.0, None, None, None),
                  (2019, "VN", "PCI.overall", 7.0, None, None, None, "nation")])
    papi = _panel([(2019, "49", "PAPI.total", 40.0, None, None, None)], index="PAPI")
    ctx = Context(pd.concat([pci, papi], ignore_index=True), S.codebook())
    assert ctx.year_rows("PCI", 2019)["unit_code"].tolist() == ["01", "22"]
    assert ctx.year_rows("PCI", 2019, "nation")["unit_code"].tolist() == ["VN"]
    assert ctx.year_rows("PAPI", 2019)["unit_code"].tolist() == ["49"]
    assert ctx.year_rows("PCI", 2018).empty
