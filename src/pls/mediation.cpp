// Specific indirect effects: every directed chain of the structural model by depth-first search
// over the paths, and the mediation classes (include/csikit/mediation.hpp).
#include "csikit/mediation.hpp"

#include "csikit/error.hpp"

#include <algorithm>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// successors[j]: the constructs j has a path to, in model path order; model_error for a path
/// naming a construct the fit does not have.
std::vector<std::vector<int>> successors(const pls_model& model, const pls_fit& fit) {
    std::vector<std::vector<int>> out(fit.constructs.size());
    for (const auto& e : model.paths) {
        const int f = fit.construct_index(e.from), t = fit.construct_index(e.to);
        if (f < 0 || t < 0)
            throw model_error(location{"", 0, f < 0 ? e.from : e.to},
                              "mediation: construct \"" + (f < 0 ? e.from : e.to) +
                                  "\" of the model is not in the fit (expected the fit of this model)");
        out[static_cast<std::size_t>(f)].push_back(t);
    }
    return out;
}

std::string label_of(const pls_fit& fit, const std::vector<int>& c) {
    std::string s;
    for (int j : c) s += (s.empty() ? "" : " -> ") + fit.constructs[static_cast<std::size_t>(j)];
    return s;
}

double product(const pls_fit& fit, const std::vector<int>& c) {
    double v = 1;
    for (std::size_t k = 0; k + 1 < c.size(); ++k) v *= fit.paths(c[k + 1], c[k]);
    return v;
}

}  // namespace

std::string chain_label(const std::vector<std::string>& ids) {
    std::string s;
    for (const auto& id : ids) s += (s.empty() ? "" : " -> ") + id;
    return s;
}

std::vector<indirect_chain> specific_indirect_effects(const pls_model& model, const pls_fit& fit) {
    const auto succ = successors(model, fit);
    std::vector<std::vector<int>> chains;
    std::vector<int> stack;
    // The structural model is acyclic (validate_model), so every walk ends.
    auto walk = [&](auto&& self, int j) -> void {
        stack.push_back(j);
        if (stack.size() >= 3) {
            if (chains.size() == max_indirect_chains)
                throw model_error(location{"", 0, "mediation"},
                                  "the model has more than " + std::to_string(max_indirect_chains) +
                                      " specific indirect effects, the limit max_indirect_chains (expected fewer paths)");
            chains.push_back(stack);
        }
        for (int k : succ[static_cast<std::size_t>(j)]) self(self, k);
        stack.pop_back();
    };
    for (int j = 0; j < static_cast<int>(fit.constructs.size()); ++j) walk(walk, j);
    std::stable_sort(chains.begin(), chains.end(), [](const std::vector<int>& a, const std::vector<int>& b) {
        if (a.front() != b.front()) return a.front() < b.front();
        if (a.size() != b.size()) return a.size() < b.size();
        return a < b;
    });
    std::vector<indirect_chain> out;
    out.reserve(chains.size());
    for (auto& c : chains) out.push_back(indirect_chain{c, label_of(fit, c), product(fit, c)});
    return out;
}

/// The structural model of a fit: its non-zero paths.
pls_model paths_of(const pls_fit& fit) {
    pls_model m;
    for (Eigen::Index f = 0; f < fit.paths.cols(); ++f)
        for (Eigen::Index t = 0; t < fit.paths.rows(); ++t)
            if (fit.paths(t, f) != 0)
                m.paths.push_back(path{fit.constructs[static_cast<std::size_t>(f)], fit.constructs[static_cast<std::size_t>(t)]});
    return m;
}

std::vector<indirect_chain> specific_indirect_effects(const pls_fit& fit) { return specific_indirect_effects(paths_of(fit), fit); }

indirect_chain specific_indirect_effect(const pls_fit& fit, const std::vector<std::string>& ids) {
    return specific_indirect_effect(paths_of(fit), fit, ids);
}

indirect_chain specific_indirect_effect(const pls_model& model, const pls_fit& fit, const std::vector<std::string>& ids) {
    const std::string label = chain_label(ids);
    auto bad = [&](const std::string& why) {
        throw model_error(location{"", 0, "mediation"}, "the chain \"" + label + "\" " + why);
    };
    if (ids.size() < 3) bad("has no mediator (expected from, at least one construct through, to)");
    const auto succ = successors(model, fit);
    std::vector<int> c;
    for (const auto& id : ids) {
        const int j = fit.construct_index(id);
        if (j < 0) bad("names \"" + id + "\", which is not a construct of the model (expected construct ids)");
        if (std::find(c.begin(), c.end(), j) != c.end()) bad("passes \"" + id + "\" twice (expected a directed path)");
        c.push_back(j);
    }
    for (std::size_t k = 0; k + 1 < c.size(); ++k) {
        const auto& s = succ[static_cast<std::size_t>(c[k])];
        if (std::find(s.begin(), s.end(), c[k + 1]) == s.end())
            bad("is not a path in the model: there is no path " + ids[k] + " -> " + ids[k + 1] +
                " (expected each step to be a path of the model)");
    }
    return indirect_chain{c, label_of(fit, c), product(fit, c)};
}

const char* to_string(mediation_type t) noexcept {
    switch (t) {
    case mediation_type::no_effect: return "no_effect";
    case mediation_type::direct_only: return "direct_only";
    case mediation_type::indirect_only: return "indirect_only";
    case mediation_type::complementary: return "complementary";
    case mediation_type::competitive: return "competitive";
    }
    return "?";
}

const char* mediation_label(mediation_type t, const std::string& language) {
    const bool zh = language.rfind("zh", 0) == 0;
    switch (t) {
    case mediation_type::no_effect: return zh ? "无效应（无中介）" : "no effect (no mediation)";
    case mediation_type::direct_only: return zh ? "仅直接效应（无中介）" : "direct-only (no mediation)";
    case mediation_type::indirect_only: return zh ? "仅间接效应（完全中介）" : "indirect-only (full mediation)";
    case mediation_type::complementary: return zh ? "互补型部分中介" : "complementary partial mediation";
    case mediation_type::competitive: return zh ? "竞争型部分中介" : "competitive partial mediation";
    }
    return "?";
}

mediation_type classify_mediation(bool indirect_significant, double indirect, bool direct_significant, double direct) noexcept {
    if (indirect_significant && direct_significant)
        return indirect * direct > 0 ? mediation_type::complementary : mediation_type::competitive;
    if (indirect_significant) return mediation_type::indirect_only;
    if (direct_significant) return mediation_type::direct_only;
    return mediation_type::no_effect;
}

CSIKIT_NAMESPACE_END
