"""Benchmark of the Monte Carlo rank intervals (issue 19): every province-year of PCI and PAPI
with ``draws`` draws, in a cold subprocess (imports and panel load included) and in-process
(panel already loaded). Target: ≤ 120 s on 2 cores with ≥ 1,000 draws."""
from __future__ import annotations

import statistics
import subprocess
import sys
import time

CODE = ("import time; t=time.perf_counter(); "
        "from parlib.analysis.rank_simulation import MCParams, all_intervals; "
        "d=all_intervals(MCParams(draws={draws})); "
        "print(len(d), d.groupby(['index','year']).ngroups, d.rank_low.notna().sum(), "
        "time.perf_counter()-t)")


def bench_montecarlo(draws: int = 1000, repeat: int = 3) -> dict:
    cold, inproc = [], []
    rows = groups = with_iv = 0
    for _ in range(repeat):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-c", CODE.format(draws=draws)], capture_output=True,
                           text=True, check=True)
        cold.append(time.perf_counter() - t)
        rows, groups, with_iv, _ = (float(x) for x in r.stdout.split())
    from parlib.analysis.context import clear_cache, context
    from parlib.analysis.rank_simulation import MCParams, all_intervals

    context()  # panel loaded once, as in a notebook session
    all_intervals(MCParams(draws=10))
    for i in range(repeat):
        clear_cache()
        ctx = context()
        for ix in ("PCI", "PAPI"):
            ctx.frame(ix)
        t = time.perf_counter()
        all_intervals(MCParams(draws=draws, seed=i))
        inproc.append(time.perf_counter() - t)
    return {"draws": draws, "province_years": int(rows), "index_years": int(groups),
            "province_years_with_interval": int(with_iv),
            "cold_seconds": round(statistics.median(cold), 2),
            "in_process_seconds": round(statistics.median(inproc), 2), "runs": repeat,
            "target_seconds": 120,
            "note": "cold = new interpreter, imports and panel load included; in-process = "
                    "panel already loaded (a notebook session)"}


if __name__ == "__main__":
    print(bench_montecarlo(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
