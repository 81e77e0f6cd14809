"""Reader of the published provincial targets (``<raw>/targets/provincial_targets_published.csv``).

The raw file (hand-transcribed from news and government pages, see its PROVENANCE.md) has the
columns unit, index, year, indicator, target_score, target_rank, plan, source_url, quote. This
reader returns it in the plans-table shape that :func:`parlib.analysis.targets.check` reads
(``source`` = the page URL), keeping ``plan`` and ``quote``; the target cells stay as written —
their forms ("top 15", "nhóm 25-30", "+3.37 điểm so với 2018"...) are parsed by
:mod:`parlib.analysis.target_forms`. The raw file is only read, never changed.
"""
from __future__ import annotations

RELPATH = "targets/provincial_targets_published.csv"
COLUMNS = ("unit", "index", "year", "indicator", "target_score", "target_rank", "plan",
           "source_url", "quote")


def path(raw=None):
    from parlib.paths import raw_dir

    return raw_dir(raw) / RELPATH


def read_published(raw=None):
    """The published targets as a plans table (one row per target, ``row`` = the file's line)."""
    import pandas as pd

    from parlib.io.csvread import read_dicts

    _, rows = read_dicts(path(raw), RELPATH, required=COLUMNS)
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df.insert(0, "row", range(2, 2 + len(df)))
    df["source"] = df["source_url"]
    df.attrs["file"] = RELPATH
    return df
