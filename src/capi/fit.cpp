// C ABI: PLS estimation, the fit's getters and the report.json text.
#include "enums.hpp"
#include "handles.hpp"
#include "report_json.hpp"

#include "csikit/pls.hpp"
#include "csikit/provenance.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

namespace {

using row_major = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// The matrix behind a csikit_fit_quantity (vectors as one column).
row_major quantity(const csikit::pls_fit& f, int q, const char* where) {
    auto col = [](const Eigen::VectorXd& v) -> row_major { return v; };
    switch (q) {
    case CSIKIT_PATHS: return f.paths;
    case CSIKIT_TOTAL_EFFECTS: return f.total_effects;
    case CSIKIT_WEIGHTS: return col(f.weights);
    case CSIKIT_LOADINGS: return col(f.loadings);
    case CSIKIT_R2: return col(f.r2);
    case CSIKIT_R2_ADJUSTED: return col(f.r2_adjusted);
    case CSIKIT_AVE: return col(f.ave);
    case CSIKIT_RHO_C: return col(f.rho_c);
    case CSIKIT_RHO_A: return col(f.rho_a);
    case CSIKIT_ALPHA: return col(f.alpha);
    case CSIKIT_HTMT: return f.htmt;
    case CSIKIT_CROSS_LOADINGS: return f.cross_loadings;
    case CSIKIT_CONSTRUCT_CORRELATION: return f.construct_correlation;
    case CSIKIT_OUTER_VIF: return col(f.outer_vif);
    case CSIKIT_WEIGHTS_UNSTANDARDIZED: return col(f.weights_unstandardized);
    case CSIKIT_INDIRECT_EFFECTS: return f.indirect_effects;
    case CSIKIT_CONSTRUCT_SCORES: return f.scores;
    default:
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown quantity " + std::to_string(q) +
                                               " (expected a csikit_fit_quantity value)"};
    }
}

const std::vector<std::string>& list_of(const csikit::pls_fit& f, int list, const char* where) {
    if (list == CSIKIT_FIT_CONSTRUCTS) return f.constructs;
    if (list == CSIKIT_FIT_INDICATORS) return f.indicators;
    throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown list " + std::to_string(list) +
                                           " (expected CSIKIT_FIT_CONSTRUCTS or CSIKIT_FIT_INDICATORS)"};
}

}  // namespace

namespace csikit_capi {

/// The core's settings for the C options; an unknown enum value names its field.
csikit::pls_options pls_options_of(const csikit_estimate_options& o, const char* where) {
    csikit::pls_options po;
    po.scheme = from_c(scheme_table, o.scheme, where, "options->scheme");
    po.missing = from_c(missing_table, o.missing, where, "options->missing");
    po.stopping = from_c(stopping_table, o.stopping, where, "options->stopping");
    po.consistent = o.consistent != 0;
    po.tolerance = o.tolerance;
    po.max_iterations = o.max_iterations;
    po.use_weights = o.use_weights != 0;
    po.quality = o.quality != 0;
    po.keep_scores = o.keep_scores != 0;
    po.f2_reestimate = o.f2_reestimate != 0;
    po.strict = o.strict != 0;
    return po;
}

const csikit::bootstrap_result* bootstrap_of(const csikit::fitted_model& f, const csikit_boot* boot, const char* where) {
    if (!boot) return nullptr;
    const auto& b = handle(boot, where, "boot").value;
    if (b.fit != f.fit)
        throw abi_error{CSIKIT_E_ARGUMENT,
                        std::string(where) + ": boot comes from another fit (expected a bootstrap of this fit)"};
    return &b.result;
}

void write_report_json(const csikit_fit* fit, const csikit_boot* boot, int indent, char** out, const char* where,
                       const std::function<csikit::index_analysis_options()>& settings) {
    const auto& h = handle(fit, where, "fit").value;
    require(out, where, "out");
    csikit::check_json_indent(indent);
    const csikit::bootstrap_result* b = bootstrap_of(h, boot, where);
    const auto a = h.extended ? csikit::analyze_extended_indices(*h.extended, *h.schema, settings())
                              : csikit::analyze_indices(h.model, *h.fit, *h.schema, *h.data, settings());
    *out = dup_string(csikit::to_json(*h.fit, b, h.schema.get(), a, indent));
}

}  // namespace csikit_capi

extern "C" {

CSIKIT_API int csikit_estimate_options_init(csikit_estimate_options* options) {
    return init_options("csikit_estimate_options_init", options, [](csikit_estimate_options& o) {
        const csikit::pls_options d;
        o.scheme = to_c(scheme_table, d.scheme);
        o.missing = to_c(missing_table, d.missing);
        o.consistent = d.consistent ? 1 : 0;
        o.tolerance = d.tolerance;
        o.max_iterations = d.max_iterations;
        o.use_weights = d.use_weights ? 1 : 0;
        o.quality = d.quality ? 1 : 0;
        o.stopping = to_c(stopping_table, d.stopping);
        o.keep_scores = d.keep_scores ? 1 : 0;
        o.f2_reestimate = d.f2_reestimate ? 1 : 0;
        o.strict = d.strict ? 1 : 0;
    });
}

CSIKIT_API int csikit_estimate(const csikit_data* data, const csikit_estimate_options* options, csikit_fit** out) {
    const char* where = "csikit_estimate";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data");
        require(out, where, "out");
        const auto po = pls_options_of(options_or_defaults(options, csikit_estimate_options_init, where), where);
        auto h = std::make_unique<csikit_fit>();
        h->value = csikit::fit_model(d.value, csikit::pls_model::from_survey(*d.value.schema), po);
        give(std::move(h), out);
    });
}

CSIKIT_API void csikit_fit_free(csikit_fit* fit) { release(fit); }

CSIKIT_API int csikit_fit_count(const csikit_fit* fit, int list, size_t* count) {
    const char* where = "csikit_fit_count";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(count, where, "count");
        *count = list_of(*h.fit, list, where).size();
    });
}

CSIKIT_API int csikit_fit_id(const csikit_fit* fit, int list, size_t index, const char** id) {
    const char* where = "csikit_fit_id";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(id, where, "id");
        const auto& ids = list_of(*h.fit, list, where);
        if (index >= ids.size())
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": index " + std::to_string(index) +
                                                   " is out of range (expected < " + std::to_string(ids.size()) + ")"};
        *id = ids[index].c_str();
    });
}

CSIKIT_API int csikit_fit_values(const csikit_fit* fit, int quantity_id, double* out, size_t capacity, size_t* size,
                                 size_t* rows, size_t* cols) {
    const char* where = "csikit_fit_values";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        const row_major m = quantity(*h.fit, quantity_id, where);
        if (rows) *rows = static_cast<size_t>(m.rows());
        if (cols) *cols = static_cast<size_t>(m.cols());
        copy_out(m.data(), static_cast<size_t>(m.size()), out, capacity, size, where);
    });
}

CSIKIT_API int csikit_fit_get_info(const csikit_fit* fit, csikit_fit_info* info) {
    const char* where = "csikit_fit_get_info";
    return guard(where, [&] {
        const auto& f = *handle(fit, where, "fit").value.fit;
        csikit_fit_info full{};
        full.struct_size = sizeof(csikit_fit_info);
        full.iterations = f.iterations;
        full.converged = f.converged ? 1 : 0;
        full.consistent = f.consistent ? 1 : 0;
        full.admissible = f.admissible ? 1 : 0;
        full.gof = f.gof;
        full.srmr = f.srmr;
        full.respondents = f.data.respondents_total;
        full.respondents_used = f.data.respondents_used;
        write_struct(full, info, where);
    });
}

CSIKIT_API int csikit_fit_report_json(const csikit_fit* fit, const csikit_boot* boot, int indent, char** out) {
    const char* where = "csikit_fit_report_json";
    // The CLI's document: the index-model sections with their defaults are always there.
    return guard(where, [&] { write_report_json(fit, boot, indent, out, where, [] { return csikit::index_analysis_options{}; }); });
}

CSIKIT_API int csikit_fit_index_report_json(const csikit_fit* fit, const csikit_boot* boot, const char* target,
                                            const char* by, int indent, char** out) {
    const char* where = "csikit_fit_index_report_json";
    return guard(where, [&] {
        write_report_json(fit, boot, indent, out, where, [&] {
            csikit::index_analysis_options io;
            if (target) io.target = target;
            if (by) io.by = by;
            return io;
        });
    });
}

}  // extern "C"
