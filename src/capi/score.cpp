// C ABI: descriptive scores as the JSON report of csikit::score.
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/report.hpp"

#include "csikit/score_stream.hpp"
#include "csikit/scoring.hpp"

using namespace csikit_capi;

namespace {

/// The core's settings for the C options; an unknown enum value names its field.
csikit::score_options to_core(const csikit_score_options& o, const char* where) {
    csikit::score_options so;
    so.rescale = from_c(rescaling_table, o.rescale, where, "options->rescale");
    so.aggregate = from_c(aggregation_table, o.aggregate, where, "options->aggregate");
    so.interval = from_c(interval_table, o.interval, where, "options->interval");
    so.threshold = o.threshold;
    so.level = o.level;
    so.nps.promoter_min = o.nps_promoter_min;
    so.nps.detractor_max = o.nps_detractor_max;
    so.by_wave = o.by_wave != 0;
    if (o.by) so.by = o.by;
    if (o.language) so.language = o.language;
    if (o.ahp_method != 0 && o.ahp_method != 1)
        throw csikit::argument_error({{}, 0, std::string(where) + ": options->ahp_method"},
                                     std::to_string(o.ahp_method) + " is not a method (expected 0 eigenvector or 1 geometric mean)");
    so.ahp.method = o.ahp_method == 1 ? csikit::ahp_method::geometric_mean : csikit::ahp_method::eigenvector;
    so.ahp.allow_inconsistent = o.ahp_allow_inconsistent != 0;
    return so;
}

}  // namespace

extern "C" {

CSIKIT_API int csikit_score_options_init(csikit_score_options* options) {
    return init_options("csikit_score_options_init", options, [](csikit_score_options& o) {
        const csikit::score_options d;
        o.rescale = to_c(rescaling_table, d.rescale);
        o.threshold = d.threshold;
        o.level = d.level;
        o.by = nullptr;
        o.aggregate = to_c(aggregation_table, d.aggregate);
        o.interval = to_c(interval_table, d.interval);
        o.nps_promoter_min = d.nps.promoter_min;
        o.nps_detractor_max = d.nps.detractor_max;
        o.by_wave = d.by_wave ? 1 : 0;
        o.language = nullptr;
        o.ahp_method = d.ahp.method == csikit::ahp_method::geometric_mean ? 1 : 0;
        o.ahp_allow_inconsistent = d.ahp.allow_inconsistent ? 1 : 0;
    });
}

CSIKIT_API int csikit_score_json(const csikit_data* data, const csikit_score_options* options, char** out) {
    const char* where = "csikit_score_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto so = to_core(options_or_defaults(options, csikit_score_options_init, where), where);
        *out = dup_string(csikit::to_json(csikit::score(*d.schema, *d.data, so)));
    });
}

CSIKIT_API int csikit_score_file_json(const csikit_survey* survey, const char* path, const csikit_score_options* options,
                                     const csikit_read_options* read, char** out) {
    const char* where = "csikit_score_file_json";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(path, where, "path");
        require(out, where, "out");
        const auto so = to_core(options_or_defaults(options, csikit_score_options_init, where), where);
        const csikit::read_options ro = core_read_options(read, where);
        *out = dup_string(csikit::to_json(csikit::score_file(*s.survey, path, so, ro)));
    });
}

}  // extern "C"
