// Shared helpers of the libFuzzer targets: what counts as an expected failure.
#pragma once

#include <csikit/error.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace csikit_fuzz {

/// An error thrown by csikit must be well formed: a known kind, at least one problem, and a
/// non-empty message. Anything else is a bug and aborts so libFuzzer records the input.
inline void check_error(const csikit::error& e) {
    const int k = static_cast<int>(e.kind());
    if (k < 1 || k > 9 || e.problems().empty() || std::string(e.what()).empty()) {
        std::fprintf(stderr, "malformed csikit::error (kind %d, %zu problems): %s\n", k,
                     e.problems().size(), e.what());
        std::abort();
    }
}

}  // namespace csikit_fuzz
