// compute_moments: conventions, missing-data treatments, weights, degenerate items, speed.
#include "test_pls_util.hpp"

#include <doctest/doctest.h>

#include <random>

using namespace pls_test;

namespace {

/// A small data set with missing answers: 6 respondents x 3 items.
csikit::responses small() {
    const double N = std::nan("");
    csikit::responses r;
    r.item_ids = {"a", "b", "c"};
    r.values.resize(6, 3);
    r.values << 1, 2, 3,
                2, 2, 5,
                3, N, 4,
                4, 5, N,
                5, 4, 2,
                N, N, N;  // answered nothing: excluded under every treatment
    r.weights = Eigen::VectorXd::Ones(6);
    return r;
}

/// Plain two-pass sample correlation of two complete columns.
double corr(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
    const Eigen::VectorXd a = x.array() - x.mean(), b = y.array() - y.mean();
    return a.dot(b) / std::sqrt(a.squaredNorm() * b.squaredNorm());
}

}  // namespace

TEST_CASE("unweighted complete data: the usual sample mean, SD (n-1) and correlation") {
    const auto data = read_numeric(shared("ecsi/mobi.csv"));
    const std::vector<std::string> items = {"CUSA1", "CUSL2", "IMAG3"};
    const auto m = csikit::compute_moments(data, items);
    REQUIRE(m.item_ids == items);
    CHECK(m.respondents_total == 250);
    CHECK(m.respondents_used == 250);
    CHECK(m.answers_used == 750);
    CHECK(m.answers_imputed == 0);
    CHECK(m.effective_n == doctest::Approx(250));
    for (int k = 0; k < 3; ++k) {
        const Eigen::VectorXd x = data.values.col(data.column(items[static_cast<std::size_t>(k)]));
        CHECK(m.mean[k] == doctest::Approx(x.mean()).epsilon(1e-14));
        const double sd = std::sqrt((x.array() - x.mean()).square().sum() / 249.0);
        CHECK(m.sd[k] == doctest::Approx(sd).epsilon(1e-13));
        for (int l = 0; l < 3; ++l) {
            const Eigen::VectorXd y = data.values.col(data.column(items[static_cast<std::size_t>(l)]));
            CHECK(std::abs(m.correlation(k, l) - corr(x, y)) < 1e-13);
        }
    }
}

TEST_CASE("weights: integer weights act as replicated rows for means and correlations") {
    auto data = read_numeric(shared("ecsi/mobi.csv"));
    data.values.conservativeResize(40, Eigen::NoChange);
    data.weights = Eigen::VectorXd::Ones(40);
    data.weights.head(10).setConstant(3.0);
    data.weighted = true;
    csikit::responses replicated = data;
    replicated.values.resize(60, data.values.cols());
    replicated.values << data.values.topRows(10), data.values.topRows(10), data.values;
    replicated.weights = Eigen::VectorXd::Ones(60);
    const std::vector<std::string> items = {"CUEX1", "PERQ2", "CUSL3"};
    const auto w = csikit::compute_moments(data, items);
    const auto r = csikit::compute_moments(replicated, items);
    CHECK((w.mean - r.mean).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((w.correlation - r.correlation).cwiseAbs().maxCoeff() < 1e-12);
    // Reliability-weight SD: sum w (x-m)^2 / (sum w - sum w^2 / sum w).
    const double sw = 60, sw2 = 10 * 9 + 30;
    CHECK(w.sd[0] == doctest::Approx(r.sd[0] * std::sqrt(59.0 / (sw - sw2 / sw))));
    CHECK(w.effective_n == doctest::Approx(sw * sw / sw2));
    // Weights ignored on request.
    const auto u = csikit::compute_moments(data, items, csikit::missing_treatment::listwise, false);
    CHECK(u.effective_n == doctest::Approx(40));
}

TEST_CASE("listwise, mean replacement and pairwise count what they use") {
    const auto data = small();
    const std::vector<std::string> items = {"a", "b", "c"};
    const auto lw = csikit::compute_moments(data, items, csikit::missing_treatment::listwise);
    CHECK(lw.respondents_total == 6);
    CHECK(lw.respondents_used == 3);  // rows 1, 2, 5
    CHECK(lw.answers_used == 9);
    CHECK(lw.mean[0] == doctest::Approx((1 + 2 + 5) / 3.0));

    const auto mr = csikit::compute_moments(data, items, csikit::missing_treatment::mean_replacement);
    CHECK(mr.respondents_used == 5);    // the empty respondent is excluded
    CHECK(mr.answers_used == 13);
    CHECK(mr.answers_imputed == 2);
    CHECK(mr.mean[1] == doctest::Approx((2 + 2 + 5 + 4) / 4.0));  // imputation keeps the mean
    // SD after imputation (seminr/plspm): the filled value adds no deviation but counts in n-1.
    const double mb = 13.0 / 4;
    const double ss = (2 - mb) * (2 - mb) * 2 + (5 - mb) * (5 - mb) + (4 - mb) * (4 - mb);
    CHECK(mr.sd[1] == doctest::Approx(std::sqrt(ss / 4)));

    const auto pw = csikit::compute_moments(data, items, csikit::missing_treatment::pairwise);
    CHECK(pw.respondents_used == 5);
    CHECK(pw.answers_used == 13);
    CHECK(pw.pair_counts(0, 0) == 5);
    CHECK(pw.pair_counts(0, 1) == 4);
    CHECK(pw.pair_counts(1, 2) == 3);
    Eigen::VectorXd a(4), b(4);  // a, b answered together by rows 1, 2, 4, 5
    a << 1, 2, 4, 5;
    b << 2, 2, 5, 4;
    CHECK(pw.correlation(0, 1) == doctest::Approx(corr(a, b)).epsilon(1e-12));
}

TEST_CASE("a non positive semidefinite pairwise matrix is refused") {
    // Three items whose pairwise correlations (+1, +1, -1) cannot coexist.
    const double N = std::nan("");
    csikit::responses r;
    r.item_ids = {"a", "b", "c"};
    r.values.resize(9, 3);
    r.values << 1, 1, N,  2, 2, N,  3, 3, N,
                1, N, 1,  2, N, 2,  3, N, 3,
                N, 1, 3,  N, 2, 2,  N, 3, 1;
    r.weights = Eigen::VectorXd::Ones(9);
    CHECK_THROWS_WITH_AS(csikit::compute_moments(r, {"a", "b", "c"}, csikit::missing_treatment::pairwise),
                         doctest::Contains("not positive semidefinite"), csikit::numeric_error);
}

TEST_CASE("constant, unanswered and unknown items are named") {
    auto data = small();
    data.values.col(2).setConstant(4.0);
    CHECK_THROWS_WITH_AS(csikit::compute_moments(data, {"a", "c"}), doctest::Contains("\"c\" is constant"),
                         csikit::numeric_error);
    CHECK_THROWS_WITH_AS(csikit::compute_moments(data, {"a", "c"}, csikit::missing_treatment::pairwise),
                         doctest::Contains("\"c\" is constant"), csikit::numeric_error);
    data.values.col(1).setConstant(std::nan(""));
    for (auto t : {csikit::missing_treatment::listwise, csikit::missing_treatment::mean_replacement,
                   csikit::missing_treatment::pairwise}) {
        CHECK_THROWS_WITH_AS(csikit::compute_moments(data, {"a", "b"}, t), doctest::Contains("\"b\" has no answers"),
                             csikit::numeric_error);
    }
    CHECK_THROWS_WITH_AS(csikit::compute_moments(data, {"a", "zz"}), doctest::Contains("\"zz\""), csikit::data_error);
}

TEST_CASE("one million respondents: chunked, multi-threaded moments equal a plain two-pass computation") {
    // Speed is measured by benchmarks/bench_moments.cpp; here the chunked path must be exact.
    const Eigen::Index n = 1000000, p = 24;
    csikit::responses r;
    for (Eigen::Index k = 0; k < p; ++k) r.item_ids.push_back("q" + std::to_string(k));
    std::mt19937_64 rng(3);
    std::uniform_int_distribution<int> u(1, 10);
    r.values.resize(n, p);
    for (Eigen::Index k = 0; k < p; ++k)
        for (Eigen::Index i = 0; i < n; ++i) r.values(i, k) = u(rng) + (k > 0 ? 0.5 * r.values(i, k - 1) : 0.0);
    r.values(7, 5) = std::nan("");  // one incomplete respondent: dropped listwise
    r.weights = Eigen::VectorXd::Ones(n);
    const auto m = csikit::compute_moments(r, r.item_ids);
    CHECK(m.respondents_used == static_cast<std::size_t>(n - 1));
    CHECK(m.answers_used == static_cast<std::size_t>((n - 1) * p));
    // Against a plain two-pass computation over the complete rows.
    Eigen::MatrixXd complete(n - 1, p);
    complete.topRows(7) = r.values.topRows(7);
    complete.bottomRows(n - 8) = r.values.bottomRows(n - 8);
    for (Eigen::Index k : {0, 3, 5, 23}) {
        CHECK(std::abs(m.mean[k] - complete.col(k).mean()) < 1e-12);
        for (Eigen::Index l : {1, 4, 5, 22})
            CHECK(std::abs(m.correlation(k, l) - corr(complete.col(k), complete.col(l))) < 1e-12);
    }
    // The same data again give bit-identical moments (fixed chunk partition, ordered merge).
    const auto again = csikit::compute_moments(r, r.item_ids);
    CHECK((again.correlation.array() == m.correlation.array()).all());
}
