// Private helper: a cell that holds a label of its item's scale ("非常满意", "Very satisfied")
// reads as the labelled value. Shared by every reader that meets text in a numeric item column
// (CSV, xlsx, SPSS/Stata string variables, Arrow string columns).
#pragma once

#include "csikit/schema.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// The value whose label, in any language, equals `text`: a scale value's, else a missing
/// code's (the code is returned, so the value rules count it as that kind of missing).
/// Spaces around `text` are ignored and ASCII letters compare case-insensitively; anything
/// else must match exactly. nullopt when no label matches.
std::optional<double> match_label(const scale& sc, std::string_view text);

/// The scale's labels for a message, e.g. `"非常不满意" = 1, ..., "非常满意" = 5`, at most
/// `max_labels` of them (then ", ...").
std::string labels_text(const scale& sc, std::size_t max_labels = 12);

/// The cells of one column that hold text which is neither a number nor a label, gathered so
/// that they are reported once per column (with their count) instead of once per row.
class unknown_text_tally {
public:
    void add(std::string_view text, std::size_t line);
    bool empty() const noexcept { return count_ == 0; }
    std::size_t count() const noexcept { return count_; }
    std::size_t first_line() const noexcept { return first_line_; }
    /// `37 cells hold text that is neither a number nor a label of scale "sat5": "很满意" (30,
    /// first on line 2), "ok" (7) (expected EXPECTED, or one of its labels: ...)`.
    std::string message(const scale& sc, const std::string& expected) const;

private:
    struct sample { std::string text; std::size_t count, line; };
    static constexpr std::size_t max_samples = 3;
    std::vector<sample> samples_;  // the first distinct texts met
    std::size_t count_ = 0, first_line_ = 0;
};

}  // namespace detail
CSIKIT_NAMESPACE_END
