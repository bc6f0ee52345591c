// IPA of a survey without a path model (ipa_survey.hpp, docs/ipa.md "IPA from the schema").
// Factor scores are respondent-level 0-100 scores (items: linear rescaling with the scale's
// bounds; nodes: the weighted mean over the answered children, as the hierarchy index does), so
// stated importance, derived importance and performance all read the same numbers.
#include "csikit/ipa_survey.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/error.hpp"
#include "csikit/importance.hpp"
#include "csikit/pls.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) { throw argument_error(location{"", 0, field}, what); }

constexpr enum_name<importance_source> source_names[] = {
    {importance_source::stated, "stated"}, {importance_source::correlation, "correlation"},
    {importance_source::beta, "beta"},     {importance_source::pratt, "pratt"},
    {importance_source::relative_weights, "relative_weights"}, {importance_source::lmg, "lmg"}};

importance_measure measure_of(importance_source s) {
    switch (s) {
        case importance_source::correlation: return importance_measure::correlation;
        case importance_source::beta: return importance_measure::beta;
        case importance_source::pratt: return importance_measure::pratt;
        case importance_source::lmg: return importance_measure::lmg;
        default: return importance_measure::relative_weights;
    }
}

void collect_nodes(const node& n, std::vector<ipa_factor_source>& out) {
    if (!n.importance_item.empty()) {
        if (n.is_leaf()) out.push_back({n.item, "item", n.importance_item});
        else out.push_back({n.id, "node", n.importance_item});
    }
    for (const auto& c : n.children) collect_nodes(c, out);
}

void collect_leaves(const node& n, std::vector<std::string>& out) {
    if (n.is_leaf()) out.push_back(n.item);
    for (const auto& c : n.children) collect_leaves(c, out);
}

const node* find_node(const node& n, std::string_view id) {
    if (n.id == id) return &n;
    for (const auto& c : n.children)
        if (const node* f = find_node(c, id)) return f;
    return nullptr;
}

/// Respondent 0-100 scores of one factor (NaN = no answer).
class scorer {
public:
    scorer(const survey& s, const responses& d) : s_(s), d_(d) {}

    Eigen::VectorXd item(const std::string& id) const {
        const scale& sc = s_.scale_of(id);
        const Eigen::Index col = d_.column(id);
        Eigen::VectorXd out(d_.values.rows());
        for (Eigen::Index r = 0; r < out.size(); ++r) out(r) = 100.0 * (d_.values(r, col) - sc.min) / (sc.max - sc.min);
        return out;
    }

    /// The node's respondent score: children weighted, weights renormalised over the answered.
    Eigen::VectorXd of(const node& n) const {
        if (n.is_leaf()) return item(n.item);
        const Eigen::Index rows = d_.values.rows();
        Eigen::VectorXd sum = Eigen::VectorXd::Zero(rows), wsum = Eigen::VectorXd::Zero(rows);
        for (const auto& c : n.children) {
            const Eigen::VectorXd x = of(c);
            for (Eigen::Index r = 0; r < rows; ++r)
                if (!std::isnan(x(r))) sum(r) += c.weight * x(r), wsum(r) += c.weight;
        }
        Eigen::VectorXd out(rows);
        for (Eigen::Index r = 0; r < rows; ++r) out(r) = wsum(r) > 0 ? sum(r) / wsum(r) : std::nan("");
        return out;
    }

    Eigen::VectorXd factor(const ipa_factor_source& f) const {
        if (f.kind == "item") return item(f.id);
        const node* n = s_.hierarchy ? find_node(*s_.hierarchy, f.id) : nullptr;
        if (!n) bad(f.id, "unknown hierarchy node");
        return of(*n);
    }

private:
    const survey& s_;
    const responses& d_;
};

double weighted_mean(const Eigen::VectorXd& x, const Eigen::VectorXd& w) {
    double sw = 0, swx = 0;
    for (Eigen::Index r = 0; r < x.size(); ++r)
        if (!std::isnan(x(r))) sw += w(r), swx += w(r) * x(r);
    return sw > 0 ? swx / sw : std::nan("");
}

std::string label_of(const survey& s, const ipa_factor_source& f, localized_text& out) {
    if (f.kind == "item") {
        if (const item* it = s.find_item(f.id)) out = it->text;
    } else if (s.hierarchy) {
        if (const node* n = find_node(*s.hierarchy, f.id)) out = n->label;
    }
    return f.id;
}

struct one_map {
    ipa_result map;
    double r2 = 0;
    std::size_t used = 0;
};

/// The map of the respondents of `data` (the whole sample or one group).
one_map map_of(const survey& s, const responses& data, const std::vector<ipa_factor_source>& sources,
               importance_source source, const survey_ipa_options& o) {
    const scorer sc(s, data);
    const Eigen::VectorXd w = o.use_weights && data.weighted ? data.weights : Eigen::VectorXd::Ones(data.values.rows());
    std::vector<Eigen::VectorXd> perf_scores;
    for (const auto& f : sources) perf_scores.push_back(sc.factor(f));
    std::vector<ipa_factor> factors(sources.size());
    for (std::size_t k = 0; k < sources.size(); ++k) {
        label_of(s, sources[k], factors[k].label);
        factors[k].id = sources[k].id;
        factors[k].performance = weighted_mean(perf_scores[k], w);
        if (std::isnan(factors[k].performance))
            throw data_error(location{data.source, 0, sources[k].id}, "no respondent answered this factor (expected answers to compute its performance)");
    }
    one_map out;
    ipa_options mo = o.map;
    if (source == importance_source::stated) {
        for (std::size_t k = 0; k < sources.size(); ++k) {
            factors[k].importance = weighted_mean(sc.item(sources[k].importance_item), w);
            if (std::isnan(factors[k].importance))
                throw data_error(location{data.source, 0, sources[k].importance_item},
                                 "no respondent answered the importance item of " + sources[k].id + " (expected answers)");
        }
        mo.importance_scale = {0, 100};
    } else {
        // Derived: the measure on the moments of the factor scores and the overall item.
        responses tmp;
        const std::size_t p = sources.size();
        tmp.values.resize(data.values.rows(), static_cast<Eigen::Index>(p + 1));
        std::vector<std::string> drivers;
        for (std::size_t k = 0; k < p; ++k) {
            tmp.values.col(static_cast<Eigen::Index>(k)) = perf_scores[k];
            drivers.push_back(sources[k].id);
        }
        tmp.values.col(static_cast<Eigen::Index>(p)) = data.values.col(data.column(s.overall_item));
        tmp.item_ids = drivers;
        tmp.item_ids.push_back(s.overall_item);
        tmp.weights = w;
        tmp.weighted = o.use_weights && data.weighted;
        tmp.source = data.source;
        const moments m = compute_moments(tmp, tmp.item_ids, missing_treatment::listwise, true);
        const importance_table t = importance_all(m, drivers, s.overall_item, source == importance_source::lmg);
        const Eigen::VectorXd& imp = t.get(measure_of(source));
        for (std::size_t k = 0; k < p; ++k) factors[k].importance = imp(static_cast<Eigen::Index>(k));
        out.r2 = t.r2;
        out.used = m.respondents_used;
        // The measure's own range for the midpoint cross-hair: correlations and betas -1..1,
        // shares of R^2 0..R^2.
        if (source == importance_source::correlation || source == importance_source::beta) mo.importance_scale = {-1, 1};
        else mo.importance_scale = {0, std::max(t.r2, 1e-12)};
    }
    mo.performance_scale = {0, 100};
    out.map = ipa(factors, mo);
    return out;
}

}  // namespace

const char* to_string(importance_source s) noexcept { return name_of(source_names, s, "unknown"); }

importance_source parse_importance_source(std::string_view name) {
    if (name == "rwa") return importance_source::relative_weights;
    if (name == "shapley") return importance_source::lmg;
    for (const auto& e : source_names)
        if (name == e.text) return e.value;
    bad("importance", "unknown importance \"" + std::string(name) +
                          "\" (expected stated, correlation, beta, pratt, rwa (relative_weights) or lmg)");
}

std::vector<ipa_factor_source> ipa_factor_sources(const survey& s) {
    std::vector<ipa_factor_source> out;
    std::set<std::string> seen;
    if (s.hierarchy) collect_nodes(*s.hierarchy, out);
    for (const auto& f : out) seen.insert(f.id);
    for (const auto& it : s.items)
        if (!it.importance_item.empty() && !seen.count(it.id)) out.push_back({it.id, "item", it.importance_item});
    if (!out.empty()) return out;
    std::set<std::string> importance_items;
    for (const auto& it : s.items)
        if (!it.importance_item.empty()) importance_items.insert(it.importance_item);
    std::vector<std::string> ids;
    if (s.hierarchy) collect_leaves(*s.hierarchy, ids);
    else
        for (const auto& it : s.items) ids.push_back(it.id);
    for (const auto& id : ids)
        if (id != s.overall_item && id != s.nps_item && !importance_items.count(id)) out.push_back({id, "item", ""});
    return out;
}

bool ipa_possible(const survey& s) {
    for (const auto& it : s.items)
        if (!it.importance_item.empty()) return true;
    const auto f = ipa_factor_sources(s);
    if (!f.empty() && !f.front().importance_item.empty()) return true;
    return !s.overall_item.empty() && f.size() >= 2;
}

survey_ipa_result survey_ipa(const survey& s, const responses& data, const survey_ipa_options& options) {
    survey_ipa_result out;
    out.factors = ipa_factor_sources(s);
    const bool paired = !out.factors.empty() && !out.factors.front().importance_item.empty();
    out.importance = options.importance.value_or(paired ? importance_source::stated : importance_source::relative_weights);
    if (out.importance == importance_source::stated) {
        if (!paired)
            bad("importance", "stated importance needs importance items, but no item or hierarchy node of the schema names an "
                              "\"importance_item\" (expected e.g. \"importance_item\": \"IMP_DELIVERY\" on a performance item, "
                              "or derived importance with an \"overall_item\")");
    } else {
        if (s.overall_item.empty())
            bad("importance", std::string("derived importance (") + to_string(out.importance) +
                                  ") needs the schema's \"overall_item\" (expected the overall-satisfaction item to derive importance against)");
        if (out.factors.size() < 2)
            bad("importance", "derived importance needs at least two driver items besides the overall item (the schema has " +
                                  std::to_string(out.factors.size()) + ")");
        out.outcome = s.overall_item;
        if (out.importance == importance_source::lmg && out.factors.size() > max_ipa_lmg_drivers)
            bad("importance", "LMG is exact over all 2^p subsets and allows at most " + std::to_string(max_ipa_lmg_drivers) +
                                  " drivers; the map has " + std::to_string(out.factors.size()) +
                                  " (expected fewer drivers, or --importance rwa, which gives nearly the same shares)");
        for (const auto& f : out.factors)
            if (f.id == s.overall_item) bad(f.id, "the overall item cannot also be a factor of its own importance");
    }
    if (options.map.diagonal && out.importance != importance_source::stated)
        out.notes.push_back("the diagonal compares importance and performance on one metric; with derived importance (" +
                            std::string(to_string(out.importance)) + ") read the quadrants and the priority order instead");
    out.respondents = data.respondents();
    const one_map all = map_of(s, data, out.factors, out.importance, options);
    out.map = all.map;
    out.r2 = all.r2;
    out.used = out.importance == importance_source::stated ? data.respondents() : all.used;
    if (!options.by.empty()) {
        const auto g = data.groups.find(options.by);
        if (g == data.groups.end()) {
            std::string known;
            for (const auto& [name, v] : data.groups) known += (known.empty() ? "" : ", ") + name;
            bad("by", "\"" + options.by + "\" is not a segment or wave column of the schema (expected one of: " +
                          (known.empty() ? "none defined" : known) + ")");
        }
        out.by = options.by;
        std::map<std::string, std::vector<Eigen::Index>> rows;
        for (std::size_t r = 0; r < g->second.size(); ++r)
            if (!g->second[r].empty()) rows[g->second[r]].push_back(static_cast<Eigen::Index>(r));
        for (const auto& [value, idx] : rows) {
            survey_ipa_group e;
            e.value = value;
            e.respondents = idx.size();
            try {
                e.map = map_of(s, data.subset(idx), out.factors, out.importance, options).map;
            } catch (const error& err) {
                e.note = err.what();  // a small group with a constant driver: the others still print
            }
            out.groups.push_back(std::move(e));
        }
    }
    return out;
}

CSIKIT_NAMESPACE_END
