// C ABI: a survey with its model given as lavaan-style syntax, and the figures of an extended
// model (higher-order constructs, interaction terms, stage 1) of a fit.
#include "handles.hpp"

#include "csikit/model_syntax.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_survey_with_model(const csikit_survey* survey, const char* model_text, csikit_survey** out) {
    const char* where = "csikit_survey_with_model";
    return guard(where, [&] {
        const auto& h = handle(survey, where, "survey");
        require(model_text, where, "model_text");
        require(out, where, "out");
        auto n = std::make_unique<csikit_survey>();
        n->survey = std::make_shared<const csikit::survey>(csikit::with_model_syntax(*h.survey, model_text, "<model>"));
        give(std::move(n), out);
    });
}

CSIKIT_API int csikit_fit_extension_json(const csikit_fit* fit, int indent, char** out) {
    const char* where = "csikit_fit_extension_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit");
        require(out, where, "out");
        csikit::check_json_indent(indent);
        *out = dup_string(h.value.extended ? csikit::to_json(*h.value.extended, indent) : std::string("null"));
    });
}

}  // extern "C"
