// predict(): PLSpredict's item and construct figures from the residuals of every repetition.
// A figure is computed per repetition over all n respondents and then averaged over the
// repetitions (docs/predict.md).
#include "predict_internal.hpp"

#include "csikit/limits.hpp"

#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN

const char* to_string(predict_approach a) noexcept { return a == predict_approach::direct ? "direct" : "earliest"; }
const char* to_string(predict_benchmark b) noexcept { return b == predict_benchmark::seminr ? "seminr" : "csem"; }
const char* to_string(predictive_power p) noexcept {
    switch (p) {
        case predictive_power::none: return "none";
        case predictive_power::low: return "low";
        case predictive_power::medium: return "medium";
        case predictive_power::high: return "high";
    }
    return "none";
}

namespace {

using namespace predict_detail;

double rmse(const Eigen::VectorXd& e) { return std::sqrt(e.squaredNorm() / static_cast<double>(e.size())); }
double mae(const Eigen::VectorXd& e) { return e.cwiseAbs().sum() / static_cast<double>(e.size()); }
double q2(const Eigen::VectorXd& e, const Eigen::VectorXd& ia) { return 1 - e.squaredNorm() / ia.squaredNorm(); }
double q2_centered(const Eigen::VectorXd& e, const Eigen::VectorXd& ia) {
    return 1 - (e.array() - e.mean()).matrix().squaredNorm() / (ia.array() - ia.mean()).matrix().squaredNorm();
}

}  // namespace

prediction_result predict(const pls_model& model, const responses& data, const predict_options& options) {
    prediction_result res;
    const std::vector<std::size_t> rows = complete_rows(data, model.indicators(), res.respondents_excluded);
    const fold_plan pl = plan(options, rows.size());  // the options and n first: the clearer error
    const cv_problem pr = prepare(model, data, rows);
    const Eigen::Index n = pr.n(), q = pr.q();
    const auto ne = static_cast<Eigen::Index>(pr.endo.size());
    const unsigned threads = resolve_threads(options.threads);

    res.folds = pl.folds;
    res.repeats = pl.repeats;
    res.leave_one_out = pl.loo;
    res.fixed_folds = pl.fixed;
    res.seed = options.seed;
    res.approach = options.approach;
    res.benchmark = options.benchmark;
    res.respondents = rows.size();
    res.rows = rows;
    res.fits = pl.folds * pl.repeats;
    if (data.weighted) res.warnings.push_back("respondent weights are ignored: every respondent counts once in PLSpredict");
    for (Eigen::Index t = 0; t < q; ++t) {
        item_prediction it;
        const auto k = static_cast<std::size_t>(pr.targets[static_cast<std::size_t>(t)]);
        it.item = pr.items[k];
        it.construct = pr.constructs[static_cast<std::size_t>(pr.block[k])];
        res.items.push_back(it);
    }
    for (int j : pr.endo) {
        construct_prediction c;
        c.construct = pr.constructs[static_cast<std::size_t>(j)];
        res.constructs.push_back(c);
    }
    if (options.keep_predictions) {
        res.predictions.setZero(n, q);
        res.lm_predictions.setZero(n, q);
    }

    cv_repeat rep;
    std::vector<int> fold;
    unsigned used = 1;
    const double R = static_cast<double>(pl.repeats);
    for (std::size_t r = 0; r < pl.repeats; ++r) {
        assign_folds(options, pl, r, rows.size(), fold);
        used = std::max(used, run_repeat(pr, options, pl, r, fold, threads, rep));
        for (Eigen::Index t = 0; t < q; ++t) {
            item_prediction& it = res.items[static_cast<std::size_t>(t)];
            const Eigen::VectorXd e = rep.pls.col(t), l = rep.lm.col(t), ia = rep.ia.col(t);
            it.rmse += rmse(e) / R;
            it.mae += mae(e) / R;
            it.q2_predict += q2(e, ia) / R;
            it.q2_predict_centered += q2_centered(e, ia) / R;
            it.lm_rmse += rmse(l) / R;
            it.lm_mae += mae(l) / R;
            it.lm_q2_predict += q2(l, ia) / R;
            it.is_rmse += rmse(rep.pls_in.col(t)) / R;
            it.is_mae += mae(rep.pls_in.col(t)) / R;
            it.lm_is_rmse += rmse(rep.lm_in.col(t)) / R;
            it.lm_is_mae += mae(rep.lm_in.col(t)) / R;
        }
        for (Eigen::Index e = 0; e < ne; ++e) {
            construct_prediction& c = res.constructs[static_cast<std::size_t>(e)];
            const Eigen::VectorXd s = rep.score_res.col(e);
            c.rmse += rmse(s) / R;
            c.mae += mae(s) / R;
            c.q2_predict += (1 - s.squaredNorm() / rep.score.col(e).squaredNorm()) / R;
        }
        if (options.keep_predictions) {
            for (Eigen::Index t = 0; t < q; ++t) {
                const Eigen::Index k = pr.targets[static_cast<std::size_t>(t)];
                for (Eigen::Index i = 0; i < n; ++i) {
                    const double y = pr.mu[k] + pr.sigma[k] * pr.z0(i, k);
                    res.predictions(i, t) += (y - rep.pls(i, t)) / R;
                    res.lm_predictions(i, t) += (y - rep.lm(i, t)) / R;
                }
            }
        }
    }
    res.threads = used;
    bool any_q2 = false;
    for (const auto& it : res.items) {
        if (it.rmse < it.lm_rmse) ++res.items_better;
        any_q2 = any_q2 || it.q2_predict > 0;
        for (auto& c : res.constructs) {
            if (c.construct != it.construct) continue;
            ++c.items;
            if (it.rmse < it.lm_rmse) ++c.items_better;
        }
    }
    const std::size_t m = res.items.size();
    res.power = !any_q2 || res.items_better == 0 ? predictive_power::none
                : res.items_better == m          ? predictive_power::high
                : 2 * res.items_better > m       ? predictive_power::medium
                                                 : predictive_power::low;
    return res;
}

CSIKIT_NAMESPACE_END
