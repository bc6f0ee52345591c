// The command behind both `csikit analyze` and `csikit report`: one option set, one call of
// csikit::run_analysis(), report.json + report.html with --out (src/cli/analyze.cpp).
#pragma once

#include "cli.hpp"

#include <iosfwd>

namespace csikit_cli {

/// Runs the pipeline. `report`: the `csikit report` convenience (scores and segments always on,
/// --out required, prints only the written paths and notes); else `csikit analyze` (prints the
/// model tables, or the JSON with --json; --scores adds the scores).
int run_analysis_command(const args& a, std::ostream& out, std::ostream& err, bool report);

}  // namespace csikit_cli
