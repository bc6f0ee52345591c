// to_json(score_report): the report as JSON text. Keys keep a reading order (ordered_json);
// NaN and infinities are written as null by nlohmann/json.
#include "json_write.hpp"

CSIKIT_NAMESPACE_BEGIN

namespace {

using json_write::json;

json to_j(const interval& i) { return json::array({i.lower, i.upper}); }

json to_j(const mean_estimate& m) {
    return {{"mean", m.mean}, {"sd", m.sd}, {"se", m.se}, {"ci", to_j(m.ci)},
            {"n", m.n},       {"n_eff", m.n_eff}, {"df", m.df}};
}

json to_j(const proportion_estimate& p) {
    return {{"share", p.p}, {"ci", to_j(p.ci)}, {"count", p.count}, {"n", p.n}, {"n_eff", p.n_eff}};
}

json to_j(const test_result& t) {
    return {{"difference", t.difference}, {"ci", to_j(t.ci)}, {"statistic", t.statistic},
            {"df", t.df},                 {"p", t.p_value},   {"significant", t.significant}};
}

json to_j(const nps_estimate& e) {
    return {{"nps", e.nps},
            {"se", e.se},
            {"wald", to_j(e.wald)},
            {"adjusted", e.adjusted},
            {"adjusted_wald", to_j(e.adjusted_wald)},
            {"promoters", e.promoters},
            {"passives", e.passives},
            {"detractors", e.detractors},
            {"n_promoters", e.n_promoters},
            {"n_passives", e.n_passives},
            {"n_detractors", e.n_detractors},
            {"n", e.n},
            {"n_eff", e.n_eff}};
}

json to_j(const item_score& i) {
    json dist = json::array();
    for (const auto& v : i.distribution)
        dist.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}, {"share", v.share}});
    return {{"id", i.id},
            {"label", i.label},
            {"scale", i.scale},
            {"rescale", to_string(i.rescale_used)},
            {"missing", i.missing},
            {"mean", to_j(i.mean)},
            {"score", to_j(i.score)},
            {"top_box_values", i.top_box_values},
            {"top_box", to_j(i.top_box)},
            {"satisfied", to_j(i.satisfied)},
            {"satisfied_rule", i.satisfied_rule},
            {"distribution", std::move(dist)}};
}

json to_j(const node_score& n) {
    json j = {{"id", n.id},       {"label", n.label},   {"parent", n.parent},
              {"depth", n.depth}, {"weight", n.weight}, {"score", to_j(n.score)},
              {"satisfied", to_j(n.satisfied)}, {"renormalised", n.renormalised}};
    // Issue 14: a node's "satisfied" is always its 0-100 index against the threshold.
    j["satisfied_rule"] = "index >= threshold";
    if (!n.item.empty()) j["item"] = n.item;
    return j;
}

json to_j(const group_scores& g) {
    json j;
    if (!g.column.empty()) {
        j["column"] = g.column;
        j["value"] = g.value;
    }
    j["n"] = g.n;
    j["n_eff"] = g.n_eff;
    j["sum_weights"] = g.sum_weights;
    if (g.satisfaction_rate) j["satisfaction_rate"] = to_j(*g.satisfaction_rate);
    j["nps"] = g.nps ? to_j(*g.nps) : json(nullptr);
    j["nodes"] = json::array();
    for (const auto& n : g.nodes) j["nodes"].push_back(to_j(n));
    j["items"] = json::array();
    for (const auto& i : g.items) j["items"].push_back(to_j(i));
    return j;
}

json to_j(const sample_summary& s) {
    return {{"respondents", s.respondents},
            {"weighted", s.weighted},
            {"n_eff", s.n_eff},
            {"sum_weights", s.sum_weights},
            {"by_wave", s.by_wave},
            {"without_wave", s.without_wave},
            {"missing", s.missing},
            {"missing_by_item", s.missing_by_item},
            {"read", {{"empty", s.read.empty},
                      {"missing_codes", s.read.missing_codes},
                      {"out_of_scale", s.read.out_of_scale},
                      {"codes_by_kind", s.read.codes_by_kind}}}};
}

json to_j(const score_options& o) {
    json boxes = json::object();
    for (const auto& [scale, values] : o.top_box) boxes[scale] = values;
    return {{"rescale", to_string(o.rescale)},
            {"aggregate", to_string(o.aggregate)},
            {"threshold", o.threshold},
            {"ahp_method", to_string(o.ahp.method)},
            {"ahp_allow_inconsistent", o.ahp.allow_inconsistent},
            {"level", o.level},
            {"interval", to_string(o.interval)},
            {"nps", {{"promoter_min", o.nps.promoter_min}, {"detractor_max", o.nps.detractor_max}}},
            {"top_box", std::move(boxes)},
            {"by", o.by},
            {"by_wave", o.by_wave}};
}

}  // namespace

namespace {

json score_doc(const score_report& r) {
    json j;
    j["options"] = to_j(r.options);
    j["sample"] = to_j(r.sample);
    j["overall"] = to_j(r.overall);
    j["by_segment"] = json::array();
    for (const auto& g : r.by_segment) j["by_segment"].push_back(to_j(g));
    j["by_wave"] = json::array();
    for (const auto& g : r.by_wave) j["by_wave"].push_back(to_j(g));
    j["changes"] = json::array();
    for (const auto& c : r.changes)
        j["changes"].push_back({{"kind", to_string(c.kind)}, {"id", c.id}, {"label", c.label}, {"from", c.from},
                                {"to", c.to}, {"before", c.before}, {"after", c.after}, {"test", to_j(c.test)}});
    j["notes"] = r.notes;
    // Issue 14: the AHP weights of the hierarchy (docs/ahp.md).
    j["ahp"] = json::array();
    for (const auto& a : r.ahp)
        j["ahp"].push_back({{"node", a.node}, {"children", a.children}, {"method", to_string(a.result.method)},
                            {"weights", a.result.weights}, {"stated_weights", a.stated},
                            {"lambda_max", a.result.lambda_max}, {"ci", a.result.ci}, {"ri", a.result.ri},
                            {"cr", a.result.cr}, {"inconsistent", a.inconsistent}});
    return j;
}

}  // namespace

std::string to_json(const score_report& r, int indent) { return json_write::dump(score_doc(r), indent); }

std::string to_json(const score_report& r, const standardized_comparison& adjusted, int indent) {
    json j = score_doc(r);
    j["standardized"] = json_write::standardized_doc(adjusted);
    return json_write::dump(j, indent);
}

CSIKIT_NAMESPACE_END
