// 0-100 indices, respondent scores and impacts (METHODOLOGY 2.3, 2.4), on hand-built inputs and
// on the ECSI mobi reference data.
#include <csikit/data.hpp>
#include <csikit/error.hpp>
#include <csikit/index.hpp>
#include <csikit/pls.hpp>
#include <csikit/schema.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "support/ecsi.hpp"
#include "test_pls_util.hpp"

using namespace csikit;

namespace {

index_block ten_point_block(double w1, double w2, double w3) {
    index_block b;
    b.construct = "SAT";
    b.items = {"S1", "S2", "S3"};
    b.weights = Eigen::Vector3d(w1, w2, w3);
    b.lower = Eigen::Vector3d::Constant(1);
    b.upper = Eigen::Vector3d::Constant(10);
    return b;
}

/// A survey with items a1, a2 on 1..5 and b1 on 0..10.
survey small_survey() {
    survey s;
    s.scales = {scale{"five", 1, 5, {}, {}, {}}, scale{"eleven", 0, 10, {}, {}, {}}};
    s.items = {item{"a1", {}, "five", false, ""}, item{"a2", {}, "five", false, ""}, item{"b1", {}, "eleven", false, ""}};
    return s;
}

/// A fit of A (a1, a2) -> B (b1) with moments chosen by hand.
pls_fit small_fit() {
    pls_fit f;
    f.constructs = {"A", "B"};
    f.indicators = {"a1", "a2", "b1"};
    f.block = {0, 0, 1};
    f.weights_unstandardized = Eigen::Vector3d(0.6, 0.2, 0.5);
    f.total_effects = Eigen::Matrix2d::Zero();
    f.total_effects(1, 0) = 0.5;  // [to, from]: A -> B
    f.data.item_ids = f.indicators;
    f.data.mean = Eigen::Vector3d(4, 3, 7);
    f.data.sd = Eigen::Vector3d(1, 0.5, 2);
    f.data.correlation = Eigen::Matrix3d::Identity();
    f.data.correlation(0, 1) = f.data.correlation(1, 0) = 0.5;
    return f;
}

}  // namespace

TEST_CASE("ACSI test vector: w = (.40, .35, .25), means (8.1, 7.4, 7.0) on 1-10 -> 73.11") {
    const Eigen::Vector3d means(8.1, 7.4, 7.0);
    CHECK(block_index(ten_point_block(.40, .35, .25), means) == doctest::Approx(73.111).epsilon(1e-4));
    // Only relative weights matter: doubling them changes nothing.
    CHECK(block_index(ten_point_block(.80, .70, .50), means) == doctest::Approx(73.111).epsilon(1e-4));
    const Eigen::VectorXd w = normalized_index_weights(ten_point_block(.80, .70, .50));
    CHECK(w(0) == doctest::Approx(.40));
    CHECK(w.sum() == doctest::Approx(1.0));
    // Equal weights reproduce the press formula (X1 + X2 + X3 - 3)/27 * 100.
    CHECK(block_index(ten_point_block(1, 1, 1), means) == doctest::Approx((8.1 + 7.4 + 7.0 - 3) / 27 * 100));
}

TEST_CASE("mixed scales: the index equals the Min/Max form of METHODOLOGY 2.3") {
    index_block b;
    b.construct = "Q";
    b.items = {"q5", "q10"};
    b.weights = Eigen::Vector2d(0.3, 0.1);  // raw-metric weights
    b.lower = Eigen::Vector2d(1, 1);
    b.upper = Eigen::Vector2d(5, 10);
    const Eigen::Vector2d m(4, 8);
    const double xi = 0.3 * 4 + 0.1 * 8, lo = 0.3 + 0.1, hi = 0.3 * 5 + 0.1 * 10;
    CHECK(block_index(b, m) == doctest::Approx(100 * (xi - lo) / (hi - lo)));
}

TEST_CASE("negative weights are refused, naming the construct and the item") {
    const index_block b = ten_point_block(.5, -.1, .6);
    try {
        (void)block_index(b, Eigen::Vector3d(5, 5, 5));
        FAIL("expected numeric_error");
    } catch (const numeric_error& e) {
        REQUIRE(e.problems().size() == 1);
        CHECK(e.problems()[0].where.field == "SAT");
        CHECK(e.problems()[0].message.find("\"S2\"") != std::string::npos);
        CHECK(e.problems()[0].message.find("negative") != std::string::npos);
    }
    // Diagnosis mode computes anyway: 100 (.5*4/9 - .1*4/9 + .6*4/9) / 1.0.
    CHECK(block_index(b, Eigen::Vector3d(5, 5, 5), false) == doctest::Approx(100 * 4.0 / 9.0));
    index_block bad = ten_point_block(.4, .3, .3);
    bad.upper(1) = 1;
    CHECK_THROWS_AS(normalized_index_weights(bad), argument_error);
}

TEST_CASE("respondent scores re-normalise over the items answered") {
    const index_block b = ten_point_block(.40, .35, .25);
    Eigen::MatrixXd x(3, 3);
    const double nan = std::nan("");
    x << 10, 10, 10,
         1, nan, 10,
         nan, nan, nan;
    const Eigen::VectorXd s = block_scores(b, x);
    CHECK(s(0) == doctest::Approx(100));
    CHECK(s(1) == doctest::Approx(100 * (.25 * 1.0) / (.40 + .25)));
    CHECK(std::isnan(s(2)));
    // Without missing answers the mean of the scores is the index.
    Eigen::MatrixXd y(2, 3);
    y << 8, 7, 6, 9, 8, 8;
    const Eigen::VectorXd sy = block_scores(b, y);
    CHECK((sy.sum() / 2) == doctest::Approx(block_index(b, Eigen::Vector3d(8.5, 7.5, 7))));
}

TEST_CASE("score summary: weighted mean with a t-interval") {
    Eigen::VectorXd s(5);
    s << 60, 70, 80, 90, std::nan("");
    const score_summary u = summarize_scores(s);
    CHECK(u.n == 4);
    CHECK(u.mean == doctest::Approx(75));
    CHECK(u.sd == doctest::Approx(std::sqrt(500.0 / 3)));
    CHECK(u.effective_n == doctest::Approx(4));
    // t(3, .975) = 3.182446
    CHECK(u.ci_high - u.mean == doctest::Approx(3.182446 * std::sqrt(500.0 / 3) / 2).epsilon(1e-6));
    Eigen::VectorXd w(5);
    w << 1, 1, 1, 3, 1;
    const score_summary g = summarize_scores(s, w);
    CHECK(g.mean == doctest::Approx((60 + 70 + 80 + 270) / 6.0));
    CHECK(g.effective_n == doctest::Approx(36.0 / 12.0));
    CHECK(g.ci_low < g.mean);
    CHECK_THROWS_AS(summarize_scores(s, w, 1.5), argument_error);
}

TEST_CASE("impacts: 5 x the total effect on the 0-100 metric") {
    Eigen::Matrix3d t = Eigen::Matrix3d::Zero();
    t(1, 0) = 0.5;
    t(2, 0) = 0.3;
    t(2, 1) = 0.6;
    const Eigen::Vector3d sd(20, 15, 10);
    const Eigen::MatrixXd e = unstandardized_effects(t, sd);
    CHECK(e(1, 0) == doctest::Approx(0.5 * 15 / 20));
    CHECK(e(2, 1) == doctest::Approx(0.6 * 10 / 15));
    CHECK(impacts(t, sd)(2, 0) == doctest::Approx(5 * 0.3 * 10 / 20));
    // METHODOLOGY 2.4 example: an unstandardised effect of 0.42 is an impact of 2.1.
    Eigen::Matrix2d t2 = Eigen::Matrix2d::Zero();
    t2(1, 0) = 0.42;
    CHECK(impacts(t2, Eigen::Vector2d(10, 10))(1, 0) == doctest::Approx(2.1));
}

TEST_CASE("compute_indices on a hand-built fit: indices, score SDs from moments, impacts") {
    const survey s = small_survey();
    const pls_fit f = small_fit();
    const index_result r = compute_indices(f, s);
    REQUIRE(r.constructs.size() == 2);
    const construct_index& a = r.at("A");
    CHECK(a.weights(0) == doctest::Approx(.75));
    CHECK(a.index == doctest::Approx(100 * (.75 * 3 / 4 + .25 * 2 / 4)));  // 68.75
    CHECK(r.at("B").index == doctest::Approx(70));
    // sd(A) = 100 sqrt(v' C v), v = (.75/4, .25/4), C = [[1, .25], [.25, .25]].
    const double va = .1875, vb = .0625;
    const double sd_a = 100 * std::sqrt(va * va + 2 * va * vb * .25 + vb * vb * .25);
    CHECK(a.score_sd == doctest::Approx(sd_a));
    CHECK(r.at("B").score_sd == doctest::Approx(20));
    CHECK(r.effects(1, 0) == doctest::Approx(0.5 * 20 / sd_a));
    CHECK(r.impact("A", "B") == doctest::Approx(5 * 0.5 * 20 / sd_a));
    CHECK_FALSE(a.has_respondents);
    CHECK_THROWS_AS(r.at("C"), argument_error);

    pls_fit neg = f;
    neg.weights_unstandardized(1) = -0.1;
    CHECK_THROWS_AS(compute_indices(neg, s), numeric_error);
    index_options o;
    o.refuse_negative_weights = false;
    CHECK(compute_indices(neg, s, o).at("A").negative_weights);
}

TEST_CASE("compute_indices with respondents: overall mean of s_r and its interval") {
    const survey s = small_survey();
    const pls_fit f = small_fit();
    responses d;
    d.item_ids = {"a1", "a2", "b1"};
    d.values.resize(4, 3);
    d.values << 5, 5, 10,
                3, 1, 4,
                4, std::nan(""), 7,
                2, 3, 5;
    d.weights = Eigen::VectorXd::Ones(4);
    const index_result r = compute_indices(f, s, d);
    REQUIRE(r.scores.rows() == 4);
    CHECK(r.scores(0, 0) == doctest::Approx(100));
    CHECK(r.scores(1, 0) == doctest::Approx(100 * (.75 * .5 + 0)));
    CHECK(r.scores(2, 0) == doctest::Approx(75));  // a2 missing: a1 alone
    CHECK(r.scores(3, 1) == doctest::Approx(50));
    const construct_index& b = r.at("B");
    CHECK(b.has_respondents);
    CHECK(b.overall.mean == doctest::Approx((100 + 40 + 70 + 50) / 4.0));
    CHECK(b.overall.n == 4);
    CHECK(b.score_sd == doctest::Approx(b.overall.sd));
    CHECK(r.effects(1, 0) == doctest::Approx(0.5 * b.overall.sd / r.at("A").overall.sd));
}

// ---- ECSI mobi reference (METHODOLOGY 2.3: cSEM IPMA performance) ------------------------

namespace {

/// mobi.csv as columns by name (all 1-10 integers, no missing values), read without csikit.
std::map<std::string, std::vector<double>> read_mobi() {
    const pls_test::table t = pls_test::read_table(pls_test::shared("ecsi/mobi.csv"));
    std::map<std::string, std::vector<double>> cols;
    for (const auto& name : t.header)
        for (std::size_t r = 0; r < t.rows.size(); ++r) cols[name].push_back(t.at(r, name));
    return cols;
}

const std::map<std::string, double> ecsi_reference = {
    {"IMAG", 73.53}, {"CUEX", 72.47}, {"PERQ", 74.98}, {"PERV", 62.35},
    {"CUSA", 72.45}, {"CUSCO", 67.42}, {"CUSL", 70.91}};

}  // namespace

TEST_CASE("ECSI by hand: seminr standardised weights / item SD, normalised, with mobi means") {
    const auto cols = read_mobi();
    REQUIRE(cols.at("CUSA1").size() == 250);
    const pls_test::table outer = pls_test::read_table(pls_test::shared("ecsi/reference/seminr_path_outer_model.csv"));
    std::map<std::string, std::vector<std::pair<std::string, double>>> blocks;  // construct -> (item, w)
    std::vector<std::string> order;
    for (std::size_t r = 0; r < outer.rows.size(); ++r) {
        const std::string item = outer.rows[r][0], construct = outer.rows[r][1];
        if (!blocks.count(construct)) order.push_back(construct);
        blocks[construct].push_back({item, outer.at(r, "weight")});
    }
    REQUIRE(order.size() == 7);
    for (const auto& c : order) {
        index_block b;
        b.construct = c;
        const auto k = static_cast<Eigen::Index>(blocks[c].size());
        b.weights.resize(k);
        Eigen::VectorXd means(k);
        b.lower = Eigen::VectorXd::Constant(k, 1);
        b.upper = Eigen::VectorXd::Constant(k, 10);
        for (Eigen::Index i = 0; i < k; ++i) {
            const auto& [id, w] = blocks[c][static_cast<std::size_t>(i)];
            const auto& x = cols.at(id);
            double m = 0, ss = 0;
            for (double v : x) m += v;
            m /= static_cast<double>(x.size());
            for (double v : x) ss += (v - m) * (v - m);
            b.items.push_back(id);
            b.weights(i) = w / std::sqrt(ss / static_cast<double>(x.size() - 1));
            means(i) = m;
        }
        CAPTURE(c);
        CHECK(std::abs(block_index(b, means) - ecsi_reference.at(c)) < 0.005);
    }
}

TEST_CASE("ECSI estimated (path scheme): every construct's index matches cSEM's IPMA performance") {
    pls_options o;
    o.scheme = inner_scheme::path;
    const auto e = test_support::load_ecsi(o);
    const survey& s = e.s;
    const responses& d = e.data;
    const pls_fit& f = e.fit;
    const index_result moments_only = compute_indices(f, s);
    const index_result r = compute_indices(f, s, d);
    for (const auto& [c, want] : ecsi_reference) {
        CAPTURE(c);
        CHECK(std::abs(moments_only.at(c).index - want) < 0.005);
        // No missing answers: the mean of the respondent scores is the same number.
        CHECK(r.at(c).overall.mean == doctest::Approx(r.at(c).index).epsilon(1e-10));
        CHECK(r.at(c).overall.ci_low < r.at(c).index);
        CHECK(r.at(c).overall.ci_high > r.at(c).index);
        // Complete data: the moment SD and the respondent-score SD agree.
        CHECK(moments_only.at(c).score_sd == doctest::Approx(r.at(c).score_sd).epsilon(1e-8));
    }
    // Impacts follow the standardised total effects: PERQ -> CUSA (seminr 0.6208) rescaled.
    const int perq = f.construct_index("PERQ"), cusa = f.construct_index("CUSA");
    CHECK(f.total_effects(cusa, perq) == doctest::Approx(0.62076215).epsilon(1e-5));
    CHECK(r.impact("PERQ", "CUSA") ==
          doctest::Approx(5 * 0.62076215 * r.at("CUSA").score_sd / r.at("PERQ").score_sd).epsilon(1e-5));
    CHECK(r.impact("CUSA", "IMAG") == 0.0);
}
