"""SYNTHETIC fixtures (made-up numbers, not real index data) for tests and examples.

A small panel and codebook that follow the panel contract exactly (docs/ARCHITECTURE.md) with
values chosen so every result can be computed by hand:

* "PCI" (synthetic): PCI.overall = 0.5·PCI.a + 0.3·PCI.b + 0.2·PCI.c ("weighted_sum"), 2017–2020;
  PCI.c changes methodology in 2019 (era "c1" → "c2"). Published overall = recomputed rounded
  to 2 decimals, except Quảng Nam 2019 published 5.25 for a recomputed 5.20 (residual 0.05).
* "PAPI" (synthetic): PAPI.total = PAPI.d1 + PAPI.d2 ("sum"), PAPI.d1 = PAPI.d1_1 + PAPI.d1_2
  ("sum"); 2018–2019; 95% CIs of ±1 on PAPI.total in 2019 only.
* "SIPAS" (synthetic): SIPAS.overall = mean(SIPAS.x, SIPAS.y, SIPAS.z) ("mean"), 2019.

Units: Hà Nội 01, Quảng Ninh 22, Hải Phòng 31 (Red River Delta), Đà Nẵng 48, Quảng Nam 49,
Quảng Ngãi 51 (North Central and Central Coast); plus a "VN" nation row that must never be
ranked among provinces.
"""
from __future__ import annotations

import pandas as pd

UNITS = ["01", "22", "31", "48", "49", "51"]

PCI_W = {"PCI.a": 0.5, "PCI.b": 0.3, "PCI.c": 0.2}
PCI_VALUES = {  # year -> unit -> (a, b, c)
    2017: {"01": (5.5, 6.5, 4.5), "22": (7.5, 5.5, 8.5), "31": (7, 7, 7),
           "48": (6.5, 7.5, 5.5), "49": (3.5, 6.5, 6.5), "51": (5.5, 3.5, 7.5)},
    2018: {"01": (5.75, 6.75, 4.75), "22": (7.75, 5.75, 8.75), "31": (6, 6, 6),
           "48": (6.75, 7.75, 5.75), "49": (3.75, 6.25, 6.75), "51": (5.75, 3.75, 7.75)},
    2019: {"01": (6, 7, 5), "22": (8, 6, 9), "31": (5, 5, 5),
           "48": (7, 8, 6), "49": (4, 6, 7), "51": (6, 4, 8)},
    2020: {"01": (6.25, 7.25, 5.25), "22": (8.25, 6.25, 9.25), "31": (4, 4, 4),
           "48": (7.25, 8.25, 6.25), "49": (4.25, 6, 7.25), "51": (6.25, 4.25, 8.25)},
}
PAPI_VALUES = {  # year -> unit -> (d1_1, d1_2, d2)
    2019: {"01": (2, 3, 6), "22": (4, 4, 8), "31": (1, 2, 5),
           "48": (3, 3, 7), "49": (2, 2, 4), "51": (3, 4, 6)},
}
PAPI_VALUES[2018] = {u: (a, b, c - 0.5) for u, (a, b, c) in PAPI_VALUES[2019].items()}
SIPAS_VALUES = {2019: {"01": (80, 70, 90), "22": (90, 85, 95), "49": (60, 75, 90)}}


def codebook() -> pd.DataFrame:
    def row(index, ind, level, parent, name_en, name_vi, smin, smax, weight, agg, y0, y1, era):
        return dict(index=index, indicator=ind, level=level, parent=parent, name_en=name_en,
                    name_vi=name_vi, scale_min=smin, scale_max=smax, weight=weight,
                    aggregation=agg, year_from=y0, year_to=y1, era=era,
                    higher_is_better=True, notes="synthetic")

    nan = float("nan")
    rows = [
        row("PCI", "PCI.overall", "overall", "", "Synthetic PCI", "PCI giả lập", 0, 10, nan,
            "weighted_sum", 2017, 2020, "e1"),
        row("PCI", "PCI.unweighted", "overall", "", "Unweighted", "Chưa trọng số", 0, 30, nan,
            "", 2017, 2020, "e1"),
        row("PCI", "PCI.a", "area", "PCI.overall", "Criterion A", "Tiêu chí A", 0, 10, 0.5, "",
            2017, 2020, "e1"),
        row("PCI", "PCI.b", "area", "PCI.overall", "Criterion B", "Tiêu chí B", 0, 10, 0.3, "",
            2017, 2020, "e1"),
        row("PCI", "PCI.c", "area", "PCI.overall", "Criterion C", "Tiêu chí C", 0, 10, 0.2, "",
            2017, 2018, "c1"),
        row("PCI", "PCI.c", "area", "PCI.overall", "Criterion C (new)", "Tiêu chí C (mới)", 0,
            10, 0.2, "", 2019, 2020, "c2"),
        row("PAPI", "PAPI.total", "overall", "", "Synthetic PAPI", "PAPI giả lập", 0, 20, nan,
            "sum", 2018, 2019, "p1"),
        row("PAPI", "PAPI.d1", "area", "PAPI.total", "Dimension 1", "Nội dung 1", 0, 10, 1,
            "sum", 2018, 2019, "p1"),
        row("PAPI", "PAPI.d2", "area", "PAPI.total", "Dimension 2", "Nội dung 2", 0, 10, 1, "",
            2018, 2019, "p1"),
        row("PAPI", "PAPI.d1_1", "sub", "PAPI.d1", "Sub 1.1", "Nội dung 1.1", 0, 5, 1, "",
            2018, 2019, "p1"),
        row("PAPI", "PAPI.d1_2", "sub", "PAPI.d1", "Sub 1.2", "Nội dung 1.2", 0, 5, 1, "",
            2018, 2019, "p1"),
        row("SIPAS", "SIPAS.overall", "overall", "", "Synthetic SIPAS", "SIPAS giả lập", 0, 100,
            nan, "mean", 2019, 2019, "s1"),
    ] + [row("SIPAS", f"SIPAS.{c}", "area", "SIPAS.overall", f"Part {c}", f"Phần {c}", 0, 100,
             nan, "", 2019, 2019, "s1") for c in "xyz"]
    cb = pd.DataFrame(rows)
    cb["higher_is_better"] = cb["higher_is_better"].astype(bool)
    return cb


def _rank(values: dict) -> dict:
    s = pd.Series(values).rank(ascending=False, method="min").astype(int)
    return s.to_dict()


def panel() -> pd.DataFrame:
    from .. import provinces

    rows = []

    def add(index, year, unit, ind, level, parent, value, mx, rank=None, rank_of=None,
            ci=None, unit_type="province"):
        try:
            name = provinces.get(unit).name_vi
        except Exception:  # pragma: no cover
            name = unit
        rows.append(dict(index=index, year=year, unit_code=unit, unit_name=name,
                         unit_type=unit_type, indicator=ind, level=level, parent=parent,
                         value=float(value), max_value=float(mx), rank=rank, rank_of=rank_of,
                         ci_low=ci[0] if ci else float("nan"),
                         ci_high=ci[1] if ci else float("nan"), flag=None,
                         source=f"synthetic/{index}_{year}.csv#fixture", note="SYNTHETIC"))

    for year, units in PCI_VALUES.items():
        pub = {}
        for u, (a, b, c) in units.items():
            re = 0.5 * a + 0.3 * b + 0.2 * c
            pub[u] = round(re, 2) if not (year == 2019 and u == "49") else 5.25
        ranks = _rank(pub)
        for u, (a, b, c) in units.items():
            for ind, v in zip(("PCI.a", "PCI.b", "PCI.c"), (a, b, c)):
                add("PCI", year, u, ind, "area", "PCI.overall", v, 10)
            add("PCI", year, u, "PCI.overall", "overall", None, pub[u], 10, ranks[u], len(units))
            add("PCI", year, u, "PCI.unweighted", "overall", None, a + b + c, 30)
        add("PCI", year, "VN", "PCI.overall", "overall", None, 9.99, 10, unit_type="nation")
    for year, units in PAPI_VALUES.items():
        for u, (s1, s2, d2) in units.items():
            tot = s1 + s2 + d2
            ci = (tot - 1, tot + 1) if year == 2019 else None
            add("PAPI", year, u, "PAPI.d1_1", "sub", "PAPI.d1", s1, 5)
            add("PAPI", year, u, "PAPI.d1_2", "sub", "PAPI.d1", s2, 5)
            add("PAPI", year, u, "PAPI.d1", "area", "PAPI.total", s1 + s2, 10)
            add("PAPI", year, u, "PAPI.d2", "area", "PAPI.total", d2, 10)
            add("PAPI", year, u, "PAPI.total", "overall", None, tot, 20, ci=ci)
    for year, units in SIPAS_VALUES.items():
        for u, vals in units.items():
            for c, v in zip("xyz", vals):
                add("SIPAS", year, u, f"SIPAS.{c}", "area", "SIPAS.overall", v, 100)
            add("SIPAS", year, u, "SIPAS.overall", "overall", None, sum(vals) / 3, 100)
    df = pd.DataFrame(rows)
    df["year"] = df["year"].astype(int)
    for c in ("rank", "rank_of"):
        df[c] = df[c].astype("Float64").astype("Int64")
    return df
