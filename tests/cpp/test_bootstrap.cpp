// Bootstrap: reproducibility (seed, thread count), the SE against a Monte-Carlo truth,
// intervals, failed resamples, cancellation and progress.
#include <csikit/bootstrap.hpp>

#include <doctest/doctest.h>

#include "support/ecsi.hpp"

#include <atomic>
#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace csikit;

namespace {

using test_support::ecsi_case;

const ecsi_case& ecsi() {
    static const ecsi_case c = [] {
        pls_options o;
        o.tolerance = 1e-10;
        return test_support::load_ecsi(o);
    }();
    return c;
}

/// Bitwise equality of two doubles (NaN == NaN), as "identical" must mean for reproducibility.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool identical(const bootstrap_result& a, const bootstrap_result& b) {
    if (a.parameters.size() != b.parameters.size() || a.failed != b.failed) return false;
    for (std::size_t k = 0; k < a.parameters.size(); ++k) {
        const auto &x = a.parameters[k], &y = b.parameters[k];
        for (auto [u, v] : {std::pair{x.mean, y.mean}, {x.se, y.se}, {x.t, y.t}, {x.p, y.p}, {x.ci_low, y.ci_low},
                            {x.ci_high, y.ci_high}, {x.bca_low, y.bca_low}, {x.bca_high, y.bca_high}})
            if (!same_bits(u, v)) return false;
    }
    return true;
}

/// A two-construct model X -> Y with three indicators each.
pls_model two_blocks() {
    pls_model m;
    m.constructs = {construct{"X", {}, {"x1", "x2", "x3"}, outer_mode::A, ""},
                    construct{"Y", {}, {"y1", "y2", "y3"}, outer_mode::A, ""}};
    m.paths = {path{"X", "Y"}};
    return m;
}

/// n respondents from the population X ~ N(0,1), Y = 0.5 X + N(0, 0.75), items 0.8 LV + noise.
responses simulate(std::mt19937_64& gen, int n) {
    std::normal_distribution<double> z;
    responses r;
    r.item_ids = {"x1", "x2", "x3", "y1", "y2", "y3"};
    r.values.resize(n, 6);
    r.weights = Eigen::VectorXd::Ones(n);
    r.source = "<simulated>";
    const double noise = std::sqrt(1 - 0.64);
    for (int i = 0; i < n; ++i) {
        const double x = z(gen);
        const double y = 0.5 * x + std::sqrt(0.75) * z(gen);
        for (int k = 0; k < 3; ++k) {
            r.values(i, k) = 0.8 * x + noise * z(gen);
            r.values(i, 3 + k) = 0.8 * y + noise * z(gen);
        }
    }
    return r;
}

}  // namespace

TEST_CASE("ECSI: identical results for 1, 2 and 3 threads and for the same seed") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 300;
    o.seed = 2024;
    o.threads = 1;
    const bootstrap_result one = bootstrap(e.model, e.data, e.fit, o);
    o.threads = 2;
    const bootstrap_result two = bootstrap(e.model, e.data, e.fit, o);
    o.threads = 3;
    const bootstrap_result three = bootstrap(e.model, e.data, e.fit, o);
    const bootstrap_result again = bootstrap(e.model, e.data, e.fit, o);
    CHECK(one.threads == 1);
    CHECK(three.threads == 3);
    CHECK(identical(one, two));
    CHECK(identical(one, three));
    CHECK(identical(three, again));

    o.seed = 2025;
    const bootstrap_result other = bootstrap(e.model, e.data, e.fit, o);
    CHECK_FALSE(identical(one, other));
    const auto& a = one.get(parameter_kind::path, "PERQ", "CUSA");
    const auto& b = other.get(parameter_kind::path, "PERQ", "CUSA");
    CHECK(a.se != b.se);
    CHECK(a.se == doctest::Approx(b.se).epsilon(0.25));  // same population of resamples
}

TEST_CASE("ECSI: parameters, summaries and intervals are consistent") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 1000;
    o.seed = 7;
    const bootstrap_result r = bootstrap(e.model, e.data, e.fit, o);
    CHECK(r.resamples == 1000);
    CHECK(r.succeeded == 1000);
    CHECK(r.failed == 0);
    CHECK(r.failed_by_reason.empty());
    CHECK(r.respondents == 250);
    CHECK(r.df == 249);
    CHECK(r.jackknife == 250);  // exact leave-one-out below jackknife_max
    // 24 weights, 24 loadings, 12 paths, 6 R2 and the total effects of connected pairs.
    std::size_t counts[5] = {};
    for (const auto& q : r.parameters) ++counts[static_cast<int>(q.kind)];
    CHECK(counts[0] == 24);
    CHECK(counts[1] == 24);
    CHECK(counts[2] == 12);
    CHECK(counts[3] == 21);  // the ECSI chain connects every ordered pair: 6+5+4+3+2+1
    CHECK(counts[4] == 6);

    for (const auto& q : r.parameters) {
        CAPTURE(q.label);
        CAPTURE(to_string(q.kind));
        if (q.label == "CUSCO") {  // a single-item block: weight and loading are 1 by construction
            if (q.kind == parameter_kind::weight || q.kind == parameter_kind::loading) {
                CHECK(q.se == doctest::Approx(0).epsilon(1e-12));
                CHECK(std::isnan(q.t));
                CHECK(std::isnan(q.p));
                continue;
            }
        }
        CHECK(q.se > 0);
        CHECK(q.ci_low <= q.estimate);
        CHECK(q.estimate <= q.ci_high);
        CHECK(q.t == doctest::Approx(q.estimate / q.se));
        CHECK(q.bias == doctest::Approx(q.mean - q.estimate));
        CHECK(q.p >= 0);
        CHECK(q.p <= 1);
        // BCa: finite, ordered, and within a couple of SEs of the percentile interval.
        CHECK(std::isfinite(q.bca_low));
        CHECK(q.bca_low < q.bca_high);
        CHECK(std::abs(q.bca_low - q.ci_low) < 2 * q.se);
        CHECK(std::abs(q.bca_high - q.ci_high) < 2 * q.se);
    }
    // The estimates are the original fit's, and the p value follows from t with df = n - 1.
    const auto& p = r.get(parameter_kind::path, "IMAG", "CUEX");
    CHECK(p.estimate == e.fit.paths(e.fit.construct_index("CUEX"), e.fit.construct_index("IMAG")));
    CHECK(p.se == doctest::Approx(0.058).epsilon(0.15));  // plspm's OLS SE is 0.0548
    CHECK(p.p < 1e-10);
    const auto& weak = r.get(parameter_kind::path, "CUEX", "PERV");
    CHECK(weak.p > 0.2);  // 0.05 with SE ~0.08: not significant
    CHECK(r.get(parameter_kind::r2, "CUSA").estimate == e.fit.r2[e.fit.construct_index("CUSA")]);
    CHECK(r.get(parameter_kind::loading, "CUSL2").ci_low < 0.05);  // the famous weak item
    CHECK_THROWS_AS(r.get(parameter_kind::path, "CUSL", "IMAG"), argument_error);
}

TEST_CASE("simulated X -> Y at n = 500: bootstrap SE within 20% of the Monte-Carlo SD") {
    const pls_model model = two_blocks();
    std::mt19937_64 gen(12345);
    // Monte-Carlo truth: the spread of the path over independent samples from the population.
    const int samples = 300;
    double sum = 0, sum2 = 0;
    for (int s = 0; s < samples; ++s) {
        const double b = estimate(model, simulate(gen, 500)).paths(1, 0);
        sum += b;
        sum2 += b * b;
    }
    const double mc_mean = sum / samples;
    const double mc_sd = std::sqrt((sum2 - samples * mc_mean * mc_mean) / (samples - 1));
    // Bootstrap SE from three single samples; each should be close to the truth.
    for (int rep = 0; rep < 3; ++rep) {
        const responses data = simulate(gen, 500);
        const pls_fit fit = estimate(model, data);
        bootstrap_options o;
        o.resamples = 1000;
        o.seed = static_cast<std::uint64_t>(rep);
        o.bca = false;
        const bootstrap_result r = bootstrap(model, data, fit, o);
        const auto& q = r.get(parameter_kind::path, "X", "Y");
        CAPTURE(mc_sd);
        CAPTURE(q.se);
        CHECK(q.se == doctest::Approx(mc_sd).epsilon(0.20));
        CHECK(r.jackknife == 0);
        CHECK(std::isnan(q.bca_low));
        CHECK(q.ci_low < q.estimate);
        CHECK(q.estimate < q.ci_high);
    }
    CHECK(mc_sd > 0.02);
    CHECK(mc_sd < 0.06);  // about sqrt((1 - 0.5^2)^2 / 500) for a composite correlation
}

TEST_CASE("resamples with a constant item are counted, reported and not fatal") {
    const pls_model model = two_blocks();
    std::mt19937_64 gen(99);
    responses data = simulate(gen, 60);
    // x3 varies in only two respondents: a resample that draws neither has a constant item.
    for (int i = 0; i < 60; ++i) data.values(i, 2) = i < 2 ? 1.0 : 0.0;
    const pls_fit fit = estimate(model, data);
    bootstrap_options o;
    o.resamples = 400;
    o.seed = 3;
    const bootstrap_result r = bootstrap(model, data, fit, o);
    // P(neither drawn) = (58/60)^60 ~ 0.13: about 52 of 400.
    CHECK(r.failed > 20);
    CHECK(r.failed < 90);
    CHECK(r.failed + r.succeeded == 400);
    REQUIRE(r.failed_by_reason.count("constant_item") == 1);
    CHECK(r.failed_by_reason.at("constant_item") == r.failed);
    CHECK(r.failure_examples.at("constant_item").find("\"x3\"") != std::string::npos);
    CHECK(r.get(parameter_kind::path, "X", "Y").se > 0);

    o.threads = 3;  // failures are deterministic too
    const bootstrap_result r3 = bootstrap(model, data, fit, o);
    CHECK(r3.failed == r.failed);
    CHECK(identical(r, r3));

    o.max_failed_share = 0.05;  // too many failures: an error that says why
    try {
        (void)bootstrap(model, data, fit, o);
        FAIL("expected numeric_error");
    } catch (const numeric_error& err) {
        const std::string what = err.what();
        CHECK(what.find("constant_item") != std::string::npos);
        CHECK(what.find("of 400 resamples failed") != std::string::npos);
    }
}

TEST_CASE("progress runs from 0 to total on the calling thread; cancellation stops the run") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 400;
    o.threads = 2;
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    o.progress = [&](std::size_t done, std::size_t total) {
        calls.emplace_back(done, total);  // no lock: called from this thread only
        return true;
    };
    const bootstrap_result r = bootstrap(e.model, e.data, e.fit, o);
    REQUIRE(calls.size() >= 2);
    CHECK(calls.front().first == 0);
    CHECK(calls.back().first == 400 + 250);  // resamples plus jackknife fits
    CHECK(calls.back().second == 400 + 250);
    for (std::size_t k = 1; k < calls.size(); ++k) CHECK(calls[k].first >= calls[k - 1].first);

    // The callback says stop: cancelled_error, whatever the thread count.
    for (unsigned threads : {1u, 2u}) {
        o.threads = threads;
        o.resamples = 20000;
        int seen = 0;
        o.progress = [&](std::size_t, std::size_t) { return ++seen < 2; };
        CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), cancelled_error);
        CHECK(seen == 2);
    }
    // An external flag that is already set stops the workers before they do anything.
    std::atomic<bool> cancel{true};
    o.progress = nullptr;
    o.cancel = &cancel;
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), cancelled_error);
}

TEST_CASE("bad options and unsupported fits are argument errors") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 1;
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), argument_error);
    o.resamples = 10;
    o.confidence = 1.0;
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), argument_error);
    o.confidence = 0.9;
    o.max_failed_share = 2;
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), argument_error);
    o.max_failed_share = 0.2;
    // A fit from other data: the respondent counts differ.
    responses fewer = e.data.subset({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                                     21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39});
    CHECK_THROWS_AS(bootstrap(e.model, fewer, e.fit, o), argument_error);
    pls_options pw;
    pw.missing = missing_treatment::pairwise;
    const pls_fit pairwise = estimate(e.model, e.data, pw);
    CHECK_THROWS_AS(bootstrap(e.model, e.data, pairwise, o), argument_error);
}

TEST_CASE("mean replacement and respondent weights: the resamples use the fit's treatment") {
    const pls_model model = two_blocks();
    std::mt19937_64 gen(5);
    responses data = simulate(gen, 200);
    for (int i = 0; i < 200; i += 7) data.values(i, (i / 7) % 6) = std::nan("");  // ~3% missing
    data.weights = Eigen::VectorXd::LinSpaced(200, 0.5, 1.5);
    data.weighted = true;

    pls_options listwise;
    const pls_fit lw = estimate(model, data, listwise);
    pls_options mean;
    mean.missing = missing_treatment::mean_replacement;
    const pls_fit mr = estimate(model, data, mean);
    bootstrap_options o;
    o.resamples = 300;
    const bootstrap_result a = bootstrap(model, data, lw, o);
    const bootstrap_result b = bootstrap(model, data, mr, o);
    CHECK(a.respondents == lw.data.respondents_used);
    CHECK(a.respondents < 200);
    CHECK(b.respondents == 200);
    CHECK(a.failed == 0);
    CHECK(b.failed == 0);
    CHECK(a.get(parameter_kind::path, "X", "Y").se > 0);
    CHECK(a.get(parameter_kind::path, "X", "Y").se != b.get(parameter_kind::path, "X", "Y").se);

    // Weights matter: unweighted resamples of the same rows give other numbers.
    pls_options unweighted = listwise;
    unweighted.use_weights = false;
    const pls_fit uw = estimate(model, data, unweighted);
    const bootstrap_result c = bootstrap(model, data, uw, o);
    CHECK(c.get(parameter_kind::path, "X", "Y").se != a.get(parameter_kind::path, "X", "Y").se);
}

TEST_CASE("PLSc: inadmissible resamples are kept by default and counted when dropped") {
    const auto& e = ecsi();
    pls_options plsc;
    plsc.consistent = true;
    const pls_fit fit = estimate(e.model, e.data, plsc);
    bootstrap_options o;
    o.resamples = 200;
    o.bca = false;
    const bootstrap_result kept = bootstrap(e.model, e.data, fit, o);
    CHECK(kept.failed == 0);
    o.drop_inadmissible = true;
    o.max_failed_share = 1.0;  // ECSI's CUEX has rho_A ~ 0.46: many PLSc resamples are inadmissible
    const bootstrap_result dropped = bootstrap(e.model, e.data, fit, o);
    CHECK(dropped.failed > 0);
    CHECK(dropped.failed_by_reason.at("inadmissible") == dropped.failed);
    CHECK(dropped.succeeded + dropped.failed == 200);
    CHECK(dropped.failure_examples.at("inadmissible").find("inadmissible") != std::string::npos);
}
