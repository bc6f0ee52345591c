// A two-stage higher-order model (PERQ over PERQ_T, PERQ_S) and a moderated model (PERV x IMAG ->
// CUSL, product indicators; and by the two-stage approach) on ECSI mobi (n = 250): the extended estimate (both stages), and
// 5,000 bootstrap resamples on 2 threads (percentile intervals): bootstrap(extended_fit), which
// re-runs the HOC's stage 1 in every resample, and for comparison the final stage alone with the
// stage-1 scores held fixed (the bootstrap before issue 15's item 1). Wall and CPU time.
// Model 3: a categorical moderator on the bank example (n = 600): SAT x channel (five
// channels, four dummies, four product-indicator interaction terms) -> LOY.
#include <csikit/bootstrap.hpp>
#include <csikit/model_expand.hpp>
#include <csikit/model_syntax.hpp>

#include <benchmark/benchmark.h>

#include "support/bank.hpp"
#include "support/ecsi.hpp"

namespace {

const char* base = "IMAG =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\nCUEX =~ CUEX1 + CUEX2 + CUEX3\n"
                   "PERV =~ PERV1 + PERV2\nCUSA =~ CUSA1 + CUSA2 + CUSA3\nCUSCO =~ CUSCO\nCUSL =~ CUSL1 + CUSL2 + CUSL3\n"
                   "CUEX ~ IMAG\nPERQ ~ CUEX\nPERV ~ CUEX + PERQ\nCUSA ~ IMAG + CUEX + PERQ + PERV\nCUSCO ~ CUSA\n";

std::string syntax(int which) {
    if (which == 0)
        return std::string(base) + "PERQ_T =~ PERQ1 + PERQ2 + PERQ4 + PERQ6\nPERQ_S =~ PERQ3 + PERQ5 + PERQ7\n"
                                   "PERQ =~ PERQ_T + PERQ_S\nCUSL ~ IMAG + CUSA + CUSCO\n";
    return std::string(which == 2 ? "@interaction two_stage\n" : "") + base + "PERQ =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n"
                               "CUSL ~ IMAG + CUSA + CUSCO + PERV + PERV:IMAG\n";
}

struct model_case {
    csikit::pls_model model;
    csikit::responses data;
    csikit::extended_fit fit;
};

const char* channel_model = "@categorical CH counter\nSAT =~ SAT1 + SAT2 + SAT3\nLOY =~ LOY1 + LOY2\n"
                            "TEL =~ TEL1 + TEL2 + TEL3\nCH =~ channel\nSAT ~ TEL\nLOY ~ SAT + CH + SAT:CH\n";

const model_case& get(int which) {
    static model_case cases[4];
    static bool ready[4] = {false, false, false, false};
    if (!ready[which]) {
        auto& c = cases[which];
        if (which == 3) {
            const csikit::survey s = csikit::with_model_syntax(test_support::bank_survey(), channel_model);
            c.model = csikit::pls_model::from_survey(s);
            c.data = csikit::read_responses(test_support::bank_path("responses.csv"), s);
        } else {
            c.model = csikit::pls_model::from_survey(csikit::with_model_syntax(test_support::ecsi_survey(), syntax(which)));
            c.data = test_support::ecsi_responses();
        }
        c.fit = csikit::estimate_extended(c.model, c.data);
        ready[which] = true;
    }
    return cases[which];
}

/// range(0): 0 = two-stage HOC, 1 = product-indicator moderation, 2 = two-stage moderation,
/// 3 = categorical moderation (bank example).
void BM_extended_estimate(benchmark::State& state) {
    const auto& c = get(static_cast<int>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(csikit::estimate_extended(c.model, c.data));
}

void BM_extended_bootstrap_5000(benchmark::State& state) {
    const auto& c = get(static_cast<int>(state.range(0)));
    csikit::bootstrap_options o;
    o.resamples = 5000;
    o.seed = 42;
    o.threads = 2;
    o.bca = false;
    for (auto _ : state) benchmark::DoNotOptimize(csikit::bootstrap(c.fit, o));
    state.counters["resamples/s"] = benchmark::Counter(5000, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_fixed_stage1_bootstrap_5000(benchmark::State& state) {
    const auto& c = get(static_cast<int>(state.range(0)));
    csikit::bootstrap_options o;
    o.resamples = 5000;
    o.seed = 42;
    o.threads = 2;
    o.bca = false;
    for (auto _ : state)
        benchmark::DoNotOptimize(csikit::bootstrap(c.fit.expanded.model, c.fit.expanded.data, c.fit.fit, o));
    state.counters["resamples/s"] = benchmark::Counter(5000, benchmark::Counter::kIsIterationInvariantRate);
}

}  // namespace

BENCHMARK(BM_extended_estimate)->ArgName("model")->Arg(0)->Arg(1)->Arg(3)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_extended_bootstrap_5000)->ArgName("model")->Arg(0)->Arg(1)->Arg(2)->Arg(3)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK(BM_fixed_stage1_bootstrap_5000)->ArgName("model")->Arg(0)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime()->UseRealTime();
BENCHMARK_MAIN();
