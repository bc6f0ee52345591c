// Text for terminals: display width (CJK and full-width characters take two columns) and the
// escaping of control characters, so that bytes from a data file cannot drive a terminal.
#pragma once

#include "csikit/version.hpp"

#include <cstddef>
#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN

/// Terminal columns of a code point: 2 for East Asian wide and full-width characters, else 1.
std::size_t display_columns(char32_t code_point) noexcept;

/// Decodes the UTF-8 code point at s[i] and advances i; an invalid byte is returned as itself.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

/// Terminal columns a UTF-8 string takes (an invalid byte counts as one column).
std::size_t display_width(std::string_view s) noexcept;

/// `s` cut to at most `width` columns, ending in "~" when cut.
std::string fit_width(std::string_view s, std::size_t width);

/// `s` with every control character written as an escape: C0 controls (NUL, ESC, newline, tab,
/// ...) and DEL as \xNN, C1 controls (U+0080..U+009F) as \u0080, and bytes that are not valid
/// UTF-8 as \xNN. Everything else, non-ASCII letters included, is kept. For messages that
/// quote input (cells, names, file names) before they reach a terminal.
std::string escape_control(std::string_view s);

CSIKIT_NAMESPACE_END
