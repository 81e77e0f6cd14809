"""Declarative catalog of the PAPI raw files: which file holds which years, in which layout,
on which sheet, with which header rows and column labels.

Everything a reader needs to know about a file lives here; the readers only parse. A header that
does not match what is listed here is a :class:`~parlib.errors.SourceFormatError` (the layout
changed, so the mapping of columns to indicators can no longer be trusted).

Indicator codes follow the official numbering from 2018 (``PAPI.d2_1`` = "2.1 Access to
information"). Where an older sub-dimension is the same concept it gets the same code (the
codebook's ``era`` says when the scale changed); concepts that disappeared get their own codes
(``PAPI.d3_pib`` People's Inspection Boards, ``PAPI.d3_cib`` Community Investment Boards).
"""
from __future__ import annotations

FOLDER = "papi"

# Precedence when several sources hold the same value: lower wins. Full-precision sources come
# before the 2-decimal CSV copies; the 2-decimal copies are only used where nothing else exists.
PRIORITY = {
    "consolidated": 0,
    "dimension_sheets": 1,
    "full_tables": 2,
    "full_2019_wide": 3,
    "panel_2020_2024": 4,
    "csv_copies": 5,
}
# Half a unit of the last decimal a source keeps: the largest rounding error of one value.
HALF_UNIT = {"full": 5e-6, "2dp": 0.005}
# Values from two full-precision sources agree if they differ by less than this (float32 copies).
FULL_PRECISION_TOL = 1e-4

# --------------------------------------------------------------------------------------------
# 1. Consolidated workbook 2011-2019 (one sheet per year, EN header row 1, VI header row 2,
#    63 provinces from row 3, then a "Highest" row with tinhid 999).
# --------------------------------------------------------------------------------------------
CONSOLIDATED_FILE = "PAPI_2011-2019_mdtrinh.xlsx"
CONSOLIDATED_ID_COLUMNS = ("tinhid", "tentinh_eng", "tentinh_vie")
CONSOLIDATED_HEADER_ROWS = 2          # row index 0 = English labels, 1 = Vietnamese labels
CONSOLIDATED_SUMMARY_IDS = {999}      # tinhid of the "Highest" row

_D1_2011 = [("Participation at Local Levels", "PAPI.d1"), ("Civic Knowledge", "PAPI.d1_1"),
            ("Opportunities for Participation", "PAPI.d1_2"), ("Quality of Elections", "PAPI.d1_3"),
            ("Voluntary Contributions", "PAPI.d1_4")]
_D2_2011 = [("Transparency", "PAPI.d2"), ("Poverty Lists", "PAPI.d2_2"),
            ("Communal Budget and Expenditure", "PAPI.d2_3"),
            ("Land-Use Plans/Price Frames", "PAPI.d2_4")]
_D3_2011 = [("Vertical Accountability", "PAPI.d3"),
            ("Interactions With Local Authorities", "PAPI.d3_1"),
            ("People's Inspection Boards", "PAPI.d3_pib"),
            ("Community Investment Boards", "PAPI.d3_cib")]
_D4 = [("Control of Corruption", "PAPI.d4"), ("Limits on Public Sector Corruption", "PAPI.d4_1"),
       ("Limits on Corruption in Service Delivery", "PAPI.d4_2"),
       ("Equity in Employment", "PAPI.d4_3"), ("Willingness to Fight Corruption", "PAPI.d4_4")]
_D5 = [("Public Administrative Procedures", "PAPI.d5"), ("Certification Procedures", "PAPI.d5_1"),
       ("Construction Permits", "PAPI.d5_2"), ("Land-Use Rights Procedures", "PAPI.d5_3"),
       ("Personal Procedures", "PAPI.d5_4")]
_D6 = [("Public Service Delivery", "PAPI.d6"), ("Public Health", "PAPI.d6_1"),
       ("Public Primary Education", "PAPI.d6_2"), ("Basic Infrastructure", "PAPI.d6_3"),
       ("Law and Order", "PAPI.d6_4")]
_TOTAL_6 = [("Un-weighted2015PAPI", "PAPI.total")]

_D3_2016 = [("Vertical Accountability", "PAPI.d3"),
            ("Interactions With Local Authorities", "PAPI.d3_1"),
            ("Responsive to Citizen Actions", "PAPI.d3_2"),
            ("People's Inspection Boards", "PAPI.d3_pib")]
# 2017: the sheet keeps the 2016 labels, but the values are the official 2017 sub-dimensions
# (checked value by value against PAPI_2017_eng_mdtrinh.xlsx): follow the official file.
_D2_2017 = [("Transparency", "PAPI.d2"), ("Poverty Lists", "PAPI.d2_1"),
            ("Communal Budget and Expenditure", "PAPI.d2_2"),
            ("Land-Use Plans/Price Frames", "PAPI.d2_3")]
_D3_2017 = [("Vertical Accountability", "PAPI.d3"),
            ("Interactions With Local Authorities", "PAPI.d3_1"),
            ("Responsive to Citizen Actions", "PAPI.d3_2"),
            ("People's Inspection Boards", "PAPI.d3_3")]
RELABELLED_2017 = {
    "Poverty Lists": "2.1: Access to Information",
    "Communal Budget and Expenditure": "2.2: Poverty List Transparency",
    "Land-Use Plans/Price Frames": "2.3: Communal Budget Transparency",
    "Responsive to Citizen Actions": "3.2: Governments Responsive to Citizen Appeals",
    "People's Inspection Boards": "3.3: Access to Justice Services",
}
_D1_2018 = [("Participation at Local Levels", "PAPI.d1"), ("Civic Knowledge", "PAPI.d1_1"),
            ("Opportunities for Participation", "PAPI.d1_2"),
            ("Quality of Local Elections", "PAPI.d1_3"), ("Voluntary Contributions", "PAPI.d1_4")]
_D2_2018 = [("Transparency", "PAPI.d2"), ("Access to Information", "PAPI.d2_1"),
            ("Poverty Lists", "PAPI.d2_2"), ("Communal Budget and Expenditure", "PAPI.d2_3"),
            ("Land-Use Plans/Price Frames", "PAPI.d2_4")]
_D3_2018 = [("Vertical Accountability", "PAPI.d3"),
            ("Interactions With Local Authorities", "PAPI.d3_1"),
            ("Local Government’s Response to Citizens’ Appeals", "PAPI.d3_2"),
            ("Access to Justice Services", "PAPI.d3_3")]
_D7 = [("Environmental Governance", "PAPI.d7"),
       ("Seriousness in Environment Protection", "PAPI.d7_1"), ("Quality of Air", "PAPI.d7_2"),
       ("Quality of Water", "PAPI.d7_3")]
_D8_2018 = [("E-Governance", "PAPI.d8"), ("Access to E-government Portals", "PAPI.d8_1"),
            ("Access to the Internet", "PAPI.d8_2")]
_D8_2019 = _D8_2018 + [("E-Reponsiveness", "PAPI.d8_3")]

_L2011 = _D1_2011 + _D2_2011 + _D3_2011 + _D4 + _D5 + _D6 + _TOTAL_6
_L2016 = _D1_2011 + _D2_2011 + _D3_2016 + _D4 + _D5 + _D6 + _TOTAL_6
_L2017 = _D1_2011 + _D2_2017 + _D3_2017 + _D4 + _D5 + _D6 + _TOTAL_6
_L2018 = _D1_2018 + _D2_2018 + _D3_2018 + _D4 + _D5 + _D6 + _D7 + _D8_2018
_L2019 = _D1_2018 + _D2_2018 + _D3_2018 + _D4 + _D5 + _D6 + _D7 + _D8_2019

CONSOLIDATED_SHEETS = {  # year -> (sheet, [(English header as written, indicator), ...])
    2011: ("2011_PAPI", _L2011), 2012: ("2012_PAPI", _L2011), 2013: ("2013_PAPI", _L2011),
    2014: ("2014_PAPI", _L2011), 2015: ("2015_PAPI", _L2011), 2016: ("2016_PAPI", _L2016),
    2017: ("2017_PAPI", _L2017), 2018: ("2018_PAPI", _L2018), 2019: ("2019_PAPI", _L2019),
}

# --------------------------------------------------------------------------------------------
# 2. Official English dimension sheets 2017-2019 and 3. their CSV copies 2017-2020: headers
#    "N: name" (dimension) and "N.M: name" (sub-dimension), provinces as rows.
#    Only the all-dimensions sheet is read; the per-dimension sheets repeat the same values.
# --------------------------------------------------------------------------------------------
NUMBERED_LABELS = {
    "1": "Participation at Local Levels", "1.1": "Civic Knowledge",
    "1.2": "Opportunities for Participation in Elections",
    "1.3": "Quality of Village Head Elections", "1.4": "Voluntary Contributions",
    "2": "Transparency of Local Decision-making", "2.1": "Access to Information",
    "2.2": "Poverty List Transparency", "2.3": "Communal Budget Transparency",
    "2.4": "Transparent Land-Use Plan/Price Frames",
    "3": "Vertical Accountability", "3.1": "Interactions With Local Authorities",
    "3.2": "Governments Responsive to Citizen Appeals", "3.3": "Access to Justice Services",
    "4": "Control of Corruption in the Public Sector",
    "4.1": "Limits on Corruption in Local Governments",
    "4.2": "Limits on Corruption in Service Delivery", "4.3": "Equity in State Employment",
    "4.4": "Willingness to Fight Corruption",
    "5": "Public Administrative Procedures", "5.1": "Certification Procedures",
    "5.2": "Construction Permits", "5.3": "Land Tittle Procedures", "5.4": "Personal Procedures",
    "6": "Public Service Delivery", "6.1": "Public Healthcare", "6.2": "Primary Education",
    "6.3": "Basic Infrastructure", "6.4": "Law and Order",
    "7": "Environmental Governance", "7.1": "Environmental Protection", "7.2": "Quality of Air",
    "7.3": "Quality of Water",
    "8": "E-Governance", "8.1": "Access to E-Government Portals", "8.2": "Access to the Internet",
    "8.3": "E-Responsiveness of Provincial Authorities",
}
UNNUMBERED_LABELS = {"Unweighted PAPI Score": "PAPI.total"}


def _numbers(dims: dict[int, int]) -> list[str]:
    out = []
    for d, n in dims.items():
        out.append(str(d))
        out += [f"{d}.{i}" for i in range(1, n + 1)]
    return out


_N2017 = _numbers({1: 4, 2: 3, 3: 3, 4: 4, 5: 4, 6: 4})
_N2018 = _numbers({1: 4, 2: 4, 3: 3, 4: 4, 5: 4, 6: 4, 7: 3, 8: 2})
_N2019 = _numbers({1: 4, 2: 4, 3: 3, 4: 4, 5: 4, 6: 4, 7: 3, 8: 3})
_N2020 = _numbers({1: 4, 2: 4, 3: 3, 4: 4, 5: 4, 6: 4})

DIMENSION_SHEETS = {  # year -> (file, sheet, expected numbered headers, extra unnumbered headers)
    2017: ("PAPI_2017_eng_mdtrinh.xlsx", "2017- PAPI ALL Dimensions ", _N2017, []),
    2018: ("PAPI_2018_eng_mdtrinh.xlsx", "2018PAPI-ALLDimentions", _N2018, []),
    2019: ("PAPI_2019_eng_mdtrinh.xlsx", "2019PAPI_Dims_Sub-dims_ENG", _N2019,
           ["Unweighted PAPI Score"]),
}
CSV_COPIES = {  # year -> (file, expected numbered headers, extra unnumbered headers)
    2017: ("papi_2017_nasibo.csv", _N2017, []),
    2018: ("papi_2018_nasibo.csv", _N2018, []),
    2019: ("papi_2019_nasibo.csv", _N2019, ["Unweighted PAPI Score"]),
    2020: ("papi_2020_nasibo.csv", _N2020, []),
}

# --------------------------------------------------------------------------------------------
# 4. Full indicator tables: indicators as rows, provinces as columns, "KCDL" = no data.
#    Only the index, dimension and sub-dimension rows are loaded (not the ~120 indicators).
# --------------------------------------------------------------------------------------------
FULL_TABLES = {
    # year -> file, sheet, 0-based row holding province names, 0-based row holding GSO codes
    # (or None), first province column, expected codes
    2018: dict(file="PAPI_2018_FULL_vie_mdtrinh.xlsx", sheet="ProvincialIndicators_VIE",
               name_row=0, code_row=None, first_col=2,
               expected=["PAPI.total"] + ["PAPI.d" + n.replace(".", "_") for n in _N2018]),
    2019: dict(file="2019_PAPI_Provincial_indicators2019_VIE_ENG_mdtrinh.xlsx",
               sheet="2019PAPI_Indicators_VIE", name_row=1, code_row=0, first_col=2,
               expected=["PAPI.total", "PAPI.total_weighted"]
               + ["PAPI.d" + n.replace(".", "_") for n in _N2019]),
}
NO_DATA_TEXT = {"KCDL"}  # "không có dữ liệu"

# --------------------------------------------------------------------------------------------
# 5. The 2019 full table with provinces as rows (PAPI_2019_FULL_vie Sheet1): weighted and
#    unweighted scores with 95% CIs, dimensions and sub-dimensions (plus indicators, not read).
#    (0-based column, header as written, indicator, field)
# --------------------------------------------------------------------------------------------
FULL_2019_WIDE = dict(
    file="PAPI_2019_FULL_vie_mdtrinh.xlsx", sheet="Sheet1", id_col=0, name_col=1,
    columns=[
        (2, "PAPI 95% CI Low", "PAPI.total_weighted", "ci_low"),
        (3, "PAPI 95% CI High", "PAPI.total_weighted", "ci_high"),
        (4, "Weighted PAPI Score", "PAPI.total_weighted", "value"),
        (6, "Unweighted 95% CI Low", "PAPI.total", "ci_low"),
        (7, "Unweighted 95% CI High", "PAPI.total", "ci_high"),
        (8, "Unweighted PAPI Score", "PAPI.total", "value"),
        (10, "Dimension 1: Participation", "PAPI.d1", "value"),
        (13, "Civic Knowledge", "PAPI.d1_1", "value"),
        (14, "Opportunties for Participation in Elections", "PAPI.d1_2", "value"),
        (15, "Quality of Village Head Elections", "PAPI.d1_3", "value"),
        (16, "Voluntary Contributions", "PAPI.d1_4", "value"),
        (39, "Dimension 2: Transparency of Local Decision-making", "PAPI.d2", "value"),
        (42, "Access to Information", "PAPI.d2_1", "value"),
        (43, "Poverty List Transparency", "PAPI.d2_2", "value"),
        (44, "Communal Budget Transparency", "PAPI.d2_3", "value"),
        (45, "Transparent Land-Use Plan/Price Frames", "PAPI.d2_4", "value"),
        (67, "Dimension 3: Vertical Accountability", "PAPI.d3", "value"),
        (70, "Interactions With Local Authorities", "PAPI.d3_1", "value"),
        (71, "Governments Responsive to Citizen Appeals", "PAPI.d3_2", "value"),
        (72, "Access to Justice Services", "PAPI.d3_3", "value"),
        (86, "Dimension 4: Control of Corruption in the Public Sector", "PAPI.d4", "value"),
        (89, "Limits on Corruption in Local Governments", "PAPI.d4_1", "value"),
        (90, "Limits on Corruption in Service Delivery", "PAPI.d4_2", "value"),
        (91, "Equity in State Employment", "PAPI.d4_3", "value"),
        (92, "Willingness to Fight Corruption", "PAPI.d4_4", "value"),
        (109, "Public Administrative Procedures", "PAPI.d5", "value"),
        (112, "Certification Procedures", "PAPI.d5_1", "value"),
        (113, "Construction Permits", "PAPI.d5_2", "value"),
        (114, "Land Tittle Procedures", "PAPI.d5_3", "value"),
        (115, "Personal Procedures", "PAPI.d5_4", "value"),
        (134, "Dimension 6: Public Service Delivery", "PAPI.d6", "value"),
        (137, "Public Healthcare", "PAPI.d6_1", "value"),
        (138, "Primary Education", "PAPI.d6_2", "value"),
        (139, "Basic Infrastructure", "PAPI.d6_3", "value"),
        (140, "Law and Order", "PAPI.d6_4", "value"),
        (162, "Dimension 7: Environmental Governance", "PAPI.d7", "value"),
        (165, "Environmental Protection", "PAPI.d7_1", "value"),
        (166, "Quality of Air", "PAPI.d7_2", "value"),
        (167, "Quality of Water", "PAPI.d7_3", "value"),
        (178, "Dimension 8: E-Governance", "PAPI.d8", "value"),
        (181, "Access to E-Government Portals", "PAPI.d8_1", "value"),
        (182, "Access to the Internet", "PAPI.d8_2", "value"),
        (183, "E-Reponsiveness of Provincial Authorities", "PAPI.d8_3", "value"),
    ],
)

# --------------------------------------------------------------------------------------------
# 6. Dimension-level panel 2020-2024 (transcribed excerpt of tunah72/papi-dashboard).
# --------------------------------------------------------------------------------------------
PANEL_2020_2024 = dict(
    file="papi_2020_2024_tunah72_agg_province_year_excerpt.csv",
    name_col="province_vi", year_col="year",
    columns={f"D{i}": f"PAPI.d{i}" for i in range(1, 9)} | {"total_papi": "PAPI.total"},
    check_equal=("total_papi", "total_official"),   # the two totals must agree
    rank_col="rank_year",
    required=["province_id", "province_vi", "year", "D1", "D2", "D3", "D4", "D5", "D6", "D7",
              "D8", "total_papi", "total_papi_6dim", "total_official", "n_dims", "rank_year"],
    years=(2020, 2024),
    # The 2024 workbook was built for the 34 units from 1 July 2025: keep an old province only
    # where its 34-unit is that province alone (merger table: n_old_merged == 1).
    merged_scheme_year=2024,
)
