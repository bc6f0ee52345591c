// C ABI: 0-100 construct indices, IPA on plain numbers and the IPMA of a fit.
#include "handles.hpp"

#include "csikit/index.hpp"
#include "csikit/ipa.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

using namespace csikit_capi;

namespace {

using json = nlohmann::ordered_json;

json num(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

csikit_ipa_options read_ipa(const csikit_ipa_options* given, const char* where) {
    csikit_ipa_options o;
    csikit_ipa_options_init(&o);
    read_options(given, o, where);
    if (o.crosshair < CSIKIT_CROSSHAIR_MIDPOINT || o.crosshair > CSIKIT_CROSSHAIR_CUSTOM)
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown crosshair " + std::to_string(o.crosshair) +
                                               " (expected a csikit_crosshair value)"};
    return o;
}

csikit::index_options index_opts(const csikit_ipa_options& o) {
    csikit::index_options io;
    io.level = o.level;
    return io;
}

csikit::ipa_options ipa_opts(const csikit_ipa_options& o) {
    csikit::ipa_options io;
    io.rule = static_cast<csikit::crosshair_rule>(o.crosshair);
    io.custom_importance = o.custom_importance;
    io.custom_performance = o.custom_performance;
    return io;
}

csikit::index_result indices(const csikit_fit& h, const csikit_ipa_options& o) {
    return o.use_respondents ? csikit::compute_indices(*h.fit, *h.survey, *h.data, index_opts(o))
                             : csikit::compute_indices(*h.fit, *h.survey, index_opts(o));
}

/// One IPMA level (constructs or indicators) placed in quadrants, as JSON.
json placed(const std::vector<csikit::ipma_entry>& entries, const std::vector<csikit::ipa_factor>& factors,
            const csikit_ipa_options& o) {
    json out{{"importance_cut", nullptr}, {"performance_cut", nullptr}, {"points", json::array()}};
    if (entries.empty()) return out;  // a target without predecessors: nothing to place
    const csikit::ipa_result r = csikit::ipa(factors, ipa_opts(o));
    out["importance_cut"] = num(r.importance_cut);
    out["performance_cut"] = num(r.performance_cut);
    for (std::size_t i = 0; i < entries.size(); ++i)
        out["points"].push_back(json{{"id", entries[i].id},
                                     {"construct", entries[i].construct},
                                     {"importance", num(entries[i].importance)},
                                     {"performance", num(entries[i].performance)},
                                     {"quadrant", csikit::to_string(r.points[i].where)}});
    return out;
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
    });
}

CSIKIT_API int csikit_fit_indices(const csikit_fit* fit, const csikit_ipa_options* options, double* out,
                                  size_t capacity, size_t* size) {
    const char* where = "csikit_fit_indices";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit");
        const auto r = indices(h, read_ipa(options, where));
        std::vector<double> v;
        for (const auto& c : r.constructs) v.push_back(c.index);
        copy_out(v.data(), v.size(), out, capacity, size, where);
    });
}

CSIKIT_API int csikit_fit_indices_json(const csikit_fit* fit, const csikit_ipa_options* options, char** out) {
    const char* where = "csikit_fit_indices_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit");
        require(out, where, "out");
        const auto r = indices(h, read_ipa(options, where));
        json doc{{"constructs", json::array()}};
        for (const auto& c : r.constructs) {
            json w = json::array();
            for (Eigen::Index i = 0; i < c.weights.size(); ++i) w.push_back(num(c.weights[i]));
            json e{{"id", c.construct}, {"index", num(c.index)}, {"score_sd", num(c.score_sd)},
                   {"items", c.items},  {"weights", std::move(w)}};
            const bool resp = c.has_respondents;
            e["mean"] = resp ? num(c.overall.mean) : json(nullptr);
            e["se"] = resp ? num(c.overall.se) : json(nullptr);
            e["ci_low"] = resp ? num(c.overall.ci_low) : json(nullptr);
            e["ci_high"] = resp ? num(c.overall.ci_high) : json(nullptr);
            e["n"] = resp ? json(c.overall.n) : json(nullptr);
            e["effective_n"] = resp ? num(c.overall.effective_n) : json(nullptr);
            doc["constructs"].push_back(std::move(e));
        }
        json values = json::array();
        for (Eigen::Index t = 0; t < r.impacts.rows(); ++t) {
            json row = json::array();
            for (Eigen::Index f = 0; f < r.impacts.cols(); ++f) row.push_back(num(r.impacts(t, f)));
            values.push_back(std::move(row));
        }
        doc["impacts"] = json{{"constructs", h.fit->constructs}, {"values", std::move(values)}};
        *out = dup_string(doc.dump(2));
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
        const auto r = csikit::ipa(factors, ipa_opts(o));
        for (size_t i = 0; i < n; ++i) quadrants[i] = static_cast<int>(r.points[i].where);
        if (importance_cut) *importance_cut = r.importance_cut;
        if (performance_cut) *performance_cut = r.performance_cut;
    });
}

CSIKIT_API int csikit_fit_ipma_json(const csikit_fit* fit, const char* target, const csikit_ipa_options* options,
                                    char** out) {
    const char* where = "csikit_fit_ipma_json";
    return guard(where, [&] {
        const auto& h = handle(fit, where, "fit");
        require(target, where, "target");
        require(out, where, "out");
        const auto o = read_ipa(options, where);
        const auto r = o.use_respondents ? csikit::ipma(*h.fit, *h.survey, *h.data, target, index_opts(o))
                                         : csikit::ipma(*h.fit, *h.survey, target, index_opts(o));
        json doc{{"target", r.target},
                 {"constructs", placed(r.constructs, r.construct_factors(), o)},
                 {"indicators", placed(r.indicators, r.indicator_factors(), o)}};
        *out = dup_string(doc.dump(2));
    });
}

}  // extern "C"
