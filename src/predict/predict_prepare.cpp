// The working data of PLSpredict and CVPAT: complete cases, the items standardised once, the
// full sums every fold starts from, and the validation of the fold options.
#include "predict_internal.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string>

CSIKIT_NAMESPACE_BEGIN
namespace predict_detail {

/// Fewest respondents a training fold may have: each fit needs more respondents than the
/// largest set of LM predictors, and at least this many.
constexpr std::size_t min_training = 3;

std::vector<std::size_t> complete_rows(const responses& data, const std::vector<std::string>& items,
                                       std::size_t& excluded) {
    std::vector<Eigen::Index> cols;
    for (const auto& id : items) cols.push_back(data.column(id));
    std::vector<std::size_t> rows;
    excluded = 0;
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) {
        bool ok = true;
        for (Eigen::Index c : cols) ok = ok && !std::isnan(data.values(i, c));
        if (ok) {
            rows.push_back(static_cast<std::size_t>(i));
        } else {
            ++excluded;
        }
    }
    return rows;
}

cv_problem prepare(const pls_model& model, const responses& data, const std::vector<std::size_t>& rows) {
    validate_model(model);
    cv_problem pr;
    pr.model = model;
    for (std::size_t j = 0; j < model.constructs.size(); ++j) {
        pr.constructs.push_back(model.constructs[j].id);
        for (const auto& it : model.constructs[j].items) {
            pr.items.push_back(it);
            pr.block.push_back(static_cast<int>(j));
        }
    }
    pr.endogenous.assign(pr.constructs.size(), false);
    for (const auto& pa : model.paths) {
        const auto it = std::find(pr.constructs.begin(), pr.constructs.end(), pa.to);
        pr.endogenous[static_cast<std::size_t>(it - pr.constructs.begin())] = true;
    }
    for (std::size_t j = 0; j < pr.constructs.size(); ++j) {
        if (pr.endogenous[j]) pr.endo.push_back(static_cast<int>(j));
    }
    if (pr.endo.empty()) {
        throw model_error(location{"", 0, "paths"},
                          "predict: the model has no endogenous construct (expected at least one path)");
    }
    for (std::size_t k = 0; k < pr.items.size(); ++k) {
        if (pr.endogenous[static_cast<std::size_t>(pr.block[k])]) pr.targets.push_back(static_cast<Eigen::Index>(k));
    }
    const auto n = static_cast<Eigen::Index>(rows.size());
    const auto p = static_cast<Eigen::Index>(pr.items.size());
    pr.z0.resize(n, p);
    pr.mu.resize(p);
    pr.sigma.resize(p);
    for (Eigen::Index k = 0; k < p; ++k) {
        const Eigen::Index c = data.column(pr.items[static_cast<std::size_t>(k)]);
        double m = 0;
        for (Eigen::Index i = 0; i < n; ++i) m += data.values(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(i)]), c);
        m /= static_cast<double>(n);
        double ss = 0;
        for (Eigen::Index i = 0; i < n; ++i) {
            const double d = data.values(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(i)]), c) - m;
            ss += d * d;
        }
        const double sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
        if (!(sd > 1e-12 * std::max(1.0, std::abs(m)))) {
            const std::string& id = pr.items[static_cast<std::size_t>(k)];
            throw data_error(location{data.source, 0, id},
                             "predict: item \"" + id + "\" is constant over the respondents used (expected variance)");
        }
        pr.mu[k] = m;
        pr.sigma[k] = sd;
        for (Eigen::Index i = 0; i < n; ++i) {
            pr.z0(i, k) = (data.values(static_cast<Eigen::Index>(rows[static_cast<std::size_t>(i)]), c) - m) / sd;
        }
    }
    pr.sum = pr.z0.colwise().sum().transpose();
    pr.cross = pr.z0.transpose() * pr.z0;
    return pr;
}

fold_plan plan(const predict_options& o, std::size_t n) {
    fold_plan pl;
    if (n < min_training + 1) {
        throw data_error(location{"", 0, "respondents"},
                         "predict: " + std::to_string(n) + " complete respondents are too few (expected at least " +
                             std::to_string(min_training + 1) + ")");
    }
    if (!o.fold_of.empty()) {
        if (o.fold_of.size() != n) {
            throw argument_error(location{"", 0, "fold_of"},
                                 "predict: fold_of has " + std::to_string(o.fold_of.size()) + " entries but " +
                                     std::to_string(n) + " respondents are used (expected one fold per respondent)");
        }
        const int k = *std::max_element(o.fold_of.begin(), o.fold_of.end());
        std::vector<std::size_t> size(static_cast<std::size_t>(std::max(k, 0)) + 1, 0);
        for (int f : o.fold_of) {
            if (f < 0) throw argument_error(location{"", 0, "fold_of"}, "predict: fold_of holds a negative fold (expected 0 .. K-1)");
            ++size[static_cast<std::size_t>(f)];
        }
        for (std::size_t f = 0; f < size.size(); ++f) {
            if (size[f] == 0) {
                throw argument_error(location{"", 0, "fold_of"}, "predict: fold " + std::to_string(f) +
                                                                     " of fold_of is empty (expected folds 0 .. K-1, each used)");
            }
        }
        pl.folds = size.size();
        pl.repeats = 1;
        pl.fixed = true;
        pl.loo = pl.folds == n;
    } else {
        pl.loo = o.folds == 0 || o.folds == n;
        pl.folds = pl.loo ? n : o.folds;
        pl.repeats = pl.loo ? 1 : o.repeats;
        if (!pl.loo && (o.folds < 2 || o.folds > n)) {
            throw argument_error(location{"", 0, "folds"},
                                 "predict: folds = " + std::to_string(o.folds) + " is out of range (expected 2 .. " +
                                     std::to_string(n) + ", the respondents used, or 0 for leave-one-out)");
        }
        if (o.repeats < 1) {
            throw argument_error(location{"", 0, "repeats"}, "predict: repeats = 0 (expected at least 1)");
        }
    }
    if (pl.folds < 2) {
        throw argument_error(location{"", 0, "folds"}, "predict: one fold only (expected at least 2)");
    }
    if (pl.folds > max_prediction_fits || pl.repeats > max_prediction_fits / pl.folds) {
        throw argument_error(location{"", 0, "repeats"},
                             "predict: folds x repeats exceeds the limit of " + std::to_string(max_prediction_fits) +
                                 " training fits (max_prediction_fits)");
    }
    // The largest fold leaves the smallest training set.
    const std::size_t largest = (n + pl.folds - 1) / pl.folds;
    if (n - largest < min_training) {
        throw data_error(location{"", 0, "respondents"},
                         "predict: " + std::to_string(n) + " respondents are too few for " + std::to_string(pl.folds) +
                             " folds (expected at least " + std::to_string(min_training) +
                             " respondents in every training fold)");
    }
    if (o.estimation.consistent) {
        throw argument_error(location{"", 0, "consistent"},
                             "predict: PLSc is not supported (expected consistent = false: predictions use the composites)");
    }
    return pl;
}

}  // namespace predict_detail
CSIKIT_NAMESPACE_END
