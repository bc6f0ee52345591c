// C ABI: PLSpredict and CVPAT of a fit, as the one serializer's JSON.
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/predict.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

namespace {

// Explicit tables (the C values are ABI; the C++ enums may be reordered).
constexpr enum_entry<csikit::predict_approach> approach_table[] = {
    {CSIKIT_PREDICT_DIRECT, csikit::predict_approach::direct, "CSIKIT_PREDICT_DIRECT"},
    {CSIKIT_PREDICT_EARLIEST, csikit::predict_approach::earliest, "CSIKIT_PREDICT_EARLIEST"},
};
constexpr enum_entry<csikit::predict_benchmark> benchmark_table[] = {
    {CSIKIT_BENCHMARK_SEMINR, csikit::predict_benchmark::seminr, "CSIKIT_BENCHMARK_SEMINR"},
    {CSIKIT_BENCHMARK_CSEM, csikit::predict_benchmark::csem, "CSIKIT_BENCHMARK_CSEM"},
};

}  // namespace

extern "C" {

CSIKIT_API int csikit_predict_options_init(csikit_predict_options* options) {
    return init_options("csikit_predict_options_init", options, [](csikit_predict_options& o) {
        const csikit::cvpat_options c;
        const csikit::predict_options d;
        o.folds = d.folds;
        o.repeats = d.repeats;
        o.seed = d.seed;
        o.threads = d.threads;
        o.approach = CSIKIT_PREDICT_DIRECT;
        o.benchmark = CSIKIT_BENCHMARK_SEMINR;
        o.scheme = CSIKIT_SCHEME_PATH;
        o.tolerance = d.estimation.tolerance;
        o.max_iterations = d.estimation.max_iterations;
        o.cvpat = 0;
        o.level = c.level;
    });
}

CSIKIT_API int csikit_fit_predict_json(const csikit_fit* fit, const csikit_fit* compare,
                                       const csikit_predict_options* options, int indent, char** out) {
    const char* where = "csikit_fit_predict_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(out, where, "out");
        csikit_predict_options c;
        csikit_predict_options_init(&c);
        read_options(options, c, where);
        csikit::predict_options o;
        o.folds = c.folds;
        o.repeats = c.repeats;
        o.seed = c.seed;
        o.threads = c.threads;
        o.approach = from_c(approach_table, c.approach, where, "options->approach");
        o.benchmark = from_c(benchmark_table, c.benchmark, where, "options->benchmark");
        o.estimation.scheme = from_c(scheme_table, c.scheme, where, "options->scheme");
        o.estimation.tolerance = c.tolerance;
        o.estimation.max_iterations = c.max_iterations;
        const csikit::prediction_result r = csikit::predict(h.model, *h.data, o);
        if (!c.cvpat && !compare) {
            *out = dup_string(csikit::to_json(r, indent));
            return;
        }
        csikit::cvpat_options co;
        co.predict = o;
        co.level = c.level;
        const csikit::cvpat_result cv = compare ? csikit::cvpat(h.model, handle(compare, where, "compare").value.model,
                                                                *h.data, co)
                                                : csikit::cvpat(h.model, *h.data, co);
        *out = dup_string(csikit::to_json(r, cv, indent));
    });
}

}  // extern "C"
