// `csikit report`: everything at once for people who read reports. The same pipeline as
// `csikit analyze --out DIR --scores` (src/cli/analyze.cpp, csikit::run_analysis()): the scores
// with every segment column against the rest, the PLS path model when the schema declares one
// (optionally bootstrapped), indices, impacts and the IPA/IPMA; writes DIR/report.html and
// DIR/report.json (one format, docs/report.md).
#include "analysis_command.hpp"
#include "cli.hpp"

#include <ostream>

namespace {

const char* report_usage =
    "usage: csikit report --schema S --data D --out DIR [--lang zh|en] [--title TEXT]\n"
    "                     [--bootstrap N [--seed K] [--threads T]] [--threshold 70] [--level 0.95]\n"
    "                     [--missing listwise|mean|pairwise] [--target CONSTRUCT] [--by COLUMN]\n"
    "                     [every other option of csikit analyze]\n"
    "\n"
    "Writes DIR/report.html (one self-contained page: inline CSS and SVG charts, no scripts, works\n"
    "offline) and DIR/report.json. The same as `csikit analyze --out DIR --scores`: the sample,\n"
    "the hierarchy index and every item's score and distribution, wave-over-wave changes and every\n"
    "segment column against the rest of the sample, all with intervals and tests; when the schema\n"
    "declares constructs and paths also the PLS path diagram, reliability and validity, construct\n"
    "indices, impacts and the importance-performance map (IPMA) of the target construct (--target;\n"
    "else the preset's satisfaction construct; else the construct holding the schema's\n"
    "overall_item; else no map, with a note). A warning heads the page when missing answers leave\n"
    "out more than 20% of the respondents (try --missing mean).\n"
    "--lang picks the label language (default: the schema's first language). --bootstrap N adds\n"
    "significance stars and bootstrap intervals from N resamples (seed K, default 1).\n"
    "\n"
    "Exit status: 0 done, 2 bad input (one line per problem on stderr).";

int run_report(const csikit_cli::args& a, std::ostream& out, std::ostream& err) {
    return csikit_cli::run_analysis_command(a, out, err, true);
}

}  // namespace

CSIKIT_COMMAND({"report", "write report.html (charts, tables) and report.json: csikit analyze --out DIR --scores",
                report_usage, run_report, {"json", "scores"}});
