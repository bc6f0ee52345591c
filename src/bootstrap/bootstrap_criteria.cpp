// The bootstrapped quality criteria (HTMT, f2, adjusted R2, total indirect effects), the
// specific indirect effects and their mediation classes: the layout entries, the per-resample
// values (from the resample's moments and fit only, so they cost no extra pass over the data)
// and the classification from the summaries. Formulas: docs/bootstrap.md.
#include "bootstrap_internal.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <limits>

CSIKIT_NAMESPACE_BEGIN
namespace boot_detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Mean absolute correlation of the items of blocks a and b (a == b: off the diagonal; a
/// single item counts 1, as seminr and the estimator).
double mean_abs(const layout& l, const Eigen::MatrixXd& S, const std::vector<Eigen::Index>* pos, int a, int b) {
    const int sa = l.start[static_cast<std::size_t>(a)], qa = l.size[static_cast<std::size_t>(a)];
    const int sb = l.start[static_cast<std::size_t>(b)], qb = l.size[static_cast<std::size_t>(b)];
    if (a == b && qa < 2) return 1.0;
    auto at = [&](int h) { return pos ? (*pos)[static_cast<std::size_t>(h)] : static_cast<Eigen::Index>(h); };
    double sum = 0;
    for (int g = sa; g < sa + qa; ++g)
        for (int h = sb; h < sb + qb; ++h)
            if (g != h) sum += std::abs(S(at(g), at(h)));
    return a == b ? sum / (qa * (qa - 1.0)) : sum / (qa * static_cast<double>(qb));
}

/// R2 of the regression of j on `preds` from the construct correlations R.
double r2_of(const Eigen::MatrixXd& R, int j, const std::vector<int>& preds) {
    const auto k = static_cast<Eigen::Index>(preds.size());
    if (k == 0) return 0.0;
    Eigen::MatrixXd A(k, k);
    Eigen::VectorXd r(k);
    for (Eigen::Index a = 0; a < k; ++a) {
        r[a] = R(j, preds[static_cast<std::size_t>(a)]);
        for (Eigen::Index c = 0; c < k; ++c) A(a, c) = R(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(c)]);
    }
    const Eigen::LDLT<Eigen::MatrixXd> f(A);
    if (f.info() != Eigen::Success) return nan;
    return r.dot(f.solve(r));
}

}  // namespace

double htmt_value(const layout& l, const Eigen::MatrixXd& S, const std::vector<Eigen::Index>* pos, int a, int b) {
    return mean_abs(l, S, pos, a, b) / std::sqrt(mean_abs(l, S, pos, a, a) * mean_abs(l, S, pos, b, b));
}

double f2_value(const layout& l, const pls_fit& fit, int i, int j) {
    const auto J = static_cast<Eigen::Index>(fit.constructs.size());
    if (fit.f2.rows() == J && fit.f2.cols() == J) return fit.f2(j, i);
    std::vector<int> rest;
    for (int o : l.preds[static_cast<std::size_t>(j)])
        if (o != i) rest.push_back(o);
    const double r2 = fit.r2[j];
    return (r2 - r2_of(fit.construct_correlation, j, rest)) / (1 - r2);
}

void add_criteria_params(layout& l, const pls_model& model, const pls_fit& original) {
    const int J = static_cast<int>(original.constructs.size());
    const int p = static_cast<int>(original.indicators.size());
    l.start.assign(static_cast<std::size_t>(J), 0);
    l.size.assign(static_cast<std::size_t>(J), 0);
    for (int h = p - 1; h >= 0; --h) {
        const auto j = static_cast<std::size_t>(original.block[static_cast<std::size_t>(h)]);
        l.start[j] = h;
        ++l.size[j];
    }
    l.original_pos.resize(static_cast<std::size_t>(p));
    for (int h = 0; h < p; ++h) {
        const auto& ids = original.data.item_ids;
        const auto it = std::find(ids.begin(), ids.end(), original.indicators[static_cast<std::size_t>(h)]);
        l.original_pos[static_cast<std::size_t>(h)] = static_cast<Eigen::Index>(it - ids.begin());  // prepare() checked it
    }
    l.preds.assign(static_cast<std::size_t>(J), {});
    for (const auto& q : l.params)
        if (q.kind == parameter_kind::path) l.preds[static_cast<std::size_t>(q.to)].push_back(q.from);

    const auto name = [&](int j) -> const std::string& { return original.constructs[static_cast<std::size_t>(j)]; };
    for (int a = 0; a < J; ++a)
        for (int b = a + 1; b < J; ++b) {
            bootstrap_parameter q;
            q.kind = parameter_kind::htmt;
            q.from = a;
            q.to = b;
            q.label = name(a) + " -> " + name(b);
            q.estimate = htmt_value(l, original.data.correlation, &l.original_pos, a, b);
            l.params.push_back(q);
        }
    const std::size_t n_paths = l.params.size();
    for (std::size_t k = 0; k < n_paths; ++k) {
        if (l.params[k].kind != parameter_kind::path) continue;
        bootstrap_parameter q = l.params[k];
        q.kind = parameter_kind::f2;
        q.estimate = f2_value(l, original, q.from, q.to);
        l.params.push_back(q);
    }
    for (int j = 0; j < J; ++j) {
        if (l.preds[static_cast<std::size_t>(j)].empty()) continue;
        bootstrap_parameter q;
        q.kind = parameter_kind::r2_adjusted;
        q.to = j;
        q.label = name(j);
        q.estimate = original.r2_adjusted[j];
        l.params.push_back(q);
    }
    const std::vector<indirect_chain> chains = specific_indirect_effects(model, original);
    std::vector<std::vector<char>> mediated(static_cast<std::size_t>(J), std::vector<char>(static_cast<std::size_t>(J), 0));
    for (const auto& c : chains) mediated[static_cast<std::size_t>(c.constructs.front())][static_cast<std::size_t>(c.constructs.back())] = 1;
    for (int f = 0; f < J; ++f)
        for (int t = 0; t < J; ++t) {
            if (!mediated[static_cast<std::size_t>(f)][static_cast<std::size_t>(t)]) continue;
            bootstrap_parameter q;
            q.kind = parameter_kind::total_indirect;
            q.from = f;
            q.to = t;
            q.label = name(f) + " -> " + name(t);
            q.estimate = original.indirect_effects(t, f);
            l.params.push_back(q);
        }
    for (const auto& c : chains) {
        bootstrap_parameter q;
        q.kind = parameter_kind::indirect_effect;
        q.from = c.constructs.front();
        q.to = c.constructs.back();
        q.label = c.label;
        q.chain = c.constructs;
        q.estimate = c.estimate;
        l.params.push_back(q);
    }
}

void check_mediation(const pls_model& model, const pls_fit& original, const std::vector<std::vector<std::string>>& requested) {
    for (const auto& ids : requested) (void)specific_indirect_effect(model, original, ids);
}

std::vector<mediation_result> classify(const pls_model& model, const pls_fit& original,
                                       const std::vector<bootstrap_parameter>& paths,
                                       const std::vector<bootstrap_parameter>& indirect,
                                       const std::vector<std::vector<std::string>>& requested) {
    auto excludes_zero = [](double lo, double hi) { return std::isfinite(lo) && std::isfinite(hi) && (lo > 0 || hi < 0); };
    auto one = [&](const bootstrap_parameter& q, bool asked) {
        mediation_result m;
        for (int j : q.chain) m.chain.push_back(original.constructs[static_cast<std::size_t>(j)]);
        m.label = q.label;
        m.requested = asked;
        m.indirect = q.estimate;
        m.indirect_low = q.ci_low;
        m.indirect_high = q.ci_high;
        m.indirect_significant = excludes_zero(q.ci_low, q.ci_high);
        m.direct_low = m.direct_high = nan;
        for (const auto& d : paths)
            if (d.kind == parameter_kind::path && d.from == q.from && d.to == q.to) {
                m.has_direct = true;
                m.direct = d.estimate;
                m.direct_low = d.ci_low;
                m.direct_high = d.ci_high;
                m.direct_significant = excludes_zero(d.ci_low, d.ci_high);
            }
        m.total_indirect = original.indirect_effects(q.to, q.from);
        m.type = classify_mediation(m.indirect_significant, m.indirect, m.direct_significant, m.direct);
        return m;
    };
    std::vector<mediation_result> out;
    std::vector<char> taken(indirect.size(), 0);
    for (const auto& ids : requested) {
        const indirect_chain c = specific_indirect_effect(model, original, ids);
        for (std::size_t k = 0; k < indirect.size(); ++k)
            if (indirect[k].chain == c.constructs) {
                out.push_back(one(indirect[k], true));
                taken[k] = 1;
                break;
            }
    }
    for (std::size_t k = 0; k < indirect.size(); ++k)
        if (!taken[k]) out.push_back(one(indirect[k], false));
    return out;
}

}  // namespace boot_detail
CSIKIT_NAMESPACE_END
