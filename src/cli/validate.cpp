// `csikit validate --schema S [--data D]`: checks a schema (and optionally a response file
// against it) and prints a short summary. Any problem is thrown as csikit::error (exit 2).
#include "cli.hpp"
#include "data_args.hpp"
#include "stream_args.hpp"

#include <csikit/csv_stream.hpp>
#include <csikit/data.hpp>
#include <csikit/format.hpp>
#include <csikit/schema.hpp>

#include "model_option.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <ostream>

namespace {

struct tree_shape {
    std::size_t depth = 0;  // levels, counting the root and the leaves
    std::size_t inner = 0;
    std::size_t leaves = 0;
};

tree_shape shape_of(const csikit::node& n) {
    tree_shape out;
    if (n.is_leaf()) return {1, 0, 1};
    out.inner = 1;
    for (const auto& c : n.children) {
        const tree_shape s = shape_of(c);
        out.depth = std::max(out.depth, s.depth);
        out.inner += s.inner;
        out.leaves += s.leaves;
    }
    ++out.depth;
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::string fixed(double x, int decimals) { return csikit::format_fixed(x, decimals); }

std::string percent(std::size_t part, std::size_t whole) {
    const double share = whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
    return csikit::format_fixed(share, 1) + "%";
}

void print_schema(const std::string& path, const csikit::survey& s, std::ostream& out) {
    out << "schema       " << path << "\n"
        << "name         " << s.name << "\n";
    if (!s.languages.empty()) out << "languages    " << join(s.languages) << "\n";
    out << "scales       " << s.scales.size() << "\n"
        << "items        " << s.items.size() << "\n"
        << "constructs   " << s.constructs.size() << "\n"
        << "paths        " << s.paths.size() << "\n";
    if (!s.higher_order.empty()) out << "higher-order " << s.higher_order.size() << "\n";
    if (!s.interactions.empty()) out << "interactions " << s.interactions.size() << "\n";
    if (s.hierarchy) {
        const tree_shape t = shape_of(*s.hierarchy);
        out << "hierarchy    depth " << t.depth << " (" << t.inner << " inner nodes, " << t.leaves << " leaves)\n";
    } else {
        out << "hierarchy    none\n";
    }
    if (!s.weight_column.empty()) out << "weights      column " << s.weight_column << "\n";
    if (!s.segment_columns.empty()) out << "segments     " << join(s.segment_columns) << "\n";
    if (!s.wave_column.empty()) out << "wave         column " << s.wave_column << "\n";
    if (!s.overall_item.empty()) out << "overall item " << s.overall_item << "\n";
    if (!s.nps_item.empty()) out << "NPS item     " << s.nps_item << "\n";
}

/// What validate prints about the data, summed chunk by chunk when the file is streamed.
struct data_totals {
    csikit::read_summary summary;
    bool weighted = false;
    double weight = 0;                           // total weight
    std::map<std::string, std::size_t> waves;    // respondents per wave ("(missing)" for none)
    bool has_waves = false;
};

void add_totals(data_totals& t, const csikit::survey& s, const csikit::responses& r) {
    t.weighted = r.weighted;
    t.weight += r.weights.sum();
    if (s.wave_column.empty()) return;
    if (auto g = r.groups.find(s.wave_column); g != r.groups.end()) {
        t.has_waves = true;
        for (const auto& v : g->second) ++t.waves[v.empty() ? "(missing)" : v];
    }
}

void print_data(const std::string& path, const csikit::survey& s, const data_totals& r, std::ostream& out) {
    const auto& sum = r.summary;
    out << "\ndata         " << path << "\n"
        << "respondents  " << sum.respondents << (r.weighted ? " (weighted, total weight " : " (unweighted")
        << (r.weighted ? fixed(r.weight, 2) : std::string{}) << ")\n";
    // Only when it is not the plain case, so the usual output stays as it was.
    if (sum.layout != "csv" || sum.encoding != "UTF-8")
        out << "read as      " << sum.layout << ", " << sum.header_rows << " header row"
            << (sum.header_rows == 1 ? "" : "s") << ", " << sum.encoding << "\n";
    if (r.has_waves) {
        std::vector<std::string> parts;
        for (const auto& [wave, n] : r.waves) parts.push_back(wave + ": " + std::to_string(n));
        out << "waves        " << join(parts) << "\n";
    }
    out << "cells        " << sum.cells << "\n"
        << "missing      " << (sum.empty + sum.missing_codes + sum.out_of_scale) << " ("
        << percent(sum.empty + sum.missing_codes + sum.out_of_scale, sum.cells) << "): " << sum.empty << " empty, "
        << sum.missing_codes << " missing codes";
    std::vector<std::string> kinds;
    for (const auto& [kind, n] : sum.codes_by_kind) kinds.push_back(kind + " " + std::to_string(n));
    if (!kinds.empty()) out << " (" << join(kinds) << ")";
    out << ", " << sum.out_of_scale << " out of scale\n";
    if (sum.reversed_items) out << "reversed     " << sum.reversed_items << " items recoded\n";
    out << "missing by item:\n";
    for (const auto& it : s.items) {
        auto m = sum.missing_by_item.find(it.id);
        const std::size_t n = m == sum.missing_by_item.end() ? 0 : m->second;
        char line[64];
        std::snprintf(line, sizeof line, "%6zu  %6s", n, percent(n, sum.respondents).c_str());
        out << "  " << it.id << std::string(it.id.size() < 10 ? 10 - it.id.size() : 1, ' ') << line << "\n";
    }
}

int run_validate(const csikit_cli::args& a, std::ostream& out, std::ostream& err) {
    const std::string schema_path = a.require("schema");
    const csikit::survey s = csikit_cli::load_survey_with_model(schema_path, a.get("model"));
    print_schema(schema_path, s, out);
    if (auto data = a.get("data")) {
        csikit::read_options ro;
        csikit_cli::apply_data_options(a, ro);
        data_totals t;
        if (csikit_cli::streams(*data)) {  // a large file: counted chunk by chunk, in bounded memory
            csikit::stream_options so;
            so.progress = csikit_cli::stream_progress_display(err, "reading");
            t.summary = csikit::stream_responses(*data, s, [&](csikit::responses&& r) { add_totals(t, s, r); }, ro, so);
        } else {
            const csikit::responses r = csikit::read_responses(*data, s, ro);
            add_totals(t, s, r);
            t.summary = r.summary;
        }
        print_data(*data, s, t, out);
    }
    out << "\nvalid\n";
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"validate", "check a survey schema (and a response file against it)",
                "usage: csikit validate --schema SCHEMA.json [--data RESPONSES.csv] [--model MODEL.txt]\n\n"
                "Checks the schema (every problem is listed with its JSON path) and prints a summary:\n"
                "name, languages, numbers of scales, items, constructs and paths, the hierarchy depth.\n"
                "With --data, also reads the responses and prints respondents and missing counts per item\n"
                "(a CSV file above 64 MiB is streamed in bounded memory; it then stops at the first chunk\n"
                "with a problem; progress on stderr when it is a terminal).\n"
                "With --model, checks lavaan-style model syntax (errors name line and column) against the schema.\n\n"
                "options:\n" + std::string(csikit_cli::data_options_usage) + "\n"
                "Exit status: 0 valid, 2 problems found (one line per problem on stderr).",
                run_validate, csikit_cli::with_data_options({{"schema", "data", "model"}, {}})});
