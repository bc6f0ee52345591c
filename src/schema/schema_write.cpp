// to_json_text: survey -> schema JSON text in the documented key order, leaving out values that
// equal their defaults, so the output reads like a hand-written schema and parses back the same.
#include "multi_response.hpp"
#include "csikit/schema.hpp"

#include "bound_preset.hpp"

#include "csikit/error.hpp"
#include "csikit/model_syntax.hpp"
#include "csikit/presets.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>

CSIKIT_NAMESPACE_BEGIN

namespace {

using ojson = nlohmann::ordered_json;

/// Whole numbers are written as integers ("5", not "5.0").
ojson number(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9e15) return static_cast<std::int64_t>(x);
    return x;
}

/// A label with only a neutral text is a plain string; otherwise an object by language.
ojson text(const localized_text& t) {
    if (t.by_language.size() == 1 && t.by_language.count("")) return t.by_language.at("");
    ojson out = ojson::object();
    for (const auto& [lang, s] : t.by_language) out[lang] = s;
    return out;
}


/// "satisfied": {"min_score": x} | {"min_value": x} | {"top_box": true}
ojson write_satisfied(const satisfied_rule& r) {
    ojson j;
    if (r.how == satisfied_rule::kind::top_box) j["top_box"] = true;
    else j[r.how == satisfied_rule::kind::min_value ? "min_value" : "min_score"] = number(r.value);
    return j;
}

ojson write_scale(const scale& sc) {
    ojson j;
    j["id"] = sc.id;
    j["min"] = number(sc.min);
    j["max"] = number(sc.max);
    if (!sc.values.empty()) {
        ojson values = ojson::array();
        for (const auto& v : sc.values) {
            ojson e;
            e["value"] = number(v.value);
            if (!v.label.empty()) e["label"] = text(v.label);
            if (v.score) e["score"] = number(*v.score);
            values.push_back(std::move(e));
        }
        j["values"] = std::move(values);
    }
    if (!sc.missing.empty()) {
        ojson missing = ojson::array();
        for (const auto& m : sc.missing) {
            ojson e;
            e["code"] = number(m.code);
            e["kind"] = to_string(m.kind);
            if (!m.label.empty()) e["label"] = text(m.label);
            missing.push_back(std::move(e));
        }
        j["missing"] = std::move(missing);
    }
    if (!sc.top_box.empty()) {
        ojson box = ojson::array();
        for (double v : sc.top_box) box.push_back(number(v));
        j["top_box"] = std::move(box);
    }
    if (sc.satisfied) j["satisfied"] = write_satisfied(*sc.satisfied);
    return j;
}

/// The id and, when there is one, the display text that items and constructs start with.
ojson headed(const std::string& id, const char* text_key, const localized_text& shown) {
    ojson j;
    j["id"] = id;
    if (!shown.empty()) j[text_key] = text(shown);
    return j;
}

ojson write_item(const item& it) {
    ojson j = headed(it.id, "text", it.text);
    j["scale"] = it.scale;
    if (it.reverse) j["reverse"] = true;
    if (!it.column.empty()) j["column"] = it.column;
    if (!it.importance_item.empty()) j["importance_item"] = it.importance_item;
    if (it.satisfied) j["satisfied"] = write_satisfied(*it.satisfied);
    return j;
}

ojson write_node(const node& n) {
    ojson j;
    if (n.is_leaf()) {
        j["item"] = n.item;
        if (n.id != n.item) j["id"] = n.id;  // the default id of a leaf is its item
    } else {
        j["id"] = n.id;
    }
    if (!n.label.empty()) j["label"] = text(n.label);
    if (n.weight != 1.0) j["weight"] = number(n.weight);
    if (!n.importance_item.empty()) j["importance_item"] = n.importance_item;
    if (!n.ahp.empty()) {
        ojson m = ojson::array();
        for (const auto& row : n.ahp) {
            ojson r = ojson::array();
            for (double x : row) r.push_back(number(x));
            m.push_back(std::move(r));
        }
        j["ahp"] = std::move(m);
    }
    if (!n.is_leaf()) {
        ojson children = ojson::array();
        for (const auto& c : n.children) children.push_back(write_node(c));
        j["children"] = std::move(children);
    }
    return j;
}

ojson write_construct(const construct& c) {
    ojson j = headed(c.id, "label", c.label);
    j["items"] = c.items;
    j["mode"] = c.mode == outer_mode::B ? "B" : "A";
    if (!c.anchor.empty()) j["anchor"] = c.anchor;
    return j;
}

/// The constructs and paths that the model block expands to (written as the block only), or
/// empty sets when there is no block or its preset is unknown.
struct expanded {
    std::set<std::string> constructs;
    std::set<std::pair<std::string, std::string>> paths;
};

expanded expansion_of(const survey& s) {
    expanded out;
    const auto bound = schema_detail::bound_preset(s);
    if (!bound) return out;
    const preset_model& pm = *bound;
    for (const auto& c : pm.constructs) {
        if (s.model->drop_complaints && c.role == "complaints") continue;
        auto it = s.model->constructs.find(c.id);
        if (it != s.model->constructs.end() && !it->second.empty()) out.constructs.insert(c.id);
    }
    for (const auto& e : pm.paths)
        if (out.constructs.count(e.from) && out.constructs.count(e.to)) out.paths.insert({e.from, e.to});
    return out;
}

ojson write_model(const model_binding& m) {
    ojson j;
    j["preset"] = m.preset;
    ojson constructs = ojson::object();
    for (const auto& [id, items] : m.constructs) constructs[id] = items;
    j["constructs"] = std::move(constructs);
    if (m.drop_complaints) j["drop_complaints"] = true;
    if (!m.higher_order.empty()) j["higher_order"] = m.higher_order;
    if (!m.higher_order_approach.empty()) j["higher_order_approach"] = m.higher_order_approach;
    return j;
}

}  // namespace

std::string to_json_text(const survey& s, int indent) {
    // The indent rule of every serializer (check_json_indent in report.hpp, a higher stage):
    // nlohmann/json reads past its indent buffer beyond 1024 spaces of depth.
    if (indent < -1 || indent > 64)
        throw argument_error({{}, 0, "indent"}, std::to_string(indent) + " is out of range (expected -1 for one line or 0..64 spaces)");
    ojson j;
    j["name"] = s.name;
    if (!s.languages.empty()) j["languages"] = s.languages;
    j["scales"] = ojson::array();
    for (const auto& sc : s.scales) j["scales"].push_back(write_scale(sc));
    j["items"] = ojson::array();
    for (const auto& it : s.items) j["items"].push_back(write_item(it));
    if (s.hierarchy) j["hierarchy"] = write_node(*s.hierarchy);
    // A preset binding is written as the "model" block; the constructs and paths it expands to
    // are left out (parse_survey makes them again), the explicit ones that extend it stay.
    // A model with higher-order constructs or interaction terms (and no preset) is written as
    // its syntax (csikit/model_syntax.hpp): construct labels and anchors are not kept.
    const bool as_syntax =
        (!s.higher_order.empty() || !s.interactions.empty() || !s.categorical.empty()) && !schema_detail::bound_preset(s);
    if (as_syntax) {
        j["model"] = to_model_syntax(model_syntax{s.constructs, s.paths, s.higher_order, s.interactions, s.categorical});
        if (!s.weight_column.empty()) j["weight_column"] = s.weight_column;
        if (!s.segment_columns.empty()) j["segment_columns"] = s.segment_columns;
        if (!s.wave_column.empty()) j["wave_column"] = s.wave_column;
        if (!s.nps_item.empty()) j["nps_item"] = s.nps_item;
        if (!s.overall_item.empty()) j["overall_item"] = s.overall_item;
        schema_detail::write_multi_response(s, j);
        return j.dump(indent) + "\n";
    }
    if (s.model) j["model"] = write_model(*s.model);
    const expanded from_model = expansion_of(s);
    std::set<std::string> skipped;
    ojson constructs = ojson::array();
    for (const auto& c : s.constructs)
        if (!from_model.constructs.count(c.id) || !skipped.insert(c.id).second) constructs.push_back(write_construct(c));
    if (!constructs.empty()) j["constructs"] = std::move(constructs);
    ojson paths = ojson::array();
    for (const auto& p : s.paths)
        if (!from_model.paths.count({p.from, p.to})) paths.push_back({{"from", p.from}, {"to", p.to}});
    if (!paths.empty()) j["paths"] = std::move(paths);
    if (!s.weight_column.empty()) j["weight_column"] = s.weight_column;
    if (!s.segment_columns.empty()) j["segment_columns"] = s.segment_columns;
    if (!s.wave_column.empty()) j["wave_column"] = s.wave_column;
    if (!s.nps_item.empty()) j["nps_item"] = s.nps_item;
    if (!s.overall_item.empty()) j["overall_item"] = s.overall_item;
    schema_detail::write_multi_response(s, j);
    // Non-ASCII labels (中文) are written as UTF-8, not as \u escapes, so the file stays readable.
    return j.dump(indent) + "\n";
}

CSIKIT_NAMESPACE_END
