// `csikit crosstab`: one variable by a background column (optionally per layer value), as SPSS
// Custom Tables shows it: counts, column or row shares with the letters of the columns a share
// is significantly larger than, or 0-100 means with intervals; the chi-square test under each
// table (issue 14 item 3; docs/crosstab.md). --json prints the one serializer's document.
#include "cli.hpp"
#include "data_args.hpp"
#include "table.hpp"

#include <csikit/crosstab.hpp>
#include <csikit/data.hpp>
#include <csikit/format.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/text.hpp>

#include <ostream>
#include <string>

namespace {

enum class stat { counts, col, row, mean };

stat parse_stat(const std::string& v, csikit::crosstab_kind kind) {
    if (v == "counts") return stat::counts;
    if (v == "col") return stat::col;
    if (v == "row") return stat::row;
    if (v == "mean") {
        if (kind != csikit::crosstab_kind::distribution && kind != csikit::crosstab_kind::score)
            throw csikit::argument_error({{}, 0, "--stat"}, "mean needs an item or a hierarchy node on --rows (expected counts, col or row for " +
                                                                std::string(csikit::to_string(kind)) + " rows)");
        return stat::mean;
    }
    throw csikit::argument_error({{}, 0, "--stat"}, "\"" + v + "\" is not a statistic (expected counts, col, row or mean)");
}

std::string percent(double share) { return csikit_cli::num(100 * share, 1); }

void print_test(std::ostream& out, const csikit::crosstab_test& t, double alpha) {
    if (!t.computed) return;
    out << "  chi-square " << csikit_cli::num(t.statistic, 2) << ", df " << csikit_cli::num(t.statistic_df, t.rao_scott ? 2 : 0)
        << ", p " << csikit_cli::p_text(t.statistic_p) << (t.significant ? " (significant at " : " (not significant at ")
        << csikit::format_shortest(alpha) << "), Cramer's V " << csikit_cli::num(t.cramers_v, 3) << "\n";
    if (t.rao_scott)
        out << "  Rao-Scott second-order correction of Pearson " << csikit_cli::num(t.pearson, 2) << " on df "
            << csikit_cli::num(t.df, 0) << ": mean design effect " << csikit_cli::num(t.mean_deff, 3) << ", a2 "
            << csikit_cli::num(t.a2, 3) << "\n";
}

void print_table(std::ostream& out, const csikit::crosstab_result& r, const csikit::crosstab_table& t, stat s) {
    using csikit_cli::num;
    std::vector<std::string> head{r.variable};
    for (std::size_t j = 0; j < r.columns.size(); ++j)
        head.push_back(csikit::fit_width(r.columns[j].value, 20) + " (" + r.letters[j] + ")");
    head.push_back("Total");
    csikit_cli::table tab(head, 1);
    const bool w = r.weighted;
    if (s == stat::mean) {
        auto add = [&](const std::string& name, const std::vector<csikit::mean_estimate>& m, bool total) {
            std::vector<std::string> mean{name}, ci{"  interval"}, n{"  n"};
            for (const auto& e : m) {
                mean.push_back(num(e.mean, 2));
                ci.push_back(csikit_cli::interval_text(e.ci.lower, e.ci.upper, 1));
                n.push_back(std::to_string(e.n));
            }
            if (total && t.total_score) {
                mean.push_back(num(t.total_score->mean, 2));
                ci.push_back(csikit_cli::interval_text(t.total_score->ci.lower, t.total_score->ci.upper, 1));
                n.push_back(std::to_string(t.total_score->n));
            } else {
                mean.push_back("");
                ci.push_back("");
                n.push_back("");
            }
            tab.add(mean);
            tab.add(ci);
            tab.add(n);
        };
        add("score 0-100", t.col_score, true);
        if (!t.col_mean.empty()) add("mean (scale)", t.col_mean, false);
    } else {
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            std::vector<std::string> row{csikit::fit_width(r.rows[i].label == r.rows[i].value ? r.rows[i].value
                                                                                                  : r.rows[i].value + " " + r.rows[i].label, 28)};
            for (const auto& c : t.cells[i]) {
                if (s == stat::counts) row.push_back(w ? num(c.weighted, 1) + " (" + std::to_string(c.count) + ")" : std::to_string(c.count));
                else if (s == stat::col) row.push_back(percent(c.col_share) + (c.letters.empty() ? "" : " " + c.letters));
                else row.push_back(percent(c.row_share));
            }
            if (s == stat::counts) row.push_back(w ? num(t.row_weighted[i], 1) + " (" + std::to_string(t.row_count[i]) + ")" : std::to_string(t.row_count[i]));
            else if (s == stat::col) row.push_back(t.weighted > 0 ? percent(t.row_weighted[i] / t.weighted) : "-");
            else row.push_back(t.row_weighted[i] > 0 ? "100.0" : "-");
            tab.add(std::move(row));
        }
        std::vector<std::string> total{s == stat::counts ? "Total" : "n"};
        for (std::size_t j = 0; j < t.col_count.size(); ++j)
            total.push_back(s == stat::counts && w ? num(t.col_weighted[j], 1) + " (" + std::to_string(t.col_count[j]) + ")"
                                                   : std::to_string(t.col_count[j]));
        total.push_back(s == stat::counts && w ? num(t.weighted, 1) + " (" + std::to_string(t.n) + ")" : std::to_string(t.n));
        tab.add(std::move(total));
        if (s == stat::col && w) {
            std::vector<std::string> eff{"n_eff"};
            for (double e : t.col_n_eff) eff.push_back(num(e, 1));
            eff.push_back("");
            tab.add(std::move(eff));
        }
    }
    tab.print(out);
}

int run_crosstab(const csikit_cli::args& a, std::ostream& out, std::ostream&) {
    const csikit::survey s = csikit::load_survey(a.require("schema"));
    csikit::crosstab_options o;
    o.rows = a.require("rows");
    o.cols = a.require("cols");
    o.layer = a.get("layer").value_or("");
    o.alpha = a.get_double("alpha", o.alpha);
    o.scoring.level = a.get_double("level", o.scoring.level);
    o.scoring.threshold = a.get_double("threshold", o.scoring.threshold);
    o.scoring.language = a.get("lang").value_or("");
    if (auto v = a.get("rescale")) {
        if (*v == "linear") o.scoring.rescale = csikit::rescaling::linear;
        else if (*v == "proportional") o.scoring.rescale = csikit::rescaling::proportional;
        else if (*v == "labels") o.scoring.rescale = csikit::rescaling::labels;
        else throw csikit::argument_error({{}, 0, "--rescale"}, "\"" + *v + "\" is not a rescaling (expected linear, proportional or labels)");
    }
    o.use_weights = !a.has("unweighted");
    csikit::read_options ro;
    csikit_cli::apply_data_options(a, ro);
    const csikit::responses data = csikit::read_responses(a.require("data"), s, ro);
    const csikit::crosstab_result r = csikit::crosstab(s, data, o);
    const stat st = parse_stat(a.get("stat").value_or(r.kind == csikit::crosstab_kind::score ? "mean" : "col"), r.kind);
    if (a.has("json")) {
        out << csikit::to_json(r) << "\n";
        return 0;
    }
    out << "csikit crosstab: " << s.name << "\n\n";
    out << r.variable << (r.label.empty() || r.label == r.variable ? "" : " (" + csikit::escape_control(r.label) + ")") << " by "
        << o.cols << (o.layer.empty() ? "" : ", per " + o.layer) << " — " << csikit::to_string(r.kind);
    if (!r.satisfied_rule.empty()) out << ", satisfied = " << r.satisfied_rule;
    out << "\n";
    const char* what[] = {"counts (weighted, unweighted in brackets)", "column shares %", "row shares %", "means with intervals"};
    out << (st == stat::counts && !r.weighted ? "counts" : what[static_cast<int>(st)]);
    if (st == stat::mean) out << " at level " << csikit::format_shortest(o.scoring.level);
    out << "; " << r.counted << " of " << r.respondents << " respondents counted" << (r.weighted ? ", weighted" : "") << "\n";
    if (st == stat::col)
        out << "letters: the share is larger than that of the lettered columns (z test, Holm within the row, alpha "
            << csikit::format_shortest(o.alpha) << ")\n";
    for (const auto& t : r.tables) {
        out << "\n";
        if (!o.layer.empty()) out << o.layer << " = " << t.layer_value << " (" << t.n << " respondents)\n";
        print_table(out, r, t, st);
        print_test(out, t.test, o.alpha);
    }
    if (!r.notes.empty()) {
        out << "\nNotes\n";
        for (const auto& n : r.notes) out << "  - " << csikit::escape_control(n) << "\n";
    }
    return 0;
}

}  // namespace

CSIKIT_COMMAND({"crosstab", "a crosstab: an item, score, satisfied flag or category by a background column",
                "usage: csikit crosstab --schema SCHEMA.json --data RESPONSES.csv --rows X --cols C [options]\n\n"
                "Tabulates X by the values of the segment or wave column C (one table per value of --layer),\n"
                "with the chi-square test of independence (Rao-Scott second-order corrected under weights)\n"
                "and Cramer's V. X is an item (its scale points), a hierarchy node (its 0-100 score),\n"
                "satisfied:ID (the item's satisfied rule, or a node's score >= threshold) or a column.\n\n"
                "options:\n"
                "  --rows X                the variable tabulated (required)\n"
                "  --cols C                the background column (required)\n"
                "  --layer L               a second background column: one table per value\n"
                "  --stat counts|col|row|mean\n"
                "                          what the cells show (default col; mean for a node): column shares\n"
                "                          carry the letters of the columns they are significantly larger than\n"
                "  --alpha A               level of the test verdict and the letters (default 0.05)\n"
                "  --level L               confidence level of the mean intervals (default 0.95)\n"
                "  --threshold T           satisfied when the 0-100 score >= T (default 70) where no rule is set\n"
                "  --rescale linear|proportional|labels\n"
                "                          0-100 rescaling of the answers (default linear)\n"
                "  --unweighted            ignore the respondent weights\n"
                "  --lang CODE             label language\n"
                "  --json                  print the JSON document instead of the tables\n"
                + std::string(csikit_cli::data_options_usage) +
                "\nExit status: 0 done, 2 bad input (one line per problem on stderr).",
                run_crosstab,
                csikit_cli::with_data_options({{"schema", "data", "rows", "cols", "layer", "stat", "alpha", "level", "threshold",
                                                 "rescale", "lang"},
                                                {"json", "unweighted"}})});
