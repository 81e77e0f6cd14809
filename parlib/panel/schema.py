"""The pandera schema of the tidy panel, generated from the codebook and the unit registry.

Checks: column types; (index, year, unit_code, indicator) unique; every indicator in the codebook
for its year; every parent exists in the codebook; every unit in the registry; values within the
codebook scale (or the row's own max_value); ranks within 1..rank_of.
"""
from __future__ import annotations

from parlib.errors import PanelValidationError

PANEL_COLUMNS = ["index", "year", "unit_code", "unit_name", "unit_type", "indicator", "level",
                 "parent", "value", "max_value", "rank", "rank_of", "ci_low", "ci_high", "flag",
                 "source", "note"]
KEY = ["index", "year", "unit_code", "indicator"]
UNIT_TYPES = ("province", "province_2025", "nation", "region", "ministry", "district",
              "department", "commune", "agency")
TOL = 1e-6


def panel_schema(codebook=None, unit_codes=None):
    import numpy as np
    import pandas as pd
    import pandera.pandas as pa

    from parlib.codebook import INDICES, LEVELS, load_codebook

    cb = load_codebook() if codebook is None else codebook
    known = set(zip(cb["index"], cb["indicator"]))
    parents = set(cb["indicator"])

    def _in_codebook_for_year(df):
        if df.empty:
            return pd.Series(True, index=df.index, dtype=bool)
        m = df[["index", "year", "indicator"]].drop_duplicates().merge(
            cb[["index", "indicator", "year_from", "year_to"]], on=["index", "indicator"], how="left")
        ok = (m.year >= m.year_from) & (m.year <= m.year_to)
        good = pd.MultiIndex.from_frame(m[ok][["index", "year", "indicator"]])
        return pd.Series(pd.MultiIndex.from_frame(df[["index", "year", "indicator"]]).isin(good),
                         index=df.index)

    def _within_scale(df):
        if df.empty:
            return pd.Series(True, index=df.index, dtype=bool)
        combos = df[["index", "indicator", "year"]].drop_duplicates()
        m = combos.merge(cb[["index", "indicator", "year_from", "year_to", "scale_min", "scale_max"]],
                         on=["index", "indicator"], how="left")
        m = m[(m.year >= m.year_from) & (m.year <= m.year_to)].drop_duplicates(["index", "indicator", "year"])
        lim = df[["index", "indicator", "year"]].merge(m, on=["index", "indicator", "year"], how="left")
        lo = lim["scale_min"].to_numpy(dtype=float)
        hi = np.where(df["max_value"].notna(), df["max_value"].to_numpy(dtype=float, na_value=np.nan),
                      lim["scale_max"].to_numpy(dtype=float))
        v = df["value"].to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            ok = np.isnan(v) | ((np.isnan(lo) | (v >= lo - TOL)) & (np.isnan(hi) | (v <= hi + TOL)))
        return pd.Series(ok, index=df.index)

    checks = [
        pa.Check(lambda df: ~df.duplicated(KEY), error="duplicate (index, year, unit_code, indicator)"),
        pa.Check(lambda df: pd.Series(pd.MultiIndex.from_frame(df[["index", "indicator"]]).isin(list(known)),
                                      index=df.index), error="indicator not in the codebook"),
        pa.Check(_in_codebook_for_year, error="indicator not valid in that year (codebook years)"),
        pa.Check(lambda df: df["parent"].isna() | df["parent"].isin(parents),
                 error="parent is not a codebook indicator"),
        pa.Check(_within_scale, error="value outside the indicator's scale"),
        pa.Check(lambda df: df["rank"].isna() | df["rank_of"].isna() | (df["rank"] <= df["rank_of"]),
                 error="rank larger than the number of units ranked"),
    ]
    if unit_codes is not None:
        codes = set(unit_codes)
        checks.append(pa.Check(lambda df: df["unit_code"].isin(codes), error="unit not in the registry"))
    return pa.DataFrameSchema(
        {
            "index": pa.Column(str, pa.Check.isin(INDICES)),
            "year": pa.Column(int, pa.Check.in_range(1990, 2100)),
            "unit_code": pa.Column(str),
            "unit_name": pa.Column(str),
            "unit_type": pa.Column(str, pa.Check.isin(UNIT_TYPES)),
            "indicator": pa.Column(str),
            "level": pa.Column(str, pa.Check.isin(LEVELS)),
            "parent": pa.Column(str, nullable=True),
            "value": pa.Column(float, nullable=True),
            "max_value": pa.Column(float, nullable=True),
            "rank": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "rank_of": pa.Column("Int64", pa.Check.ge(1), nullable=True),
            "ci_low": pa.Column(float, nullable=True),
            "ci_high": pa.Column(float, nullable=True),
            "flag": pa.Column(str, nullable=True),
            "source": pa.Column(str, pa.Check(lambda s: ~s.str.startswith("/"),
                                              error="absolute path in source")),
            "note": pa.Column(str, nullable=True),
        },
        checks=checks, strict=True, ordered=True, coerce=False,
    )


def validate(panel, unit_codes=None, schema=None):
    """Validate the panel; raises PanelValidationError listing the first failures."""
    import pandera.errors as pe

    schema = panel_schema(unit_codes=unit_codes) if schema is None else schema
    try:
        return schema.validate(panel, lazy=True)
    except pe.SchemaErrors as exc:
        fc = exc.failure_cases
        lines, seen = [], set()
        for r in fc.itertuples():
            idx = r.index
            row_id = int(idx) if idx is not None and idx == idx and isinstance(idx, (int, float)) else None
            key = (r.check, row_id if row_id is not None else repr(r.failure_case))
            if key in seen:  # a row-wise check reports every column of a failing row: once is enough
                continue
            seen.add(key)
            where = ""
            if row_id is not None and row_id in panel.index:
                row = panel.loc[row_id]
                val = "NA" if row["value"] != row["value"] else f"{float(row['value']):g}"
                where = (f" in {row['source']}: {row['index']} {row['year']} {row['unit_code']} "
                         f"{row['indicator']} value {val}")
            col = f" [{r.column}]" if getattr(r, "schema_context", "") == "Column" else ""
            lines.append(f"{r.check}{col}{where}" + ("" if where else f": {r.failure_case!r}"))
            if len(lines) >= 15:
                break
        n = len(seen)
        raise PanelValidationError(
            f"panel validation failed: {lines[0]}" + (f" (and {n - 1} more)" if n > 1 else "")
            + ("\n" + "\n".join("- " + ln for ln in lines[1:]) if len(lines) > 1 else ""), fc) from None
