// `csikit mga`: multi-group analysis on a segment or wave column (csikit/mga.hpp): per-group
// paths and R2 side by side with the tests of their differences, MICOM's verdicts; --json prints
// the one serializer's document.
#include "cli.hpp"
#include "mga_text.hpp"
#include "output_file.hpp"
#include "table.hpp"

#include <csikit/format.hpp>
#include <csikit/limits.hpp>
#include <csikit/mga.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/text.hpp>

#include <csikit/html_report.hpp>

#include <filesystem>
#include <ostream>
#include <string>

namespace {

using csikit_cli::args;

const char* mga_usage =
    "usage: csikit mga --schema S --data D --group COLUMN [--permutations 1000] [--bootstrap 0]\n"
    "                  [--seed 1] [--threads 0] [--missing listwise|mean] [--imputation group|pooled]\n"
    "                  [--adjust holm|bonferroni|none] [--alpha 0.05] [--scheme path|centroid|factorial]\n"
    "                  [--mode pls|plsc] [--tolerance 1e-7] [--max-iter 300] [--max-failed-share 0.2]\n"
    "                  [--no-micom] [--no-weights]\n"
    "                  [--out DIR [--lang zh|en]] [--json]\n"
    "\n"
    "Estimates the model in every group of COLUMN (a segment or the wave column of the schema;\n"
    "respondents with an empty cell are left out and counted) and tests the differences of paths,\n"
    "weights, loadings and R2: a permutation test for every pair of groups (Holm-corrected over\n"
    "the pairs of a parameter; an omnibus permutation test for more than two groups), and with\n"
    "--bootstrap B (per group) Henseler's PLS-MGA and the parametric and Welch-Satterthwaite t\n"
    "tests. MICOM (configural checklist, compositional invariance, equal composite means and\n"
    "variances) runs on the same number of permutations. --missing mean replaces a missing answer\n"
    "by each group's item mean (--imputation group, cSEM) or the pooled mean (pooled, seminr).\n"
    "--out DIR writes DIR/mga.json and DIR/mga.html (the group section: paths side by side, the\n"
    "tests, MICOM's verdicts). Same seed, same numbers, whatever --threads. docs/mga.md has the formulas.\n"
    "\n"
    "Exit status: 0 done, 2 bad input (one line per problem on stderr).";

csikit::missing_treatment parse_missing(const std::string& s) {
    if (s == "listwise") return csikit::missing_treatment::listwise;
    if (s == "mean") return csikit::missing_treatment::mean_replacement;
    throw csikit::argument_error({{}, 0, "--missing"}, "unknown treatment \"" + s + "\" (expected listwise or mean)");
}

void write_text(const std::filesystem::path& path, const std::string& text) {
    csikit_cli::write_output_file(path.string(), text, "the file");
}

int run_mga(const args& a, std::ostream& out, std::ostream&) {
    const std::string schema_path = a.require("schema");
    const std::string data_path = a.require("data");
    const std::string column = a.require("group");
    csikit::mga_options o;
    o.permutations = a.get_whole("permutations", o.permutations, 0, csikit::max_resamples);
    o.bootstrap = a.get_whole("bootstrap", 0, csikit::resamples_range.min, csikit::resamples_range.max);
    if (o.bootstrap == 1) throw csikit::argument_error({{}, 0, "--bootstrap"}, "1 resample (expected 0 or >= 2)");
    o.seed = a.get_whole("seed", 1, csikit::seed_range.min, csikit::seed_range.max);
    o.threads = static_cast<unsigned>(a.get_whole("threads", 0, csikit::threads_range.min, csikit::threads_range.max));
    o.pls.missing = parse_missing(a.get("missing").value_or("listwise"));
    if (const auto imp = a.get("imputation")) {
        if (*imp == "pooled") o.imputation = csikit::mga_imputation::pooled_means;
        else if (*imp != "group")
            throw csikit::argument_error({{}, 0, "--imputation"}, "unknown value \"" + *imp + "\" (expected group or pooled)");
    }
    if (const auto adj = a.get("adjust")) {
        if (*adj == "bonferroni") o.adjust = csikit::p_adjustment::bonferroni;
        else if (*adj == "none") o.adjust = csikit::p_adjustment::none;
        else if (*adj != "holm")
            throw csikit::argument_error({{}, 0, "--adjust"}, "unknown correction \"" + *adj + "\" (expected holm, bonferroni or none)");
    }
    o.alpha = a.get_double("alpha", o.alpha);
    if (!(o.alpha > 0 && o.alpha < 1))
        throw csikit::argument_error({{}, 0, "--alpha"}, csikit::format_shortest(o.alpha) + " is outside (0, 1) (expected e.g. 0.05)");
    if (const auto s = a.get("scheme")) {
        if (*s == "path") o.pls.scheme = csikit::inner_scheme::path;
        else if (*s == "centroid") o.pls.scheme = csikit::inner_scheme::centroid;
        else if (*s == "factorial") o.pls.scheme = csikit::inner_scheme::factorial;
        else throw csikit::argument_error({{}, 0, "--scheme"}, "unknown scheme \"" + *s + "\" (expected path, centroid or factorial)");
    }
    if (const auto m = a.get("mode")) {
        if (*m == "plsc") o.pls.consistent = true;
        else if (*m != "pls") throw csikit::argument_error({{}, 0, "--mode"}, "unknown mode \"" + *m + "\" (expected pls or plsc)");
    }
    o.pls.tolerance = a.get_double("tolerance", o.pls.tolerance);
    o.pls.max_iterations = static_cast<int>(a.get_whole("max-iter", static_cast<std::uint64_t>(o.pls.max_iterations),
                                                        csikit::max_iterations_range.min, csikit::max_iterations_range.max));
    o.max_failed_share = a.get_double("max-failed-share", o.max_failed_share);
    if (!(o.max_failed_share >= 0 && o.max_failed_share <= 1))
        throw csikit::argument_error({{}, 0, "--max-failed-share"},
                                     csikit::format_shortest(o.max_failed_share) + " is outside 0..1 (expected a share, e.g. 0.2)");
    o.micom = !a.has("no-micom");
    o.pls.use_weights = !a.has("no-weights");

    const csikit::survey s = csikit::load_survey(schema_path);
    const csikit::responses data = csikit::read_responses(data_path, s);
    csikit::mga_result r;
    try {
        r = csikit::multi_group(csikit::pls_model::from_survey(s), data, column, o);
    } catch (const csikit::argument_error& e) {
        if (!e.problems().empty() && e.problems().front().where.field == "group")
            throw csikit::argument_error({{}, 0, "--group"}, e.problems().front().message);
        throw;
    }
    if (const auto dir = a.get("out")) {
        std::error_code ec;
        std::filesystem::create_directories(*dir, ec);
        if (ec) throw csikit::io_error({*dir, 0, ""}, "cannot create the directory (" + ec.message() + ")");
        csikit::report_input in;
        in.schema = &s;
        in.groups = &r;
        in.settings = {{"schema", schema_path}, {"data", data_path}, {"group", column}};
        csikit::html_options ho;
        ho.language = a.get("lang").value_or("");
        write_text(std::filesystem::path(*dir) / "mga.json", csikit::to_json(r) + "\n");
        write_text(std::filesystem::path(*dir) / "mga.html", csikit::html_report(in, ho));
    }
    if (a.has("json")) {
        out << csikit::to_json(r) << "\n";
        return 0;
    }
    csikit_cli::print_mga(out, r);
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"mga", "multi-group analysis: per-group estimates, tests of differences, MICOM", mga_usage, run_mga,
                {{"schema", "data", "group", "permutations", "bootstrap", "seed", "threads", "missing", "imputation",
                  "adjust", "alpha", "scheme", "mode", "tolerance", "max-iter", "out", "lang", "max-failed-share"},
                 {"json", "no-micom", "no-weights"}}});
