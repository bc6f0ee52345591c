// The resource limits of the core (docs/reliability.md, "Limits"): threads the system refuses,
// sizes checked before allocating, segment columns of many values, the smallest sample.
// The CLI side, under explicit `ulimit -v`, is tests/cli/test_limits.sh.
#include <csikit/bootstrap.hpp>
#include <csikit/scoring.hpp>
#include <csikit/simulate.hpp>

#include <doctest/doctest.h>

#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "support/ecsi.hpp"

using namespace csikit;

namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool sanitized = true;  // the sanitizers reserve terabytes of address space
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif
#else
constexpr bool sanitized = false;
#endif

/// The ECSI case fitted once for the whole file.
const test_support::ecsi_case& ecsi() {
    static const test_support::ecsi_case c = test_support::load_ecsi();
    return c;
}

/// The process's address space in bytes now (/proc/self/statm, first field in pages).
std::size_t address_space_now() {
    std::ifstream in("/proc/self/statm");
    std::size_t pages = 0;
    in >> pages;
    return pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

/// Lowers the soft address-space limit for its lifetime, then restores it.
class address_space_limit {
public:
    explicit address_space_limit(std::size_t bytes) {
        getrlimit(RLIMIT_AS, &saved_);
        rlimit lower = saved_;
        lower.rlim_cur = bytes;
        ok_ = setrlimit(RLIMIT_AS, &lower) == 0;
    }
    ~address_space_limit() { setrlimit(RLIMIT_AS, &saved_); }
    bool ok() const noexcept { return ok_; }

private:
    rlimit saved_{};
    bool ok_ = false;
};

void expect_argument_error(auto&& f, const std::string& field, const std::string& text) {
    try {
        f();
        FAIL("expected an argument_error");
    } catch (const argument_error& e) {
        CHECK(e.problems().front().where.field == field);
        CHECK_MESSAGE(std::string(e.what()).find(text) != std::string::npos, std::string(e.what()));
    }
}

}  // namespace

TEST_CASE("1000 threads where the system refuses most: fewer workers, the same numbers") {
    if (sanitized) return;
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 300;
    o.bca = false;
    o.threads = 1;
    const bootstrap_result one = bootstrap(e.model, e.data, e.fit, o);
    o.threads = 1000;
    bootstrap_result many;
    {
        // 300 MB above what the process maps now: room for a few dozen 8 MB thread stacks.
        const address_space_limit limit(address_space_now() + (std::size_t{300} << 20));
        REQUIRE(limit.ok());
        many = bootstrap(e.model, e.data, e.fit, o);  // before: std::terminate
    }
    CHECK(many.threads >= 1);
    CHECK(many.threads < 300);  // the limit did refuse threads: fewer ran than asked
    REQUIRE(many.parameters.size() == one.parameters.size());
    for (std::size_t k = 0; k < one.parameters.size(); ++k) {
        CHECK(std::memcmp(&many.parameters[k].se, &one.parameters[k].se, sizeof(double)) == 0);
        CHECK(std::memcmp(&many.parameters[k].ci_low, &one.parameters[k].ci_low, sizeof(double)) == 0);
    }
}

TEST_CASE("bootstrap refuses more than max_resamples before allocating") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 10000000;  // before: 10^7 x parameters x 8 bytes, std::bad_alloc
    expect_argument_error([&] { bootstrap(e.model, e.data, e.fit, o); }, "resamples",
                          "10000000 resamples is above the limit of 100000");
    o.resamples = max_resamples + 1;
    expect_argument_error([&] { bootstrap(e.model, e.data, e.fit, o); }, "resamples", "above the limit");
}

TEST_CASE("simulate refuses more than its documented n before allocating") {
    population_model pop;
    pop.model.constructs = {construct{"X", {}, {"x1", "x2", "x3"}, outer_mode::A, ""},
                            construct{"Y", {}, {"y1", "y2", "y3"}, outer_mode::A, ""}};
    pop.model.paths = {path{"X", "Y"}};
    pop.path_coefficients = {0.5};
    pop.loadings = {0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    // Before: std::bad_alloc (10^12 x 6 doubles) or a 480 MB draw.
    expect_argument_error([&] { simulate(pop, 1000000000000ull); }, "n", "is above the limit of 10000000");
    expect_argument_error([&] { simulate(pop, max_simulated_respondents); }, "n",
                          "10000000 respondents x 6 indicators is above the limit of 50000000 simulated answers");
    CHECK(simulate(pop, 10).values.rows() == 10);
}

TEST_CASE("two respondents: the estimate names the sample size, not collinearity") {
    const auto& e = ecsi();
    const responses two = e.data.subset({0, 1});
    try {
        (void)estimate(e.model, two);
        FAIL("expected a numeric_error");
    } catch (const numeric_error& err) {
        CHECK_MESSAGE(std::string(err.what()).find("only 2 respondents are usable (expected at least 3") !=
                          std::string::npos,
                      std::string(err.what()));
    }
    CHECK(estimate(e.model, e.data.subset({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})).data.respondents_used == 12);
}

TEST_CASE("a segment column of 20,000 values: the 50 largest, one (other) group, a note") {
    const survey s = parse_survey(R"({"name": "seg", "scales": [{"id": "s", "min": 1, "max": 5}],
        "items": [{"id": "Q1", "scale": "s"}], "segment_columns": ["shop"]})");
    std::ostringstream csv;
    csv << "Q1,shop\n";
    // Shop "big7" has 3 respondents, "big0".."big6" 2 each, 20,000 shops 1 each, 5 rows no shop.
    for (int k = 0; k < 7; ++k) csv << "4,big" << k << "\n5,big" << k << "\n";
    csv << "3,big7\n4,big7\n5,big7\n";
    for (int k = 0; k < 20000; ++k) csv << (1 + k % 5) << ",s" << k << "\n";
    for (int k = 0; k < 5; ++k) csv << "3,\n";
    const responses d = parse_responses(csv.str(), s);
    score_options o;
    o.by = "shop";
    const score_report r = score(s, d, o);
    REQUIRE(r.by_segment.size() == max_segments_shown + 1);
    CHECK(r.by_segment.back().value == other_segments);
    std::size_t shown = 0, big = 0;
    for (const auto& g : r.by_segment) {
        shown += g.n;
        if (g.value.rfind("big", 0) == 0) ++big;
    }
    CHECK(big == 8);  // every larger shop is among the shown ones
    CHECK(shown == d.respondents() - 5);
    CHECK(r.by_segment.back().n == 20000 - (max_segments_shown - 8));
    const auto has = [&](const std::string& text) {
        for (const auto& n : r.notes)
            if (n.find(text) != std::string::npos) return true;
        return false;
    };
    CHECK(has("5 respondents have no value in the segment column \"shop\""));
    CHECK(has("has 20008 values: the 50 largest are shown, the other 19958 are pooled as \"(other)\""));

    // The same groups beside their complements, for the reports.
    const auto b = segment_breakdowns(s, d);
    REQUIRE(b.size() == 1);
    REQUIRE(b[0].groups.size() == max_segments_shown + 1);
    for (std::size_t k = 0; k < b[0].groups.size(); ++k)
        CHECK(b[0].groups[k].n + b[0].rest[k].n == d.respondents());
}

TEST_CASE("CSV limits: the column count is named; blank lines cost nothing") {
    const survey s = parse_survey(R"({"name": "lim", "scales": [{"id": "s", "min": 1, "max": 5}],
        "items": [{"id": "Q1", "scale": "s"}], "segment_columns": ["shop"]})");
    auto expect_parse = [&](const std::string& text, const std::string& want) {
        try {
            (void)parse_responses(text, s);
            FAIL("expected an error");
        } catch (const error& e) {
            CHECK_MESSAGE(std::string(e.what()).find(want) != std::string::npos, std::string(e.what()));
        }
    };
    // The record and cell limits (hundreds of MiB) are tested through the CLI, under ulimit -v.
    expect_parse("Q1,shop\n1,a\n2,b" + std::string(max_columns, ',') + "\n", "3: row has more than " + std::to_string(max_columns) + " fields");
    expect_parse("Q1,shop" + std::string(max_columns, ',') + "\n1,a\n", "the header has more than " + std::to_string(max_columns) + " columns");
    // 10^6 blank lines: once lines x items x 8 bytes were reserved before a row was read.
    const responses d = parse_responses("Q1,shop\n1,a\n" + std::string(1000000, '\n') + "2,b\n", s);
    CHECK(d.respondents() == 2);
    CHECK(d.values.rows() == 2);
}
