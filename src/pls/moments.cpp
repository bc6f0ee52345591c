// compute_moments: means, SDs and the correlation matrix of the model's indicators in one
// blocked pass over the n x p answers (the PLS estimator never sees the raw data again).
//
// Numerics: each block of rows is centred on its own (weighted) mean and its cross-product is
// merged into the running total with Chan's update, so large n and far-from-zero item means do
// not lose digits to cancellation. The cross-product itself is one symmetric rank-k update.
#include "csikit/pls.hpp"
#include "csikit/format.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>
#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr Eigen::Index block_rows = 2048;  // 2048 x 24 doubles: stays in L2

/// Running weighted mean and centred cross-product (Chan et al. merge of row blocks).
struct accumulator {
    double sum_w = 0, sum_w2 = 0;
    Eigen::VectorXd mean;
    Eigen::MatrixXd cross;  // lower triangle holds sum w (x-m)(x-m)'

    explicit accumulator(Eigen::Index p) : mean(Eigen::VectorXd::Zero(p)), cross(Eigen::MatrixXd::Zero(p, p)) {}

    /// Adds the first `m` rows of `x` (m x p) with weights `w` (m); `scratch` is reused.
    void add(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, Eigen::Index m, bool unit_weights,
             Eigen::MatrixXd& scratch, Eigen::MatrixXd& bcross) {
        if (m == 0) return;
        const double bw = unit_weights ? static_cast<double>(m) : w.head(m).sum();
        if (bw <= 0) return;
        Eigen::RowVectorXd bmean;
        scratch.resize(m, x.cols());
        if (unit_weights) {
            bmean = x.topRows(m).colwise().sum() / bw;
            scratch = x.topRows(m).rowwise() - bmean;
        } else {
            bmean = (w.head(m).transpose() * x.topRows(m)) / bw;
            scratch = (x.topRows(m).rowwise() - bmean).array().colwise() * w.head(m).array().sqrt();
        }
        bcross.setZero(x.cols(), x.cols());
        bcross.selfadjointView<Eigen::Lower>().rankUpdate(scratch.transpose());
        const double total = sum_w + bw;
        const Eigen::VectorXd delta = bmean.transpose() - mean;
        bcross.noalias() += delta * delta.transpose() * (sum_w * bw / total);
        cross.triangularView<Eigen::Lower>() += bcross;
        mean += delta * (bw / total);
        sum_w = total;
        sum_w2 += unit_weights ? bw : w.head(m).squaredNorm();
    }

    /// Merges another accumulator (Chan's formula), as if its rows had been added here.
    void merge(const accumulator& b) {
        if (b.sum_w <= 0) return;
        const double total = sum_w + b.sum_w;
        const Eigen::VectorXd delta = b.mean - mean;
        cross.triangularView<Eigen::Lower>() += b.cross;
        cross.triangularView<Eigen::Lower>() += delta * delta.transpose() * (sum_w * b.sum_w / total);
        mean += delta * (b.sum_w / total);
        sum_w = total;
        sum_w2 += b.sum_w2;
    }
};

/// Fewest complete respondents listwise deletion or mean replacement accept.
constexpr std::size_t min_respondents = 3;

/// Rows per independently accumulated chunk. The partition depends on n only, never on the
/// number of threads, so the moments are bit-identical whatever the machine's core count.
constexpr Eigen::Index chunk_rows = 32768;

/// Unbiased ("reliability weights") denominator; n - 1 when all weights are 1.
double variance_denominator(double sum_w, double sum_w2) { return sum_w - sum_w2 / sum_w; }

[[noreturn]] void throw_item(const std::string& item, const std::string& what) {
    throw numeric_error(location{"", 0, item}, what);
}

/// Column of each requested item in the data; data_error naming every unknown item.
std::vector<Eigen::Index> find_columns(const responses& data, const std::vector<std::string>& items) {
    std::vector<Eigen::Index> cols;
    std::vector<problem> unknown;
    for (const auto& id : items) {
        auto it = std::find(data.item_ids.begin(), data.item_ids.end(), id);
        if (it == data.item_ids.end()) {
            unknown.push_back({location{data.source, 0, id}, "compute_moments: item \"" + id +
                                                                "\" is not in the data (expected one of its columns)"});
        } else {
            cols.push_back(static_cast<Eigen::Index>(it - data.item_ids.begin()));
        }
    }
    if (!unknown.empty()) throw data_error(std::move(unknown));
    return cols;
}

/// Respondent weights to use: the data's weights, or ones. data_error for a negative/NaN weight.
/// Scaled by an even power of two so that the largest lies in [1, 4): exact (every sum, square
/// and square root scales by a power of two too, so ordinary weights give the same bits), and
/// weights of 1e200 or 1e-300 no longer overflow or underflow in sum w^2 (Kish's n_eff, the
/// variance denominator).
Eigen::VectorXd respondent_weights(const responses& data, bool use_weights) {
    const Eigen::Index n = data.values.rows();
    if (!use_weights || data.weights.size() != n) return Eigen::VectorXd::Ones(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!(data.weights[i] >= 0) || !std::isfinite(data.weights[i])) {
            throw data_error(location{data.source, 0, "weight"},
                             "respondent " + std::to_string(i + 1) + ": weight " +
                                 format_shortest(data.weights[i]) + " is invalid (expected a finite value >= 0)");
        }
    }
    const double largest = n ? data.weights.maxCoeff() : 0.0;
    if (!(largest > 0)) return data.weights;
    int e = 0;
    std::frexp(largest, &e);       // largest = f 2^e, f in [0.5, 1)
    const int k = (e - 1) & ~1;    // even, and largest 2^-k in [1, 4)
    return k == 0 ? data.weights : Eigen::VectorXd(data.weights * std::ldexp(1.0, -k));
}

/// Checks variances, then turns the lower-triangle cross-product into SDs and correlations.
void finish(moments& m, const std::vector<std::string>& items, const Eigen::MatrixXd& cross, double denom) {
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

Eigen::VectorXd available_means(const responses& data, const std::vector<std::string>& items,
                                const std::vector<Eigen::Index>& cols, const Eigen::VectorXd& w);

/// What one chunk of rows contributes to the complete-case moments.
struct chunk_moments {
    accumulator acc;
    std::size_t used = 0, observed = 0, imputed = 0;
    explicit chunk_moments(Eigen::Index p) : acc(p) {}
};

/// Accumulates rows [begin, end) in cache-sized blocks; rows with a missing answer are dropped
/// (listwise) or filled from `fill` (mean replacement); rows with no answer are always dropped.
chunk_moments accumulate_rows(const responses& data, const std::vector<Eigen::Index>& cols,
                              const Eigen::VectorXd& w, const Eigen::VectorXd* fill, bool unit_weights,
                              Eigen::Index begin, Eigen::Index end) {
    const Eigen::Index p = static_cast<Eigen::Index>(cols.size());
    chunk_moments out(p);
    Eigen::MatrixXd chunk(block_rows, p), scratch, bcross;
    Eigen::VectorXd cw(block_rows);
    for (Eigen::Index r0 = begin; r0 < end; r0 += block_rows) {
        const Eigen::Index rows = std::min(block_rows, end - r0);
        // Copy column segments (contiguous in the column-major data), then look for NaN.
        for (Eigen::Index k = 0; k < p; ++k)
            chunk.col(k).head(rows) = data.values.col(cols[static_cast<std::size_t>(k)]).segment(r0, rows);
        cw.head(rows) = w.segment(r0, rows);
        Eigen::Index m_rows = rows;
        if (chunk.topRows(rows).hasNaN()) {
            m_rows = 0;
            for (Eigen::Index i = 0; i < rows; ++i) {
                const Eigen::Index missing = chunk.row(i).array().isNaN().count();
                // A respondent with no answer at all is an exclusion under every treatment.
                if (missing == p || (missing > 0 && fill == nullptr)) continue;
                if (m_rows != i) chunk.row(m_rows) = chunk.row(i);
                if (missing > 0) {
                    for (Eigen::Index k = 0; k < p; ++k)
                        if (std::isnan(chunk(m_rows, k))) chunk(m_rows, k) = (*fill)[k];
                }
                out.imputed += static_cast<std::size_t>(missing);
                out.observed += static_cast<std::size_t>(p - missing);
                cw[m_rows] = cw[i];
                ++m_rows;
            }
        } else {
            out.observed += static_cast<std::size_t>(rows * p);
        }
        out.used += static_cast<std::size_t>(m_rows);
        out.acc.add(chunk, cw, m_rows, unit_weights, scratch, bcross);
    }
    return out;
}

/// Listwise deletion and mean replacement: both reduce to complete rows of a filled matrix.
/// Large inputs are split into fixed chunks accumulated on all cores and merged in order.
void complete_case_moments(moments& m, const responses& data, const std::vector<std::string>& items,
                           const std::vector<Eigen::Index>& cols, const Eigen::VectorXd& w,
                           const Eigen::VectorXd* fill) {
    const Eigen::Index n = data.values.rows();
    const Eigen::Index p = static_cast<Eigen::Index>(cols.size());
    const bool unit_weights = (w.array() == 1.0).all();
    const Eigen::Index chunks = std::max<Eigen::Index>(1, (n + chunk_rows - 1) / chunk_rows);
    std::vector<chunk_moments> parts(static_cast<std::size_t>(chunks), chunk_moments(p));
    auto run = [&](Eigen::Index c) {
        parts[static_cast<std::size_t>(c)] =
            accumulate_rows(data, cols, w, fill, unit_weights, c * chunk_rows, std::min(n, (c + 1) * chunk_rows));
    };
    const unsigned threads = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()),
                                                static_cast<unsigned>(chunks));
    if (threads <= 1) {
        for (Eigen::Index c = 0; c < chunks; ++c) run(c);
    } else {
        std::atomic<Eigen::Index> next{0};
        std::vector<std::thread> pool;
        std::exception_ptr failure;
        std::mutex failure_mutex;
        auto worker = [&] {
            for (Eigen::Index c; (c = next.fetch_add(1)) < chunks;) {
                try {
                    run(c);
                } catch (...) {
                    std::lock_guard<std::mutex> lock(failure_mutex);
                    if (!failure) failure = std::current_exception();
                }
            }
        };
        // A refused thread (std::system_error) means fewer helpers, not an abort: the chunks
        // are fixed by n, so the result is the same with any number of them.
        try {
            for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
        } catch (const std::system_error&) {
        }
        worker();
        for (auto& t : pool) t.join();
        if (failure) std::rethrow_exception(failure);
    }
    accumulator acc(p);
    std::size_t used = 0, observed = 0, imputed = 0;
    for (const auto& part : parts) {  // in chunk order: deterministic
        acc.merge(part.acc);
        used += part.used;
        observed += part.observed;
        imputed += part.imputed;
    }
    // Two respondents make every correlation +1 or -1: the estimate would then fail on
    // "collinear" blocks, a message that hides the cause. Name the sample size instead.
    if (used < min_respondents || acc.sum_w <= 0) {
        (void)available_means(data, items, cols, w);  // names an item nobody answered, if any
        throw numeric_error(location{data.source, 0, ""},
                            "compute_moments: only " + std::to_string(used) + " respondents are usable (expected at least " +
                                std::to_string(min_respondents) +
                                " with answers to every indicator; with 2 every correlation is +1 or -1)");
    }
    m.respondents_used = used;
    m.answers_used = observed;
    m.answers_imputed = imputed;
    m.mean = acc.mean;
    m.effective_n = acc.sum_w * acc.sum_w / acc.sum_w2;
    m.pair_counts = Eigen::MatrixXd::Constant(p, p, static_cast<double>(used));
    finish(m, items, acc.cross, variance_denominator(acc.sum_w, acc.sum_w2));
}

/// Per-item available-case weighted means; numeric_error for an item nobody answered.
Eigen::VectorXd available_means(const responses& data, const std::vector<std::string>& items,
                                const std::vector<Eigen::Index>& cols, const Eigen::VectorXd& w) {
    Eigen::VectorXd means(static_cast<Eigen::Index>(cols.size()));
    for (std::size_t k = 0; k < cols.size(); ++k) {
        const auto col = data.values.col(cols[k]);
        double sw = 0, sx = 0;
        for (Eigen::Index i = 0; i < col.size(); ++i) {
            if (!std::isnan(col[i])) {
                sw += w[i];
                sx += w[i] * col[i];
            }
        }
        if (sw <= 0) {
            throw_item(items[k], "compute_moments: item \"" + items[k] +
                                     "\" has no answers (expected at least one respondent to answer it)");
        }
        means[static_cast<Eigen::Index>(k)] = sx / sw;
    }
    return means;
}

/// Pairwise deletion: every entry from the respondents who answered both items, with that
/// pair's own means and variances (as R's cor(use = "pairwise.complete.obs")). All sums come
/// from blocked matrix products of the 0/1 answer mask and the shifted, zero-filled answers.
void pairwise_moments(moments& m, const responses& data, const std::vector<std::string>& items,
                      const std::vector<Eigen::Index>& cols, const Eigen::VectorXd& w) {
    const Eigen::Index n = data.values.rows();
    const Eigen::Index p = static_cast<Eigen::Index>(cols.size());
    const Eigen::VectorXd shift = available_means(data, items, cols, w);  // keeps sums small
    Eigen::MatrixXd N = Eigen::MatrixXd::Zero(p, p), Sx = N, Sxx = N, Sxy = N, count = N, sumw2 = N;
    Eigen::MatrixXd x(block_rows, p), mask(block_rows, p), xw, mw, x2w;
    Eigen::VectorXd cw(block_rows);
    std::size_t used = 0, observed = 0;
    double sum_w = 0, sum_w2 = 0;
    for (Eigen::Index r0 = 0; r0 < n; r0 += block_rows) {
        const Eigen::Index rows = std::min(block_rows, n - r0);
        Eigen::Index m_rows = 0;
        for (Eigen::Index i = 0; i < rows; ++i) {
            Eigen::Index answered = 0;
            for (Eigen::Index k = 0; k < p; ++k) {
                const double v = data.values(r0 + i, cols[static_cast<std::size_t>(k)]);
                const bool ok = !std::isnan(v);
                answered += ok;
                mask(m_rows, k) = ok ? 1.0 : 0.0;
                x(m_rows, k) = ok ? v - shift[k] : 0.0;
            }
            if (answered == 0) continue;  // counted exclusion
            observed += static_cast<std::size_t>(answered);
            cw[m_rows] = w[r0 + i];
            sum_w += w[r0 + i];
            sum_w2 += w[r0 + i] * w[r0 + i];
            ++m_rows;
        }
        used += static_cast<std::size_t>(m_rows);
        const auto X = x.topRows(m_rows);
        const auto M = mask.topRows(m_rows);
        const auto W = cw.head(m_rows).asDiagonal();
        xw = W * X;
        mw = W * M;
        x2w = (W * X.cwiseProduct(X));
        N.noalias() += M.transpose() * mw;
        Sx.noalias() += xw.transpose() * M;     // (i,j): sum w x_i over pairs (i,j) answered
        Sxx.noalias() += x2w.transpose() * M;   // (i,j): sum w x_i^2 over pairs answered
        Sxy.noalias() += X.transpose() * xw;
        count.noalias() += M.transpose() * M;
        const Eigen::VectorXd w2 = cw.head(m_rows).array().square();
        sumw2.noalias() += M.transpose() * (w2.asDiagonal() * M);
    }
    m.respondents_used = used;
    m.answers_used = observed;
    m.answers_imputed = 0;
    m.effective_n = sum_w2 > 0 ? sum_w * sum_w / sum_w2 : 0;
    m.pair_counts = count;
    m.mean = shift;
    m.sd.resize(p);
    m.correlation.resize(p, p);
    for (Eigen::Index k = 0; k < p; ++k) {
        if (N(k, k) <= 0) {
            throw_item(items[static_cast<std::size_t>(k)], "compute_moments: item \"" + items[static_cast<std::size_t>(k)] +
                                                               "\" has no answers (expected at least one)");
        }
        const double denom = variance_denominator(N(k, k), sumw2(k, k));
        const double var = (Sxx(k, k) - Sx(k, k) * Sx(k, k) / N(k, k)) / denom;
        const double scale = std::max(1.0, std::abs(shift[k]));
        if (!(denom > 0) || !(var > 1e-24 * scale * scale)) {
            throw_item(items[static_cast<std::size_t>(k)],
                       "compute_moments: item \"" + items[static_cast<std::size_t>(k)] +
                           "\" is constant or answered by fewer than 2 respondents (expected some variance)");
        }
        m.sd[k] = std::sqrt(var);
    }
    for (Eigen::Index j = 0; j < p; ++j) {
        m.correlation(j, j) = 1.0;
        for (Eigen::Index i = j + 1; i < p; ++i) {
            const double nij = N(i, j);
            const double cxy = Sxy(i, j) - Sx(i, j) * Sx(j, i) / nij;
            const double vx = Sxx(i, j) - Sx(i, j) * Sx(i, j) / nij;
            const double vy = Sxx(j, i) - Sx(j, i) * Sx(j, i) / nij;
            if (!(count(i, j) >= 2) || !(vx > 0) || !(vy > 0)) {
                throw numeric_error(location{data.source, 0, items[static_cast<std::size_t>(i)]},
                                    "compute_moments: items \"" + items[static_cast<std::size_t>(i)] + "\" and \"" +
                                        items[static_cast<std::size_t>(j)] +
                                        "\" have too few joint answers with variance (expected at least 2)");
            }
            m.correlation(i, j) = m.correlation(j, i) = cxy / std::sqrt(vx * vy);
        }
    }
    // Pairwise matrices need not be positive semidefinite; PLS would then be meaningless.
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(m.correlation, Eigen::EigenvaluesOnly);
    const double smallest = eig.eigenvalues()[0];
    if (smallest < -1e-10) {
        throw numeric_error(location{data.source, 0, ""},
                            "compute_moments: the pairwise correlation matrix is not positive semidefinite "
                            "(smallest eigenvalue " + format_shortest(smallest) +
                                "; expected >= 0: use listwise deletion or mean replacement)");
    }
}

}  // namespace

moments compute_moments(const responses& data, const std::vector<std::string>& items,
                        missing_treatment missing, bool use_weights) {
    if (items.empty()) {
        throw argument_error(location{}, "compute_moments: no items given (expected at least one)");
    }
    const std::vector<Eigen::Index> cols = find_columns(data, items);
    const Eigen::VectorXd w = respondent_weights(data, use_weights);
    moments m;
    m.item_ids = items;
    m.missing = missing;
    m.respondents_total = data.respondents();
    switch (missing) {
    case missing_treatment::listwise:
        complete_case_moments(m, data, items, cols, w, nullptr);
        break;
    case missing_treatment::mean_replacement: {
        const Eigen::VectorXd fill = available_means(data, items, cols, w);
        complete_case_moments(m, data, items, cols, w, &fill);
        break;
    }
    case missing_treatment::pairwise:
        pairwise_moments(m, data, items, cols, w);
        break;
    }
    return m;
}

CSIKIT_NAMESPACE_END
