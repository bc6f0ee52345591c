// option_descriptions(): the one description of the options of each analysis. Defaults are read
// from default-constructed option structs, so they cannot drift from the code. A face that lacks
// an option names the deliberate reason (tests/options/check_options.py fails on any option a
// face lacks without one, and on a reason starting "TODO": every option is reachable now).
#include "csikit/options.hpp"

#include "csikit/enum_names.hpp"
#include "csikit/format.hpp"

#include "csikit/analysis.hpp"
#include "csikit/data.hpp"
#include "csikit/bootstrap.hpp"
#include "csikit/crosstab.hpp"
#include "csikit/ipa.hpp"
#include "csikit/ipa_survey.hpp"
#include "csikit/mga.hpp"
#include "csikit/pls.hpp"
#include "csikit/poisson_bootstrap.hpp"
#include "csikit/predict.hpp"
#include "csikit/scoring.hpp"
#include "csikit/standardize.hpp"
#include "csikit/stats.hpp"
#include "csikit/trend.hpp"
#include "csikit/feedback.hpp"

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

// Issue 14 (helper xtab): crosstabs (csikit/crosstab.hpp, docs/crosstab.md).
analysis_description crosstab_description() {
    const crosstab_options d;
    analysis_description a{"crosstab", "csikit::crosstab_options", "crosstab", "crosstab", "csikit_crosstab_options", {}};
    a.options = {
        {"rows", "string", d.rows, {}, "the variable: item, hierarchy node, satisfied:ID or a column",
         name("rows"), name("rows"), name("rows")},
        {"cols", "string", d.cols, {}, "the background (segment or wave) column", name("cols"), name("cols"), name("cols")},
        {"layer", "string", d.layer, {}, "a second background column: one table per value; empty = none",
         name("layer"), name("layer"), name("layer")},
        {"alpha", "double", text(d.alpha), {}, "level of the chi-square verdict and the Holm-corrected letters",
         name("alpha"), name("alpha"), name("alpha")},
        {"use_weights", "bool", text(d.use_weights), {}, "weight respondents by the data's weights",
         name("unweighted"), name("use_weights"), name("use_weights")},
        {"scoring.level", "double", text(d.scoring.level), {}, "confidence level of the mean intervals",
         name("level"), name("level"), name("level")},
        {"scoring.threshold", "double", text(d.scoring.threshold), {}, "satisfied: 0-100 score >= threshold where no rule is set",
         name("threshold"), name("threshold"), name("threshold")},
        {"scoring.rescale", "enum", to_string(d.scoring.rescale), {"linear", "proportional", "labels"}, "0-100 rescaling of answers",
         name("rescale"), name("rescale"), name("rescale")},
        {"scoring.language", "string", d.scoring.language, {}, "label language; empty = the survey's first",
         name("lang"), name("language"), name("language")},
    };
    return a;
}

/// The bootstrap at scale (docs/scale.md): what a replicate state is created with (B, seed, keys,
/// weights; the C++ constructor's arguments, whose defaults are the faces') and the summary
/// settings of poisson_bootstrap_options.
analysis_description poisson_bootstrap_description() {
    const poisson_bootstrap_options d;
    analysis_description a{"poisson_bootstrap", "csikit::replicate_accumulator, csikit::poisson_bootstrap_options",
                           "bootstrap-state", "bootstrap", "csikit_replicates_options", {}};  // Python: csikit.dask.bootstrap
    a.options = {
        {"replicates", "size", integer(200), {}, "Poisson bootstrap replicates B of a state (0 .. max_poisson_replicates)",
         name("resamples"), name("resamples"), name("replicates")},
        {"seed", "uint64", integer(1), {}, "the replicates depend on the seed and the respondent keys only",
         name("seed"), name("seed"), name("seed")},
        {"id_column", "string", "", {}, "column whose text keys a respondent; empty = the global row number",
         name("id-column"), name("id_column"), name("id_column")},
        {"use_weights", "bool", text(true), {}, "honour the survey's weight column",
         lacks("deliberate: a state file always honours the schema's weight column"), name("use_weights"),
         name("use_weights")},
        {"confidence", "double", text(d.confidence), {}, "level of the percentile intervals, in (0, 1)",
         lacks("deliberate: 95% intervals, as report.json's; the Python face takes another level"),
         name("confidence"),
         lacks("deliberate: csikit_replicates_bootstrap_json reports 95% intervals, as report.json's")},
        {"threads", "unsigned", integer(d.threads), {}, "replicates estimated at once; 0 = all cores (numbers unchanged)",
         lacks("deliberate: all cores"), name("threads"), lacks("deliberate: all cores")},
        {"max_failed_share", "double", text(d.max_failed_share), {}, "numeric error when more replicates fail",
         lacks("deliberate: the default 20%"), lacks("deliberate: the default 20%"), lacks("deliberate: the default 20%")},
        {"index_survey", "pointer", "", {}, "also bootstrap every construct's 0-100 index",
         lacks("deliberate: every face bootstraps the indices"), lacks("deliberate: every face bootstraps the indices"),
         lacks("deliberate: every face bootstraps the indices")},
        {"criteria", "bool", text(d.criteria), {}, "also bootstrap HTMT, f2, adjusted R2 and indirect effects",
         lacks("deliberate: always on"), lacks("deliberate: always on"), lacks("deliberate: always on")},
    };
    return a;
}

// Issue 14 (helper trend): trends over many waves (docs/trend.md).
analysis_description trend_description() {
    const trend_options d;
    const score_options& s = d.scoring;
    analysis_description a{"trend", "csikit::trend_options", "trend", "trend", "csikit_trend_options", {}};
    a.options = {
        {"wave", "string", d.wave, {}, "the wave column; empty = the survey's wave_column", name("wave"), name("wave"), name("wave")},
        {"control_sigma", "double", text(d.control_sigma), {}, "control limits at center +/- this many standard errors",
         name("sigma"), name("control_sigma"), name("control_sigma")},
        {"scoring.rescale", "enum", to_string(s.rescale), {"linear", "proportional", "labels"}, "how answers become 0-100 scores",
         name("rescale"), name("rescale"), name("rescale")},
        {"scoring.aggregate", "enum", to_string(s.aggregate), {"respondent", "mean"}, "how the hierarchy index is aggregated",
         name("aggregate"), name("aggregate"), name("aggregate")},
        {"scoring.threshold", "double", text(s.threshold), {}, "a respondent is satisfied when the 0-100 score >= threshold",
         name("threshold"), name("threshold"), name("threshold")},
        {"scoring.level", "double", text(s.level), {}, "confidence level of every interval and test",
         name("level"), name("level"), name("level")},
        {"scoring.interval", "enum", to_string(s.interval), {"wilson", "agresti_coull", "clopper_pearson"}, "interval of every share",
         name("interval"), name("interval"), name("interval")},
        {"scoring.nps.promoter_min", "double", text(s.nps.promoter_min), {}, "answers >= this are NPS promoters",
         name("promoter-min"), name("promoter_min"), name("nps_promoter_min")},
        {"scoring.nps.detractor_max", "double", text(s.nps.detractor_max), {}, "answers <= this are NPS detractors",
         name("detractor-max"), name("detractor_max"), name("nps_detractor_max")},
        {"scoring.language", "string", s.language, {}, "label language; empty = the survey's first language",
         name("lang"), name("language"), name("language")},
        {"scoring.ahp.method", "enum", to_string(s.ahp.method), {"eigenvector", "geometric_mean"},
         "AHP weights of nodes with an \"ahp\" matrix", name("ahp-method"), name("ahp_method"), name("ahp_method")},
        {"scoring.ahp.allow_inconsistent", "bool", text(s.ahp.allow_inconsistent), {}, "accept an AHP consistency ratio above 0.1",
         name("ahp-allow-inconsistent"), name("ahp_allow_inconsistent"), name("ahp_allow_inconsistent")},
    };
    return a;
}

/// How a data file is read: every face that reads a path (CLI --data, Python read_responses, the
/// C ABI's csikit_data_read_csv_with).
analysis_description read_description() {
    const read_options d;
    analysis_description a{"read", "csikit::read_options", "score", "read_responses", "csikit_read_options", {}};
    a.options = {
        {"encoding", "string", d.encoding, {},
         "CSV text encoding (utf-8, utf-16, gbk, gb18030, latin-1, cp1252); empty = detect UTF-8 or UTF-16", name("encoding"), name("encoding"), name("encoding")},
        {"header_rows", "int", integer(d.header_rows), {}, "CSV header rows above the data; 0 = detect the platform's",
         name("header-rows"), name("header_rows"), name("header_rows")},
        {"sheet", "string", d.sheet, {}, "Excel .xlsx: the sheet to read; empty = the first",
         name("sheet"), name("sheet"), name("sheet")},
        {"out_of_scale", "enum", d.out_of_scale == out_of_scale_policy::missing ? "missing" : "error", {"error", "missing"},
         "a value outside its scale is an error or missing", name("out-of-scale"), name("out_of_scale"),
         name("out_of_scale_missing")},
        {"delimiter", "string", d.delimiter ? std::string(1, d.delimiter) : std::string(), {}, "CSV delimiter; empty = detect",
         lacks("deliberate: detected from the header line (',', ';' or tab), which every export uses"),
         lacks("deliberate: detected from the header line (',', ';' or tab), which every export uses"),
         lacks("deliberate: detected from the header line (',', ';' or tab), which every export uses")},
        {"source", "string", d.source, {}, "the name used in messages; empty = the path",
         lacks("deliberate: the path given is the name"), lacks("deliberate: the path given is the name"),
         lacks("deliberate: the path given is the name")},
    };
    return a;
}

// Issue 14 (helper xtab2): composition-adjusted scores (csikit/standardize.hpp, docs/crosstab.md).
analysis_description standardize_description() {
    const standardize_options d;
    analysis_description a{"standardize", "csikit::standardize_options", "score", "standardize",
                           "csikit_standardize_options", {}};
    a.options = {
        {"by", "string", d.by, {}, "the groups compared; empty = the survey's wave column", name("by"), name("by"), name("by")},
        {"adjust_for", "string", d.adjust_for, {}, "the background column whose mix is held fixed (required)",
         name("adjust-for"), name("adjust_for"), name("adjust_for")},
        {"reference", "enum", "pooled", {"pooled", "first", "given"}, "the reference mix: all groups', the first group's or given shares",
         name("reference"), name("reference"), name("reference")},
        {"shares", "map", "", {}, "reference given: share per value of adjust_for (sum 1)",
         name("reference"), name("shares"), name("shares")},
        {"use_weights", "bool", text(d.use_weights), {}, "weight respondents by the data's weights",
         lacks("deliberate: `csikit score` weights every figure whenever the data have weights; the adjusted "
               "figures follow the raw ones"),
         name("use_weights"), name("use_weights")},
        {"scoring.level", "double", text(d.scoring.level), {}, "confidence level of the intervals and tests",
         name("level"), name("level"), name("level")},
        {"scoring.rescale", "enum", to_string(d.scoring.rescale), {"linear", "proportional", "labels"}, "0-100 rescaling of answers",
         name("rescale"), name("rescale"), name("rescale")},
    };
    return a;
}

// Issue 14 item 7 (helper coded): coded open answers and feedback records (docs/feedback.md).
analysis_description feedback_description() {
    const feedback_options d;
    const score_options& s = d.scoring;
    analysis_description a{"feedback", "csikit::feedback_options", "feedback", "feedback", "csikit_feedback_options", {}};
    a.options = {
        {"by", "string", d.by, {}, "segment column to break the tables down by; empty = none", name("by"), name("by"), name("by")},
        {"wave", "string", d.wave, {}, "the wave column; empty = the survey's wave_column", name("wave"), name("wave"), name("wave")},
        {"on", "string", d.on, {}, "item or node whose satisfied rule splits off the dissatisfied; empty = the root, else overall_item",
         name("on"), name("on"), name("on")},
        {"top", "size", integer(d.top), {}, "categories listed for the dissatisfied", name("top"), name("top"), name("top")},
        {"verbatims", "bool", text(d.verbatims), {}, "quote the lowest scorers' verbatim answers",
         name("no-verbatims"), name("verbatims"), name("verbatims")},
        {"max_verbatims", "size", integer(d.max_verbatims), {}, "verbatims quoted at most (1..max_verbatims_limit = 200)",
         name("max-verbatims"), name("max_verbatims"), name("max_verbatims")},
        {"scoring.rescale", "enum", to_string(s.rescale), {"linear", "proportional", "labels"}, "how answers become 0-100 scores",
         name("rescale"), name("rescale"), name("rescale")},
        {"scoring.aggregate", "enum", to_string(s.aggregate), {"respondent", "mean"}, "how a node's respondent score is aggregated",
         name("aggregate"), name("aggregate"), name("aggregate")},
        {"scoring.threshold", "double", text(s.threshold), {}, "a node's respondent is satisfied when the 0-100 score >= threshold",
         name("threshold"), name("threshold"), name("threshold")},
        {"scoring.language", "string", s.language, {}, "label language; empty = the survey's first language",
         name("lang"), name("language"), name("language")},
    };
    return a;
}

/// Incremental tracking (docs/streaming.md): what a moment state is created with. The estimate
/// from a state takes the estimate options (`csikit analyze --state`, csikit_acc_analyze_json).
analysis_description accumulate_description() {
    analysis_description a{"accumulate", "csikit::moment_accumulator", "accumulate", "Accumulator.__init__",
                           "csikit_acc_options", {}};
    a.options = {
        {"use_weights", "bool", text(true), {}, "honour the survey's weight column in the sums",
         name("no-weights"), name("use_weights"), name("use_weights")},
    };
    return a;
}

}  // namespace

const std::vector<analysis_description>& option_descriptions() {
    static const std::vector<analysis_description> all{estimate_options(), bootstrap_description(), score_description(),
                                                       analyze_description(), survey_ipa_description(),
                                                       mga_description(), predict_description(),
                                                       crosstab_description(), poisson_bootstrap_description(),
                                                       trend_description(), read_description(), standardize_description(),
                                                       feedback_description(), accumulate_description()};
    return all;
}

CSIKIT_NAMESPACE_END
