// C ABI: bootstrap with a progress callback that can cancel, and the parameter getters.
#include "enums.hpp"
#include "handles.hpp"

#include "csikit/bootstrap.hpp"
#include "csikit/provenance.hpp"

#include <string>
#include <utility>
#include <vector>

using namespace csikit_capi;

namespace {

csikit_boot_parameter to_c(const csikit::bootstrap_parameter& q) {
    csikit_boot_parameter p{};
    p.struct_size = sizeof(csikit_boot_parameter);
    p.kind = to_c(parameter_table, q.kind);
    p.label = q.label.c_str();
    p.estimate = q.estimate;
    p.mean = q.mean;
    p.bias = q.bias;
    p.se = q.se;
    p.t = q.t;
    p.p = q.p;
    p.ci_low = q.ci_low;
    p.ci_high = q.ci_high;
    p.bca_low = q.bca_low;
    p.bca_high = q.bca_high;
    return p;
}

/// The core's settings for the C options (all but index_survey, which needs the fit).
csikit::bootstrap_options to_core(const csikit_bootstrap_options& o) {
    csikit::bootstrap_options bo;
    bo.resamples = o.resamples;
    bo.seed = o.seed;
    bo.threads = o.threads;
    bo.confidence = o.confidence;
    bo.bca = o.bca != 0;
    bo.drop_inadmissible = o.drop_inadmissible != 0;
    bo.jackknife_max = o.jackknife_max;
    bo.max_failed_share = o.max_failed_share;
    bo.criteria = o.criteria != 0;
    if (o.mediation) {  // "A,M,B;C,D,E": chains by semicolons, ids by commas
        std::vector<std::string> chain;
        std::string id;
        for (const char* c = o.mediation;; ++c) {
            if (*c == ',' || *c == ';' || *c == '\0') {
                if (!id.empty()) chain.push_back(id);
                id.clear();
                if (*c != ',' && !chain.empty()) bo.mediation.push_back(std::exchange(chain, {}));
                if (*c == '\0') break;
            } else if (*c != ' ') {
                id += *c;
            }
        }
    }
    if (o.progress) {
        // The core calls this on our thread only, so the C callback needs no locking.
        bo.progress = [fn = o.progress, ud = o.user_data](std::size_t done, std::size_t total) {
            return fn(done, total, ud) == 0;
        };
    }
    return bo;
}

}  // namespace

extern "C" {

CSIKIT_API int csikit_bootstrap_options_init(csikit_bootstrap_options* options) {
    return init_options("csikit_bootstrap_options_init", options, [](csikit_bootstrap_options& o) {
        const csikit::bootstrap_options d;
        o.resamples = d.resamples;
        o.seed = d.seed;
        o.threads = d.threads;
        o.confidence = d.confidence;
        o.bca = d.bca ? 1 : 0;
        o.progress = nullptr;
        o.user_data = nullptr;
        o.drop_inadmissible = d.drop_inadmissible ? 1 : 0;
        o.indices = 1;  // as `csikit analyze --bootstrap`
        o.jackknife_max = d.jackknife_max;
        o.max_failed_share = d.max_failed_share;
        o.mediation = nullptr;
        o.criteria = d.criteria ? 1 : 0;
    });
}

CSIKIT_API int csikit_bootstrap(const csikit_fit* fit, const csikit_bootstrap_options* options, csikit_boot** out) {
    const char* where = "csikit_bootstrap";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit").value;
        require(out, where, "out");
        const auto o = options_or_defaults(options, csikit_bootstrap_options_init, where);
        auto bo = to_core(o);
        if (o.indices) bo.index_survey = h.schema.get();  // the fit keeps the survey alive
        auto b = std::make_unique<csikit_boot>();
        b->value = csikit::bootstrap_fit(h, bo);
        give(std::move(b), out);
    });
}

CSIKIT_API void csikit_boot_free(csikit_boot* boot) { release(boot); }

CSIKIT_API int csikit_boot_counts(const csikit_boot* boot, size_t* parameters, size_t* resamples, size_t* succeeded,
                                  size_t* failed) {
    const char* where = "csikit_boot_counts";
    return guard(where, [&] {
        const auto& r = handle(boot, where, "boot").value.result;
        if (parameters) *parameters = r.parameters.size() + r.indices.size();
        if (resamples) *resamples = r.resamples;
        if (succeeded) *succeeded = r.succeeded;
        if (failed) *failed = r.failed;
    });
}

CSIKIT_API int csikit_boot_parameter_at(const csikit_boot* boot, size_t index, csikit_boot_parameter* out) {
    const char* where = "csikit_boot_parameter_at";
    return guard(where, [&] {
        const auto& r = handle(boot, where, "boot").value.result;
        require(out, where, "out");
        const std::size_t n = r.parameters.size() + r.indices.size();
        if (index >= n)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": index " + std::to_string(index) +
                                                   " is out of range (expected < " + std::to_string(n) + ")"};
        const auto& q = index < r.parameters.size() ? r.parameters[index] : r.indices[index - r.parameters.size()];
        write_struct(to_c(q), out, where);
    });
}

CSIKIT_API int csikit_boot_find(const csikit_boot* boot, int kind, const char* a, const char* b,
                                csikit_boot_parameter* out) {
    const char* where = "csikit_boot_find";
    return guard(where, [&] {
        const auto& r = handle(boot, where, "boot").value.result;
        require(a, where, "a");
        require(out, where, "out");
        const auto k = from_c(parameter_table, kind, where, "kind");
        if ((k == csikit::parameter_kind::path || k == csikit::parameter_kind::total_effect || k == csikit::parameter_kind::htmt ||
             k == csikit::parameter_kind::f2 || k == csikit::parameter_kind::total_indirect) && !b)
            throw abi_error{CSIKIT_E_NULL_ARGUMENT, std::string(where) + ": b is NULL (expected the outcome construct id)"};
        write_struct(to_c(r.get(k, a, b ? std::string_view(b) : std::string_view())), out, where);
    });
}

}  // extern "C"
