// trend(): every figure of the score report followed over the waves, with the first-vs-last and
// consecutive changes, the weighted linear trend test and control limits (docs/trend.md).
#include "csikit/trend.hpp"

#include "csikit/format.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// One wave's figure with what its test and limits need.
struct wave_value {
    std::string wave;
    double x = 0;  ///< the wave's position in the sorted waves (the trend's x)
    double estimate = nan, se = nan;
    interval ci;
    std::size_t n = 0;
    double n_eff = 0;
    // The sources of the tests (one is set, by the figure's kind).
    std::optional<mean_estimate> mean;
    std::optional<proportion_estimate> share;
    std::optional<nps_estimate> nps;
};

wave_value from_mean(const std::string& wave, const mean_estimate& m) {
    wave_value v;
    v.wave = wave;
    v.estimate = m.mean;
    v.se = m.se;
    v.ci = m.ci;
    v.n = m.n;
    v.n_eff = m.n_eff;
    v.mean = m;
    return v;
}

wave_value from_share(const std::string& wave, const proportion_estimate& p) {
    wave_value v;
    v.wave = wave;
    v.estimate = p.p;
    v.se = p.n_eff > 0 ? std::sqrt(p.p * (1 - p.p) / p.n_eff) : nan;
    v.ci = p.ci;
    v.n = p.n;
    v.n_eff = p.n_eff;
    v.share = p;
    return v;
}

wave_value from_nps(const std::string& wave, const nps_estimate& e) {
    wave_value v;
    v.wave = wave;
    v.estimate = e.nps;
    v.se = e.se;
    v.ci = e.wald;
    v.n = e.n;
    v.n_eff = e.n_eff;
    v.nps = e;
    return v;
}

/// The wave-change test of scoring.hpp for this kind of figure: b - a.
test_result compare(const wave_value& a, const wave_value& b, double level) {
    if (a.mean && b.mean) return welch_test(*b.mean, *a.mean, level);
    if (a.nps && b.nps) return nps_test(*b.nps, *a.nps, level);
    return two_proportion_test(b.share->p, b.share->n_eff, a.share->p, a.share->n_eff, level);
}

trend_change change_between(const wave_value& a, const wave_value& b, double level) {
    return {a.wave, b.wave, a.estimate, b.estimate, compare(a, b, level)};
}

/// Center line and control limits; the variances the trend test weighs by.
void control_limits(trend_figure f, const std::vector<wave_value>& w, double sigma, trend_series& s,
                    std::vector<double>& variance) {
    double sum_n = 0, sum_y = 0;
    for (const auto& v : w) {
        sum_n += v.n_eff;
        sum_y += v.n_eff * v.estimate;
    }
    s.center = sum_n > 0 ? sum_y / sum_n : nan;
    s.pooled_sd = nan;
    variance.assign(w.size(), nan);
    if (is_share(f)) {
        // p-chart: p-bar +/- sigma sqrt(p-bar (1 - p-bar) / n_eff_k).
        const double p = s.center;
        for (std::size_t k = 0; k < w.size(); ++k) variance[k] = p * (1 - p) / w[k].n_eff;
    } else if (f == trend_figure::nps) {
        // The NPS chart: the SE of each wave's n_eff under the pooled promoter and detractor shares.
        double pp = 0, dd = 0;
        for (const auto& v : w) {
            pp += v.n_eff * v.nps->promoters;
            dd += v.n_eff * v.nps->detractors;
        }
        pp /= sum_n;
        dd /= sum_n;
        for (std::size_t k = 0; k < w.size(); ++k)
            variance[k] = 1e4 * (pp + dd - (pp - dd) * (pp - dd)) / w[k].n_eff;
    } else {
        // x-bar chart with variable sizes: the pooled within-wave SD over sqrt(n_eff_k).
        double ss = 0, df = 0;
        for (const auto& v : w)
            if (v.n_eff > 1 && std::isfinite(v.mean->sd)) {
                ss += (v.n_eff - 1) * v.mean->sd * v.mean->sd;
                df += v.n_eff - 1;
            }
        s.pooled_sd = df > 0 ? std::sqrt(ss / df) : nan;
        for (std::size_t k = 0; k < w.size(); ++k) variance[k] = s.pooled_sd * s.pooled_sd / w[k].n_eff;
    }
    for (std::size_t k = 0; k < w.size(); ++k) {
        trend_point& pt = s.points[k];
        const double half = sigma * std::sqrt(variance[k]);
        pt.lower_limit = s.center - half;
        pt.upper_limit = s.center + half;
        if (is_share(f)) {
            pt.lower_limit = std::max(0.0, pt.lower_limit);
            pt.upper_limit = std::min(1.0, pt.upper_limit);
        }
        pt.out_of_control = std::isfinite(half) && (pt.estimate < pt.lower_limit || pt.estimate > pt.upper_limit);
        if (pt.out_of_control) ++s.out_of_control;
    }
    // Scores and NPS weigh each wave by its own variance; shares by the pooled p (Cochran-Armitage).
    if (!is_share(f))
        for (std::size_t k = 0; k < w.size(); ++k) variance[k] = w[k].se * w[k].se;
}

/// A series from the figure's value in each wave (waves where it is missing are left out).
std::optional<trend_series> make_series(trend_figure f, const std::string& id, const std::string& label,
                                        const std::vector<wave_value>& all, const trend_options& o,
                                        std::vector<std::string>& notes) {
    std::vector<wave_value> w;
    for (const auto& v : all)
        if (v.n_eff > 0 && std::isfinite(v.estimate)) w.push_back(v);
    if (w.size() < 2) return std::nullopt;
    trend_series s;
    s.figure = f;
    s.id = id;
    s.label = label;
    for (const auto& v : w) s.points.push_back({v.wave, v.estimate, v.se, v.ci, v.n, v.n_eff, nan, nan, false});
    std::vector<double> variance;
    control_limits(f, w, o.control_sigma, s, variance);
    std::vector<double> x, y;
    for (const auto& v : w) {
        x.push_back(v.x);
        y.push_back(v.estimate);
    }
    s.trend = weighted_trend(x, y, variance, o.scoring.level);
    if (!std::isfinite(s.trend.p_value))
        notes.push_back(std::string(to_string(f)) + " " + id + ": no trend test (a wave's variance is 0)");
    const double level = o.scoring.level;
    s.first_last = change_between(w.front(), w.back(), level);
    for (std::size_t k = 1; k < w.size(); ++k) s.consecutive.push_back(change_between(w[k - 1], w[k], level));
    return s;
}

void check_options(const trend_options& o) {
    if (!(o.control_sigma > 0) || !std::isfinite(o.control_sigma))
        throw argument_error({{}, 0, "control_sigma"}, format_shortest(o.control_sigma) +
                                                           " is not a control-limit width (expected > 0, e.g. 3)");
}

}  // namespace

const char* to_string(trend_figure f) noexcept {
    switch (f) {
        case trend_figure::node_score: return "node_score";
        case trend_figure::satisfaction_rate: return "satisfaction_rate";
        case trend_figure::nps: return "nps";
        case trend_figure::item_score: return "item_score";
        case trend_figure::item_top_box: return "item_top_box";
        case trend_figure::item_satisfied: return "item_satisfied";
    }
    return "unknown";
}

bool is_share(trend_figure f) noexcept {
    return f == trend_figure::satisfaction_rate || f == trend_figure::item_top_box || f == trend_figure::item_satisfied;
}

const trend_series* trend_report::find(trend_figure f, const std::string& id) const noexcept {
    for (const auto& s : series)
        if (s.figure == f && s.id == id) return &s;
    return nullptr;
}

trend_test weighted_trend(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& v,
                          double level) {
    trend_test t;
    t.slope = t.se = t.statistic = t.p_value = t.intercept = t.q = t.q_p = nan;
    t.ci = {nan, nan};
    const std::size_t k = y.size();
    if (k < 2 || v.size() != k || x.size() != k) return t;
    double sw = 0, swx = 0, swy = 0;
    for (std::size_t i = 0; i < k; ++i) {
        if (!(v[i] > 0) || !std::isfinite(v[i]) || !std::isfinite(y[i]) || !std::isfinite(x[i])) return t;
        const double w = 1 / v[i];
        sw += w;
        swx += w * x[i];
        swy += w * y[i];
    }
    const double xw = swx / sw, yw = swy / sw;
    double sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const double w = 1 / v[i], dx = x[i] - xw;
        sxx += w * dx * dx;
        sxy += w * dx * (y[i] - yw);
    }
    t.slope = sxy / sxx;
    t.se = 1 / std::sqrt(sxx);
    t.statistic = t.slope / t.se;
    const boost::math::normal z;
    t.p_value = 2 * boost::math::cdf(boost::math::complement(z, std::abs(t.statistic)));
    const double q = boost::math::quantile(z, 0.5 + level / 2);
    t.ci = {t.slope - q * t.se, t.slope + q * t.se};
    t.significant = t.p_value < 1 - level;
    t.intercept = yw - t.slope * xw;  // at x = 0
    t.q = 0;
    for (std::size_t i = 0; i < k; ++i) {
        const double r = y[i] - (t.intercept + t.slope * x[i]);
        t.q += r * r / v[i];
    }
    t.q_df = k - 2;
    t.q_p = t.q_df > 0 ? boost::math::cdf(boost::math::complement(boost::math::chi_squared(static_cast<double>(t.q_df)),
                                                                    std::max(0.0, t.q)))
                       : nan;
    return t;
}

trend_report trend(const survey& given, const responses& data, const trend_options& options) {
    check_options(options);
    trend_report out;
    out.options = options;
    out.wave_column = options.wave.empty() ? given.wave_column : options.wave;
    if (out.wave_column.empty())
        throw argument_error({{}, 0, "wave"}, "the survey names no wave column (expected a \"wave_column\" in the schema "
                                              "or the wave option, e.g. --wave month)");
    if (!data.groups.count(out.wave_column)) {
        std::string known;
        for (const auto& [column, cells] : data.groups) known += (known.empty() ? "" : ", ") + column;
        throw argument_error({data.source, 0, "wave"}, "unknown wave column \"" + out.wave_column + "\" (expected one of: " +
                                                           (known.empty() ? "none read" : known) + ")");
    }
    survey s = given;
    s.wave_column = out.wave_column;
    score_options so = options.scoring;
    so.by.clear();
    so.by_wave = true;
    const score_report r = score(s, data, so);
    if (r.by_wave.size() < min_trend_waves)
        throw data_error({data.source, 0, out.wave_column},
                         "wave column \"" + out.wave_column + "\" has " + std::to_string(r.by_wave.size()) +
                             (r.by_wave.size() == 1 ? " wave" : " waves") + " (expected at least " +
                             std::to_string(min_trend_waves) + " for a trend)");
    for (const auto& g : r.by_wave) out.waves.push_back({g.value, g.n, g.n_eff});
    out.notes = r.notes;

    // One series per figure: `pick` reads the figure from one wave's scores (nullopt: the wave
    // lacks it, leaving a gap); a value's x is its wave's position among all waves.
    auto follow = [&](trend_figure f, const std::string& id, const std::string& label, auto pick) {
        std::vector<wave_value> values;
        for (std::size_t k = 0; k < r.by_wave.size(); ++k)
            if (std::optional<wave_value> v = pick(r.by_wave[k])) {
                v->x = static_cast<double>(k);
                values.push_back(std::move(*v));
            }
        if (auto series = make_series(f, id, label, values, options, out.notes)) out.series.push_back(std::move(*series));
    };
    using maybe = std::optional<wave_value>;
    const group_scores& all = r.overall;
    for (const node_score& n : all.nodes) {
        if (!n.item.empty()) continue;  // leaves are items: followed once, as items
        follow(trend_figure::node_score, n.id, n.label, [&](const group_scores& g) {
            const node_score* x = g.find_node(n.id);
            return x ? maybe(from_mean(g.value, x->score)) : std::nullopt;
        });
    }
    if (all.satisfaction_rate)
        follow(trend_figure::satisfaction_rate, all.nodes.empty() ? "" : all.nodes.front().id, "satisfaction rate",
               [](const group_scores& g) { return g.satisfaction_rate ? maybe(from_share(g.value, *g.satisfaction_rate)) : std::nullopt; });
    if (all.nps)
        follow(trend_figure::nps, "nps", "NPS",
               [](const group_scores& g) { return g.nps ? maybe(from_nps(g.value, *g.nps)) : std::nullopt; });
    for (const item_score& it : all.items) {
        follow(trend_figure::item_score, it.id, it.label, [&](const group_scores& g) {
            const item_score* x = g.find_item(it.id);
            return x ? maybe(from_mean(g.value, x->score)) : std::nullopt;
        });
        follow(trend_figure::item_top_box, it.id, it.label, [&](const group_scores& g) {
            const item_score* x = g.find_item(it.id);
            return x ? maybe(from_share(g.value, x->top_box)) : std::nullopt;
        });
        follow(trend_figure::item_satisfied, it.id, it.label, [&](const group_scores& g) {
            const item_score* x = g.find_item(it.id);
            return x ? maybe(from_share(g.value, x->satisfied)) : std::nullopt;
        });
    }
    return out;
}

CSIKIT_NAMESPACE_END
