// The weighted index over the indicator hierarchy (METHODOLOGY.md 6.4): per node a 0-100 score,
// child weights normalised over siblings and re-normalised over the children that have a score.
// Respondent-first scores every respondent up the tree and averages; mean-first combines item
// means up the tree and gets its standard error by linearisation (docs/scoring.md).
#include "scoring_internal.hpp"
#include "csikit/format.hpp"

#include <cmath>
#include <map>
#include <memory>

CSIKIT_NAMESPACE_BEGIN
namespace scoring_detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Per-item respondent scores with their weighted mean and weight total (for mean-first).
struct item_cache {
    std::vector<double> y;
    double mean = nan;
    double sum_w = 0;
};

/// What a node hands to its parent.
struct node_eval {
    std::vector<double> scores;           ///< respondent-level 0-100 scores (NaN = none)
    std::map<std::string, double> coef;   ///< mean-first: item id -> effective weight
    double mean_first = nan;              ///< mean-first point estimate
};

class hierarchy_scorer {
public:
    hierarchy_scorer(const survey& s, const group_rows& g, const score_options& o) : s_(s), g_(g), o_(o) {}

    std::vector<node_score> run(const node& root, proportion_estimate& rate) {
        const node_eval e = eval(root, "", 0, 1.0);
        rate = share_at_least(e.scores);
        return std::move(out_);
    }

    /// The respondent-level scores of the node `id` (empty when no node has that id).

private:
    const item_cache& item_data(const std::string& id) {
        auto it = cache_.find(id);
        if (it != cache_.end()) return it->second;
        const item* itm = s_.find_item(id);
        if (!itm) throw schema_error({{}, 0, "hierarchy"}, "unknown item \"" + id + "\" (expected an item id)");
        item_cache c;
        c.y = item_scores(s_, *itm, g_, o_.rescale == rescaling::labels && !has_score_map(s_.scale_of(id))
                                                ? rescaling::linear : o_.rescale);
        double swy = 0;
        for (std::size_t i = 0; i < c.y.size(); ++i)
            if (!std::isnan(c.y[i])) {
                c.sum_w += g_.weights[i];
                swy += g_.weights[i] * c.y[i];
            }
        if (c.sum_w > 0) c.mean = swy / c.sum_w;
        return cache_.emplace(id, std::move(c)).first->second;
    }

    proportion_estimate share_at_least(const std::vector<double>& scores) const {
        const std::size_t n = scores.size();
        std::unique_ptr<bool[]> valid(new bool[n]), hit(new bool[n]);
        for (std::size_t i = 0; i < n; ++i) {
            valid[i] = !std::isnan(scores[i]);
            hit[i] = valid[i] && scores[i] >= o_.threshold - 1e-9;
        }
        return proportion_ci({hit.get(), n}, {valid.get(), n}, g_.weights, o_.level, o_.interval);
    }

    /// Mean-first standard error by linearisation of sum_i C_i * ybar_i, ybar_i a ratio mean:
    /// z_r = sum_i C_i w_r (y_ri - ybar_i) / W_i, var = n/(n-1) sum_r z_r^2.
    mean_estimate linearised(const node_eval& e) {
        mean_estimate m;
        m.mean = e.mean_first;
        const std::size_t n = g_.rows.size();
        std::vector<double> z(n, 0.0);
        std::vector<bool> used(n, false);
        for (const auto& [id, c] : e.coef) {
            const item_cache& ic = item_data(id);
            for (std::size_t r = 0; r < n; ++r)
                if (!std::isnan(ic.y[r])) {
                    z[r] += c * g_.weights[r] * (ic.y[r] - ic.mean) / ic.sum_w;
                    used[r] = true;
                }
        }
        double sw = 0, zz = 0;
        std::unique_ptr<bool[]> take(new bool[n]);
        for (std::size_t r = 0; r < n; ++r) {
            take[r] = used[r];
            if (used[r]) {
                ++m.n;
                sw += g_.weights[r];
                zz += z[r] * z[r];
            }
        }
        m.sum_weights = sw;
        if (sw <= 0 || std::isnan(m.mean)) return m;
        m.n_eff = kish_n_eff(g_.weights, {take.get(), n});  // the one Kish n_eff (stats.hpp)
        if (m.n > 1 && m.n_eff > 1) {
            const double nn = static_cast<double>(m.n);
            m.se = std::sqrt(nn / (nn - 1) * zz);
            m.sd = m.se * std::sqrt(m.n_eff);  // the SD this se implies at n_eff
            m.df = m.n_eff - 1;
            m.ci = t_interval(m.mean, m.se, m.df, o_.level);
        }
        return m;
    }

    node_eval eval(const node& nd, const std::string& parent, int depth, double weight) {
        const std::size_t slot = out_.size();
        out_.emplace_back();
        node_score ns;
        ns.id = nd.id.empty() ? nd.item : nd.id;
        ns.parent = parent;
        ns.depth = depth;
        ns.item = nd.item;
        ns.weight = weight;
        const std::string lang = label_language(s_, o_);
        ns.label = nd.label.get(lang);
        node_eval e;
        const std::size_t n = g_.rows.size();

        if (nd.is_leaf()) {
            const item_cache& ic = item_data(nd.item);
            if (ns.label.empty()) ns.label = s_.find_item(nd.item)->text.get(lang);
            e.scores = ic.y;
            e.coef[nd.item] = 1.0;
            e.mean_first = ic.mean;
        } else {
            double total = 0;
            for (const node& c : nd.children) total += c.weight;
            std::vector<node_eval> kids;
            std::vector<double> omega;
            for (const node& c : nd.children) {
                omega.push_back(c.weight / total);
                kids.push_back(eval(c, ns.id, depth + 1, omega.back()));
            }
            // Respondent-first: re-normalise over the children this respondent has a score for.
            e.scores.assign(n, nan);
            for (std::size_t r = 0; r < n; ++r) {
                double num = 0, den = 0;
                bool gap = false;
                for (std::size_t k = 0; k < kids.size(); ++k) {
                    const double v = kids[k].scores[r];
                    if (std::isnan(v)) {
                        gap = true;
                        continue;
                    }
                    num += omega[k] * v;
                    den += omega[k];
                }
                if (den > 0) {
                    e.scores[r] = num / den;
                    if (gap && o_.aggregate == aggregation::respondent_first) ++ns.renormalised;
                }
            }
            // Mean-first: the same re-normalisation over children that have a mean.
            double num = 0, den = 0;
            bool gap = false;
            for (std::size_t k = 0; k < kids.size(); ++k) {
                if (std::isnan(kids[k].mean_first)) {
                    gap = true;
                    continue;
                }
                num += omega[k] * kids[k].mean_first;
                den += omega[k];
            }
            if (den > 0) {
                e.mean_first = num / den;
                for (std::size_t k = 0; k < kids.size(); ++k)
                    if (!std::isnan(kids[k].mean_first))
                        for (const auto& [id, c] : kids[k].coef) e.coef[id] += omega[k] / den * c;
                if (gap && o_.aggregate == aggregation::mean_first) ns.renormalised = 1;
            }
        }
        ns.score = o_.aggregate == aggregation::respondent_first ? mean_ci(e.scores, g_.weights, o_.level)
                                                                 : linearised(e);
        ns.satisfied = share_at_least(e.scores);
        if (keep_ && ns.id == keep_id_) *keep_ = e.scores;  // node_respondent_scores()
        out_[slot] = std::move(ns);
        return e;
    }

    const survey& s_;
    const group_rows& g_;
    const score_options& o_;
    std::map<std::string, item_cache> cache_;
    std::vector<node_score> out_;

public:
    /// Asks run() to copy the respondent-level scores of node `id` into `keep`.
    void keep(const std::string& id, std::vector<double>* keep) {
        keep_id_ = id;
        keep_ = keep;
    }

private:
    std::string keep_id_;
    std::vector<double>* keep_ = nullptr;
};

void check_node(const node& nd, const std::string& path, std::vector<problem>& problems) {
    if (!(nd.weight >= 0) || !std::isfinite(nd.weight))
        problems.push_back({{{}, 0, path + ".weight"},
                            "weight " + format_shortest(nd.weight) + " is invalid (expected a finite weight >= 0)"});
    if (nd.is_leaf()) return;
    if (nd.children.empty()) {
        problems.push_back({{{}, 0, path}, "node has neither an item nor children (expected one of them)"});
        return;
    }
    double total = 0;
    for (const node& c : nd.children) total += c.weight;
    if (!(total > 0))
        problems.push_back({{{}, 0, path + ".children"}, "the children's weights sum to 0 (expected a positive sum)"});
    for (std::size_t i = 0; i < nd.children.size(); ++i)
        check_node(nd.children[i], path + ".children[" + std::to_string(i) + "]", problems);
}

}  // namespace

std::vector<problem> check_hierarchy(const node& root) {
    std::vector<problem> problems;
    check_node(root, "hierarchy", problems);
    return problems;
}

std::vector<node_score> score_hierarchy(const survey& s, const group_rows& g, const score_options& options,
                                        proportion_estimate& overall_rate) {
    if (!s.hierarchy) return {};
    hierarchy_scorer scorer(s, g, options);
    return scorer.run(*s.hierarchy, overall_rate);
}

std::vector<double> node_respondent_scores(const survey& s, const group_rows& g, const score_options& options,
                                           const std::string& node_id) {
    std::vector<double> out(g.rows.size(), nan);
    if (!s.hierarchy) return out;
    hierarchy_scorer scorer(s, g, options);
    scorer.keep(node_id, &out);
    proportion_estimate rate;
    scorer.run(*s.hierarchy, rate);
    return out;
}

const node* find_hierarchy_node(const survey& s, const std::string& id) {
    if (!s.hierarchy) return nullptr;
    std::vector<const node*> todo{&*s.hierarchy};
    while (!todo.empty()) {
        const node* n = todo.back();
        todo.pop_back();
        if (n->id == id) return n;
        for (const auto& c : n->children) todo.push_back(&c);
    }
    return nullptr;
}

}  // namespace scoring_detail
CSIKIT_NAMESPACE_END
