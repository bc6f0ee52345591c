// run_analysis() from a moment state (csikit accumulate, docs/streaming.md): the estimate and the
// index-model figures that the moments determine. What needs respondent rows (scores, groups,
// the bootstrap, respondent-level intervals, derived columns of extended models) is refused
// with a message naming what to use instead, so nothing is silently left out.
#include "csikit/accumulator.hpp"
#include "csikit/analysis.hpp"
#include "csikit/ipa_survey.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

analysis_report run_analysis(const survey& s, const moment_accumulator& state, const analysis_options& options) {
    auto refuse = [](const char* field, const std::string& why) {
        throw argument_error(location{"", 0, field}, why);
    };
    if (options.scores)
        refuse("scores", "scores need respondent rows, which a moment state does not hold (expected csikit score on the data)");
    if (options.resamples > 0)
        refuse("bootstrap", "the bootstrap needs respondent rows, which a moment state does not hold (expected "
                            "csikit bootstrap-state, the Poisson bootstrap of replicate states)");
    if (s.constructs.empty() || s.paths.empty())
        refuse("constructs", "the survey declares no path model (expected \"constructs\" and \"paths\", or a "
                             "\"model\" preset, in the schema)");
    const pls_model model = pls_model::from_survey(s);
    if (model.extended())
        refuse("model", "higher-order constructs and interaction terms are estimated from derived columns of "
                        "respondent rows, which a moment state does not hold (expected a first-order model)");
    // A state of another survey definition is refused naming the difference (merge's checks).
    moment_accumulator(s, model.indicators(), state.uses_weights()).merge(state);
    pls_options po = options.pls;
    po.use_weights = state.uses_weights();  // the moments are weighted (or not) already
    analysis_report r;
    r.schema = s;
    r.fit = estimate(model, state.finish(po.missing), po);
    if (const std::string w = missing_data_warning(*r.fit); !w.empty()) r.notes.push_back(w);
    r.analysis = analyze_indices(*r.fit, s, options.index);
    r.notes.push_back("estimated from a moment state of " + std::to_string(state.respondents()) +
                      " respondents: indices, their intervals, impacts and the IPMA come from the moments (no bootstrap; "
                      "under mean replacement or pairwise the score SDs are the moment matrix's)");
    if (ipa_possible(s))
        r.notes.push_back("no importance-performance map from stated or derived importance: it needs respondent rows "
                          "(csikit ipa on the data)");
    return r;
}

CSIKIT_NAMESPACE_END
