// moment_accumulator::finish: the moments under a missing treatment, from the one-pass sums.
//
// Listwise deletion uses the complete-case sums. Mean replacement needs no second pass: a
// filled answer sits on the item's available-case mean, so its deviation is zero and the
// filled column's co-moments are the pairwise sums taken about the available-case means.
// Pairwise deletion uses each pair's own means, variances and weights. Exact states are turned
// into real sums from their integers only, so their moments do not depend on the partitioning.
#include "accumulator_state.hpp"

#include "csikit/error.hpp"
#include "csikit/format.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// Fewest complete respondents listwise deletion or mean replacement accept.
constexpr std::size_t min_respondents = 3;

int128 mul(int128 a, int128 b) {
    int128 r;
    if (__builtin_mul_overflow(a, b, &r)) {
        throw numeric_error(location{}, "moment_accumulator: a 128-bit sum overflowed (expected at most "
                                        "accumulator_max_rows rows with answers and weights within exact_mode_max_value)");
    }
    return r;
}
long double ld(int128 v) { return static_cast<long double>(v); }

/// (n s_ab - s_a s_b) / n, the centred co-moment, from exact sums.
double centred(int128 n, int128 sab, int128 sa, int128 sb) {
    if (n <= 0) return 0.0;
    int128 d;
    if (__builtin_sub_overflow(mul(n, sab), mul(sa, sb), &d)) {
        throw numeric_error(location{}, "moment_accumulator: a 128-bit sum overflowed (expected at most "
                                        "accumulator_max_rows rows with answers and weights within exact_mode_max_value)");
    }
    return static_cast<double>(ld(d) / ld(n));
}

/// Unbiased ("reliability weights") denominator; n - 1 when all weights are 1.
double variance_denominator(double sum_w, double sum_w2) { return sum_w - sum_w2 / sum_w; }

[[noreturn]] void throw_item(const std::string& item, const std::string& what) {
    throw numeric_error(location{"", 0, item}, what);
}

/// Checks variances, then turns a cross-product (lower triangle used) into SDs and correlations.
void finish_cross(moments& m, const std::vector<std::string>& items, const Eigen::MatrixXd& cross, double denom) {
    const Eigen::Index p = cross.rows();
    m.sd.resize(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        const double var = cross(k, k) / denom;
        const double scale = std::max(1.0, std::abs(m.mean[k]));
        if (!(var > 1e-24 * scale * scale)) {
            throw_item(items[static_cast<std::size_t>(k)],
                       "compute_moments: item \"" + items[static_cast<std::size_t>(k)] +
                           "\" is constant among the respondents used (expected some variance)");
        }
        m.sd[k] = std::sqrt(var);
    }
    m.correlation.resize(p, p);
    for (Eigen::Index c = 0; c < p; ++c) {
        for (Eigen::Index r = c; r < p; ++r) {
            const double v = r == c ? 1.0 : cross(r, c) / denom / (m.sd[r] * m.sd[c]);
            m.correlation(r, c) = v;
            m.correlation(c, r) = v;
        }
    }
}

/// numeric_error for the first item nobody (with positive weight) answered.
void require_answers(const real_sums& r, const std::vector<std::string>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        const auto kk = static_cast<Eigen::Index>(k);
        if (!(r.n(kk, kk) > 0)) {
            throw_item(items[k], "compute_moments: item \"" + items[k] +
                                     "\" has no answers (expected at least one respondent to answer it)");
        }
    }
}

[[noreturn]] void too_few(std::uint64_t used) {
    // Two respondents make every correlation +1 or -1: the estimate would then fail on
    // "collinear" blocks, a message that hides the cause. Name the sample size instead.
    throw numeric_error(location{}, "compute_moments: only " + std::to_string(used) +
                                        " respondents are usable (expected at least " + std::to_string(min_respondents) +
                                        " with answers to every indicator; with 2 every correlation is +1 or -1)");
}

}  // namespace

real_sums accumulator_state::as_real() const {
    const std::size_t np = p();
    const auto P = static_cast<Eigen::Index>(np);
    real_sums r;
    r.resize(P);
    if (mode == accumulation_mode::real) return re;
    r.any_w = static_cast<double>(ex.any_w);
    r.any_w2 = static_cast<double>(ex.any_w2);
    r.cc_w = static_cast<double>(ex.cc_w);
    r.cc_w2 = static_cast<double>(ex.cc_w2);
    if (ex.cc_w > 0) {
        for (std::size_t i = 0; i < np; ++i) {
            r.cc_mean[static_cast<Eigen::Index>(i)] = static_cast<double>(ld(ex.cc_x[i]) / ld(ex.cc_w));
            for (std::size_t j = 0; j < np; ++j)
                r.cc_m2(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) =
                    centred(ex.cc_w, ex.cc_xx[i + j * np], ex.cc_x[i], ex.cc_x[j]);
        }
    }
    for (std::size_t j = 0; j < np; ++j) {
        for (std::size_t i = 0; i < np; ++i) {
            const std::size_t ij = i + j * np, ji = j + i * np;
            const auto I = static_cast<Eigen::Index>(i), J = static_cast<Eigen::Index>(j);
            r.n(I, J) = static_cast<double>(ex.n[ij]);
            r.w2(I, J) = static_cast<double>(ex.w2[ij]);
            if (ex.n[ij] <= 0) continue;
            r.mean(I, J) = static_cast<double>(ld(ex.sx[ij]) / ld(ex.n[ij]));
            r.m2(I, J) = centred(ex.n[ij], ex.sxx[ij], ex.sx[ij], ex.sx[ij]);
            r.c(I, J) = centred(ex.n[ij], ex.sxy[ij], ex.sx[ij], ex.sx[ji]);
        }
    }
    return r;
}

moments moment_accumulator::finish(missing_treatment missing) const {
    const accumulator_state& st = *state_;
    const std::vector<std::string>& items = st.items;
    const auto p = static_cast<Eigen::Index>(st.p());
    const real_sums r = st.as_real();
    moments m;
    m.item_ids = items;
    m.missing = missing;
    m.respondents_total = static_cast<std::size_t>(st.rows);
    std::size_t observed = 0;
    for (Eigen::Index k = 0; k < p; ++k) observed += st.count[static_cast<std::size_t>(k + k * p)];

    switch (missing) {
    case missing_treatment::listwise: {
        if (st.cc_n < min_respondents || !(r.cc_w > 0)) {
            require_answers(r, items);
            too_few(st.cc_n);
        }
        m.respondents_used = static_cast<std::size_t>(st.cc_n);
        m.answers_used = static_cast<std::size_t>(st.cc_n) * static_cast<std::size_t>(p);
        m.answers_imputed = 0;
        m.mean = r.cc_mean;
        m.effective_n = r.cc_w * r.cc_w / r.cc_w2;
        m.pair_counts = Eigen::MatrixXd::Constant(p, p, static_cast<double>(st.cc_n));
        finish_cross(m, items, r.cc_m2, variance_denominator(r.cc_w, r.cc_w2));
        return m;
    }
    case missing_treatment::mean_replacement: {
        require_answers(r, items);
        if (st.any_n < min_respondents || !(r.any_w > 0)) too_few(st.any_n);
        m.respondents_used = static_cast<std::size_t>(st.any_n);
        m.answers_used = observed;
        m.answers_imputed = static_cast<std::size_t>(st.any_n) * static_cast<std::size_t>(p) - observed;
        m.mean = r.mean.diagonal();
        m.effective_n = r.any_w * r.any_w / r.any_w2;
        m.pair_counts = Eigen::MatrixXd::Constant(p, p, static_cast<double>(st.any_n));
        // Filled answers deviate by zero from the fill value: only observed pairs contribute.
        Eigen::MatrixXd cross(p, p);
        for (Eigen::Index j = 0; j < p; ++j) {
            for (Eigen::Index i = 0; i < p; ++i) {
                cross(i, j) = i == j ? r.m2(i, i)
                                     : r.c(i, j) + r.n(i, j) * (r.mean(i, j) - m.mean[i]) * (r.mean(j, i) - m.mean[j]);
            }
        }
        finish_cross(m, items, cross, variance_denominator(r.any_w, r.any_w2));
        return m;
    }
    case missing_treatment::pairwise:
        break;
    }

    require_answers(r, items);
    m.respondents_used = static_cast<std::size_t>(st.any_n);
    m.answers_used = observed;
    m.answers_imputed = 0;
    m.effective_n = r.any_w2 > 0 ? r.any_w * r.any_w / r.any_w2 : 0;
    m.pair_counts.resize(p, p);
    for (Eigen::Index j = 0; j < p; ++j)
        for (Eigen::Index i = 0; i < p; ++i)
            m.pair_counts(i, j) = static_cast<double>(st.count[static_cast<std::size_t>(i + j * p)]);
    m.mean = r.mean.diagonal();
    m.sd.resize(p);
    m.correlation.resize(p, p);
    for (Eigen::Index k = 0; k < p; ++k) {
        const std::string& id = items[static_cast<std::size_t>(k)];
        const double denom = variance_denominator(r.n(k, k), r.w2(k, k));
        const double var = r.m2(k, k) / denom;
        const double scale = std::max(1.0, std::abs(m.mean[k]));
        if (!(denom > 0) || !(var > 1e-24 * scale * scale)) {
            throw_item(id, "compute_moments: item \"" + id +
                               "\" is constant or answered by fewer than 2 respondents (expected some variance)");
        }
        m.sd[k] = std::sqrt(var);
    }
    for (Eigen::Index j = 0; j < p; ++j) {
        m.correlation(j, j) = 1.0;
        for (Eigen::Index i = j + 1; i < p; ++i) {
            const double vx = r.m2(i, j), vy = r.m2(j, i);
            if (!(m.pair_counts(i, j) >= 2) || !(vx > 0) || !(vy > 0)) {
                throw numeric_error(location{"", 0, items[static_cast<std::size_t>(i)]},
                                    "compute_moments: items \"" + items[static_cast<std::size_t>(i)] + "\" and \"" +
                                        items[static_cast<std::size_t>(j)] +
                                        "\" have too few joint answers with variance (expected at least 2)");
            }
            m.correlation(i, j) = m.correlation(j, i) = r.c(i, j) / std::sqrt(vx * vy);
        }
    }
    // Pairwise matrices need not be positive semidefinite; PLS would then be meaningless.
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(m.correlation, Eigen::EigenvaluesOnly);
    const double smallest = eig.eigenvalues()[0];
    if (smallest < -1e-10) {
        throw numeric_error(location{}, "compute_moments: the pairwise correlation matrix is not positive semidefinite "
                                        "(smallest eigenvalue " + format_shortest(smallest) +
                                            "; expected >= 0: use listwise deletion or mean replacement)");
    }
    return m;
}

CSIKIT_NAMESPACE_END
