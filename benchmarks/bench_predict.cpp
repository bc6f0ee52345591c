// PLSpredict of the ECSI model at n = 250 (mobi): leave-one-out (250 training fits, the
// reference case of seminr's and cSEM's timings) and 10-fold x 10 repetitions, 1 and 2 worker
// threads; CVPAT against the IA and LM benchmarks (10 folds). Wall time.
#include <csikit/predict.hpp>

#include <benchmark/benchmark.h>

#include "support/ecsi.hpp"

namespace {

const test_support::ecsi_case& ecsi() {
    static const test_support::ecsi_case c = test_support::load_ecsi();
    return c;
}

/// range(0) = threads, range(1) = folds (0 = leave-one-out), range(2) = repetitions.
void BM_predict(benchmark::State& state) {
    const auto& e = ecsi();
    csikit::predict_options o;
    o.threads = static_cast<unsigned>(state.range(0));
    o.folds = static_cast<std::size_t>(state.range(1));
    o.repeats = static_cast<std::size_t>(state.range(2));
    std::size_t fits = 0;
    for (auto _ : state) {
        auto r = csikit::predict(e.model, e.data, o);
        fits = r.fits;
        benchmark::DoNotOptimize(r);
    }
    state.counters["fits/s"] = benchmark::Counter(static_cast<double>(fits), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_cvpat(benchmark::State& state) {
    const auto& e = ecsi();
    csikit::cvpat_options o;
    o.predict.threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) benchmark::DoNotOptimize(csikit::cvpat(e.model, e.data, o));
}

}  // namespace

BENCHMARK(BM_predict)
    ->ArgNames({"threads", "folds", "repeats"})
    ->Args({1, 0, 1})
    ->Args({2, 0, 1})
    ->Args({1, 10, 10})
    ->Args({2, 10, 10})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();
BENCHMARK(BM_cvpat)->ArgNames({"threads"})->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_MAIN();
