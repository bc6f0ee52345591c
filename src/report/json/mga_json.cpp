// to_json(mga_result): the multi-group document (docs/mga.md): groups with their full report.json
// fit, the compared parameters per group, every pairwise comparison with its tests, MICOM.
#include "json_write.hpp"

#include "csikit/mga.hpp"
#include "csikit/version.hpp"

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

json numbers(const std::vector<double>& v) {
    json out = json::array();
    for (double x : v) out.push_back(num(x));
    return out;
}

}  // namespace

std::string to_json(const mga_result& r, int indent) {
    check_json_indent(indent);
    const auto& o = r.options;
    json groups = json::array();
    for (const auto& g : r.groups)
        groups.push_back(json{{"value", g.value},
                              {"respondents", g.respondents},
                              {"used", g.used},
                              {"fit", json::parse(to_json(g.fit, nullptr, nullptr, -1))}});
    json params = json::array();
    for (const auto& p : r.parameters)
        params.push_back(json{{"kind", to_string(p.kind)},
                              {"label", p.label},
                              {"estimate", numbers(p.estimate)},
                              {"boot_se", numbers(p.boot_se)},
                              {"boot_bias", numbers(p.boot_bias)},
                              {"omnibus_statistic", num(p.omnibus_statistic)},
                              {"omnibus_p", num(p.omnibus_p)}});
    json comps = json::array();
    for (const auto& c : r.comparisons) {
        const auto& p = r.parameters[c.parameter];
        comps.push_back(json{{"kind", to_string(p.kind)},
                             {"label", p.label},
                             {"group1", r.groups[c.g1].value},
                             {"group2", r.groups[c.g2].value},
                             {"difference", num(c.difference)},
                             {"p_permutation", num(c.p_permutation)},
                             {"p_permutation_adjusted", num(c.p_permutation_adjusted)},
                             {"perm_low", num(c.perm_low)},
                             {"perm_high", num(c.perm_high)},
                             {"p_mga", num(c.p_mga)},
                             {"p_mga_two_sided", num(c.p_mga_two_sided)},
                             {"t_parametric", num(c.t_parametric)},
                             {"df_parametric", num(c.df_parametric)},
                             {"p_parametric", num(c.p_parametric)},
                             {"p_parametric_adjusted", num(c.p_parametric_adjusted)},
                             {"t_welch", num(c.t_welch)},
                             {"df_welch", num(c.df_welch)},
                             {"p_welch", num(c.p_welch)},
                             {"p_welch_adjusted", num(c.p_welch_adjusted)}});
    }
    json micom = nullptr;
    if (r.micom) {
        json pairs = json::array();
        for (const auto& mp : r.micom->pairs) {
            json cs = json::array();
            for (const auto& m : mp.constructs)
                cs.push_back(json{{"construct", m.construct},
                                  {"c", num(m.c)},
                                  {"c_p", num(m.c_p)},
                                  {"c_q05", num(m.c_q05)},
                                  {"compositional", m.compositional},
                                  {"mean_diff", num(m.mean_diff)},
                                  {"mean_p", num(m.mean_p)},
                                  {"mean_low", num(m.mean_low)},
                                  {"mean_high", num(m.mean_high)},
                                  {"equal_mean", m.equal_mean},
                                  {"logvar_diff", num(m.logvar_diff)},
                                  {"logvar_p", num(m.logvar_p)},
                                  {"logvar_low", num(m.logvar_low)},
                                  {"logvar_high", num(m.logvar_high)},
                                  {"equal_variance", m.equal_variance},
                                  {"invariance", m.invariance}});
            pairs.push_back(json{{"group1", r.groups[mp.g1].value},
                                 {"group2", r.groups[mp.g2].value},
                                 {"permutations_ok", mp.permutations_ok},
                                 {"constructs", std::move(cs)}});
        }
        micom = json{{"configural", r.micom->configural}, {"configural_ok", r.micom->configural_ok}, {"pairs", std::move(pairs)}};
    }
    const json doc{{"csikit_version", version()},
                   {"analysis", "mga"},
                   {"column", r.column},
                   {"settings",
                    json{{"permutations", r.permutations},
                         {"permutations_ok", r.permutations_ok},
                         {"bootstrap", r.bootstrap},
                         {"bootstrap_ok", r.bootstrap_ok},
                         {"seed", o.seed},
                         {"threads", r.threads},
                         {"alpha", num(o.alpha)},
                         {"adjust", to_string(o.adjust)},
                         {"imputation", to_string(o.imputation)},
                         {"missing", missing_name(o.pls.missing)},
                         {"scheme", scheme_name(o.pls.scheme)},
                         {"consistent", o.pls.consistent}}},
                   {"sample",
                    json{{"respondents", r.respondents},
                         {"left_out_no_group", r.left_out_no_group},
                         {"left_out_missing", r.left_out_missing},
                         {"missing_note", r.missing_note}}},
                   {"groups", std::move(groups)},
                   {"parameters", std::move(params)},
                   {"comparisons", std::move(comps)},
                   {"micom", std::move(micom)}};
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
