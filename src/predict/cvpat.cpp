// cvpat(): Liengaard et al. (2021)'s cross-validated predictive ability test. Per respondent the
// loss L(i) is the mean over the predicted items of the squared out-of-sample residual (raw
// item scale, averaged over the repetitions); D(i) = L_benchmark(i) - L_model(i); the statistic
// is mean(D) / (sd(D) / sqrt(N)) against Student t(N - 1). cSEM's testCVPAT and seminr's
// assess_cvpat define it so (docs/predict.md).
#include "predict_internal.hpp"

#include "csikit/limits.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

using namespace predict_detail;

cvpat_test compare(std::string name, const std::vector<double>& model, const std::vector<double>& bench) {
    cvpat_test t;
    t.benchmark = std::move(name);
    const auto N = static_cast<double>(model.size());
    double sd = 0;
    for (std::size_t i = 0; i < model.size(); ++i) {
        t.loss_model += model[i] / N;
        t.loss_benchmark += bench[i] / N;
        t.d_bar += (bench[i] - model[i]) / N;
    }
    for (std::size_t i = 0; i < model.size(); ++i) {
        const double d = bench[i] - model[i] - t.d_bar;
        sd += d * d;
    }
    t.sd_d = std::sqrt(sd / (N - 1));
    t.df = N - 1;
    t.t = t.d_bar / (t.sd_d / std::sqrt(N));
    if (std::isfinite(t.t)) {
        const boost::math::students_t dist(t.df);
        t.p = 2 * boost::math::cdf(boost::math::complement(dist, std::abs(t.t)));
        t.p_better = boost::math::cdf(boost::math::complement(dist, t.t));
    } else {
        t.p = t.p_better = std::nan("");
    }
    return t;
}

/// Adds the per-respondent mean squared residual over the target columns `cols` of `e`.
void add_loss(const Eigen::MatrixXd& e, const std::vector<Eigen::Index>& cols, double scale, std::vector<double>& loss) {
    for (Eigen::Index i = 0; i < e.rows(); ++i) {
        double s = 0;
        for (Eigen::Index c : cols) s += e(i, c) * e(i, c);
        loss[static_cast<std::size_t>(i)] += s / static_cast<double>(cols.size()) * scale;
    }
}

void fill_common(cvpat_result& res, const cvpat_options& o, const fold_plan& pl, const std::vector<std::size_t>& rows) {
    if (!(o.level > 0 && o.level < 1)) {
        throw argument_error(location{"", 0, "level"}, "cvpat: level = " + std::to_string(o.level) + " (expected a value in (0, 1))");
    }
    res.respondents = rows.size();
    res.rows = rows;
    res.folds = pl.folds;
    res.repeats = pl.repeats;
    res.seed = o.predict.seed;
    res.approach = o.predict.approach;
    res.benchmark = o.predict.benchmark;
    res.level = o.level;
}

unsigned thread_count(const predict_options& o) {
    return resolve_threads(o.threads);
}

}  // namespace

cvpat_result cvpat(const pls_model& model, const responses& data, const cvpat_options& options) {
    std::size_t excluded = 0;
    const auto rows = complete_rows(data, model.indicators(), excluded);
    const fold_plan pl = plan(options.predict, rows.size());
    const cv_problem pr = prepare(model, data, rows);
    cvpat_result res;
    fill_common(res, options, pl, rows);
    std::vector<Eigen::Index> cols;
    for (Eigen::Index t = 0; t < pr.q(); ++t) {
        cols.push_back(t);
        res.items.push_back(pr.items[static_cast<std::size_t>(pr.targets[static_cast<std::size_t>(t)])]);
    }
    std::vector<double> lm(rows.size(), 0.0), ia(rows.size(), 0.0);
    res.loss_model.assign(rows.size(), 0.0);
    cv_repeat rep;
    std::vector<int> fold;
    const double scale = 1.0 / static_cast<double>(pl.repeats);
    for (std::size_t r = 0; r < pl.repeats; ++r) {
        assign_folds(options.predict, pl, r, rows.size(), fold);
        run_repeat(pr, options.predict, pl, r, fold, thread_count(options.predict), rep);
        add_loss(rep.pls, cols, scale, res.loss_model);
        add_loss(rep.lm, cols, scale, lm);
        add_loss(rep.ia, cols, scale, ia);
    }
    res.tests.push_back(compare("IA", res.loss_model, ia));
    res.tests.push_back(compare("LM", res.loss_model, lm));
    return res;
}

cvpat_result cvpat(const pls_model& model, const pls_model& model2, const responses& data, const cvpat_options& options) {
    std::vector<std::string> items = model.indicators();
    for (const auto& id : model2.indicators()) {
        if (std::find(items.begin(), items.end(), id) == items.end()) items.push_back(id);
    }
    std::size_t excluded = 0;
    const auto rows = complete_rows(data, items, excluded);
    const fold_plan pl = plan(options.predict, rows.size());
    const cv_problem p1 = prepare(model, data, rows), p2 = prepare(model2, data, rows);
    cvpat_result res;
    fill_common(res, options, pl, rows);
    std::vector<Eigen::Index> c1, c2;
    for (Eigen::Index t = 0; t < p1.q(); ++t) {
        const std::string& id = p1.items[static_cast<std::size_t>(p1.targets[static_cast<std::size_t>(t)])];
        res.items.push_back(id);
        c1.push_back(t);
        Eigen::Index u = 0;
        while (u < p2.q() && p2.items[static_cast<std::size_t>(p2.targets[static_cast<std::size_t>(u)])] != id) ++u;
        if (u == p2.q()) {
            throw argument_error(location{"", 0, id}, "cvpat: item \"" + id +
                                                          "\" is predicted by the first model but not by the second "
                                                          "(expected both models to predict the same items)");
        }
        c2.push_back(u);
    }
    if (p2.q() != p1.q()) {
        throw argument_error(location{"", 0, "model2"}, "cvpat: the second model predicts " + std::to_string(p2.q()) +
                                                            " items, the first " + std::to_string(p1.q()) +
                                                            " (expected both models to predict the same items)");
    }
    res.loss_model.assign(rows.size(), 0.0);
    res.loss_model2.assign(rows.size(), 0.0);
    cv_repeat rep;
    std::vector<int> fold;
    const double scale = 1.0 / static_cast<double>(pl.repeats);
    for (std::size_t r = 0; r < pl.repeats; ++r) {
        assign_folds(options.predict, pl, r, rows.size(), fold);
        run_repeat(p1, options.predict, pl, r, fold, thread_count(options.predict), rep);
        add_loss(rep.pls, c1, scale, res.loss_model);
        run_repeat(p2, options.predict, pl, r, fold, thread_count(options.predict), rep);
        add_loss(rep.pls, c2, scale, res.loss_model2);
    }
    res.tests.push_back(compare("model2", res.loss_model, res.loss_model2));
    return res;
}

CSIKIT_NAMESPACE_END
