// Derived importance from correlations (METHODOLOGY 5.3): correlation, standardised beta, Pratt,
// Johnson's relative weights and the exact Shapley/LMG decomposition of R^2.
#include "csikit/importance.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/error.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr int max_lmg_predictors = 20;

[[noreturn]] void bad_argument(const std::string& what) {
    throw argument_error(location{"", 0, "importance"}, what);
}

/// Shapes and symmetry of the inputs; every measure starts here.
void check_inputs(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    if (rxx.rows() == 0 || rxx.rows() != rxx.cols())
        bad_argument("R_xx is " + std::to_string(rxx.rows()) + " x " + std::to_string(rxx.cols()) +
                     " (expected a non-empty square matrix)");
    if (rxy.size() != rxx.rows())
        bad_argument("r_xy has " + std::to_string(rxy.size()) + " entries (expected " + std::to_string(rxx.rows()) + ")");
    if (!rxx.allFinite() || !rxy.allFinite()) bad_argument("R_xx or r_xy holds NaN/inf (expected finite correlations)");
    if (!rxx.isApprox(rxx.transpose(), 1e-8)) bad_argument("R_xx is not symmetric (expected a correlation matrix)");
}

/// Cholesky of R_xx; numeric_error if it is not positive definite (collinear predictors).
Eigen::LLT<Eigen::MatrixXd> factor(const Eigen::MatrixXd& rxx) {
    Eigen::LLT<Eigen::MatrixXd> llt(rxx);
    if (llt.info() != Eigen::Success)
        throw numeric_error(location{"", 0, "importance"},
                            "R_xx is singular or not positive definite (expected predictors that are not collinear)");
    return llt;
}

/// R^2 of the regression on the predictors in `mask` (0 for the empty set).
double subset_r2(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy, std::uint32_t mask) {
    const int p = static_cast<int>(rxx.rows());
    std::vector<int> idx;
    for (int k = 0; k < p; ++k)
        if (mask & (1u << k)) idx.push_back(k);
    if (idx.empty()) return 0.0;
    const Eigen::Index q = static_cast<Eigen::Index>(idx.size());
    Eigen::MatrixXd s(q, q);
    Eigen::VectorXd r(q);
    for (Eigen::Index a = 0; a < q; ++a) {
        r(a) = rxy(idx[a]);
        for (Eigen::Index b = 0; b < q; ++b) s(a, b) = rxx(idx[a], idx[b]);
    }
    return r.dot(s.llt().solve(r));
}

}  // namespace

constexpr enum_name<importance_measure> importance_names[] = {
    {importance_measure::correlation, "correlation"}, {importance_measure::beta, "beta"}, {importance_measure::pratt, "pratt"},
    {importance_measure::relative_weights, "relative_weights"}, {importance_measure::lmg, "lmg"}};

const char* to_string(importance_measure m) noexcept { return name_of(importance_names, m, "unknown"); }

importance_measure parse_importance_measure(std::string_view name) {
    if (name == "correlation" || name == "r") return importance_measure::correlation;
    if (name == "beta") return importance_measure::beta;
    if (name == "pratt") return importance_measure::pratt;
    if (name == "relative_weights" || name == "rwa") return importance_measure::relative_weights;
    if (name == "lmg" || name == "shapley") return importance_measure::lmg;
    throw argument_error(location{"", 0, "importance"},
                         "unknown measure \"" + std::string(name) +
                             "\" (expected correlation, beta, pratt, relative_weights or lmg)");
}

Eigen::VectorXd standardized_beta(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    check_inputs(rxx, rxy);
    return factor(rxx).solve(rxy);
}

double r_squared(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    return rxy.dot(standardized_beta(rxx, rxy));
}

Eigen::VectorXd pratt(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    return standardized_beta(rxx, rxy).cwiseProduct(rxy);
}

Eigen::VectorXd relative_weights(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    check_inputs(rxx, rxy);
    factor(rxx);  // same singularity message as the other measures
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(rxx);
    // Lambda = R_xx^1/2: the orthogonal variables closest to the predictors (Johnson 2000).
    const Eigen::MatrixXd lambda = eig.operatorSqrt();
    const Eigen::VectorXd beta_star = lambda.llt().solve(rxy);
    return lambda.cwiseAbs2() * beta_star.cwiseAbs2();
}

Eigen::VectorXd lmg(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    check_inputs(rxx, rxy);
    const int p = static_cast<int>(rxx.rows());
    if (p > max_lmg_predictors)
        bad_argument("LMG/Shapley needs 2^p subsets; p = " + std::to_string(p) + " (expected at most " +
                     std::to_string(max_lmg_predictors) + " predictors; use relative_weights)");
    factor(rxx);
    const std::uint32_t subsets = 1u << p;
    std::vector<double> r2(subsets);
    for (std::uint32_t m = 0; m < subsets; ++m) r2[m] = subset_r2(rxx, rxy, m);
    // Shapley weight of a subset S not holding k: |S|! (p - |S| - 1)! / p!.
    std::vector<double> weight(static_cast<std::size_t>(p));
    for (int s = 0; s < p; ++s)
        weight[static_cast<std::size_t>(s)] = std::exp(std::lgamma(s + 1.0) + std::lgamma(p - s + 0.0) - std::lgamma(p + 1.0));
    Eigen::VectorXd out = Eigen::VectorXd::Zero(p);
    for (std::uint32_t m = 0; m < subsets; ++m) {
        const int size = __builtin_popcount(m);
        for (int k = 0; k < p; ++k)
            if (!(m & (1u << k))) out(k) += weight[static_cast<std::size_t>(size)] * (r2[m | (1u << k)] - r2[m]);
    }
    return out;
}

Eigen::VectorXd importance(importance_measure m, const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy) {
    switch (m) {
        case importance_measure::correlation: check_inputs(rxx, rxy); return rxy;
        case importance_measure::beta: return standardized_beta(rxx, rxy);
        case importance_measure::pratt: return pratt(rxx, rxy);
        case importance_measure::relative_weights: return relative_weights(rxx, rxy);
        case importance_measure::lmg: return lmg(rxx, rxy);
    }
    bad_argument("unknown measure");
}

const Eigen::VectorXd& importance_table::get(importance_measure m) const {
    switch (m) {
        case importance_measure::correlation: return correlation;
        case importance_measure::beta: return beta;
        case importance_measure::pratt: return pratt;
        case importance_measure::relative_weights: return relative_weights;
        case importance_measure::lmg:
            if (lmg.size() == 0) bad_argument("LMG was not computed (p > 20 or with_lmg = false)");
            return lmg;
    }
    bad_argument("unknown measure");
}

importance_table importance_all(const Eigen::MatrixXd& rxx, const Eigen::VectorXd& rxy, bool with_lmg) {
    importance_table t;
    t.correlation = rxy;
    t.beta = standardized_beta(rxx, rxy);
    t.r2 = rxy.dot(t.beta);
    t.pratt = t.beta.cwiseProduct(rxy);
    t.relative_weights = relative_weights(rxx, rxy);
    t.relative_weights_percent = t.r2 > 0 ? Eigen::VectorXd(100.0 * t.relative_weights / t.r2)
                                          : Eigen::VectorXd::Constant(rxy.size(), std::nan(""));
    if (with_lmg && rxx.rows() <= max_lmg_predictors) t.lmg = lmg(rxx, rxy);
    return t;
}

importance_table importance_all(const moments& m, const std::vector<std::string>& drivers,
                                std::string_view outcome, bool with_lmg) {
    auto find = [&](std::string_view id) -> Eigen::Index {
        for (std::size_t i = 0; i < m.item_ids.size(); ++i)
            if (m.item_ids[i] == id) return static_cast<Eigen::Index>(i);
        throw argument_error(location{"", 0, std::string(id)}, "not among the items of the moments");
    };
    const Eigen::Index y = find(outcome);
    const Eigen::Index p = static_cast<Eigen::Index>(drivers.size());
    std::vector<Eigen::Index> idx;
    for (const auto& d : drivers) {
        if (d == outcome) throw argument_error(location{"", 0, d}, "is the outcome and a driver (expected distinct ids)");
        idx.push_back(find(d));
    }
    Eigen::MatrixXd rxx(p, p);
    Eigen::VectorXd rxy(p);
    for (Eigen::Index a = 0; a < p; ++a) {
        rxy(a) = m.correlation(idx[static_cast<std::size_t>(a)], y);
        for (Eigen::Index b = 0; b < p; ++b)
            rxx(a, b) = m.correlation(idx[static_cast<std::size_t>(a)], idx[static_cast<std::size_t>(b)]);
    }
    importance_table t = importance_all(rxx, rxy, with_lmg);
    t.drivers = drivers;
    return t;
}

CSIKIT_NAMESPACE_END
