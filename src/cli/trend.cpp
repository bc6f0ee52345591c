// `csikit trend`: every figure followed over the waves (docs/trend.md): a summary table with
// the first-vs-last change and the weighted trend test, then per-wave tables with intervals and
// control limits for the index, its dimensions, the satisfaction rate and NPS; or the JSON.
#include "cli.hpp"
#include "data_args.hpp"
#include "output_file.hpp"
#include "table.hpp"

#include <csikit/data.hpp>
#include <csikit/format.hpp>
#include <csikit/html_report.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/stats.hpp>
#include <csikit/text.hpp>
#include <csikit/trend.hpp>

#include <cmath>
#include <ostream>
#include <string>

namespace csikit_cli {
csikit::score_options parse_score_options(const args& a, const csikit::survey& s);  // score.cpp
}

namespace {

using csikit_cli::num;
using csikit_cli::p_text;

/// Shares print as percentages, scores and NPS as points.
std::string value_text(const csikit::trend_series& s, double x) {
    return csikit::is_share(s.figure) ? (std::isfinite(x) ? num(100 * x, 1) + "%" : "-") : num(x, 1);
}

std::string change_text(const csikit::trend_series& s, double d) {
    if (!std::isfinite(d)) return "-";
    const std::string sign = d > 0 ? "+" : "";
    return csikit::is_share(s.figure) ? sign + num(100 * d, 1) + " pp" : sign + num(d, 1);
}

std::string figure_text(csikit::trend_figure f) {
    switch (f) {
        case csikit::trend_figure::node_score: return "index";
        case csikit::trend_figure::satisfaction_rate: return "satisfied";
        case csikit::trend_figure::nps: return "NPS";
        case csikit::trend_figure::item_score: return "score";
        case csikit::trend_figure::item_top_box: return "top box";
        case csikit::trend_figure::item_satisfied: return "satisfied";
    }
    return "";
}

std::string name_text(const csikit::trend_series& s) {
    std::string n = s.figure == csikit::trend_figure::nps ? "NPS" : s.id;
    if (s.figure == csikit::trend_figure::satisfaction_rate) n = "satisfaction rate";
    else if (!s.label.empty() && s.label != s.id && s.figure != csikit::trend_figure::nps) n += " " + s.label;
    return csikit::fit_width(n, 30);
}

void print_summary(const csikit::trend_report& r, std::ostream& out) {
    out << "Trend over " << r.waves.size() << " waves of \"" << r.wave_column << "\" (";
    for (std::size_t k = 0; k < r.waves.size(); ++k)
        out << (k ? ", " : "") << r.waves[k].value << ": n " << r.waves[k].respondents;
    out << ")\n\n";
    csikit_cli::table t({"figure", "", "first", "last", "change", "", "slope/wave", "p (trend)", "", "out of control"}, 2);
    for (const auto& s : r.series) {
        std::string flagged;
        for (const auto& p : s.points)
            if (p.out_of_control) flagged += (flagged.empty() ? "" : ", ") + p.wave;
        t.add({name_text(s), figure_text(s.figure), value_text(s, s.first_last.before), value_text(s, s.first_last.after),
               change_text(s, s.first_last.test.difference), csikit::significance_marks(s.first_last.test.p_value, 2),
               change_text(s, s.trend.slope), p_text(s.trend.p_value), csikit::significance_marks(s.trend.p_value, 2),
               flagged.empty() ? "-" : flagged});
    }
    t.print(out);
    out << "\nchange: last wave - first wave (Welch t for scores, pooled z for shares, z for NPS);\n"
           "slope: weighted linear trend per wave (WLS on wave order, inverse-variance weights; z test);\n"
           "** p < .01, * p < .05; out of control: outside center -/+ "
        << csikit::format_shortest(r.options.control_sigma) << " SE (p-chart for shares).\n";
}

void print_waves(const csikit::trend_series& s, double level, std::ostream& out) {
    out << "\n" << name_text(s) << " (" << figure_text(s.figure) << "; center " << value_text(s, s.center) << ")\n";
    csikit_cli::table t({"wave", "n", "estimate", num(100 * level, 0) + "% CI", "control limits", "", "vs previous", ""}, 1);
    for (std::size_t k = 0; k < s.points.size(); ++k) {
        const auto& p = s.points[k];
        const double scale = csikit::is_share(s.figure) ? 100 : 1;
        std::string prev = "-", marks;
        if (k > 0 && k - 1 < s.consecutive.size()) {
            prev = change_text(s, s.consecutive[k - 1].test.difference);
            marks = csikit::significance_marks(s.consecutive[k - 1].test.p_value, 2);
        }
        t.add({p.wave, std::to_string(p.n), value_text(s, p.estimate), csikit_cli::interval_text(p.ci.lower, p.ci.upper, 1, scale),
               csikit_cli::interval_text(p.lower_limit, p.upper_limit, 1, scale), p.out_of_control ? "OUT" : "", prev, marks});
    }
    t.print(out);
}

int run_trend(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    csikit::survey s = csikit::load_survey(a.require("schema"));
    if (auto f = a.get("ahp")) csikit::load_ahp_file(s, *f);
    csikit::trend_options o;
    // --wave names the column to read as the wave: any column of the data file.
    if (auto w = a.get("wave")) {
        s.wave_column = *w;
        o.wave = *w;
    }
    o.scoring = csikit_cli::parse_score_options(a, s);
    o.control_sigma = a.get_double("sigma", o.control_sigma);
    if (!(o.control_sigma > 0))
        throw csikit::argument_error({{}, 0, "--sigma"}, a.get("sigma").value_or("") +
                                                            " is not a control-limit width (expected > 0, e.g. 3)");
    csikit::read_options ro;
    csikit_cli::apply_data_options(a, ro);
    const std::string data_path = a.require("data");
    const csikit::responses data = csikit::read_responses(data_path, s, ro);
    const csikit::trend_report r = csikit::trend(s, data, o);

    if (auto path = a.get("out")) {
        csikit_cli::write_output_file(*path, csikit::to_json(r) + "\n", "the JSON");
    }
    if (auto path = a.get("html")) {
        csikit::report_input in;
        in.schema = &s;
        in.trend = &r;
        in.settings = {{"schema", a.require("schema")}, {"data", data_path}};
        csikit::html_options ho;
        ho.language = o.scoring.language;
        csikit_cli::write_output_file(*path, csikit::html_report(in, ho), "the HTML report");
    }
    if (a.has("json")) {
        out << csikit::to_json(r) << "\n";
        return 0;
    }
    print_summary(r, out);
    for (const auto& series : r.series)
        if (series.figure == csikit::trend_figure::node_score || series.figure == csikit::trend_figure::satisfaction_rate ||
            series.figure == csikit::trend_figure::nps)
            print_waves(series, o.scoring.level, out);
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << csikit::escape_control(n) << "\n";
    }
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"trend", "every figure over many waves: changes, a weighted trend test, control limits",
                "usage: csikit trend --schema SCHEMA.json --data RESPONSES.csv [--wave COLUMN] [options]\n\n"
                "Follows every figure of `csikit score` (index and dimension scores, item scores, top-box and\n"
                "satisfied shares, the satisfaction rate, NPS) over the waves, in the sorted order of the wave\n"
                "values: each wave with its interval, the first-vs-last and consecutive changes with their\n"
                "tests, a weighted linear trend test (WLS of the wave estimates on wave order, inverse-variance\n"
                "weights) and control limits (p-chart for shares, center -/+ 3 SE for scores) with the waves\n"
                "outside them flagged. At least 3 waves.\n\n"
                "options:\n"
                "  --wave COLUMN           the wave column (default: the schema's wave_column)\n"
                "  --sigma 3               control limits at center -/+ sigma standard errors\n"
                "  --json                  print the JSON instead of the tables\n"
                "  --out FILE              also write the JSON to FILE\n"
                "  --html FILE             also write the HTML report with the trend charts to FILE\n"
                "  --rescale linear|proportional|labels\n"
                "                          0-100 rescaling (as in csikit score)\n"
                "  --threshold 70          satisfied = 0-100 score >= threshold\n"
                "  --level 0.95            confidence level of intervals and tests\n"
                "  --aggregate respondent|mean\n"
                "                          index aggregation (as in csikit score)\n"
                "  --interval wilson|agresti-coull|clopper-pearson\n"
                "                          interval for shares (default wilson)\n"
                + std::string(csikit_cli::data_options_usage) +
                "  --lang CODE             label language (default: the schema's first language)\n"
                "  --promoter-min 9        NPS: answers >= this are promoters\n"
                "  --detractor-max 6       NPS: answers <= this are detractors\n"
                "  --ahp FILE              AHP comparison matrices per hierarchy node (as in csikit score)\n"
                "  --ahp-method eigenvector|geometric_mean\n"
                "  --ahp-allow-inconsistent\n\n"
                "Exit status: 0 done, 2 bad input (one line per problem on stderr).",
                run_trend,
                csikit_cli::with_data_options(
                    {{"schema", "data", "wave", "sigma", "out", "html", "rescale", "threshold", "level", "aggregate",
                      "interval", "lang", "promoter-min", "detractor-max", "ahp", "ahp-method"},
                     {"json", "ahp-allow-inconsistent"}})});
