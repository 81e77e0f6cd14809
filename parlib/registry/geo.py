"""Province geometry for the brief's map, without geopandas at render time.

``data/reference/geo/provinces_63.geojson`` is a compact, simplified copy of the raw
``geo/vn_provinces_63.geojson`` (63 provinces, GSO codes), built reproducibly by
:func:`build_reference` (``python -m parlib.registry.geo``). Briefs read only that reference file,
so a fresh clone draws maps without the raw data folder.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from parlib.paths import reference_dir

TOLERANCE = 0.01      # degrees (about 1 km): enough for a region-sized map
DECIMALS = 3
RAW_NAME = "geo/vn_provinces_63.geojson"


def reference_path() -> Path:
    return reference_dir() / "geo" / "provinces_63.geojson"


def build_reference(raw=None, out: Path | None = None) -> Path:
    """Simplify the raw 63-province GeoJSON into the reference file (deterministic output)."""
    import shapely
    from shapely.geometry import shape

    from parlib.io.atomic import write_text
    from parlib.paths import raw_dir

    src = Path(raw_dir(raw)) / RAW_NAME
    data = json.loads(src.read_text(encoding="utf-8"))
    feats = []
    for f in sorted(data["features"], key=lambda f: f["properties"]["gso_code"]):
        geom = shape(f["geometry"])
        # simplify the shared borders once per province; preserve_topology keeps rings valid
        simp = shapely.make_valid(geom.simplify(TOLERANCE, preserve_topology=True))
        simp = shapely.set_precision(simp, 10 ** -DECIMALS)
        polys = [p for p in getattr(simp, "geoms", [simp]) if p.geom_type == "Polygon" and p.area > 0]
        coords = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in ring.coords]
                   for ring in [p.exterior]] for p in polys]
        feats.append({"type": "Feature",
                      "properties": {"code": f["properties"]["gso_code"],
                                     "region": f["properties"]["region_code"]},
                      "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    doc = {"type": "FeatureCollection",
           "note": f"simplified ({TOLERANCE} deg, exteriors only) from raw {RAW_NAME} by "
                   "parlib.registry.geo.build_reference; statistical map, not a legal boundary",
           "features": feats}
    out = Path(out) if out else reference_path()
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    write_text(out, text + "\n")
    return out


@lru_cache(maxsize=1)
def shapes() -> dict:
    """{code: {"region": str, "rings": [Nx2 lists]}}; empty dict when the reference is absent."""
    p = reference_path()
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
