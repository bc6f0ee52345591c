#include "stream_args.hpp"

#include <csikit/format.hpp>

#include <filesystem>
#include <system_error>

#include <unistd.h>

namespace csikit_cli {

bool streams(const std::string& path) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_regular_file(path, ec)) return false;
    const auto size = std::filesystem::file_size(path, ec);
    return !ec && size > stream_threshold_bytes;
}

csikit::stream_progress_callback stream_progress_display(std::ostream& err, std::string what) {
    if (::isatty(STDERR_FILENO) == 0) return {};
    return [&err, what = std::move(what), last = -1.0](const csikit::stream_progress& p) mutable {
        const bool done = p.total_bytes && p.bytes >= p.total_bytes;
        if (p.seconds - last < 0.25 && !done) return true;  // redrawn four times a second at most
        last = p.seconds;
        const double mb = static_cast<double>(p.bytes) / 1e6;
        err << "\r" << what << " " << csikit::format_fixed(mb, 0) << " MB";
        if (p.total_bytes)
            err << " of " << csikit::format_fixed(static_cast<double>(p.total_bytes) / 1e6, 0) << " MB";
        err << ", " << p.rows << " rows";
        if (p.seconds > 0) err << ", " << csikit::format_fixed(mb / p.seconds, 0) << " MB/s";
        err << (done ? "\n" : "   ") << std::flush;
        return true;
    };
}

}  // namespace csikit_cli
