// IPA quadrants, cross-hairs, the iso-priority diagonal, stated importance (the courier example of
// DOMAIN.md) and IPMA on a hand-built fit.
#include <csikit/error.hpp>
#include <csikit/ipa.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "support/ecsi.hpp"

using namespace csikit;

namespace {

std::vector<ipa_factor> four_points() {
    return {{"a", {}, 80, 40}, {"b", {}, 90, 90}, {"c", {}, 20, 30}, {"d", {}, 30, 70}};
}

}  // namespace

TEST_CASE("classify: ties count as high") {
    CHECK(classify(60, 40, 50, 50) == quadrant::concentrate_here);
    CHECK(classify(60, 60, 50, 50) == quadrant::keep_up);
    CHECK(classify(40, 40, 50, 50) == quadrant::low_priority);
    CHECK(classify(40, 60, 50, 50) == quadrant::possible_overkill);
    CHECK(classify(50, 50, 50, 50) == quadrant::keep_up);
    CHECK(classify(50, 49.9, 50, 50) == quadrant::concentrate_here);
    CHECK(classify(49.9, 50, 50, 50) == quadrant::possible_overkill);
}

TEST_CASE("labels in English and Chinese") {
    CHECK(quadrant_label(quadrant::concentrate_here) == "concentrate here");
    CHECK(quadrant_label(quadrant::keep_up) == "keep up the good work");
    CHECK(quadrant_label(quadrant::low_priority) == "low priority");
    CHECK(quadrant_label(quadrant::possible_overkill) == "possible overkill");
    CHECK(quadrant_label(quadrant::concentrate_here, "zh") == "急需改进");
    CHECK(quadrant_label(quadrant::keep_up, "zh-CN") == "继续保持");
    CHECK(quadrant_label(quadrant::low_priority, "zh") == "不占优先地位");
    CHECK(quadrant_label(quadrant::possible_overkill, "zh") == "锦上添花");
    CHECK(std::string(to_string(quadrant::keep_up)) == "keep_up");
}

TEST_CASE("each cross-hair rule") {
    ipa_options o;
    o.rule = crosshair_rule::data_mean;
    auto r = ipa(four_points(), o);
    CHECK(r.importance_cut == doctest::Approx(55));
    CHECK(r.performance_cut == doctest::Approx(57.5));
    CHECK(r.at("a").where == quadrant::concentrate_here);
    CHECK(r.at("b").where == quadrant::keep_up);
    CHECK(r.at("c").where == quadrant::low_priority);
    CHECK(r.at("d").where == quadrant::possible_overkill);

    o.rule = crosshair_rule::data_median;
    auto m = ipa({{"a", {}, 1, 1}, {"b", {}, 2, 2}, {"c", {}, 3, 3}, {"d", {}, 100, 100}}, o);
    CHECK(m.importance_cut == doctest::Approx(2.5));  // the mean would be 26.5
    CHECK(m.at("c").where == quadrant::keep_up);
    CHECK(m.at("b").where == quadrant::low_priority);
    m = ipa({{"a", {}, 1, 5}, {"b", {}, 2, 2}, {"c", {}, 3, 3}}, o);
    CHECK(m.importance_cut == doctest::Approx(2));
    CHECK(m.performance_cut == doctest::Approx(3));
    CHECK(m.at("b").where == quadrant::concentrate_here);  // I = cut counts as high

    o.rule = crosshair_rule::scale_midpoint;
    o.importance_scale = {1, 5};
    o.performance_scale = {1, 5};
    auto s = ipa({{"x", {}, 3.0, 2.9}, {"y", {}, 2.9, 3.0}}, o);
    CHECK(s.importance_cut == 3);
    CHECK(s.at("x").where == quadrant::concentrate_here);
    CHECK(s.at("y").where == quadrant::possible_overkill);
    o.performance_scale = {5, 1};
    CHECK_THROWS_AS(ipa(four_points(), o), argument_error);

    o = ipa_options{};
    o.rule = crosshair_rule::custom;
    o.custom_importance = 85;
    o.custom_performance = 35;
    auto c = ipa(four_points(), o);
    CHECK(c.at("a").where == quadrant::possible_overkill);
    CHECK(c.at("b").where == quadrant::keep_up);
    CHECK(c.at("c").where == quadrant::low_priority);

    CHECK(parse_crosshair_rule("median") == crosshair_rule::data_median);
    CHECK(parse_crosshair_rule("midpoint") == crosshair_rule::scale_midpoint);
    CHECK_THROWS_AS(parse_crosshair_rule("mode"), argument_error);
}

TEST_CASE("iso-priority diagonal: signed gap I - P and priority order") {
    ipa_options o;
    o.diagonal = true;
    o.orientation = axis_orientation::importance_horizontal;
    const auto r = ipa(four_points(), o);
    CHECK(r.at("a").gap == doctest::Approx(40));
    CHECK(r.at("a").above_diagonal);
    CHECK(r.at("b").gap == doctest::Approx(0));
    CHECK_FALSE(r.at("b").above_diagonal);
    CHECK(r.at("d").gap == doctest::Approx(-40));
    // The priority order is not the gap: a (concentrate here) first, then by z(I) - z(P):
    // c 0.002, b -0.18, d -1.17 (z over the four factors, sample SD; see test_ipa_survey.cpp).
    CHECK(r.by_priority() == std::vector<std::string>{"a", "c", "b", "d"});
    CHECK(r.options.orientation == axis_orientation::importance_horizontal);
}

TEST_CASE("input errors") {
    CHECK_THROWS_AS(ipa({}), argument_error);
    CHECK_THROWS_AS(ipa({{"a", {}, 1, 1}, {"a", {}, 2, 2}}), argument_error);
    CHECK_THROWS_AS(ipa({{"a", {}, std::nan(""), 1}}), argument_error);
    CHECK_THROWS_AS(ipa(four_points()).at("zz"), argument_error);
}

// ---- the courier example of DOMAIN.md as stated importance --------------------------------

namespace {

struct courier {
    survey s;
    responses d;
    std::vector<std::pair<std::string, std::string>> pairs;
    // Sums of four 1-5 answers; 0-100 score = 6.25 (sum - 4).
    struct factor { const char* id; int importance_sum; int performance_sum; };
    std::vector<factor> factors{
        {"delivery_time", 18, 12}, {"tracking", 17, 13}, {"safety", 19, 18}, {"pickup", 16, 17},
        {"staff_attitude", 16, 17}, {"tariff", 13, 12}, {"international", 12, 11},
        {"service_range", 13, 17}, {"counter_efficiency", 14, 16}, {"payment_methods", 12, 18}};

    /// Four answers in 1..5 adding up to `sum`.
    static std::vector<double> answers(int sum) {
        std::vector<double> out(4, sum / 4);
        for (int k = 0; k < sum % 4; ++k) out[static_cast<std::size_t>(k)] += 1;
        return out;
    }

    courier() {
        s.scales = {scale{"five", 1, 5, {}, {}, {}}};
        d.values.resize(4, static_cast<Eigen::Index>(2 * factors.size()));
        Eigen::Index col = 0;
        for (const auto& f : factors) {
            const std::string perf = std::string(f.id), imp = std::string(f.id) + "_importance";
            s.items.push_back(item{perf, {}, "five", false, ""});
            s.items.push_back(item{imp, {}, "five", false, ""});
            d.item_ids.push_back(perf);
            d.item_ids.push_back(imp);
            const auto p = answers(f.performance_sum), i = answers(f.importance_sum);
            for (Eigen::Index r = 0; r < 4; ++r) {
                d.values(r, col) = p[static_cast<std::size_t>(r)];
                d.values(r, col + 1) = i[static_cast<std::size_t>(r)];
            }
            col += 2;
            pairs.push_back({perf, imp});
        }
        d.weights = Eigen::VectorXd::Ones(4);
    }
};

}  // namespace

TEST_CASE("courier example: stated importance puts delivery time and tracking first") {
    courier c;
    const auto factors = stated_factors(c.s, c.d, c.pairs);
    REQUIRE(factors.size() == 10);
    CHECK(factors[0].id == "delivery_time");
    CHECK(factors[0].importance == doctest::Approx(87.5));
    CHECK(factors[0].performance == doctest::Approx(50));
    const auto r = ipa(factors);  // data-mean cross-hair
    CHECK(r.importance_cut == doctest::Approx(68.75));
    CHECK(r.performance_cut == doctest::Approx(69.375));
    CHECK(r.in_quadrant(quadrant::concentrate_here) == std::vector<std::string>{"delivery_time", "tracking"});
    CHECK(r.in_quadrant(quadrant::keep_up) == std::vector<std::string>{"safety", "pickup", "staff_attitude"});
    CHECK(r.in_quadrant(quadrant::low_priority) == std::vector<std::string>{"tariff", "international"});
    CHECK(r.in_quadrant(quadrant::possible_overkill) ==
          std::vector<std::string>{"service_range", "counter_efficiency", "payment_methods"});
    CHECK(quadrant_label(r.at("tracking").where, "zh") == "急需改进");
    CHECK(quadrant_label(r.at("payment_methods").where, "zh") == "锦上添花");
    // Same 0-100 metric on both axes: the diagonal ranks delivery time first (gap 37.5).
    CHECK(r.by_priority().front() == "delivery_time");
    CHECK(item_performance(c.s, c.d, "safety") == doctest::Approx(87.5));
}

TEST_CASE("stated performance is respondent-weighted and skips missing answers") {
    courier c;
    c.d.values(0, 0) = std::nan("");  // delivery_time: answers 3, 3, 3 remain -> 50
    c.d.weighted = true;
    c.d.weights << 1, 1, 1, 1;
    CHECK(item_performance(c.s, c.d, "delivery_time") == doctest::Approx(50));
    c.d.values(1, 0) = 5;  // answers (nan, 5, 3, 3) with weights 1, 2, 1, 1 -> mean 4 -> 75
    c.d.weights << 1, 2, 1, 1;
    CHECK(item_performance(c.s, c.d, "delivery_time") == doctest::Approx(75));
}

// ---- IPMA on a hand-built fit -------------------------------------------------------------

TEST_CASE("IPMA: construct importance = unstandardised total effect, indicator importance = w* I") {
    survey s;
    s.scales = {scale{"five", 1, 5, {}, {}, {}}, scale{"eleven", 0, 10, {}, {}, {}}};
    s.items = {item{"a1", {}, "five", false, ""}, item{"a2", {}, "five", false, ""}, item{"b1", {}, "eleven", false, ""},
               item{"c1", {}, "eleven", false, ""}};
    pls_fit f;
    f.constructs = {"A", "B", "C"};
    f.indicators = {"a1", "a2", "b1", "c1"};
    f.block = {0, 0, 1, 2};
    f.weights_unstandardized = Eigen::Vector4d(0.6, 0.2, 0.5, 1.0);
    f.total_effects = Eigen::Matrix3d::Zero();
    f.total_effects(1, 0) = 0.5;  // A -> B; C is not connected to B
    f.data.item_ids = f.indicators;
    f.data.mean = Eigen::Vector4d(4, 3, 7, 5);
    f.data.sd = Eigen::Vector4d(1, 0.5, 2, 1);
    f.data.correlation = Eigen::Matrix4d::Identity();
    f.data.correlation(0, 1) = f.data.correlation(1, 0) = 0.5;

    const ipma_result r = ipma(f, s, "B");
    const double sd_a = 100 * std::sqrt(.1875 * .1875 + 2 * .1875 * .0625 * .25 + .0625 * .0625 * .25);
    const double importance_a = 0.5 * 20 / sd_a;
    REQUIRE(r.constructs.size() == 1);  // C has no effect on B, B itself is the target
    CHECK(r.constructs[0].id == "A");
    CHECK(r.constructs[0].importance == doctest::Approx(importance_a));
    CHECK(r.constructs[0].performance == doctest::Approx(68.75));
    REQUIRE(r.indicators.size() == 2);
    CHECK(r.indicators[0].id == "a1");
    CHECK(r.indicators[0].importance == doctest::Approx(.75 * importance_a));
    CHECK(r.indicators[0].performance == doctest::Approx(75));
    CHECK(r.indicators[1].importance == doctest::Approx(.25 * importance_a));
    CHECK(r.indicators[1].performance == doctest::Approx(50));
    // The ACSI impact is 5 x the IPMA importance.
    CHECK(r.indices.impact("A", "B") == doctest::Approx(5 * importance_a));
    const auto q = ipa(r.indicator_factors());
    CHECK(q.at("a1").where == quadrant::keep_up);
    CHECK(q.at("a2").where == quadrant::low_priority);
    CHECK_THROWS_AS(ipma(f, s, "Z"), argument_error);
}

// ---- ECSI mobi: IPMA performances are the indices; derived importance on moments ----------

TEST_CASE("ECSI IPMA for CUSA and derived item importance") {
    const auto e = test_support::load_ecsi();
    const survey& s = e.s;
    const responses& d = e.data;
    const pls_fit& f = e.fit;
    const ipma_result r = ipma(f, s, d, "CUSA");
    // IMAG, CUEX, PERQ, PERV drive CUSA; CUSCO and CUSL do not.
    REQUIRE(r.constructs.size() == 4);
    const std::map<std::string, double> performance = {{"IMAG", 73.53}, {"CUEX", 72.47}, {"PERQ", 74.98}, {"PERV", 62.35}};
    for (const auto& e : r.constructs) {
        CAPTURE(e.id);
        CHECK(std::abs(e.performance - performance.at(e.id)) < 0.005);
        CHECK(e.importance > 0);
    }
    // Indicator importances of a block add up to the construct's importance.
    double perq = 0;
    for (const auto& e : r.indicators)
        if (e.construct == "PERQ") perq += e.importance;
    for (const auto& e : r.constructs)
        if (e.id == "PERQ") CHECK(perq == doctest::Approx(e.importance));

    const auto factors = derived_factors(s, d, {"PERQ1", "PERQ2", "PERQ3"}, "CUSA1", importance_measure::lmg);
    REQUIRE(factors.size() == 3);
    const moments m = compute_moments(d, {"PERQ1", "PERQ2", "PERQ3", "CUSA1"});
    const auto t = importance_all(m, {"PERQ1", "PERQ2", "PERQ3"}, "CUSA1");
    CHECK(factors[0].importance + factors[1].importance + factors[2].importance == doctest::Approx(t.r2));
    CHECK(factors[1].performance == doctest::Approx(item_performance(s, d, "PERQ2")));
}
