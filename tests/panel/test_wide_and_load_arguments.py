"""parlib.wide() (one row per unit and year, labelled columns) and the arguments load() accepts
(issue 17). Values are checked against load() and against figures of the official VCCI 2019
workbook (PCI_2019: Quảng Ninh 73.40, rank 1)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import parlib
from parlib.errors import ParameterError

SUBS_2013 = ["PCI.entry_costs", "PCI.land_access", "PCI.transparency", "PCI.time_costs",
             "PCI.informal_charges", "PCI.policy_bias", "PCI.proactivity",
             "PCI.business_support", "PCI.labour_training", "PCI.legal_institutions"]


@pytest.fixture(scope="module")
def pci2019():
    return parlib.wide("PCI", years=[2019])


def test_wide_pci_2019_has_63_provinces_and_the_ten_sub_indices_of_load(pci2019):
    assert len(pci2019) == 63 and pci2019["unit_code"].is_unique
    assert set(SUBS_2013) <= set(pci2019.columns)
    long = parlib.load("PCI", year=2019)
    for code in SUBS_2013 + ["PCI.overall"]:
        expected = long[long.indicator == code].set_index("unit_code")["value"]
        got = pci2019.set_index("unit_code")[code]
        pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_wide_row_carries_names_region_and_2025_successor(pci2019):
    qn = pci2019.set_index("unit_code").loc["22"]  # official 2019 workbook: Quảng Ninh 73.40
    assert round(qn["PCI.overall"], 2) == 73.40
    assert (qn["unit_name"], qn["unit_name_en"], qn["region_code"]) == ("Quảng Ninh", "Quang Ninh", "RRD")
    assert qn["region"] == "Red River Delta" and qn["successor_code"] == "N22"
    qnam = pci2019.set_index("unit_code").loc["49"]  # Quảng Nam merged into Đà Nẵng (N48)
    assert qnam["successor_code"] == "N48"


def test_wide_labels_in_english_and_vietnamese():
    en = parlib.wide("PCI", years=2019)
    vi = parlib.wide("PCI", years=2019, lang="vi", header="multi")
    assert en.attrs["labels"]["PCI.entry_costs"] == "Entry costs"
    assert vi.attrs["labels"]["PCI.entry_costs"] == "Chi phí gia nhập thị trường"
    assert ("PCI.entry_costs", "Chi phí gia nhập thị trường") in list(vi.columns)
    assert vi.set_index(("unit_code", "")).loc["49", ("region", "")] == \
        "Bắc Trung Bộ và Duyên hải miền Trung"


def test_wide_label_of_an_indicator_renamed_across_eras_names_each_era():
    w = parlib.wide("PCI", years=[2006, 2019])
    assert w.attrs["labels"]["PCI.policy_bias"] == \
        "State-owned enterprise bias (policy bias) → Policy bias (equal competition)"
    assert parlib.wide("PCI", years=[2019]).attrs["labels"]["PCI.policy_bias"] == \
        "Policy bias (equal competition)"


def test_wide_level_overall_keeps_only_composites():
    w = parlib.wide("PAPI", level="overall", years=2019)
    assert set(w.columns) - {"unit_code", "unit_name", "unit_name_en", "region_code", "region",
                             "successor_code", "successor_name", "year"} == \
        {"PAPI.total", "PAPI.total_weighted"}
    hn = w.set_index("unit_code").loc["01"]  # PAPI 2019 workbook: Hà Nội 43.52 weighted, 41.53
    assert (round(hn["PAPI.total_weighted"], 2), round(hn["PAPI.total"], 2)) == (43.52, 41.53)


def test_wide_marks_derived_cells():
    w = parlib.wide("PCI", level="overall", years=[2007, 2019])
    assert w.attrs["derived"]["PCI.unweighted"] == [2019]  # 2007 is published in the workbook


@pytest.mark.parametrize("kwargs, name", [
    ({"index": "XYZ"}, "index"), ({"index": "PCI", "level": "leaf"}, "level"),
    ({"index": "PCI", "years": [1999]}, "years"), ({"index": "PCI", "lang": "fr"}, "lang"),
    ({"index": "PCI", "units": "county"}, "units"), ({"index": ["PCI", "PAPI"]}, "index"),
])
def test_wide_bad_argument_names_it(kwargs, name):
    with pytest.raises(ParameterError, match=f"invalid {name}: "):
        parlib.wide(**kwargs)


def test_load_resolves_unit_names_in_any_spelling():
    by_code = parlib.load("PCI", unit="49")
    # Quảng Nam in every PCI year 2005-2023, indicators as VCCI published them: 14 rows in 2005
    # (with the 3 background conditions), 11 in 2009-2012, 2020 and 2022, 12 in the 12 other years
    assert sorted(by_code.year.unique()) == list(range(2005, 2024))
    assert len(by_code) == 14 + 11 * 6 + 12 * 12
    for spelling in ("Quảng Nam", "Quang Nam", "quang nam", "Tỉnh Quảng Nam"):
        pd.testing.assert_frame_equal(parlib.load("PCI", unit=spelling), by_code)
    two = parlib.load("PCI", year=2019, unit=["TP.HCM", "Hà Nội"])
    assert set(two.unit_code) == {"79", "01"}


def test_load_accepts_index_in_any_case_and_numpy_years():
    ref = parlib.load("PCI", year=2019)
    assert len(ref) == 63 * 12  # overall, unweighted and 10 sub-indices for 63 provinces
    for kw in ({"index": "pci"}, {"index": "Pci"}, {"index": ["pci"]}):
        pd.testing.assert_frame_equal(parlib.load(**kw, year=np.int64(2019)), ref)
    pd.testing.assert_frame_equal(parlib.load("PCI", year=np.array([2019])), ref)
    pd.testing.assert_frame_equal(parlib.load("PCI", year="2019"), ref)
    assert set(parlib.load("PAR INDEX", year=2023)["index"]) == {"PAR"}


@pytest.mark.parametrize("kwargs, message", [
    ({"index": "pcx"}, "invalid index: 'pcx'; allowed: PCI, PAPI, PAR, SIPAS"),
    ({"year": "twenty"}, "invalid year: 'twenty'"),
    ({"year": 2019.5}, "invalid year: 2019.5"),
    ({"unit": "Quang Nom"}, "invalid unit: 'Quang Nom' (unknown unit; closest: Quảng Nam"),
    ({"unit": 3.5}, "invalid unit: 3.5"),
])
def test_load_bad_argument_is_one_line_parameter_error(kwargs, message):
    with pytest.raises(ParameterError) as exc:
        parlib.load(**kwargs)
    assert str(exc.value).startswith(message) and "\n" not in str(exc.value)
