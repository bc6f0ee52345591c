// Re-running a two-stage approach's stage 1 inside every resample.
//
// Stage 2 of a two-stage HOC measures the HOC by the LOCs' stage-1 scores s_j = sum_k w_jk z_k;
// a two-stage interaction's one item is the product of two stage-1 scores. In a resample the
// stage-1 weights change, and with them the scores; holding the original scores fixed leaves
// that variation out of the bootstrap (the intervals come out too narrow).
//   HOC: a score's correlations are linear in the item correlations (cov(s_j, z_m) = w_j' C_.m),
//        so a resample's stage-2 moments are T' C T: no scores are computed.
//   interaction: a product of scores is not linear in C, so the products are formed row by row
//        (n x items of the two constructs) and their correlations summed over the drawn rows.
#include "bootstrap_internal.hpp"

#include <cmath>
#include <map>
#include <string>

CSIKIT_NAMESPACE_BEGIN
namespace boot_detail {

namespace {

/// Per stage-1 construct, +1 or -1: the sign that aligns the resample's weights with the original's.
std::vector<double> block_signs(const pls_fit& f1, const pls_fit& o1) {
    std::vector<double> dot(o1.constructs.size(), 0.0);
    for (Eigen::Index k = 0; k < f1.weights.size(); ++k)
        dot[static_cast<std::size_t>(f1.block[static_cast<std::size_t>(k)])] += f1.weights[k] * o1.weights[k];
    for (auto& v : dot) v = v < 0 ? -1.0 : 1.0;
    return dot;
}

}  // namespace

two_stage_plan make_two_stage_plan(const expanded_model& e, const pls_fit& original, working_data& d) {
    two_stage_plan plan;
    const bool hoc = e.stage1_model.has_value();
    plan.model1 = hoc ? &*e.stage1_model : &*e.interaction_stage1_model;
    plan.stage1 = &*e.stage1;
    plan.options1 = e.stage1->options;
    plan.options1.quality = false;
    plan.options1.keep_scores = false;
    const working_data d2 = prepare(e.data, original);
    const working_data d1 = prepare(hoc ? e.stage1_data : e.data, *e.stage1);
    if (d2.n() != d1.n())
        throw argument_error(location{e.data.source, 0, "stage1"},
                             "bootstrap: stage 1 used " + std::to_string(d1.n()) + " respondents and stage 2 " +
                                 std::to_string(d2.n()) + " (expected the same respondents in both stages)");
    plan.p2 = d2.p();
    plan.p1 = d1.p();
    std::map<std::string, int> loc_of_column;
    for (const auto& [column, loc] : e.stage1_scores) loc_of_column[column] = e.stage1->construct_index(loc);
    std::map<std::string, std::size_t> product_of;
    for (std::size_t q = 0; q < e.stage1_products.size(); ++q) product_of[e.stage1_products[q].column] = q;
    for (const auto& id : e.stage1->indicators) plan.ids.push_back(id);
    // Stage-2 items that are stage-1 items share its column (the same standardised values on
    // the same respondents); only the others are appended.
    std::vector<Eigen::Index> extra;
    for (Eigen::Index h = 0; h < plan.p2; ++h) {
        const std::string& id = original.indicators[static_cast<std::size_t>(h)];
        const auto loc = hoc ? loc_of_column.find(id) : loc_of_column.end();
        plan.score_of.push_back(loc == loc_of_column.end() ? -1 : loc->second);
        const bool product = !hoc && product_of.count(id);
        Eigen::Index src = -1;
        if (loc == loc_of_column.end() && !product) {
            src = e.stage1->indicator_index(id);
            if (src < 0) {
                src = plan.p1 + static_cast<Eigen::Index>(extra.size());
                extra.push_back(h);
                plan.ids.push_back(id);
            }
        }
        plan.source.push_back(src);
    }
    d.z.resize(d1.n(), plan.p1 + static_cast<Eigen::Index>(extra.size()));
    d.z.leftCols(plan.p1) = d1.z;
    for (std::size_t k = 0; k < extra.size(); ++k) d.z.col(plan.p1 + static_cast<Eigen::Index>(k)) = d2.z.col(extra[k]);
    d.weight = d2.weight;
    if (!hoc)
        for (const auto& x : e.stage1_products)
            plan.products.push_back({original.indicator_index(x.column), e.stage1->construct_index(x.predictor),
                                     e.stage1->construct_index(x.moderator)});
    return plan;
}

void stage_two_correlation(const two_stage_plan& plan, const working_data& d, const std::vector<double>& counts,
                           const weighted_sums& sums, const Eigen::MatrixXd& all, moments& m1, Eigen::MatrixXd& out) {
    const Eigen::Index p2 = plan.p2, p1 = plan.p1, pw = all.rows();
    m1.correlation = all.topLeftCorner(p1, p1);
    const pls_fit f1 = estimate(*plan.model1, m1, plan.options1);
    const std::vector<double> sign = block_signs(f1, *plan.stage1);
    if (plan.products.empty()) {
        Eigen::MatrixXd T = Eigen::MatrixXd::Zero(pw, p2);
        for (Eigen::Index h = 0; h < p2; ++h) {
            const int j = plan.score_of[static_cast<std::size_t>(h)];
            if (j < 0) {
                T(plan.source[static_cast<std::size_t>(h)], h) = 1;
                continue;
            }
            for (Eigen::Index k = 0; k < p1; ++k)
                if (f1.block[static_cast<std::size_t>(k)] == j) T(k, h) = sign[static_cast<std::size_t>(j)] * f1.weights[k];
        }
        out.noalias() = T.transpose() * all * T;
        const Eigen::VectorXd inv = out.diagonal().cwiseSqrt().cwiseInverse();
        out = inv.asDiagonal() * out * inv.asDiagonal();
        out.diagonal().setOnes();
        return;
    }
    // The resample's item means and SDs on the working data, and per stage-1 construct the
    // weights on those standardised items scaled to a unit-variance score.
    const double total = sums.total;
    const Eigen::VectorXd mean = sums.sum / total;
    Eigen::VectorXd sd(pw);
    for (Eigen::Index c = 0; c < pw; ++c) sd[c] = std::sqrt(sums.cross(c, c) / total - mean[c] * mean[c]);
    const auto J = static_cast<Eigen::Index>(plan.stage1->constructs.size());
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(p1, J);
    for (Eigen::Index k = 0; k < p1; ++k) {
        const int j = f1.block[static_cast<std::size_t>(k)];
        W(k, j) = sign[static_cast<std::size_t>(j)] * f1.weights[k];
    }
    const Eigen::VectorXd var = (W.transpose() * m1.correlation * W).diagonal();
    for (Eigen::Index j = 0; j < J; ++j) W.col(j) /= std::sqrt(var[j]);
    const Eigen::VectorXd inv_sd = sd.head(p1).cwiseInverse();
    const auto P = static_cast<Eigen::Index>(plan.products.size());
    // Weighted sums of each product, its square, its cross-products with every working column.
    Eigen::VectorXd sp = Eigen::VectorXd::Zero(P);
    Eigen::MatrixXd spz = Eigen::MatrixXd::Zero(P, pw), spp = Eigen::MatrixXd::Zero(P, P);
    Eigen::VectorXd prod(P);
    for (Eigen::Index i = 0; i < d.n(); ++i) {
        const double v = counts[static_cast<std::size_t>(i)];
        if (v == 0) continue;
        const Eigen::VectorXd zs = (d.z.row(i).head(p1).transpose() - mean.head(p1)).cwiseProduct(inv_sd);
        for (Eigen::Index q = 0; q < P; ++q) {
            const auto& x = plan.products[static_cast<std::size_t>(q)];
            prod[q] = W.col(x.predictor).dot(zs) * W.col(x.moderator).dot(zs);
        }
        sp += v * prod;
        spp.noalias() += v * prod * prod.transpose();
        spz.noalias() += v * prod * d.z.row(i);
    }
    const Eigen::VectorXd mp = sp / total;
    Eigen::VectorXd sdp(P);
    for (Eigen::Index q = 0; q < P; ++q) sdp[q] = std::sqrt(spp(q, q) / total - mp[q] * mp[q]);
    // Product q's correlation with working column c, and the product of stage-2 column h.
    std::vector<Eigen::Index> product_at(static_cast<std::size_t>(p2), -1);
    for (Eigen::Index q = 0; q < P; ++q) product_at[static_cast<std::size_t>(plan.products[static_cast<std::size_t>(q)].column)] = q;
    auto with_column = [&](Eigen::Index q, Eigen::Index c) {
        return (spz(q, c) / total - mp[q] * mean[c]) / (sdp[q] * sd[c]);
    };
    out.resize(p2, p2);
    for (Eigen::Index a = 0; a < p2; ++a)
        for (Eigen::Index b = 0; b < p2; ++b) {
            const Eigen::Index qa = product_at[static_cast<std::size_t>(a)], qb = product_at[static_cast<std::size_t>(b)];
            const Eigen::Index sa = plan.source[static_cast<std::size_t>(a)], sb = plan.source[static_cast<std::size_t>(b)];
            if (a == b) out(a, b) = 1.0;
            else if (qa < 0 && qb < 0) out(a, b) = all(sa, sb);
            else if (qa >= 0 && qb >= 0) out(a, b) = (spp(qa, qb) / total - mp[qa] * mp[qb]) / (sdp[qa] * sdp[qb]);
            else out(a, b) = qa >= 0 ? with_column(qa, sb) : with_column(qb, sa);
        }
}

}  // namespace boot_detail
CSIKIT_NAMESPACE_END
