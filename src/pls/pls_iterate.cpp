// The Wold/Lohmoeller iteration on the indicator correlation matrix: inner proxies from the
// construct correlations, outer weights from covariances with the proxies, until the weights
// stop moving. Everything is p x p or J x J, so the cost does not grow with n.
#include "pls_internal.hpp"

#include "csikit/format.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN
namespace pls_detail {
namespace {

const std::string& cname(const compiled_model& cm, int j) { return cm.constructs[static_cast<std::size_t>(j)]; }

/// Names the items of a singular block: an (almost) identical pair if there is one.
std::string singular_block_message(const compiled_model& cm, const Eigen::MatrixXd& S, int j) {
    const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
    for (int a = 0; a < q; ++a)
        for (int b = a + 1; b < q; ++b)
            if (std::abs(S(s + a, s + b)) > 1 - 1e-10) {
                return "Mode B block \"" + cname(cm, j) + "\": items \"" + cm.indicators[static_cast<std::size_t>(s + a)] +
                       "\" and \"" + cm.indicators[static_cast<std::size_t>(s + b)] +
                       "\" are perfectly correlated (expected a non-singular block: drop one of them)";
            }
    std::string items;
    for (int a = 0; a < q; ++a) items += (a ? ", " : "") + cm.indicators[static_cast<std::size_t>(s + a)];
    return "Mode B block \"" + cname(cm, j) + "\": the correlation matrix of items " + items +
           " is singular (expected linearly independent items)";
}

/// Stopping-rule value between two weight vectors.
double weight_change(const Eigen::VectorXd& w_new, const Eigen::VectorXd& w_old, stop_rule rule) {
    if (rule == stop_rule::plspm) return (w_old.cwiseAbs() - w_new.cwiseAbs()).squaredNorm();
    return (w_new - w_old).cwiseAbs().maxCoeff();
}

}  // namespace

iteration_result iterate(const compiled_model& cm, const Eigen::MatrixXd& S, const pls_options& o,
                         const Eigen::VectorXd* start) {
    const int J = cm.J, p = cm.p;
    // Per-block factorisations of S_jj for Mode B, done once.
    std::vector<Eigen::LDLT<Eigen::MatrixXd>> modeb(static_cast<std::size_t>(J));
    for (int j = 0; j < J; ++j) {
        if (cm.modes[static_cast<std::size_t>(j)] != outer_mode::B || cm.size[static_cast<std::size_t>(j)] < 2) continue;
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        auto& f = modeb[static_cast<std::size_t>(j)];
        f.compute(S.block(s, s, q, q));
        // Exactly equal items (exact-mode moments give a correlation of exactly 1) leave a zero
        // pivot that LDLT treats as a pseudo-inverse with a harmless rcond: look for them too.
        const Eigen::MatrixXd off = S.block(s, s, q, q) - Eigen::MatrixXd::Identity(q, q);
        if (f.info() != Eigen::Success || !(f.rcond() > 1e-12) || off.cwiseAbs().maxCoeff() > 1 - 1e-10) {
            throw numeric_error(location{"", 0, cname(cm, j)}, singular_block_message(cm, S, j));
        }
    }
    // Predecessor blocks of R_Y for the path scheme, allocated once and reused every iteration.
    std::vector<Eigen::MatrixXd> rpp(static_cast<std::size_t>(J));
    std::vector<Eigen::VectorXd> rpj(static_cast<std::size_t>(J)), beta(static_cast<std::size_t>(J));
    std::vector<Eigen::LLT<Eigen::MatrixXd>> rpp_llt(static_cast<std::size_t>(J));
    for (int j = 0; j < J; ++j) {
        const auto k = static_cast<Eigen::Index>(cm.predecessors[static_cast<std::size_t>(j)].size());
        rpp[static_cast<std::size_t>(j)].resize(k, k);
        rpj[static_cast<std::size_t>(j)].resize(k);
        beta[static_cast<std::size_t>(j)].resize(k);
    }

    iteration_result res;
    Eigen::VectorXd& w = res.w;
    w = start != nullptr && start->size() == p ? *start : Eigen::VectorXd::Ones(p);
    Eigen::VectorXd tmp(p);
    auto normalise = [&](int j) {
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        auto wj = w.segment(s, q);
        tmp.head(q).noalias() = S.block(s, s, q, q) * wj;
        const double var = wj.dot(tmp.head(q));
        if (!(var > 1e-300)) {
            throw numeric_error(location{"", 0, cname(cm, j)},
                                "construct \"" + cname(cm, j) +
                                    "\": its outer weights vanished during the iteration (expected a construct "
                                    "correlated with its neighbours)");
        }
        wj /= std::sqrt(var);
    };
    for (int j = 0; j < J; ++j) normalise(j);

    // plspm compares the un-normalised outer estimates (covariances or regression weights,
    // single items included) of successive iterations; keep them for that rule.
    const bool plspm_rule = o.stopping == stop_rule::plspm;
    Eigen::VectorXd raw_old = w, raw(p);
    Eigen::VectorXd w_old(p);
    Eigen::MatrixXd SW(p, J), R(J, J), E(J, J);
    for (int iter = 1; iter <= o.max_iterations; ++iter) {
        w_old = w;
        for (int j = 0; j < J; ++j) {
            const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
            SW.col(j).noalias() = S.middleCols(s, q) * w.segment(s, q);
        }
        for (int j = 0; j < J; ++j) {
            const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
            R.row(j).noalias() = w.segment(s, q).transpose() * SW.middleRows(s, q);
        }
        // Inner weights e_ji.
        E.setZero();
        for (int j = 0; j < J; ++j) {
            const auto& preds = cm.predecessors[static_cast<std::size_t>(j)];
            const auto& succs = cm.successors[static_cast<std::size_t>(j)];
            switch (o.scheme) {
            case inner_scheme::centroid:
                for (int i : preds) E(j, i) = R(j, i) >= 0 ? 1.0 : -1.0;
                for (int i : succs) E(j, i) = R(j, i) >= 0 ? 1.0 : -1.0;
                break;
            case inner_scheme::factorial:
                for (int i : preds) E(j, i) = R(j, i);
                for (int i : succs) E(j, i) = R(j, i);
                break;
            case inner_scheme::path: {
                for (int i : succs) E(j, i) = R(j, i);
                if (preds.empty()) break;
                const auto k = static_cast<Eigen::Index>(preds.size());
                auto& A = rpp[static_cast<std::size_t>(j)];
                auto& b = rpj[static_cast<std::size_t>(j)];
                for (Eigen::Index a = 0; a < k; ++a) {
                    b[a] = R(preds[static_cast<std::size_t>(a)], j);
                    for (Eigen::Index c = 0; c < k; ++c) A(a, c) = R(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(c)]);
                }
                // Cholesky without a condition estimate: cheap; structural() checks collinearity.
                auto& f = rpp_llt[static_cast<std::size_t>(j)];
                f.compute(A);
                if (f.info() != Eigen::Success) {
                    throw numeric_error(location{"", 0, cname(cm, j)},
                                        "construct \"" + cname(cm, j) +
                                            "\": its predecessors are collinear in the path scheme (expected "
                                            "linearly independent predecessor constructs)");
                }
                beta[static_cast<std::size_t>(j)] = b;
                f.solveInPlace(beta[static_cast<std::size_t>(j)]);
                for (Eigen::Index a = 0; a < k; ++a) E(j, preds[static_cast<std::size_t>(a)]) = beta[static_cast<std::size_t>(j)][a];
                break;
            }
            }
        }
        // Outer weights: covariances of each indicator with its block's inner proxy.
        for (int j = 0; j < J; ++j) {
            const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
            if (q == 1 && !plspm_rule) continue;  // a single item keeps weight 1
            auto cov = tmp.head(q);
            cov.noalias() = SW.middleRows(s, q) * E.row(j).transpose();
            if (q == 1) {
                raw[s] = cov[0];
                continue;
            }
            w.segment(s, q) = cov;
            if (cm.modes[static_cast<std::size_t>(j)] == outer_mode::B) {
                auto wj = w.segment(s, q);
                modeb[static_cast<std::size_t>(j)].solveInPlace(wj);
            }
            if (plspm_rule) raw.segment(s, q) = w.segment(s, q);
            normalise(j);
        }
        res.iterations = iter;
        if (plspm_rule) {
            res.change = weight_change(raw, raw_old, o.stopping);
            raw_old = raw;
        } else {
            res.change = weight_change(w, w_old, o.stopping);
        }
        if (res.change < o.tolerance) {
            res.converged = true;
            return res;
        }
    }
    throw convergence_error(location{},
                            "estimate: the PLS iteration did not converge in " + std::to_string(o.max_iterations) +
                                " iterations (last weight change " + format_shortest(res.change) + ", expected < " +
                                format_shortest(o.tolerance) + ")");
}

void fix_signs(const compiled_model& cm, const Eigen::MatrixXd& S, Eigen::VectorXd& w) {
    for (int j = 0; j < cm.J; ++j) {
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        const Eigen::VectorXd lambda = S.block(s, s, q, q) * w.segment(s, q);
        const int anchor = cm.anchor[static_cast<std::size_t>(j)];
        bool flip;
        if (anchor >= 0) {
            flip = lambda[anchor - s] < 0;
        } else {
            flip = 2 * (lambda.array() < 0).count() > q;
        }
        if (flip) w.segment(s, q) *= -1.0;
    }
}

Eigen::VectorXd regress(const compiled_model& cm, const Eigen::MatrixXd& R, int to, const std::vector<int>& preds,
                        double& r2) {
    const auto k = static_cast<Eigen::Index>(preds.size());
    Eigen::MatrixXd A(k, k);
    Eigen::VectorXd b(k);
    for (Eigen::Index a = 0; a < k; ++a) {
        b[a] = R(preds[static_cast<std::size_t>(a)], to);
        for (Eigen::Index c = 0; c < k; ++c) A(a, c) = R(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(c)]);
    }
    Eigen::LDLT<Eigen::MatrixXd> f(A);
    if (f.info() != Eigen::Success || !(f.rcond() > 1e-12)) {
        std::string names;
        for (int i : preds) names += (names.empty() ? "" : ", ") + cname(cm, i);
        throw numeric_error(location{"", 0, cname(cm, to)}, "construct \"" + cname(cm, to) + "\": its predictors " + names +
                                                                 " are collinear (expected a non-singular predictor set)");
    }
    Eigen::VectorXd beta = f.solve(b);
    r2 = b.dot(beta);
    return beta;
}

void structural(const compiled_model& cm, const Eigen::MatrixXd& R, double n, pls_fit& fit) {
    const int J = cm.J;
    fit.paths = Eigen::MatrixXd::Zero(J, J);
    fit.r2 = Eigen::VectorXd::Zero(J);
    fit.r2_adjusted = Eigen::VectorXd::Zero(J);
    for (int j = 0; j < J; ++j) {
        const auto& preds = cm.predecessors[static_cast<std::size_t>(j)];
        if (preds.empty()) continue;
        double r2 = 0;
        const Eigen::VectorXd beta = regress(cm, R, j, preds, r2);
        for (std::size_t a = 0; a < preds.size(); ++a) fit.paths(j, preds[a]) = beta[static_cast<Eigen::Index>(a)];
        fit.r2[j] = r2;
        const double k = static_cast<double>(preds.size());
        fit.r2_adjusted[j] = n - k - 1 > 0 ? 1 - (1 - r2) * (n - 1) / (n - k - 1) : std::nan("");
    }
    // Total effects sum_k B^k: B is nilpotent for a recursive model, so the series ends.
    Eigen::MatrixXd term = fit.paths;
    fit.total_effects = Eigen::MatrixXd::Zero(J, J);
    for (int k = 0; k < J && !term.isZero(0); ++k) {
        fit.total_effects += term;
        term = term * fit.paths;
    }
    fit.indirect_effects = fit.total_effects - fit.paths;
}

}  // namespace pls_detail
CSIKIT_NAMESPACE_END
