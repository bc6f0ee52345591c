// C ABI: trends over many waves as the JSON of csikit::trend (issue 14, docs/trend.md).
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/report.hpp"
#include "csikit/trend.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_trend_options_init(csikit_trend_options* options) {
    return init_options("csikit_trend_options_init", options, [](csikit_trend_options& o) {
        const csikit::trend_options d;
        o.wave = nullptr;
        o.control_sigma = d.control_sigma;
        o.rescale = to_c(rescaling_table, d.scoring.rescale);
        o.aggregate = to_c(aggregation_table, d.scoring.aggregate);
        o.threshold = d.scoring.threshold;
        o.level = d.scoring.level;
        o.interval = to_c(interval_table, d.scoring.interval);
        o.nps_promoter_min = d.scoring.nps.promoter_min;
        o.nps_detractor_max = d.scoring.nps.detractor_max;
        o.language = nullptr;
        o.ahp_method = d.scoring.ahp.method == csikit::ahp_method::geometric_mean ? 1 : 0;
        o.ahp_allow_inconsistent = d.scoring.ahp.allow_inconsistent ? 1 : 0;
    });
}

CSIKIT_API int csikit_trend_json(const csikit_data* data, const csikit_trend_options* options, char** out) {
    const char* where = "csikit_trend_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_trend_options_init, where);
        csikit::trend_options t;
        if (o.wave) t.wave = o.wave;
        t.control_sigma = o.control_sigma;
        auto& so = t.scoring;
        so.rescale = from_c(rescaling_table, o.rescale, where, "options->rescale");
        so.aggregate = from_c(aggregation_table, o.aggregate, where, "options->aggregate");
        so.interval = from_c(interval_table, o.interval, where, "options->interval");
        so.threshold = o.threshold;
        so.level = o.level;
        so.nps.promoter_min = o.nps_promoter_min;
        so.nps.detractor_max = o.nps_detractor_max;
        if (o.language) so.language = o.language;
        if (o.ahp_method != 0 && o.ahp_method != 1)
            throw csikit::argument_error({{}, 0, std::string(where) + ": options->ahp_method"},
                                         std::to_string(o.ahp_method) + " is not a method (expected 0 eigenvector or 1 geometric mean)");
        so.ahp.method = o.ahp_method == 1 ? csikit::ahp_method::geometric_mean : csikit::ahp_method::eigenvector;
        so.ahp.allow_inconsistent = o.ahp_allow_inconsistent != 0;
        *out = dup_string(csikit::to_json(csikit::trend(*d.schema, *d.data, t)));
    });
}

}  // extern "C"
