// Streaming a CSV file of answers: read in bounded chunks split at record boundaries, parsed on
// every core, handed out in file order; memory is bounded by the chunk size and the number of
// chunks in flight, not by the number of respondents (docs/streaming.md, "Streaming large
// files"). The value rules are read_responses' own, applied chunk by chunk.
#pragma once

#include "data.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

CSIKIT_NAMESPACE_BEGIN

/// How far a streaming read has come, for a progress display.
struct stream_progress {
    std::uint64_t bytes = 0;        ///< bytes of the file read so far
    std::uint64_t total_bytes = 0;  ///< size of the file (0 when unknown: a pipe, standard input)
    std::uint64_t rows = 0;         ///< data rows handed out so far
    double seconds = 0;             ///< wall time since the start
};
/// Called after each chunk, on the calling thread; returning false cancels (cancelled_error).
using stream_progress_callback = std::function<bool(const stream_progress&)>;

/// Smallest and largest stream_options::chunk_bytes (a record may still grow a chunk up to
/// max_record_bytes).
inline constexpr std::size_t min_chunk_bytes = std::size_t{1} << 12;   ///< 4 KiB
inline constexpr std::size_t max_chunk_bytes = std::size_t{1} << 28;   ///< 256 MiB

struct stream_options {
    /// Bytes of text per chunk (min_chunk_bytes..max_chunk_bytes); a chunk ends at the last whole
    /// record within it. The default keeps a chunk's parsed rows near 20 MB at 24 items.
    std::size_t chunk_bytes = std::size_t{4} << 20;
    /// Parsing threads; 0 = every core. Results never depend on it: chunks are handed out in
    /// file order, and the chunk boundaries depend on chunk_bytes only.
    unsigned threads = 0;
    /// At most this many chunks are parsed at once (besides the one being read and the one being
    /// consumed), whatever the core count; 0 = one per thread, capped at 8.
    unsigned max_in_flight = 0;
    stream_progress_callback progress;
};

/// Reads the answers of `path` ("-" = standard input) chunk by chunk and calls `consume` with
/// each chunk's respondents (item columns in the survey's order, weights, segment and wave
/// columns, source lines, and that chunk's read_summary) in file order, on the calling thread.
/// The values are exactly those read_responses gives, row for row. Returns the read_summary of
/// the whole file (every chunk's merged). Errors are read_responses' errors; where that reports
/// every problem of the file at once, this stops at the first chunk with a problem (its
/// problems, with their lines). SPSS, Stata and Excel files are read whole and handed out as
/// one chunk. argument_error for options out of range.
read_summary stream_responses(const std::string& path, const survey& s,
                              const std::function<void(responses&& chunk)>& consume, read_options options = {},
                              const stream_options& stream = {});

/// Adds the counts of `more` to `into` (respondents, cells, missing by item and kind ...); the
/// layout, header rows and encoding of `into` are kept unless it is empty (no respondents).
void merge_summary(read_summary& into, const read_summary& more);

CSIKIT_NAMESPACE_END
