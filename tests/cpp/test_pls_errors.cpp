// Degenerate input to the PLS estimator: each a typed error naming the culprit (or, for a
// respondent without answers, a counted exclusion).
#include "test_pls_util.hpp"

#include <doctest/doctest.h>

using namespace pls_test;
using csikit::outer_mode;

namespace {

csikit::responses mobi() { return read_numeric(shared("ecsi/mobi.csv")); }

/// IMAG -> CUSA <- PERQ, CUSA -> CUSL on the mobi items.
csikit::pls_model small_model() {
    csikit::pls_model m;
    m.constructs = {make_construct("IMAG", {"IMAG1", "IMAG2", "IMAG3"}), make_construct("PERQ", {"PERQ1", "PERQ2", "PERQ3"}),
                    make_construct("CUSA", {"CUSA1", "CUSA2", "CUSA3"}), make_construct("CUSL", {"CUSL1", "CUSL3"})};
    m.paths = {{"IMAG", "CUSA"}, {"PERQ", "CUSA"}, {"CUSA", "CUSL"}};
    return m;
}

}  // namespace

TEST_CASE("a constant item is named") {
    auto data = mobi();
    data.values.col(data.column("PERQ2")).setConstant(7);
    CHECK_THROWS_WITH_AS(csikit::estimate(small_model(), data), doctest::Contains("\"PERQ2\" is constant"),
                         csikit::numeric_error);
}

TEST_CASE("two identical items in a Mode B block name the block and both items") {
    auto data = mobi();
    data.values.col(data.column("PERQ3")) = data.values.col(data.column("PERQ1"));
    auto model = small_model();
    model.constructs[1].mode = outer_mode::B;
    try {
        (void)csikit::estimate(model, data);
        FAIL("expected numeric_error");
    } catch (const csikit::numeric_error& e) {
        const std::string what = e.what();
        CHECK(what.find("\"PERQ\"") != std::string::npos);
        CHECK(what.find("\"PERQ1\"") != std::string::npos);
        CHECK(what.find("\"PERQ3\"") != std::string::npos);
    }
}

TEST_CASE("model structure errors are model_error naming the construct") {
    auto model = small_model();
    model.constructs.push_back(make_construct("EMPTY", {}));
    model.paths.push_back({"EMPTY", "CUSL"});
    CHECK_THROWS_WITH_AS(csikit::estimate(model, mobi()), doctest::Contains("\"EMPTY\" has no indicators"),
                         csikit::model_error);

    model = small_model();
    model.paths.push_back({"CUSL", "IMAG"});  // IMAG -> CUSA -> CUSL -> IMAG
    CHECK_THROWS_WITH_AS(csikit::estimate(model, mobi()), doctest::Contains("cycle IMAG -> CUSA -> CUSL -> IMAG"),
                         csikit::model_error);

    model = small_model();
    model.paths.push_back({"CUSA", "LOYALTY"});
    CHECK_THROWS_WITH_AS(csikit::estimate(model, mobi()), doctest::Contains("unknown construct \"LOYALTY\""),
                         csikit::model_error);

    model = small_model();
    model.constructs[3].items.push_back("CUSA2");
    CHECK_THROWS_WITH_AS(csikit::validate_model(model), doctest::Contains("\"CUSA2\" is an indicator of both"),
                         csikit::model_error);

    model = small_model();
    model.constructs[0].items.push_back("IMAG9");
    CHECK_THROWS_WITH_AS(csikit::estimate(model, mobi()), doctest::Contains("construct \"IMAG\": unknown item \"IMAG9\""),
                         csikit::model_error);
    const auto m = csikit::compute_moments(mobi(), small_model().indicators());
    CHECK_THROWS_WITH_AS(csikit::estimate(model, m), doctest::Contains("unknown item \"IMAG9\""), csikit::model_error);

    model = small_model();
    model.paths.pop_back();  // CUSL now has no path
    CHECK_THROWS_WITH_AS(csikit::estimate(model, mobi()), doctest::Contains("\"CUSL\" has no paths"), csikit::model_error);
}

TEST_CASE("fewer respondents than items in a Mode B block") {
    auto data = mobi();
    data.values.conservativeResize(3, Eigen::NoChange);
    data.weights.conservativeResize(3);
    auto model = small_model();
    model.constructs[1].mode = outer_mode::B;
    CHECK_THROWS_WITH_AS(csikit::estimate(model, data),
                         doctest::Contains("Mode B construct \"PERQ\" has 3 items but only 3 respondents"),
                         csikit::model_error);
}

TEST_CASE("collinear predictor constructs are a numeric_error naming the construct") {
    auto data = mobi();
    auto model = small_model();
    model.constructs[0].items = {"IMAG1"};
    model.constructs[1].items = {"PERQ1"};
    data.values.col(data.column("PERQ1")) = data.values.col(data.column("IMAG1"));
    CHECK_THROWS_WITH_AS(csikit::estimate(model, data), doctest::Contains("\"CUSA\""), csikit::numeric_error);
}

TEST_CASE("non-convergence names the iteration count") {
    csikit::pls_options o;
    o.max_iterations = 2;
    o.tolerance = 1e-15;
    CHECK_THROWS_WITH_AS(csikit::estimate(small_model(), mobi(), o), doctest::Contains("did not converge in 2 iterations"),
                         csikit::convergence_error);
    o.tolerance = 0;
    CHECK_THROWS_AS(csikit::estimate(small_model(), mobi(), o), csikit::argument_error);
}

TEST_CASE("a respondent without any answer is a counted exclusion") {
    auto data = mobi();
    data.values.row(4).setConstant(std::nan(""));
    data.values(7, data.column("CUSA2")) = std::nan("");
    for (auto t : {csikit::missing_treatment::listwise, csikit::missing_treatment::mean_replacement,
                   csikit::missing_treatment::pairwise}) {
        csikit::pls_options o;
        o.missing = t;
        o.keep_scores = true;
        const auto fit = csikit::estimate(small_model(), data, o);
        CHECK(fit.data.respondents_total == 250);
        CHECK(fit.data.respondents_used == (t == csikit::missing_treatment::listwise ? 248u : 249u));
        CHECK(fit.scores.rows() == 250);
        CHECK(std::isnan(fit.scores(4, 0)));
        CHECK(std::isnan(fit.scores(7, 0)) == (t == csikit::missing_treatment::listwise));
    }
}
