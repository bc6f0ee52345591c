// 0-100 indices, respondent scores and impacts of an index model (METHODOLOGY 2.3, 2.4, 5.4).
#include "csikit/index.hpp"

#include "csikit/error.hpp"
#include "csikit/format.hpp"
#include "csikit/stats.hpp"


#include <cmath>
#include <limits>
#include <memory>
#include <span>
#include <sstream>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();


std::string num(double x) { return format_general(x); }  // as an ostream would, in any locale

/// Weights on the 0-100 rescaled items, before normalisation: w_i (b_i - a_i).
Eigen::VectorXd rescaled_weights(const index_block& b, bool refuse_negative) {
    const Eigen::Index k = static_cast<Eigen::Index>(b.items.size());
    if (b.weights.size() != k || b.lower.size() != k || b.upper.size() != k)
        throw argument_error(location{"", 0, b.construct},
                             "block has " + std::to_string(k) + " items but " + std::to_string(b.weights.size()) +
                                 " weights and " + std::to_string(b.lower.size()) + "/" + std::to_string(b.upper.size()) +
                                 " bounds (expected one of each per item)");
    if (k == 0) throw argument_error(location{"", 0, b.construct}, "block has no items (expected at least one)");
    std::vector<problem> negative;
    for (Eigen::Index i = 0; i < k; ++i) {
        const std::string& id = b.items[static_cast<std::size_t>(i)];
        if (!(b.upper(i) > b.lower(i)))
            throw argument_error(location{"", 0, b.construct},
                                 "item \"" + id + "\": scale " + num(b.lower(i)) + ".." + num(b.upper(i)) +
                                     " is empty (expected max > min)");
        if (!std::isfinite(b.weights(i)))
            throw numeric_error(location{"", 0, b.construct}, "item \"" + id + "\": outer weight is not finite");
        if (b.weights(i) < 0)
            negative.push_back(problem{location{"", 0, b.construct},
                                       "item \"" + id + "\": outer weight " + num(b.weights(i)) +
                                           " is negative (expected >= 0: a 0-100 index needs non-negative weights)"});
    }
    if (refuse_negative && !negative.empty()) throw numeric_error(std::move(negative));
    Eigen::VectorXd v = b.weights.cwiseProduct(b.upper - b.lower);
    return v;
}

}  // namespace

Eigen::VectorXd normalized_index_weights(const index_block& block, bool refuse_negative) {
    const Eigen::VectorXd v = rescaled_weights(block, refuse_negative);
    const double sum = v.sum();
    if (!(std::abs(sum) > 0))
        throw numeric_error(location{"", 0, block.construct}, "outer weights sum to 0 (expected a positive sum)");
    return v / sum;
}

double block_index(const index_block& block, const Eigen::VectorXd& item_means, bool refuse_negative) {
    const Eigen::VectorXd w = normalized_index_weights(block, refuse_negative);
    if (item_means.size() != w.size())
        throw argument_error(location{"", 0, block.construct},
                             std::to_string(item_means.size()) + " item means for " + std::to_string(w.size()) + " items");
    const Eigen::ArrayXd rel = (item_means - block.lower).array() / (block.upper - block.lower).array();
    return 100.0 * (w.array() * rel).sum();
}

Eigen::VectorXd block_scores(const index_block& block, const Eigen::MatrixXd& values, bool refuse_negative) {
    const Eigen::VectorXd w = normalized_index_weights(block, refuse_negative);
    if (values.cols() != w.size())
        throw argument_error(location{"", 0, block.construct},
                             std::to_string(values.cols()) + " data columns for " + std::to_string(w.size()) + " items");
    Eigen::VectorXd out(values.rows());
    for (Eigen::Index r = 0; r < values.rows(); ++r) {
        double num_sum = 0, weight_sum = 0;
        for (Eigen::Index i = 0; i < w.size(); ++i) {
            const double x = values(r, i);
            if (std::isnan(x)) continue;  // re-normalise over the items answered
            num_sum += w(i) * (x - block.lower(i)) / (block.upper(i) - block.lower(i));
            weight_sum += w(i);
        }
        out(r) = weight_sum > 0 ? 100.0 * num_sum / weight_sum : nan_value;
    }
    return out;
}

score_summary summarize_scores(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights, double level) {
    if (!(level > 0 && level < 1))
        throw argument_error(location{"", 0, "level"}, num(level) + " is outside (0, 1)");
    if (weights.size() != 0 && weights.size() != scores.size())
        throw argument_error(location{"", 0, "weights"}, std::to_string(weights.size()) + " weights for " +
                                                              std::to_string(scores.size()) + " scores");
    for (Eigen::Index r = 0; r < weights.size(); ++r)
        if (!std::isnan(scores(r)) && !(weights(r) >= 0))
            throw argument_error(location{"", 0, "weights"}, "negative or NaN respondent weight");
    // The one weighted mean and t-interval of the library (stats.hpp), in this struct's shape.
    const mean_estimate m = mean_ci(std::span<const double>(scores.data(), static_cast<std::size_t>(scores.size())),
                                    std::span<const double>(weights.data(), static_cast<std::size_t>(weights.size())), level);
    score_summary out;
    out.level = level;
    out.n = m.n;
    out.mean = m.mean;
    out.effective_n = m.n_eff;
    out.sd = m.sd;
    out.se = m.se;
    out.ci_low = m.ci.lower;
    out.ci_high = m.ci.upper;
    return out;
}

Eigen::MatrixXd unstandardized_effects(const Eigen::MatrixXd& total_std, const Eigen::VectorXd& score_sd) {
    if (total_std.rows() != total_std.cols() || total_std.rows() != score_sd.size())
        throw argument_error(location{"", 0, "total_effects"},
                             "matrix is " + std::to_string(total_std.rows()) + " x " + std::to_string(total_std.cols()) +
                                 " for " + std::to_string(score_sd.size()) + " score SDs (expected J x J)");
    Eigen::MatrixXd out(total_std.rows(), total_std.cols());
    for (Eigen::Index t = 0; t < out.rows(); ++t)
        for (Eigen::Index j = 0; j < out.cols(); ++j)
            out(t, j) = score_sd(j) > 0 ? total_std(t, j) * score_sd(t) / score_sd(j) : nan_value;
    return out;
}

Eigen::MatrixXd impacts(const Eigen::MatrixXd& total_std, const Eigen::VectorXd& score_sd) {
    return 5.0 * unstandardized_effects(total_std, score_sd);
}

const construct_index& index_result::at(std::string_view construct) const {
    for (const auto& c : constructs)
        if (c.construct == construct) return c;
    throw argument_error(location{"", 0, std::string(construct)}, "unknown construct");
}

double index_result::impact(std::string_view driver, std::string_view target) const {
    Eigen::Index from = -1, to = -1;
    for (std::size_t j = 0; j < constructs.size(); ++j) {
        if (constructs[j].construct == driver) from = static_cast<Eigen::Index>(j);
        if (constructs[j].construct == target) to = static_cast<Eigen::Index>(j);
    }
    if (from < 0) throw argument_error(location{"", 0, std::string(driver)}, "unknown construct");
    if (to < 0) throw argument_error(location{"", 0, std::string(target)}, "unknown construct");
    return impacts(to, from);
}

std::vector<index_block> index_blocks(const pls_fit& fit, const survey& s) {
    std::vector<index_block> out(fit.constructs.size());
    std::vector<std::vector<Eigen::Index>> members(fit.constructs.size());
    for (std::size_t h = 0; h < fit.indicators.size(); ++h)
        members.at(static_cast<std::size_t>(fit.block.at(h))).push_back(static_cast<Eigen::Index>(h));
    for (std::size_t j = 0; j < out.size(); ++j) {
        index_block& b = out[j];
        b.construct = fit.constructs[j];
        const auto k = static_cast<Eigen::Index>(members[j].size());
        b.weights.resize(k);
        b.lower.resize(k);
        b.upper.resize(k);
        for (Eigen::Index i = 0; i < k; ++i) {
            const Eigen::Index h = members[j][static_cast<std::size_t>(i)];
            const std::string& id = fit.indicators[static_cast<std::size_t>(h)];
            const scale& sc = s.scale_of(id);
            b.items.push_back(id);
            b.weights(i) = fit.weights_unstandardized(h);
            b.lower(i) = sc.min;
            b.upper(i) = sc.max;
        }
    }
    return out;
}

namespace {

/// Position of an item in the moments; numeric_error if the fit's moments lack it.
Eigen::Index moment_index(const moments& m, const std::string& id) {
    for (std::size_t i = 0; i < m.item_ids.size(); ++i)
        if (m.item_ids[i] == id) return static_cast<Eigen::Index>(i);
    throw argument_error(location{"", 0, id}, "item is missing from the fit's moments");
}

/// Indices from the moments; fills everything but respondent scores.
index_result from_moments(const pls_fit& fit, const survey& s, const index_options& options,
                          std::vector<index_block>& blocks) {
    index_result out;
    out.options = options;
    blocks = index_blocks(fit, s);
    const auto J = static_cast<Eigen::Index>(blocks.size());
    Eigen::VectorXd sd(J);
    std::vector<problem> problems;
    for (Eigen::Index j = 0; j < J; ++j) {
        const index_block& b = blocks[static_cast<std::size_t>(j)];
        construct_index c;
        c.construct = b.construct;
        c.items = b.items;
        c.negative_weights = (b.weights.array() < 0).any();
        try {
            c.weights = normalized_index_weights(b, options.refuse_negative_weights);
        } catch (const numeric_error& e) {
            // Collect every construct's negative weights before throwing.
            problems.insert(problems.end(), e.problems().begin(), e.problems().end());
            continue;
        }
        const auto k = static_cast<Eigen::Index>(b.items.size());
        std::vector<Eigen::Index> idx(static_cast<std::size_t>(k));
        Eigen::VectorXd means(k), v(k);
        for (Eigen::Index i = 0; i < k; ++i) {
            idx[static_cast<std::size_t>(i)] = moment_index(fit.data, b.items[static_cast<std::size_t>(i)]);
            means(i) = fit.data.mean(idx[static_cast<std::size_t>(i)]);
            v(i) = c.weights(i) / (b.upper(i) - b.lower(i));
        }
        c.index = block_index(b, means, false);
        // sd of 100 v'x: the covariance is D R D with D the item SDs.
        double var = 0;
        for (Eigen::Index a = 0; a < k; ++a)
            for (Eigen::Index d = 0; d < k; ++d) {
                const Eigen::Index ia = idx[static_cast<std::size_t>(a)], id = idx[static_cast<std::size_t>(d)];
                var += v(a) * v(d) * fit.data.sd(ia) * fit.data.sd(id) * fit.data.correlation(ia, id);
            }
        c.score_sd = 100.0 * std::sqrt(std::max(var, 0.0));
        sd(j) = c.score_sd;
        out.constructs.push_back(std::move(c));
    }
    if (!problems.empty()) throw numeric_error(std::move(problems));
    out.effects = unstandardized_effects(fit.total_effects, sd);
    out.impacts = 5.0 * out.effects;
    return out;
}

}  // namespace

index_result compute_indices(const pls_fit& fit, const survey& s, const index_options& options) {
    std::vector<index_block> blocks;
    return from_moments(fit, s, options, blocks);
}

index_result compute_indices(const pls_fit& fit, const survey& s, const responses& data,
                             const index_options& options) {
    std::vector<index_block> blocks;
    index_result out = from_moments(fit, s, options, blocks);
    const auto J = static_cast<Eigen::Index>(blocks.size());
    const Eigen::Index n = static_cast<Eigen::Index>(data.respondents());
    const Eigen::VectorXd weights = options.use_weights && data.weighted ? data.weights : Eigen::VectorXd();
    out.scores.resize(n, J);
    Eigen::VectorXd sd(J);
    for (Eigen::Index j = 0; j < J; ++j) {
        const index_block& b = blocks[static_cast<std::size_t>(j)];
        Eigen::MatrixXd values(n, static_cast<Eigen::Index>(b.items.size()));
        for (std::size_t i = 0; i < b.items.size(); ++i)
            values.col(static_cast<Eigen::Index>(i)) = data.values.col(data.column(b.items[i]));
        out.scores.col(j) = block_scores(b, values, false);
        construct_index& c = out.constructs[static_cast<std::size_t>(j)];
        c.overall = summarize_scores(out.scores.col(j), weights, options.level);
        c.has_respondents = true;
        c.score_sd = c.overall.sd;
        sd(j) = c.score_sd;
    }
    out.effects = unstandardized_effects(fit.total_effects, sd);
    out.impacts = 5.0 * out.effects;
    return out;
}

CSIKIT_NAMESPACE_END
