// Scoring against hand-computed values on a small survey built in code (no loader, no CSV).
#include <csikit/report.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

using doctest::Approx;

namespace {

constexpr double NA = std::numeric_limits<double>::quiet_NaN();

csikit::localized_text text(const std::string& en) { return {{{"en", en}}}; }

/// Five-point scale (top box 4-5), a five-point scale with a full score map, and 0-10 NPS.
csikit::survey small_survey() {
    csikit::survey s;
    s.name = "test";
    s.languages = {"en"};
    csikit::scale five{"five", 1, 5, {}, {}, {4, 5}};
    for (int v = 1; v <= 5; ++v) five.values.push_back({double(v), text("v" + std::to_string(v)), std::nullopt});
    csikit::scale scored{"scored", 1, 5, {}, {}, {}};
    const double map[] = {0, 30, 60, 80, 100};
    for (int v = 1; v <= 5; ++v) scored.values.push_back({double(v), text("s" + std::to_string(v)), map[v - 1]});
    csikit::scale nps{"nps", 0, 10, {}, {}, {}};
    s.scales = {five, scored, nps};
    s.items = {{"A1", text("Item A1"), "five"}, {"A2", text("Item A2"), "five"}, {"B1", text("Item B1"), "five"},
               {"C1", text("Item C1"), "scored"}, {"N", text("Recommend"), "nps"}};
    csikit::node root;
    root.id = "CSI";
    root.label = text("Index");
    csikit::node a;
    a.id = "A";
    a.label = text("Dimension A");
    a.weight = 3;  // relative: normalised to 0.6 against B's 2
    a.children = {csikit::node{"", {}, 1, "A1", {}}, csikit::node{"", {}, 1, "A2", {}}};
    csikit::node b;
    b.id = "B";
    b.label = text("Dimension B");
    b.weight = 2;
    b.children = {csikit::node{"", {}, 1, "B1", {}}};
    root.children = {a, b};
    s.hierarchy = root;
    s.wave_column = "wave";
    s.segment_columns = {"seg"};
    s.nps_item = "N";
    return s;
}

/// Six respondents; columns A1 A2 B1 C1 N; waves W1 (rows 0-2) and W2 (rows 3-5).
csikit::responses small_data(bool weighted = false) {
    csikit::responses d;
    d.item_ids = {"A1", "A2", "B1", "C1", "N"};
    d.values.resize(6, 5);
    d.values << 5, 4, 3, 5, 10,  //
        4, NA, 5, 4, 9,          //
        3, 3, NA, 3, 6,          //
        2, 2, 2, 2, 0,           //
        5, 5, 4, 1, 8,           //
        NA, NA, 4, NA, NA;
    d.weights = Eigen::VectorXd::Ones(6);
    if (weighted) d.weights << 1, 2, 1, 1, 2, 1;
    d.weighted = weighted;
    d.groups["wave"] = {"W1", "W1", "W1", "W2", "W2", "W2"};
    d.groups["seg"] = {"x", "y", "x", "y", "x", ""};
    d.source = "<memory>";
    return d;
}

std::vector<Eigen::Index> all_rows(const csikit::responses& d) {
    std::vector<Eigen::Index> r(d.respondents());
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = Eigen::Index(i);
    return r;
}

}  // namespace

TEST_CASE("rescaling choices are explicit") {
    const auto s = small_survey();
    const auto& five = *s.find_scale("five");
    CHECK(csikit::rescale_value(five, 4, csikit::rescaling::linear) == Approx(75));
    CHECK(csikit::rescale_value(five, 4, csikit::rescaling::proportional) == Approx(80));
    CHECK(csikit::rescale_value(five, 3.5, csikit::rescaling::proportional) == Approx(70));
    // No score map on "five": labels falls back to linear.
    CHECK(csikit::rescale_value(five, 4, csikit::rescaling::labels) == Approx(75));
    CHECK(csikit::rescale_value(*s.find_scale("scored"), 2, csikit::rescaling::labels) == Approx(30));
    CHECK(csikit::rescale_value(*s.find_scale("nps"), 8, csikit::rescaling::linear) == Approx(80));
    CHECK(std::isnan(csikit::rescale_value(five, NA, csikit::rescaling::linear)));

    CHECK(csikit::top_box_values(five) == std::vector<double>{4, 5});
    CHECK(csikit::top_box_values(*s.find_scale("nps")) == std::vector<double>{9, 10});
    CHECK(csikit::top_box_values(five, {5}) == std::vector<double>{5});
}

TEST_CASE("item scores, distribution, top box and satisfaction rate") {
    const auto s = small_survey();
    const auto d = small_data();
    const auto g = csikit::score_group(s, d, all_rows(d));
    CHECK(g.n == 6);
    const auto* a1 = g.find_item("A1");
    REQUIRE(a1);
    CHECK(a1->label == "Item A1");
    CHECK(a1->missing == 1);
    CHECK(a1->mean.n == 5);
    CHECK(a1->mean.mean == Approx(3.8));
    CHECK(a1->score.mean == Approx(70.0));
    CHECK(a1->score.ci.lower < 70.0);
    CHECK(a1->score.ci.upper > 70.0);
    REQUIRE(a1->distribution.size() == 5);
    CHECK(a1->distribution[0].count == 0);
    CHECK(a1->distribution[4].count == 2);
    CHECK(a1->distribution[4].share == Approx(0.4));
    CHECK(a1->distribution[4].label == "v5");
    CHECK(a1->top_box.p == Approx(0.6));   // 5, 4, 5 of 5 answers
    CHECK(a1->top_box.n == 5);
    CHECK(a1->satisfied.p == Approx(0.6)); // scores 100, 75, 100 >= 70
    const auto* a2 = g.find_item("A2");
    CHECK(a2->score.mean == Approx(62.5));
    CHECK(g.find_item("B1")->score.mean == Approx(65.0));

    // Threshold 80 drops the 75s.
    csikit::score_options o;
    o.threshold = 80;
    CHECK(csikit::score_group(s, d, all_rows(d), o).find_item("A1")->satisfied.p == Approx(0.4));
    // Proportional: mean 3.8 -> 76; a custom top box {5} -> 2 of 5.
    o.rescale = csikit::rescaling::proportional;
    o.top_box["five"] = {5};
    const auto gp = csikit::score_group(s, d, all_rows(d), o);
    CHECK(gp.find_item("A1")->score.mean == Approx(76.0));
    CHECK(gp.find_item("A1")->top_box.p == Approx(0.4));
    // Labels: C1 answers 5,4,3,2,1 -> 100,80,60,30,0.
    o.rescale = csikit::rescaling::labels;
    const auto gl = csikit::score_group(s, d, all_rows(d), o);
    CHECK(gl.find_item("C1")->rescale_used == csikit::rescaling::labels);
    CHECK(gl.find_item("C1")->score.mean == Approx(54.0));
    CHECK(gl.find_item("A1")->rescale_used == csikit::rescaling::linear);
}

TEST_CASE("weighted item scores use n_eff") {
    const auto s = small_survey();
    const auto d = small_data(true);
    const auto g = csikit::score_group(s, d, all_rows(d));
    const auto* a1 = g.find_item("A1");
    // values 5,4,3,2,5 with weights 1,2,1,1,2: sum w = 7, sum wx = 28.
    CHECK(a1->mean.mean == Approx(4.0));
    CHECK(a1->mean.n == 5);
    CHECK(a1->mean.n_eff == Approx(49.0 / 11.0));
    CHECK(a1->mean.df == Approx(49.0 / 11.0 - 1));
    CHECK(a1->top_box.p == Approx(5.0 / 7.0));  // weights of 5, 4, 5: 1 + 2 + 2
    CHECK(a1->top_box.n_eff == Approx(49.0 / 11.0));
    CHECK(g.n_eff == Approx(64.0 / 12.0));
}

TEST_CASE("hierarchy index: respondent-first and mean-first") {
    const auto s = small_survey();
    const auto d = small_data();
    const auto g = csikit::score_group(s, d, all_rows(d));
    REQUIRE(g.nodes.size() == 6);  // CSI, A, A1, A2, B, B1 in pre-order
    CHECK(g.nodes[0].id == "CSI");
    CHECK(g.nodes[1].id == "A");
    CHECK(g.nodes[2].id == "A1");
    CHECK(g.nodes[2].parent == "A");
    CHECK(g.nodes[2].depth == 2);
    CHECK(g.nodes[2].label == "Item A1");
    CHECK(g.find_node("A")->weight == Approx(0.6));
    CHECK(g.find_node("B")->weight == Approx(0.4));
    // Node A per respondent: 87.5, 75 (re-normalised), 50, 25, 100, none.
    CHECK(g.find_node("A")->score.mean == Approx(67.5));
    CHECK(g.find_node("A")->score.n == 5);
    CHECK(g.find_node("A")->renormalised == 1);
    CHECK(g.find_node("B")->score.mean == Approx(65.0));
    // Root: 72.5, 85, 50, 25, 90, 75 -> 66.25; r2 and r5 re-normalised.
    const auto& root = g.nodes[0];
    CHECK(root.score.mean == Approx(66.25));
    CHECK(root.score.n == 6);
    CHECK(root.renormalised == 2);
    const std::vector<double> r{72.5, 85, 50, 25, 90, 75};
    const auto ref = csikit::mean_ci(r);
    CHECK(root.score.ci.lower == Approx(ref.ci.lower));
    CHECK(root.score.ci.upper == Approx(ref.ci.upper));
    REQUIRE(g.satisfaction_rate);
    CHECK(g.satisfaction_rate->p == Approx(4.0 / 6.0));
    CHECK(g.satisfaction_rate->n == 6);

    csikit::score_options o;
    o.aggregate = csikit::aggregation::mean_first;
    const auto m = csikit::score_group(s, d, all_rows(d), o);
    CHECK(m.find_node("A")->score.mean == Approx(66.25));  // (70 + 62.5) / 2
    CHECK(m.nodes[0].score.mean == Approx(65.75));         // 0.6 * 66.25 + 0.4 * 65
    CHECK(m.nodes[0].score.ci.lower < 65.75);
    CHECK(m.nodes[0].score.ci.upper > 65.75);
    CHECK(m.satisfaction_rate->p == Approx(4.0 / 6.0));     // always respondent-level
}

TEST_CASE("mean-first equals respondent-first without missing answers, interval included") {
    auto s = small_survey();
    csikit::responses d;
    d.item_ids = {"A1", "A2", "B1", "C1", "N"};
    d.values.resize(5, 5);
    d.values << 5, 4, 3, 5, 10, 4, 4, 5, 4, 9, 3, 3, 2, 3, 6, 2, 2, 2, 2, 0, 5, 5, 4, 1, 8;
    d.weights = Eigen::VectorXd::Ones(5);
    const auto rows = all_rows(d);
    const auto rf = csikit::score_group(s, d, rows);
    csikit::score_options o;
    o.aggregate = csikit::aggregation::mean_first;
    const auto mf = csikit::score_group(s, d, rows, o);
    for (std::size_t k = 0; k < rf.nodes.size(); ++k) {
        CAPTURE(rf.nodes[k].id);
        CHECK(mf.nodes[k].score.mean == Approx(rf.nodes[k].score.mean));
        CHECK(mf.nodes[k].score.se == Approx(rf.nodes[k].score.se));
        CHECK(mf.nodes[k].score.ci.lower == Approx(rf.nodes[k].score.ci.lower));
        CHECK(mf.nodes[k].renormalised == 0);
    }
}

TEST_CASE("NPS of the survey's nps_item") {
    const auto s = small_survey();
    const auto d = small_data();
    const auto g = csikit::score_group(s, d, all_rows(d));
    REQUIRE(g.nps);
    CHECK(g.nps->n == 5);  // answers 10, 9, 6, 0, 8
    CHECK(g.nps->n_promoters == 2);
    CHECK(g.nps->n_detractors == 2);
    CHECK(g.nps->nps == Approx(0.0));
    CHECK(g.nps->se == Approx(100 * std::sqrt(0.8 / 5)));
    csikit::score_options o;
    o.nps.promoter_min = 8;
    CHECK(csikit::score_group(s, d, all_rows(d), o).nps->nps == Approx(20.0));
}

TEST_CASE("report: sample, segments, waves and changes") {
    const auto s = small_survey();
    const auto d = small_data();
    csikit::score_options o;
    o.by = "seg";
    const auto rep = csikit::score(s, d, o);
    CHECK(rep.sample.respondents == 6);
    CHECK(rep.sample.by_wave.at("W1") == 3);
    CHECK(rep.sample.by_wave.at("W2") == 3);
    CHECK(rep.sample.missing_by_item.at("A2") == 2);
    CHECK(rep.sample.missing == 1 + 2 + 1 + 1 + 1);
    CHECK(rep.overall.nodes[0].score.mean == Approx(66.25));

    REQUIRE(rep.by_segment.size() == 2);  // "" is left out
    CHECK(rep.by_segment[0].value == "x");
    CHECK(rep.by_segment[0].n == 3);
    CHECK(rep.by_segment[0].find_item("A1")->score.mean == Approx((100 + 50 + 100) / 3.0));
    CHECK(rep.by_segment[1].value == "y");

    REQUIRE(rep.by_wave.size() == 2);
    CHECK(rep.by_wave[0].value == "W1");
    CHECK(rep.by_wave[0].find_item("A1")->score.mean == Approx(75.0));
    CHECK(rep.by_wave[1].find_item("A1")->score.mean == Approx(62.5));

    const csikit::change* a1 = nullptr;
    const csikit::change* nps = nullptr;
    const csikit::change* rate = nullptr;
    const csikit::change* box = nullptr;
    for (const auto& c : rep.changes) {
        if (c.kind == csikit::change_kind::item_score && c.id == "A1") a1 = &c;
        if (c.kind == csikit::change_kind::item_top_box && c.id == "A1") box = &c;
        if (c.kind == csikit::change_kind::nps) nps = &c;
        if (c.kind == csikit::change_kind::satisfaction_rate) rate = &c;
    }
    REQUIRE(a1);
    CHECK(a1->from == "W1");
    CHECK(a1->to == "W2");
    CHECK(a1->test.difference == Approx(-12.5));
    const std::vector<double> w1{100, 75, 50}, w2{25, 100};
    const auto ref = csikit::welch_test(csikit::mean_ci(w2), csikit::mean_ci(w1));
    CHECK(a1->test.p_value == Approx(ref.p_value));
    CHECK(a1->test.df == Approx(ref.df));
    CHECK_FALSE(a1->test.significant);
    REQUIRE(box);
    CHECK(box->before == Approx(2.0 / 3.0));
    CHECK(box->after == Approx(0.5));
    REQUIRE(nps);
    CHECK(nps->before == Approx(100.0 * (2 - 1) / 3));  // 10, 9, 6
    CHECK(nps->after == Approx(-50.0));                  // 0, 8
    REQUIRE(rate);
    CHECK(rate->before == Approx(2.0 / 3.0));  // 72.5, 85, 50
    CHECK(rate->after == Approx(2.0 / 3.0));   // 25, 90, 75
    CHECK(rate->test.difference == Approx(0.0));
    // Wave W1 node A re-normalises respondent 1 (A2 missing).
    CHECK(rep.by_wave[0].find_node("A")->renormalised == 1);
}

TEST_CASE("JSON report") {
    const auto s = small_survey();
    const auto d = small_data(true);
    const auto rep = csikit::score(s, d);
    const auto j = nlohmann::json::parse(csikit::to_json(rep));
    CHECK(j["options"]["rescale"] == "linear");
    CHECK(j["options"]["aggregate"] == "respondent");
    CHECK(j["sample"]["respondents"] == 6);
    CHECK(j["overall"]["items"].size() == 5);
    CHECK(j["overall"]["items"][0]["id"] == "A1");
    CHECK(j["overall"]["items"][0]["mean"]["mean"].get<double>() == Approx(4.0));
    CHECK(j["overall"]["nodes"][0]["id"] == "CSI");
    CHECK(j["overall"]["nps"]["n"] == 5);
    CHECK(j["by_wave"].size() == 2);
    CHECK(j["changes"].size() > 0);
    CHECK(j["changes"][0]["test"].contains("p"));
    CHECK(j["by_segment"].empty());
}

TEST_CASE("bad input is reported, not scored") {
    auto s = small_survey();
    auto d = small_data();
    csikit::score_options o;
    o.level = 95;
    CHECK_THROWS_AS(csikit::score(s, d, o), csikit::argument_error);
    o = {};
    o.by = "region";
    CHECK_THROWS_AS(csikit::score(s, d, o), csikit::argument_error);
    o = {};
    auto neg = s;
    neg.hierarchy->children[1].weight = -1;
    CHECK_THROWS_AS(csikit::score(neg, d, o), csikit::schema_error);
    auto zero = s;
    zero.hierarchy->children[0].weight = 0;
    zero.hierarchy->children[1].weight = 0;
    CHECK_THROWS_AS(csikit::score(zero, d, o), csikit::schema_error);
    auto short_data = d;
    short_data.item_ids[2] = "B9";
    try {
        csikit::score(s, short_data, o);
        FAIL("expected data_error");
    } catch (const csikit::data_error& e) {
        CHECK(std::string(e.what()).find("B1") != std::string::npos);
    }
    auto bad_w = d;
    bad_w.weights(2) = -1;
    CHECK_THROWS_AS(csikit::score(s, bad_w, o), csikit::data_error);
}

TEST_CASE("empty group: figures are NaN, nothing throws") {
    const auto s = small_survey();
    const auto d = small_data();
    const auto g = csikit::score_group(s, d, {});
    CHECK(g.n == 0);
    CHECK(std::isnan(g.find_item("A1")->score.mean));
    CHECK(g.find_item("A1")->score.n == 0);
    CHECK(std::isnan(g.nodes[0].score.mean));
    CHECK(std::isnan(g.nps->nps));
}

TEST_CASE("weighted hierarchy: respondent-first interval from weighted respondent scores") {
    const auto s = small_survey();
    const auto d = small_data(true);
    const auto g = csikit::score_group(s, d, all_rows(d));
    // Respondent root scores as in the unweighted case; weights 1,2,1,1,2,1.
    const std::vector<double> r{72.5, 85, 50, 25, 90, 75}, w{1, 2, 1, 1, 2, 1};
    const auto ref = csikit::mean_ci(r, w);
    CHECK(g.nodes[0].score.mean == Approx((72.5 + 170 + 50 + 25 + 180 + 75) / 8.0));
    CHECK(g.nodes[0].score.n_eff == Approx(64.0 / 12.0));
    CHECK(g.nodes[0].score.ci.lower == Approx(ref.ci.lower));
    CHECK(g.nodes[0].score.ci.upper == Approx(ref.ci.upper));
    CHECK(g.satisfaction_rate->p == Approx(6.0 / 8.0));  // 72.5 (1), 85 (2), 90 (2), 75 (1)
    CHECK(g.satisfaction_rate->n_eff == Approx(64.0 / 12.0));
    // Mean-first under weights: weighted item means combined up the tree.
    csikit::score_options o;
    o.aggregate = csikit::aggregation::mean_first;
    const auto m = csikit::score_group(s, d, all_rows(d), o);
    const double a1 = (100 + 2 * 75 + 50 + 25 + 2 * 100) / 7.0;  // A1 weights 1,2,1,1,2
    const double a2 = (75 + 50 + 25 + 2 * 100) / 5.0;            // A2 weights 1,1,1,2
    const double b1 = (50 + 2 * 100 + 25 + 2 * 75 + 75) / 7.0;   // B1 weights 1,2,1,2,1
    CHECK(m.find_node("A")->score.mean == Approx((a1 + a2) / 2));
    CHECK(m.nodes[0].score.mean == Approx(0.6 * (a1 + a2) / 2 + 0.4 * b1));
    CHECK(m.nodes[0].score.se > 0);
}
