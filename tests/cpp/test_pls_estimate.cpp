// The estimator's invariants: the corporate-reputation model with formative blocks and
// missing data, the survey route, moments in any order, the fast core, PLSc, and speed.
#include "test_pls_util.hpp"

#include <csikit/simulate.hpp>

#include <doctest/doctest.h>

#include <Eigen/LU>

#include <algorithm>

using namespace pls_test;
using csikit::outer_mode;

namespace {

/// The extended corporate reputation model (Hair et al.; seminr's corp_rep example).
csikit::pls_model corp_rep_model() {
    auto items = [](const std::string& stem, int k) {
        std::vector<std::string> v;
        for (int i = 1; i <= k; ++i) v.push_back(stem + "_" + std::to_string(i));
        return v;
    };
    csikit::pls_model m;
    m.constructs = {make_construct("QUAL", items("qual", 8), outer_mode::B), make_construct("PERF", items("perf", 5), outer_mode::B),
                    make_construct("CSOR", items("csor", 5), outer_mode::B), make_construct("ATTR", items("attr", 3), outer_mode::B),
                    make_construct("COMP", items("comp", 3)), make_construct("LIKE", items("like", 3)),
                    make_construct("CUSA", {"cusa"}), make_construct("CUSL", items("cusl", 3))};
    for (const char* from : {"QUAL", "PERF", "CSOR", "ATTR"})
        for (const char* to : {"COMP", "LIKE"}) m.paths.push_back({from, to});
    for (const char* from : {"COMP", "LIKE"})
        for (const char* to : {"CUSA", "CUSL"}) m.paths.push_back({from, to});
    m.paths.push_back({"CUSA", "CUSL"});
    return m;
}

}  // namespace

TEST_CASE("corporate reputation: formative blocks, missing data, single item") {
    const auto data = read_numeric(shared("corp_rep/corp_rep.csv"), -99);
    const auto model = corp_rep_model();
    // Independent counts of the model's missing cells and incomplete respondents.
    std::size_t missing_cells = 0, incomplete = 0;
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) {
        std::size_t row_missing = 0;
        for (const auto& id : model.indicators()) row_missing += std::isnan(data.values(i, data.column(id)));
        missing_cells += row_missing;
        incomplete += row_missing > 0;
    }
    REQUIRE(missing_cells > 0);
    for (auto t : {csikit::missing_treatment::listwise, csikit::missing_treatment::mean_replacement}) {
        csikit::pls_options o;
        o.missing = t;
        const auto fit = csikit::estimate(model, data, o);
        CHECK(fit.converged);
        CHECK(fit.data.respondents_total == 344);
        if (t == csikit::missing_treatment::listwise) {
            CHECK(fit.data.respondents_used == 344 - incomplete);
            CHECK(fit.data.answers_imputed == 0);
        } else {
            CHECK(fit.data.respondents_used == 344);
            CHECK(fit.data.answers_imputed == missing_cells);
            CHECK(fit.data.answers_used == 344 * model.indicators().size() - missing_cells);
        }
        // Every composite, Mode B included, has unit variance: w' S_jj w = 1.
        const Eigen::MatrixXd& S = fit.data.correlation;
        for (int j = 0; j < static_cast<int>(fit.constructs.size()); ++j) {
            std::vector<int> idx;
            for (int h = 0; h < static_cast<int>(fit.indicators.size()); ++h)
                if (fit.block[static_cast<std::size_t>(h)] == j) idx.push_back(h);
            double var = 0;
            for (int a : idx)
                for (int b : idx) var += fit.weights[a] * fit.weights[b] * S(a, b);
            CHECK(var == doctest::Approx(1.0).epsilon(1e-12));
        }
        for (int j = 0; j < fit.r2.size(); ++j) {
            CHECK(fit.r2[j] >= 0);
            CHECK(fit.r2[j] <= 1);
        }
        const int cusa = fit.indicator_index("cusa");
        CHECK(fit.weights[cusa] == 1.0);
        CHECK(fit.loadings[cusa] == doctest::Approx(1.0).epsilon(1e-14));
        CHECK(fit.rho_a[fit.construct_index("CUSA")] == 1.0);
        CHECK(fit.composite_correlation.isApprox(fit.construct_correlation));
        // Known signs: satisfaction drives loyalty; likeability drives satisfaction.
        CHECK(fit.paths(fit.construct_index("CUSL"), fit.construct_index("CUSA")) > 0.3);
        CHECK(fit.paths(fit.construct_index("CUSA"), fit.construct_index("LIKE")) > 0.3);
        CHECK(fit.outer_vif.minCoeff() >= 1.0);
        CHECK(fit.srmr > 0);
        CHECK(fit.srmr < 0.2);
    }
}

TEST_CASE("survey route: load_survey + read_responses gives the hand-built estimate") {
    const auto& survey = test_support::ecsi_survey();
    const auto data = test_support::ecsi_responses();
    const auto from_survey = csikit::estimate(csikit::pls_model::from_survey(survey), data);
    const auto by_hand = csikit::estimate(ecsi_model(), read_numeric(shared("ecsi/mobi.csv")));
    CHECK(from_survey.constructs == by_hand.constructs);
    CHECK((from_survey.paths - by_hand.paths).cwiseAbs().maxCoeff() < 1e-14);
    CHECK((from_survey.weights_unstandardized - by_hand.weights_unstandardized).cwiseAbs().maxCoeff() < 1e-14);
    // Unstandardised weights are w / sd on the raw item scale.
    const int h = by_hand.indicator_index("CUSA2");
    CHECK(by_hand.weights_unstandardized[h] == doctest::Approx(by_hand.weights[h] / by_hand.data.sd[h]));
}

TEST_CASE("moments in any item order, and the fast core without quality criteria") {
    const auto data = read_numeric(shared("ecsi/mobi.csv"));
    auto items = ecsi_model().indicators();
    std::reverse(items.begin(), items.end());
    const auto shuffled = csikit::compute_moments(data, items);
    const auto full = csikit::estimate(ecsi_model(), data);
    csikit::pls_options o;
    o.quality = false;
    const auto core = csikit::estimate(ecsi_model(), shuffled, o);
    CHECK((core.weights - full.weights).cwiseAbs().maxCoeff() < 1e-14);
    CHECK((core.paths - full.paths).cwiseAbs().maxCoeff() < 1e-14);
    CHECK((core.total_effects - full.total_effects).cwiseAbs().maxCoeff() < 1e-14);
    CHECK((core.weights_unstandardized - full.weights_unstandardized).cwiseAbs().maxCoeff() < 1e-14);
    CHECK(core.htmt.size() == 0);
    // Total effects = (I - B)^-1 - I.
    const auto J = full.paths.rows();
    const Eigen::MatrixXd T = (Eigen::MatrixXd::Identity(J, J) - full.paths).inverse() - Eigen::MatrixXd::Identity(J, J);
    CHECK((T - full.total_effects).cwiseAbs().maxCoeff() < 1e-14);
}

TEST_CASE("PLSc on ECSI: disattenuated correlations, corrected loadings, admissibility flag") {
    csikit::pls_options o;
    o.consistent = true;
    const auto data = read_numeric(shared("ecsi/mobi.csv"));
    const auto plain = csikit::estimate(ecsi_model(), data);
    const auto fit = csikit::estimate(ecsi_model(), data, o);
    CHECK(fit.consistent);
    CHECK(plain.admissible);
    const int imag = fit.construct_index("IMAG"), cusa = fit.construct_index("CUSA"), cusco = fit.construct_index("CUSCO");
    CHECK(fit.plsc_factor[imag] == doctest::Approx(std::sqrt(plain.rho_a[imag])));
    CHECK(fit.plsc_factor[cusco] == 1.0);
    CHECK(fit.construct_correlation(imag, cusa) ==
          doctest::Approx(plain.construct_correlation(imag, cusa) / (fit.plsc_factor[imag] * fit.plsc_factor[cusa])));
    // Corrected loadings c w reproduce rho_A: (sum of w lambda)^2 = rho_A for unit-variance w.
    double q = 0;
    for (int h = 0; h < 5; ++h) q += fit.weights[h] * fit.loadings[h];
    CHECK(q * q == doctest::Approx(plain.rho_a[imag]));
    CHECK(fit.weights.isApprox(plain.weights));
    // CUEX has rho_A 0.46: its disattenuated correlations leave the admissible region on mobi.
    for (const auto& w : fit.warnings) MESSAGE(w);
    CHECK_FALSE(fit.admissible);
    REQUIRE_FALSE(fit.warnings.empty());
    CHECK(fit.warnings.front().find("not positive definite") != std::string::npos);
    o.strict = true;
    CHECK_THROWS_WITH_AS(csikit::estimate(ecsi_model(), data, o), doctest::Contains("PERQ - CUSA"), csikit::numeric_error);
}

TEST_CASE("a large simulated sample: the estimate from responses equals the one from its moments") {
    // Speed is measured by benchmarks/bench_pls.cpp; this test checks the large-n path is right.
    const auto data = read_numeric(shared("ecsi/mobi.csv"));
    const auto model = ecsi_model();
    const auto m = csikit::compute_moments(data, model.indicators());
    const auto fit = csikit::estimate(model, m);

    // 100,000 respondents drawn from the estimated model's own structure.
    csikit::population_model pop;
    pop.model = model;
    for (const auto& p : model.paths) pop.path_coefficients.push_back(fit.paths(fit.construct_index(p.to), fit.construct_index(p.from)) * 0.9);
    for (int h = 0; h < fit.loadings.size(); ++h) pop.loadings.push_back(std::min(0.95, fit.loadings[h]));
    const auto big = csikit::simulate(pop, 100000, {.seed = 5, .scale_points = 10}).to_responses();
    const auto bigfit = csikit::estimate(model, big);
    const auto frommoments = csikit::estimate(model, csikit::compute_moments(big, model.indicators()));
    CHECK(bigfit.converged);
    CHECK(bigfit.data.respondents_used == 100000);
    CHECK((bigfit.paths - frommoments.paths).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((bigfit.weights - frommoments.weights).cwiseAbs().maxCoeff() < 1e-12);
}
