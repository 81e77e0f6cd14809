"""The project's notebooks as files: Jupytext pairs (``.ipynb`` + percent-format ``.py``) kept in
sync, a ``parameters`` cell, the ``parlib`` kernel, and stored outputs only where nbval checks them.

Edit a notebook in JupyterLab (with jupytext installed the pair is saved together) or edit the
``.py`` and run ``make notebooks`` (``python -m parlib.render.notebook_files``), which syncs every
pair and refreshes the stored outputs of the cells tagged ``nbval-check-output``.
"""
from __future__ import annotations

import sys
from pathlib import Path

from parlib.paths import project_root

CHECK_TAG = "nbval-check-output"
KERNEL = "parlib"


def notebook_paths() -> list[Path]:
    """Every project notebook (``notebooks/NN_*.ipynb``), sorted."""
    return sorted((project_root() / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def problems(path: Path) -> list[str]:
    """What is wrong with one notebook pair (empty list = fine)."""
    import jupytext
    import nbformat

    nb = nbformat.read(path, as_version=4)
    out = []
    twin = path.with_suffix(".py")
    if not twin.exists():
        out.append(f"{path.name}: no paired {twin.name}")
    else:
        py = jupytext.read(twin)
        a = [(c.cell_type, c.source.strip()) for c in nb.cells]
        b = [(c.cell_type, c.source.strip()) for c in py.cells]
        if a != b:
            out.append(f"{path.name}: cells differ from {twin.name} (run `make notebooks`)")
    if nb.metadata.get("kernelspec", {}).get("name") != KERNEL:
        out.append(f"{path.name}: kernelspec is not '{KERNEL}'")
    tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"]
    if not tags or "parameters" not in tags[0]:
        out.append(f"{path.name}: the first code cell is not tagged 'parameters'")
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and c.get("outputs") and CHECK_TAG not in c.metadata.get("tags", []):
            out.append(f"{path.name}: cell {i} keeps outputs but is not tagged {CHECK_TAG}")
    return out


def store_checked_outputs(path: Path) -> None:
    """Execute the notebook (default parameters, the official panel) and keep the text outputs of
    the cells tagged ``nbval-check-output`` only; every other output is cleared."""
    import nbformat

    from parlib.render.engine import WarmKernel, find_leaks

    nb = nbformat.read(path, as_version=4)
    checked = [c for c in nb.cells if CHECK_TAG in c.metadata.get("tags", [])]
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    if checked:
        with WarmKernel(warm=False) as k:
            done = {c["id"]: c for c in k.run(nb).cells}
        for c in checked:
            c.outputs = [o for o in done[c["id"]].outputs if o.get("output_type") == "stream"]
            c.execution_count = 1
            text = "".join(o.get("text", "") for o in c.outputs)
            if find_leaks(text):
                raise SystemExit(f"{path.name}: stored output would leak {find_leaks(text)}")
    nbformat.write(nb, path)


def sync_all(store: bool = True) -> None:
    """Sync every pair from its ``.py`` (the reviewed text) and refresh stored outputs."""
    import subprocess

    for p in notebook_paths():
        subprocess.run([sys.executable, "-m", "jupytext", "--sync", str(p.with_suffix(".py"))],
                       check=True)
        if store:
            store_checked_outputs(p)
        print("synced", p.name)


if __name__ == "__main__":
    sync_all(store="--no-store" not in sys.argv[1:])
