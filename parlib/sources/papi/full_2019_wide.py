"""The 2019 full table with provinces as rows (PAPI_2019_FULL_vie_mdtrinh.xlsx, Sheet1):
weighted and unweighted PAPI with their 95% CIs, dimensions and sub-dimensions. The indicator,
variance and observation columns beside them are not read."""
from __future__ import annotations

from pathlib import Path

from parlib.io.excel import read_sheet

from parlib.sources.papi import catalog
from parlib.sources.papi.cells import UnitCheck, candidate, check_header, parse_value, province_row

FAMILY = "full_2019_wide"
YEAR = 2019


def read(raw_dir: Path, report, years=None) -> list[dict]:
    if years is not None and YEAR not in years:
        return []
    spec = catalog.FULL_2019_WIDE
    file, sheet = spec["file"], spec["sheet"]
    rows = read_sheet(Path(raw_dir) / catalog.FOLDER / file, sheet).values.tolist()
    header = rows[0]
    for j, label, _ind, _fld in spec["columns"]:
        check_header(header[j] if j < len(header) else None, label, file=file, sheet=sheet,
                     row=1, column=f"column {j + 1}")
    by_ind: dict[str, dict[str, tuple[int, str]]] = {}
    for j, label, ind, fld in spec["columns"]:
        by_ind.setdefault(ind, {})[fld] = (j, label)
    out = []
    units = UnitCheck(file, sheet)
    for i in range(1, len(rows)):
        r = rows[i]
        excel_row = i + 1
        name = r[spec["name_col"]]
        code = province_row(r, name, report=report, units=units, file=file, sheet=sheet,
                            row=excel_row, column=header[spec["name_col"]],
                            gso_id=r[spec["id_col"]])
        if code is None:
            continue
        for ind, fields in by_ind.items():
            j, label = fields["value"]
            value, nd = parse_value(r[j], file=file, sheet=sheet, row=excel_row, column=label)
            ci = {}
            for fld in ("ci_low", "ci_high"):
                if fld in fields:
                    k, lab = fields[fld]
                    ci[fld], _ = parse_value(r[k], file=file, sheet=sheet, row=excel_row,
                                             column=lab)
            out.append(candidate(family=FAMILY, precision="full", file=file, sheet=sheet,
                                 row=excel_row, unit_as_written=name, unit_code=code, year=YEAR,
                                 indicator=ind, column=label, value=value, no_data=nd, **ci))
    units.done()
    return out
