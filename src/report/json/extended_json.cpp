// to_json(extended_fit): the higher-order and interaction figures of an extended model
// (docs/report.md, "model_extension"); the final stage itself is the ordinary report.json.
#include "json_write.hpp"

#include "csikit/model_syntax.hpp"

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

std::string to_json(const extended_fit& e, int indent) {
    check_json_indent(indent);
    json doc;
    json hocs = json::array();
    for (const auto& h : e.higher_order) {
        json c = json::array();
        for (std::size_t k = 0; k < h.components.size(); ++k)
            c.push_back({{"id", h.components[k]}, {"weight", num(h.weights[k])}, {"loading", num(h.loadings[k])}});
        hocs.push_back({{"id", h.id}, {"approach", to_string(h.approach)}, {"mode", h.mode == outer_mode::B ? "B" : "A"},
                        {"components", std::move(c)}});
    }
    doc["higher_order"] = std::move(hocs);
    json xs = json::array();
    for (const auto& x : e.interactions) {
        json slopes = json::array();
        slopes.push_back({{"moderator_sd", -1}, {"slope", num(x.slope_low)}});
        slopes.push_back({{"moderator_sd", 0}, {"slope", num(x.slope_mean)}});
        slopes.push_back({{"moderator_sd", 1}, {"slope", num(x.slope_high)}});
        xs.push_back({{"id", x.id}, {"predictor", x.predictor}, {"moderator", x.moderator}, {"dependent", x.dependent},
                      {"approach", to_string(x.approach)}, {"path", num(x.path)}, {"score_sd", num(x.score_sd)},
                      {"path_rescaled", num(x.path_rescaled)}, {"predictor_path", num(x.predictor_path)},
                      {"moderator_path", num(x.moderator_path)}, {"simple_slopes", std::move(slopes)}});
    }
    doc["interactions"] = std::move(xs);
    json cats = json::array();
    for (const auto& c : e.expanded.categorical) {
        json levels = json::array();
        for (std::size_t k = 0; k < c.categories.size(); ++k)
            levels.push_back({{"category", c.categories[k]}, {"dummy", c.dummies[k].empty() ? json(nullptr) : json(c.dummies[k])},
                              {"respondents", num(c.respondents[k])}});
        cats.push_back({{"id", c.id}, {"column", c.column}, {"reference", c.reference}, {"missing", c.missing},
                        {"categories", std::move(levels)}});
    }
    doc["categorical"] = std::move(cats);
    json slopes = json::array();
    for (const auto& c : e.categorical) {
        json rows = json::array();
        for (std::size_t k = 0; k < c.categories.size(); ++k)
            rows.push_back({{"category", c.categories[k]}, {"term", c.terms[k].empty() ? json(nullptr) : json(c.terms[k])},
                            {"respondents", num(c.respondents[k])}, {"slope", num(c.slopes[k])},
                            {"difference", num(c.differences[k])}, {"level", num(c.levels[k])}});
        slopes.push_back({{"moderator", c.moderator}, {"predictor", c.predictor}, {"dependent", c.dependent},
                          {"reference", c.reference}, {"approach", to_string(c.approach)}, {"categories", std::move(rows)}});
    }
    doc["categorical_slopes"] = std::move(slopes);
    doc["derived_indicators"] = e.expanded.derived;
    doc["stage1"] = e.expanded.stage1 ? json::parse(to_json(*e.expanded.stage1, nullptr, nullptr, -1)) : json(nullptr);
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
