"""Shared fixtures of the analysis tests."""
import pytest

# results memoised in an analysis context's ``memo`` by the modules under mutation testing
MEMO_KEYS = ("mc_intervals", "panel_ranks", "targets_years", "targets_yoy")


@pytest.fixture(autouse=True)
def _fresh_memo():
    """Memoised results (Monte Carlo intervals, panel ranks, targets' past moves) are recomputed
    by every test: mutation testing forks after a first run of the tests, and a mutant inside a
    memoised function would otherwise never run. Contexts (loaded frames, year matrices) stay."""
    from parlib.analysis import context as actx

    for ctx, _ in list(actx._CONTEXTS.values()):
        for k in [k for k in ctx.memo if isinstance(k, tuple) and k[0] in MEMO_KEYS]:
            del ctx.memo[k]
    yield
