"""Wide tables: one row per unit and year, one column per indicator, with names, region and the
2025 successor: the pivot and merges every researcher otherwise writes by hand.

>>> import parlib
>>> df = parlib.wide("PCI", years=[2019])            # doctest: +SKIP
>>> df.attrs["labels"]["PCI.entry_costs"]            # doctest: +SKIP
'Entry costs'
"""
from __future__ import annotations

from parlib.errors import ParameterError

LEVELS = {"overall": ("overall",), "area": ("overall", "area"), "sub": ("overall", "area", "sub"),
          "all": ("overall", "area", "sub")}
ID_COLUMNS = ["unit_code", "unit_name", "unit_name_en", "region_code", "region", "successor_code",
              "successor_name", "year"]
FIELDS = ("value", "rank", "rank_of", "max_value", "ci_low", "ci_high")
HEADERS = ("code", "multi")


def _levels(level) -> tuple:
    if isinstance(level, str) and level in LEVELS:
        return LEVELS[level]
    wanted = [level] if isinstance(level, str) else list(level)
    bad = [x for x in wanted if x not in LEVELS["all"]]
    if bad or not wanted:
        raise ParameterError("level", level, list(LEVELS))
    return tuple(wanted)


def labels(index: str, indicators, years, lang: str = "en") -> dict[str, str]:
    """Indicator code -> name in ``lang`` from the codebook rows in force in the selected years;
    an indicator renamed across methodology eras gets its names in order, joined by " → "
    (e.g. PCI.policy_bias 2006-2019: "State-owned enterprise bias ... → Policy bias ...")."""
    from parlib.codebook import load_codebook

    cb = load_codebook()
    cb = cb[cb["index"] == index]
    col = "name_vi" if lang == "vi" else "name_en"
    out = {}
    for code in indicators:
        rows = cb[cb["indicator"] == code].sort_values("year_from")
        inside = rows[[any(a <= y <= b for y in years) for a, b in zip(rows.year_from, rows.year_to)]]
        names = (inside if len(inside) else rows.tail(1))[col]
        out[code] = " → ".join(dict.fromkeys(str(n) for n in names))
    return out


def _unit_columns(codes, lang: str):
    import pandas as pd

    from parlib import provinces

    merger = provinces.merger_table().set_index("old_code")
    rows = []
    for c in codes:
        u = provinces.get(c)
        succ = merger["new_code"].get(c) if c in merger.index else None
        rows.append({"unit_code": c, "unit_name": u.name_vi, "unit_name_en": u.name_en,
                     "region_code": u.region_code or None,
                     "region": (u.region_vi if lang == "vi" else u.region_en) or None,
                     "successor_code": succ,
                     "successor_name": provinces.get(succ).name(lang) if succ else None})
    return pd.DataFrame(rows, columns=ID_COLUMNS[:-1])


def wide(index: str, level="area", years=None, lang: str = "en", units="province", *,
         field: str = "value", header: str = "code", panel=None):
    """The panel of one index as a wide table.

    One row per unit and year (sorted by unit code, then year); columns ``unit_code``,
    ``unit_name`` (Vietnamese, as in the registry), ``unit_name_en``, ``region_code``,
    ``region`` (name in ``lang``), ``successor_code`` and ``successor_name`` (for the 63
    provinces: the unit they belong to from 1 July 2025, from the merger table; empty for
    others), ``year``, then one column per indicator code in codebook order.

    ``level``: "overall" (the composite(s) only), "area" (default: composite(s) and their
    areas/sub-indices/dimensions), "sub" or "all" (everything), or a list of levels.
    ``years``: int or list (default: every year). ``units``: a unit type ("province" = the 63
    and Hà Tây, "province_2025", "nation", "region"), a list of types, or "all". ``field``:
    which panel column fills the cells ("value", or "rank", "rank_of", "max_value", "ci_low",
    "ci_high"). ``header="multi"`` gives indicator columns a (code, label) MultiIndex.

    Metadata in ``df.attrs``: ``labels`` (code -> name in ``lang``; names of an indicator
    renamed between methodology eras are joined by " → "), ``labels_en``,
    ``labels_vi``, ``index``, ``field``, ``derived`` (code -> years where some value is
    derived or reconstructed, not published; see the panel's ``flag`` and ``note``).
    A missing value is NaN: the source has no value for that unit and year.
    """
    import pandas as pd

    from parlib.panel.load import index_arg, load, year_arg

    idx = index_arg(index)
    if len(idx) != 1:
        raise ParameterError("index", index, hint="one index per wide table")
    idx = idx[0]
    levels = _levels(level)
    for name, value, allowed in (("lang", lang, ("en", "vi")), ("field", field, FIELDS),
                                 ("header", header, HEADERS)):
        if value not in allowed:
            raise ParameterError(name, value, allowed)
    ys = year_arg(years)
    df = load(idx, year=ys) if panel is None else panel[panel["index"] == idx]
    if ys is not None:
        missing = sorted(set(ys) - set(df["year"]))
        if missing:
            have = sorted(set(load(idx)["year"])) if panel is None else sorted(set(panel["year"]))
            raise ParameterError("years", missing[0], have, hint=f"no {idx} data that year")
    if units != "all":
        types = [units] if isinstance(units, str) else list(units)
        known = sorted(set(df["unit_type"]))
        bad = [t for t in types if t not in known]
        if bad:
            raise ParameterError("units", bad[0], known + ["all"])
        df = df[df["unit_type"].isin(types)]
    df = df[df["level"].isin(levels)]
    from parlib.codebook import load_codebook

    cb = load_codebook()
    newest_first = cb[cb["index"] == idx].sort_values("year_to", ascending=False, kind="mergesort")
    order = list(dict.fromkeys(newest_first["indicator"]))  # the latest methodology's order
    codes = [c for c in order if c in set(df["indicator"])]
    cells = df.pivot(index=["unit_code", "year"], columns="indicator", values=field)
    cells = cells.reindex(columns=codes).reset_index()
    cells.columns.name = None
    ids = _unit_columns(sorted(cells["unit_code"].unique()), lang)
    out = ids.merge(cells, on="unit_code", how="right")
    out = out.sort_values(["unit_code", "year"], kind="mergesort").reset_index(drop=True)
    out = out[ID_COLUMNS + codes]
    sel_years = sorted(set(out["year"]))
    lab_en = labels(idx, codes, sel_years, "en")
    lab_vi = labels(idx, codes, sel_years, "vi")
    lab = lab_vi if lang == "vi" else lab_en
    flagged = df[df["flag"].fillna("").str.contains("derived|reconstructed")]
    derived = {c: sorted(int(y) for y in set(g["year"])) for c, g in flagged.groupby("indicator")}
    if header == "multi":
        out.columns = pd.MultiIndex.from_tuples(
            [(c, "") for c in ID_COLUMNS] + [(c, lab[c]) for c in codes], names=["code", "label"])
    out.attrs.update({"index": idx, "field": field, "labels": lab, "labels_en": lab_en,
                      "labels_vi": lab_vi, "derived": derived})
    return out
