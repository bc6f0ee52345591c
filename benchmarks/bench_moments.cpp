// Building the indicator correlation matrix (compute_moments) of the ECSI model's 24 items at
// n = 250 (mobi), 100,000 and 1,000,000 (mobi rows resampled deterministically).
#include <csikit/pls.hpp>

#include <benchmark/benchmark.h>

#include "ecsi_sizes.hpp"

namespace {

using bench::ecsi_data;
using bench::ecsi_survey;

void BM_moments(benchmark::State& state) {
    const auto& data = ecsi_data(state.range(0));
    const auto items = csikit::pls_model::from_survey(ecsi_survey()).indicators();
    for (auto _ : state) benchmark::DoNotOptimize(csikit::compute_moments(data, items));
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_moments)->ArgName("n")->Arg(250)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
