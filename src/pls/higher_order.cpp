// Higher-order constructs as model transformations (docs/pls.md, "Higher-order constructs"):
//   repeated indicators  the HOC is measured by copies of every LOC item ("ITEM@HOC"), with
//                        paths HOC -> LOC (mode A) or LOC -> HOC (mode B);
//   two-stage            stage 1: the model without the HOC, its paths moved to every LOC;
//                        stage 2: the HOC measured by the LOCs' standardised stage-1 scores
//                        (seminr's two_stage), the LOCs left out;
//   embedded two-stage   stage 1: repeated indicators; stage 2 as two-stage.
#include "model_expand_internal.hpp"

#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace expand_detail {
namespace {

void check_hocs(const pls_model& m) {
    std::vector<problem> problems;
    std::set<std::string> ids;
    for (const auto& c : m.constructs) ids.insert(c.id);
    for (const auto& h : m.higher_order) {
        if (h.components.size() < 2)
            problems.push_back({{"", 0, h.id}, "higher-order construct \"" + h.id + "\" has " + std::to_string(h.components.size()) +
                                                   " lower-order construct(s) (expected at least two)"});
        for (const auto& c : h.components)
            if (!ids.count(c))
                problems.push_back({{"", 0, h.id}, "higher-order construct \"" + h.id + "\": unknown lower-order construct \"" + c + "\""});
        if (ids.count(h.id)) problems.push_back({{"", 0, h.id}, "construct \"" + h.id + "\" is declared twice"});
    }
    if (!problems.empty()) throw model_error(std::move(problems));
}

/// The HOC measured by copies of its LOCs' items, plus the HOC-LOC paths.
void add_repeated(pls_model& m, responses& data, const higher_order_construct& h, std::vector<std::string>* derived = nullptr) {
    construct hoc;
    hoc.id = h.id;
    hoc.label = h.label;
    hoc.mode = h.mode;
    for (const auto& loc : h.components) {
        const construct* c = find(m, loc);
        for (const auto& item : c->items) {
            const std::string alias = item + "@" + h.id;
            append_column(data, alias, data.values.col(data.column(item)));
            hoc.items.push_back(alias);
            if (derived) derived->push_back(alias);
        }
    }
    m.constructs.push_back(std::move(hoc));
    for (const auto& loc : h.components)
        m.paths.push_back(h.mode == outer_mode::A ? path{h.id, loc} : path{loc, h.id});
}

bool is_interaction(const pls_model& m, const std::string& id) {
    for (const auto& x : m.interactions)
        if (x.id == id) return true;
    return false;
}

}  // namespace

void expand_higher_order(expanded_model& e, const pls_options& options) {
    pls_model& m = e.model;
    if (m.higher_order.empty()) return;
    check_hocs(m);
    const std::vector<higher_order_construct> hocs = m.higher_order;
    bool staged = false;
    for (const auto& h : hocs) staged = staged || h.approach != hoc_approach::repeated_indicators;
    if (!staged) {
        for (const auto& h : hocs) add_repeated(m, e.data, h, &e.derived);
        return;
    }
    // Stage 1: repeated-indicator and embedded HOCs by repeated indicators; two-stage HOCs
    // replaced by their LOCs, which take over the HOC's paths. Interaction terms wait for stage 2.
    std::map<std::string, const higher_order_construct*> two_stage;
    for (const auto& h : hocs)
        if (h.approach == hoc_approach::two_stage) two_stage[h.id] = &h;
    pls_model s1;
    s1.constructs = m.constructs;
    responses d1 = e.data;
    std::set<std::pair<std::string, std::string>> seen;
    auto add_path = [&](const std::string& from, const std::string& to) {
        if (from != to && seen.insert({from, to}).second) s1.paths.push_back(path{from, to});
    };
    for (const auto& p : m.paths) {
        if (is_interaction(m, p.from)) continue;
        std::vector<std::string> froms{p.from}, tos{p.to};
        if (auto it = two_stage.find(p.from); it != two_stage.end()) froms = it->second->components;
        if (auto it = two_stage.find(p.to); it != two_stage.end()) tos = it->second->components;
        for (const auto& f : froms)
            for (const auto& t : tos) add_path(f, t);
    }
    for (const auto& h : hocs)
        if (h.approach != hoc_approach::two_stage) add_repeated(s1, d1, h);
    pls_options o1 = options;
    o1.keep_scores = true;
    o1.quality = true;
    e.stage1 = estimate(s1, d1, o1);
    const pls_fit& f1 = *e.stage1;
    e.stage1_model = s1;
    e.stage1_data = std::move(d1);

    // Stage 2: every HOC over its LOCs' scores; LOCs without paths of their own are left out.
    std::set<std::string> referenced;
    for (const auto& p : m.paths) referenced.insert(p.from), referenced.insert(p.to);
    std::set<std::string> locs;
    for (const auto& h : hocs)
        for (const auto& c : h.components) locs.insert(c);
    pls_model s2;
    for (const auto& c : m.constructs)
        if (!locs.count(c.id) || referenced.count(c.id)) s2.constructs.push_back(c);
    for (const auto& h : hocs) {
        construct hoc;
        hoc.id = h.id;
        hoc.label = h.label;
        hoc.mode = h.mode;
        for (const auto& loc : h.components) {
            const int j = f1.construct_index(loc);
            const std::string name = free_name(e.data, loc, "@score");
            append_column(e.data, name, f1.scores.col(j));
            e.derived.push_back(name);
            e.stage1_scores.emplace_back(name, loc);
            hoc.items.push_back(name);
        }
        s2.constructs.push_back(std::move(hoc));
    }
    s2.paths = m.paths;
    s2.interactions = m.interactions;
    m = std::move(s2);
}

std::vector<higher_order_result> higher_order_results(const pls_model& original, const expanded_model& e, const pls_fit& fit) {
    std::vector<higher_order_result> out;
    for (const auto& h : original.higher_order) {
        higher_order_result r;
        r.id = h.id;
        r.approach = h.approach;
        r.mode = h.mode;
        r.components = h.components;
        const int jh = fit.construct_index(h.id);
        for (const auto& loc : h.components) {
            double w = std::nan(""), l = std::nan("");
            if (h.approach == hoc_approach::repeated_indicators) {
                const int jl = fit.construct_index(loc);
                if (jh >= 0 && jl >= 0) {
                    w = h.mode == outer_mode::A ? fit.paths(jl, jh) : fit.paths(jh, jl);
                    l = fit.construct_correlation(jl, jh);
                }
            } else {
                // The LOC's score column is an indicator of the HOC in stage 2.
                for (std::size_t k = 0; k < fit.indicators.size(); ++k) {
                    const std::string& id = fit.indicators[k];
                    if (fit.block[k] == jh && (id == loc || id == loc + "@score")) {
                        w = fit.weights[static_cast<Eigen::Index>(k)];
                        l = fit.loadings[static_cast<Eigen::Index>(k)];
                    }
                }
            }
            r.weights.push_back(w);
            r.loadings.push_back(l);
        }
        out.push_back(std::move(r));
    }
    (void)e;
    return out;
}

}  // namespace expand_detail

CSIKIT_NAMESPACE_END
