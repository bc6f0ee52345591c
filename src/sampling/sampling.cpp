// Sampling plans: sample sizes, finite-population correction, margins of error and stratified
// allocation (METHODOLOGY 7). Formulas are Cochran's (1977); docs/sampling.md.
#include "csikit/sampling.hpp"

#include "csikit/error.hpp"
#include "csikit/format.hpp"
#include "csikit/limits.hpp"
#include "csikit/stats.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

CSIKIT_NAMESPACE_BEGIN

namespace {

[[noreturn]] void bad_argument(const std::string& where, const std::string& what) {
    throw argument_error(location{"", 0, where}, what);
}

std::string num(double x) { return format_general(x); }  // as an ostream would, in any locale

void check_population(std::optional<double> population, const std::string& where) {
    if (population && !(std::isfinite(*population) && *population >= 1))
        bad_argument(where, "population " + num(*population) + " is invalid (expected N >= 1)");
}

sample_size finish(double z, double n0, std::optional<double> population, fpc_formula formula) {
    sample_size out;
    out.z = z;
    out.n0 = n0;
    out.population = population;
    out.formula = formula;
    out.adjusted = population ? fpc_adjust(n0, *population, formula) : n0;
    // Round up, but forgive floating noise such as 385.0000000001. Beyond max_sample_size the
    // cast to an integer would be undefined (it printed 0 for --margin 1e-10): refuse.
    const double needed = std::ceil(out.adjusted - 1e-9);
    if (!(needed <= max_sample_size))
        bad_argument("margin", num(out.adjusted) + " respondents needed, beyond the limit of " + num(max_sample_size) +
                                   " (expected a larger margin)");
    out.n = static_cast<std::size_t>(needed);
    return out;
}

/// Per-stratum measure of size that the allocation is proportional to.
std::vector<double> allocation_measure(const std::vector<double>& N, const allocation_options& o) {
    const std::size_t H = N.size();
    std::vector<double> m(N);
    if (o.method == allocation_method::neyman) {
        if (o.sd.size() != H)
            bad_argument("allocate", "neyman needs one standard deviation per stratum (got " +
                                         std::to_string(o.sd.size()) + " for " + std::to_string(H) + " strata)");
        if (!o.cost.empty() && o.cost.size() != H)
            bad_argument("allocate", "costs: got " + std::to_string(o.cost.size()) + " values for " +
                                         std::to_string(H) + " strata (expected one per stratum or none)");
        for (std::size_t h = 0; h < H; ++h) {
            if (!(std::isfinite(o.sd[h]) && o.sd[h] >= 0))
                bad_argument("allocate", "stratum " + std::to_string(h + 1) + ": sd " + num(o.sd[h]) + " is invalid (expected >= 0)");
            const double c = o.cost.empty() ? 1.0 : o.cost[h];
            if (!(std::isfinite(c) && c > 0))
                bad_argument("allocate", "stratum " + std::to_string(h + 1) + ": cost " + num(c) + " is invalid (expected > 0)");
            m[h] = N[h] * o.sd[h] / std::sqrt(c);
        }
    }
    return m;
}

}  // namespace

double z_value(double level) {
    if (!(level > 0 && level < 1)) bad_argument("level", num(level) + " is outside (0, 1)");
    return boost::math::quantile(boost::math::normal_distribution<double>(), 1 - (1 - level) / 2);
}

double fpc_adjust(double n0, double population, fpc_formula formula) {
    if (!(std::isfinite(n0) && n0 >= 0)) bad_argument("fpc", "n0 " + num(n0) + " is invalid (expected >= 0)");
    check_population(population, "fpc");
    return formula == fpc_formula::cochran ? n0 / (1 + (n0 - 1) / population) : n0 / (1 + n0 / population);
}

sample_size sample_size_proportion(double margin, double level, double p, std::optional<double> population,
                                   fpc_formula formula) {
    if (!(margin > 0 && margin < 1)) bad_argument("margin", num(margin) + " is invalid (expected a proportion in (0, 1), e.g. 0.05)");
    if (!(p >= 0 && p <= 1)) bad_argument("p", num(p) + " is outside [0, 1]");
    check_population(population, "population");
    const double z = z_value(level);
    return finish(z, z * z * p * (1 - p) / (margin * margin), population, formula);
}

sample_size sample_size_mean(double sd, double margin, double level, std::optional<double> population,
                             fpc_formula formula) {
    if (!(sd > 0 && std::isfinite(sd))) bad_argument("sd", num(sd) + " is invalid (expected > 0)");
    if (!(margin > 0 && std::isfinite(margin))) bad_argument("margin", num(margin) + " is invalid (expected > 0)");
    check_population(population, "population");
    const double z = z_value(level);
    const double r = z * sd / margin;
    return finish(z, r * r, population, formula);
}

double effective_n(std::span<const double> weights) {
    if (weights.empty()) bad_argument("weights", "no weights (expected at least one)");
    bool positive = false;
    for (double w : weights) {
        if (!(w >= 0) || !std::isfinite(w)) bad_argument("weights", "negative or non-finite weight (expected >= 0)");
        positive = positive || w > 0;
    }
    if (!positive) bad_argument("weights", "weights sum to 0 (expected a positive sum)");
    return kish_n_eff(weights);  // scaled: 1e200 and 1e-300 weights give the right n
}

double design_effect(std::span<const double> weights) {
    return static_cast<double>(weights.size()) / effective_n(weights);
}

namespace {

margin_of_error moe(std::size_t n, double sd, double p, double level, std::optional<double> population, double deff) {
    if (n == 0) bad_argument("n", "0 respondents (expected n >= 1)");
    if (!(deff > 0 && std::isfinite(deff))) bad_argument("deff", num(deff) + " is invalid (expected > 0)");
    check_population(population, "population");
    const double dn = static_cast<double>(n);
    if (population && *population < dn)
        bad_argument("population", "N = " + num(*population) + " is smaller than n = " + std::to_string(n));
    margin_of_error out;
    out.n = n;
    out.p = p;
    out.z = z_value(level);
    out.deff = deff;
    out.se = sd / std::sqrt(dn);
    out.fpc = population ? (*population > 1 ? std::sqrt((*population - dn) / (*population - 1)) : 0.0) : 1.0;
    out.margin = out.z * out.se * std::sqrt(deff) * out.fpc;
    return out;
}

}  // namespace

margin_of_error moe_proportion(std::size_t n, double p, double level, std::optional<double> population, double deff) {
    if (!(p >= 0 && p <= 1)) bad_argument("p", num(p) + " is outside [0, 1]");
    return moe(n, std::sqrt(p * (1 - p)), p, level, population, deff);
}

margin_of_error moe_mean(std::size_t n, double sd, double level, std::optional<double> population, double deff) {
    if (!(sd >= 0 && std::isfinite(sd))) bad_argument("sd", num(sd) + " is invalid (expected >= 0)");
    return moe(n, sd, std::numeric_limits<double>::quiet_NaN(), level, population, deff);
}

std::vector<std::size_t> round_preserving_total(const std::vector<double>& x, std::size_t total) {
    const double sum = std::accumulate(x.begin(), x.end(), 0.0);
    for (double v : x)
        if (!(v >= 0 && std::isfinite(v))) bad_argument("round", "value " + num(v) + " is invalid (expected >= 0)");
    std::vector<std::size_t> out(x.size());
    std::size_t floors = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        out[i] = static_cast<std::size_t>(std::floor(x[i] + 1e-9));
        floors += out[i];
    }
    if (floors > total || total - floors > x.size() || std::abs(sum - static_cast<double>(total)) > static_cast<double>(x.size()))
        bad_argument("round", "values sum to " + num(sum) + ", which cannot round to " + std::to_string(total));
    // Hand the missing units to the largest remainders; stable sort keeps ties in stratum order.
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return x[a] - std::floor(x[a] + 1e-9) > x[b] - std::floor(x[b] + 1e-9);
    });
    for (std::size_t k = 0; k < total - floors; ++k) ++out[order[k]];
    return out;
}

double stratified_variance(const std::vector<double>& population, const std::vector<double>& sd,
                           const std::vector<double>& n) {
    if (population.size() != sd.size() || population.size() != n.size())
        bad_argument("stratified_variance", "N_h, S_h and n_h differ in length");
    const double N = std::accumulate(population.begin(), population.end(), 0.0);
    double v = 0;
    for (std::size_t h = 0; h < n.size(); ++h) {
        if (n[h] <= 0) return std::numeric_limits<double>::infinity();
        const double W = population[h] / N;
        v += W * W * (1 - n[h] / population[h]) * sd[h] * sd[h] / n[h];
    }
    return v;
}

double stratified_total(const std::vector<double>& population, const std::vector<double>& sd,
                        double target_variance, allocation_method method) {
    if (population.empty() || population.size() != sd.size())
        bad_argument("stratified_total", "N_h and S_h must be non-empty and of equal length");
    if (!(target_variance > 0)) bad_argument("stratified_total", "target variance " + num(target_variance) + " is invalid (expected > 0)");
    const double N = std::accumulate(population.begin(), population.end(), 0.0);
    double sum_ws = 0, sum_ws2 = 0;
    for (std::size_t h = 0; h < sd.size(); ++h) {
        if (!(population[h] > 0)) bad_argument("stratified_total", "stratum " + std::to_string(h + 1) + ": N_h must be > 0");
        const double W = population[h] / N;
        sum_ws += W * sd[h];
        sum_ws2 += W * sd[h] * sd[h];
    }
    const double denom = target_variance + sum_ws2 / N;
    return method == allocation_method::proportional ? sum_ws2 / denom : sum_ws * sum_ws / denom;
}

double stratified_total_for_margin(const std::vector<double>& population, const std::vector<double>& sd,
                                   double margin, double level, allocation_method method) {
    if (!(margin > 0)) bad_argument("margin", num(margin) + " is invalid (expected > 0)");
    const double e = margin / z_value(level);
    return stratified_total(population, sd, e * e, method);
}

allocation allocate(std::size_t total, const std::vector<double>& population, const allocation_options& o) {
    const std::size_t H = population.size();
    if (H == 0) bad_argument("allocate", "no strata (expected at least one N_h)");
    for (std::size_t h = 0; h < H; ++h)
        if (!(std::isfinite(population[h]) && population[h] > 0))
            bad_argument("allocate", "stratum " + std::to_string(h + 1) + ": N_h " + num(population[h]) + " is invalid (expected > 0)");
    if (!(o.minimum >= 0)) bad_argument("allocate", "minimum " + num(o.minimum) + " is invalid (expected >= 0)");
    const std::vector<double> measure = allocation_measure(population, o);
    const double n = static_cast<double>(total);
    const double N = std::accumulate(population.begin(), population.end(), 0.0);
    if (o.cap && n > N) bad_argument("allocate", "total " + std::to_string(total) + " exceeds the population " + num(N));

    // Lower bound per stratum: the minimum, but never more than the stratum holds.
    std::vector<double> lo(H), hi(H);
    for (std::size_t h = 0; h < H; ++h) {
        lo[h] = o.cap ? std::min(o.minimum, population[h]) : o.minimum;
        hi[h] = o.cap ? population[h] : std::numeric_limits<double>::infinity();
    }
    const double need = std::accumulate(lo.begin(), lo.end(), 0.0);
    if (need > n) bad_argument("allocate", "total " + std::to_string(total) + " cannot give every stratum its minimum (needs " + num(need) + ")");

    allocation out;
    out.method = o.method;
    out.at_minimum.assign(H, false);
    out.at_cap.assign(H, false);
    // n_h = clamp(lambda m_h, lo_h, hi_h) with sum n_h = n: the proportional/Neyman share with
    // minimums and caps, the rest re-shared among the free strata. The sum is continuous and
    // non-decreasing in lambda, so bisection finds it.
    auto share = [&](double lambda, std::size_t h) { return std::clamp(lambda * measure[h], lo[h], hi[h]); };
    auto total_at = [&](double lambda) {
        double s = 0;
        for (std::size_t h = 0; h < H; ++h) s += share(lambda, h);
        return s;
    };
    double lambda_hi = 0;
    for (std::size_t h = 0; h < H; ++h)
        if (measure[h] > 0) lambda_hi = std::max(lambda_hi, std::max(n, o.cap ? hi[h] : 0.0) / measure[h]);
    if (total_at(lambda_hi) < n - 1e-9 * std::max(1.0, n))
        bad_argument("allocate", "strata cannot absorb the total " + std::to_string(total) +
                                     " (every stratum with a positive share is full)");
    double lambda_lo = 0;
    for (int it = 0; it < 200; ++it) {
        const double mid = 0.5 * (lambda_lo + lambda_hi);
        (total_at(mid) < n ? lambda_lo : lambda_hi) = mid;
    }
    out.exact.resize(H);
    for (std::size_t h = 0; h < H; ++h) {
        const double free_share = lambda_hi * measure[h];
        out.exact[h] = share(lambda_hi, h);
        out.at_cap[h] = free_share > hi[h];
        out.at_minimum[h] = free_share < lo[h];
    }
    // Remove the bisection's last rounding crumbs so the total is exact.
    double drift = n - std::accumulate(out.exact.begin(), out.exact.end(), 0.0);
    for (std::size_t h = 0; h < H && std::abs(drift) > 0; ++h) {
        if (out.at_cap[h] || out.at_minimum[h]) continue;
        const double adj = std::clamp(out.exact[h] + drift, lo[h], hi[h]);
        drift -= adj - out.exact[h];
        out.exact[h] = adj;
    }

    // Check after allocating: bounds and total.
    double sum = 0;
    for (std::size_t h = 0; h < H; ++h) {
        sum += out.exact[h];
        if (out.exact[h] < lo[h] - 1e-9 || out.exact[h] > hi[h] + 1e-9)
            bad_argument("allocate", "stratum " + std::to_string(h + 1) + ": allocation " + num(out.exact[h]) +
                                         " breaks its bounds [" + num(lo[h]) + ", " + num(hi[h]) + "]");
    }
    if (std::abs(sum - n) > 1e-6 * std::max(1.0, n))
        bad_argument("allocate", "strata cannot absorb the total " + std::to_string(total) + " (allocated " + num(sum) + ")");
    out.n = round_preserving_total(out.exact, total);
    if (o.sd.size() == H) {
        std::vector<double> nd(out.n.begin(), out.n.end());
        out.variance = stratified_variance(population, o.sd, nd);
    } else {
        out.variance = std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

CSIKIT_NAMESPACE_END
