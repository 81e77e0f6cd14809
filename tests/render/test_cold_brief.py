"""What keeps one cold ``parlib brief`` short, and stays correct: the kernel boots while the
parameters are checked (and stops on a bad one), parlib's processes skip jsonschema's RFC 3987
grammar, and one brief rewrites only its own year's index pages."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest_render import synth_processed  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _kernel_children() -> list[int]:
    me, found = os.getpid(), []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            stat = (p / "stat").read_text()
            cmd = (p / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == me and "ipykernel_launcher" in cmd and " Z " not in stat[stat.rfind(")"):]:
            found.append(int(p.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_bad_parameter_stops_the_kernel_started_alongside(synth_processed, tmp_path):
    from parlib.errors import ParameterError, UnknownProvinceError
    from parlib.render.engine import render_brief

    with pytest.raises(UnknownProvinceError, match=r"closest: Quảng Ninh"):
        render_brief("Quang Nimh", 2019, "vi", tmp_path)
    with pytest.raises(ParameterError, match=r"year.*1999"):
        render_brief("Quảng Ninh", 1999, "vi", tmp_path)
    deadline = time.time() + 5
    while _kernel_children() and time.time() < deadline:
        time.sleep(0.1)
    assert _kernel_children() == []
    assert not list(tmp_path.rglob("*.html"))


def test_parlib_processes_skip_the_iri_grammar_and_a_plain_import_does_not():
    code = ("import sys; from parlib.render.engine import skip_iri_grammar; {call}"
            "import nbformat; m = sys.modules.get('rfc3987_syntax', 'absent'); "
            "print('blocked' if m is None else 'kept')")
    run = lambda call: subprocess.run([sys.executable, "-c", code.format(call=call)],  # noqa: E731
                                      capture_output=True, text=True, cwd=ROOT).stdout.strip()
    assert run("skip_iri_grammar(); ") == "blocked"
    assert run("") == "kept"
    nb = subprocess.run([sys.executable, "-c", code.format(call="skip_iri_grammar(); ") +
                         "; nb = nbformat.read('notebooks/10_annual_brief.ipynb', as_version=4);"
                         " nbformat.validate(nb); print(len(nb.cells) > 3)"],
                        capture_output=True, text=True, cwd=ROOT)
    assert nb.stdout.split() == ["blocked", "True"], nb.stderr[-500:]


def test_one_brief_rewrites_only_its_own_years_index_pages(tmp_path):
    from parlib.render.site import write_indexes

    for year in (2019, 2023):
        d = tmp_path / str(year) / "vi"
        d.mkdir(parents=True)
        (d / "49-quang-nam.html").write_text("<html><body>brief</body></html>", encoding="utf-8")
    write_indexes(tmp_path)
    pages = {y: [tmp_path / str(y) / "index.html", tmp_path / str(y) / "vi" / "index.html",
                 tmp_path / str(y) / "en" / "index.html"] for y in (2019, 2023)}
    assert all(p.is_file() for ps in pages.values() for p in ps)
    inode = {p: p.stat().st_ino for ps in pages.values() for p in ps}  # an atomic write renames
    write_indexes(tmp_path, years={2023})
    assert all(p.stat().st_ino == inode[p] for p in pages[2019])
    assert all(p.stat().st_ino != inode[p] for p in pages[2023])
    assert "Quảng Nam" in pages[2019][1].read_text(encoding="utf-8")
    pages[2019][2].unlink()  # a missing page of another year is written again
    write_indexes(tmp_path, years={2023})
    assert pages[2019][2].is_file()


def test_the_index_links_the_data_dictionary(tmp_path):
    from parlib.render.site import write_indexes

    d = tmp_path / "2019" / "vi"
    d.mkdir(parents=True)
    (d / "49-quang-nam.html").write_text("<html><body>brief</body></html>", encoding="utf-8")
    write_indexes(tmp_path, years={2019})
    root = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="dictionary.html"' in root
    page = (tmp_path / "dictionary.html").read_text(encoding="utf-8")
    assert "PCI.overall" in page and "<table" in page
