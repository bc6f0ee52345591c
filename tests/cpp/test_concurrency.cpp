// Hardening: csikit has no global state (docs/design.md), so many estimations, scorings and
// parses at once from many threads must give bit-identical results to one at a time. This
// suite also runs under ThreadSanitizer (scripts/sanitize.sh), which checks for data races.
#include <csikit/data.hpp>
#include <csikit/pls.hpp>
#include <csikit/schema.hpp>
#include <csikit/report.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/bank.hpp"
#include "support/ecsi.hpp"
#include "support/files.hpp"

using namespace csikit;

namespace {

const std::string source_dir = CSIKIT_SOURCE_DIR;

using test_support::slurp;

/// Threads x repetitions, fewer under a sanitizer (CSIKIT_STRESS_SCALE=0.2 etc. to change).
int reps(int full) {
    if (const char* s = std::getenv("CSIKIT_STRESS_SCALE")) {
        const int r = static_cast<int>(full * std::atof(s));
        return r < 1 ? 1 : r;
    }
    return full;
}

/// Bitwise equality of two matrices (NaN == NaN when the bits match).
template <class A, class B>
bool same_bits(const A& a, const B& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

bool same_fit(const pls_fit& a, const pls_fit& b) {
    return same_bits(a.weights, b.weights) && same_bits(a.loadings, b.loadings) && same_bits(a.paths, b.paths) &&
           same_bits(a.r2, b.r2) && same_bits(a.ave, b.ave) && same_bits(a.htmt, b.htmt) &&
           same_bits(a.total_effects, b.total_effects) && same_bits(a.rho_a, b.rho_a) &&
           std::memcmp(&a.gof, &b.gof, sizeof(double)) == 0 && std::memcmp(&a.srmr, &b.srmr, sizeof(double)) == 0 &&
           a.iterations == b.iterations && a.warnings == b.warnings;
}

/// Runs body(thread, rep) on `threads` threads `n` times each; returns how many threw.
template <class F>
int run_threads(int threads, int n, F body) {
    std::atomic<int> failures{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            while (!go.load()) std::this_thread::yield();  // start together: maximal overlap
            for (int r = 0; r < n; ++r) {
                try {
                    body(t, r);
                } catch (...) {
                    ++failures;
                }
            }
        });
    go = true;
    for (auto& th : pool) th.join();
    return failures.load();
}

}  // namespace

TEST_CASE("8 threads x 50 ECSI estimates are bit-identical to one at a time") {
    const survey& s = test_support::ecsi_survey();
    const responses data = test_support::ecsi_responses();
    const pls_model model = pls_model::from_survey(s);

    // Several settings, so different code paths run side by side.
    std::vector<pls_options> settings(4);
    settings[1].scheme = inner_scheme::centroid;
    settings[2].consistent = true;
    settings[3].missing = missing_treatment::pairwise;
    settings[3].f2_reestimate = true;
    std::vector<pls_fit> reference;
    for (const auto& o : settings) reference.push_back(estimate(model, data, o));

    const int threads = 8, n = reps(50);
    std::atomic<int> mismatches{0};
    const int failures = run_threads(threads, n, [&](int t, int r) {
        const std::size_t k = static_cast<std::size_t>(t + r) % settings.size();
        const pls_fit fit = estimate(model, data, settings[k]);
        if (!same_fit(fit, reference[k])) ++mismatches;
    });
    CHECK(failures == 0);
    CHECK(mismatches == 0);
}

TEST_CASE("estimates from shared moments and from shared data at once") {
    const survey& s = test_support::ecsi_survey();
    const responses data = test_support::ecsi_responses();
    const pls_model model = pls_model::from_survey(s);
    const moments m = compute_moments(data, model.indicators());
    const pls_fit ref = estimate(model, m);

    std::atomic<int> mismatches{0};
    const int failures = run_threads(8, reps(25), [&](int t, int) {
        if (t % 2 == 0) {
            if (!same_fit(estimate(model, m), ref)) ++mismatches;
        } else {
            const moments mine = compute_moments(data, model.indicators());
            if (!same_bits(mine.correlation, m.correlation) || !same_bits(mine.mean, m.mean)) ++mismatches;
        }
    });
    CHECK(failures == 0);
    CHECK(mismatches == 0);
}

TEST_CASE("scoring the bank example from 8 threads gives the same JSON as one at a time") {
    const survey& s = test_support::bank_survey();
    const responses data = test_support::bank_responses();
    std::vector<score_options> settings(3);
    settings[1].by = s.segment_columns.empty() ? "" : s.segment_columns.front();
    settings[2].aggregate = aggregation::mean_first;
    settings[2].rescale = rescaling::proportional;
    std::vector<std::string> reference;
    for (const auto& o : settings) reference.push_back(to_json(score(s, data, o), -1));

    std::atomic<int> mismatches{0};
    const int failures = run_threads(8, reps(20), [&](int t, int r) {
        const std::size_t k = static_cast<std::size_t>(t * 7 + r) % settings.size();
        if (to_json(score(s, data, settings[k]), -1) != reference[k]) ++mismatches;
    });
    CHECK(failures == 0);
    CHECK(mismatches == 0);
}

TEST_CASE("parse_survey and parse_responses from many threads, good and bad input mixed") {
    const std::string bank_schema = slurp(test_support::bank_path("schema.json"));
    const std::string bank_csv = slurp(test_support::bank_path("responses.csv"));
    const std::string ecsi_schema = slurp(test_support::shared_path("ecsi/schema.json"));
    const std::string bad_schema = slurp(source_dir + "/tests/corpus/bad/s_cyclic_paths.json");
    const survey bank = parse_survey(bank_schema);
    const responses bank_ref = parse_responses(bank_csv, bank);
    const std::string bank_ref_json = to_json_text(bank);

    std::atomic<int> mismatches{0}, expected_errors{0};
    const int failures = run_threads(8, reps(30), [&](int t, int r) {
        switch ((t + r) % 4) {
            case 0:
                if (to_json_text(parse_survey(bank_schema, "bank")) != bank_ref_json) ++mismatches;
                break;
            case 1: {
                const responses d = parse_responses(bank_csv, bank);
                if (!same_bits(d.values, bank_ref.values) || !same_bits(d.weights, bank_ref.weights) ||
                    d.groups != bank_ref.groups)
                    ++mismatches;
                break;
            }
            case 2:
                if (parse_survey(ecsi_schema).items.size() != 24) ++mismatches;
                break;
            default:
                try {
                    parse_survey(bad_schema, "bad.json");
                    ++mismatches;
                } catch (const schema_error& e) {
                    if (std::string(e.what()).find("bad.json") != std::string::npos) ++expected_errors;
                }
                try {
                    parse_responses("X,Y\n1,2\n", bank);
                    ++mismatches;
                } catch (const data_error&) {
                    ++expected_errors;
                }
        }
    });
    CHECK(failures == 0);
    CHECK(mismatches == 0);
    CHECK(expected_errors > 0);
}
