"""Partial years and published facts: PCI 2021 (VCCI site, ranks 1-21 of 63), the news-page facts
of every index (kept per source, cross-checked, never picked silently), PAPI 2024 old provinces."""
from __future__ import annotations

import pandas as pd
import pytest

from parlib import codebook
from parlib.panel.ranks import from_row


@pytest.fixture(scope="module")
def panel(built):
    return built.panel


@pytest.fixture(scope="module")
def report(built):
    return built.report.to_frame()


def _row(panel, index, year, unit, ind):
    r = panel[(panel["index"] == index) & (panel.year == year) & (panel.unit_code == unit)
              & (panel.indicator == ind)]
    assert len(r) == 1
    return r.iloc[0]


def test_pci_2021_top21_keeps_published_rank_of_63(panel):
    # pci_2021_top21_vcci_site.csv: Quảng Ninh 73.02, rank 1, "Rất tốt"; transparency 6.31
    qn = _row(panel, "PCI", 2021, "22", "PCI.overall")
    assert qn.value == 73.02 and from_row(qn).label() == "#1/63" and "Rất tốt" in qn.note
    assert _row(panel, "PCI", 2021, "22", "PCI.transparency").value == 6.31
    # Bình Thuận, rank 21 of 63 (the last stored row)
    assert from_row(_row(panel, "PCI", 2021, "60", "PCI.overall")).label() == "#21/63"
    # the 42 other provinces have no 2021 sub-index: missing, never ranked by us
    subs = panel[(panel["index"] == "PCI") & (panel.year == 2021) & (panel.indicator == "PCI.transparency")]
    assert subs.value.notna().sum() == 21 and subs["rank"].isna().all()


def test_pci_2021_weights_reproduce_the_21_published_composites(report):
    m = report[(report.kind == "metric") & (report.status == "composite_max_abs_error_2021")].iloc[0]
    assert m.value == pytest.approx(0.02, abs=1e-9)     # 2-decimal rounding (hand check: Quảng Ninh)
    assert "21 of 21 within it" in m.reason
    assert codebook.weights("PCI", 2021)["PCI.transparency"] == 2.0
    assert codebook.weights("PCI", 2022) == {} and codebook.weights("PCI", 2023) == {}
    assert "Phú Thọ" in codebook.lookup("PCI", "PCI.overall", 2022)["notes"]


def test_pci_news_facts_cross_checked_131_plus_2_agree_3_differ(report):
    # 131 agreeing scores on Vietnamese/English pages (pci/PROVENANCE.md) + 2 on Chinese-language
    # pages matched through the Vietnamese name the file adds (Nghệ An 66.60, Cao Bằng 59.58, 2022)
    m = report[report.kind == "metric"].set_index(["source", "status"]).value
    src = "pci/pci_published_facts_news.csv"
    assert m[(src, "facts_agree_with_tables")] == 133
    assert m[(src, "facts_differ_from_tables")] == 3
    bad = report[(report.status == "fact_disagrees") & (report.source == src)
                 & ~report.reason.str.contains(": rank ")]
    assert len(bad) == 3 and bad.reason.str.contains("69.98").any()   # Đồng Tháp 2022


def test_pci_conflicting_fact_flags_the_table_row_and_keeps_the_table_value(panel):
    dt = _row(panel, "PCI", 2022, "87", "PCI.overall")   # Đồng Tháp 2022: 69.68 in the panel
    assert dt.value == 69.68 and "conflict" in dt.flag and "69.98" in dt.note


def test_pci_2024_exists_only_as_published_facts(panel):
    hp = _row(panel, "PCI", 2024, "31", "PCI.overall")   # Hải Phòng 74.84, rank 1
    assert hp.value == 74.84 and "published_fact" in hp.flag and from_row(hp).kind == "published"
    y24 = panel[(panel["index"] == "PCI") & (panel.year == 2024)]
    assert y24.flag.str.contains("published_fact").all()
    assert not y24.flag.str.contains("rank_computed").any()


def test_papi_2024_loads_the_61_old_provinces(panel, report):
    t = panel[(panel["index"] == "PAPI") & (panel.year == 2024) & (panel.indicator == "PAPI.total")]
    assert t.value.notna().sum() == 61
    # Tuyên Quang, merged into new Tuyên Quang with Hà Giang, keeps its own value 42.546776
    assert _row(panel, "PAPI", 2024, "08", "PAPI.total").value == pytest.approx(42.546776)
    hn = _row(panel, "PAPI", 2024, "01", "PAPI.total")
    assert from_row(hn).label() == "#29/61*"
    m = report[(report.status == "old_provinces_loaded_2024")].iloc[0]
    assert m.value == 61 and "Vĩnh Phúc, Tiền Giang" in m.reason


def test_par_and_sipas_news_facts_are_published_facts(panel):
    hp = _row(panel, "PAR", 2023, "31", "PAR.overall")   # 91.87 (baochinhphu) vs 91.81
    assert "conflict" in hp.flag and "91.81" in hp.note and "91.87" in hp.note
    rrd = _row(panel, "PAR", 2024, "R-RRD", "PAR.overall")
    assert rrd.value == 90.17 and pd.isna(rrd["rank"]) or rrd["rank"] == 1
    brvt = _row(panel, "SIPAS", 2021, "77", "SIPAS.overall")
    assert brvt.value == 86.72 and from_row(brvt).label() == "#38/63"


def test_papi_news_facts_cut_after_two_decimals_agree(report):
    # Quảng Ninh 2022: pages print 47.87 for the table's 47.8763 (cut, not rounded): agreement;
    # Bà Rịa - Vũng Tàu 2021 printed 40.62 for 40.6146, and 47.8 (one decimal): disagreements
    m = report[report.kind == "metric"].set_index(["source", "status"]).value
    src = "papi/papi_published_facts_news.csv"
    assert m[(src, "facts_agree_with_tables")] == 41 and m[(src, "facts_differ_from_tables")] == 2
    bad = report[(report.status == "fact_disagrees") & (report.source == src)].reason
    assert bad.str.contains("40.62").any() and bad.str.contains(": 47.8 on").any()


def test_pci_2020_ranks_are_vccis_published_ranks(panel, report):
    # VCCI's 2020 table (pcivietnam.vn, in pci_published_facts_news.csv): Hà Tĩnh 64.56 is 21st of
    # 63; competition ranks of the 2-decimal composites would say 20th (VCCI breaks the tie)
    ht = _row(panel, "PCI", 2020, "42", "PCI.overall")
    assert ht.value == 64.56 and from_row(ht).label() == "#21/63"
    y20 = panel[(panel["index"] == "PCI") & (panel.year == 2020) & (panel.indicator == "PCI.overall")]
    assert not y20.flag.fillna("").str.contains("rank_computed").any()
    m = report[report.kind == "metric"].set_index(["source", "status"]).value
    src = "pci/pci_published_facts_news.csv"
    assert m[(src, "fact_ranks_replace_computed")] == 3
    # Hà Nội 2022 "20th of the 30 provinces" (baonghean.vn) is not a rank of 63: kept out, reported
    assert m[(src, "fact_ranks_differ_from_tables")] == 2
