"""The io tests take a folder lock at most a few seconds at a time: a writer that waited for its
own lock (a lock taken twice) fails in 20 s instead of PARLIB_LOCK_TIMEOUT's 600 s."""
import pytest


@pytest.fixture(autouse=True)
def short_lock_timeout(monkeypatch):
    monkeypatch.setenv("PARLIB_LOCK_TIMEOUT", "20")
