// Responses: the value rules shared by every reader, make_responses for in-memory matrices,
// and the responses member functions. The CSV reader is in responses_csv.cpp.
#include "responses_check.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

void problem_list::add(std::size_t line, std::string field, std::string message, bool structural) {
    ++total_;
    structural_ = structural_ || structural;
    if (list_.size() < cap) list_.push_back({{file_, line, std::move(field)}, std::move(message)});
}

void problem_list::raise() {
    std::vector<problem> out = list_;
    if (total_ > list_.size())
        out.push_back({{file_, 0, ""}, "... and " + std::to_string(total_ - list_.size()) +
                                           " more problems (only the first " + std::to_string(cap) +
                                           " are listed)"});
    if (structural_) throw parse_error(std::move(out));
    throw data_error(std::move(out));
}

std::string format_number(double x) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
    return ec == std::errc() ? std::string(buf, end) : std::string("?");
}

std::string quote_text(std::string_view text) {
    constexpr std::size_t max_shown = 40;
    std::string out = "\"";
    std::size_t shown = 0;
    for (char c : text) {
        if (shown++ == max_shown) {
            out += "...";
            break;
        }
        if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c == '"') out += "\\\"";
        else out += c;
    }
    return out + "\"";
}

std::string weight_problem(double w) {
    if (std::isnan(w)) return "missing weight (expected a number >= 0 for every respondent)";
    if (!std::isfinite(w)) return "weight " + format_number(w) + " is not finite (expected a number >= 0)";
    if (w < 0) return "weight " + format_number(w) + " is negative (expected a number >= 0)";
    return {};
}

namespace {

std::string range_text(const scale& sc) { return format_number(sc.min) + ".." + format_number(sc.max); }

std::string codes_text(const scale& sc) {
    std::string out;
    for (const auto& m : sc.missing) out += (out.empty() ? "" : ", ") + format_number(m.code);
    return out;
}
}  // namespace

value_checker::value_checker(const survey& s, const read_options& options) : options_(options) {
    items_.reserve(s.items.size());
    // Scales by id (the first of each), so that many items on many scales stay linear.
    std::unordered_map<std::string_view, const scale*> scales;
    scales.reserve(s.scales.size());
    for (const scale& x : s.scales) scales.emplace(x.id, &x);
    for (std::size_t i = 0; i < s.items.size(); ++i) {
        const item& it = s.items[i];
        const auto found = scales.find(it.scale);
        const scale* sc = found == scales.end() ? nullptr : found->second;
        if (!sc)
            throw schema_error({{}, 0, "items[" + std::to_string(i) + "].scale"},
                               "item \"" + it.id + "\" uses unknown scale \"" + it.scale +
                                   "\" (expected the id of one of the survey's scales)");
        items_.push_back({&it, sc, static_cast<std::size_t>(-1), "column \"" + it.column_name() + "\""});
    }
    missing_.assign(items_.size(), 0);
}

double value_checker::outside(std::size_t j, double x, std::size_t line, problem_list& problems) {
    const scale& sc = *items_[j].sc;
    if (options_.out_of_scale == out_of_scale_policy::missing) {
        ++out_of_scale_;
        ++missing_[j];
    } else {
        std::string expected = "expected " + range_text(sc);
        if (!sc.missing.empty()) expected += " or a missing code (" + codes_text(sc) + ")";
        problems.add(line, items_[j].field,
                     "value " + format_number(x) + " is outside the scale " + range_text(sc) + " (" +
                         expected + ")");
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::string value_checker::expected_text(std::size_t j) const {
    const scale& sc = *items_[j].sc;
    std::string out = "a number on the scale " + range_text(sc);
    if (!sc.missing.empty()) out += ", a missing code (" + codes_text(sc) + ")";
    return out + " or an empty cell";
}

read_summary value_checker::summary(std::size_t respondents) const {
    read_summary out;
    out.respondents = respondents;
    out.cells = respondents * items_.size();
    out.empty = empty_;
    out.missing_codes = codes_;
    out.out_of_scale = out_of_scale_;
    for (std::size_t j = 0; j < items_.size(); ++j) {
        out.missing_by_item[items_[j].it->id] = missing_[j];
        if (items_[j].it->reverse) ++out.reversed_items;
    }
    for (std::size_t k = 0; k < by_kind_.size(); ++k)
        if (by_kind_[k] > 0) out.codes_by_kind[to_string(static_cast<missing_kind>(k))] = by_kind_[k];
    return out;
}

}  // namespace detail

Eigen::Index responses::column(std::string_view item_id) const {
    for (std::size_t j = 0; j < item_ids.size(); ++j)
        if (item_ids[j] == item_id) return static_cast<Eigen::Index>(j);
    throw data_error({source, 0, "item \"" + std::string(item_id) + "\""},
                     "unknown item (expected one of the " + std::to_string(item_ids.size()) +
                         " items of the responses)");
}

responses responses::subset(const std::vector<Eigen::Index>& rows) const {
    const Eigen::Index n = values.rows();
    for (std::size_t k = 0; k < rows.size(); ++k)
        if (rows[k] < 0 || rows[k] >= n)
            throw argument_error({{}, 0, "rows[" + std::to_string(k) + "]"},
                                 "row " + std::to_string(rows[k]) + " is out of range (expected 0.." +
                                     std::to_string(n - 1) + ")");
    responses out;
    out.item_ids = item_ids;
    out.weighted = weighted;
    out.source = source;
    out.summary = summary;  // describes the read of the source, not the subset
    const auto m = static_cast<Eigen::Index>(rows.size());
    out.values.resize(m, values.cols());
    out.weights.resize(m);
    out.lines.reserve(rows.size());
    for (Eigen::Index k = 0; k < m; ++k) {
        out.values.row(k) = values.row(rows[k]);
        out.weights(k) = weights(rows[k]);
        out.lines.push_back(static_cast<std::size_t>(rows[k]) < lines.size() ? lines[rows[k]] : 0);
    }
    for (const auto& [name, column] : groups) {
        auto& dst = out.groups[name];
        dst.reserve(rows.size());
        for (Eigen::Index r : rows) dst.push_back(static_cast<std::size_t>(r) < column.size() ? column[r] : "");
    }
    return out;
}

responses make_responses(const survey& s, const std::vector<std::string>& columns,
                         const Eigen::MatrixXd& raw, const Eigen::VectorXd& weights,
                         std::map<std::string, std::vector<std::string>> groups,
                         read_options options) {
    const std::string source = options.source.empty() ? "<memory>" : options.source;
    const auto n = static_cast<std::size_t>(raw.rows());
    if (columns.size() != static_cast<std::size_t>(raw.cols()))
        throw argument_error({source, 0, "columns"},
                             std::to_string(columns.size()) + " column names for a matrix with " +
                                 std::to_string(raw.cols()) + " columns (expected one name per column)");

    detail::problem_list problems(source);
    std::map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        auto [it, fresh] = index.emplace(columns[c], c);
        if (!fresh)
            problems.add(0, "column \"" + columns[c] + "\"",
                         "appears twice, as column " + std::to_string(it->second + 1) + " and column " +
                             std::to_string(c + 1) + " (expected unique column names)");
    }

    detail::value_checker checker(s, options);
    for (auto& ic : checker.items()) {
        auto it = index.find(ic.it->column_name());
        if (it != index.end()) ic.source = it->second;
        else
            problems.add(0, "item \"" + ic.it->id + "\"",
                         "no column \"" + ic.it->column_name() + "\" (expected it among the " +
                             std::to_string(columns.size()) + " named columns)");
    }

    // Weights: the argument, else a column named like the survey's weight column.
    Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
    bool weighted = false;
    if (weights.size() > 0) {
        if (static_cast<std::size_t>(weights.size()) != n)
            throw argument_error({source, 0, "weights"},
                                 std::to_string(weights.size()) + " weights for " + std::to_string(n) +
                                     " rows (expected one weight per row)");
        w = weights;
        weighted = true;
    } else if (!s.weight_column.empty()) {
        auto it = index.find(s.weight_column);
        if (it != index.end()) {
            w = raw.col(static_cast<Eigen::Index>(it->second));
            weighted = true;
        } else {
            problems.add(0, "weight column \"" + s.weight_column + "\"",
                         "no weights given (expected the weights argument or a column of that name)");
        }
    }
    const std::string weight_field =
        s.weight_column.empty() ? std::string("weights") : "column \"" + s.weight_column + "\"";
    if (weighted)
        for (std::size_t r = 0; r < n; ++r)
            if (auto msg = detail::weight_problem(w(static_cast<Eigen::Index>(r))); !msg.empty())
                problems.add(r + 1, weight_field, msg);

    // Segment and wave columns the survey declares must be given, one string per row.
    std::vector<std::string> declared = s.segment_columns;
    if (!s.wave_column.empty()) declared.push_back(s.wave_column);
    for (const auto& g : declared)
        if (!groups.count(g))
            problems.add(0, "column \"" + g + "\"",
                         "the survey declares this segment/wave column (expected it in `groups`)");
    for (const auto& [name, column] : groups)
        if (column.size() != n)
            throw argument_error({source, 0, "groups[\"" + name + "\"]"},
                                 std::to_string(column.size()) + " values for " + std::to_string(n) +
                                     " rows (expected one value per row)");

    responses out;
    const auto p = static_cast<Eigen::Index>(checker.items().size());
    out.values.resize(static_cast<Eigen::Index>(n), p);
    for (Eigen::Index j = 0; j < p; ++j) {
        const auto& ic = checker.items()[static_cast<std::size_t>(j)];
        out.item_ids.push_back(ic.it->id);
        if (ic.source == static_cast<std::size_t>(-1)) continue;
        const auto src = static_cast<Eigen::Index>(ic.source);
        for (Eigen::Index r = 0; r < static_cast<Eigen::Index>(n); ++r)
            out.values(r, j) = checker.check(static_cast<std::size_t>(j), raw(r, src),
                                             static_cast<std::size_t>(r) + 1, problems);
    }
    if (weighted && n > 0 && problems.empty() && !(w.sum() > 0))
        problems.add(0, weight_field, "all weights are zero (expected at least one positive weight)");
    else if (weighted && n > 0 && problems.empty() && !std::isfinite(w.squaredNorm()))  // Kish n_eff needs sum w^2
        problems.add(0, weight_field, "weights too large: their sum of squares overflows a double (expected weights of ordinary size; rescale them, e.g. to mean 1)");
    if (!problems.empty()) problems.raise();

    out.weights = std::move(w);
    out.weighted = weighted;
    out.groups = std::move(groups);
    out.lines.assign(n, 0);
    out.source = source;
    out.summary = checker.summary(n);
    return out;
}

CSIKIT_NAMESPACE_END
