// to_json(): the report.json document of a fit and its bootstrap (field list: docs/report.md).
#include "json_write.hpp"

#include "csikit/version.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

CSIKIT_NAMESPACE_BEGIN

namespace {

using json_write::json;
using json_write::num;

/// Element (i) of a vector that may be empty when a criterion was not computed.
json at(const Eigen::VectorXd& v, Eigen::Index i) { return i < v.size() ? num(v[i]) : json(nullptr); }

/// Element (r, c) of a matrix that may be empty when a criterion was not computed.
json at(const Eigen::MatrixXd& m, Eigen::Index r, Eigen::Index c) {
    return r < m.rows() && c < m.cols() ? num(m(r, c)) : json(nullptr);
}

/// Adds the bootstrap statistics of `q` to `obj`, each key prefixed (e.g. "weight_se").
void add_boot(json& obj, const bootstrap_parameter* q, const std::string& prefix) {
    if (!q) return;
    obj[prefix + "mean"] = num(q->mean);
    obj[prefix + "se"] = num(q->se);
    obj[prefix + "t"] = num(q->t);
    obj[prefix + "p"] = num(q->p);
    obj[prefix + "ci_low"] = num(q->ci_low);
    obj[prefix + "ci_high"] = num(q->ci_high);
    obj[prefix + "bca_low"] = num(q->bca_low);
    obj[prefix + "bca_high"] = num(q->bca_high);
}

/// Bootstrap summaries by (kind, label) for quick lookup.
using boot_index = std::map<std::pair<parameter_kind, std::string>, const bootstrap_parameter*>;

boot_index index_boot(const bootstrap_result* boot) {
    boot_index idx;
    if (boot) {
        for (const auto& q : boot->parameters) idx[{q.kind, q.label}] = &q;
        for (const auto& q : boot->indices) idx[{q.kind, q.label}] = &q;
        for (const auto& q : boot->criteria) idx[{q.kind, q.label}] = &q;
        for (const auto& q : boot->indirect_effects) idx[{q.kind, q.label}] = &q;
    }
    return idx;
}

const bootstrap_parameter* find(const boot_index& idx, parameter_kind kind, const std::string& label) {
    auto it = idx.find({kind, label});
    return it == idx.end() ? nullptr : it->second;
}

/// A J x J matrix as {"constructs": [...], "values": [[row]...]} (row = first index).
json square(const pls_fit& fit, const Eigen::MatrixXd& m) {
    if (m.size() == 0) return nullptr;
    json values = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c) row.push_back(num(m(r, c)));
        values.push_back(std::move(row));
    }
    return json{{"constructs", fit.constructs}, {"values", std::move(values)}};
}

json settings(const pls_fit& fit, const bootstrap_result* boot) {
    const pls_options& o = fit.options;
    json s;
    s["scheme"] = scheme_name(o.scheme);
    s["mode"] = fit.consistent ? "plsc" : "pls";
    s["missing"] = missing_name(o.missing);
    s["tolerance"] = o.tolerance;
    s["max_iterations"] = o.max_iterations;
    s["stopping"] = o.stopping == stop_rule::plspm ? "plspm" : "max_abs_change";
    s["iterations"] = fit.iterations;
    s["converged"] = fit.converged;
    s["weight_change"] = num(fit.weight_change);
    s["use_weights"] = o.use_weights;
    s["seed"] = boot ? json(boot->seed) : json(nullptr);
    s["resamples"] = boot ? json(boot->resamples) : json(nullptr);
    s["threads"] = boot ? json(boot->threads) : json(nullptr);
    s["confidence"] = boot ? json(boot->confidence) : json(nullptr);
    return s;
}

json sample(const pls_fit& fit) {
    const moments& m = fit.data;
    return json{{"respondents", m.respondents_total},
                {"used", m.respondents_used},
                {"answers_used", m.answers_used},
                {"imputed", m.answers_imputed},
                {"effective_n", num(m.effective_n)},
                {"missing", m.respondents_total - m.respondents_used},
                {"missing_share", m.respondents_total ? json(static_cast<double>(m.respondents_total - m.respondents_used) /
                                                            static_cast<double>(m.respondents_total))
                                                      : json(nullptr)},
                {"warning", [&] {
                     const std::string w = missing_data_warning(fit);
                     return w.empty() ? json(nullptr) : json(w);
                 }()}};
}

/// The normalised index weight (w^, sum 1 per block) of each indicator id, from an analysis.
std::map<std::string, double> index_weights(const index_analysis* a) {
    std::map<std::string, double> out;
    if (!a || !a->overall.estimated) return out;
    for (const auto& c : a->overall.indices.constructs)
        for (std::size_t i = 0; i < c.items.size() && static_cast<Eigen::Index>(i) < c.weights.size(); ++i)
            out[c.items[i]] = c.weights(static_cast<Eigen::Index>(i));
    return out;
}

json indicators(const pls_fit& fit, const boot_index& bi, const index_analysis* a) {
    const auto iw = index_weights(a);
    json out = json::array();
    for (std::size_t h = 0; h < fit.indicators.size(); ++h) {
        const auto i = static_cast<Eigen::Index>(h);
        const int j = fit.block[h];
        const std::string& id = fit.indicators[h];
        const auto k = static_cast<Eigen::Index>(
            std::find(fit.data.item_ids.begin(), fit.data.item_ids.end(), id) - fit.data.item_ids.begin());
        json e;
        e["id"] = id;
        e["construct"] = fit.constructs[static_cast<std::size_t>(j)];
        e["weight"] = at(fit.weights, i);
        e["weight_unstandardized"] = at(fit.weights_unstandardized, i);
        e["loading"] = at(fit.loadings, i);
        const json l = at(fit.loadings, i);
        e["communality"] = l.is_null() ? json(nullptr) : json(l.get<double>() * l.get<double>());
        e["outer_vif"] = at(fit.outer_vif, i);
        e["mean"] = at(fit.data.mean, k);
        e["sd"] = at(fit.data.sd, k);
        add_boot(e, find(bi, parameter_kind::weight, id), "weight_");
        add_boot(e, find(bi, parameter_kind::loading, id), "loading_");
        if (a) {
            auto it = iw.find(id);
            e["index_weight"] = it == iw.end() ? json(nullptr) : num(it->second);
        }
        out.push_back(std::move(e));
    }
    return out;
}

/// The index fields of a construct entry (docs/report.md, "constructs[]").
void add_index(json& e, const construct_index* c, bool refused, const bootstrap_parameter* q) {
    const bool ok = c && !refused;
    e["index"] = ok ? num(c->index) : json(nullptr);
    e["index_refused"] = refused;
    e["index_mean"] = ok ? num(c->overall.mean) : json(nullptr);
    e["index_sd"] = ok ? num(c->overall.sd) : json(nullptr);
    e["index_se"] = ok ? num(c->overall.se) : json(nullptr);
    e["index_ci_low"] = ok ? num(c->overall.ci_low) : json(nullptr);
    e["index_ci_high"] = ok ? num(c->overall.ci_high) : json(nullptr);
    e["index_level"] = c ? num(c->overall.level) : json(nullptr);
    e["index_n"] = c ? json(c->overall.n) : json(nullptr);
    e["index_effective_n"] = c ? num(c->overall.effective_n) : json(nullptr);
    if (q) {
        e["index_boot_mean"] = ok ? num(q->mean) : json(nullptr);
        e["index_boot_se"] = ok ? num(q->se) : json(nullptr);
        e["index_boot_ci_low"] = ok ? num(q->ci_low) : json(nullptr);
        e["index_boot_ci_high"] = ok ? num(q->ci_high) : json(nullptr);
        e["index_boot_bca_low"] = ok ? num(q->bca_low) : json(nullptr);
        e["index_boot_bca_high"] = ok ? num(q->bca_high) : json(nullptr);
    }
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

const construct_index* index_of(const index_part& part, const std::string& id) {
    if (!part.estimated) return nullptr;
    for (const auto& c : part.indices.constructs)
        if (c.construct == id) return &c;
    return nullptr;
}

json constructs(const pls_fit& fit, const survey* s, const boot_index& bi, const index_analysis* a) {
    json out = json::array();
    for (std::size_t jj = 0; jj < fit.constructs.size(); ++jj) {
        const auto j = static_cast<Eigen::Index>(jj);
        const std::string& id = fit.constructs[jj];
        const construct* c = s ? s->find_construct(id) : nullptr;
        bool endogenous = false;
        for (Eigen::Index f = 0; f < fit.paths.cols(); ++f) endogenous = endogenous || fit.paths(j, f) != 0;
        json e;
        e["id"] = id;
        e["label"] = c ? json(c->label.get()) : json(nullptr);
        e["mode"] = jj < fit.modes.size() && fit.modes[jj] == outer_mode::B ? "B" : "A";
        e["indicators"] = std::count(fit.block.begin(), fit.block.end(), static_cast<int>(jj));
        e["endogenous"] = endogenous;
        e["r2"] = endogenous ? at(fit.r2, j) : json(nullptr);
        e["r2_adjusted"] = endogenous ? at(fit.r2_adjusted, j) : json(nullptr);
        e["ave"] = at(fit.ave, j);
        e["rho_c"] = at(fit.rho_c, j);
        e["rho_a"] = at(fit.rho_a, j);
        e["alpha"] = at(fit.alpha, j);
        e["plsc_factor"] = at(fit.plsc_factor, j);
        add_boot(e, find(bi, parameter_kind::r2, id), "r2_");
        add_boot(e, find(bi, parameter_kind::r2_adjusted, id), "r2_adjusted_");
        if (a) add_index(e, index_of(a->overall, id), contains(a->overall.refused, id), find(bi, parameter_kind::index, id));
        out.push_back(std::move(e));
    }
    return out;
}

/// Every (from, to) entry of a J x J [to, from] matrix that `keep` accepts, as a list.
template <class Keep>
json pairs(const pls_fit& fit, const Eigen::MatrixXd& m, Keep keep) {
    json out = json::array();
    for (Eigen::Index f = 0; f < m.cols(); ++f)
        for (Eigen::Index t = 0; t < m.rows(); ++t)
            if (keep(t, f))
                out.push_back(json{{"from", fit.constructs[static_cast<std::size_t>(f)]},
                                   {"to", fit.constructs[static_cast<std::size_t>(t)]},
                                   {"value", num(m(t, f))}});
    return out;
}

json paths(const pls_fit& fit, const boot_index& bi) {
    json out = json::array();
    for (Eigen::Index f = 0; f < fit.paths.cols(); ++f) {
        for (Eigen::Index t = 0; t < fit.paths.rows(); ++t) {
            if (fit.paths(t, f) == 0) continue;
            const std::string& from = fit.constructs[static_cast<std::size_t>(f)];
            const std::string& to = fit.constructs[static_cast<std::size_t>(t)];
            json e{{"from", from}, {"to", to}, {"estimate", num(fit.paths(t, f))}};
            add_boot(e, find(bi, parameter_kind::path, from + " -> " + to), "");
            out.push_back(std::move(e));
        }
    }
    return out;
}

json effects(const pls_fit& fit, const boot_index& bi) {
    json out = json::array();
    const auto& T = fit.total_effects;
    for (Eigen::Index f = 0; f < T.cols(); ++f) {
        for (Eigen::Index t = 0; t < T.rows(); ++t) {
            const bool direct = t < fit.paths.rows() && f < fit.paths.cols() && fit.paths(t, f) != 0;
            if (t == f || (T(t, f) == 0 && !direct)) continue;  // not connected
            const std::string& from = fit.constructs[static_cast<std::size_t>(f)];
            const std::string& to = fit.constructs[static_cast<std::size_t>(t)];
            json e{{"from", from},
                   {"to", to},
                   {"direct", at(fit.paths, t, f)},
                   {"indirect", at(fit.indirect_effects, t, f)},
                   {"total", num(T(t, f))}};
            add_boot(e, find(bi, parameter_kind::total_effect, from + " -> " + to), "total_");
            add_boot(e, find(bi, parameter_kind::total_indirect, from + " -> " + to), "indirect_");
            out.push_back(std::move(e));
        }
    }
    return out;
}

/// Every specific indirect effect with its bootstrap statistics when bootstrapped.
json indirect_effects(const pls_fit& fit, const boot_index& bi) {
    json out = json::array();
    for (const auto& c : specific_indirect_effects(fit)) {
        std::vector<std::string> ids;
        for (int j : c.constructs) ids.push_back(fit.constructs[static_cast<std::size_t>(j)]);
        json e{{"chain", ids}, {"label", c.label}, {"from", ids.front()}, {"to", ids.back()},
               {"mediators", ids.size() - 2}, {"estimate", num(c.estimate)}};
        add_boot(e, find(bi, parameter_kind::indirect_effect, c.label), "");
        out.push_back(std::move(e));
    }
    return out;
}

/// HTMT of every pair with its bootstrap statistics and one-sided upper bound.
json htmt_bootstrap(const bootstrap_result& b) {
    json out = json::array();
    for (const auto& q : b.criteria) {
        if (q.kind != parameter_kind::htmt) continue;
        const auto at = q.label.find(" -> ");
        json e{{"from", q.label.substr(0, at)}, {"to", q.label.substr(at + 4)}, {"estimate", num(q.estimate)}};
        add_boot(e, &q, "");
        e["upper"] = num(q.upper);
        out.push_back(std::move(e));
    }
    return out;
}

json bootstrap_section(const bootstrap_result& b) {
    json j = json_write::bootstrap_counts(b, false);
    j["se"] = "standard deviation over successful resamples, denominator B_ok - 1";
    j["p"] = "two-sided, Student t with df = respondents - 1";
    j["ci"] = "percentile, R quantile type 7";
    j["bca"] = "bias-corrected and accelerated; acceleration from the jackknife";
    j["upper"] = "HTMT: one-sided upper bound, the confidence-level percentile (type 7)";
    j["mediation"] = "Zhao, Lynch & Chen (2010): significant = percentile interval excludes 0";
    return j;
}

// ---- the index-model sections ------------------------------------------------------------

std::string label_of(const survey* s, const std::string& id) {
    if (!s) return {};
    if (const construct* c = s->find_construct(id)) return c->label.get();
    if (const item* it = s->find_item(id)) return it->text.get();
    return {};
}

/// Every connected (driver, target) pair: impact = 5 x unstandardised total effect.
json impacts(const pls_fit& fit, const index_part& part) {
    json out = json::array();
    if (!part.estimated) return out;
    const auto& T = fit.total_effects;
    // Positions in the index table, which may differ from the fit's (an extended model's
    // interaction terms have no index and no impact).
    auto index_at = [&](Eigen::Index j) {
        const std::string& id = fit.constructs[static_cast<std::size_t>(j)];
        for (std::size_t k = 0; k < part.indices.constructs.size(); ++k)
            if (part.indices.constructs[k].construct == id) return static_cast<Eigen::Index>(k);
        return Eigen::Index{-1};
    };
    for (Eigen::Index f = 0; f < T.cols(); ++f)
        for (Eigen::Index t = 0; t < T.rows(); ++t) {
            if (t == f || T(t, f) == 0) continue;
            const Eigen::Index it = index_at(t), jf = index_at(f);
            if (it < 0 || jf < 0) continue;
            out.push_back(json{{"driver", fit.constructs[static_cast<std::size_t>(f)]},
                               {"target", fit.constructs[static_cast<std::size_t>(t)]},
                               {"impact", at(part.indices.impacts, it, jf)},
                               {"total_effect_unstd", at(part.indices.effects, it, jf)},
                               {"total_effect", num(T(t, f))}});
        }
    return out;
}

json ipa_points(const std::optional<ipa_result>& r, const std::optional<ipma_result>& m, bool indicators,
                const survey* s) {
    json out = json::array();
    if (!r) return out;
    for (std::size_t k = 0; k < r->points.size(); ++k) {
        const ipa_point& p = r->points[k];
        json e;
        if (indicators) {
            e["item"] = p.id;
            e["construct"] = m && k < m->indicators.size() ? json(m->indicators[k].construct) : json(nullptr);
        } else {
            e["factor"] = p.id;
            e["label"] = label_of(s, p.id);
        }
        e["importance"] = num(p.importance);
        e["performance"] = num(p.performance);
        e["quadrant"] = to_string(p.where);
        e["quadrant_en"] = quadrant_label(p.where, "en");
        e["quadrant_zh"] = quadrant_label(p.where, "zh");
        // Not the raw gap I - P: the axes have different units here (docs/ipa.md, "Priority order").
        e["priority"] = num(p.priority);
        e["rank"] = p.rank;
        out.push_back(std::move(e));
    }
    return out;
}

json crosshair(const std::optional<ipa_result>& r) {
    if (!r) return nullptr;
    return json{{"rule", to_string(r->options.rule)},
                {"importance", num(r->importance_cut)},
                {"performance", num(r->performance_cut)}};
}

/// One group of --by: its estimate's paths, indices, impacts and IPA.
json group(const index_group& g, const survey* s) {
    json e;
    e["value"] = g.value;
    e["respondents"] = g.part.respondents;
    e["used"] = g.part.used;
    e["estimated"] = g.part.estimated;
    json paths = json::array();
    for (Eigen::Index f = 0; f < g.fit.paths.cols(); ++f)
        for (Eigen::Index t = 0; t < g.fit.paths.rows(); ++t)
            if (g.fit.paths(t, f) != 0)
                paths.push_back(json{{"from", g.fit.constructs[static_cast<std::size_t>(f)]},
                                     {"to", g.fit.constructs[static_cast<std::size_t>(t)]},
                                     {"estimate", num(g.fit.paths(t, f))}});
    e["paths"] = std::move(paths);
    json cons = json::array();
    for (const auto& id : g.fit.constructs) {
        json c;
        c["id"] = id;
        const int j = g.fit.construct_index(id);
        const bool endogenous = j >= 0 && (g.fit.paths.row(j).array() != 0).any();
        c["r2"] = endogenous ? at(g.fit.r2, j) : json(nullptr);
        add_index(c, index_of(g.part, id), contains(g.part.refused, id), nullptr);
        cons.push_back(std::move(c));
    }
    e["constructs"] = std::move(cons);
    e["impacts"] = impacts(g.fit, g.part);
    e["ipa_crosshair"] = crosshair(g.part.ipa);
    e["ipa"] = ipa_points(g.part.ipa, g.part.ipma, false, s);
    e["ipma_indicators"] = ipa_points(g.part.ipa_indicators, g.part.ipma, true, s);
    e["notes"] = g.part.notes;
    return e;
}

void add_analysis(json& doc, const pls_fit& fit, const survey* s, const index_analysis& a) {
    json m;
    m["target"] = a.target.empty() ? json(nullptr) : json(a.target);
    m["target_source"] = a.target_source.empty() ? json(nullptr) : json(a.target_source);
    m["preset"] = a.preset.empty() ? json(nullptr) : json(a.preset);
    m["level"] = a.options.index.level;
    m["refused"] = a.overall.refused;
    m["ipa_crosshair"] = crosshair(a.overall.ipa);
    m["notes"] = a.overall.notes;
    doc["index_model"] = std::move(m);
    doc["impacts"] = impacts(fit, a.overall);
    doc["ipa"] = ipa_points(a.overall.ipa, a.overall.ipma, false, s);
    doc["ipma_indicators"] = ipa_points(a.overall.ipa_indicators, a.overall.ipma, true, s);
    if (a.by.empty()) {
        doc["groups"] = nullptr;
    } else {
        json values = json::array();
        for (const auto& g : a.groups) values.push_back(group(g, s));
        doc["groups"] = json{{"column", a.by}, {"wave", a.by_wave}, {"values", std::move(values)}};
    }
    json changes = json::array();
    for (const auto& c : a.changes)
        changes.push_back(json{{"construct", c.construct},
                               {"from", c.from},
                               {"to", c.to},
                               {"from_index", num(c.from_index)},
                               {"to_index", num(c.to_index)},
                               {"change", num(c.test.difference)},
                               {"t", num(c.test.statistic)},
                               {"df", num(c.test.df)},
                               {"p", num(c.test.p_value)},
                               {"ci_low", num(c.test.ci.lower)},
                               {"ci_high", num(c.test.ci.upper)},
                               {"significant", c.test.significant}});
    doc["changes"] = std::move(changes);
    // The compact index table (the constructs[] index fields, one line per construct).
    json summary = json::array();
    if (a.overall.estimated)
        for (const auto& c : a.overall.indices.constructs) {
            const bool ok = !contains(a.overall.refused, c.construct);
            const bool resp = ok && c.has_respondents;
            summary.push_back(json{{"construct", c.construct},
                                   {"index", ok ? num(c.index) : json(nullptr)},
                                   {"mean", resp ? num(c.overall.mean) : json(nullptr)},
                                   {"ci_low", resp ? num(c.overall.ci_low) : json(nullptr)},
                                   {"ci_high", resp ? num(c.overall.ci_high) : json(nullptr)},
                                   {"n", resp ? json(c.overall.n) : json(nullptr)}});
        }
    doc["indices"] = std::move(summary);
}

/// The report-level part of a run: notes and scores (written after the index sections).
struct run_part {
    const std::vector<std::string>* notes = nullptr;  ///< null: the fit's missing-data warning
    const score_report* scores = nullptr;
};

json document(const pls_fit& fit, const bootstrap_result* boot, const survey* s, const index_analysis* a,
              const run_part& run = {}) {
    const boot_index bi = index_boot(boot);
    const Eigen::Index J = static_cast<Eigen::Index>(fit.constructs.size());
    json doc;
    doc["csikit_version"] = version();
    doc["settings"] = settings(fit, boot);
    doc["sample"] = sample(fit);
    doc["paths"] = paths(fit, bi);
    doc["indicators"] = indicators(fit, bi, a);
    doc["constructs"] = constructs(fit, s, bi, a);
    doc["effects"] = effects(fit, bi);
    doc["htmt"] = square(fit, fit.htmt);
    doc["fornell_larcker"] = square(fit, fit.fornell_larcker);
    doc["construct_correlation"] = square(fit, fit.construct_correlation);
    const Eigen::MatrixXd& P = fit.paths;
    auto is_path = [&](Eigen::Index t, Eigen::Index f) { return t < P.rows() && f < P.cols() && P(t, f) != 0; };
    doc["f2"] = fit.f2.rows() == J ? pairs(fit, fit.f2, is_path) : json(nullptr);
    if (boot && doc["f2"].is_array())
        for (auto& e : doc["f2"]) add_boot(e, find(bi, parameter_kind::f2, e["from"].get<std::string>() + " -> " + e["to"].get<std::string>()), "");
    doc["inner_vif"] = fit.inner_vif.rows() == J ? pairs(fit, fit.inner_vif, is_path) : json(nullptr);
    doc["fit"] = json{{"gof", fit.options.quality ? num(fit.gof) : json(nullptr)},
                      {"srmr", fit.options.quality ? num(fit.srmr) : json(nullptr)}};
    doc["diagnostics"] = json{{"converged", fit.converged}, {"admissible", fit.admissible}, {"warnings", fit.warnings}};
    doc["bootstrap"] = boot ? bootstrap_section(*boot) : json(nullptr);
    doc["indirect_effects"] = indirect_effects(fit, bi);
    doc["htmt_bootstrap"] = boot ? htmt_bootstrap(*boot) : json(nullptr);
    doc["mediation"] = boot ? json_write::mediation(*boot) : json(nullptr);
    if (a) {
        add_analysis(doc, fit, s, *a);
        if (run.notes) {
            doc["notes"] = *run.notes;
        } else {
            doc["notes"] = json::array();
            if (const std::string w = missing_data_warning(fit); !w.empty()) doc["notes"].push_back(w);
        }
        doc["scores"] = run.scores ? json::parse(to_json(*run.scores, -1)) : json(nullptr);
    }
    return doc;
}

}  // namespace

std::string to_json(const pls_fit& fit, const bootstrap_result* boot, const survey* s, int indent) {
    return json_write::dump(document(fit, boot, s, nullptr), indent);
}

std::string to_json(const pls_fit& fit, const bootstrap_result* boot, const survey* s, const index_analysis& a,
                    int indent) {
    return json_write::dump(document(fit, boot, s, &a), indent);
}

std::string to_json(const analysis_report& r, int indent) {
    check_json_indent(indent);
    json doc;
    if (r.fit) {
        doc = document(*r.fit, r.boot ? &*r.boot : nullptr, &r.schema, &r.analysis,
                       run_part{&r.notes, r.scores ? &*r.scores : nullptr});
        if (r.extended) doc["model_extension"] = json::parse(to_json(*r.extended, -1));
    } else {
        doc["csikit_version"] = version();
        doc["notes"] = r.notes;
        doc["scores"] = r.scores ? json::parse(to_json(*r.scores, -1)) : json(nullptr);
    }
    // Issue 14: the IPA from stated or derived importance, with or without a path model; only
    // when the schema allows one, so the fit's own document (Fit.to_json) stays the same.
    if (r.ipa) doc["survey_ipa"] = json_write::survey_ipa_doc(*r.ipa);
    // Issue 14: the trend (3+ waves) and the feedback records, through their own serializers.
    if (r.trend) doc["trend"] = json::parse(to_json(*r.trend, -1));
    if (r.feedback) doc["feedback"] = json::parse(to_json(*r.feedback, -1));
    // PLSpredict (csikit report --predict): the prediction serializer's document.
    if (r.prediction) {
        doc["prediction"] = json::parse(r.cvpat ? to_json(*r.prediction, *r.cvpat, -1) : to_json(*r.prediction, -1));
    }
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
