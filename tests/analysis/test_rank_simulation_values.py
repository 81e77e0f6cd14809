"""Monte Carlo rank intervals in degenerate cases whose answer is known by hand (few draws, fixed
seeds): one source of uncertainty switched fully on (every draw the same) flips two units in a
known way; zero noise collapses every interval; the words of a move and of the brief's line.

SYNTHETIC two-unit panel, weights 0.5 / 0.3 / 0.2 (total 1.0):
  01: a 9, b 1, c 5   official 4.5 + 0.3 + 1.0 = 5.8; equal weights 5.0; geometric
      9^.5 · 1^.3 · 5^.2 = 3 · 1.3797 = 4.139
  22: a 5, b 5.3, c 5 official 2.5 + 1.59 + 1.0 = 5.09; equal 5.1; geometric ≈ 5.089
so 01 is 1st under the official method and 2nd under equal weights or geometric means.
"""
import math

import numpy as np
import pandas as pd
import pytest

import synthetic_panel as S
from parlib.analysis import rank_simulation as rs
from parlib.errors import ParameterError
from analysis_memo import fresh_memo  # noqa: F401  (autouse: memoised results recomputed per test)

C = S.codebook()
VALS = {"01": (9.0, 1.0, 5.0), "22": (5.0, 5.3, 5.0)}


def _panel(ci=None, rank=False):
    rows = []
    for u, abc in VALS.items():
        for ind, v in zip(("PCI.a", "PCI.b", "PCI.c"), abc):
            rows.append(dict(index="PCI", year=2019, unit_code=u, unit_type="province",
                             indicator=ind, value=v, rank=pd.NA, rank_of=pd.NA,
                             ci_low=np.nan, ci_high=np.nan, flag=None))
        tot = 0.5 * abc[0] + 0.3 * abc[1] + 0.2 * abc[2]
        lo, hi = (tot - ci, tot + ci) if ci is not None else (np.nan, np.nan)
        rows.append(dict(index="PCI", year=2019, unit_code=u, unit_type="province",
                         indicator="PCI.overall", value=round(tot, 2),
                         rank=(1 if u == "01" else 2) if rank else pd.NA,
                         rank_of=2 if rank else pd.NA, ci_low=lo, ci_high=hi, flag=None))
    df = pd.DataFrame(rows)
    for c in ("rank", "rank_of"):
        df[c] = df[c].astype("Float64").astype("Int64")
    return df


def _iv(params, panel=None, codebook=C):
    return rs.intervals("PCI", 2019, params, panel=_panel() if panel is None else panel,
                        codebook=codebook).set_index("unit_code")


def test_official_method_only_keeps_the_order():
    d = _iv(rs.MCParams.off(draws=20))
    assert d["rank"].tolist() == [1, 2] and d.rank_kind.tolist() == ["computed"] * 2
    assert d.rank_low.tolist() == [1, 2] and d.rank_high.tolist() == [1, 2]
    assert d.rank_median.tolist() == [1, 2] and d.width.tolist() == [0, 0]
    assert d.model.iloc[0] == "weights ±0 + equal 0 + geometric 0"
    assert d.sampling.iloc[0] == rs.NO_SE
    assert d.attrs["residual_max"] == pytest.approx(0.0, abs=1e-9)
    assert d.attrs["recomputed_rank"].to_dict() == {"01": 1.0, "22": 2.0}


def test_equal_weights_in_every_draw_flip_the_two():
    d = _iv(rs.MCParams(draws=20, weight_bound=0, p_equal=1.0, p_geometric=0, sampling=False))
    assert d.rank_low.tolist() == [2, 1] and d.rank_high.tolist() == [2, 1]
    assert d["rank"].tolist() == [1, 2]          # the panel's rank is unchanged
    assert d.model.iloc[0] == "weights ±0 + equal 1 + geometric 0"


def test_geometric_mean_in_every_draw_flips_the_two():
    d = _iv(rs.MCParams(draws=20, weight_bound=0, p_equal=0, p_geometric=1.0, sampling=False))
    assert d.rank_low.tolist() == [2, 1] and d.rank_median.tolist() == [2, 1]
    assert d.model.iloc[0] == "weights ±0 + equal 0 + geometric 1"


def test_weight_noise_alone_cannot_flip_a_large_gap():
    # ±25% on 0.5/0.3/0.2 renormalised: 01 − 22 = 0.5·4·wa' − 0.3·4.3·wb' > 0 always
    # (worst case wa 0.375/1.1, wb 0.375/... -> 01 stays ahead): intervals stay [1, 1] and [2, 2]
    d = _iv(rs.MCParams(draws=50, weight_bound=0.25, p_equal=0, p_geometric=0, sampling=False))
    assert d.rank_low.tolist() == [1, 2] and d.rank_high.tolist() == [1, 2]
    assert d.model.iloc[0] == "weights ±0.25 + equal 0 + geometric 0"


def test_published_interval_of_zero_width_is_used_and_collapses():
    d = _iv(rs.MCParams(draws=20, weight_bound=0, p_equal=0, p_geometric=0),
            panel=_panel(ci=0.0))
    assert d.sampling.iloc[0] == "published CI (overall)"
    assert d.model.iloc[0] == "weights ±0 + equal 0 + geometric 0 + sampling"
    assert d.rank_low.tolist() == [1, 2] and d.rank_high.tolist() == [1, 2]
    off = _iv(rs.MCParams.off(draws=20), panel=_panel(ci=0.0))
    assert off.sampling.iloc[0] == "off"


def test_wide_published_interval_spreads_both_ranks():
    # gap 0.71, se = 100/1.96 each: each unit is 1st in about half the draws
    d = _iv(rs.MCParams(draws=200, weight_bound=0, p_equal=0, p_geometric=0),
            panel=_panel(ci=100.0))
    assert d.rank_low.tolist() == [1, 1] and d.rank_high.tolist() == [2, 2]
    assert d.width.tolist() == [1, 1]


def test_assumed_se_is_labelled_assumed():
    zero = _iv(rs.MCParams(draws=20, weight_bound=0, p_equal=0, p_geometric=0, assumed_se=0.0))
    assert zero.sampling.iloc[0] == "ASSUMED se=0.0 per criterion (no published CI)"
    assert zero.rank_low.tolist() == [1, 2] and zero.rank_high.tolist() == [1, 2]
    wide = _iv(rs.MCParams(draws=200, weight_bound=0, p_equal=0, p_geometric=0, assumed_se=50.0))
    assert wide.rank_low.tolist() == [1, 1] and wide.rank_high.tolist() == [2, 2]


def test_no_weights_composite_only_with_assumed_se_on_the_overall():
    cb = C.copy()
    cb.loc[cb.indicator.isin(["PCI.a", "PCI.b", "PCI.c"]), "weight"] = np.nan
    d = _iv(rs.MCParams.off(draws=20), codebook=cb)
    assert d.model.iloc[0] == "none: no official weights for the PCI 2019 criteria in the codebook"
    assert d.rank_low.isna().all() and d.rank_median.tolist() == [1, 2]
    a = _iv(rs.with_params(rs.MCParams.off(draws=200), assumed_se=50.0), codebook=cb)
    assert a.sampling.iloc[0] == "ASSUMED se=50.0 on the overall (no published CI)"
    assert a.model.iloc[0] == "sampling"
    assert a.rank_low.tolist() == [1, 1] and a.rank_high.tolist() == [2, 2]
    p = _panel()
    only = p[p.indicator == "PCI.overall"]
    c = _iv(rs.MCParams.off(draws=20), panel=only)
    assert c.model.iloc[0] == ("none: the PCI 2019 criteria are not in the panel for every ranked "
                               "unit (composite only)")
    assert c.attrs["residual_max"] is None and c.attrs["recomputed_rank"] is None


def test_partial_source_gives_no_interval():
    p = _panel(rank=True)
    p.loc[p.indicator == "PCI.overall", "rank_of"] = 5     # 2 of 5 ranked units in the panel
    d = _iv(rs.MCParams(draws=20), panel=p)
    assert d.model.iloc[0] == ("none: partial source (2 of the 5 ranked units in the panel): the "
                               "ranks among the missing units cannot be redrawn")
    assert d.sampling.iloc[0] == "not used" and d.rank_low.isna().all()
    assert d.rank_kind.tolist() == ["published"] * 2 and d.rank_of.tolist() == [5, 5]


def test_parameters_recorded_and_refused_by_name():
    p = rs.MCParams(draws=30, seed=5, weight_bound=0.1, p_equal=0.3, p_geometric=0.4, level=0.8)
    d = _iv(p)
    assert (d.draws.iloc[0], d.seed.iloc[0], d.weight_bound.iloc[0], d.p_equal.iloc[0],
            d.p_geometric.iloc[0], d.level.iloc[0]) == (30, 5, 0.1, 0.3, 0.4, 0.8)
    assert list(d.reset_index().columns[:5]) == rs.COLUMNS
    assert d.attrs["method"].startswith("Monte Carlo with 30 draws (seed 5)")
    for field, value in [("draws", 1.5), ("draws", -1), ("weight_bound", 1.0),
                         ("weight_bound", -0.1), ("p_geometric", 1.01), ("p_equal", 2),
                         ("level", 0.49), ("level", 1.0), ("assumed_se", -0.5)]:
        with pytest.raises(ParameterError, match=field):
            rs.with_params(None, **{field: value}).check()
    ok = rs.MCParams(draws=1, weight_bound=0.0, p_equal=1.0, p_geometric=1.0, level=0.5,
                     assumed_se=0.0)
    assert ok.check() is ok
    assert rs.MCParams.off().record() == {
        "draws": 200, "seed": 20190, "weight_bound": 0.0, "p_equal": 0.0, "p_geometric": 0.0,
        "sampling": False, "assumed_se": None, "level": 0.90, "ci_level": 0.95}


def test_method_in_words():
    assert rs.describe(rs.MCParams()) == (
        "Monte Carlo with 1000 draws (seed 20190): official weights times a random factor within "
        "±25% (renormalised), equal weights in 20% of draws, weighted geometric aggregation in "
        "20% of draws; sampling error from published confidence intervals where they exist. The "
        "90% interval is the 5th-95th percentile of the drawn ranks; each draw is anchored on the "
        "published composite.")
    en = rs.describe(rs.MCParams(sampling=False, assumed_se=0.5, level=0.8))
    assert "sampling error off, ASSUMED standard error 0.5 elsewhere. The 80% interval is the " \
           "10th-90th percentile" in en
    assert rs.describe(rs.MCParams(draws=10, seed=3, weight_bound=0.1, p_equal=0.05,
                                   p_geometric=0.5), "vi") == (
        "Mô phỏng Monte Carlo 10 lần (seed 3): trọng số chính thức nhân với hệ số ngẫu nhiên "
        "trong ±10%, trọng số bằng nhau ở 5% số lần, trung bình nhân ở 50% số lần; sai số chọn "
        "mẫu theo khoảng tin cậy công bố. Khoảng 90% = phân vị 5–95 của thứ hạng.")
    vi = rs.describe(rs.MCParams(sampling=False, assumed_se=0.5), "vi")
    assert "sai số chọn mẫu không tính, sai số giả định 0.5 (GIẢ ĐỊNH)." in vi


# ----------------------------------------------------------------------------- the fixture panel
P = S.panel()
OFF = rs.MCParams.off(draws=20)
KW = dict(panel=P, codebook=C)


def test_rank_interval_of_one_unit_and_of_a_missing_one():
    r = rs.rank_interval("Hà Nội", "PCI", 2019, OFF, **KW)
    assert (r["unit_code"], r["rank"], r["rank_of"], r["rank_low"], r["rank_high"]) == (
        "01", 3, 6, 3, 3)
    assert isinstance(r["rank"], int) and r["value"] == 6.1
    none = rs.rank_interval("Hà Giang", "PCI", 2019, OFF, **KW)
    assert none == {"unit_code": "02", "index": "PCI", "year": 2019, "rank": None,
                    "rank_of": None, "rank_median": None, "rank_low": None, "rank_high": None,
                    "model": "no overall score for this unit and year"}


def test_moves_with_every_source_off():
    # intervals collapse to the published ranks: every move is "real" (no overlap)
    m = rs.moves("PCI", 2019, params=OFF, **KW)
    assert list(m.columns) == rs.MOVE_COLUMNS
    assert m.unit_code.tolist() == ["22", "48", "01", "51", "49", "31"]
    d = m.set_index("unit_code")
    assert (d.loc["01", "prev_rank"], d.loc["01", "rank"], d.loc["01", "rank_change"]) == (4, 3, 1)
    assert (d.loc["01", "prev_rank_low"], d.loc["01", "prev_rank_high"]) == (4, 4)
    assert d.loc["01", "verdict"] == "real" and d.loc["01", "reason"] == ""
    assert d.loc["01", "label_en"] == "up 1 place, more than the noise"
    assert d.loc["01", "label_vi"] == "tăng 1 bậc, vượt mức nhiễu"
    assert d.loc["31", "label_en"] == "down 3 places, more than the noise"   # #3 -> #6
    assert d.loc["48", "verdict"] == "no change" and d.loc["48", "label_vi"] == "giữ nguyên thứ hạng"
    assert (set(m.year), set(m.prev_year), set(m["index"])) == ({2019}, {2018}, {"PCI"})
    named = rs.moves("PCI", 2019, prev_year=2017, params=OFF, **KW).set_index("unit_code")
    assert named.loc["31", "rank_change"] == -4 and set(named.prev_year) == {2017}
    assert str(m["rank_change"].dtype) == "Int64"


def test_move_verdict_edges():
    def iv(rank, lo, hi, year):
        return {"rank": rank, "rank_low": lo, "rank_high": hi, "rank_of": 6,
                "rank_kind": "published", "index": "PCI", "year": year, "indicator": "PCI.overall"}

    # intervals touching at one rank overlap: within the noise
    assert rs.move_verdict(iv(5, 4, 6, 2018), iv(3, 2, 4, 2019), codebook=C)[0] == "within noise"
    assert rs.move_verdict(iv(3, 2, 4, 2018), iv(5, 4, 6, 2019), codebook=C)[0] == "within noise"
    assert rs.move_verdict(iv(5, 5, 6, 2018), iv(3, 2, 4, 2019), codebook=C) == ("real", 2, "")
    assert rs.move_verdict(iv(3, 2, 4, 2018), iv(5, 5, 6, 2019), codebook=C) == ("real", -2, "")
    assert rs.move_verdict(iv(5, 4, 6, 2018), iv(3, None, 4, 2019), codebook=C) == (
        "not assessed", 2, "no rank interval for one of the two years")
    # PCI.c changed method in 2019 (synthetic eras c1 -> c2)
    a, b = iv(5, 5, 5, 2018), iv(3, 3, 3, 2019)
    a["indicator"] = b["indicator"] = "PCI.c"
    verdict, d, why = rs.move_verdict(a, b, codebook=C)
    assert (verdict, d) == ("not comparable", 2) and "c1 → c2" in why
    assert rs.move_label(a, b, "en", codebook=C) == "up 2 places, not comparable"
    with pytest.raises(ParameterError, match="lang"):
        rs.move_label(a, b, "fr", codebook=C)


def test_rank_sentence_for_the_brief_hand_worked():
    assert rs.rank_sentence("Hà Nội", "PCI", 2019, "en", OFF, **KW) == (
        "PCI 2019: rank 3/6, 90% interval 3–3; up 1 place, more than the noise (since 2018)")
    assert rs.rank_sentence("Hà Nội", "PCI", 2019, "vi", OFF, **KW) == (
        "PCI 2019: hạng 3/6, khoảng 90%: 3–3; tăng 1 bậc, vượt mức nhiễu (so với 2018)")
    assert rs.rank_sentence("Hà Nội", "PCI", 2017, "en", OFF, **KW) == \
        "PCI 2017: rank 4/6, 90% interval 4–4"           # first survey: no move
    assert rs.rank_sentence("Hà Giang", "PCI", 2019, "en", OFF, **KW) == ""
    assert rs.move_text("Hà Nội", "PCI", 2017, "en", OFF, **KW) == ""
    assert rs.move_text("Hà Giang", "PCI", 2019, "en", OFF, **KW) == ""
    with pytest.raises(ParameterError, match="lang"):
        rs.rank_sentence("Hà Nội", "PCI", 2019, "fr", OFF, **KW)
    # PAPI: ranks computed by parlib (no printed rank) carry a star
    papi = rs.rank_sentence("Quảng Ninh", "PAPI", 2019, "en", OFF, **KW)
    assert papi.startswith("PAPI 2019: rank 1/6*, 90% interval 1–1; no change in rank")


def test_all_intervals_every_year_with_an_overall():
    a = rs.all_intervals(OFF, **KW)
    assert sorted(set(zip(a["index"], a.year))) == [("PAPI", 2018), ("PAPI", 2019)] + \
        [("PCI", y) for y in (2017, 2018, 2019, 2020)]
    assert len(a) == 36 and a.attrs["method"] == rs.describe(OFF)
    empty = rs.all_intervals(OFF, indices=("PAR",), **KW)
    assert empty.empty and list(empty.columns) == rs.COLUMNS
    assert math.isnan(float("nan"))
