// The bootstrap's data side: one standardised copy of the complete cases, resample counts from
// a per-resample generator, and the weighted moments of a resample or of a jackknife subset
// computed from that copy without gathering a resampled data matrix.
#include "bootstrap_internal.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

CSIKIT_NAMESPACE_BEGIN
namespace boot_detail {

namespace {

constexpr Eigen::Index gather_rows = 256;  // 256 x p scaled rows per rank update: fits in L1/L2

/// Index of `id` in `ids`, or -1.
Eigen::Index find_id(const std::vector<std::string>& ids, const std::string& id) {
    auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<Eigen::Index>(it - ids.begin());
}

/// SplitMix64's output function: a bijective 64-bit mixer with good avalanche.
std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Unbiased integer in [0, n) by Lemire's multiply-and-reject (the same on every platform,
/// unlike std::uniform_int_distribution).
__extension__ typedef unsigned __int128 u128;  // GCC/Clang; the product needs 128 bits

std::uint64_t below(std::mt19937_64& gen, std::uint64_t n) {
    u128 m = static_cast<u128>(gen()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>(gen()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

/// Adds (sign = +1) or removes (sign = -1) the gathered rows of `s.scratch`.
void flush(weighted_sums& s, Eigen::Index rows, double sign) {
    if (rows == 0) return;
    s.cross.selfadjointView<Eigen::Lower>().rankUpdate(s.scratch.topRows(rows).transpose(), sign);
}

void reset(weighted_sums& s, Eigen::Index p) {
    s.total = 0;
    s.sum.setZero(p);
    s.cross.setZero(p, p);
    s.scratch.resize(gather_rows, p);
}

}  // namespace

working_data prepare(const responses& data, const pls_fit& original) {
    const moments& m = original.data;
    const auto p = static_cast<Eigen::Index>(original.indicators.size());
    if (p == 0 || m.mean.size() != static_cast<Eigen::Index>(m.item_ids.size()) ||
        m.sd.size() != m.mean.size()) {
        throw argument_error(location{"", 0, "original"},
                             "bootstrap: the original fit carries no moments (expected a fit returned by estimate)");
    }
    if (m.missing == missing_treatment::pairwise) {
        throw argument_error(location{"", 0, "missing"},
                             "bootstrap: pairwise deletion is not supported (expected a fit with listwise "
                             "deletion or mean replacement)");
    }
    std::vector<Eigen::Index> col(static_cast<std::size_t>(p)), mom(static_cast<std::size_t>(p));
    for (Eigen::Index h = 0; h < p; ++h) {
        const std::string& id = original.indicators[static_cast<std::size_t>(h)];
        mom[static_cast<std::size_t>(h)] = find_id(m.item_ids, id);
        if (mom[static_cast<std::size_t>(h)] < 0) {
            throw argument_error(location{"", 0, id}, "bootstrap: indicator \"" + id +
                                                          "\" is not in the fit's moments (expected a fit returned by estimate)");
        }
        col[static_cast<std::size_t>(h)] = data.column(id);
    }
    const Eigen::Index n_all = data.values.rows();
    const bool fill = m.missing == missing_treatment::mean_replacement;
    // Same respondent rule as compute_moments: listwise needs every answer, mean replacement one.
    std::vector<Eigen::Index> rows;
    rows.reserve(static_cast<std::size_t>(n_all));
    for (Eigen::Index i = 0; i < n_all; ++i) {
        Eigen::Index missing = 0;
        for (Eigen::Index h = 0; h < p; ++h) missing += std::isnan(data.values(i, col[static_cast<std::size_t>(h)]));
        if (missing == p || (missing > 0 && !fill)) continue;
        rows.push_back(i);
    }
    if (rows.size() != m.respondents_used) {
        throw argument_error(location{data.source, 0, ""},
                             "bootstrap: the data have " + std::to_string(rows.size()) +
                                 " usable respondents but the fit used " + std::to_string(m.respondents_used) +
                                 " (expected the fit to be estimated from these data)");
    }
    const bool weighted = original.options.use_weights && data.weights.size() == n_all;
    working_data d;
    d.z.resize(static_cast<Eigen::Index>(rows.size()), p);
    d.weight.resize(d.z.rows());
    for (Eigen::Index r = 0; r < d.z.rows(); ++r) {
        const Eigen::Index i = rows[static_cast<std::size_t>(r)];
        d.weight[r] = weighted ? data.weights[i] : 1.0;
        for (Eigen::Index h = 0; h < p; ++h) {
            const Eigen::Index k = mom[static_cast<std::size_t>(h)];
            const double x = data.values(i, col[static_cast<std::size_t>(h)]);
            d.z(r, h) = std::isnan(x) ? 0.0 : (x - m.mean[k]) / m.sd[k];
        }
    }
    return d;
}

void full_sums(const working_data& d, weighted_sums& s) {
    reset(s, d.p());
    Eigen::Index rows = 0;
    for (Eigen::Index i = 0; i < d.n(); ++i) {
        const double v = d.weight[i];
        if (v == 0) continue;
        s.total += v;
        s.sum.noalias() += v * d.z.row(i).transpose();
        s.scratch.row(rows++) = std::sqrt(v) * d.z.row(i);
        if (rows == gather_rows) flush(s, std::exchange(rows, 0), 1.0);
    }
    flush(s, rows, 1.0);
}

void resample_sums(const working_data& d, const std::vector<std::uint32_t>& counts, weighted_sums& s) {
    reset(s, d.p());
    Eigen::Index rows = 0;
    for (Eigen::Index i = 0; i < d.n(); ++i) {
        const double v = counts[static_cast<std::size_t>(i)] * d.weight[i];
        if (v == 0) continue;  // not drawn: costs nothing
        s.total += v;
        s.sum.noalias() += v * d.z.row(i).transpose();
        s.scratch.row(rows++) = std::sqrt(v) * d.z.row(i);
        if (rows == gather_rows) flush(s, std::exchange(rows, 0), 1.0);
    }
    flush(s, rows, 1.0);
}

void remove_rows(const working_data& d, Eigen::Index first, Eigen::Index step, weighted_sums& s) {
    s.scratch.resize(gather_rows, d.p());
    Eigen::Index rows = 0;
    for (Eigen::Index i = first; i < d.n(); i += step) {
        const double v = d.weight[i];
        if (v == 0) continue;
        s.total -= v;
        s.sum.noalias() -= v * d.z.row(i).transpose();
        s.scratch.row(rows++) = std::sqrt(v) * d.z.row(i);
        if (rows == gather_rows) flush(s, std::exchange(rows, 0), -1.0);
    }
    flush(s, rows, -1.0);
}

int correlation(const weighted_sums& s, Eigen::MatrixXd& corr) {
    const Eigen::Index p = s.sum.size();
    corr.resize(p, p);
    if (!(s.total > 0)) return 0;
    // The data are standardised once, so a resample's variances are near 1 and its means near 0:
    // the one-pass formula loses no digits here, and 1e-10 marks a column without variance.
    const Eigen::VectorXd mean = s.sum / s.total;
    Eigen::VectorXd sd(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        const double var = s.cross(k, k) / s.total - mean[k] * mean[k];
        if (!(var > 1e-10)) return static_cast<int>(k);
        sd[k] = std::sqrt(var);
    }
    for (Eigen::Index c = 0; c < p; ++c) {
        corr(c, c) = 1.0;
        for (Eigen::Index r = c + 1; r < p; ++r) {
            const double v = (s.cross(r, c) / s.total - mean[r] * mean[c]) / (sd[r] * sd[c]);
            corr(r, c) = v;
            corr(c, r) = v;
        }
    }
    return -1;
}

void draw_counts(std::uint64_t seed, std::uint64_t r, Eigen::Index n, std::vector<std::uint32_t>& counts) {
    // Two mixing rounds turn (seed, r) into a well-spread 64-bit seed for this resample alone.
    std::mt19937_64 gen(mix64(mix64(seed) + r));
    counts.assign(static_cast<std::size_t>(n), 0);
    const auto un = static_cast<std::uint64_t>(n);
    for (Eigen::Index k = 0; k < n; ++k) ++counts[static_cast<std::size_t>(below(gen, un))];
}

}  // namespace boot_detail
CSIKIT_NAMESPACE_END
