// to_json() of a crosstab (issue 14 item 3; shape in report.hpp and docs/crosstab.md): the one
// document behind `csikit crosstab --json`, the C getter and the Python DataFrames.
#include "json_write.hpp"

CSIKIT_NAMESPACE_BEGIN

using json_write::json;
using json_write::num;

namespace {

json mean_doc(const mean_estimate& m) {
    return json{{"mean", num(m.mean)}, {"se", num(m.se)}, {"ci_lower", num(m.ci.lower)}, {"ci_upper", num(m.ci.upper)},
                {"n", m.n}, {"n_eff", num(m.n_eff)}};
}

json means(const std::vector<mean_estimate>& v) {
    json out = json::array();
    for (const auto& m : v) out.push_back(mean_doc(m));
    return out;
}

json numbers(const std::vector<double>& v) {
    json out = json::array();
    for (double x : v) out.push_back(num(x));
    return out;
}

json test_doc(const crosstab_test& t) {
    return json{{"computed", t.computed},
                {"rows_used", t.rows_used},
                {"cols_used", t.cols_used},
                {"pearson", num(t.pearson)},
                {"df", num(t.df)},
                {"p_value", num(t.p_value)},
                {"rao_scott", t.rao_scott},
                {"mean_deff", num(t.mean_deff)},
                {"a2", num(t.a2)},
                {"statistic", num(t.statistic)},
                {"statistic_df", num(t.statistic_df)},
                {"statistic_p", num(t.statistic_p)},
                {"cramers_v", num(t.cramers_v)},
                {"significant", t.significant},
                {"note", t.note}};
}

json table_doc(const crosstab_table& t) {
    json cells = json::array();
    for (const auto& row : t.cells) {
        json r = json::array();
        for (const auto& c : row)
            r.push_back(json{{"count", c.count}, {"weighted", num(c.weighted)}, {"col_share", num(c.col_share)},
                             {"row_share", num(c.row_share)}, {"letters", c.letters}});
        cells.push_back(std::move(r));
    }
    return json{{"layer_value", t.layer_value},
                {"n", t.n},
                {"weighted", num(t.weighted)},
                {"cells", std::move(cells)},
                {"row_count", t.row_count},
                {"row_weighted", numbers(t.row_weighted)},
                {"col_count", t.col_count},
                {"col_weighted", numbers(t.col_weighted)},
                {"col_n_eff", numbers(t.col_n_eff)},
                {"col_score", means(t.col_score)},
                {"col_mean", means(t.col_mean)},
                {"total_score", t.total_score ? mean_doc(*t.total_score) : json(nullptr)},
                {"test", test_doc(t.test)}};
}

}  // namespace

std::string to_json(const crosstab_result& r, int indent) {
    json doc;
    doc["analysis"] = "crosstab";
    doc["kind"] = to_string(r.kind);
    doc["variable"] = r.variable;
    doc["label"] = r.label;
    doc["satisfied_rule"] = r.satisfied_rule.empty() ? json(nullptr) : json(r.satisfied_rule);
    json rows = json::array();
    for (const auto& c : r.rows) rows.push_back(json{{"value", c.value}, {"label", c.label}});
    doc["rows"] = std::move(rows);
    json cols = json::array();
    for (std::size_t k = 0; k < r.columns.size(); ++k)
        cols.push_back(json{{"value", r.columns[k].value}, {"letter", r.letters[k]}});
    doc["columns"] = std::move(cols);
    doc["column"] = r.options.cols;
    doc["layer"] = r.options.layer.empty() ? json(nullptr) : json(r.options.layer);
    doc["weighted"] = r.weighted;
    doc["alpha"] = num(r.options.alpha);
    doc["level"] = num(r.options.scoring.level);
    doc["respondents"] = r.respondents;
    doc["counted"] = r.counted;
    doc["excluded"] = json{{"layer", r.missing_layer}, {"column", r.missing_column}, {"row", r.missing_row},
                           {"answer", r.missing_answer}, {"zero_weight", r.zero_weight}};
    json tables = json::array();
    for (const auto& t : r.tables) tables.push_back(table_doc(t));
    doc["tables"] = std::move(tables);
    doc["notes"] = r.notes;
    return json_write::dump(doc, indent);
}

CSIKIT_NAMESPACE_END
