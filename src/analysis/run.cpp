// run_analysis(): the one pipeline behind `csikit analyze` and `csikit report` (and, through
// the same calls, the C ABI and Python). Scores and segments, the PLS estimate, the bootstrap,
// indices, impacts, IPA/IPMA and per-group results are computed here once; the serialisers
// (src/report/json, src/report/html) only write them.
#include "csikit/analysis.hpp"
#include "csikit/feedback.hpp"
#include "csikit/trend.hpp"

#include <set>
#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace {

/// Higher-order constructs / interaction terms: the extended estimate, its indices, impacts and
/// IPMA (analyze_extended_indices), its final stage bootstrapped (a two-stage approach's stage 1
/// re-run in every resample, bootstrap.hpp).
void run_extended(analysis_report& r, const survey& s, const pls_model& model, const responses& data,
                  const analysis_options& options) {
    r.extended = estimate_extended(model, data, options.pls);
    r.fit = r.extended->fit;
    if (const std::string w = missing_data_warning(*r.fit); !w.empty()) r.notes.push_back(w);
    // The index analysis first: a bad --target or --by fails before a long bootstrap.
    r.analysis = analyze_extended_indices(*r.extended, s, options.index);
    if (options.resamples > 0) {
        bootstrap_options bo = options.bootstrap;
        bo.resamples = options.resamples;
        // The indices are not resampled: a two-stage HOC's index needs each resample's stage-1
        // 0-100 LOC scores, which the bootstrap of an extended fit does not keep.
        bo.index_survey = nullptr;
        r.boot = bootstrap(*r.extended, bo);
        r.notes.push_back("bootstrap of a model with higher-order constructs or interaction terms: the 0-100 indices "
                          "are not resampled (their intervals are the respondent t-intervals)");
        const expanded_model& e = r.extended->expanded;
        if (e.stage1_model)
            r.notes.push_back("bootstrap of a two-stage higher-order construct: stage 1 re-estimated in every resample");
        if (e.interaction_stage1 && !e.stage1_model)
            r.notes.push_back("bootstrap of a two-stage interaction term: stage 1 re-estimated in every resample");
        if (e.interaction_stage1 && e.stage1_model)
            r.notes.push_back("bootstrap of a two-stage interaction term next to a two-stage higher-order construct: its "
                              "product of stage-1 construct scores held fixed");
    }
}

/// The number of distinct non-empty values of a column the data read ("" = none).
std::size_t distinct_values(const responses& data, const std::string& column) {
    const auto it = data.groups.find(column);
    if (it == data.groups.end()) return 0;
    std::set<std::string> seen;
    for (const auto& v : it->second)
        if (!v.empty()) seen.insert(v);
    return seen.size();
}

/// Issue 14: the trend over 3 or more waves and the feedback records, beside the scores.
void add_trend_and_feedback(analysis_report& r, const survey& s, const responses& data, const score_options& scoring) {
    if (!s.wave_column.empty() && distinct_values(data, s.wave_column) >= min_trend_waves) {
        trend_options t;
        t.scoring = scoring;
        try {
            r.trend = trend(s, data, t);
        } catch (const argument_error&) {
            throw;
        } catch (const error& e) {
            r.notes.push_back(std::string("no trend: ") + e.what());
        }
    }
    if (!s.multi_response.empty()) {
        feedback_options f;
        f.scoring = scoring;
        try {
            r.feedback = feedback(s, data, f);
        } catch (const argument_error&) {
            throw;
        } catch (const error& e) {
            r.notes.push_back(std::string("no feedback records: ") + e.what());
        }
    }
}

}  // namespace

analysis_report run_analysis(const survey& s, const responses& data, const analysis_options& options) {
    analysis_report r;
    r.schema = s;
    if (options.scores) {
        r.scores = score(s, data, options.scoring);
        r.segments = segment_breakdowns(s, data, options.scoring);
        add_trend_and_feedback(r, s, data, options.scoring);
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
        run_extended(r, s, model, data, options);
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
