"""``parlib build``: raw files → validated tidy panel in ``data/processed/``.

Steps: check that the registry reference tables are reproduced from the raw province files; run
every source reader (``parlib.sources.SOURCES``) with one shared cleaning report; list every raw
file that no catalog reads (:mod:`parlib.sources.inventory`); fill unit names
and types from the registry and level, parent and maximum from the codebook; validate with the
pandera schema; then write all outputs at once. A failing build raises and writes nothing, so the
previous processed data stay byte-identical.
"""
from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from pathlib import Path

from parlib.errors import ParlibError, PanelValidationError
from parlib.panel.report import CleaningReport
from parlib.panel.schema import KEY, PANEL_COLUMNS

WORKER_TIMEOUT = 300  # seconds; a normal build reads everything in a few seconds
OUTPUTS = ("panel.parquet", "panel.csv", "cleaning_report.csv", "cleaning_summary.csv",
           "build_info.json")


@dataclass
class BuildResult:
    panel: "pd.DataFrame"
    report: CleaningReport
    out_dir: Path | None
    raw_dir: Path
    _summary: "pd.DataFrame | None" = None

    def summary(self):
        if self._summary is None:
            self._summary = self.report.summary()
        return self._summary


def _read_source(module: str, raw: Path):
    """One reader, enriched with the registry and codebook columns (run in a worker process)."""
    report = CleaningReport()
    df = importlib.import_module(module).read(raw, report)
    return assemble([df]), report.entries


def run_sources(raw: Path, report: CleaningReport, only: list[str] | None = None,
                jobs: int | None = None, meanwhile=None):
    """Run the source readers (in parallel worker processes where the platform forks), each
    output enriched by :func:`assemble`, and merge their cleaning reports in ``SOURCES`` order:
    the result does not depend on ``jobs``.
    ``meanwhile()`` runs in this process while the workers read (its exception wins)."""
    import multiprocessing as mp
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import TimeoutError as FuturesTimeout

    from parlib.sources import SOURCES

    modules = [m for index, m in SOURCES.items() if not only or index in only]
    jobs = min(len(modules), jobs or os.cpu_count() or 1)
    if jobs > 1 and "fork" in mp.get_all_start_methods():
        from parlib.io.children import die_with_parent

        pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork"),
                                   initializer=die_with_parent)  # workers end with this process
        stuck = False
        try:
            futures = [pool.submit(_read_source, m, raw) for m in modules]
            if meanwhile:
                meanwhile()
            results = [f.result(timeout=WORKER_TIMEOUT) for f in futures]
        except FuturesTimeout:  # a worker that never answers: stop it and read here instead
            stuck = True
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
            results = [_read_source(m, raw) for m in modules]
        finally:
            pool.shutdown(wait=not stuck, cancel_futures=True)
    else:
        if meanwhile:
            meanwhile()
        results = [_read_source(m, raw) for m in modules]
    frames = []
    for df, entries in results:
        report.entries.extend(entries)
        frames.append(df)
    return frames


def assemble(frames) -> "pd.DataFrame":
    """Concatenate reader outputs and fill the registry and codebook columns."""
    import pandas as pd

    from parlib import provinces
    from parlib.codebook import load_codebook

    frames = [f for f in frames if f is not None and len(f)]
    if not frames:
        return empty_panel()
    df = pd.concat(frames, ignore_index=True)
    for c in PANEL_COLUMNS:
        if c not in df.columns:
            df[c] = pd.NA
    df["year"] = df["year"].astype(int)
    df["unit_code"] = df["unit_code"].astype(str)
    units = {c: provinces.get(c) for c in df["unit_code"].unique() if provinces.exists(c)}
    unknown = sorted(set(df["unit_code"]) - set(units))
    if unknown:
        bad = df[df.unit_code.isin(unknown)].iloc[0]
        raise PanelValidationError(f"units not in the registry: {unknown} (first in {bad['source']})")
    df["unit_name"] = df["unit_code"].map(lambda c: units[c].name_vi)
    df["unit_type"] = df["unit_code"].map(lambda c: units[c].unit_type)

    cb = load_codebook()[["index", "indicator", "level", "parent", "scale_max", "year_from", "year_to"]]
    keys = df[["index", "indicator", "year"]].drop_duplicates()
    m = keys.merge(cb, on=["index", "indicator"], how="left")
    m = m[(m.year >= m.year_from) & (m.year <= m.year_to)].drop_duplicates(["index", "indicator", "year"])
    m = m.set_index(["index", "indicator", "year"])
    idx = pd.MultiIndex.from_frame(df[["index", "indicator", "year"]])
    df["level"] = m["level"].reindex(idx).to_numpy()
    df["parent"] = m["parent"].reindex(idx).to_numpy()
    df["parent"] = df["parent"].where(df["parent"].notna() & (df["parent"] != ""), None)
    scale_max = m["scale_max"].reindex(idx).to_numpy()
    df["max_value"] = pd.to_numeric(df["max_value"], errors="coerce")
    df["max_value"] = df["max_value"].where(df["max_value"].notna(), scale_max)
    missing = df["level"].isna()
    if missing.any():
        bad = df[missing][["index", "indicator", "year", "source"]].drop_duplicates().head(5)
        raise PanelValidationError("indicators not in the codebook for their year:\n"
                                   + bad.to_string(index=False))
    return normalise(df)


def combine(frames) -> "pd.DataFrame":
    """One panel from assembled frames (one per source)."""
    import pandas as pd

    frames = [f for f in frames if f is not None and len(f)]
    return normalise(pd.concat(frames, ignore_index=True)) if frames else empty_panel()


def empty_panel():
    import pandas as pd

    return normalise(pd.DataFrame({c: [] for c in PANEL_COLUMNS}))


def normalise(df):
    """Column order, dtypes and row order of the panel (deterministic)."""
    import pandas as pd

    df = df[PANEL_COLUMNS].copy()
    for c in ("index", "unit_code", "unit_name", "unit_type", "indicator", "level", "source"):
        df[c] = df[c].astype(str)
    for c in ("parent", "flag", "note"):
        df[c] = df[c].astype(object).where(df[c].notna() & (df[c].astype(str) != ""), None)
        df[c] = df[c].astype("str").where(df[c].notna(), None)
    df["year"] = df["year"].astype("int64")
    for c in ("value", "max_value", "ci_low", "ci_high"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("rank", "rank_of"):
        df[c] = pd.to_numeric(df[c], errors="coerce").round().astype("Int64")
    df = df.sort_values(KEY, kind="mergesort").reset_index(drop=True)
    return df


def check_reference(raw: Path, update: bool = False) -> list[str]:
    """Compare the registry tables rebuilt from raw with the committed ones; returns differences."""
    from parlib.paths import reference_dir
    from parlib.registry.build import build_reference_tables, write_reference_tables

    diffs = []
    for name, df in build_reference_tables(raw).items():
        path = reference_dir() / name
        text = df.to_csv(index=False, lineterminator="\n")
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            diffs.append(name)
    if diffs and update:
        write_reference_tables(raw)
        from parlib import provinces

        provinces.clear_cache()
        return []
    return diffs


def build(raw=None, out_dir=None, *, write: bool = True, update_reference: bool = False,
          only: list[str] | None = None, jobs: int | None = None) -> BuildResult:
    from parlib import provinces
    from parlib.paths import processed_dir, raw_dir
    from parlib.panel.schema import panel_schema, validate
    from parlib.sources.inventory import check_raw_files

    raw = raw_dir(raw)
    if write:  # an output "folder" that is a file: say so now, not after reading everything
        from parlib.io.atomic import check_folder

        check_folder(Path(out_dir) if out_dir else processed_dir())
    import pandas  # noqa: F401  (imported once here, inherited by the forked readers)

    if update_reference:  # the readers must see the updated registry: update first
        check_reference(raw, update=True)
    state = {}

    def prepare():  # while the readers work: check the registry and make the schema
        diffs = check_reference(raw)
        if diffs:
            raise ParlibError("reference tables differ from what the raw province files give: "
                              + ", ".join(diffs) + " (run `parlib build --update-reference` and review the diff)")
        state["registry"] = set(provinces.units(scheme=None, include_historical=True)["unit_code"])
        state["schema"] = panel_schema(unit_codes=state["registry"])

    report = CleaningReport()
    panel = combine(run_sources(raw, report, only, jobs, meanwhile=prepare))
    panel = importlib.import_module("parlib.panel.derive").add_derived(panel)  # PCI.unweighted ...
    check_raw_files(raw, report)  # every raw file read or ignored with its reason
    validate(panel, schema=state["schema"])
    out = Path(out_dir) if out_dir else processed_dir()
    result = BuildResult(panel=panel, report=report, out_dir=out if write else None, raw_dir=raw)
    if write:
        write_outputs(panel, report, out, summary=result.summary())
    return result


def csv_bytes(df) -> bytes:
    """A table as UTF-8 CSV bytes (Arrow's writer: fast, and floats in their shortest round-trip
    form; quotes only where a field needs them; empty field = missing)."""
    import io

    import pyarrow as pa
    import pyarrow.csv as pacsv

    buf = io.BytesIO()
    table = pa.Table.from_pandas(df, preserve_index=False)
    pacsv.write_csv(table, buf, pacsv.WriteOptions(quoting_style="needed"))
    return buf.getvalue()


def write_outputs(panel, report: CleaningReport, out: Path, summary=None):
    from parlib.io.atomic import staged_dir

    summary = report.summary() if summary is None else summary
    info = {
        "rows": int(len(panel)),
        "by_index_year": {f"{i} {y}": int(n) for (i, y), n in
                          panel.groupby(["index", "year"]).size().items()},
        "raw_rows_read": int(summary.rows_read.sum()) if len(summary) else 0,
        "raw_rows_kept": int(summary.kept.sum()) if len(summary) else 0,
        "raw_rows_dropped": int(summary.dropped.sum()) if len(summary) else 0,
    }
    with staged_dir(out, last=("build_info.json",)) as stage:  # one set, switched in together
        panel.to_parquet(stage / "panel.parquet", index=False, compression="zstd")
        (stage / "panel.csv").write_bytes(csv_bytes(panel))
        (stage / "cleaning_report.csv").write_bytes(csv_bytes(report.to_frame()))
        (stage / "cleaning_summary.csv").write_bytes(csv_bytes(summary))
        info.update(importlib.import_module("parlib.panel.version").stamp(stage))  # data version
        (stage / "build_info.json").write_text(json.dumps(info, indent=1, sort_keys=True) + "\n",
                                               encoding="utf-8")
