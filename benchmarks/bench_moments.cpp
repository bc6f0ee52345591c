// Building the indicator correlation matrix (compute_moments) of the ECSI model's 24 items at
// n = 250 (mobi), 100,000 and 1,000,000 (mobi rows resampled deterministically).
#include <csikit/pls.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <string>

namespace {

const csikit::survey& ecsi_survey() {
    static const csikit::survey s = csikit::load_survey(std::string(CSIKIT_SHARED_DATA) + "/ecsi/schema.json");
    return s;
}

/// mobi (n = 250) or n rows drawn from it with a fixed xorshift generator, built once per n.
const csikit::responses& ecsi_data(long n) {
    static std::map<long, csikit::responses> cache;
    auto it = cache.find(n);
    if (it != cache.end()) return it->second;
    csikit::responses mobi = csikit::read_responses(std::string(CSIKIT_SHARED_DATA) + "/ecsi/mobi.csv", ecsi_survey());
    if (n == 250) return cache.emplace(n, std::move(mobi)).first->second;
    csikit::responses big = mobi;
    big.values.resize(n, mobi.values.cols());
    big.weights = Eigen::VectorXd::Ones(n);
    big.lines.clear();
    std::uint64_t x = 88172645463325252ULL;
    for (long i = 0; i < n; ++i) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        big.values.row(i) = mobi.values.row(static_cast<Eigen::Index>(x % 250));
    }
    return cache.emplace(n, std::move(big)).first->second;
}

void BM_moments(benchmark::State& state) {
    const auto& data = ecsi_data(state.range(0));
    const auto items = csikit::pls_model::from_survey(ecsi_survey()).indicators();
    for (auto _ : state) benchmark::DoNotOptimize(csikit::compute_moments(data, items));
    state.counters["rows/s"] = benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_moments)->ArgName("n")->Arg(250)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
