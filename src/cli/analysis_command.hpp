// The command behind both `csikit analyze` and `csikit report`: one option set, one call of
// csikit::run_analysis(), report.json + report.html with --out (src/cli/analyze.cpp).
#pragma once

#include "cli.hpp"

#include <iosfwd>
#include <string>

namespace csikit_cli {

/// Runs the pipeline. `report`: the `csikit report` convenience (scores and segments always on,
/// --out required, prints only the written paths and notes); else `csikit analyze` (prints the
/// model tables, or the JSON with --json; --scores adds the scores).
/// The usage text of `csikit report` (true) or `csikit analyze` (false): one text, the
/// options part shared.
std::string analysis_usage(bool report);

/// The options of both commands (one list: they share run_analysis_command).
option_set analysis_option_set();

int run_analysis_command(const args& a, std::ostream& out, std::ostream& err, bool report);

}  // namespace csikit_cli
