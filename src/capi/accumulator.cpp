// C ABI: moment states for incremental tracking (csikit/accumulator.hpp, docs/streaming.md):
// add batches, merge states, save and load them, and estimate the survey's model from one.
#include "handles.hpp"

#include "csikit/accumulator.hpp"
#include "csikit/analysis.hpp"
#include "csikit/csv_stream.hpp"
#include "csikit/report.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_acc_options_init(csikit_acc_options* options) {
    return init_options("csikit_acc_options_init", options, [](csikit_acc_options& o) { o.use_weights = 1; });
}

CSIKIT_API int csikit_acc_create(const csikit_survey* survey, const csikit_acc_options* options, csikit_acc** out) {
    const char* where = "csikit_acc_create";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(out, where, "out");
        const csikit_acc_options o = options_or_defaults(options, csikit_acc_options_init, where);
        auto h = std::make_unique<csikit_acc>();
        h->value = std::make_shared<csikit::moment_accumulator>(
            *s.survey, csikit::pls_model::from_survey(*s.survey).indicators(), o.use_weights != 0);
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_acc_add(csikit_acc* state, const csikit_data* data) {
    const char* where = "csikit_acc_add";
    return guard(where, [&] {
        auto& acc = *handle(state, where, "state").value;
        acc.add(*handle(data, where, "data").value.data);
    });
}

CSIKIT_API int csikit_acc_add_file(csikit_acc* state, const csikit_survey* survey, const char* path,
                                   const csikit_read_options* options) {
    const char* where = "csikit_acc_add_file";
    return guard(where, [&] {
        auto& acc = *handle(state, where, "state").value;
        const auto& s = handle(survey, where, "survey");
        require(path, where, "path");
        const csikit::read_options ro = core_read_options(options, where);
        csikit::stream_responses(path, *s.survey, [&](csikit::responses&& chunk) { acc.add(chunk); }, ro);
    });
}

CSIKIT_API int csikit_acc_merge(csikit_acc* state, const csikit_acc* other) {
    const char* where = "csikit_acc_merge";
    return guard(where, [&] {
        auto& acc = *handle(state, where, "state").value;
        acc.merge(*handle(other, where, "other").value);
    });
}

CSIKIT_API int csikit_acc_respondents(const csikit_acc* state, uint64_t* respondents) {
    const char* where = "csikit_acc_respondents";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        require(respondents, where, "respondents");
        *respondents = acc.respondents();
    });
}

CSIKIT_API int csikit_acc_to_bytes(const csikit_acc* state, char** bytes, size_t* size) {
    const char* where = "csikit_acc_to_bytes";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        require(bytes, where, "bytes");
        require(size, where, "size");
        give_bytes(acc.to_bytes(), bytes, size);
    });
}

CSIKIT_API int csikit_acc_from_bytes(const char* bytes, size_t size, csikit_acc** out) {
    const char* where = "csikit_acc_from_bytes";
    return guard(where, [&] {
        if (size > 0) require(bytes, where, "bytes");
        require(out, where, "out");
        auto h = std::make_unique<csikit_acc>();
        h->value = std::make_shared<csikit::moment_accumulator>(
            csikit::moment_accumulator::from_bytes(std::string_view(bytes ? bytes : "", size)));
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_acc_summary_json(const csikit_acc* state, char** out) {
    const char* where = "csikit_acc_summary_json";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        require(out, where, "out");
        *out = dup_string(csikit::to_json(acc));
    });
}

CSIKIT_API int csikit_acc_analyze_json(const csikit_acc* state, const csikit_survey* survey,
                                       const csikit_estimate_options* options, char** out) {
    const char* where = "csikit_acc_analyze_json";
    return guard(where, [&] {
        const auto& acc = *handle(state, where, "state").value;
        const auto& s = handle(survey, where, "survey");
        require(out, where, "out");
        csikit::analysis_options o;
        o.pls = pls_options_of(options_or_defaults(options, csikit_estimate_options_init, where), where);
        *out = dup_string(csikit::to_json(csikit::run_analysis(*s.survey, acc, o)));
    });
}

CSIKIT_API void csikit_acc_free(csikit_acc* state) { release(state); }

}  // extern "C"
