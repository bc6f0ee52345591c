// The HTML report: one self-contained file (inline CSS and SVG charts, no scripts, no web
// fonts) that a person can open offline, print or mail. Every piece is optional except the
// survey: pass what you have (scores, a PLS fit, its bootstrap, indices, IPA maps) and the
// report shows the matching sections. docs/user_guide.md shows the CLI and C++ routes.
#pragma once

#include "model_expand.hpp"
#include "analysis.hpp"
#include "bootstrap.hpp"
#include "data.hpp"
#include "index.hpp"
#include "ipa.hpp"
#include "mga.hpp"
#include "pls.hpp"
#include "predict.hpp"
#include "schema.hpp"
#include "scoring.hpp"
#include "trend.hpp"
#include "crosstab.hpp"
#include "standardize.hpp"
#include "feedback.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// One importance-performance map to draw.
struct ipa_section {
    std::string title;             ///< e.g. "Drivers of SAT (IPMA, construct level)"
    std::string importance_axis;   ///< axis caption, e.g. "importance (total effect)"
    std::string performance_axis;  ///< e.g. "performance (0-100)"
    ipa_result map;
};

/// What the report shows. Pointers may be null and vectors empty: a missing piece leaves its
/// section out. The pointed-to values must outlive the html_report() call.
struct report_input {
    const survey* schema = nullptr;          ///< required: labels, scales, hierarchy
    const score_report* scores = nullptr;    ///< sample, index, items, waves (csikit score)
    std::vector<segment_breakdown> segments; ///< segment tables with tests; if empty, the score
                                             ///< report's own by_segment is shown untested
    const pls_fit* fit = nullptr;            ///< path diagram, reliability, validity, R2
    const bootstrap_result* boot = nullptr;  ///< significance stars, SEs and intervals
    const index_result* indices = nullptr;   ///< construct indices and impacts
    std::vector<ipa_section> ipa;            ///< quadrant charts with their lists
    const mga_result* groups = nullptr;      ///< multi-group analysis: paths side by side, tests, MICOM
    const extended_fit* extended = nullptr;  ///< higher-order constructs, interactions, simple slopes
    const prediction_result* prediction = nullptr;  ///< PLSpredict: item table, RMSE plot
    const cvpat_result* cvpat = nullptr;            ///< CVPAT tests (with prediction)
    /// Issue 14: the composition-adjusted scores (an "adjusted" column in the wave table, or a
    /// table of its own for segments); null = none.
    const standardized_comparison* adjusted = nullptr;
    std::vector<crosstab_result> crosstabs;         ///< issue 14: crosstab sections, in order
    /// Extra lines for the settings table (e.g. {"data", "responses.csv"}); the options held by
    /// the pieces above and the csikit version are always listed.
    std::vector<std::pair<std::string, std::string>> settings;
    /// The satisfaction construct of the index model (the headline card and the key findings
    /// when there are no hierarchy scores); "" = none.
    std::string target;
    const trend_report* trend = nullptr;  ///< trends over many waves (issue 14, docs/trend.md)
    const feedback_report* feedback = nullptr;  ///< feedback records (issue 14 item 7, docs/feedback.md)
};

/// How the report is written.
struct html_options {
    /// Language of the labels and headings: "zh" or "en"; empty = the survey's first language.
    /// Headings exist in zh and en (en for any other code); labels fall back per localized_text.
    std::string language;
    std::string title;                ///< page title; empty = the survey's name
    double htmt_strict = thresholds::htmt_strict;    ///< HTMT below this passes (stats.hpp)
    double htmt_lenient = thresholds::htmt_lenient;  ///< between strict and lenient: a warning, above: fail
};

/// The report as one HTML document (UTF-8). Throws argument_error if `in.schema` is null or
/// nothing at all is given to show (no scores, no fit, no indices, no IPA).
std::string html_report(const report_input& in, const html_options& options = {});

/// `text` with &, <, >, " and ' replaced by character references, safe in HTML text and in
/// quoted attribute values (also inside inline SVG).
std::string html_escape(std::string_view text);

/// report.html of a run: html_report() of every piece the run has (scores, segments, fit,
/// bootstrap, indices, the IPA/IPMA maps of the target overall and per group, the notes).
std::string to_html(const analysis_report& r, const html_options& options = {});

CSIKIT_NAMESPACE_END
