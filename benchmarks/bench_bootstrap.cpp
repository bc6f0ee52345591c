// 5,000 bootstrap resamples of the ECSI model at n = 250 (mobi) with 1 and 2 worker threads,
// with BCa (5,000 resamples + 250 jackknife fits) and percentile intervals only. Wall time.
#include <csikit/bootstrap.hpp>

#include <benchmark/benchmark.h>

#include "support/ecsi.hpp"

namespace {

const test_support::ecsi_case& ecsi() {
    static const test_support::ecsi_case c = test_support::load_ecsi();
    return c;
}

/// range(0) = threads, range(1) = BCa on/off.
void BM_bootstrap_5000(benchmark::State& state) {
    const auto& e = ecsi();
    csikit::bootstrap_options o;
    o.resamples = 5000;
    o.seed = 42;
    o.threads = static_cast<unsigned>(state.range(0));
    o.bca = state.range(1) != 0;
    for (auto _ : state) benchmark::DoNotOptimize(csikit::bootstrap(e.model, e.data, e.fit, o));
    state.counters["resamples/s"] = benchmark::Counter(5000, benchmark::Counter::kIsIterationInvariantRate);
}

/// The cost of the bootstrapped criteria and the 49 specific indirect effects (with their
/// mediation classes): range(0) = criteria on/off, 2 threads, percentile intervals only.
void BM_bootstrap_5000_criteria(benchmark::State& state) {
    const auto& e = ecsi();
    csikit::bootstrap_options o;
    o.resamples = 5000;
    o.seed = 42;
    o.threads = 2;
    o.bca = false;
    o.criteria = state.range(0) != 0;
    if (o.criteria) o.mediation = {{"IMAG", "CUSA", "CUSL"}};
    for (auto _ : state) benchmark::DoNotOptimize(csikit::bootstrap(e.model, e.data, e.fit, o));
    state.counters["resamples/s"] = benchmark::Counter(5000, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_bootstrap_5000_criteria)
    ->ArgNames({"criteria"})
    ->Args({0})
    ->Args({1})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

BENCHMARK(BM_bootstrap_5000)
    ->ArgNames({"threads", "bca"})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Args({1, 0})
    ->Args({2, 0})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()  // CPU column: all threads together
    ->UseRealTime();
BENCHMARK_MAIN();
