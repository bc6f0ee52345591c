// The bootstrap at scale: a Poisson bootstrap whose replicates are moment accumulators.
//
// Each respondent's count in replicate r is a Poisson(1) draw computed from (seed, respondent
// key, r) alone: a counter-based draw (SplitMix64 of the triple, then inversion of the Poisson
// CDF on 64-bit thresholds), so a replicate is the same whichever partition, thread or machine
// holds the respondent, and B replicates are filled in one pass over the data. A replicate is a
// moment_accumulator fed with weights w_i x count; the states merge and serialise like the
// accumulator's. finish() estimates every replicate and summarises them with the in-memory
// bootstrap's statistics (percentile intervals, SE, t, p).
//
// This is not the in-memory (multinomial) bootstrap of bootstrap.hpp: there each resample draws
// exactly n respondents; here the resample size is itself random (Poisson(n)), which changes
// the replicates but not what they estimate: the standard errors agree within Monte-Carlo error
// (tests/cpp/test_poisson_bootstrap.cpp). docs/scale.md gives the details.
#pragma once

#include "accumulator.hpp"
#include "bootstrap.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Most replicates one replicate_accumulator holds (each is a full accumulator state).
inline constexpr std::size_t max_poisson_replicates = 10000;

/// The count of the respondent with `key` in replicate `replicate` under `seed`: Poisson(1),
/// a pure function of the triple (the same on every platform). Never above 20.
std::uint32_t poisson_count(std::uint64_t seed, std::uint64_t key, std::uint64_t replicate) noexcept;

/// The key of a respondent identified by the text of an id column (64-bit FNV-1a of the
/// UTF-8 bytes, then a SplitMix64 finaliser). Equal texts give equal keys on every face.
std::uint64_t respondent_key(std::string_view id) noexcept;

/// Where the respondent keys come from; part of a state, so that states keyed differently
/// are never merged.
struct replicate_keys {
    /// The id column whose text is hashed (respondent_key); empty: the global row number
    /// (0-based), so that every partition must know its first row and keep the row order.
    std::string id_column;
};

/// B replicate accumulators plus the full-sample one, filled in one pass.
class replicate_accumulator {
public:
    /// `replicates` = B (0 .. max_poisson_replicates, argument_error beyond; 0 keeps the full
    /// sample only, the engines' state for moments and estimates); the other arguments as for
    /// moment_accumulator.
    replicate_accumulator(const survey& s, std::vector<std::string> items, std::size_t replicates,
                          std::uint64_t seed, replicate_keys keys = {}, bool use_weights = true);

    /// Adds m respondents (rows and weights as moment_accumulator::add) with their keys (m
    /// entries: respondent_key of the id, or the global row numbers).
    void add(const Eigen::Ref<const Eigen::MatrixXd>& rows, const Eigen::Ref<const Eigen::VectorXd>& weights,
             const std::vector<std::uint64_t>& keys);
    /// Adds every respondent of `data`: keys from keys().id_column (a segment or wave column of
    /// `data`; data_error when it is not there or a respondent's id is empty) or, without an id
    /// column, the row numbers first_row, first_row + 1, ...
    void add(const responses& data, std::uint64_t first_row = 0);
    /// As if other's respondents had been added here; data_error naming the difference when
    /// B, the seed, the keys or the accumulators differ.
    void merge(const replicate_accumulator& other);

    /// Versioned, little-endian, checksummed bytes carrying B, the seed, the keys and every
    /// accumulator (docs/scale.md); from_bytes: parse_error for anything else.
    std::string to_bytes() const;
    static replicate_accumulator from_bytes(std::string_view bytes);

    const moment_accumulator& full() const noexcept { return full_; }
    const moment_accumulator& replicate(std::size_t r) const { return reps_.at(r); }
    std::size_t replicates() const noexcept { return reps_.size(); }
    std::uint64_t seed() const noexcept { return seed_; }
    const replicate_keys& keys() const noexcept { return keys_; }
    const std::vector<std::string>& items() const noexcept { return full_.items(); }

private:
    replicate_accumulator(moment_accumulator full, std::vector<moment_accumulator> reps, std::uint64_t seed,
                          replicate_keys keys);
    moment_accumulator full_;
    std::vector<moment_accumulator> reps_;
    std::uint64_t seed_ = 0;
    replicate_keys keys_;
};

/// Settings of poisson_bootstrap. The estimation settings are those of the original fit.
struct poisson_bootstrap_options {
    double confidence = 0.95;       ///< level of the percentile intervals, in (0, 1)
    double max_failed_share = 0.2;  ///< numeric_error when more replicates than this share fail
    unsigned threads = 0;           ///< replicates estimated at once; 0 = hardware_concurrency
    /// Also bootstrap every construct's 0-100 index (as bootstrap_options::index_survey).
    const survey* index_survey = nullptr;
    bool criteria = true;           ///< HTMT, f2, adjusted R2, indirect effects (as bootstrap_options)
};

/// Estimates `original` (an estimate of `model` from acc.full().finish(original.data.missing))
/// on every replicate and summarises them as bootstrap() does (no BCa: bca_low/high are NaN;
/// the seed and the numbers do not depend on `threads`). argument_error when the replicates do
/// not hold the fit's indicators; numeric_error when too many replicates fail.
bootstrap_result poisson_bootstrap(const pls_model& model, const replicate_accumulator& acc, const pls_fit& original,
                                   const poisson_bootstrap_options& options = {});

CSIKIT_NAMESPACE_END
