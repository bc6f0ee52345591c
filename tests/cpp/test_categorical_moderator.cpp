// Categorical constructs and categorical moderators (docs/pls.md, "Categorical moderators"):
// the syntax and its errors, the slopes per category against the within-category regressions
// they must equal, recovery of known population slopes, and the size of the bootstrap test of
// a difference of slopes on data where there is none.
#include <csikit/bootstrap.hpp>
#include <csikit/model_expand.hpp>
#include <csikit/model_syntax.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <random>

#include "test_pls_util.hpp"

using namespace csikit;
using pls_test::error_text;

namespace {

/// Items x1..x3 and y on a wide continuous scale, a numeric item g and the segment column
/// "channel"; the model `syntax`.
survey channel_survey(const std::string& syntax) {
    survey s;
    s.name = "channels";
    s.scales = {{"wide", -50, 50, {}, {}, {}}};
    for (const char* id : {"x1", "x2", "x3", "y", "g"}) s.items.push_back({id, {}, "wide", false, ""});
    s.segment_columns = {"channel"};
    return with_model_syntax(s, syntax);
}

const char* channel_names[] = {"branch", "online", "phone"};

struct population {
    double share[3], slope[3], shift[3], noise;
    /// The standardised slope of Y on X in category g: gamma_g sd(X) / sd(Y), X ~ N(0, 1)
    /// in every category, var(Y) = sum_g pi_g (gamma_g^2 + shift_g^2) - (sum_g pi_g shift_g)^2 + noise^2.
    double truth(int g) const {
        double e2 = 0, m = 0;
        for (int k = 0; k < 3; ++k) e2 += share[k] * (slope[k] * slope[k] + shift[k] * shift[k]), m += share[k] * shift[k];
        return slope[g] / std::sqrt(e2 - m * m + noise * noise);
    }
};

/// n respondents of `pop`: channel drawn by share, X ~ N(0,1), Y = gamma_g X + shift_g + e;
/// `items` = 1 gives x1 = X exactly, 3 gives three indicators at loading 0.9. The numeric item g
/// holds the channel's code 1, 2, 3.
responses channel_sample(const survey& s, const population& pop, std::size_t n, std::uint64_t seed, int items = 1) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    std::uniform_real_distribution<double> u;
    Eigen::MatrixXd v(static_cast<Eigen::Index>(n), 5);
    std::vector<std::string> channel(n);
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
        const double r = u(rng);
        const int g = r < pop.share[0] ? 0 : r < pop.share[0] + pop.share[1] ? 1 : 2;
        const double x = z(rng);
        for (int k = 0; k < 3; ++k) v(i, k) = items == 1 ? (k == 0 ? x : z(rng)) : 0.9 * x + std::sqrt(1 - 0.81) * z(rng);
        v(i, 3) = pop.slope[g] * x + pop.shift[g] + pop.noise * z(rng);
        v(i, 4) = g + 1;
        channel[static_cast<std::size_t>(i)] = channel_names[g];
    }
    return make_responses(s, {"x1", "x2", "x3", "y", "g"}, v, {}, {{"channel", channel}});
}

/// The OLS slope of y on x among the rows of category g, in units of the whole sample's SDs.
double within_slope(const responses& d, const std::vector<std::string>& channel, const std::string& g) {
    const Eigen::VectorXd x = d.values.col(d.column("x1")), y = d.values.col(d.column("y"));
    auto sd = [](const Eigen::VectorXd& a) { return std::sqrt((a.array() - a.mean()).square().sum() / double(a.size() - 1)); };
    double n = 0, sx = 0, sy = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (channel[static_cast<std::size_t>(i)] == g) n += 1, sx += x[i], sy += y[i];
    double sxy = 0, sxx = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (channel[static_cast<std::size_t>(i)] == g) sxy += (x[i] - sx / n) * (y[i] - sy / n), sxx += (x[i] - sx / n) * (x[i] - sx / n);
    return sxy / sxx * sd(x) / sd(y);
}

const population unequal{{0.5, 0.3, 0.2}, {0.2, 0.5, 0.8}, {0.0, 0.3, -0.2}, 0.6};
const population equal{{0.5, 0.3, 0.2}, {0.4, 0.4, 0.4}, {0.0, 0.3, -0.2}, 0.6};

}  // namespace

TEST_CASE("a construct over a segment column is categorical; @categorical marks an item and sets the reference") {
    const survey s = channel_survey("X =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
    REQUIRE(s.categorical.size() == 1);
    CHECK(s.categorical[0].id == "CH");
    CHECK(s.categorical[0].column == "channel");
    CHECK(s.constructs.size() == 2);
    CHECK(s.interactions.at(0).id == "X*CH");
    // Written back and read again: the same model (the reference kept).
    const survey g = channel_survey("@categorical G 2\nX =~ x1\nY =~ y\nG =~ g\nY ~ X + X:G\n");
    REQUIRE(g.categorical.size() == 1);
    CHECK(g.categorical[0].reference == "2");
    const std::string text = to_model_syntax(model_syntax{g.constructs, g.paths, g.higher_order, g.interactions, g.categorical});
    CHECK(text.find("@categorical G 2\nG =~ g\n") != std::string::npos);
    const survey again = channel_survey(text);
    REQUIRE(again.categorical.size() == 1);
    CHECK(again.categorical[0].reference == "2");
    CHECK(again.paths.size() == g.paths.size());
}

TEST_CASE("categorical constructs: errors name the construct") {
    auto msg = [](const char* text) { return error_text([&] { channel_survey(text); }); };
    CHECK(msg("X =~ x1\nCH =~ channel\nCH ~ X\n").find("categorical construct \"CH\" cannot be a dependent construct") != std::string::npos);
    CHECK(msg("X =~ x1\nY =~ y\nCH =~ channel\nY ~ CH + X + CH:X\n").find("the categorical construct \"CH\" is the predictor") !=
          std::string::npos);
    CHECK(msg("X =~ x1\nY =~ y\nZ =~ x2\nCH =~ channel\nH =~ Z + CH\nY ~ H\n").find("over the categorical construct \"CH\"") !=
          std::string::npos);
    CHECK(msg("@categorical X\nX =~ x1 + x2\nY =~ y\nY ~ X\n").find("@categorical \"X\": the construct has 2 indicators") != std::string::npos);
    CHECK(msg("@categorical Q\nX =~ x1\nY =~ y\nY ~ X\n").find("@categorical \"Q\": unknown construct") != std::string::npos);
    CHECK(msg("X =~ x1\nY =~ y\nCH =~ nochannel\nY ~ X + CH\n").find("unknown item \"nochannel\"") != std::string::npos);

    const survey s = channel_survey("@categorical CH mail\nX =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
    const pls_model m = pls_model::from_survey(s);
    const responses d = channel_sample(s, unequal, 300, 1);
    const std::string e = error_text([&] { estimate_extended(m, d); });
    CHECK(e.find("the reference category \"mail\" is not in the data (expected one of branch, online, phone)") != std::string::npos);
    // One category in the data.
    const survey one = channel_survey("X =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
    responses single = channel_sample(one, unequal, 200, 2);
    for (auto& c : single.groups["channel"]) c = "branch";
    CHECK(error_text([&] { estimate_extended(pls_model::from_survey(one), single); }).find("categorical construct \"CH\" has one category \"branch\"") !=
          std::string::npos);
    CHECK_THROWS_AS(estimate_extended(pls_model::from_survey(one), single), numeric_error);
    // More than max_categorical_levels categories.
    responses many = channel_sample(one, unequal, 200, 3);
    for (std::size_t i = 0; i < many.groups["channel"].size(); ++i) many.groups["channel"][i] = "c" + std::to_string(i % 60);
    CHECK(error_text([&] { estimate_extended(pls_model::from_survey(one), many); }).find("the limit max_categorical_levels (50)") != std::string::npos);
}

TEST_CASE("slopes per category equal the within-category regressions (one-item constructs)") {
    for (const char* approach : {"product_indicator", "two_stage"}) {
        CAPTURE(approach);
        const survey s = channel_survey(std::string("@interaction ") + approach + "\nX =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
        const responses d = channel_sample(s, unequal, 3000, 7);
        const extended_fit f = estimate_extended(pls_model::from_survey(s), d);
        REQUIRE(f.categorical.size() == 1);
        const categorical_slopes& c = f.categorical[0];
        CHECK(c.moderator == "CH");
        CHECK(c.predictor == "X");
        CHECK(c.dependent == "Y");
        CHECK(c.reference == "branch");
        REQUIRE(c.categories == std::vector<std::string>{"branch", "online", "phone"});
        CHECK(c.terms == std::vector<std::string>{"", "X*CH[online]", "X*CH[phone]"});
        CHECK(f.interactions.size() == 2);
        const auto& channel = d.groups.at("channel");
        double n = 0;
        for (std::size_t g = 0; g < 3; ++g) {
            CAPTURE(c.categories[g]);
            CHECK(c.slopes[g] == doctest::Approx(within_slope(d, channel, c.categories[g])).epsilon(1e-10));
            CHECK(c.differences[g] == doctest::Approx(c.slopes[g] - c.slopes[0]).epsilon(1e-12));
            n += c.respondents[g];
        }
        CHECK(n == 3000);
        CHECK(f.fit.construct_index("CH[online]") >= 0);
        CHECK(f.fit.construct_index("CH[branch]") < 0);  // the reference has no dummy
    }
    // A numeric item read as categories, reference 3 first, categories in numeric order.
    const survey g = channel_survey("@categorical G 3\nX =~ x1\nY =~ y\nG =~ g\nY ~ X + G + X:G\n");
    const responses d = channel_sample(g, unequal, 3000, 7);
    const extended_fit f = estimate_extended(pls_model::from_survey(g), d);
    REQUIRE(f.categorical.size() == 1);
    CHECK(f.categorical[0].categories == std::vector<std::string>{"3", "1", "2"});
    CHECK(f.categorical[0].slopes[0] == doctest::Approx(within_slope(d, d.groups.at("channel"), "phone")).epsilon(1e-10));
}

TEST_CASE("categorical moderation recovers known slopes per category and finds no difference where there is none") {
    // n = 40,000 with one-item constructs: the slope of a category with share pi has a
    // Monte-Carlo SE of about sqrt(1 - rho^2) / sqrt(pi n) < 0.012; allow 4 SE. Three indicators
    // at loading 0.9 attenuate the slopes by the composite's reliability (0.93) at most.
    for (const char* approach : {"product_indicator", "two_stage", "orthogonal"}) {
        CAPTURE(approach);
        const survey s = channel_survey(std::string("@interaction ") + approach + "\nX =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
        const extended_fit f = estimate_extended(pls_model::from_survey(s), channel_sample(s, unequal, 40000, 11));
        const categorical_slopes& c = f.categorical.at(0);
        for (int g = 0; g < 3; ++g) {
            CAPTURE(g);
            CHECK(std::abs(c.slopes[static_cast<std::size_t>(g)] - unequal.truth(g)) < 4 * 0.012);
        }
        const extended_fit none = estimate_extended(pls_model::from_survey(s), channel_sample(s, equal, 40000, 12));
        for (int g = 1; g < 3; ++g) CHECK(std::abs(none.categorical.at(0).differences[static_cast<std::size_t>(g)]) < 4 * 0.016);
        const survey multi = channel_survey(std::string("@interaction ") + approach +
                                            "\nX =~ x1 + x2 + x3\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
        const extended_fit m = estimate_extended(pls_model::from_survey(multi), channel_sample(multi, unequal, 40000, 13, 3));
        for (int g = 0; g < 3; ++g) {
            CAPTURE(g);
            const double got = m.categorical.at(0).slopes[static_cast<std::size_t>(g)], want = unequal.truth(g);
            CHECK(got > 0.93 * want - 4 * 0.012);
            CHECK(got < want + 4 * 0.012);
        }
    }
}

TEST_CASE("the bootstrap test of a difference of slopes keeps its size on data without one") {
    // 200 samples of n = 300 from `equal`; each a 95% percentile interval from 199 resamples of
    // the interaction path X*CH[online]: the share excluding 0 is 0.05 in expectation (binomial
    // SD 0.015); accept 0.01 .. 0.11. (At 1,000 samples the share was 0.058 at n = 300.)
    const survey s = channel_survey("X =~ x1\nY =~ y\nCH =~ channel\nY ~ X + CH + X:CH\n");
    const pls_model m = pls_model::from_survey(s);
    int rejected = 0;
    const int samples = 200;
    for (int r = 0; r < samples; ++r) {
        const extended_fit f = estimate_extended(m, channel_sample(s, equal, 300, 1000 + static_cast<std::uint64_t>(r)));
        bootstrap_options o;
        o.resamples = 199;
        o.seed = static_cast<std::uint64_t>(r) + 1;
        o.threads = 1;
        o.criteria = false;
        o.bca = false;
        const bootstrap_result b = bootstrap(f, o);
        bool found = false;
        for (const auto& p : b.parameters)
            if (p.kind == parameter_kind::path && p.label == "X*CH[online] -> Y") {
                found = true;
                rejected += p.ci_low > 0 || p.ci_high < 0;
            }
        REQUIRE(found);
    }
    const double size = double(rejected) / samples;
    CHECK(size > 0.01);
    CHECK(size < 0.11);
}
