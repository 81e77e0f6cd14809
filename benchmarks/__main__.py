"""Run the three benchmarks of issue 8 and write results.json and results.md.

1. build: ``parlib build`` from raw (subprocess, cold) vs reading every sheet of every raw workbook
   naively with pandas' default engines (``pd.read_excel(sheet_name=None)``, ``read_stata``,
   ``read_csv``) → ``build_speedup``.
2. load: ``import parlib; parlib.load()`` in a cold interpreter, imports included → ``load_seconds``
   (also reported: a bare ``import pandas`` cold start, the floor any DataFrame-returning loader pays).
3. briefs: ``parlib briefs --year Y`` for all 63 provinces vs the naive loop of the ``papermill`` CLI
   followed by ``jupyter nbconvert --to html --no-input`` on the same notebook, timed on a sample of
   provinces and extrapolated to 63 (said in the output) → ``briefs_speedup``; plus peak memory.
4. brief: one cold ``parlib brief`` (a new process and a new kernel, imports included) →
   ``cold_brief_seconds`` (target ≤ 5 s). The machine's load average and the time of a fixed
   pure-Python loop are recorded with the results: on a shared machine the wall-clock times grow
   with the load and vary with the host's speed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OUT = Path(__file__).resolve().parent


def _run(cmd, env=None, cwd=ROOT):
    t = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"benchmark command failed ({r.returncode}): {' '.join(map(str, cmd))}\n"
                         f"{r.stderr[-2000:]}")
    return dt


def _peak_children_mb():
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def naive_read_all(raw: Path):
    """The baseline: every sheet of every raw workbook with pandas' default engines."""
    import pandas as pd

    n = 0
    for f in sorted(raw.rglob("*")):
        suf = f.suffix.lower()
        if suf in (".xls", ".xlsx"):
            sheets = pd.read_excel(f, sheet_name=None, header=None)
            n += sum(len(s) for s in sheets.values())
        elif suf == ".dta":
            n += len(pd.read_stata(f))
        elif suf == ".csv":
            n += len(pd.read_csv(f, encoding_errors="replace"))
    return n


def bench_build(raw: Path, repeat: int):
    naive_code = ("import warnings; warnings.simplefilter('ignore'); from pathlib import Path; "
                  f"from benchmarks.__main__ import naive_read_all; naive_read_all(Path({str(raw)!r}))")
    naive = [_run([sys.executable, "-c", naive_code]) for _ in range(repeat)]
    ours = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            ours.append(_run([BIN / "parlib", "build", "--quiet", "--raw", str(raw), "--out", tmp]))
    n, b = statistics.median(naive), statistics.median(ours)
    return {"naive_read_all_seconds": round(n, 3), "build_seconds": round(b, 3),
            "build_speedup": round(n / b, 2), "runs": repeat,
            "note": "both run as cold subprocesses of this process (interpreter start and imports "
                    "included); the naive baseline only reads every sheet, parlib build also cleans, "
                    "checks, validates and writes"}


def bench_load(repeat: int):
    code = "import parlib; parlib.load()"
    ours = [_run([sys.executable, "-c", code]) for _ in range(repeat)]
    floor = [_run([sys.executable, "-c", "import pandas"]) for _ in range(repeat)]
    naive = [_run([sys.executable, "-c",
                   "import pandas as pd; pd.read_csv('data/processed/panel.csv', dtype={'unit_code': str})"])
             for _ in range(repeat)]
    return {"load_seconds": round(statistics.median(ours), 3),
            "pandas_import_seconds": round(statistics.median(floor), 3),
            "load_over_pandas_import_seconds": round(statistics.median(ours) - statistics.median(floor), 3),
            "naive_read_csv_seconds": round(statistics.median(naive), 3), "runs": repeat}


def bench_briefs(year: int, sample: list[str], jobs: int, repeat: int, lang: str):
    import pandas as pd  # noqa: F401  (the parent stays light; work happens in subprocesses)

    nb = ROOT / "notebooks" / "10_annual_brief.ipynb"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = dict(os.environ, PARLIB_REPORTS_DIR=str(tmp / "reports"))
        naive = []
        for prov in sample:
            out_nb = tmp / f"{prov}.ipynb"
            t = time.perf_counter()
            _run([BIN / "papermill", str(nb), str(out_nb), "-r", "province", prov, "-p", "year",
                  str(year), "-p", "lang", lang, "-k", "parlib", "--no-progress-bar"], env=env)
            _run([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", str(out_nb)], env=env)
            naive.append(time.perf_counter() - t)
        per_brief_naive = statistics.median(naive)
        ours = []
        for i in range(repeat):
            shutil.rmtree(tmp / "reports", ignore_errors=True)
            ours.append(_run([BIN / "parlib", "briefs", "--year", str(year), "--lang", lang,
                              "--jobs", str(jobs)], env=env))
        n_html = len(list((tmp / "reports").rglob("*.html")))
    batch = statistics.median(ours)
    n_briefs = 63
    naive_63 = per_brief_naive * n_briefs
    return {"naive_seconds_per_brief": round(per_brief_naive, 2),
            "naive_sample_provinces": sample,
            "naive_63_extrapolated_seconds": round(naive_63, 1),
            "batch_63_seconds": round(batch, 1), "batch_seconds_per_brief": round(batch / n_briefs, 3),
            "briefs_speedup": round(naive_63 / batch, 2), "jobs": jobs, "runs": repeat,
            "html_files_written": n_html,
            "note": f"naive loop timed on {len(sample)} provinces and extrapolated to 63"}


def _reference_loop() -> float:
    """Seconds of a fixed pure-Python loop (``sum(range(3e7))``, best of 3): how fast this
    machine runs right now (a shared virtual machine's speed varies by half or more)."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        sum(range(30_000_000))
        best = min(best, time.perf_counter() - t)
    return best


def bench_cold_brief(year: int, province: str, repeat: int, lang: str):
    runs, cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            runs.append(_run([BIN / "parlib", "brief", "--province", province, "--year",
                              str(year), "--lang", lang, "--out", tmp]))
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
        size = max(p.stat().st_size for p in Path(tmp).rglob("*.html") if p.name != "index.html")
    return {"cold_brief_seconds": round(statistics.median(runs), 2),
            "cold_brief_cpu_seconds": round(statistics.median(cpu), 2), "province": province,
            "year": year, "runs": repeat, "largest_brief_bytes": size,
            "note": "cpu: user+system time of the command and its kernel (less sensitive to the "
                    "machine's load than the wall clock)"}


def write_results(res: dict):
    (OUT / "results.json").write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n")
    b, l, r = res.get("build", {}), res.get("load", {}), res.get("briefs", {})
    lines = [
        "| benchmark | parlib | naive baseline | result | target |",
        "|---|---|---|---|---|",
    ]
    if b:
        lines.append(f"| build panel from raw | {b['build_seconds']} s | {b['naive_read_all_seconds']} s "
                     f"(read every sheet) | build_speedup **{b['build_speedup']}x** | ≥ 5 |")
    if l:
        lines.append(f"| load panel, cold process | {l['load_seconds']} s | {l['naive_read_csv_seconds']} s "
                     f"(pandas read_csv) | load_seconds **{l['load_seconds']}** (pandas import alone "
                     f"{l['pandas_import_seconds']} s) | ≤ 0.2 |")
    if r:
        lines.append(f"| 63 briefs, year {res['meta']['year']} | {r['batch_63_seconds']} s "
                     f"({r['batch_seconds_per_brief']} s/brief, {r['jobs']} jobs) | "
                     f"{r['naive_63_extrapolated_seconds']} s ({r['naive_seconds_per_brief']} s/brief, "
                     f"extrapolated from {len(r['naive_sample_provinces'])}) | briefs_speedup "
                     f"**{r['briefs_speedup']}x** | ≥ 10 |")
    c = res.get("brief", {})
    if c:
        lines.append(f"| one cold `parlib brief` ({c['province']} {c['year']}) | "
                     f"{c['cold_brief_seconds']} s wall, {c.get('cold_brief_cpu_seconds', '?')} s CPU"
                     f" | – | brief of {c['largest_brief_bytes'] // 1000} KB | ≤ 5 s, ≤ 200 KB |")
    m = res.get("montecarlo")
    if m:
        lines.append(f"| rank intervals, {m['province_years']} province-years × {m['draws']} draws "
                     f"| {m['cold_seconds']} s cold ({m['in_process_seconds']} s in-process) | – | "
                     f"**{m['cold_seconds']} s** | ≤ {m['target_seconds']} s |")
    peak = res["meta"].get("peak_child_rss_mb")
    lines += ["", f"Peak memory of any child process: {peak} MB. Machine: {res['meta']['machine']}. "
              f"Medians of {res['meta']['repeat']} runs. Load average during the run: "
              f"{res['meta'].get('loadavg', '?')}. A fixed pure-Python loop took "
              f"{res['meta'].get('reference_loop_seconds', '?')} s (start / end; 0.47-1.15 s seen on this "
              "machine): the speed of a shared virtual machine varies."]
    (OUT / "results.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m benchmarks")
    ap.add_argument("--only", choices=["build", "load", "briefs", "brief", "montecarlo"],
                    action="append")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--year", type=int, default=None, help="default: the latest year with data")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--lang", default="en")
    ap.add_argument("--sample", nargs="+", default=["01", "49", "92"],
                    help="provinces for the naive loop (extrapolated to 63)")
    args = ap.parse_args(argv)
    from parlib.paths import raw_dir

    if args.year is None:
        from parlib.render.params import latest_brief_year

        args.year = latest_brief_year()
    only = args.only or ["build", "load", "briefs", "brief", "montecarlo"]
    prev = {}
    if (OUT / "results.json").exists():
        prev = json.loads((OUT / "results.json").read_text())
    res = {k: v for k, v in prev.items() if k in ("build", "load", "briefs", "brief", "montecarlo")}
    load0 = os.getloadavg()
    speed0 = _reference_loop()
    if "build" in only:
        res["build"] = bench_build(raw_dir(), args.repeat)
    if "load" in only:
        res["load"] = bench_load(max(5, args.repeat))
    if "briefs" in only:
        res["briefs"] = bench_briefs(args.year, args.sample, args.jobs, args.repeat, args.lang)
    if "brief" in only:
        res["brief"] = bench_cold_brief(args.year, args.sample[1], args.repeat, args.lang)
    if "montecarlo" in only:
        from benchmarks.montecarlo import bench_montecarlo

        res["montecarlo"] = bench_montecarlo(1000, args.repeat)
    res["meta"] = {"machine": f"{os.cpu_count()} cores, {platform.python_implementation()} "
                              f"{platform.python_version()}, {platform.system()}",
                   "repeat": args.repeat, "year": args.year,
                   "peak_child_rss_mb": round(_peak_children_mb(), 1),
                   "reference_loop_seconds": f"{speed0:.2f} / {_reference_loop():.2f}",
                   "loadavg": " / ".join(f"{a:.1f}" for a in (load0[0], os.getloadavg()[0]))
                   + " (start / end, 1-minute)"}
    write_results(res)


if __name__ == "__main__":
    main()
