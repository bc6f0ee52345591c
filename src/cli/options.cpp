// `csikit __options --json` (hidden): every command's accepted options, from the very lists
// the entry checks them against (CSIKIT_COMMAND registrations), so that a test can compare the
// CLI with the other faces. Output: {"COMMAND": [{"name": "seed", "takes_value": true}, ...],
// "plan proportion": [...], ...}, names sorted, `help` left out.
#include "cli.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace {

nlohmann::ordered_json describe(const csikit_cli::option_set& set) {
    std::vector<std::pair<std::string, bool>> all;
    for (const auto& n : set.values) all.emplace_back(n, true);
    for (const auto& n : set.switches) all.emplace_back(n, false);
    std::sort(all.begin(), all.end());
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& [name, value] : all) out.push_back({{"name", name}, {"takes_value", value}});
    return out;
}

int run_options(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    if (!a.has("json")) throw csikit::argument_error({{}, 0, "__options"}, "needs --json (expected csikit __options --json)");
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (const auto& [name, c] : csikit_cli::registry()) {
        if (name.rfind("__", 0) == 0) continue;
        if (c.subcommands.empty()) j[name] = describe(c.options);
        for (const auto& [sub, set] : c.subcommands) j[name + " " + sub] = describe(set);
    }
    out << j.dump(2) << "\n";
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"__options", "the options of every command as JSON (for tests)",
                "usage: csikit __options --json\n\nPrints every command's options (name, takes a value or a switch) as JSON.",
                run_options, {{}, {"json"}}});
