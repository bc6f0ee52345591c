// IPA without a path model (issue 14 item 1) and the priority order of every map (item 2).
// Expected values are computed here by other means: plain loops over the answers for stated
// importance, a correlation written in the test for derived importance, z-scores written in
// the test for the priority order.
#include <csikit/error.hpp>
#include <csikit/ipa_survey.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

using namespace csikit;

namespace {

/// Standardised values over the factors (sample SD), written independently of the library.
std::vector<double> z(const std::vector<double>& x) {
    double m = 0;
    for (double v : x) m += v;
    m /= static_cast<double>(x.size());
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    const double sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
    std::vector<double> out;
    for (double v : x) out.push_back((v - m) / sd);
    return out;
}

/// Three performance items on 1-5 with importance items, an overall item and a segment.
const char* schema_text = R"({
  "name": "t",
  "scales": [{"id": "five", "min": 1, "max": 5}],
  "items": [
    {"id": "A", "scale": "five", "importance_item": "A_imp"},
    {"id": "B", "scale": "five", "importance_item": "B_imp"},
    {"id": "C", "scale": "five", "importance_item": "C_imp"},
    {"id": "A_imp", "scale": "five"}, {"id": "B_imp", "scale": "five"}, {"id": "C_imp", "scale": "five"},
    {"id": "OV", "scale": "five"}
  ],
  "segment_columns": ["seg"],
  "overall_item": "OV"
})";

struct fixture {
    survey s = parse_survey(schema_text);
    responses d;
    fixture() {
        std::string csv = "A,B,C,A_imp,B_imp,C_imp,OV,seg\n";
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> five(1, 5);
        for (int r = 0; r < 60; ++r) {
            const int a = five(rng), b = five(rng), c = five(rng);
            const int ov = std::clamp((2 * a + b + c + five(rng)) / 5, 1, 5);
            csv += std::to_string(a) + "," + std::to_string(b) + "," + std::to_string(c) + "," +
                   std::to_string(std::min(5, 3 + r % 3)) + "," + std::to_string(2 + r % 2) + "," + std::to_string(1 + r % 5) + "," +
                   std::to_string(ov) + "," + (r % 2 ? "x" : "y") + "\n";
        }
        d = parse_responses(csv, s);
    }
    double mean100(const std::string& id, int parity = -1) const {
        const Eigen::Index c = d.column(id);
        double sum = 0;
        int n = 0;
        for (Eigen::Index r = 0; r < d.values.rows(); ++r) {
            if (parity >= 0 && r % 2 != parity) continue;
            sum += 25.0 * (d.values(r, c) - 1);
            ++n;
        }
        return sum / n;
    }
};

}  // namespace

TEST_CASE("priority order: concentrate here first, then z(I) - z(P), not the raw gap") {
    // Importance on a total-effect metric (0.1-0.45), performance on 0-100: the issue's case.
    // The old rule (largest I - P first) put IMAG3, low priority, ahead of IMAG1, concentrate here.
    const std::vector<ipa_factor> f{{"IMAG1", {}, 0.45, 70}, {"IMAG2", {}, 0.40, 80}, {"IMAG3", {}, 0.10, 62}, {"IMAG4", {}, 0.15, 85}};
    const auto r = ipa(f);
    REQUIRE(r.at("IMAG1").where == quadrant::concentrate_here);
    REQUIRE(r.at("IMAG3").where == quadrant::low_priority);
    CHECK(r.at("IMAG3").gap > r.at("IMAG1").gap);  // what the old order sorted by
    const auto zi = z({0.45, 0.40, 0.10, 0.15}), zp = z({70, 80, 62, 85});
    for (std::size_t k = 0; k < f.size(); ++k) CHECK(r.points[k].priority == doctest::Approx(zi[k] - zp[k]).epsilon(1e-12));
    // IMAG1 first (concentrate here); then the others by z(I) - z(P): IMAG3 (0.196) before IMAG2
    // (0.152) before IMAG4 (-1.758).
    std::vector<std::pair<double, std::string>> rest;
    for (std::size_t k = 1; k < f.size(); ++k) rest.push_back({zi[k] - zp[k], f[k].id});
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> expected{"IMAG1"};
    for (const auto& [v, id] : rest) expected.push_back(id);
    CHECK(r.by_priority() == expected);
    CHECK(r.by_priority().front() == "IMAG1");
    CHECK(r.at("IMAG1").rank == 1);
    // The order is unit-free: rescaling an axis leaves it unchanged.
    std::vector<ipa_factor> g = f;
    for (auto& x : g) x.importance *= 1000, x.performance = x.performance / 10 - 3;
    CHECK(ipa(g).by_priority() == r.by_priority());
}

TEST_CASE("priority order: one factor, or no spread, gives priority 0") {
    const auto r = ipa({{"a", {}, 1, 50}});
    CHECK(r.points[0].priority == 0);
    CHECK(r.by_priority() == std::vector<std::string>{"a"});
}

TEST_CASE("survey IPA, stated: importance items' mean 0-100 scores") {
    fixture fx;
    REQUIRE(ipa_possible(fx.s));
    const auto r = survey_ipa(fx.s, fx.d);
    CHECK(r.importance == importance_source::stated);
    REQUIRE(r.map.points.size() == 3);
    for (const char* id : {"A", "B", "C"}) {
        const auto& p = r.map.at(id);
        CHECK(p.performance == doctest::Approx(fx.mean100(id)).epsilon(1e-12));
        CHECK(p.importance == doctest::Approx(fx.mean100(std::string(id) + "_imp")).epsilon(1e-12));
    }
    double ci = 0, cp = 0;
    for (const auto& p : r.map.points) ci += p.importance / 3, cp += p.performance / 3;
    CHECK(r.map.importance_cut == doctest::Approx(ci));
    CHECK(r.map.performance_cut == doctest::Approx(cp));
    CHECK(r.factors[0].importance_item == "A_imp");
}

TEST_CASE("survey IPA, derived: correlation with the overall item") {
    fixture fx;
    survey_ipa_options o;
    o.importance = importance_source::correlation;
    const auto r = survey_ipa(fx.s, fx.d, o);
    CHECK(r.outcome == "OV");
    const Eigen::Index ov = fx.d.column("OV");
    for (const char* id : {"A", "B", "C"}) {
        const Eigen::Index c = fx.d.column(id);
        const Eigen::VectorXd x = fx.d.values.col(c), y = fx.d.values.col(ov);
        const double mx = x.mean(), my = y.mean();
        const double r_xy = ((x.array() - mx) * (y.array() - my)).sum() /
                            std::sqrt(((x.array() - mx).square().sum()) * ((y.array() - my).square().sum()));
        CHECK(r.map.at(id).importance == doctest::Approx(r_xy).epsilon(1e-10));
    }
    CHECK(r.used == 60);
    // A drives the overall item twice as strongly as B and C.
    CHECK(r.map.at("A").importance > r.map.at("B").importance);
    // Relative weights and LMG sum to R^2.
    for (auto m : {importance_source::relative_weights, importance_source::lmg, importance_source::pratt}) {
        o.importance = m;
        const auto q = survey_ipa(fx.s, fx.d, o);
        double sum = 0;
        for (const auto& p : q.map.points) sum += p.importance;
        CHECK(sum == doctest::Approx(q.r2).epsilon(1e-10));
    }
}

TEST_CASE("survey IPA: --by gives a map per group") {
    fixture fx;
    survey_ipa_options o;
    o.by = "seg";
    const auto r = survey_ipa(fx.s, fx.d, o);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].value == "x");
    REQUIRE(r.groups[0].map);
    CHECK(r.groups[0].map->at("A").performance == doctest::Approx(fx.mean100("A", 1)));
    CHECK(r.groups[1].map->at("A").performance == doctest::Approx(fx.mean100("A", 0)));
}

TEST_CASE("survey IPA: a hierarchy node as a factor") {
    const survey s = parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
      "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}, {"id": "C", "scale": "five"},
                {"id": "D1_imp", "scale": "five"}, {"id": "C_imp", "scale": "five"}],
      "hierarchy": {"id": "ROOT", "children": [
        {"id": "D1", "importance_item": "D1_imp", "children": [{"item": "A", "weight": 3}, {"item": "B", "weight": 1}]},
        {"item": "C", "importance_item": "C_imp"}]}})");
    const responses d = parse_responses("A,B,C,D1_imp,C_imp\n5,1,3,5,1\n3,,4,4,2\n", s);
    const auto r = survey_ipa(s, d);
    REQUIRE(r.map.points.size() == 2);
    CHECK(r.factors[0].kind == "node");
    // Respondent 1: (3*100 + 1*0)/4 = 75; respondent 2: B missing -> A alone = 50.
    CHECK(r.map.at("D1").performance == doctest::Approx(62.5));
    CHECK(r.map.at("D1").importance == doctest::Approx(87.5));
    CHECK(r.map.at("C").performance == doctest::Approx(62.5));
}

TEST_CASE("survey IPA: bad input names where and what") {
    fixture fx;
    survey_ipa_options o;
    // LMG past its limit.
    {
        std::string items, cols, row;
        for (int k = 0; k < 16; ++k) items += R"({"id": "X)" + std::to_string(k) + R"(", "scale": "five"},)";
        const survey s = parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}], "items": [)" + items +
                                      R"({"id": "OV", "scale": "five"}], "overall_item": "OV"})");
        std::vector<std::string> ids;
        for (int k = 0; k < 16; ++k) ids.push_back("X" + std::to_string(k));
        ids.push_back("OV");
        Eigen::MatrixXd v = Eigen::MatrixXd::Ones(30, 17);
        std::mt19937 rng(3);
        for (Eigen::Index r = 0; r < 30; ++r)
            for (Eigen::Index c = 0; c < 17; ++c) v(r, c) = 1 + static_cast<double>(rng() % 5);
        const responses d = make_responses(s, ids, v);
        o.importance = importance_source::lmg;
        try {
            survey_ipa(s, d, o);
            FAIL("expected argument_error");
        } catch (const argument_error& e) {
            CHECK(std::string(e.what()).find("at most 15") != std::string::npos);
        }
        CHECK_FALSE(ipa_possible(parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
            "items": [{"id": "A", "scale": "five"}]})")));
    }
    // Stated importance without any importance item.
    const survey bare = parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
        "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}, {"id": "OV", "scale": "five"}],
        "overall_item": "OV"})");
    const responses bd = parse_responses("A,B,OV\n1,2,3\n2,3,3\n3,1,4\n", bare);
    o.importance = importance_source::stated;
    CHECK_THROWS_WITH_AS(survey_ipa(bare, bd, o), doctest::Contains("importance_item"), argument_error);
    // Derived without an overall item.
    o.importance = importance_source::beta;
    survey no_overall = fx.s;
    no_overall.overall_item.clear();
    CHECK_THROWS_WITH_AS(survey_ipa(no_overall, fx.d, o), doctest::Contains("overall_item"), argument_error);
    CHECK_THROWS_AS(parse_importance_source("cheese"), argument_error);
    CHECK(parse_importance_source("rwa") == importance_source::relative_weights);
    // An unknown --by column.
    o = {};
    o.by = "region";
    CHECK_THROWS_WITH_AS(survey_ipa(fx.s, fx.d, o), doctest::Contains("region"), argument_error);
    // The schema: an importance item that does not exist, or the item itself.
    CHECK_THROWS_WITH_AS(parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
        "items": [{"id": "A", "scale": "five", "importance_item": "A_imp"}]})"),
                         doctest::Contains("items[0].importance_item"), schema_error);
    CHECK_THROWS_WITH_AS(parse_survey(R"({"name": "t", "scales": [{"id": "five", "min": 1, "max": 5}],
        "items": [{"id": "A", "scale": "five", "importance_item": "A"}]})"),
                         doctest::Contains("names itself"), schema_error);
}

TEST_CASE("survey IPA JSON: factors with id, importance, performance, quadrant; the cross-hair") {
    fixture fx;
    const auto r = survey_ipa(fx.s, fx.d);
    const auto doc = nlohmann::json::parse(to_json(r));
    CHECK(doc["importance"] == "stated");
    CHECK(doc["crosshair"]["rule"] == "data_mean");
    REQUIRE(doc["factors"].size() == 3);
    for (const auto& f : doc["factors"]) {
        CHECK(f["id"].is_string());
        CHECK(std::string(f["quadrant"]).find('_') != std::string::npos);
        CHECK(f["importance"] == doctest::Approx(r.map.at(f["id"].get<std::string>()).importance));
    }
    CHECK(doc["priority_order"].get<std::vector<std::string>>() == r.map.by_priority());
}
