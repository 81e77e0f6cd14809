"""Ranks: the one place parlib computes or interprets a rank.

A rank shown anywhere is one of two kinds, and always carries its denominator:

* **published**: the rank the source printed, with the number of units the source ranked
  (``rank_of``); kept exactly as published;
* **computed**: a standard competition rank ("1224": ties share the best place) among every unit
  that has a value in that source, index, year and indicator; ``rank_of`` is that number of units
  and the row is flagged ``rank_computed``.

A rank among a handful of published facts is never computed: a source that covers fewer units
than the universe it ranks (``coverage_complete``) gives no computed ranks. A rank *move* is only
taken between two ranks of the same kind and the same denominator (:func:`move`).

>>> import pandas as pd
>>> competition(pd.Series([3.0, 5.0, 5.0, None])).tolist()
[3, 1, 1, <NA>]
>>> Rank(6, 63, PUBLISHED).label()
'#6/63'
>>> move(Rank(61, 63, PUBLISHED), Rank(59, 63, PUBLISHED))
2
>>> move(Rank(3, 3, COMPUTED), Rank(59, 63, PUBLISHED)) is None
True
>>> Rank(1, None, PUBLISHED).label(), Rank(1, None, PUBLISHED).place()
('', '#1')
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PUBLISHED = "published"
COMPUTED = "computed"
FLAG_COMPUTED = "rank_computed"


def competition(values: pd.Series, higher_is_better: bool = True) -> pd.Series:
    """Standard competition ranks (ties share the best place); missing values get <NA>."""
    r = pd.to_numeric(values, errors="coerce").rank(ascending=not higher_is_better, method="min")
    return r.astype("Int64")


def ordinal(values: pd.Series, higher_first: bool = True) -> pd.Series:
    """Positions 1..n of the rows (ties broken by their order): an ordering of rows, such as the
    criteria by points lost, not a competition rank of units."""
    r = pd.to_numeric(values, errors="coerce").rank(ascending=not higher_first, method="first")
    return r.astype("Int64")


def percentile_ranks(frame: pd.DataFrame) -> pd.DataFrame:
    """Each column's average ranks as fractions of its count (0-1], for pooling rank
    correlations across years (Spearman on the pooled percentiles)."""
    return frame.rank(pct=True)


def competition_matrix(values, higher_is_better: bool = True) -> np.ndarray:
    """Competition ranks of every column of a units × draws array at once (vectorised).

    Column by column the same ranks as :func:`competition` (ties share the best place: a unit's
    rank is 1 + the number of units strictly better); NaN where the value is missing, and missing
    values never count as better. Returns a float array of the same shape.

    >>> competition_matrix(np.array([[3.0, 1.0], [5.0, 1.0], [5.0, 2.0]])).tolist()
    [[3.0, 2.0], [1.0, 2.0], [1.0, 1.0]]
    """
    v = np.asarray(values, dtype=float)
    if v.ndim == 1:
        return competition_matrix(v[:, None], higher_is_better)[:, 0]
    x = v if higher_is_better else -v
    out = np.empty(x.shape, dtype=float)
    step = max(1, 4_000_000 // max(1, x.shape[0] ** 2))  # bound the n × n × k comparison block
    for j in range(0, x.shape[1], step):
        b = x[:, j:j + step]
        better = (b[None, :, :] > b[:, None, :]).sum(axis=1)   # [i, k]: units better than i
        out[:, j:j + step] = np.where(np.isnan(b), np.nan, 1.0 + better)
    return out


def coverage_complete(n_with_data: int, n_universe: int) -> bool:
    """Whether a computed rank can be said to be "of the universe": every unit has a value."""
    return n_universe > 0 and n_with_data >= n_universe


@dataclass(frozen=True)
class Rank:
    """A rank with its denominator and kind (:data:`PUBLISHED` or :data:`COMPUTED`)."""

    rank: int | None
    rank_of: int | None
    kind: str | None = None

    @property
    def known(self) -> bool:
        return self.rank is not None and self.rank_of is not None

    def label(self, lang: str = "en", mark_computed: bool = True) -> str:
        """'#6/63', with a mark when computed ('#6/63*'); '' when unknown."""
        if not self.known:
            return ""
        star = "*" if (mark_computed and self.kind == COMPUTED) else ""
        return f"#{self.rank}/{self.rank_of}{star}"

    @property
    def without_denominator(self) -> bool:
        """A place the source printed without saying how many units it ranked (only a
        published rank can be so: a computed rank always counts its units)."""
        return self.rank is not None and self.rank_of is None

    def place(self) -> str:
        """'#6' of a rank whose denominator the source does not give ('' when no rank); a known
        rank is written whole by :meth:`label`."""
        return "" if self.rank is None else f"#{self.rank}"

    def percentile(self) -> float | None:
        """Share of units ranked below (1.0 = first, 0.0 = last); None when unknown."""
        if not self.known or self.rank_of <= 1:
            return None
        return (self.rank_of - self.rank) / (self.rank_of - 1)

    def quarter(self) -> int | None:
        """1..4: the quarter of the ranked units (1 = best), as PAPI's four colour groups."""
        if not self.known or self.rank_of < 4:
            return None
        return min(4, max(1, -(-4 * self.rank // self.rank_of)))

    def third(self) -> str | None:
        """'top' / 'middle' / 'bottom' third of the ranked units (COINr-style standing)."""
        if not self.known:
            return None
        if self.rank <= self.rank_of / 3:
            return "top"
        if self.rank > 2 * self.rank_of / 3:
            return "bottom"
        return "middle"


def comparable(a: Rank, b: Rank) -> bool:
    """Two ranks can be compared when both are known, of the same kind and denominator."""
    return a.known and b.known and a.kind == b.kind and a.rank_of == b.rank_of


def move(prev: Rank, cur: Rank) -> int | None:
    """Places gained from ``prev`` to ``cur`` (positive = up); None when not comparable."""
    return prev.rank - cur.rank if comparable(prev, cur) else None


def from_row(row) -> Rank:
    """The :class:`Rank` of one panel row (``rank``, ``rank_of``, ``flag``)."""
    r, n = row.get("rank"), row.get("rank_of")
    if r is None or pd.isna(r) or n is None or pd.isna(n):
        return Rank(None, None, None)
    flag = row.get("flag")
    kind = COMPUTED if (isinstance(flag, str) and FLAG_COMPUTED in flag.split(";")) else PUBLISHED
    return Rank(int(r), int(n), kind)


def kinds(df: pd.DataFrame) -> np.ndarray:
    """:func:`from_row`'s kind for every row at once (None where the rank is unknown)."""
    known = (df["rank"].notna() & df["rank_of"].notna()).to_numpy()
    flags = df["flag"] if "flag" in df else pd.Series(None, index=df.index, dtype=object)
    computed = np.array([isinstance(f, str) and FLAG_COMPUTED in f.split(";")
                         for f in flags.to_numpy(dtype=object)], dtype=bool)
    return np.where(known, np.where(computed, COMPUTED, PUBLISHED), None).astype(object)


def fill_computed(df: pd.DataFrame, by: list[str], higher_is_better=True,
                  universe: int | str | None = None) -> pd.DataFrame:
    """Fill ``rank``/``rank_of`` where the source published none, by group ``by``.

    Published ranks are kept. A group whose rows carry no rank at all gets competition ranks among
    its rows with a value, ``rank_of`` = that count, and the flag ``rank_computed`` — unless
    ``universe`` is given and fewer units than that have a value (a partial source: no rank).
    ``higher_is_better`` is a bool or a column name holding one per row (the group's first row
    decides); ``universe`` an int or a column name holding one per row (missing: no universe).
    """
    out = df.copy()
    if "rank" not in out:
        out["rank"] = pd.NA
    if "rank_of" not in out:
        out["rank_of"] = pd.NA
    out["rank"] = out["rank"].astype("Int64")
    out["rank_of"] = out["rank_of"].astype("Int64")
    if "flag" not in out:
        out["flag"] = pd.NA
    if out.empty:
        return out
    # one pass over all groups (rows whose group key is missing are in no group: gid -1)
    gid = out.groupby(by, sort=False).ngroup().fillna(-1).to_numpy().astype(int)
    has_value = out["value"].notna().to_numpy()
    ranked_group = pd.Series(out["rank"].notna().to_numpy()).groupby(gid).transform("any")
    n = pd.Series(has_value.astype(int)).groupby(gid).transform("sum").to_numpy()
    todo = (gid >= 0) & ~ranked_group.to_numpy() & (n > 0) & has_value
    if isinstance(universe, str):  # one universe per row (missing: none)
        todo &= np.array([pd.isna(u) or coverage_complete(int(k), int(u))
                          for k, u in zip(n, out[universe].to_numpy(dtype=object))], dtype=bool)
    elif universe is not None:
        todo &= np.array([coverage_complete(int(k), universe) for k in n], dtype=bool)
    if not todo.any():
        return out
    if isinstance(higher_is_better, str):  # the group's first row says
        first = pd.Series(np.arange(len(out))).groupby(gid).transform("min").to_numpy()
        hib = np.array([bool(x) for x in out[higher_is_better].to_numpy()[first]], dtype=bool)
    else:
        hib = np.full(len(out), bool(higher_is_better))
    vals = pd.Series(pd.to_numeric(out["value"], errors="coerce").to_numpy())
    best_high = vals.groupby(gid).rank(ascending=False, method="min").to_numpy()
    best_low = vals.groupby(gid).rank(ascending=True, method="min").to_numpy()
    r = pd.array(np.where(hib, best_high, best_low), dtype="Float64").astype("Int64")
    rank, rank_of = out["rank"].array.copy(), out["rank_of"].array.copy()
    rank[todo] = r[todo]
    rank_of[todo] = n[todo]
    out["rank"], out["rank_of"] = rank, rank_of
    flags = out["flag"].to_numpy(dtype=object, na_value=None).copy()
    flags[todo] = [FLAG_COMPUTED if (not isinstance(f, str) or not f) else
                   (f if FLAG_COMPUTED in f.split(";") else f + ";" + FLAG_COMPUTED)
                   for f in flags[todo]]
    dtype = out["flag"].dtype
    out["flag"] = pd.Series(flags, index=out.index,
                            dtype=dtype if isinstance(dtype, pd.StringDtype) else object)
    return out


def rank_in(values: pd.Series, code, higher_is_better: bool = True,
            universe: int | None = None) -> Rank:
    """The computed rank of unit ``code`` among ``values`` (indexed by unit code).

    Unknown when ``code`` has no value, or when ``universe`` is given and fewer units have one.
    """
    v = pd.to_numeric(values, errors="coerce").dropna()
    if code not in v.index:
        return Rank(None, None, None)
    if universe is not None and not coverage_complete(len(v), universe):
        return Rank(None, None, None)
    return Rank(int(competition(v, higher_is_better)[code]), len(v), COMPUTED)


def place_among(score: float, others: pd.Series, higher_is_better: bool = True) -> int:
    """The competition rank a ``score`` would take among ``others`` (the other units' values):
    1 + the number of units strictly better (ties share the best place)."""
    import numpy as np

    o = pd.to_numeric(others, errors="coerce").dropna().to_numpy()
    better = np.sum(o > score + 1e-12) if higher_is_better else np.sum(o < score - 1e-12)
    return int(1 + better)
