// Private helper: a cell that holds a label of its item's scale ("非常满意", "Very satisfied")
// reads as the labelled value. Shared by every reader that meets text in a numeric item column
// (CSV, xlsx, SPSS/Stata string variables, Arrow string columns).
#pragma once

#include "csikit/schema.hpp"

#include <optional>
#include <string_view>

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

}  // namespace detail
CSIKIT_NAMESPACE_END
