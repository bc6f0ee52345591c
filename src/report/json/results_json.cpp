// to_json() of the results of single analyses: bootstrap, indices, IPA, IPMA, derived importance
// (shapes: include/csikit/report.hpp and docs/report.md).
#include "json_write.hpp"

#include "csikit/error.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

json numbers(const Eigen::VectorXd& v) {
    json out = json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(num(v[i]));
    return out;
}

/// A J x J [to, from] matrix over `constructs` (the construct order of an index_result).
json square(const std::vector<std::string>& constructs, const Eigen::MatrixXd& m) {
    json values = json::array();
    for (Eigen::Index t = 0; t < m.rows(); ++t) {
        json row = json::array();
        for (Eigen::Index f = 0; f < m.cols(); ++f) row.push_back(num(m(t, f)));
        values.push_back(std::move(row));
    }
    return json{{"constructs", constructs}, {"values", std::move(values)}};
}

/// One IPMA level placed in quadrants.
json placed(const std::vector<ipma_entry>& entries, const std::vector<ipa_factor>& factors, const ipa_options& o) {
    json out{{"importance_cut", nullptr}, {"performance_cut", nullptr}, {"points", json::array()}};
    if (entries.empty()) return out;  // a target without predecessors: nothing to place
    const ipa_result r = ipa(factors, o);
    out["importance_cut"] = num(r.importance_cut);
    out["performance_cut"] = num(r.performance_cut);
    for (std::size_t i = 0; i < entries.size(); ++i)
        out["points"].push_back(json{{"id", entries[i].id},
                                     {"construct", entries[i].construct},
                                     {"importance", num(entries[i].importance)},
                                     {"performance", num(entries[i].performance)},
                                     {"quadrant", to_string(r.points[i].where)}});
    return out;
}

json parameter(const bootstrap_parameter& q) {
    json j{{"kind", to_string(q.kind)}, {"label", q.label},     {"estimate", num(q.estimate)},
                {"mean", num(q.mean)},       {"bias", num(q.bias)},  {"se", num(q.se)},
                {"t", num(q.t)},             {"p", num(q.p)},        {"ci_low", num(q.ci_low)},
                {"ci_high", num(q.ci_high)}, {"bca_low", num(q.bca_low)}, {"bca_high", num(q.bca_high)}};
    if (q.kind == parameter_kind::htmt) j["upper"] = num(q.upper);
    if (q.kind == parameter_kind::indirect_effect) j["mediators"] = q.chain.size() - 2;
    return j;
}

}  // namespace

void check_json_indent(int indent) {
    if (indent < -1 || indent > max_json_indent)
        throw argument_error({{}, 0, "indent"}, std::to_string(indent) + " is out of range (expected -1 for one line or 0.." +
                                                    std::to_string(max_json_indent) + " spaces)");
}

namespace json_write {

json mediation(const bootstrap_result& b) {
    json out = json::array();
    for (const auto& m : b.mediation)
        out.push_back(json{{"chain", m.chain},
                           {"label", m.label},
                           {"requested", m.requested},
                           {"indirect", num(m.indirect)},
                           {"indirect_ci_low", num(m.indirect_low)},
                           {"indirect_ci_high", num(m.indirect_high)},
                           {"indirect_significant", m.indirect_significant},
                           {"total_indirect", num(m.total_indirect)},
                           {"has_direct", m.has_direct},
                           {"direct", num(m.direct)},
                           {"direct_ci_low", m.has_direct ? num(m.direct_low) : json(nullptr)},
                           {"direct_ci_high", m.has_direct ? num(m.direct_high) : json(nullptr)},
                           {"direct_significant", m.direct_significant},
                           {"type", to_string(m.type)},
                           {"type_en", mediation_label(m.type, "en")},
                           {"type_zh", mediation_label(m.type, "zh")}});
    return out;
}

json bootstrap_counts(const bootstrap_result& b, bool threads) {
    json reasons = json::object(), examples = json::object();
    for (const auto& [k, v] : b.failed_by_reason) reasons[k] = v;
    for (const auto& [k, v] : b.failure_examples) examples[k] = v;
    json j{{"resamples", b.resamples},
           {"succeeded", b.succeeded},
           {"failed", b.failed},
           {"failed_by_reason", std::move(reasons)},
           {"failure_examples", std::move(examples)},
           {"seed", b.seed}};
    if (threads) j["threads"] = b.threads;
    j["confidence"] = b.confidence;
    j["respondents"] = b.respondents;
    j["df"] = b.df;
    j["jackknife"] = b.jackknife;
    j["jackknife_failed"] = b.jackknife_failed;
    return j;
}

}  // namespace json_write

std::string to_json(const bootstrap_result& b, int indent) {
    check_json_indent(indent);
    json params = json::array();
    for (const auto& q : b.parameters) params.push_back(parameter(q));
    for (const auto& q : b.indices) params.push_back(parameter(q));
    json doc = json_write::bootstrap_counts(b, true);
    doc["parameters"] = std::move(params);
    json criteria = json::array(), indirect = json::array();
    for (const auto& q : b.criteria) criteria.push_back(parameter(q));
    for (const auto& q : b.indirect_effects) indirect.push_back(parameter(q));
    doc["criteria"] = std::move(criteria);
    doc["indirect_effects"] = std::move(indirect);
    doc["mediation"] = json_write::mediation(b);
    return json_write::dump(doc, indent);
}

std::string to_json(const index_result& r, int indent) {
    check_json_indent(indent);
    std::vector<std::string> ids;
    json cons = json::array();
    for (const auto& c : r.constructs) {
        ids.push_back(c.construct);
        const bool resp = c.has_respondents;
        json e{{"id", c.construct},
               {"index", num(c.index)},
               {"score_sd", num(c.score_sd)},
               {"items", c.items},
               {"weights", numbers(c.weights)},
               {"negative_weights", c.negative_weights},
               {"has_respondents", resp}};
        e["mean"] = resp ? num(c.overall.mean) : json(nullptr);
        e["sd"] = resp ? num(c.overall.sd) : json(nullptr);
        e["se"] = resp ? num(c.overall.se) : json(nullptr);
        e["ci_low"] = resp ? num(c.overall.ci_low) : json(nullptr);
        e["ci_high"] = resp ? num(c.overall.ci_high) : json(nullptr);
        e["n"] = resp ? json(c.overall.n) : json(nullptr);
        e["effective_n"] = resp ? num(c.overall.effective_n) : json(nullptr);
        cons.push_back(std::move(e));
    }
    json doc;
    doc["level"] = r.options.level;
    doc["constructs"] = std::move(cons);
    doc["effects"] = square(ids, r.effects);
    doc["impacts"] = square(ids, r.impacts);
    return json_write::dump(doc, indent);
}

std::string to_json(const ipa_result& r, int indent) {
    check_json_indent(indent);
    json points = json::array();
    for (const auto& p : r.points)
        points.push_back(json{{"id", p.id},
                              {"label", p.label.get()},
                              {"importance", num(p.importance)},
                              {"performance", num(p.performance)},
                              {"quadrant", to_string(p.where)},
                              {"gap", num(p.gap)},
                              {"above_diagonal", p.above_diagonal},
                              {"priority", num(p.priority)},
                              {"rank", p.rank}});
    const json doc{{"rule", to_string(r.options.rule)},
                   {"importance_cut", num(r.importance_cut)},
                   {"performance_cut", num(r.performance_cut)},
                   {"points", std::move(points)},
                   {"by_priority", r.by_priority()}};
    return json_write::dump(doc, indent);
}

std::string to_json(const ipma_result& r, const ipa_options& options, int indent) {
    check_json_indent(indent);
    const json doc{{"target", r.target},
                   {"constructs", placed(r.constructs, r.construct_factors(), options)},
                   {"indicators", placed(r.indicators, r.indicator_factors(), options)}};
    return json_write::dump(doc, indent);
}

std::string to_json(const std::vector<ipa_factor>& factors, int indent) {
    check_json_indent(indent);
    json doc = json::array();
    for (const auto& f : factors)
        doc.push_back(json{{"id", f.id},
                           {"label", f.label.get()},
                           {"importance", num(f.importance)},
                           {"performance", num(f.performance)}});
    return json_write::dump(doc, indent);
}

std::string to_json(const importance_table& t, int indent) {
    check_json_indent(indent);
    const json doc{{"drivers", t.drivers},
                   {"r2", num(t.r2)},
                   {"correlation", numbers(t.correlation)},
                   {"beta", numbers(t.beta)},
                   {"pratt", numbers(t.pratt)},
                   {"relative_weights", numbers(t.relative_weights)},
                   {"relative_weights_percent", numbers(t.relative_weights_percent)},
                   {"lmg", numbers(t.lmg)}};
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
