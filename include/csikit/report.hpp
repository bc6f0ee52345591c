// report.json: a PLS estimate, its bootstrap and the analysis around it as one JSON document
// that every face of csikit (CLI, C++, Python and C) writes the same way. docs/report.md
// documents every field.
#pragma once

#include "analysis.hpp"
#include "bootstrap.hpp"
#include "pls.hpp"
#include "schema.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN

/// The fit as report.json text. With `boot`, every weight, loading, path, total effect and R2
/// gains se/t/p and percentile/BCa intervals and a "bootstrap" section is added; `s` supplies
/// construct labels (may be null). NaN values are written as null. `indent` < 0: one line.
std::string to_json(const pls_fit& fit, const bootstrap_result* boot = nullptr, const survey* s = nullptr,
                    int indent = 2);

/// report.json with the index-model sections (docs/report.md): constructs[].index and its
/// intervals (bootstrap ones when `boot` was run with index_survey), indicators[].index_weight,
/// "index_model", "impacts", "ipa", "ipma_indicators", "groups", "changes".
std::string to_json(const pls_fit& fit, const bootstrap_result* boot, const survey* s, const index_analysis& a,
                    int indent = 2);

/// report.json of a run (docs/report.md): the document of to_json(fit, boot, survey, analysis)
/// plus "scores" (the score() document, null without scores). Without a path model: only
/// csikit_version, notes and scores.
std::string to_json(const analysis_report& r, int indent = 2);

CSIKIT_NAMESPACE_END
