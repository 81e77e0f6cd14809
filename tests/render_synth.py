"""SYNTHETIC panel for the rendering tests (made-up numbers, not real index data).

All 63 provinces; PCI 2016-2019 with the real codebook's criteria (overall = 10 × mean of the
criteria); PAPI 2018-2019 (total = sum of the dimensions); no PAR or SIPAS, so the briefs must
say "no data" for them. Written with parlib.build.write_outputs, like a real build.
"""
from __future__ import annotations

from pathlib import Path

PCI_YEARS = (2016, 2017, 2018, 2019)
PAPI_YEARS = (2018, 2019)


def make_panel():
    import numpy as np
    import pandas as pd

    from parlib import codebook, provinces
    from parlib.build import assemble

    rng = np.random.default_rng(20191)
    codes = provinces.codes("63")
    rows = []

    def ranks(vals):
        s = pd.Series(vals)
        return s.rank(ascending=False, method="min").astype(int).to_dict()

    for index, years, total in (("PCI", PCI_YEARS, "PCI.overall"), ("PAPI", PAPI_YEARS, "PAPI.total")):
        for y in years:
            cb = codebook.for_year(index, y)
            crit = sorted(cb[(cb.parent == total) & (cb.level == "area")].indicator.unique())
            base = {c: rng.uniform(0.35, 0.8) for c in codes}
            vals = {ind: {c: round(float(np.clip(10 * base[c] + rng.normal(0, 1.0), 1.2, 9.8)), 2)
                          for c in codes} for ind in crit}
            if index == "PCI":
                overall = {c: round(10 * float(np.mean([vals[i][c] for i in crit])), 2) for c in codes}
            else:
                overall = {c: round(float(np.sum([vals[i][c] for i in crit])), 2) for c in codes}
            for ind, v in list(vals.items()) + [(total, overall)]:
                rk = ranks(v)
                for c in codes:
                    rows.append(dict(index=index, year=y, unit_code=c, indicator=ind, value=v[c],
                                     rank=rk[c], rank_of=len(codes),
                                     source=f"synthetic/{index.lower()}_{y}.csv"))
    return assemble([pd.DataFrame(rows)])


def write_panel(out_dir: Path) -> Path:
    from parlib.build import write_outputs
    from parlib.report import CleaningReport

    out_dir = Path(out_dir)
    write_outputs(make_panel(), CleaningReport(), out_dir)
    return out_dir
