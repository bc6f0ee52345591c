// Quality criteria of a PLS estimate, all from the indicator correlation matrix and the fit:
// reliability (alpha, rho_c, rho_A, AVE), discriminant validity (HTMT, Fornell-Larcker),
// structural diagnostics (f2, inner VIF), outer VIF, GoF and SRMR.
#include "pls_internal.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>

CSIKIT_NAMESPACE_BEGIN
namespace pls_detail {
namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

/// Mean absolute correlation between the items of blocks a and b (a == b: off-diagonal only).
double mean_abs_correlation(const compiled_model& cm, const Eigen::MatrixXd& S, int a, int b) {
    const int sa = cm.start[static_cast<std::size_t>(a)], qa = cm.size[static_cast<std::size_t>(a)];
    const int sb = cm.start[static_cast<std::size_t>(b)], qb = cm.size[static_cast<std::size_t>(b)];
    if (a == b) {
        if (qa < 2) return 1.0;  // a single item is perfectly "monotrait" (seminr convention)
        const double off = S.block(sa, sa, qa, qa).cwiseAbs().sum() - qa;
        return off / (qa * (qa - 1.0));
    }
    return S.block(sa, sb, qa, qb).cwiseAbs().mean();
}

/// Model-implied construct correlations of the recursive structural model (as cSEM's fit()):
/// exogenous correlations as estimated, endogenous ones through (I-B)^-1 with uncorrelated
/// disturbances of variance 1 - R^2.
Eigen::MatrixXd implied_construct_correlation(const compiled_model& cm, const pls_fit& fit) {
    const int J = cm.J;
    Eigen::MatrixXd psi = Eigen::MatrixXd::Zero(J, J);
    for (int a = 0; a < J; ++a) {
        const bool exo_a = cm.predecessors[static_cast<std::size_t>(a)].empty();
        if (!exo_a) {
            psi(a, a) = 1 - fit.r2[a];
            continue;
        }
        for (int b = 0; b < J; ++b)
            if (cm.predecessors[static_cast<std::size_t>(b)].empty()) psi(a, b) = fit.construct_correlation(a, b);
    }
    const Eigen::MatrixXd inv = (Eigen::MatrixXd::Identity(J, J) - fit.paths).inverse();
    Eigen::MatrixXd C = inv * psi * inv.transpose();
    C.diagonal().setOnes();
    return C;
}

/// R^2 of construct j when the path i -> j is dropped and the model re-estimated (seminr's
/// f2). Falls back to the full model's composites if the reduced model cannot be estimated.
double r2_reestimated(const compiled_model& cm, const Eigen::MatrixXd& S, const pls_fit& fit, int j, int i) {
    compiled_model reduced = cm;
    auto drop = [](std::vector<int>& v, int x) { v.erase(std::remove(v.begin(), v.end(), x), v.end()); };
    drop(reduced.predecessors[static_cast<std::size_t>(j)], i);
    drop(reduced.successors[static_cast<std::size_t>(i)], j);
    const auto& preds = reduced.predecessors[static_cast<std::size_t>(j)];
    if (preds.empty()) return 0.0;
    double r2 = 0;
    try {
        pls_options o = fit.options;
        o.consistent = false;
        // Warm start from the full model: same fixed point, about half the iterations.
        const Eigen::VectorXd w = iterate(reduced, S, o, &fit.weights).w;
        Eigen::MatrixXd R(cm.J, cm.J);
        for (int a = 0; a < cm.J; ++a) {
            const int sa = cm.start[static_cast<std::size_t>(a)], qa = cm.size[static_cast<std::size_t>(a)];
            for (int b = 0; b <= a; ++b) {
                const int sb = cm.start[static_cast<std::size_t>(b)], qb = cm.size[static_cast<std::size_t>(b)];
                R(a, b) = R(b, a) = w.segment(sa, qa).dot(S.block(sa, sb, qa, qb) * w.segment(sb, qb));
            }
        }
        if (fit.consistent) {
            for (int a = 0; a < cm.J; ++a) {
                const double qa = fit.plsc_factor[a] != 1.0 ? std::sqrt(rho_a(cm, S, w, a)) : 1.0;
                R.row(a) /= qa;
                R.col(a) /= qa;
            }
            R.diagonal().setOnes();
        }
        (void)regress(cm, R, j, preds, r2);
    } catch (const error&) {
        (void)regress(cm, fit.construct_correlation, j, preds, r2);
    }
    return r2;
}

}  // namespace

double rho_a(const compiled_model& cm, const Eigen::MatrixXd& S, const Eigen::VectorXd& w, int j) {
    const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
    if (q < 2) return 1.0;
    const auto wj = w.segment(s, q);
    const double ww = wj.squaredNorm();
    const double num = wj.dot(S.block(s, s, q, q) * wj) - wj.dot(S.block(s, s, q, q).diagonal().cwiseProduct(wj));
    const double den = ww * ww - wj.array().pow(4).sum();
    return ww * ww * num / den;
}

void quality(const compiled_model& cm, const Eigen::MatrixXd& S, double /*n*/, pls_fit& fit) {
    const int J = cm.J;
    fit.ave.resize(J);
    fit.rho_c.resize(J);
    fit.rho_a.resize(J);
    fit.alpha.resize(J);
    fit.outer_vif.resize(cm.p);
    for (int j = 0; j < J; ++j) {
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        const auto l = fit.loadings.segment(s, q);
        fit.ave[j] = l.squaredNorm() / q;
        const double sum = l.sum();
        fit.rho_c[j] = sum * sum / (sum * sum + (q - l.squaredNorm()));
        fit.rho_a[j] = rho_a(cm, S, fit.weights, j);
        const auto Sjj = S.block(s, s, q, q);
        fit.alpha[j] = q < 2 ? 1.0 : q / (q - 1.0) * (1.0 - q / Sjj.sum());
        if (q < 2) {
            fit.outer_vif[s] = 1.0;
        } else {
            Eigen::LDLT<Eigen::MatrixXd> f(Sjj);
            if (f.info() == Eigen::Success && f.rcond() > 1e-14) {
                fit.outer_vif.segment(s, q) = f.solve(Eigen::MatrixXd::Identity(q, q)).diagonal();
            } else {
                fit.outer_vif.segment(s, q).setConstant(std::numeric_limits<double>::infinity());
            }
        }
    }

    // f2 and inner VIF per endogenous construct; a single predictor has VIF 1.
    fit.f2 = Eigen::MatrixXd::Zero(J, J);
    fit.inner_vif = Eigen::MatrixXd::Constant(J, J, nan_v);
    const Eigen::MatrixXd& R = fit.construct_correlation;
    for (int j = 0; j < J; ++j) {
        const auto& preds = cm.predecessors[static_cast<std::size_t>(j)];
        if (preds.empty()) continue;
        const double r2 = fit.r2[j];
        const auto k = static_cast<Eigen::Index>(preds.size());
        Eigen::MatrixXd A(k, k);
        for (Eigen::Index a = 0; a < k; ++a)
            for (Eigen::Index c = 0; c < k; ++c) A(a, c) = R(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(c)]);
        const Eigen::VectorXd vif = A.inverse().diagonal();
        for (Eigen::Index a = 0; a < k; ++a) {
            const int i = preds[static_cast<std::size_t>(a)];
            fit.inner_vif(j, i) = vif[a];
            double r2_without = 0;
            if (k > 1 && fit.options.f2_reestimate && cm.J > 2) {
                r2_without = r2_reestimated(cm, S, fit, j, i);
            } else if (k > 1) {
                std::vector<int> rest;
                for (int o : preds)
                    if (o != i) rest.push_back(o);
                (void)regress(cm, R, j, rest, r2_without);
            }
            fit.f2(j, i) = (r2 - r2_without) / (1 - r2);
        }
    }

    // Discriminant validity: HTMT (absolute item correlations) and Fornell-Larcker.
    fit.htmt = Eigen::MatrixXd::Ones(J, J);
    Eigen::VectorXd mono(J);
    for (int j = 0; j < J; ++j) mono[j] = mean_abs_correlation(cm, S, j, j);
    for (int a = 0; a < J; ++a)
        for (int b = 0; b < a; ++b)
            fit.htmt(a, b) = fit.htmt(b, a) = mean_abs_correlation(cm, S, a, b) / std::sqrt(mono[a] * mono[b]);
    fit.fornell_larcker = R;
    fit.fornell_larcker.diagonal() = fit.ave.cwiseSqrt();

    // GoF (Tenenhaus et al. 2005, as cSEM and plspm): mean communality (squared loading) over
    // the indicators of multi-item blocks times the mean R^2 of the endogenous constructs.
    double comm = 0;
    int comm_n = 0;
    for (int h = 0; h < cm.p; ++h)
        if (cm.size[static_cast<std::size_t>(cm.block[static_cast<std::size_t>(h)])] > 1) {
            comm += fit.loadings[h] * fit.loadings[h];
            ++comm_n;
        }
    double r2sum = 0;
    int endo = 0;
    for (int j = 0; j < J; ++j)
        if (!cm.predecessors[static_cast<std::size_t>(j)].empty()) {
            r2sum += fit.r2[j];
            ++endo;
        }
    fit.gof = endo > 0 && comm_n > 0 ? std::sqrt(comm / comm_n * r2sum / endo) : nan_v;

    // SRMR (as cSEM): observed vs model-implied indicator correlations, lower triangle with
    // the diagonal. Implied: composites keep their block of S; common factors (PLSc) get
    // lambda lambda'; between blocks lambda_h lambda_g times the implied construct correlation.
    const Eigen::MatrixXd C = implied_construct_correlation(cm, fit);
    double ss = 0;
    for (int g = 0; g < cm.p; ++g) {
        for (int h = g; h < cm.p; ++h) {
            const int a = cm.block[static_cast<std::size_t>(h)], b = cm.block[static_cast<std::size_t>(g)];
            double implied;
            if (h == g) {
                implied = 1.0;
            } else if (a == b) {
                implied = fit.plsc_factor[a] != 1.0 ? fit.loadings[h] * fit.loadings[g] : S(h, g);
            } else {
                implied = fit.loadings[h] * fit.loadings[g] * C(a, b);
            }
            ss += (S(h, g) - implied) * (S(h, g) - implied);
        }
    }
    fit.srmr = std::sqrt(ss / (cm.p * (cm.p + 1) / 2.0));
}

}  // namespace pls_detail
CSIKIT_NAMESPACE_END
