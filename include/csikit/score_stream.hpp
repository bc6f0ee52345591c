// `score` on a file larger than memory: the CSV is streamed chunk by chunk (csv_stream.hpp) and
// every figure of the scoring report is kept as sums per group (all respondents, each wave,
// each value of options.by): per item and scale point the counts and weights, per hierarchy
// node the respondent-level index scores' sums, the NPS bands, the shares. Memory grows with the
// groups and the items, never with the respondents. docs/streaming.md, "Scores from a stream".
#pragma once

#include "csv_stream.hpp"
#include "scoring.hpp"

#include <cstddef>
#include <string>

CSIKIT_NAMESPACE_BEGIN

/// Most distinct values a segment column may have in a streamed score (one set of sums each for
/// options.by; a count each for the other segment columns' notes). argument_error naming the
/// limit and the column past it.
inline constexpr std::size_t max_stream_segment_values = 10000;

/// score(s, read_responses(path, s, read), options), computed in one streaming pass over `path`.
/// Every count is the same; means, shares and their intervals agree to rounding (1e-12 relative;
/// the means bitwise, since the sums run in file order). Not available here, each an
/// argument_error naming the option: options.aggregate = mean_first (its linearised SE needs a
/// second pass). Throws what read_responses and score() throw.
score_report score_file(const survey& s, const std::string& path, const score_options& options = {},
                        const read_options& read = {}, const stream_options& stream = {});

CSIKIT_NAMESPACE_END
