// `csikit accumulate`: incremental tracking from the command line (docs/streaming.md). Adds a
// batch of responses to a moment state file (created when absent) or merges state files; the
// state is then estimated with `csikit analyze --state`.
#include "cli.hpp"
#include "data_args.hpp"
#include "model_option.hpp"
#include "state_file.hpp"
#include "stream_args.hpp"
#include "table.hpp"

#include <csikit/accumulator.hpp>
#include <csikit/csv_stream.hpp>
#include <csikit/pls.hpp>
#include <csikit/report.hpp>

#include <filesystem>
#include <optional>
#include <ostream>

namespace {

using csikit::moment_accumulator;

void print_state(std::ostream& out, const std::string& path, const moment_accumulator& acc) {
    out << "state        " << path << "\n"
        << "respondents  " << acc.respondents() << " (" << acc.excluded() << " with no answer to any model item)\n"
        << "sums         " << (acc.mode() == csikit::accumulation_mode::exact ? "exact (integer answers and weights)" : "real")
        << ", " << (acc.uses_weights() ? "weighted where the data have weights" : "unweighted") << "\n\n";
    csikit_cli::table t({"item", "missing"});
    const auto missing = acc.missing_counts();
    for (std::size_t j = 0; j < acc.items().size(); ++j) t.add({acc.items()[j], std::to_string(missing[j])});
    t.print(out);
    out << "\nestimate it with: csikit analyze --schema SCHEMA --state " << path << "\n";
}

int run_accumulate(const csikit_cli::args& a, std::ostream& out, std::ostream& err) {
    const csikit::survey s = csikit_cli::load_survey_with_model(a.require("schema"), a.get("model"));
    const std::vector<std::string> items = csikit::pls_model::from_survey(s).indicators();
    const std::string state_path = a.require("state");
    const auto merges = a.all("merge");
    const auto data = a.get("data");
    if (data && !merges.empty())
        throw csikit::argument_error(csikit::location{"", 0, "--merge"},
                                     "accumulate: --data and --merge together (expected one of them)");
    const bool use_weights = !a.has("no-weights");
    std::optional<moment_accumulator> acc;
    std::size_t next = 0;  // merges taken as the start of a new state
    if (!merges.empty()) acc = csikit_cli::load_state_file<moment_accumulator>(merges[next++], "accumulate");
    else if (std::filesystem::exists(state_path)) acc = csikit_cli::load_state_file<moment_accumulator>(state_path, "accumulate");
    if (acc && acc->uses_weights() != use_weights)
        throw csikit::argument_error(csikit::location{state_path, 0, ""},
                                     std::string("accumulate: the state was accumulated ") + (acc->uses_weights() ? "with" : "without") +
                                         " respondent weights (expected " + (acc->uses_weights() ? "no --no-weights" : "--no-weights") + ")");
    const moment_accumulator fresh(s, items, use_weights);
    if (!acc) acc = fresh;
    else if (acc->items() != items || acc->fingerprint() != fresh.fingerprint())
        acc->merge(fresh);  // refused, naming the difference between the state and this schema
    for (std::size_t k = next; k < merges.size(); ++k) acc->merge(csikit_cli::load_state_file<moment_accumulator>(merges[k], "accumulate"));
    if (data) {  // streamed: memory bounded by the chunks, not by the batch's respondents
        csikit::read_options ro;
        csikit_cli::apply_data_options(a, ro);
        csikit::stream_options so;
        so.progress = csikit_cli::stream_progress_display(err, "accumulating");
        csikit::stream_responses(*data, s, [&](csikit::responses&& chunk) { acc->add(chunk); }, ro, so);
    }
    if (data || !merges.empty() || !std::filesystem::exists(state_path))
        csikit_cli::write_state_file(state_path, acc->to_bytes(), "accumulate");
    if (a.has("json")) out << csikit::to_json(*acc) << "\n";
    else print_state(out, state_path, *acc);
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"accumulate", "add batches of responses to a moment state file, or merge states (incremental tracking)",
                "usage: csikit accumulate --schema SCHEMA.json --state STATE.csm [--data BATCH | --merge A.csm ...]\n"
                "                         [--model FILE] [--no-weights] [--json]\n\n"
                "Keeps the moments of the model's indicators in STATE.csm (docs/streaming.md): what every missing\n"
                "treatment needs, the weights and the missing answers per item, in a versioned, checksummed file\n"
                "that names the survey's definition of the items. --data adds a batch (the state is created when\n"
                "absent; the batch is streamed, so its size is not bounded by memory); --merge A.csm B.csm ...\n"
                "writes their merge to STATE.csm (states of another survey\n"
                "definition are refused, naming the difference). Integer answers with integer weights are summed\n"
                "exactly: the state is then the same whatever the batches and the merge order.\n"
                "Estimate it with `csikit analyze --schema SCHEMA.json --state STATE.csm` (paths, quality\n"
                "criteria, 0-100 indices, impacts and the IPMA, from the moments).\n\n"
                "options:\n" + std::string(csikit_cli::data_options_usage) + "\n"
                "Exit status: 0 done, 2 bad input or a state that does not match (naming the difference).",
                run_accumulate,
                csikit_cli::with_data_options({{"schema", "model", "state", "data", "merge"}, {"no-weights", "json"}})});
