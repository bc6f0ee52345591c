// Private pieces shared by the PLS source files: the compiled model (indices instead of ids,
// topological order, per-block correlation submatrices) and the steps of an estimate.
#pragma once

#include "csikit/pls.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace pls_detail {

/// The model with ids resolved to indices. Indicators are numbered block by block.
struct compiled_model {
    int J = 0;                                  ///< constructs
    int p = 0;                                  ///< indicators
    std::vector<std::string> constructs;
    std::vector<std::string> indicators;
    std::vector<int> block;                     ///< construct of each indicator
    std::vector<int> start, size;               ///< first indicator and size of each block
    std::vector<outer_mode> modes;
    std::vector<int> anchor;                    ///< indicator index of the anchor item, or -1
    std::vector<std::vector<int>> predecessors; ///< per construct, sorted
    std::vector<std::vector<int>> successors;
    std::vector<int> order;                     ///< a topological order of the constructs
};

/// Resolves and validates the model (model_error listing every problem).
compiled_model compile(const pls_model& model);

/// The indicator correlation matrix in the compiled model's indicator order, taken from
/// moments whose items may come in any order (model_error for a missing indicator).
Eigen::MatrixXd model_correlation(const compiled_model& cm, const moments& m,
                                  std::vector<Eigen::Index>& moment_index);

/// Result of the Wold/Lohmoeller iteration.
struct iteration_result {
    Eigen::VectorXd w;     ///< p outer weights, unit-variance composites
    int iterations = 0;
    double change = 0;
    bool converged = false;
};

/// Runs the iteration on the correlation matrix S from unit weights (or from `start`, a warm
/// start); throws numeric_error for singular Mode B blocks and convergence_error when
/// max_iterations is reached.
iteration_result iterate(const compiled_model& cm, const Eigen::MatrixXd& S, const pls_options& o,
                         const Eigen::VectorXd* start = nullptr);

/// Flips each block whose anchor loads negatively or whose loadings are mostly negative.
void fix_signs(const compiled_model& cm, const Eigen::MatrixXd& S, Eigen::VectorXd& w);

/// OLS of construct `to` on `preds` from the construct correlation matrix R: coefficients
/// and R^2. numeric_error naming the construct if the predictors are collinear.
Eigen::VectorXd regress(const compiled_model& cm, const Eigen::MatrixXd& R, int to,
                        const std::vector<int>& preds, double& r2);

/// Paths, R^2, adjusted R^2, total and indirect effects from the construct correlations.
void structural(const compiled_model& cm, const Eigen::MatrixXd& R, double n, pls_fit& fit);

/// rho_A of block j for unit-variance weights w (1 for a single item).
double rho_a(const compiled_model& cm, const Eigen::MatrixXd& S, const Eigen::VectorXd& w, int j);

/// PLSc: corrects loadings, construct correlations and the structural model (numeric_error
/// if the corrected construct correlation matrix is not positive definite).
void consistent(const compiled_model& cm, const Eigen::MatrixXd& S, double n, pls_fit& fit);

/// Reliability, validity, f2, VIFs, HTMT, Fornell-Larcker, GoF, SRMR.
void quality(const compiled_model& cm, const Eigen::MatrixXd& S, double n, pls_fit& fit);

}  // namespace pls_detail
CSIKIT_NAMESPACE_END
