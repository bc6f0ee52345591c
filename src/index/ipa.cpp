// Importance-performance analysis and IPMA (METHODOLOGY 5.1-5.4).
#include "csikit/ipa.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace {

[[noreturn]] void bad_argument(const std::string& field, const std::string& what) {
    throw argument_error(location{"", 0, field}, what);
}

double median(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    const std::size_t n = x.size();
    return n % 2 ? x[n / 2] : 0.5 * (x[n / 2 - 1] + x[n / 2]);
}

double mean(const std::vector<double>& x) { return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size()); }

double midpoint(const std::pair<double, double>& scale, const char* axis) {
    if (!(scale.second > scale.first))
        bad_argument(axis, "scale " + std::to_string(scale.first) + ".." + std::to_string(scale.second) +
                               " is empty (expected max > min for the scale-midpoint cross-hair)");
    return 0.5 * (scale.first + scale.second);
}

}  // namespace

std::string quadrant_label(quadrant q, std::string_view language) {
    const bool zh = language.substr(0, 2) == "zh";
    switch (q) {
        case quadrant::concentrate_here: return zh ? "急需改进" : "concentrate here";
        case quadrant::keep_up: return zh ? "继续保持" : "keep up the good work";
        case quadrant::low_priority: return zh ? "不占优先地位" : "low priority";
        case quadrant::possible_overkill: return zh ? "锦上添花" : "possible overkill";
    }
    return "";
}

constexpr enum_name<quadrant> quadrant_names[] = {{quadrant::concentrate_here, "concentrate_here"},
    {quadrant::keep_up, "keep_up"}, {quadrant::low_priority, "low_priority"}, {quadrant::possible_overkill, "possible_overkill"}};
constexpr enum_name<crosshair_rule> crosshair_names[] = {{crosshair_rule::scale_midpoint, "scale_midpoint"},
    {crosshair_rule::data_mean, "data_mean"}, {crosshair_rule::data_median, "data_median"}, {crosshair_rule::custom, "custom"}};

const char* to_string(quadrant q) noexcept { return name_of(quadrant_names, q, "unknown"); }
const char* to_string(crosshair_rule r) noexcept { return name_of(crosshair_names, r, "unknown"); }

crosshair_rule parse_crosshair_rule(std::string_view name) {
    if (name == "midpoint" || name == "scale_midpoint") return crosshair_rule::scale_midpoint;
    if (name == "mean" || name == "data_mean") return crosshair_rule::data_mean;
    if (name == "median" || name == "data_median") return crosshair_rule::data_median;
    if (name == "custom") return crosshair_rule::custom;
    bad_argument("crosshair", "unknown rule \"" + std::string(name) + "\" (expected midpoint, mean, median or custom)");
}

quadrant classify(double importance, double performance, double importance_cut, double performance_cut) noexcept {
    const bool high_i = importance >= importance_cut;  // ties count as high (METHODOLOGY 5.1)
    const bool high_p = performance >= performance_cut;
    if (high_i) return high_p ? quadrant::keep_up : quadrant::concentrate_here;
    return high_p ? quadrant::possible_overkill : quadrant::low_priority;
}

std::vector<std::string> ipa_result::in_quadrant(quadrant q) const {
    std::vector<std::string> out;
    for (const auto& p : points)
        if (p.where == q) out.push_back(p.id);
    return out;
}

namespace {

/// The priority order: concentrate-here first, then by z(I) - z(P), stable.
std::vector<std::size_t> priority_order(const std::vector<ipa_point>& points) {
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const bool ca = points[a].where == quadrant::concentrate_here, cb = points[b].where == quadrant::concentrate_here;
        if (ca != cb) return ca;
        return points[a].priority > points[b].priority;
    });
    return order;
}

/// Values standardised over the factors (sample SD); all 0 when there is no spread.
std::vector<double> standardised(const std::vector<double>& x) {
    const double m = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    const double sd = x.size() > 1 ? std::sqrt(ss / static_cast<double>(x.size() - 1)) : 0.0;
    std::vector<double> z(x.size(), 0.0);
    if (sd > 0 && std::isfinite(sd))
        for (std::size_t k = 0; k < x.size(); ++k) z[k] = (x[k] - m) / sd;
    return z;
}

}  // namespace

std::vector<std::string> ipa_result::by_priority() const {
    std::vector<std::string> out;
    for (std::size_t k : priority_order(points)) out.push_back(points[k].id);
    return out;
}

const ipa_point& ipa_result::at(std::string_view id) const {
    for (const auto& p : points)
        if (p.id == id) return p;
    bad_argument(std::string(id), "unknown factor");
}

ipa_result ipa(const std::vector<ipa_factor>& factors, const ipa_options& options) {
    if (factors.empty()) bad_argument("ipa", "no factors (expected at least one)");
    std::set<std::string> seen;
    std::vector<double> imp, perf;
    for (const auto& f : factors) {
        if (!seen.insert(f.id).second) bad_argument(f.id, "duplicate factor id");
        if (!std::isfinite(f.importance) || !std::isfinite(f.performance))
            bad_argument(f.id, "importance or performance is not finite (expected numbers)");
        imp.push_back(f.importance);
        perf.push_back(f.performance);
    }
    ipa_result out;
    out.options = options;
    switch (options.rule) {
        case crosshair_rule::scale_midpoint:
            out.importance_cut = midpoint(options.importance_scale, "importance_scale");
            out.performance_cut = midpoint(options.performance_scale, "performance_scale");
            break;
        case crosshair_rule::data_mean:
            out.importance_cut = mean(imp);
            out.performance_cut = mean(perf);
            break;
        case crosshair_rule::data_median:
            out.importance_cut = median(imp);
            out.performance_cut = median(perf);
            break;
        case crosshair_rule::custom:
            if (!std::isfinite(options.custom_importance) || !std::isfinite(options.custom_performance))
                bad_argument("crosshair", "custom cross-hair is not finite");
            out.importance_cut = options.custom_importance;
            out.performance_cut = options.custom_performance;
            break;
    }
    for (const auto& f : factors) {
        ipa_point p;
        p.id = f.id;
        p.label = f.label;
        p.importance = f.importance;
        p.performance = f.performance;
        p.where = classify(f.importance, f.performance, out.importance_cut, out.performance_cut);
        p.gap = f.importance - f.performance;
        p.above_diagonal = p.gap > 0;
        out.points.push_back(std::move(p));
    }
    const std::vector<double> zi = standardised(imp), zp = standardised(perf);
    for (std::size_t k = 0; k < out.points.size(); ++k) out.points[k].priority = zi[k] - zp[k];
    const std::vector<std::size_t> order = priority_order(out.points);
    for (std::size_t r = 0; r < order.size(); ++r) out.points[order[r]].rank = r + 1;
    return out;
}

double item_performance(const survey& s, const responses& data, std::string_view item_id) {
    const scale& sc = s.scale_of(item_id);
    if (!(sc.max > sc.min)) bad_argument(std::string(item_id), "scale has max <= min");
    const Eigen::Index col = data.column(item_id);
    double sw = 0, swx = 0;
    for (Eigen::Index r = 0; r < data.values.rows(); ++r) {
        const double x = data.values(r, col);
        if (std::isnan(x)) continue;
        const double w = data.weighted ? data.weights(r) : 1.0;
        sw += w;
        swx += w * 100.0 * (x - sc.min) / (sc.max - sc.min);
    }
    return sw > 0 ? swx / sw : std::nan("");
}

std::vector<ipa_factor> stated_factors(const survey& s, const responses& data,
                                       const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<ipa_factor> out;
    for (const auto& [perf_item, imp_item] : pairs) {
        ipa_factor f;
        f.id = perf_item;
        if (const item* it = s.find_item(perf_item)) f.label = it->text;
        f.performance = item_performance(s, data, perf_item);
        f.importance = item_performance(s, data, imp_item);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<ipa_factor> derived_factors(const survey& s, const responses& data,
                                        const std::vector<std::string>& drivers, std::string_view outcome,
                                        importance_measure measure) {
    std::vector<std::string> items = drivers;
    items.emplace_back(outcome);
    const moments m = compute_moments(data, items, missing_treatment::listwise, true);
    const importance_table t = importance_all(m, drivers, outcome, measure == importance_measure::lmg);
    const Eigen::VectorXd& imp = t.get(measure);
    std::vector<ipa_factor> out;
    for (std::size_t k = 0; k < drivers.size(); ++k) {
        ipa_factor f;
        f.id = drivers[k];
        if (const item* it = s.find_item(drivers[k])) f.label = it->text;
        f.importance = imp(static_cast<Eigen::Index>(k));
        f.performance = item_performance(s, data, drivers[k]);
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<ipa_factor> ipma_result::construct_factors() const {
    std::vector<ipa_factor> out;
    for (const auto& e : constructs) out.push_back(ipa_factor{e.id, {}, e.importance, e.performance});
    return out;
}

std::vector<ipa_factor> ipma_result::indicator_factors() const {
    std::vector<ipa_factor> out;
    for (const auto& e : indicators) out.push_back(ipa_factor{e.id, {}, e.importance, e.performance});
    return out;
}

namespace {

/// Builds the IPMA table from computed indices; item performances from the moments' means.
ipma_result assemble(const pls_fit& fit, const survey& s, std::string_view target, index_result indices) {
    const int t = fit.construct_index(target);
    if (t < 0) bad_argument(std::string(target), "unknown target construct");
    ipma_result out;
    out.target = std::string(target);
    for (std::size_t j = 0; j < indices.constructs.size(); ++j) {
        const double effect = indices.effects(t, static_cast<Eigen::Index>(j));
        // Only constructs with a path to the target: total effect is exactly zero otherwise.
        if (static_cast<int>(j) == t || fit.total_effects(t, static_cast<Eigen::Index>(j)) == 0.0) continue;
        const construct_index& c = indices.constructs[j];
        out.constructs.push_back(ipma_entry{c.construct, c.construct, effect,
                                            c.has_respondents ? c.overall.mean : c.index});
        for (std::size_t i = 0; i < c.items.size(); ++i) {
            const std::string& id = c.items[i];
            const scale& sc = s.scale_of(id);
            double perf = 0;
            const int h = fit.indicator_index(id);
            Eigen::Index mi = -1;
            for (std::size_t q = 0; q < fit.data.item_ids.size(); ++q)
                if (fit.data.item_ids[q] == id) mi = static_cast<Eigen::Index>(q);
            if (h < 0 || mi < 0) bad_argument(id, "item is missing from the fit");
            perf = 100.0 * (fit.data.mean(mi) - sc.min) / (sc.max - sc.min);
            out.indicators.push_back(ipma_entry{id, c.construct, c.weights(static_cast<Eigen::Index>(i)) * effect, perf});
        }
    }
    out.indices = std::move(indices);
    return out;
}

}  // namespace

ipma_result ipma(const pls_fit& fit, const survey& s, std::string_view target, const index_options& options) {
    return assemble(fit, s, target, compute_indices(fit, s, options));
}

ipma_result ipma(const pls_fit& fit, const survey& s, const responses& data, std::string_view target,
                 const index_options& options) {
    ipma_result out = assemble(fit, s, target, compute_indices(fit, s, data, options));
    // Indicator performance from the respondents' answers when the data are at hand, with the
    // same respondent-weight choice as the indices.
    if (options.use_weights || !data.weighted) {
        for (auto& e : out.indicators) e.performance = item_performance(s, data, e.id);
    } else {
        responses unweighted = data;
        unweighted.weighted = false;
        for (auto& e : out.indicators) e.performance = item_performance(s, unweighted, e.id);
    }
    return out;
}

CSIKIT_NAMESPACE_END
