// report.json: a PLS estimate, and optionally its bootstrap, as one JSON document that every
// face of csikit (CLI, C++, later Python and C) writes the same way. docs/report.md documents
// every field.
#pragma once

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

/// "path", "centroid", "factorial".
const char* scheme_name(inner_scheme scheme) noexcept;

/// "listwise", "mean", "pairwise" (the CLI's --missing values).
const char* missing_name(missing_treatment missing) noexcept;

CSIKIT_NAMESPACE_END
