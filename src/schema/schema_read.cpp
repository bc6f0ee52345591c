// parse_survey: schema JSON text -> survey.
//
// Three layers, each reporting every problem it finds before giving up:
//   1. the text: empty, not UTF-8, not JSON (parse_error with line and column);
//   2. the structure: required keys, JSON types, unknown and duplicate keys (JSON paths);
//   3. the meaning: validate() (unknown ids, duplicates, ranges, cycles).
// Problems of layer 3 that merely echo a layer-2 problem at the same place are left out.
#include "csikit/schema.hpp"

#include "bound_preset.hpp"
#include "model_assign.hpp"
#include "multi_response.hpp"

#include "csikit/model_syntax.hpp"
#include "csikit/presets.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace {

using json = nlohmann::json;

// ---- text-level checks ------------------------------------------------------------------

struct text_position {
    std::size_t line = 1;
    std::size_t column = 1;  // in characters (UTF-8 code points), 1-based
};

text_position position_of(std::string_view text, std::size_t offset) {
    text_position pos;
    offset = std::min(offset, text.size());
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // continuation bytes do not start a character
            ++pos.column;
        }
    }
    return pos;
}

/// Byte offset of the first byte that is not valid UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
        else return i;
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return i;  // report the start of the broken character
            cp = (cp << 6) | (d & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

/// Deepest JSON nesting a schema may have (max_schema_depth). Real schemas nest a few levels
/// (the hierarchy rarely goes past 5); the limit keeps the recursive readers, validate() and the
/// writers far from the end of the stack on hostile input (10^5 levels of brackets).
constexpr std::size_t max_json_depth = max_schema_depth;

/// Offset of the first '[' or '{' (outside strings) that opens level max_json_depth + 1, or npos.
std::size_t too_deep(std::string_view s) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth) return i;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

/// The explanation part of nlohmann's message, without its "[json.exception...] ... column N: ".
std::string describe_json_error(const std::string& what) {
    auto at = what.find("parse error");
    if (at != std::string::npos) {
        auto colon = what.find(": ", at);
        if (colon != std::string::npos) return what.substr(colon + 2);
    }
    return what;
}

// ---- structural reading -----------------------------------------------------------------

std::string join_key(const std::string& base, const std::string& key) {
    return base.empty() ? key : base + "." + key;
}
std::string join_index(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

/// How a JSON value looks in a message: scalars as written, containers by kind.
std::string describe(const json& v) {
    switch (v.type()) {
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::null: return "null";
        default: break;
    }
    std::string s = v.dump();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
}

/// Levenshtein distance, for "did you mean" hints on mistyped keys.
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

/// Reads JSON values into survey fields, recording a problem for each mismatch.
class reader {
public:
    std::vector<problem> problems;

    void fail(const std::string& path, std::string message) {
        problems.push_back({{{}, 0, path}, std::move(message)});
    }

    /// True if `v` is an object; records "expected an object" otherwise.
    bool object(const json& v, const std::string& path) {
        if (v.is_object()) return true;
        fail(path, "expected an object, got " + describe(v));
        return false;
    }

    /// Records unknown keys (with a hint) and missing required ones.
    void keys(const json& obj, const std::string& path, std::initializer_list<const char*> allowed,
              std::initializer_list<const char*> required) {
        for (const auto& entry : obj.items()) {
            const std::string& key = entry.key();  // not a structured binding: clang < 16 cannot capture those
            if (std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; })) continue;
            std::string best;
            // Suggest only near misses: about one edit per three letters.
            std::size_t best_d = std::max<std::size_t>(1, key.size() / 3) + 1;
            for (const char* a : allowed) {
                const std::size_t d = edit_distance(key, a);
                if (d < best_d) best_d = d, best = a;
            }
            std::string expected;
            for (const char* a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
            fail(join_key(path, key), "unknown key \"" + key + "\" (" +
                                          (best.empty() ? "expected one of " + expected
                                                        : "did you mean \"" + best + "\"?") +
                                          ")");
        }
        for (const char* r : required)
            if (!obj.contains(r)) fail(join_key(path, r), "missing required key");
    }

    void string(const json& obj, const char* key, const std::string& path, std::string& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (it->is_string()) out = it->get<std::string>();
        else fail(join_key(path, key), "expected a string, got " + describe(*it));
    }

    void number(const json& obj, const char* key, const std::string& path, double& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (it->is_number()) out = it->get<double>();
        else fail(join_key(path, key), "expected a number, got " + describe(*it));
    }

    void boolean(const json& obj, const char* key, const std::string& path, bool& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        if (it->is_boolean()) out = it->get<bool>();
        else fail(join_key(path, key), "expected true or false, got " + describe(*it));
    }

    /// A label: "text" (stored under language "") or {"en": "...", "zh": "..."}.
    void text(const json& obj, const char* key, const std::string& path, localized_text& out) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        const std::string here = join_key(path, key);
        if (it->is_string()) {
            out.by_language[""] = it->get<std::string>();
        } else if (it->is_object()) {
            for (const auto& [lang, t] : it->items()) {
                if (t.is_string()) out.by_language[lang] = t.get<std::string>();
                else fail(join_key(here, lang), "expected a string, got " + describe(t));
            }
        } else {
            fail(here, "expected a string or an object {\"language\": \"text\"}, got " + describe(*it));
        }
    }

    /// Calls `each(element, path)` for every element of the array at `key`.
    template <class F>
    void array(const json& obj, const char* key, const std::string& path, F each) {
        auto it = obj.find(key);
        if (it == obj.end()) return;
        const std::string here = join_key(path, key);
        if (!it->is_array()) {
            fail(here, "expected an array, got " + describe(*it));
            return;
        }
        for (std::size_t i = 0; i < it->size(); ++i) each((*it)[i], join_index(here, i));
    }

    void strings(const json& obj, const char* key, const std::string& path, std::vector<std::string>& out) {
        array(obj, key, path, [&](const json& v, const std::string& p) {
            // Keep a placeholder for a bad element so later indices still match the JSON.
            out.push_back(v.is_string() ? v.get<std::string>() : std::string{});
            if (!v.is_string()) fail(p, "expected a string, got " + describe(v));
        });
    }

    void numbers(const json& obj, const char* key, const std::string& path, std::vector<double>& out) {
        array(obj, key, path, [&](const json& v, const std::string& p) {
            if (v.is_number()) out.push_back(v.get<double>());
            else fail(p, "expected a number, got " + describe(v));
        });
    }

    // ---- the schema's parts ----

    scale read_scale(const json& v, const std::string& p) {
        scale s;
        if (!object(v, p)) return s;
        keys(v, p, {"id", "min", "max", "values", "missing", "top_box", "satisfied"}, {"id", "min", "max"});
        string(v, "id", p, s.id);
        number(v, "min", p, s.min);
        number(v, "max", p, s.max);
        array(v, "values", p, [&](const json& e, const std::string& ep) {
            scale_value sv;
            if (object(e, ep)) {
                keys(e, ep, {"value", "label", "score"}, {"value"});
                number(e, "value", ep, sv.value);
                text(e, "label", ep, sv.label);
                if (e.contains("score")) {
                    double score = 0;
                    const std::size_t before = problems.size();
                    number(e, "score", ep, score);
                    if (problems.size() == before) sv.score = score;
                }
            }
            s.values.push_back(std::move(sv));
        });
        array(v, "missing", p, [&](const json& e, const std::string& ep) {
            missing_code m;
            if (object(e, ep)) {
                keys(e, ep, {"code", "kind", "label"}, {"code"});
                number(e, "code", ep, m.code);
                std::string kind = "other";
                string(e, "kind", ep, kind);
                if (kind == "dont_know") m.kind = missing_kind::dont_know;
                else if (kind == "refused") m.kind = missing_kind::refused;
                else if (kind == "not_applicable") m.kind = missing_kind::not_applicable;
                else if (kind == "other") m.kind = missing_kind::other;
                else
                    fail(join_key(ep, "kind"), "unknown kind \"" + kind +
                                                   "\" (expected dont_know, refused, not_applicable or other)");
                text(e, "label", ep, m.label);
            }
            s.missing.push_back(std::move(m));
        });
        numbers(v, "top_box", p, s.top_box);
        satisfied(v, p, s.satisfied);
        return s;
    }

    item read_item(const json& v, const std::string& p) {
        item it;
        if (!object(v, p)) return it;
        keys(v, p, {"id", "text", "scale", "reverse", "column", "importance_item", "satisfied"}, {"id", "scale"});
        string(v, "id", p, it.id);
        text(v, "text", p, it.text);
        string(v, "scale", p, it.scale);
        boolean(v, "reverse", p, it.reverse);
        string(v, "column", p, it.column);
        string(v, "importance_item", p, it.importance_item);
        satisfied(v, p, it.satisfied);
        return it;
    }

    node read_node(const json& v, const std::string& p) {
        node n;
        if (!object(v, p)) return n;
        if (v.contains("item")) {
            keys(v, p, {"id", "label", "weight", "item", "children", "importance_item"}, {});
            if (v.contains("children"))
                fail(join_key(p, "children"), "a leaf (a node with \"item\") cannot have children");
            string(v, "item", p, n.item);
            if (v["item"].is_string() && n.item.empty())
                fail(p, "\"item\" must not be empty (expected an item id)");  // else it would look like an inner node
            string(v, "id", p, n.id);
            if (n.id.empty()) n.id = n.item;  // a leaf is named after its item by default
        } else {
            keys(v, p, {"id", "label", "weight", "children", "importance_item", "ahp"}, {"id", "children"});
            ahp_matrix(v, p, n.ahp);
            string(v, "id", p, n.id);
            array(v, "children", p,
                  [&](const json& c, const std::string& cp) { n.children.push_back(read_node(c, cp)); });
        }
        text(v, "label", p, n.label);
        number(v, "weight", p, n.weight);
        string(v, "importance_item", p, n.importance_item);
        return n;
    }

    // ---- issue 14: "satisfied" rules and AHP matrices ----

    /// "satisfied": {"min_score": 70} | {"min_value": 8} | {"top_box": true}
    void satisfied(const json& obj, const std::string& path, std::optional<satisfied_rule>& out) {
        auto it = obj.find("satisfied");
        if (it == obj.end()) return;
        const std::string here = join_key(path, "satisfied");
        if (!object(*it, here)) return;
        keys(*it, here, {"min_score", "min_value", "top_box"}, {});
        if (it->size() != 1) {
            fail(here, "expected exactly one of min_score, min_value or top_box (e.g. {\"min_value\": 8})");
            return;
        }
        satisfied_rule r;
        if (it->contains("min_score")) {
            r.how = satisfied_rule::kind::min_score;
            number(*it, "min_score", here, r.value);
            if (!(r.value >= 0 && r.value <= 100)) fail(join_key(here, "min_score"), "is outside 0..100 (expected a 0-100 score, e.g. 70)");
        } else if (it->contains("min_value")) {
            r.how = satisfied_rule::kind::min_value;
            number(*it, "min_value", here, r.value);
        } else if (it->contains("top_box")) {
            bool on = false;
            boolean(*it, "top_box", here, on);
            if (!on) fail(join_key(here, "top_box"), "must be true (leave \"satisfied\" out for the default rule)");
            r.how = satisfied_rule::kind::top_box;
            r.value = 0;
        }
        out = r;
    }

    /// "ahp": [[1, 3, "5"], ["1/3", 1, 2], ...]: numbers or "a/b" fraction strings.
    void ahp_matrix(const json& obj, const std::string& path, std::vector<std::vector<double>>& out) {
        array(obj, "ahp", path, [&](const json& row, const std::string& rp) {
            std::vector<double> r;
            if (!row.is_array()) fail(rp, "expected an array of numbers (a row of the comparison matrix), got " + describe(row));
            else
                for (std::size_t j = 0; j < row.size(); ++j) {
                    const json& c = row[j];
                    double x = std::nan("");
                    if (c.is_number()) x = c.get<double>();
                    else if (c.is_string()) x = fraction(c.get<std::string>());
                    if (!(std::isfinite(x) && x > 0))
                        fail(join_index(rp, j), "expected a positive number or a fraction such as \"1/3\", got " + describe(c));
                    r.push_back(x);
                }
            out.push_back(std::move(r));
        });
    }

    static double fraction(const std::string& t) {
        const auto slash = t.find('/');
        auto parse = [](const std::string& x) {
            double v = 0;
            const auto [p, ec] = std::from_chars(x.data(), x.data() + x.size(), v);
            return (x.empty() || ec != std::errc() || p != x.data() + x.size()) ? std::nan("") : v;
        };
        if (slash == std::string::npos) return parse(t);
        const double a = parse(t.substr(0, slash)), b = parse(t.substr(slash + 1));
        return b != 0 ? a / b : std::nan("");
    }

    construct read_construct(const json& v, const std::string& p) {
        construct c;
        if (!object(v, p)) return c;
        keys(v, p, {"id", "label", "items", "mode", "anchor"}, {"id", "items"});
        string(v, "id", p, c.id);
        text(v, "label", p, c.label);
        strings(v, "items", p, c.items);
        std::string mode = "A";
        string(v, "mode", p, mode);
        if (mode == "B") c.mode = outer_mode::B;
        else if (mode != "A") fail(join_key(p, "mode"), "unknown mode \"" + mode + "\" (expected \"A\" or \"B\")");
        string(v, "anchor", p, c.anchor);
        return c;
    }

    path read_path(const json& v, const std::string& p) {
        path out;
        if (!object(v, p)) return out;
        keys(v, p, {"from", "to"}, {"from", "to"});
        string(v, "from", p, out.from);
        string(v, "to", p, out.to);
        return out;
    }

    /// "model": {"preset": "ecsi", "constructs": {"IMAG": ["IMAG1", ...]}, "drop_complaints": false}
    model_binding read_model(const json& v, const std::string& p) {
        model_binding m;
        if (v.is_string()) {  // "model": "IMAG =~ IMAG1 + ..." (csikit/model_syntax.hpp)
            m.syntax = v.get<std::string>();
            return m;
        }
        if (!object(v, p)) return m;
        const bool other = v.contains("syntax") || v.contains("higher_order");
        keys(v, p, {"preset", "constructs", "drop_complaints", "syntax", "higher_order", "higher_order_approach"},
             other && !v.contains("preset") ? std::initializer_list<const char*>{} : std::initializer_list<const char*>{"preset", "constructs"});
        string(v, "syntax", p, m.syntax);
        string(v, "higher_order", p, m.higher_order);
        string(v, "higher_order_approach", p, m.higher_order_approach);
        if (!m.higher_order.empty() && m.higher_order != "hierarchy")
            fail(join_key(p, "higher_order"), "unknown value \"" + m.higher_order + "\" (expected \"hierarchy\")");
        if (!m.syntax.empty() && v.contains("preset"))
            fail(join_key(p, "syntax"), "a model is either a preset or syntax (expected one of \"preset\" and \"syntax\")");
        string(v, "preset", p, m.preset);
        boolean(v, "drop_complaints", p, m.drop_complaints);
        if (auto it = v.find("constructs"); it != v.end()) {
            const std::string here = join_key(p, "constructs");
            if (!it->is_object()) {
                fail(here, "expected an object {\"construct id\": [item ids]}, got " + describe(*it));
            } else {
                for (const auto& entry : it->items()) {
                    auto& list = m.constructs[entry.key()];
                    const std::string cp = join_key(here, entry.key());
                    if (!entry.value().is_array()) {
                        fail(cp, "expected an array of item ids, got " + describe(entry.value()));
                        continue;
                    }
                    for (std::size_t i = 0; i < entry.value().size(); ++i) {
                        const json& e = entry.value()[i];
                        list.push_back(e.is_string() ? e.get<std::string>() : std::string{});
                        if (!e.is_string()) fail(join_index(cp, i), "expected a string, got " + describe(e));
                    }
                }
            }
        }
        return m;
    }

    survey read_survey(const json& root) {
        survey s;
        keys(root, "",
             {"name", "languages", "scales", "items", "hierarchy", "model", "constructs", "paths", "weight_column",
              "segment_columns", "wave_column", "nps_item", "overall_item", "multi_response", "verbatim_column"},
             {"name", "scales", "items"});
        string(root, "name", "", s.name);
        strings(root, "languages", "", s.languages);
        array(root, "scales", "", [&](const json& v, const std::string& p) { s.scales.push_back(read_scale(v, p)); });
        array(root, "items", "", [&](const json& v, const std::string& p) { s.items.push_back(read_item(v, p)); });
        if (auto it = root.find("hierarchy"); it != root.end()) s.hierarchy = read_node(*it, "hierarchy");
        if (auto it = root.find("model"); it != root.end()) s.model = read_model(*it, "model");
        array(root, "constructs", "",
              [&](const json& v, const std::string& p) { s.constructs.push_back(read_construct(v, p)); });
        array(root, "paths", "", [&](const json& v, const std::string& p) { s.paths.push_back(read_path(v, p)); });
        string(root, "weight_column", "", s.weight_column);
        strings(root, "segment_columns", "", s.segment_columns);
        string(root, "wave_column", "", s.wave_column);
        string(root, "nps_item", "", s.nps_item);
        string(root, "overall_item", "", s.overall_item);
        schema_detail::read_multi_response(root, s, problems);
        return s;
    }
};

/// A SAX pass that reports keys given twice in one object (JSON lets the last one win
/// silently, which hides typos in hand-edited schemas). A separate pass rather than a parser
/// callback: nlohmann's callback parser rescans the parent container at every object end,
/// which made a schema of 10^6 items quadratic. Runs only on text that parsed.
struct duplicate_key_finder : json::json_sax_t {
    struct frame {
        bool is_object = false;
        std::set<std::string> keys;
        std::string key;
        std::size_t index = 0;
    };
    std::vector<frame> frames;
    std::vector<problem>* problems = nullptr;

    std::string current_path() const {
        std::string out;
        for (const auto& f : frames) out = f.is_object ? join_key(out, f.key) : join_index(out, f.index);
        return out;
    }
    bool element_done() {
        if (!frames.empty() && !frames.back().is_object) ++frames.back().index;
        return true;
    }
    bool null() override { return element_done(); }
    bool boolean(bool) override { return element_done(); }
    bool number_integer(number_integer_t) override { return element_done(); }
    bool number_unsigned(number_unsigned_t) override { return element_done(); }
    bool number_float(number_float_t, const string_t&) override { return element_done(); }
    bool string(string_t&) override { return element_done(); }
    bool binary(binary_t&) override { return element_done(); }
    bool start_object(std::size_t) override {
        frames.push_back({true, {}, {}, 0});
        return true;
    }
    bool start_array(std::size_t) override {
        frames.push_back({false, {}, {}, 0});
        return true;
    }
    bool end_object() override { return end_container(); }
    bool end_array() override { return end_container(); }
    bool key(string_t& k) override {
        auto& f = frames.back();
        f.key = k;
        if (!f.keys.insert(f.key).second)
            problems->push_back({{{}, 0, current_path()}, "duplicate key (each key may appear once)"});
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

private:
    bool end_container() {
        if (!frames.empty()) frames.pop_back();
        return element_done();
    }
};

// ---- the preset binding ("model") ---------------------------------------------------------

/// What expand_model put in front of the explicit constructs and paths.
struct expansion {
    std::vector<std::string> construct_ids;  ///< ids of constructs[0 .. n) added from the preset
    std::size_t paths = 0;                   ///< paths[0 .. paths) come from the preset
    std::string preset;
};

/// A preset label in the survey's languages: only declared languages are kept (a survey that
/// declares none keeps every language); with none left, the English text as a plain label.
localized_text preset_label(const localized_text& label, const survey& s) {
    if (s.languages.empty()) return label;
    localized_text out;
    for (const auto& [lang, t] : label.by_language)
        if (std::find(s.languages.begin(), s.languages.end(), lang) != s.languages.end()) out.by_language[lang] = t;
    if (out.empty() && !label.empty()) out.by_language[""] = label.get("en");
    return out;
}

/// Expands survey.model into constructs and paths placed before the explicit ones. Explicit
/// constructs extend the model; one with the id of a bound preset construct, or an explicit path
/// the preset already has, is a conflict. Unknown presets, unknown or unbound construct names are
/// left to validate() (check_model), which names them under "model".
expansion expand_model(survey& s, reader& r) {
    expansion out;
    const auto found = schema_detail::bound_preset(s);
    if (!found) return out;  // no model block, or validate(): unknown preset
    const preset_model& pm = *found;
    out.preset = pm.name;
    std::vector<construct> added;
    std::set<std::string> bound;
    for (const auto& c : pm.constructs) {
        if (s.model->drop_complaints && c.role == "complaints") continue;
        auto it = s.model->constructs.find(c.id);
        if (it == s.model->constructs.end() || it->second.empty()) continue;
        construct k;
        k.id = c.id;
        k.label = preset_label(c.label, s);
        k.items = it->second;
        added.push_back(std::move(k));
        bound.insert(c.id);
        out.construct_ids.push_back(c.id);
    }
    for (std::size_t i = 0; i < s.constructs.size(); ++i)
        if (bound.count(s.constructs[i].id))
            r.fail(join_key(join_index("constructs", i), "id"),
                   "construct \"" + s.constructs[i].id + "\" is already defined by the " + pm.name +
                       " preset in \"model\" (bind its items under model.constructs." + s.constructs[i].id +
                       ", or give this construct an id of its own)");
    std::vector<path> preset_paths;
    for (const auto& e : pm.paths)
        if (bound.count(e.from) && bound.count(e.to)) preset_paths.push_back(e);
    for (std::size_t i = 0; i < s.paths.size(); ++i)
        for (const auto& e : preset_paths)
            if (s.paths[i].from == e.from && s.paths[i].to == e.to)
                r.fail(join_index("paths", i), "path " + e.from + " -> " + e.to + " is already in the " + pm.name +
                                                   " preset in \"model\" (expected only paths the preset lacks)");
    out.paths = preset_paths.size();
    s.constructs.insert(s.constructs.begin(), added.begin(), added.end());
    s.paths.insert(s.paths.begin(), preset_paths.begin(), preset_paths.end());
    return out;
}

/// "model" as syntax or {"higher_order": "hierarchy"}: the constructs, paths, HOCs and
/// interactions it declares (csikit/model_syntax.hpp). Syntax errors name their line and column
/// within the string.
void expand_model_syntax(survey& s, reader& r, const std::string& source) {
    if (!s.model || (s.model->syntax.empty() && s.model->higher_order.empty())) return;
    const model_binding m = *s.model;
    hoc_approach approach = hoc_approach::two_stage;
    if (const std::string& a = m.higher_order_approach; !a.empty()) {
        if (a == "repeated_indicators") approach = hoc_approach::repeated_indicators;
        else if (a == "embedded_two_stage") approach = hoc_approach::embedded_two_stage;
        else if (a != "two_stage")
            r.fail("model.higher_order_approach", "unknown approach \"" + a + "\" (expected two_stage, repeated_indicators or embedded_two_stage)");
    }
    if (!m.syntax.empty()) {
        if (!s.constructs.empty() || !s.paths.empty()) {
            r.fail("model", "the schema gives the model as syntax and as \"constructs\"/\"paths\" (expected one of them)");
            return;
        }
        try {
            const model_syntax ms = parse_model_syntax(m.syntax, source);
            schema_detail::assign_model(s, ms);
            if (!m.higher_order_approach.empty())
                for (auto& h : s.higher_order) h.approach = approach;
        } catch (const error& e) {
            for (const auto& p : e.problems())
                r.fail("model", "model syntax" + (p.where.line ? " line " + std::to_string(p.where.line) : std::string{}) +
                                    (p.where.field.empty() ? "" : ", " + p.where.field) + ": " + p.message);
            return;
        }
    }
    if (m.higher_order == "hierarchy") {
        try {
            const model_syntax ms = hierarchy_model(s, approach);
            s.constructs = ms.constructs;
            s.paths = ms.paths;
            s.higher_order.insert(s.higher_order.end(), ms.higher_order.begin(), ms.higher_order.end());
        } catch (const error& e) {
            for (const auto& p : e.problems()) r.fail(p.where.field.empty() ? "model.higher_order" : p.where.field, p.message);
        }
    }
}

/// Rewrites "constructs[i]..." and "paths[i]..." of the expanded survey into the places a user
/// wrote: a bound preset construct becomes "model.constructs.ID" (its items "model.constructs.ID[k]"),
/// a preset path "model.preset", explicit entries get their index in the file back.
std::string remap(const std::string& text, const expansion& x) {
    if (x.construct_ids.empty() && x.paths == 0) return text;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t best = std::string::npos;
        std::string which;
        for (const char* name : {"constructs[", "paths["}) {
            const std::size_t at = text.find(name, i);
            if (at != std::string::npos && (best == std::string::npos || at < best)) best = at, which = name;
        }
        if (best == std::string::npos) break;
        // Only whole words: "model.constructs.X" or "items[" never match; "constructs[" must not
        // follow a letter or a dot.
        const bool word = best == 0 || !(std::isalnum(static_cast<unsigned char>(text[best - 1])) || text[best - 1] == '_' || text[best - 1] == '.');
        const std::size_t num_start = best + which.size();
        std::size_t num_end = num_start;
        while (num_end < text.size() && std::isdigit(static_cast<unsigned char>(text[num_end]))) ++num_end;
        if (!word || num_end == num_start || num_end >= text.size() || text[num_end] != ']') {
            out += text.substr(i, num_start - i);
            i = num_start;
            continue;
        }
        out += text.substr(i, best - i);
        const std::size_t k = std::stoul(text.substr(num_start, num_end - num_start));
        std::size_t next = num_end + 1;
        if (which == "constructs[") {
            if (k < x.construct_ids.size()) {
                out += "model.constructs." + x.construct_ids[k];
                if (text.compare(next, 6, ".items") == 0) next += 6;  // constructs[0].items[2] -> model.constructs.IMAG[2]
            } else {
                out += "constructs[" + std::to_string(k - x.construct_ids.size()) + "]";
            }
        } else {
            if (k < x.paths) out += "model.preset";
            else out += "paths[" + std::to_string(k - x.paths) + "]";
        }
        i = next;
    }
    out += text.substr(i);
    return out;
}

/// True if a and b name the same JSON place or one contains the other.
bool overlaps(const std::string& a, const std::string& b) {
    const auto& shorter = a.size() <= b.size() ? a : b;
    const auto& longer = a.size() <= b.size() ? b : a;
    if (longer.compare(0, shorter.size(), shorter) != 0) return false;
    return longer.size() == shorter.size() || longer[shorter.size()] == '.' || longer[shorter.size()] == '[';
}

}  // namespace

survey parse_survey(std::string_view json_text, const std::string& source) {
    std::string_view text = json_text;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte-order mark
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        throw parse_error({source, 0, {}}, "empty file (expected a JSON object)");
    if (const std::size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        const auto pos = position_of(text, bad);
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
        throw parse_error({source, pos.line, {}}, "column " + std::to_string(pos.column) + ": invalid UTF-8 byte " +
                                                      hex + " at byte " + std::to_string(bad + 1) +
                                                      " (the schema must be UTF-8 text)");
    }

    if (const std::size_t deep = too_deep(text); deep != std::string_view::npos) {
        const auto pos = position_of(text, deep);
        throw parse_error({source, pos.line, {}}, "column " + std::to_string(pos.column) +
                                                      ": JSON nested deeper than " + std::to_string(max_json_depth) +
                                                      " levels, the limit (max_schema_depth; expected a schema nested a few levels "
                                                      "deep, a hierarchy at most 99 levels below its root)");
    }

    json root;
    try {
        root = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        // nlohmann counts bytes read (1-based); the offending byte is the last one read.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const auto pos = position_of(text, offset);
        throw parse_error({source, pos.line, {}},
                          "column " + std::to_string(pos.column) +
                              ": malformed JSON: " + describe_json_error(e.what()));
    } catch (const json::out_of_range& e) {
        // A number too large for a double ("1e400") is thrown as out_of_range 406, without a
        // position: locate the number quoted in the message.
        const std::string what = e.what();
        const std::size_t q1 = what.find('\''), q2 = q1 == std::string::npos ? q1 : what.find('\'', q1 + 1);
        const std::string number = q2 == std::string::npos ? std::string{} : what.substr(q1 + 1, q2 - q1 - 1);
        const std::size_t at = number.empty() ? std::string_view::npos : text.find(number);
        const auto pos = position_of(text, at == std::string_view::npos ? 0 : at);
        throw parse_error({source, at == std::string_view::npos ? 0 : pos.line, {}},
                          (at == std::string_view::npos ? std::string{} : "column " + std::to_string(pos.column) + ": ") +
                              "malformed JSON: number overflow" + (number.empty() ? "" : " parsing '" + number + "'") +
                              " (expected a number within the range of a double, about 1.8e308)");
    }

    std::vector<problem> duplicate_keys;
    duplicate_key_finder finder;
    finder.problems = &duplicate_keys;
    json::sax_parse(text.begin(), text.end(), &finder);

    if (!root.is_object())
        throw schema_error({source, 0, {}}, "expected a JSON object at the top level, got " + describe(root));
    reader r;
    r.problems = std::move(duplicate_keys);
    survey s = r.read_survey(root);
    const expansion x = expand_model(s, r);
    expand_model_syntax(s, r, source);
    std::vector<problem> all = std::move(r.problems);
    const std::size_t structural = all.size();
    for (auto& p : validate(s)) {
        p.where.field = remap(p.where.field, x);
        p.message = remap(p.message, x);
        const bool echo = std::any_of(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(structural),
                                      [&](const problem& q) { return overlaps(p.where.field, q.where.field); });
        if (!echo) all.push_back(std::move(p));
    }
    if (!all.empty()) {
        for (auto& p : all) p.where.file = source;
        throw schema_error(std::move(all));
    }
    return s;
}

CSIKIT_NAMESPACE_END
