// C ABI: 0-100 construct indices, IPA on plain numbers and the IPMA of a fit.
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/analysis.hpp"
#include "csikit/index.hpp"
#include "csikit/ipa.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

namespace {

struct ipa_settings {
    csikit::index_options index;
    csikit::ipa_options ipa;
    bool use_respondents = true;
};

ipa_settings read_ipa(const csikit_ipa_options* given, const char* where) {
    csikit_ipa_options o;
    csikit_ipa_options_init(&o);
    read_options(given, o, where);
    ipa_settings out;
    out.ipa.rule = from_c(crosshair_table, o.crosshair, where, "options->crosshair");
    out.ipa.custom_importance = o.custom_importance;
    out.ipa.custom_performance = o.custom_performance;
    out.index.level = o.level;
    out.index.use_weights = o.use_weights != 0;
    out.use_respondents = o.use_respondents != 0;
    return out;
}

csikit::index_result indices(const csikit::fitted_model& f, const ipa_settings& o) {
    if (f.extended) {  // HOCs / interaction terms: the indices of analyze_extended_indices
        csikit::index_analysis_options ao;
        ao.index = o.index;
        return csikit::analyze_extended_indices(*f.extended, *f.schema, ao).overall.indices;
    }
    return o.use_respondents ? csikit::compute_indices(*f.fit, *f.schema, *f.data, o.index)
                             : csikit::compute_indices(*f.fit, *f.schema, o.index);
}

}  // namespace

extern "C" {

CSIKIT_API int csikit_ipa_options_init(csikit_ipa_options* options) {
    return guard("csikit_ipa_options_init", [&] {
        require(options, "csikit_ipa_options_init", "options");
        *options = csikit_ipa_options{};
        options->struct_size = sizeof(csikit_ipa_options);
        options->crosshair = CSIKIT_CROSSHAIR_MEAN;
        options->level = 0.95;
        options->use_respondents = 1;
        options->use_weights = csikit::index_options{}.use_weights ? 1 : 0;
    });
}

CSIKIT_API int csikit_fit_indices(const csikit_fit* fit, const csikit_ipa_options* options, double* out,
                                  size_t capacity, size_t* size) {
    const char* where = "csikit_fit_indices";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        const auto r = indices(h, read_ipa(options, where));
        std::vector<double> v;
        for (const auto& c : r.constructs) v.push_back(c.index);
        copy_out(v.data(), v.size(), out, capacity, size, where);
    });
}

CSIKIT_API int csikit_fit_indices_json(const csikit_fit* fit, const csikit_ipa_options* options, char** out) {
    const char* where = "csikit_fit_indices_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(out, where, "out");
        *out = dup_string(csikit::to_json(indices(h, read_ipa(options, where)), 2));
    });
}

CSIKIT_API int csikit_ipa(const double* importance, const double* performance, size_t n,
                          const csikit_ipa_options* options, int* quadrants, double* importance_cut,
                          double* performance_cut) {
    const char* where = "csikit_ipa";
    return guard(where, [&] {
        require(importance, where, "importance");
        require(performance, where, "performance");
        require(quadrants, where, "quadrants");
        const auto o = read_ipa(options, where);
        std::vector<csikit::ipa_factor> factors(n);
        for (size_t i = 0; i < n; ++i) {
            factors[i].id = std::to_string(i + 1);  // ipa() wants unique ids; C callers index
            factors[i].importance = importance[i];
            factors[i].performance = performance[i];
        }
        const auto r = csikit::ipa(factors, o.ipa);
        for (size_t i = 0; i < n; ++i) quadrants[i] = to_c(quadrant_table, r.points[i].where);
        if (importance_cut) *importance_cut = r.importance_cut;
        if (performance_cut) *performance_cut = r.performance_cut;
    });
}

CSIKIT_API int csikit_fit_ipma_json(const csikit_fit* fit, const char* target, const csikit_ipa_options* options,
                                    char** out) {
    const char* where = "csikit_fit_ipma_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(target, where, "target");
        require(out, where, "out");
        const auto o = read_ipa(options, where);
        const auto r = o.use_respondents ? csikit::ipma(*h.fit, *h.schema, *h.data, target, o.index)
                                         : csikit::ipma(*h.fit, *h.schema, target, o.index);
        *out = dup_string(csikit::to_json(r, o.ipa, 2));
    });
}

}  // extern "C"
