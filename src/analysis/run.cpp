// run_analysis(): the one pipeline behind `csikit analyze` and `csikit report` (and, through
// the same calls, the C ABI and Python). Scores and segments, the PLS estimate, the bootstrap,
// indices, impacts, IPA/IPMA and per-group results are computed here once; the serialisers
// (src/report/json, src/report/html) only write them.
#include "csikit/analysis.hpp"

#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// Higher-order constructs / interaction terms: the extended estimate, its final stage
/// bootstrapped (on the expanded data; a two-stage approach's stage-1 scores held fixed).
/// The 0-100 indices need every indicator on a rating scale, which derived columns are not.
void run_extended(analysis_report& r, const pls_model& model, const responses& data, const analysis_options& options) {
    r.extended = estimate_extended(model, data, options.pls);
    r.fit = r.extended->fit;
    if (const std::string w = missing_data_warning(*r.fit); !w.empty()) r.notes.push_back(w);
    r.analysis.overall.respondents = data.respondents();
    r.analysis.overall.used = r.fit->data.respondents_used;
    r.analysis.overall.notes.push_back(
        "no 0-100 indices or IPA for a model with higher-order constructs or interaction terms (their indicators "
        "are derived columns without a rating scale)");
    if (!options.index.by.empty() || !options.index.target.empty())
        throw argument_error(location{"", 0, options.index.by.empty() ? "target" : "by"},
                             "a model with higher-order constructs or interaction terms has no indices (expected no --target or --by)");
    if (options.resamples > 0) {
        bootstrap_options bo = options.bootstrap;
        bo.resamples = options.resamples;
        bo.index_survey = nullptr;
        r.boot = bootstrap(r.extended->expanded.model, r.extended->expanded.data, *r.fit, bo);
        if (r.extended->expanded.stage1)
            r.notes.push_back("bootstrap of the second stage, the stage-1 construct scores held fixed");
    }
}

}  // namespace

analysis_report run_analysis(const survey& s, const responses& data, const analysis_options& options) {
    analysis_report r;
    r.schema = s;
    if (options.scores) {
        r.scores = score(s, data, options.scoring);
        r.segments = segment_breakdowns(s, data, options.scoring);
    }
    const bool has_model = !s.constructs.empty() && !s.paths.empty();
    if (ipa_possible(s)) {
        survey_ipa_options io = options.ipa;
        io.map.rule = options.index.crosshair;
        try {
            r.ipa = survey_ipa(s, data, io);
        } catch (const argument_error&) {
            throw;  // a bad option or schema: the caller's problem
        } catch (const error& e) {
            r.notes.push_back(std::string("no importance-performance map: ") + e.what());
        }
    }
    if (!has_model && r.ipa) {
        r.notes.push_back("no path model: the schema declares no constructs and paths, so the report holds the "
                          "importance-performance map from " + std::string(r.ipa->importance == importance_source::stated ? "stated" : "derived") +
                          " importance" + (options.scores ? " and the scores" : ""));
        return r;
    }
    if (!has_model) {
        if (!options.scores)
            throw argument_error(location{"", 0, "constructs"},
                                 "the survey declares no path model (expected \"constructs\" and \"paths\", or a "
                                 "\"model\" preset, in the schema)");
        r.notes.push_back("no path model: the schema declares no constructs and paths, so the report holds the scores only");
        return r;
    }
    const pls_model model = pls_model::from_survey(s);
    if (model.extended()) {
        run_extended(r, model, data, options);
        return r;
    }
    r.fit = estimate(model, data, options.pls);
    if (const std::string w = missing_data_warning(*r.fit); !w.empty()) r.notes.push_back(w);
    // The index analysis first: a bad --target or --by fails before a long bootstrap.
    r.analysis = analyze_indices(model, *r.fit, s, data, options.index);
    if (options.resamples > 0) {
        bootstrap_options bo = options.bootstrap;
        bo.resamples = options.resamples;
        bo.index_survey = &r.schema;  // bootstrap the 0-100 indices too
        r.boot = bootstrap(model, data, *r.fit, bo);
    }
    return r;
}

CSIKIT_NAMESPACE_END
