// to_json(feedback_report): the feedback document (docs/feedback.md). NaN becomes null.
#include "json_write.hpp"

CSIKIT_NAMESPACE_BEGIN

namespace {

using json_write::json;
using json_write::num;

json to_j(const frequency_table& t) {
    json cats = json::array();
    for (const auto& c : t.categories)
        cats.push_back({{"id", c.id}, {"label", c.label}, {"count", c.count}, {"weighted", num(c.weighted)},
                        {"share_of_respondents", num(c.share_of_respondents)},
                        {"share_of_mentions", num(c.share_of_mentions)}});
    return {{"column", t.column}, {"group", t.group}, {"respondents", t.respondents}, {"weight", num(t.weight)},
            {"n_eff", num(t.n_eff)}, {"mentions", t.mentions}, {"weighted_mentions", num(t.weighted_mentions)},
            {"named_any", num(t.named_any)}, {"categories", std::move(cats)}};
}

json tables(const std::vector<frequency_table>& ts) {
    json out = json::array();
    for (const auto& t : ts) out.push_back(to_j(t));
    return out;
}

}  // namespace

std::string to_json(const feedback_report& r, int indent) {
    const auto& o = r.options;
    json j;
    j["analysis"] = "feedback";
    j["options"] = {{"by", o.by}, {"wave", o.wave}, {"on", o.on}, {"top", o.top}, {"verbatims", o.verbatims},
                    {"max_verbatims", o.max_verbatims}, {"threshold", num(o.scoring.threshold)},
                    {"rescale", to_string(o.scoring.rescale)}, {"aggregate", to_string(o.scoring.aggregate)}};
    j["wave_column"] = r.wave_column;
    j["on"] = r.on;
    j["satisfied_rule"] = r.satisfied_rule;
    j["dissatisfied"] = {{"respondents", r.dissatisfied}, {"share", num(r.dissatisfied_share)}};
    j["items"] = json::array();
    for (const auto& it : r.items) {
        json e = {{"id", it.id}, {"label", it.label}, {"overall", to_j(it.overall)},
                  {"by_segment", tables(it.by_segment)}, {"by_wave", tables(it.by_wave)}};
        if (!r.on.empty()) {
            e["dissatisfied"] = to_j(it.dissatisfied);
            e["satisfied"] = to_j(it.satisfied);
        }
        j["items"].push_back(std::move(e));
    }
    j["verbatim_column"] = r.verbatim_column;
    j["verbatims_available"] = r.verbatims_available;
    j["verbatims"] = json::array();
    for (const auto& v : r.verbatims) j["verbatims"].push_back({{"line", v.line}, {"score", num(v.score)}, {"text", v.text}});
    j["notes"] = r.notes;
    return json_write::dump(j, indent);
}

CSIKIT_NAMESPACE_END
