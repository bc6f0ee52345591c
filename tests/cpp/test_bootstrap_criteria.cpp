// Bootstrapped quality criteria and mediation: specific indirect effects against cSEM (1e-8),
// seminr's own 2,000 ECSI resamples replayed (the same row indices, so its bootstrap figures
// to 1e-8), our own resamples against seminr within Monte-Carlo error, thread invariance, bad
// chains, and the size of the indirect-effect interval on data with no indirect effect.
#include <csikit/bootstrap.hpp>
#include <csikit/mediation.hpp>

#include <doctest/doctest.h>

#include "support/ecsi.hpp"
#include "support/files.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <sstream>
#include <utility>
#include <string>
#include <vector>

using namespace csikit;

namespace {

using test_support::shared_path;

const test_support::ecsi_case& ecsi() {
    static const test_support::ecsi_case c = [] {
        pls_options o;
        o.tolerance = 1e-12;  // the peers' converged fits (seminr stopCriterion 12, cSEM 1e-12)
        o.max_iterations = 1000;
        return test_support::load_ecsi(o);
    }();
    return c;
}

/// A CSV of the reference folder: header names -> column, rows as text cells (quotes removed).
struct table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::size_t col(const std::string& name) const {
        for (std::size_t k = 0; k < header.size(); ++k)
            if (header[k] == name) return k;
        FAIL("no column " << name);
        return 0;
    }
};

std::vector<std::string> cells(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (char ch : line) {
        if (ch == '"') quoted = !quoted;
        else if (ch == ',' && !quoted) out.push_back(std::exchange(cur, {}));
        else if (ch != '\r') cur += ch;
    }
    out.push_back(cur);
    return out;
}

table read_table(const std::string& rel) {
    std::istringstream in(test_support::slurp(shared_path(rel)));
    table t;
    std::string line;
    std::getline(in, line);
    t.header = cells(line);
    while (std::getline(in, line))
        if (!line.empty()) t.rows.push_back(cells(line));
    return t;
}

/// seminr's "IMAG  ->  CUEX" (two spaces) as our "IMAG -> CUEX".
std::string tidy(std::string s) {
    for (std::size_t at; (at = s.find("  ")) != std::string::npos;) s.erase(at, 1);
    return s;
}

/// seminr's 2,000 resamples of ECSI (seed 123): 0-based rows of mobi.csv (no missing values,
/// so the respondents used are the rows in file order).
const std::vector<std::vector<std::size_t>>& seminr_rows() {
    static const std::vector<std::vector<std::size_t>> rows = [] {
        const table t = read_table("ecsi/reference/seminr_ecsi_boot2000_seed123_indices.csv");
        std::vector<std::vector<std::size_t>> out;
        for (const auto& r : t.rows) {
            std::vector<std::size_t> one;
            for (std::size_t k = 1; k < r.size(); ++k) one.push_back(std::stoul(r[k]) - 1);
            out.push_back(std::move(one));
        }
        return out;
    }();
    return rows;
}

const bootstrap_result& replayed() {
    static const bootstrap_result r = [] {
        bootstrap_options o;
        o.resamples = 2000;
        o.resample_rows = &seminr_rows();
        o.bca = false;
        o.threads = 2;
        o.mediation = {{"IMAG", "CUSA", "CUSL"}, {"PERQ", "PERV", "CUSA"}};
        return bootstrap(ecsi().model, ecsi().data, ecsi().fit, o);
    }();
    return r;
}

const bootstrap_result& own(std::uint64_t seed) {
    static std::map<std::uint64_t, bootstrap_result> cache;
    auto it = cache.find(seed);
    if (it == cache.end()) {
        bootstrap_options o;
        o.resamples = 2000;
        o.seed = seed;
        o.bca = false;
        o.threads = 2;
        it = cache.emplace(seed, bootstrap(ecsi().model, ecsi().data, ecsi().fit, o)).first;
    }
    return it->second;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool identical(const std::vector<bootstrap_parameter>& a, const std::vector<bootstrap_parameter>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const auto &x = a[k], &y = b[k];
        if (x.label != y.label || x.kind != y.kind) return false;
        for (auto [u, v] : {std::pair{x.estimate, y.estimate}, {x.mean, y.mean}, {x.se, y.se}, {x.ci_low, y.ci_low},
                            {x.ci_high, y.ci_high}, {x.bca_low, y.bca_low}, {x.bca_high, y.bca_high}, {x.upper, y.upper}})
            if (!same_bits(u, v)) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("ECSI: every specific indirect effect is the cSEM product of paths to 1e-8; sums are the total indirect effects") {
    const auto& e = ecsi();
    const auto chains = specific_indirect_effects(e.model, e.fit);
    const table t = read_table("ecsi/reference/seminr_cSEM_ecsi_mediation_effects_deterministic.csv");
    const std::size_t block = t.col("block"), effect = t.col("effect"), csem = t.col("cSEM_tol1e12");
    std::map<std::string, double> ref, total_indirect;
    for (const auto& r : t.rows) {
        if (r[block] == "specific_indirect") ref[r[effect]] = std::stod(r[csem]);
        if (r[block] == "total_indirect") total_indirect[r[effect]] = std::stod(r[csem]);
    }
    REQUIRE(ref.size() == 49);
    CHECK(chains.size() == ref.size());
    Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(e.fit.paths.rows(), e.fit.paths.cols());
    for (const auto& c : chains) {
        REQUIRE_MESSAGE(ref.count(c.label) == 1, c.label);
        CHECK_MESSAGE(std::abs(c.estimate - ref[c.label]) < 1e-8, c.label);
        sums(c.constructs.back(), c.constructs.front()) += c.estimate;
    }
    CHECK(total_indirect.size() == 15);
    for (const auto& [label, v] : total_indirect) {
        const auto at = label.find(" -> ");
        const int f = e.fit.construct_index(label.substr(0, at)), to = e.fit.construct_index(label.substr(at + 4));
        CHECK_MESSAGE(std::abs(e.fit.indirect_effects(to, f) - v) < 1e-8, label);
        CHECK_MESSAGE(std::abs(sums(to, f) - v) < 1e-12, label);
    }
    const auto one = specific_indirect_effect(e.model, e.fit, {"IMAG", "CUSA", "CUSL"});
    CHECK(one.label == "IMAG -> CUSA -> CUSL");
    CHECK(std::abs(one.estimate - ref["IMAG -> CUSA -> CUSL"]) < 1e-8);
}

TEST_CASE("a chain that is not a path of the model is a model_error naming it") {
    const auto& e = ecsi();
    auto message = [&](const std::vector<std::string>& ids) {
        try {
            (void)specific_indirect_effect(e.model, e.fit, ids);
        } catch (const model_error& x) {
            return std::string(x.what());
        }
        return std::string("no error");
    };
    CHECK(message({"IMAG", "CUSL", "CUSA"}).find("\"IMAG -> CUSL -> CUSA\" is not a path in the model: there is no path CUSL -> CUSA") != std::string::npos);
    CHECK(message({"IMAG", "CUSA"}).find("has no mediator") != std::string::npos);
    CHECK(message({"IMAG", "NOPE", "CUSL"}).find("\"NOPE\", which is not a construct") != std::string::npos);
    bootstrap_options o;
    o.resamples = 10;
    o.mediation = {{"CUSL", "CUSA", "IMAG"}};
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), model_error);
    o.mediation.clear();
    std::vector<std::vector<std::size_t>> rows(9);
    o.resample_rows = &rows;
    CHECK_THROWS_AS(bootstrap(e.model, e.data, e.fit, o), argument_error);
}

TEST_CASE("seminr's 2,000 resamples replayed: specific indirect effects and HTMT match seminr to 1e-8") {
    const bootstrap_result& b = replayed();
    REQUIRE(b.succeeded == 2000);
    {
        // [stop12]: seminr's resamples re-estimated to convergence, as our 1e-12 fit.
        const table t = read_table("ecsi/reference/seminr_ecsi_mediation_boot2000_seed123_specific_effects.csv");
        const std::size_t effect = t.col("effect"), est = t.col("Original Est. [stop12]"), mean = t.col("Bootstrap Mean [stop12]"),
                          sd = t.col("Bootstrap SD [stop12]"), lo = t.col("2.5% CI [stop12]"), hi = t.col("97.5% CI [stop12]");
        std::size_t checked = 0;
        for (const auto& r : t.rows) {
            if (r[est].empty() || r[est] == "NA") continue;
            const auto& q = b.get(parameter_kind::indirect_effect, r[effect]);
            CHECK_MESSAGE(std::abs(q.estimate - std::stod(r[est])) < 1e-8, r[effect]);
            CHECK_MESSAGE(std::abs(q.mean - std::stod(r[mean])) < 1e-8, r[effect]);
            CHECK_MESSAGE(std::abs(q.se - std::stod(r[sd])) < 1e-8, r[effect]);
            CHECK_MESSAGE(std::abs(q.ci_low - std::stod(r[lo])) < 1e-8, r[effect]);
            CHECK_MESSAGE(std::abs(q.ci_high - std::stod(r[hi])) < 1e-8, r[effect]);
            ++checked;
        }
        CHECK(checked == 49);
        CHECK(b.indirect_effects.size() == 49);
    }
    {
        // HTMT depends on the indicator correlations only: no stopping rule, so 1e-10.
        const table t = read_table("ecsi/reference/seminr_ecsi_mobi_boot2000_seed123_htmt.csv");
        const std::size_t pair = t.col("pair"), est = t.col("Original Est."), mean = t.col("Bootstrap Mean"),
                          sd = t.col("Bootstrap SD"), lo = t.col("2.5% CI"), hi = t.col("97.5% CI");
        REQUIRE(t.rows.size() == 21);
        for (const auto& r : t.rows) {
            const auto& q = b.get(parameter_kind::htmt, tidy(r[pair]));
            CHECK_MESSAGE(std::abs(q.estimate - std::stod(r[est])) < 1e-10, r[pair]);
            CHECK_MESSAGE(std::abs(q.mean - std::stod(r[mean])) < 1e-10, r[pair]);
            CHECK_MESSAGE(std::abs(q.se - std::stod(r[sd])) < 1e-10, r[pair]);
            CHECK_MESSAGE(std::abs(q.ci_low - std::stod(r[lo])) < 1e-10, r[pair]);
            CHECK_MESSAGE(std::abs(q.ci_high - std::stod(r[hi])) < 1e-10, r[pair]);
            CHECK(q.upper > q.estimate - 3 * q.se);
            CHECK(q.upper < q.ci_high);  // the 95th percentile is below the 97.5th
        }
    }
}

TEST_CASE("replayed ECSI: the criteria are the fit's and the mediation classes follow the intervals") {
    const auto& e = ecsi();
    const bootstrap_result& b = replayed();
    for (const auto& q : b.criteria) {
        switch (q.kind) {
        case parameter_kind::htmt: CHECK(std::abs(q.estimate - e.fit.htmt(q.to, q.from)) < 1e-12); break;
        case parameter_kind::f2: CHECK(std::abs(q.estimate - e.fit.f2(q.to, q.from)) < 1e-12); break;
        case parameter_kind::r2_adjusted: CHECK(std::abs(q.estimate - e.fit.r2_adjusted[q.to]) < 1e-12); break;
        case parameter_kind::total_indirect: CHECK(std::abs(q.estimate - e.fit.indirect_effects(q.to, q.from)) < 1e-12); break;
        default: FAIL("unexpected kind in criteria");
        }
        CHECK(q.ci_low <= q.ci_high);
    }
    CHECK(b.criteria.size() == 21 + 12 + 6 + 15);
    REQUIRE(b.mediation.size() == 49);
    // Requested chains first, in the order asked.
    CHECK(b.mediation[0].label == "IMAG -> CUSA -> CUSL");
    CHECK(b.mediation[0].requested);
    CHECK(b.mediation[1].label == "PERQ -> PERV -> CUSA");
    CHECK(!b.mediation[2].requested);
    // IMAG -> CUSA -> CUSL: seminr's interval [0.039, 0.148] excludes 0; the direct path
    // IMAG -> CUSL [0.052, 0.349] too, both positive: complementary partial mediation.
    CHECK(b.mediation[0].type == mediation_type::complementary);
    // PERQ -> PERV -> CUSA: indirect [0.041, 0.194] and direct PERQ -> CUSA [0.372, 0.633].
    CHECK(b.mediation[1].type == mediation_type::complementary);
    for (const auto& m : b.mediation) {
        const bool ind = m.indirect_low > 0 || m.indirect_high < 0;
        const bool dir = m.has_direct && (m.direct_low > 0 || m.direct_high < 0);
        CHECK(m.type == classify_mediation(ind, m.indirect, dir, m.direct));
        if (!m.has_direct) CHECK((m.type == mediation_type::indirect_only || m.type == mediation_type::no_effect));
    }
    // The classes themselves.
    CHECK(classify_mediation(false, 0.1, false, 0.2) == mediation_type::no_effect);
    CHECK(classify_mediation(false, 0.1, true, 0.2) == mediation_type::direct_only);
    CHECK(classify_mediation(true, 0.1, false, 0.2) == mediation_type::indirect_only);
    CHECK(classify_mediation(true, 0.1, true, 0.2) == mediation_type::complementary);
    CHECK(classify_mediation(true, -0.1, true, 0.2) == mediation_type::competitive);
}

TEST_CASE("own resamples against seminr's: SDs and percentile bounds within Monte-Carlo error") {
    // Two independent bootstraps of B = 2000 differ by Monte-Carlo error only. Normal theory
    // gives its size from B and the SD: SE of an SD = SD / sqrt(2 (B - 1)), of a q-quantile =
    // SD sqrt(q (1 - q) / B) / phi(z_q). Products of near-zero paths and f2 near 0 are skewed
    // and heavy-tailed, with larger errors, so the error is also measured: 12 more runs (seeds
    // 101..112) give the spread of every figure across seeds. mc = the larger of the two; the
    // difference of two runs has SD sqrt(2) mc, and we allow 4.5 of those (about 400 checks).
    const bootstrap_result& ours = own(7);
    const bootstrap_result& theirs = replayed();
    std::vector<const bootstrap_result*> runs;
    for (std::uint64_t seed = 101; seed <= 112; ++seed) runs.push_back(&own(seed));
    auto spread = [&](parameter_kind kind, const std::string& label, double bootstrap_parameter::*field) {
        double m = 0, ss = 0;
        for (const auto* r : runs) m += r->get(kind, label).*field;
        m /= static_cast<double>(runs.size());
        for (const auto* r : runs) ss += std::pow(r->get(kind, label).*field - m, 2);
        return std::sqrt(ss / static_cast<double>(runs.size() - 1));
    };
    const double B = 2000, k = 4.5 * std::sqrt(2.0);
    const double phi = std::exp(-0.5 * 1.959964 * 1.959964) / std::sqrt(2 * M_PI);
    const double phi95 = std::exp(-0.5 * 1.644854 * 1.644854) / std::sqrt(2 * M_PI);
    std::size_t checked = 0;
    for (const auto* list : {&theirs.criteria, &theirs.indirect_effects}) {
        for (const auto& q : *list) {
            const auto& o = ours.get(q.kind, q.label);
            const double theory[] = {q.se / std::sqrt(2 * (B - 1)), q.se * std::sqrt(0.025 * 0.975 / B) / phi,
                                     q.se * std::sqrt(0.025 * 0.975 / B) / phi};
            int f = 0;
            for (auto field : {&bootstrap_parameter::se, &bootstrap_parameter::ci_low, &bootstrap_parameter::ci_high}) {
                const double mc = std::max(spread(q.kind, q.label, field), theory[f++]);
                CHECK_MESSAGE(std::abs(o.*field - q.*field) <= k * mc, q.label);
                ++checked;
            }
            if (q.kind != parameter_kind::htmt) continue;
            const double mc = std::max(spread(q.kind, q.label, &bootstrap_parameter::upper),
                                       q.se * std::sqrt(0.05 * 0.95 / B) / phi95);
            CHECK_MESSAGE(std::abs(o.upper - q.upper) <= k * mc, q.label);
            // Normal theory, 4 SEs of a difference: SD within 12.7%, 2.5%/97.5% within 0.34 SD,
            // the 95th percentile within 0.27 SD.
            const double sd = q.se;
            CHECK_MESSAGE(std::abs(o.se - sd) < 4 * std::sqrt(2.0) / std::sqrt(2 * (B - 1)) * sd, q.label);
            CHECK_MESSAGE(std::abs(o.ci_low - q.ci_low) < 4 * std::sqrt(2.0) * std::sqrt(0.025 * 0.975 / B) / phi * sd, q.label);
            CHECK_MESSAGE(std::abs(o.ci_high - q.ci_high) < 4 * std::sqrt(2.0) * std::sqrt(0.025 * 0.975 / B) / phi * sd, q.label);
            CHECK_MESSAGE(std::abs(o.upper - q.upper) < 4 * std::sqrt(2.0) * std::sqrt(0.05 * 0.95 / B) / phi95 * sd, q.label);
        }
    }
    CHECK(checked == 3 * (54 + 49));
}

TEST_CASE("criteria, indirect effects and mediation are bit-identical for 1 and 3 threads") {
    const auto& e = ecsi();
    bootstrap_options o;
    o.resamples = 120;
    o.seed = 42;
    o.mediation = {{"CUEX", "PERQ", "CUSA", "CUSL"}};
    o.threads = 1;
    const auto a = bootstrap(e.model, e.data, e.fit, o);
    o.threads = 3;
    const auto b = bootstrap(e.model, e.data, e.fit, o);
    CHECK(identical(a.criteria, b.criteria));
    CHECK(identical(a.indirect_effects, b.indirect_effects));
    REQUIRE(a.mediation.size() == b.mediation.size());
    for (std::size_t k = 0; k < a.mediation.size(); ++k) {
        CHECK(a.mediation[k].label == b.mediation[k].label);
        CHECK(a.mediation[k].type == b.mediation[k].type);
        CHECK(same_bits(a.mediation[k].indirect_low, b.mediation[k].indirect_low));
    }
    CHECK(a.mediation[0].label == "CUEX -> PERQ -> CUSA -> CUSL");
    CHECK(!std::isnan(a.indirect_effects[0].bca_low));  // BCa for the new figures too
}

TEST_CASE("no indirect effect (X -> M is 0): the 95% interval excludes 0 in about 5% of the draws") {
    // X -> M (a = 0), M -> Y (b = 0.5), X -> Y (0.3); three items per construct, loadings 0.8.
    // The percentile interval of a*b is a test of a (b is far from 0): its size is near 5%.
    pls_model m;
    m.constructs = {construct{"X", {}, {"x1", "x2", "x3"}, outer_mode::A, ""},
                    construct{"M", {}, {"m1", "m2", "m3"}, outer_mode::A, ""},
                    construct{"Y", {}, {"y1", "y2", "y3"}, outer_mode::A, ""}};
    m.paths = {path{"X", "M"}, path{"M", "Y"}, path{"X", "Y"}};
    std::mt19937_64 gen(20261202);
    std::normal_distribution<double> z;
    const int n = 150, draws = 400;
    int excluded = 0;
    for (int d = 0; d < draws; ++d) {
        responses r;
        r.item_ids = {"x1", "x2", "x3", "m1", "m2", "m3", "y1", "y2", "y3"};
        r.values.resize(n, 9);
        r.weights = Eigen::VectorXd::Ones(n);
        for (int i = 0; i < n; ++i) {
            const double x = z(gen), mm = z(gen), y = 0.5 * mm + 0.3 * x + std::sqrt(1 - 0.25 - 0.09) * z(gen);
            const double lv[3] = {x, mm, y};
            for (int c = 0; c < 3; ++c)
                for (int k = 0; k < 3; ++k) r.values(i, 3 * c + k) = 0.8 * lv[c] + 0.6 * z(gen);
        }
        pls_options po;
        po.quality = false;
        const pls_fit fit = estimate(m, r, po);
        bootstrap_options o;
        o.resamples = 399;
        o.seed = static_cast<std::uint64_t>(d) + 1;
        o.bca = false;
        o.threads = 2;
        const auto b = bootstrap(m, r, fit, o);
        const auto& q = b.get(parameter_kind::indirect_effect, "X -> M -> Y");
        excluded += q.ci_low > 0 || q.ci_high < 0;
    }
    const double rate = excluded / static_cast<double>(draws);
    // Binomial SE at 5% over 400 draws: 0.011; 3.5 of them either side.
    MESSAGE("exclusion rate " << rate);
    CHECK(rate > 0.05 - 3.5 * 0.0109);
    CHECK(rate < 0.05 + 3.5 * 0.0109);
}
