// Simulated survey data from a known population model: standardised structural paths of a
// recursive model and one loading per reflective indicator. The indicator covariance is built
// exactly from the model and drawn multivariate normal through its Cholesky factor, so PLS and
// PLSc estimates can be checked against the truth.
#pragma once

#include "data.hpp"
#include "limits.hpp"
#include "pls.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// A population model. Constructs are common factors with unit variance; every indicator is
/// x = loading * factor + error with unit variance. Mode B constructs are not supported.
struct population_model {
    pls_model model;                      ///< constructs (items) and paths
    std::vector<double> path_coefficients;///< standardised coefficient of each model.paths entry
    std::vector<double> loadings;         ///< one per indicator, in model.indicators() order
    double exogenous_correlation = 0;     ///< correlation between any two exogenous constructs
};

/// Drawing options.
struct simulate_options {
    std::uint64_t seed = 1;  ///< std::mt19937_64 seed; same seed, same data
    int scale_points = 0;    ///< 0: continuous standard normal items; K >= 2: items on 1..K
};

/// Simulated answers: item ids and the n x p matrix (no missing values).
struct simulated_data {
    std::vector<std::string> item_ids;
    Eigen::MatrixXd values;

    /// The data as `responses` (unit weights, source "<simulated>"), ready for estimate().
    responses to_responses() const;
};

/// J x J correlation matrix of the constructs implied by the population model. argument_error
/// if the paths explain more than all of a construct's variance or the model is invalid.
Eigen::MatrixXd implied_construct_correlation(const population_model& pop);

/// p x p correlation matrix of the indicators implied by the population model.
Eigen::MatrixXd implied_indicator_correlation(const population_model& pop);

/// Most answers (respondents x indicators) simulate() draws: each answer is a double held about
/// twice while drawing, so 5e7 answers need about 800 MB. max_simulated_respondents is in
/// limits.hpp. argument_error naming "n" past either, checked before allocating.
inline constexpr std::size_t max_simulated_answers = 50000000;

/// Draws n respondents. With scale_points = K the standard normal value z becomes
/// clamp(round((z + 3) / 6 * (K - 1)) + 1, 1, K): equal-width categories over [-3, 3].
simulated_data simulate(const population_model& pop, std::size_t n, const simulate_options& options = {});

CSIKIT_NAMESPACE_END
