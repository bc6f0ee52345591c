// to_json() of a composition-adjusted comparison (issue 14 item 5; shape in report.hpp and
// docs/crosstab.md): the one document behind `csikit score --adjust-for`'s "standardized"
// member, csikit_standardize_json and csikit.standardize().
#include "json_write.hpp"

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

const char* reference_name(reference_mix m) {
    switch (m) {
        case reference_mix::pooled: return "pooled";
        case reference_mix::first: return "first";
        case reference_mix::given: return "given";
    }
    return "";
}

json mean_doc(const mean_estimate& m) {
    return json{{"mean", num(m.mean)}, {"se", num(m.se)}, {"df", num(m.df)}, {"ci_lower", num(m.ci.lower)},
                {"ci_upper", num(m.ci.upper)}, {"n", m.n}, {"n_eff", num(m.n_eff)}};
}

json test_doc(const test_result& t) {
    // se from the interval would round-trip badly; the t statistic gives it exactly: d / t
    const double se = t.statistic != 0 ? t.difference / t.statistic : std::numeric_limits<double>::quiet_NaN();
    return json{{"difference", num(t.difference)}, {"se", num(se)}, {"ci_lower", num(t.ci.lower)},
                {"ci_upper", num(t.ci.upper)}, {"statistic", num(t.statistic)}, {"df", num(t.df)},
                {"p_value", num(t.p_value)}};
}

}  // namespace

json json_write::standardized_doc(const standardized_comparison& r) {
    json strata = json::array();
    for (std::size_t k = 0; k < r.strata.size(); ++k) {
        json mix = json::array();
        for (const auto& g : r.mix) mix.push_back(num(g[k]));
        strata.push_back({{"value", r.strata[k]}, {"reference_share", num(r.reference[k])}, {"mix", mix}});
    }
    json figures = json::array();
    for (const auto& f : r.figures)
        figures.push_back({{"id", f.id}, {"group", f.group}, {"raw", mean_doc(f.raw)}, {"adjusted", mean_doc(f.adjusted)}});
    json changes = json::array();
    for (const auto& c : r.changes)
        changes.push_back({{"id", c.id}, {"from", c.from}, {"to", c.to}, {"raw", test_doc(c.raw)},
                           {"adjusted", test_doc(c.adjusted)}});
    return json{{"analysis", "standardize"},
                {"by", r.options.by},
                {"adjust_for", r.options.adjust_for},
                {"reference", reference_name(r.options.reference)},
                {"weighted", r.options.use_weights},
                {"level", num(r.options.scoring.level)},
                {"groups", r.groups},
                {"strata", strata},
                {"figures", figures},
                {"changes", changes},
                {"left_out", r.left_out},
                {"notes", r.notes}};
}

std::string to_json(const standardized_comparison& r, int indent) {
    return json_write::dump(json_write::standardized_doc(r), indent);
}

CSIKIT_NAMESPACE_END
