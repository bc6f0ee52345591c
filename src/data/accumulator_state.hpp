// The private state of moment_accumulator: what one pass keeps, in either mode. Shared by
// accumulator.cpp (add, merge), accumulator_finish.cpp (moments) and accumulator_bytes.cpp
// (the state file). Matrices are p x p, column-major, indexed (i, j) for the pair of items.
#pragma once

#include "csikit/accumulator.hpp"

#include <Eigen/Core>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

__extension__ typedef __int128 int128;           // GCC and Clang on 64-bit hosts
__extension__ typedef unsigned __int128 uint128;

/// Exact mode: integer sums over integer answers and weights (order cannot change them).
/// Pairwise entries (i, j) run over the respondents who answered both items i and j.
struct exact_sums {
    int128 any_w = 0, any_w2 = 0;        ///< respondents with at least one answer
    int128 cc_w = 0, cc_w2 = 0;          ///< complete respondents (every item answered)
    std::vector<int128> cc_x, cc_xx;     ///< p; p x p: sum w x, sum w x x' over complete ones
    std::vector<int128> n, w2;           ///< p x p: sum w, sum w^2 over pairs
    std::vector<int128> sx, sxx, sxy;    ///< p x p: sum w x_i, sum w x_i^2, sum w x_i x_j over pairs
    void resize(std::size_t p);  ///< empty sums of p items (every sum zero, the scalars too)
};

/// Real mode (and exact mode converted for finishing): weights, means and centred co-moments.
struct real_sums {
    double any_w = 0, any_w2 = 0;
    double cc_w = 0, cc_w2 = 0;
    Eigen::VectorXd cc_mean;             ///< complete-case means
    Eigen::MatrixXd cc_m2;               ///< complete-case sum w (x-m)(x-m)'
    Eigen::MatrixXd n, w2;               ///< per pair: sum w, sum w^2
    Eigen::MatrixXd mean;                ///< (i, j): mean of item i over the pair (i, j)
    Eigen::MatrixXd m2;                  ///< (i, j): sum w (x_i - mean)^2 over the pair (i, j)
    Eigen::MatrixXd c;                   ///< (i, j): sum w (x_i - m_i)(x_j - m_j) over the pair
    void resize(Eigen::Index p);  ///< empty sums of p items (every sum zero, the scalars too)
    /// Chan/Pebay merge: as if b's respondents had been added here.
    void merge(const real_sums& b);
    /// Multiplies every weight by 2^e (exact): sums of w by 2^e, sums of w^2 by 2^2e.
    void scale_weights(int e);
};

struct accumulator_state {
    std::vector<std::string> items;
    std::vector<std::uint64_t> item_fingerprints;  ///< per item (0 without a survey)
    std::uint64_t weight_fingerprint = 0;          ///< of the weight column honoured
    std::uint64_t fingerprint = 0;                 ///< of all the above
    bool use_weights = true;
    accumulation_mode mode = accumulation_mode::exact;
    /// Real mode: the weights are kept multiplied by 2^-weight_exp (fixed by the first batch
    /// with a positive weight), so that 1e200 or 1e-300 weights do not overflow in sum w^2.
    int weight_exp = 0;
    bool weight_exp_fixed = false;
    std::uint64_t rows = 0, excluded = 0;          ///< rows added; of them with no answer
    std::uint64_t any_n = 0, cc_n = 0;             ///< rows with an answer; complete rows
    std::vector<std::uint64_t> missing;            ///< p: rows with no answer to the item
    std::vector<std::uint64_t> count;              ///< p x p: rows that answered both items
    exact_sums ex;
    real_sums re;
    read_summary summary;

    std::size_t p() const { return items.size(); }
    /// Turns exact sums into real ones (deterministic: a function of the integers only).
    real_sums as_real() const;
    /// Switches to real mode (no-op if real already).
    void make_real();
};

/// A state of no rows for `items` (argument_error if there are none); fingerprints 0.
std::unique_ptr<accumulator_state> make_empty_state(std::vector<std::string> items, bool use_weights);
/// The fingerprint of a state's item and weight fingerprints together.
std::uint64_t combined_fingerprint(const accumulator_state& st);

/// Adds `other`'s read summary into `into` (counts summed, per-item and per-kind maps merged).

CSIKIT_NAMESPACE_END
