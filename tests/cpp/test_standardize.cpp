// Composition-adjusted comparison (issue 14 item 5): a constructed case where the pooled change
// is pure composition (within-stratum scores equal across waves, the mix moves from 80% to 40%
// of stratum "a") gives an adjusted change of exactly 0, and the adjusted figures equal the
// hand computation sum_s pi_s mean_gs for the pooled, the first-wave and a given mix.
#include <csikit/error.hpp>
#include <csikit/schema.hpp>
#include <csikit/standardize.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace csikit;

namespace {

const char* schema_text = R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
  "items": [{"id": "Q", "scale": "five"}], "segment_columns": ["region"], "wave_column": "wave"})";

// Wave 1: 8 in a, 2 in b; wave 2: 3 in a, 7 in b. In a the answers are 5, 4 alternately
// (scores 100, 75); in b 2, 3 (25, 50): within-stratum means 87.5 and 37.5 in both waves.
responses composition_data(const survey& s) {
    std::vector<std::string> wave, region;
    std::vector<double> q;
    auto add = [&](const char* w, const char* r, int count, double hi, double lo) {
        for (int k = 0; k < count; ++k) {
            wave.push_back(w);
            region.push_back(r);
            q.push_back(k % 2 ? lo : hi);
        }
    };
    add("1", "a", 8, 5, 4);
    add("1", "b", 2, 2, 3);
    add("2", "a", 4, 5, 4);  // 4 then 6: an even count keeps the stratum mean at 87.5 / 37.5
    add("2", "b", 6, 2, 3);
    Eigen::MatrixXd x(static_cast<Eigen::Index>(q.size()), 1);
    for (std::size_t r = 0; r < q.size(); ++r) x(static_cast<Eigen::Index>(r), 0) = q[r];
    return make_responses(s, {"Q"}, x, {}, {{"wave", wave}, {"region", region}});
}

}  // namespace

TEST_CASE("a change that is pure composition has an adjusted change of exactly 0") {
    const survey s = parse_survey(schema_text);
    const responses d = composition_data(s);
    standardize_options o;
    o.adjust_for = "region";
    const auto r = standardize(s, d, o);
    REQUIRE(r.groups == std::vector<std::string>{"1", "2"});
    REQUIRE(r.figures.size() == 2);
    const auto& w1 = r.figures[0];
    const auto& w2 = r.figures[1];
    // raw: wave 1 = 0.8 * 87.5 + 0.2 * 37.5 = 77.5; wave 2 = 0.4 * 87.5 + 0.6 * 37.5 = 57.5
    CHECK(w1.raw.mean == doctest::Approx(77.5));
    CHECK(w2.raw.mean == doctest::Approx(57.5));
    // pooled mix: 12 of 20 in a -> 0.6 * 87.5 + 0.4 * 37.5 = 67.5 in both waves
    CHECK(r.reference[0] == doctest::Approx(0.6));
    CHECK(w1.adjusted.mean == doctest::Approx(67.5));
    CHECK(w2.adjusted.mean == doctest::Approx(67.5));
    CHECK(w2.adjusted.mean - w1.adjusted.mean == doctest::Approx(0).scale(1).epsilon(1e-12));
    CHECK(w1.adjusted.ci.lower < 67.5);
    CHECK(w1.adjusted.ci.upper > 67.5);

    o.reference = reference_mix::first;  // wave 1's mix: wave 2 adjusted to 77.5
    const auto f = standardize(s, d, o);
    CHECK(f.figures[1].adjusted.mean == doctest::Approx(77.5));
    CHECK(f.figures[0].adjusted.mean == doctest::Approx(f.figures[0].raw.mean));

    o.reference = reference_mix::given;
    o.shares = {{"a", 0.5}, {"b", 0.5}};
    CHECK(standardize(s, d, o).figures[1].adjusted.mean == doctest::Approx(62.5));
    o.shares = {{"a", 0.5}};
    CHECK_THROWS_WITH_AS(standardize(s, d, o), doctest::Contains("no reference share for \"b\""), argument_error);
    o.shares = {{"a", 0.5}, {"b", 0.6}};
    CHECK_THROWS_WITH_AS(standardize(s, d, o), doctest::Contains("sum to 1.1"), argument_error);
    o.adjust_for = "nowhere";
    CHECK_THROWS_WITH_AS(standardize(s, d, o), doctest::Contains("adjust_for: unknown column"), argument_error);
}

TEST_CASE("the adjusted interval combines the strata's standard errors") {
    const survey s = parse_survey(schema_text);
    const responses d = composition_data(s);
    standardize_options o;
    o.adjust_for = "region";
    const auto r = standardize(s, d, o);
    // wave 1, stratum a: scores 100, 75 x4 each -> sd of 8 values, se = sd / sqrt(8)
    auto se_of = [](int n) {  // half 100 and half 75 (or 25 and 50): sd = 12.5 sqrt(n / (n - 1))
        const double sd = 12.5 * std::sqrt(static_cast<double>(n) / (n - 1));
        return sd / std::sqrt(static_cast<double>(n));
    };
    const double se = std::sqrt(0.36 * se_of(8) * se_of(8) + 0.16 * se_of(2) * se_of(2));
    CHECK(r.figures[0].adjusted.se == doctest::Approx(se).epsilon(1e-12));
}

TEST_CASE("the change from wave to wave: raw -20, adjusted 0, both by Welch's t of the figures") {
    const survey s = parse_survey(schema_text);
    const responses d = composition_data(s);
    standardize_options o;
    o.adjust_for = "region";
    const auto r = standardize(s, d, o);
    REQUIRE(r.changes.size() == 1);
    const auto& c = r.changes[0];
    CHECK(c.id == "Q");
    CHECK(c.from == "1");
    CHECK(c.to == "2");
    CHECK(c.raw.difference == doctest::Approx(-20));
    CHECK(c.adjusted.difference == doctest::Approx(0).scale(1).epsilon(1e-12));
    // se of the adjusted change: the two waves' adjusted se combined in quadrature
    const double se = std::hypot(r.figures[0].adjusted.se, r.figures[1].adjusted.se);
    CHECK(c.adjusted.ci.upper - c.adjusted.ci.lower > 2 * 1.96 * se);  // t quantile > z
    CHECK(c.adjusted.p_value == doctest::Approx(1));
    CHECK(r.options.by == "wave");  // the wave column, resolved
}

TEST_CASE("reference shares from text: CSV lines with an optional header, or a JSON object") {
    auto m = parse_reference_shares("value,share\na,0.25\nb, 0.75\n", "mix.csv");
    CHECK(m.size() == 2);
    CHECK(m.at("b") == 0.75);
    m = parse_reference_shares(R"({"a": 0.5, "b": 0.5})", "x");
    CHECK(m.at("a") == 0.5);
    CHECK_THROWS_WITH_AS(parse_reference_shares("a,half\n", "mix.csv"), doctest::Contains("mix.csv: share \"half\""),
                         argument_error);
    CHECK_THROWS_WITH_AS(parse_reference_shares("a,0.5\na,0.5\n", "mix.csv"), doctest::Contains("given twice"), argument_error);
    CHECK_THROWS_WITH_AS(parse_reference_shares("{\"a\": \"x\"}", "m"), doctest::Contains("not a number"), argument_error);
    CHECK_THROWS_WITH_AS(parse_reference_shares("", "m"), doctest::Contains("no shares"), argument_error);
}
