// Derived importance of drivers for one outcome (METHODOLOGY 5.3), all computed from the
// predictor correlation matrix R_xx and the predictor-outcome correlations r_xy, so they work on
// moments (compute_moments) without touching respondent rows.
#pragma once

#include "pls.hpp"

#include <Eigen/Core>

#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// The importance measures csikit derives.
enum class importance_measure {
    correlation,       ///< r_k = cor(x_k, y)
    beta,              ///< standardised regression coefficient, R_xx^-1 r_xy
    pratt,             ///< beta_k r_k (sums to R^2; may be negative)
    relative_weights,  ///< Johnson's relative weights epsilon_k (sum to R^2)
    lmg,               ///< Shapley value / LMG / general dominance (exact, sums to R^2)
};

/// "correlation", "beta", "pratt", "relative_weights", "lmg".
const char* to_string(importance_measure m) noexcept;
/// Parses the names above (also "rwa", "shapley"); argument_error for anything else.
importance_measure parse_importance_measure(std::string_view name);

/// Standardised coefficients beta = R_xx^-1 r_xy. numeric_error if R_xx is singular;
/// argument_error if the sizes do not fit or R_xx is not square/symmetric.
Eigen::VectorXd standardized_beta(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// R^2 = r_xy' R_xx^-1 r_xy of the regression on all predictors.
double r_squared(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// Pratt's measure beta_k r_k.
Eigen::VectorXd pratt(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// Johnson's (2000) relative weights: R_xx = Q L Q', Lambda = Q L^1/2 Q', beta* = Lambda^-1 r_xy,
/// eps_k = sum_m Lambda_km^2 beta*_m^2. Unsigned (no sign heuristic); sums to R^2.
Eigen::VectorXd relative_weights(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// Shapley decomposition of R^2 (LMG): the average gain in R^2 from adding x_k over all orders,
/// exact over the 2^p subsets. argument_error for p > 20 (2^p subsets would not finish).
Eigen::VectorXd lmg(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// One measure by name.
Eigen::VectorXd importance(importance_measure m, const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy);

/// Every measure at once.
struct importance_table {
    std::vector<std::string> drivers;  ///< predictor ids (may be empty when built from matrices)
    Eigen::VectorXd correlation;
    Eigen::VectorXd beta;
    Eigen::VectorXd pratt;
    Eigen::VectorXd relative_weights;          ///< raw epsilon_k
    Eigen::VectorXd relative_weights_percent;  ///< 100 eps_k / R^2
    Eigen::VectorXd lmg;                       ///< empty when p > 20 or not requested
    double r2 = 0;

    /// The column of one measure (lmg: argument_error if it was not computed).
    const Eigen::VectorXd& get(importance_measure m) const;
};

/// All measures; `with_lmg` = false skips the 2^p Shapley computation (and it is skipped
/// automatically for p > 20).
importance_table importance_all(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy, bool with_lmg = true);

/// All measures from moments: `drivers` and `outcome` are item ids of m (argument_error names an
/// unknown id or an outcome that is also a driver).
importance_table importance_all(const moments& m, const std::vector<std::string>& drivers,
                                std::string_view outcome, bool with_lmg = true);

CSIKIT_NAMESPACE_END
