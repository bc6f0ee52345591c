// One ECSI estimate (7 constructs, 24 items, 12 paths, path scheme): from moments, and from
// responses (moments + estimate) at n = 250, 100,000 and 1,000,000; with and without the
// quality criteria (the bootstrap uses the core without them).
#include <csikit/pls.hpp>

#include <benchmark/benchmark.h>

#include "ecsi_sizes.hpp"

namespace {

using bench::ecsi_data;
using bench::ecsi_survey;

csikit::pls_options options(bool quality) {
    csikit::pls_options o;
    o.quality = quality;
    return o;
}

/// From precomputed moments: the estimator alone (range(0) = quality criteria on/off).
void BM_estimate_moments(benchmark::State& state) {
    const auto model = csikit::pls_model::from_survey(ecsi_survey());
    const auto m = csikit::compute_moments(ecsi_data(250), model.indicators());
    const auto o = options(state.range(0) != 0);
    for (auto _ : state) benchmark::DoNotOptimize(csikit::estimate(model, m, o));
}

/// From responses: one pass over the n x 24 data, then the estimator (range(1) = quality).
void BM_estimate_responses(benchmark::State& state) {
    const auto& data = ecsi_data(state.range(0));
    const auto model = csikit::pls_model::from_survey(ecsi_survey());
    const auto o = options(state.range(1) != 0);
    for (auto _ : state) benchmark::DoNotOptimize(csikit::estimate(model, data, o));
}

}  // namespace

BENCHMARK(BM_estimate_moments)->ArgName("quality")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_estimate_responses)
    ->ArgNames({"n", "quality"})
    ->Args({250, 1})
    ->Args({250, 0})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
