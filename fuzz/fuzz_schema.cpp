// Fuzz target: the schema JSON loader. Any input must either give a survey that validates and
// round-trips through to_json_text / parse_survey, or throw a csikit::error (parse or schema).
// Crashes, hangs, leaks, sanitizer reports and any other exception are bugs.
#include "fuzz_common.hpp"

#include <csikit/schema.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    csikit::survey s;
    try {
        s = csikit::parse_survey(text, "fuzz.json");
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
        if (e.kind() != csikit::error_kind::parse && e.kind() != csikit::error_kind::schema) std::abort();
        return 0;
    }
    // A schema that loaded is valid, and writing it out gives a schema that loads again.
    if (!csikit::validate(s).empty()) std::abort();
    const std::string out = csikit::to_json_text(s);
    try {
        const csikit::survey again = csikit::parse_survey(out, "roundtrip.json");
        if (again.items.size() != s.items.size() || again.scales.size() != s.scales.size() ||
            again.constructs.size() != s.constructs.size() || again.paths.size() != s.paths.size())
            std::abort();
    } catch (const csikit::error& e) {
        std::fprintf(stderr, "round trip failed: %s\n--- written ---\n%s\n", e.what(), out.c_str());
        std::abort();
    }
    return 0;
}
