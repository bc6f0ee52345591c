// JSON of every result type: one serializer per result, used by the CLI, the C ABI's JSON
// getters and the Python package alike (src/report/json). report.json is the document of a
// fit, its bootstrap and the analysis around it; docs/report.md documents every field.
#pragma once

#include "analysis.hpp"
#include "model_expand.hpp"
#include "bootstrap.hpp"
#include "importance.hpp"
#include "index.hpp"
#include "ipa.hpp"
#include "ipa_survey.hpp"
#include "crosstab.hpp"
#include "mga.hpp"
#include "options.hpp"
#include "pls.hpp"
#include "predict.hpp"
#include "schema.hpp"
#include "scoring.hpp"
#include "trend.hpp"
#include "standardize.hpp"
#include "feedback.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

/// The widest indent a serializer accepts (spaces per level); -1 = one line.
inline constexpr int max_json_indent = 64;

/// argument_error naming `indent` unless -1 <= indent <= max_json_indent. Every to_json() below
/// checks its indent with this rule.
void check_json_indent(int indent);

// ---- report.json ---------------------------------------------------------------------------

/// The fit as report.json text. With `boot`, every weight, loading, path, total effect and R2
/// gains se/t/p and percentile/BCa intervals and a "bootstrap" section is added; `s` supplies
/// construct labels (may be null). NaN values are written as null. `indent` -1: one line.
std::string to_json(const pls_fit& fit, const bootstrap_result* boot = nullptr, const survey* s = nullptr,
                    int indent = 2);

/// report.json with the index-model sections (docs/report.md): constructs[].index and its
/// intervals (bootstrap ones when `boot` was run with index_survey), indicators[].index_weight,
/// "index_model", "impacts", "ipa", "ipma_indicators", "groups", "changes".
std::string to_json(const pls_fit& fit, const bootstrap_result* boot, const survey* s, const index_analysis& a,
                    int indent = 2);

/// report.json of a run (docs/report.md): the document of to_json(fit, boot, survey, analysis)
/// plus "scores" (the score() document, null without scores). Without a path model: only
/// csikit_version, notes and scores.
std::string to_json(const analysis_report& r, int indent = 2);

/// The score report as JSON text (docs/scoring.md; NaN and infinities become null).
std::string to_json(const score_report& report, int indent = 2);

// ---- the results of single analyses (docs/report.md, "Result documents") ------------------

/// A bootstrap on its own: the "bootstrap" section of report.json plus "parameters", every
/// summarised estimate (weights, loadings, paths, total effects, R2, then the indices).
std::string to_json(const bootstrap_result& boot, int indent = 2);

/// Indices: {"level", "constructs": [{"id", "index", "score_sd", "items", "weights",
/// "negative_weights", "has_respondents", "mean", "sd", "se", "ci_low", "ci_high", "n",
/// "effective_n"}], "effects", "impacts": {"constructs", "values" [to][from]}}. The respondent
/// fields are null without respondent scores. The n x J respondent scores are not written.
std::string to_json(const index_result& r, int indent = 2);

/// An IPA map: {"rule", "importance_cut", "performance_cut", "points": [{"id", "label",
/// "importance", "performance", "quadrant", "gap", "above_diagonal", "priority", "rank"}],
/// "by_priority"} (by_priority: concentrate-here first, then by priority = z(I) - z(P)).
std::string to_json(const ipa_result& r, int indent = 2);

/// An IPMA placed in quadrants by `options`: {"target", "constructs": {"importance_cut",
/// "performance_cut", "points": [{"id", "construct", "importance", "performance",
/// "quadrant"}]}, "indicators": {same shape}}; a level without entries has null cuts.
std::string to_json(const ipma_result& r, const ipa_options& options = {}, int indent = 2);

/// The description of every analysis's options (csikit/options.hpp): {"analyses": [{"analysis",
/// "cpp", "cli", "python", "c", "options": [{"name", "type", "default", "choices", "doc",
/// "cli": {"name", "exception"}, "python": {...}, "c": {...}}]}]}.
std::string options_json(int indent = 2);

/// IPA factors (stated_factors, derived_factors): [{"id", "label", "importance", "performance"}].
std::string to_json(const std::vector<ipa_factor>& factors, int indent = 2);

/// Derived importance: {"drivers", "r2", "correlation", "beta", "pratt", "relative_weights",
/// "relative_weights_percent", "lmg"} (one value per driver; lmg [] when not computed).
std::string to_json(const importance_table& t, int indent = 2);

// ---- readers: the schema drafted by `csikit import` (csikit/draft.hpp) ----------------------
struct schema_draft;
/// {"format", "respondents", "schema": {the survey's JSON}, "metadata_columns",
/// "skipped_columns", "notes": [{"column", "kind": "guess"|"check", "text"}]}.
std::string to_json(const schema_draft& draft, int indent = 2);
// ---- issue 14: IPA without a model --------------------------------------------------------

/// A survey IPA: {"importance", "outcome", "r2", "respondents", "used", "crosshair": {"rule",
/// "importance", "performance"}, "diagonal", "factors": [{"id", "kind", "label",
/// "importance_item", "importance", "performance", "quadrant", "quadrant_en", "quadrant_zh",
/// "priority", "rank", "gap"}], "priority_order", "priority_rule", "by", "groups": [{"value",
/// "respondents", "crosshair", "factors", "priority_order", "note"}], "notes"}.
std::string to_json(const survey_ipa_result& r, int indent = 2);
// ---- issue 14: crosstabs (docs/crosstab.md) ------------------------------------------------

/// A crosstab: {"analysis": "crosstab", "kind", "variable", "label", "satisfied_rule", "rows":
/// [{"value", "label"}], "columns": [{"value", "letter"}], "column", "layer", "weighted", "alpha",
/// "level", "respondents", "counted", "excluded": {"layer", "column", "row", "answer",
/// "zero_weight"}, "tables": [{"layer_value", "n", "weighted", "cells": [[{"count",
/// "weighted", "col_share", "row_share", "letters"}]], "row_count", "row_weighted",
/// "col_count", "col_weighted", "col_n_eff", "col_score": [mean], "col_mean": [mean],
/// "total_score": mean|null, "test": {...}}], "notes"}; a mean is {"mean", "se", "ci_lower",
/// "ci_upper", "n", "n_eff"}.
std::string to_json(const crosstab_result& r, int indent = 2);

/// What a moment state holds (csikit accumulate --json, docs/streaming.md): {"analysis":
/// "accumulate", "respondents", "excluded", "mode" ("exact"/"real"), "weighted", "fingerprint"
/// (16 hex digits), "items": [{"id", "missing"}], "read": {"cells", "empty", "missing_codes",
/// "codes_by_kind", "out_of_scale"}}. Never the sums themselves.
std::string to_json(const moment_accumulator& state, int indent = 2);
/// A composition-adjusted comparison (issue 14 item 5, docs/crosstab.md): {"analysis":
/// "standardize", "by", "adjust_for", "reference": "pooled"|"first"|"given", "weighted", "level",
/// "groups", "strata": [{"value", "reference_share", "mix": [share per group]}], "figures":
/// [{"id", "group", "raw": mean, "adjusted": mean}], "changes": [{"id", "from", "to", "raw":
/// test, "adjusted": test}], "left_out", "notes"}; a mean is {"mean", "se", "df", "ci_lower",
/// "ci_upper", "n", "n_eff"}, a test {"difference", "se", "ci_lower", "ci_upper", "statistic",
/// "df", "p_value"}. NaN is null.
std::string to_json(const standardized_comparison& r, int indent = 2);

/// The score report's document (to_json(score_report)) with the comparison above as its
/// "standardized" member: `csikit score --json --adjust-for COL`.
std::string to_json(const score_report& r, const standardized_comparison& adjusted, int indent = 2);

// ---- multi-group analysis (docs/mga.md) ----------------------------------------------------

/// A multi-group analysis: {"csikit_version", "analysis": "mga", "column", "settings", "sample",
/// "groups": [{"value", "respondents", "used", "fit" (report.json of the group's estimate)}],
/// "parameters": [{"kind", "label", "estimate" [per group], "boot_se", "boot_bias",
/// "omnibus_statistic", "omnibus_p"}], "comparisons": [{"kind", "label", "group1", "group2",
/// "difference", "p_permutation", ..., "p_welch_adjusted"}], "micom": null or {"configural",
/// "configural_ok", "pairs": [{"group1", "group2", "permutations_ok", "constructs": [...]}]}}.
std::string to_json(const mga_result& r, int indent = 2);
// ---- higher-order constructs and interaction terms (csikit/model_expand.hpp) --------------

/// The figures of an extended model beyond its final-stage fit: {"higher_order": [{"id",
/// "approach", "mode", "components": [{"id", "weight", "loading"}]}], "interactions": [{"id",
/// "predictor", "moderator", "dependent", "approach", "path", "score_sd", "path_rescaled",
/// "predictor_path", "moderator_path", "simple_slopes": [{"moderator_sd", "slope"}]}],
/// "derived_indicators", "stage1": the report.json document of the first stage, or null}.
/// report.json of an extended run carries it as "model_extension".
std::string to_json(const extended_fit& e, int indent = 2);
// ---- out-of-sample prediction (docs/predict.md) -------------------------------------------

/// PLSpredict: {"method": "plspredict", "approach", "benchmark", "folds", "repeats",
/// "leave_one_out", "fixed_folds", "seed", "threads", "respondents", "respondents_excluded",
/// "fits", "items_better", "power", "items": [{"item", "construct", "rmse", "mae", "q2_predict",
/// "q2_predict_centered", "lm_rmse", "lm_mae", "lm_q2_predict", "is_rmse", "is_mae",
/// "lm_is_rmse", "lm_is_mae"}], "constructs": [{"construct", "rmse", "mae", "q2_predict",
/// "items", "items_better"}], "warnings"}. The n x q predictions are not written.
std::string to_json(const prediction_result& r, int indent = 2);

/// CVPAT: {"method": "cvpat", "approach", "benchmark", "folds", "repeats", "seed",
/// "respondents", "level", "items", "tests": [{"benchmark", "loss_model", "loss_benchmark",
/// "d_bar", "sd_d", "t", "df", "p", "p_better", "significant"}]}.
std::string to_json(const cvpat_result& r, int indent = 2);

/// PLSpredict with its CVPAT: the PLSpredict document plus "cvpat": {the CVPAT document}.
std::string to_json(const prediction_result& r, const cvpat_result& cv, int indent = 2);

// ---- trends over many waves (issue 14, docs/trend.md) --------------------------------------

/// A trend: {"analysis": "trend", "wave_column", "options", "waves": [{"value", "respondents",
/// "n_eff"}], "series": [{"figure", "id", "label", "unit" ("score", "share", "nps"), "center",
/// "pooled_sd", "out_of_control", "trend": {"slope", "se", "statistic", "p", "ci", "significant",
/// "intercept", "q", "q_df", "q_p"}, "first_last": {"from", "to", "before", "after", "test"},
/// "consecutive": [...], "points": [{"wave", "estimate", "se", "ci", "n", "n_eff",
/// "lower_limit", "upper_limit", "out_of_control"}]}], "notes"}.
std::string to_json(const trend_report& r, int indent = 2);

// ---- coded open answers and feedback records (issue 14 item 7, docs/feedback.md) ----------

/// Feedback records: {"analysis": "feedback", "options", "wave_column", "on", "satisfied_rule",
/// "dissatisfied": {"respondents", "share"}, "items": [{"id", "label", "overall", "by_segment":
/// [...], "by_wave": [...], "dissatisfied", "satisfied"}], "verbatim_column",
/// "verbatims_available", "verbatims": [{"line", "score", "text"}], "notes"}; each table is
/// {"column", "group", "respondents", "weight", "n_eff", "mentions", "weighted_mentions",
/// "named_any", "categories": [{"id", "label", "count", "weighted", "share_of_respondents",
/// "share_of_mentions"}]}. Verbatims are the raw text (JSON-escaped, not HTML-escaped).
std::string to_json(const feedback_report& r, int indent = 2);

CSIKIT_NAMESPACE_END
