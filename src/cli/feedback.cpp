// `csikit feedback`: coded open answers and feedback records (docs/feedback.md): per
// multi-response item the frequency table (share of respondents, share of mentions), by segment
// and wave, the categories most named by the dissatisfied, and the lowest scorers' verbatims.
#include "cli.hpp"
#include "data_args.hpp"
#include "output_file.hpp"
#include "table.hpp"

#include <csikit/data.hpp>
#include <csikit/feedback.hpp>
#include <csikit/format.hpp>
#include <csikit/html_report.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/text.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

namespace csikit_cli {
csikit::score_options parse_score_options(const args& a, const csikit::survey& s);  // score.cpp
}

namespace {

using csikit_cli::num;

std::string pct(double x) { return std::isfinite(x) ? num(100 * x, 1) + "%" : "-"; }

void print_table(const csikit::frequency_table& t, std::ostream& out) {
    csikit_cli::table tab({"category", "n", "% of respondents", "% of mentions"}, 1);
    for (const auto& c : t.categories)
        tab.add({csikit::fit_width(c.label, 30), std::to_string(c.count), pct(c.share_of_respondents), pct(c.share_of_mentions)});
    tab.print(out);
    out << "  respondents " << t.respondents << " (n_eff " << num(t.n_eff, 1) << "), mentions " << t.mentions
        << ", named at least one " << pct(t.named_any) << "\n";
}

/// One row per group, one column per category: the share of respondents naming it.
void print_breakdown(const std::vector<csikit::frequency_table>& ts, const std::string& what, std::ostream& out) {
    if (ts.empty()) return;
    std::vector<std::string> header{what, "n"};
    for (const auto& c : ts.front().categories) header.push_back(csikit::fit_width(c.label, 16));
    csikit_cli::table tab(header, 1);
    for (const auto& t : ts) {
        std::vector<std::string> row{csikit::fit_width(t.group, 20), std::to_string(t.respondents)};
        for (const auto& c : t.categories) row.push_back(pct(c.share_of_respondents));
        tab.add(row);
    }
    out << "\nBy " << what << " (% of respondents naming each category)\n";
    tab.print(out);
}

void print_report(const csikit::feedback_report& r, std::ostream& out) {
    for (const auto& it : r.items) {
        out << "Multi-response item " << it.id << (it.label != it.id ? " " + it.label : "") << "\n";
        print_table(it.overall, out);
        if (!it.by_segment.empty()) print_breakdown(it.by_segment, it.by_segment.front().column, out);
        if (!it.by_wave.empty()) print_breakdown(it.by_wave, it.by_wave.front().column, out);
        if (!r.on.empty()) {
            out << "\nMost named by the dissatisfied on " << r.on << " (not " << r.satisfied_rule << "; n "
                << it.dissatisfied.respondents << ")\n";
            csikit_cli::table tab({"category", "n", "% dissatisfied", "% satisfied"}, 1);
            for (std::size_t k = 0; k < it.dissatisfied.categories.size(); ++k) {
                const auto& d = it.dissatisfied.categories[k];
                tab.add({csikit::fit_width(d.label, 30), std::to_string(d.count), pct(d.share_of_respondents),
                         k < it.satisfied.categories.size() ? pct(it.satisfied.categories[k].share_of_respondents) : "-"});
            }
            tab.print(out);
        }
        out << "\n";
    }
    if (!r.verbatims.empty()) {
        out << "Verbatims of the lowest scores on " << r.on << " (" << r.verbatims.size() << " of "
            << r.verbatims_available << ")\n";
        csikit_cli::table tab({"line", "score", "answer"}, 3);
        for (const auto& v : r.verbatims)
            tab.add({std::to_string(v.line), num(v.score, 1), csikit::fit_width(csikit::escape_control(v.text), 70)});
        tab.print(out);
    }
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << csikit::escape_control(n) << "\n";
    }
}

int run_feedback(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    csikit::survey s = csikit::load_survey(a.require("schema"));
    csikit::feedback_options o;
    // --by and --wave may name any column of the data file: it is read as a segment column.
    if (auto b = a.get("by")) {
        o.by = *b;
        if (std::find(s.segment_columns.begin(), s.segment_columns.end(), *b) == s.segment_columns.end() &&
            *b != s.wave_column)
            s.segment_columns.push_back(*b);
    }
    if (auto w = a.get("wave")) {
        s.wave_column = *w;
        o.wave = *w;
    }
    o.scoring = csikit_cli::parse_score_options(a, s);
    o.scoring.by.clear();
    if (auto on = a.get("on")) o.on = *on;
    const long top = a.get_int("top", static_cast<long>(o.top));
    if (top < 1) throw csikit::argument_error({{}, 0, "--top"}, std::to_string(top) + " is too small (expected at least 1)");
    o.top = static_cast<std::size_t>(top);
    const long mv = a.get_int("max-verbatims", static_cast<long>(o.max_verbatims));
    if (mv < 1 || mv > static_cast<long>(csikit::max_verbatims_limit))
        throw csikit::argument_error({{}, 0, "--max-verbatims"},
                                     std::to_string(mv) + " is outside 1.." + std::to_string(csikit::max_verbatims_limit) +
                                         " (expected at most " + std::to_string(csikit::max_verbatims_limit) + ")");
    o.max_verbatims = static_cast<std::size_t>(mv);
    o.verbatims = !a.has("no-verbatims");
    csikit::read_options ro;
    csikit_cli::apply_data_options(a, ro);
    const std::string data_path = a.require("data");
    const csikit::responses data = csikit::read_responses(data_path, s, ro);
    const csikit::feedback_report r = csikit::feedback(s, data, o);

    if (auto path = a.get("out")) {
        csikit_cli::write_output_file(*path, csikit::to_json(r) + "\n", "the JSON");
    }
    if (auto path = a.get("html")) {
        csikit::report_input in;
        in.schema = &s;
        in.feedback = &r;
        in.settings = {{"schema", a.require("schema")}, {"data", data_path}};
        csikit::html_options ho;
        ho.language = o.scoring.language;
        csikit_cli::write_output_file(*path, csikit::html_report(in, ho), "the HTML report");
    }
    if (a.has("json")) {
        out << csikit::to_json(r) << "\n";
        return 0;
    }
    print_report(r, out);
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"feedback", "coded open answers: multi-response frequencies, the dissatisfied's categories, verbatims",
                "usage: csikit feedback --schema SCHEMA.json --data RESPONSES.csv [--by COLUMN] [options]\n\n"
                "For every multi-response item of the schema (\"multi_response\": categories that are 0/1\n"
                "columns), the weighted share of respondents naming each category and its share of all\n"
                "mentions, overall, by a segment column and by wave; the categories most named by the\n"
                "dissatisfied (not satisfied on --on) beside the satisfied; and the verbatim answers (the\n"
                "schema's \"verbatim_column\") of the lowest-scoring respondents.\n\n"
                "options:\n"
                "  --by COLUMN             break the tables down by this column\n"
                "  --wave COLUMN           the wave column (default: the schema's wave_column)\n"
                "  --on ID                 item or hierarchy node of the satisfied rule (default: the\n"
                "                          hierarchy root, else the overall_item)\n"
                "  --top 5                 categories listed for the dissatisfied\n"
                "  --no-verbatims          leave the verbatims out\n"
                "  --max-verbatims 10      verbatims quoted at most (1..200)\n"
                "  --json                  print the JSON instead of the tables\n"
                "  --out FILE              also write the JSON to FILE\n"
                "  --html FILE             also write the HTML report (verbatims HTML-escaped) to FILE\n"
                "  --rescale linear|proportional|labels\n"
                "                          0-100 rescaling (as in csikit score)\n"
                "  --threshold 70          satisfied = 0-100 score >= threshold (a node; an item\n"
                "                          uses its own \"satisfied\" rule)\n"
                "  --aggregate respondent|mean\n"
                + std::string(csikit_cli::data_options_usage) +
                "  --lang CODE             label language (default: the schema's first language)\n\n"
                "Exit status: 0 done, 2 bad input (one line per problem on stderr).",
                run_feedback,
                csikit_cli::with_data_options(
                    {{"schema", "data", "by", "wave", "on", "top", "max-verbatims", "out", "html", "rescale",
                      "threshold", "aggregate", "lang"},
                     {"json", "no-verbatims"}})});
