"""`parlib weak` on the SYNTHETIC fixture panel (written to a temporary processed folder, with the
synthetic codebook patched in): output and argument validation."""
import json

import pytest

from parlib.analysis import context as _core
import synthetic_panel as S
from parlib.cli.main import main


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


def test_weak_table(synthetic_env, capsys):
    rc = main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019"])
    out = capsys.readouterr().out
    assert rc == 0
    lines = out.splitlines()
    assert lines[0].startswith("Quảng Nam — PCI 2019: 5.25 points, rank 5/6")
    body = [ln for ln in lines if ln.startswith("Criterion ") and "Score" not in ln]
    assert body[0].split()[:3] == ["Criterion", "A", "4.00"]     # worst drag first
    assert "3.00" in body[0] and "bottom third 3 years running" in body[0]
    assert "Total points lost = 4.8000" in out and "residual: 0.0500" in out


def test_weak_json_vi_and_csv(synthetic_env, capsys):
    assert main(["weak", "--index", "pci", "--province", "49", "--year", "2019",
                 "--benchmark", "region-best", "--format", "json", "--lang", "vi"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["benchmark_unit"] == "48"
    assert [c["indicator"] for c in data["criteria"]] == ["PCI.a", "PCI.b", "PCI.c"]
    assert data["criteria"][0]["name"] == "Tiêu chí A"
    assert sum(c["points_lost"] for c in data["criteria"]) == pytest.approx(data["summary"]["gap"])
    assert main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019",
                 "--format", "csv"]) == 0
    csv = capsys.readouterr().out.splitlines()
    assert csv[0].startswith("indicator,name,") and len(csv) == 4
    assert main(["weak", "--index", "PCI", "--province", "Quảng Nam", "--year", "2019",
                 "--lang", "vi"]) == 0
    assert "hạng 5/6" in capsys.readouterr().out


@pytest.mark.parametrize("args,needle", [
    (["--province", "Quang Nom", "--year", "2019"], "Quảng Nam"),
    (["--province", "Quảng Nam", "--year", "2015"], "2017, 2018, 2019, 2020"),
    (["--province", "Quảng Nam", "--year", "2019", "--benchmark", "top"], "region-best"),
    (["--province", "Quảng Nam", "--year", "soon"], "invalid year"),
])
def test_weak_errors(synthetic_env, capsys, args, needle):
    rc = main(["weak", "--index", "PCI"] + args)
    err = capsys.readouterr().err
    assert rc == 2 and needle in err and "Traceback" not in err


def test_weak_unknown_index(synthetic_env, capsys):
    assert main(["weak", "--index", "XYZ", "--province", "49", "--year", "2019"]) == 2
    assert "PCI, PAPI, PAR, SIPAS" in capsys.readouterr().err
