// A raw_table (SPSS, Stata, Excel) -> responses, with the CSV reader's value rules and counts.
#include "csv.hpp"  // trim
#include "labels.hpp"
#include "responses_check.hpp"
#include "table.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

CSIKIT_NAMESPACE_BEGIN
namespace detail {
namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// A text cell as a number ("3", " 4.5 "), for Excel cells typed as text.
bool text_number(std::string_view s, double& out) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty()) return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size() && std::isfinite(out);
}

/// A segment/wave cell as text: the text, else the value label, else the number.
std::string group_text(const table_column& c, std::size_t r) {
    if (std::string_view t = trim(c.text(r)); !t.empty()) return std::string(t);
    const double x = c.numbers[r];
    if (std::isnan(x)) return {};
    if (const std::string* l = c.label_of(x)) return *l;
    return format_number(x);
}

}  // namespace

std::string valid_utf8(std::string_view s) {
    std::string out;
    for (;;) {
        const std::size_t bad = find_invalid_utf8(s);
        if (bad == std::string_view::npos) return out.append(s);
        out.append(s.substr(0, bad)).append("\xEF\xBF\xBD");
        s.remove_prefix(bad + 1);
    }
}

std::set<std::string> survey_column_set(const survey& s) {
    std::set<std::string> out;
    for (const auto& it : s.items) out.insert(it.column_name());
    if (!s.weight_column.empty()) out.insert(s.weight_column);
    for (const auto& g : s.segment_columns) out.insert(g);
    if (!s.wave_column.empty()) out.insert(s.wave_column);
    for (const auto& rc : record_columns(s)) out.insert(rc.first);
    return out;
}

responses table_to_responses(const raw_table& t, const survey& s, const read_options& options) {
    const std::string source = options.source.empty() ? t.source : options.source;
    problem_list problems(source);
    value_checker checker(s, options);
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < t.columns.size(); ++c) index.emplace(t.columns[c].name, c);

    auto find = [&](const std::string& name, const std::string& what) -> std::size_t {
        if (auto it = index.find(name); it != index.end()) return it->second;
        std::string hint;
        const std::string low = lower(name);
        for (const auto& c : t.columns)
            if (lower(c.name) == low) hint = "; did you mean \"" + c.name + "\"?";
        problems.add(0, what, "no variable \"" + name + "\" in the " + t.format + " file (expected it among the " +
                                  std::to_string(t.columns.size()) + " variables" + hint + ")");
        return none;
    };
    for (auto& ic : checker.items()) ic.source = find(ic.it->column_name(), "item \"" + ic.it->id + "\"");
    // The schema's weight column, else the file's weight variable.
    std::string weight_name = s.weight_column;
    std::size_t weight_col = none;
    if (!weight_name.empty()) weight_col = find(weight_name, "weight column \"" + weight_name + "\"");
    else if (!t.weight_variable.empty() && index.count(t.weight_variable)) {
        weight_name = t.weight_variable;
        weight_col = index[weight_name];
    }
    std::vector<std::pair<std::string, std::size_t>> group_cols;
    for (const auto& g : s.segment_columns) group_cols.emplace_back(g, find(g, "segment column \"" + g + "\""));
    if (!s.wave_column.empty())
        group_cols.emplace_back(s.wave_column, find(s.wave_column, "wave column \"" + s.wave_column + "\""));
    for (const auto& [column, what] : record_columns(s)) group_cols.emplace_back(column, find(column, what));
    if (!problems.empty()) problems.raise();

    const std::size_t n = t.rows;
    const auto p = static_cast<Eigen::Index>(checker.items().size());
    Eigen::MatrixXd values(static_cast<Eigen::Index>(n), p);
    Eigen::VectorXd weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
    std::vector<std::size_t> file_missing(checker.items().size(), 0);
    std::size_t file_missing_total = 0;
    const std::string weight_field = "column \"" + weight_name + "\"";

    for (Eigen::Index j = 0; j < p; ++j) {
        const auto jj = static_cast<std::size_t>(j);
        const item_column& ic = checker.items()[jj];
        const table_column& c = t.columns[ic.source];
        for (std::size_t r = 0; r < n; ++r) {
            const auto rr = static_cast<Eigen::Index>(r);
            const std::size_t line = r < t.lines.size() ? t.lines[r] : r + 1;
            double x = c.numbers[r];
            if (std::isnan(x)) {
                if (r < c.tagged.size() && c.tagged[r]) {  // Stata .a-.z: missing by the file's word
                    ++file_missing[jj], ++file_missing_total;
                    values(rr, j) = nan;
                    continue;
                }
                const std::string_view cell = trim(c.text(r));
                if (cell.empty()) {
                    values(rr, j) = checker.check(jj, nan, line, problems);
                    continue;
                }
                if (auto labelled = match_label(*ic.sc, cell)) x = *labelled;
                else if (!text_number(cell, x)) {
                    values(rr, j) = nan;
                    problems.add(line, ic.field, quote_text(cell) + " is not a number (expected " +
                                                     checker.expected_text(jj) +
                                                     (ic.sc->values.empty() ? "" : ", or a label: " + labels_text(*ic.sc)) + ")");
                    continue;
                }
            }
            // A code the file declares missing but the schema does not: missing, counted apart.
            if (!ic.sc->is_missing_code(x) && !ic.sc->contains(x) && c.file_missing(x)) {
                ++file_missing[jj], ++file_missing_total;
                values(rr, j) = nan;
                continue;
            }
            values(rr, j) = checker.check(jj, x, line, problems);
        }
    }
    if (weight_col != none) {
        const table_column& c = t.columns[weight_col];
        for (std::size_t r = 0; r < n; ++r) {
            const std::size_t line = r < t.lines.size() ? t.lines[r] : r + 1;
            double w = c.numbers[r];
            if (std::isnan(w) && !trim(c.text(r)).empty() && !text_number(c.text(r), w)) {
                problems.add(line, weight_field, quote_text(trim(c.text(r))) + " is not a number (expected a weight >= 0)");
                continue;
            }
            if (auto msg = weight_problem(w); !msg.empty()) problems.add(line, weight_field, msg);
            weights(static_cast<Eigen::Index>(r)) = w;
        }
    }
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& [name, col] : group_cols) {
        auto& dst = groups[name];
        dst.reserve(n);
        for (std::size_t r = 0; r < n; ++r) dst.push_back(group_text(t.columns[col], r));
    }
    if (n == 0 && problems.empty()) problems.add(0, "", "no respondents in the file (expected one case per respondent)");
    if (!problems.empty()) problems.raise();
    if (weight_col != none && !(weights.sum() > 0)) {
        problems.add(0, weight_field, "all weights are zero (expected at least one positive weight)");
        problems.raise();
    }
    if (weight_col != none && !std::isfinite(weights.squaredNorm())) {
        problems.add(0, weight_field, "weights too large: their sum of squares overflows a double (expected weights of ordinary size; rescale them, e.g. to mean 1)");
        problems.raise();
    }

    responses out;
    out.values = std::move(values);
    out.weights = std::move(weights);
    out.weighted = weight_col != none;
    for (const auto& ic : checker.items()) out.item_ids.push_back(ic.it->id);
    out.groups = std::move(groups);
    out.lines = t.lines;
    out.lines.resize(n, 0);
    out.source = source;
    out.summary = checker.summary(n);
    if (file_missing_total > 0) {
        out.summary.missing_codes += file_missing_total;
        out.summary.codes_by_kind["declared_in_file"] += file_missing_total;
        for (std::size_t j = 0; j < file_missing.size(); ++j)
            out.summary.missing_by_item[checker.items()[j].it->id] += file_missing[j];
    }
    return out;
}

}  // namespace detail
CSIKIT_NAMESPACE_END
