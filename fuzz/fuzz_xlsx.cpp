// Fuzz target (readers): Excel .xlsx workbooks (libzip + pugixml), then the table applied to
// the fixed survey tests/data/readers/shop.json. The input is the workbook's bytes. Limits are
// lowered (16 MiB per part, 2^20 cells) so that a zip bomb stops fast inside the fuzzer's
// memory; the logic is the same as at the documented defaults.
#include "fuzz_common.hpp"

#include "xlsx_reader.hpp"

#include <csikit/data.hpp>
#include <csikit/schema.hpp>

#include <cstdint>
#include <cstdlib>

namespace {
const csikit::survey& fuzz_survey() {
    static const csikit::survey s = csikit::load_survey(CSIKIT_FUZZ_READERS_SURVEY);
    return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace d = csikit::detail;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    d::xlsx_limits limits;
    limits.part_bytes = std::size_t{16} << 20;
    limits.cells = std::size_t{1} << 20;
    try {
        const d::raw_table t = d::read_xlsx(bytes, "<fuzz>", "", std::nullopt, limits);
        for (const auto& c : t.columns)
            if (c.numbers.size() != t.rows || (!c.texts.empty() && c.texts.size() != t.rows)) std::abort();
        if (t.lines.size() != t.rows) std::abort();
        const csikit::responses r = d::table_to_responses(t, fuzz_survey(), {});
        if (static_cast<std::size_t>(r.values.rows()) != t.rows) std::abort();
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
    }
    return 0;
}
