// The tests of a crosstab: Pearson's chi-square of independence, its Rao-Scott second-order
// correction under weights, Cramer's V, and Holm's step-down adjustment (docs/crosstab.md).
#include "csikit/crosstab.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/chi_squared.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double chi2_upper(double x, double df) {
    if (!(df > 0) || !std::isfinite(x) || x < 0) return nan;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(df), x));
}

}  // namespace

std::vector<double> holm_adjust(const std::vector<double>& p) {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < p.size(); ++k)
        if (!std::isnan(p[k])) order.push_back(k);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> out(p.size(), nan);
    const double m = static_cast<double>(order.size());
    double running = 0;  // adjusted p values never decrease along the sorted order
    for (std::size_t r = 0; r < order.size(); ++r) {
        running = std::max(running, std::min(1.0, (m - static_cast<double>(r)) * p[order[r]]));
        out[order[r]] = running;
    }
    return out;
}

crosstab_test chi_square_test(std::size_t rows, std::size_t cols, const std::vector<crosstab_observation>& obs,
                              bool weighted, double alpha) {
    crosstab_test t;
    // Cell totals and margins; rows and columns without weight leave the test.
    Eigen::MatrixXd w = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    Eigen::MatrixXd w2 = w;  // sum of squared weights per cell (the design covariance)
    double n = 0;
    for (const auto& o : obs) {
        const double v = weighted ? o.weight : 1.0;
        if (!(v > 0)) continue;
        w(static_cast<Eigen::Index>(o.row), static_cast<Eigen::Index>(o.col)) += v;
        w2(static_cast<Eigen::Index>(o.row), static_cast<Eigen::Index>(o.col)) += v * v;
        n += 1;
    }
    std::vector<Eigen::Index> ri, ci;
    for (Eigen::Index i = 0; i < w.rows(); ++i)
        if (w.row(i).sum() > 0) ri.push_back(i);
    for (Eigen::Index j = 0; j < w.cols(); ++j)
        if (w.col(j).sum() > 0) ci.push_back(j);
    t.rows_used = ri.size();
    t.cols_used = ci.size();
    if (ri.size() < 2 || ci.size() < 2) {
        t.note = "no chi-square test: " + std::to_string(ri.size()) + " row and " + std::to_string(ci.size()) +
                 " column categories have answers (expected at least 2 of each)";
        return t;
    }
    const Eigen::Index r = static_cast<Eigen::Index>(ri.size()), c = static_cast<Eigen::Index>(ci.size());
    const Eigen::Index k = r * c;
    Eigen::VectorXd p(k), s2(k);  // cell shares and squared-weight totals, cell = i * c + j
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j) {
            p(i * c + j) = w(ri[static_cast<std::size_t>(i)], ci[static_cast<std::size_t>(j)]);
            s2(i * c + j) = w2(ri[static_cast<std::size_t>(i)], ci[static_cast<std::size_t>(j)]);
        }
    const double total = p.sum();
    p /= total;
    Eigen::VectorXd pr = Eigen::VectorXd::Zero(r), pc = Eigen::VectorXd::Zero(c);
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j) {
            pr(i) += p(i * c + j);
            pc(j) += p(i * c + j);
        }
    double phi2 = 0;
    for (Eigen::Index i = 0; i < r; ++i)
        for (Eigen::Index j = 0; j < c; ++j) {
            const double e = pr(i) * pc(j);
            const double d = p(i * c + j) - e;
            phi2 += d * d / e;
        }
    t.computed = true;
    t.pearson = n * phi2;
    t.df = static_cast<double>((r - 1) * (c - 1));
    t.p_value = chi2_upper(t.pearson, t.df);
    t.cramers_v = std::sqrt(phi2 / static_cast<double>(std::min(r, c) - 1));
    t.statistic = t.pearson;
    t.statistic_df = t.df;
    t.statistic_p = t.p_value;
    if (weighted && n > 1) {
        // Rao-Scott: the interaction contrasts C (orthogonal to the main effects), the
        // independence covariance D/n and the design covariance V of the shares under
        // with-replacement sampling of weighted respondents (linearisation):
        // V = n/(n-1) / W^2 [diag(s2) - s2 p' - p s2' + (sum w^2) p p'].
        Eigen::MatrixXd x1 = Eigen::MatrixXd::Zero(k, 1 + (r - 1) + (c - 1));
        Eigen::MatrixXd x12 = Eigen::MatrixXd::Zero(k, (r - 1) * (c - 1));
        for (Eigen::Index i = 0; i < r; ++i)
            for (Eigen::Index j = 0; j < c; ++j) {
                const Eigen::Index cell = i * c + j;
                x1(cell, 0) = 1;
                if (i > 0) x1(cell, i) = 1;
                if (j > 0) x1(cell, r - 1 + j) = 1;
                if (i > 0 && j > 0) x12(cell, (i - 1) * (c - 1) + (j - 1)) = 1;
            }
        const Eigen::MatrixXd cm = x12 - x1 * x1.colPivHouseholderQr().solve(x12);
        const double sw2 = s2.sum();
        Eigen::MatrixXd v = Eigen::MatrixXd(s2.asDiagonal()) - s2 * p.transpose() - p * s2.transpose() + sw2 * p * p.transpose();
        v *= n / (n - 1) / (total * total);
        Eigen::VectorXd inv(k);
        for (Eigen::Index q = 0; q < k; ++q) inv(q) = p(q) > 0 ? 1 / p(q) : 0;
        const Eigen::MatrixXd dc = inv.asDiagonal() * cm;
        const Eigen::MatrixXd denom = cm.transpose() * dc / n;
        const Eigen::MatrixXd numr = dc.transpose() * v * dc;
        const Eigen::MatrixXd delta = denom.colPivHouseholderQr().solve(numr);
        const double tr = delta.trace(), tr2 = (delta * delta).trace();
        t.rao_scott = true;
        t.mean_deff = tr / t.df;
        t.a2 = t.df * tr2 / (tr * tr) - 1;
        t.statistic = t.pearson / (t.mean_deff * (1 + t.a2));  // = X^2 tr / tr2
        t.statistic_df = t.df / (1 + t.a2);                    // = tr^2 / tr2
        t.statistic_p = chi2_upper(t.statistic, t.statistic_df);
    }
    t.significant = t.statistic_p < alpha;
    if (t.rows_used < rows || t.cols_used < cols)
        t.note = std::to_string(rows - t.rows_used) + " row and " + std::to_string(cols - t.cols_used) +
                 " column categories without answers are left out of the test";
    return t;
}

CSIKIT_NAMESPACE_END
