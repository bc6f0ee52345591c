// The cross-validation of one repetition. Every fold is estimated from moments: its training
// sums are the full sums minus the held-out rows' (a rank update of sum z0 z0'), so no training
// data are copied and a leave-one-out fit costs one p x p update plus one estimate from moments.
// The prediction of an item is affine in the row's standardised answers, x_hat = a + M z0, for
// PLS and for the LM benchmark alike; the in-sample prediction of a row averaged over the K - 1
// fits that trained on it is then (sum_f (a_f + M_f z0) - (a_own + M_own z0)) / (K - 1), so the
// in-sample figures need only the sum of the maps, never n predictions per fold.
//
// Folds run on a small pool of std::threads in batches; fold f writes only its own test rows
// and its own slot, and the slots of a batch are added in fold order, so the numbers never
// depend on the thread count.
#include "predict_internal.hpp"

#include "csikit/format.hpp"

#include <Eigen/Cholesky>
#include <Eigen/LU>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <random>
#include <string>
#include <system_error>
#include <new>
#include <thread>

CSIKIT_NAMESPACE_BEGIN
namespace predict_detail {

namespace {

constexpr std::size_t batch_folds = 256;  // slots of q x (p + 1) per batch: bounded memory under LOO

/// SplitMix64's output function (as the bootstrap's): a bijective 64-bit mixer.
std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

__extension__ typedef unsigned __int128 u128;

/// Unbiased integer in [0, n) by Lemire's method: the same sequence on every platform.
std::uint64_t below(std::mt19937_64& gen, std::uint64_t n) {
    u128 m = static_cast<u128>(gen()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
        const std::uint64_t threshold = (0 - n) % n;
        while (low < threshold) {
            m = static_cast<u128>(gen()) * n;
            low = static_cast<std::uint64_t>(m);
        }
    }
    return static_cast<std::uint64_t>(m >> 64);
}

std::string fold_text(std::size_t f, std::size_t r) {
    return "fold " + std::to_string(f + 1) + " of repetition " + std::to_string(r + 1);
}

/// The affine prediction maps of one fold in z0 units: x0_hat = a + M z0 (q x p).
struct fold_maps {
    Eigen::MatrixXd pls, lm;
    Eigen::VectorXd pls_a, lm_a;
    std::exception_ptr error;
};

struct fold_job {
    const cv_problem& pr;
    const predict_options& o;
    std::size_t r;
    const std::vector<std::vector<Eigen::Index>>& members;
    cv_repeat& out;
};

/// Estimates fold f and writes its test rows' residuals and its maps.
void run_fold(fold_job& jb, std::size_t f, fold_maps& maps) {
    const cv_problem& pr = jb.pr;
    const Eigen::Index p = pr.p(), q = pr.q();
    const auto& test = jb.members[f];
    const auto nt = static_cast<double>(pr.n() - static_cast<Eigen::Index>(test.size()));

    // Training moments: full sums minus the held-out rows.
    Eigen::MatrixXd zt(static_cast<Eigen::Index>(test.size()), p);
    for (std::size_t k = 0; k < test.size(); ++k) zt.row(static_cast<Eigen::Index>(k)) = pr.z0.row(test[k]);
    const Eigen::VectorXd mean = (pr.sum - zt.colwise().sum().transpose()) / nt;
    Eigen::MatrixXd cov = pr.cross;
    cov.noalias() -= zt.transpose() * zt;
    cov.noalias() -= nt * mean * mean.transpose();
    cov /= nt - 1;
    Eigen::VectorXd sdz(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        if (!(cov(k, k) > 1e-10)) {
            const std::string& id = pr.items[static_cast<std::size_t>(k)];
            throw data_error(location{"", 0, id}, "predict: item \"" + id + "\" is constant in the training data of " +
                                                      fold_text(f, jb.r) +
                                                      " (expected variance in every training fold; use fewer folds "
                                                      "or another seed)");
        }
        sdz[k] = std::sqrt(cov(k, k));
    }
    moments mo;
    mo.item_ids = pr.items;
    mo.mean = pr.mu + pr.sigma.cwiseProduct(mean);
    mo.sd = pr.sigma.cwiseProduct(sdz);
    mo.correlation = sdz.cwiseInverse().asDiagonal() * cov * sdz.cwiseInverse().asDiagonal();
    mo.correlation.diagonal().setOnes();
    mo.pair_counts = Eigen::MatrixXd::Constant(p, p, nt);
    mo.respondents_total = mo.respondents_used = static_cast<std::size_t>(nt);
    mo.effective_n = nt;
    mo.missing = missing_treatment::listwise;

    pls_fit fit;
    try {
        fit = estimate(pr.model, mo, jb.o.estimation);
    } catch (const error& e) {
        throw numeric_error(location{"", 0, "fold"}, "predict: the training fit of " + fold_text(f, jb.r) +
                                                         " failed: " + e.what());
    }
    const auto J = static_cast<Eigen::Index>(pr.constructs.size());
    // W (p x J) on the training-standardised items, in this problem's item order.
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(p, J);
    Eigen::VectorXd lambda(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        const int h = fit.indicator_index(pr.items[static_cast<std::size_t>(k)]);
        W(k, pr.block[static_cast<std::size_t>(k)]) = fit.weights[h];
        lambda[k] = fit.loadings[h];
    }
    // T (J x J): predicted scores from the actual scores Y = W' z.
    const Eigen::MatrixXd& B = fit.paths;
    Eigen::MatrixXd T;
    if (jb.o.approach == predict_approach::direct) {
        T = B;
    } else {
        Eigen::MatrixXd D = Eigen::MatrixXd::Zero(J, J);
        for (Eigen::Index j = 0; j < J; ++j) D(j, j) = pr.endogenous[static_cast<std::size_t>(j)] ? 0.0 : 1.0;
        T = (Eigen::MatrixXd::Identity(J, J) - B).partialPivLu().solve(D);
    }
    const Eigen::MatrixXd TW = T * W.transpose();  // J x p: predicted scores from z
    // z = (z0 - mean) / sdz; x0_hat_k = mean_k + sdz_k * z_hat_k.
    const Eigen::VectorXd inv = sdz.cwiseInverse();
    maps.pls.resize(q, p);
    maps.lm.setZero(q, p);
    for (Eigen::Index t = 0; t < q; ++t) {
        const Eigen::Index k = pr.targets[static_cast<std::size_t>(t)];
        const int j = pr.block[static_cast<std::size_t>(k)];
        maps.pls.row(t) = (sdz[k] * lambda[k]) * TW.row(j).cwiseProduct(inv.transpose());
    }
    maps.pls_a = -(maps.pls * mean);
    for (Eigen::Index t = 0; t < q; ++t) maps.pls_a[t] += mean[pr.targets[static_cast<std::size_t>(t)]];

    // The LM benchmark, one solve per endogenous construct (its items share the predictors).
    maps.lm_a.setZero(q);
    for (int j : pr.endo) {
        std::vector<Eigen::Index> preds, ys;
        for (Eigen::Index k = 0; k < p; ++k) {
            const int b = pr.block[static_cast<std::size_t>(k)];
            if (b == j) {
                ys.push_back(k);
            } else if (jb.o.benchmark == predict_benchmark::seminr || !pr.endogenous[static_cast<std::size_t>(b)]) {
                preds.push_back(k);
            }
        }
        const auto np = static_cast<Eigen::Index>(preds.size());
        if (np == 0) continue;  // nothing to regress on: the benchmark predicts 0 (csem) / the mean
        Eigen::MatrixXd G(np, np), g(np, static_cast<Eigen::Index>(ys.size()));
        const bool raw = jb.o.benchmark == predict_benchmark::csem;
        // seminr: correlations (with intercept); cSEM: raw cross-products sum x x' / (nt - 1).
        auto entry = [&](Eigen::Index a, Eigen::Index b) {
            if (!raw) return cov(a, b) / (sdz[a] * sdz[b]);
            const double ma = pr.mu[a] + pr.sigma[a] * mean[a], mb = pr.mu[b] + pr.sigma[b] * mean[b];
            return pr.sigma[a] * pr.sigma[b] * cov(a, b) + nt / (nt - 1) * ma * mb;
        };
        for (Eigen::Index a = 0; a < np; ++a) {
            for (Eigen::Index b = 0; b < np; ++b) G(a, b) = entry(preds[static_cast<std::size_t>(a)], preds[static_cast<std::size_t>(b)]);
            for (std::size_t c = 0; c < ys.size(); ++c) g(a, static_cast<Eigen::Index>(c)) = entry(preds[static_cast<std::size_t>(a)], ys[c]);
        }
        Eigen::LDLT<Eigen::MatrixXd> ldlt(G);
        const double tiny = 1e-12 * G.diagonal().maxCoeff();
        if (ldlt.info() != Eigen::Success || !(ldlt.vectorD().cwiseAbs().minCoeff() > tiny)) {
            throw numeric_error(location{"", 0, pr.constructs[static_cast<std::size_t>(j)]},
                                "predict: the LM benchmark of construct \"" + pr.constructs[static_cast<std::size_t>(j)] +
                                    "\" has collinear predictors in " + fold_text(f, jb.r) +
                                    " (expected predictor items that are not linear combinations of each other)");
        }
        const Eigen::MatrixXd beta = ldlt.solve(g);  // np x |ys|
        for (std::size_t c = 0; c < ys.size(); ++c) {
            const Eigen::Index k = ys[c];
            const auto t = static_cast<Eigen::Index>(std::find(pr.targets.begin(), pr.targets.end(), k) - pr.targets.begin());
            if (!raw) {
                // z_hat_k = sum beta_a z_a with z_a = (z0_a - mean_a) / sdz_a.
                for (Eigen::Index a = 0; a < np; ++a) {
                    const Eigen::Index s = preds[static_cast<std::size_t>(a)];
                    maps.lm(t, s) = sdz[k] * beta(a, static_cast<Eigen::Index>(c)) / sdz[s];
                }
                maps.lm_a[t] = mean[k] - maps.lm.row(t).dot(mean);
            } else {
                // x_hat_k = sum beta_a x_a, x_a = mu_a + sigma_a z0_a; x0_hat_k = (x_hat_k - mu_k) / sigma_k.
                double a0 = -pr.mu[k];
                for (Eigen::Index a = 0; a < np; ++a) {
                    const Eigen::Index s = preds[static_cast<std::size_t>(a)];
                    const double b = beta(a, static_cast<Eigen::Index>(c));
                    maps.lm(t, s) = b * pr.sigma[s] / pr.sigma[k];
                    a0 += b * pr.mu[s];
                }
                maps.lm_a[t] = a0 / pr.sigma[k];
            }
        }
    }

    // Residuals of the held-out rows, on the raw item scale.
    const auto ne = static_cast<Eigen::Index>(pr.endo.size());
    for (Eigen::Index i : test) {
        const Eigen::VectorXd z0 = pr.z0.row(i).transpose();
        const Eigen::VectorXd hp = maps.pls_a + maps.pls * z0, hl = maps.lm_a + maps.lm * z0;
        for (Eigen::Index t = 0; t < q; ++t) {
            const Eigen::Index k = pr.targets[static_cast<std::size_t>(t)];
            jb.out.pls(i, t) = pr.sigma[k] * (z0[k] - hp[t]);
            jb.out.lm(i, t) = pr.sigma[k] * (z0[k] - hl[t]);
            jb.out.ia(i, t) = pr.sigma[k] * (z0[k] - mean[k]);
        }
        const Eigen::VectorXd z = (z0 - mean).cwiseProduct(inv);
        const Eigen::VectorXd Y = W.transpose() * z, Yhat = T * Y;
        for (Eigen::Index e = 0; e < ne; ++e) {
            const int j = pr.endo[static_cast<std::size_t>(e)];
            jb.out.score(i, e) = Y[j];
            jb.out.score_res(i, e) = Y[j] - Yhat[j];
        }
    }
}

}  // namespace

void assign_folds(const predict_options& o, const fold_plan& pl, std::size_t r, std::size_t n, std::vector<int>& fold) {
    fold.assign(n, 0);
    if (pl.fixed) {
        fold = o.fold_of;
        return;
    }
    if (pl.loo) {
        for (std::size_t i = 0; i < n; ++i) fold[i] = static_cast<int>(i);
        return;
    }
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::mt19937_64 gen(mix64(mix64(o.seed) + r));
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[below(gen, i)]);
    for (std::size_t j = 0; j < n; ++j) fold[order[j]] = static_cast<int>(j * pl.folds / n);
}

unsigned run_repeat(const cv_problem& pr, const predict_options& o, const fold_plan& pl, std::size_t r,
                    const std::vector<int>& fold, unsigned threads, cv_repeat& out) {
    const Eigen::Index n = pr.n(), p = pr.p(), q = pr.q();
    const auto ne = static_cast<Eigen::Index>(pr.endo.size());
    std::vector<std::vector<Eigen::Index>> members(pl.folds);
    for (Eigen::Index i = 0; i < n; ++i) members[static_cast<std::size_t>(fold[static_cast<std::size_t>(i)])].push_back(i);
    for (auto* m : {&out.pls, &out.lm, &out.ia, &out.pls_in, &out.lm_in}) m->setZero(n, q);
    out.score.setZero(n, ne);
    out.score_res.setZero(n, ne);
    fold_job jb{pr, o, r, members, out};

    Eigen::MatrixXd pls_sum = Eigen::MatrixXd::Zero(q, p), lm_sum = Eigen::MatrixXd::Zero(q, p);
    Eigen::VectorXd pls_a = Eigen::VectorXd::Zero(q), lm_a = Eigen::VectorXd::Zero(q);
    std::vector<fold_maps> slots(std::min(batch_folds, pl.folds));
    unsigned used = 1;
    for (std::size_t first = 0; first < pl.folds; first += batch_folds) {
        const std::size_t count = std::min(batch_folds, pl.folds - first);
        std::atomic<std::size_t> next{0};
        auto worker = [&] {
            for (std::size_t k; (k = next.fetch_add(1)) < count;) {
                fold_maps& s = slots[k];
                s.error = nullptr;
                try {
                    run_fold(jb, first + k, s);
                } catch (...) {
                    s.error = std::current_exception();
                }
            }
        };
        const unsigned want = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, threads), count));
        std::vector<std::thread> pool;
        try {
            for (unsigned t = 1; t < want; ++t) pool.emplace_back(worker);
        } catch (const std::system_error&) {
            // A refused thread only means fewer workers; the numbers do not change.
        } catch (const std::bad_alloc&) {  // the thread's own state could not be allocated
        }
        worker();
        for (auto& t : pool) t.join();
        used = std::max(used, static_cast<unsigned>(pool.size() + 1));
        for (std::size_t k = 0; k < count; ++k) {
            if (slots[k].error) std::rethrow_exception(slots[k].error);  // the lowest failing fold
            pls_sum += slots[k].pls;
            lm_sum += slots[k].lm;
            pls_a += slots[k].pls_a;
            lm_a += slots[k].lm_a;
        }
    }
    // In sample: the mean over the K - 1 fits whose training data held the row. The own fold's
    // prediction is the out-of-sample one (x0 - e / sigma).
    const double others = static_cast<double>(pl.folds - 1);
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::VectorXd z0 = pr.z0.row(i).transpose();
        const Eigen::VectorXd hp = pls_a + pls_sum * z0, hl = lm_a + lm_sum * z0;
        for (Eigen::Index t = 0; t < q; ++t) {
            const Eigen::Index k = pr.targets[static_cast<std::size_t>(t)];
            const double own_p = z0[k] - out.pls(i, t) / pr.sigma[k], own_l = z0[k] - out.lm(i, t) / pr.sigma[k];
            out.pls_in(i, t) = pr.sigma[k] * (z0[k] - (hp[t] - own_p) / others);
            out.lm_in(i, t) = pr.sigma[k] * (z0[k] - (hl[t] - own_l) / others);
        }
    }
    return used;
}

}  // namespace predict_detail
CSIKIT_NAMESPACE_END
