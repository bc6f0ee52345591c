// Fuzz target: the model syntax parser (csikit/model_syntax.hpp). Any input must either give a
// model that writes back (to_model_syntax) to text parsing to the same model, or throw a
// csikit::error of the parse or schema kind. Crashes, hangs, leaks, sanitizer reports and any
// other exception are bugs.
#include "fuzz_common.hpp"

#include <csikit/model_syntax.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    csikit::model_syntax m;
    try {
        m = csikit::parse_model_syntax(text, "fuzz.txt");
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
        if (e.kind() != csikit::error_kind::parse && e.kind() != csikit::error_kind::schema) std::abort();
        return 0;
    }
    const std::string out = csikit::to_model_syntax(m);
    try {
        const csikit::model_syntax again = csikit::parse_model_syntax(out, "roundtrip.txt");
        if (again.constructs.size() != m.constructs.size() || again.paths.size() != m.paths.size() ||
            again.higher_order.size() != m.higher_order.size() || again.interactions.size() != m.interactions.size() ||
            again.categorical.size() != m.categorical.size())
            std::abort();
        for (std::size_t i = 0; i < m.paths.size(); ++i)
            if (again.paths[i].from != m.paths[i].from || again.paths[i].to != m.paths[i].to) std::abort();
    } catch (const csikit::error& e) {
        std::fprintf(stderr, "round trip failed: %s\n--- written ---\n%s\n", e.what(), out.c_str());
        std::abort();
    }
    return 0;
}
