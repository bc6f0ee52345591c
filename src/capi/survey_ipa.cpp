// C ABI: the IPA of a survey from stated or derived importance (issue 14, ipa_survey.hpp).
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/ipa_survey.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_survey_ipa_options_init(csikit_survey_ipa_options* options) {
    return init_options("csikit_survey_ipa_options_init", options, [](csikit_survey_ipa_options& o) {
        const csikit::survey_ipa_options d;
        o.importance = nullptr;
        o.crosshair = to_c(crosshair_table, d.map.rule);
        o.custom_importance = d.map.custom_importance;
        o.custom_performance = d.map.custom_performance;
        o.diagonal = d.map.diagonal ? 1 : 0;
        o.by = nullptr;
        o.use_weights = d.use_weights ? 1 : 0;
    });
}

CSIKIT_API int csikit_survey_ipa_json(const csikit_data* data, const csikit_survey_ipa_options* options, char** out) {
    const char* where = "csikit_survey_ipa_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_survey_ipa_options_init, where);
        csikit::survey_ipa_options so;
        if (o.importance) so.importance = csikit::parse_importance_source(o.importance);
        so.map.rule = from_c(crosshair_table, o.crosshair, where, "options->crosshair");
        so.map.custom_importance = o.custom_importance;
        so.map.custom_performance = o.custom_performance;
        so.map.diagonal = o.diagonal != 0;
        if (o.by) so.by = o.by;
        so.use_weights = o.use_weights != 0;
        *out = dup_string(csikit::to_json(csikit::survey_ipa(*d.schema, *d.data, so)));
    });
}

}  // extern "C"
