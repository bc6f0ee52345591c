// Categorical constructs as model transformations (docs/pls.md, "Categorical moderators"): a
// nominal column with K categories becomes K-1 one-item dummy constructs "ID[category]" against
// the reference category; a path ID -> Y becomes one path per dummy, an interaction X:ID one
// interaction X*ID[category] per dummy (built by moderation.cpp like any other). The simple
// slope of X in category c is then X's path plus the rescaled interaction paths evaluated at
// the dummies' standardised values in c.
#include "model_expand_internal.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace expand_detail {
namespace {

/// The text of a numeric category code: "3", "2.5".
std::string code_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", v);
    return buf;
}

/// Per respondent the category text ("" = none), and the categories in order.
std::pair<std::vector<std::string>, std::vector<std::string>> categories_of(const responses& data, const categorical_construct& c) {
    std::vector<std::string> value;
    std::vector<std::string> order;
    if (auto g = data.groups.find(c.column); g != data.groups.end()) {
        value = g->second;
        std::set<std::string> seen(value.begin(), value.end());
        seen.erase("");
        order.assign(seen.begin(), seen.end());  // byte order
    } else if (std::find(data.item_ids.begin(), data.item_ids.end(), c.column) != data.item_ids.end()) {
        const Eigen::VectorXd x = data.values.col(data.column(c.column));
        std::set<double> seen;
        value.resize(static_cast<std::size_t>(x.size()));
        for (Eigen::Index i = 0; i < x.size(); ++i)
            if (!std::isnan(x[i])) {
                seen.insert(x[i]);
                value[static_cast<std::size_t>(i)] = code_text(x[i]);
            }
        for (double v : seen) order.push_back(code_text(v));  // numeric order
    } else {
        throw model_error(location{"", 0, c.id}, "categorical construct \"" + c.id + "\": the column \"" + c.column +
                                                     "\" is not in the data (expected a segment column or an item read with it)");
    }
    return {std::move(value), std::move(order)};
}

void replace_paths(pls_model& m, const std::string& from, const std::vector<std::string>& by) {
    std::vector<path> out;
    for (const auto& p : m.paths) {
        if (p.from != from) {
            out.push_back(p);
            continue;
        }
        for (const auto& b : by) out.push_back(path{b, p.to});
    }
    m.paths = std::move(out);
}

}  // namespace

void expand_categorical(expanded_model& e, const pls_options& options) {
    pls_model& m = e.model;
    const bool w = options.use_weights && e.data.weighted;
    for (const auto& c : m.categorical) {
        auto [value, order] = categories_of(e.data, c);
        if (order.size() < 2)
            throw numeric_error(location{"", 0, c.id}, "categorical construct \"" + c.id + "\" has " +
                                                           (order.empty() ? "no category" : "one category \"" + order[0] + "\"") +
                                                           " in the data (expected at least two)");
        if (order.size() > max_categorical_levels)
            throw model_error(location{"", 0, c.id}, "categorical construct \"" + c.id + "\" has " + std::to_string(order.size()) +
                                                         " categories, more than the limit max_categorical_levels (" +
                                                         std::to_string(max_categorical_levels) + ")");
        std::string reference = c.reference.empty() ? order[0] : c.reference;
        auto ref = std::find(order.begin(), order.end(), reference);
        if (ref == order.end()) {
            std::string all;
            for (const auto& o : order) all += (all.empty() ? "" : ", ") + o;
            throw model_error(location{"", 0, c.id}, "categorical construct \"" + c.id + "\": the reference category \"" + reference +
                                                         "\" is not in the data (expected one of " + all + ")");
        }
        order.erase(ref);
        order.insert(order.begin(), reference);

        categorical_expansion x;
        x.id = c.id;
        x.column = c.column;
        x.reference = reference;
        x.categories = order;
        x.respondents.assign(order.size(), 0.0);
        std::map<std::string, int> index;
        for (std::size_t k = 0; k < order.size(); ++k) index[order[k]] = static_cast<int>(k);
        const auto n = static_cast<Eigen::Index>(value.size());
        x.code.assign(value.size(), -1);
        for (Eigen::Index i = 0; i < n; ++i) {
            const std::string& v = value[static_cast<std::size_t>(i)];
            if (v.empty()) {
                ++x.missing;
                continue;
            }
            const int k = index.at(v);
            x.code[static_cast<std::size_t>(i)] = k;
            x.respondents[static_cast<std::size_t>(k)] += w ? e.data.weights[i] : 1.0;
        }
        x.dummies.push_back("");
        std::vector<std::string> dummies;
        for (std::size_t k = 1; k < order.size(); ++k) {
            construct d;
            d.id = c.id + "[" + order[k] + "]";
            if (find(m, d.id)) throw model_error(location{"", 0, d.id}, "dummy construct \"" + d.id + "\" clashes with a construct of the model");
            Eigen::VectorXd col(n);
            for (Eigen::Index i = 0; i < n; ++i) {
                const int code = x.code[static_cast<std::size_t>(i)];
                col[i] = code < 0 ? std::nan("") : code == static_cast<int>(k) ? 1.0 : 0.0;
            }
            const std::string name = free_name(e.data, d.id, "@dummy");
            append_column(e.data, name, col);
            e.derived.push_back(name);
            d.items.push_back(name);
            d.mode = outer_mode::A;
            x.dummies.push_back(d.id);
            dummies.push_back(d.id);
            m.constructs.push_back(std::move(d));
        }
        replace_paths(m, c.id, dummies);
        // X:CH becomes X*CH[k] for every dummy, each with the paths of X*CH.
        std::vector<interaction_term> terms;
        for (const auto& t : m.interactions) {
            if (t.predictor == c.id)
                throw model_error(location{"", 0, t.id}, "interaction \"" + t.id + "\": the categorical construct \"" + c.id +
                                                             "\" is the predictor (expected it second, as the moderator)");
            if (t.moderator != c.id) {
                terms.push_back(t);
                continue;
            }
            std::vector<std::string> ids;
            for (const auto& d : dummies) {
                terms.push_back(interaction_term{t.predictor + "*" + d, t.predictor, d, t.approach});
                ids.push_back(terms.back().id);
            }
            replace_paths(m, t.id, ids);
        }
        m.interactions = std::move(terms);
        for (const auto& p : m.paths)
            if (p.to == c.id)
                throw model_error(location{"", 0, c.id}, "categorical construct \"" + c.id + "\" cannot be a dependent construct");
        e.categorical.push_back(std::move(x));
    }
    m.categorical.clear();
}

std::vector<double> category_levels(const expanded_model& e, const std::string& dummy, const Eigen::VectorXd& values) {
    for (const auto& c : e.categorical) {
        const auto k = std::find(c.dummies.begin(), c.dummies.end(), dummy);
        if (k == c.dummies.end() || dummy.empty()) continue;
        std::vector<double> out(c.categories.size(), std::nan(""));
        for (std::size_t i = 0; i < c.code.size(); ++i) {
            const int code = c.code[i];
            const double v = values[static_cast<Eigen::Index>(i)];
            if (code >= 0 && std::isnan(out[static_cast<std::size_t>(code)]) && !std::isnan(v)) out[static_cast<std::size_t>(code)] = v;
        }
        return out;
    }
    return {};
}

std::vector<categorical_slopes> categorical_results(const pls_model& original, const expanded_model& e, const pls_fit& fit,
                                                    const std::vector<interaction_effect>& effects) {
    std::vector<categorical_slopes> out;
    auto levels_of = [&](const std::string& term) -> const std::vector<double>* {
        for (const auto& [id, z] : e.dummy_levels)
            if (id == term) return &z;
        return nullptr;
    };
    for (const auto& c : e.categorical)
        for (const auto& t : original.interactions) {
            if (t.moderator != c.id) continue;
            std::set<std::string> dependents;
            for (const auto& x : effects)
                if (x.predictor == t.predictor && std::find(c.dummies.begin(), c.dummies.end(), x.moderator) != c.dummies.end())
                    dependents.insert(x.dependent);
            for (const auto& y : dependents) {
                categorical_slopes r;
                r.moderator = c.id;
                r.predictor = t.predictor;
                r.dependent = y;
                r.reference = c.reference;
                r.approach = t.approach;
                r.categories = c.categories;
                r.respondents = c.respondents;
                const std::size_t K = c.categories.size();
                r.terms.assign(K, "");
                r.slopes.assign(K, 0.0);
                r.levels.assign(K, 0.0);
                const int jy = fit.construct_index(y);
                for (const auto& x : effects) {
                    if (x.predictor != t.predictor || x.dependent != y) continue;
                    const auto k = std::find(c.dummies.begin(), c.dummies.end(), x.moderator);
                    if (k == c.dummies.end() || x.moderator.empty()) continue;
                    r.terms[static_cast<std::size_t>(k - c.dummies.begin())] = x.id;
                    const std::vector<double>* z = levels_of(x.id);
                    const int jd = fit.construct_index(x.moderator);
                    const double b_dummy = jy >= 0 && jd >= 0 ? fit.paths(jy, jd) : 0.0;
                    for (std::size_t g = 0; g < K; ++g) {
                        const double zg = z && g < z->size() ? (*z)[g] : std::nan("");
                        r.slopes[g] += x.path_rescaled * zg;
                        r.levels[g] += b_dummy * zg;
                    }
                }
                const int jp = fit.construct_index(t.predictor);
                const double b_x = jy >= 0 && jp >= 0 ? fit.paths(jy, jp) : 0.0;
                for (auto& s : r.slopes) s += b_x;
                for (std::size_t g = 0; g < K; ++g) r.differences.push_back(r.slopes[g] - r.slopes[0]);
                out.push_back(std::move(r));
            }
        }
    return out;
}

}  // namespace expand_detail

CSIKIT_NAMESPACE_END
