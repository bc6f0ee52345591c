// The bootstrap of a two-stage higher-order construct re-runs stage 1 in every resample
// (src/bootstrap/bootstrap_two_stage.cpp). Checked three ways against independent computations:
// a replayed resample against estimate_extended on the resampled rows themselves, the bootstrap
// SE against the Monte-Carlo SD over repeated samples of a known population, and thread counts.
#include <csikit/bootstrap.hpp>
#include <csikit/model_expand.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace csikit;

namespace {

/// Population: X -> H (0.5), H -> Y (0.6); H is second-order over L1, L2, L3 (L_j = g_j H + e,
/// g = 0.8, 0.7, 0.6); every first-order construct has 3 items 0.8 LV + noise, all N(0, 1).
responses simulate(std::mt19937_64& gen, int n) {
    std::normal_distribution<double> z;
    responses r;
    for (const char* c : {"x", "l1_", "l2_", "l3_", "y"})
        for (int k = 1; k <= 3; ++k) r.item_ids.push_back(c + std::to_string(k));
    r.values.resize(n, 15);
    r.weights = Eigen::VectorXd::Ones(n);
    r.source = "<simulated>";
    const double noise = std::sqrt(1 - 0.64);
    const double g[3] = {0.8, 0.7, 0.6};
    for (int i = 0; i < n; ++i) {
        double lv[5];
        lv[0] = z(gen);
        const double h = 0.5 * lv[0] + std::sqrt(0.75) * z(gen);
        for (int j = 0; j < 3; ++j) lv[1 + j] = g[j] * h + std::sqrt(1 - g[j] * g[j]) * z(gen);
        lv[4] = 0.6 * h + 0.8 * z(gen);
        for (int c = 0; c < 5; ++c)
            for (int k = 0; k < 3; ++k) r.values(i, 3 * c + k) = 0.8 * lv[c] + noise * z(gen);
    }
    return r;
}

pls_model second_order(hoc_approach approach) {
    pls_model m;
    const char* ids[5] = {"X", "L1", "L2", "L3", "Y"};
    const char* stems[5] = {"x", "l1_", "l2_", "l3_", "y"};
    for (int c = 0; c < 5; ++c) {
        construct k;
        k.id = ids[c];
        for (int i = 1; i <= 3; ++i) k.items.push_back(stems[c] + std::to_string(i));
        m.constructs.push_back(k);
    }
    higher_order_construct h;
    h.id = "H";
    h.components = {"L1", "L2", "L3"};
    h.approach = approach;
    m.higher_order.push_back(h);
    m.paths = {path{"X", "H"}, path{"H", "Y"}};
    return m;
}

/// Population: Y = 0.4 X + 0.2 M + 0.3 X M + e (X, M standard normal, corr 0.3; var(Y) = 1);
/// 3 items 0.8 LV + noise each.
responses simulate_moderated(std::mt19937_64& gen, int n) {
    std::normal_distribution<double> z;
    responses r;
    for (const char* c : {"x", "m", "y"})
        for (int k = 1; k <= 3; ++k) r.item_ids.push_back(c + std::to_string(k));
    r.values.resize(n, 9);
    r.weights = Eigen::VectorXd::Ones(n);
    r.source = "<simulated>";
    const double noise = std::sqrt(1 - 0.64);
    // var(0.4X + 0.2M + 0.3XM) = 0.16 + 0.04 + 2(0.08)(0.3) + 0.09(1 + 0.09) = 0.3461
    const double e = std::sqrt(1 - 0.3461);
    for (int i = 0; i < n; ++i) {
        const double x = z(gen);
        const double m = 0.3 * x + std::sqrt(1 - 0.09) * z(gen);
        const double lv[3] = {x, m, 0.4 * x + 0.2 * m + 0.3 * x * m + e * z(gen)};
        for (int c = 0; c < 3; ++c)
            for (int k = 0; k < 3; ++k) r.values(i, 3 * c + k) = 0.8 * lv[c] + noise * z(gen);
    }
    return r;
}

pls_model moderated() {
    pls_model m;
    const char* ids[3] = {"X", "M", "Y"};
    const char* stems[3] = {"x", "m", "y"};
    for (int c = 0; c < 3; ++c) {
        construct k;
        k.id = ids[c];
        for (int i = 1; i <= 3; ++i) k.items.push_back(stems[c] + std::to_string(i));
        m.constructs.push_back(k);
    }
    interaction_term x;
    x.id = "X*M";
    x.predictor = "X";
    x.moderator = "M";
    x.approach = interaction_approach::two_stage;
    m.interactions.push_back(x);
    m.paths = {path{"X", "Y"}, path{"M", "Y"}, path{"X*M", "Y"}};
    return m;
}

pls_options tight() {
    pls_options o;
    o.tolerance = 1e-12;
    return o;
}

double path_of(const pls_fit& f, const std::string& from, const std::string& to) {
    return f.paths(f.construct_index(to), f.construct_index(from));
}

}  // namespace

TEST_CASE("two-stage HOC bootstrap: a replayed resample equals estimate_extended on its rows") {
    for (const hoc_approach a : {hoc_approach::two_stage, hoc_approach::embedded_two_stage}) {
        INFO("approach " << static_cast<int>(a));
        std::mt19937_64 gen(7);
        const responses data = simulate(gen, 200);
        const pls_model m = second_order(a);
        const extended_fit ef = estimate_extended(m, data, tight());
        REQUIRE(ef.expanded.stage1_model);

        // The full sample, replayed: every bootstrap figure is the original estimate.
        std::vector<std::size_t> all(200);
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
        std::vector<std::vector<std::size_t>> same{all, all};
        bootstrap_options o;
        o.resamples = 2;
        o.bca = false;
        o.resample_rows = &same;
        const bootstrap_result full = bootstrap(ef, o);
        for (const auto& q : full.parameters) CHECK_MESSAGE(std::abs(q.mean - q.estimate) < 1e-9, q.label);

        // One resample (twice, so the mean is its value) against the two stages estimated anew
        // on a data set made of the drawn rows.
        std::uniform_int_distribution<std::size_t> row(0, 199);
        std::vector<std::size_t> draw(200);
        std::vector<Eigen::Index> rows(200);
        for (std::size_t i = 0; i < draw.size(); ++i) rows[i] = static_cast<Eigen::Index>(draw[i] = row(gen));
        std::vector<std::vector<std::size_t>> twice{draw, draw};
        o.resample_rows = &twice;
        const bootstrap_result b = bootstrap(ef, o);
        const extended_fit direct = estimate_extended(m, data.subset(rows), tight());
        for (const auto& [from, to] : {std::pair{"X", "H"}, std::pair{"H", "Y"}}) {
            const double want = path_of(direct.fit, from, to);
            CHECK(b.get(parameter_kind::path, from, to).mean == doctest::Approx(want).epsilon(1e-8));
        }
        for (const char* loc : {"L1", "L2", "L3"}) {
            const int h = direct.fit.indicator_index(loc);
            REQUIRE(h >= 0);
            CHECK(b.get(parameter_kind::weight, loc).mean == doctest::Approx(direct.fit.weights[h]).epsilon(1e-8));
            CHECK(b.get(parameter_kind::loading, loc).mean == doctest::Approx(direct.fit.loadings[h]).epsilon(1e-8));
        }
        CHECK(b.get(parameter_kind::r2, "Y").mean == doctest::Approx(direct.fit.r2[direct.fit.construct_index("Y")]).epsilon(1e-8));
        // Holding the stage-1 scores fixed (the bootstrap of the expanded model alone) does not.
        const bootstrap_result fixed = bootstrap(ef.expanded.model, ef.expanded.data, ef.fit, o);
        CHECK(std::abs(fixed.get(parameter_kind::weight, "L3").mean - direct.fit.weights[direct.fit.indicator_index("L3")]) > 1e-6);
    }
}

TEST_CASE("two-stage HOC bootstrap: the SE of a second-order path is the Monte-Carlo SD") {
    // R samples of n = 250 from the population give the sampling SD of each second-order path;
    // the bootstrap SE, averaged over S of those samples, must match it. With R = 400 the SD's
    // relative standard error is 1/sqrt(2(R-1)) = 3.5%; the mean of S = 24 SEs (B = 300 each)
    // varies by about 2.5%: 15% is more than 3 of their combined standard errors.
    constexpr int R = 400, S = 24, n = 250;
    const pls_model m = second_order(hoc_approach::two_stage);
    std::mt19937_64 gen(2026);
    // k = 0, 1: the paths X -> H and H -> Y; k = 2: the loading of L3's score on H, the figure
    // stage 1's weights move most directly.
    double sum[3] = {0, 0, 0}, sum2[3] = {0, 0, 0}, se[3] = {0, 0, 0}, se_fixed[3] = {0, 0, 0};
    const std::string from[2] = {"X", "H"};
    const std::string to[2] = {"H", "Y"};
    for (int r = 0; r < R; ++r) {
        const responses data = simulate(gen, n);
        const extended_fit ef = estimate_extended(m, data);
        for (int k = 0; k < 3; ++k) {
            const double b = k < 2 ? path_of(ef.fit, from[k], to[k]) : ef.fit.loadings[ef.fit.indicator_index("L3")];
            sum[k] += b, sum2[k] += b * b;
        }
        if (r >= S) continue;
        bootstrap_options o;
        o.resamples = 300;
        o.bca = false;
        o.criteria = false;
        o.seed = static_cast<std::uint64_t>(r + 1);
        const bootstrap_result boot = bootstrap(ef, o);
        const bootstrap_result fixed = bootstrap(ef.expanded.model, ef.expanded.data, ef.fit, o);
        for (int k = 0; k < 3; ++k) {
            se[k] += (k < 2 ? boot.get(parameter_kind::path, from[k], to[k]) : boot.get(parameter_kind::loading, "L3")).se / S;
            se_fixed[k] += (k < 2 ? fixed.get(parameter_kind::path, from[k], to[k]) : fixed.get(parameter_kind::loading, "L3")).se / S;
        }
    }
    for (int k = 0; k < 3; ++k) {
        const double mean = sum[k] / R;
        const double sd = std::sqrt((sum2[k] - R * mean * mean) / (R - 1));
        MESSAGE((k < 2 ? from[k] + " -> " + to[k] : std::string("loading of L3 on H")) << ": Monte-Carlo SD " << sd << ", mean bootstrap SE " << se[k]
                        << " (stage 1 re-run), " << se_fixed[k] << " (stage-1 scores fixed)");
        CHECK(se[k] / sd == doctest::Approx(1.0).epsilon(0.15));
    }
}

TEST_CASE("two-stage bootstrap: bit-identical for 1 and 2 threads (HOC and interaction, with BCa)") {
    std::mt19937_64 gen(11);
    const extended_fit fits[2] = {estimate_extended(second_order(hoc_approach::two_stage), simulate(gen, 250)),
                                  estimate_extended(moderated(), simulate_moderated(gen, 250))};
    for (const extended_fit& ef : fits) {
        bootstrap_options o;
        o.resamples = 200;
        o.threads = 1;
        const bootstrap_result one = bootstrap(ef, o);
        o.threads = 2;
        const bootstrap_result two = bootstrap(ef, o);
        REQUIRE(one.parameters.size() == two.parameters.size());
        for (std::size_t i = 0; i < one.parameters.size(); ++i) {
            const auto &a = one.parameters[i], &b = two.parameters[i];
            CHECK_MESSAGE((a.se == b.se && a.mean == b.mean && a.ci_low == b.ci_low && a.ci_high == b.ci_high &&
                           a.bca_low == b.bca_low && a.bca_high == b.bca_high && std::isfinite(a.bca_low)),
                          a.label);
        }
        REQUIRE(one.criteria.size() == two.criteria.size());
        for (std::size_t i = 0; i < one.criteria.size(); ++i) CHECK(one.criteria[i].se == two.criteria[i].se);
    }
}

TEST_CASE("two-stage interaction bootstrap: a replayed resample equals estimate_extended on its rows") {
    std::mt19937_64 gen(5);
    const responses data = simulate_moderated(gen, 200);
    const pls_model m = moderated();
    const extended_fit ef = estimate_extended(m, data, tight());
    REQUIRE(ef.expanded.interaction_stage1_model);
    std::uniform_int_distribution<std::size_t> row(0, 199);
    std::vector<std::size_t> draw(200);
    std::vector<Eigen::Index> rows(200);
    for (std::size_t i = 0; i < draw.size(); ++i) rows[i] = static_cast<Eigen::Index>(draw[i] = row(gen));
    std::vector<std::vector<std::size_t>> twice{draw, draw};
    bootstrap_options o;
    o.resamples = 2;
    o.resample_rows = &twice;
    o.bca = false;
    const bootstrap_result b = bootstrap(ef, o);
    const extended_fit direct = estimate_extended(m, data.subset(rows), tight());
    for (const char* from : {"X", "M", "X*M"})
        CHECK_MESSAGE(b.get(parameter_kind::path, from, "Y").mean == doctest::Approx(path_of(direct.fit, from, "Y")).epsilon(1e-8), from);
    CHECK(b.get(parameter_kind::r2, "Y").mean == doctest::Approx(direct.fit.r2[direct.fit.construct_index("Y")]).epsilon(1e-8));
    for (const char* item : {"x1", "m2", "y3"}) {
        const int h = direct.fit.indicator_index(item);
        CHECK(b.get(parameter_kind::weight, item).mean == doctest::Approx(direct.fit.weights[h]).epsilon(1e-8));
    }
    const bootstrap_result fixed = bootstrap(ef.expanded.model, ef.expanded.data, ef.fit, o);
    CHECK(std::abs(fixed.get(parameter_kind::path, "X*M", "Y").mean - path_of(direct.fit, "X*M", "Y")) > 1e-6);

}

TEST_CASE("two-stage interaction bootstrap: the SE of the interaction path is the Monte-Carlo SD") {
    // As for the HOC above: R = 400 samples, S = 24 bootstraps of B = 300; 15% tolerance.
    constexpr int R = 400, S = 24, n = 250;
    const pls_model m = moderated();
    std::mt19937_64 gen(77);
    double sum = 0, sum2 = 0, se = 0, se_fixed = 0;
    for (int r = 0; r < R; ++r) {
        const extended_fit ef = estimate_extended(m, simulate_moderated(gen, n));
        const double b = path_of(ef.fit, "X*M", "Y");
        sum += b, sum2 += b * b;
        if (r >= S) continue;
        bootstrap_options o;
        o.resamples = 300;
        o.bca = false;
        o.criteria = false;
        o.seed = static_cast<std::uint64_t>(r + 1);
        se += bootstrap(ef, o).get(parameter_kind::path, "X*M", "Y").se / S;
        se_fixed += bootstrap(ef.expanded.model, ef.expanded.data, ef.fit, o).get(parameter_kind::path, "X*M", "Y").se / S;
    }
    const double mean = sum / R;
    const double sd = std::sqrt((sum2 - R * mean * mean) / (R - 1));
    MESSAGE("X*M -> Y: mean " << mean << ", Monte-Carlo SD " << sd << ", mean bootstrap SE " << se << " (stage 1 re-run), "
                              << se_fixed << " (stage-1 scores fixed)");
    CHECK(se / sd == doctest::Approx(1.0).epsilon(0.15));
}
