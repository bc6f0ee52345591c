// analyze_indices(): the index-model part of a report. 0-100 indices with respondent-level
// t-intervals, impacts, IPA/IPMA for a target construct, and the same per group of a segment or
// wave column with wave-over-wave Welch tests (docs/report.md, docs/index_models.md).
#include "csikit/analysis.hpp"
#include "csikit/format.hpp"

#include "csikit/presets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <utility>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
    return out;
}

/// The respondents behind a fit, by the rule of compute_moments: listwise needs every indicator
/// of the model, mean replacement at least one, pairwise takes everybody.
std::vector<Eigen::Index> used_rows(const responses& data, const pls_fit& fit) {
    std::vector<Eigen::Index> cols;
    for (const auto& id : fit.indicators) cols.push_back(data.column(id));
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) {
        std::size_t missing = 0;
        for (Eigen::Index c : cols) missing += std::isnan(data.values(i, c)) ? 1 : 0;
        const bool keep = fit.options.missing == missing_treatment::pairwise ||
                          (fit.options.missing == missing_treatment::mean_replacement ? missing < cols.size()
                                                                                       : missing == 0);
        if (keep) rows.push_back(i);
    }
    return rows;
}

/// Respondent weights for the scores of `data`, or none (unit weights).
Eigen::VectorXd score_weights(const responses& data, const index_options& o) {
    return o.use_weights && data.weighted ? data.weights : Eigen::VectorXd();
}

/// Puts NaN where a refused construct's index, scores and effects would be.
void mask(index_result& r, std::size_t j) {
    construct_index& c = r.constructs[j];
    c.index = nan_value;
    c.score_sd = nan_value;
    c.overall.mean = c.overall.sd = c.overall.se = c.overall.ci_low = c.overall.ci_high = nan_value;
    c.weights.setConstant(c.weights.size(), nan_value);
    const auto k = static_cast<Eigen::Index>(j);
    if (r.scores.cols() > k) r.scores.col(k).setConstant(nan_value);
    if (r.effects.rows() > k) {
        r.effects.row(k).setConstant(nan_value);
        r.effects.col(k).setConstant(nan_value);
        r.impacts.row(k).setConstant(nan_value);
        r.impacts.col(k).setConstant(nan_value);
    }
}

/// The t-interval of each index from the moments (a fit of a moment state): the SD of the 0-100
/// scores from the moment matrix, on the fit's effective n. With unit weights and listwise
/// deletion it is the interval the respondent scores give.
void moment_intervals(index_result& r, const pls_fit& fit, double level) {
    const double n_eff = fit.data.effective_n;
    for (construct_index& c : r.constructs) {
        score_summary& o = c.overall;
        o.level = level;
        o.n = fit.data.respondents_used;
        o.effective_n = n_eff;
        o.mean = c.index;
        o.sd = c.score_sd;
        o.se = n_eff > 1 ? c.score_sd / std::sqrt(n_eff) : nan_value;
        const interval ci = n_eff > 1 && std::isfinite(o.se) ? t_interval(o.mean, o.se, n_eff - 1, level)
                                                             : interval{nan_value, nan_value};
        o.ci_low = ci.lower;
        o.ci_high = ci.upper;
        c.has_respondents = true;  // `overall` is filled, as from respondent scores
    }
}

/// Indices, impacts and the IPA of one estimate on `data` (the fit's own data), or from the fit's
/// moments alone when `data` is null (a moment state: no respondent scores or t-intervals).
index_part compute_part(const pls_fit& fit, const survey& s, const responses* data, const std::string& target,
                        const index_analysis_options& o) {
    index_part part;
    const responses used = data ? data->subset(used_rows(*data, fit)) : responses{};
    part.respondents = data ? data->respondents() : fit.data.respondents_total;
    part.used = data ? used.respondents() : fit.data.respondents_used;
    index_options io = o.index;
    auto indices = [&] {
        if (data) return compute_indices(fit, s, used, io);
        index_result r = compute_indices(fit, s, io);
        moment_intervals(r, fit, io.level);
        return r;
    };
    try {
        io.refuse_negative_weights = true;
        try {
            part.indices = indices();
        } catch (const numeric_error& e) {
            // Negative weights: refuse those constructs' indices (named with every negative
            // item), keep the others.
            std::set<std::string> refused;
            for (const auto& p : e.problems()) {
                refused.insert(p.where.field);
                part.notes.push_back("index of " + p.where.field + " refused: " + p.message);
            }
            io.refuse_negative_weights = false;
            part.indices = indices();
            for (std::size_t j = 0; j < part.indices.constructs.size(); ++j)
                if (refused.count(part.indices.constructs[j].construct)) {
                    part.refused.push_back(part.indices.constructs[j].construct);
                    mask(part.indices, j);
                }
        }
        part.estimated = true;
    } catch (const error& e) {
        part.notes.push_back(std::string("indices not computed: ") + e.what());
        return part;
    }

    if (target.empty()) return part;
    auto refused = [&](const std::string& id) {
        return std::find(part.refused.begin(), part.refused.end(), id) != part.refused.end();
    };
    if (refused(target)) {
        part.notes.push_back("IPA skipped: the index of the target " + target + " was refused");
        return part;
    }
    try {
        ipma_result r = data ? ipma(fit, s, used, target, io) : ipma(fit, s, target, io);
        std::vector<std::string> left_out;
        std::erase_if(r.constructs, [&](const ipma_entry& e) {
            if (!refused(e.id)) return false;
            left_out.push_back(e.id);
            return true;
        });
        std::erase_if(r.indicators, [&](const ipma_entry& e) { return refused(e.construct); });
        if (!left_out.empty())
            part.notes.push_back("IPA leaves out " + join(left_out) + " (index refused)");
        r.indices = part.indices;  // the masked indices
        if (r.constructs.empty()) {
            part.notes.push_back("IPA skipped: no construct with an index drives the target " + target);
        } else {
            ipa_options opt;
            opt.rule = o.crosshair;
            opt.diagonal = true;
            std::vector<ipa_factor> factors = r.construct_factors();
            for (auto& f : factors)
                if (const construct* c = s.find_construct(f.id)) f.label = c->label;
            part.ipa = ipa(factors, opt);
            std::vector<ipa_factor> items = r.indicator_factors();
            for (auto& f : items)
                if (const item* it = s.find_item(f.id)) f.label = it->text;
            part.ipa_indicators = ipa(items, opt);
        }
        part.ipma = std::move(r);
    } catch (const error& e) {
        part.notes.push_back(std::string("IPA skipped: ") + e.what());
    }
    return part;
}

/// A weighted mean estimate of one score column (NaN skipped), for Welch's test.
mean_estimate score_estimate(const Eigen::VectorXd& scores, const Eigen::VectorXd& weights, double level) {
    return mean_ci(std::span<const double>(scores.data(), static_cast<std::size_t>(scores.size())),
                   std::span<const double>(weights.data(), static_cast<std::size_t>(weights.size())), level);
}

}  // namespace

std::pair<std::string, std::string> select_target(const survey& s, const pls_fit& fit, const std::string& requested) {
    if (!requested.empty()) {
        if (fit.construct_index(requested) < 0)
            throw argument_error(location{"", 0, "target"}, "unknown construct \"" + requested + "\" (expected one of " +
                                                                join(fit.constructs) + ")");
        return {requested, "option"};
    }
    if (s.model) {
        try {
            const preset_model pm = preset(s.model->preset);
            if (fit.construct_index(pm.target) >= 0) return {pm.target, "preset"};
        } catch (const error&) {
            // an unknown preset is a schema error reported when the survey is read
        }
    }
    if (!s.overall_item.empty())
        for (const auto& c : s.constructs)
            if (std::find(c.items.begin(), c.items.end(), s.overall_item) != c.items.end() &&
                fit.construct_index(c.id) >= 0)
                return {c.id, "overall_item"};
    return {};
}

std::string missing_data_warning(const pls_fit& fit) {
    const moments& m = fit.data;
    const std::size_t total = m.respondents_total;
    const std::size_t left_out = total - std::min(total, m.respondents_used);
    if (total == 0 || static_cast<double>(left_out) <= missing_warning_share * static_cast<double>(total)) return {};
    const double pct = 100.0 * static_cast<double>(left_out) / static_cast<double>(total);
    const std::string share = format_fixed(pct, 1) + "%";  // '.' whatever the host's locale
    std::string text = std::to_string(left_out) + " of " + std::to_string(total) + " respondents (" + share +
                       ") were left out of the model because of missing answers";
    if (m.missing == missing_treatment::listwise)
        text += " (listwise deletion drops every respondent who misses any model item); consider --missing mean "
                "(mean replacement keeps everyone with at least one answer) or --missing pairwise";
    else
        text += " (no answer to any model item)";
    return text;
}

namespace {

/// The whole-sample part of analyze_indices: the preset, the target and its part.
index_analysis overall_analysis(const pls_fit& fit, const survey& s, const responses* data,
                                const index_analysis_options& options) {
    index_analysis a;
    a.options = options;
    if (s.model) {
        try {
            a.preset = preset(s.model->preset).name;
        } catch (const error&) {
            // an unknown preset is a schema error reported when the survey is read
        }
    }
    std::tie(a.target, a.target_source) = select_target(s, fit, options.target);
    a.overall = compute_part(fit, s, data, a.target, options);
    if (a.target.empty())
        a.overall.notes.push_back("IPA skipped: no target construct (name one with --target: " + join(fit.constructs) +
                                  ")");
    return a;
}

}  // namespace

index_analysis analyze_indices(const pls_fit& fit, const survey& s, const index_analysis_options& options) {
    if (!options.by.empty())
        throw argument_error(location{"", 0, "by"}, "groups need respondent rows, which a moment state does not hold "
                                                   "(expected no --by; accumulate one state per group instead)");
    return overall_analysis(fit, s, nullptr, options);
}

index_analysis analyze_indices(const pls_model& model, const pls_fit& fit, const survey& s, const responses& data,
                               const index_analysis_options& options) {
    index_analysis a = overall_analysis(fit, s, &data, options);
    if (options.by.empty()) return a;
    const bool is_segment =
        std::find(s.segment_columns.begin(), s.segment_columns.end(), options.by) != s.segment_columns.end();
    a.by_wave = !s.wave_column.empty() && options.by == s.wave_column;
    if (!is_segment && !a.by_wave) {
        std::vector<std::string> allowed;
        if (!s.wave_column.empty()) allowed.push_back(s.wave_column + " (wave)");
        allowed.insert(allowed.end(), s.segment_columns.begin(), s.segment_columns.end());
        throw argument_error(location{"", 0, "by"},
                             "unknown column \"" + options.by + "\" (expected " +
                                 (allowed.empty() ? std::string("a wave or segment column declared in the schema; it declares none")
                                                  : "one of " + join(allowed)) +
                                 ")");
    }
    const auto col = data.groups.find(options.by);
    if (col == data.groups.end())
        throw argument_error(location{"", 0, "by"}, "column \"" + options.by + "\" is not in the data (expected the data to have it)");
    a.by = options.by;
    std::map<std::string, std::vector<Eigen::Index>> rows;
    for (std::size_t i = 0; i < col->second.size(); ++i)
        if (!col->second[i].empty()) rows[col->second[i]].push_back(static_cast<Eigen::Index>(i));
    std::vector<responses> used_data;  // per group: the respondents behind its scores
    for (const auto& [value, r] : rows) {
        index_group g;
        g.value = value;
        const responses sub = data.subset(r);
        try {
            g.fit = estimate(model, sub, fit.options);
        } catch (const error& e) {
            g.part.respondents = sub.respondents();
            g.part.notes.push_back("not estimated (" + std::to_string(sub.respondents()) + " respondents): " + e.what());
            a.groups.push_back(std::move(g));
            used_data.emplace_back();
            continue;
        }
        g.part = compute_part(g.fit, s, &sub, a.target, options);
        used_data.push_back(g.part.estimated ? sub.subset(used_rows(sub, g.fit)) : responses{});
        a.groups.push_back(std::move(g));
    }
    if (!a.by_wave) return a;
    for (std::size_t k = 0; k + 1 < a.groups.size(); ++k) {
        const index_group& from = a.groups[k];
        const index_group& to = a.groups[k + 1];
        if (!from.part.estimated || !to.part.estimated) continue;
        for (std::size_t j = 0; j < from.part.indices.constructs.size(); ++j) {
            const construct_index& cf = from.part.indices.constructs[j];
            const construct_index& ct = to.part.indices.constructs[j];
            if (!std::isfinite(cf.index) || !std::isfinite(ct.index)) continue;
            const auto jj = static_cast<Eigen::Index>(j);
            const mean_estimate ef = score_estimate(from.part.indices.scores.col(jj),
                                                    score_weights(used_data[k], options.index), options.index.level);
            const mean_estimate et = score_estimate(to.part.indices.scores.col(jj),
                                                    score_weights(used_data[k + 1], options.index), options.index.level);
            index_change c;
            c.construct = cf.construct;
            c.from = from.value;
            c.to = to.value;
            c.from_index = cf.overall.mean;
            c.to_index = ct.overall.mean;
            c.test = welch_test(et, ef, options.index.level);
            a.changes.push_back(std::move(c));
        }
    }
    return a;
}

CSIKIT_NAMESPACE_END
