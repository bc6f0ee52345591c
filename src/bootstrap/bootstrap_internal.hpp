// Private pieces of the bootstrap: the standardised working data and the weighted moments of a
// resample (bootstrap_sample.cpp), the parameter layout and the summaries (bootstrap_stats.cpp).
#pragma once

#include "csikit/bootstrap.hpp"
#include "csikit/model_expand.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <random>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace boot_detail {

using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The one n_used x p copy of the data the bootstrap keeps: the respondents the original fit
/// used, in the fit's indicator order, standardised with the fit's means and SDs (a missing
/// answer under mean replacement becomes 0, the standardised mean). Row-major so that the row of
/// a drawn respondent is contiguous.
struct working_data {
    row_matrix z;            ///< n_used x p
    Eigen::VectorXd weight;  ///< respondent weights (ones when unweighted)
    Eigen::Index n() const noexcept { return z.rows(); }
    Eigen::Index p() const noexcept { return z.cols(); }
};

/// Builds the working data; argument_error if `original` was not estimated from `data`.
working_data prepare(const responses& data, const pls_fit& original);

/// Weighted sums of a set of rows: total weight, sum of v z, and the lower triangle of
/// sum v z z'. Reused per thread so a resample allocates nothing.
struct weighted_sums {
    double total = 0;
    Eigen::VectorXd sum;
    Eigen::MatrixXd cross;    ///< lower triangle
    row_matrix scratch;       ///< gathered rows scaled by sqrt(v)
};

/// Sums of all rows with their respondent weights (the start of the jackknife downdates).
void full_sums(const working_data& d, weighted_sums& s);

/// Sums of the resample given by `counts` (count of each respondent in the resample).
void resample_sums(const working_data& d, const std::vector<std::uint32_t>& counts, weighted_sums& s);

/// Removes rows `first, first + step, ...` (< n) from `s` (a grouped jackknife downdate).
void remove_rows(const working_data& d, Eigen::Index first, Eigen::Index step, weighted_sums& s);

/// Correlation matrix from weighted sums. Returns the index of an item without variance, or -1.
int correlation(const weighted_sums& s, Eigen::MatrixXd& corr);

/// Counts of one resample: n draws with replacement from n respondents, from a generator
/// seeded by (seed, r) through SplitMix64, so the resample depends on (seed, r) only.
void draw_counts(std::uint64_t seed, std::uint64_t r, Eigen::Index n, std::vector<std::uint32_t>& counts);

/// Which estimates are bootstrapped and where they sit in a flat replicate row.
struct layout {
    std::vector<bootstrap_parameter> params;
    // 0-100 indices (add_index_params): per indicator in fit order, the original item mean and SD
    // (to undo the standardisation of the working data) and the theoretical scale bounds.
    bool indices = false;
    Eigen::VectorXd item_mean, item_sd, lower, upper;
    // Quality criteria and indirect effects (add_criteria_params): the blocks (contiguous in fit
    // order), the predecessors of each construct, and where each indicator of the original fit
    // sits in its moments (a resample's moments are in fit order already).
    std::vector<int> start, size;
    std::vector<std::vector<int>> preds;
    std::vector<Eigen::Index> original_pos;
};

/// The parameters of `original` under `model`: every weight and loading, every path, every
/// total effect of a connected pair, the R2 of every endogenous construct.
layout make_layout(const pls_model& model, const pls_fit& original);

/// Appends one index parameter per construct (kind index) and the per-indicator means, SDs and
/// scale bounds they need; schema_error for an item without a scale in `s`.
void add_index_params(layout& l, const pls_fit& original, const survey& s);

/// Writes the index parameters of `fit` into `out`: the resample's raw item means and SDs come
/// from `sums` (weighted sums of the standardised working data), the weights are fit.weights /
/// raw SD, normalised on the 0-100 rescaled items. False if any index is not finite.
bool extract_indices(const layout& l, const pls_fit& fit, const weighted_sums& sums, double* out);

/// Appends the quality criteria (htmt, f2, r2_adjusted, total_indirect) and every specific
/// indirect effect (bootstrap_criteria.cpp); model_error past max_indirect_chains.
void add_criteria_params(layout& l, const pls_model& model, const pls_fit& original);

/// HTMT of blocks a and b on the indicator correlations S; `pos` maps fit indicator h to its
/// row of S (null: S is in fit order).
double htmt_value(const layout& l, const Eigen::MatrixXd& S, const std::vector<Eigen::Index>* pos, int a, int b);

/// f2 of the path i -> j: fit.f2 when the fit computed it (quality on), else from the
/// construct correlations as the estimator's default (cSEM's): (R2 - R2 without i) / (1 - R2).
double f2_value(const layout& l, const pls_fit& fit, int i, int j);

/// The mediation classes of every specific indirect effect (requested chains first); the
/// chains are checked up front by check_mediation.
std::vector<mediation_result> classify(const pls_model& model, const pls_fit& original,
                                       const std::vector<bootstrap_parameter>& paths,
                                       const std::vector<bootstrap_parameter>& indirect,
                                       const std::vector<std::vector<std::string>>& requested);

/// model_error naming the first requested chain that is not a directed path of the model.
void check_mediation(const pls_model& model, const pls_fit& original, const std::vector<std::vector<std::string>>& requested);

/// Writes the estimates of `fit` into `out` (params.size() values), after flipping each block
/// whose weights have a negative inner product with the original's. False if any is not finite.
bool extract(const layout& l, const pls_fit& fit, const pls_fit& original, double* out);

/// A two-stage approach's stage 1, re-run in every resample (bootstrap_two_stage.cpp). The
/// working data are the p1 stage-1 indicators, then any stage-2 indicator that is neither in
/// stage 1 nor derived from it; same respondents in both stages.
struct two_stage_plan {
    const pls_model* model1 = nullptr;
    const pls_fit* stage1 = nullptr;   ///< the original stage 1 (signs of the resample's blocks)
    pls_options options1;              ///< stage 1's options, quality off
    Eigen::Index p2 = 0, p1 = 0;       ///< stage-2 indicators, stage-1 indicators
    /// Per stage-2 indicator: its working-data column, or -1 for a score or product column.
    std::vector<Eigen::Index> source;
    /// HOC: per stage-2 indicator, the stage-1 construct whose score it is, or -1.
    std::vector<int> score_of;
    /// Interaction: per product column, its stage-2 column and the stage-1 constructs multiplied.
    struct product {
        Eigen::Index column = 0;
        int predictor = 0, moderator = 0;
    };
    std::vector<product> products;
    std::vector<std::string> ids;      ///< column ids of the working data (for messages)
};

/// The plan and the combined working data of an extended fit with a two-stage HOC or (without
/// one) a two-stage interaction; argument_error when the stages did not use the same respondents.
two_stage_plan make_two_stage_plan(const expanded_model& e, const pls_fit& original, working_data& d);

/// Stage 2's indicator correlations in one resample. Stage 1 is estimated on the upper-left
/// block of `all` (the resample's correlations of the combined working data; `m1` is scratch
/// moments in stage-1 order) and its blocks aligned in sign to the original stage 1. A HOC's
/// score columns: T' all T rescaled to unit diagonal, T mapping each score column to its LOC's
/// weights. A two-stage interaction's product columns: the products of the resample's
/// standardised scores row by row, their correlations from the rows weighted by `counts`
/// (respondent weights times the resample's counts; `sums` the resample's sums). Throws what
/// estimate throws.
void stage_two_correlation(const two_stage_plan& plan, const working_data& d, const std::vector<double>& counts,
                           const weighted_sums& sums, const Eigen::MatrixXd& all, moments& m1, Eigen::MatrixXd& out);

/// Why a replicate failed (0 = it succeeded), as kept per replicate by both bootstraps.
enum replicate_status : std::uint8_t { ok = 0, constant_item, singular, convergence, non_finite, inadmissible, other };

/// "constant_item", "singular", "convergence", "non_finite", "inadmissible", "other".
const char* reason_name(std::uint8_t status);

/// Counts the failed replicates of `status` by reason into `res` (failed, succeeded,
/// failed_by_reason, and the first message of each reason from `messages`), then throws
/// numeric_error at `source` when more than `max_share` of them failed or fewer than 2
/// succeeded: "`what`: F of B `unit` failed (reasons; expected at most X%); first: message".
void tally_failures(bootstrap_result& res, const std::vector<std::uint8_t>& status, const std::vector<std::string>& messages,
                    double max_share, const std::string& source, const char* what, const char* unit);

/// Moves every summarised parameter of `l` into its list of `res`: the indices, the quality
/// criteria, the specific indirect effects, and the model's own parameters.
void file_parameters(layout& l, bootstrap_result& res);

/// Fills every statistic of l.params from the replicates (rows of `reps` whose status is 0 =
/// succeeded) and, for BCa, the jackknife rows (`jack`, `jack_status`; empty = no BCa).
void summarise(layout& l, const std::vector<double>& reps, const std::vector<std::uint8_t>& status,
               const std::vector<double>& jack, const std::vector<std::uint8_t>& jack_status,
               double confidence, double df);

}  // namespace boot_detail
CSIKIT_NAMESPACE_END
