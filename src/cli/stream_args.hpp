// When a command streams its --data (a CSV file above stream_threshold_bytes) and the progress
// line it then shows on stderr (docs/streaming.md, "Streaming large files").
#pragma once

#include <csikit/csv_stream.hpp>

#include <cstdint>
#include <ostream>
#include <string>

namespace csikit_cli {

/// Files above this size are streamed: read whole, a 64 MiB file of 24 items costs about 400 MB
/// (the text and the n x p matrix); streamed, about 60 MB whatever its size.
inline constexpr std::uintmax_t stream_threshold_bytes = std::uintmax_t{64} << 20;

/// True if `path` is a regular file larger than stream_threshold_bytes.
bool streams(const std::string& path);

/// A progress line on stderr (bytes read of the total, rows, MB/s) redrawn on a terminal; none
/// when stderr is not a terminal, so logs and pipes stay clean. `what` starts the line.
csikit::stream_progress_callback stream_progress_display(std::ostream& err, std::string what);

}  // namespace csikit_cli
