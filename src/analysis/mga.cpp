// multi_group(): split the data by a background column, estimate each group, then the
// permutation test of differences (every pair; omnibus for > 2 groups), the per-group bootstrap
// behind PLS-MGA and the parametric and Welch tests, and MICOM (mga_micom.cpp).
#include "mga_internal.hpp"
#include "mga_micom.hpp"

#include "csikit/error.hpp"
#include "csikit/format.hpp"

#include "csikit/limits.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>

CSIKIT_NAMESPACE_BEGIN

using namespace mga_detail;

const char* to_string(mga_imputation m) noexcept {
    return m == mga_imputation::pooled_means ? "pooled_means" : "group_means";
}

const char* to_string(p_adjustment a) noexcept {
    switch (a) {
    case p_adjustment::none: return "none";
    case p_adjustment::bonferroni: return "bonferroni";
    default: return "holm";
    }
}

namespace {

constexpr std::uint64_t stream_pair = 100, stream_omnibus = 1, stream_boot = 400;

void check_options(const mga_options& o) {
    if (o.pls.missing == missing_treatment::pairwise)
        throw argument_error(location{"", 0, "missing"},
                             "mga: missing treatment pairwise is not supported (expected listwise or mean: a permuted "
                             "group has no pairwise counts)");
    if (o.permutations > max_resamples)
        throw argument_error(location{"", 0, "permutations"}, "mga: permutations " + std::to_string(o.permutations) +
                                                                  " is out of range (expected 0 .. " +
                                                                  std::to_string(max_resamples) + ")");
    if (o.bootstrap == 1 || o.bootstrap > max_resamples)
        throw argument_error(location{"", 0, "bootstrap"}, "mga: bootstrap " + std::to_string(o.bootstrap) +
                                                               " is out of range (expected 0 or 2 .. " +
                                                               std::to_string(max_resamples) + ")");
    if (!(o.alpha > 0 && o.alpha < 1))
        throw argument_error(location{"", 0, "alpha"}, "mga: alpha " + format_shortest(o.alpha) + " is out of range (expected in (0, 1))");
    if (!(o.max_failed_share >= 0 && o.max_failed_share <= 1))
        throw argument_error(location{"", 0, "max_failed_share"},
                             "mga: max_failed_share " + format_shortest(o.max_failed_share) + " is out of range (expected in [0, 1])");
}

double student_p(double t, double df) {
    if (!std::isfinite(t) || !(df > 0)) return std::nan("");
    const boost::math::students_t dist(df);
    return 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

/// Group fits of one permutation or resample run, in layout order: G x K values per run.
struct run_store {
    std::size_t K = 0, G = 0;
    std::vector<double> values;        ///< runs x G x K
    std::vector<std::uint8_t> ok;      ///< 1 = estimated
    double at(std::size_t r, std::size_t g, std::size_t k) const { return values[(r * G + g) * K + k]; }
};

/// Permutes the group labels over the rows of the groups in `pool` (stacked), re-estimates each
/// permuted group from its gathered sums and stores its estimates.
run_store permute(const prepared& P, const std::vector<std::size_t>& pool, std::size_t runs, std::uint64_t stream,
                  const std::vector<std::vector<int>>* given, const pls_model& model, const pls_options& po,
                  const layout& lay, unsigned threads) {
    std::vector<Eigen::Index> rows;
    std::vector<int> base;
    for (std::size_t q = 0; q < pool.size(); ++q)
        for (auto r : P.rows_of[pool[q]]) {
            rows.push_back(r);
            base.push_back(static_cast<int>(q));
        }
    row_matrix scratch;
    sums total;
    gather(P.zd, P.v, rows, nullptr, total, scratch);
    run_store st;
    st.K = lay.params.size();
    st.G = pool.size();
    st.values.assign(runs * st.G * st.K, std::nan(""));
    st.ok.assign(runs, 0);
    // The largest group is the complement: gather the smaller ones.
    std::size_t biggest = 0;
    for (std::size_t q = 1; q < pool.size(); ++q)
        if (P.rows_of[pool[q]].size() > P.rows_of[pool[biggest]].size()) biggest = q;
    std::vector<row_matrix> scratches(std::max(1u, threads));
    parallel_for(runs, threads, [&](std::size_t r, unsigned worker) {
        std::vector<int> labels;
        if (given) {
            labels = (*given)[r];
        } else {
            labels = base;
            rng g = make_rng(P.seed, stream, r);
            shuffle(labels, g);
        }
        std::vector<sums> gs(pool.size());
        sums rest = total;
        for (std::size_t q = 0; q < pool.size(); ++q) {
            if (q == biggest) continue;
            std::vector<Eigen::Index> sel;
            for (std::size_t k = 0; k < rows.size(); ++k)
                if (labels[k] == static_cast<int>(q)) sel.push_back(rows[k]);
            gather(P.zd, P.v, sel, nullptr, gs[q], scratches[worker]);
            rest = subtract(rest, gs[q]);
        }
        gs[biggest] = rest;
        try {
            for (std::size_t q = 0; q < pool.size(); ++q) {
                moments m;
                if (!to_moments(gs[q], P.items, m)) return;
                const pls_fit f = estimate(model, m, po);
                if (!extract(lay, f, P.groups_fit[pool[0]], &st.values[(r * st.G + q) * st.K])) return;
            }
            st.ok[r] = 1;
        } catch (const error&) {
            // counted as a failed run
        }
    });
    return st;
}

/// Bootstrap of group g: n_g draws with replacement from its rows, each resample from its sums.
run_store resample(const prepared& P, std::size_t g, std::size_t B, const pls_model& model, const pls_options& po,
                   const layout& lay, unsigned threads) {
    run_store st;
    st.K = lay.params.size();
    st.G = 1;
    st.values.assign(B * st.K, std::nan(""));
    st.ok.assign(B, 0);
    const auto& rows = P.rows_of[g];
    std::vector<row_matrix> scratches(std::max(1u, threads));
    parallel_for(B, threads, [&](std::size_t r, unsigned worker) {
        std::vector<std::uint32_t> counts(rows.size(), 0);
        rng gen = make_rng(P.seed, stream_boot + g, r);
        for (std::size_t i = 0; i < rows.size(); ++i) ++counts[gen.below(rows.size())];
        sums s;
        gather(P.zd, P.v, rows, &counts, s, scratches[worker]);
        try {
            moments m;
            if (!to_moments(s, P.items, m)) return;
            const pls_fit f = estimate(model, m, po);
            if (extract(lay, f, P.groups_fit[g], &st.values[r * st.K])) st.ok[r] = 1;
        } catch (const error&) {
        }
    });
    return st;
}

std::size_t count_ok(const run_store& st) { return static_cast<std::size_t>(std::count(st.ok.begin(), st.ok.end(), 1)); }

void check_failures(const run_store& st, double share, const std::string& what) {
    const std::size_t runs = st.ok.size(), ok = count_ok(st);
    if (runs && (static_cast<double>(runs - ok) > share * static_cast<double>(runs) || ok == 0))
        throw numeric_error(location{"", 0, what}, "mga: " + std::to_string(runs - ok) + " of " + std::to_string(runs) + " " +
                                                       what + " could not be estimated (expected at most " +
                                                       format_shortest(share * 100) + "%: max_failed_share)");
}

/// cSEM's two-sided permutation p: share of |d| reached on either side.
double two_sided_p(const std::vector<double>& ref, double d) {
    if (ref.empty()) return std::nan("");
    std::size_t hi = 0, lo = 0;
    for (double x : ref) {
        hi += x >= std::fabs(d);
        lo += x <= -std::fabs(d);
    }
    return (static_cast<double>(hi) + static_cast<double>(lo)) / static_cast<double>(ref.size());
}

/// P(theta1 <= theta2) over all pairs of bias-centred draws, ties counted half (cSEM).
double pls_mga_p(std::vector<double> a, std::vector<double> b) {
    if (a.empty() || b.empty()) return std::nan("");
    std::sort(b.begin(), b.end());
    double total = 0;
    for (double x : a) {
        const auto lo = std::lower_bound(b.begin(), b.end(), x), hi = std::upper_bound(b.begin(), b.end(), x);
        total += static_cast<double>(b.end() - hi) + 0.5 * static_cast<double>(hi - lo);
    }
    return total / (static_cast<double>(a.size()) * static_cast<double>(b.size()));
}

mga_result run(const pls_model& model, const responses& data, const std::string& column, const mga_options& options,
               const mga_labels* labels) {
    check_options(options);
    prepared P = prepare(model, data, column, options);
    mga_result res;
    res.column = column;
    res.options = options;
    res.respondents = data.respondents();
    res.left_out_no_group = P.left_out_no_group;
    res.left_out_missing = P.left_out_missing;
    res.missing_note = P.missing_note;
    const unsigned threads = resolve_threads(options.threads);
    res.threads = threads;
    const std::size_t G = P.values.size();
    for (std::size_t g = 0; g < G; ++g)
        res.groups.push_back(mga_group{P.values[g], P.respondents_of[g], P.rows_of[g].size(), P.groups_fit[g]});

    layout lay = make_layout(model, P.groups_fit[0]);
    const std::size_t K = lay.params.size();
    std::vector<std::vector<double>> est(G, std::vector<double>(K));
    for (std::size_t g = 0; g < G; ++g) extract(lay, P.groups_fit[g], P.groups_fit[g], est[g].data());
    for (std::size_t k = 0; k < K; ++k)
        for (std::size_t g = 0; g < G; ++g) lay.params[k].estimate.push_back(est[g][k]);

    pls_options po = options.pls;
    po.quality = false;
    po.keep_scores = false;
    po.missing = missing_treatment::listwise;  // the working data are complete
    const bool two = G == 2;
    if (labels && !two) throw argument_error(location{"", 0, "labels"}, "mga: given labels need two groups");

    // Pairs in order (0,1), (0,2), ..., (1,2), ...
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t a = 0; a < G; ++a)
        for (std::size_t b = a + 1; b < G; ++b) pairs.emplace_back(a, b);

    // Bootstrap per group.
    std::vector<run_store> boots;
    if (options.bootstrap) {
        res.bootstrap = options.bootstrap;
        for (std::size_t g = 0; g < G; ++g) {
            boots.push_back(resample(P, g, options.bootstrap, model, po, lay, threads));
            check_failures(boots.back(), options.max_failed_share, "bootstrap resamples of group " + P.values[g]);
            res.bootstrap_ok.push_back(count_ok(boots.back()));
        }
        for (std::size_t k = 0; k < K; ++k)
            for (std::size_t g = 0; g < G; ++g) {
                double s = 0, s2 = 0, n = 0;
                for (std::size_t r = 0; r < options.bootstrap; ++r)
                    if (boots[g].ok[r]) {
                        const double x = boots[g].at(r, 0, k);
                        s += x;
                        ++n;
                    }
                const double mean = s / n;
                for (std::size_t r = 0; r < options.bootstrap; ++r)
                    if (boots[g].ok[r]) s2 += (boots[g].at(r, 0, k) - mean) * (boots[g].at(r, 0, k) - mean);
                lay.params[k].boot_se.push_back(std::sqrt(s2 / (n - 1)));
                lay.params[k].boot_bias.push_back(mean - est[g][k]);
            }
    }

    // Permutation runs: one per pair (only its two groups' rows permuted).
    std::vector<run_store> perms;
    if (options.permutations) {
        res.permutations = options.permutations;
        for (std::size_t q = 0; q < pairs.size(); ++q) {
            const std::vector<std::size_t> pool{pairs[q].first, pairs[q].second};
            const std::size_t runs = labels ? labels->difference.size() : options.permutations;
            perms.push_back(permute(P, pool, runs, stream_pair + q, labels ? &labels->difference : nullptr, model, po, lay, threads));
            check_failures(perms.back(), options.max_failed_share, "permutation runs");
        }
        res.permutations_ok = perms.empty() ? 0 : count_ok(perms.front());
        for (const auto& st : perms) res.permutations_ok = std::min(res.permutations_ok, count_ok(st));
        if (labels) res.permutations = labels->difference.size();
    }

    for (std::size_t q = 0; q < pairs.size(); ++q) {
        const auto [a, b] = pairs[q];
        const double n1 = static_cast<double>(P.rows_of[a].size()), n2 = static_cast<double>(P.rows_of[b].size());
        for (std::size_t k = 0; k < K; ++k) {
            mga_comparison c;
            c.parameter = k;
            c.g1 = a;
            c.g2 = b;
            c.difference = est[a][k] - est[b][k];
            if (!perms.empty()) {
                std::vector<double> ref;
                for (std::size_t r = 0; r < perms[q].ok.size(); ++r)
                    if (perms[q].ok[r]) ref.push_back(perms[q].at(r, 0, k) - perms[q].at(r, 1, k));
                c.p_permutation = two_sided_p(ref, c.difference);
                std::sort(ref.begin(), ref.end());
                c.perm_low = quantile7(ref, 0.025);
                c.perm_high = quantile7(ref, 0.975);
            }
            if (!boots.empty()) {
                const double se1 = lay.params[k].boot_se[a], se2 = lay.params[k].boot_se[b];
                std::vector<double> c1, c2;
                for (std::size_t r = 0; r < options.bootstrap; ++r) {
                    if (boots[a].ok[r]) c1.push_back(boots[a].at(r, 0, k) - lay.params[k].boot_bias[a]);
                    if (boots[b].ok[r]) c2.push_back(boots[b].at(r, 0, k) - lay.params[k].boot_bias[b]);
                }
                c.p_mga = pls_mga_p(c1, c2);
                c.p_mga_two_sided = std::min(1.0, 2 * std::min(c.p_mga, 1 - c.p_mga));
                // Keil et al. (2000): pooled standard error, df = n1 + n2 - 2.
                const double df = n1 + n2 - 2;
                c.t_parametric = c.difference / (std::sqrt((n1 - 1) * (n1 - 1) / df * se1 * se1 + (n2 - 1) * (n2 - 1) / df * se2 * se2) *
                                                 std::sqrt(1 / n1 + 1 / n2));
                c.df_parametric = df;
                c.p_parametric = student_p(c.t_parametric, df);
                // Welch-Satterthwaite (Nitzl 2010), df as cSEM: rounded, minus 2.
                const double u1 = (n1 - 1) / n1 * se1 * se1, u2 = (n2 - 1) / n2 * se2 * se2;
                c.t_welch = c.difference / std::sqrt(u1 + u2);
                c.df_welch = std::round((u1 + u2) * (u1 + u2) /
                                        ((n1 - 1) / (n1 * n1) * std::pow(se1, 4) + (n2 - 1) / (n2 * n2) * std::pow(se2, 4)) - 2);
                c.p_welch = student_p(c.t_welch, c.df_welch);
            }
            res.comparisons.push_back(c);
        }
    }
    // Multiple comparisons: the family of one parameter is its pairs of groups.
    for (std::size_t k = 0; k < K; ++k) {
        std::vector<std::size_t> at;
        for (std::size_t i = 0; i < res.comparisons.size(); ++i)
            if (res.comparisons[i].parameter == k) at.push_back(i);
        auto fam = [&](auto member) {
            std::vector<double> p;
            for (auto i : at) p.push_back(res.comparisons[i].*member);
            return adjust(p, options.adjust);
        };
        const auto pp = fam(&mga_comparison::p_permutation), pk = fam(&mga_comparison::p_parametric),
                   pw = fam(&mga_comparison::p_welch);
        for (std::size_t j = 0; j < at.size(); ++j) {
            res.comparisons[at[j]].p_permutation_adjusted = pp[j];
            res.comparisons[at[j]].p_parametric_adjusted = pk[j];
            res.comparisons[at[j]].p_welch_adjusted = pw[j];
        }
    }

    // Omnibus for > 2 groups: T = sum_g n_g (theta_g - weighted mean)^2, all labels permuted.
    if (G > 2 && options.permutations) {
        std::vector<std::size_t> pool(G);
        for (std::size_t g = 0; g < G; ++g) pool[g] = g;
        const run_store st = permute(P, pool, options.permutations, stream_omnibus, nullptr, model, po, lay, threads);
        check_failures(st, options.max_failed_share, "omnibus permutation runs");
        auto stat = [&](auto theta) {
            double n = 0, m = 0;
            for (std::size_t g = 0; g < G; ++g) {
                n += static_cast<double>(P.rows_of[g].size());
                m += static_cast<double>(P.rows_of[g].size()) * theta(g);
            }
            m /= n;
            double t = 0;
            for (std::size_t g = 0; g < G; ++g) t += static_cast<double>(P.rows_of[g].size()) * (theta(g) - m) * (theta(g) - m);
            return t;
        };
        for (std::size_t k = 0; k < K; ++k) {
            const double t = stat([&](std::size_t g) { return est[g][k]; });
            std::size_t hits = 0, ok = 0;
            for (std::size_t r = 0; r < st.ok.size(); ++r) {
                if (!st.ok[r]) continue;
                ++ok;
                hits += stat([&](std::size_t g) { return st.at(r, g, k); }) >= t;
            }
            lay.params[k].omnibus_statistic = t;
            lay.params[k].omnibus_p = ok ? static_cast<double>(hits) / static_cast<double>(ok) : std::nan("");
        }
    }
    res.parameters = std::move(lay.params);

    if (options.micom && (options.permutations || labels))
        res.micom = micom(P, model, options, po, threads, labels);
    return res;
}

}  // namespace

mga_result multi_group(const pls_model& model, const responses& data, const std::string& column, const mga_options& options) {
    return run(model, data, column, options, nullptr);
}

mga_result multi_group_with_labels(const pls_model& model, const responses& data, const std::string& column,
                                   const mga_options& options, const mga_labels& labels) {
    return run(model, data, column, options, &labels);
}

CSIKIT_NAMESPACE_END
