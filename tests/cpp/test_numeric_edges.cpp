// Hardening: numeric edge cases through score() and estimate() (and the index of a fit):
// constant items, perfectly collinear and near-singular blocks, n < p, one respondent,
// all-missing columns, zero weights, negative outer weights in an index. Each gives a
// documented error, or a result whose every number is finite, or a non-finite number only
// where a flag says why (a warning, n < 2, an item nobody answered). docs/reliability.md has
// the table.
#include <csikit/data.hpp>
#include <csikit/index.hpp>
#include <csikit/pls.hpp>
#include <csikit/schema.hpp>
#include <csikit/report.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace csikit;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

/// Two constructs A (A1..A3) -> B (B1..B3), items on a 1..10 scale, a hierarchy over all six.
survey model_survey(bool mode_b_for_a = false) {
    return parse_survey(std::string(R"({"name": "edges",
      "scales": [{"id": "ten", "min": 1, "max": 10}],
      "items": [{"id": "A1", "scale": "ten"}, {"id": "A2", "scale": "ten"}, {"id": "A3", "scale": "ten"},
                {"id": "B1", "scale": "ten"}, {"id": "B2", "scale": "ten"}, {"id": "B3", "scale": "ten"}],
      "hierarchy": {"id": "ALL", "children": [
          {"id": "A", "children": [{"item": "A1"}, {"item": "A2"}, {"item": "A3"}]},
          {"id": "B", "children": [{"item": "B1"}, {"item": "B2"}, {"item": "B3"}]}]},
      "constructs": [{"id": "A", "items": ["A1", "A2", "A3"], "mode": ")") +
                        (mode_b_for_a ? "B" : "A") + R"("},
                     {"id": "B", "items": ["B1", "B2", "B3"]}],
      "paths": [{"from": "A", "to": "B"}]})");
}

const std::vector<std::string> columns = {"A1", "A2", "A3", "B1", "B2", "B3"};

/// n respondents of a one-factor-per-block model with a path 0.6, values kept inside 1..10.
Eigen::MatrixXd simulated(Eigen::Index n, unsigned seed = 7) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> z(0, 1);
    Eigen::MatrixXd x(n, 6);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double a = z(gen), b = 0.6 * a + 0.8 * z(gen);
        for (int j = 0; j < 3; ++j) x(i, j) = std::clamp(5.5 + 1.5 * (0.8 * a + 0.6 * z(gen)), 1.0, 10.0);
        for (int j = 3; j < 6; ++j) x(i, j) = std::clamp(5.5 + 1.5 * (0.8 * b + 0.6 * z(gen)), 1.0, 10.0);
    }
    return x;
}

template <class M>
bool finite(const M& m) {
    return m.allFinite();
}

/// The core of a fit is finite: weights, loadings, paths, effects, R2.
void check_core_finite(const pls_fit& f) {
    CHECK(finite(f.weights));
    CHECK(finite(f.loadings));
    CHECK(finite(f.paths));
    CHECK(finite(f.total_effects));
    CHECK(finite(f.r2));
    CHECK(finite(f.construct_correlation));
}

/// Every number of a score report is finite, except where a flag explains it: an item or node
/// without answers (n == 0) has NaN estimates, an interval from n < 2 answers is NaN.
void check_scores_flagged(const score_report& rep) {
    for (const auto& it : rep.overall.items) {
        CAPTURE(it.id);
        if (it.mean.n == 0) {
            CHECK(it.missing == rep.overall.n);  // the flag: nobody answered
            continue;
        }
        CHECK(std::isfinite(it.mean.mean));
        CHECK(std::isfinite(it.score.mean));
        CHECK(std::isfinite(it.top_box.p));
        if (it.mean.n >= 2) {
            CHECK(std::isfinite(it.score.ci.lower));
            CHECK(std::isfinite(it.score.ci.upper));
        }
    }
    for (const auto& nd : rep.overall.nodes) {
        CAPTURE(nd.id);
        if (nd.score.n == 0) continue;
        CHECK(std::isfinite(nd.score.mean));
        CHECK(nd.score.mean >= 0);
        CHECK(nd.score.mean <= 100);
    }
}

template <class F>
void expect_error(F&& f, error_kind kind, const std::string& needle) {
    try {
        f();
        FAIL_CHECK("no error (expected " << to_string(kind) << " with '" << needle << "')");
    } catch (const error& e) {
        CHECK_MESSAGE(e.kind() == kind, std::string(e.what()));
        CHECK_MESSAGE(std::string(e.what()).find(needle) != std::string::npos, std::string(e.what()));
    }
}

}  // namespace

TEST_CASE("baseline: the simulated model estimates and scores cleanly") {
    const survey s = model_survey();
    const responses d = make_responses(s, columns, simulated(300));
    const pls_fit f = estimate(pls_model::from_survey(s), d);
    check_core_finite(f);
    CHECK(f.converged);
    CHECK(f.paths(1, 0) > 0.3);
    check_scores_flagged(score(s, d));
}

TEST_CASE("a constant item: estimate names it; score gives its mean with a zero-width interval") {
    const survey s = model_survey();
    Eigen::MatrixXd x = simulated(200);
    x.col(1).setConstant(7);
    const responses d = make_responses(s, columns, x);
    expect_error([&] { estimate(pls_model::from_survey(s), d); }, error_kind::numeric, "\"A2\" is constant");
    const auto rep = score(s, d);
    const auto* a2 = rep.overall.find_item("A2");
    REQUIRE(a2);
    CHECK(a2->mean.mean == 7);
    CHECK(a2->score.mean == doctest::Approx(100.0 * 6 / 9));
    check_scores_flagged(rep);
}

TEST_CASE("perfectly collinear items: Mode A estimates, Mode B is a named numeric error") {
    Eigen::MatrixXd x = simulated(200);
    x.col(1) = x.col(0);  // A2 == A1
    {
        const survey s = model_survey(false);
        const pls_fit f = estimate(pls_model::from_survey(s), make_responses(s, columns, x));
        check_core_finite(f);
        CHECK(f.weights(0) == doctest::Approx(f.weights(1)));
        // An exact copy has an infinite outer VIF (pls_quality.cpp sets the whole block to +inf
        // when it is singular): infinite is the honest value, NaN would not be.
        CHECK(std::isinf(f.outer_vif(0)));
        CHECK(std::isinf(f.outer_vif(1)));
        CHECK_FALSE(f.outer_vif.array().isNaN().any());
        CHECK(finite(f.ave));
        CHECK(finite(f.rho_c));
        CHECK_FALSE(f.htmt.array().isNaN().any());
    }
    {
        const survey s = model_survey(true);
        expect_error([&] { estimate(pls_model::from_survey(s), make_responses(s, columns, x)); },
                     error_kind::numeric, "A");
    }
    // Scoring does not care about collinearity.
    const survey s = model_survey();
    check_scores_flagged(score(s, make_responses(s, columns, x)));
}

TEST_CASE("a near-singular Mode B block: an error or finite, flagged weights, never NaN") {
    Eigen::MatrixXd x = simulated(200);
    std::mt19937 gen(3);
    std::normal_distribution<double> tiny(0, 1e-7);
    for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, 1) = std::clamp(x(i, 0) + tiny(gen), 1.0, 10.0);
    const survey s = model_survey(true);
    try {
        const pls_fit f = estimate(pls_model::from_survey(s), make_responses(s, columns, x));
        check_core_finite(f);
    } catch (const error& e) {
        CHECK_MESSAGE(e.kind() == error_kind::numeric, std::string(e.what()));
        CHECK(std::string(e.what()).find("A") != std::string::npos);
    }
}

TEST_CASE("n < p: 4 respondents for 6 indicators") {
    const survey s = model_survey();
    const responses d = make_responses(s, columns, simulated(4, 11));
    try {
        const pls_fit f = estimate(pls_model::from_survey(s), d);
        check_core_finite(f);
        CHECK(f.data.respondents_used == 4);
    } catch (const error& e) {
        CHECK_MESSAGE((e.kind() == error_kind::numeric || e.kind() == error_kind::convergence), std::string(e.what()));
    }
    check_scores_flagged(score(s, d));
}

TEST_CASE("one respondent: estimate refuses; score gives values and no interval") {
    const survey s = model_survey();
    const responses d = make_responses(s, columns, simulated(1));
    expect_error([&] { estimate(pls_model::from_survey(s), d); }, error_kind::numeric, "respondents are usable");
    const auto rep = score(s, d);
    CHECK(rep.sample.respondents == 1);
    const auto* a1 = rep.overall.find_item("A1");
    REQUIRE(a1);
    CHECK(a1->mean.n == 1);
    CHECK(a1->mean.mean == d.values(0, 0));
    check_scores_flagged(rep);
    CHECK(to_json(rep).find("NaN") == std::string::npos);  // JSON has null, never NaN text
}

TEST_CASE("an all-missing column: estimate names the item; score flags it with n = 0") {
    const survey s = model_survey();
    Eigen::MatrixXd x = simulated(100);
    x.col(4).setConstant(nan_value);
    const responses d = make_responses(s, columns, x);
    for (auto mt : {missing_treatment::listwise, missing_treatment::mean_replacement, missing_treatment::pairwise}) {
        CAPTURE(static_cast<int>(mt));
        pls_options o;
        o.missing = mt;
        expect_error([&] { estimate(pls_model::from_survey(s), d, o); }, error_kind::numeric, "");
    }
    const auto rep = score(s, d);
    const auto* b2 = rep.overall.find_item("B2");
    REQUIRE(b2);
    CHECK(b2->mean.n == 0);
    CHECK(b2->missing == 100);
    check_scores_flagged(rep);
    // Node B still scores from B1 and B3 (weights re-normalised over answered children).
    const auto* nb = rep.overall.find_node("B");
    REQUIRE(nb);
    CHECK(std::isfinite(nb->score.mean));
    CHECK(rep.sample.missing_by_item.at("B2") == 100);
}

TEST_CASE("zero weights: zero-weight respondents drop out; all-zero weights are refused") {
    const survey s = model_survey();
    const Eigen::MatrixXd x = simulated(200);
    Eigen::VectorXd w = Eigen::VectorXd::Ones(200);
    w.tail(100).setZero();
    const responses half = make_responses(s, columns, x, w);
    const responses first = make_responses(s, columns, x.topRows(100));
    const auto rh = score(s, half), rf = score(s, first);
    CHECK(rh.overall.find_item("A1")->mean.mean == doctest::Approx(rf.overall.find_item("A1")->mean.mean));
    CHECK(rh.sample.n_eff == doctest::Approx(100.0));
    check_scores_flagged(rh);
    const pls_fit fh = estimate(pls_model::from_survey(s), half), ff = estimate(pls_model::from_survey(s), first);
    check_core_finite(fh);
    CHECK(fh.paths(1, 0) == doctest::Approx(ff.paths(1, 0)).epsilon(1e-9));

    Eigen::VectorXd zero = Eigen::VectorXd::Zero(200);
    try {
        const responses dz = make_responses(s, columns, x, zero);
        // If the data are accepted, both consumers must refuse rather than divide by zero.
        CHECK_THROWS_AS(estimate(pls_model::from_survey(s), dz), error);
        try {
            check_scores_flagged(score(s, dz));
        } catch (const error& e) {
            CHECK_MESSAGE((e.kind() == error_kind::data || e.kind() == error_kind::numeric), std::string(e.what()));
        }
    } catch (const error& e) {
        CHECK_MESSAGE(e.kind() == error_kind::data, std::string(e.what()));
    }
}

TEST_CASE("negative outer weights in an index: numeric_error naming the item, or computed and flagged") {
    index_block b;
    b.construct = "A";
    b.items = {"A1", "A2"};
    b.weights = Eigen::Vector2d(1.0, -0.25);
    b.lower = Eigen::Vector2d(1, 1);
    b.upper = Eigen::Vector2d(10, 10);
    expect_error([&] { normalized_index_weights(b); }, error_kind::numeric, "A2");
    const Eigen::VectorXd wn = normalized_index_weights(b, false);
    CHECK(wn.sum() == doctest::Approx(1.0));
    CHECK(wn(1) < 0);
    b.weights = Eigen::Vector2d(1.0, -1.0);
    expect_error([&] { normalized_index_weights(b, false); }, error_kind::numeric, "sum to 0");

    // Through a real fit whose Mode B block gets a negative weight (a suppressor item).
    const survey s = model_survey();
    const responses d = make_responses(s, columns, simulated(300));
    pls_fit f = estimate(pls_model::from_survey(s), d);
    f.weights_unstandardized(2) = -std::abs(f.weights_unstandardized(2));
    expect_error([&] { compute_indices(f, s, d); }, error_kind::numeric, "A3");
    index_options o;
    o.refuse_negative_weights = false;
    const index_result r = compute_indices(f, s, d, o);
    CHECK(r.at("A").negative_weights);   // the flag
    CHECK_FALSE(r.at("B").negative_weights);
    CHECK(std::isfinite(r.at("A").index));
}

TEST_CASE("extreme but finite values: 1e308-scale answers and weights do not overflow into NaN") {
    const survey s = parse_survey(R"({"name": "wide", "scales": [{"id": "w", "min": -1e300, "max": 1e300}],
        "items": [{"id": "X", "scale": "w"}, {"id": "Y", "scale": "w"}],
        "hierarchy": {"id": "R", "children": [{"item": "X"}, {"item": "Y"}]}})");
    Eigen::MatrixXd x(3, 2);
    x << 1e300, -1e300, -1e300, 1e300, 0, 0;
    const responses d = make_responses(s, {"X", "Y"}, x);
    try {
        const auto rep = score(s, d);
        const auto* it = rep.overall.find_item("X");
        REQUIRE(it);
        CHECK(std::isfinite(it->score.mean));
        CHECK(it->score.mean == doctest::Approx(50.0 / 1.0).epsilon(0.01));
    } catch (const error& e) {
        CHECK_MESSAGE((e.kind() == error_kind::numeric || e.kind() == error_kind::schema), std::string(e.what()));
    }
}

TEST_CASE("a Kish n_eff just above 1 (weights 125 and 0.25): intervals are infinite, never an escaping "
          "std::overflow_error") {
    // Found by fuzz_csv (tests/corpus/regressions/fuzz_csv-t-quantile-overflow-tiny-df): df =
    // n_eff - 1 = 0.004 made Boost's t quantile throw std::overflow_error out of score().
    // Fixed in src/stats.cpp (t_crit); src/index.cpp (summarize_scores) had the same pattern and
    // now uses the shared t_interval. Both halves guard against a regression.
    const survey s = parse_survey(R"({"name": "w", "scales": [{"id": "five", "min": 1, "max": 5}],
        "items": [{"id": "Q", "scale": "five"}], "weight_column": "w"})");
    const responses d = parse_responses("Q,w\n2,125\n4,0.25\n", s);
    score_report rep;
    REQUIRE_NOTHROW(rep = score(s, d));
    const auto* q = rep.overall.find_item("Q");
    REQUIRE(q);
    CHECK(std::isfinite(q->mean.mean));
    CHECK(q->mean.n_eff < 1.01);
    CHECK(std::isinf(q->mean.ci.upper));  // honest: almost no information about the spread
    CHECK(to_json(rep).find("inf") == std::string::npos);

    Eigen::VectorXd scores(2), w(2);
    scores << 25, 75;
    w << 125, 0.25;
    try {
        const score_summary sm = summarize_scores(scores, w);
        CHECK(std::isfinite(sm.mean));
        CHECK_FALSE(std::isnan(sm.ci_high));
    } catch (const error& e) {
        MESSAGE("summarize_scores refused: " << e.what());
    } catch (const std::exception& e) {
        FAIL_CHECK("summarize_scores (src/index.cpp): a non-csikit exception escapes: " << std::string(e.what()));
    }
}
