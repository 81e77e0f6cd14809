"""Resource bounds (issue 18): small crafted files that used to abort the process, cost gigabytes
or give "internal error" are refused with one line naming the file, the limit and the
environment variable that raises it."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crafted_files import sheet_xml, write_xlsx
from parlib.errors import ParameterError, SourceFormatError
from parlib.io.excel import read_sheet
from parlib.io.limits import check_workbook, col_letters, col_number

ROOT = Path(__file__).resolve().parents[2]
X23 = ROOT / "tests" / "fixtures" / "par" / "SYNTHETIC_par_index_provinces_2023.xlsx"


def parlib(*args, env=None, cwd=None):
    e = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))
    return subprocess.run([sys.executable, "-m", "parlib", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=e, cwd=cwd, timeout=120)


def one_line_refusal(r, command, *parts):
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr[-2000:]
    assert lines[0].startswith(f"parlib {command}: error: ")
    for p in parts:
        assert p in lines[0], (p, lines[0])


def test_column_letters_round_trip():
    assert col_number("A") == 1 and col_number("Z") == 26 and col_number("AA") == 27
    assert col_number("XFD") == 16384 and col_letters(16384) == "XFD" and col_letters(703) == "AAA"


def test_stray_cell_at_the_last_cell_of_the_sheet_is_refused_before_the_reader_allocates(tmp_path):
    # 2 KB: two real cells and one value at XFD1048576 (calamine would allocate the whole range)
    f = write_xlsx(tmp_path / "stray.xlsx", sheet_xml([("A1", "Tỉnh"), ("B2", 3), ("XFD1048576", 1)]))
    assert f.stat().st_size < 2048
    with pytest.raises(SourceFormatError, match=r"stray\.xlsx, sheet 'Data': a value in cell XFD1048576 "
                       r"\(row 1048576\), over the sheet rows limit of 200000 .*PARLIB_MAX_ROWS"):
        read_sheet(f, "Data")


def test_stray_cell_far_right_is_refused_naming_the_column_limit(tmp_path):
    f = write_xlsx(tmp_path / "wide.xlsx", sheet_xml([("A1", "x"), ("XFA3", 1)]))
    t0 = time.perf_counter()
    with pytest.raises(SourceFormatError, match=r"cell XFA3 \(column 16381\), over the sheet columns "
                       r"limit of 2000 \(raise it with the environment variable PARLIB_MAX_COLUMNS\)"):
        read_sheet(f, "Data")
    assert time.perf_counter() - t0 < 2  # was 26 s and 3 GB


def test_a_declared_dimension_is_never_trusted(tmp_path):
    # the sheet claims A1:XFD1048576 but holds two values: read normally, two rows
    f = write_xlsx(tmp_path / "dim.xlsx", sheet_xml([("A1", "x"), ("B2", 3)], dimension="A1:XFD1048576"))
    df = read_sheet(f, "Data")
    assert df.shape == (2, 2) and df.iat[1, 1] == 3


def test_styled_empty_cells_far_out_are_not_values(tmp_path):
    # formatting reaching column XFD (no value) does not count against the bounds
    filler = ""
    sheet = sheet_xml([("A1", "x"), ("B2", 3)]).replace(
        "</row></sheetData>", '<c r="XFD2" s="1"/></row></sheetData>')
    f = write_xlsx(tmp_path / "styled.xlsx", sheet + filler)
    assert check_workbook(f, "styled.xlsx", "Data")["Data"].columns == 2


def test_cells_without_references_are_counted_by_position(tmp_path):
    # <c> elements may omit r=: 3000 styled empty cells then a value puts it at column 3002
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
             'main"><sheetData><row r="5"><c><v>1</v></c>' + '<c s="1"/>' * 3000 +
             '<c><v>2</v></c></row></sheetData></worksheet>')
    f = write_xlsx(tmp_path / "norefs.xlsx", sheet)
    with pytest.raises(SourceFormatError, match=r"cell DKL5 \(column 3002\).*PARLIB_MAX_COLUMNS"):
        read_sheet(f, "Data")


def test_lowered_row_limit_through_the_environment(tmp_path, monkeypatch):
    f = write_xlsx(tmp_path / "rows.xlsx", sheet_xml([(f"A{i}", i) for i in range(1, 31)]))
    assert read_sheet(f, "Data").shape == (30, 1)
    monkeypatch.setenv("PARLIB_MAX_ROWS", "20")
    with pytest.raises(SourceFormatError, match=r"cell A30 \(row 30\), over the sheet rows limit of 20 "):
        read_sheet(f, "Data")


def test_zip_bomb_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    # 3 MB of sheet XML that compresses to a few KB; the limit lowered to 2 MB
    pad = "<!--" + "x" * (3 << 20) + "-->"
    f = write_xlsx(tmp_path / "bomb.xlsx", sheet_xml([("A1", "x")], filler=pad))
    assert f.stat().st_size < 50_000
    monkeypatch.setenv("PARLIB_MAX_UNPACKED_MB", "2")
    with pytest.raises(SourceFormatError, match=r"bomb\.xlsx: the workbook unpacks to 3\.0 MB, over the "
                       r"unpacked size limit of 2 MB \(raise it with the environment variable "
                       r"PARLIB_MAX_UNPACKED_MB\)"):
        read_sheet(f, "Data")


def test_zip_bomb_is_refused_by_its_compression_ratio(tmp_path, monkeypatch):
    pad = "<!--" + "x" * (3 << 20) + "-->"
    f = write_xlsx(tmp_path / "ratio.xlsx", sheet_xml([("A1", "x")], filler=pad))
    with pytest.raises(SourceFormatError, match=r"the part xl/worksheets/sheet1\.xml is compressed \d+:1 "
                       r".*over the compression ratio limit of 200 .*PARLIB_MAX_ZIP_RATIO"):
        read_sheet(f, "Data")


def test_a_lying_zip_directory_is_refused_before_the_reader_sees_it(tmp_path, monkeypatch):
    # the directory claims a tiny part; the part is checked whole (size and checksum) while streaming
    import zipfile

    from parlib.io import limits

    pad = "<!--" + "y" * (3 << 20) + "-->"
    f = write_xlsx(tmp_path / "liar.xlsx", sheet_xml([("A1", "x")], filler=pad))
    monkeypatch.setenv("PARLIB_MAX_UNPACKED_MB", "2")
    monkeypatch.setenv("PARLIB_MAX_ZIP_RATIO", "100000")
    real = zipfile.ZipFile.infolist

    def lying(self):
        out = real(self)
        for i in out:
            if i.filename.endswith("sheet1.xml"):
                i.file_size = 1000
        return out

    monkeypatch.setattr(zipfile.ZipFile, "infolist", lying)
    with pytest.raises(SourceFormatError, match=r"liar\.xlsx, sheet 'Data': the workbook is damaged "
                       r"\(Bad CRC-32 for file 'xl/worksheets/sheet1\.xml'\)"):
        limits._workbook_extents(str(f), 0.0, "liar.xlsx")


def test_file_size_limit_before_reading_a_csv(tmp_path, monkeypatch):
    from parlib.io.csvread import read_rows

    f = tmp_path / "big.csv"
    f.write_bytes(b"a,b\n" + b"1,2\n" * 300_000)   # 1.2 MB
    monkeypatch.setenv("PARLIB_MAX_FILE_MB", "1")
    with pytest.raises(SourceFormatError, match=r"big\.csv: the file has 1\.1 MB, over the file size limit "
                       r"of 1 MB \(raise it with the environment variable PARLIB_MAX_FILE_MB\)"):
        read_rows(f)


def test_a_bad_limit_setting_names_the_variable(monkeypatch, tmp_path):
    from parlib.io.csvread import read_rows

    f = tmp_path / "t.csv"
    f.write_text("a\n1\n")
    monkeypatch.setenv("PARLIB_MAX_FILE_MB", "lots")
    with pytest.raises(ParameterError, match="invalid PARLIB_MAX_FILE_MB: 'lots' .a positive number."):
        read_rows(f)


def test_long_field_in_a_csv_names_the_file_and_row(tmp_path):
    from parlib.io.csvread import read_rows

    f = tmp_path / "long.csv"
    f.write_text("a,b\n1,2\n3," + "x" * (130 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"long\.csv, row 3: a field longer than the limit, over the "
                       r"field length limit of 128 KB .*PARLIB_MAX_FIELD_KB"):
        read_rows(f)


def test_long_field_in_a_sheet_names_the_cell(tmp_path):
    f = write_xlsx(tmp_path / "longcell.xlsx", sheet_xml([("A1", "x"), ("C4", "y" * (129 * 1024))]))
    with pytest.raises(SourceFormatError, match=r"longcell\.xlsx, sheet 'Data', row 4, column 'C': a field of "
                       r"129 KB, over the field length limit of 128 KB"):
        read_sheet(f, "Data")


def test_import_of_a_long_field_csv_is_one_line_not_internal_error(tmp_path):
    f = tmp_path / "long_import.csv"
    f.write_text("Tỉnh, thành phố;Chỉ số SIPAS (%);Xếp hạng\nAn Giang;80;1\n" + "z" * (200 * 1024) + ";1;2\n",
                 encoding="utf-8")
    r = parlib("import", f, "--index", "SIPAS", "--year", "2023", "--dry-run", cwd=tmp_path)
    one_line_refusal(r, "import", "long_import.csv, row 3:", "field length limit of 128 KB",
                     "PARLIB_MAX_FIELD_KB")


def test_import_of_a_stray_cell_workbook_is_one_line_exit_2(tmp_path):
    f = write_xlsx(tmp_path / "stray.xlsx", sheet_xml([("A1", "Tỉnh"), ("XFD1048576", 1)]))
    r = parlib("import", f, "--index", "PAR", "--year", "2023", "--dry-run", cwd=tmp_path)
    one_line_refusal(r, "import", "stray.xlsx", "XFD1048576", "PARLIB_MAX_ROWS")


def test_units_per_import_are_bounded(tmp_path):
    env = {"PARLIB_MAX_UNITS": "50", "PARLIB_IMPORTED_DIR": str(tmp_path / "imported")}
    r = parlib("import", X23, "--index", "PAR", "--year", "2023", env=env, cwd=tmp_path)
    one_line_refusal(r, "import", "51 units in the table, over the units per import limit of 50",
                     "PARLIB_MAX_UNITS")
    assert not (tmp_path / "imported").exists() or not any((tmp_path / "imported").iterdir())


def test_rows_times_columns_is_bounded(tmp_path, monkeypatch):
    # within the row and column limits, but the table to allocate is too big
    f = write_xlsx(tmp_path / "area.xlsx", sheet_xml([("A1", "x"), ("ZZ30000", 1)]))
    with pytest.raises(SourceFormatError, match=r"area\.xlsx, sheet 'Data': 30000 rows x 702 columns = "
                       r"21060000 cells, over the sheet cells \(rows x columns\) limit of 10000000 "
                       r"\(raise it with the environment variable PARLIB_MAX_CELLS\)"):
        read_sheet(f, "Data")


def test_a_csv_with_one_wide_line_and_many_short_ones_is_refused_before_padding(tmp_path):
    # 43 KB on disk; padded to its widest line it would be 10001 x 3002 = 30 million cells
    f = tmp_path / "ragged.csv"
    f.write_text("Tỉnh," + "," * 3000 + "\n" + "x,1\n" * 10_000, encoding="utf-8")
    r = parlib("import", f, "--index", "SIPAS", "--year", "2023", "--dry-run", cwd=tmp_path)
    one_line_refusal(r, "import", "ragged.csv: 10001 rows x 3002 columns", "PARLIB_MAX_CELLS")


@pytest.mark.parametrize("sheet", [
    # a namespace prefix on every element
    '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="XFD1"><x:v>2</x:v></x:c></x:row>'
    '</x:sheetData></x:worksheet>',
    # lower-case references
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="a1"><v>1</v></c><c r="xfd1"><v>2</v></c></row></sheetData></worksheet>',
], ids=["prefixed", "lowercase"])
def test_unusual_spellings_of_a_far_cell_are_measured_too(tmp_path, sheet):
    f = write_xlsx(tmp_path / "odd.xlsx", sheet)
    assert check_workbook(f, "odd.xlsx")["Data"].columns == 16384
    with pytest.raises(SourceFormatError, match="PARLIB_MAX_COLUMNS"):
        check_workbook(f, "odd.xlsx", "Data")
