// `csikit bootstrap-state`: the bootstrap at scale from the command line (docs/scale.md).
// Adds a batch of responses to a replicate state file (created when absent), merges state
// files, and with --estimate prints the Poisson bootstrap of the merged state.
#include "cli.hpp"
#include "data_args.hpp"
#include "model_option.hpp"
#include "state_file.hpp"
#include "table.hpp"

#include <csikit/format.hpp>
#include <csikit/limits.hpp>
#include <csikit/poisson_bootstrap.hpp>
#include <csikit/report.hpp>

#include <filesystem>
#include <ostream>
#include <sstream>

namespace {

using csikit::replicate_accumulator;

replicate_accumulator load_state(const std::string& path) {
    return csikit_cli::load_state_file<replicate_accumulator>(path, "bootstrap-state");
}

int run_bootstrap_state(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    const std::string schema_path = a.require("schema");
    const csikit::survey s = csikit_cli::load_survey_with_model(schema_path, a.get("model"));
    const csikit::pls_model model = csikit::pls_model::from_survey(s);
    const std::string state_path = a.require("state");
    const auto merges = a.all("merge");
    const auto data = a.get("data");
    if (data && !merges.empty())
        throw csikit::argument_error(csikit::location{"", 0, "--merge"},
                                     "bootstrap-state: --data and --merge together (expected one of them)");
    std::optional<replicate_accumulator> acc;
    std::size_t merged = 0;  // merges taken as the start of a new state
    if (std::filesystem::exists(state_path) && merges.empty()) acc = load_state(state_path);
    else if (!merges.empty()) acc = load_state(merges[merged++]);
    const std::size_t B = a.get_whole("resamples", acc ? acc->replicates() : 200, 2, csikit::max_poisson_replicates);
    const std::uint64_t seed = a.get_whole("seed", acc ? acc->seed() : 1, 0, UINT64_MAX);
    const std::string id = a.get("id-column").value_or(acc ? acc->keys().id_column : "");
    if (acc && (B != acc->replicates() || seed != acc->seed() || id != acc->keys().id_column))
        throw csikit::argument_error(csikit::location{state_path, 0, ""},
                                     "bootstrap-state: the state has " + std::to_string(acc->replicates()) + " replicates, seed " +
                                         std::to_string(acc->seed()) + " and keys from " +
                                         (acc->keys().id_column.empty() ? std::string("row numbers") : "\"" + acc->keys().id_column + "\"") +
                                         " (expected --resamples, --seed and --id-column to match it)");
    if (!acc) acc.emplace(s, model.indicators(), B, seed, csikit::replicate_keys{id});
    for (std::size_t k = merged; k < merges.size(); ++k) acc->merge(load_state(merges[k]));
    if (data) {
        csikit::read_options ro;
        csikit_cli::apply_data_options(a, ro);
        acc->add(csikit::read_responses(*data, s, ro), a.get_whole("first-row", 0, 0, UINT64_MAX));
    }
    if (data || !merges.empty()) csikit_cli::write_state_file(state_path, acc->to_bytes(), "bootstrap-state");

    if (!a.has("estimate")) {
        out << "state        " << state_path << "\n"
            << "respondents  " << acc->full().respondents() << "\n"
            << "replicates   " << acc->replicates() << " (Poisson, seed " << acc->seed() << ")\n"
            << "keys         " << (acc->keys().id_column.empty() ? std::string("global row numbers") : "column " + acc->keys().id_column) << "\n";
        return 0;
    }
    csikit::pls_options po;
    po.missing = csikit::missing_treatment::listwise;
    const csikit::pls_fit fit = csikit::estimate(model, acc->full().finish(po.missing), po);
    csikit::poisson_bootstrap_options bo;
    bo.index_survey = &s;
    const csikit::bootstrap_result boot = csikit::poisson_bootstrap(model, *acc, fit, bo);
    if (a.has("json")) {
        out << csikit::to_json(fit, &boot, &s) << "\n";
        return 0;
    }
    out << "Poisson bootstrap: " << boot.succeeded << " of " << boot.resamples << " replicates, seed " << boot.seed
        << ", " << boot.respondents << " respondents\n\n";
    csikit_cli::table t({"path", "estimate", "se", "t", "95% CI"});
    for (const auto& q : boot.parameters)
        if (q.kind == csikit::parameter_kind::path)
            t.add({q.label, csikit_cli::num(q.estimate), csikit_cli::num(q.se), csikit_cli::num(q.t, 2),
                   csikit_cli::interval_text(q.ci_low, q.ci_high, 3)});
    t.print(out);
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"bootstrap-state", "add to, merge and estimate Poisson bootstrap state files (data at scale)",
                "usage: csikit bootstrap-state --schema SCHEMA.json --state STATE.csb [--data BATCH.csv | --merge A.csb ...]\n"
                "                              [--resamples B] [--seed K] [--id-column C] [--first-row N] [--estimate [--json]]\n\n"
                "Keeps the moments of the respondents and of B Poisson(1) bootstrap replicates in STATE.csb\n"
                "(docs/scale.md). --data adds a batch (created with --resamples, default 200, --seed, default 1,\n"
                "and --id-column when absent; they must match an existing state). The replicate counts come\n"
                "from (seed, respondent key, replicate): the key is the text of --id-column (a segment or wave\n"
                "column of the schema), else the global row number, --first-row giving the batch's first.\n"
                "--merge A.csb ... merges states into STATE.csb. --estimate prints the paths with their\n"
                "bootstrap SE and percentile intervals (--json: report.json with the bootstrap).\n\n"
                "options:\n" + std::string(csikit_cli::data_options_usage) + "\n"
                "Exit status: 0 done, 2 bad input or a state that does not match (naming the difference).",
                run_bootstrap_state,
                csikit_cli::with_data_options({{"schema", "model", "state", "data", "merge", "resamples", "seed", "id-column", "first-row"},
                                               {"estimate", "json"}})});
