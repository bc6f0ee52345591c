// Consistent PLS (Dijkstra & Henseler 2015): Mode A blocks with two or more items are read as
// common factors. Their composite correlations are divided by the square roots of rho_A
// (the composites' reliabilities), their loadings become c_j w_j, and the structural model is
// re-estimated from the corrected construct correlations.
#include "pls_internal.hpp"
#include "csikit/format.hpp"

#include <Eigen/Cholesky>

#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN
namespace pls_detail {

void consistent(const compiled_model& cm, const Eigen::MatrixXd& S, double n, pls_fit& fit) {
    const int J = cm.J;
    Eigen::VectorXd q = Eigen::VectorXd::Ones(J);
    for (int j = 0; j < J; ++j) {
        const int s = cm.start[static_cast<std::size_t>(j)], size = cm.size[static_cast<std::size_t>(j)];
        if (cm.modes[static_cast<std::size_t>(j)] != outer_mode::A || size < 2) continue;
        const double ra = rho_a(cm, S, fit.weights, j);
        if (!(ra > 0)) {
            const std::string& c = cm.constructs[static_cast<std::size_t>(j)];
            throw numeric_error(location{"", 0, c}, "PLSc: construct \"" + c + "\" has rho_A " + format_shortest(ra) +
                                                        " (expected > 0: its items do not share a common factor)");
        }
        q[j] = std::sqrt(ra);
        // c_j = sqrt(rho_A) / (w'w): loadings c_j w_j reproduce the off-diagonal of S_jj best.
        const auto w = fit.weights.segment(s, size);
        const Eigen::VectorXd lambda = w * (q[j] / w.squaredNorm());
        for (int h = 0; h < size; ++h) {
            fit.loadings[s + h] = lambda[h];
        }
    }
    fit.plsc_factor = q;
    Eigen::MatrixXd R = fit.composite_correlation;
    for (int a = 0; a < J; ++a)
        for (int b = 0; b < J; ++b)
            if (a != b) R(a, b) /= q[a] * q[b];
    // An inadmissible correction (e.g. a small rho_A) leaves no valid correlation matrix or
    // loadings beyond 1: flag it (or throw when the caller asked for strictness).
    for (int h = 0; h < cm.p; ++h) {
        if (std::abs(fit.loadings[h]) > 1) {
            fit.admissible = false;
            fit.warnings.push_back("PLSc: item \"" + cm.indicators[static_cast<std::size_t>(h)] + "\" of construct \"" +
                                   cm.constructs[static_cast<std::size_t>(cm.block[static_cast<std::size_t>(h)])] +
                                   "\" has a corrected loading beyond 1");
        }
    }
    Eigen::LLT<Eigen::MatrixXd> llt(R);
    if (llt.info() != Eigen::Success) {
        std::string worst;
        double largest = 0;
        for (int a = 0; a < J; ++a)
            for (int b = 0; b < a; ++b)
                if (std::abs(R(a, b)) > largest) {
                    largest = std::abs(R(a, b));
                    worst = cm.constructs[static_cast<std::size_t>(b)] + " - " + cm.constructs[static_cast<std::size_t>(a)];
                }
        fit.admissible = false;
        fit.warnings.push_back("PLSc: the corrected construct correlation matrix is not positive definite "
                               "(largest |correlation| " + format_shortest(largest) + " between " + worst + ")");
    }
    if (!fit.admissible && fit.options.strict) {
        throw numeric_error(location{"", 0, "construct_correlation"},
                            fit.warnings.front() + " (expected an admissible solution: check rho_A of the Mode A "
                                                   "constructs or estimate without the consistent correction)");
    }
    fit.construct_correlation = R;
    // Cross-loadings: a common factor's item correlates with construct i through its factor
    // (loading times factor correlation); a composite's item with a factor i as cor / q_i.
    for (int h = 0; h < cm.p; ++h) {
        const int j = cm.block[static_cast<std::size_t>(h)];
        if (q[j] != 1.0) {
            fit.cross_loadings.row(h) = fit.loadings[h] * R.row(j);
        } else {
            for (int i = 0; i < J; ++i)
                if (i != j) fit.cross_loadings(h, i) /= q[i];
        }
    }
    fit.consistent = true;
    structural(cm, R, n, fit);
}

}  // namespace pls_detail
CSIKIT_NAMESPACE_END
