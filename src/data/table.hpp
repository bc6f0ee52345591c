// Private helper: a table read from a labelled file (SPSS, Stata, Excel) before the survey is
// applied: one column per variable with its values and its metadata. The readers fill it; the
// conversion to responses (responses_table.cpp) and the schema draft (draft.cpp) read it.
#pragma once

#include "csikit/data.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// SPSS's measurement level of a variable (Stata and Excel have none: unknown).
enum class measure_level { unknown, nominal, ordinal, scale };

/// One variable. A cell is a number (`numbers[r]`, NaN = empty or system-missing) and/or a
/// text (`texts[r]`, "" = none; `texts` is empty when the column holds no text at all). An
/// Excel date cell has both: the serial number for items, the ISO date for segment columns.
struct table_column {
    std::string name;
    std::string label;                                     ///< variable label ("" = none)
    std::vector<std::pair<double, std::string>> value_labels;  ///< code -> label, file order
    std::vector<std::pair<double, double>> missing_ranges;     ///< user-missing: [lo, hi] (lo == hi: one code)
    measure_level measure = measure_level::unknown;
    bool is_string = false;                                ///< a string variable (SPSS/Stata)
    std::vector<double> numbers;
    std::vector<std::string> texts;
    std::vector<std::uint8_t> tagged;                      ///< 1 = Stata extended missing (.a-.z); empty = none

    bool file_missing(double x) const noexcept {
        for (const auto& [lo, hi] : missing_ranges)
            if (x >= lo && x <= hi) return true;
        return false;
    }
    const std::string* label_of(double x) const noexcept {
        for (const auto& [v, l] : value_labels)
            if (v == x) return &l;
        return nullptr;
    }
    std::string_view text(std::size_t r) const noexcept {
        return r < texts.size() ? std::string_view(texts[r]) : std::string_view();
    }
};

/// A whole table, as one of the readers returns it.
struct raw_table {
    std::string format;                ///< "SPSS .sav", "SPSS .zsav", "Stata .dta", "Excel .xlsx"
    std::string source;                ///< file name for messages
    std::string file_label;            ///< the file's label or sheet name
    std::vector<table_column> columns;
    std::size_t rows = 0;
    std::vector<std::size_t> lines;    ///< per row: case number (SPSS/Stata) or sheet row (Excel)
    std::string weight_variable;       ///< the file's weight variable (SPSS WEIGHT BY), "" = none
    std::string line_word = "case";    ///< what `lines` count, for messages: "case" or "row"
};

/// Which columns a reader must keep: the names in `only`, or every column when it is unset
/// (the schema draft). Readers skip the others, so a wide file costs only what the survey reads.
using column_filter = std::optional<std::set<std::string>>;

/// Limits of the labelled-file readers (docs/reliability.md). Cells are counted as rows x kept
/// columns; the readers stop with an error naming the limit when a file claims more.
inline constexpr std::size_t max_table_cells = std::size_t{1} << 28;  ///< 268,435,456 cells

/// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD, so that a
/// broken file's names and texts never reach a message (or Python) as invalid UTF-8.
std::string valid_utf8(std::string_view s);

/// The columns the survey reads: items, weight, segments, wave.
std::set<std::string> survey_column_set(const survey& s);

/// Applies the survey to a table: the same value rules, counts and messages as the CSV reader
/// (value_checker); text in an item column goes through match_label; a code the file declares
/// user-missing (or a Stata .a-.z) that the schema does not declare is missing and counted under
/// codes_by_kind["declared_in_file"]. Without a weight column in the schema, the file's weight
/// variable is used (SPSS keeps WEIGHT BY in force in the file).
responses table_to_responses(const raw_table& t, const survey& s, const read_options& options);

}  // namespace detail
CSIKIT_NAMESPACE_END
