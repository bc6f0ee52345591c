// run_analysis(): the one pipeline behind `csikit analyze` and `csikit report` (and, through
// the same calls, the C ABI and Python). Scores and segments, the PLS estimate, the bootstrap,
// indices, impacts, IPA/IPMA and per-group results are computed here once; the serialisers
// (src/report/json, src/report/html) only write them.
#include "csikit/analysis.hpp"

#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

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
