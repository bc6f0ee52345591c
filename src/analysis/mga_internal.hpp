// Private pieces of the multi-group analysis: the random stream of a permutation or resample,
// group sums gathered from a row-major standardised copy of the data, moments from sums, the
// parameter layout, and a thread pool whose slot r depends on r only.
#pragma once

#include "csikit/mga.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace mga_detail {

using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// SplitMix64 generator; a draw's stream is seeded from (seed, stream, r) only.
struct rng {
    std::uint64_t state;
    std::uint64_t next() noexcept;
    std::uint64_t below(std::uint64_t n) noexcept;  ///< unbiased in [0, n) (Lemire)
};
rng make_rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t r) noexcept;

/// Fisher-Yates shuffle of `labels` with `g` (the same on every platform).
void shuffle(std::vector<int>& labels, rng& g);

/// Weighted sums of a set of rows: total weight, sum of squared weights, sum v z, sum v z z'.
struct sums {
    double w = 0, w2 = 0;
    std::size_t rows = 0;
    Eigen::VectorXd s;
    Eigen::MatrixXd c;  ///< full symmetric
};

/// Sums over rows[0..m) of z with weights v (times `mult` when given: bootstrap counts).
void gather(const row_matrix& z, const Eigen::VectorXd& v, const std::vector<Eigen::Index>& rows,
            const std::vector<std::uint32_t>* mult, sums& out, row_matrix& scratch);

/// a - b (the sums of the rows of a that are not in b).
sums subtract(const sums& a, const sums& b);

/// Moments (mean, sd, correlation, covariance) from sums. False if an item has no variance.
bool to_moments(const sums& s, const std::vector<std::string>& items, moments& m, Eigen::MatrixXd* cov = nullptr);

/// Where each compared estimate sits in a flat row.
struct layout {
    std::vector<mga_parameter> params;
};
layout make_layout(const pls_model& model, const pls_fit& fit);

/// The estimates of `fit` in layout order, each block's sign aligned to `ref` (a block whose
/// weights have a negative inner product with ref's is flipped). False if any is not finite.
bool extract(const layout& l, const pls_fit& fit, const pls_fit& ref, double* out);

/// Runs fn(r, worker) for r in [0, count) on `threads` workers; fn writes slot r only.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t, unsigned)>& fn);

/// R's quantile type 7 of sorted values.
double quantile7(const std::vector<double>& sorted, double q);

/// Holm / Bonferroni adjusted p values of one family (NaN entries are left as they are).
std::vector<double> adjust(const std::vector<double>& p, p_adjustment how);

}  // namespace mga_detail
CSIKIT_NAMESPACE_END
