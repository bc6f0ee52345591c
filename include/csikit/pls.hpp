// PLS path modelling: the model spec, the moment matrix it works on, the estimator and its
// results. The estimator never touches the n x p data after one pass that builds the moments.
#pragma once

#include "accumulator.hpp"
#include "data.hpp"
#include "model.hpp"
#include "schema.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Inner weighting scheme of the Wold/Lohmoeller iteration.
enum class inner_scheme { path, centroid, factorial };

/// When the Wold/Lohmoeller iteration stops.
enum class stop_rule {
    max_abs_change,  ///< max_h |w_new,h - w_old,h| < tolerance (default; cSEM-like)
    plspm,           ///< sum_h (|v_old,h| - |v_new,h|)^2 < tolerance on plspm's un-normalised outer
                     ///< estimates v (covariances / regression weights); plspm uses tol 1e-6, 100 its
};

/// Checks the model's structure without data: empty blocks, an item in two blocks, duplicate
/// constructs, paths to unknown constructs, self-loops, cycles (named), isolated constructs.
/// Throws model_error listing every problem found.
void validate_model(const pls_model& model);

/// Estimation settings.
struct pls_options {
    inner_scheme scheme = inner_scheme::path;
    missing_treatment missing = missing_treatment::listwise;
    bool consistent = false;       ///< PLSc (Dijkstra-Henseler) for Mode A constructs
    double tolerance = 1e-7;       ///< stop when max |w_new - w_old| < tolerance
    int max_iterations = 300;      ///< convergence_error beyond this
    bool use_weights = true;       ///< honour respondent weights when the data have them
    bool keep_scores = false;      ///< fill pls_fit::scores (n x J construct scores)
    /// Quality criteria (f2, VIFs, reliability, HTMT, Fornell-Larcker, GoF, SRMR). Switch off
    /// for a fast core estimate (weights, loadings, paths, R2, effects) e.g. in a bootstrap.
    bool quality = true;
    stop_rule stopping = stop_rule::max_abs_change;  ///< see stop_rule; plspm: tol 1e-6
    /// f2 of a path by re-estimating the model without it (seminr, SmartPLS; ~4x the cost of
    /// the quality criteria); false (default, as cSEM): R2 of the regression without that
    /// predictor on the full model's construct correlations.
    bool f2_reestimate = false;
    /// PLSc: throw numeric_error for an inadmissible solution (corrected construct correlations
    /// not positive definite, |loading| > 1) instead of flagging it in pls_fit::admissible.
    bool strict = false;
};


/// Builds the moments of `items` from `data`; numeric_error names a constant or all-missing item.
moments compute_moments(const responses& data, const std::vector<std::string>& items,
                        missing_treatment missing = missing_treatment::listwise,
                        bool use_weights = true);

/// Everything an estimate yields. Matrices indexed by construct are J x J with [to, from] for
/// paths and effects; per-indicator vectors follow `indicators`.
struct pls_fit {
    std::vector<std::string> constructs;     ///< J construct ids, in model order
    std::vector<std::string> indicators;     ///< p indicator ids, grouped by block
    std::vector<int> block;                  ///< construct index of each indicator
    std::vector<outer_mode> modes;           ///< mode of each construct

    Eigen::VectorXd weights;                 ///< outer weights on standardised indicators
    Eigen::VectorXd weights_unstandardized;  ///< weights / sd: weights on the raw item scale
    Eigen::VectorXd loadings;                ///< cor(indicator, own construct); PLSc: corrected
    Eigen::MatrixXd cross_loadings;          ///< p x J cor(indicator, construct)
    Eigen::MatrixXd paths;                   ///< J x J path coefficients [to, from]
    Eigen::MatrixXd total_effects;           ///< J x J [to, from]
    Eigen::MatrixXd indirect_effects;        ///< J x J [to, from]
    Eigen::MatrixXd construct_correlation;   ///< J x J; PLSc: disattenuated
    Eigen::VectorXd r2;                      ///< per construct (0 for exogenous)
    Eigen::VectorXd r2_adjusted;
    Eigen::MatrixXd f2;                      ///< J x J effect sizes [to, from]
    Eigen::MatrixXd inner_vif;               ///< J x J VIF of predictor `from` for `to` (NaN if n/a)
    Eigen::VectorXd outer_vif;               ///< per indicator, within its block

    // Reliability and validity, per construct.
    Eigen::VectorXd ave;
    Eigen::VectorXd rho_c;                   ///< Dillon-Goldstein composite reliability
    Eigen::VectorXd rho_a;                   ///< Dijkstra-Henseler rho_A
    Eigen::VectorXd alpha;                   ///< Cronbach's alpha (standardised items)
    Eigen::MatrixXd htmt;                    ///< J x J heterotrait-monotrait ratio
    Eigen::MatrixXd fornell_larcker;         ///< J x J: sqrt(AVE) on the diagonal, correlations below
    double gof = 0;                          ///< Tenenhaus goodness of fit
    double srmr = 0;                         ///< standardised root mean square residual

    Eigen::VectorXd plsc_factor;             ///< PLSc: sqrt(rho_A) per construct (1 if not corrected)
    Eigen::MatrixXd composite_correlation;   ///< J x J W'SW of the composites (before PLSc)

    int iterations = 0;
    double weight_change = 0;                ///< last stopping-rule value of the iteration
    bool converged = false;
    bool consistent = false;                 ///< PLSc corrections applied
    bool admissible = true;                  ///< false: PLSc gave an inadmissible solution (see warnings)
    std::vector<std::string> warnings;       ///< numerical caveats, each naming the construct
    pls_options options;
    moments data;                            ///< the moments the estimate came from
    Eigen::MatrixXd scores;                  ///< n x J standardised construct scores (on request)

    /// Index of a construct / indicator by id; -1 if unknown.
    int construct_index(std::string_view id) const noexcept;
    int indicator_index(std::string_view id) const noexcept;
};

/// Estimates the model from precomputed moments (no access to the raw data; no scores).
pls_fit estimate(const pls_model& model, const moments& m, const pls_options& options = {});

/// Estimates the model from response data: one pass builds the moments, the rest works on them.
pls_fit estimate(const pls_model& model, const responses& data, const pls_options& options = {});

/// "path", "centroid", "factorial".
const char* scheme_name(inner_scheme scheme) noexcept;

/// "listwise", "mean", "pairwise" (the CLI's --missing values).
const char* missing_name(missing_treatment missing) noexcept;

CSIKIT_NAMESPACE_END
