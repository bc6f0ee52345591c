// Interaction terms as model transformations (docs/pls.md, "Moderation"), as seminr builds them:
//   product indicator  items z(x_j) z(m_k) over every pair of predictor and moderator items
//                      (z: centred, SD 1), an ordinary mode A block named "X*M";
//   orthogonal         each product item replaced by its OLS residual (with intercept) on all
//                      the items of X and M (Little et al. 2006);
//   two-stage          stage 1: the model without interaction paths; the one item
//                      "X*M" = product of the standardised stage-1 scores of X and M.
#include "model_expand_internal.hpp"

#include <Eigen/QR>

#include <cmath>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace expand_detail {
namespace {

void check_interactions(const pls_model& m) {
    std::vector<problem> problems;
    std::set<std::string> used;
    for (const auto& p : m.paths) used.insert(p.from);
    for (const auto& x : m.interactions) {
        for (const auto* id : {&x.predictor, &x.moderator})
            if (!find(m, *id))
                problems.push_back({{"", 0, x.id}, "interaction \"" + x.id + "\": unknown construct \"" + *id + "\""});
        if (x.predictor == x.moderator)
            problems.push_back({{"", 0, x.id}, "interaction \"" + x.id + "\" of a construct with itself (expected two constructs)"});
        if (find(m, x.id)) problems.push_back({{"", 0, x.id}, "interaction id \"" + x.id + "\" is also a construct"});
        if (!used.count(x.id))
            problems.push_back({{"", 0, x.id}, "interaction \"" + x.id + "\" is in no path (expected a path " + x.id + " -> Y)"});
    }
    if (!problems.empty()) throw model_error(std::move(problems));
}

/// numeric_error naming the construct when every item of it is constant.
void check_varies(const responses& data, const construct& c, const interaction_term& x, bool use_weights) {
    for (const auto& item : c.items) {
        const column_stats st = stats_of(data, data.values.col(data.column(item)), use_weights);
        if (!(st.sd > 0))
            throw numeric_error(location{"", 0, c.id}, "interaction \"" + x.id + "\": " +
                                                           (c.id == x.moderator ? "the moderator \"" : "the predictor \"") + c.id +
                                                           "\" is constant (item \"" + item + "\" has no variance; expected a varying " +
                                                           (c.id == x.moderator ? "moderator)" : "predictor)"));
    }
}

/// Residuals of the columns of Y on [1, X] over the rows complete in both (NaN elsewhere).
Eigen::MatrixXd residualize(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X) {
    const Eigen::Index n = Y.rows();
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < n; ++i)
        if (!Y.row(i).hasNaN() && !X.row(i).hasNaN()) rows.push_back(i);
    const auto r = static_cast<Eigen::Index>(rows.size());
    Eigen::MatrixXd A(r, X.cols() + 1), B(r, Y.cols());
    for (Eigen::Index k = 0; k < r; ++k) {
        A(k, 0) = 1;
        A.row(k).tail(X.cols()) = X.row(rows[static_cast<std::size_t>(k)]);
        B.row(k) = Y.row(rows[static_cast<std::size_t>(k)]);
    }
    const Eigen::MatrixXd coef = A.colPivHouseholderQr().solve(B);
    Eigen::MatrixXd out = Eigen::MatrixXd::Constant(n, Y.cols(), std::nan(""));
    const Eigen::MatrixXd res = B - A * coef;
    for (Eigen::Index k = 0; k < r; ++k) out.row(rows[static_cast<std::size_t>(k)]) = res.row(k);
    return out;
}

}  // namespace

void expand_interactions(expanded_model& e, const pls_options& options) {
    pls_model& m = e.model;
    if (m.interactions.empty()) return;
    check_interactions(m);
    const bool w = options.use_weights;
    std::optional<pls_fit> stage1;
    for (const auto& x : m.interactions) {
        const construct pred = *find(m, x.predictor);
        const construct mod = *find(m, x.moderator);
        check_varies(e.data, pred, x, w);
        check_varies(e.data, mod, x, w);
        construct term;
        term.id = x.id;
        term.mode = outer_mode::A;
        if (x.approach == interaction_approach::two_stage) {
            if (!stage1) {
                // The model without interaction terms, estimated once for all two-stage terms.
                pls_model s1;
                s1.constructs = m.constructs;
                std::set<std::string> terms;
                for (const auto& y : m.interactions) terms.insert(y.id);
                for (const auto& p : m.paths)
                    if (!terms.count(p.from)) s1.paths.push_back(p);
                pls_options o1 = options;
                o1.keep_scores = true;
                o1.quality = true;
                stage1 = estimate(s1, e.data, o1);
                e.interaction_stage1_model = s1;
            }
            const Eigen::VectorXd zm = stage1->scores.col(stage1->construct_index(x.moderator));
            if (auto z = category_levels(e, x.moderator, zm); !z.empty()) e.dummy_levels.push_back({x.id, std::move(z)});
            const Eigen::VectorXd product = stage1->scores.col(stage1->construct_index(x.predictor)).cwiseProduct(zm);
            const std::string name = free_name(e.data, x.id, "@score");
            append_column(e.data, name, product);
            e.derived.push_back(name);
            e.interaction_stage1 = true;
            e.stage1_products.push_back({name, x.predictor, x.moderator});
            term.items.push_back(name);
        } else {
            const Eigen::Index n = e.data.values.rows();
            const auto P = static_cast<Eigen::Index>(pred.items.size() * mod.items.size());
            Eigen::MatrixXd products(n, P);
            std::vector<std::string> names;
            Eigen::Index k = 0;
            if (mod.items.size() == 1)
                if (auto z = category_levels(e, x.moderator, standardized(e.data, mod.items[0], w, mod.id)); !z.empty())
                    e.dummy_levels.push_back({x.id, std::move(z)});
            for (const auto& a : pred.items) {
                const Eigen::VectorXd za = standardized(e.data, a, w, pred.id);
                for (const auto& b : mod.items) {
                    products.col(k++) = za.cwiseProduct(standardized(e.data, b, w, mod.id));
                    names.push_back(a + "*" + b);
                }
            }
            if (x.approach == interaction_approach::orthogonal) {
                Eigen::MatrixXd raw(n, static_cast<Eigen::Index>(pred.items.size() + mod.items.size()));
                Eigen::Index c = 0;
                for (const auto& a : pred.items) raw.col(c++) = e.data.values.col(e.data.column(a));
                for (const auto& b : mod.items) raw.col(c++) = e.data.values.col(e.data.column(b));
                products = residualize(products, raw);
            }
            for (Eigen::Index j = 0; j < P; ++j) {
                const std::string name = free_name(e.data, names[static_cast<std::size_t>(j)], "@" + x.id);
                append_column(e.data, name, products.col(j));
                e.derived.push_back(name);
                term.items.push_back(name);
            }
        }
        m.constructs.push_back(std::move(term));
    }
    if (stage1 && !e.stage1) e.stage1 = std::move(stage1);
}

std::vector<interaction_effect> interaction_effects(const pls_model& original, const pls_fit& fit) {
    std::vector<interaction_effect> out;
    for (const auto& x : original.interactions) {
        const int jx = fit.construct_index(x.id);
        if (jx < 0) continue;
        // seminr's adj: sum_k sd(x_k) |l_k| / sum_k |l_k| over the raw interaction items.
        double num = 0, den = 0;
        for (std::size_t h = 0; h < fit.indicators.size(); ++h)
            if (fit.block[h] == jx) {
                const double l = std::abs(fit.loadings[static_cast<Eigen::Index>(h)]);
                num += fit.data.sd[static_cast<Eigen::Index>(h)] * l;
                den += l;
            }
        const double adj = den > 0 ? num / den : 1.0;
        const int jp = fit.construct_index(x.predictor), jm = fit.construct_index(x.moderator);
        for (const auto& p : original.paths) {
            if (p.from != x.id) continue;
            const int jy = fit.construct_index(p.to);
            if (jy < 0) continue;
            interaction_effect r;
            r.id = x.id;
            r.predictor = x.predictor;
            r.moderator = x.moderator;
            r.dependent = p.to;
            r.approach = x.approach;
            r.path = fit.paths(jy, jx);
            r.score_sd = adj;
            r.path_rescaled = r.path / adj;
            r.predictor_path = jp >= 0 ? fit.paths(jy, jp) : 0.0;
            r.moderator_path = jm >= 0 ? fit.paths(jy, jm) : 0.0;
            r.slope_low = r.predictor_path - r.path_rescaled;
            r.slope_mean = r.predictor_path;
            r.slope_high = r.predictor_path + r.path_rescaled;
            out.push_back(std::move(r));
        }
    }
    return out;
}

}  // namespace expand_detail

CSIKIT_NAMESPACE_END
