// Multi-group analysis on corp_rep (344 respondents, groups by servicetype: 125 / 219), the
// size of cSEM's testMGD timing in docs/mga.md: 2,000 permutations (+ 2,000 bootstrap resamples
// per group, + MICOM), on 1 and 2 threads.
#include <benchmark/benchmark.h>

#include <csikit/data.hpp>
#include <csikit/mga.hpp>
#include <csikit/schema.hpp>

#include <string>

namespace {

struct corp_case {
    csikit::survey s;
    csikit::responses data;
    csikit::pls_model model;
};

const corp_case& corp() {
    static const corp_case c = [] {
        corp_case x;
        x.s = csikit::load_survey(std::string(CSIKIT_SOURCE_DIR) + "/tests/data/mga/corp_rep_schema.json");
        x.data = csikit::read_responses(std::string(CSIKIT_SHARED_DATA) + "/corp_rep/corp_rep.csv", x.s);
        x.model = csikit::pls_model::from_survey(x.s);
        return x;
    }();
    return c;
}

/// args: permutations, bootstrap, micom (0/1), threads.
void BM_mga_corp_rep(benchmark::State& state) {
    const auto& c = corp();
    csikit::mga_options o;
    o.pls.missing = csikit::missing_treatment::mean_replacement;
    o.permutations = static_cast<std::size_t>(state.range(0));
    o.bootstrap = static_cast<std::size_t>(state.range(1));
    o.micom = state.range(2) != 0;
    o.threads = static_cast<unsigned>(state.range(3));
    for (auto _ : state) benchmark::DoNotOptimize(csikit::multi_group(c.model, c.data, "servicetype", o));
}
BENCHMARK(BM_mga_corp_rep)
    ->ArgNames({"perm", "boot", "micom", "threads"})
    ->Args({2000, 0, 0, 1})
    ->Args({2000, 0, 0, 2})
    ->Args({2000, 2000, 0, 1})
    ->Args({2000, 2000, 0, 2})
    ->Args({2000, 2000, 1, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
