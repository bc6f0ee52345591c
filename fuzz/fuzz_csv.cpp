// Fuzz target: the CSV reader against a fixed small survey, tests/corpus/fuzz_csv_survey.json
// (two 1..5 items with missing codes, one reverse-worded, an NPS item 0..10 read from column
// "recommend", weights, a segment and a wave column).
// The first input byte picks the delimiter option and the out-of-scale policy; the rest is the
// CSV text. Any input must give consistent responses or throw a csikit::error.
#include "fuzz_common.hpp"

#include <csikit/data.hpp>
#include <csikit/schema.hpp>
#include <csikit/report.hpp>
#include <csikit/scoring.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const csikit::survey& fuzz_survey() {
    static const csikit::survey s = csikit::load_survey(CSIKIT_FUZZ_CSV_SURVEY);
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const csikit::survey& s = fuzz_survey();
    csikit::read_options opt;
    static constexpr char delims[] = {0, ',', ';', '\t'};
    opt.delimiter = delims[data[0] & 3];
    opt.out_of_scale = (data[0] & 4) ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    csikit::responses r;
    try {
        r = csikit::parse_responses(text, s, opt);
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
        return 0;
    }
    // Invariants of a successful read.
    const auto n = r.values.rows();
    if (n < 1 || r.values.cols() != 3 || r.weights.size() != n || r.lines.size() != static_cast<std::size_t>(n))
        std::abort();
    if (r.summary.respondents != static_cast<std::size_t>(n)) std::abort();
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!std::isfinite(r.weights(i)) || r.weights(i) < 0) std::abort();
        for (Eigen::Index j = 0; j < 3; ++j) {
            const double x = r.values(i, j);
            const double hi = j == 2 ? 10 : 5, lo = j == 2 ? 0 : 1;
            if (!std::isnan(x) && (x < lo || x > hi)) std::abort();
        }
    }
    // Scoring whatever was read must not crash either (it may refuse with a csikit::error).
    if (size < 4096) {
        try {
            csikit::score_options so;
            so.by = "region";
            (void)csikit::to_json(csikit::score(s, r, so), -1);
        } catch (const csikit::error& e) {
            csikit_fuzz::check_error(e);
        }
    }
    return 0;
}
