// Fuzz target (readers): SPSS .sav/.zsav and Stata .dta through ReadStat's callbacks, then the
// table applied to the fixed survey tests/data/readers/shop.json. The format is told by the
// input's first bytes as read_responses tells it (anything not SPSS is parsed as Stata), so the
// committed fixtures are seeds as they are. Any input must give consistent responses or throw a
// csikit::error.
#include "fuzz_common.hpp"

#include "readstat_reader.hpp"
#include "sniff.hpp"

#include <csikit/data.hpp>
#include <csikit/schema.hpp>

#include <cmath>
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
    const auto f = d::sniff_format(bytes.substr(0, d::sniff_bytes_wanted));
    const auto format = f == d::file_format::sav || f == d::file_format::zsav ? d::stat_format::sav : d::stat_format::dta;
    try {
        // A small cell cap: a header claiming 10^9 cases stops at 2^20 cells.
        const d::raw_table t = d::read_stat_file(bytes, format, "<fuzz>", std::nullopt, std::size_t{1} << 20);
        for (const auto& c : t.columns)
            if (c.numbers.size() != t.rows || (!c.texts.empty() && c.texts.size() != t.rows)) std::abort();
        const csikit::responses r = d::table_to_responses(t, fuzz_survey(), {});
        if (static_cast<std::size_t>(r.values.rows()) != t.rows || r.weights.size() != r.values.rows()) std::abort();
        for (Eigen::Index i = 0; i < r.values.rows(); ++i)
            if (!std::isfinite(r.weights(i)) || r.weights(i) < 0) std::abort();
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
    }
    return 0;
}
