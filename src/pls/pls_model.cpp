// The PLS model: checking its structure and compiling ids into
// indices with a topological order of the path model.
#include "pls_internal.hpp"

#include "csikit/enum_names.hpp"

#include <algorithm>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN

int pls_fit::construct_index(std::string_view id) const noexcept {
    for (std::size_t j = 0; j < constructs.size(); ++j)
        if (constructs[j] == id) return static_cast<int>(j);
    return -1;
}

int pls_fit::indicator_index(std::string_view id) const noexcept {
    for (std::size_t h = 0; h < indicators.size(); ++h)
        if (indicators[h] == id) return static_cast<int>(h);
    return -1;
}

namespace pls_detail {
namespace {

problem model_problem(const std::string& field, const std::string& message) {
    return problem{location{"", 0, field}, message};
}

/// Depth-first search for a cycle; returns it as "A -> B -> A" or "" if the graph is acyclic.
std::string find_cycle(const compiled_model& cm) {
    std::vector<int> state(static_cast<std::size_t>(cm.J), 0);  // 0 new, 1 on stack, 2 done
    std::vector<int> stack;
    std::string cycle;
    auto visit = [&](auto&& self, int v) -> bool {
        state[static_cast<std::size_t>(v)] = 1;
        stack.push_back(v);
        for (int s : cm.successors[static_cast<std::size_t>(v)]) {
            if (state[static_cast<std::size_t>(s)] == 1) {
                auto from = std::find(stack.begin(), stack.end(), s);
                for (auto it = from; it != stack.end(); ++it) cycle += cm.constructs[static_cast<std::size_t>(*it)] + " -> ";
                cycle += cm.constructs[static_cast<std::size_t>(s)];
                return true;
            }
            if (state[static_cast<std::size_t>(s)] == 0 && self(self, s)) return true;
        }
        stack.pop_back();
        state[static_cast<std::size_t>(v)] = 2;
        return false;
    };
    for (int v = 0; v < cm.J; ++v)
        if (state[static_cast<std::size_t>(v)] == 0 && visit(visit, v)) return cycle;
    return {};
}

}  // namespace

compiled_model compile(const pls_model& model) {
    compiled_model cm;
    std::vector<problem> problems;
    std::map<std::string, int> construct_of;
    std::map<std::string, std::string> block_of_item;
    for (const auto& c : model.constructs) {
        const std::string field = "constructs[" + c.id + "]";
        if (construct_of.count(c.id)) {
            problems.push_back(model_problem(field, "construct \"" + c.id + "\" is declared twice (expected unique ids)"));
            continue;
        }
        construct_of[c.id] = cm.J++;
        cm.constructs.push_back(c.id);
        cm.modes.push_back(c.mode);
        cm.start.push_back(cm.p);
        cm.size.push_back(static_cast<int>(c.items.size()));
        cm.anchor.push_back(-1);
        if (c.items.empty()) {
            problems.push_back(model_problem(field, "construct \"" + c.id + "\" has no indicators (expected at least one item)"));
        }
        for (const auto& item : c.items) {
            auto [it, fresh] = block_of_item.emplace(item, c.id);
            if (!fresh) {
                problems.push_back(model_problem(field, "item \"" + item + "\" is an indicator of both \"" + it->second +
                                                            "\" and \"" + c.id + "\" (expected one block per item)"));
            }
            if (item == c.anchor) cm.anchor.back() = cm.p;
            cm.indicators.push_back(item);
            cm.block.push_back(cm.J - 1);
            ++cm.p;
        }
        if (!c.anchor.empty() && cm.anchor.back() < 0) {
            problems.push_back(model_problem(field, "anchor item \"" + c.anchor + "\" of construct \"" + c.id +
                                                        "\" is not one of its indicators (expected one of its items)"));
        }
    }
    cm.predecessors.resize(static_cast<std::size_t>(cm.J));
    cm.successors.resize(static_cast<std::size_t>(cm.J));
    std::set<std::pair<int, int>> seen;
    for (const auto& p : model.paths) {
        const std::string field = "paths[" + p.from + " -> " + p.to + "]";
        auto f = construct_of.find(p.from);
        auto t = construct_of.find(p.to);
        if (f == construct_of.end() || t == construct_of.end()) {
            const std::string& bad = f == construct_of.end() ? p.from : p.to;
            problems.push_back(model_problem(field, "path " + p.from + " -> " + p.to + " refers to unknown construct \"" +
                                                        bad + "\" (expected a declared construct)"));
            continue;
        }
        if (f->second == t->second) {
            problems.push_back(model_problem(field, "path " + p.from + " -> " + p.to + " is a self-loop (expected two constructs)"));
            continue;
        }
        if (!seen.insert({f->second, t->second}).second) continue;  // a repeated path adds nothing
        cm.predecessors[static_cast<std::size_t>(t->second)].push_back(f->second);
        cm.successors[static_cast<std::size_t>(f->second)].push_back(t->second);
    }
    for (auto& v : cm.predecessors) std::sort(v.begin(), v.end());
    for (auto& v : cm.successors) std::sort(v.begin(), v.end());
    if (cm.J > 1) {
        for (int j = 0; j < cm.J; ++j) {
            if (cm.predecessors[static_cast<std::size_t>(j)].empty() && cm.successors[static_cast<std::size_t>(j)].empty()) {
                problems.push_back(model_problem("constructs[" + cm.constructs[static_cast<std::size_t>(j)] + "]",
                                                 "construct \"" + cm.constructs[static_cast<std::size_t>(j)] +
                                                     "\" has no paths (expected at least one path to or from it)"));
            }
        }
    }
    if (cm.J == 0) problems.push_back(model_problem("constructs", "the model has no constructs (expected at least one)"));
    const std::string cycle = find_cycle(cm);
    if (!cycle.empty()) {
        problems.push_back(model_problem("paths", "the path model has a cycle " + cycle + " (expected a recursive model)"));
    }
    if (!problems.empty()) throw model_error(std::move(problems));

    // Kahn's algorithm, taking the lowest index first so the order is deterministic.
    std::vector<int> indegree(static_cast<std::size_t>(cm.J));
    for (int j = 0; j < cm.J; ++j) indegree[static_cast<std::size_t>(j)] = static_cast<int>(cm.predecessors[static_cast<std::size_t>(j)].size());
    std::set<int> ready;
    for (int j = 0; j < cm.J; ++j)
        if (indegree[static_cast<std::size_t>(j)] == 0) ready.insert(j);
    while (!ready.empty()) {
        const int v = *ready.begin();
        ready.erase(ready.begin());
        cm.order.push_back(v);
        for (int s : cm.successors[static_cast<std::size_t>(v)])
            if (--indegree[static_cast<std::size_t>(s)] == 0) ready.insert(s);
    }
    return cm;
}

Eigen::MatrixXd model_correlation(const compiled_model& cm, const moments& m, std::vector<Eigen::Index>& idx) {
    std::map<std::string_view, Eigen::Index> where;
    for (std::size_t k = 0; k < m.item_ids.size(); ++k) where.emplace(m.item_ids[k], static_cast<Eigen::Index>(k));
    idx.resize(static_cast<std::size_t>(cm.p));
    std::vector<problem> problems;
    bool identity = m.correlation.rows() == cm.p;
    for (int h = 0; h < cm.p; ++h) {
        auto it = where.find(cm.indicators[static_cast<std::size_t>(h)]);
        if (it == where.end()) {
            const std::string& c = cm.constructs[static_cast<std::size_t>(cm.block[static_cast<std::size_t>(h)])];
            problems.push_back(model_problem("constructs[" + c + "]", "construct \"" + c + "\": unknown item \"" +
                                                                        cm.indicators[static_cast<std::size_t>(h)] +
                                                                        "\" (expected an item of the data)"));
            continue;
        }
        idx[static_cast<std::size_t>(h)] = it->second;
        identity = identity && it->second == h;
    }
    if (!problems.empty()) throw model_error(std::move(problems));
    if (m.correlation.rows() != static_cast<Eigen::Index>(m.item_ids.size())) {
        throw argument_error(location{}, "estimate: moments have " + std::to_string(m.item_ids.size()) +
                                             " items but a " + std::to_string(m.correlation.rows()) +
                                             "-row correlation matrix (expected equal sizes)");
    }
    if (identity) return m.correlation;
    Eigen::MatrixXd S(cm.p, cm.p);
    for (int c = 0; c < cm.p; ++c)
        for (int r = 0; r < cm.p; ++r) S(r, c) = m.correlation(idx[static_cast<std::size_t>(r)], idx[static_cast<std::size_t>(c)]);
    return S;
}

}  // namespace pls_detail

void validate_model(const pls_model& model) { (void)pls_detail::compile(model); }

constexpr enum_name<inner_scheme> scheme_names[] = {
    {inner_scheme::path, "path"}, {inner_scheme::centroid, "centroid"}, {inner_scheme::factorial, "factorial"}};
constexpr enum_name<missing_treatment> missing_names[] = {{missing_treatment::listwise, "listwise"},
    {missing_treatment::mean_replacement, "mean"}, {missing_treatment::pairwise, "pairwise"}};

const char* scheme_name(inner_scheme scheme) noexcept { return name_of(scheme_names, scheme, "?"); }
const char* missing_name(missing_treatment missing) noexcept { return name_of(missing_names, missing, "?"); }

CSIKIT_NAMESPACE_END
