"""Persistence (parlib.analysis.weak.persistence) honours its ``k`` (``parlib weak --k``), for the
bottom-third run and for "no improvement over k surveys" alike, on the SYNTHETIC fixture panel.

Hand-worked from tests/fixtures/synthetic_panel.py, Quảng Nam (49), criterion PCI.a (6 units):
2017 3.5 (last of 6), 2018 3.75 (last), 2019 4 (last), 2020 4.25 (5th: Bình Định has 4) -> in
the bottom third (rank > 4) every year: 3 years running up to 2019, 4 up to 2020. PCI.a rises
every year, so it never shows "no improvement". PCI.b: 6.5, 6.25, 6, 6 -> never better than any
earlier survey, rank 3 of 6 in 2017 (not bottom third)."""
import pytest

import parlib.analysis as A
import synthetic_panel as S
from parlib.errors import ParameterError

KW = dict(panel=S.panel(), codebook=S.codebook())


def row(year, k, ind):
    return A.persistence("49", "PCI", year, k=k, **KW).set_index("indicator").loc[ind]


@pytest.mark.parametrize("year,k,persistent", [
    (2019, 1, True), (2019, 2, True), (2019, 3, True), (2019, 4, False), (2019, 5, False),
    (2020, 3, True), (2020, 4, True), (2020, 5, False),
])
def test_bottom_third_k_surveys_running_uses_k(year, k, persistent):
    r = row(year, k, "PCI.a")
    assert r.bottom_third_run == year - 2016          # 3 up to 2019, 4 up to 2020, whatever k
    assert r.run_from == 2017
    assert bool(r.persistent) is persistent
    assert bool(r.no_improvement) is False
    text = f"bottom third {year - 2016} years running (2017–{year})"
    assert r.persistent_text_en == (text if persistent else "")


@pytest.mark.parametrize("year,k,base_year,base_value", [
    (2019, 1, 2018, 6.25), (2019, 2, 2017, 6.5), (2020, 1, 2019, 6.0), (2020, 2, 2018, 6.25),
    (2020, 3, 2017, 6.5),
])
def test_no_improvement_compares_with_the_survey_k_before(year, k, base_year, base_value):
    r = row(year, k, "PCI.b")
    assert (r.base_year, r.base_value, r.value) == (base_year, base_value, 6.0)
    assert bool(r.no_improvement) and bool(r.persistent) and r.bottom_third_run == 0
    assert r.persistent_text_en == (f"no improvement over {k} surveys ({base_year}: "
                                    f"{base_value:.2f} → {year}: 6.00)")   # scores shown with 2 decimals


@pytest.mark.parametrize("year,k", [(2019, 3), (2020, 4)])
def test_no_base_survey_k_before_the_first_year(year, k):
    r = row(year, k, "PCI.b")
    assert r.base_year is None and not bool(r.no_improvement) and not bool(r.persistent)


@pytest.mark.parametrize("k", [0, -1])
def test_k_below_one_is_refused_naming_k(k):
    with pytest.raises(ParameterError, match=rf"^invalid k: {k} \(at least 1\)"):
        A.persistence("49", "PCI", 2019, k=k, **KW)
