// C ABI: coded open answers and feedback records as the JSON of csikit::feedback (issue 14
// item 7, docs/feedback.md).
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/feedback.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_feedback_options_init(csikit_feedback_options* options) {
    return init_options("csikit_feedback_options_init", options, [](csikit_feedback_options& o) {
        const csikit::feedback_options d;
        o.by = nullptr;
        o.wave = nullptr;
        o.on = nullptr;
        o.top = d.top;
        o.verbatims = d.verbatims ? 1 : 0;
        o.max_verbatims = d.max_verbatims;
        o.rescale = to_c(rescaling_table, d.scoring.rescale);
        o.aggregate = to_c(aggregation_table, d.scoring.aggregate);
        o.threshold = d.scoring.threshold;
        o.language = nullptr;
    });
}

CSIKIT_API int csikit_feedback_json(const csikit_data* data, const csikit_feedback_options* options, char** out) {
    const char* where = "csikit_feedback_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_feedback_options_init, where);
        csikit::feedback_options f;
        if (o.by) f.by = o.by;
        if (o.wave) f.wave = o.wave;
        if (o.on) f.on = o.on;
        f.top = o.top;
        f.verbatims = o.verbatims != 0;
        f.max_verbatims = o.max_verbatims;
        f.scoring.rescale = from_c(rescaling_table, o.rescale, where, "options->rescale");
        f.scoring.aggregate = from_c(aggregation_table, o.aggregate, where, "options->aggregate");
        f.scoring.threshold = o.threshold;
        if (o.language) f.scoring.language = o.language;
        *out = dup_string(csikit::to_json(csikit::feedback(*d.schema, *d.data, f)));
    });
}

}  // extern "C"
