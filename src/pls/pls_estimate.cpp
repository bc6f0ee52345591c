// estimate(): compile the model, iterate on the correlation matrix, then derive loadings,
// construct correlations, the structural model, PLSc corrections, quality criteria, scores.
#include "pls_internal.hpp"

#include "csikit/model_expand.hpp"
#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

using namespace pls_detail;

void check_options(const pls_options& o) {
    if (!(o.tolerance > 0)) {
        throw argument_error(location{"", 0, "tolerance"},
                             "estimate: tolerance " + format_shortest(o.tolerance) + " is invalid (expected > 0)");
    }
    if (o.max_iterations < 1) {
        throw argument_error(location{"", 0, "max_iterations"}, "estimate: max_iterations " +
                                                                    std::to_string(o.max_iterations) +
                                                                    " is invalid (expected >= 1)");
    }
}

/// Mode B needs more respondents than items, else its regression is not identified.
void check_sample_size(const compiled_model& cm, const moments& m) {
    std::vector<problem> problems;
    for (int j = 0; j < cm.J; ++j) {
        const auto q = static_cast<std::size_t>(cm.size[static_cast<std::size_t>(j)]);
        if (cm.modes[static_cast<std::size_t>(j)] == outer_mode::B && q > 1 && m.respondents_used <= q) {
            const std::string& c = cm.constructs[static_cast<std::size_t>(j)];
            problems.push_back(problem{location{"", 0, c}, "Mode B construct \"" + c + "\" has " + std::to_string(q) +
                                                               " items but only " + std::to_string(m.respondents_used) +
                                                               " respondents are used (expected more respondents than items)"});
        }
    }
    if (!problems.empty()) throw model_error(std::move(problems));
}

/// Standardised data times weights; rows the moments did not use stay NaN.
Eigen::MatrixXd construct_scores(const compiled_model& cm, const pls_fit& fit, const responses& data,
                                 const std::vector<Eigen::Index>& moment_index) {
    const Eigen::Index n = data.values.rows();
    std::vector<Eigen::Index> cols(static_cast<std::size_t>(cm.p));
    for (int h = 0; h < cm.p; ++h) {
        const auto& id = cm.indicators[static_cast<std::size_t>(h)];
        cols[static_cast<std::size_t>(h)] = std::find(data.item_ids.begin(), data.item_ids.end(), id) - data.item_ids.begin();
    }
    Eigen::MatrixXd scores = Eigen::MatrixXd::Zero(n, cm.J);
    for (Eigen::Index i = 0; i < n; ++i) {
        int missing = 0;
        for (int h = 0; h < cm.p; ++h) {
            const double x = data.values(i, cols[static_cast<std::size_t>(h)]);
            if (std::isnan(x)) {
                ++missing;
                continue;  // mean replacement: a standardised missing answer is 0
            }
            const Eigen::Index k = moment_index[static_cast<std::size_t>(h)];
            scores(i, cm.block[static_cast<std::size_t>(h)]) += fit.weights[h] * (x - fit.data.mean[k]) / fit.data.sd[k];
        }
        if (missing == cm.p || (missing > 0 && fit.data.missing == missing_treatment::listwise)) {
            scores.row(i).setConstant(std::nan(""));
        }
    }
    return scores;
}

}  // namespace

pls_fit estimate(const pls_model& model, const moments& m, const pls_options& options) {
    check_options(options);
    if (model.extended())
        throw model_error(location{"", 0, !model.higher_order.empty() ? model.higher_order[0].id
                                          : !model.interactions.empty() ? model.interactions[0].id
                                                                        : model.categorical[0].id},
                          "a model with higher-order constructs, interaction terms or categorical constructs needs the responses (expected "
                          "estimate(model, responses) or estimate_extended; csikit/model_expand.hpp)");
    const compiled_model cm = compile(model);
    std::vector<Eigen::Index> idx;
    const Eigen::MatrixXd S = model_correlation(cm, m, idx);
    check_sample_size(cm, m);

    iteration_result it = iterate(cm, S, options);
    fix_signs(cm, S, it.w);

    pls_fit fit;
    fit.constructs = cm.constructs;
    fit.indicators = cm.indicators;
    fit.block = cm.block;
    fit.modes = cm.modes;
    fit.options = options;
    fit.iterations = it.iterations;
    fit.weight_change = it.change;
    fit.converged = it.converged;
    fit.weights = std::move(it.w);
    fit.weights_unstandardized.resize(cm.p);
    for (int h = 0; h < cm.p; ++h) {
        const Eigen::Index k = idx[static_cast<std::size_t>(h)];
        fit.weights_unstandardized[h] = m.sd.size() > k ? fit.weights[h] / m.sd[k] : std::nan("");
    }

    // Cross-loadings S W and construct correlations W'S W, block by block.
    fit.cross_loadings.resize(cm.p, cm.J);
    for (int j = 0; j < cm.J; ++j) {
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        fit.cross_loadings.col(j).noalias() = S.middleCols(s, q) * fit.weights.segment(s, q);
    }
    fit.composite_correlation.resize(cm.J, cm.J);
    for (int j = 0; j < cm.J; ++j) {
        const int s = cm.start[static_cast<std::size_t>(j)], q = cm.size[static_cast<std::size_t>(j)];
        fit.composite_correlation.row(j).noalias() =
            fit.weights.segment(s, q).transpose() * fit.cross_loadings.middleRows(s, q);
    }
    fit.composite_correlation.diagonal().setOnes();
    fit.loadings.resize(cm.p);
    for (int h = 0; h < cm.p; ++h) fit.loadings[h] = fit.cross_loadings(h, cm.block[static_cast<std::size_t>(h)]);
    fit.construct_correlation = fit.composite_correlation;
    fit.plsc_factor = Eigen::VectorXd::Ones(cm.J);

    const double n = static_cast<double>(m.respondents_used);
    if (options.consistent) {
        consistent(cm, S, n, fit);  // corrects correlations and loadings, then the paths
    } else {
        structural(cm, fit.construct_correlation, n, fit);
    }
    if (options.quality) quality(cm, S, n, fit);
    fit.data = m;
    return fit;
}

pls_fit estimate(const pls_model& model, const responses& data, const pls_options& options) {
    check_options(options);
    if (model.extended()) return estimate_extended(model, data, options).fit;  // HOCs, interactions
    const compiled_model cm = compile(model);
    // Unknown items are a model problem: name the construct that asks for them.
    std::vector<problem> problems;
    for (int h = 0; h < cm.p; ++h) {
        const auto& id = cm.indicators[static_cast<std::size_t>(h)];
        if (std::find(data.item_ids.begin(), data.item_ids.end(), id) == data.item_ids.end()) {
            const auto& c = cm.constructs[static_cast<std::size_t>(cm.block[static_cast<std::size_t>(h)])];
            problems.push_back(problem{location{data.source, 0, c}, "construct \"" + c + "\": unknown item \"" + id +
                                                                        "\" (expected a column of the data)"});
        }
    }
    if (!problems.empty()) throw model_error(std::move(problems));
    const moments m = compute_moments(data, cm.indicators, options.missing, options.use_weights);
    pls_fit fit = estimate(model, m, options);
    if (options.keep_scores) {
        std::vector<Eigen::Index> idx(static_cast<std::size_t>(cm.p));
        for (int h = 0; h < cm.p; ++h) idx[static_cast<std::size_t>(h)] = h;  // moments follow cm order
        fit.scores = construct_scores(cm, fit, data, idx);
    }
    return fit;
}

CSIKIT_NAMESPACE_END
