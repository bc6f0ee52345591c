// to_json() of a moment state (csikit accumulate; shape in report.hpp and docs/streaming.md): the
// one document behind `csikit accumulate --json`, csikit_acc_summary_json and
// csikit.Accumulator.summary(). What a state holds, never the sums themselves.
#include "json_write.hpp"

#include "csikit/accumulator.hpp"

#include <cstdio>

CSIKIT_NAMESPACE_BEGIN

std::string to_json(const moment_accumulator& state, int indent) {
    using json_write::json;
    const std::vector<std::uint64_t> missing = state.missing_counts();
    json items = json::array();
    for (std::size_t j = 0; j < state.items().size(); ++j)
        items.push_back({{"id", state.items()[j]}, {"missing", missing[j]}});
    const read_summary& r = state.summary();
    json codes = json::object();
    for (const auto& [kind, n] : r.codes_by_kind) codes[kind] = n;
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%016llx", static_cast<unsigned long long>(state.fingerprint()));
    const json doc{{"analysis", "accumulate"},
                   {"respondents", state.respondents()},
                   {"excluded", state.excluded()},
                   {"mode", state.mode() == accumulation_mode::exact ? "exact" : "real"},
                   {"weighted", state.uses_weights()},
                   {"fingerprint", fingerprint},
                   {"items", items},
                   {"read", {{"cells", r.cells},
                             {"empty", r.empty},
                             {"missing_codes", r.missing_codes},
                             {"codes_by_kind", codes},
                             {"out_of_scale", r.out_of_scale}}}};
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
