// Sampling plans: METHODOLOGY 7 test vectors and the allocation rules.
#include <csikit/error.hpp>
#include <csikit/sampling.hpp>
#include <Eigen/Core>

#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

using namespace csikit;

TEST_CASE("z values come from the normal quantile") {
    CHECK(z_value(0.95) == doctest::Approx(1.959964).epsilon(1e-6));
    CHECK(z_value(0.90) == doctest::Approx(1.644854).epsilon(1e-6));
    CHECK(z_value(0.99) == doctest::Approx(2.575829).epsilon(1e-6));
    CHECK_THROWS_AS(z_value(1.0), argument_error);
    CHECK_THROWS_AS(z_value(0.0), argument_error);
}

TEST_CASE("proportion: 95% and +-5 points needs 385") {
    const auto s = sample_size_proportion(0.05);
    CHECK(s.n0 == doctest::Approx(384.146).epsilon(1e-5));
    CHECK(s.adjusted == s.n0);
    CHECK(s.n == 385);
    CHECK_FALSE(s.population.has_value());
    // A smaller p needs fewer respondents: 1.96^2 * .2 * .8 / .05^2 = 245.85.
    CHECK(sample_size_proportion(0.05, 0.95, 0.2).n == 246);
}

TEST_CASE("finite-population correction: Cochran and the simple variant differ (N = 2000)") {
    const auto c = sample_size_proportion(0.05, 0.95, 0.5, 2000.0);
    const auto s = sample_size_proportion(0.05, 0.95, 0.5, 2000.0, fpc_formula::simple);
    CHECK(c.adjusted == doctest::Approx(322.39).epsilon(1e-4));  // 322.4
    CHECK(s.adjusted == doctest::Approx(322.25).epsilon(1e-4));  // 322.3
    CHECK(c.n == 323);
    CHECK(s.n == 323);
    CHECK(fpc_adjust(384.0, 384.0) == doctest::Approx(384.0 * 384.0 / 767.0));
    CHECK(fpc_adjust(384.0, 384.0, fpc_formula::simple) == doctest::Approx(192.0));
    CHECK_THROWS_AS(sample_size_proportion(0.05, 0.95, 0.5, 0.0), argument_error);
}

TEST_CASE("mean: n0 = (z sigma / e)^2") {
    const auto m = sample_size_mean(2.0, 0.2);
    CHECK(m.n0 == doctest::Approx(384.146).epsilon(1e-5));
    CHECK(m.n == 385);
    // Index precision on 0-100: sigma 20 points, e = 2 points at 90%: (1.645*10)^2 = 270.6.
    CHECK(sample_size_mean(20, 2, 0.90).n == 271);
    CHECK_THROWS_AS(sample_size_mean(0, 0.2), argument_error);
    CHECK_THROWS_AS(sample_size_mean(2, -1), argument_error);
}

TEST_CASE("design effect of weights is n / n_eff = 1 + CV^2") {
    Eigen::VectorXd w(4);
    w << 1, 1, 2, 4;  // mean 2, population variance 1.5, CV^2 = 0.375
    CHECK(effective_n(w) == doctest::Approx(64.0 / 22.0));
    CHECK(design_effect(w) == doctest::Approx(1.375));
    const Eigen::VectorXd ones = Eigen::VectorXd::Ones(10);
    CHECK(design_effect(ones) == doctest::Approx(1.0));
    Eigen::VectorXd bad(2);
    bad << 1, -1;
    CHECK_THROWS_AS(design_effect(bad), argument_error);
}

TEST_CASE("margin of error with design effect and FPC") {
    const auto m = moe_proportion(400);
    CHECK(m.margin == doctest::Approx(0.0490).epsilon(1e-3));
    const auto d = moe_proportion(400, 0.5, 0.95, std::nullopt, 1.2);
    CHECK(d.margin == doctest::Approx(0.049 * std::sqrt(1.2)).epsilon(1e-3));
    const auto f = moe_proportion(400, 0.5, 0.95, 2000.0, 1.0);
    CHECK(f.fpc == doctest::Approx(std::sqrt(1600.0 / 1999.0)));
    CHECK(f.margin == doctest::Approx(1.959964 * 0.025 * std::sqrt(1600.0 / 1999.0)).epsilon(1e-6));
    const auto mm = moe_mean(100, 2.0);
    CHECK(mm.margin == doctest::Approx(0.392).epsilon(1e-3));
    CHECK_THROWS_AS(moe_proportion(0), argument_error);
    CHECK_THROWS_AS(moe_proportion(400, 0.5, 0.95, 100.0), argument_error);
}

TEST_CASE("stratified allocation: Neyman and proportional test vectors") {
    const std::vector<double> N{5000, 3000, 2000}, S{2.0, 1.5, 2.5};
    allocation_options ney;
    ney.method = allocation_method::neyman;
    ney.sd = S;
    const auto a = allocate(600, N, ney);
    CHECK(a.exact[0] == doctest::Approx(307.69).epsilon(1e-4));
    CHECK(a.exact[1] == doctest::Approx(138.46).epsilon(1e-4));
    CHECK(a.exact[2] == doctest::Approx(153.85).epsilon(1e-4));
    CHECK(a.n == std::vector<std::size_t>{308, 138, 154});

    const auto p = allocate(600, N);
    CHECK(p.n == std::vector<std::size_t>{300, 180, 120});
    CHECK(std::isnan(p.variance));

    // Costs: stratum 3 four times as expensive halves its Neyman weight N_h S_h / sqrt(c_h).
    ney.cost = {1, 1, 4};
    const auto c = allocate(600, N, ney);
    const double m1 = 10000, m2 = 4500, m3 = 2500;
    CHECK(c.exact[2] == doctest::Approx(600 * m3 / (m1 + m2 + m3)));
}

TEST_CASE("stratified allocation: minimum per stratum, caps and the check afterwards") {
    allocation_options o;
    o.minimum = 30;
    // Proportional shares of 100 would be 62.3, 37.4, 0.2; the small stratum (N = 20) is taken
    // whole, the rest re-shared proportionally.
    const auto a = allocate(100, {5000, 3000, 20}, o);
    CHECK(a.n[2] == 20);
    CHECK(a.at_minimum[2]);
    CHECK(a.exact[0] == doctest::Approx(80 * 5000.0 / 8000.0));
    CHECK(a.exact[1] == doctest::Approx(80 * 3000.0 / 8000.0));
    CHECK(a.n[0] + a.n[1] + a.n[2] == 100);

    // Minimum raises a stratum whose share is too small: shares of 200 are 100, 60, 20 -> 30.
    const auto b = allocate(200, {5000, 3000, 1000}, o);
    CHECK(b.exact[2] == doctest::Approx(30));
    CHECK(b.at_minimum[2]);
    CHECK(b.exact[0] == doctest::Approx(170 * 5.0 / 8.0));

    // Neyman share above N_h is capped and the excess goes to the others.
    allocation_options ney;
    ney.method = allocation_method::neyman;
    ney.sd = {1, 1, 50};
    const auto c = allocate(500, {1000, 1000, 100}, ney);
    CHECK(c.at_cap[2]);
    CHECK(c.n[2] == 100);
    CHECK(c.n[0] == 200);
    CHECK(c.n[1] == 200);

    CHECK_THROWS_AS(allocate(50, {5000, 3000, 1000}, o), argument_error);     // 90 needed
    CHECK_THROWS_AS(allocate(5000, {1000, 1000}), argument_error);            // more than N
    CHECK_THROWS_AS(allocate(100, {1000, 1000}, ney), argument_error);        // sd count
    CHECK_THROWS_AS(allocate(100, {1000, -5}), argument_error);
}

TEST_CASE("largest-remainder rounding keeps the total") {
    CHECK(round_preserving_total({307.6923, 138.4615, 153.8462}, 600) == std::vector<std::size_t>{308, 138, 154});
    CHECK(round_preserving_total({33.3333, 33.3333, 33.3334}, 100) == std::vector<std::size_t>{33, 33, 34});
    CHECK(round_preserving_total({0.5, 0.5, 1.0}, 2) == std::vector<std::size_t>{1, 0, 1});  // tie: earlier first
    const auto r = round_preserving_total({1.2, 2.2, 3.2, 4.4}, 11);
    CHECK(std::accumulate(r.begin(), r.end(), std::size_t{0}) == 11);
    CHECK(r == std::vector<std::size_t>{1, 2, 3, 5});
    CHECK_THROWS_AS(round_preserving_total({1.0, 2.0}, 10), argument_error);
}

TEST_CASE("stratified variance and total n for a target variance") {
    const std::vector<double> N{5000, 3000, 2000}, S{2.0, 1.5, 2.5};
    // W = .5, .3, .2; sum W S = 1.95; sum W S^2 = 3.925.
    const double v = 0.01;
    CHECK(stratified_total(N, S, v, allocation_method::proportional) == doctest::Approx(3.925 / (0.01 + 3.925 / 10000)));
    CHECK(stratified_total(N, S, v, allocation_method::neyman) == doctest::Approx(1.95 * 1.95 / (0.01 + 3.925 / 10000)));
    // The Neyman total, allocated the Neyman way, meets the target variance (up to rounding).
    const double n = stratified_total(N, S, v, allocation_method::neyman);
    allocation_options o;
    o.method = allocation_method::neyman;
    o.sd = S;
    const auto a = allocate(static_cast<std::size_t>(std::ceil(n)), N, o);
    CHECK(stratified_variance(N, S, a.exact) <= v * 1.001);
    CHECK(a.variance == doctest::Approx(stratified_variance(N, S, {double(a.n[0]), double(a.n[1]), double(a.n[2])})));
    // Margin form: V* = (e/z)^2.
    const double e = 0.2 * 1.959964;
    CHECK(stratified_total_for_margin(N, S, e, 0.95, allocation_method::neyman) ==
          doctest::Approx(stratified_total(N, S, 0.04, allocation_method::neyman)).epsilon(1e-5));
}
