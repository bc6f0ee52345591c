// to_json() of a survey IPA (issue 14 item 1; shape in report.hpp and docs/report.md): the one
// document behind `csikit ipa --json`, the "survey_ipa" part of report.json, the C getter and
// the Python DataFrames.
#include "json_write.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

json crosshair(const ipa_result& m) {
    return json{{"rule", to_string(m.options.rule)}, {"importance", num(m.importance_cut)}, {"performance", num(m.performance_cut)}};
}

json factors(const ipa_result& m, const std::vector<ipa_factor_source>& sources, bool same_metric) {
    json out = json::array();
    for (std::size_t k = 0; k < m.points.size(); ++k) {
        const ipa_point& p = m.points[k];
        json e{{"id", p.id},
               {"kind", k < sources.size() ? sources[k].kind : "item"},
               {"label", p.label.get()},
               {"importance_item", k < sources.size() && !sources[k].importance_item.empty() ? json(sources[k].importance_item) : json(nullptr)},
               {"importance", num(p.importance)},
               {"performance", num(p.performance)},
               {"quadrant", to_string(p.where)},
               {"quadrant_en", quadrant_label(p.where, "en")},
               {"quadrant_zh", quadrant_label(p.where, "zh")},
               {"priority", num(p.priority)},
               {"rank", p.rank}};
        // The gap I - P only where both axes share the 0-100 metric (stated importance).
        e["gap"] = same_metric ? num(p.gap) : json(nullptr);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

namespace json_write {

json survey_ipa_doc(const survey_ipa_result& r) {
    const bool stated = r.importance == importance_source::stated;
    json doc;
    doc["importance"] = to_string(r.importance);
    doc["outcome"] = r.outcome.empty() ? json(nullptr) : json(r.outcome);
    doc["r2"] = stated ? json(nullptr) : num(r.r2);
    doc["respondents"] = r.respondents;
    doc["used"] = r.used;
    doc["crosshair"] = crosshair(r.map);
    doc["diagonal"] = r.map.options.diagonal;
    doc["factors"] = factors(r.map, r.factors, stated);
    doc["priority_order"] = r.map.by_priority();
    doc["priority_rule"] = "concentrate_here first, then z(importance) - z(performance)";
    doc["by"] = r.by.empty() ? json(nullptr) : json(r.by);
    json groups = json::array();
    for (const auto& g : r.groups) {
        json e{{"value", g.value}, {"respondents", g.respondents}};
        if (g.map) {
            e["crosshair"] = crosshair(*g.map);
            e["factors"] = factors(*g.map, r.factors, stated);
            e["priority_order"] = g.map->by_priority();
        } else {
            e["crosshair"] = nullptr;
            e["factors"] = json::array();
            e["priority_order"] = json::array();
        }
        e["note"] = g.note.empty() ? json(nullptr) : json(g.note);
        groups.push_back(std::move(e));
    }
    doc["groups"] = std::move(groups);
    doc["notes"] = r.notes;
    return doc;
}

}  // namespace json_write

std::string to_json(const survey_ipa_result& r, int indent) { return json_write::dump(json_write::survey_ipa_doc(r), indent); }

CSIKIT_NAMESPACE_END
