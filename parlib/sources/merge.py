"""Priority merge of overlapping sources: the one rule every index uses to turn several
statements of the same value into one panel row.

Records are grouped by their panel key; within a group they are ordered by precedence (the
catalog ``priority``, or the published-facts order); the first record *with a value* wins and
every other record is compared with it (:func:`disagreements`). What a disagreement means (a
``conflict`` flag, a ``source_disagreement`` issue, the note listing every source) is said by
each index's reader; how records are grouped and the winner chosen is said only here.
"""
from __future__ import annotations

from itertools import groupby
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")


def by_key(records: Iterable[T], key: Callable[[T], tuple], precedence: Callable[[T], tuple]
           ) -> Iterator[tuple[tuple, list[T]]]:
    """(key, records of that key in precedence order), keys in sorted order; the sort is stable,
    so records of equal precedence keep their input order."""
    ordered = sorted(records, key=lambda r: (key(r), precedence(r)))
    for k, grp in groupby(ordered, key=key):
        yield k, list(grp)


def winner(group: list[T], has_value: Callable[[T], bool]) -> T:
    """The first record with a value (the group is in precedence order), else the first."""
    return next((r for r in group if has_value(r)), group[0])


def disagreements(win: T, others: Iterable[T], value: Callable[[T], float | None],
                  tolerance: Callable[[T, T], float]) -> list[tuple[T, float]]:
    """The records whose value differs from the winner's by more than ``tolerance(win, other)``,
    with the difference (records without a value are not compared)."""
    a = value(win)
    out = []
    if a is None:
        return out
    for r in others:
        b = value(r)
        if r is win or b is None:
            continue
        d = abs(b - a)
        if d > tolerance(win, r):
            out.append((r, d))
    return out
