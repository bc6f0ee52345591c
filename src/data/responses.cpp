// Responses: the value rules shared by every reader, make_responses for in-memory matrices,
// and the responses member functions. The CSV reader is in responses_csv.cpp.
#include "responses_check.hpp"

#include "csv.hpp"
#include "labels.hpp"

#include <algorithm>
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

void problem_list::hint(std::size_t line, std::string field, std::string message) {
    if (hints_.size() < cap) hints_.push_back({{file_, line, std::move(field)}, std::move(message)});
}

void problem_list::raise() {
    std::vector<problem> out = list_;
    if (total_ > list_.size())
        out.push_back({{file_, 0, ""}, "... and " + std::to_string(total_ - list_.size()) +
                                           " more problems (only the first " + std::to_string(cap) +
                                           " are listed)"});
    out.insert(out.end(), hints_.begin(), hints_.end());
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
    outside_.resize(items_.size());
}

double value_checker::outside(std::size_t j, double x, std::size_t line, problem_list& problems) {
    const scale& sc = *items_[j].sc;
    if (options_.out_of_scale == out_of_scale_policy::missing) {
        ++out_of_scale_;
        ++missing_[j];
    } else {
        auto& seen = outside_[j];
        bool found = false;
        for (auto& v : seen)
            if (v.value == x) found = (++v.count, true);
        if (!found && seen.size() < max_tallied) seen.push_back({x, 1});
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

void value_checker::add_hints(problem_list& problems, std::size_t respondents) const {
    if (respondents == 0) return;
    // One hint per scale and value, naming the columns it repeats in.
    struct found { const scale* sc = nullptr; double value = 0; std::size_t cells = 0; std::string where; std::size_t columns = 0; };
    std::vector<found> hints;
    for (std::size_t j = 0; j < items_.size(); ++j)
        for (const auto& v : outside_[j]) {
            if (v.count < 2 || v.count * 100 < respondents || v.value != std::floor(v.value)) continue;
            auto h = std::find_if(hints.begin(), hints.end(),
                                  [&](const found& f) { return f.sc == items_[j].sc && f.value == v.value; });
            if (h == hints.end()) {
                found f;
                f.sc = items_[j].sc;
                f.value = v.value;
                h = hints.insert(hints.end(), std::move(f));
            }
            h->cells += v.count;
            if (++h->columns <= 3)
                h->where += (h->where.empty() ? "" : ", ") + items_[j].field.substr(7) + " " + std::to_string(v.count) +
                            " of " + std::to_string(respondents) + " rows (" +
                            std::to_string((v.count * 100 + respondents / 2) / respondents) + "%)";
        }
    for (const auto& h : hints) {
        const std::string code = format_number(h.value);
        problems.hint(0, "scale \"" + h.sc->id + "\"",
                      "hint: value " + code + " repeats (" + h.where + (h.columns > 3 ? ", ..." : "") +
                          "); if it stands for no answer, declare it a missing code: add {\"code\": " + code +
                          ", \"kind\": \"dont_know\"} (or \"refused\", \"not_applicable\", \"other\") to \"missing\" of "
                          "scale \"" + h.sc->id + "\" in the schema; or read with --out-of-scale missing (Python: "
                          "out_of_scale=\"missing\")");
    }
}

namespace {
/// `s` lower-cased (ASCII) without spaces, '_' and '-': how column names are compared for hints.
std::string folded(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

/// Levenshtein distance, stopping early (returns limit + 1) once it exceeds `limit`.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t k = 0; k <= b.size(); ++k) row[k] = k;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0], best = ++row[0];
        for (std::size_t k = 1; k <= b.size(); ++k) {
            const std::size_t up = row[k];
            row[k] = std::min({row[k] + 1, row[k - 1] + 1, diag + (a[i - 1] == b[k - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[k]);
        }
        if (best > limit) return limit + 1;
    }
    return row[b.size()];
}
}  // namespace

std::string closest_columns(const std::string& name, const std::vector<std::string>& columns,
                            const std::unordered_set<std::string>& taken) {
    const std::string want = folded(name);
    const std::size_t limit = std::max<std::size_t>(1, want.size() / 3);
    std::vector<std::pair<std::size_t, const std::string*>> near;
    for (const auto& c : columns) {
        if (c.empty() || c == name || taken.count(c)) continue;
        const std::size_t d = edit_distance(want, folded(c), limit);
        if (d <= limit) near.emplace_back(d, &c);
    }
    if (near.empty()) return {};
    std::stable_sort(near.begin(), near.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    if (near[0].first == 0 && (near.size() == 1 || near[1].first > 0))
        return "; did you mean " + quote_text(*near[0].second) + "?";
    std::string out = "; the closest: ";
    for (std::size_t k = 0; k < near.size() && k < 3; ++k) out += (k ? ", " : "") + quote_text(*near[k].second);
    return out;
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
    if (columns.size() != static_cast<std::size_t>(raw.cols()))
        throw argument_error({source, 0, "columns"},
                             std::to_string(columns.size()) + " column names for a matrix with " +
                                 std::to_string(raw.cols()) + " columns (expected one name per column)");
    std::vector<data_column> table(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
        table[c].name = columns[c];
        const auto col = raw.col(static_cast<Eigen::Index>(c));
        table[c].numbers.assign(col.data(), col.data() + col.size());
    }
    return make_responses(s, static_cast<std::size_t>(raw.rows()), table, weights, std::move(groups),
                          std::move(options));
}

namespace {

using detail::number_status;

/// A group value from a column of numbers: the shortest text, "" for NaN.
std::string group_text(double x) { return std::isnan(x) ? std::string() : detail::format_number(x); }

}  // namespace

responses make_responses(const survey& s, std::size_t n, const std::vector<data_column>& columns,
                         const Eigen::VectorXd& weights, std::map<std::string, std::vector<std::string>> groups,
                         read_options options) {
    const std::string source = options.source.empty() ? "<memory>" : options.source;
    for (const auto& col : columns) {
        const std::size_t got = col.kind == data_column::kind_t::numbers ? col.numbers.size()
                                : col.kind == data_column::kind_t::text  ? col.text.size()
                                                                         : n;
        if (got != n)
            throw argument_error({source, 0, "columns[\"" + col.name + "\"]"},
                                 std::to_string(got) + " values for " + std::to_string(n) +
                                     " rows (expected one value per row)");
    }

    detail::problem_list problems(source);
    std::vector<std::string> names;
    names.reserve(columns.size());
    std::map<std::string, std::size_t> index;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        names.push_back(columns[c].name);
        auto [it, fresh] = index.emplace(columns[c].name, c);
        if (!fresh)
            problems.add(0, "column \"" + columns[c].name + "\"",
                         "appears twice, as column " + std::to_string(it->second + 1) + " and column " +
                             std::to_string(c + 1) + " (expected unique column names)");
    }
    // A column the caller named but did not pass is as good as missing for what it must hold.
    auto find = [&](const std::string& name) -> const data_column* {
        auto it = index.find(name);
        return it == index.end() || columns[it->second].kind == data_column::kind_t::absent ? nullptr
                                                                                            : &columns[it->second];
    };
    const std::string among = " (expected it among the " + std::to_string(columns.size()) + " columns";

    detail::value_checker checker(s, options);
    const detail::survey_columns taken(s);
    std::vector<const data_column*> item_source;
    for (auto& ic : checker.items()) {
        const data_column* col = find(ic.it->column_name());
        item_source.push_back(col);
        if (col) ic.source = static_cast<std::size_t>(col - columns.data());
        else
            problems.add(0, "item \"" + ic.it->id + "\"",
                         "no column \"" + ic.it->column_name() + "\"" + among +
                             detail::closest_columns(ic.it->column_name(), names, taken) + ")");
    }

    // Weights: the argument, else a column named like the survey's weight column.
    Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n));
    bool weighted = false;
    const std::string weight_field =
        s.weight_column.empty() ? std::string("weights") : "column \"" + s.weight_column + "\"";
    if (weights.size() > 0) {
        if (static_cast<std::size_t>(weights.size()) != n)
            throw argument_error({source, 0, "weights"},
                                 std::to_string(weights.size()) + " weights for " + std::to_string(n) +
                                     " rows (expected one weight per row)");
        w = weights;
        weighted = true;
    } else if (!s.weight_column.empty()) {
        if (const data_column* col = find(s.weight_column)) {
            weighted = true;
            for (std::size_t r = 0; r < n; ++r) {
                double x = std::numeric_limits<double>::quiet_NaN();
                if (col->kind == data_column::kind_t::numbers) x = col->numbers[r];
                else if (const auto cell = detail::trim(col->text[r]); !cell.empty() &&
                                                                       detail::parse_number(cell, ',', x) !=
                                                                           number_status::ok) {
                    problems.add(r + 1, weight_field,
                                 detail::quote_text(cell) + " is not a number (expected a weight >= 0)");
                    x = 1;
                }
                w(static_cast<Eigen::Index>(r)) = x;
            }
        } else {
            problems.add(0, "weight column \"" + s.weight_column + "\"",
                         "no weights given (expected the weights argument or a column of that name" +
                             detail::closest_columns(s.weight_column, names, taken) + ")");
        }
    }
    if (weighted)
        for (std::size_t r = 0; r < n; ++r)
            if (auto msg = detail::weight_problem(w(static_cast<Eigen::Index>(r))); !msg.empty())
                problems.add(r + 1, weight_field, msg);

    // Segment and wave columns the survey declares: from `groups`, else a column of that name.
    std::vector<std::string> declared = s.segment_columns;
    if (!s.wave_column.empty()) declared.push_back(s.wave_column);
    for (const auto& rc : record_columns(s)) declared.push_back(rc.first);
    for (const auto& g : declared) {
        if (groups.count(g)) continue;
        const data_column* col = find(g);
        if (!col) {
            problems.add(0, "column \"" + g + "\"",
                         "the survey declares this segment/wave column (expected a column of that name or it in "
                         "`groups`" + detail::closest_columns(g, names, taken) + ")");
            continue;
        }
        auto& dst = groups[g];
        dst.reserve(n);
        if (col->kind == data_column::kind_t::text)
            for (const auto& t : col->text) dst.emplace_back(detail::trim(t));
        else
            for (double x : col->numbers) dst.push_back(group_text(x));
    }
    for (const auto& [name, column] : groups)
        if (column.size() != n)
            throw argument_error({source, 0, "groups[\"" + name + "\"]"},
                                 std::to_string(column.size()) + " values for " + std::to_string(n) +
                                     " rows (expected one value per row)");

    responses out;
    const auto p = static_cast<Eigen::Index>(checker.items().size());
    out.values.resize(static_cast<Eigen::Index>(n), p);
    std::vector<detail::unknown_text_tally> unknown(checker.items().size());
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    for (Eigen::Index j = 0; j < p; ++j) {
        const auto jj = static_cast<std::size_t>(j);
        const auto& ic = checker.items()[jj];
        out.item_ids.push_back(ic.it->id);
        const data_column* col = item_source[jj];
        if (!col) {
            out.values.col(j).setConstant(nan);
            continue;
        }
        for (std::size_t r = 0; r < n; ++r) {
            const auto rr = static_cast<Eigen::Index>(r);
            if (col->kind == data_column::kind_t::numbers) {
                out.values(rr, j) = checker.check(jj, col->numbers[r], r + 1, problems);
                continue;
            }
            const std::string_view cell = detail::trim(col->text[r]);
            out.values(rr, j) = nan;
            if (cell.empty()) {
                checker.count_empty(jj);
                continue;
            }
            double x = 0;
            const number_status st = detail::parse_number(cell, ',', x);
            if (st == number_status::ok) out.values(rr, j) = checker.check(jj, x, r + 1, problems);
            else if (const auto labelled = detail::match_label(*ic.sc, cell))
                out.values(rr, j) = checker.check(jj, *labelled, r + 1, problems);
            else if (st == number_status::not_number)
                unknown[jj].add(cell, r + 1);
            else
                problems.add(r + 1, ic.field,
                             detail::quote_text(cell) + " is not a finite number (expected " +
                                 checker.expected_text(jj) + ")");
        }
    }
    for (std::size_t j = 0; j < unknown.size(); ++j)
        if (!unknown[j].empty())
            problems.add(unknown[j].first_line(), checker.items()[j].field,
                         unknown[j].message(*checker.items()[j].sc, checker.expected_text(j)));
    if (weighted && n > 0 && problems.empty() && !(w.sum() > 0))
        problems.add(0, weight_field, "all weights are zero (expected at least one positive weight)");
    else if (weighted && n > 0 && problems.empty() && !std::isfinite(w.squaredNorm()))  // Kish n_eff needs sum w^2
        problems.add(0, weight_field, "weights too large: their sum of squares overflows a double (expected weights of ordinary size; rescale them, e.g. to mean 1)");
    checker.add_hints(problems, n);
    if (!problems.empty()) problems.raise();

    out.weights = std::move(w);
    out.weighted = weighted;
    out.groups = std::move(groups);
    out.lines.assign(n, 0);
    out.source = source;
    out.summary = checker.summary(n);
    out.summary.header_rows = 0;
    out.summary.layout = "memory";
    out.summary.encoding = "";
    return out;
}

CSIKIT_NAMESPACE_END
