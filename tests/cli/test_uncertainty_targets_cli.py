"""`parlib uncertainty` and `parlib targets` on the committed panel: the CSV contract, the
published PCI 2019 ranks inside their intervals, Đồng Tháp's target, one-line errors."""
import io

import pandas as pd
import pytest

from parlib.cli.main import main


def test_uncertainty_csv_pci_2019(capsys):
    rc = main(["uncertainty", "--index", "PCI", "--year", "2019", "--format", "csv"])
    assert rc == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"unit_code": str})
    assert list(df.columns[:5]) == ["unit_code", "rank", "rank_median", "rank_low", "rank_high"]
    assert len(df) == 63
    assert ((df["rank"] >= df.rank_low) & (df["rank"] <= df.rank_high)).all()
    qn = df[df.unit_code == "22"].iloc[0]
    assert qn["rank"] == 1 and qn.rank_high - qn.rank_low <= 3
    assert {"draws", "seed", "weight_bound", "model", "sampling"} <= set(df.columns)


def test_uncertainty_off_collapses(capsys):
    assert main(["uncertainty", "--index", "PCI", "--year", "2019", "--off", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert (df.rank_low == df["rank"]).all() and (df.rank_high == df["rank"]).all()


def test_uncertainty_moves_and_weights_tables(capsys):
    assert main(["uncertainty", "--index", "PCI", "--year", "2019", "--show", "moves",
                 "--province", "Quảng Ninh"]) == 0
    out = capsys.readouterr().out
    assert "Monte Carlo with 1000 draws" in out and "no change in rank" in out
    assert main(["uncertainty", "--index", "PCI", "--year", "2019", "--show", "weights"]) == 0
    assert "PCI.transparency" in capsys.readouterr().out


@pytest.mark.parametrize("argv,name", [
    (["--index", "PCX", "--year", "2019"], "index"),
    (["--index", "PCI", "--year", "2019", "--draws", "0"], "draws"),
    (["--index", "PCI", "--year", "2019", "--show", "maps"], "show"),
    (["--index", "PCI", "--year", "1990"], "year"),
])
def test_uncertainty_bad_arguments_one_line(argv, name, capsys):
    assert main(["uncertainty", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith("parlib uncertainty: error:") and name in err[0]


def test_targets_check_dong_thap(tmp_path, capsys):
    f = tmp_path / "plans.csv"
    f.write_text("unit,index,year,indicator,target_score,target_rank,source\n"
                 "Đồng Tháp,PCI,2021,overall,74.81,,press\n", encoding="utf-8")
    assert main(["targets", "check", str(f)]) == 0
    out = capsys.readouterr().out
    assert "missed by 4.28 points (result 70.53, rank 3/63)" in out
    assert "past comparable moves" in out
    assert main(["targets", "check", str(f), "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert df.loc[0, "status"] == "missed" and df.loc[0, "gap_points"] == pytest.approx(-4.28)


def test_targets_published_and_errors(tmp_path, capsys):
    assert main(["targets", "published", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "Quảng Nam, PCI 2019: điểm ≥ 67,38 — đạt" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,index\nX,PCI\n", encoding="utf-8")
    assert main(["targets", "check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv" in err and "column missing" in err and len(err.strip().splitlines()) <= 2


def test_brief_targets_file_checked_before_any_kernel(tmp_path, capsys):
    bad = tmp_path / "plans.csv"
    bad.write_text("unit,index,year,indicator,target_score,target_rank,source\n"
                   "Đồng Tháp,PCI,2021,overall,,soon,x\n", encoding="utf-8")
    rc = main(["brief", "--province", "Đồng Tháp", "--year", "2021", "--targets", str(bad)])
    err = capsys.readouterr().err
    assert rc == 2 and "plans.csv, row 2, column 'target_rank'" in err
