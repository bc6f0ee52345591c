// with_model / hierarchy_model: put a model (from syntax or from the hierarchy) into a survey.
#include "model_assign.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace schema_detail {

void assign_model(survey& s, const model_syntax& m) {
    s.constructs.clear();
    s.categorical = m.categorical;
    for (const auto& c : m.constructs) {
        const bool segment = c.items.size() == 1 && !s.find_item(c.items[0]) &&
                             std::find(s.segment_columns.begin(), s.segment_columns.end(), c.items[0]) != s.segment_columns.end();
        if (segment)
            s.categorical.push_back(categorical_construct{c.id, c.items[0], {}, c.label});
        else
            s.constructs.push_back(c);
    }
    s.paths = m.paths;
    s.higher_order = m.higher_order;
    s.interactions = m.interactions;
}

}  // namespace schema_detail

survey with_model(const survey& s, const model_syntax& m) {
    survey out = s;
    out.model.reset();  // the model replaces a bound preset too
    schema_detail::assign_model(out, m);
    // Keep the labels and anchors a construct of the same id had in the survey.
    for (auto& c : out.constructs)
        if (const construct* old = s.find_construct(c.id)) {
            if (c.label.empty()) c.label = old->label;
            if (c.anchor.empty() && std::find(c.items.begin(), c.items.end(), old->anchor) != c.items.end()) c.anchor = old->anchor;
        }
    std::vector<problem> problems;
    for (const auto& c : out.constructs)
        for (const auto& i : c.items)
            if (!out.find_item(i))
                problems.push_back({{"", 0, "construct " + c.id}, "unknown item \"" + i + "\" (expected an item id of the schema)"});
    if (!problems.empty()) throw schema_error(std::move(problems));
    if (auto more = validate(out); !more.empty()) throw schema_error(std::move(more));
    return out;
}

survey with_model_syntax(const survey& s, std::string_view text, const std::string& source) {
    const model_syntax m = parse_model_syntax(text, source);
    try {
        return with_model(s, m);
    } catch (schema_error& e) {
        std::vector<problem> ps = e.problems();
        for (auto& p : ps) p.where.file = source;
        throw schema_error(std::move(ps));
    }
}

model_syntax hierarchy_model(const survey& s, hoc_approach approach) {
    if (!s.hierarchy)
        throw schema_error(location{"", 0, "model.higher_order"},
                           "\"hierarchy\": the survey has no hierarchy (expected a \"hierarchy\" with dimensions over items)");
    model_syntax m;
    std::vector<problem> problems;
    std::set<std::string> in_hierarchy;
    // A node over items is first-order; a node over first-order nodes is higher-order.
    auto first_order = [&](const node& n) -> bool {
        if (n.is_leaf() || n.children.empty()) return false;
        for (const auto& c : n.children)
            if (!c.is_leaf()) return false;
        return true;
    };
    auto add_loc = [&](const node& n) {
        construct c;
        if (const construct* have = s.find_construct(n.id)) {
            c = *have;
        } else {
            c.id = n.id;
            c.label = n.label;
            for (const auto& leaf : n.children) c.items.push_back(leaf.item);
        }
        in_hierarchy.insert(c.id);
        m.constructs.push_back(std::move(c));
    };
    std::function<void(const node&, const std::string&)> walk = [&](const node& n, const std::string& where) {
        if (n.is_leaf()) return;
        if (first_order(n)) {
            if (where == "hierarchy")
                problems.push_back({{"", 0, where}, "the hierarchy's root \"" + n.id +
                                                        "\" is over items (expected dimensions over items for a second-order model)"});
            else
                add_loc(n);
            return;
        }
        bool all_loc = true;
        for (const auto& c : n.children) all_loc = all_loc && first_order(c);
        if (all_loc) {
            if (n.children.size() < 2) {
                problems.push_back({{"", 0, where}, "higher-order construct \"" + n.id + "\" has one lower-order construct \"" +
                                                        n.children[0].id + "\" (expected at least two)"});
                return;
            }
            higher_order_construct h;
            h.id = n.id;
            h.label = n.label;
            h.approach = approach;
            for (const auto& c : n.children) {
                add_loc(c);
                h.components.push_back(c.id);
            }
            in_hierarchy.insert(h.id);
            m.higher_order.push_back(std::move(h));
            return;
        }
        for (const auto& c : n.children)
            if (c.is_leaf() || first_order(c)) {
                problems.push_back({{"", 0, where}, "node \"" + n.id + "\" mixes " + (c.is_leaf() ? "items" : "dimensions over items") +
                                                        " with deeper nodes (expected a second-order model: dimensions over items, "
                                                        "higher-order constructs over dimensions)"});
                return;
            }
        if (where != "hierarchy") {
            problems.push_back({{"", 0, where}, "node \"" + n.id + "\" is a third-order construct (expected at most a second-order model)"});
            return;
        }
        for (std::size_t i = 0; i < n.children.size(); ++i) walk(n.children[i], where + ".children[" + std::to_string(i) + "]");
    };
    walk(*s.hierarchy, "hierarchy");
    if (m.higher_order.empty() && problems.empty())
        problems.push_back({{"", 0, "hierarchy"}, "the hierarchy has no node over dimensions (expected a second-order level)"});
    if (!problems.empty()) throw schema_error(std::move(problems));
    // The survey's other constructs, then its paths moved from LOCs to their HOC.
    for (const auto& c : s.constructs)
        if (!in_hierarchy.count(c.id)) m.constructs.push_back(c);
    std::map<std::string, std::string> hoc_of;
    for (const auto& h : m.higher_order)
        for (const auto& c : h.components) hoc_of[c] = h.id;
    std::set<std::pair<std::string, std::string>> seen;
    for (path e : s.paths) {
        const auto hf = hoc_of.find(e.from), ht = hoc_of.find(e.to);
        if (hf != hoc_of.end() && ht != hoc_of.end() && hf->second == ht->second) continue;  // inside one HOC
        if (hf != hoc_of.end()) e.from = hf->second;
        if (ht != hoc_of.end()) e.to = ht->second;
        if (seen.insert({e.from, e.to}).second) m.paths.push_back(e);
    }
    return m;
}

CSIKIT_NAMESPACE_END
