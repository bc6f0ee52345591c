// Multi-response category items and the verbatim column of a schema (docs/feedback.md).
#include "multi_response.hpp"

#include <set>

CSIKIT_NAMESPACE_BEGIN
namespace schema_detail {

namespace {

using json = nlohmann::json;

struct recorder {
    std::vector<problem>& problems;
    void fail(const std::string& where, std::string message) { problems.push_back({{{}, 0, where}, std::move(message)}); }

    bool keys(const json& obj, const std::string& path, std::initializer_list<const char*> allowed) {
        if (!obj.is_object()) {
            fail(path, "expected an object");
            return false;
        }
        for (const auto& entry : obj.items()) {
            const std::string& key = entry.key();
            bool known = false;
            for (const char* a : allowed) known = known || key == a;
            if (known) continue;
            std::string expected;
            for (const char* a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
            fail(path + "." + key, "unknown key \"" + key + "\" (expected one of " + expected + ")");
        }
        return true;
    }
    void string(const json& obj, const char* key, const std::string& path, std::string& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (it->is_string()) out = it->get<std::string>();
        else fail(path + "." + key, "expected a string");
    }
    void text(const json& obj, const char* key, const std::string& path, localized_text& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (it->is_string()) {
            out.by_language[""] = it->get<std::string>();
            return;
        }
        if (!it->is_object()) {
            fail(path + "." + key, "expected a string or an object {\"language\": \"text\"}");
            return;
        }
        for (const auto& [lang, t] : it->items()) {
            if (t.is_string()) out.by_language[lang] = t.get<std::string>();
            else fail(path + "." + key + "." + lang, "expected a string");
        }
    }
};

}  // namespace

void read_multi_response(const json& root, survey& s, std::vector<problem>& problems) {
    recorder r{problems};
    if (root.contains("verbatim_column")) r.string(root, "verbatim_column", "", s.verbatim_column);
    auto it = root.find("multi_response");
    if (it == root.end()) return;
    if (!it->is_array()) {
        r.fail("multi_response", "expected an array of multi-response items");
        return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& v = (*it)[i];
        const std::string path = "multi_response[" + std::to_string(i) + "]";
        multi_response_item m;
        if (!r.keys(v, path, {"id", "label", "categories"})) continue;
        if (!v.contains("id")) r.fail(path + ".id", "missing required key");
        if (!v.contains("categories")) r.fail(path + ".categories", "missing required key");
        r.string(v, "id", path, m.id);
        r.text(v, "label", path, m.label);
        if (auto c = v.find("categories"); c != v.end()) {
            if (!c->is_array()) r.fail(path + ".categories", "expected an array of categories");
            else
                for (std::size_t k = 0; k < c->size(); ++k) {
                    const std::string cp = path + ".categories[" + std::to_string(k) + "]";
                    multi_response_category cat;
                    if (!r.keys((*c)[k], cp, {"id", "column", "label"})) continue;
                    if (!(*c)[k].contains("id")) r.fail(cp + ".id", "missing required key");
                    r.string((*c)[k], "id", cp, cat.id);
                    r.string((*c)[k], "column", cp, cat.column);
                    r.text((*c)[k], "label", cp, cat.label);
                    m.categories.push_back(std::move(cat));
                }
        }
        s.multi_response.push_back(std::move(m));
    }
}

void validate_multi_response(const survey& s, std::vector<problem>& problems) {
    recorder r{problems};
    // Columns other parts of the schema read: a category column may not be one of them.
    std::set<std::string> taken;
    for (const auto& it : s.items) taken.insert(it.column_name());
    if (!s.weight_column.empty()) taken.insert(s.weight_column);
    for (const auto& g : s.segment_columns) taken.insert(g);
    if (!s.wave_column.empty()) taken.insert(s.wave_column);
    std::set<std::string> ids, columns;
    for (std::size_t i = 0; i < s.multi_response.size(); ++i) {
        const auto& m = s.multi_response[i];
        const std::string path = "multi_response[" + std::to_string(i) + "]";
        if (m.id.empty()) r.fail(path + ".id", "must not be empty (expected the multi-response item's id)");
        else if (!ids.insert(m.id).second) r.fail(path + ".id", "\"" + m.id + "\" is used twice (expected unique ids)");
        if (m.categories.empty())
            r.fail(path + ".categories", "is empty (expected at least one category with its 0/1 column)");
        std::set<std::string> cat_ids;
        for (std::size_t k = 0; k < m.categories.size(); ++k) {
            const auto& c = m.categories[k];
            const std::string cp = path + ".categories[" + std::to_string(k) + "]";
            if (c.id.empty()) {
                r.fail(cp + ".id", "must not be empty (expected the category's id)");
                continue;
            }
            if (!cat_ids.insert(c.id).second) r.fail(cp + ".id", "\"" + c.id + "\" is used twice in this item (expected unique ids)");
            const std::string& col = c.column_name();
            if (taken.count(col)) r.fail(cp + ".column", "\"" + col + "\" is already read as an item, weight, segment or wave column (expected a 0/1 column of its own)");
            else if (!columns.insert(col).second) r.fail(cp + ".column", "\"" + col + "\" is used by two categories (expected one column per category)");
        }
    }
    if (!s.verbatim_column.empty() && (taken.count(s.verbatim_column) || columns.count(s.verbatim_column)))
        r.fail("verbatim_column", "\"" + s.verbatim_column + "\" is already read as another column (expected a free-text column of its own)");
}

void write_multi_response(const survey& s, nlohmann::ordered_json& root) {
    auto text = [](const localized_text& t) -> nlohmann::ordered_json {
        if (t.by_language.size() == 1 && t.by_language.count("")) return t.by_language.at("");
        nlohmann::ordered_json o = nlohmann::ordered_json::object();
        for (const auto& [lang, v] : t.by_language) o[lang] = v;
        return o;
    };
    if (!s.multi_response.empty()) {
        auto& arr = root["multi_response"] = nlohmann::ordered_json::array();
        for (const auto& m : s.multi_response) {
            nlohmann::ordered_json j;
            j["id"] = m.id;
            if (!m.label.empty()) j["label"] = text(m.label);
            j["categories"] = nlohmann::ordered_json::array();
            for (const auto& c : m.categories) {
                nlohmann::ordered_json e;
                e["id"] = c.id;
                if (!c.column.empty()) e["column"] = c.column;
                if (!c.label.empty()) e["label"] = text(c.label);
                j["categories"].push_back(std::move(e));
            }
            arr.push_back(std::move(j));
        }
    }
    if (!s.verbatim_column.empty()) root["verbatim_column"] = s.verbatim_column;
}

}  // namespace schema_detail

std::vector<std::pair<std::string, std::string>> record_columns(const survey& s) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& m : s.multi_response)
        for (const auto& c : m.categories)
            if (!c.id.empty())
                out.emplace_back(c.column_name(), "category \"" + c.id + "\" of multi-response item \"" + m.id + "\"");
    if (!s.verbatim_column.empty()) out.emplace_back(s.verbatim_column, "verbatim column \"" + s.verbatim_column + "\"");
    return out;
}

CSIKIT_NAMESPACE_END
