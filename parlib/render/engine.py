"""Execution engine: parameterised notebooks on warm kernels, exported to self-contained HTML.

One :class:`WarmKernel` per worker process runs many notebooks. Before each notebook a hidden
first cell calls :func:`parlib.render.session.reset` (fresh namespace, matplotlib and pandas
state restored), so a brief rendered on a warm kernel equals a cold run (tested). Parameters are
injected by papermill's ``parameterize_notebook`` machinery (as literals: a parameter string is
never executed) and the notebook runs in-process through papermill's nbclient engine. The HTML
is exported into our own page (:mod:`parlib.render.page`, Jinja) without code cells and prompts,
with images embedded and no script fetched from the network, and written atomically: a failing render leaves the previous report
untouched.
"""
from __future__ import annotations

import copy
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from parlib.errors import ParlibError

RESET_SOURCE = "__import__('parlib.render.session', fromlist=['reset']).reset()"
RESET_TAG = "parlib-reset"
HIDE_TAGS = {"remove_cell", "remove-cell", "hide", RESET_TAG}
CELL_TIMEOUT = 300
BRIEF_NOTEBOOK = "10_annual_brief.ipynb"


def skip_iri_grammar() -> None:
    """Spare this process the 2-3 s of CPU jsonschema spends at import (nbformat and papermill
    import it) compiling a Lark grammar for RFC 3987 IRIs, when the optional package
    ``rfc3987-syntax`` is installed (JupyterLab's ``jupyter-events`` pulls it in). Notebook JSON
    has no IRI-formatted fields, so nothing parlib validates changes; called only by parlib's own
    command-line and worker processes, never on ``import parlib`` (a user's process keeps it)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # None in sys.modules: ImportError


class RenderError(ParlibError):
    """A notebook failed to execute or export; the message names the notebook and the error."""


def notebooks_dir() -> Path:
    from parlib.paths import project_root

    return project_root() / "notebooks"


@lru_cache(maxsize=1)
def _private_spec_manager():
    """A kernelspec ``parlib`` running this interpreter, in a temporary folder."""
    import atexit
    import json
    import shutil
    import tempfile

    from jupyter_client.kernelspec import KernelSpecManager

    d = Path(tempfile.mkdtemp(prefix="parlib-kernels-"))
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    (d / "parlib").mkdir()
    (d / "parlib" / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python (parlib)", "language": "python"}), encoding="utf-8")
    return KernelSpecManager(kernel_dirs=[str(d)])


def _kernel_env() -> dict:
    env = dict(os.environ)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    env.pop("JPY_PARENT_PID", None)
    return env


_ENGINE_NAME = "parlib-warm"


def _register_engine():
    """A papermill engine whose nbclient reuses the warm kernel's client (papermill's own
    engine would open a new client, and wait for it, on every run)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    if _ENGINE_NAME in papermill_engines._engines:
        return

    class WarmClient(PapermillNotebookClient):
        def __init__(self, nb_man, km=None, warm_kc=None, **kw):
            super().__init__(nb_man, km=km, **kw)
            self.kc = warm_kc

    class WarmEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False,
                                     stdout_file=None, stderr_file=None, start_timeout=60,
                                     execution_timeout=None, km=None, warm_kc=None, **kwargs):
            client = WarmClient(nb_man, km=km, warm_kc=warm_kc, timeout=execution_timeout,
                                startup_timeout=start_timeout, kernel_name=kernel_name,
                                log=logging.getLogger("papermill"), log_output=log_output,
                                stdout_file=stdout_file, stderr_file=stderr_file)
            return client.execute(cleanup_kc=False)

    papermill_engines.register(_ENGINE_NAME, WarmEngine)


class WarmKernel:
    """A kernel started once and reused for many notebooks (see the module docstring)."""

    def __init__(self, cwd: str | os.PathLike | None = None, warm: bool = True,
                 preload: bool = False, wait: bool = True):
        """``warm``: import and cache everything a brief uses once ready (batch workers).
        ``preload``: the kernel imports the brief's modules and loads the panel while it starts
        (its exec_lines), so a single brief overlaps that with the caller's own work.
        ``wait=False`` returns as soon as the process is launched (:meth:`ready` waits)."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self._run_sync = run_sync
        # always this interpreter (the parlib that renders is the parlib that was called), through
        # a private kernelspec: no search of the Jupyter paths, whatever `make lab` registered
        self.km = AsyncKernelManager(kernel_name="parlib",
                                     kernel_spec_manager=_private_spec_manager())
        self.kernel_name = "parlib"
        cwd = Path(cwd) if cwd else notebooks_dir()
        if not cwd.is_dir():
            cwd = Path.cwd()
        import subprocess

        quiet = {} if os.environ.get("PARLIB_DEBUG") else {"stderr": subprocess.DEVNULL,
                                                             "stdout": subprocess.DEVNULL}
        extra = ["--HistoryManager.enabled=False"]
        if preload:
            extra.append("--IPKernelApp.exec_lines=[\"__import__('parlib.render.session', "
                         "fromlist=['preload']).preload()\"]")
        run_sync(self.km.start_kernel)(cwd=str(cwd), env=_kernel_env(),
                                       extra_arguments=extra, **quiet)
        self.kc = self.km.client()  # channels open in ready(): a kernel stopped before is quiet
        self._channels = False
        self.runs = 0
        self.broken = False
        self._ready = False
        self._warm = warm
        if wait:
            self.ready()

    def ready(self) -> "WarmKernel":
        """Wait until the kernel answers (and is warmed, if asked); idempotent."""
        if not self._ready:
            if not self._channels:
                self.kc.start_channels()
                self._channels = True
            self._run_sync(self.kc.wait_for_ready)(timeout=120)
            self._ready = True
            if self._warm:
                self.execute_code(RESET_SOURCE + "\n__import__('parlib.render.session', "
                                  "fromlist=['warm']).warm()")
        return self

    def execute_code(self, code: str):
        """Run code silently in the kernel (no outputs kept); raise RenderError on an error."""
        import nbformat

        from papermill.exceptions import PapermillExecutionError

        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell(code))
        try:
            self._execute(nb)
        except PapermillExecutionError as exc:
            raise RenderError(f"{exc.ename}: {exc.evalue}") from None

    def _execute(self, nb, parameters=None):
        import papermill

        self.ready()
        _register_engine()
        return papermill.execute_notebook(
            nb, None, parameters=parameters or {}, kernel_name=self.kernel_name,
            engine_name=_ENGINE_NAME, language="python", km=self.km, warm_kc=self.kc,
            progress_bar=False, request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT, log_output=False)

    def run(self, nb, parameters: dict | None = None):
        """Execute a copy of ``nb`` with ``parameters`` after a state reset; returns it."""
        import nbformat
        from papermill.exceptions import PapermillExecutionError

        nb = copy.deepcopy(nb)
        reset = nbformat.v4.new_code_cell(RESET_SOURCE)
        reset.metadata["tags"] = [RESET_TAG]
        nb.cells.insert(0, reset)
        try:
            out = self._execute(nb, parameters)
        except PapermillExecutionError as exc:  # an error raised by the notebook's code
            raise RenderError(f"{exc.ename}: {exc.evalue}") from None
        except Exception:  # timeout, dead kernel, lost messages: do not reuse this kernel
            self.broken = True
            raise
        finally:
            self.runs += 1
        out.cells = [c for c in out.cells if RESET_TAG not in c.metadata.get("tags", [])]
        return out

    def alive(self) -> bool:
        """Usable for another notebook: running and not left in an unknown state."""
        return not self.broken and bool(self._run_sync(self.km.is_alive)())

    def shutdown(self):
        try:
            if self._channels:
                self.kc.stop_channels()
            self._run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()


# ---------------------------------------------------------------- export

def _strip_for_export(nb):
    """Drop what must not reach a report: stderr streams, errors, widget state (in place: the
    executed notebook is ours), and the cells tagged to be hidden."""
    nb.cells = [c for c in nb.cells if not set(c.metadata.get("tags", [])) & HIDE_TAGS]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        keep = []
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                continue
            if o.get("output_type") == "stream" and o.get("name") == "stderr":
                continue
            data = o.get("data")
            if data is not None:
                data.pop("application/vnd.jupyter.widget-view+json", None)
                if not data:
                    continue
            keep.append(o)
        cell.outputs = keep
        cell.source = ""
    for i, cell in enumerate(nb.cells):  # papermill gives injected cells random ids
        cell["id"] = f"c{i:02d}"
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("papermill", None)
    return nb


_ABS_PATH = re.compile(r"(?<![\w.:/])/(?:work|root|tmp|home|Users|var/folders|private)/")


_TOKEN = re.compile(r"[^\s\"'<>()\[\]{},;|`]+")


def _in_paths(text: str, user: str) -> bool:
    """The user name as a component of a path-like token (``/home/rank/x``, ``~rank``,
    ``C:\\Users\\rank``), never as an ordinary word: the login names ``data``, ``points``,
    ``rank`` or ``region`` must not block an English brief (URLs are not paths here)."""
    for tok in _TOKEN.findall(text):
        if user not in tok or "://" in tok:
            continue
        path_like = tok[0] in "/~\\" or re.match(r"[A-Za-z]:[\\/]", tok) or len(re.findall(r"[/\\]", tok)) >= 2
        parts = re.split(r"[/\\]", tok.strip(".:"))
        if path_like and (user in parts or f"~{user}" in parts):
            return True
    return False


def find_leaks(text: str) -> list[str]:
    """What in ``text`` would reveal the machine that built it: absolute paths, the user name,
    the home folder, path-like environment variable values, tracebacks."""
    import getpass

    from parlib.paths import project_root

    found = []
    m = _ABS_PATH.search(text)
    if m:
        found.append(text[max(0, m.start() - 20): m.end() + 30])
    needles = {str(project_root()), str(Path.home())}
    for k, v in os.environ.items():
        if v and len(v) >= 8 and v.startswith("/") and k not in {"SHELL"}:
            needles.add(v)
    for n in needles:  # whole paths: "/data" (a home folder) is not in "input/data"
        if n and len(n) > 1 and n in text and re.search(rf"(?<![\w.\-/~]){re.escape(n)}(?![\w.\-])", text):
            found.append(n)
    try:
        user = getpass.getuser()
    except Exception:
        user = ""
    if user and _in_paths(text, user):
        found.append(f"user name {user!r}")
    for marker in ("Traceback (most recent call last)", "Error Traceback", 'class="ansi-'):
        if marker in text:
            found.append(marker)
    return found


def _outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            parts.append(cell.source)
        for o in cell.get("outputs", []):
            if "text" in o:
                parts.append(o["text"] if isinstance(o["text"], str) else "".join(o["text"]))
            for mime, v in (o.get("data") or {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    parts.append(v if isinstance(v, str) else str(v))
    return "\n".join(parts)


def export_html(nb, *, title: str = "", lang: str = "en") -> str:
    """Self-contained HTML of an executed notebook in our own page (:mod:`parlib.render.page`):
    outputs only, no code, no prompts, images and charts inline."""
    from parlib.render import page

    nb = _strip_for_export(nb)
    leaks = find_leaks(_outputs_text(nb))
    if leaks:
        raise RenderError("refusing to export: the output would reveal " + "; ".join(
            sorted(set(l[:80] for l in leaks))))
    body = page.notebook_body(nb)
    return page.page(body, title=title or nb.metadata.get("title", "parlib"), lang=lang)


# ---------------------------------------------------------------- single notebooks

@lru_cache(maxsize=16)
def _read_template(path: str, mtime: float):
    import nbformat

    return nbformat.read(path, as_version=4)


def load_notebook(name_or_path) -> "object":
    p = Path(name_or_path)
    if not p.is_absolute() and not p.exists():
        p = notebooks_dir() / p
    if not p.exists():
        raise RenderError(f"notebook {p.name} not found in notebooks/")
    return _read_template(str(p), p.stat().st_mtime)


def write_report(html: str, target: Path):
    from parlib.io.atomic import write_text

    write_text(target, html)


def render_notebook(notebook, parameters: dict | None = None, out: str | os.PathLike | None = None,
                    *, kernel: WarmKernel | None = None, title: str = "", lang: str = "en"):
    """Execute a notebook with parameters and export it; write ``out`` atomically if given.

    Returns the HTML text.
    """
    nb = load_notebook(notebook)
    own = kernel is None
    kernel = kernel or WarmKernel(warm=False)
    try:
        executed = kernel.run(nb, parameters)
    finally:
        if own:
            kernel.shutdown()
    html = export_html(executed, title=title, lang=lang)
    if out:
        write_report(html, Path(out))
    return html


# ---------------------------------------------------------------- briefs

def slug(text: str) -> str:
    from parlib.registry.keys import fold

    s = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    return s or "unit"


def brief_relpath(year: int, lang: str, code: str) -> Path:
    from parlib import provinces

    u = provinces.get(code)
    return Path(str(year)) / lang / f"{code}-{slug(u.name_ascii or u.name_en)}.html"


def brief_title(code: str, year: int, lang: str) -> str:
    from parlib import provinces
    from parlib.render.i18n import t

    u = provinces.get(code)
    return t("brief_title", lang).format(name=u.name(lang), year=year)


@dataclass
class BriefResult:
    code: str
    year: int
    lang: str
    path: Path | None = None
    ok: bool = True
    error: str = ""
    seconds: float = 0.0


@dataclass
class BatchResult:
    results: list = field(default_factory=list)
    index: Path | None = None
    seconds: float = 0.0

    @property
    def failed(self):
        return [r for r in self.results if not r.ok]

    @property
    def ok(self):
        return [r for r in self.results if r.ok]


def _render_one(kernel: WarmKernel, code: str, year: int, lang: str, out_dir: Path,
                targets: str | None = None) -> BriefResult:
    t0 = time.perf_counter()
    target = Path(out_dir) / brief_relpath(year, lang, code)
    nb_params = {"province": code, "year": int(year), "lang": lang}
    if targets:
        nb_params["targets"] = str(targets)
    try:
        html = render_notebook(BRIEF_NOTEBOOK, nb_params,
                               None, kernel=kernel, title=brief_title(code, year, lang), lang=lang)
        write_report(html, target)
        return BriefResult(code, year, lang, target, True, "", time.perf_counter() - t0)
    except ParlibError as exc:
        return BriefResult(code, year, lang, None, False, str(exc).splitlines()[0],
                           time.perf_counter() - t0)
    except Exception as exc:  # a bug in one brief must not stop the batch
        return BriefResult(code, year, lang, None, False, f"{type(exc).__name__}: {exc}",
                           time.perf_counter() - t0)


def render_brief(province: str, year, lang: str = "vi", out_dir=None, *,
                 kernel: WarmKernel | None = None, targets=None) -> BriefResult:
    """Render one brief into ``<out_dir>/<year>/<lang>/<code>-<slug>.html`` and refresh the
    index pages. Parameters are validated before anything runs in a kernel. ``targets``: a plans table
    (see ``parlib targets check``) whose targets for the province and year the brief shows."""
    own = kernel is None
    # our own kernel boots (and imports what a brief uses) while the parameters are checked;
    # a bad parameter stops it before anything runs in it
    kernel = kernel or WarmKernel(warm=False, preload=True, wait=False)
    try:
        from parlib.paths import reports_dir
        from parlib.render import params, site

        p = params.validate_brief(province, year, lang)
        targets = params.check_targets(targets)
        out_dir = Path(out_dir) if out_dir else reports_dir()
        if own:  # the index page's data, computed here while the kernel runs the brief
            import threading

            threading.Thread(target=site.prefetch, args=(p.year,), daemon=True).start()
        res = _render_one(kernel, p.code, p.year, p.lang, out_dir, targets)
    finally:
        if own:
            kernel.shutdown()
    if res.ok:
        site.write_indexes(out_dir, years={p.year})
    return res


# worker processes -------------------------------------------------------

_WORKER: dict = {}


def _worker_init(owner: int | None = None):
    import multiprocessing.util as mpu

    from parlib.io.children import die_with_parent

    die_with_parent(owner, cleanup=_worker_shutdown)  # no orphan worker or kernel after kill -9
    skip_iri_grammar()
    _WORKER["kernel"] = WarmKernel(warm=True)
    mpu.Finalize(None, _worker_shutdown, exitpriority=10)


def _worker_shutdown():
    k = _WORKER.pop("kernel", None)
    if k is not None:
        k.shutdown()


def _worker_task(task):
    code, year, lang, out_dir = task
    k = _WORKER.get("kernel")
    if k is None or not k.alive():
        if k is not None:
            k.shutdown()
        k = _WORKER["kernel"] = WarmKernel(warm=True)
    return _render_one(k, code, year, lang, Path(out_dir))


def render_briefs(year, langs=("vi",), provinces=None, jobs: int = 2, out_dir=None,
                  progress: bool = True) -> BatchResult:
    """Render the briefs of ``provinces`` (default: all 63, or the 34 from 2025) for one year
    (``"latest"``: the latest year with data) in ``langs`` with
    ``jobs`` worker processes, each holding one warm kernel; then write the index pages.
    Failed briefs are reported in the result and leave earlier reports untouched."""
    from parlib.paths import reports_dir
    from parlib.render import params, site

    t0 = time.perf_counter()
    langs = [params.check_lang(x) for x in ([langs] if isinstance(langs, str) else langs)]
    y = params.latest_brief_year() if year in (None, "latest") else params.check_brief_year(year)
    if provinces:
        codes = list(dict.fromkeys(params.check_unit(p, y).code for p in provinces))
    else:
        from parlib import provinces as reg

        codes = reg.codes("34" if y >= params.MERGER_YEAR else "63")
    out_dir = Path(out_dir) if out_dir else reports_dir()
    tasks = [(c, y, lang, str(out_dir)) for lang in langs for c in codes]
    jobs = max(1, min(int(jobs or 1), len(tasks)))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(tasks), unit="brief", desc=f"briefs {y}", file=sys.stderr)
    results = []
    try:
        if jobs == 1:
            k = WarmKernel(warm=True)
            try:
                for task in tasks:
                    c, yy, lang, od = task
                    if not k.alive():
                        k.shutdown()
                        k = WarmKernel(warm=True)
                    results.append(_render_one(k, c, yy, lang, Path(od)))
                    if bar:
                        bar.update(1)
            finally:
                k.shutdown()
        else:
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            ctx = mp.get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx,
                                     initializer=_worker_init, initargs=(os.getpid(),)) as ex:
                futs = [ex.submit(_worker_task, t) for t in tasks]
                for f in as_completed(futs):
                    try:
                        results.append(f.result())
                    except Exception as exc:  # the worker died
                        i = futs.index(f)
                        c, yy, lang, _ = tasks[i]
                        results.append(BriefResult(c, yy, lang, None, False,
                                                   f"worker failed: {type(exc).__name__}: {exc}"))
                    if bar:
                        bar.update(1)
    finally:
        if bar:
            bar.close()
    order = {(c, lang): i for i, (c, _, lang, _) in enumerate(tasks)}
    results.sort(key=lambda r: order.get((r.code, r.lang), 0))
    index = site.write_indexes(out_dir)
    return BatchResult(results, index, time.perf_counter() - t0)
