// The moment accumulator: one pass over rows of answers keeps what every missing treatment
// needs, so that data larger than memory, data arriving in batches and data spread over many
// machines give the same moments as one matrix in memory (docs/streaming.md).
//
// States are mergeable (as if the other state's rows had been added here) and serialisable
// (to_bytes/from_bytes). Integer answers with integer weights are summed exactly (exact mode):
// the moments are then bitwise the same for any partitioning, batch order and merge order.
#pragma once

#include "data.hpp"
#include "schema.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How missing answers enter the moment matrix.
enum class missing_treatment {
    listwise,          ///< drop respondents with any missing indicator of the model
    mean_replacement,  ///< replace a missing answer by the item's (weighted) mean
    pairwise,          ///< each covariance from the respondents who answered both items
};

/// First and second moments of the model's indicators, built in one pass over the data.
struct moments {
    std::vector<std::string> item_ids;   ///< indicator order (blocks in construct order)
    Eigen::VectorXd mean;                ///< (weighted) means on the item scale
    Eigen::VectorXd sd;                  ///< (weighted) standard deviations, n-1 denominator
    Eigen::MatrixXd correlation;         ///< p x p indicator correlations
    Eigen::MatrixXd pair_counts;         ///< p x p respondents behind each entry (pairwise)
    std::size_t respondents_total = 0;   ///< respondents in the data
    std::size_t respondents_used = 0;    ///< respondents contributing (listwise: complete ones)
    std::size_t answers_used = 0;        ///< observed indicator answers used
    std::size_t answers_imputed = 0;     ///< answers filled by mean replacement
    double effective_n = 0;              ///< Kish effective n under respondent weights
    missing_treatment missing = missing_treatment::listwise;
};

/// How the accumulator keeps its sums.
enum class accumulation_mode {
    exact,  ///< integer answers and integer weights: integer sums (exact, so the result is
            ///< bitwise the same for any partitioning and merge order)
    real,   ///< anything else: pairwise (Chan/Pebay) updates of means and co-moments
};

/// Largest |answer| and weight that exact mode sums as integers (beyond: real mode).
inline constexpr double exact_mode_max_value = 1024.0;
/// Most respondents (rows added) one accumulator takes (exact mode's 128-bit products stay
/// exact below it); data_error naming the limit beyond it.
inline constexpr std::uint64_t accumulator_max_rows = std::uint64_t{1} << 40;

struct accumulator_state;  // private: src/data/accumulator_state.hpp

/// One pass over rows of answers that keeps what every missing treatment needs: complete-case
/// sums (listwise), available-case and pairwise sums with counts (mean replacement, pairwise),
/// the weights (sum w; sum w^2 per pair for the effective n) and per-item missing counts.
/// Mergeable and serialisable; the state names its items and carries a fingerprint of the
/// survey's definition of them (scales, missing codes, reverse flags, weight column), so a
/// merge of states from different surveys is refused naming the difference.
class moment_accumulator {
public:
    /// Accumulates the answers to `items` (item ids of `s`, in this order; argument_error for an
    /// unknown or repeated id). `use_weights`: honour the respondents' weights.
    moment_accumulator(const survey& s, std::vector<std::string> items, bool use_weights = true);
    /// Items known by id only (no survey): fingerprint 0. What compute_moments uses.
    static moment_accumulator for_items(std::vector<std::string> items, bool use_weights = true);

    moment_accumulator(const moment_accumulator&);
    moment_accumulator(moment_accumulator&&) noexcept;
    moment_accumulator& operator=(const moment_accumulator&);
    moment_accumulator& operator=(moment_accumulator&&) noexcept;
    ~moment_accumulator();

    /// Adds m respondents: `rows` is m x p in the order of items() (NaN = missing, values on the
    /// item's scale after recoding, as in responses::values); `weights` has m entries (or is
    /// empty: all 1). A respondent with no answer at all is counted and excluded.
    /// data_error for a negative/NaN/infinite weight (naming the respondent's index in the batch).
    void add(const Eigen::Ref<const Eigen::MatrixXd>& rows, const Eigen::Ref<const Eigen::VectorXd>& weights);
    /// Adds every respondent of `data` (its columns for items(); its weights when use_weights),
    /// and merges data.summary into summary().
    void add(const responses& data);
    /// As if other's respondents had been added here. data_error naming the difference when the
    /// items, the survey fingerprint or use_weights differ.
    void merge(const moment_accumulator& other);

    /// Versioned, little-endian, checksummed bytes (docs: format in docs/streaming.md).
    std::string to_bytes() const;
    /// parse_error naming what is wrong for truncated, corrupted, foreign or newer-version bytes.
    static moment_accumulator from_bytes(std::string_view bytes);

    /// The moments under a missing treatment; the same numeric_error messages as compute_moments
    /// (constant item, too few respondents, not positive semidefinite ...).
    moments finish(missing_treatment missing) const;

    const std::vector<std::string>& items() const noexcept;
    accumulation_mode mode() const noexcept;
    std::size_t respondents() const noexcept;       ///< rows added (including excluded ones)
    std::size_t excluded() const noexcept;          ///< rows added with no answer at all
    std::uint64_t fingerprint() const noexcept;     ///< of the survey's definition of items()
    const read_summary& summary() const noexcept;   ///< merged read summaries of the batches
    read_summary& summary() noexcept;
    bool uses_weights() const noexcept;
    /// Rows (of those added) with no answer to each item, in the order of items().
    std::vector<std::uint64_t> missing_counts() const;

private:
    explicit moment_accumulator(std::unique_ptr<accumulator_state> state);
    std::unique_ptr<accumulator_state> state_;
};

CSIKIT_NAMESPACE_END
