// `csikit report`: everything at once for people who read reports. The same pipeline as
// `csikit analyze --out DIR --scores` (src/cli/analyze.cpp, csikit::run_analysis()): the scores
// with every segment column against the rest, the PLS path model when the schema declares one
// (optionally bootstrapped), indices, impacts and the IPA/IPMA; writes DIR/report.html and
// DIR/report.json (one format, docs/report.md).
#include "analysis_command.hpp"
#include "cli.hpp"

#include <ostream>

namespace {

int run_report(const csikit_cli::args& a, std::ostream& out, std::ostream& err) {
    return csikit_cli::run_analysis_command(a, out, err, true);
}

}  // namespace

CSIKIT_COMMAND({"report", "write report.html (charts, tables) and report.json: csikit analyze --out DIR --scores",
                csikit_cli::analysis_usage(true), run_report, csikit_cli::analysis_option_set()});
