// validate(): the meaning checks of a survey schema. Every problem is collected (never stop at
// the first) and named by its JSON path, so a user can fix the whole file in one pass.
#include "multi_response.hpp"
#include "csikit/schema.hpp"

#include "csikit/format.hpp"

#include "csikit/presets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// A number as a person would write it: 5, not 5.000000.
std::string num(double x) {
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    return format_general(x);  // '.' whatever the host's locale
}

std::string quote(const std::string& s) { return "\"" + s + "\""; }

/// The first invisible or text-direction character in an id (controls, zero-width characters,
/// bidi marks and overrides, the BOM) as "U+XXXX", or "" if there is none. Such ids look like
/// another id (or reorder on screen) while matching no column: docs/reliability.md.
std::string invisible_char(const std::string& id) {
    const auto* u = reinterpret_cast<const unsigned char*>(id.data());
    for (std::size_t i = 0; i < id.size();) {
        std::uint32_t cp = u[i];
        std::size_t len = 1;
        if (cp >= 0xF0 && i + 3 < id.size()) len = 4, cp = ((cp & 7u) << 18) | ((u[i + 1] & 63u) << 12) | ((u[i + 2] & 63u) << 6) | (u[i + 3] & 63u);
        else if (cp >= 0xE0 && i + 2 < id.size()) len = 3, cp = ((cp & 15u) << 12) | ((u[i + 1] & 63u) << 6) | (u[i + 2] & 63u);
        else if (cp >= 0xC0 && i + 1 < id.size()) len = 2, cp = ((cp & 31u) << 6) | (u[i + 1] & 63u);
        const bool bad = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xAD ||
                         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
                         (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
        if (bad) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
            return buf;
        }
        i += len;
    }
    return {};
}
std::string idx(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

/// The first element of `all` with each id, for lookups in O(1): survey::find_* search
/// linearly, which made validating 10^6 items quadratic.
template <class T>
std::unordered_map<std::string_view, const T*> index_by_id(const std::vector<T>& all) {
    std::unordered_map<std::string_view, const T*> out;
    out.reserve(all.size());
    for (const T& x : all) out.emplace(x.id, &x);
    return out;
}

template <class T>
const T* lookup(const std::unordered_map<std::string_view, const T*>& index, std::string_view id) {
    auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
}

/// Ids joined for a message, the first `most` of them and a count of the rest.
template <class T>
std::string some_ids(const std::vector<T>& all, std::size_t most = 20) {
    std::string out;
    for (std::size_t i = 0; i < all.size() && i < most; ++i) out += (out.empty() ? "" : ", ") + all[i].id;
    if (all.size() > most) out += " and " + std::to_string(all.size() - most) + " more";
    return out;
}

class checker {
public:
    explicit checker(const survey& s)
        : s_(s), scales_(index_by_id(s.scales)), items_(index_by_id(s.items)), constructs_(index_by_id(s.constructs)) {}

    std::vector<problem> run() {
        if (s_.name.empty()) fail("name", "must not be empty (expected the survey's name)");
        check_languages();
        for (std::size_t i = 0; i < s_.scales.size(); ++i) check_scale(s_.scales[i], idx("scales", i));
        check_items();
        check_columns();
        if (s_.hierarchy) check_hierarchy(*s_.hierarchy);
        check_model();
        check_constructs();
        check_extended();
        check_paths();
        check_named_item(s_.overall_item, "overall_item");
        schema_detail::validate_multi_response(s_, problems_);
        if (check_named_item(s_.nps_item, "nps_item")) {
            const item* it = find_item(s_.nps_item);
            const scale* sc = it ? find_scale(it->scale) : nullptr;
            if (sc && (sc->min != 0 || sc->max != 10))
                fail("nps_item", "item " + quote(it->id) + " is on the scale " + num(sc->min) + ".." + num(sc->max) +
                                     " (expected a 0..10 scale for NPS)");
        }
        return std::move(problems_);
    }

private:
    const survey& s_;
    const std::unordered_map<std::string_view, const scale*> scales_;
    const std::unordered_map<std::string_view, const item*> items_;
    const std::unordered_map<std::string_view, const construct*> constructs_;
    std::vector<problem> problems_;

    const scale* find_scale(std::string_view id) const { return lookup(scales_, id); }
    const item* find_item(std::string_view id) const { return lookup(items_, id); }
    const construct* find_construct(std::string_view id) const { return lookup(constructs_, id); }

    void fail(const std::string& where, std::string message) {
        problems_.push_back({{{}, 0, where}, std::move(message)});
    }

    /// Records an empty id or a repeat; `first` maps ids to where they were first seen.
    void unique_id(const std::string& id, const std::string& where, const char* what,
                   std::map<std::string, std::string>& first) {
        if (id.empty()) {
            fail(where, "must not be empty (expected the " + std::string(what) + "'s id)");
            return;
        }
        if (const std::string c = invisible_char(id); !c.empty())
            fail(where, std::string(what) + " id " + quote(id) + " contains the invisible or direction character " + c +
                            " (expected visible characters only)");
        auto [it, fresh] = first.emplace(id, where);
        if (!fresh)
            fail(where, "duplicate " + std::string(what) + " id " + quote(id) + " (first at " + it->second + ")");
    }

    void check_languages() {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < s_.languages.size(); ++i) {
            const auto& l = s_.languages[i];
            if (l.empty()) fail(idx("languages", i), "must not be empty (expected a language code such as \"en\")");
            else if (!seen.insert(l).second) fail(idx("languages", i), "duplicate language " + quote(l));
        }
    }

    /// Labels may only use the declared languages (when any are declared).
    void check_text(const localized_text& t, const std::string& where) {
        if (s_.languages.empty()) return;
        for (const auto& [lang, text] : t.by_language) {
            if (lang.empty() || std::find(s_.languages.begin(), s_.languages.end(), lang) != s_.languages.end())
                continue;
            std::string declared;
            for (const auto& l : s_.languages) declared += (declared.empty() ? "" : ", ") + l;
            fail(where + "." + lang, "language " + quote(lang) + " is not declared (expected one of " + declared + ")");
        }
    }

    std::map<std::string, std::string> scale_ids_;

    void check_scale(const scale& sc, const std::string& p) {
        unique_id(sc.id, p + ".id", "scale", scale_ids_);
        const bool finite = std::isfinite(sc.min) && std::isfinite(sc.max);
        if (!finite) fail(p, "min and max must be finite numbers");
        else if (sc.min >= sc.max)
            fail(p + ".max", "max " + num(sc.max) + " is not above min " + num(sc.min) + " (expected min < max)");
        const bool range_ok = finite && sc.min < sc.max;
        const std::string range = num(sc.min) + ".." + num(sc.max);

        std::map<double, std::string> seen;
        for (std::size_t j = 0; j < sc.values.size(); ++j) {
            const auto& v = sc.values[j];
            const std::string vp = idx(p + ".values", j);
            if (range_ok && !sc.contains(v.value))
                fail(vp + ".value", num(v.value) + " is outside the scale " + range);
            if (auto [it, fresh] = seen.emplace(v.value, vp); !fresh)
                fail(vp + ".value", "duplicate value " + num(v.value) + " (first at " + it->second + ")");
            if (v.score && !(std::isfinite(*v.score) && *v.score >= 0 && *v.score <= 100))
                fail(vp + ".score", num(*v.score) + " is outside 0..100 (expected a score on the 100-point scale)");
            check_text(v.label, vp + ".label");
        }
        std::map<double, std::string> codes;
        for (std::size_t j = 0; j < sc.missing.size(); ++j) {
            const auto& m = sc.missing[j];
            const std::string mp = idx(p + ".missing", j);
            if (!std::isfinite(m.code)) fail(mp + ".code", "must be a finite number");
            else if (range_ok && sc.contains(m.code))
                fail(mp + ".code", num(m.code) + " lies inside the scale " + range +
                                       " (a missing-value code must be outside the scale)");
            if (auto [it, fresh] = codes.emplace(m.code, mp); !fresh)
                fail(mp + ".code", "duplicate missing code " + num(m.code) + " (first at " + it->second + ")");
            check_text(m.label, mp + ".label");
        }
        std::set<double> box;
        for (std::size_t j = 0; j < sc.top_box.size(); ++j) {
            const double v = sc.top_box[j];
            const std::string bp = idx(p + ".top_box", j);
            if (range_ok && !sc.contains(v)) fail(bp, num(v) + " is outside the scale " + range);
            if (!box.insert(v).second) fail(bp, "duplicate top-box value " + num(v));
        }
        if (sc.satisfied && range_ok) check_satisfied(*sc.satisfied, &sc, p + ".satisfied");
    }

    std::map<std::string, std::string> item_ids_;

    void check_items() {
        const std::string known = some_ids(s_.scales);
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            const auto& it = s_.items[i];
            const std::string p = idx("items", i);
            unique_id(it.id, p + ".id", "item", item_ids_);
            if (!find_scale(it.scale))
                fail(p + ".scale", "unknown scale " + quote(it.scale) +
                                       (known.empty() ? " (no scales are declared)"
                                                      : " (expected one of " + known + ")"));
            check_text(it.text, p + ".text");
            check_importance_item(it.importance_item, it.id, p + ".importance_item");
            if (it.satisfied) check_satisfied(*it.satisfied, find_scale(it.scale), p + ".satisfied");
        }
    }

    // ---- issue 14: importance pairs, "satisfied" rules, AHP matrix sizes ----

    void check_importance_item(const std::string& id, const std::string& self, const std::string& where) {
        if (id.empty()) return;
        if (id == self) fail(where, "item " + quote(self) + " names itself as its importance item (expected a separate importance question)");
        else if (!find_item(id)) fail(where, "unknown item " + quote(id) + " (expected the id of the importance question paired with " + quote(self) + ")");
    }

    void check_satisfied(const satisfied_rule& r, const scale* sc, const std::string& where) {
        if (r.how != satisfied_rule::kind::min_value || !sc) return;
        if (!(r.value > sc->min && r.value <= sc->max))
            fail(where + ".min_value", num(r.value) + " is outside " + num(sc->min) + ".." + num(sc->max) +
                                           " or at its minimum (expected a value of the scale above its lowest point)");
    }

    void check_ahp_size(const node& n, const std::string& p) {
        if (n.ahp.empty()) return;
        const std::size_t k = n.children.size();
        if (n.ahp.size() != k) {
            fail(p + ".ahp", "has " + std::to_string(n.ahp.size()) + " rows for " + std::to_string(k) + " children (expected a " +
                                 std::to_string(k) + " x " + std::to_string(k) + " pairwise comparison matrix)");
            return;
        }
        for (std::size_t i = 0; i < k; ++i)
            if (n.ahp[i].size() != k)
                fail(idx(p + ".ahp", i), "has " + std::to_string(n.ahp[i].size()) + " entries (expected " + std::to_string(k) +
                                             ", one per child)");
    }

    /// Item columns, the weight, segment and wave columns must all be different data columns.
    void check_columns() {
        std::map<std::string, std::string> first;
        auto use = [&](const std::string& column, const std::string& where) {
            if (column.empty()) return;
            auto [it, fresh] = first.emplace(column, where);
            if (!fresh) fail(where, "duplicate column " + quote(column) + " (already used at " + it->second + ")");
        };
        std::set<std::string> ids;
        for (std::size_t i = 0; i < s_.items.size(); ++i) {
            const auto& it = s_.items[i];
            const bool repeated_id = !ids.insert(it.id).second;
            // A repeated id without its own column is reported once, as a duplicate item id.
            if (it.column.empty() && (it.id.empty() || repeated_id)) continue;
            use(it.column_name(), idx("items", i) + (it.column.empty() ? ".id" : ".column"));
        }
        use(s_.weight_column, "weight_column");
        for (std::size_t i = 0; i < s_.segment_columns.size(); ++i) {
            if (s_.segment_columns[i].empty())
                fail(idx("segment_columns", i), "must not be empty (expected a column name)");
            use(s_.segment_columns[i], idx("segment_columns", i));
        }
        use(s_.wave_column, "wave_column");
    }

    std::map<std::string, std::string> node_ids_;
    std::map<std::string, std::string> leaf_items_;

    void check_hierarchy(const node& root) {
        if (root.is_leaf())
            fail("hierarchy", "the root is a leaf (expected an inner node with children: the overall index)");
        check_node(root, "hierarchy");
    }

    void check_node(const node& n, const std::string& p) {
        unique_id(n.id, p + (n.is_leaf() && n.id == n.item ? "" : ".id"), "node", node_ids_);
        if (!std::isfinite(n.weight) || n.weight < 0)
            fail(p + ".weight", num(n.weight) + " is not a valid weight (expected a finite number >= 0)");
        check_text(n.label, p + ".label");
        check_importance_item(n.importance_item, n.id, p + ".importance_item");
        if (n.is_leaf()) {
            if (!find_item(n.item)) fail(p + ".item", "unknown item " + quote(n.item));
            // With default ids a repeated item is already reported as a duplicate node id.
            else if (auto [it, fresh] = leaf_items_.emplace(n.item, p); !fresh && n.id != n.item)
                fail(p + ".item", "item " + quote(n.item) + " is already in the hierarchy at " + it->second);
            return;
        }
        if (n.children.empty()) {
            fail(p + ".children", "an inner node needs at least one child");
            return;
        }
        check_ahp_size(n, p);
        double sum = 0;
        bool all_valid = true;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
            const double w = n.children[i].weight;
            if (std::isfinite(w) && w >= 0) sum += w;
            else all_valid = false;
            check_node(n.children[i], idx(p + ".children", i));
        }
        if (all_valid && sum <= 0)
            fail(p + ".children", "the children's weights sum to 0 (expected at least one positive weight)");
        else if (all_valid && !std::isfinite(sum))  // e.g. 1e308 + 1e308: every share would be 0
            fail(p + ".children", "the children's weights sum to infinity (expected relative weights such as 1, 2, 0.5)");
    }

    std::map<std::string, std::string> construct_ids_;

    void check_constructs() {
        std::map<std::string, std::string> owner;  // item id -> construct id measuring it
        for (std::size_t i = 0; i < s_.constructs.size(); ++i) {
            const auto& c = s_.constructs[i];
            const std::string p = idx("constructs", i);
            unique_id(c.id, p + ".id", "construct", construct_ids_);
            check_text(c.label, p + ".label");
            if (c.items.empty()) fail(p + ".items", "a construct needs at least one item");
            std::set<std::string> mine;
            for (std::size_t j = 0; j < c.items.size(); ++j) {
                const auto& id = c.items[j];
                const std::string ip = idx(p + ".items", j);
                if (!find_item(id)) {
                    fail(ip, "unknown item " + quote(id));
                    continue;
                }
                if (!mine.insert(id).second) {
                    fail(ip, "item " + quote(id) + " is listed twice in this construct");
                    continue;
                }
                auto [it, fresh] = owner.emplace(id, c.id);
                if (!fresh)
                    fail(ip, "item " + quote(id) + " is already in construct " + quote(it->second) +
                                 " (an item measures one construct)");
            }
            if (!c.anchor.empty() && std::find(c.items.begin(), c.items.end(), c.anchor) == c.items.end())
                fail(p + ".anchor", quote(c.anchor) + " is not one of the construct's items");
        }
    }

    /// The preset binding ("model"): a known preset, known construct names, items for every
    /// construct the preset keeps, and constructs/paths that contain the expansion (parse_survey
    /// expands the block; a survey built in C++ must do the same).
    void check_model() {
        if (!s_.model || (s_.model->preset.empty() && s_.model->constructs.empty())) return;  // syntax / hierarchy only
        const model_binding& m = *s_.model;
        preset_model pm;
        try {
            pm = preset(m.preset);
        } catch (const error&) {
            std::string names;
            for (const auto& n : preset_names()) names += (names.empty() ? "" : ", ") + n;
            fail("model.preset", "unknown preset " + quote(m.preset) + " (expected one of " + names + ")");
            return;
        }
        std::string ids;
        for (const auto& c : pm.constructs) ids += (ids.empty() ? "" : ", ") + c.id;
        auto dropped = [&](const preset_construct& c) { return m.drop_complaints && c.role == "complaints"; };
        for (const auto& [id, items] : m.constructs) {
            const std::string p = "model.constructs." + id;
            const preset_construct* c = pm.find(id);
            if (!c) {
                fail(p, "unknown construct " + quote(id) + " (the " + pm.name + " preset has " + ids + ")");
            } else if (dropped(*c)) {
                if (!items.empty())
                    fail(p, "construct " + quote(id) + " is dropped by drop_complaints but has items (expected no "
                                                       "items, or drop_complaints false)");
            } else if (items.empty()) {
                fail(p, "a construct needs at least one item");
            } else {
                const construct* have = find_construct(id);
                if (!have || have->items != items)
                    fail(p, "the survey's constructs do not hold the bound construct " + quote(id) +
                                " with these items (expected the expansion of \"model\", as parse_survey makes it)");
            }
        }
        for (const auto& c : pm.constructs)
            if (!dropped(c) && !m.constructs.count(c.id))
                fail("model.constructs", "construct " + quote(c.id) + " (" + c.label.get("en") + ") of the " + pm.name +
                                             " preset has no items (expected \"" + c.id + "\": [item ids]" +
                                             (c.role == "complaints" ? ", or \"drop_complaints\": true)" : ")"));
    }

    // ---- higher-order constructs and interaction terms (csikit/model_syntax.hpp) -------------
    std::set<std::string> hoc_ids_, interaction_ids_, categorical_ids_;

    /// A construct, a HOC or a categorical construct: what paths and interactions may name.
    bool is_node(const std::string& id) const { return find_construct(id) || hoc_ids_.count(id) || categorical_ids_.count(id); }

    void check_categorical() {
        for (std::size_t i = 0; i < s_.categorical.size(); ++i) {
            const auto& c = s_.categorical[i];
            const std::string p = idx("categorical", i);
            unique_id(c.id, p + ".id", "construct", construct_ids_);
            categorical_ids_.insert(c.id);
            const bool segment = std::find(s_.segment_columns.begin(), s_.segment_columns.end(), c.column) != s_.segment_columns.end();
            if (!segment && !find_item(c.column))
                fail(p + ".column", "categorical construct " + quote(c.id) + ": " + quote(c.column) +
                                        " is neither a segment column nor an item (expected a column of categories)");
        }
        for (std::size_t i = 0; i < s_.higher_order.size(); ++i)
            for (std::size_t j = 0; j < s_.higher_order[i].components.size(); ++j)
                if (categorical_ids_.count(s_.higher_order[i].components[j]))
                    fail(idx(idx("higher_order", i) + ".components", j),
                         "higher-order construct " + quote(s_.higher_order[i].id) + " over the categorical construct " +
                             quote(s_.higher_order[i].components[j]) + " (expected constructs over items)");
        for (std::size_t i = 0; i < s_.interactions.size(); ++i)
            if (categorical_ids_.count(s_.interactions[i].predictor))
                fail(idx("interactions", i), "interaction " + quote(s_.interactions[i].id) + ": the categorical construct " +
                                                 quote(s_.interactions[i].predictor) + " is the predictor (expected it second, as the moderator: " +
                                                 s_.interactions[i].moderator + ":" + s_.interactions[i].predictor + ")");
        for (std::size_t i = 0; i < s_.paths.size(); ++i)
            if (categorical_ids_.count(s_.paths[i].to))
                fail(idx("paths", i) + ".to", "categorical construct " + quote(s_.paths[i].to) +
                                                  " cannot be a dependent construct (expected it as a predictor or a moderator)");
    }

    void check_extended() {
        check_categorical();
        for (std::size_t i = 0; i < s_.higher_order.size(); ++i) {
            const auto& h = s_.higher_order[i];
            const std::string p = idx("higher_order", i);
            unique_id(h.id, p + ".id", "construct", construct_ids_);
            hoc_ids_.insert(h.id);
        }
        for (std::size_t i = 0; i < s_.higher_order.size(); ++i) {
            const auto& h = s_.higher_order[i];
            const std::string p = idx("higher_order", i);
            if (h.components.size() < 2)
                fail(p + ".components", "higher-order construct " + quote(h.id) + " has " + std::to_string(h.components.size()) +
                                            " lower-order construct(s) (expected at least two)");
            std::set<std::string> mine;
            for (std::size_t j = 0; j < h.components.size(); ++j) {
                const auto& c = h.components[j];
                const std::string cp = idx(p + ".components", j);
                if (!find_construct(c))
                    fail(cp, "higher-order construct " + quote(h.id) + ": unknown lower-order construct " + quote(c) +
                                 (hoc_ids_.count(c) ? " (a higher-order construct; expected a first-order one)" : ""));
                else if (!mine.insert(c).second)
                    fail(cp, "construct " + quote(c) + " is listed twice in higher-order construct " + quote(h.id));
            }
        }
        for (std::size_t i = 0; i < s_.interactions.size(); ++i) {
            const auto& x = s_.interactions[i];
            const std::string p = idx("interactions", i);
            for (const auto* id : {&x.predictor, &x.moderator})
                if (!is_node(*id)) fail(p, "interaction " + quote(x.id) + ": unknown construct " + quote(*id));
            if (x.predictor == x.moderator) fail(p, "interaction " + quote(x.id) + " of a construct with itself");
            if (x.id != x.predictor + "*" + x.moderator)
                fail(p + ".id", "interaction id " + quote(x.id) + " (expected " + quote(x.predictor + "*" + x.moderator) + ")");
            if (is_node(x.id) || !interaction_ids_.insert(x.id).second)
                fail(p + ".id", "interaction id " + quote(x.id) + " is used twice");
        }
    }

    void check_paths() {
        std::map<std::pair<std::string, std::string>, std::string> seen;
        std::map<std::string, std::vector<std::pair<std::string, std::size_t>>> next;  // from -> (to, path index)
        for (std::size_t i = 0; i < s_.paths.size(); ++i) {
            const auto& e = s_.paths[i];
            const std::string p = idx("paths", i);
            bool ok = true;
            if (!is_node(e.from) && !interaction_ids_.count(e.from)) fail(p + ".from", "unknown construct " + quote(e.from)), ok = false;
            if (!is_node(e.to))
                fail(p + ".to", interaction_ids_.count(e.to) ? "interaction term " + quote(e.to) + " cannot be a dependent construct"
                                                             : "unknown construct " + quote(e.to)),
                    ok = false;
            if (!ok) continue;
            if (e.from == e.to) {
                fail(p, "a construct cannot point to itself (" + e.from + " -> " + e.to + ")");
                continue;
            }
            if (auto [it, fresh] = seen.emplace(std::pair{e.from, e.to}, p); !fresh) {
                fail(p, "duplicate path " + e.from + " -> " + e.to + " (first at " + it->second + ")");
                continue;
            }
            next[e.from].push_back({e.to, i});
        }
        find_cycles(next);
    }

    /// Depth-first search; each edge that closes a loop is reported with the loop spelled out.
    void find_cycles(const std::map<std::string, std::vector<std::pair<std::string, std::size_t>>>& next) {
        enum class mark { fresh, open, done };
        std::map<std::string, mark> state;
        std::vector<std::string> stack;
        std::function<void(const std::string&)> visit = [&](const std::string& c) {
            state[c] = mark::open;
            stack.push_back(c);
            if (auto it = next.find(c); it != next.end()) {
                for (const auto& [to, i] : it->second) {
                    if (state[to] == mark::open) {
                        std::string loop;
                        auto from = std::find(stack.begin(), stack.end(), to);
                        for (auto k = from; k != stack.end(); ++k) loop += *k + " -> ";
                        fail(idx("paths", i), "the paths form a cycle " + loop + to +
                                                  " (expected an acyclic structural model)");
                    } else if (state[to] == mark::fresh) {
                        visit(to);
                    }
                }
            }
            stack.pop_back();
            state[c] = mark::done;
        };
        for (const auto& c : s_.constructs)
            if (state[c.id] == mark::fresh) visit(c.id);
        for (const auto& h : s_.higher_order)
            if (state[h.id] == mark::fresh) visit(h.id);
    }

    /// An optional reference to an item; true if it is set and known.
    bool check_named_item(const std::string& id, const char* where) {
        if (id.empty()) return false;
        if (find_item(id)) return true;
        fail(where, "unknown item " + quote(id));
        return false;
    }
};

}  // namespace

std::vector<problem> validate(const survey& s) { return checker(s).run(); }

CSIKIT_NAMESPACE_END
