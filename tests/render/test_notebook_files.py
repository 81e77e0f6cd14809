"""The notebooks are Jupytext pairs in sync, with a parameters cell, the parlib kernel, and outputs
stored only where nbval checks them."""
import jupytext
import nbformat
import pytest

from parlib.render.notebook_files import notebook_paths, problems

PATHS = notebook_paths()


def test_every_notebook_is_found():
    assert {p.name for p in PATHS} >= {"00_data_overview.ipynb", "03_weak_criteria.ipynb",
                                       "10_annual_brief.ipynb"}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_notebook_pair_is_clean(path):
    assert problems(path) == []


def test_a_drifted_pair_is_reported(tmp_path):
    src = PATHS[0]
    nb = nbformat.read(src, as_version=4)
    nbformat.write(nb, tmp_path / src.name)
    py = jupytext.read(src.with_suffix(".py"))
    py.cells[-1].source += "\nprint('edited only in the .py')"
    jupytext.write(py, tmp_path / src.with_suffix(".py").name, fmt="py:percent")
    assert any("cells differ" in p for p in problems(tmp_path / src.name))


def test_an_unchecked_output_is_reported(tmp_path):
    src = PATHS[0]
    nb = nbformat.read(src, as_version=4)
    cell = [c for c in nb.cells if c.cell_type == "code"][-1]
    cell.outputs = [nbformat.v4.new_output("stream", text="stale\n")]
    cell.metadata["tags"] = []
    nbformat.write(nb, tmp_path / src.name)
    (tmp_path / src.with_suffix(".py").name).write_text(src.with_suffix(".py").read_text())
    assert any("keeps outputs" in p for p in problems(tmp_path / src.name))
