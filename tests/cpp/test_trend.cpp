// Trends over many waves (docs/trend.md): the WLS trend against the normal equations solved by
// other means, control limits on a constructed case against a hand computation from the raw
// answers, the changes against the score report's own, the size of the trend test on null data
// (simulated waves of a constant truth), its power on a real trend, and the bad inputs.
#include <csikit/report.hpp>
#include <csikit/trend.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

using doctest::Approx;

namespace {

csikit::localized_text text(const std::string& en) { return {{{"en", en}}}; }

/// One five-point item Q (top box 4-5) and a wave column "wave".
csikit::survey one_item() {
    csikit::survey s;
    s.name = "trend";
    s.languages = {"en"};
    csikit::scale five{"five", 1, 5, {}, {}, {4, 5}};
    for (int v = 1; v <= 5; ++v) five.values.push_back({double(v), text("v" + std::to_string(v)), std::nullopt});
    s.scales = {five};
    s.items = {{"Q", text("Question"), "five"}};
    s.wave_column = "wave";
    return s;
}

/// Responses of `one_item()` from answers per wave (wave names W1, W2, ...).
csikit::responses waves_of(const csikit::survey& s, const std::vector<std::vector<double>>& answers) {
    std::size_t n = 0;
    for (const auto& w : answers) n += w.size();
    Eigen::MatrixXd raw(static_cast<Eigen::Index>(n), 1);
    std::vector<std::string> wave;
    Eigen::Index r = 0;
    for (std::size_t k = 0; k < answers.size(); ++k)
        for (double x : answers[k]) {
            raw(r++, 0) = x;
            wave.push_back("W" + std::to_string(k + 1));
        }
    return csikit::make_responses(s, {"Q"}, raw, {}, {{"wave", wave}});
}

/// `count` copies of each (value, copies) pair.
std::vector<double> answers(std::initializer_list<std::pair<double, int>> spec) {
    std::vector<double> out;
    for (auto [v, c] : spec) out.insert(out.end(), static_cast<std::size_t>(c), v);
    return out;
}

}  // namespace

TEST_CASE("weighted_trend equals the WLS normal equations solved as a 2x2 system") {
    const std::vector<double> x = {0, 1, 2, 3, 4}, y = {70, 71.5, 71, 73, 74}, v = {1.0, 0.8, 1.2, 0.9, 1.1};
    const csikit::trend_test t = csikit::weighted_trend(x, y, v, 0.95);
    // (X'WX) b = X'Wy with X = [1 x]: inverted by the 2x2 formula (no centering).
    double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double w = 1 / v[i];
        a11 += w, a12 += w * x[i], a22 += w * x[i] * x[i], b1 += w * y[i], b2 += w * x[i] * y[i];
    }
    const double det = a11 * a22 - a12 * a12;
    const double slope = (a11 * b2 - a12 * b1) / det, intercept = (a22 * b1 - a12 * b2) / det;
    const double se = std::sqrt(a11 / det);  // [(X'WX)^-1]_22
    CHECK(t.slope == Approx(slope).epsilon(1e-12));
    CHECK(t.intercept == Approx(intercept).epsilon(1e-12));
    CHECK(t.se == Approx(se).epsilon(1e-12));
    CHECK(t.statistic == Approx(slope / se).epsilon(1e-12));
    CHECK(t.p_value == Approx(std::erfc(std::abs(slope / se) / std::sqrt(2.0))).epsilon(1e-10));
    CHECK(t.ci.lower == Approx(slope - 1.959963984540054 * se).epsilon(1e-10));
    double q = 0;
    for (std::size_t i = 0; i < x.size(); ++i) q += std::pow(y[i] - intercept - slope * x[i], 2) / v[i];
    CHECK(t.q == Approx(q).epsilon(1e-10));
    CHECK(t.q_df == 3);
    // chi2 on 3 df: P(X > q) = erfc(sqrt(q/2)) + sqrt(2q/pi) exp(-q/2).
    CHECK(t.q_p == Approx(std::erfc(std::sqrt(q / 2)) + std::sqrt(2 * q / M_PI) * std::exp(-q / 2)).epsilon(1e-9));
    CHECK(t.significant == (t.p_value < 0.05));
    // No test on a zero variance.
    CHECK(std::isnan(csikit::weighted_trend(x, y, {1, 0, 1, 1, 1}).p_value));
}

TEST_CASE("control limits: p-chart and x-bar chart from each wave's n, hand-computed from the answers") {
    const auto s = one_item();
    // W1: 58 of 100 in the top box; W2: 50 of 80; W3: 100 of 120 (83%): above p-bar's limits.
    const std::vector<std::vector<double>> a = {answers({{5, 20}, {4, 38}, {3, 22}, {2, 20}}),
                                                answers({{5, 25}, {4, 25}, {3, 20}, {1, 10}}),
                                                answers({{5, 60}, {4, 40}, {3, 10}, {2, 10}})};
    const auto data = waves_of(s, a);
    const csikit::trend_report r = csikit::trend(s, data);
    REQUIRE(r.waves.size() == 3);
    const auto* top = r.find(csikit::trend_figure::item_top_box, "Q");
    const auto* score = r.find(csikit::trend_figure::item_score, "Q");
    REQUIRE(top);
    REQUIRE(score);
    const double pbar = (58.0 + 50 + 100) / (100 + 80 + 120);
    CHECK(top->center == Approx(pbar));
    const double n[] = {100, 80, 120}, p[] = {0.58, 50.0 / 80, 100.0 / 120};
    for (int k = 0; k < 3; ++k) {
        const double half = 3 * std::sqrt(pbar * (1 - pbar) / n[k]);
        CHECK(top->points[k].estimate == Approx(p[k]));
        CHECK(top->points[k].lower_limit == Approx(pbar - half));
        CHECK(top->points[k].upper_limit == Approx(pbar + half));
    }
    CHECK_FALSE(top->points[0].out_of_control);  // 0.58 > 0.693 - 0.138
    CHECK_FALSE(top->points[1].out_of_control);  // 0.625 > 0.693 - 0.155
    CHECK(top->points[2].out_of_control);        // 0.833 > 0.693 + 0.126
    CHECK(top->out_of_control == 1);

    // Scores: 25 (x - 1); center the n-weighted mean, limits center -/+ 3 s_pooled / sqrt(n_k).
    double ss = 0, df = 0, sum = 0, total = 0;
    std::vector<double> means;
    for (const auto& w : a) {
        double m = 0;
        for (double x : w) m += 25 * (x - 1);
        m /= static_cast<double>(w.size());
        double v = 0;
        for (double x : w) v += std::pow(25 * (x - 1) - m, 2);
        ss += v;
        df += static_cast<double>(w.size()) - 1;
        sum += m * static_cast<double>(w.size());
        total += static_cast<double>(w.size());
        means.push_back(m);
    }
    const double sp = std::sqrt(ss / df), center = sum / total;
    CHECK(score->pooled_sd == Approx(sp));
    CHECK(score->center == Approx(center));
    for (int k = 0; k < 3; ++k) {
        CHECK(score->points[k].estimate == Approx(means[k]));
        CHECK(score->points[k].upper_limit == Approx(center + 3 * sp / std::sqrt(n[k])));
        CHECK(score->points[k].out_of_control ==
              (means[k] < center - 3 * sp / std::sqrt(n[k]) || means[k] > center + 3 * sp / std::sqrt(n[k])));
    }
    // The share's trend weighs by the pooled p (Cochran-Armitage without continuity correction):
    // z = sum n_k (p_k - pbar)(x_k - xbar_n) / sqrt(pbar (1 - pbar) sum n_k (x_k - xbar_n)^2).
    const double xbar = (0 * 100 + 1 * 80 + 2 * 120) / 300.0;
    double num = 0, den = 0;
    for (int k = 0; k < 3; ++k) {
        num += n[k] * (p[k] - pbar) * (k - xbar);
        den += n[k] * (k - xbar) * (k - xbar);
    }
    CHECK(top->trend.statistic == Approx(num / std::sqrt(pbar * (1 - pbar) * den)).epsilon(1e-10));
    // A narrower chart flags more: sigma 1.
    csikit::trend_options narrow;
    narrow.control_sigma = 1;
    CHECK(csikit::trend(s, data, narrow).find(csikit::trend_figure::item_top_box, "Q")->out_of_control >= 2);
}

TEST_CASE("first-vs-last and consecutive changes are the score report's wave-change tests") {
    const auto s = one_item();
    const auto data = waves_of(s, {answers({{5, 10}, {4, 20}, {3, 10}}), answers({{5, 15}, {4, 15}, {2, 10}}),
                                   answers({{5, 25}, {4, 10}, {3, 5}}), answers({{5, 20}, {4, 20}, {1, 2}})});
    const auto r = csikit::trend(s, data);
    const auto sc = csikit::score(s, data);
    const auto* series = r.find(csikit::trend_figure::item_score, "Q");
    REQUIRE(series);
    REQUIRE(series->consecutive.size() == 3);
    for (const auto& ch : sc.changes) {
        if (ch.id != "Q") continue;
        const auto* t = r.find(ch.kind == csikit::change_kind::item_score ? csikit::trend_figure::item_score
                                                                           : csikit::trend_figure::item_top_box, "Q");
        REQUIRE(t);
        bool found = false;
        for (const auto& c : t->consecutive)
            if (c.from == ch.from && c.to == ch.to) {
                found = true;
                CHECK(c.test.difference == Approx(ch.test.difference));
                CHECK(c.test.p_value == Approx(ch.test.p_value));
            }
        CHECK(found);
    }
    // First to last: Welch t between W1 and W4, computed by the same primitive on the groups.
    CHECK(series->first_last.from == "W1");
    CHECK(series->first_last.to == "W4");
    CHECK(series->first_last.test.difference == Approx(series->points[3].estimate - series->points[0].estimate));
    const auto json = nlohmann::json::parse(csikit::to_json(r));
    CHECK(json["analysis"] == "trend");
    CHECK(json["series"].size() == r.series.size());
    CHECK(json["series"][0]["points"].size() == 4);
}

TEST_CASE("the trend test's size on null data is near 5%, and it finds a real trend") {
    const auto s = one_item();
    std::mt19937_64 rng(20251202);
    const double probs[] = {0.08, 0.12, 0.25, 0.35, 0.20};  // a constant true distribution
    std::discrete_distribution<int> pick(std::begin(probs), std::end(probs));
    auto simulate = [&](double shift_per_wave) {
        std::vector<std::vector<double>> a(6);
        std::uniform_real_distribution<double> u(0, 1);
        for (std::size_t k = 0; k < a.size(); ++k)
            for (int i = 0; i < 150; ++i) {
                int x = pick(rng) + 1;
                // The alternative: move a share of answers one point up, growing by wave.
                if (x < 5 && u(rng) < shift_per_wave * static_cast<double>(k)) ++x;
                a[k].push_back(x);
            }
        return waves_of(s, a);
    };
    const int reps = 400;
    int reject_score = 0, reject_share = 0, alarms = 0, points = 0;
    for (int rep = 0; rep < reps; ++rep) {
        const auto r = csikit::trend(s, simulate(0));
        const auto* sc = r.find(csikit::trend_figure::item_score, "Q");
        const auto* tb = r.find(csikit::trend_figure::item_top_box, "Q");
        reject_score += sc->trend.p_value < 0.05;
        reject_share += tb->trend.p_value < 0.05;
        alarms += static_cast<int>(sc->out_of_control);
        points += static_cast<int>(sc->points.size());
    }
    // 400 replications: binomial SD of a 5% rate is 1.1 points; [2.5%, 8%] is about -2.3..+2.7 SD.
    const double size_score = reject_score / double(reps), size_share = reject_share / double(reps);
    MESSAGE("null rejection: score " << size_score << ", top box " << size_share << ", 3-sigma alarms per wave "
                                     << alarms / double(points));
    CHECK(size_score >= 0.025);
    CHECK(size_score <= 0.08);
    CHECK(size_share >= 0.025);
    CHECK(size_share <= 0.08);
    CHECK(alarms / double(points) < 0.01);  // 3-sigma: 0.27% of the points under the null
    int found = 0;
    for (int rep = 0; rep < 50; ++rep) found += csikit::trend(s, simulate(0.15)).find(csikit::trend_figure::item_score, "Q")->trend.p_value < 0.05;
    CHECK(found >= 48);  // ~0.1 points more a wave on the 1-5 mean at n = 150: power close to 1
}

TEST_CASE("bad input: fewer than three waves names the column and the count; unknown column; sigma") {
    const auto s = one_item();
    const auto two = waves_of(s, {answers({{5, 10}, {3, 10}}), answers({{4, 10}, {2, 10}})});
    try {
        (void)csikit::trend(s, two);
        FAIL("expected a data_error");
    } catch (const csikit::data_error& e) {
        const std::string m = e.what();
        CHECK(m.find("\"wave\"") != std::string::npos);
        CHECK(m.find("2 waves") != std::string::npos);
        CHECK(m.find("at least 3") != std::string::npos);
    }
    csikit::trend_options o;
    o.wave = "month";
    CHECK_THROWS_AS((void)csikit::trend(s, two, o), csikit::argument_error);
    o.wave.clear();
    o.control_sigma = 0;
    CHECK_THROWS_AS((void)csikit::trend(s, two, o), csikit::argument_error);
    csikit::survey none = s;
    none.wave_column.clear();
    CHECK_THROWS_AS((void)csikit::trend(none, two), csikit::argument_error);
}
