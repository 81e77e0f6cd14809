"""Analysis on the tidy panel: trends, regions, the criteria that cost a province points, survey
noise, what-if scenarios and the standing of a province across the four indices.

Every function works for any index: the structure (which criteria make the overall score, with
which weights) comes from the codebook (``aggregation`` on the parent row: "weighted_sum",
"sum" or "mean"), never from per-index code. Conventions shared by all functions:

* ``unit``: a registry code ("49") or any spelling ``parlib.provinces.resolve`` accepts
  ("Quảng Nam"); unknown names raise :class:`parlib.UnknownProvinceError` with suggestions.
* ``index``: "PCI", "PAPI", "PAR" or "SIPAS"; ``year``: int. A year without data for that index
  raises :class:`parlib.errors.ParameterError` listing the available years.
* ``indicator``: a codebook code; ``None`` means the index's overall score (the overall row
  whose ``aggregation`` is set, e.g. "PCI.overall", "PAPI.total").
* ``depth``: which criteria to decompose an overall score into: ``1`` (default) = the direct
  children of the overall indicator (PCI sub-indices, PAPI dimensions, PAR areas); ``"leaves"``
  = the deepest level available that year (e.g. PAPI sub-dimensions).
* ``panel``: a tidy panel DataFrame (default: ``parlib.load(index)``, cached per build);
  ``codebook``: a codebook DataFrame (default: ``parlib.codebook.load_codebook()``). Tests pass
  synthetic ones.
* Ranks: 1 = best, always from :mod:`parlib.panel.ranks`: the published rank with its
  published denominator, or a rank computed among EVERY unit with a value in that source
  (``rank_kind`` "computed"); published facts (a handful of provinces) get no computed rank.
  ``rank_change`` = previous rank − current rank (**positive = moved up**), only between two
  ranks of the same kind and denominator (``ranks.move``), else <NA>.
* Comparisons over time carry ``comparable`` (bool) and ``break_note`` (text): the codebook
  ``era`` of the indicator differs between the two years → a methodology break.
* Peers (who a unit is ranked against) are the units of the same ``unit_type`` ("province" by
  default), never nation/region rows or reconstructions.

Trends (``trends``)
    cagr(values, years) -> float
    yoy(index, *, indicator=None, unit=None, ...) -> DataFrame
        one row per unit, indicator and year: value, rank, rank_of, prev_year, prev_value,
        change, prev_rank, rank_change, comparable, break_note.
    window_change(index, start, end, *, indicator=None, unit=None, ...) -> DataFrame
        value_start/value_end/change/cagr/rank_start/rank_end/rank_change/comparable/break_note.
    decline_streaks(index, *, indicator=None, unit=None, ...) -> DataFrame
        current_streak (consecutive survey years of decline up to the last year), since,
        longest_streak, longest_from, longest_to.
    series_breaks(index, indicator=None) -> DataFrame (indicator, year, era_before, era_after)

Regions (``regional``)
    region_ranks(index, year, *, indicator=None, ...) -> DataFrame
        unit_code, unit_name, region_code, region_en, region_vi, value, rank, rank_of,
        rank_kind, rank_in_region (only where every province of the region has a value),
        region_n (provinces of the region that year), region_with_data.
    region_summary(index, *, year=None, indicator=None, ...) -> DataFrame
        year, region_code, region_en, region_vi, n, mean, median, std, min, max, spread, iqr.
    reconstruct_34(index, year, *, indicator=None, ...) -> DataFrame
        the 34 units from 1 July 2025 as the population-weighted mean of their former
        provinces (populations 2024), ``method`` = "reconstruction", with members, coverage.
    sigma_convergence(index, *, indicator=None, years=None, ...) -> DataFrame
        year, n, mean, std, cv, iqr (+ ``.attrs["slope_std"]`` per year, comparable flags).
    beta_convergence(index, start, end, *, indicator=None, ...) -> BetaResult
        OLS of annualised growth on the initial level: beta, ci_low, ci_high (95%), p_value,
        n, r2, converging, comparable, break_note, data, model.
    convergence_window(index, *, indicator=None, start=None, end=None, ...) -> (start, end)
        the longest run of years inside one methodology era (no series break crossed).

Weak criteria (``weak``, ``benchmarks``, ``persistence``): two named views, always both
    BENCHMARKS = ("region-best", "top-quartile", "best", "median", "max", "leader",
        "region-leader"); DEFAULT_BENCHMARK = "region-best" (best in the region per criterion).
    weak_criteria(unit, index, year, *, benchmark="region-best", depth=1, k=3,
        threshold=0.01, within_region=False, lang="en", ...) -> DataFrame, one row per
        criterion. Standing (ranks): rank, rank_of, rank_kind, percentile, region_rank,
        region_rank_of, region_n, standing (third), weakness (bottom third), strength (top
        third). Drag (weighted points): weight, benchmark_value, benchmark_unit,
        points_recoverable, gap (= points_lost, signed), overall_if_met, rank_if_met,
        rank_if_met_of, drag_rank; weak_both, persistent, persistent_text, rank_change.
        ``.attrs["summary"]``: overall_gap(...) + note (no drag without weights).
    points_lost(...) -> the same frame (historical name).
    criteria(index, year, *, depth=1) -> DataFrame: indicator, parent, weight (effective,
        i.e. the overall points per criterion point; NaN without codebook weights), names, era.
    gap_decomposition(index, year, *, benchmark="region-best", depth=1, ...) -> DataFrame
        every unit × criterion: value, benchmark_value, weight, points_lost (vectorised);
        Σ points_lost == overall_gap per unit exactly.
    overall_gap(unit, index, year, *, benchmark=..., depth=1, ...) -> dict
        published, recomputed, residual (published − recomputed), benchmark_overall, gap.
    persistence(unit, index, year, *, k=3, threshold=0.01, ...) -> DataFrame
        per criterion over the last k comparable surveys (k ≥ 2): bottom_third_k,
        no_improvement (fell beyond threshold × scale and the CI), persistent, texts.
    strengths_weaknesses(unit, index, year, *, n=None, within_region=False, ...) -> DataFrame
        COINr-style by rank: kind ("strength" = top third / "weakness" = bottom third).

Survey noise (``uncertainty``)
    se_from_ci(ci_low, ci_high, level=0.95)
    compare_units(index, year, unit_a, unit_b, *, indicator=None, ...) -> dict
    compare_years(index, unit, year_a, year_b, *, indicator=None, ...) -> dict
        diff, se, z, p_value, status ("distinguishable" / "within noise" / "no CI"), text.
    rank_intervals(index, year, *, indicator=None, ...) -> DataFrame
        rank, rank_best, rank_worst (ranks the unit cannot be told apart from).
    rank_moves(index, year, *, prev_year=None, indicator=None, ...) -> DataFrame
        rank_change with ``move`` = "real" / "within noise" / "no CI".

Rank intervals by Monte Carlo (``rank_simulation``; import the module, its names are not
re-exported here because ``rank_intervals`` above is the z-test function)
    intervals(index, year, params=MCParams()) -> DataFrame: unit_code, rank, rank_median,
        rank_low, rank_high (90%), model, sampling and the run's parameters per row.
    all_intervals(params, indices=("PCI", "PAPI")), rank_interval(unit, index, year) -> dict,
    moves(index, year, prev_year=None) -> DataFrame with verdict and label_en/label_vi,
    move_label(prev, cur, lang) ("up 6 places, more than the noise"), move_text(unit, index, year, lang).

Effective weights (``effective_weights``; import the module)
    effective_weights(index, year, method="pearson"|"spearman") -> DataFrame: nominal_share,
        corr, effective_share (normalised squared correlation with the overall), ratio.
    unit_sensitivity(unit, index, year) -> DataFrame: places one SD more on each criterion brings.

Targets (``targets``; import the module)
    read_plans(path), check(plans_or_path) -> DataFrame: status (met / missed / not yet
        published / no data / not checkable), gap_points, gap_places, required_move,
        feasibility, text_en, text_vi; check_published(); targets_html(unit, year, lang, plans).

What-if (``whatif``)
    whatif(unit, index, year, targets, *, depth=1, ...) -> WhatIfResult
        targets: {criterion: number | "max" | "best" | "median" | "region-best"} or a list of
        criteria (all to the same ``target``). Result: old_score, new_score, gain, old_rank,
        new_rank (counted against EVERY unit with a score in that source and year; None with
        ``rank_note`` when the data hold fewer units than the rank's denominator), rank_of,
        rank_kind, total, changes (DataFrame), .sentence(lang).
    best_moves(unit, index, year, *, target="region-best", ...) -> DataFrame
        each criterion raised alone: gain, new_score, new_rank, sorted by gain.
    whatif_sentence(result, lang="en") -> str
        "Reaching the regional best in Entry costs would add 0.42 points and move Quảng Nam
        from rank 12 to 9."

Cross-index (``crossindex``)
    standing(unit, year, *, indices=("PCI","PAPI","PAR","SIPAS"), ...) -> DataFrame
        per index: index, year, indicator, total (which total: the official weighted score
        where published, e.g. PAPI 2019), score, max, rank, rank_of, rank_kind,
        rank_in_region / region_n / region_with_data (a place in the region only when every
        province of it has data), prev_year, change_indicator (the comparable total),
        change, prev_rank, rank_change, comparable, change_status ("ok" / "missing" /
        "break" / "first" / "rank only"), status ("ok" / "rank only" / "no composite" /
        "no data"), note.
    criterion_ranks(unit, index, year) -> DataFrame
        the unit's rank on each criterion; works without a composite or weights (PCI 2023).
    rank_correlations(*, years=None, indices=..., ...) -> DataFrame
        year (int, or "pooled"), index_a, index_b, n, rho, p_value (Spearman).
"""
from __future__ import annotations

from parlib.analysis.crossindex import (criterion_ranks, headline_indicator, rank_correlations,
                                       standing)
from parlib.analysis.regional import (BetaResult, beta_convergence, convergence_window,
                                      reconstruct_34, region_ranks, region_summary,
                                      sigma_convergence)
from parlib.analysis.trends import cagr, decline_streaks, series_breaks, window_change, yoy
from parlib.analysis.uncertainty import compare_units, compare_years, rank_intervals, rank_moves, se_from_ci
from parlib.analysis.weak import (BENCHMARKS, DEFAULT_BENCHMARK, criteria, gap_decomposition,
                                  overall_gap, persistence, points_lost, strengths_weaknesses,
                                  weak_criteria)
from parlib.analysis.whatif import WhatIfResult, best_moves, whatif, whatif_sentence

__all__ = [
    "cagr", "yoy", "window_change", "decline_streaks", "series_breaks",
    "region_ranks", "region_summary", "reconstruct_34", "sigma_convergence",
    "beta_convergence", "BetaResult", "convergence_window",
    "BENCHMARKS", "DEFAULT_BENCHMARK", "criteria", "gap_decomposition", "points_lost",
    "weak_criteria", "overall_gap",
    "persistence", "strengths_weaknesses",
    "se_from_ci", "compare_units", "compare_years", "rank_intervals", "rank_moves",
    "whatif", "best_moves", "whatif_sentence", "WhatIfResult",
    "standing", "criterion_ranks", "headline_indicator", "rank_correlations",
]
