// Bootstrap inference for a PLS path model: resample respondents, re-estimate, summarise.
//
// A resample is a frequency reweighting of the respondents (counts c_i from n draws with
// replacement), so its moments are X' diag(w c) X on one standardised copy of the complete-case
// data; rows are never copied. Each resample r draws from its own generator seeded from
// (seed, r), and writes into its own slot, so a seed gives bit-identical results whatever the
// thread count. Failed resamples (a constant item, a singular block, no convergence) are
// counted per reason, excluded from the summaries and reported; they are fatal only when
// their share exceeds `max_failed_share`. docs/bootstrap.md gives every formula.
#pragma once

#include "limits.hpp"
#include "mediation.hpp"
#include "pls.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Progress report: `done` of `total` estimates finished (resamples plus jackknife fits).
/// Return false to cancel the run (bootstrap then throws cancelled_error).
using progress_callback = std::function<bool(std::size_t done, std::size_t total)>;

// max_resamples (the most resamples one bootstrap() runs) is in limits.hpp, with the
// option ranges of every face.
/// Most bytes the replicates of one bootstrap() may hold (resamples x parameters x 8): 1 GiB.
inline constexpr std::size_t max_replicate_bytes = std::size_t{1} << 30;

/// Bootstrap settings. The estimation settings are those of the original fit, with the
/// quality criteria switched off (they are not bootstrapped).
struct bootstrap_options {
    std::size_t resamples = 5000;   ///< B, the number of resamples (2 .. max_resamples)
    std::uint64_t seed = 1;         ///< the result depends on the seed only, never on `threads`
    unsigned threads = 0;           ///< worker threads; 0 = std::thread::hardware_concurrency()
    double confidence = 0.95;       ///< level of the percentile and BCa intervals, in (0, 1)
    bool bca = true;                ///< BCa intervals (needs a jackknife over respondents)
    /// Exact leave-one-out jackknife up to this many respondents; beyond it a grouped
    /// jackknife with this many groups (respondent i in group i mod groups).
    std::size_t jackknife_max = 2000;
    /// numeric_error when more than this share of the resamples fails (0 = none may fail).
    double max_failed_share = 0.2;
    /// PLSc: count a resample whose solution is inadmissible (pls_fit::admissible false) as
    /// failed ("inadmissible") and leave it out, as cSEM's handle_inadmissibles = "drop".
    bool drop_inadmissible = false;
    /// Called from the thread that called bootstrap() only: once with done = 0, about every
    /// 50 ms while workers run, and once with done = total at the end. Never concurrently.
    progress_callback progress;
    /// Optional external cancellation flag, polled by every worker between two estimates.
    const std::atomic<bool>* cancel = nullptr;
    /// When set, also bootstrap every construct's 0-100 index (csikit/index.hpp): each resample's
    /// index from its own unstandardised weights, normalised, and its own item means, with the
    /// theoretical item bounds from this survey's scales. Results in bootstrap_result::indices.
    const survey* index_survey = nullptr;
    /// Bootstrap the quality criteria (HTMT, f2, adjusted R2, total indirect effects) and every
    /// specific indirect effect with its mediation class, from the same resamples. false: the
    /// classic set only (weights, loadings, paths, total effects, R2), a little faster.
    bool criteria = true;
    /// Chains (from, through..., to) whose mediation is classified and listed first in
    /// bootstrap_result::mediation (every specific indirect effect is bootstrapped anyway);
    /// model_error naming a chain that is not a directed path of the model.
    std::vector<std::vector<std::string>> mediation;
    /// Replays these resamples instead of drawing them: one list of 0-based rows of the
    /// respondents used (n draws each) per resample; size must equal `resamples`. For checking
    /// against a peer's own resamples (tests/cpp/test_bootstrap_criteria.cpp replays seminr's).
    const std::vector<std::vector<std::size_t>>* resample_rows = nullptr;
};

/// Which estimate a bootstrap_parameter summarises.
/// The first six are bootstrap_result::parameters (and indices); the quality criteria htmt,
/// f2, r2_adjusted and total_indirect are bootstrap_result::criteria, indirect_effect (one
/// specific indirect effect) is bootstrap_result::indirect_effects.
enum class parameter_kind {
    weight, loading, path, total_effect, r2, index,
    htmt, f2, r2_adjusted, total_indirect, indirect_effect
};

/// "weight", "loading", "path", "total_effect", "r2", "index", "htmt", "f2", "r2_adjusted",
/// "total_indirect", "indirect_effect".
const char* to_string(parameter_kind kind) noexcept;

/// The bootstrap summary of one estimate. Statistics over the successful resamples only.
struct bootstrap_parameter {
    parameter_kind kind = parameter_kind::path;
    int indicator = -1;   ///< weight/loading: index into pls_fit::indicators
    int from = -1;        ///< path/total_effect: predictor construct index
    int to = -1;          ///< path/total_effect: outcome; weight/loading/r2/index: the construct
    std::string label;    ///< "IMAG1", "IMAG -> CUEX", "CUEX"

    double estimate = 0;  ///< the original estimate
    double mean = 0;      ///< mean over the resamples
    double bias = 0;      ///< mean - estimate
    double se = 0;        ///< standard deviation over the resamples (B_ok - 1 denominator)
    double t = 0;         ///< estimate / se (NaN when se is 0)
    double p = 0;         ///< two-sided, Student t with df = respondents used - 1
    double ci_low = 0, ci_high = 0;    ///< percentile interval (R quantile type 7)
    double bca_low = 0, bca_high = 0;  ///< bias-corrected and accelerated (NaN if not computed)
    /// htmt only: the one-sided upper bound at `confidence` (the 95th percentile at 0.95,
    /// type 7), the bound HTMT < 0.85 / 0.90 is checked against; NaN for the other kinds.
    double upper = std::numeric_limits<double>::quiet_NaN();
    std::vector<int> chain;  ///< indirect_effect: construct indices from first to last
};

/// The mediation of one specific indirect effect (Zhao, Lynch & Chen 2010): the indirect
/// effect's and the direct path's percentile intervals (at `confidence`) decide the class.
struct mediation_result {
    std::vector<std::string> chain;  ///< construct ids, from first to last
    std::string label;               ///< "IMAG -> CUSA -> CUSL"
    bool requested = false;          ///< named in bootstrap_options::mediation
    double indirect = 0, indirect_low = 0, indirect_high = 0;
    bool indirect_significant = false;  ///< the percentile interval excludes 0
    bool has_direct = false;            ///< the model has the path from -> to
    double direct = 0, direct_low = 0, direct_high = 0;  ///< 0 and NaN bounds without the path
    bool direct_significant = false;
    double total_indirect = 0;          ///< sum of every specific indirect effect of from -> to
    mediation_type type = mediation_type::no_effect;
};

/// Everything a bootstrap run yields.
struct bootstrap_result {
    std::vector<bootstrap_parameter> parameters;  ///< weights, loadings, paths, total effects, R2
    std::size_t resamples = 0;   ///< B requested
    std::size_t succeeded = 0;   ///< resamples behind the summaries
    std::size_t failed = 0;      ///< resamples that could not be estimated
    /// Failures by reason: "constant_item", "singular", "convergence", "non_finite",
    /// "inadmissible" (only with drop_inadmissible), "other".
    std::map<std::string, std::size_t> failed_by_reason;
    /// The message of the first failed resample (lowest r) of each reason.
    std::map<std::string, std::string> failure_examples;
    std::uint64_t seed = 0;
    unsigned threads = 0;        ///< worker threads used (does not change the numbers)
    double confidence = 0.95;
    double df = 0;               ///< degrees of freedom of the p values (respondents used - 1)
    std::size_t respondents = 0; ///< respondents each resample draws from (complete cases)
    std::size_t jackknife = 0;   ///< jackknife fits behind the BCa acceleration (0: no BCa)
    std::size_t jackknife_failed = 0;
    /// The 0-100 index of every construct (kind index, label = construct id), in fit order; empty
    /// unless bootstrap_options::index_survey was set. `estimate` is the index of the original
    /// fit (from its item means); negative weights are not refused here (the report hides the
    /// index of a construct whose original weights are negative).
    std::vector<bootstrap_parameter> indices;
    /// Bootstrapped quality criteria, from the same resamples: the HTMT of every pair of
    /// constructs (label "A -> B", A first in model order; `upper` set), f2 of every path,
    /// adjusted R2 of every endogenous construct, total indirect effect of every pair joined by
    /// a chain with a mediator.
    std::vector<bootstrap_parameter> criteria;
    /// Every specific indirect effect (kind indirect_effect, label "A -> M -> B"), in the order
    /// of specific_indirect_effects().
    std::vector<bootstrap_parameter> indirect_effects;
    /// The mediation class of every specific indirect effect: the requested chains first (in
    /// the order asked), then the others in indirect_effects order.
    std::vector<mediation_result> mediation;

    /// The summary of one estimate: weight/loading by indicator id; path/total_effect by
    /// (from, to) construct ids; r2 and index by construct id. argument_error if there is none.
    const bootstrap_parameter& get(parameter_kind kind, std::string_view a, std::string_view b = {}) const;
};

/// Bootstraps `original` (an estimate of `model` from `data`): B resamples of the respondents
/// used by the original, each re-estimated with original.options (quality criteria off) and
/// aligned in sign to the original block by block (a block whose weights have a negative inner
/// product with the original's is flipped). Throws argument_error for bad options or a fit
/// that does not come from `data` or more than max_resamples resamples (or replicates past
/// max_replicate_bytes; checked before allocating), numeric_error when too many resamples fail,
/// cancelled_error when the callback returns false or `cancel` becomes true.
bootstrap_result bootstrap(const pls_model& model, const responses& data, const pls_fit& original,
                           const bootstrap_options& options = {});

struct extended_fit;  // csikit/model_expand.hpp

/// Bootstraps an extended estimate (estimate_extended). With a two-stage or embedded two-stage
/// higher-order construct, every resample re-runs stage 1 on the resampled items and rebuilds
/// the stage-2 moments from its weights (a LOC score's correlations are linear in the item
/// correlations), so the intervals carry stage 1's sampling error; docs/pls.md, "Bootstrapping
/// a two-stage model". A two-stage interaction's product of stage-1 scores stays fixed.
/// Otherwise the same as bootstrap(fit.expanded.model, fit.expanded.data, fit.fit, options).
bootstrap_result bootstrap(const extended_fit& fit, const bootstrap_options& options = {});

CSIKIT_NAMESPACE_END
