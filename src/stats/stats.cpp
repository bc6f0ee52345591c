// Inference primitives (stats.hpp): means, proportions, two-sample tests and NPS.
// Every quantile comes from Boost.Math; formulas are in docs/scoring.md.
#include "csikit/stats.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/format.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

void check_level(double level, const char* where) {
    if (!(level > 0 && level < 1))
        throw argument_error({{}, 0, where},
                             "confidence level " + format_shortest(level) + " is invalid (expected 0 < level < 1)");
}

/// Two-sided normal critical value z_{1 - alpha/2}.
double z_crit(double level) {
    return boost::math::quantile(boost::math::complement(boost::math::normal(), (1 - level) / 2));
}

/// Two-sided t critical value; the normal one for infinite df. For a df near 0 (a Kish n_eff
/// just above 1, e.g. weights 125 and 0.25) the quantile overflows a double: +infinity.
double t_crit(double df, double level) {
    if (std::isinf(df)) return z_crit(level);
    try {
        return boost::math::quantile(boost::math::complement(boost::math::students_t(df), (1 - level) / 2));
    } catch (const std::overflow_error&) {
        return std::numeric_limits<double>::infinity();
    }
}

/// Two-sided p value of a t (finite df) or z (infinite df) statistic.
double two_sided_p(double stat, double df) {
    if (!std::isfinite(stat)) return std::isnan(stat) ? nan : 0.0;
    const double a = std::fabs(stat);
    if (std::isinf(df)) return 2 * boost::math::cdf(boost::math::complement(boost::math::normal(), a));
    return 2 * boost::math::cdf(boost::math::complement(boost::math::students_t(df), a));
}

double weight_at(std::span<const double> w, std::size_t i) { return w.empty() ? 1.0 : w[i]; }

void check_weights(std::span<const double> w, std::size_t n, const char* where) {
    if (!w.empty() && w.size() != n)
        throw argument_error({{}, 0, where}, std::to_string(w.size()) + " weights for " + std::to_string(n) +
                                                 " values (expected one weight per value)");
    for (double v : w)
        if (!(v >= 0) || !std::isfinite(v))
            throw argument_error({{}, 0, where}, "weight " + format_shortest(v) + " is invalid (expected a finite value >= 0)");
}

interval wilson(double p, double n, double z) {
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace

namespace {

/// Kish's n_eff of weight(i) for the i < n with take(i). Scaling by 2^-e (max w = m 2^e, m in
/// [0.5, 1)) is exact, so ordinary weights give the bits of the plain formula.
template <class Weight, class Take>
double kish(std::size_t n, Weight weight, Take take) noexcept {
    double largest = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (take(i)) largest = std::max(largest, weight(i));
    if (!(largest > 0) || !std::isfinite(largest)) return 0.0;
    int e = 0;
    std::frexp(largest, &e);
    double s = 0, s2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!take(i)) continue;
        const double w = std::ldexp(weight(i), -e);
        s += w;
        s2 += w * w;
    }
    return s2 > 0 ? s * s / s2 : 0.0;
}

}  // namespace

double kish_n_eff(std::span<const double> weights) noexcept {
    return kish(weights.size(), [&](std::size_t i) { return weights[i]; }, [](std::size_t) { return true; });
}

double kish_n_eff(std::span<const double> weights, std::span<const bool> use) noexcept {
    return kish(use.size(), [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; },
                [&](std::size_t i) { return use[i]; });
}

std::string significance_marks(double p, int most) {
    if (!std::isfinite(p)) return "";
    const int marks = p < 0.001 ? 3 : p < 0.01 ? 2 : p < 0.05 ? 1 : 0;
    return std::string(static_cast<std::size_t>(std::clamp(std::min(marks, most), 0, 3)), '*');
}

interval t_interval(double mean, double se, double df, double level) {
    check_level(level, "t_interval");
    if (!std::isfinite(mean) || !std::isfinite(se) || !(df > 0)) return {};
    const double t = t_crit(df, level);
    if (std::isinf(t) && se == 0) return {mean, mean};  // inf * 0 would give NaN bounds
    return {mean - t * se, mean + t * se};
}

mean_estimate mean_ci(std::span<const double> x, std::span<const double> weights, double level) {
    check_level(level, "mean_ci");
    check_weights(weights, x.size(), "mean_ci");
    mean_estimate out;
    double sw = 0, swx = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) continue;
        const double w = weight_at(weights, i);
        ++out.n;
        sw += w;
        swx += w * x[i];
    }
    out.sum_weights = sw;
    if (sw <= 0) return out;
    out.n_eff = kish(x.size(), [&](std::size_t i) { return weight_at(weights, i); },
                     [&](std::size_t i) { return !std::isnan(x[i]); });
    out.mean = swx / sw;
    // Centred second pass: no cancellation for items far from zero.
    double ss = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) ss += weight_at(weights, i) * (x[i] - out.mean) * (x[i] - out.mean);
    if (out.n_eff > 1) {
        // Weighted variance sum w (x - m)^2 / sum w, bias-corrected on the effective n.
        out.sd = std::sqrt(ss / sw * out.n_eff / (out.n_eff - 1));
        out.se = out.sd / std::sqrt(out.n_eff);
        out.df = out.n_eff - 1;
        out.ci = t_interval(out.mean, out.se, out.df, level);
    }
    return out;
}

constexpr enum_name<proportion_method> proportion_method_names[] = {{proportion_method::wilson, "wilson"},
    {proportion_method::agresti_coull, "agresti_coull"}, {proportion_method::clopper_pearson, "clopper_pearson"}};

const char* to_string(proportion_method m) noexcept { return name_of(proportion_method_names, m, "unknown"); }

interval proportion_interval(double p, double n, double level, proportion_method method) {
    check_level(level, "proportion_interval");
    if (!(p >= 0 && p <= 1))
        throw argument_error({{}, 0, "proportion_interval"},
                             "share " + format_shortest(p) + " is invalid (expected 0 <= p <= 1)");
    if (!(n > 0) || !std::isfinite(n)) return {};
    const double z = z_crit(level);
    switch (method) {
        case proportion_method::wilson: return wilson(p, n, z);
        case proportion_method::agresti_coull: {
            const double nt = n + z * z;
            const double pt = (p * n + z * z / 2) / nt;
            const double half = z * std::sqrt(pt * (1 - pt) / nt);
            return {std::max(0.0, pt - half), std::min(1.0, pt + half)};
        }
        case proportion_method::clopper_pearson: {
            // x successes out of n; Beta quantiles accept the non-integer x, n of weighted data.
            const double x = p * n, alpha = 1 - level;
            interval out{0.0, 1.0};
            if (x > 0) out.lower = boost::math::quantile(boost::math::beta_distribution<>(x, n - x + 1), alpha / 2);
            if (x < n) out.upper = boost::math::quantile(boost::math::beta_distribution<>(x + 1, n - x), 1 - alpha / 2);
            return out;
        }
    }
    return {};
}

proportion_estimate proportion_ci(std::span<const bool> hits, std::span<const bool> valid,
                                  std::span<const double> weights, double level, proportion_method method) {
    check_level(level, "proportion_ci");
    if (hits.size() != valid.size())
        throw argument_error({{}, 0, "proportion_ci"}, "hits and valid differ in length (expected equal lengths)");
    check_weights(weights, hits.size(), "proportion_ci");
    proportion_estimate out;
    double sw = 0, shit = 0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        if (!valid[i]) continue;
        const double w = weight_at(weights, i);
        ++out.n;
        sw += w;
        if (hits[i]) {
            ++out.count;
            shit += w;
        }
    }
    out.sum_weights = sw;
    if (sw <= 0) return out;
    out.n_eff = kish_n_eff(weights, valid);
    out.p = std::clamp(shit / sw, 0.0, 1.0);
    out.ci = proportion_interval(out.p, out.n_eff, level, method);
    return out;
}

test_result welch_test(const mean_estimate& a, const mean_estimate& b, double level) {
    check_level(level, "welch_test");
    test_result out;
    out.difference = a.mean - b.mean;
    const double va = a.se * a.se, vb = b.se * b.se, se = std::sqrt(va + vb);
    if (!std::isfinite(se) || !(a.df > 0) || !(b.df > 0)) return out;
    out.df = (va + vb) * (va + vb) / (va * va / a.df + vb * vb / b.df);
    if (se == 0) {
        // Both samples constant: no spread to test against.
        out.df = a.df + b.df;
        out.statistic = out.difference == 0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), out.difference);
        out.p_value = out.difference == 0 ? 1.0 : 0.0;
        out.ci = {out.difference, out.difference};
    } else {
        out.statistic = out.difference / se;
        out.p_value = two_sided_p(out.statistic, out.df);
        const double t = t_crit(out.df, level);
        out.ci = {out.difference - t * se, out.difference + t * se};
    }
    out.significant = out.p_value < 1 - level;
    return out;
}

interval newcombe_interval(double p1, double n1, double p2, double n2, double level) {
    check_level(level, "newcombe_interval");
    if (!(n1 > 0) || !(n2 > 0)) return {};
    const interval w1 = proportion_interval(p1, n1, level), w2 = proportion_interval(p2, n2, level);
    const double d = p1 - p2;
    return {d - std::sqrt((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)),
            d + std::sqrt((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower))};
}

test_result two_proportion_test(double p1, double n1, double p2, double n2, double level) {
    check_level(level, "two_proportion_test");
    test_result out;
    out.difference = p1 - p2;
    if (!(n1 > 0) || !(n2 > 0) || std::isnan(p1) || std::isnan(p2)) return out;
    const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    if (se > 0) {
        out.statistic = out.difference / se;
        out.p_value = two_sided_p(out.statistic, out.df);
    } else {
        // Both groups all 0 or all 1: identical shares, nothing to detect.
        out.statistic = 0;
        out.p_value = 1;
    }
    out.ci = newcombe_interval(p1, n1, p2, n2, level);
    out.significant = out.p_value < 1 - level;
    return out;
}

nps_estimate nps_from_shares(double p, double d, double n, double level) {
    check_level(level, "nps_from_shares");
    nps_estimate out;
    out.promoters = p;
    out.detractors = d;
    out.passives = 1 - p - d;
    out.n_eff = n;
    if (!(n > 0)) return out;
    out.nps = 100 * (p - d);
    const double z = z_crit(level);
    // Per-respondent score u in {+1, 0, -1}: Var(u) = p + d - (p - d)^2 (n denominator).
    out.se = 100 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / n);
    out.wald = {out.nps - z * out.se, out.nps + z * out.se};
    // Rocks (2016) adjusted Wald: add 3/4 promoter and 3/4 detractor (3 respondents in all).
    const double na = n + 3, pa = (p * n + 0.75) / na, da = (d * n + 0.75) / na;
    const double sea = std::sqrt(std::max(0.0, pa + da - (pa - da) * (pa - da)) / na);
    out.adjusted = 100 * (pa - da);
    out.adjusted_wald = {100 * (pa - da - z * sea), 100 * (pa - da + z * sea)};
    return out;
}

nps_estimate nps_ci(std::span<const double> x, std::span<const double> weights, double level, nps_bands bands) {
    check_level(level, "nps_ci");
    check_weights(weights, x.size(), "nps_ci");
    if (!(bands.detractor_max < bands.promoter_min))
        throw argument_error({{}, 0, "nps_ci"}, "detractor_max must be below promoter_min (expected e.g. 6 and 9)");
    double sw = 0, sp = 0, sd = 0;
    std::size_t n = 0, np = 0, nd = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) continue;
        const double w = weight_at(weights, i);
        ++n;
        sw += w;
        if (x[i] >= bands.promoter_min) {
            sp += w;
            ++np;
        } else if (x[i] <= bands.detractor_max) {
            sd += w;
            ++nd;
        }
    }
    const double n_eff = kish(x.size(), [&](std::size_t i) { return weight_at(weights, i); },
                              [&](std::size_t i) { return !std::isnan(x[i]); });
    nps_estimate out = sw > 0 ? nps_from_shares(sp / sw, sd / sw, n_eff, level) : nps_estimate{};
    out.n = n;
    out.n_promoters = np;
    out.n_detractors = nd;
    out.n_passives = n - np - nd;
    return out;
}

test_result nps_test(const nps_estimate& a, const nps_estimate& b, double level) {
    check_level(level, "nps_test");
    test_result out;
    out.difference = a.nps - b.nps;
    const double se = std::sqrt(a.se * a.se + b.se * b.se);
    if (!std::isfinite(se) || std::isnan(out.difference)) return out;
    if (se > 0) {
        out.statistic = out.difference / se;
        out.p_value = two_sided_p(out.statistic, out.df);
    } else {
        out.statistic = 0;
        out.p_value = out.difference == 0 ? 1.0 : 0.0;
    }
    const double z = z_crit(level);
    out.ci = {out.difference - z * se, out.difference + z * se};
    out.significant = out.p_value < 1 - level;
    return out;
}

CSIKIT_NAMESPACE_END
