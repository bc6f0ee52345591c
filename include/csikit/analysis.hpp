// The analysis pipeline: the index-model part of a report (0-100 indices, impacts, IPA/IPMA,
// groups, wave changes) and run_analysis(), the one call behind `csikit analyze` and
// `csikit report`. Results are plain structs; report.hpp serialises them, html_report.hpp draws them.
#pragma once

#include "accumulator.hpp"
#include "bootstrap.hpp"
#include "data.hpp"
#include "index.hpp"
#include "ipa.hpp"
#include "ipa_survey.hpp"
#include "model_expand.hpp"
#include "pls.hpp"
#include "predict.hpp"
#include "schema.hpp"
#include "scoring.hpp"
#include "stats.hpp"
#include "trend.hpp"
#include "feedback.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

// ---- the index-model part of a report (0-100 indices, impacts, IPA/IPMA, groups) ------------

/// Settings of analyze_indices().
struct index_analysis_options {
    /// Target construct of the IPA/IPMA. Empty: select_target() picks one (the preset's
    /// satisfaction construct, else the construct holding the survey's overall_item), else
    /// none (the IPA is skipped with a note).
    std::string target;
    index_options index;  ///< confidence level of the t-intervals, respondent weights
    crosshair_rule crosshair = crosshair_rule::data_mean;  ///< IPA cross-hair
    /// A segment or the wave column: re-estimate the model in each group of respondents and
    /// report per-group indices; for the wave column also the change between consecutive waves.
    std::string by;
};

/// Indices, impacts and IPA of one estimate (the whole sample or one group).
struct index_part {
    std::size_t respondents = 0;       ///< respondents in the data (group)
    std::size_t used = 0;              ///< respondents behind the estimate and the scores
    bool estimated = false;            ///< false: no indices (see notes)
    index_result indices;              ///< refused constructs have NaN index and scores
    std::vector<std::string> refused;  ///< constructs whose index was refused (negative weights)
    std::optional<ipma_result> ipma;   ///< for the target; refused drivers are left out
    std::optional<ipa_result> ipa;             ///< construct-level map of the target's drivers
    std::optional<ipa_result> ipa_indicators;  ///< indicator-level map (IPMA of the items)
    std::vector<std::string> notes;    ///< why something is missing, one line each
};

/// One group of --by: its value and its part.
struct index_group {
    std::string value;
    pls_fit fit;                       ///< the group's own estimate (empty if it failed)
    index_part part;
};

/// The change of a construct's index between two consecutive waves (to - from), with Welch's
/// test on the respondent-level index scores of the two waves.
struct index_change {
    std::string construct;
    std::string from, to;              ///< wave values (sorted order)
    double from_index = 0, to_index = 0;
    test_result test;                  ///< difference = to - from
};

/// Everything analyze_indices() computes.
struct index_analysis {
    std::string target;                ///< "" when none was named or implied
    std::string target_source;         ///< "option", "preset", "overall_item" or ""
    std::string preset;                ///< the survey's bound preset, if any
    index_part overall;                ///< the whole sample (the fit handed in)
    std::string by;                    ///< the --by column ("" = none)
    bool by_wave = false;              ///< `by` is the survey's wave column
    std::vector<index_group> groups;   ///< sorted by value; respondents with an empty cell are left out
    std::vector<index_change> changes; ///< consecutive waves, every construct with an index in both
    index_analysis_options options;
};

/// The indices (respondent scores and t-intervals over the respondents the fit used), impacts,
/// IPA and IPMA of `fit` (an estimate of `model` on `data`), and per group of options.by.
/// Negative weights do not throw: the construct's index is refused with the reason as a note.
/// argument_error for an unknown target or a `by` column that is neither a segment nor the wave
/// column (both messages list what is allowed).
index_analysis analyze_indices(const pls_model& model, const pls_fit& fit, const survey& s, const responses& data,
                               const index_analysis_options& options = {});

/// The same from the fit's moments alone (a fit of a moment state): indices from the item
/// means, score SDs from the moments, impacts and the IPA/IPMA; no respondent scores or
/// t-intervals. argument_error (field "by") for options.by: groups need respondent rows.
index_analysis analyze_indices(const pls_fit& fit, const survey& s, const index_analysis_options& options = {});

/// The same for an extended estimate (higher-order constructs, interaction terms; docs/pls.md,
/// "Indices of extended models"): every construct measured by survey items (repeated
/// indicators ITEM@H on ITEM's scale) as above; a two-stage or embedded two-stage HOC over its
/// LOCs' stage-1 0-100 scores as indicators on 0..100; interaction terms left out (no 0-100
/// metric), so their predictor's importance is its effect at the moderator's mean. LOCs that
/// stage 2 leaves out are appended with their stage-1 index (NaN effects). argument_error
/// (field "by") for options.by: per-group extended estimates are not supported.
index_analysis analyze_extended_indices(const extended_fit& fit, const survey& s,
                                        const index_analysis_options& options = {});

/// The one rule that picks the construct whose drivers the impacts and the IPA/IPMA describe:
/// `requested` when not empty (argument_error, field "target", if the fit has no such
/// construct); else the satisfaction construct of the preset the survey binds ("model"); else
/// the construct holding the survey's overall_item; else none. Returns {id, source} with source
/// "option", "preset", "overall_item", or {"", ""}.
std::pair<std::string, std::string> select_target(const survey& s, const pls_fit& fit, const std::string& requested = {});

/// Above this share of respondents left out of the model (missing answers), the reports warn
/// and, under listwise deletion, suggest mean replacement.
inline constexpr double missing_warning_share = 0.2;

/// A one-line warning when more than missing_warning_share of the respondents were left out of
/// `fit` because of missing answers ("" otherwise): how many, why, and (listwise) the
/// suggestion to use `--missing mean` (missing_treatment::mean_replacement) or pairwise.
std::string missing_data_warning(const pls_fit& fit);

// ---- the whole pipeline: one call behind `csikit analyze` and `csikit report` ------------

/// Settings of run_analysis().
struct analysis_options {
    /// Estimation: scheme, PLS/PLSc, missing treatment (listwise deletion by default, as
    /// plspm; a warning says when it leaves out many respondents), tolerance, iterations.
    pls_options pls;
    /// Bootstrap resamples; 0 = no bootstrap. The other bootstrap settings (seed, threads,
    /// confidence, BCa, progress callback, cancel flag) come from `bootstrap`; its
    /// `resamples` is ignored and its `index_survey` is set (the 0-100 indices are always
    /// bootstrapped too).
    std::size_t resamples = 0;
    bootstrap_options bootstrap;
    /// Indices, impacts, IPA/IPMA: target (select_target() when empty), by, cross-hair, level.
    index_analysis_options index;
    /// Also score the survey (score(): index, items, rates, NPS, waves) and break down every
    /// segment column against the rest of the sample (segment_breakdowns()).
    bool scores = false;
    score_options scoring;  ///< options of the scores (threshold, level, language)
    /// The IPA from stated or derived importance (issue 14), computed whenever the schema
    /// allows one (ipa_possible()); its cross-hair rule follows index.crosshair.
    survey_ipa_options ipa;
};

/// Everything run_analysis() computes. Self-contained (holds a copy of the survey), so it can
/// be serialised later with to_json() / to_html().
struct analysis_report {
    survey schema;                             ///< the survey (labels, scales, hierarchy)
    std::optional<score_report> scores;        ///< with analysis_options::scores
    std::vector<segment_breakdown> segments;   ///< with analysis_options::scores
    /// The PLS estimate; absent only when the survey declares no path model and scores were
    /// asked for (a descriptive report).
    std::optional<pls_fit> fit;
    std::optional<bootstrap_result> boot;      ///< with resamples > 0
    index_analysis analysis;                   ///< indices, impacts, IPA/IPMA, groups, changes
    /// Report-level notes, one line each: respondents left out by missing answers
    /// (missing_data_warning()), a model that could not be estimated, ...
    std::vector<std::string> notes;
    /// A model with higher-order constructs or interaction terms: the stages and their figures
    /// (`fit` is its final stage, `boot` resamples that stage; csikit/model_expand.hpp).
    std::optional<extended_fit> extended;
    /// Extra lines for the settings table of the HTML page (the CLI adds the file names).
    std::vector<std::pair<std::string, std::string>> settings;
    /// The IPA from stated or derived importance (no path model needed), when the schema
    /// allows one; a failure (e.g. collinear drivers) leaves it out with a note.
    std::optional<survey_ipa_result> ipa;
    /// PLSpredict and its CVPAT, filled by the caller (csikit report --predict; run_analysis
    /// leaves them empty): report.json's "prediction" and the HTML prediction section.
    std::optional<prediction_result> prediction;
    std::optional<cvpat_result> cvpat;
    /// With analysis_options::scores (issue 14): the trend when the wave column has at least
    /// min_trend_waves waves, the feedback records when the schema declares a multi-response
    /// item; a failure leaves them out with a note.
    std::optional<trend_report> trend;
    std::optional<feedback_report> feedback;
};

/// The whole pipeline: scores and segments (if asked), the PLS estimate, the bootstrap (if
/// resamples > 0), the 0-100 indices, impacts, IPA/IPMA of the selected target, and the same per
/// group of options.index.by (with wave-over-wave changes for the wave column).
/// Throws what load/estimate/bootstrap throw; argument_error for an unknown target (field
/// "target") or by column (field "by"), and when the survey has no path model, scores were
/// not asked for and the schema allows no IPA (ipa_possible()).
analysis_report run_analysis(const survey& s, const responses& data, const analysis_options& options = {});

/// The pipeline from a moment state (csikit accumulate, docs/streaming.md): the estimate (use_weights
/// follows the state), the 0-100 indices, impacts and IPA/IPMA from the moments, and a note saying
/// so. What needs respondent rows is refused with argument_error naming its field: "scores",
/// "bootstrap" (resamples > 0), "by", "model" (higher-order constructs, interaction terms);
/// data_error naming the difference for a state of another survey definition.
analysis_report run_analysis(const survey& s, const moment_accumulator& state, const analysis_options& options = {});

CSIKIT_NAMESPACE_END
