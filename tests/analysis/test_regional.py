"""Regional comparison and convergence on SYNTHETIC fixtures with known answers."""
import math
import statistics

import numpy as np
import pandas as pd
import pytest

import parlib.analysis as A
import synthetic_panel as S

P, C = S.panel(), S.codebook()
KW = dict(panel=P, codebook=C)


def test_region_ranks():
    df = A.region_ranks("PCI", 2019, **KW).set_index("unit_code")
    # NCC 2019: Đà Nẵng, Quảng Ngãi and Quảng Nam are 3 of the 14 provinces of the region:
    # no place in the region (it would be "1/3" for Đà Nẵng), only how many have data
    assert df["rank_in_region"].isna().all()
    assert (df.loc["49", "region_with_data"], df.loc["49", "region_n"]) == (3, 14)
    assert df.loc["49", "rank"] == 5 and df.loc["49", "rank_of"] == 6
    assert df.loc["22", "region_code"] == "RRD" and df.loc["22", "region_n"] == 11
    assert "VN" not in df.index


def test_region_rank_when_the_whole_region_has_data():
    """SYNTHETIC: the 5 Central Highlands provinces all have a score → places 1..5 (ties share
    the best place); nationally computed among the 7 units with a value."""
    vals = {"62": 6.0, "64": 7.5, "66": 7.5, "67": 5.0, "68": 8.0, "01": 9.0, "49": 4.0}
    p = pd.DataFrame({"index": "PCI", "year": 2019, "unit_code": list(vals),
                      "unit_type": "province", "indicator": "PCI.overall",
                      "value": list(vals.values()), "rank": pd.NA, "rank_of": pd.NA,
                      "flag": pd.NA, "source": "SYNTHETIC"})
    df = A.region_ranks("PCI", 2019, panel=p, codebook=C).set_index("unit_code")
    assert df.loc[["68", "64", "66", "62", "67"], "rank_in_region"].tolist() == [1, 2, 2, 4, 5]
    assert (df.loc["64", "rank"], df.loc["64", "rank_of"], df.loc["64", "rank_kind"]) == \
        (3, 7, "computed")
    assert (df.loc["64", "region_with_data"], df.loc["64", "region_n"]) == (5, 5)


def test_region_summary():
    df = A.region_summary("PCI", year=2019, **KW).set_index("region_code")
    ncc = df.loc["NCC"]
    assert ncc["n"] == 3
    assert ncc["mean"] == pytest.approx(6.05)
    assert ncc["median"] == pytest.approx(5.8)
    assert ncc["std"] == pytest.approx(0.95)          # sqrt((1.05² + .25² + .8²) / 2)
    assert ncc["spread"] == pytest.approx(1.85)
    assert df.loc["VN", "n"] == 6
    allyears = A.region_summary("PCI", **KW)
    assert sorted(allyears.year.unique()) == [2017, 2018, 2019, 2020]


def test_reconstruct_34_population_weighted():
    df = A.reconstruct_34("PCI", 2019, **KW).set_index("unit_code")
    # N48 = Đà Nẵng (7.1, pop 1,276,000) + Quảng Nam (5.25, pop 1,543,900)
    want = (7.1 * 1276000 + 5.25 * 1543900) / (1276000 + 1543900)
    assert df.loc["N48", "value"] == pytest.approx(want)
    assert bool(df.loc["N48", "complete"]) and df.loc["N48", "members"] == "48;49"
    assert set(df["method"]) == {"reconstruction"}
    assert df.loc["N48", "label"].startswith("reconstruction")
    # Quảng Ngãi merged with Kon Tum (no data): value from Quảng Ngãi alone, flagged incomplete
    assert df.loc["N51", "value"] == pytest.approx(5.8) and not bool(df.loc["N51", "complete"])
    assert pd.isna(df.loc["N51", "rank"])              # incomplete reconstructions are not ranked
    assert len(df) == 34


def test_reconstruction_is_linear():
    allv = A.reconstruct_34("PCI", 2019, indicator="all", **KW)
    n48 = allv[allv.unit_code == "N48"].set_index("indicator")["value"]
    re = 0.5 * n48["PCI.a"] + 0.3 * n48["PCI.b"] + 0.2 * n48["PCI.c"]
    want = (7.1 * 1276000 + 5.2 * 1543900) / (1276000 + 1543900)   # recomputed overalls
    assert re == pytest.approx(want)


def test_sigma_convergence():
    df = A.sigma_convergence("PCI", **KW).set_index("year")
    v2019 = [6.1, 7.6, 5.0, 7.1, 5.25, 5.8]
    assert df.loc[2019, "std"] == pytest.approx(statistics.stdev(v2019))
    assert df.loc[2019, "cv"] == pytest.approx(statistics.stdev(v2019) / statistics.mean(v2019))
    stds = df["std"].to_numpy()
    slope = np.polyfit(df.index.to_numpy(), stds, 1)[0]
    assert df.attrs["slope_std"] == pytest.approx(slope)
    assert df.attrs["slope_std"] > 0                  # Hải Phòng's fall widens the spread


def _panel_for_beta(v0, v1, years=(2010, 2012)):
    rows = []
    units = ["01", "22", "31", "48", "49", "51", "79", "92"][:len(v0)]
    for y, vals in zip(years, (v0, v1)):
        for u, v in zip(units, vals):
            rows.append(dict(index="PCI", year=y, unit_code=u, unit_type="province",
                             indicator="PCI.overall", value=float(v), max_value=np.nan,
                             rank=pd.NA, rank_of=pd.NA, ci_low=np.nan, ci_high=np.nan, flag=None))
    cb = pd.DataFrame([dict(index="PCI", indicator="PCI.overall", level="overall", parent="",
                            name_en="o", name_vi="o", scale_min=0, scale_max=100, weight=np.nan,
                            aggregation="weighted_sum", year_from=2000, year_to=2030, era="x",
                            higher_is_better=True, notes=""),
                       dict(index="PCI", indicator="PCI.a", level="area", parent="PCI.overall",
                            name_en="a", name_vi="a", scale_min=0, scale_max=100, weight=1.0,
                            aggregation="", year_from=2000, year_to=2030, era="x",
                            higher_is_better=True, notes="")])
    return pd.DataFrame(rows), cb


def test_beta_convergence_exact_linear():
    v0 = [4, 5, 6, 7, 8]
    v1 = [v + 2 * (1 - 0.1 * v) for v in v0]          # growth per year = 1 - 0.1 * level
    panel, cb = _panel_for_beta(v0, v1)
    r = A.beta_convergence("PCI", 2010, 2012, log=False, panel=panel, codebook=cb)
    assert r.beta == pytest.approx(-0.1)
    assert r.ci_low <= -0.1 + 1e-9 and r.ci_high >= -0.1 - 1e-9
    assert r.ci_high < 0 and r.converging and r.n == 5
    assert r.comparable


def test_beta_convergence_log_and_ci():
    rng = np.random.default_rng(0)
    v0 = np.linspace(40, 75, 8)
    g = 0.05 - 0.01 * np.log(v0)
    v1 = np.exp(np.log(v0) + 4 * (g + rng.normal(0, 0.002, len(v0))))
    panel, cb = _panel_for_beta(list(v0), list(v1), years=(2010, 2014))
    r = A.beta_convergence("PCI", 2010, 2014, panel=panel, codebook=cb)
    import statsmodels.api as sm

    X = sm.add_constant(np.log(v0))
    ref = sm.OLS((np.log(v1) - np.log(v0)) / 4, X).fit()
    assert r.beta == pytest.approx(ref.params[1])
    assert (r.ci_low, r.ci_high) == pytest.approx(tuple(ref.conf_int(0.05)[1]))
    assert r.ci_low < -0.01 < r.ci_high
    assert "95% CI" in r.text() and "KTC 95%" in r.text("vi")


def test_beta_across_break_says_so():
    r = A.beta_convergence("PCI", 2018, 2019, indicator="PCI.c", log=False, **KW)
    assert not r.comparable and "c1 → c2" in r.break_note
    assert r.break_note in r.text()
    assert math.isfinite(r.beta)
