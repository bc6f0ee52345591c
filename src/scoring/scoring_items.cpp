// Item-level scores: rescaling to 0-100, the distribution over scale points, top-box (CSAT)
// and satisfaction-rate shares, each with n, n_eff and an interval.
#include "scoring_internal.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double tolerance = 1e-9;  // scale points are integers; guards against 3.9999999

bool in_set(double x, const std::vector<double>& set) {
    return std::any_of(set.begin(), set.end(), [x](double v) { return std::fabs(v - x) < tolerance; });
}

}  // namespace

constexpr enum_name<rescaling> rescaling_names[] = {
    {rescaling::linear, "linear"}, {rescaling::proportional, "proportional"}, {rescaling::labels, "labels"}};

const char* to_string(rescaling r) noexcept { return name_of(rescaling_names, r, "unknown"); }

const char* to_string(aggregation a) noexcept {
    return a == aggregation::respondent_first ? "respondent" : "mean";
}

double rescale_value(const scale& s, double x, rescaling method) {
    if (std::isnan(x)) return x;
    if (!(s.max > s.min))
        throw schema_error({{}, 0, "scales." + s.id}, "max must exceed min to rescale (expected min < max)");
    switch (method) {
        case rescaling::proportional:
            if (!(s.max > 0))
                throw argument_error({{}, 0, "scales." + s.id},
                                     "proportional rescaling x/max needs max > 0 (expected a scale like 1..5)");
            return 100 * x / s.max;
        case rescaling::labels:
            if (const scale_value* v = s.find_value(x); v && v->score) return *v->score;
            [[fallthrough]];
        case rescaling::linear: break;
    }
    return 100 * (x - s.min) / (s.max - s.min);
}

std::vector<double> top_box_values(const scale& s, const std::vector<double>& override_values) {
    if (!override_values.empty()) return override_values;
    if (!s.top_box.empty()) return s.top_box;
    return {s.max - 1, s.max};
}

namespace scoring_detail {

group_rows make_group(const responses& data, const std::vector<Eigen::Index>& rows) {
    group_rows g{data, rows, {}};
    g.weights.reserve(rows.size());
    const bool has_w = data.weights.size() == data.values.rows() && data.values.rows() > 0;
    for (Eigen::Index r : rows) g.weights.push_back(has_w ? data.weights(r) : 1.0);
    return g;
}

Eigen::Index find_column(const responses& data, const std::string& item_id) noexcept {
    const auto it = std::find(data.item_ids.begin(), data.item_ids.end(), item_id);
    return it == data.item_ids.end() ? -1 : static_cast<Eigen::Index>(it - data.item_ids.begin());
}

std::string label_language(const survey& s, const score_options& options) {
    if (!options.language.empty()) return options.language;
    return s.languages.empty() ? std::string() : s.languages.front();
}

/// Scales with more points than this get no per-point distribution (and no score map): a
/// schema scale of -1e300..1e300 must not make scoring loop or allocate per point.
constexpr double max_scale_points = 10001;

/// True if the points min, min + 1, ..., max of `s` can be listed (few enough, all distinct).
bool enumerable(const scale& s) noexcept {
    return std::isfinite(s.min) && std::isfinite(s.max) && s.max - s.min < max_scale_points &&
           s.min + 1 != s.min && s.max - 1 != s.max;
}

bool has_score_map(const scale& s) noexcept {
    if (!enumerable(s)) return false;
    for (double x = s.min; x <= s.max + tolerance; x += 1) {
        const scale_value* v = s.find_value(x);
        if (!v || !v->score) return false;
    }
    return true;
}

std::vector<double> item_scores(const survey& s, const item& it, const group_rows& g, rescaling method) {
    const scale& sc = s.scale_of(it.id);
    const Eigen::Index col = find_column(g.data, it.id);
    std::vector<double> out(g.rows.size(), std::numeric_limits<double>::quiet_NaN());
    if (col < 0) return out;
    for (std::size_t i = 0; i < g.rows.size(); ++i) out[i] = rescale_value(sc, g.data.values(g.rows[i], col), method);
    return out;
}

satisfied_rule satisfied_rule_of(const survey& s, const item& it, const score_options& options) {
    if (it.satisfied) return *it.satisfied;
    if (const scale* sc = s.find_scale(it.scale); sc && sc->satisfied) return *sc->satisfied;
    return satisfied_rule{satisfied_rule::kind::min_score, options.threshold};
}

std::string satisfied_rule_text(const satisfied_rule& r, const std::vector<double>& top_box) {
    switch (r.how) {
        case satisfied_rule::kind::min_score: return "score >= " + format_shortest(r.value);
        case satisfied_rule::kind::min_value: return "value >= " + format_shortest(r.value);
        case satisfied_rule::kind::top_box: {
            std::string v = "top box (";
            for (std::size_t k = 0; k < top_box.size(); ++k) {
                if (k) v.push_back(',');
                v.append(format_shortest(top_box[k]));
            }
            v.push_back(')');
            return v;
        }
    }
    return "";
}

item_score score_item(const survey& s, const item& it, const group_rows& g, const score_options& options) {
    const scale& sc = s.scale_of(it.id);
    const Eigen::Index col = find_column(g.data, it.id);
    item_score out;
    out.id = it.id;
    out.label = it.text.get(label_language(s, options));
    out.scale = sc.id;
    out.rescale_used =
        options.rescale == rescaling::labels && !has_score_map(sc) ? rescaling::linear : options.rescale;

    const std::size_t n = g.rows.size();
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = col < 0 ? std::numeric_limits<double>::quiet_NaN() : g.data.values(g.rows[i], col);
        y[i] = rescale_value(sc, x[i], out.rescale_used);
    }
    out.mean = mean_ci(x, g.weights, options.level);
    out.score = mean_ci(y, g.weights, options.level);
    out.missing = n - out.mean.n;

    // Distribution over every scale point, shares of the weighted valid answers (none for a
    // scale too wide to list point by point).
    for (double v = sc.min; enumerable(sc) && v <= sc.max + tolerance; v += 1) {
        value_share share;
        share.value = v;
        if (const scale_value* sv = sc.find_value(v)) share.label = sv->label.get(label_language(s, options));
        double w = 0;
        for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(x[i]) && std::fabs(x[i] - v) < tolerance) {
                ++share.count;
                w += g.weights[i];
            }
        share.share = out.mean.sum_weights > 0 ? w / out.mean.sum_weights : std::numeric_limits<double>::quiet_NaN();
        out.distribution.push_back(std::move(share));
    }

    const auto box = options.top_box.find(sc.id);
    out.top_box_values = top_box_values(sc, box == options.top_box.end() ? std::vector<double>{} : box->second);
    // std::vector<bool> has no contiguous storage; spans need real bools.
    std::unique_ptr<bool[]> valid(new bool[n]), top(new bool[n]), satisfied(new bool[n]);
    // "Satisfied": the item's rule, else its scale's, else the 0-100 score >= threshold.
    const satisfied_rule rule = satisfied_rule_of(s, it, options);
    out.satisfied_rule = satisfied_rule_text(rule, out.top_box_values);
    for (std::size_t i = 0; i < n; ++i) {
        valid[i] = !std::isnan(x[i]);
        top[i] = valid[i] && in_set(x[i], out.top_box_values);
        switch (rule.how) {
            case satisfied_rule::kind::min_score: satisfied[i] = valid[i] && y[i] >= rule.value - tolerance; break;
            case satisfied_rule::kind::min_value: satisfied[i] = valid[i] && x[i] >= rule.value - tolerance; break;
            case satisfied_rule::kind::top_box: satisfied[i] = top[i]; break;
        }
    }
    out.top_box = proportion_ci({top.get(), n}, {valid.get(), n}, g.weights, options.level, options.interval);
    out.satisfied = proportion_ci({satisfied.get(), n}, {valid.get(), n}, g.weights, options.level, options.interval);
    return out;
}

}  // namespace scoring_detail
CSIKIT_NAMESPACE_END
