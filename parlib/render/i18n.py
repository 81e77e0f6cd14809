"""Vietnamese and English strings of the reports (text and charts), and number formatting.

Vietnamese uses the decimal comma ("73,40"), English the decimal point ("73.40").

>>> t("no_data", "vi")
'không có dữ liệu'
>>> num(73.4, "vi"), num(73.4, "en")
('73,40', '73.40')
"""
from __future__ import annotations

import math

from parlib.errors import ParameterError

STRINGS: dict[str, dict[str, str]] = {
    "brief_title": {"vi": "{name}: báo cáo quản trị năm {year}",
                    "en": "{name}: governance brief {year}"},
    "brief_subtitle": {"vi": "Vùng {region} · {n} tỉnh, thành phố trong vùng · xếp hạng trên {total} tỉnh, thành phố",
                       "en": "{region} region · {n} provinces in the region · ranked among {total} provinces"},
    "sec_indices": {"vi": "Bốn chỉ số", "en": "The four indices"},
    "sec_trends": {"vi": "Xu hướng", "en": "Trends"},
    "sec_weak": {"vi": "Tiêu chí yếu: điểm bị mất", "en": "Weak criteria: points lost"},
    "sec_strengths": {"vi": "Điểm mạnh", "en": "Strengths"},
    "sec_peers": {"vi": "Các tỉnh cùng vùng làm tốt hơn", "en": "Peers in the region doing better"},
    "sec_whatif": {"vi": "Nếu …", "en": "What if …"},
    "sec_map": {"vi": "Vị trí trong vùng", "en": "Position in the region"},
    "sec_coverage": {"vi": "Dữ liệu và giới hạn", "en": "Data coverage and caveats"},
    "index": {"vi": "Chỉ số", "en": "Index"},
    "score": {"vi": "Điểm", "en": "Score"},
    "rank": {"vi": "Hạng", "en": "Rank"},
    "rank_of": {"vi": "{rank}/{n}", "en": "{rank} of {n}"},
    "change": {"vi": "Thay đổi điểm", "en": "Change"},
    "rank_change": {"vi": "Thay đổi hạng", "en": "Rank change"},
    "since": {"vi": "so với {year}", "en": "since {year}"},
    "with_data": {"vi": "(trong số có dữ liệu)", "en": "(among those with data)"},
    "in_region": {"vi": "Trong vùng", "en": "In region"},
    "criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "points_lost": {"vi": "Điểm bị mất", "en": "Points lost"},
    "benchmark": {"vi": "Mốc so sánh", "en": "Benchmark"},
    "persistent": {"vi": "Yếu kéo dài", "en": "Persistent"},
    "province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "no_data": {"vi": "không có dữ liệu", "en": "no data"},
    "no_data_year": {"vi": "{index}: không có dữ liệu cho năm {year}.",
                     "en": "{index}: no data for {year}."},
    "not_comparable": {"vi": "không so sánh được (đổi phương pháp)",
                       "en": "not comparable (method changed)"},
    "up": {"vi": "tăng {n} bậc", "en": "up {n}"},
    "down": {"vi": "giảm {n} bậc", "en": "down {n}"},
    "same": {"vi": "giữ nguyên", "en": "unchanged"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "weak_intro": {"vi": "{index} {year}: điểm tổng hợp bị mất ở từng tiêu chí so với {benchmark} "
                         "(tổng cộng {total} điểm), xếp từ tiêu chí kéo điểm xuống nhiều nhất.",
                   "en": "{index} {year}: overall points lost on each criterion against the "
                         "{benchmark} ({total} points in all), largest first."},
    "weakest_line": {"vi": "Tiêu chí yếu nhất của {index}: {name}.",
                     "en": "Weakest {index} criterion: {name}."},
    "strength_line": {"vi": "{name}: hạng {rank}/{n} ({score} điểm).",
                      "en": "{name}: rank {rank} of {n} (score {score})."},
    "no_strengths": {"vi": "Không có tiêu chí nào thuộc nhóm một phần ba dẫn đầu cả nước.",
                     "en": "No criterion ranks in the top third nationally."},
    "peers_intro": {"vi": "Các tỉnh trong vùng {region} có điểm cao hơn ở tiêu chí “{name}” ({index} {year}):",
                    "en": "Provinces of the {region} region scoring higher on “{name}” ({index} {year}):"},
    "no_peers": {"vi": "Không tỉnh nào trong vùng có điểm cao hơn ở tiêu chí “{name}”: {province} dẫn đầu vùng.",
                 "en": "No province in the region scores higher on “{name}”: {province} leads its region."},
    "no_criteria": {"vi": "Không có dữ liệu tiêu chí thành phần cho năm này.",
                    "en": "No criterion-level data for this year."},
    "map_caption": {"vi": "{name} (tô đậm) trong vùng {region}; màu theo điểm {index} {year}.",
                    "en": "{name} (outlined) within the {region} region; shading by {index} {year} score."},
    "map_caption_plain": {"vi": "{name} (tô đậm) trong vùng {region}.",
                          "en": "{name} (highlighted) within the {region} region."},
    "map_missing": {"vi": "Không vẽ được bản đồ: thiếu tệp ranh giới tỉnh (data/reference/geo).",
                    "en": "Map not drawn: the province boundary file (data/reference/geo) is missing."},
    "map_note": {"vi": "Bản đồ thống kê, không phải ranh giới pháp lý.",
                 "en": "Statistical map, not a legal boundary."},
    "coverage_has": {"vi": "{index}: có dữ liệu các năm {years}.",
                     "en": "{index}: data for {years}."},
    "no_unit_value": {"vi": "{index} {year} không có số liệu của {name} (nguồn có số liệu của {n} tỉnh, thành phố).",
                      "en": "{index} {year} has no figure for {name} (the source covers {n} provinces)."},
    "coverage_none": {"vi": "{index}: chưa có dữ liệu trong bảng tổng hợp.",
                      "en": "{index}: no data in the panel."},
    "coverage_flags": {"vi": "Một số giá trị năm {year} là {what}.",
                       "en": "Some {year} values are {what}."},
    "flag_rank_computed": {"vi": "hạng tự tính (nguồn không công bố hạng)",
                           "en": "computed ranks (the source publishes none)"},
    "flag_reconstructed": {"vi": "giá trị tái dựng", "en": "reconstructed values"},
    "flag_derived": {"vi": "giá trị suy ra", "en": "derived values"},
    "flag_published_fact": {"vi": "số liệu công bố lẻ (không có bảng đầy đủ)",
                            "en": "published facts (no full table)"},
    "coverage_general": {
        "vi": "Số liệu lấy từ các báo cáo PCI (VCCI), PAPI (UNDP), PAR INDEX và SIPAS (Bộ Nội vụ). "
              "Ô “không có dữ liệu” nghĩa là nguồn không có số liệu — không có giá trị nào được ước đoán. "
              "Thay đổi qua các năm có đổi phương pháp được đánh dấu là không so sánh được.",
        "en": "Figures come from the PCI (VCCI), PAPI (UNDP), PAR INDEX and SIPAS (Ministry of Home "
              "Affairs) reports. “No data” means the source has no figure — nothing is imputed. "
              "Changes across a change of methodology are marked as not comparable."},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "trend_score": {"vi": "Điểm {index} qua các năm", "en": "{index} score over time"},
    "trend_rank": {"vi": "Hạng {index} (1 = cao nhất)", "en": "{index} rank (1 = best)"},
    "legend_region_mean": {"vi": "Trung bình vùng", "en": "Regional mean"},
    "legend_nation_mean": {"vi": "Trung bình cả nước", "en": "National mean"},
    "year": {"vi": "Năm", "en": "Year"},
    "weak_chart_title": {"vi": "Điểm bị mất theo tiêu chí ({index} {year})",
                         "en": "Points lost by criterion ({index} {year})"},
    "no_trend": {"vi": "Chưa đủ số năm để vẽ xu hướng.", "en": "Not enough years for a trend."},
    "generated": {"vi": "Tạo bởi parlib {version}.", "en": "Made with parlib {version}."},
    "bm_max": {"vi": "điểm tối đa", "en": "scale maximum"},
    "bm_best": {"vi": "tỉnh đứng đầu cả nước", "en": "the top-ranked province"},
    "bm_median": {"vi": "trung vị cả nước", "en": "national median"},
    "bm_region-best": {"vi": "tỉnh tốt nhất trong vùng", "en": "best province in the region"},
    "index_PCI": {"vi": "PCI – Năng lực cạnh tranh cấp tỉnh",
                  "en": "PCI – Provincial Competitiveness Index"},
    "index_PAPI": {"vi": "PAPI – Hiệu quả quản trị và hành chính công cấp tỉnh",
                   "en": "PAPI – Provincial Governance and Public Administration Performance Index"},
    "index_PAR": {"vi": "PAR INDEX – Chỉ số cải cách hành chính",
                  "en": "PAR INDEX – Public Administration Reform Index"},
    "index_SIPAS": {"vi": "SIPAS – Chỉ số hài lòng về sự phục vụ hành chính",
                    "en": "SIPAS – Satisfaction with Public Administrative Services"},
    "all_years_no_data": {"vi": "không có dữ liệu", "en": "no data"},
    "back_to_index": {"vi": "← Danh sách báo cáo", "en": "← All reports"},
    "index_title": {"vi": "Báo cáo quản trị cấp tỉnh", "en": "Provincial governance briefs"},
    "index_year_title": {"vi": "Báo cáo năm {year}", "en": "Briefs {year}"},
    # partial data (issue 13): which total, missing vs method change, rank-only facts, regions
    "total_weighted": {"vi": "có trọng số, điểm công bố chính thức", "en": "weighted, official headline"},
    "total_unweighted": {"vi": "tổng không trọng số", "en": "unweighted total"},
    "change_on": {"vi": "tính trên {what}", "en": "on the {what}"},
    "missing_prev": {"vi": "thiếu số liệu năm {year}", "en": "{year} value missing"},
    "rank_only": {"vi": "chỉ có hạng (nguồn không công bố điểm)",
                  "en": "rank only (the source published no score)"},
    "computed_rank": {"vi": "tự tính", "en": "computed"},
    "ranks_differ": {"vi": "không so được (hạng {a} trên {n0} và {b} trên {n1})",
                     "en": "not comparable (rank {a} of {n0} vs {b} of {n1})"},
    "region_partial": {"vi": "{k}/{n} tỉnh trong vùng có dữ liệu",
                       "en": "{k} of {n} provinces in the region have data"},
    "no_composite": {"vi": "không có điểm tổng hợp; xem các chỉ số thành phần",
                     "en": "no composite score; see the sub-indices"},
}


def t(key: str, lang: str) -> str:
    if lang not in ("vi", "en"):
        raise ParameterError("lang", lang, ("vi", "en"))
    return STRINGS[key][lang]


def num(x, lang: str, nd: int = 2, sign: bool = False) -> str:
    """A number with ``nd`` decimals in the language's style; "–" for missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    try:
        import pandas as pd

        if pd.isna(x):
            return "–"
    except Exception:
        pass
    s = f"{x:+,.{nd}f}" if sign else f"{x:,.{nd}f}"
    if lang == "vi":
        s = s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return s


def years_text(years, lang: str) -> str:
    """2006–2012, 2014, 2016–2019: consecutive runs collapsed."""
    ys = sorted(set(int(y) for y in years))
    if not ys:
        return t("no_data", lang)
    runs, start, prev = [], ys[0], ys[0]
    for y in ys[1:]:
        if y == prev + 1:
            prev = y
            continue
        runs.append((start, prev))
        start = prev = y
    runs.append((start, prev))
    return ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in runs)


def index_label(index: str, lang: str) -> str:
    return STRINGS.get(f"index_{index}", {}).get(lang, index)


def benchmark_label(benchmark: str, lang: str) -> str:
    return STRINGS.get(f"bm_{benchmark}", {}).get(lang, benchmark)
