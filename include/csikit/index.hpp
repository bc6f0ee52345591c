// 0-100 indices and impacts of an index model (ACSI/ECSI/CCSI; METHODOLOGY 2.3, 2.4, 5.4).
//
// Every construct gets a 0-100 index from its unstandardised outer weights, normalised to sum 1,
// and each item's THEORETICAL scale bounds [a, b]:
//     index = 100 * sum_i w^_i (mean_i - a_i) / (b_i - a_i)
// Per respondent the same rescaling gives s_r (weights re-normalised over the items answered);
// the overall index is the respondent-weighted mean of s_r, with a t-interval that holds the
// outer weights fixed (bootstrap to include their uncertainty). docs/index_models.md explains the
// choices (unstandardised vs plspm's standardised weights, mixed scales, negative weights).
#pragma once

#include "data.hpp"
#include "pls.hpp"
#include "schema.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// One construct's block, ready for rescaling: items, raw-metric weights and scale bounds.
struct index_block {
    std::string construct;           ///< construct id (used in messages)
    std::vector<std::string> items;  ///< item ids of the block
    Eigen::VectorXd weights;         ///< unstandardised (raw-metric) outer weights, any scale
    Eigen::VectorXd lower;           ///< theoretical minimum a_i of each item's scale
    Eigen::VectorXd upper;           ///< theoretical maximum b_i of each item's scale
};

/// Settings of the index computation.
struct index_options {
    double level = 0.95;             ///< confidence level of the t-interval of the overall index
    bool use_weights = true;         ///< weight respondents by responses::weights
    /// Negative outer weights let an index leave [0, 100]. true (default): numeric_error naming
    /// the construct and every negative item. false: compute anyway and set
    /// construct_index::negative_weights (for diagnosis only).
    bool refuse_negative_weights = true;
};

/// The normalised weights w^ of a block: the weight each item carries on its 0-100 rescaled
/// form, w_i (b_i - a_i) / sum_k w_k (b_k - a_k). With one scale per block this is w_i / sum w
/// (METHODOLOGY 2.3); with mixed scales it is what the Min/Max form of the ACSI index and IPMA's
/// v_h* both give. Throws numeric_error (negative weights, if refused; a zero weight sum) or
/// argument_error (sizes differ, a bound pair with b <= a).
Eigen::VectorXd normalized_index_weights(const index_block& block, bool refuse_negative = true);

/// The 0-100 index of a block from its item means: 100 sum w^_i (mean_i - a_i)/(b_i - a_i).
double block_index(const index_block& block, const Eigen::VectorXd& item_means,
                   bool refuse_negative = true);

/// Per-respondent 0-100 scores s_r of a block. `values` holds the block's items as columns, in
/// block order (NaN = missing). Weights are re-normalised over the items each respondent
/// answered; a respondent with none of them gets NaN.
Eigen::VectorXd block_scores(const index_block& block, const Eigen::MatrixXd& values,
                             bool refuse_negative = true);

/// A weighted mean with its t-interval (SE from the Kish effective n; df = n_eff - 1).
struct score_summary {
    double mean = 0;          ///< respondent-weighted mean of the non-missing scores
    double sd = 0;            ///< weighted SD (n-1 style on n_eff; computed by mean_ci(), stats.hpp)
    double se = 0;            ///< sd / sqrt(n_eff)
    double ci_low = 0;        ///< mean - t * se
    double ci_high = 0;       ///< mean + t * se
    double level = 0.95;      ///< confidence level
    std::size_t n = 0;        ///< respondents with a score
    double effective_n = 0;   ///< (sum w)^2 / sum w^2 over those respondents
};

/// Summarises scores (NaN ignored) with respondent weights (empty = all 1). argument_error for a
/// level outside (0, 1), a size mismatch or negative weights; with fewer than 2 scores the SD and
/// interval are NaN.
score_summary summarize_scores(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights = {},
                               double level = 0.95);

/// Unstandardised total effects on the 0-100 metric, [to, from]:
/// T_std(t, j) * sd(score_t) / sd(score_j). Entries for a zero SD are NaN.
Eigen::MatrixXd unstandardized_effects(const Eigen::MatrixXd& total_std, const Eigen::VectorXd& score_sd);

/// ACSI impacts, [to, from]: the change in the target's 0-100 score predicted by a 5-point rise in
/// the driver's score, 5 * unstandardised total effect.
Eigen::MatrixXd impacts(const Eigen::MatrixXd& total_std, const Eigen::VectorXd& score_sd);

/// The result for one construct.
struct construct_index {
    std::string construct;
    std::vector<std::string> items;
    Eigen::VectorXd weights;      ///< normalised weights w^ (sum 1), block order
    double index = 0;             ///< from the item means of the moments (the ACSI/IPMA figure)
    double score_sd = 0;          ///< SD of the 0-100 scores (from respondents, else from moments)
    bool negative_weights = false;///< some weight < 0 (only when not refused)
    bool has_respondents = false; ///< `overall` is filled: from respondent scores, or from the
                                  ///< moments of a moment state (analyze_indices without data)
    score_summary overall;        ///< weighted mean of s_r with its t-interval (data only)
};

/// Indices of every construct of a fit, with impacts.
struct index_result {
    std::vector<construct_index> constructs;  ///< in fit order
    Eigen::MatrixXd scores;                   ///< n x J respondent scores s_r (data only; NaN = none)
    Eigen::MatrixXd effects;                  ///< J x J unstandardised total effects [to, from]
    Eigen::MatrixXd impacts;                  ///< J x J 5 * effects [to, from]
    index_options options;

    /// The construct's entry; argument_error naming an unknown id.
    const construct_index& at(std::string_view construct) const;
    /// Impact of `driver` on `target` (5-point rise); argument_error for unknown ids.
    double impact(std::string_view driver, std::string_view target) const;
};

/// The index blocks of a fit: weights_unstandardized grouped by construct, bounds from the
/// survey's scales (schema_error for an item without a scale).
std::vector<index_block> index_blocks(const pls_fit& fit, const survey& s);

/// Indices from the fit alone: item means from fit.data, score SDs from the moment matrix
/// (sd = 100 sqrt(v' C v), v_i = w^_i/(b_i - a_i)); no respondent scores.
index_result compute_indices(const pls_fit& fit, const survey& s, const index_options& options = {});

/// Indices with respondent scores s_r from `data` (same items as the fit): overall means with
/// t-intervals, and impacts from the SDs of the respondent scores.
index_result compute_indices(const pls_fit& fit, const survey& s, const responses& data,
                             const index_options& options = {});

CSIKIT_NAMESPACE_END
