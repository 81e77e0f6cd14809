"""`parlib weak` on the SYNTHETIC fixture panel (written to a temporary processed folder, with the
synthetic codebook patched in): output and argument validation. Quảng Nam (49) 2019 scores
a=4, b=6, c=7 (weights .5/.3/.2); its region's best per criterion: a 7 and b 8 (Đà Nẵng),
c 8 (Quảng Ngãi)."""
import csv
import io
import json

import pytest

from parlib.analysis import context as _core
import synthetic_panel as S
from parlib.cli.main import main

REQUIRED = ["indicator", "name", "score", "max", "weight", "rank", "rank_of", "region_rank",
            "region_rank_of", "benchmark", "benchmark_value", "benchmark_unit",
            "points_recoverable", "overall_if_met", "rank_if_met", "weakness", "strength",
            "persistent"]


@pytest.fixture
def synthetic_env(tmp_path, monkeypatch):
    proc, imp = tmp_path / "processed", tmp_path / "imported"
    proc.mkdir()
    imp.mkdir()
    S.panel().to_parquet(proc / "panel.parquet", index=False)
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(proc))
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(imp))
    cb = S.codebook()
    import parlib.codebook

    monkeypatch.setattr(parlib.codebook, "load_codebook", lambda: cb)
    _core.clear_cache()
    yield
    _core.clear_cache()


def test_weak_table_for_people(synthetic_env, capsys):
    rc = main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019"])
    out = capsys.readouterr().out
    assert rc == 0
    lines = out.splitlines()
    assert lines[0] == ("Quảng Nam — PCI 2019: 5.25, rank 5/6. Benchmark: the best score in "
                        "the region on each criterion.")
    assert lines[1].startswith("Weak on both counts") and "Criterion A" in lines[1]
    row = next(ln for ln in lines if ln.startswith("Criterion A "))
    # score 4 of 10, weight .5, 6/6 nationally, only 3 of the region's 14 provinces in the
    # fixture (no position in the region); Đà Nẵng's 7: +1.50 -> 6.75, 3rd of 6; bottom third
    # three surveys running (2017-2019): W and P
    for cell in ("4.00", "10.00", "0.50", "6/6", "3 of 14*", "7.00", "Đà Nẵng", "1.50",
                 "6.75 (3/6)"):
        assert cell in row, cell
    assert row.split()[-1] == "WP"
    assert sum(ln.startswith("Standing: W = weakness") for ln in lines) == 1     # one legend
    assert "= 2.3000 = benchmark composite 7.5000 − recomputed 5.2000" in out
    assert max(len(ln) for ln in lines[2:7]) < 130


def test_weak_csv_and_json_columns(synthetic_env, capsys):
    assert main(["weak", "--index", "pci", "--province", "49", "--year", "2019",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:len(REQUIRED)] == REQUIRED and len(rows) == 3
    by = {r["indicator"]: r for r in rows}
    assert by["PCI.c"]["benchmark_unit"] == "Quảng Ngãi" and by["PCI.c"]["benchmark"] == "region-best"
    assert float(by["PCI.b"]["points_recoverable"]) == pytest.approx(0.6)     # .3 × (8 − 6)
    assert by["PCI.a"]["weakness"] == "True" and by["PCI.a"]["strength"] == "False"
    assert main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019",
                 "--benchmark", "top-quartile", "--format", "json", "--lang", "vi"]) == 0
    data = json.loads(capsys.readouterr().out)
    crit = {c["indicator"]: c for c in data["criteria"]}
    assert set(REQUIRED) <= set(crit["PCI.a"])
    assert crit["PCI.a"]["name"] == "Tiêu chí A"
    assert crit["PCI.a"]["benchmark_value"] == pytest.approx(6.75)   # upper quartile of a
    assert crit["PCI.a"]["benchmark_unit"] == ""
    assert sum(c["gap"] for c in data["criteria"]) == pytest.approx(data["summary"]["gap"])
    assert main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019",
                 "--lang", "vi"]) == 0
    assert "hạng 5/6" in capsys.readouterr().out


@pytest.mark.parametrize("bench,value", [("max", 10.0), ("best", 8.0), ("median", 6.0),
                                         ("region-best", 7.0), ("leader", 8.0),
                                         ("region-leader", 7.0)])
def test_weak_every_benchmark(synthetic_env, capsys, bench, value):
    assert main(["weak", "--index", "PCI", "--province", "49", "--year", "2019",
                 "--benchmark", bench, "--format", "json"]) == 0
    crit = {c["indicator"]: c for c in json.loads(capsys.readouterr().out)["criteria"]}
    assert crit["PCI.a"]["benchmark_value"] == pytest.approx(value)


@pytest.mark.parametrize("args,needle", [
    (["--province", "Quang Nom", "--year", "2019"], "Quảng Nam"),
    (["--province", "Quảng Nam", "--year", "2015"], "2017, 2018, 2019, 2020"),
    (["--province", "Quảng Nam", "--year", "2019", "--benchmark", "top"], "region-best"),
    (["--province", "Quảng Nam", "--year", "soon"], "invalid year"),
    (["--province", "Quảng Nam", "--year", "-2019"], "invalid year"),
    (["--province", "Quảng Nam", "--year", "2019", "--k", "0"], "invalid k: '0'"),
    (["--province", "Quảng Nam", "--year", "2019", "--k", "-2"], "invalid k: '-2'"),
    (["--province", "Quảng Nam", "--year", "2019", "--k", "1"], "at least 2"),
    (["--province", "Quảng Nam", "--year", "2019", "--k", "two"], "invalid k"),
    (["--province", "Quảng Nam", "--year", "2019", "--threshold", "-1"], "invalid threshold"),
    (["--province", "Quảng Nam", "--year", "2019", "--threshold", "5"], "invalid threshold"),
    (["--province", "Quảng Nam", "--year", "2019", "--depth", "0"], "invalid depth"),
    (["--province", "Quảng Nam", "--year", "2019", "--depth", "-1"], "invalid depth"),
    (["--province", "Quảng Nam", "--year", "2019", "--format", "xml"], "invalid format"),
])
def test_weak_errors(synthetic_env, capsys, args, needle):
    rc = main(["weak", "--index", "PCI"] + args)
    cap = capsys.readouterr()
    assert rc == 2 and needle in cap.err and "Traceback" not in cap.err
    assert cap.out == ""                                         # nothing half-written


def test_weak_k_changes_persistence(synthetic_env, capsys):
    # a: bottom third 2017, 2018, 2019 -> persistent with k=3, not with k=4 (3 surveys so far)
    for k, want in (("2", True), ("3", True), ("4", False)):
        assert main(["weak", "--index", "PCI", "--province", "49", "--year", "2019", "--k", k,
                     "--format", "json"]) == 0
        crit = {c["indicator"]: c for c in json.loads(capsys.readouterr().out)["criteria"]}
        assert crit["PCI.a"]["persistent"] is want, k


def test_weak_unknown_index(synthetic_env, capsys):
    assert main(["weak", "--index", "XYZ", "--province", "49", "--year", "2019"]) == 2
    assert "PCI, PAPI, PAR, SIPAS" in capsys.readouterr().err
