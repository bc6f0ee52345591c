// bootstrap(): runs the resamples and the jackknife fits on a small pool of std::threads.
//
// Work items are numbered: 0..B-1 are resamples, B..B+G-1 jackknife fits. Workers take chunks
// of numbers from an atomic counter; item t reads only its own inputs (seed, t) and writes only
// slot t, so the numbers never depend on the thread count or on scheduling. The calling thread
// does no estimation: it reports progress, watches for cancellation and joins.
#include "bootstrap_internal.hpp"
#include "csikit/format.hpp"

#include "csikit/limits.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <new>
#include <string>
#include <system_error>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

namespace {

using namespace boot_detail;

void check_options(const bootstrap_options& o) {
    auto bad = [](const char* field, const std::string& what) {
        throw argument_error(location{"", 0, field}, std::string("bootstrap: ") + what);
    };
    if (o.resamples < 2) bad("resamples", std::to_string(o.resamples) + " resamples is too few (expected >= 2)");
    if (o.resamples > max_resamples)
        bad("resamples", std::to_string(o.resamples) + " resamples is above the limit of " +
                             std::to_string(max_resamples) + " (every replicate is kept for the intervals; expected <= " +
                             std::to_string(max_resamples) + ")");
    if (!(o.confidence > 0 && o.confidence < 1))
        bad("confidence", "confidence " + format_shortest(o.confidence) + " is invalid (expected 0 < confidence < 1)");
    if (!(o.max_failed_share >= 0 && o.max_failed_share <= 1))
        bad("max_failed_share", "max_failed_share " + format_shortest(o.max_failed_share) +
                                    " is invalid (expected 0 <= share <= 1)");
    if (o.resample_rows && o.resample_rows->size() != o.resamples)
        bad("resample_rows", std::to_string(o.resample_rows->size()) + " resamples to replay but resamples is " +
                                 std::to_string(o.resamples) + " (expected as many)");
    if (o.bca && o.jackknife_max < 2)
        bad("jackknife_max", "jackknife_max " + std::to_string(o.jackknife_max) + " is too small (expected >= 2)");
}

/// What one worker needs to run any work item; everything it writes is slot-indexed.
struct job {
    job(const pls_model& mo, const pls_fit& orig, const working_data& d, const layout& l, const weighted_sums& f)
        : model(mo), original(orig), data(d), lay(l), full(f), estimation(orig.options) {}

    const pls_model& model;
    const pls_fit& original;
    const working_data& data;
    const layout& lay;
    const weighted_sums& full;     // all rows, for the jackknife downdates
    pls_options estimation;
    std::uint64_t seed = 0;
    std::size_t B = 0, G = 0;
    bool drop_inadmissible = false;
    const std::vector<std::vector<std::size_t>>* replay = nullptr;
    const two_stage_plan* plan = nullptr;  // a two-stage HOC: stage 1 re-run per item
    std::vector<double> reps, jack;
    std::vector<std::uint8_t> status, jack_status;
    std::vector<std::string> messages;  // per resample, only on failure

    std::atomic<std::size_t> next{0}, done{0};
    std::atomic<bool> stop{false};
    const std::atomic<bool>* cancel = nullptr;
    std::mutex mutex;
    std::condition_variable finished_cv;
    unsigned finished = 0;
    std::exception_ptr failure;
    /// Items a worker gave back when memory ran out (an address-space or memory limit): the
    /// calling thread does them after the join. Reserved for every item up front, so giving one
    /// back never allocates.
    std::vector<std::size_t> given_back;

    std::size_t total() const noexcept { return B + G; }
    bool stopping() const noexcept {
        return stop.load(std::memory_order_relaxed) || (cancel && cancel->load(std::memory_order_relaxed));
    }
};

/// Per-thread scratch, so that a work item allocates (almost) nothing.
struct worker_state {
    weighted_sums sums;
    std::vector<std::uint32_t> counts;
    moments m;
    Eigen::MatrixXd all;  // two-stage: correlations of [stage 2 | stage 1] columns
    moments m1;           // two-stage: stage-1 moments
    std::vector<double> v;  // two-stage interaction: each row's weight in the item (count x weight)
};

/// The weight of every working-data row in item t (two-stage interactions form their products
/// row by row): count x respondent weight in a resample, the weight outside the left-out group
/// of a jackknife fit.
void row_weights(const job& jb, const worker_state& ws, std::size_t t, std::vector<double>& v) {
    const auto n = static_cast<std::size_t>(jb.data.n());
    v.resize(n);
    if (t < jb.B) {
        for (std::size_t i = 0; i < n; ++i) v[i] = ws.counts[i] * jb.data.weight[static_cast<Eigen::Index>(i)];
        return;
    }
    const std::size_t slot = t - jb.B;
    for (std::size_t i = 0; i < n; ++i) v[i] = (i % jb.G == slot) ? 0.0 : jb.data.weight[static_cast<Eigen::Index>(i)];
}

/// Runs work item t: builds its correlation matrix, estimates, aligns, stores or records why not.
void run_item(job& jb, worker_state& ws, std::size_t t) {
    const bool resample = t < jb.B;
    const std::size_t slot = resample ? t : t - jb.B;
    std::uint8_t& st = resample ? jb.status[slot] : jb.jack_status[slot];
    double* out = (resample ? jb.reps.data() : jb.jack.data()) + slot * jb.lay.params.size();
    std::string message;
    if (resample) {
        if (jb.replay) {
            ws.counts.assign(static_cast<std::size_t>(jb.data.n()), 0);
            for (std::size_t i : (*jb.replay)[t]) ++ws.counts[i];  // rows checked by bootstrap()
        } else {
            draw_counts(jb.seed, t, jb.data.n(), ws.counts);
        }
        resample_sums(jb.data, ws.counts, ws.sums);
        ws.m.respondents_used = static_cast<std::size_t>(jb.data.n());
    } else {
        ws.sums.total = jb.full.total;
        ws.sums.sum = jb.full.sum;
        ws.sums.cross = jb.full.cross;
        remove_rows(jb.data, static_cast<Eigen::Index>(slot), static_cast<Eigen::Index>(jb.G), ws.sums);
        const auto removed = (static_cast<std::size_t>(jb.data.n()) - slot + jb.G - 1) / jb.G;
        ws.m.respondents_used = static_cast<std::size_t>(jb.data.n()) - removed;
    }
    const int bad = correlation(ws.sums, jb.plan ? ws.all : ws.m.correlation);
    if (bad >= 0) {
        st = constant_item;
        message = "item \"" + (jb.plan ? jb.plan->ids : jb.original.indicators)[static_cast<std::size_t>(bad)] +
                  "\" is constant in the resample (expected some variance)";
    } else {
        try {
            if (jb.plan) {
                ws.m1.respondents_used = ws.m.respondents_used;
                if (!jb.plan->products.empty()) row_weights(jb, ws, t, ws.v);
                stage_two_correlation(*jb.plan, jb.data, ws.v, ws.sums, ws.all, ws.m1, ws.m.correlation);
            }
            const pls_fit fit = estimate(jb.model, ws.m, jb.estimation);
            st = extract(jb.lay, fit, jb.original, out) && extract_indices(jb.lay, fit, ws.sums, out) ? ok : non_finite;
            if (st != ok) message = "an estimate is not finite (expected finite estimates)";
            if (st == ok && jb.drop_inadmissible && !fit.admissible) {
                st = inadmissible;
                message = "the PLSc solution is inadmissible" +
                          (fit.warnings.empty() ? std::string() : ": " + fit.warnings.front());
            }
        } catch (const convergence_error& e) {
            st = convergence;
            message = e.what();
        } catch (const numeric_error& e) {
            st = singular;
            message = e.what();
        } catch (const error& e) {
            st = other;
            message = std::string(to_string(e.kind())) + ": " + e.what();
        }
    }
    if (st != ok && resample) jb.messages[slot] = "resample " + std::to_string(t) + ": " + message;
}

/// A worker's moments: in the fit's indicator order, on the standardised working data; only the
/// correlation matrix (and the count) changes from item to item.
void prepare(const job& jb, worker_state& ws) {
    const auto p = static_cast<Eigen::Index>(jb.original.indicators.size());
    ws.m = jb.original.data;
    ws.m.item_ids = jb.original.indicators;
    ws.m.mean.setZero(p);
    ws.m.sd.setOnes(p);
    ws.m.pair_counts.resize(0, 0);
    if (jb.plan) {
        const pls_fit& s1 = *jb.plan->stage1;
        ws.m1 = s1.data;
        ws.m1.item_ids = s1.indicators;
        ws.m1.mean.setZero(jb.plan->p1);
        ws.m1.sd.setOnes(jb.plan->p1);
        ws.m1.pair_counts.resize(0, 0);
    }
}

/// One item, counted when done.
void do_item(job& jb, worker_state& ws, std::size_t t) {
    run_item(jb, ws, t);
    jb.done.fetch_add(1, std::memory_order_relaxed);
}

/// A pool thread. When memory runs out (std::bad_alloc: a limit on the address space, where
/// thread stacks take most of it), the worker gives its unfinished items back and stops, as a
/// thread the system refuses: the calling thread does them after the join, and since items
/// are numbered the numbers do not change. Any other exception stops the run.
void worker(job& jb) {
    std::size_t t = 0, t1 = 0;  // the claimed items not yet done: [t, t1)
    try {
        worker_state ws;
        prepare(jb, ws);
        constexpr std::size_t chunk = 8;
        while (!jb.stopping()) {
            t = jb.next.fetch_add(chunk, std::memory_order_relaxed);
            if (t >= jb.total()) break;
            t1 = std::min(t + chunk, jb.total());
            for (; t < t1 && !jb.stopping(); ++t) do_item(jb, ws, t);
        }
    } catch (const std::bad_alloc&) {
        std::lock_guard<std::mutex> lock(jb.mutex);
        for (; t < t1; ++t) jb.given_back.push_back(t);  // capacity reserved: no allocation
    } catch (...) {
        std::lock_guard<std::mutex> lock(jb.mutex);
        if (!jb.failure) jb.failure = std::current_exception();
        jb.stop = true;
    }
    std::lock_guard<std::mutex> lock(jb.mutex);
    ++jb.finished;
    jb.finished_cv.notify_one();
}

/// After the join, on the calling thread: the items given back and those no worker claimed (all
/// of them when no thread started). Here a std::bad_alloc is the run's failure.
void finish_on_caller(job& jb) {
    if (jb.failure || jb.stopping()) return;
    worker_state ws;
    prepare(jb, ws);
    for (std::size_t k = 0; k < jb.given_back.size() && !jb.stopping(); ++k) do_item(jb, ws, jb.given_back[k]);
    for (std::size_t t = jb.next.fetch_add(1); t < jb.total() && !jb.stopping(); t = jb.next.fetch_add(1)) do_item(jb, ws, t);
}

/// Starts the workers, reports progress from this thread, joins; returns how many workers ran
/// (fewer than asked when the system refuses a thread). Throws what a worker threw, or
/// cancelled_error when asked to stop before every item was done.
unsigned run(job& jb, unsigned threads, const progress_callback& progress) {
    const std::size_t total = jb.total();
    if (progress && !progress(0, total)) jb.stop = true;
    std::vector<std::thread> pool;
    if (!jb.stop) {
        pool.reserve(threads);
        // A thread the system refuses (std::system_error: a process or address-space limit)
        // leaves fewer workers, never an abort: items are numbered, so the numbers do not
        // depend on how many workers take them. With none at all, this thread does the work.
        try {
            for (unsigned k = 0; k < threads; ++k) pool.emplace_back(worker, std::ref(jb));
        } catch (const std::system_error&) {
        } catch (const std::bad_alloc&) {  // the thread's own state could not be allocated
        }
        threads = static_cast<unsigned>(pool.size());
        std::unique_lock<std::mutex> lock(jb.mutex);
        while (threads > 0 && jb.finished < threads) {
            jb.finished_cv.wait_for(lock, std::chrono::milliseconds(50), [&] { return jb.finished == threads; });
            if (jb.finished == threads) break;
            if (jb.cancel && jb.cancel->load()) jb.stop = true;
            if (progress && !jb.stop) {
                lock.unlock();  // the callback may be slow; workers must not wait for it
                const bool go_on = progress(jb.done.load(), total);
                lock.lock();
                if (!go_on) jb.stop = true;
            }
        }
    }
    for (auto& t : pool) t.join();
    if (jb.failure) std::rethrow_exception(jb.failure);
    finish_on_caller(jb);  // items given back, or all of them when no thread started
    if (jb.done.load() < total) {
        throw cancelled_error(location{"", 0, "bootstrap"},
                              "bootstrap: cancelled after " + std::to_string(jb.done.load()) + " of " +
                                  std::to_string(total) + " estimates (expected to run to the end)");
    }
    if (progress) progress(total, total);  // the run is complete: a false here cancels nothing
    return std::max(1u, threads);  // the workers that ran (the calling thread when none did)
}

/// True when `count` replicates of `bytes` each exceed max_replicate_bytes (no overflow).
bool replicates_too_large(std::size_t count, std::size_t bytes) noexcept {
    return count > max_replicate_bytes / bytes;
}

/// The bootstrap of `original` on the working data `d` (with a two-stage plan: the combined
/// stage-2 and stage-1 columns); `source` names the data in messages.
bootstrap_result run_bootstrap(const pls_model& model, const std::string& source, const working_data& d,
                               const pls_fit& original, const bootstrap_options& options, const two_stage_plan* plan) {
    check_options(options);
    layout lay = make_layout(model, original);
    if (options.index_survey) add_index_params(lay, original, *options.index_survey);
    if (options.criteria) add_criteria_params(lay, model, original);
    if (!options.criteria && !options.mediation.empty())
        throw argument_error(location{"", 0, "mediation"},
                             "bootstrap: mediation chains need the criteria (expected criteria = true)");
    check_mediation(model, original, options.mediation);
    if (options.resample_rows)
        for (const auto& rows : *options.resample_rows)
            if (rows.size() != static_cast<std::size_t>(d.n()) ||
                std::any_of(rows.begin(), rows.end(), [&](std::size_t i) { return i >= static_cast<std::size_t>(d.n()); }))
                throw argument_error(location{"", 0, "resample_rows"},
                                     "bootstrap: a resample to replay does not draw " + std::to_string(d.n()) +
                                         " rows in 0.." + std::to_string(d.n() - 1) + " (expected one row per respondent used)");
    const std::size_t n = static_cast<std::size_t>(d.n());
    const std::size_t G = options.bca ? std::min(n, options.jackknife_max) : 0;
    weighted_sums full;
    if (G > 0) full_sums(d, full);

    // Checked before allocating: the replicates are the one store that grows with B.
    const std::size_t per_resample = std::max<std::size_t>(1, lay.params.size()) * sizeof(double);
    if (replicates_too_large(options.resamples + G, per_resample))
        throw argument_error(location{"", 0, "resamples"},
                             "bootstrap: " + std::to_string(options.resamples) + " resamples of " +
                                 std::to_string(lay.params.size()) + " parameters need " +
                                 std::to_string(static_cast<unsigned long long>(static_cast<double>(options.resamples + G) *
                                                                               static_cast<double>(per_resample) / 1048576.0)) +
                                 " MiB of replicates, above the limit of " +
                                 std::to_string(max_replicate_bytes >> 20) + " MiB (expected fewer resamples)");

    job jb(model, original, d, lay, full);
    jb.seed = options.seed;
    jb.B = options.resamples;
    jb.G = G;
    jb.drop_inadmissible = options.drop_inadmissible;
    jb.replay = options.resample_rows;
    jb.plan = plan;
    // The cheap core: weights, loadings, paths, R2, effects; HTMT and f2 come from the moments
    // and the construct correlations (bootstrap_criteria.cpp). Only seminr's f2 (re-estimating
    // without each path) needs the quality pass in every resample.
    jb.estimation.quality = original.options.quality && original.options.f2_reestimate;
    jb.estimation.keep_scores = false;
    try {
        jb.reps.assign(jb.B * lay.params.size(), 0.0);
        jb.jack.assign(G * lay.params.size(), 0.0);
        jb.status.assign(jb.B, ok);
        jb.jack_status.assign(G, ok);
        jb.messages.resize(jb.B);
        jb.given_back.reserve(jb.total());
    } catch (const std::bad_alloc&) {
        throw argument_error(location{"", 0, "resamples"},
                             "bootstrap: not enough memory for the replicates of " + std::to_string(jb.B) +
                                 " resamples of " + std::to_string(lay.params.size()) + " parameters (expected fewer resamples)");
    }
    jb.cancel = options.cancel;

    const unsigned threads = run(jb, resolve_threads(options.threads, jb.total()), options.progress);

    bootstrap_result res;
    res.resamples = jb.B;
    res.seed = options.seed;
    res.threads = threads;
    res.confidence = options.confidence;
    res.respondents = n;
    res.df = static_cast<double>(n) - 1;
    tally_failures(res, jb.status, jb.messages, options.max_failed_share, source, "bootstrap", "resamples");
    if (G > 0) {
        res.jackknife = G;
        res.jackknife_failed = static_cast<std::size_t>(std::count_if(
            jb.jack_status.begin(), jb.jack_status.end(), [](std::uint8_t s) { return s != ok; }));
    }
    summarise(lay, jb.reps, jb.status, jb.jack, jb.jack_status, options.confidence, res.df);
    file_parameters(lay, res);  // indices etc. in lists of their own: `parameters` as without them
    if (options.criteria) res.mediation = classify(model, original, res.parameters, res.indirect_effects, options.mediation);
    return res;
}

}  // namespace

bootstrap_result bootstrap(const pls_model& model, const responses& data, const pls_fit& original,
                           const bootstrap_options& options) {
    check_options(options);
    return run_bootstrap(model, data.source, prepare(data, original), original, options, nullptr);
}

bootstrap_result bootstrap(const extended_fit& fit, const bootstrap_options& options) {
    const expanded_model& e = fit.expanded;
    check_options(options);
    if (options.index_survey)
        throw argument_error(location{"", 0, "index_survey"},
                             "bootstrap: no 0-100 indices for a model with higher-order constructs or interaction terms "
                             "(their indicators are derived columns without a rating scale; expected index_survey = null)");
    // A two-stage HOC's stage 1 is re-run; a two-stage interaction's too when there is no such
    // HOC (with one, its products of stage-1 scores stay fixed: docs/pls.md).
    const bool rerun = e.stage1 && (e.stage1_model || e.interaction_stage1_model);
    if (!rerun) return run_bootstrap(e.model, e.data.source, prepare(e.data, fit.fit), fit.fit, options, nullptr);
    working_data d;
    const two_stage_plan plan = make_two_stage_plan(e, fit.fit, d);
    return run_bootstrap(e.model, e.data.source, d, fit.fit, options, &plan);
}

CSIKIT_NAMESPACE_END
