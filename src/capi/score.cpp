// C ABI: descriptive scores as the JSON report of csikit::score.
#include "handles.hpp"

#include "csikit/scoring.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_score_options_init(csikit_score_options* options) {
    return guard("csikit_score_options_init", [&] {
        require(options, "csikit_score_options_init", "options");
        const csikit::score_options d;
        *options = csikit_score_options{};
        options->struct_size = sizeof(csikit_score_options);
        options->rescale = static_cast<int>(d.rescale);
        options->threshold = d.threshold;
        options->level = d.level;
        options->by = nullptr;
    });
}

CSIKIT_API int csikit_score_json(const csikit_data* data, const csikit_score_options* options, char** out) {
    const char* where = "csikit_score_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data");
        require(out, where, "out");
        csikit_score_options o;
        csikit_score_options_init(&o);
        read_options(options, o, where);
        if (o.rescale < CSIKIT_RESCALE_LINEAR || o.rescale > CSIKIT_RESCALE_LABELS)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown rescale " + std::to_string(o.rescale) +
                                                   " (expected a csikit_rescaling value)"};
        csikit::score_options so;
        so.rescale = static_cast<csikit::rescaling>(o.rescale);
        so.threshold = o.threshold;
        so.level = o.level;
        if (o.by) so.by = o.by;
        *out = dup_string(csikit::to_json(csikit::score(*d.survey, *d.data, so)));
    });
}

}  // extern "C"
