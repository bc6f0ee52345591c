// C ABI: report.json with every analysis option, and the options description as JSON.
#include "enums.hpp"
#include "handles.hpp"
#include "report_json.hpp"

#include "csikit/analysis.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_analysis_options_init(csikit_analysis_options* options) {
    return init_options("csikit_analysis_options_init", options, [](csikit_analysis_options& o) {
        const csikit::index_analysis_options d;
        o.target = nullptr;
        o.by = nullptr;
        o.crosshair = to_c(crosshair_table, d.crosshair);
        o.level = d.index.level;
        o.use_weights = d.index.use_weights ? 1 : 0;
    });
}

CSIKIT_API int csikit_fit_analysis_json(const csikit_fit* fit, const csikit_boot* boot,
                                        const csikit_analysis_options* options, int indent, char** out) {
    const char* where = "csikit_fit_analysis_json";
    return guard(where, [&] {
        write_report_json(fit, boot, indent, out, where, [&] {
            const auto o = options_or_defaults(options, csikit_analysis_options_init, where);
            csikit::index_analysis_options io;
            if (o.target) io.target = o.target;
            if (o.by) io.by = o.by;
            io.crosshair = from_c(crosshair_table, o.crosshair, where, "options->crosshair");
            io.index.level = o.level;
            io.index.use_weights = o.use_weights != 0;
            return io;
        });
    });
}

CSIKIT_API int csikit_options_json(char** out) {
    return guard("csikit_options_json", [&] {
        require(out, "csikit_options_json", "out");
        *out = dup_string(csikit::options_json(2));
    });
}

}  // extern "C"
