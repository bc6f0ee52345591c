// poisson_bootstrap(): estimates every replicate of a replicate_accumulator and summarises them
// with the in-memory bootstrap's layout, sign alignment and statistics (bootstrap_stats.cpp).
#include "bootstrap_internal.hpp"
#include "csikit/limits.hpp"
#include "csikit/format.hpp"
#include "csikit/poisson_bootstrap.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

namespace {

using namespace boot_detail;

void check_options(const poisson_bootstrap_options& o) {
    if (!(o.confidence > 0 && o.confidence < 1))
        throw argument_error(location{"", 0, "confidence"}, "poisson bootstrap: confidence " + format_shortest(o.confidence) +
                                                                " is invalid (expected 0 < confidence < 1)");
    if (!(o.max_failed_share >= 0 && o.max_failed_share <= 1))
        throw argument_error(location{"", 0, "max_failed_share"}, "poisson bootstrap: max_failed_share " +
                                                                      format_shortest(o.max_failed_share) +
                                                                      " is invalid (expected 0 <= share <= 1)");
}

/// The moments `m` with their items in the order `ids` (every id is in m.item_ids: checked).
moments in_order(const moments& m, const std::vector<Eigen::Index>& pos, const std::vector<std::string>& ids) {
    moments o = m;
    const auto p = static_cast<Eigen::Index>(ids.size());
    o.item_ids = ids;
    o.mean.resize(p);
    o.sd.resize(p);
    o.correlation.resize(p, p);
    const bool pairs = m.pair_counts.size() > 0;
    if (pairs) o.pair_counts.resize(p, p);
    for (Eigen::Index a = 0; a < p; ++a) {
        const Eigen::Index i = pos[static_cast<std::size_t>(a)];
        o.mean[a] = m.mean[i];
        o.sd[a] = m.sd[i];
        for (Eigen::Index b = 0; b < p; ++b) {
            o.correlation(a, b) = m.correlation(i, pos[static_cast<std::size_t>(b)]);
            if (pairs) o.pair_counts(a, b) = m.pair_counts(i, pos[static_cast<std::size_t>(b)]);
        }
    }
    return o;
}

/// The weighted sums extract_indices reads, rebuilt from a replicate's moments: the item means
/// and variances on the original fit's standardised scale (a common factor in the variances
/// cancels in the normalised index weights).
weighted_sums index_sums(const moments& m, const Eigen::VectorXd& mean0, const Eigen::VectorXd& sd0) {
    weighted_sums s;
    const auto p = m.mean.size();
    s.total = 1;
    s.sum.resize(p);
    s.cross.setZero(p, p);
    for (Eigen::Index h = 0; h < p; ++h) {
        const double mz = (m.mean[h] - mean0[h]) / sd0[h];
        const double vz = m.sd[h] / sd0[h];
        s.sum[h] = mz;
        s.cross(h, h) = vz * vz + mz * mz;
    }
    return s;
}

}  // namespace

bootstrap_result poisson_bootstrap(const pls_model& model, const replicate_accumulator& acc, const pls_fit& original,
                                   const poisson_bootstrap_options& options) {
    check_options(options);
    if (acc.replicates() < 2)
        throw argument_error(location{"", 0, "replicates"}, "poisson bootstrap: the state holds " +
                                                                std::to_string(acc.replicates()) + " replicates (expected at least 2)");
    const auto p = static_cast<Eigen::Index>(original.indicators.size());
    if (p == 0 || original.data.mean.size() != static_cast<Eigen::Index>(original.data.item_ids.size()))
        throw argument_error(location{"", 0, "original"},
                             "poisson bootstrap: the original fit carries no moments (expected a fit returned by estimate)");
    std::vector<Eigen::Index> pos;
    Eigen::VectorXd mean0(p), sd0(p);  // the original item means and SDs in fit order
    for (const auto& id : original.indicators) {
        const auto k = std::find(original.data.item_ids.begin(), original.data.item_ids.end(), id);
        if (k == original.data.item_ids.end())
            throw argument_error(location{"", 0, id}, "poisson bootstrap: indicator \"" + id +
                                                          "\" is not in the fit's moments (expected a fit returned by estimate)");
        const auto h = static_cast<Eigen::Index>(pos.size());
        mean0[h] = original.data.mean[k - original.data.item_ids.begin()];
        sd0[h] = original.data.sd[k - original.data.item_ids.begin()];
        const auto it = std::find(acc.items().begin(), acc.items().end(), id);
        if (it == acc.items().end())
            throw argument_error(location{"", 0, id}, "poisson bootstrap: indicator \"" + id +
                                                          "\" is not among the replicates' items (expected the fit's indicators)");
        pos.push_back(static_cast<Eigen::Index>(it - acc.items().begin()));
    }
    layout lay = make_layout(model, original);
    if (options.index_survey) add_index_params(lay, original, *options.index_survey);
    if (options.criteria) add_criteria_params(lay, model, original);

    const std::size_t B = acc.replicates(), K = lay.params.size();
    const missing_treatment missing = original.data.missing;
    pls_options estimation = original.options;
    estimation.quality = original.options.quality && original.options.f2_reestimate;
    estimation.keep_scores = false;
    std::vector<double> reps(B * K, 0.0);
    std::vector<std::uint8_t> st(B, ok);
    std::vector<std::string> messages(B);

    // Replicate r writes only slot r: the numbers do not depend on the thread count.
    auto run_replicate = [&](std::size_t r) {
        std::string message;
        try {
            const moments m = in_order(acc.replicate(r).finish(missing), pos, original.indicators);
            const pls_fit fit = estimate(model, m, estimation);
            double* out = reps.data() + r * K;
            const weighted_sums sums = index_sums(m, mean0, sd0);
            st[r] = extract(lay, fit, original, out) && extract_indices(lay, fit, sums, out) ? ok : non_finite;
            if (st[r] != ok) message = "an estimate is not finite (expected finite estimates)";
        } catch (const convergence_error& e) {
            st[r] = convergence;
            message = e.what();
        } catch (const numeric_error& e) {
            // compute_moments' message names a constant item; anything else is singular
            const std::string what = e.what();
            st[r] = what.find("constant") != std::string::npos ? constant_item : singular;
            message = what;
        } catch (const error& e) {
            st[r] = other;
            message = std::string(to_string(e.kind())) + ": " + e.what();
        }
        if (st[r] != ok) messages[r] = "replicate " + std::to_string(r) + ": " + message;
    };
    const unsigned threads = resolve_threads(options.threads, B);
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t r; (r = next.fetch_add(1)) < B;) run_replicate(r);
    };
    if (threads <= 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
        for (auto& t : pool) t.join();
    }

    bootstrap_result res;
    res.resamples = B;
    res.seed = acc.seed();
    res.threads = std::max(1u, threads);
    res.confidence = options.confidence;
    res.respondents = original.data.respondents_used;
    res.df = static_cast<double>(res.respondents) - 1;
    tally_failures(res, st, messages, options.max_failed_share, "", "poisson bootstrap", "replicates");
    summarise(lay, reps, st, {}, {}, options.confidence, res.df);
    file_parameters(lay, res);
    if (options.criteria) res.mediation = classify(model, original, res.parameters, res.indirect_effects, {});
    return res;
}

CSIKIT_NAMESPACE_END
