// prepare(): the groups of a multi-group analysis, their rows, the working copies of the data
// and each group's own estimate; every degenerate case as a typed error naming the group.
#include "mga_micom.hpp"

#include "csikit/error.hpp"

#include <algorithm>
#include <cmath>
#include <set>

CSIKIT_NAMESPACE_BEGIN
namespace mga_detail {

namespace {

/// Rethrows a group's estimation error with the group named, keeping its kind.
[[noreturn]] void rethrow_for_group(const error& e, const location& where, const std::string& who) {
    const std::string msg = who + ": " + e.what();
    switch (e.kind()) {
    case error_kind::numeric: throw numeric_error(where, msg);
    case error_kind::model: throw model_error(where, msg);
    case error_kind::convergence: throw convergence_error(where, msg);
    case error_kind::data: throw data_error(where, msg);
    default: throw;
    }
}

}  // namespace

prepared prepare(const pls_model& model, const responses& data, const std::string& column, const mga_options& o) {
    prepared P;
    P.seed = o.seed;
    const auto it = data.groups.find(column);
    if (it == data.groups.end()) {
        std::string known;
        for (const auto& [name, cells] : data.groups) known += (known.empty() ? "" : ", ") + name;
        throw argument_error(location{data.source, 0, "group"},
                             "mga: unknown group column \"" + column + "\" (expected " +
                                 (known.empty() ? std::string("a segment or wave column declared in the schema; it declares none")
                                                : "one of the schema's segment or wave columns: " + known) + ")");
    }
    const auto& cells = it->second;
    std::set<std::string> seen;
    for (const auto& c : cells)
        if (!c.empty()) seen.insert(c);
    P.values.assign(seen.begin(), seen.end());
    if (P.values.size() < 2)
        throw argument_error(location{data.source, 0, "group"},
                             "mga: column \"" + column + "\" has " + std::to_string(P.values.size()) +
                                 " group(s) (expected at least two groups to compare)");
    const std::size_t G = P.values.size();
    P.items = model.indicators();
    const auto p = static_cast<Eigen::Index>(P.items.size());
    std::vector<Eigen::Index> cols;
    for (const auto& id : P.items) cols.push_back(data.column(id));
    const bool weighted = o.pls.use_weights && data.weighted && data.weights.size() == data.values.rows();
    const bool listwise = o.pls.missing == missing_treatment::listwise;

    // Rows of each group (original indices), listwise deletion counted.
    std::vector<std::vector<Eigen::Index>> src(G);
    P.respondents_of.assign(G, 0);
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) {
        const auto& cell = cells[static_cast<std::size_t>(i)];
        if (cell.empty()) {
            ++P.left_out_no_group;
            continue;
        }
        const auto g = static_cast<std::size_t>(std::lower_bound(P.values.begin(), P.values.end(), cell) - P.values.begin());
        ++P.respondents_of[g];
        bool complete = true;
        for (auto c : cols) complete = complete && !std::isnan(data.values(i, c));
        if (listwise && !complete) {
            ++P.left_out_missing;
            continue;
        }
        src[g].push_back(i);
    }
    auto weight = [&](Eigen::Index i) { return weighted ? data.weights[i] : 1.0; };

    // Largest block: a group needs more respondents than it has indicators.
    std::size_t widest = 0;
    std::string widest_id;
    for (const auto& c : model.constructs)
        if (c.items.size() > widest) widest = c.items.size(), widest_id = c.id;
    for (std::size_t g = 0; g < G; ++g)
        if (src[g].size() <= widest)
            throw data_error(location{data.source, 0, column},
                             "mga: group \"" + column + " = " + P.values[g] + "\" has " + std::to_string(src[g].size()) +
                                 " respondents used but construct \"" + widest_id + "\" has " + std::to_string(widest) +
                                 " indicators (expected more respondents than the largest block's indicators)");

    // Imputation means: each group's or the pooled (weighted, available-case) item means.
    auto item_means = [&](const std::vector<std::vector<Eigen::Index>>& sets) {
        Eigen::VectorXd num = Eigen::VectorXd::Zero(p), den = Eigen::VectorXd::Zero(p);
        for (const auto& set : sets)
            for (auto i : set)
                for (Eigen::Index k = 0; k < p; ++k) {
                    const double x = data.values(i, cols[static_cast<std::size_t>(k)]);
                    if (!std::isnan(x)) num[k] += weight(i) * x, den[k] += weight(i);
                }
        return Eigen::VectorXd(num.array() / den.array());
    };
    const Eigen::VectorXd pooled = item_means(src);

    std::size_t n_used = 0;
    for (const auto& s : src) n_used += s.size();
    P.xraw.resize(static_cast<Eigen::Index>(n_used), p);
    P.zd.resize(static_cast<Eigen::Index>(n_used), p);
    P.v.resize(static_cast<Eigen::Index>(n_used));
    P.rows_of.assign(G, {});
    std::size_t imputed = 0;
    Eigen::Index at = 0;
    for (std::size_t g = 0; g < G; ++g) {
        const std::string who = "group \"" + column + " = " + P.values[g] + "\"";
        const Eigen::VectorXd fill = o.imputation == mga_imputation::pooled_means ? pooled : item_means({src[g]});
        const Eigen::Index first = at;
        for (auto i : src[g]) {
            for (Eigen::Index k = 0; k < p; ++k) {
                const double x = data.values(i, cols[static_cast<std::size_t>(k)]);
                imputed += std::isnan(x);
                P.xraw(at, k) = std::isnan(x) ? fill[k] : x;
            }
            P.v[at] = weight(i);
            P.rows_of[g].push_back(at++);
        }
        // The group's own estimate, from its rows as imputed above (quality criteria on).
        responses sub = data.subset(src[g]);
        pls_options go = o.pls;
        if (!listwise) {
            if (o.imputation == mga_imputation::pooled_means) {
                for (Eigen::Index r = 0; r < sub.values.rows(); ++r)
                    for (Eigen::Index k = 0; k < p; ++k)
                        if (std::isnan(sub.values(r, cols[static_cast<std::size_t>(k)])))
                            sub.values(r, cols[static_cast<std::size_t>(k)]) = pooled[k];
                go.missing = missing_treatment::listwise;  // nothing left to replace
            }
        }
        try {
            P.groups_fit.push_back(estimate(model, sub, go));
        } catch (const error& e) {
            rethrow_for_group(e, location{data.source, 0, column}, "mga: " + who);
        }
        // Within-group standardisation (the difference tests and the bootstrap work on it).
        const pls_fit& f = P.groups_fit.back();
        for (Eigen::Index r = first; r < at; ++r)
            for (Eigen::Index k = 0; k < p; ++k) {
                const Eigen::Index m = static_cast<Eigen::Index>(
                    std::find(f.data.item_ids.begin(), f.data.item_ids.end(), P.items[static_cast<std::size_t>(k)]) - f.data.item_ids.begin());
                P.zd(r, k) = (P.xraw(r, k) - f.data.mean[m]) / f.data.sd[m];
            }
    }
    std::string counts;
    for (std::size_t g = 0; g < G; ++g)
        counts += (g ? ", " : "") + P.values[g] + " " + std::to_string(P.rows_of[g].size()) + " of " + std::to_string(P.respondents_of[g]);
    if (listwise)
        P.missing_note = "listwise deletion within each group: respondents with any missing indicator left out (used: " + counts + ")";
    else if (o.imputation == mga_imputation::pooled_means)
        P.missing_note = "mean replacement with the pooled item means of all " + std::to_string(n_used) +
                         " respondents of the analysis (seminr's convention: imputed, then split); " + std::to_string(imputed) +
                         " answers imputed (used: " + counts + ")";
    else
        P.missing_note = "mean replacement with each group's own item means (cSEM's convention: each group estimated alone); " +
                         std::to_string(imputed) + " answers imputed (used: " + counts + ")";
    return P;
}

}  // namespace mga_detail
CSIKIT_NAMESPACE_END
