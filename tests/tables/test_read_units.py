"""Reading a table file (parlib.tables.read: encodings, separators, sheets) and the units of an
imported table (parlib.tables.units: 63 or 34 provinces, slugs and scopes of other units, the
registry file of imported units). SYNTHETIC files written here; expected values by hand."""
from __future__ import annotations

import pytest

from parlib.errors import ParameterError, SourceFormatError
from parlib.tables import read as R
from parlib.tables import units as U

XLSX = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "par" / "SYNTHETIC_par_index_provinces_2023.xlsx"


@pytest.mark.parametrize("text,rows", [
    ("a;b;c\n1;2,5;3\n", [["a", "b", "c"], ["1", "2,5", "3"]]),     # semicolon, decimal comma
    ("a\tb\n1\t2,5\n", [["a", "b"], ["1", "2,5"]]),                 # tab
    ("a,b\n1,2\n", [["a", "b"], ["1", "2"]]),                       # comma
    ("a;b,c\n1;2,3\n", [["a", "b,c"], ["1", "2,3"]]),               # 2 fields either way: ';' preferred
    ("a\tb;c\n1\t2;3\n", [["a\tb", "c"], ["1\t2", "3"]]),            # ';' preferred over tab
    ("a\tb,c\n1\t2,3\n", [["a", "b,c"], ["1", "2,3"]]),             # tab preferred over ','
    ("a,b,c\nx;y\n1,2,3\n", [["a", "b", "c"], ["x;y"], ["1", "2", "3"]]),   # the median line decides
    ("abc\ndef\n", [["abc"], ["def"]]),                              # one column: ','
    ("", []),
])
def test_parse_csv_text_guesses_the_separator(text, rows):
    assert R.parse_csv_text(text, "t.csv") == rows


def test_the_separator_is_guessed_from_the_first_60_lines():
    text = "a,b\n" * 60 + "c;d;e;f\n" * 100
    assert R.parse_csv_text(text, "t.csv")[-1] == ["c;d;e;f"]


@pytest.mark.parametrize("data,encoding,text", [
    (b"\xef\xbb\xbfH\xc3\xa0", None, "Hà"),                      # UTF-8 with BOM
    ("Hà".encode("utf-16"), None, "Hà"),                          # UTF-16 with BOM
    ("Hà".encode("utf-16-be")[0:0] + b"\xfe\xff" + "Hà".encode("utf-16-be"), None, "Hà"),
    ("Hà".encode("cp1258"), "cp1258", "Hà"),                      # legacy, named
    ("\ufeffHa\u0300".encode("utf-8"), "utf-8", "Hà"),            # BOM dropped, NFC
    ("Ha\u0300".encode("utf-8"), None, "Hà"),                     # decomposed → composed
])
def test_decode_bytes(data, encoding, text):
    assert R.decode_bytes(data, "t.csv", encoding) == text


@pytest.mark.parametrize("data,encoding,message", [
    ("Hà".encode("cp1258"), None, r"^t\.csv: is not valid UTF-8 \(byte 1\); it looks like a legacy encoding such as "
     r"Windows-1258\. Re-save it as 'CSV UTF-8', or pass --encoding cp1258 expected UTF-8 \(with or without BOM\) or UTF-16$"),
    ("Ha".encode("utf-16-le"), None, r"^t\.csv: contains NUL characters \(UTF-16 without a BOM\?\); pass --encoding "
     r"utf-16-le expected UTF-8 or UTF-16 with BOM$"),
    (b"abc", "nope", r"^t\.csv: cannot be decoded as nope \(unknown encoding: nope\) expected a file in the given encoding$"),
    (b"\xff", "ascii", r"^t\.csv: cannot be decoded as ascii \('ascii' codec can't decode byte 0xff"),
])
def test_decode_bytes_errors_name_the_file_and_what_to_do(data, encoding, message):
    with pytest.raises(SourceFormatError, match=message):
        R.decode_bytes(data, "t.csv", encoding)


def test_read_table_csv_pads_rows_and_blanks_become_none(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes("Tỉnh;Chỉ số\nHà Nội; \n;80;x\n".encode("utf-8"))
    df, sheet = R.read_table(f)
    assert sheet is None
    assert df.values.tolist() == [["Tỉnh", "Chỉ số", None], ["Hà Nội", None, None], [None, "80", "x"]]
    g = tmp_path / "t.txt"
    g.write_bytes("a\tb\n".encode("utf-16"))
    assert R.read_table(g)[0].values.tolist() == [["a", "b"]]
    h = tmp_path / "t.csv.cp"
    h.write_bytes("x".encode())
    with pytest.raises(SourceFormatError, match=r"^t\.csv\.cp: expected an Excel workbook \(\.xlsx, \.xls\) or a CSV file found '\.cp'$"):
        R.read_table(h)
    k = tmp_path / "legacy.CSV"
    k.write_bytes("Tinh;Hà".encode("cp1258"))
    assert R.read_table(k, encoding="cp1258")[0].values.tolist() == [["Tinh", "Hà"]]


def test_read_table_refuses_missing_empty_files_and_a_sheet_of_a_csv(tmp_path):
    with pytest.raises(SourceFormatError, match=r"^nope\.csv: file not found expected an existing \.xlsx/\.xls/\.csv file$"):
        R.read_table(tmp_path / "nope.csv")
    (tmp_path / "e.csv").write_bytes(b"")
    with pytest.raises(SourceFormatError, match=r"^e\.csv: the file is empty expected a table$"):
        R.read_table(tmp_path / "e.csv")
    (tmp_path / "s.csv").write_text("a,b\n")
    with pytest.raises(ParameterError, match=r"sheet.*a CSV file has no sheets"):
        R.read_table(tmp_path / "s.csv", sheet="1")


def test_read_table_sheets_of_a_workbook():
    df, name = R.read_table(XLSX)
    assert name == "PAR 2023 SYNTHETIC" and df.iat[0, 0] == "SYNTHETIC TEST FIXTURE — not official data"
    assert R.read_table(XLSX, sheet="0")[1] == "PAR 2023 SYNTHETIC"          # a position
    assert R.read_table(XLSX, sheet=0)[1] == "PAR 2023 SYNTHETIC"
    assert R.read_table(XLSX, sheet="PAR 2023 SYNTHETIC")[0].shape == df.shape
    with pytest.raises(SourceFormatError, match=r"sheet '1'.*no such sheet expected one of 'PAR 2023 SYNTHETIC'$"):
        R.read_table(XLSX, sheet="1")
    with pytest.raises(SourceFormatError, match=r"^SYNTHETIC_par_index_provinces_2023\.xlsx, sheet 'Other':"):
        R.read_table(XLSX, sheet="Other")


# ------------------------------------------------------------------------------ units

def test_province_count_before_and_after_the_2025_merger():
    assert [U.province_count(y) for y in (2011, 2024, 2025, "2025", 2026)] == [63, 63, 34, 34, 34]


@pytest.mark.parametrize("name,unit_type,slug", [
    ("Thành phố Tam Kỳ", "district", "tam-ky"),
    ("TP. Tam Kỳ", "district", "tam-ky"),
    ("TP.Tam Kỳ", "district", "tam-ky"),            # "tp." glued to the name
    ("TP Hội An", "commune", "hoi-an"),
    ("Huyện Núi Thành", "district", "nui-thanh"),
    ("Thị xã Điện Bàn", "district", "dien-ban"),
    ("Thị trấn Núi Thành", "commune", "nui-thanh"),
    ("Phường 1", "commune", "phuong-1"),             # "phuong 1" is not longer than "phuong " + 1
    ("Phường 12", "commune", "12"),
    ("Quận 1", "district", "quan-1"),                # "quan 1" is not longer than "quan " + 1
    ("Quận 10", "district", "10"),
    ("Xã A", "commune", "xa-a"),
    ("Thị xã", "district", "thi-xa"),                # a prefix alone is a name
    ("Thành phố Tam Kỳ", "department", "thanh-pho-tam-ky"),   # prefixes only stripped for districts/communes
    ("Bộ Tư pháp", "ministry", "bo-tu-phap"),
    ("  Sở   Nội vụ ", "department", "so-noi-vu"),
])
def test_slug(name, unit_type, slug):
    assert U.slug(name, unit_type) == slug


def test_slug_of_a_name_without_letters_is_refused():
    with pytest.raises(ValueError, match="^empty name$"):
        U.slug("...", "district")


def test_scope_name():
    assert [U.scope_name("province", None), U.scope_name("ministry", "VN"), U.scope_name("district", "49"),
            U.scope_name("commune", "49.tam-ky")] == ["province", "ministry", "district-49", "commune-49.tam-ky"]


def test_units_csv_bytes_writes_the_columns_in_order():
    rows = [{"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Tam Kỳ", "name_en": "Tam Ky",
             "scope": "district-49", "parent_code": "49", "extra": 1}]
    assert U.units_csv_bytes(rows) == ("unit_code,unit_type,name_vi,name_en,scope,parent_code\n"
                                       "49.tam-ky,district,Tam Kỳ,Tam Ky,district-49,49\n").encode("utf-8")


@pytest.fixture
def imported(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLIB_IMPORTED_DIR", str(tmp_path))
    return tmp_path


def test_resolve_parent(imported):
    assert U.read_imported_units() == []
    assert U.resolve_parent(None, "province") == (None, None)
    assert U.resolve_parent(None, "ministry") == ("VN", "Việt Nam")
    assert U.resolve_parent("Quảng Nam", "district") == ("49", "Quảng Nam")
    (imported / "units.csv").write_bytes(U.units_csv_bytes([
        {"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Tam Kỳ", "name_en": "Tam Ky",
         "scope": "district-49", "parent_code": "49"}]))
    assert U.resolve_parent("tam ky", "commune") == ("49.tam-ky", "Tam Kỳ")        # by name
    assert U.resolve_parent("49.tam-ky", "commune") == ("49.tam-ky", "Tam Kỳ")     # by code
    for name, utype, hint in [("Hà Nội", "province", "provinces have no parent unit"),
                              ("Hà Nội", "ministry", "ministries are national units"),
                              (None, "district", "a district table needs the province"),
                              ("", "commune", "a commune table needs the province")]:
        with pytest.raises(ParameterError, match=rf"--parent-unit.*{hint}"):
            U.resolve_parent(name, utype)


def test_unit_of(imported):
    known = {}
    assert U.unit_of("TP. HCM", "province", None, known, "t.csv", None, 3, "Tỉnh", 2023) == ("79", "Thành phố Hồ Chí Minh", None)
    # from 2025 the 34 provinces: the new Đà Nẵng (N48, with the former Quảng Nam)
    assert U.unit_of("Đà Nẵng", "province", None, known, "t.csv", None, 3, "Tỉnh", 2025)[0] == "N48"
    code, name, new = U.unit_of(" Thành phố  Tam Kỳ ", "district", "49", known, "t.csv", None, 3, "Huyện")
    assert (code, name) == ("49.tam-ky", "Thành phố  Tam Kỳ")
    assert new == {"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Thành phố Tam Kỳ",
                   "name_en": "Thanh Pho Tam Ky", "scope": "district-49", "parent_code": "49"}
    assert U.unit_of("Bộ Tư pháp", "ministry", "VN", known, "t.csv", None, 3, "Bộ")[0] == "MIN.bo-tu-phap"
    known = {"49.tam-ky": {"unit_type": "district", "name_vi": "Tam Kỳ"}}
    assert U.unit_of("TP Tam Kỳ", "district", "49", known, "t.csv", None, 3, "Huyện") == ("49.tam-ky", "Tam Kỳ", None)
    with pytest.raises(SourceFormatError, match=r"^t\.csv, row 3, column 'Xã': 'Tam Kỳ' is already registered as a "
                       r"district \(49\.tam-ky\) expected a commune$"):
        U.unit_of("Tam Kỳ", "commune", "49", {"49.tam-ky": {"unit_type": "district", "name_vi": "Tam Kỳ"}},
                  "t.csv", None, 3, "Xã")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, row 4, column 'Huyện': expected a unit name found '\.\.\.'$"):
        U.unit_of("...", "district", "49", {}, "t.csv", None, 4, "Huyện")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 5, column 'Tỉnh':.*Atlantis.* expected a province name"):
        U.unit_of("Atlantis", "province", None, {}, "t.csv", "S", 5, "Tỉnh")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, row 6, column 'Tỉnh': unknown province name 'Hội An'; "
                       r"closest: .* expected a province name$"):
        U.unit_of("Hội An", "province", None, {}, "t.csv", None, 6, "Tỉnh")


# ------------------------------------------------------------------------------ edges (issue 20: mutation survivors)

def test_the_separator_is_the_median_line_count_and_semicolon_wins_only_by_half_a_field():
    # two title lines above a ';' table: counts for ';' are [1, 1, 3, 3, 3], median 3
    assert R.parse_csv_text("Title\nNote\na;b;c\nd;e;f\ng;h;i\n", "t.csv")[2] == ["a", "b", "c"]
    # ';' splits into 2 fields, ',' into 3: 3 > 2 + 0.5, so ','
    assert R.parse_csv_text("a;b,c,d\n1;2,3,4\n", "t.csv") == [["a;b", "c", "d"], ["1;2", "3", "4"]]
    # only the first 60 non-blank lines are looked at: 30 lines "x;y;z" and 30 lines "p,q" make ';' the
    # median (3 fields + 0.5 beats 2); a 61st line "r,s" would tip the median of ';' to 1
    text = "x;y;z\n" * 30 + "p,q\n" * 30 + "r,s\n"
    assert R.parse_csv_text(text, "t.csv")[0] == ["x", "y", "z"]


def test_decode_bytes_keeps_the_text_and_drops_only_boms():
    assert R.decode_bytes(b"XYZ;1", "t.csv", "utf-8") == "XYZ;1"
    assert R.decode_bytes(b"XYZ;1", "t.csv") == "XYZ;1"
    assert R.decode_bytes(b"  a;b", "t.csv") == "  a;b"                 # leading spaces are data
    assert R.decode_bytes(b"\xef\xbb\xbf" * 2 + b"a", "t.csv") == "a"    # a file saved twice with a BOM


def test_read_table_names_the_file_in_every_error(tmp_path, monkeypatch):
    k = tmp_path / "legacy.csv"
    k.write_bytes("Tinh;Hà".encode("cp1258"))
    with pytest.raises(SourceFormatError, match=r"^legacy\.csv: is not valid UTF-8"):
        R.read_table(k)
    big = tmp_path / "big.csv"
    big.write_text("a;" + "x" * 2000 + "\n")
    monkeypatch.setenv("PARLIB_MAX_FIELD_KB", "1")
    with pytest.raises(Exception, match=r"^big\.csv, row 1: a field longer than the limit"):
        R.read_table(big)
    monkeypatch.setenv("PARLIB_MAX_FILE_MB", "0.001")     # 1 KB: the 2 KB file is refused before it is read
    with pytest.raises(Exception, match=r"^big\.csv\b"):
        R.read_table(big)
    monkeypatch.delenv("PARLIB_MAX_FILE_MB")
    monkeypatch.delenv("PARLIB_MAX_FIELD_KB")
    wide = tmp_path / "wide.csv"
    wide.write_text(";".join(["1"] * 30) + "\n")
    monkeypatch.setenv("PARLIB_MAX_CELLS", "20")
    with pytest.raises(Exception, match=r"^wide\.csv\b"):
        R.read_table(wide)


def test_read_table_a_bom_only_file_and_a_tsv(tmp_path):
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf")
    assert R.read_table(tmp_path / "bom.csv")[0].shape == (0, 0)
    (tmp_path / "t.tsv").write_text("a\tb\n")
    assert R.read_table(tmp_path / "t.tsv")[0].values.tolist() == [["a", "b"]]


def test_read_table_sheet_names_that_are_digits_and_several_sheets(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Data"
    wb.active.append(["a", "b"])
    wb.create_sheet("2023").append(["x", "y"])
    f = tmp_path / "two.xlsx"
    wb.save(f)
    assert R.read_table(f, "2023")[0].values.tolist() == [["x", "y"]]     # a name, not position 2023
    assert R.read_table(f, "1")[1] == "2023"                              # position 1
    with pytest.raises(SourceFormatError, match=r"^two\.xlsx, sheet '5': no such sheet expected one of 'Data', '2023'$"):
        R.read_table(f, "5")
    with pytest.raises(SourceFormatError, match=r"^two\.xlsx, sheet 'Other': no such sheet expected one of 'Data', '2023'$"):
        R.read_table(f, "Other")
    (tmp_path / "s.csv").write_text("a,b\n")
    with pytest.raises(ParameterError, match=r"^invalid sheet: '1' \(a CSV file has no sheets\)$"):
        R.read_table(tmp_path / "s.csv", sheet="1")


def test_parent_unit_errors_name_the_option_and_the_value(imported):
    for name, utype, msg in [
            ("Hà Nội", "province", r"^invalid --parent-unit: 'Hà Nội' \(provinces have no parent unit; leave it out\)$"),
            ("Hà Nội", "ministry", r"^invalid --parent-unit: 'Hà Nội' \(ministries are national units; leave it out\)$"),
            ("", "district", r"^invalid --parent-unit: '' \(a district table needs the province \(or district\) it "
                             r"belongs to, e\.g\. --parent-unit 'Quảng Nam'\)$")]:
        with pytest.raises(ParameterError, match=msg):
            U.resolve_parent(name, utype)


def test_parent_unit_a_region_and_the_second_imported_unit(imported):
    assert U.resolve_parent("R-CH", "department") == ("R-CH", "Tây Nguyên")   # a registry unit, not a province
    (imported / "units.csv").write_bytes(U.units_csv_bytes([
        {"unit_code": "49.hoi-an", "unit_type": "district", "name_vi": "Hội An", "name_en": "Hoi An",
         "scope": "district-49", "parent_code": "49"},
        {"unit_code": "49.tam-ky", "unit_type": "district", "name_vi": "Tam Kỳ", "name_en": "Tam Ky",
         "scope": "district-49", "parent_code": "49"}]))
    assert U.resolve_parent("Tam Kỳ", "commune") == ("49.tam-ky", "Tam Kỳ")


def test_unit_errors_name_the_sheet(imported):
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 4, column 'Huyện': expected a unit name found '\.\.\.'$"):
        U.unit_of("...", "district", "49", {}, "t.csv", "S", 4, "Huyện")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, sheet 'S', row 3, column 'Xã': 'Tam Kỳ' is already registered"):
        U.unit_of("Tam Kỳ", "commune", "49", {"49.tam-ky": {"unit_type": "district", "name_vi": "Tam Kỳ"}},
                  "t.csv", "S", 3, "Xã")
    # a ministry has no parent code: its record says so with an empty field
    assert U.unit_of("Bộ Tư pháp", "ministry", None, {}, "t.csv", None, 3, "Bộ")[2]["parent_code"] == ""


def test_a_single_column_is_never_split_and_errors_past_line_60_name_the_file(monkeypatch):
    # ';' splits one line of three into two fields: a median of one field is no separator
    assert R.parse_csv_text("Title; subtitle\nx\ny\n", "t.csv") == [["Title; subtitle"], ["x"], ["y"]]
    monkeypatch.setenv("PARLIB_MAX_FIELD_KB", "1")
    with pytest.raises(SourceFormatError, match=r"^t\.csv, row 70: a field longer than the limit"):
        R.parse_csv_text("a,b\n" * 69 + "c," + "x" * 2000 + "\n", "t.csv")


def test_parse_csv_text_without_a_file_name_says_the_csv(monkeypatch):
    monkeypatch.setenv("PARLIB_MAX_FIELD_KB", "1")
    with pytest.raises(SourceFormatError, match=r"^the CSV, row 1: a field longer than the limit"):
        R.parse_csv_text("x" * 2000 + "\n")
