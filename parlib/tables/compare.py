"""A table for an (index, year) the panel already holds is compared with it, not merged.

Two values agree when they differ by no more than half a unit of the table's printed precision
(a table printing 6.54 agrees with 6.5432 in the panel). Every disagreement is listed with the
unit, the indicator, both values and both sources; the last line reads ``N values agree, M disagree``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from parlib.errors import ParlibError


@dataclass
class Disagreement:
    unit_code: str
    unit_name: str
    indicator: str
    table_value: float
    panel_value: float
    table_source: str
    panel_source: str

    def line(self) -> str:
        return (f"{self.unit_code} {self.unit_name} {self.indicator}: table {self.table_value:g} "
                f"({self.table_source}) vs panel {self.panel_value:g} ({self.panel_source})")


@dataclass
class Comparison:
    agree: int = 0
    disagreements: list = field(default_factory=list)
    only_in_table: int = 0         # table values the panel has no value for (not added)

    @property
    def disagree(self) -> int:
        return len(self.disagreements)

    def summary(self) -> str:
        return f"{self.agree} values agree, {self.disagree} disagree"

    def lines(self) -> list[str]:
        out = [d.line() for d in self.disagreements]
        if self.only_in_table:
            out.append(f"{self.only_in_table} table values have no value in the panel (not added; --replace imports the table)")
        return out + [self.summary()]


def held(index: str, year: int, codes):
    """The panel rows (official build + earlier imports) of ``index`` and ``year`` for these units."""
    from parlib.panel import imported_tables, load

    try:
        df = load(index, year=int(year), unit=list(codes))
    except ParlibError:
        df = imported_tables()
        if df is None:
            return None
        df = df[(df["index"] == index) & (df["year"] == int(year)) & df["unit_code"].isin(list(codes))]
    df = df[df["value"].notna()]
    return df if len(df) else None


def against_panel(panel, t, decimals: dict) -> Comparison | None:
    """None when the panel holds nothing of the table's (index, year) for its units."""
    h = held(t.index, t.year, set(panel.unit_code))
    if h is None:
        return None
    have = {(r.unit_code, r.indicator): (r.value, r.source) for r in h.itertuples()}
    res = Comparison()
    for r in panel[panel["value"].notna()].itertuples():
        hit = have.get((r.unit_code, r.indicator))
        if hit is None:
            res.only_in_table += 1
            continue
        d = decimals.get(r.indicator, 2)
        tol = Decimal(5) / (Decimal(10) ** (int(d) + 1)) + Decimal("1e-9")
        if abs(Decimal(repr(float(r.value))) - Decimal(repr(float(hit[0])))) <= tol:
            res.agree += 1
        else:
            res.disagreements.append(Disagreement(r.unit_code, r.unit_name, r.indicator, float(r.value),
                                                  float(hit[0]), r.source, str(hit[1])))
    return res
