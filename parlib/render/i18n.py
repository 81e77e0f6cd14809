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
from parlib.numbers import fmt

STRINGS: dict[str, dict[str, str]] = {
    "brief_title": {"vi": "{name}: báo cáo quản trị năm {year}",
                    "en": "{name}: governance brief {year}"},
    "brief_subtitle": {"vi": "Vùng {region} · {n} tỉnh, thành phố trong vùng · xếp hạng trên {total} tỉnh, thành phố",
                       "en": "{region} region · {n} provinces in the region · ranked among {total} provinces"},
    "sec_indices": {"vi": "Bốn chỉ số", "en": "The four indices"},
    "sec_trends": {"vi": "Xu hướng", "en": "Trends"},
    "sec_noise": {"vi": "Thứ hạng thay đổi thật hay trong phạm vi nhiễu?",
                  "en": "Is the rank move real or within the noise?"},
    "noise_note": {"vi": "Khoảng 90% của thứ hạng mô phỏng Monte Carlo theo trọng số, cách tổng hợp và "
                         "sai số mẫu đã công bố (parlib uncertainty); hai khoảng chồng nhau thì thay "
                         "đổi nằm trong phạm vi nhiễu.",
                   "en": "90% rank intervals from a Monte Carlo over the weights, the aggregation and "
                         "the published sampling error (parlib uncertainty); when two intervals "
                         "overlap the move is within the noise."},
    "sec_targets": {"vi": "Mục tiêu của tỉnh", "en": "The province's targets"},
    "sec_weak": {"vi": "Tiêu chí yếu: thứ hạng và mức kéo lùi", "en": "Weak criteria: standing and drag"},
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
    # ---- the brief as a publication (issue 15)
    "brief_subtitle_34": {"vi": "Đơn vị hành chính cấp tỉnh từ 1/7/2025, hợp nhất từ: {members}",
                          "en": "Province from 1 July 2025, merged from: {members}"},
    "recon_note": {"vi": "Chưa có chỉ số nào công bố cho {name} mới. Mọi con số dưới đây là ước tính "
                         "TÁI DỰNG từ các tỉnh cũ ({members}): trung bình có trọng số theo dân số 2024 "
                         "của điểm đã công bố; hạng tự tính trong số các đơn vị mới có đủ dữ liệu.",
                   "en": "No index has been published for the new {name} yet. Every figure below is "
                         "a RECONSTRUCTION from the former provinces ({members}): the mean of their "
                         "published scores weighted by 2024 population; ranks are computed among the "
                         "new units with complete data."},
    "verdict_title": {"vi": "Tóm tắt", "en": "In short"},
    "v_rank": {"vi": "{index} {year}: hạng {rank}/{n} ({third}){move}.",
               "en": "{index} {year}: #{rank} of {n} ({third}){move}."},
    "v_norank": {"vi": "{index} {year}: {score} điểm (không có hạng so sánh){move}.",
                 "en": "{index} {year}: score {score} (no comparable rank){move}."},
    "third_top": {"vi": "nhóm một phần ba dẫn đầu", "en": "top third"},
    "third_middle": {"vi": "nhóm một phần ba ở giữa", "en": "middle third"},
    "third_bottom": {"vi": "nhóm một phần ba cuối", "en": "bottom third"},
    "v_up": {"vi": ", tăng {n} bậc so với {year}", "en": ", up {n} since {year}"},
    "v_down": {"vi": ", giảm {n} bậc so với {year}", "en": ", down {n} since {year}"},
    "v_same": {"vi": ", giữ hạng so với {year}", "en": ", same rank as in {year}"},
    "v_score_up": {"vi": ", điểm tăng {d} so với {year}", "en": ", score up {d} since {year}"},
    "v_score_down": {"vi": ", điểm giảm {d} so với {year}", "en": ", score down {d} since {year}"},
    "v_break": {"vi": " (không so sánh với {year} vì đổi phương pháp)",
                "en": " (not compared with {year}: the method changed)"},
    "v_sub": {"vi": "{index} {year}: chỉ có chỉ số thành phần; tốt nhất: {best} ({brank}), yếu nhất: {worst} ({wrank}).",
              "en": "{index} {year}: sub-indices only; best: {best} ({brank}), weakest: {worst} ({wrank})."},
    "v_weak": {"vi": "Cần cải thiện nhất ({index} {year}, điểm có thể lấy lại so với tỉnh tốt nhất trong vùng ở từng tiêu chí): {names}.",
               "en": "Most to gain ({index} {year}, points recoverable against the best in the region on each criterion): {names}."},
    "v_strong": {"vi": "Điểm mạnh: {names}.", "en": "Strengths: {names}."},
    "v_none": {"vi": "Không có dữ liệu chỉ số nào trong {n} năm tính đến {year}.",
               "en": "No index has data in the {n} years up to {year}."},
    "latest_label": {"vi": "mới nhất có: {year}", "en": "latest available: {year}"},
    "sub_only_label": {"vi": "{index}: {year}, chỉ có chỉ số thành phần",
                       "en": "{index}: {year}, sub-indices only"},
    "card_rank": {"vi": "Hạng", "en": "Rank"},
    "card_change": {"vi": "Thay đổi", "en": "Change"},
    "card_nation": {"vi": "Trung bình cả nước", "en": "National average"},
    "published_by": {"vi": "{pub} công bố", "en": "published, {pub}"},
    "card_ci": {"vi": "Khoảng tin cậy 95%", "en": "95% confidence interval"},
    "card_group": {"vi": "Nhóm", "en": "Group"},
    "rank_computed_short": {"vi": "hạng tự tính", "en": "computed rank"},
    "rank_published_short": {"vi": "hạng công bố", "en": "published rank"},
    "rank_of_not_given": {"vi": "nguồn không nêu tổng số tỉnh được xếp hạng",
                          "en": "the source does not say how many provinces were ranked"},
    "papi_q1": {"vi": "Nhóm điểm cao nhất", "en": "Best performers"},
    "papi_q2": {"vi": "Nhóm trung bình cao", "en": "High average"},
    "papi_q3": {"vi": "Nhóm trung bình thấp", "en": "Low average"},
    "papi_q4": {"vi": "Nhóm điểm thấp nhất", "en": "Poor performers"},
    "papi_q_note": {"vi": "nhóm tứ phân vị như báo cáo PAPI, tính từ hạng",
                    "en": "PAPI's quartile groups, derived from the rank"},
    "no_recent": {"vi": "Không có số liệu gần đây: {indices} (xem phần Dữ liệu và giới hạn).",
                  "en": "No recent figures: {indices} (see Data coverage and caveats)."},
    "unweighted": {"vi": "không trọng số", "en": "unweighted"},
    "weighted": {"vi": "có trọng số", "en": "weighted"},
    "break_legend": {"vi": "Đổi phương pháp", "en": "Method change"},
    "unit_score": {"vi": "Điểm (thang {lo}–{hi})", "en": "Score ({lo}–{hi} scale)"},
    "unit_score_eras": {"vi": "Điểm (thang {scales})", "en": "Score ({scales} scale)"},
    "points_lost_axis": {"vi": "Điểm {index} bị mất", "en": "{index} points lost"},
    # the trend caption, made by parlib.render.trend_means.caption from what the chart draws
    "trend_head": {"vi": "{index}: {name} (đỏ)", "en": "{index}: {name} (red)"},
    "trend_head_34": {"vi": "{index}: {name} (đỏ, ước tính tái dựng)",
                      "en": "{index}: {name} (red, reconstruction)"},
    "trend_with": {"vi": ", cùng ", "en": ", with "},
    "trend_and": {"vi": " và ", "en": " and "},
    "trend_only": {"vi": " — chỉ có đường của tỉnh", "en": " — the province's line only"},
    "trend_nation_computed": {"vi": "trung bình cả nước (xám, nét đứt: trung bình của {n} tỉnh có điểm)",
                              "en": "the national mean (grey, dashed: mean of the {n} provinces with a score)"},
    "trend_nation_published": {"vi": "trung bình cả nước do {pub} công bố (xám, nét đứt)",
                               "en": "the national average published by the source ({pub}; grey, dashed)"},
    "trend_region_computed": {"vi": "trung bình vùng {region} (xanh: {n} trong {total} tỉnh của vùng)",
                              "en": "the {region} mean (blue: {n} of its {total} provinces)"},
    "trend_region_computed_all": {"vi": "trung bình vùng {region} (xanh: cả {total} tỉnh của vùng)",
                                  "en": "the {region} mean (blue: all {total} of its provinces)"},
    "trend_region_published": {"vi": "trung bình vùng {region} do {pub} công bố (xanh)",
                               "en": "the {region} average published by the source ({pub}; blue)"},
    "trend_no_nation": {"vi": "không có trung bình cả nước năm {years}", "en": "no national mean in {years}"},
    "trend_no_nation_all": {"vi": "không có trung bình cả nước", "en": "no national mean"},
    "trend_no_region": {"vi": "không có trung bình vùng năm {years}", "en": "no regional mean in {years}"},
    "trend_no_region_all": {"vi": "không có trung bình vùng", "en": "no regional mean"},
    "trend_no_both": {"vi": "không có trung bình cả nước và vùng năm {years}",
                      "en": "no national or regional mean in {years}"},
    "trend_no_both_all": {"vi": "không có trung bình cả nước và vùng", "en": "no national or regional mean"},
    "trend_no_why": {"vi": "(quá ít tỉnh có điểm để tính và không tìm thấy số trung bình được công bố)",
                     "en": "(too few provinces have a score to compute one, and no published average was found)"},
    "trend_tail": {"vi": "Nhãn là hạng “#hạng/số tỉnh”. Đường đứt đoạn khi đổi phương pháp.",
                   "en": "Labels are ranks “#rank/provinces”. The line breaks where the method changed."},
    "trend_tail_34": {"vi": "Nhãn là hạng tự tính. Đường đứt đoạn khi đổi phương pháp.",
                      "en": "Labels are computed ranks. The line breaks where the method changed."},
    "legend_nation_published": {"vi": "Trung bình cả nước (công bố)", "en": "National average (published)"},
    "legend_region_published": {"vi": "Trung bình vùng (công bố)", "en": "Regional average (published)"},
    "weak_caption": {"vi": "Điểm có thể lấy lại ở từng tiêu chí so với tỉnh tốt nhất trong vùng, {index} {year}; màu đậm: yếu kéo dài.",
                     "en": "Points recoverable on each criterion against the best in the region, {index} {year}; dark: persistent weakness."},
    "map_title": {"vi": "Bản đồ: {name}", "en": "Map: {name}"},
    "map_outline": {"vi": "{name} (viền đỏ)", "en": "{name} (red outline)"},
    "map_legend": {"vi": "Điểm {index} {year} (5 nhóm cả nước)", "en": "{index} {year} score (national quintiles)"},
    "map_caption_63": {"vi": "{name} (viền đỏ) trong vùng {region}; màu theo điểm {index} {year}, chia 5 nhóm bằng nhau về số tỉnh trên cả nước; xám: không có dữ liệu.",
                       "en": "{name} (red outline) in the {region} region; colours by {index} {year} score in five national classes of equal size; grey: no data."},
    "map_caption_34": {"vi": "{name} (viền đỏ) trong 34 tỉnh, thành phố từ 1/7/2025; màu theo điểm {index} {year} tái dựng, chia 5 nhóm; xám: không có dữ liệu.",
                       "en": "{name} (red outline) among the 34 provinces from 1 July 2025; colours by reconstructed {index} {year} score in five classes; grey: no data."},
    "map_caption_none": {"vi": "{name} (viền đỏ); không có điểm tổng hợp gần đây để tô màu.",
                         "en": "{name} (red outline); no recent overall score to colour by."},
    "source": {"vi": "Nguồn:", "en": "Source:"},
    "sec_subs": {"vi": "Chỉ số thành phần", "en": "Sub-indices"},
    "subs_intro": {"vi": "{index} {year}: chỉ có điểm các chỉ số thành phần (không có điểm tổng hợp); hạng tự tính trong số các tỉnh có dữ liệu.",
                   "en": "{index} {year}: only the sub-index scores were published (no overall score); ranks computed among the provinces with data."},
    "subs_intro_areas": {"vi": "{index} {year}: điểm các lĩnh vực thành phần như nguồn công bố (nguồn chỉ có số liệu của một số tỉnh); hạng như công bố.",
                         "en": "{index} {year}: component scores as published (the source covers only some provinces); ranks as published."},
    "subs_intro_34": {"vi": "{index} {year}: điểm các chỉ số thành phần, ước tính tái dựng từ các tỉnh cũ; hạng tự tính trong số các đơn vị mới có đủ dữ liệu.",
                      "en": "{index} {year}: sub-index scores, reconstructed from the former provinces; ranks computed among the new units with complete data."},
    "sec_position": {"vi": "Trên bản đồ", "en": "On the map"},
    "folded": {"vi": "Không hiển thị vì không có dữ liệu: {what}.", "en": "Not shown for lack of data: {what}."},
    "fold_weak": {"vi": "phân tích tiêu chí yếu", "en": "weak-criteria analysis"},
    "fold_strengths": {"vi": "điểm mạnh", "en": "strengths"},
    "fold_peers": {"vi": "so sánh với các tỉnh cùng vùng", "en": "regional peers"},
    "fold_whatif": {"vi": "kịch bản “nếu”", "en": "what-if scenario"},
    "fold_trends": {"vi": "xu hướng", "en": "trends"},
    "fold_map": {"vi": "bản đồ", "en": "map"},
    "coverage_shown": {"vi": "{index}: báo cáo dùng số liệu năm {year}{kind}; nguồn có dữ liệu các năm {years}.",
                       "en": "{index}: this brief uses {year}{kind}; the source has data for {years}."},
    "coverage_kind_sub": {"vi": " (chỉ chỉ số thành phần)", "en": " (sub-indices only)"},
    "coverage_old": {"vi": "{index}: không có số liệu của {name} trong {n} năm tính đến {year}; nguồn có dữ liệu các năm {years}.",
                     "en": "{index}: no figure for {name} in the {n} years up to {year}; the source has data for {years}."},
    "predecessors": {"vi": "Các tỉnh cũ", "en": "Former provinces"},
    "nav_index": {"vi": "Mọi tỉnh năm {year}", "en": "All provinces {year}"},
    "nav_lang": {"vi": "English", "en": "Tiếng Việt"},
    "nav_years": {"vi": "Năm khác:", "en": "Other years:"},
    "cite_title": {"vi": "Cách trích dẫn", "en": "How to cite"},
    "cite_text": {"vi": "{title}. Báo cáo tạo bằng parlib {version} từ số liệu {sources}. Truy cập ngày …",
                  "en": "{title}. Brief made with parlib {version} from {sources}. Accessed on …"},
    "cite_note": {"vi": "Khi dùng một con số, hãy trích nguồn gốc của nó (liên kết ở từng hình).",
                  "en": "When quoting a figure, cite its original publisher (linked under each chart)."},
    "idx_filter": {"vi": "Lọc theo tên hoặc vùng…", "en": "Filter by name or region…"},
    "idx_sort_hint": {"vi": "Bấm vào tiêu đề cột để sắp xếp.", "en": "Click a column heading to sort."},
    "idx_intro": {"vi": "{n} tỉnh, thành phố. Mỗi chỉ số: điểm và hạng của năm {year}, hoặc năm gần nhất có dữ liệu (ghi trong ngoặc).",
                  "en": "{n} provinces. Each index: score and rank in {year}, or the latest earlier year with data (in brackets)."},
    "idx_intro_34": {"vi": "34 tỉnh, thành phố từ 1/7/2025. Điểm là ước tính tái dựng từ 63 tỉnh cũ (trung bình theo dân số), năm gần nhất có dữ liệu trong ngoặc.",
                     "en": "The 34 provinces from 1 July 2025. Scores are reconstructions from the 63 former provinces (population-weighted), latest year with data in brackets."},
    "idx_region": {"vi": "Vùng", "en": "Region"},
    "idx_brief": {"vi": "Báo cáo", "en": "Brief"},
    "idx_all_years": {"vi": "Mọi năm", "en": "All years"},
    "idx_other_lang": {"vi": "English", "en": "Tiếng Việt"},
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
    "region_partial": {"vi": "{k} trong số {n} tỉnh trong vùng có dữ liệu",
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
    return fmt(x, nd, lang, sign)


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
