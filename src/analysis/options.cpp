// option_descriptions(): the one description of the options of each analysis. Defaults are read
// from default-constructed option structs, so they cannot drift from the code. A face that lacks
// an option names the deliberate reason (tests/options/check_options.py fails on any option a
// face lacks without one, and on a reason starting "TODO": every option is reachable now).
#include "csikit/options.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/format.hpp"

#include "csikit/analysis.hpp"
#include "csikit/bootstrap.hpp"
#include "csikit/ipa.hpp"
#include "csikit/ipa_survey.hpp"
#include "csikit/mga.hpp"
#include "csikit/pls.hpp"
#include "csikit/predict.hpp"
#include "csikit/scoring.hpp"
#include "csikit/stats.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

std::string text(double x) { return format_shortest(x); }
std::string text(bool b) { return b ? "true" : "false"; }
template <class Int>
std::string integer(Int v) { return std::to_string(v); }

option_face name(std::string n) { return {std::move(n), {}}; }
option_face lacks(std::string why) { return {{}, std::move(why)}; }

/// The cross-hair as the CLI and Python spell it.
constexpr enum_name<crosshair_rule> crosshair_words[] = {{crosshair_rule::scale_midpoint, "midpoint"},
    {crosshair_rule::data_mean, "mean"}, {crosshair_rule::data_median, "median"}, {crosshair_rule::custom, "custom"}};
const char* crosshair_text(crosshair_rule r) { return name_of(crosshair_words, r, ""); }

analysis_description estimate_options() {
    const pls_options d;
    analysis_description a{"estimate", "csikit::pls_options", "analyze", "estimate", "csikit_estimate_options", {}};
    a.options = {
        {"scheme", "enum", scheme_name(d.scheme), {"path", "centroid", "factorial"}, "inner weighting scheme",
         name("scheme"), name("scheme"), name("scheme")},
        {"missing", "enum", missing_name(d.missing), {"listwise", "mean", "pairwise"}, "treatment of missing answers",
         name("missing"), name("missing"), name("missing")},
        {"consistent", "bool", text(d.consistent), {}, "PLSc (Dijkstra-Henseler) for Mode A constructs",
         name("mode"), name("consistent"), name("consistent")},
        {"tolerance", "double", text(d.tolerance), {}, "stop when the stopping rule's change is below this",
         name("tolerance"), name("tolerance"), name("tolerance")},
        {"max_iterations", "int", integer(d.max_iterations), {}, "convergence error beyond this many iterations",
         name("max-iter"), name("max_iter"), name("max_iterations")},
        {"use_weights", "bool", text(d.use_weights), {}, "honour respondent weights when the data have them",
         name("no-weights"), name("use_weights"), name("use_weights")},
        {"keep_scores", "bool", text(d.keep_scores), {}, "keep the n x J construct scores",
         lacks("deliberate: the CLI writes reports, which hold no respondent-level construct scores"),
         name("keep_scores"), name("keep_scores")},
        {"quality", "bool", text(d.quality), {}, "quality criteria (reliability, HTMT, VIF, f2, GoF, SRMR)",
         name("no-quality"), name("quality"), name("quality")},
        {"stopping", "enum", d.stopping == stop_rule::plspm ? "plspm" : "max_abs_change", {"max_abs_change", "plspm"},
         "stopping rule of the iteration", name("stopping"), name("stopping"), name("stopping")},
        {"f2_reestimate", "bool", text(d.f2_reestimate), {}, "f2 by re-estimating the model without each path",
         name("f2-reestimate"), name("f2_reestimate"), name("f2_reestimate")},
        {"strict", "bool", text(d.strict), {}, "PLSc: fail on an inadmissible solution instead of flagging it",
         name("strict"), name("strict"), name("strict")},
    };
    return a;
}

analysis_description bootstrap_description() {
    const bootstrap_options d;
    analysis_description a{"bootstrap", "csikit::bootstrap_options", "analyze", "bootstrap", "csikit_bootstrap_options", {}};
    a.options = {
        {"resamples", "size", integer(d.resamples), {}, "number of resamples B (>= 2)",
         name("bootstrap"), name("resamples"), name("resamples")},
        {"seed", "uint64", integer(d.seed), {}, "the result depends on the seed only, never on the threads",
         name("seed"), name("seed"), name("seed")},
        {"threads", "unsigned", integer(d.threads), {}, "worker threads; 0 = all cores",
         name("threads"), name("threads"), name("threads")},
        {"confidence", "double", text(d.confidence), {}, "level of the percentile and BCa intervals, in (0, 1)",
         name("confidence"), name("confidence"), name("confidence")},
        {"bca", "bool", text(d.bca), {}, "BCa intervals (needs a jackknife over respondents)",
         name("no-bca"), name("bca"), name("bca")},
        {"jackknife_max", "size", integer(d.jackknife_max), {}, "exact jackknife up to this many respondents, grouped beyond",
         name("jackknife-max"), name("jackknife_max"), name("jackknife_max")},
        {"max_failed_share", "double", text(d.max_failed_share), {}, "numeric error when more resamples fail",
         name("max-failed-share"), name("max_failed_share"), name("max_failed_share")},
        {"drop_inadmissible", "bool", text(d.drop_inadmissible), {}, "PLSc: count inadmissible resamples as failed",
         name("drop-inadmissible"), name("drop_inadmissible"), name("drop_inadmissible")},
        {"progress", "callback", "", {}, "progress report, return false to cancel",
         lacks("deliberate: the CLI draws its own progress line on stderr"), name("progress"), name("progress")},
        {"cancel", "pointer", "", {}, "external cancellation flag polled by the workers",
         lacks("deliberate: Ctrl-C ends the process"),
         lacks("deliberate: progress returning False or Ctrl-C cancels"),
         lacks("deliberate: progress returning nonzero cancels (no shared atomics across the C ABI)")},
        {"index_survey", "pointer", "", {}, "also bootstrap every construct's 0-100 index (the survey's scales)",
         lacks("deliberate: --bootstrap always bootstraps the indices too"), name("indices"), name("indices")},
        {"criteria", "bool", text(d.criteria), {}, "also bootstrap HTMT, f2, adjusted R2, total and specific indirect effects",
         name("no-criteria"), name("criteria"), name("criteria")},
        // Mediation (issue 15): every specific indirect effect is bootstrapped; these chains are classified first.
        {"mediation", "list", "", {}, "chains FROM,THROUGH..,TO whose mediation is classified and listed first",
         name("mediation"), name("mediation"), name("mediation")},
        {"resample_rows", "pointer", "", {}, "replay given resamples (0-based rows per resample) instead of drawing",
         lacks("deliberate: a validation hook for replaying a peer's resamples (C++ tests)"),
         lacks("deliberate: a validation hook for replaying a peer's resamples (C++ tests)"),
         lacks("deliberate: a validation hook for replaying a peer's resamples (C++ tests)")},
    };
    return a;
}

analysis_description score_description() {
    const score_options d;
    analysis_description a{"score", "csikit::score_options", "score", "score", "csikit_score_options", {}};
    a.options = {
        {"rescale", "enum", to_string(d.rescale), {"linear", "proportional", "labels"}, "how answers become 0-100 scores",
         name("rescale"), name("rescale"), name("rescale")},
        {"aggregate", "enum", to_string(d.aggregate), {"respondent", "mean"}, "how the hierarchy index is aggregated",
         name("aggregate"), name("aggregate"), name("aggregate")},
        {"threshold", "double", text(d.threshold), {}, "a respondent is satisfied when the 0-100 score >= threshold",
         name("threshold"), name("threshold"), name("threshold")},
        {"level", "double", text(d.level), {}, "confidence level of every interval and test",
         name("level"), name("level"), name("level")},
        {"interval", "enum", to_string(d.interval), {"wilson", "agresti_coull", "clopper_pearson"}, "interval of every share",
         name("interval"), name("interval"), name("interval")},
        {"nps.promoter_min", "double", text(d.nps.promoter_min), {}, "answers >= this are NPS promoters",
         name("promoter-min"), name("promoter_min"), name("nps_promoter_min")},
        {"nps.detractor_max", "double", text(d.nps.detractor_max), {}, "answers <= this are NPS detractors",
         name("detractor-max"), name("detractor_max"), name("nps_detractor_max")},
        {"top_box", "map", "", {}, "top-box values per scale id, overriding the scale's own",
         name("top-box"), name("top_box"),
         lacks("deliberate: a map of scale ids to value lists has no plain C form; set top_box in the schema's scales")},
        {"by", "string", d.by, {}, "segment column to break down by; empty = none", name("by"), name("by"), name("by")},
        {"by_wave", "bool", text(d.by_wave), {}, "per-wave results and changes when the survey has a wave column",
         name("no-waves"), name("by_wave"), name("by_wave")},
        {"language", "string", d.language, {}, "label language; empty = the survey's first language",
         name("lang"), name("language"), name("language")},
        // Issue 14 (helper ipa): AHP weights of the hierarchy.
        {"ahp.method", "enum", to_string(d.ahp.method), {"eigenvector", "geometric_mean"},
         "AHP weights of nodes with an \"ahp\" matrix", name("ahp-method"), name("ahp_method"), name("ahp_method")},
        {"ahp.allow_inconsistent", "bool", text(d.ahp.allow_inconsistent), {}, "accept an AHP consistency ratio above 0.1",
         name("ahp-allow-inconsistent"), name("ahp_allow_inconsistent"), name("ahp_allow_inconsistent")},
    };
    return a;
}

analysis_description analyze_description() {
    const analysis_options d;
    analysis_description a{"analyze", "csikit::analysis_options, csikit::index_analysis_options", "analyze",
                           "Fit.to_json", "csikit_analysis_options", {}};
    a.options = {
        {"index.target", "string", d.index.target, {}, "target construct of impacts and IPA/IPMA; empty = the preset's",
         name("target"), name("target"), name("target")},
        {"index.by", "string", d.index.by, {}, "segment or wave column: indices per group",
         name("by"), name("by"), name("by")},
        {"index.crosshair", "enum", crosshair_text(d.index.crosshair), {"mean", "median", "midpoint"}, "IPA cross-hair",
         name("crosshair"), name("crosshair"), name("crosshair")},
        {"index.index.level", "double", text(d.index.index.level), {}, "confidence level of the index t-intervals",
         name("level"), name("level"), name("level")},
        {"index.index.use_weights", "bool", text(d.index.index.use_weights), {}, "weight respondents in the index scores",
         name("no-weights"), name("use_weights"), name("use_weights")},
        {"resamples", "size", integer(d.resamples), {}, "bootstrap resamples; 0 = none (see bootstrap)",
         name("bootstrap"), lacks("deliberate: csikit.bootstrap(fit, resamples=...) and pass the result to to_json"),
         lacks("deliberate: csikit_bootstrap() and pass the boot handle to csikit_fit_analysis_json")},
        {"scores", "bool", text(d.scores), {}, "also score the survey and break down every segment",
         name("scores"), lacks("deliberate: csikit.score(data) gives the scores document"),
         lacks("deliberate: csikit_score_json() gives the scores document")},
    };
    return a;
}

// Issue 14 (helper ipa): the IPA from stated or derived importance.
analysis_description survey_ipa_description() {
    const survey_ipa_options d;
    analysis_description a{"ipa", "csikit::survey_ipa_options", "ipa", "survey_ipa", "csikit_survey_ipa_options", {}};
    a.options = {
        {"importance", "enum", "", {"stated", "correlation", "beta", "pratt", "rwa", "lmg"},
         "importance source; empty = stated with importance items, else rwa against the overall item",
         name("importance"), name("importance"), name("importance")},
        {"map.rule", "enum", crosshair_text(d.map.rule), {"mean", "median", "midpoint", "custom"}, "IPA cross-hair",
         name("crosshair"), name("crosshair"), name("crosshair")},
        {"map.custom_importance", "double", text(d.map.custom_importance), {}, "custom cross-hair: importance",
         name("crosshair"), name("custom_importance"), name("custom_importance")},
        {"map.custom_performance", "double", text(d.map.custom_performance), {}, "custom cross-hair: performance",
         name("crosshair"), name("custom_performance"), name("custom_performance")},
        {"map.diagonal", "bool", text(d.map.diagonal), {}, "the iso-priority diagonal (gap I - P, one metric only)",
         name("diagonal"), name("diagonal"), name("diagonal")},
        {"by", "string", d.by, {}, "segment or wave column: the map per group", name("by"), name("by"), name("by")},
        {"use_weights", "bool", text(d.use_weights), {}, "weight respondents by the data's weights",
         name("unweighted"), name("use_weights"), name("use_weights")},
    };
    return a;
}

// Multi-group analysis (csikit/mga.hpp, docs/mga.md).
analysis_description mga_description() {
    const mga_options d;
    analysis_description a{"mga", "csikit::mga_options", "mga", "mga", "csikit_mga_options", {}};
    a.options = {
        {"permutations", "size", integer(d.permutations), {}, "permutation runs of the difference tests and MICOM; 0 = none",
         name("permutations"), name("permutations"), name("permutations")},
        {"bootstrap", "size", integer(d.bootstrap), {}, "resamples per group for PLS-MGA, parametric and Welch tests; 0 = none",
         name("bootstrap"), name("bootstrap"), name("bootstrap")},
        {"seed", "uint64", integer(d.seed), {}, "the result depends on the seed only, never on the threads",
         name("seed"), name("seed"), name("seed")},
        {"threads", "unsigned", integer(d.threads), {}, "worker threads; 0 = all cores",
         name("threads"), name("threads"), name("threads")},
        {"micom", "bool", text(d.micom), {}, "MICOM steps 1-3 (needs permutations)",
         name("no-micom"), name("micom"), name("micom")},
        {"imputation", "enum", to_string(d.imputation), {"group_means", "pooled_means"},
         "mean replacement with each group's or the pooled item means", name("imputation"), name("imputation"), name("imputation")},
        {"adjust", "enum", to_string(d.adjust), {"none", "holm", "bonferroni"}, "correction of the pairwise p values over the pairs",
         name("adjust"), name("adjust"), name("adjust")},
        {"alpha", "double", text(d.alpha), {}, "level of the verdicts and marks", name("alpha"), name("alpha"), name("alpha")},
        {"max_failed_share", "double", text(d.max_failed_share), {}, "numeric error when more runs or resamples fail",
         name("max-failed-share"), name("max_failed_share"), name("max_failed_share")},
        {"pls.scheme", "enum", scheme_name(d.pls.scheme), {"path", "centroid", "factorial"}, "inner weighting scheme",
         name("scheme"), name("scheme"), name("scheme")},
        {"pls.missing", "enum", missing_name(d.pls.missing), {"listwise", "mean"}, "treatment of missing answers (no pairwise)",
         name("missing"), name("missing"), name("missing")},
        {"pls.consistent", "bool", text(d.pls.consistent), {}, "PLSc for Mode A constructs",
         name("mode"), name("consistent"), name("consistent")},
        {"pls.tolerance", "double", text(d.pls.tolerance), {}, "stopping tolerance of every fit",
         name("tolerance"), name("tolerance"), name("tolerance")},
        {"pls.max_iterations", "int", integer(d.pls.max_iterations), {}, "iterations of every fit",
         name("max-iter"), name("max_iter"), name("max_iterations")},
        {"pls.use_weights", "bool", text(d.pls.use_weights), {}, "honour respondent weights",
         name("no-weights"), name("use_weights"), name("use_weights")},
    };
    return a;
}

analysis_description predict_description() {
    const predict_options d;
    const cvpat_options c;
    analysis_description a{"predict", "csikit::predict_options, csikit::cvpat_options", "predict", "predict",
                           "csikit_predict_options", {}};
    a.options = {
        {"folds", "size", integer(d.folds), {}, "K folds of each repetition; 0 = leave-one-out",
         name("folds"), name("folds"), name("folds")},
        {"repeats", "size", integer(d.repeats), {}, "repetitions of the K-fold split (1 under leave-one-out)",
         name("repeats"), name("repeats"), name("repeats")},
        {"seed", "uint64", integer(d.seed), {}, "the folds depend on (seed, repetition) only, never on the threads",
         name("seed"), name("seed"), name("seed")},
        {"threads", "unsigned", integer(d.threads), {}, "worker threads; 0 = all cores",
         name("threads"), name("threads"), name("threads")},
        {"approach", "enum", to_string(d.approach), {"direct", "earliest"}, "direct or earliest antecedents",
         name("approach"), name("approach"), name("approach")},
        {"benchmark", "enum", to_string(d.benchmark), {"seminr", "csem"}, "definition of the linear-model benchmark",
         name("benchmark"), name("benchmark"), name("benchmark")},
        {"estimation.scheme", "enum", scheme_name(d.estimation.scheme), {"path", "centroid", "factorial"},
         "inner weighting scheme of every training fit", name("scheme"), name("scheme"), name("scheme")},
        {"estimation.tolerance", "double", text(d.estimation.tolerance), {}, "stopping tolerance of every training fit",
         name("tolerance"), name("tolerance"), name("tolerance")},
        {"estimation.max_iterations", "int", integer(d.estimation.max_iterations), {}, "iterations of every training fit",
         name("max-iter"), name("max_iter"), name("max_iterations")},
        {"fold_of", "vector", "", {}, "fixed folds, one per respondent (reproduces another tool's split)",
         lacks("deliberate: a fold column is a C++ API use (tests reproduce cSEM's split); the CLI draws folds from --seed"),
         lacks("deliberate: folds come from seed; fixed folds are a C++ API use"),
         lacks("deliberate: folds come from seed; fixed folds are a C++ API use")},
        {"keep_predictions", "bool", text(d.keep_predictions), {}, "keep the n x q predictions",
         lacks("deliberate: the CLI writes no respondent-level output"),
         lacks("deliberate: the JSON document holds no respondent-level predictions"),
         lacks("deliberate: the JSON document holds no respondent-level predictions")},
        {"cvpat", "bool", "false", {}, "add CVPAT against the IA and LM benchmarks (cvpat())",
         name("cvpat"), name("cvpat"), name("cvpat")},
        {"level", "double", text(c.level), {}, "CVPAT: significant when p < 1 - level",
         name("level"), name("level"), name("level")},
    };
    return a;
}

}  // namespace

const std::vector<analysis_description>& option_descriptions() {
    static const std::vector<analysis_description> all{estimate_options(), bootstrap_description(), score_description(),
                                                       analyze_description(), survey_ipa_description(),
                                                       mga_description(), predict_description()};
    return all;
}

CSIKIT_NAMESPACE_END
