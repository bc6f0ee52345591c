// Fuzz target: the accumulator state reader (moment_accumulator::from_bytes). Any input must
// either give a state that writes back to the same bytes and finishes to moments or a
// csikit::error, or be refused with a parse_error. Crashes, hangs, leaks, sanitizer reports and
// any other exception are bugs. The seeds (tests/corpus/fuzz_acc_state/) are states in both
// modes; the checksum hides most mutations, so the target also tries each input with its
// checksum recomputed, to reach the payload parser.
#include "fuzz_common.hpp"

#include <csikit/accumulator.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

std::uint32_t crc32(const std::string& bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

void try_state(const std::string& bytes) {
    try {
        const csikit::moment_accumulator acc = csikit::moment_accumulator::from_bytes(bytes);
        if (acc.to_bytes() != bytes) std::abort();  // the format is canonical
        for (auto t : {csikit::missing_treatment::listwise, csikit::missing_treatment::mean_replacement,
                       csikit::missing_treatment::pairwise}) {
            try {
                (void)acc.finish(t);
            } catch (const csikit::error& e) {
                csikit_fuzz::check_error(e);
            }
        }
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
        if (e.kind() != csikit::error_kind::parse) std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    try_state(bytes);
    if (bytes.size() >= 28) {  // the same bytes with a valid checksum: exercises the parser
        bytes.resize(bytes.size() - 4);
        const std::uint32_t c = crc32(bytes);
        for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>((c >> (8 * i)) & 0xFF));
        try_state(bytes);
    }
    return 0;
}
