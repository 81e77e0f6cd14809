"""``parlib import`` / ``parlib export`` on the SYNTHETIC fixture (tests/fixtures/par: clearly labelled,
not official data) and on malformed variants of it. Everything is imported into temporary folders."""
from __future__ import annotations

import csv
import hashlib
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parlib.cli.main import main

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "par"
X22 = FIX / "SYNTHETIC_par_index_provinces_2022.xlsx"
X23 = FIX / "SYNTHETIC_par_index_provinces_2023.xlsx"
C23 = FIX / "SYNTHETIC_par_index_provinces_2023_vi-locale.csv"


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    imp, proc = tmp_path / "imported", tmp_path / "processed"
    imp.mkdir()
    proc.mkdir()
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(imp))
    monkeypatch.setenv("PARLIB_PROCESSED_DIR", str(proc))
    (proc / "panel.csv").write_text("index,year\nPCI,2019\n", encoding="utf-8")  # stand-in official panel
    return imp, proc


def snapshot(*folders):
    out = {}
    for f in folders:
        for p in sorted(Path(f).rglob("*")):
            if p.is_file():
                out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def test_fixture_is_labelled_synthetic():
    from parlib.tables.importer import read_table

    for f in (X22, X23, C23):
        assert "SYNTHETIC" in f.name
        df, _ = read_table(f)
        assert df.iat[0, 0] == "SYNTHETIC TEST FIXTURE — not official data"


def test_long_an_statements(dirs):
    from parlib.panel import imported_tables
    from parlib.tables.statements import area_statement, area_statements

    assert main(["import", str(X22), "--index", "PAR", "--year", "2022"]) == 0
    assert main(["import", str(X23), "--index", "PAR", "--year", "2023"]) == 0
    panel = imported_tables()
    assert area_statement(panel, "80", 2023, "PAR.procedures") == \
        "administrative procedure reform 12.98/13 (99.84%), rank 5/63, up 50 places from 55"
    assert area_statement(panel, "80", 2023, "PAR.civil_service") == "civil service reform 13.6/15 (90.66%), rank 1"
    assert area_statement(panel, "80", 2023, "PAR.impact") == "impact 13.51/16.5 (81.87%), rank 11"
    assert area_statement(panel, "80", 2023, "PAR.procedures", lang="vi") == \
        "cải cách thủ tục hành chính 12,98/13 (99,84%), xếp hạng 5/63, tăng 50 bậc so với hạng 55"
    assert len(area_statements(panel, "80", 2023)) == 8
    # the 2022 table spells some provinces differently; they still resolve
    p22 = panel[panel.year == 2022]
    assert p22.unit_code.nunique() == 63 and {"79", "46", "77", "17", "66"} <= set(p22.unit_code)
    la = panel[(panel.unit_code == "80") & (panel.year == 2023) & (panel.indicator == "PAR.procedures")].iloc[0]
    assert la.max_value == 13 and la.rank_of == 63 and la.flag == "rank_computed"
    assert la.source.startswith("import:SYNTHETIC_par_index_provinces_2023.xlsx")


def test_vi_locale_csv_equals_xlsx(dirs):
    from parlib.tables.importer import import_table

    a = import_table(X23, "PAR", 2023, dry_run=True).panel
    b = import_table(C23, "PAR", 2023, dry_run=True).panel
    cols = ["unit_code", "indicator", "value", "max_value", "rank", "rank_of"]
    assert a[cols].equals(b[cols])
    assert not any(dirs[0].iterdir())  # dry run wrote nothing


def test_loaded_with_official_panel(dirs):
    """parlib.load() merges the import with the official panel (here: an empty official build)."""
    from parlib.panel.build import empty_panel, write_outputs
    from parlib.panel.report import CleaningReport

    write_outputs(empty_panel(), CleaningReport(), dirs[1])
    assert main(["import", str(X23), "--index", "PAR", "--year", "2023"]) == 0
    import parlib

    p = parlib.load("PAR", year=2023, unit="80")
    assert len(p) == 9 and p[p.indicator == "PAR.overall"].value.iloc[0] == pytest.approx(84.01)


# ------------------------------------------------------------------------------ malformed tables

def csv_rows():
    text = C23.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def write_rows(path, rows, bom=True):
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes((("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8"))
    return path


def data_row(rows, name):
    for i, r in enumerate(rows):
        if len(r) > 1 and r[1] == name:
            return i
    raise KeyError(name)


def _drop_col(rows, j):
    return [r[:j] + r[j + 1:] if len(r) > j else r for r in rows]


def _bad_total(rows):
    i = data_row(rows, "Long An")
    rows[i][10] = "90,00"
    return rows, i + 1, "Tổng điểm (100)"


def _dup(rows):
    i = data_row(rows, "Cần Thơ")
    rows[i][1] = "Long An"
    return rows, i + 1, "Tỉnh, thành phố"


def _unknown(rows):
    i = data_row(rows, "Quảng Nam")
    rows[i][1] = "Quang Nom"
    return rows, i + 1, "Tỉnh, thành phố"


def _text_in_number(rows):
    i = data_row(rows, "Hà Giang")
    rows[i][3] = "n/a"
    return rows, i + 1, "Cải cách thể chế (10)"


def _rank_disagrees(rows):
    a, b = data_row(rows, "Long An"), data_row(rows, "Hà Giang")
    rows[a][12], rows[b][12] = rows[b][12], rows[a][12]
    hi = a if float(rows[a][10].replace(",", ".")) > float(rows[b][10].replace(",", ".")) else b
    return rows, None, "Xếp hạng"


def _over_max(rows):
    i = data_row(rows, "Long An")
    rows[i][4] = "13,5"
    return rows, i + 1, "Cải cách thủ tục hành chính (13)"


@pytest.mark.parametrize("case", ["missing_area", "bad_total", "duplicate", "unknown", "text", "rank", "over_max"])
def test_malformed_exit_2_and_nothing_changes(dirs, tmp_path, capsys, case):
    imp, proc = dirs
    assert main(["import", str(X22), "--index", "PAR", "--year", "2022"]) == 0  # something to protect
    rows = csv_rows()
    if case == "missing_area":
        rows, row, col = _drop_col(rows, 4), 5, "Cải cách thủ tục hành chính"
        expect = ["area column missing"]
    else:
        fn = {"bad_total": _bad_total, "duplicate": _dup, "unknown": _unknown, "text": _text_in_number,
              "rank": _rank_disagrees, "over_max": _over_max}[case]
        rows, row, col = fn(rows)
        expect = {"bad_total": ["not the sum"], "duplicate": ["duplicated unit", "already in row"],
                  "unknown": ["Quang Nom", "Quảng Nam"], "text": ["expected a number", "n/a"],
                  "rank": ["disagrees"], "over_max": ["between 0 and 13"]}[case]
    bad = write_rows(tmp_path / f"bad_{case}.csv", rows)
    before = snapshot(imp, proc)
    capsys.readouterr()
    rc = main(["import", str(bad), "--index", "PAR", "--year", "2023"])
    err = capsys.readouterr().err
    assert rc == 2
    assert err.startswith("parlib import: error: ") and "Traceback" not in err
    if row is not None:
        assert f"row {row}" in err
    else:
        assert "row " in err
    assert f"column '{col}" in err
    for e in expect:
        assert e in err
    assert snapshot(imp, proc) == before


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as legacy Vietnamese spreadsheets write it: base letters (Ê, Ơ, Ă ...) precomposed,
    tone marks as combining characters."""
    import unicodedata

    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
        out.append((base + "".join(c for c in d if c in TONES)).encode("cp1258"))
    return b"".join(out)


def test_encodings(dirs, tmp_path, capsys):
    text = C23.read_bytes().decode("utf-8-sig")
    u16 = tmp_path / "t_utf16.csv"
    u16.write_bytes(text.encode("utf-16"))
    assert main(["import", str(u16), "--index", "PAR", "--year", "2023", "--dry-run"]) == 0
    cp = tmp_path / "t_cp1258.csv"
    import unicodedata

    cp.write_bytes(to_cp1258(text))
    capsys.readouterr()
    assert main(["import", str(cp), "--index", "PAR", "--year", "2023", "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "Windows-1258" in err and "--encoding cp1258" in err
    assert main(["import", str(cp), "--index", "PAR", "--year", "2023", "--encoding", "cp1258", "--dry-run"]) == 0
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--index", "PAR", "--year", "2023"]) == 2


def test_parameters_checked(dirs, capsys):
    assert main(["import", str(X23), "--index", "PAR", "--year", "2005"]) == 2
    assert "codebook covers" in capsys.readouterr().err
    assert main(["import", str(X23), "--index", "PAR", "--year", "2023", "--unit-type", "district"]) == 2
    assert "--parent-unit" in capsys.readouterr().err
    assert main(["import", str(X23), "--index", "PAR", "--year", "2023", "--sheet", "nope"]) == 2
    assert "PAR 2023 SYNTHETIC" in capsys.readouterr().err  # lists the sheets


def test_wrong_number_of_provinces(dirs, tmp_path, capsys):
    rows = csv_rows()
    i = data_row(rows, "Long An")
    del rows[i + 1]
    bad = write_rows(tmp_path / "t62.csv", rows)
    assert main(["import", str(bad), "--index", "PAR", "--year", "2023"]) == 2
    assert "62 provinces" in capsys.readouterr().err
    assert main(["import", str(bad), "--index", "PAR", "--year", "2023", "--allow-partial", "--dry-run"]) == 0


# ------------------------------------------------------------------------------ other unit types

DISTRICTS_2021 = """Chỉ số CCHC các huyện, thị xã, thành phố tỉnh Quảng Nam năm 2021 (SYNTHETIC TEST FIXTURE — not official data)
STT;Đơn vị;Cải cách thủ tục hành chính (13);Cải cách chế độ công vụ (15);Tổng điểm;Chỉ số (%);Xếp hạng
1;Thành phố Tam Kỳ;12,5;14;26,5;94,64;1
2;Thị xã Điện Bàn;12;13,5;25,5;91,07;2
3;Huyện Núi Thành;11;12;23;82,14;3
Ghi chú: số liệu giả lập
"""


def test_district_scope(dirs, tmp_path, capsys):
    from parlib import provinces
    from parlib.panel import imported_tables

    f = tmp_path / "qnam_2021.csv"
    f.write_text(DISTRICTS_2021, encoding="utf-8")
    # 2021 belongs to the 2017-2021 method period, whose thematic areas the codebook now has (issue 16)
    assert main(["import", str(f), "--index", "PAR", "--year", "2021", "--unit-type", "district",
                 "--parent-unit", "Quảng Nam"]) == 0
    assert "49.tam-ky" in capsys.readouterr().out
    f2 = tmp_path / "qnam_2023.csv"
    f2.write_text(DISTRICTS_2021.replace("2021", "2023"), encoding="utf-8")
    assert main(["import", str(f2), "--index", "PAR", "--year", "2023", "--unit-type", "district",
                 "--parent-unit", "Quảng Nam"]) == 0
    assert "new units" not in capsys.readouterr().out  # registered by the 2021 table already
    u = provinces.get("49.tam-ky")
    assert u.unit_type == "district" and u.parent_code == "49" and u.name_vi == "Thành phố Tam Kỳ"
    p = imported_tables()
    tk = p[(p.unit_code == "49.tam-ky") & (p.indicator == "PAR.overall")].iloc[0]
    assert tk.value == 94.64 and tk["rank"] == 1 and tk.rank_of == 3 and tk.unit_type == "district"
    assert (dirs[0] / "panel_par_2023_district-49.csv").exists()
    assert not p.unit_code.isin(provinces.codes()).any()  # never forced onto a province
    # another spelling next year maps onto the same unit
    f3 = tmp_path / "qnam_2024.csv"
    f3.write_text(DISTRICTS_2021.replace("2021", "2024").replace("Thành phố Tam Kỳ", "TP. Tam Kỳ"), encoding="utf-8")
    assert main(["import", str(f3), "--index", "PAR", "--year", "2024", "--unit-type", "district",
                 "--parent-unit", "Quang Nam"]) == 0
    assert set(imported_tables().query("year == 2024").unit_code) == {"49.tam-ky", "49.dien-ban", "49.nui-thanh"}


def test_ministries(dirs, tmp_path):
    from parlib import provinces
    from parlib.tables.importer import import_table

    f = tmp_path / "min.csv"
    f.write_text("\"Bộ, cơ quan ngang bộ\",Chỉ số (%),Xếp hạng\nBộ Tư pháp,89.95,1\nBộ Công Thương,78.03,2\n",
                 encoding="utf-8")
    res = import_table(f, "PAR", 2023, unit_type="ministry")
    assert res.target.name == "panel_par_2023_ministry.csv"
    assert provinces.get("MIN.bo-tu-phap").name_vi == "Bộ Tư pháp"
    v = res.panel.set_index("unit_code").value
    assert v["MIN.bo-tu-phap"] == 89.95


def test_sipas_import(dirs, tmp_path):
    from parlib.tables.importer import import_table

    f = tmp_path / "sipas.csv"
    rows = ["Tỉnh, thành phố;Chỉ số SIPAS (%);Xếp hạng"]
    from parlib import provinces

    codes = provinces.codes()
    for k, c in enumerate(codes):
        rows.append(f"{provinces.get(c).name_vi};{90 - k * 0.25:.2f}".replace(".", ",") + f";{k + 1}")
    f.write_text("\n".join(rows), encoding="utf-8")
    res = import_table(f, "SIPAS", 2023)
    p = res.panel
    assert len(p) == 63 and set(p.indicator) == {"SIPAS.overall"}
    assert p[p.unit_code == codes[0]].value.iloc[0] == 90.0


# ------------------------------------------------------------------------------ round trip

AREAS = [("PAR.direction", 10), ("PAR.institutions", 10), ("PAR.procedures", 13), ("PAR.apparatus", 10),
         ("PAR.civil_service", 15), ("PAR.public_finance", 12), ("PAR.digital_government", 13.5),
         ("PAR.impact", 16.5)]


@pytest.mark.parametrize("locale,suffix", [("en", ".csv"), ("vi", ".csv"), ("vi", ".xlsx")])
def test_export_round_trip_fixture(dirs, tmp_path, locale, suffix):
    from parlib.tables.importer import export_table, import_table

    first = import_table(X23, "PAR", 2023).panel
    out = export_table("PAR", 2023, tmp_path / f"out{suffix}", locale=locale)
    again = import_table(out, "PAR", 2023, dry_run=True).panel
    cols = ["unit_code", "indicator", "value", "max_value", "rank", "rank_of", "flag"]
    assert first[cols].equals(again[cols])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_import_export_round_trip_property(dirs, tmp_path_factory, data):
    from parlib import provinces
    from parlib.tables.importer import export_table, import_table
    from parlib.tables.pct import fmt_number

    tmp = tmp_path_factory.mktemp("rt")
    codes = provinces.codes()
    comma = data.draw(st.booleans())
    head = ["STT", "Tỉnh, thành phố"] + [f"{a} ({fmt_number(m, comma)})" for a, m in
                                         [(n, m) for n, m in zip(
                                             ["Chỉ đạo điều hành", "Cải cách thể chế", "Thủ tục hành chính",
                                              "Tổ chức bộ máy", "Chế độ công vụ", "Tài chính công",
                                              "Chính phủ điện tử, Chính phủ số", "Tác động"], [m for _, m in AREAS])]]
    head += ["Tổng điểm", "Chỉ số (%)", "Xếp hạng"]
    recs = []
    for c in codes:
        vals = [Decimal(data.draw(st.integers(0, int(m * 100)))) / 100 for _, m in AREAS]
        recs.append((c, vals, sum(vals)))
    order = sorted(recs, key=lambda r: -r[2])
    first = {}
    for pos, r in enumerate(order, start=1):
        first.setdefault(r[2], pos)
    body = [[str(k + 1), provinces.get(c).name_vi] + [fmt_number(v, comma) for v in vals]
            + [fmt_number(t, comma), fmt_number(t, comma), str(first[t])] for k, (c, vals, t) in enumerate(recs)]
    sep = ";" if comma else ","
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows([["generated table"], head] + body)
    src = tmp / "gen.csv"
    src.write_text(buf.getvalue(), encoding="utf-8-sig" if comma else "utf-8")
    a = import_table(src, "PAR", 2023, replace=True).panel  # the same folder serves every example
    out = export_table("PAR", 2023, tmp / ("back.xlsx" if data.draw(st.booleans()) else "back.csv"),
                       locale="vi" if comma else "en")
    b = import_table(out, "PAR", 2023, dry_run=True).panel
    cols = ["unit_code", "indicator", "value", "max_value", "rank", "rank_of", "flag"]
    assert a[cols].equals(b[cols])
    # and the values are the ones in the generated table
    la = a.set_index(["unit_code", "indicator"]).value
    for c, vals, t in recs[:5]:
        assert la[(c, "PAR.overall")] == float(t)
        for (ind, _), v in zip(AREAS, vals):
            assert la[(c, ind)] == float(v)
