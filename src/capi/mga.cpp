// C ABI: the multi-group analysis of a data handle as JSON (csikit/mga.hpp, the one serializer).
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/mga.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_mga_options_init(csikit_mga_options* options) {
    return init_options("csikit_mga_options_init", options, [](csikit_mga_options& o) {
        const csikit::mga_options d;
        o.permutations = d.permutations;
        o.bootstrap = d.bootstrap;
        o.seed = d.seed;
        o.threads = d.threads;
        o.micom = d.micom ? 1 : 0;
        o.imputation = CSIKIT_MGA_GROUP_MEANS;
        o.adjust = CSIKIT_ADJUST_HOLM;
        o.alpha = d.alpha;
        o.max_failed_share = d.max_failed_share;
        o.scheme = CSIKIT_SCHEME_PATH;
        o.missing = CSIKIT_MISSING_LISTWISE;
        o.consistent = d.pls.consistent ? 1 : 0;
        o.tolerance = d.pls.tolerance;
        o.max_iterations = d.pls.max_iterations;
        o.use_weights = d.pls.use_weights ? 1 : 0;
    });
}

CSIKIT_API int csikit_mga_json(const csikit_data* data, const char* column, const csikit_mga_options* options, int indent,
                               char** out) {
    const char* where = "csikit_mga_json";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        require(column, where, "column");
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_mga_options_init, where);
        csikit::mga_options mo;
        mo.permutations = o.permutations;
        mo.bootstrap = o.bootstrap;
        mo.seed = o.seed;
        mo.threads = o.threads;
        mo.micom = o.micom != 0;
        if (o.imputation != CSIKIT_MGA_GROUP_MEANS && o.imputation != CSIKIT_MGA_POOLED_MEANS)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": options->imputation " + std::to_string(o.imputation) +
                                                   " is unknown (expected CSIKIT_MGA_GROUP_MEANS or CSIKIT_MGA_POOLED_MEANS)"};
        mo.imputation = o.imputation == CSIKIT_MGA_POOLED_MEANS ? csikit::mga_imputation::pooled_means : csikit::mga_imputation::group_means;
        if (o.adjust < CSIKIT_ADJUST_NONE || o.adjust > CSIKIT_ADJUST_BONFERRONI)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": options->adjust " + std::to_string(o.adjust) +
                                                   " is unknown (expected CSIKIT_ADJUST_NONE, _HOLM or _BONFERRONI)"};
        mo.adjust = o.adjust == CSIKIT_ADJUST_NONE ? csikit::p_adjustment::none
                    : o.adjust == CSIKIT_ADJUST_BONFERRONI ? csikit::p_adjustment::bonferroni : csikit::p_adjustment::holm;
        mo.alpha = o.alpha;
        mo.max_failed_share = o.max_failed_share;
        mo.pls.scheme = from_c(scheme_table, o.scheme, where, "options->scheme");
        mo.pls.missing = from_c(missing_table, o.missing, where, "options->missing");
        mo.pls.consistent = o.consistent != 0;
        mo.pls.tolerance = o.tolerance;
        mo.pls.max_iterations = o.max_iterations;
        mo.pls.use_weights = o.use_weights != 0;
        const auto r = csikit::multi_group(csikit::pls_model::from_survey(*d.schema), *d.data, column, mo);
        *out = dup_string(csikit::to_json(r, indent));
    });
}

}  // extern "C"
