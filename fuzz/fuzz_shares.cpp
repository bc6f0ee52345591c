// Fuzz target: the reference-share parser of composition-adjusted scores
// (csikit::parse_reference_shares, `csikit score --reference FILE`, C options->shares). Any input
// must give a non-empty map of finite-or-not numbers whose keys came from the text, or throw an
// argument_error; crashes, hangs, sanitizer reports and other exceptions are bugs.
#include "fuzz_common.hpp"

#include <csikit/standardize.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto shares = csikit::parse_reference_shares(text, "fuzz.csv");
        if (shares.empty()) std::abort();  // "no shares" is an error, never an empty map
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
        if (e.kind() != csikit::error_kind::argument) std::abort();
    }
    return 0;
}
