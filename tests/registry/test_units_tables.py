"""The registry tables read afresh (caches cleared), checked against the rows of the committed
data/reference/units.csv written out by hand here, and units registered by ``parlib import``."""
import pytest

from parlib import provinces
from parlib.errors import UnknownProvinceError


@pytest.fixture
def fresh():
    provinces.clear_cache()
    yield
    provinces.clear_cache()


def test_a_province_read_afresh_has_every_field(fresh):
    u = provinces.get("49")
    assert (u.code, u.name_vi, u.name_en, u.name_ascii, u.unit_type, u.kind, u.scheme) == \
        ("49", "Quảng Nam", "Quang Nam", "Quang Nam", "province", "province", "63")
    assert (u.region_code, u.region_en) == ("NCC", "North Central and Central Coast")
    assert u.region_vi == "Bắc Trung Bộ và Duyên hải miền Trung"
    assert (u.valid_from, u.valid_to, u.successor_code, u.historical, u.population_2024) == \
        ("", "2025-06-30", "N48", False, 1543900.0)
    ht = provinces.get("28")
    assert (ht.name_vi, ht.historical, ht.successor_code, ht.population_2024) == ("Hà Tây", True, "01", None)
    assert provinces.get("N12").scheme == "34" and provinces.get("N12").valid_from == "2025-07-01"


def test_counts_by_scheme_read_afresh(fresh):
    assert len(provinces.codes("63")) == 63 and "28" not in provinces.codes("63")
    assert len(provinces.codes("63", include_historical=True)) == 64
    assert len(provinces.codes("34")) == 34
    assert list(provinces.regions().columns) == ["region_code", "unit_code", "name_vi", "name_en"]
    assert list(provinces.units().columns[:3]) == ["unit_code", "name_vi", "name_en"]
    assert list(provinces.units().index) == list(range(63))
    r = provinces.regions().set_index("region_code")
    assert sorted(r.index) == ["CH", "MRD", "NCC", "NMM", "RRD", "SE"]
    assert (r.loc["NCC", "unit_code"], r.loc["NCC", "name_en"]) == ("R-NCC", "North Central and Central Coast")
    assert len(provinces.units()) == 63 and len(provinces.units(include_historical=True)) == 64


def test_names_and_aliases_resolve_in_their_scheme(fresh):
    assert provinces.resolve("Quảng Nam").code == "49"
    assert provinces.resolve("tỉnh quảng nam").code == "49"
    assert provinces.resolve("Lai Châu", scheme="34").code == "N12"
    assert provinces.resolve("Hà Tây").code == "28"
    assert provinces.resolve("49").code == "49"


def test_unknown_unit_code_is_named(fresh):
    with pytest.raises(UnknownProvinceError, match=r"^unknown unit code 'ZZ'$") as e:
        provinces.get("ZZ")
    assert e.value.suggestions == []
    assert provinces.exists("49") and not provinces.exists("ZZ")


def test_units_registered_by_import_are_known(tmp_path, monkeypatch, fresh):
    (tmp_path / "units.csv").write_text(
        "unit_code,name_vi,name_en,unit_type,scope,parent_code\n"
        "M-NV,Bộ Nội vụ,Ministry of Home Affairs,ministry,ministries,\n"
        "D-001,Quận Ba Đình,,district,districts,01\n", encoding="utf-8")   # SYNTHETIC imported units
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path))
    m = provinces.get("M-NV")
    assert (m.name_vi, m.name_en, m.name_ascii, m.unit_type, m.scheme, m.parent_code, m.historical) == \
        ("Bộ Nội vụ", "Ministry of Home Affairs", "Bo Noi Vu", "ministry", "ministries", "", False)
    assert (m.kind, m.region_code, m.region_vi, m.region_en, m.valid_from, m.valid_to, m.successor_code) == \
        ("ministry", "", "", "", "", "", "")
    d = provinces.get("D-001")
    assert (d.name_en, d.parent_code, d.scheme) == ("Quận Ba Đình", "01", "districts")
    assert provinces.get("49").name_vi == "Quảng Nam"          # the registry still comes first
    allu = provinces.units(scheme=None)
    assert {"M-NV", "D-001", "49", "N12"} <= set(allu.unit_code)
    assert "M-NV" not in set(provinces.units().unit_code)


def test_unit_name_in_each_language():
    u = provinces.get("79")
    assert (u.name(), u.name("vi"), u.name("en")) == ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh", "Ho Chi Minh City")


def test_imported_units_without_scope_or_parent_columns(tmp_path, monkeypatch, fresh):
    (tmp_path / "units.csv").write_text("unit_code,name_vi,unit_type\nS-01,Sở Nội vụ,department\n",
                                        encoding="utf-8")   # SYNTHETIC
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path))
    u = provinces.get("S-01")
    assert (u.scheme, u.parent_code, u.name_en) == ("imported", "", "Sở Nội vụ")


def test_year_picks_the_scheme_of_the_assessment():
    assert provinces.resolve("Lai Châu", year=2019).code == "12"
    assert provinces.resolve("Lai Châu", year=2025).code == "N12"
    assert provinces.resolve("Lai Châu", scheme="34", year=2024).code == "12"   # the year wins


def test_an_unknown_scheme_is_named():
    from parlib.errors import ParameterError

    with pytest.raises(ParameterError, match=r"^invalid scheme: '99'; allowed: 63, 34$"):
        provinces.resolve("Hà Nội", scheme="99")
    with pytest.raises(UnknownProvinceError, match=r"^unknown province name 'None'$"):
        provinces.resolve(None)

