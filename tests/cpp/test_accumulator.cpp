// moment_accumulator: equal to a direct two-pass computation under every missing treatment,
// weighted and not; bitwise identical over partitionings and merge orders in exact mode, within
// 1e-13 in real mode; the exact -> real switch; merges of mismatched states refused by name.
#include "csikit/accumulator.hpp"
#include "csikit/error.hpp"
#include "csikit/pls.hpp"
#include "csikit/schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

using namespace csikit;

namespace {

const double NaN = std::nan("");

/// n x p answers on 1..7 with about `missing` of them missing and a few empty rows.
Eigen::MatrixXd answers(Eigen::Index n, Eigen::Index p, double missing, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    std::uniform_real_distribution<double> u;
    Eigen::MatrixXd x(n, p);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double f = z(rng);  // one common factor: items correlate
        for (Eigen::Index k = 0; k < p; ++k) {
            const double v = std::round(4 + 1.2 * f * (0.5 + 0.1 * static_cast<double>(k % 4)) + z(rng));
            x(i, k) = u(rng) < missing ? NaN : std::clamp(v, 1.0, 7.0);
        }
        if (i % 97 == 5) x.row(i).setConstant(NaN);
    }
    return x;
}

Eigen::VectorXd int_weights(Eigen::Index n, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> d(0, 4);
    Eigen::VectorXd w(n);
    for (auto& v : w) v = d(rng);
    return w;
}

Eigen::VectorXd real_weights(Eigen::Index n, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::lognormal_distribution<double> d(0, 0.5);
    Eigen::VectorXd w(n);
    for (auto& v : w) v = d(rng);
    return w;
}

std::vector<std::string> ids(Eigen::Index p) {
    std::vector<std::string> out;
    for (Eigen::Index k = 0; k < p; ++k) out.push_back("q" + std::to_string(k + 1));
    return out;
}

/// Weighted mean and co-moment of two columns over the rows where `use(i)`, two-pass.
struct pair_stats {
    double w = 0, w2 = 0, mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
};
template <class Use>
pair_stats two_pass(const Eigen::VectorXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& w, Use use) {
    pair_stats s;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (!use(i)) continue;
        s.w += w[i];
        s.w2 += w[i] * w[i];
        s.mx += w[i] * x[i];
        s.my += w[i] * y[i];
    }
    s.mx /= s.w;
    s.my /= s.w;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (!use(i)) continue;
        s.sxx += w[i] * (x[i] - s.mx) * (x[i] - s.mx);
        s.syy += w[i] * (y[i] - s.my) * (y[i] - s.my);
        s.sxy += w[i] * (x[i] - s.mx) * (y[i] - s.my);
    }
    return s;
}

/// The moments of x under `t`, straight from the definitions (filled copies for mean replacement).
moments reference(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, missing_treatment t) {
    const Eigen::Index n = x.rows(), p = x.cols();
    moments m;
    m.mean.resize(p);
    m.sd.resize(p);
    m.correlation.resize(p, p);
    auto complete = [&](Eigen::Index i) { return !x.row(i).hasNaN(); };
    auto any = [&](Eigen::Index i) { return x.row(i).array().isNaN().count() < p; };
    Eigen::MatrixXd filled = x;
    for (Eigen::Index k = 0; k < p; ++k) {
        const auto col = x.col(k);
        double sw = 0, sx = 0;
        for (Eigen::Index i = 0; i < n; ++i)
            if (!std::isnan(col[i])) sw += w[i], sx += w[i] * col[i];
        for (Eigen::Index i = 0; i < n; ++i)
            if (std::isnan(filled(i, k))) filled(i, k) = sx / sw;
    }
    for (Eigen::Index j = 0; j < p; ++j) {
        for (Eigen::Index i = 0; i < p; ++i) {
            pair_stats s;
            if (t == missing_treatment::listwise) {
                s = two_pass(x.col(i), x.col(j), w, complete);
            } else if (t == missing_treatment::mean_replacement) {
                s = two_pass(filled.col(i), filled.col(j), w, any);
            } else {
                s = two_pass(x.col(i), x.col(j), w,
                             [&](Eigen::Index r) { return !std::isnan(x(r, i)) && !std::isnan(x(r, j)); });
            }
            m.correlation(i, j) = s.sxy / std::sqrt(s.sxx * s.syy);
            if (i == j) {
                m.mean[i] = s.mx;
                m.sd[i] = std::sqrt(s.sxx / (s.w - s.w2 / s.w));
                m.effective_n = s.w * s.w / s.w2;  // same for every item but under pairwise
            }
        }
    }
    if (t != missing_treatment::listwise) {
        double sw = 0, sw2 = 0;
        for (Eigen::Index i = 0; i < n; ++i)
            if (any(i)) sw += w[i], sw2 += w[i] * w[i];
        m.effective_n = sw * sw / sw2;
    }
    return m;
}

void check_close(const moments& a, const moments& b, double tol) {
    REQUIRE(a.mean.size() == b.mean.size());
    CHECK((a.mean - b.mean).cwiseAbs().maxCoeff() < tol);
    CHECK((a.sd - b.sd).cwiseAbs().maxCoeff() < tol);
    CHECK((a.correlation - b.correlation).cwiseAbs().maxCoeff() < tol);
    CHECK(std::abs(a.effective_n - b.effective_n) < tol * std::max(1.0, b.effective_n));
}

bool same_bits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}
bool same_bits(const moments& a, const moments& b) {
    return same_bits(a.mean, b.mean) && same_bits(a.sd, b.sd) && same_bits(a.correlation, b.correlation) &&
           same_bits(a.pair_counts, b.pair_counts) && a.effective_n == b.effective_n &&
           a.respondents_used == b.respondents_used && a.answers_used == b.answers_used;
}

constexpr missing_treatment treatments[] = {missing_treatment::listwise, missing_treatment::mean_replacement,
                                            missing_treatment::pairwise};

/// Accumulates x in random batches into random partitions, then merges them in a random order.
moment_accumulator partitioned(const Eigen::MatrixXd& x, const Eigen::VectorXd& w, unsigned seed) {
    std::mt19937 rng(seed);
    const auto items = ids(x.cols());
    std::vector<moment_accumulator> parts;
    const int k = std::uniform_int_distribution<int>(1, 6)(rng);
    for (int i = 0; i < k; ++i) parts.push_back(moment_accumulator::for_items(items));
    Eigen::Index r = 0;
    while (r < x.rows()) {
        const Eigen::Index len = std::min<Eigen::Index>(x.rows() - r, std::uniform_int_distribution<Eigen::Index>(1, 5000)(rng));
        auto& acc = parts[std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng)];
        acc.add(x.middleRows(r, len), w.segment(r, len));
        r += len;
    }
    std::shuffle(parts.begin(), parts.end(), rng);
    // Merge as a random tree: pick two, merge, put back.
    while (parts.size() > 1) {
        const std::size_t a = std::uniform_int_distribution<std::size_t>(0, parts.size() - 1)(rng);
        std::size_t b = std::uniform_int_distribution<std::size_t>(0, parts.size() - 2)(rng);
        if (b >= a) ++b;
        parts[a].merge(parts[b]);
        parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(b));
    }
    return std::move(parts.front());
}

}  // namespace

TEST_CASE("every treatment equals a direct two-pass computation, unweighted and weighted") {
    const Eigen::MatrixXd x = answers(3000, 6, 0.08, 1);
    for (int weighted = 0; weighted < 3; ++weighted) {
        const Eigen::VectorXd w = weighted == 0   ? Eigen::VectorXd::Ones(x.rows())
                                  : weighted == 1 ? int_weights(x.rows(), 2)
                                                  : real_weights(x.rows(), 3);
        auto acc = moment_accumulator::for_items(ids(6));
        acc.add(x, w);
        CHECK(acc.mode() == (weighted == 2 ? accumulation_mode::real : accumulation_mode::exact));
        for (auto t : treatments) {
            CAPTURE(weighted);
            CAPTURE(static_cast<int>(t));
            check_close(acc.finish(t), reference(x, w, t), 1e-12);
        }
    }
}

TEST_CASE("counts: rows, exclusions, per-item missing answers, pair counts") {
    const Eigen::MatrixXd x = answers(500, 3, 0.2, 31);
    auto acc = moment_accumulator::for_items({"a", "b", "c"});
    acc.add(x, Eigen::VectorXd());
    std::size_t excluded = 0, complete = 0;
    std::vector<std::uint64_t> missing(3, 0);
    Eigen::MatrixXd pairs = Eigen::MatrixXd::Zero(3, 3);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const auto nan = x.row(i).array().isNaN();
        excluded += nan.all();
        complete += !nan.any();
        for (Eigen::Index k = 0; k < 3; ++k) {
            missing[static_cast<std::size_t>(k)] += nan[k];
            for (Eigen::Index j = 0; j < 3; ++j) pairs(k, j) += !nan[k] && !nan[j];
        }
    }
    CHECK(excluded > 0);
    CHECK(acc.respondents() == 500);
    CHECK(acc.excluded() == excluded);
    CHECK(acc.missing_counts() == missing);
    const moments pw = acc.finish(missing_treatment::pairwise);
    CHECK(pw.respondents_total == 500);
    CHECK(pw.respondents_used == 500 - excluded);
    CHECK(pw.pair_counts == pairs);
    const moments lw = acc.finish(missing_treatment::listwise);
    CHECK(lw.respondents_used == complete);
    CHECK(lw.answers_used == 3 * complete);
    const moments mr = acc.finish(missing_treatment::mean_replacement);
    CHECK(mr.answers_used == static_cast<std::size_t>(pairs.trace()));
    CHECK(mr.answers_imputed == 3 * (500 - excluded) - static_cast<std::size_t>(pairs.trace()));
    // Two complete rows are too few for listwise deletion: named, not +1/-1 correlations.
    auto two = moment_accumulator::for_items({"a", "b"});
    Eigen::MatrixXd t(3, 2);
    t << 1, 2, 2, NaN, 4, 1;
    two.add(t, Eigen::VectorXd());
    CHECK_THROWS_WITH_AS(two.finish(missing_treatment::listwise), doctest::Contains("only 2 respondents are usable"),
                         numeric_error);
}

TEST_CASE("exact mode: bitwise identical over random partitionings and merge orders") {
    const Eigen::MatrixXd x = answers(40000, 8, 0.05, 7);  // large enough to split over threads
    const Eigen::VectorXd w = int_weights(x.rows(), 8);
    auto whole = moment_accumulator::for_items(ids(8));
    whole.add(x, w);
    REQUIRE(whole.mode() == accumulation_mode::exact);
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const moment_accumulator acc = partitioned(x, w, seed);
        REQUIRE(acc.mode() == accumulation_mode::exact);
        CHECK(acc.respondents() == whole.respondents());
        for (auto t : treatments) CHECK(same_bits(acc.finish(t), whole.finish(t)));
    }
}

TEST_CASE("large batches added to a state that holds rows: the same as one add (both modes)") {
    // Each batch is above the 32768 rows a batch is split at, so it is summed in parts on all
    // cores; the parts once started from the state's own weight totals (the second batch
    // doubled them: a 128-bit overflow at 4 million streamed rows).
    const Eigen::MatrixXd x = answers(3 * 40000, 6, 0.05, 11);
    for (bool real : {false, true}) {
        CAPTURE(real);
        Eigen::VectorXd w = int_weights(x.rows(), 4);
        if (real) w *= 0.75;
        auto whole = moment_accumulator::for_items(ids(6));
        whole.add(x, w);
        auto batches = moment_accumulator::for_items(ids(6));
        for (Eigen::Index b = 0; b < 3; ++b) batches.add(x.middleRows(b * 40000, 40000), w.segment(b * 40000, 40000));
        CHECK(batches.respondents() == whole.respondents());
        for (auto t : treatments) {
            const moments a = batches.finish(t), m = whole.finish(t);
            CHECK(a.respondents_used == m.respondents_used);
            CHECK(a.effective_n == doctest::Approx(m.effective_n).epsilon(1e-13));
            CHECK((a.correlation - m.correlation).cwiseAbs().maxCoeff() < 1e-13);
            CHECK((a.mean - m.mean).cwiseAbs().maxCoeff() < 1e-13);
            if (!real) CHECK(same_bits(a, m));
        }
    }
}

TEST_CASE("real mode: partitionings and merge orders agree within 1e-13") {
    const Eigen::MatrixXd x = answers(40000, 8, 0.05, 9);
    const Eigen::VectorXd w = real_weights(x.rows(), 10);
    auto whole = moment_accumulator::for_items(ids(8));
    whole.add(x, w);
    REQUIRE(whole.mode() == accumulation_mode::real);
    for (unsigned seed = 1; seed <= 6; ++seed) {
        const moment_accumulator acc = partitioned(x, w, seed);
        for (auto t : treatments) check_close(acc.finish(t), whole.finish(t), 1e-13);
    }
    // Far-from-zero answers do not lose digits to cancellation (Chan's centred update).
    const Eigen::MatrixXd shifted = (x.array() + 1e6).matrix() + Eigen::MatrixXd::Constant(x.rows(), x.cols(), 0.25);
    auto far = moment_accumulator::for_items(ids(8));
    far.add(shifted, w);
    const moments f = far.finish(missing_treatment::pairwise), g = whole.finish(missing_treatment::pairwise);
    CHECK((f.mean.array() - 1e6 - 0.25 - g.mean.array()).abs().maxCoeff() < 1e-8);
    CHECK((f.sd - g.sd).cwiseAbs().maxCoeff() < 1e-9);
    CHECK((f.correlation - g.correlation).cwiseAbs().maxCoeff() < 1e-9);
}

TEST_CASE("exact -> real: a non-integer value or weight switches, and so does a merge with it") {
    const Eigen::MatrixXd x = answers(500, 4, 0.0, 11);
    auto a = moment_accumulator::for_items(ids(4));
    a.add(x.topRows(250), Eigen::VectorXd());
    CHECK(a.mode() == accumulation_mode::exact);
    auto b = moment_accumulator::for_items(ids(4));
    Eigen::VectorXd half = Eigen::VectorXd::Constant(250, 0.5);
    b.add(x.bottomRows(250), half);
    CHECK(b.mode() == accumulation_mode::real);
    auto ab = a;
    ab.merge(b);
    CHECK(ab.mode() == accumulation_mode::real);
    Eigen::VectorXd w = Eigen::VectorXd::Ones(500);
    w.tail(250).setConstant(0.5);
    for (auto t : treatments) check_close(ab.finish(t), reference(x, w, t), 1e-12);
    // A value beyond exact_mode_max_value switches too; so does a non-integer answer.
    auto big = moment_accumulator::for_items({"a"});
    Eigen::MatrixXd v(3, 1);
    v << 1, 2, 2048;
    big.add(v, Eigen::VectorXd());
    CHECK(big.mode() == accumulation_mode::real);
    auto frac = a;
    Eigen::MatrixXd f = x.topRows(3);
    f(0, 0) = 2.5;
    frac.add(f, Eigen::VectorXd());
    CHECK(frac.mode() == accumulation_mode::real);
}

TEST_CASE("compute_moments is the accumulator: same bits as adding the data") {
    responses d;
    d.item_ids = ids(5);
    d.values = answers(2000, 5, 0.1, 12);
    d.weights = int_weights(2000, 13);
    d.weighted = true;
    auto acc = moment_accumulator::for_items(ids(5));
    acc.add(d.values, d.weights);
    for (auto t : {missing_treatment::mean_replacement, missing_treatment::pairwise})
        CHECK(same_bits(compute_moments(d, d.item_ids, t), acc.finish(t)));
}

TEST_CASE("bad input: weights, columns, items") {
    auto acc = moment_accumulator::for_items({"a", "b"});
    Eigen::MatrixXd x(2, 2);
    x << 1, 2, 3, 4;
    Eigen::VectorXd w(2);
    w << 1, -1;
    CHECK_THROWS_WITH_AS(acc.add(x, w), doctest::Contains("respondent 2: weight -1 is invalid"), data_error);
    w << 1, std::nan("");
    CHECK_THROWS_AS(acc.add(x, w), data_error);
    CHECK_THROWS_AS(acc.add(Eigen::MatrixXd(2, 3), Eigen::VectorXd()), argument_error);
    CHECK_THROWS_AS(moment_accumulator::for_items({}), argument_error);
    CHECK(acc.respondents() == 0);  // refused batches add nothing
}

TEST_CASE("merges of mismatched states are refused, naming the difference") {
    const survey s = parse_survey(R"({"name": "s", "scales": [{"id": "five", "min": 1, "max": 5},
        {"id": "seven", "min": 1, "max": 7}],
        "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}], "weight_column": "w"})");
    survey other = s;
    other.items[1].scale = "seven";
    survey reversed = s;
    reversed.items[0].reverse = true;
    survey coded = s;
    coded.scales[0].missing.push_back({9, missing_kind::dont_know, {}});
    survey reweighted = s;
    reweighted.weight_column = "w2";

    moment_accumulator a(s, {"A", "B"});
    CHECK(a.fingerprint() != 0);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(s, {"B", "A"})),
                         doctest::Contains("item 1 is \"A\" here but \"B\" in the other state"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(s, {"A"})), doctest::Contains("has 2 items, the other 1"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(other, {"A", "B"})),
                         doctest::Contains("item \"B\" is defined differently"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(reversed, {"A", "B"})),
                         doctest::Contains("item \"A\" is defined differently"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(coded, {"A", "B"})),
                         doctest::Contains("item \"A\" is defined differently"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(reweighted, {"A", "B"})),
                         doctest::Contains("different weight columns"), data_error);
    CHECK_THROWS_WITH_AS(a.merge(moment_accumulator(s, {"A", "B"}, false)),
                         doctest::Contains("weights"), data_error);
    CHECK_THROWS_WITH_AS(moment_accumulator(s, {"A", "Z"}), doctest::Contains("\"Z\" is not in the survey"), argument_error);
    CHECK_THROWS_WITH_AS(moment_accumulator(s, {"A", "A"}), doctest::Contains("\"A\" is given twice"), argument_error);
    CHECK_NOTHROW(a.merge(moment_accumulator(s, {"A", "B"})));
    CHECK(moment_accumulator(s, {"A", "B"}).fingerprint() == a.fingerprint());
}

TEST_CASE("state bytes: a round trip keeps every bit, in both modes, and a loaded state merges") {
    const Eigen::MatrixXd x = answers(3000, 5, 0.1, 21);
    for (int real = 0; real < 2; ++real) {
        const Eigen::VectorXd w = real ? real_weights(x.rows(), 22) : int_weights(x.rows(), 22);
        auto acc = moment_accumulator::for_items(ids(5));
        acc.add(x.topRows(1000), w.head(1000));
        acc.summary().codes_by_kind["dont_know"] = 7;
        const std::string bytes = acc.to_bytes();
        moment_accumulator back = moment_accumulator::from_bytes(bytes);
        CHECK(back.to_bytes() == bytes);
        CHECK(back.mode() == acc.mode());
        CHECK(back.items() == acc.items());
        CHECK(back.summary().codes_by_kind.at("dont_know") == 7);
        // Continue from the loaded state: the same as never having saved it.
        back.add(x.bottomRows(2000), w.tail(2000));
        acc.add(x.bottomRows(2000), w.tail(2000));
        for (auto t : treatments) CHECK(same_bits(back.finish(t), acc.finish(t)));
    }
}

TEST_CASE("state bytes: truncated, corrupted, foreign, newer-version states are refused") {
    const survey s = parse_survey(R"({"name": "s", "scales": [{"id": "five", "min": 1, "max": 5}],
        "items": [{"id": "A", "scale": "five"}, {"id": "B", "scale": "five"}]})");
    moment_accumulator acc(s, {"A", "B"});
    Eigen::MatrixXd x(4, 2);
    x << 1, 2, 2, 3, 4, 4, 5, 1;
    acc.add(x, Eigen::VectorXd());
    const std::string bytes = acc.to_bytes();
    CHECK(moment_accumulator::from_bytes(bytes).fingerprint() == acc.fingerprint());
    auto refused = [](std::string_view b, const char* what) {
        CAPTURE(what);
        CHECK_THROWS_WITH_AS(moment_accumulator::from_bytes(b), doctest::Contains(what), parse_error);
    };
    refused(bytes.substr(0, bytes.size() - 1), "truncated");
    refused(bytes.substr(0, 10), "truncated");
    refused("", "not a csikit accumulator state");
    refused("PK\x03\x04 a zip file, not a state", "not a csikit accumulator state");
    std::string flipped = bytes;
    flipped[40] = static_cast<char>(flipped[40] ^ 0x10);
    refused(flipped, "checksum mismatch");
    std::string newer = bytes;
    newer[8] = 2;
    refused(newer, "version 2 is newer");
    // Every single-byte corruption is refused or yields a state, never a crash.
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::string b = bytes;
        b[i] = static_cast<char>(b[i] ^ 0x5a);
        CHECK_THROWS_AS(moment_accumulator::from_bytes(b), parse_error);
    }
    // A loaded state keeps its survey: merging it with another survey's state is refused.
    survey other = s;
    other.scales[0].max = 7;
    moment_accumulator foreign(other, {"A", "B"});
    moment_accumulator loaded = moment_accumulator::from_bytes(bytes);
    CHECK_THROWS_WITH_AS(loaded.merge(foreign), doctest::Contains("\"A\" is defined differently"), data_error);
}
