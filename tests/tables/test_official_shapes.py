"""``parlib import`` of PCI, PAPI, PAR (every method period) and SIPAS tables in their publishers'
shapes, the comparison with data the panel already holds, the 34 provinces from 2025, and
``parlib export`` of bundled data. Tables are SYNTHETIC (tests/fixtures/tables_synth.py), apart from
the reconstruction of the official PCI 2019 values read from the committed panel."""
from __future__ import annotations

import pytest

from parlib.cli.main import main
from conftest import tree_bytes
from tables_synth import SYNTH, par_2020, par_34_provinces_2025, pci_vcci_2019, write_csv, write_xlsx

TITLE = "SYNTHETIC TEST FIXTURE — reconstruction of the official PCI 2019 values (VCCI website shape), not an official file"


def _state(tmp):
    return tree_bytes(tmp / "processed"), tree_bytes(tmp / "imported")


@pytest.fixture
def panel(isolated_data):
    import parlib

    return parlib.load(imports=False)


@pytest.mark.parametrize("lang,fmt", [("vi", "csv"), ("en", "xlsx")])
def test_pci_2019_vcci_shape_compares_all_agree(isolated_data, panel, capsys, lang, fmt):
    header, body, _ = pci_vcci_2019(panel, lang)
    f = isolated_data / f"SYNTHETIC_pci_2019_vcci_{lang}.{fmt}"
    (write_csv if fmt == "csv" else write_xlsx)(f, TITLE, header, body)
    before = _state(isolated_data)
    capsys.readouterr()
    assert main(["import", str(f), "--index", "PCI", "--year", "2019"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "693 values agree, 0 disagree"  # 63 provinces × (10 sub-indices + the PCI score)
    assert any("largest |Σ weight × sub-index − composite|" in line for line in out)
    assert _state(isolated_data) == before


def test_pci_2019_one_value_changed_is_listed_exit_1(isolated_data, panel, capsys):
    header, body, where = pci_vcci_2019(panel, "vi")
    row = body[where["48"]]                      # Đà Nẵng, Cạnh tranh bình đẳng (weight 0.5)
    col = 1 + 5
    official = row[col]
    row[col] = f"{float(official) + 0.02:.2f}"   # within the composite's rounding, outside the value's
    f = write_csv(isolated_data / "SYNTHETIC_pci_2019_changed.csv", TITLE, header, body)
    before = _state(isolated_data)
    capsys.readouterr()
    assert main(["import", str(f), "--index", "PCI", "--year", "2019"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1] == "692 values agree, 1 disagree"
    diffs = [line for line in out if line.startswith("48 ")]
    assert len(diffs) == 1
    assert "PCI.policy_bias" in diffs[0] and f"table {float(row[col]):g}" in diffs[0]
    assert "panel 5.3179" in diffs[0] and "pci/PCI_2019_vcci_mdtrinh.xlsx#Summary" in diffs[0]
    assert _state(isolated_data) == before


def test_pci_composite_off_refused_unless_no_verify(isolated_data, panel, capsys):
    header, body, where = pci_vcci_2019(panel, "vi")
    row = body[where["48"]]
    row[11] = f"{float(row[11]) + 0.3:.2f}"      # the PCI score 0.3 off its sub-indices (rank unchanged)
    f = write_csv(isolated_data / "SYNTHETIC_pci_2019_composite.csv", TITLE, header, body)
    capsys.readouterr()
    assert main(["import", str(f), "--index", "PCI", "--year", "2019"]) == 2
    err = capsys.readouterr().err
    assert "column 'Điểm số PCI'" in err and "weighted sum" in err and "--no-verify" in err
    assert main(["import", str(f), "--index", "PCI", "--year", "2019", "--replace",
                 "--no-verify", "test of a disputed table"]) == 1
    rep = (isolated_data / "imported" / "import_report_pci_2019_province.csv").read_text(encoding="utf-8")
    assert "imported with --no-verify: test of a disputed table" in rep
    import parlib

    p = parlib.load("PCI", year=2019, unit="48")
    assert p[p.indicator == "PCI.overall"].value.iloc[0] == pytest.approx(70.45)
    imp = p[p.source.str.startswith("import:")]
    assert len(imp) == 11 and imp.note.str.startswith("imported: SYNTHETIC_pci_2019_composite.csv, ").all()


def test_unknown_header_refused_with_known_names(isolated_data, panel, capsys):
    header, body, _ = pci_vcci_2019(panel, "vi")
    header[3] = "Cột bí ẩn"
    f = write_csv(isolated_data / "SYNTHETIC_pci_2019_unknown.csv", TITLE, header, body)
    assert main(["import", str(f), "--index", "PCI", "--year", "2019", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "unknown header" in err and "column 'Cột bí ẩn'" in err and "Tính minh bạch và tiếp cận thông tin" in err


def test_34_provinces_2025_import_and_weak(isolated_data, capsys):
    f = isolated_data / "SYNTHETIC_par_2025_34.csv"
    facts = par_34_provinces_2025(f)
    assert main(["import", str(f), "--index", "PAR", "--year", "2025"]) == 0
    import parlib

    p = parlib.load("PAR", year=2025)
    assert p.unit_code.nunique() == 34 and p.unit_code.str.startswith("N").all()
    dn = p[(p.unit_code == "N48") & (p.indicator == "PAR.overall")].iloc[0]
    vals, total, rank = facts["Đà Nẵng"]
    assert dn.value == float(total) and dn["rank"] == rank and dn.rank_of == 34 and dn.unit_type == "province_2025"
    capsys.readouterr()
    assert main(["weak", "--index", "PAR", "--province", "Đà Nẵng", "--year", "2025", "--format", "csv",
                 "--benchmark", "max"]) == 0
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 8
    proc = next(r for r in rows if r["indicator"] == "PAR.procedures")
    assert float(proc["score"]) == float(vals[2]) and float(proc["max"]) == 13.0
    assert float(proc["points_lost"]) == pytest.approx(13.0 - float(vals[2]))
    assert proc["rank_of"] == "34"
    # exported in the shape it came in (semicolons, decimal commas, the SYNTHETIC title) and back
    out = isolated_data / "SYNTHETIC_par_2025_back.csv"
    assert main(["export", str(out), "--index", "PAR", "--year", "2025"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("PAR INDEX 2025, 34 tỉnh, thành phố (SYNTHETIC") and ";Đà Nẵng;" in text
    capsys.readouterr()
    assert main(["import", str(out), "--index", "PAR", "--year", "2025"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"{34 * 9} values agree, 0 disagree"


def test_par_2020_with_2017_2021_areas(isolated_data, capsys):
    f = isolated_data / "SYNTHETIC_par_2020.csv"
    facts = par_2020(f)
    # the panel holds a few published PAR 2020 facts, which the made-up scores contradict: compared
    # first (exit 1, nothing written), then imported over them with --replace
    before = _state(isolated_data)
    assert main(["import", str(f), "--index", "PAR", "--year", "2020"]) == 1
    assert _state(isolated_data) == before
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].endswith("disagree") and "table values have no value in the panel" in out[-2]
    assert main(["import", str(f), "--index", "PAR", "--year", "2020", "--replace"]) == 1
    assert "written: imported/panel_par_2020_province.csv" in capsys.readouterr().out
    import parlib

    p = parlib.load("PAR", year=2020, unit="48")
    vals, total, rank = facts["Đà Nẵng"]
    got = p.set_index("indicator")
    assert got.at["PAR.modernization", "value"] == float(vals[6]) and got.at["PAR.modernization", "max_value"] == 16
    assert got.at["PAR.overall", "value"] == float(total)
    assert "PAR.appraisal" not in got.index


def test_par_2017_maximum_checked_against_decision_2948(isolated_data, capsys):
    f = isolated_data / "SYNTHETIC_par_2017.csv"
    par_2020(f)
    text = f.read_text(encoding="utf-8").replace("Cải cách thủ tục hành chính (14,5)", "Cải cách thủ tục hành chính (13)")
    f.write_text(text, encoding="utf-8")
    assert main(["import", str(f), "--index", "PAR", "--year", "2017", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "maximum of 13" in err and "codebook maximum 14.5" in err


@pytest.mark.parametrize("index,year,n", [("PAPI", 2019, 63 * (8 + 29 + 2)), ("PCI", 2019, 63 * 11)])
def test_export_bundled_and_import_back_agrees(isolated_data, capsys, index, year, n):
    """Bundled (official) data exported in the publisher's shape import back as a comparison in which
    every value agrees: the PAPI table carries dimensions, sub-dimensions, both totals and the CI."""
    out = isolated_data / f"SYNTHETIC_export_{index}_{year}.csv"
    assert main(["export", str(out), "--index", index, "--year", str(year)]) == 0
    before = _state(isolated_data)
    capsys.readouterr()
    assert main(["import", str(out), "--index", index, "--year", str(year)]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == f"{n} values agree, 0 disagree"
    assert _state(isolated_data) == before


def test_exported_import_keeps_its_shape(isolated_data, panel, tmp_path):
    from parlib.tables.read import read_table

    header, body, _ = pci_vcci_2019(panel, "en")
    f = write_csv(isolated_data / "SYNTHETIC_pci_2019_en.csv", TITLE, header, body)
    assert main(["import", str(f), "--index", "PCI", "--year", "2019", "--replace"]) == 0
    out = tmp_path / "back.csv"
    assert main(["export", str(out), "--index", "PCI", "--year", "2019"]) == 0
    df, _ = read_table(out)
    assert df.iat[0, 0] == TITLE and list(df.iloc[1]) == header
    assert list(df.iloc[2]) == body[0]
    assert SYNTH.split(" —")[0] in df.iat[0, 0]


def _relabel(path, mapping):
    import csv

    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    h = next(i for i, r in enumerate(rows) if "Xếp hạng" in r)
    rows[h] = [mapping.get(c, c) for c in rows[h]]
    return rows, h


def test_papi_2019_english_cecodes_shape(isolated_data, capsys):
    """CECODES's English labels (codebook name_en of dimensions and sub-dimensions, unweighted and
    weighted totals, 95% CI bounds) import as the same values; a total that is not the sum of its
    dimensions is refused, naming the row and the column."""
    from parlib.codebook import for_year

    out = isolated_data / "SYNTHETIC_papi_2019.csv"
    assert main(["export", str(out), "--index", "PAPI", "--year", "2019"]) == 0
    cb = for_year("PAPI", 2019).drop_duplicates("indicator")
    mapping = {r.name_vi: r.name_en for r in cb.itertuples() if r.level != "overall"}
    mapping.update({"Tỉnh, thành phố": "Province", "Chỉ số PAPI tổng hợp (không có trọng số)": "Unweighted PAPI",
                    "Chỉ số PAPI tổng hợp (có trọng số)": "Weighted PAPI", "Cận dưới": "Lower bound (95% CI)",
                    "Cận trên": "Upper bound (95% CI)", "Xếp hạng": "Rank"})
    rows, h = _relabel(out, mapping)
    import csv
    import io

    en = isolated_data / "SYNTHETIC_papi_2019_en.csv"
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    en.write_text(buf.getvalue(), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(en), "--index", "PAPI", "--year", "2019", "--dry-run"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2457 values agree, 0 disagree"  # 63 × (8 + 29 + 2)
    tot = rows[h].index("Unweighted PAPI")
    rows[h + 1][tot] = f"{float(rows[h + 1][tot].replace(',', '.')) + 0.5:.2f}".replace(".", ",")
    buf = io.StringIO()
    csv.writer(buf, delimiter=";").writerows(rows)
    en.write_text(buf.getvalue(), encoding="utf-8")
    assert main(["import", str(en), "--index", "PAPI", "--year", "2019", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert f"row {h + 2}" in err and "column 'Unweighted PAPI'" in err and "not the sum of PAPI.d1" in err


def test_pci_sub_index_names_of_each_era():
    from parlib.tables.headers import match_label

    assert match_label("Dịch vụ hỗ trợ doanh nghiệp", "PCI", 2019).indicator == "PCI.business_support"
    assert match_label("Chính sách hỗ trợ doanh nghiệp", "PCI", 2022).indicator == "PCI.business_support"
    assert match_label("Thiết chế pháp lý và an ninh trật tự", "PCI", 2022).indicator == "PCI.legal_institutions"
    assert match_label("Xếp loại PCI", "PCI", 2019).role == "tier"
    assert match_label("Bảng xếp hạng", "PCI", 2019).role == "rank"
    m = match_label("Điểm số PCI", "PCI", 2019)
    assert (m.role, m.indicator) == ("index", "PCI.overall")


def test_sipas_components_2023(isolated_data):
    from parlib import provinces
    from parlib.tables.importer import import_table

    f = isolated_data / "SYNTHETIC_sipas_2023.csv"
    head = ("Tỉnh, thành phố;Tiếp cận dịch vụ hành chính công;Thủ tục hành chính;Công chức trực tiếp giải quyết "
            "công việc;Kết quả cung ứng dịch vụ hành chính công;Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị;"
            "Chỉ số SIPAS (%);Xếp hạng")
    rows = [SYNTH, head]
    for k, c in enumerate(provinces.codes("63")):
        v = 90 - k * 0.25
        rows.append(";".join([provinces.get(c).name_vi] + [f"{v + d:.2f}".replace(".", ",") for d in (0.5, -0.5, 1, -1, 0)]
                             + [f"{v:.2f}".replace(".", ","), str(k + 1)]))
    f.write_text("\n".join(rows), encoding="utf-8")
    res = import_table(f, "SIPAS", 2023, dry_run=True)
    p = res.panel.set_index(["unit_code", "indicator"])
    first = provinces.codes("63")[0]
    assert p.at[(first, "SIPAS.overall"), "value"] == 90.0 and p.at[(first, "SIPAS.civil_servants"), "value"] == 91.0
    assert p.at[(first, "SIPAS.access"), "max_value"] == 100 and p.at[(first, "SIPAS.access"), "rank"] == 1
    assert res.comparison is not None  # the panel holds published SIPAS 2023 facts


def test_papi_weighted_only_table_ranks_the_weighted_score(isolated_data, tmp_path):
    """A CECODES table printing only the weighted PAPI (with its CI) and a rank: the rank belongs to
    the weighted score; the values agree with the official 2019 ones."""
    import parlib
    from parlib.tables.importer import import_table

    p = parlib.load("PAPI", year=2019, imports=False)
    w = p[(p.indicator == "PAPI.total_weighted") & (p.unit_type == "province")].sort_values("rank")
    lines = [SYNTH, "Tỉnh/Thành phố,Weighted PAPI,Lower bound,Upper bound,Rank"]
    lines += [f"{r.unit_name},{r.value:.2f},{r.ci_low:.2f},{r.ci_high:.2f},{int(r.rank)}" for r in w.itertuples()]
    f = tmp_path / "SYNTHETIC_papi_2019_weighted.csv"
    f.write_text("\n".join(lines), encoding="utf-8")
    res = import_table(f, "PAPI", 2019, dry_run=True)
    hn = res.panel[res.panel.unit_code == "01"].iloc[0]
    off = w[w.unit_code == "01"].iloc[0]
    assert hn.indicator == "PAPI.total_weighted" and hn["rank"] == off["rank"] and not isinstance(hn.flag, str)
    assert hn.ci_low == round(off.ci_low, 2)
    assert res.comparison.summary() == "63 values agree, 0 disagree"


@pytest.mark.slow   # renders a brief (~25 s): kept out of the mutation runs, run by `make test`
def test_an_imported_34_unit_table_flows_into_the_2025_brief(isolated_data):
    """A brief of one of the 34 units shows an imported official table as it is (flagged
    official, the table's own rank of 34), not a reconstruction from the former provinces."""
    f = isolated_data / "SYNTHETIC_par_2025_34.csv"
    facts = par_34_provinces_2025(f)
    assert main(["import", str(f), "--index", "PAR", "--year", "2025"]) == 0
    from parlib.render import brief_data as bd, brief_html as bh

    b = bd.brief("Đà Nẵng", 2025, "en")
    vals, total, rank = facts["Đà Nẵng"]
    par = b.standing.set_index("index").loc["PAR"]
    assert (b.years["PAR"], float(par["score"]), int(par["rank"]), int(par["rank_of"])) == \
        (2025, float(total), rank, 34)
    assert par["rank_kind"] == "published" and b.flags["PAR"] == {"official"}
    assert "Quảng Nam" in bh.first_screen_html(b)          # the former provinces are named


def test_a_replaced_year_drops_the_values_derived_from_the_old_rows(isolated_data, panel, capsys):
    """PCI.unweighted 2019 is derived by the build from the official sub-indices; once an imported
    table replaces Đà Nẵng's 2019 values it would be stale, so it is left out (other units keep it)."""
    import parlib

    before = parlib.load("PCI", year=2019)
    assert len(before[(before.indicator == "PCI.unweighted") & (before.unit_code == "48")]) == 1
    header, body, where = pci_vcci_2019(panel, "vi")
    body = [body[where["48"]]]
    f = write_csv(isolated_data / "SYNTHETIC_pci_2019_one_row.csv", TITLE, header, body)
    assert main(["import", str(f), "--index", "PCI", "--year", "2019", "--replace",
                 "--allow-partial"]) in (0, 1)
    after = parlib.load("PCI", year=2019)
    assert len(after[(after.indicator == "PCI.unweighted") & (after.unit_code == "48")]) == 0
    assert len(after[(after.indicator == "PCI.unweighted") & (after.unit_code == "22")]) == 1
