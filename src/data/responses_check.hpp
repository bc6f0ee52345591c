// Private helper: the per-value rules shared by the CSV reader and make_responses (missing
// codes, the scale check, reverse recoding, weights), the summary counts, and a capped list of
// problems that becomes one exception.
#pragma once

#include "csikit/data.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// Collects problems up to a cap, then only counts them; raise() throws them as one error.
class problem_list {
public:
    static constexpr std::size_t cap = 50;

    explicit problem_list(std::string file) : file_(std::move(file)) {}

    /// Adds a problem at `line` (0 = none) and `field`. `structural` marks a broken file
    /// (quoting, ragged rows, encoding): the error thrown is then a parse_error.
    void add(std::size_t line, std::string field, std::string message, bool structural = false);
    /// Adds advice on how to fix the problems (always listed, after them; not a problem itself).
    void hint(std::size_t line, std::string field, std::string message);
    bool empty() const noexcept { return total_ == 0; }
    std::size_t size() const noexcept { return total_; }
    const std::string& file() const noexcept { return file_; }
    /// Throws parse_error if any problem was structural, data_error otherwise.
    [[noreturn]] void raise();

private:
    std::string file_;
    std::vector<problem> list_;
    std::vector<problem> hints_;
    std::size_t total_ = 0;
    bool structural_ = false;
};

/// One survey item resolved against the data: its scale and the column that holds it.
struct item_column {
    const item* it = nullptr;
    const scale* sc = nullptr;
    std::size_t source = static_cast<std::size_t>(-1);  ///< column index in the data; -1 = absent
    std::string field;  ///< `column "Q1"`, the location field used in messages
};

/// Applies the value rules of every item and keeps the read_summary counts.
class value_checker {
public:
    /// Resolves each item's scale (schema_error if a scale is unknown).
    value_checker(const survey& s, const read_options& options);

    std::vector<item_column>& items() noexcept { return items_; }
    const std::vector<item_column>& items() const noexcept { return items_; }

    /// The value to store for item `j`: NaN for a missing value (NaN in, a missing code, or an
    /// out-of-scale value under the `missing` policy), else the value, reverse-recoded. An
    /// out-of-scale value under the `error` policy is added to `problems` at `line`.
    /// Inline: it runs once per cell.
    double check(std::size_t j, double x, std::size_t line, problem_list& problems) {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        const scale& sc = *items_[j].sc;
        if (std::isnan(x)) {
            count_empty(j);
            return nan;
        }
        // Missing codes first: they usually lie outside the scale (98 = don't know).
        for (const auto& m : sc.missing) {
            if (x == m.code) {
                ++codes_;
                ++by_kind_[static_cast<std::size_t>(m.kind)];
                ++missing_[j];
                return nan;
            }
        }
        if (!(x >= sc.min && x <= sc.max)) return outside(j, x, line, problems);
        return items_[j].it->reverse ? sc.min + sc.max - x : x;
    }
    /// Counts an empty cell of item `j`.
    void count_empty(std::size_t j) noexcept {
        ++empty_;
        ++missing_[j];
    }
    /// What the message for a value that is not a number expects, e.g.
    /// "a number on the scale 1..5, a missing code (98, 99) or an empty cell".
    std::string expected_text(std::size_t j) const;
    /// The read_summary for `respondents` rows.
    read_summary summary(std::size_t respondents) const;
    /// Adds to `problems` a hint per out-of-scale value that repeats (in >= 2 cells and >= 1%
    /// of `respondents` rows of a column): it may be an undeclared missing code; the hint names
    /// the code, its count and share, and the schema key to add.
    void add_hints(problem_list& problems, std::size_t respondents) const;

private:
    /// An out-of-scale value: NaN, counted or added to `problems` as the policy says.
    double outside(std::size_t j, double x, std::size_t line, problem_list& problems);

    const read_options& options_;
    std::vector<item_column> items_;
    std::vector<std::size_t> missing_;  // per item: every cell that became missing
    struct value_count { double value; std::size_t count; };
    static constexpr std::size_t max_tallied = 8;     // distinct out-of-scale values kept per item
    std::vector<std::vector<value_count>> outside_;  // per item: out-of-scale values (error policy)
    std::array<std::size_t, 4> by_kind_{};
    std::size_t empty_ = 0, codes_ = 0, out_of_scale_ = 0;
};

/// The column names a survey reads: its items' columns, the weight, segment and wave columns.
struct survey_columns : std::unordered_set<std::string> {
    explicit survey_columns(const survey& s) {
        for (const auto& it : s.items) insert(it.column_name());
        if (!s.weight_column.empty()) insert(s.weight_column);
        for (const auto& g : s.segment_columns) insert(g);
        if (!s.wave_column.empty()) insert(s.wave_column);
        for (const auto& rc : record_columns(s)) insert(rc.first);
    }
};

/// A number as the shortest text that reads back the same ("5", "3.5", "-99").
std::string format_number(double x);
/// `text` in double quotes for a message, control characters escaped and long text cut short.
std::string quote_text(std::string_view text);
/// The hint naming the closest of `columns` to a missing column `name` (edit distance after
/// ASCII case folding and with spaces, '_' and '-' ignored), e.g. `; did you mean "Q 1"?` or
/// `; the closest: "q1", "Q11"`, or "" when none is close.
/// Columns in `taken` (those the survey reads for something else) are not suggested.
std::string closest_columns(const std::string& name, const std::vector<std::string>& columns,
                            const std::unordered_set<std::string>& taken = {});
/// The problem text for a weight that is not finite or negative, or "" if `w` is a good weight.
std::string weight_problem(double w);

}  // namespace detail
CSIKIT_NAMESPACE_END
