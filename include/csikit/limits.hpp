// The ranges of the whole-number options, one rule for every face (CLI flags, Python keyword
// arguments): a value outside is refused with the range in the message, never wrapped or cut.
// docs/reliability.md lists them.
#pragma once

#include "csikit/version.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

/// A closed range [min, max] of whole numbers.
struct whole_range {
    std::uint64_t min;
    std::uint64_t max;
    constexpr bool contains(std::uint64_t v) const noexcept { return v >= min && v <= max; }
};

/// Random seeds: any 64-bit unsigned value.
inline constexpr whole_range seed_range{0, std::numeric_limits<std::uint64_t>::max()};
/// Worker threads: 0 = all cores; more than 1024 is a typing error, not a machine.
inline constexpr whole_range threads_range{0, 1024};
/// The worker threads a parallel analysis runs, one rule for all of them: `requested`, or every
/// core when it is 0 (at least one), never more than `tasks` (a thread without a task only costs
/// its start) nor threads_range.max. No result depends on it: each task draws from its own stream.
inline unsigned resolve_threads(unsigned requested,
                                std::size_t tasks = std::numeric_limits<std::size_t>::max()) noexcept {
    const std::uint64_t wanted = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::min<std::uint64_t>({wanted, std::max<std::size_t>(tasks, 1), threads_range.max}));
}
/// Most resamples one bootstrap() runs. The percentile and BCa intervals need every replicate
/// of every parameter, so storage is resamples x parameters x 8 bytes (100,000 resamples of a
/// 100-parameter model: 80 MB); past 10^5 the Monte-Carlo error of a 95% limit is far below the
/// precision reported. docs/reliability.md lists it.
inline constexpr std::uint64_t max_resamples = 100000;
/// Bootstrap resamples (0 = none; 1 is refused separately: an interval needs >= 2).
inline constexpr whole_range resamples_range{0, max_resamples};
/// Respondents of the exact BCa jackknife, grouped beyond (the bootstrap asks >= 2 with BCa);
/// more than 10^9 respondents is no survey.
inline constexpr whole_range jackknife_max_range{0, 1'000'000'000};
/// PLS iterations.
inline constexpr whole_range max_iterations_range{1, 1'000'000};
/// Most respondents simulate() draws (the answers are held in memory).
inline constexpr std::uint64_t max_simulated_respondents = 10000000;
/// Respondents to simulate.
inline constexpr whole_range simulate_n_range{2, max_simulated_respondents};
/// Respondents of a margin-of-error plan (csikit plan moe --n).
inline constexpr whole_range plan_n_range{1, 1'000'000'000'000'000};
/// Sample sizes a plan may return (csikit plan proportion / mean): 10^15 respondents, far
/// beyond any population, and exact in a double.
inline constexpr double max_sample_size = 1e15;

CSIKIT_NAMESPACE_END
