"""Province geometry for the brief's map.

``data/reference/geo/provinces_63.geojson`` is a compact, simplified copy of the raw
``geo/vn_provinces_63.geojson`` (63 provinces, GSO codes), and ``provinces_34.geojson`` of the raw
``geo/vn_provinces_34_2025_dissolved_from_63.geojson`` (the 34 units from 1 July 2025, registry
codes "N.."), both built reproducibly by :func:`build_reference` (``python -m parlib.registry.geo``).
Briefs read only these reference files, so a fresh clone draws maps without the raw data folder.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from parlib.paths import reference_dir

TOLERANCE = 0.01      # degrees (about 1 km): enough for a region-sized map
DECIMALS = 3
RAW_NAME = "geo/vn_provinces_63.geojson"
RAW_NAMES = {"63": RAW_NAME, "34": "geo/vn_provinces_34_2025_dissolved_from_63.geojson"}


def reference_path(scheme: str = "63") -> Path:
    return reference_dir() / "geo" / f"provinces_{scheme}.geojson"


def _props(p: dict, scheme: str) -> dict:
    if scheme == "34":
        return {"code": "N" + p["new_code_2025"], "region": "",
                "members": p["member_gso_codes_63"].replace("+", ";")}
    return {"code": p["gso_code"], "region": p["region_code"]}


def build_reference(raw=None, out: Path | None = None, scheme: str = "63") -> Path:
    """Simplify the raw GeoJSON of the 63 (or the 34) provinces into the reference file
    (deterministic output)."""
    import shapely
    from shapely.geometry import shape

    from parlib.io.atomic import write_text
    from parlib.paths import raw_dir

    src = Path(raw_dir(raw)) / RAW_NAMES[scheme]
    data = json.loads(src.read_text(encoding="utf-8"))
    feats = []
    for f in sorted(data["features"], key=lambda f: _props(f["properties"], scheme)["code"]):
        geom = shape(f["geometry"])
        # simplify the shared borders once per province; preserve_topology keeps rings valid
        simp = shapely.make_valid(geom.simplify(TOLERANCE, preserve_topology=True))
        simp = shapely.set_precision(simp, 10 ** -DECIMALS)
        polys = [p for p in getattr(simp, "geoms", [simp]) if p.geom_type == "Polygon" and p.area > 0]
        coords = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]
                   for ring in [p.exterior]] for p in polys]
        feats.append({"type": "Feature", "properties": _props(f["properties"], scheme),
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    doc = {"type": "FeatureCollection",
           "note": f"simplified ({TOLERANCE} deg, exteriors only) from raw {RAW_NAMES[scheme]} by "
                   "parlib.registry.geo.build_reference; statistical map, not a legal boundary",
           "features": feats}
    out = Path(out) if out else reference_path(scheme)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    write_text(out, text + "\n")
    return out


@lru_cache(maxsize=2)
def shapes(scheme: str = "63") -> dict:
    """{code: {"region": str, "rings": [Nx2 lists]}}; empty dict when the reference is absent."""
    p = reference_path(scheme)
    if not p.exists():
        return {}
    doc = json.loads(p.read_text(encoding="utf-8"))
    out = {}
    for f in doc["features"]:
        rings = [poly[0] for poly in f["geometry"]["coordinates"]]
        out[f["properties"]["code"]] = {"region": f["properties"]["region"], "rings": rings}
    return out


def mainland_rings(rings):
    """Rings west of 109.6°E (leaves the offshore archipelagos out of the map's extent)."""
    return [r for r in rings if min(x for x, _ in r) < 109.6]


if __name__ == "__main__":  # pragma: no cover
    print(build_reference())
    print(build_reference(scheme="34"))
