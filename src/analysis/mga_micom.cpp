// MICOM (Henseler, Ringle & Sarstedt 2016) for every pair of groups: step 1 as a checklist,
// step 2 (compositional invariance: c = cor(X w_1, X w_2) on the pooled raw data, permutation
// of the raw pooled rows with both groups re-estimated) and step 3 (equal composite means and
// log variances of the pooled estimate's scores, permutation of the labels). All from sums.
#include "mga_micom.hpp"

#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>

CSIKIT_NAMESPACE_BEGIN
namespace mga_detail {

namespace {

constexpr std::uint64_t stream_step2 = 200, stream_step3 = 300;

/// Weights of each block of `f` aligned in sign to `ref`.
Eigen::VectorXd aligned_weights(const pls_fit& f, const pls_fit& ref) {
    Eigen::VectorXd w = f.weights;
    const auto J = static_cast<Eigen::Index>(f.constructs.size());
    Eigen::VectorXd dot = Eigen::VectorXd::Zero(J);
    for (Eigen::Index h = 0; h < w.size(); ++h) dot[f.block[static_cast<std::size_t>(h)]] += w[h] * ref.weights[h];
    for (Eigen::Index h = 0; h < w.size(); ++h)
        if (dot[f.block[static_cast<std::size_t>(h)]] < 0) w[h] = -w[h];
    return w;
}

/// c_j = w1' S w2 / sqrt(w1' S w1 w2' S w2) over block j's indicators.
Eigen::VectorXd compositional_c(const Eigen::VectorXd& w1, const Eigen::VectorXd& w2, const Eigen::MatrixXd& S,
                                const std::vector<int>& block, Eigen::Index J) {
    Eigen::VectorXd c(J);
    for (Eigen::Index j = 0; j < J; ++j) {
        Eigen::VectorXd a = Eigen::VectorXd::Zero(w1.size()), b = a;
        for (Eigen::Index h = 0; h < w1.size(); ++h)
            if (block[static_cast<std::size_t>(h)] == j) a[h] = w1[h], b[h] = w2[h];
        c[j] = a.dot(S * b) / std::sqrt(a.dot(S * a) * b.dot(S * b));
    }
    return c;
}

struct step3_stats {
    Eigen::VectorXd mean_diff, logvar_diff;
};

/// Group 0 is the rows labelled 0, group 1 the rest; scores H = Z w per block.
bool step3(const sums& g0, const sums& total, const Eigen::VectorXd& w, const std::vector<int>& block, Eigen::Index J,
           const std::vector<std::string>& items, step3_stats& out) {
    const sums g1 = subtract(total, g0);
    moments m0, m1;
    Eigen::MatrixXd c0, c1;
    if (!to_moments(g0, items, m0, &c0) || !to_moments(g1, items, m1, &c1)) return false;
    out.mean_diff.resize(J);
    out.logvar_diff.resize(J);
    for (Eigen::Index j = 0; j < J; ++j) {
        Eigen::VectorXd a = Eigen::VectorXd::Zero(w.size());
        for (Eigen::Index h = 0; h < w.size(); ++h)
            if (block[static_cast<std::size_t>(h)] == j) a[h] = w[h];
        out.mean_diff[j] = a.dot(m0.mean) - a.dot(m1.mean);
        out.logvar_diff[j] = std::log(a.dot(c0 * a)) - std::log(a.dot(c1 * a));
    }
    return true;
}

double share_beyond(const std::vector<double>& ref, double t) {
    if (ref.empty()) return std::nan("");
    std::size_t n = 0;
    for (double x : ref) n += (x > std::fabs(t)) + (x < -std::fabs(t));
    return static_cast<double>(n) / static_cast<double>(ref.size());
}

}  // namespace

micom_result micom(const prepared& P, const pls_model& model, const mga_options& o, const pls_options& po, unsigned threads,
                   const mga_labels* labels) {
    micom_result res;
    const pls_fit& f0 = P.groups_fit.front();
    res.configural.push_back("same constructs, indicators and paths in every group (one model: " +
                             std::to_string(f0.constructs.size()) + " constructs, " + std::to_string(f0.indicators.size()) +
                             " indicators, " + std::to_string(model.paths.size()) + " paths)");
    res.configural.push_back("same data treatment: every item coded by one schema (scales, missing codes, reverse items)");
    res.configural.push_back(std::string("same algorithm in every group: scheme ") + scheme_name(o.pls.scheme) + ", " +
                             (o.pls.consistent ? "PLSc" : "PLS") + ", missing " + missing_name(o.pls.missing) +
                             ", tolerance " + format_shortest(o.pls.tolerance));
    for (std::size_t g = 0; g < P.groups_fit.size(); ++g) {
        const auto& f = P.groups_fit[g];
        res.configural.push_back("group " + P.values[g] + ": " +
                                 (f.converged ? "converged in " + std::to_string(f.iterations) + " iterations"
                                              : std::string("did NOT converge")));
        res.configural_ok = res.configural_ok && f.converged;
    }
    const auto J = static_cast<Eigen::Index>(f0.constructs.size());
    const auto p = static_cast<Eigen::Index>(P.items.size());

    std::size_t pair_index = 0;
    for (std::size_t a = 0; a < P.values.size(); ++a)
        for (std::size_t b = a + 1; b < P.values.size(); ++b, ++pair_index) {
            // The pair's pooled raw rows, standardised with the pooled moments.
            std::vector<Eigen::Index> src = P.rows_of[a];
            src.insert(src.end(), P.rows_of[b].begin(), P.rows_of[b].end());
            const auto n = static_cast<Eigen::Index>(src.size());
            row_matrix z(n, p);
            Eigen::VectorXd v(n);
            for (Eigen::Index i = 0; i < n; ++i) {
                z.row(i) = P.xraw.row(src[static_cast<std::size_t>(i)]);
                v[i] = P.v[src[static_cast<std::size_t>(i)]];
            }
            std::vector<Eigen::Index> all(static_cast<std::size_t>(n)), first(P.rows_of[a].size());
            for (Eigen::Index i = 0; i < n; ++i) all[static_cast<std::size_t>(i)] = i;
            for (std::size_t i = 0; i < first.size(); ++i) first[i] = static_cast<Eigen::Index>(i);
            row_matrix scratch;
            sums raw_total;
            gather(z, v, all, nullptr, raw_total, scratch);
            moments pm;
            Eigen::MatrixXd S;  // pooled raw covariance
            to_moments(raw_total, P.items, pm, &S);
            for (Eigen::Index i = 0; i < n; ++i) z.row(i) = (z.row(i) - pm.mean.transpose()).cwiseQuotient(pm.sd.transpose());
            sums total;
            gather(z, v, all, nullptr, total, scratch);
            moments zm;
            to_moments(total, P.items, zm);
            const pls_fit pooled = estimate(model, zm, po);
            const Eigen::VectorXd wp = aligned_weights(pooled, f0);

            const Eigen::VectorXd c_obs = compositional_c(aligned_weights(P.groups_fit[a], f0), aligned_weights(P.groups_fit[b], f0), S,
                                                          f0.block, J);
            sums g0;
            gather(z, v, first, nullptr, g0, scratch);
            step3_stats obs;
            step3(g0, total, wp, f0.block, J, P.items, obs);

            std::vector<int> base(static_cast<std::size_t>(n), 1);
            std::fill(base.begin(), base.begin() + static_cast<std::ptrdiff_t>(first.size()), 0);
            const std::size_t R2 = labels ? labels->micom2.size() : o.permutations;
            const std::size_t R3 = labels ? labels->micom3.size() : o.permutations;
            std::vector<double> c_ref(R2 * static_cast<std::size_t>(J)), m_ref(R3 * static_cast<std::size_t>(J)),
                v_ref(R3 * static_cast<std::size_t>(J));
            std::vector<std::uint8_t> ok2(R2, 0), ok3(R3, 0);
            std::vector<row_matrix> scratches(std::max(1u, threads));
            auto draw = [&](std::size_t r, std::uint64_t stream, const std::vector<std::vector<int>>* given) {
                if (given) return (*given)[r];
                std::vector<int> l = base;
                rng g = make_rng(P.seed, stream + pair_index, r);
                shuffle(l, g);
                return l;
            };
            auto select = [&](const std::vector<int>& l) {
                std::vector<Eigen::Index> sel;
                for (std::size_t k = 0; k < l.size(); ++k)
                    if (l[k] == 0) sel.push_back(static_cast<Eigen::Index>(k));
                return sel;
            };
            parallel_for(R2, threads, [&](std::size_t r, unsigned worker) {
                sums s0;
                gather(z, v, select(draw(r, stream_step2, labels ? &labels->micom2 : nullptr)), nullptr, s0, scratches[worker]);
                const sums s1 = subtract(total, s0);
                try {
                    moments m0, m1;
                    if (!to_moments(s0, P.items, m0) || !to_moments(s1, P.items, m1)) return;
                    const Eigen::VectorXd w0 = aligned_weights(estimate(model, m0, po), f0);
                    const Eigen::VectorXd w1 = aligned_weights(estimate(model, m1, po), f0);
                    const Eigen::VectorXd c = compositional_c(w0, w1, S, f0.block, J);
                    if (!c.allFinite()) return;
                    for (Eigen::Index j = 0; j < J; ++j) c_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)] = c[j];
                    ok2[r] = 1;
                } catch (const error&) {
                }
            });
            parallel_for(R3, threads, [&](std::size_t r, unsigned worker) {
                sums s0;
                gather(z, v, select(draw(r, stream_step3, labels ? &labels->micom3 : nullptr)), nullptr, s0, scratches[worker]);
                step3_stats st;
                if (!step3(s0, total, wp, f0.block, J, P.items, st)) return;
                for (Eigen::Index j = 0; j < J; ++j) {
                    m_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)] = st.mean_diff[j];
                    v_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)] = st.logvar_diff[j];
                }
                ok3[r] = 1;
            });
            micom_pair mp;
            mp.g1 = a;
            mp.g2 = b;
            mp.permutations_ok = static_cast<std::size_t>(std::count(ok2.begin(), ok2.end(), 1));
            if (R2 && static_cast<double>(R2 - mp.permutations_ok) > o.max_failed_share * static_cast<double>(R2))
                throw numeric_error(location{"", 0, "micom"}, "mga: MICOM step 2: " + std::to_string(R2 - mp.permutations_ok) + " of " +
                                                                  std::to_string(R2) +
                                                                  " permutation runs could not be estimated (expected at most " +
                                                                  format_shortest(o.max_failed_share * 100) + "%: max_failed_share)");
            for (Eigen::Index j = 0; j < J; ++j) {
                micom_construct mc;
                mc.construct = f0.constructs[static_cast<std::size_t>(j)];
                std::vector<double> cr, mr, vr;
                for (std::size_t r = 0; r < R2; ++r)
                    if (ok2[r]) cr.push_back(c_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)]);
                for (std::size_t r = 0; r < R3; ++r)
                    if (ok3[r]) {
                        mr.push_back(m_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)]);
                        vr.push_back(v_ref[r * static_cast<std::size_t>(J) + static_cast<std::size_t>(j)]);
                    }
                mc.c = c_obs[j];
                std::size_t below = 0;
                for (double x : cr) below += x <= mc.c;
                mc.c_p = cr.empty() ? std::nan("") : static_cast<double>(below) / static_cast<double>(cr.size());
                std::sort(cr.begin(), cr.end());
                mc.c_q05 = quantile7(cr, 0.05);
                mc.compositional = !(mc.c_p < o.alpha);
                mc.mean_diff = obs.mean_diff[j];
                mc.logvar_diff = obs.logvar_diff[j];
                mc.mean_p = share_beyond(mr, mc.mean_diff);
                mc.logvar_p = share_beyond(vr, mc.logvar_diff);
                std::sort(mr.begin(), mr.end());
                std::sort(vr.begin(), vr.end());
                mc.mean_low = quantile7(mr, 0.025);
                mc.mean_high = quantile7(mr, 0.975);
                mc.logvar_low = quantile7(vr, 0.025);
                mc.logvar_high = quantile7(vr, 0.975);
                mc.equal_mean = !(mc.mean_p < o.alpha);
                mc.equal_variance = !(mc.logvar_p < o.alpha);
                mc.invariance = !(res.configural_ok && mc.compositional) ? "none"
                                : mc.equal_mean && mc.equal_variance     ? "full"
                                                                         : "partial";
                mp.constructs.push_back(mc);
            }
            res.pairs.push_back(std::move(mp));
        }
    return res;
}

}  // namespace mga_detail
CSIKIT_NAMESPACE_END
