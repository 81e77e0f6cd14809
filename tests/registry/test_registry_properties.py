"""Property-based tests (hypothesis) of the foundation: the registry never raises anything but a
ParlibError, folding is stable, and the cleaning report always accounts for every row."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parlib import provinces
from parlib.errors import ParlibError
from parlib.registry.keys import alias_key
from parlib.panel.report import CleaningReport

NAMES = [u.name_vi for u in provinces._tables()[0].values() if u.scheme == "63"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_resolve_raises_only_parlib_errors(text):
    try:
        u = provinces.resolve(text)
    except ParlibError:
        return
    assert u.code in provinces.codes(include_historical=True)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(["", "Tỉnh ", "Thành phố ", "TP. ", "tp "]),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: s]),
       st.sampled_from(["", " ", "  "]))
def test_decorated_names_resolve_to_the_same_unit(name, prefix, case, pad):
    want = provinces.resolve(name).code
    assert provinces.resolve(pad + prefix + case(name) + pad).code == want


@settings(deadline=None)
@given(st.text(max_size=30))
def test_alias_key_is_idempotent_ascii(text):
    k = alias_key(text)
    assert alias_key(k) == k and k.isascii()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 500), st.booleans()), max_size=60, unique_by=lambda t: t[0]))
def test_report_accounts_for_every_row(rows):
    rep = CleaningReport()
    for row, keep in rows:
        if keep:
            rep.kept("x/file.xlsx", "S", row, f"u{row}", "01")
        else:
            rep.dropped("x/file.xlsx", "S", row, f"u{row}", "summary row")
    s = rep.summary()
    if rows:
        assert int(s.rows_read.iloc[0]) == len(rows)
        assert int(s.kept.iloc[0]) + int(s.dropped.iloc[0]) == len(rows)
    assert rep.check_complete().empty
