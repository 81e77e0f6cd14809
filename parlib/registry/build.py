"""Build the unit registry reference tables from the raw province files.

Outputs (``data/reference/``), all reproduced exactly by every ``parlib build``:

* ``units.csv``: the 63 provinces (2008 - 30 Jun 2025), Hà Tây (until 31 Jul 2008), the 34 units
  from 1 Jul 2025 (codes ``N`` + GSO code, because GSO re-used old codes), the nation and the
  6 socio-economic regions.
* ``province_aliases.csv``: every spelling met in the sources → unit code, per scheme.
* ``merger_2025.csv``: old code → new unit, with 2024 population for weighting.

Hand-written beside them, and merged at run time by :mod:`parlib.provinces`:
``province_aliases_extra.csv`` (spellings met in the index files that the raw alias list lacks).
"""
from __future__ import annotations

from pathlib import Path

REGION_ORDER = ["NMM", "RRD", "NCC", "CH", "SE", "MRD"]
HA_TAY = {
    "unit_code": "28", "unit_type": "province", "kind": "province", "name_vi": "Hà Tây",
    "name_en": "Ha Tay", "name_ascii": "Ha Tay", "region_code": "RRD",
    "valid_from": "", "valid_to": "2008-07-31", "successor_code": "01", "scheme": "63",
    "historical": True,
}


def build_reference_tables(raw: Path) -> dict[str, "pd.DataFrame"]:
    import pandas as pd

    from parlib.registry.keys import alias_key

    prov = raw / "provinces"
    master = pd.read_csv(prov / "provinces_63_master.csv", dtype=str, keep_default_na=False)
    regions_src = pd.read_csv(prov / "vnmap_regions_63.csv", dtype=str, keep_default_na=False)
    new34 = pd.read_csv(prov / "vnmap_provinces_34.csv", dtype=str, keep_default_na=False)
    gso34 = pd.read_csv(prov / "gso_915_CTK-CSCL_34_province_codes.csv", dtype=str)
    stats34 = pd.read_csv(prov / "vnmap_province_stats_2024_34.csv", dtype=str)
    merger = pd.read_csv(prov / "merger_2025_province_mapping.csv", dtype=str)
    aliases = pd.read_csv(prov / "province_aliases_63.csv", dtype=str, keep_default_na=False)

    # -- regions --------------------------------------------------------------------------
    reg = (master[["region_code", "region_vi", "region_en"]].drop_duplicates()
           .set_index("region_code").loc[REGION_ORDER].reset_index())
    regions = pd.DataFrame({
        "unit_code": "R-" + reg.region_code, "unit_type": "region", "kind": "region",
        "name_vi": reg.region_vi, "name_en": reg.region_en, "name_ascii": reg.region_en,
        "region_code": reg.region_code, "valid_from": "", "valid_to": "", "successor_code": "",
        "scheme": "region", "historical": False,
    })
    assert set(regions_src.region_en) >= set(reg.region_en)

    # -- the 63 ---------------------------------------------------------------------------
    p63 = pd.DataFrame({
        "unit_code": master.gso_code, "unit_type": "province", "kind": master["type"],
        "name_vi": master.name_vi, "name_en": master.name_en, "name_ascii": master.name_ascii,
        "region_code": master.region_code, "valid_from": "", "valid_to": "2025-06-30",
        "successor_code": "N" + master.new_code_2025, "scheme": "63", "historical": False,
        "iso_3166_2": master.iso_3166_2, "population_2024": master.population_2024,
        "area_km2_2024": master.area_km2_2024,
    })
    hatay = pd.DataFrame([HA_TAY])

    # -- the 34 ---------------------------------------------------------------------------
    gso34 = gso34.rename(columns={"Mã số": "code", "Tên 34 tỉnh sau sáp nhập": "name_gso"})
    n = new34.merge(gso34[["code", "name_gso"]], on="code", how="left", validate="1:1")
    n = n.merge(stats34[["code", "population", "area_km2"]], on="code", how="left", validate="1:1")
    assert len(n) == 34 and n.name_gso.notna().all()
    p34 = pd.DataFrame({
        "unit_code": "N" + n.code, "unit_type": "province_2025", "kind": n["type"],
        "name_vi": n.name_vi, "name_en": n.name_en, "name_ascii": n.name_en,
        "region_code": "", "valid_from": "2025-07-01", "valid_to": "", "successor_code": "",
        "scheme": "34", "historical": False, "population_2024": n.population,
        "area_km2_2024": n.area_km2, "members_63": n.members,
    })
    nation = pd.DataFrame([{
        "unit_code": "VN", "unit_type": "nation", "kind": "nation", "name_vi": "Việt Nam",
        "name_en": "Viet Nam", "name_ascii": "Viet Nam", "region_code": "", "valid_from": "",
        "valid_to": "", "successor_code": "", "scheme": "nation", "historical": False,
    }])
    units = pd.concat([p63, hatay, p34, nation, regions], ignore_index=True)
    units = units.fillna("")
    cols = ["unit_code", "unit_type", "kind", "scheme", "name_vi", "name_en", "name_ascii",
            "region_code", "iso_3166_2", "valid_from", "valid_to", "successor_code",
            "members_63", "population_2024", "area_km2_2024", "historical"]
    units = units[cols]
    assert units.unit_code.is_unique

    # -- aliases --------------------------------------------------------------------------
    rows = [(a.alias, a.gso_code, "63", "raw:province_aliases_63.csv") for a in aliases.itertuples()]
    for u in p63.itertuples():
        rows += [(u.name_vi, u.unit_code, "63", "units"), (u.name_en, u.unit_code, "63", "units")]
    for u in n.itertuples():
        names = {u.name_vi, u.name_en, u.name_gso, *[a for a in u.aliases.split("|") if a]}
        rows += [(a, "N" + u.code, "34", "raw:vnmap_provinces_34.csv|gso_915") for a in sorted(names)]
    al = pd.DataFrame(rows, columns=["alias", "unit_code", "scheme", "source"])
    al["alias"] = al.alias.str.strip()
    al = al[al.alias != ""]
    al["alias_key"] = al.alias.map(alias_key)
    al = (al.groupby(["scheme", "alias_key", "unit_code", "alias"], as_index=False)["source"]
          .agg(lambda s: "|".join(sorted(set(s)))))
    al = al.sort_values(["scheme", "unit_code", "alias_key", "alias"]).reset_index(drop=True)
    clash = al.groupby(["scheme", "alias_key"]).unit_code.nunique()
    clash = clash[clash > 1]
    if len(clash):
        raise ValueError(f"alias keys that map to two units: {clash.index.tolist()}")
    al = al[["alias", "alias_key", "unit_code", "scheme", "source"]]

    # -- merger ---------------------------------------------------------------------------
    pop = p63.set_index("unit_code").population_2024
    mg = pd.DataFrame({
        "old_code": merger.old_code, "old_name": master.set_index("gso_code").loc[merger.old_code, "name_vi"].values,
        "new_code": "N" + merger.new_code, "new_name": merger.new_name_gso_915,
        "n_old_merged": merger.n_old_merged, "population_2024": pop.loc[merger.old_code].values,
    })
    assert len(mg) == 63 and mg.new_code.nunique() == 34
    return {"units.csv": units, "province_aliases.csv": al, "merger_2025.csv": mg}


def write_reference_tables(raw: Path, out: Path | None = None) -> list[Path]:
    from parlib.io.atomic import write_text
    from parlib.paths import reference_dir

    out = out or reference_dir()
    written = []
    for name, df in build_reference_tables(raw).items():
        write_text(out / name, df.to_csv(index=False, lineterminator="\n"))
        written.append(out / name)
    return written


if __name__ == "__main__":  # pragma: no cover
    from parlib.paths import raw_dir

    for p in write_reference_tables(raw_dir()):
        print(p)
