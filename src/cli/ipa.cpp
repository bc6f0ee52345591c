// `csikit ipa`: the importance-performance map of a survey without a path model (issue 14
// item 1; docs/ipa.md "IPA from the schema"): stated importance from the importance items, or
// derived against the overall item; quadrants, the cross-hair and the priority order, per
// group with --by; --json prints the one serializer's document.
#include "cli.hpp"
#include "ipa_print.hpp"
#include "output_file.hpp"
#include "table.hpp"

#include <csikit/data.hpp>
#include <csikit/format.hpp>
#include <csikit/ipa_survey.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/text.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <string>

namespace csikit_cli {

/// --crosshair mean|median|midpoint|X,Y into the map options (X = importance, Y = performance).
void parse_crosshair(const std::string& text, csikit::ipa_options& o) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) {
        o.rule = csikit::parse_crosshair_rule(text);
        if (o.rule == csikit::crosshair_rule::custom)
            throw csikit::argument_error({{}, 0, "--crosshair"}, "custom needs the values: give --crosshair X,Y (importance,performance)");
        return;
    }
    auto number = [&](std::string_view part) {
        double v = 0;
        const auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
        if (part.empty() || ec != std::errc() || p != part.data() + part.size() || !std::isfinite(v))
            throw csikit::argument_error({{}, 0, "--crosshair"}, "\"" + text +
                                                                    "\" is not mean, median, midpoint or two numbers X,Y (importance,performance), e.g. 0.1,70");
        return v;
    };
    const std::string_view t(text);
    o.rule = csikit::crosshair_rule::custom;
    o.custom_importance = number(t.substr(0, comma));
    o.custom_performance = number(t.substr(comma + 1));
}

/// The map as a table: factor, label, importance, performance, quadrant (en, zh), priority rank.
void print_ipa_map(std::ostream& out, const csikit::ipa_result& m, bool stated, const std::string& language) {
    const int d = stated ? 1 : 3;
    out << "  cross-hair " << csikit::to_string(m.options.rule) << ": importance " << num(m.importance_cut, d)
        << ", performance " << num(m.performance_cut, 1) << "\n";
    std::vector<std::string> head{"factor", "label", "importance", "performance", "quadrant", "象限", "priority", "rank"};
    if (stated && m.options.diagonal) head.push_back("gap I-P");
    table t(head, 2);
    for (const auto& p : m.points) {
        std::vector<std::string> row{p.id, csikit::fit_width(p.label.get(language), 30), num(p.importance, d), num(p.performance, 1),
                                     csikit::quadrant_label(p.where, "en"), csikit::quadrant_label(p.where, "zh"),
                                     num(p.priority, 2), std::to_string(p.rank)};
        if (stated && m.options.diagonal) row.push_back(num(p.gap, 1));
        t.add(std::move(row));
    }
    t.print(out);
    out << "  Priority order (concentrate here first, then z(importance) - z(performance)):";
    for (const auto& id : m.by_priority()) out << " " << id;
    out << "\n";
}

void print_survey_ipa(std::ostream& out, const csikit::survey_ipa_result& r, const std::string& language) {
    const bool stated = r.importance == csikit::importance_source::stated;
    out << "Importance-performance analysis (" << r.respondents << " respondents; importance "
        << csikit::to_string(r.importance);
    if (stated) out << ": mean 0-100 score of each factor's importance item";
    else out << " against " << r.outcome << ", R2 " << num(r.r2, 3) << ", " << r.used << " complete respondents";
    out << "; performance: mean 0-100 score)\n";
    print_ipa_map(out, r.map, stated, language);
    for (const auto& g : r.groups) {
        out << "\n" << r.by << " = " << g.value << " (" << g.respondents << " respondents)\n";
        if (g.map) print_ipa_map(out, *g.map, stated, language);
        else out << "  no map: " << csikit::escape_control(g.note) << "\n";
    }
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << csikit::escape_control(n) << "\n";
    }
}

}  // namespace csikit_cli

namespace {

int run_ipa(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    const csikit::survey s = csikit::load_survey(a.require("schema"));
    csikit::survey_ipa_options o;
    if (auto v = a.get("importance")) o.importance = csikit::parse_importance_source(*v);
    if (auto v = a.get("crosshair")) csikit_cli::parse_crosshair(*v, o.map);
    o.map.diagonal = a.has("diagonal");
    o.by = a.get("by").value_or("");
    o.use_weights = !a.has("unweighted");
    // Schema-level checks first: a bad --importance fails before the data are read.
    if (!csikit::ipa_possible(s) && !o.importance)
        throw csikit::argument_error({{}, 0, "importance_item"},
                                     "the schema allows no IPA: no item or hierarchy node names an \"importance_item\" and there is no "
                                     "\"overall_item\" with at least two driver items (expected one of them, docs/ipa.md)");
    const csikit::responses data = csikit::read_responses(a.require("data"), s);
    const csikit::survey_ipa_result r = csikit::survey_ipa(s, data, o);
    const std::string doc = csikit::to_json(r);
    if (auto dir = a.get("out")) {
        std::filesystem::create_directories(*dir);
        const std::string path = (std::filesystem::path(*dir) / "ipa.json").string();
        csikit_cli::write_output_file(path, doc + "\n", "the IPA");
    }
    if (a.has("json")) {
        out << doc << "\n";
        return 0;
    }
    out << "csikit ipa: " << s.name << "\n\n";
    csikit_cli::print_survey_ipa(out, r, a.get("lang").value_or(""));
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"ipa", "importance-performance map from stated or derived importance (no path model needed)",
                "usage: csikit ipa --schema SCHEMA.json --data RESPONSES.csv [options]\n\n"
                "Places the factors (items or hierarchy nodes that name an \"importance_item\", else the\n"
                "drivers of the schema's \"overall_item\") in the four quadrants: concentrate here (急需改进),\n"
                "keep up the good work (继续保持), low priority (不占优先地位), possible overkill (锦上添花),\n"
                "and prints the priority order: concentrate-here first, then z(importance) - z(performance).\n\n"
                "options:\n"
                "  --importance stated|correlation|beta|pratt|rwa|lmg\n"
                "                          stated: the importance item's 0-100 score [default with importance\n"
                "                          items]; else derived against the overall item [default rwa];\n"
                "                          lmg allows at most 15 drivers\n"
                "  --crosshair mean|median|midpoint|X,Y\n"
                "                          where the quadrants split (default mean of the factors; X,Y =\n"
                "                          importance,performance)\n"
                "  --diagonal              also print the gap I - P (stated importance: one 0-100 metric)\n"
                "  --by COLUMN             the map again per value of a segment or the wave column\n"
                "  --unweighted            ignore the respondent weights\n"
                "  --lang CODE             label language\n"
                "  --json                  print the JSON document instead of the tables\n"
                "  --out DIR               also write DIR/ipa.json\n\n"
                "Exit status: 0 done, 2 bad input (one line per problem on stderr).",
                run_ipa,
                {{"schema", "data", "importance", "crosshair", "by", "lang", "out"}, {"json", "diagonal", "unweighted"}}});
