"""CSV copies 2017-2020 (nasibo/vietnam_paper): same numbered headers as the official English
sheets (with leading spaces), values rounded to 2 decimals. 2020 has D1-D6 and their
sub-dimensions only; it is the only 2020 sub-dimension source."""
from __future__ import annotations

import csv
from pathlib import Path

from parlib.errors import SourceFormatError

from parlib.sources.papi import catalog
from parlib.sources.papi.cells import UnitCheck, candidate, is_blank_row, norm_label, parse_value, province_row, rel
from parlib.sources.papi.dimension_sheets import map_numbered_header

FAMILY = "csv_copies"


def read(raw_dir: Path, report, years=None) -> list[dict]:
    out = []
    for year, (file, numbers, extra) in catalog.CSV_COPIES.items():
        if years is not None and year not in years:
            continue
        path = Path(raw_dir) / catalog.FOLDER / file
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceFormatError(file, message=f"cannot be read ({exc})",
                                    expected="a UTF-8 CSV file") from None
        if not rows:
            raise SourceFormatError(file, expected="a header line", found="an empty file")
        header = rows[0]
        if norm_label(header[0]) not in ("provinces", "province"):
            raise SourceFormatError(file, row=1, column=header[0], expected="'Provinces'",
                                    found=header[0])
        cols = map_numbered_header(header, numbers, extra, file=file, sheet=None, row=1)
        src = rel(file)
        units = UnitCheck(file)
        for i, r in enumerate(rows[1:], start=2):
            if is_blank_row(r):
                report.dropped(src, None, i, None, "blank line")
                continue
            if len(r) != len(header):
                raise SourceFormatError(file, row=i, expected=f"{len(header)} fields",
                                        found=f"{len(r)} fields")
            name = r[0]
            code = province_row(None, name, report=report, units=units, file=file, sheet=None,
                                row=i, column="Provinces")
            if code is None:
                continue
            for j, label, ind in cols:
                value, nd = parse_value(r[j], file=file, sheet=None, row=i, column=label)
                out.append(candidate(family=FAMILY, precision="2dp", file=file, sheet=None,
                                     row=i, unit_as_written=name, unit_code=code, year=year,
                                     indicator=ind, column=label, value=value, no_data=nd))
        units.done()
    return out
