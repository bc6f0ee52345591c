// C ABI: report.json with every analysis option, and the options description as JSON.
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/analysis.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_analysis_options_init(csikit_analysis_options* options) {
    return guard("csikit_analysis_options_init", [&] {
        require(options, "csikit_analysis_options_init", "options");
        const csikit::index_analysis_options d;
        *options = csikit_analysis_options{};
        options->struct_size = sizeof(csikit_analysis_options);
        options->target = nullptr;
        options->by = nullptr;
        options->crosshair = to_c(crosshair_table, d.crosshair);
        options->level = d.index.level;
        options->use_weights = d.index.use_weights ? 1 : 0;
    });
}

CSIKIT_API int csikit_fit_analysis_json(const csikit_fit* fit, const csikit_boot* boot,
                                        const csikit_analysis_options* options, int indent, char** out) {
    const char* where = "csikit_fit_analysis_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(out, where, "out");
        csikit::check_json_indent(indent);
        const csikit::bootstrap_result* b = bootstrap_of(h, boot, where);
        csikit_analysis_options o;
        csikit_analysis_options_init(&o);
        read_options(options, o, where);
        csikit::index_analysis_options io;
        if (o.target) io.target = o.target;
        if (o.by) io.by = o.by;
        io.crosshair = from_c(crosshair_table, o.crosshair, where, "options->crosshair");
        io.index.level = o.level;
        io.index.use_weights = o.use_weights != 0;
        const auto a = csikit::analyze_indices(h.model, *h.fit, *h.schema, *h.data, io);
        *out = dup_string(csikit::to_json(*h.fit, b, h.schema.get(), a, indent));
    });
}

CSIKIT_API int csikit_options_json(char** out) {
    return guard("csikit_options_json", [&] {
        require(out, "csikit_options_json", "out");
        *out = dup_string(csikit::options_json(2));
    });
}

}  // extern "C"
