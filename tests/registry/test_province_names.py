"""The unit registry: codes, names, regions, Hà Tây, the 2025 merger, and name resolution."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from parlib import provinces
from parlib.errors import AmbiguousProvinceError, ParlibError, UnknownProvinceError


@pytest.mark.parametrize("name, code", [
    ("TT-Huế", "46"), ("TT-Hue", "46"), ("Thua Thien-Hue", "46"), ("Thừa Thiên Huế", "46"),
    ("BRVT", "77"), ("Bà Rịa -Vũng Tàu", "77"), ("Ba Ria - Vung Tau", "77"),
    ("TP.HCM", "79"), ("HCMC", "79"), ("TP HCM", "79"), ("Thành phố Hồ Chí Minh", "79"),
    ("Hoà Bình", "17"), ("Hòa Bình", "17"), ("Hoa Binh", "17"),
    ("Đăk Lăk", "66"), ("Đắk Lắk", "66"), ("Dak Lak", "66"),
    ("Tỉnh Quảng Nam", "49"), ("Thành phố Cần Thơ", "92"), ("TP. Đà Nẵng", "48"),
    ("  ha noi ", "01"), ("Khánh Hoà", "56"), ("Thanh Hoá", "38"),
])
def test_resolve_spellings(name, code):
    assert provinces.resolve(name).code == code


def test_resolve_returns_full_unit():
    u = provinces.resolve("TT-Huế")
    assert (u.code, u.name_vi, u.name_en, u.region) == (
        "46", "Thừa Thiên Huế", "Thua Thien Hue", "North Central and Central Coast")
    assert provinces.resolve("BRVT").region_code == "SE"
    assert provinces.resolve("Quảng Ninh").region_code == "RRD"  # GSO puts it in the delta


def test_ha_tay_is_historical():
    u = provinces.resolve("Hà Tây")
    assert u.code == "28" and u.historical and u.valid_to == "2008-07-31"
    assert u.successor_code == "01"
    assert "28" not in provinces.codes()
    assert "28" in provinces.codes(include_historical=True)


def test_unknown_suggests_closest():
    with pytest.raises(UnknownProvinceError) as exc:
        provinces.resolve("Quang Nom")
    assert exc.value.suggestions[0] == "Quảng Nam"
    assert "Quảng Nam" in str(exc.value)
    assert isinstance(exc.value, ParlibError)


@pytest.mark.parametrize("bad,shown", [("", "''"), ("   ", "'   '"), ("Atlantis", "'Atlantis'"), (None, "'None'")])
def test_unknown_names(bad, shown):
    with pytest.raises(UnknownProvinceError, match=rf"unknown .*{re.escape(shown)}"):
        provinces.resolve(bad)


def test_ambiguous_is_an_error_not_a_guess(monkeypatch):
    by_code, keys = provinces._tables()
    patched = {s: dict(t) for s, t in keys.items()}
    patched["63"]["quang"] = {"49", "22"}
    monkeypatch.setattr(provinces, "_tables", lambda: (by_code, patched))
    with pytest.raises(AmbiguousProvinceError,
                       match=r"^ambiguous unit name 'Quảng': it matches Quảng Nam, Quảng Ninh") as exc:
        provinces.resolve("Quảng")
    assert set(exc.value.candidates) == {"Quảng Nam", "Quảng Ninh"}


def test_registry_counts_and_regions():
    u = provinces.units()
    assert len(u) == 63 and u.unit_code.is_unique
    assert u.groupby("region_code").size().to_dict() == {
        "NMM": 14, "RRD": 11, "NCC": 14, "CH": 5, "SE": 6, "MRD": 13}
    assert len(provinces.units("34")) == 34
    assert len(provinces.regions()) == 6
    assert all(len(c) == 2 and c.isdigit() for c in u.unit_code)


def test_merger_2025():
    m = provinces.merger_table()
    assert len(m) == 63 and m.new_code.nunique() == 34
    new = dict(zip(m.old_code, m.new_code))
    # the new code re-uses an absorbed province's code: only the table joins old and new
    assert new["10"] == new["15"] == "N15"          # Lào Cai + Yên Bái → Lào Cai (15)
    assert new["74"] == new["77"] == new["79"] == "N79"
    assert provinces.resolve("Lào Cai", scheme="34").code == "N15"
    assert provinces.resolve("Lào Cai").code == "10"
    assert m.population_2024.sum() == 101_343_900


def test_summary_labels():
    for text, kind in [("Thấp nhất", "min"), ("Trung vị", "median"), ("Cao nhất", "max"),
                       ("Highest", "highest"), ("Lowest", "lowest"), ("Median", "median"),
                       ("Max", "max"), ("Min", "min")]:
        assert provinces.summary_label(text) == kind
    assert provinces.summary_label("Quảng Nam") is None


def test_every_raw_alias_resolves(raw_dir):
    aliases = pd.read_csv(raw_dir / "provinces" / "province_aliases_63.csv", dtype=str)
    wrong = [(a.alias, a.gso_code, provinces.resolve(a.alias).code)
             for a in aliases.itertuples() if provinces.resolve(a.alias).code != a.gso_code]
    assert not wrong


def test_every_spelling_in_the_index_files_resolves(built):
    """Every unit name kept by a reader resolves, by itself, to the code the reader gave it."""
    rep = built.report.to_frame()
    kept = rep[(rep.kind == "row") & (rep.status == "kept") & rep.unit_code.notna()]
    assert len(kept) > 1000
    names = kept[["unit_as_written", "unit_code"]].drop_duplicates()
    bad = []
    for r in names.itertuples():
        scheme = "34" if str(r.unit_code).startswith("N") else "63"
        try:
            got = provinces.resolve(r.unit_as_written, scheme=scheme).code
        except ParlibError as exc:
            got = str(exc)
        if got != r.unit_code and r.unit_code in set(provinces.codes(scheme, include_historical=True)):
            bad.append((r.unit_as_written, r.unit_code, got))
    assert not bad


def test_reference_tables_reproduce_from_raw(raw_dir):
    from parlib.panel.build import check_reference

    assert check_reference(raw_dir) == []
