// C ABI: composition-adjusted scores (issue 14 item 5, standardize.hpp): the options struct and
// the JSON getter (the document of the "standardized" member of `csikit score --json`).
#include "handles.hpp"

#include "csikit/report.hpp"
#include "csikit/standardize.hpp"

#include <string>

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_standardize_options_init(csikit_standardize_options* options) {
    return init_options("csikit_standardize_options_init", options, [](csikit_standardize_options& o) {
        const csikit::standardize_options d;
        o.by = nullptr;
        o.adjust_for = nullptr;
        o.reference = nullptr;
        o.shares = nullptr;
        o.use_weights = d.use_weights ? 1 : 0;
        o.level = d.scoring.level;
        o.rescale = nullptr;
    });
}

CSIKIT_API int csikit_standardize_json(const csikit_data* data, const csikit_standardize_options* options, char** out) {
    const char* where = "csikit_standardize_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_standardize_options_init, where);
        csikit::standardize_options so;
        if (o.by) so.by = o.by;
        if (o.adjust_for) so.adjust_for = o.adjust_for;
        const std::string ref = o.reference ? o.reference : "pooled";
        if (ref == "pooled") so.reference = csikit::reference_mix::pooled;
        else if (ref == "first") so.reference = csikit::reference_mix::first;
        else if (ref == "given") so.reference = csikit::reference_mix::given;
        else
            throw csikit::argument_error({{}, 0, "options->reference"},
                                         "\"" + ref + "\" is not a reference mix (expected pooled, first or given)");
        if (so.reference == csikit::reference_mix::given) {
            if (!o.shares)
                throw csikit::argument_error({{}, 0, "options->shares"}, "missing (expected the reference shares with reference \"given\")");
            so.shares = csikit::parse_reference_shares(o.shares, "options->shares");
        } else if (o.shares) {
            throw csikit::argument_error({{}, 0, "options->shares"}, "given with reference \"" + ref + "\" (expected reference \"given\")");
        }
        so.use_weights = o.use_weights != 0;
        so.scoring.level = o.level;
        if (!(o.level > 0 && o.level < 1))
            throw csikit::argument_error({{}, 0, "options->level"}, "not a confidence level (expected 0 < level < 1)");
        if (o.rescale) {
            const std::string r = o.rescale;
            if (r == "linear") so.scoring.rescale = csikit::rescaling::linear;
            else if (r == "proportional") so.scoring.rescale = csikit::rescaling::proportional;
            else if (r == "labels") so.scoring.rescale = csikit::rescaling::labels;
            else
                throw csikit::argument_error({{}, 0, "options->rescale"},
                                             "\"" + r + "\" is not a rescaling (expected linear, proportional or labels)");
        }
        *out = dup_string(csikit::to_json(csikit::standardize(*d.schema, *d.data, so)));
    });
}

}  // extern "C"
