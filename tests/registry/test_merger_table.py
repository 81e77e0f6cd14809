"""The committed merger table (63 → 34, 1 July 2025) is consistent with the unit registry,
checked without the raw folder: a swapped population or a mis-assigned province fails here."""
import pandas as pd
import pytest

from parlib.paths import reference_dir

REF = reference_dir()


@pytest.fixture(scope="module")
def tables():
    m = pd.read_csv(REF / "merger_2025.csv", dtype={"old_code": str, "new_code": str})
    u = pd.read_csv(REF / "units.csv", dtype=str)
    return m, u


def test_every_old_province_once_and_34_successors(tables):
    m, u = tables
    old = u[(u.unit_type == "province") & (u.historical == "False")]
    assert sorted(m.old_code) == sorted(old.unit_code) and m.old_code.is_unique
    assert m.new_code.nunique() == 34


def test_population_and_names_agree_with_the_registry(tables):
    m, u = tables
    by_code = u.set_index("unit_code")
    for r in m.itertuples():
        assert r.old_name == by_code.loc[r.old_code, "name_vi"], r.old_code
        assert r.population_2024 == int(by_code.loc[r.old_code, "population_2024"]), r.old_code
        assert by_code.loc[r.old_code, "successor_code"] == r.new_code, r.old_code
        # the merger table keeps the official style ("Thành phố Hà Nội"), the registry the short name
        assert r.new_name.removeprefix("Thành phố ") == by_code.loc[r.new_code, "name_vi"].removeprefix("Thành phố "), r.new_code


def test_successors_are_the_sum_of_their_members(tables):
    m, u = tables
    new = u[u.unit_type == "province_2025"].set_index("unit_code")
    for code, g in m.groupby("new_code"):
        assert sorted(new.loc[code, "members_63"].split("+")) == sorted(g.old_code), code
        assert int(new.loc[code, "population_2024"]) == g.population_2024.sum(), code
        assert (g.n_old_merged == len(g)).all(), code


def test_known_values_from_the_statistics_office(tables):
    """2024 average population (NSO table, raw provinces/nso_province_stats_2024_63.csv)."""
    m, _ = tables
    pop = dict(zip(m.old_code, m.population_2024))
    assert (pop["01"], pop["02"], pop["04"], pop["06"]) == (8_717_600, 911_400, 558_500, 329_300)
    new = dict(zip(m.old_code, m.new_code))
    # Đà Nẵng = Đà Nẵng + Quảng Nam; TP.HCM = HCMC + Bình Dương + Bà Rịa - Vũng Tàu
    assert new["48"] == new["49"] == "N48"
    assert new["74"] == new["77"] == new["79"] == "N79"
