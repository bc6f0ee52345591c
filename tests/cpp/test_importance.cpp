// Derived importance: METHODOLOGY 5.3 test vector and the invariants of each measure.
#include <csikit/error.hpp>
#include <csikit/importance.hpp>

#include <doctest/doctest.h>

#include <cmath>

using namespace csikit;

namespace {

struct example {
    Eigen::MatrixXd rxx{3, 3};
    Eigen::VectorXd rxy{3};
    example() {
        rxx << 1, .5, .3, .5, 1, .4, .3, .4, 1;
        rxy << .6, .5, .4;
    }
};

/// The published values are rounded: `tol` is half a unit of their last digit.
void check_vector(const Eigen::VectorXd& got, std::initializer_list<double> want, double tol = 5.01e-5) {
    REQUIRE(got.size() == static_cast<Eigen::Index>(want.size()));
    Eigen::Index i = 0;
    for (double w : want) {
        CAPTURE(i);
        CHECK(std::abs(got(i++) - w) <= tol);
    }
}

}  // namespace

TEST_CASE("beta, R2 and Pratt on the test vector") {
    example e;
    check_vector(standardized_beta(e.rxx, e.rxy), {.4419, .2048, .1855});
    CHECK(r_squared(e.rxx, e.rxy) == doctest::Approx(.4418).epsilon(2e-4));
    check_vector(pratt(e.rxx, e.rxy), {.2652, .1024, .0742});
    CHECK(pratt(e.rxx, e.rxy).sum() == doctest::Approx(r_squared(e.rxx, e.rxy)));
}

TEST_CASE("Johnson's relative weights on the test vector") {
    example e;
    const Eigen::VectorXd rw = relative_weights(e.rxx, e.rxy);
    check_vector(rw, {.2381, .1224, .0813});
    CHECK(rw.sum() == doctest::Approx(r_squared(e.rxx, e.rxy)));
    const importance_table t = importance_all(e.rxx, e.rxy);
    check_vector(t.relative_weights_percent, {53.90, 27.71, 18.40}, 5.01e-3);
    CHECK(t.relative_weights_percent.sum() == doctest::Approx(100));
}

TEST_CASE("Shapley/LMG on the test vector sums to R2") {
    example e;
    const Eigen::VectorXd l = lmg(e.rxx, e.rxy);
    check_vector(l, {.2375, .1247, .0796});
    CHECK(l.sum() == doctest::Approx(.4418).epsilon(2e-4));
    CHECK(l.sum() == doctest::Approx(r_squared(e.rxx, e.rxy)).epsilon(1e-12));
}

TEST_CASE("uncorrelated predictors: every measure equals r^2 (or r)") {
    Eigen::MatrixXd rxx = Eigen::MatrixXd::Identity(4, 4);
    Eigen::VectorXd rxy(4);
    rxy << .5, .3, -.2, .1;
    const auto t = importance_all(rxx, rxy);
    for (Eigen::Index k = 0; k < 4; ++k) {
        CHECK(t.beta(k) == doctest::Approx(rxy(k)));
        CHECK(t.pratt(k) == doctest::Approx(rxy(k) * rxy(k)));
        CHECK(t.relative_weights(k) == doctest::Approx(rxy(k) * rxy(k)));
        CHECK(t.lmg(k) == doctest::Approx(rxy(k) * rxy(k)));
    }
    CHECK(t.get(importance_measure::correlation)(2) == doctest::Approx(-.2));
}

TEST_CASE("two predictors: LMG has the closed form of averaging two orders") {
    Eigen::MatrixXd rxx(2, 2);
    rxx << 1, .6, .6, 1;
    Eigen::VectorXd rxy(2);
    rxy << .7, .5;
    const double r2 = r_squared(rxx, rxy);
    const Eigen::VectorXd l = lmg(rxx, rxy);
    CHECK(l(0) == doctest::Approx(0.5 * (.49 + (r2 - .25))));
    CHECK(l(1) == doctest::Approx(0.5 * (.25 + (r2 - .49))));
}

TEST_CASE("measure names and table lookup") {
    CHECK(parse_importance_measure("rwa") == importance_measure::relative_weights);
    CHECK(parse_importance_measure("shapley") == importance_measure::lmg);
    CHECK(std::string(to_string(importance_measure::pratt)) == "pratt");
    CHECK_THROWS_AS(parse_importance_measure("gini"), argument_error);
    example e;
    const auto t = importance_all(e.rxx, e.rxy, false);
    CHECK(t.lmg.size() == 0);
    CHECK_THROWS_AS(t.get(importance_measure::lmg), argument_error);
    CHECK(importance(importance_measure::beta, e.rxx, e.rxy)(0) == doctest::Approx(.4419).epsilon(2e-4));
}

TEST_CASE("errors: sizes, singular R_xx, too many predictors for LMG") {
    example e;
    Eigen::VectorXd short_r(2);
    short_r << .1, .2;
    CHECK_THROWS_AS(standardized_beta(e.rxx, short_r), argument_error);
    Eigen::MatrixXd sing(2, 2);
    sing << 1, 1, 1, 1;
    Eigen::VectorXd r2v(2);
    r2v << .3, .3;
    CHECK_THROWS_AS(standardized_beta(sing, r2v), numeric_error);
    CHECK_THROWS_AS(relative_weights(sing, r2v), numeric_error);
    const Eigen::MatrixXd big = Eigen::MatrixXd::Identity(21, 21);
    const Eigen::VectorXd rbig = Eigen::VectorXd::Constant(21, .1);
    CHECK_THROWS_AS(lmg(big, rbig), argument_error);
    const auto t = importance_all(big, rbig);  // LMG skipped, the rest computed
    CHECK(t.lmg.size() == 0);
    CHECK(t.relative_weights(0) == doctest::Approx(.01));
}

TEST_CASE("from moments: drivers and outcome picked by id") {
    moments m;
    m.item_ids = {"y", "x1", "x2", "x3"};
    m.correlation.resize(4, 4);
    m.correlation << 1, .6, .5, .4,
                     .6, 1, .5, .3,
                     .5, .5, 1, .4,
                     .4, .3, .4, 1;
    const auto t = importance_all(m, {"x1", "x2", "x3"}, "y");
    CHECK(t.drivers.size() == 3);
    check_vector(t.beta, {.4419, .2048, .1855});
    check_vector(t.lmg, {.2375, .1247, .0796});
    // Driver order follows the request.
    const auto r = importance_all(m, {"x3", "x1"}, "y");
    CHECK(r.correlation(0) == doctest::Approx(.4));
    CHECK_THROWS_AS(importance_all(m, {"x1", "zz"}, "y"), argument_error);
    CHECK_THROWS_AS(importance_all(m, {"x1", "y"}, "y"), argument_error);
}
