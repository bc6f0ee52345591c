// The one path from a fit (and its bootstrap) to the report.json text, for every C getter of it.
#pragma once

#include "handles.hpp"

#include "csikit/analysis.hpp"

#include <functional>

namespace csikit_capi {

/// Checks `fit`, `out`, `indent` and `boot`, then writes report.json of the fit with the index
/// analysis set by `settings()` (called after those checks, so its own errors come after theirs).
void write_report_json(const csikit_fit* fit, const csikit_boot* boot, int indent, char** out, const char* where,
                       const std::function<csikit::index_analysis_options()>& settings);

}  // namespace csikit_capi
