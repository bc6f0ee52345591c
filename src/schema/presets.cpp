// ACSI / ECSI / CCSI presets: JSON data embedded in the library, parsed and checked on use, and
// bound to a survey's items. share/presets/*.json is the source, embedded at build time.
#include "csikit/presets.hpp"

#include "csikit/error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace {

// acsi_json, ecsi_json, ccsi_json: share/presets/*.json as raw string literals, written by
// CMake at configure time (cmake/presets.cmake), so the files are the only copy.
#include "presets_data.inc"

using json = nlohmann::json;

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

/// Reads structure problems into a list so one throw reports all of them.
class preset_reader {
public:
    explicit preset_reader(std::string source) : source_(std::move(source)) {}

    void fail(const std::string& field, const std::string& message) {
        problems_.push_back(problem{location{source_, 0, field}, message});
    }

    std::string text(const json& j, const std::string& key, const std::string& where, bool required) {
        if (!j.contains(key)) {
            if (required) fail(where + "." + key, "is missing (expected a string)");
            return {};
        }
        if (!j[key].is_string()) {
            fail(where + "." + key, "is not a string");
            return {};
        }
        return j[key].get<std::string>();
    }

    localized_text label(const json& j, const std::string& key, const std::string& where) {
        localized_text out;
        if (!j.contains(key)) return out;
        const json& v = j[key];
        if (v.is_string()) {
            out.by_language[""] = v.get<std::string>();
        } else if (v.is_object()) {
            for (const auto& [lang, t] : v.items()) {
                if (t.is_string()) out.by_language[lang] = t.get<std::string>();
                else fail(where + "." + key + "." + lang, "is not a string");
            }
        } else {
            fail(where + "." + key, "is neither a string nor a {language: text} object");
        }
        return out;
    }

    std::vector<problem>& problems() { return problems_; }

private:
    std::string source_;
    std::vector<problem> problems_;
};

/// The first cycle of the paths as "A -> B -> A", or "".
std::string find_cycle(const std::vector<std::string>& ids, const std::vector<path>& paths) {
    std::map<std::string, std::vector<std::string>> next;
    for (const auto& p : paths) next[p.from].push_back(p.to);
    std::map<std::string, int> state;  // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    std::string cycle;
    std::function<bool(const std::string&)> visit = [&](const std::string& v) {
        state[v] = 1;
        stack.push_back(v);
        for (const auto& s : next[v]) {
            if (state[s] == 1) {
                for (auto it = std::find(stack.begin(), stack.end(), s); it != stack.end(); ++it) cycle += *it + " -> ";
                cycle += s;
                return true;
            }
            if (state[s] == 0 && visit(s)) return true;
        }
        stack.pop_back();
        state[v] = 2;
        return false;
    };
    for (const auto& id : ids)
        if (state[id] == 0 && visit(id)) return cycle;
    return "";
}

}  // namespace

const preset_construct* preset_model::find(std::string_view id) const noexcept {
    for (const auto& c : constructs)
        if (c.id == id) return &c;
    return nullptr;
}

std::vector<std::string> preset_names() { return {"acsi", "ccsi", "ecsi"}; }

std::string_view preset_json(std::string_view name) {
    const std::string n = lower(name);
    if (n == "acsi") return acsi_json;
    if (n == "ccsi") return ccsi_json;
    if (n == "ecsi") return ecsi_json;
    throw argument_error(location{"", 0, "preset"}, "unknown preset " + quote(std::string(name)) + " (expected acsi, ccsi or ecsi)");
}

preset_model parse_preset(std::string_view json_text, const std::string& source) {
    json doc;
    try {
        doc = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
        throw parse_error(location{source, 0, ""}, std::string("malformed JSON: ") + e.what());
    }
    preset_reader r(source);
    preset_model m;
    if (!doc.is_object()) throw schema_error(location{source, 0, ""}, "preset is not a JSON object");
    m.name = r.text(doc, "name", "", true);
    m.title = r.label(doc, "title", "");
    m.source = r.text(doc, "source", "", false);
    m.note = r.text(doc, "note", "", false);
    m.target = r.text(doc, "target", "", true);

    std::set<std::string> ids;
    std::vector<std::string> order;
    if (!doc.contains("constructs") || !doc["constructs"].is_array() || doc["constructs"].empty()) {
        r.fail("constructs", "is missing or empty (expected an array of constructs)");
    } else {
        for (std::size_t i = 0; i < doc["constructs"].size(); ++i) {
            const json& c = doc["constructs"][i];
            const std::string where = "constructs[" + std::to_string(i) + "]";
            if (!c.is_object()) { r.fail(where, "is not an object"); continue; }
            preset_construct pc;
            pc.id = r.text(c, "id", where, true);
            pc.label = r.label(c, "label", where);
            pc.role = r.text(c, "role", where, true);
            if (c.contains("optional")) {
                if (c["optional"].is_boolean()) pc.optional = c["optional"].get<bool>();
                else r.fail(where + ".optional", "is not true/false");
            }
            if (!pc.id.empty() && !ids.insert(pc.id).second) r.fail(where + ".id", "duplicate construct " + quote(pc.id));
            order.push_back(pc.id);
            m.constructs.push_back(std::move(pc));
        }
    }
    if (!doc.contains("paths") || !doc["paths"].is_array()) {
        r.fail("paths", "is missing (expected an array of {from, to})");
    } else {
        std::set<std::pair<std::string, std::string>> seen;
        for (std::size_t i = 0; i < doc["paths"].size(); ++i) {
            const json& p = doc["paths"][i];
            const std::string where = "paths[" + std::to_string(i) + "]";
            if (!p.is_object()) { r.fail(where, "is not an object"); continue; }
            path e{r.text(p, "from", where, true), r.text(p, "to", where, true)};
            if (!e.from.empty() && !ids.count(e.from)) r.fail(where + ".from", "unknown construct " + quote(e.from));
            if (!e.to.empty() && !ids.count(e.to)) r.fail(where + ".to", "unknown construct " + quote(e.to));
            if (e.from == e.to && !e.from.empty()) r.fail(where, "path from " + quote(e.from) + " to itself");
            if (!seen.insert({e.from, e.to}).second) r.fail(where, "duplicate path " + e.from + " -> " + e.to);
            m.paths.push_back(std::move(e));
        }
    }
    if (!m.target.empty()) {
        const preset_construct* t = m.find(m.target);
        if (!t) r.fail("target", "unknown construct " + quote(m.target));
        else if (t->role != "satisfaction") r.fail("target", quote(m.target) + " has role " + quote(t->role) + " (expected \"satisfaction\")");
    }
    if (r.problems().empty()) {
        if (const std::string cycle = find_cycle(order, m.paths); !cycle.empty())
            r.fail("paths", "cycle " + cycle + " (expected a recursive model)");
    }
    if (!r.problems().empty()) throw schema_error(std::move(r.problems()));
    return m;
}

preset_model preset(std::string_view name) {
    const std::string n = lower(name);
    return parse_preset(preset_json(n), "preset " + n);
}

pls_model bind_preset(const preset_model& model, const construct_items& items, const bind_options& options) {
    auto dropped = [&](const preset_construct& c) { return options.drop_complaints && c.role == "complaints"; };
    std::vector<problem> problems;
    const std::string where = "preset " + model.name;
    for (const auto& [id, list] : items) {
        const preset_construct* c = model.find(id);
        if (!c)
            problems.push_back({{where, 0, id}, "unknown construct (the " + model.name + " preset has no construct " + quote(id) + ")"});
        else if (dropped(*c) && !list.empty())
            problems.push_back({{where, 0, id}, "construct was dropped (drop_complaints) but has items"});
    }
    pls_model out;
    std::set<std::string> kept;
    for (const auto& c : model.constructs) {
        if (dropped(c)) continue;
        auto it = items.find(c.id);
        if (it == items.end() || it->second.empty()) {
            problems.push_back({{where, 0, c.id},
                                std::string("construct has no items (expected at least one item") +
                                    (c.role == "complaints" ? ", or drop_complaints)" : ")")});
            continue;
        }
        construct k;
        k.id = c.id;
        k.label = c.label;
        k.items = it->second;
        k.mode = options.mode;
        out.constructs.push_back(std::move(k));
        kept.insert(c.id);
    }
    if (!problems.empty()) throw schema_error(std::move(problems));
    for (const auto& p : model.paths)
        if (kept.count(p.from) && kept.count(p.to)) out.paths.push_back(p);
    return out;
}

pls_model bind_preset(std::string_view name, const construct_items& items, const bind_options& options) {
    return bind_preset(preset(name), items, options);
}

CSIKIT_NAMESPACE_END
