// C ABI: crosstabs (issue 14 item 3, crosstab.hpp): the options struct and the JSON getter.
#include "handles.hpp"

#include "csikit/crosstab.hpp"
#include "csikit/report.hpp"

#include <string>

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_crosstab_options_init(csikit_crosstab_options* options) {
    return init_options("csikit_crosstab_options_init", options, [](csikit_crosstab_options& o) {
        const csikit::crosstab_options d;
        o.rows = nullptr;
        o.cols = nullptr;
        o.layer = nullptr;
        o.alpha = d.alpha;
        o.use_weights = d.use_weights ? 1 : 0;
        o.level = d.scoring.level;
        o.threshold = d.scoring.threshold;
        o.rescale = nullptr;
        o.language = nullptr;
    });
}

CSIKIT_API int csikit_crosstab_json(const csikit_data* data, const csikit_crosstab_options* options, char** out) {
    const char* where = "csikit_crosstab_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_crosstab_options_init, where);
        csikit::crosstab_options co;
        if (o.rows) co.rows = o.rows;
        if (o.cols) co.cols = o.cols;
        if (o.layer) co.layer = o.layer;
        co.alpha = o.alpha;
        co.use_weights = o.use_weights != 0;
        co.scoring.level = o.level;
        co.scoring.threshold = o.threshold;
        if (o.language) co.scoring.language = o.language;
        if (o.rescale) {
            const std::string r = o.rescale;
            if (r == "linear") co.scoring.rescale = csikit::rescaling::linear;
            else if (r == "proportional") co.scoring.rescale = csikit::rescaling::proportional;
            else if (r == "labels") co.scoring.rescale = csikit::rescaling::labels;
            else
                throw csikit::argument_error({{}, 0, "options->rescale"},
                                             "\"" + r + "\" is not a rescaling (expected linear, proportional or labels)");
        }
        *out = dup_string(csikit::to_json(csikit::crosstab(*d.schema, *d.data, co)));
    });
}

}  // extern "C"
