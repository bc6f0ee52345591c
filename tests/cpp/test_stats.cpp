// Inference primitives against the METHODOLOGY.md test vectors and hand-checked values
// (high-precision checks with mpmath: t quantiles via the regularised incomplete beta).
#include <csikit/stats.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using doctest::Approx;

TEST_CASE("kish effective n") {
    const std::vector<double> w{1, 2, 3, 4};
    CHECK(csikit::kish_n_eff(w) == Approx(100.0 / 30.0));
    const std::vector<double> equal(7, 2.5);
    CHECK(csikit::kish_n_eff(equal) == Approx(7.0));
    CHECK(csikit::kish_n_eff({}) == 0.0);
}

TEST_CASE("mean with t-interval, unweighted and weighted") {
    const std::vector<double> x{1, 2, 3, 4, 5};
    const auto m = csikit::mean_ci(x);
    CHECK(m.n == 5);
    CHECK(m.mean == Approx(3.0));
    CHECK(m.sd == Approx(std::sqrt(2.5)));
    CHECK(m.df == Approx(4.0));
    CHECK(m.ci.lower == Approx(1.036757).epsilon(1e-6));
    CHECK(m.ci.upper == Approx(4.963243).epsilon(1e-6));

    // NaN is skipped, not scored as zero.
    const std::vector<double> with_nan{1, NAN, 2, 3, 4, 5};
    CHECK(csikit::mean_ci(with_nan).mean == Approx(3.0));
    CHECK(csikit::mean_ci(with_nan).n == 5);

    // Weighted: x = 1..4, w = 1..4 -> mean 3, n_eff = 10/3, df = 7/3.
    const std::vector<double> xw{1, 2, 3, 4}, w{1, 2, 3, 4};
    const auto mw = csikit::mean_ci(xw, w);
    CHECK(mw.mean == Approx(3.0));
    CHECK(mw.n_eff == Approx(10.0 / 3.0));
    CHECK(mw.df == Approx(7.0 / 3.0));
    CHECK(mw.sd == Approx(1.195229).epsilon(1e-6));
    CHECK(mw.se == Approx(0.654654).epsilon(1e-6));
    CHECK(mw.ci.lower == Approx(0.535803).epsilon(1e-5));
    CHECK(mw.ci.upper == Approx(5.464197).epsilon(1e-5));

    // Too little data: no interval, but no crash.
    const std::vector<double> one{4};
    CHECK(std::isnan(csikit::mean_ci(one).ci.lower));
    CHECK_THROWS_AS(csikit::mean_ci(x, {}, 1.5), csikit::argument_error);
    const std::vector<double> negative{1, -1, 1, 1, 1};
    CHECK_THROWS_AS(csikit::mean_ci(x, negative), csikit::argument_error);
}

TEST_CASE("proportion intervals: 150/200") {
    const auto w = csikit::proportion_interval(0.75, 200);
    CHECK(w.lower == Approx(0.6857).epsilon(1e-4));
    CHECK(w.upper == Approx(0.8049).epsilon(1e-4));
    const auto ac = csikit::proportion_interval(0.75, 200, 0.95, csikit::proportion_method::agresti_coull);
    CHECK(ac.lower == Approx(0.685477).epsilon(1e-5));
    CHECK(ac.upper == Approx(0.805101).epsilon(1e-5));
    const auto cp = csikit::proportion_interval(0.75, 200, 0.95, csikit::proportion_method::clopper_pearson);
    CHECK(cp.lower == Approx(0.684037).epsilon(1e-5));
    CHECK(cp.upper == Approx(0.808393).epsilon(1e-5));
    // Boundaries: 0 successes give a lower end of exactly 0, all successes an upper of 1.
    CHECK(csikit::proportion_interval(0.0, 20, 0.95, csikit::proportion_method::clopper_pearson).lower == 0.0);
    CHECK(csikit::proportion_interval(1.0, 20, 0.95, csikit::proportion_method::clopper_pearson).upper == 1.0);
    CHECK(csikit::proportion_interval(0.0, 20).lower == Approx(0.0));
    CHECK_THROWS_AS(csikit::proportion_interval(1.2, 20), csikit::argument_error);
}

TEST_CASE("weighted share uses n_eff") {
    const std::vector<char> hits_c{1, 0, 1, 1};
    const bool hits[] = {true, false, true, true};
    const bool valid[] = {true, true, true, false};  // last answer missing: out of the denominator
    const std::vector<double> w{1, 1, 2, 5};
    const auto p = csikit::proportion_ci(hits, valid, w);
    CHECK(p.n == 3);
    CHECK(p.count == 2);
    CHECK(p.p == Approx(0.75));
    CHECK(p.n_eff == Approx(16.0 / 6.0));
    const auto ref = csikit::proportion_interval(0.75, 16.0 / 6.0);
    CHECK(p.ci.lower == Approx(ref.lower));
    CHECK(p.ci.upper == Approx(ref.upper));
}

TEST_CASE("Welch t test") {
    const std::vector<double> a{1, 2, 3, 4, 5}, b{2, 4, 6, 8, 10, 12};
    const auto r = csikit::welch_test(csikit::mean_ci(a), csikit::mean_ci(b));
    CHECK(r.difference == Approx(-4.0));
    CHECK(r.statistic == Approx(-2.376354).epsilon(1e-6));
    CHECK(r.df == Approx(6.972256).epsilon(1e-6));
    CHECK(r.p_value == Approx(0.049284).epsilon(1e-5));
    CHECK(r.ci.lower == Approx(-7.983469).epsilon(1e-5));
    CHECK(r.ci.upper == Approx(-0.016531).epsilon(1e-3));
    CHECK(r.significant);
    CHECK_FALSE(csikit::welch_test(csikit::mean_ci(a), csikit::mean_ci(b), 0.99).significant);
}

TEST_CASE("two proportions: pooled z and Newcombe (1998) 56/70 vs 48/80") {
    const auto r = csikit::two_proportion_test(56.0 / 70, 70, 48.0 / 80, 80);
    CHECK(r.difference == Approx(0.2));
    CHECK(r.ci.lower == Approx(0.0524).epsilon(1e-4));
    CHECK(r.ci.upper == Approx(0.3339).epsilon(1e-4));
    CHECK(r.statistic == Approx(2.650172).epsilon(1e-6));
    CHECK(r.p_value == Approx(0.008045).epsilon(1e-5));
    CHECK(r.significant);
    const auto n = csikit::newcombe_interval(56.0 / 70, 70, 48.0 / 80, 80);
    CHECK(n.lower == Approx(0.052431).epsilon(1e-6));
    CHECK(n.upper == Approx(0.333873).epsilon(1e-6));
}

TEST_CASE("NPS test vector: n = 400, 180 promoters, 80 detractors") {
    const auto e = csikit::nps_from_shares(180.0 / 400, 80.0 / 400, 400);
    CHECK(e.nps == Approx(25.0));
    CHECK(e.se == Approx(3.83).epsilon(0.005));
    CHECK(e.wald.lower == Approx(17.49).epsilon(0.005));
    CHECK(e.wald.upper == Approx(32.51).epsilon(0.005));
    CHECK(e.adjusted == Approx(24.81).epsilon(0.005));
    CHECK(e.adjusted_wald.lower == Approx(17.33).epsilon(0.005));
    CHECK(e.adjusted_wald.upper == Approx(32.30).epsilon(0.005));

    // The same from raw 0-10 answers.
    std::vector<double> x;
    for (int i = 0; i < 180; ++i) x.push_back(i % 2 ? 9 : 10);
    for (int i = 0; i < 140; ++i) x.push_back(i % 2 ? 7 : 8);
    for (int i = 0; i < 80; ++i) x.push_back(i % 7);
    x.push_back(NAN);
    const auto r = csikit::nps_ci(x);
    CHECK(r.n == 400);
    CHECK(r.n_promoters == 180);
    CHECK(r.n_passives == 140);
    CHECK(r.n_detractors == 80);
    CHECK(r.nps == Approx(25.0));
    CHECK(r.adjusted_wald.lower == Approx(e.adjusted_wald.lower));

    // Configurable bands: promoters 8-10 moves the 70 eights.
    const auto wide = csikit::nps_ci(x, {}, 0.95, {.promoter_min = 8, .detractor_max = 6});
    CHECK(wide.n_promoters == 250);
    CHECK(wide.nps == Approx(100.0 * (250 - 80) / 400));
}

TEST_CASE("difference of two independent NPS") {
    const auto a = csikit::nps_from_shares(0.45, 0.20, 400);
    const auto b = csikit::nps_from_shares(0.35, 0.25, 300);
    const auto r = csikit::nps_test(a, b);
    const double se = std::sqrt(a.se * a.se + b.se * b.se);
    CHECK(r.difference == Approx(15.0));
    CHECK(r.statistic == Approx(15.0 / se));
    // b: var = 0.6 - 0.01 = 0.59 -> se_b = 100 sqrt(0.59/300) = 4.4347; z = 15 / 5.8613 = 2.559.
    CHECK(r.statistic == Approx(2.5592).epsilon(1e-3));
    CHECK(r.p_value == Approx(0.01049).epsilon(1e-2));
    CHECK(r.significant);
    CHECK(r.ci.lower == Approx(15.0 - 1.959964 * se));
}
