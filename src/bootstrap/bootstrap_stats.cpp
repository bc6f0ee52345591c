// The bootstrap's statistics side: which estimates are bootstrapped, how a resample's estimates
// are aligned in sign and flattened, and the summaries (SE, t, p, percentile and BCa intervals).
#include "bootstrap_internal.hpp"

#include "csikit/format.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

CSIKIT_NAMESPACE_BEGIN

const char* to_string(parameter_kind kind) noexcept {
    switch (kind) {
    case parameter_kind::weight: return "weight";
    case parameter_kind::loading: return "loading";
    case parameter_kind::path: return "path";
    case parameter_kind::total_effect: return "total_effect";
    case parameter_kind::r2: return "r2";
    case parameter_kind::index: return "index";
    case parameter_kind::htmt: return "htmt";
    case parameter_kind::f2: return "f2";
    case parameter_kind::r2_adjusted: return "r2_adjusted";
    case parameter_kind::total_indirect: return "total_indirect";
    case parameter_kind::indirect_effect: return "indirect_effect";
    }
    return "?";
}

const bootstrap_parameter& bootstrap_result::get(parameter_kind kind, std::string_view a, std::string_view b) const {
    const std::string label = b.empty() ? std::string(a) : std::string(a) + " -> " + std::string(b);
    for (const auto& q : parameters)
        if (q.kind == kind && q.label == label) return q;
    for (const auto* list : {&indices, &criteria, &indirect_effects})
        for (const auto& q : *list)
            if (q.kind == kind && q.label == label) return q;
    throw argument_error(location{"", 0, label}, std::string("bootstrap_result: no ") + to_string(kind) + " \"" +
                                                     label + "\" (expected one of the bootstrapped estimates)");
}

namespace boot_detail {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Construct index of `id` in the fit; argument_error if the model and the fit disagree.
int construct_of(const pls_fit& fit, const std::string& id) {
    const int j = fit.construct_index(id);
    if (j < 0) {
        throw argument_error(location{"", 0, id}, "bootstrap: construct \"" + id +
                                                      "\" of the model is not in the fit (expected the fit of this model)");
    }
    return j;
}

/// R's quantile type 7 of sorted values.
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty() || !(q >= 0 && q <= 1)) return nan;
    const double h = (static_cast<double>(sorted.size()) - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

/// Jackknife acceleration: sum (mean - x_i)^3 / (6 (sum (mean - x_i)^2)^1.5); 0 if no spread.
double acceleration(const std::vector<double>& jack) {
    if (jack.size() < 2) return nan;
    double mean = 0;
    for (double x : jack) mean += x;
    mean /= static_cast<double>(jack.size());
    double s2 = 0, s3 = 0;
    for (double x : jack) {
        const double d = mean - x;
        s2 += d * d;
        s3 += d * d * d;
    }
    return s2 > 0 ? s3 / (6 * std::pow(s2, 1.5)) : 0.0;
}

}  // namespace

layout make_layout(const pls_model& model, const pls_fit& original) {
    layout l;
    const int J = static_cast<int>(original.constructs.size());
    const int p = static_cast<int>(original.indicators.size());
    for (parameter_kind kind : {parameter_kind::weight, parameter_kind::loading}) {
        for (int h = 0; h < p; ++h) {
            bootstrap_parameter q;
            q.kind = kind;
            q.indicator = h;
            q.to = original.block[static_cast<std::size_t>(h)];
            q.label = original.indicators[static_cast<std::size_t>(h)];
            q.estimate = kind == parameter_kind::weight ? original.weights[h] : original.loadings[h];
            l.params.push_back(q);
        }
    }
    // reach[to][from]: a directed chain of paths leads from `from` to `to`.
    std::vector<std::vector<char>> reach(static_cast<std::size_t>(J), std::vector<char>(static_cast<std::size_t>(J), 0));
    std::vector<char> endogenous(static_cast<std::size_t>(J), 0);
    for (const auto& e : model.paths) {
        bootstrap_parameter q;
        q.kind = parameter_kind::path;
        q.from = construct_of(original, e.from);
        q.to = construct_of(original, e.to);
        q.label = e.from + " -> " + e.to;
        q.estimate = original.paths(q.to, q.from);
        l.params.push_back(q);
        reach[static_cast<std::size_t>(q.to)][static_cast<std::size_t>(q.from)] = 1;
        endogenous[static_cast<std::size_t>(q.to)] = 1;
    }
    for (int k = 0; k < J; ++k)  // transitive closure (Warshall); J is small
        for (int i = 0; i < J; ++i)
            for (int j = 0; j < J; ++j)
                if (reach[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)] &&
                    reach[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)])
                    reach[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = 1;
    for (int from = 0; from < J; ++from) {
        for (int to = 0; to < J; ++to) {
            if (!reach[static_cast<std::size_t>(to)][static_cast<std::size_t>(from)] || to == from) continue;
            bootstrap_parameter q;
            q.kind = parameter_kind::total_effect;
            q.from = from;
            q.to = to;
            q.label = original.constructs[static_cast<std::size_t>(from)] + " -> " +
                      original.constructs[static_cast<std::size_t>(to)];
            q.estimate = original.total_effects(to, from);
            l.params.push_back(q);
        }
    }
    for (int j = 0; j < J; ++j) {
        if (!endogenous[static_cast<std::size_t>(j)]) continue;
        bootstrap_parameter q;
        q.kind = parameter_kind::r2;
        q.to = j;
        q.label = original.constructs[static_cast<std::size_t>(j)];
        q.estimate = original.r2[j];
        l.params.push_back(q);
    }
    return l;
}

bool extract(const layout& l, const pls_fit& fit, const pls_fit& original, double* out) {
    // Sign of each block: + when its weights point the same way as the original's.
    const std::size_t J = original.constructs.size();
    double dot_stack[64];
    std::vector<double> dot_heap;
    double* dot = dot_stack;
    if (J > 64) {
        dot_heap.resize(J);
        dot = dot_heap.data();
    }
    std::fill(dot, dot + J, 0.0);
    for (Eigen::Index h = 0; h < original.weights.size(); ++h)
        dot[original.block[static_cast<std::size_t>(h)]] += fit.weights[h] * original.weights[h];
    auto sign = [&](int j) { return dot[j] < 0 ? -1.0 : 1.0; };
    bool finite = true;
    for (std::size_t k = 0; k < l.params.size(); ++k) {
        const auto& q = l.params[k];
        double v = 0;
        switch (q.kind) {
        case parameter_kind::weight: v = sign(q.to) * fit.weights[q.indicator]; break;
        case parameter_kind::loading: v = sign(q.to) * fit.loadings[q.indicator]; break;
        case parameter_kind::path: v = sign(q.to) * sign(q.from) * fit.paths(q.to, q.from); break;
        case parameter_kind::total_effect: v = sign(q.to) * sign(q.from) * fit.total_effects(q.to, q.from); break;
        case parameter_kind::r2: v = fit.r2[q.to]; break;
        case parameter_kind::index: v = 0; break;  // extract_indices (needs the resample's sums)
        // A resample's moments are in fit order (the worker sets them so): no position map.
        case parameter_kind::htmt: v = htmt_value(l, fit.data.correlation, nullptr, q.from, q.to); break;
        case parameter_kind::f2: v = f2_value(l, fit, q.from, q.to); break;
        case parameter_kind::r2_adjusted: v = fit.r2_adjusted[q.to]; break;
        case parameter_kind::total_indirect: v = sign(q.to) * sign(q.from) * fit.indirect_effects(q.to, q.from); break;
        case parameter_kind::indirect_effect:
            // Inner signs cancel in the product: only the ends' signs remain.
            v = sign(q.to) * sign(q.from);
            for (std::size_t c = 0; c + 1 < q.chain.size(); ++c) v *= fit.paths(q.chain[c + 1], q.chain[c]);
            break;
        }
        finite = finite && std::isfinite(v);
        out[k] = v;
    }
    return finite;
}

void add_index_params(layout& l, const pls_fit& original, const survey& s) {
    const auto p = static_cast<Eigen::Index>(original.indicators.size());
    const moments& m = original.data;
    l.item_mean.resize(p);
    l.item_sd.resize(p);
    l.lower.resize(p);
    l.upper.resize(p);
    for (Eigen::Index h = 0; h < p; ++h) {
        const std::string& id = original.indicators[static_cast<std::size_t>(h)];
        const auto it = std::find(m.item_ids.begin(), m.item_ids.end(), id);
        if (it == m.item_ids.end())
            throw argument_error(location{"", 0, id}, "bootstrap: indicator \"" + id +
                                                          "\" is not in the fit's moments (expected a fit returned by estimate)");
        const auto k = static_cast<Eigen::Index>(it - m.item_ids.begin());
        const scale& sc = s.scale_of(id);
        l.item_mean[h] = m.mean[k];
        l.item_sd[h] = m.sd[k];
        l.lower[h] = sc.min;
        l.upper[h] = sc.max;
    }
    l.indices = true;
    const std::size_t first = l.params.size();
    for (std::size_t j = 0; j < original.constructs.size(); ++j) {
        bootstrap_parameter q;
        q.kind = parameter_kind::index;
        q.to = static_cast<int>(j);
        q.label = original.constructs[j];
        l.params.push_back(q);
    }
    // The original estimate by the same formula as the resamples (means, SDs of the fit).
    std::vector<double> est(l.params.size(), 0.0);
    weighted_sums zero;
    zero.total = 1;
    zero.sum.setZero(p);
    zero.cross.setIdentity(p, p);  // standardised data: mean 0, variance 1
    (void)extract_indices(l, original, zero, est.data());
    for (std::size_t k = first; k < l.params.size(); ++k) l.params[k].estimate = est[k];
}

bool extract_indices(const layout& l, const pls_fit& fit, const weighted_sums& sums, double* out) {
    if (!l.indices) return true;
    const std::size_t J = fit.constructs.size();
    std::vector<double> num(J, 0.0), den(J, 0.0);
    for (Eigen::Index h = 0; h < fit.weights.size(); ++h) {
        const auto j = static_cast<std::size_t>(fit.block[static_cast<std::size_t>(h)]);
        const double mz = sums.sum[h] / sums.total;
        const double vz = sums.cross(h, h) / sums.total - mz * mz;
        const double mean = l.item_mean[h] + l.item_sd[h] * mz;
        const double sd = l.item_sd[h] * std::sqrt(std::max(vz, 0.0));
        const double range = l.upper[h] - l.lower[h];
        const double v = fit.weights[h] / sd * range;  // weight on the 0-100 rescaled item
        num[j] += v * (mean - l.lower[h]) / range;
        den[j] += v;
    }
    bool finite = true;
    for (std::size_t k = 0; k < l.params.size(); ++k) {
        const auto& q = l.params[k];
        if (q.kind != parameter_kind::index) continue;
        const auto j = static_cast<std::size_t>(q.to);
        out[k] = 100.0 * num[j] / den[j];  // a flipped block flips num and den alike
        finite = finite && std::isfinite(out[k]);
    }
    return finite;
}

const char* reason_name(std::uint8_t s) {
    switch (s) {
    case constant_item: return "constant_item";
    case singular: return "singular";
    case convergence: return "convergence";
    case non_finite: return "non_finite";
    case inadmissible: return "inadmissible";
    default: return "other";
    }
}

void tally_failures(bootstrap_result& res, const std::vector<std::uint8_t>& status, const std::vector<std::string>& messages,
                    double max_share, const std::string& source, const char* what, const char* unit) {
    const std::size_t B = status.size();
    res.failed = 0;
    for (std::size_t r = 0; r < B; ++r) {
        if (status[r] == ok) continue;
        const std::string reason = reason_name(status[r]);
        if (res.failed_by_reason[reason]++ == 0) res.failure_examples[reason] = r < messages.size() ? messages[r] : "";
        ++res.failed;
    }
    res.succeeded = B - res.failed;
    if (static_cast<double>(res.failed) <= max_share * static_cast<double>(B) && res.succeeded >= 2) return;
    std::string why;
    for (const auto& [reason, count] : res.failed_by_reason) why += (why.empty() ? "" : ", ") + reason + " " + std::to_string(count);
    throw numeric_error(location{source, 0, "bootstrap"},
                        std::string(what) + ": " + std::to_string(res.failed) + " of " + std::to_string(B) + " " + unit +
                            " failed (" + (why.empty() ? std::string("fewer than 2 succeeded") : why) + "; expected at most " +
                            format_shortest(max_share * 100) + "%)" +
                            (res.failure_examples.empty() ? std::string() : "; first: " + res.failure_examples.begin()->second));
}

void file_parameters(layout& l, bootstrap_result& res) {
    for (auto& q : l.params) {
        switch (q.kind) {
        case parameter_kind::index: res.indices.push_back(std::move(q)); break;
        case parameter_kind::htmt:
        case parameter_kind::f2:
        case parameter_kind::r2_adjusted:
        case parameter_kind::total_indirect: res.criteria.push_back(std::move(q)); break;
        case parameter_kind::indirect_effect: res.indirect_effects.push_back(std::move(q)); break;
        default: res.parameters.push_back(std::move(q));
        }
    }
}

void summarise(layout& l, const std::vector<double>& reps, const std::vector<std::uint8_t>& status,
               const std::vector<double>& jack, const std::vector<std::uint8_t>& jack_status, double confidence,
               double df) {
    const std::size_t K = l.params.size();
    const boost::math::normal normal;
    const double alpha = 1 - confidence;
    const double z_low = boost::math::quantile(normal, alpha / 2);
    const double z_high = -z_low;
    std::vector<double> x, jx;
    x.reserve(status.size());
    for (std::size_t k = 0; k < K; ++k) {
        auto& q = l.params[k];
        x.clear();
        for (std::size_t r = 0; r < status.size(); ++r)
            if (status[r] == 0) x.push_back(reps[r * K + k]);
        const double B = static_cast<double>(x.size());
        double mean = 0;
        for (double v : x) mean += v;
        mean = x.empty() ? nan : mean / B;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        q.mean = mean;
        q.bias = mean - q.estimate;
        q.se = x.size() > 1 ? std::sqrt(ss / (B - 1)) : nan;
        // A parameter fixed by construction (a single item's weight) has no spread: no t, no p.
        q.t = q.se > 1e-14 ? q.estimate / q.se : nan;
        q.p = nan;
        if (std::isfinite(q.t) && df > 0) {
            const boost::math::students_t dist(df);
            q.p = 2 * boost::math::cdf(boost::math::complement(dist, std::abs(q.t)));
        }
        std::sort(x.begin(), x.end());
        q.ci_low = quantile(x, alpha / 2);
        q.ci_high = quantile(x, 1 - alpha / 2);
        if (q.kind == parameter_kind::htmt) q.upper = quantile(x, confidence);
        q.bca_low = q.bca_high = nan;
        if (jack.empty() || x.size() < 2) continue;
        jx.clear();
        for (std::size_t g = 0; g < jack_status.size(); ++g)
            if (jack_status[g] == 0) jx.push_back(jack[g * K + k]);
        const double a = acceleration(jx);
        // Bias correction from the share of resamples below the estimate (ties count half).
        const auto below = static_cast<double>(std::lower_bound(x.begin(), x.end(), q.estimate) - x.begin());
        const auto upto = static_cast<double>(std::upper_bound(x.begin(), x.end(), q.estimate) - x.begin());
        const double share = (below + upto) / (2 * B);
        if (!std::isfinite(a) || !(share > 0 && share < 1)) continue;
        const double z0 = boost::math::quantile(normal, share);
        auto adjusted = [&](double z) {
            const double d = 1 - a * (z0 + z);
            if (!(d > 0)) return nan;
            return boost::math::cdf(normal, z0 + (z0 + z) / d);
        };
        q.bca_low = quantile(x, adjusted(z_low));
        q.bca_high = quantile(x, adjusted(z_high));
    }
}

}  // namespace boot_detail
CSIKIT_NAMESPACE_END
