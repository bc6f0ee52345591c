// The simulation generator, and PLSc against known population paths.
#include "test_pls_util.hpp"

#include <csikit/simulate.hpp>

#include <doctest/doctest.h>

using namespace pls_test;

namespace {

/// XI -> ETA1 (0.5), XI -> ETA2 (0.3), ETA1 -> ETA2 (0.4); three reflective items each.
csikit::population_model three_construct_model() {
    csikit::population_model pop;
    pop.model.constructs = {make_construct("XI", {"x1", "x2", "x3"}), make_construct("ETA1", {"y1", "y2", "y3"}),
                            make_construct("ETA2", {"z1", "z2", "z3"})};
    pop.model.paths = {{"XI", "ETA1"}, {"XI", "ETA2"}, {"ETA1", "ETA2"}};
    pop.path_coefficients = {0.5, 0.3, 0.4};
    pop.loadings = {0.7, 0.8, 0.9, 0.75, 0.8, 0.85, 0.7, 0.7, 0.8};
    return pop;
}

}  // namespace

TEST_CASE("implied correlations follow the population model exactly") {
    const auto pop = three_construct_model();
    const Eigen::MatrixXd C = csikit::implied_construct_correlation(pop);
    CHECK(C(1, 0) == doctest::Approx(0.5));
    CHECK(C(2, 0) == doctest::Approx(0.3 + 0.4 * 0.5));        // direct + via ETA1
    CHECK(C(2, 1) == doctest::Approx(0.3 * 0.5 + 0.4));
    const Eigen::MatrixXd S = csikit::implied_indicator_correlation(pop);
    CHECK(S(0, 1) == doctest::Approx(0.7 * 0.8));
    CHECK(S(0, 3) == doctest::Approx(0.7 * 0.75 * 0.5));
    CHECK(S.diagonal().isOnes());
}

TEST_CASE("simulate is reproducible per seed and discretises to 1..K") {
    const auto pop = three_construct_model();
    const auto a = csikit::simulate(pop, 500, {.seed = 7});
    const auto b = csikit::simulate(pop, 500, {.seed = 7});
    const auto c = csikit::simulate(pop, 500, {.seed = 8});
    CHECK(a.values == b.values);
    CHECK(a.values != c.values);
    CHECK(a.item_ids == pop.model.indicators());
    const auto d = csikit::simulate(pop, 2000, {.seed = 7, .scale_points = 7});
    CHECK(d.values.minCoeff() >= 1);
    CHECK(d.values.maxCoeff() <= 7);
    CHECK((d.values.array() == d.values.array().round()).all());
    const auto r = d.to_responses();
    CHECK(r.respondents() == 2000);
    CHECK(r.weights.size() == 2000);
}

TEST_CASE("simulate rejects an impossible population") {
    auto pop = three_construct_model();
    pop.path_coefficients = {0.5, 0.9, 0.9};  // explains more than the variance of ETA2
    CHECK_THROWS_AS(csikit::implied_construct_correlation(pop), csikit::argument_error);
    pop = three_construct_model();
    pop.loadings.pop_back();
    CHECK_THROWS_AS(csikit::simulate(pop, 10), csikit::argument_error);
}

TEST_CASE("PLSc recovers the population paths; plain PLS is attenuated") {
    const auto pop = three_construct_model();
    const int seeds = 20;
    Eigen::MatrixXd mean_pls = Eigen::MatrixXd::Zero(3, 3), mean_plsc = mean_pls;
    for (int s = 1; s <= seeds; ++s) {
        const auto data = csikit::simulate(pop, 2000, {.seed = static_cast<std::uint64_t>(s)}).to_responses();
        csikit::pls_options o;
        o.quality = false;
        mean_pls += csikit::estimate(pop.model, data, o).paths / seeds;
        o.consistent = true;
        const auto fit = csikit::estimate(pop.model, data, o);
        CHECK(fit.consistent);
        mean_plsc += fit.paths / seeds;
    }
    const double truth[3] = {0.5, 0.3, 0.4};
    const std::pair<int, int> where[3] = {{1, 0}, {2, 0}, {2, 1}};
    for (int k = 0; k < 3; ++k) {
        const auto [to, from] = where[k];
        MESSAGE("path " << k << ": true " << truth[k] << ", mean PLSc " << mean_plsc(to, from) << ", mean PLS "
                        << mean_pls(to, from));
        // Monte-Carlo SE of a mean over 20 samples of n = 2000 is about 0.005.
        CHECK(std::abs(mean_plsc(to, from) - truth[k]) < 0.02);
    }
    // Composites with reliability < 1 attenuate the XI -> ETA1 path (the only predictor).
    CHECK(mean_pls(1, 0) < 0.5 - 0.03);
    // PLSc loadings estimate the population loadings.
    const auto data = csikit::simulate(pop, 20000, {.seed = 99}).to_responses();
    csikit::pls_options o;
    o.consistent = true;
    const auto fit = csikit::estimate(pop.model, data, o);
    for (int h = 0; h < 9; ++h) CHECK(fit.loadings[h] == doctest::Approx(pop.loadings[static_cast<std::size_t>(h)]).epsilon(0.03));
}
