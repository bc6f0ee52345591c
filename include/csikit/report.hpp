// report.json: a PLS estimate, and optionally its bootstrap, as one JSON document that every
// face of csikit (CLI, C++, later Python and C) writes the same way. docs/report.md documents
// every field.
#pragma once

#include "bootstrap.hpp"
#include "data.hpp"
#include "index.hpp"
#include "ipa.hpp"
#include "pls.hpp"
#include "schema.hpp"
#include "stats.hpp"

#include <optional>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// The fit as report.json text. With `boot`, every weight, loading, path, total effect and R2
/// gains se/t/p and percentile/BCa intervals and a "bootstrap" section is added; `s` supplies
/// construct labels (may be null). NaN values are written as null. `indent` < 0: one line.
std::string to_json(const pls_fit& fit, const bootstrap_result* boot = nullptr, const survey* s = nullptr,
                    int indent = 2);

// ---- the index-model part of a report (0-100 indices, impacts, IPA/IPMA, groups) ------------

/// Settings of analyze_indices().
struct index_analysis_options {
    /// Target construct of the IPA/IPMA. Empty: the preset's satisfaction construct when the
    /// survey binds a preset ("model"), else none (the IPA is skipped with a note).
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
    std::string target_source;         ///< "option", "preset" or ""
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

/// report.json with the index-model sections (docs/report.md): constructs[].index and its
/// intervals (bootstrap ones when `boot` was run with index_survey), indicators[].index_weight,
/// "index_model", "impacts", "ipa", "ipma_indicators", "groups", "changes".
std::string to_json(const pls_fit& fit, const bootstrap_result* boot, const survey* s, const index_analysis& a,
                    int indent = 2);

/// "path", "centroid", "factorial".
const char* scheme_name(inner_scheme scheme) noexcept;

/// "listwise", "mean", "pairwise" (the CLI's --missing values).
const char* missing_name(missing_treatment missing) noexcept;

CSIKIT_NAMESPACE_END
