// Private pieces of PLSpredict and CVPAT: the standardised working data, the fold split and the
// cross-validation of one repetition (predict_engine.cpp), shared by predict() and cvpat().
#pragma once

#include "csikit/predict.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace predict_detail {

using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// One model on its complete cases: the items standardised once with the full sample's mean and
/// SD (z0), so a fold's moments follow from sums of z0 without cancellation.
struct cv_problem {
    pls_model model;
    std::vector<std::string> items;         ///< the model's indicators, block order
    std::vector<int> block;                 ///< construct index of each item
    std::vector<std::string> constructs;
    std::vector<bool> endogenous;           ///< per construct: has a predecessor
    std::vector<Eigen::Index> targets;      ///< items of endogenous constructs (predicted)
    std::vector<int> endo;                  ///< endogenous construct indices
    row_matrix z0;                          ///< n x p
    Eigen::VectorXd mu, sigma;              ///< full-sample mean and SD (n - 1) of each item
    Eigen::VectorXd sum;                    ///< sum of z0 rows (zero up to rounding)
    Eigen::MatrixXd cross;                  ///< sum z0 z0' (full)
    Eigen::Index n() const noexcept { return z0.rows(); }
    Eigen::Index p() const noexcept { return z0.cols(); }
    Eigen::Index q() const noexcept { return static_cast<Eigen::Index>(targets.size()); }
};

/// The data rows complete on every item of `items` (listwise), in data order; `excluded` counts
/// the others.
std::vector<std::size_t> complete_rows(const responses& data, const std::vector<std::string>& items,
                                       std::size_t& excluded);

/// Builds the problem of `model` on the given rows (data_error for a constant item).
cv_problem prepare(const pls_model& model, const responses& data, const std::vector<std::size_t>& rows);

/// The split as run: K folds, R repetitions.
struct fold_plan {
    std::size_t folds = 0, repeats = 0;
    bool loo = false, fixed = false;
};

/// Validates the options against n respondents (argument_error naming the option).
fold_plan plan(const predict_options& o, std::size_t n);

/// The fold (0 .. K-1) of every respondent in repetition r: a Fisher-Yates shuffle from a
/// generator seeded by (seed, r), position j of the shuffled order in fold floor(j K / n).
void assign_folds(const predict_options& o, const fold_plan& pl, std::size_t r, std::size_t n, std::vector<int>& fold);

/// The raw residuals of one repetition (n x q, or n x endogenous constructs for scores).
struct cv_repeat {
    Eigen::MatrixXd pls, lm, ia;       ///< out of sample: PLS, LM benchmark, training mean
    Eigen::MatrixXd pls_in, lm_in;     ///< in sample, averaged over the K - 1 fits holding the row
    Eigen::MatrixXd score, score_res;  ///< actual endogenous scores and their prediction residuals
};

/// Cross-validates one repetition with the given folds; returns the workers used.
unsigned run_repeat(const cv_problem& pr, const predict_options& o, const fold_plan& pl, std::size_t r,
                    const std::vector<int>& fold, unsigned threads, cv_repeat& out);

}  // namespace predict_detail
CSIKIT_NAMESPACE_END
