// Private helper: an RFC-4180 CSV tokenizer over text held in memory, and UTF-8 checks.
//
// The tokenizer hands out one record at a time as views into the source text, so reading a
// large file costs no allocation per cell. Only a quoted field with doubled quotes ("") is
// copied, into a scratch buffer owned by the tokenizer that lives until the next record.
#pragma once

#include "csikit/version.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// One field of a record.
struct csv_field {
    std::string_view text;    ///< the value: unquoted and unescaped, surrounding spaces trimmed
    std::size_t offset = 0;   ///< byte offset of the field's first byte in the source text
    std::size_t end = 0;      ///< byte offset just past the field (quotes included) in the source
    bool quoted = false;      ///< true if the field was enclosed in quotes
};

/// A quoting problem the tokenizer found; it keeps going after these (except `unterminated`).
struct csv_issue {
    enum kind_t { text_after_quote, unterminated } kind;
    std::size_t line = 0;   ///< line of the offending quote
    std::size_t field = 0;  ///< 0-based field index within the record
};

/// Splits CSV text into records. Line ends may be LF, CRLF or a lone CR; newlines inside quotes
/// are kept in the field and counted for line numbers.
class csv_tokenizer {
public:
    /// `text` must outlive the tokenizer; `first_line` is the line number of text[0]. A record
    /// keeps at most `max_fields` fields (the rest are skipped), so a line of 10^9 delimiters
    /// costs no memory; the caller sees fields.size() == max_fields and reports it.
    csv_tokenizer(std::string_view text, char delimiter, std::size_t first_line = 1,
                  std::size_t max_fields = static_cast<std::size_t>(-1)) noexcept;

    /// Reads the next record into `fields` (cleared first). Returns false at the end of input.
    /// Problems are appended to `issues`; after an `unterminated` issue the input is exhausted.
    bool next(std::vector<csv_field>& fields, std::vector<csv_issue>& issues);

    /// The line on which the record last returned by next() started.
    std::size_t record_line() const noexcept { return record_line_; }
    /// The byte offset at which the tokenizer stands (the start of the next record).
    std::size_t position() const noexcept { return pos_; }
    /// The line at which the tokenizer stands (the line of the next record).
    std::size_t line() const noexcept { return line_; }

private:
    std::string_view text_;
    char delim_;
    std::size_t max_fields_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t record_line_ = 1;
    std::string scratch_;  // unescaped text of fields with doubled quotes
    struct scratch_span { std::size_t field, begin, size; };
    std::vector<scratch_span> in_scratch_;  // fields whose text lives in scratch_
};

/// Finds the first CSV record longer than a limit, reading the text in pieces (quotes are
/// followed, so a quoted newline does not end a record). Used while a file is read, to stop at
/// the first overlong record instead of holding a file with no line ends whole.
class record_length_guard {
public:
    explicit record_length_guard(std::size_t limit) noexcept : limit_(limit) {}
    /// Feeds the next piece; false once a record is longer than the limit.
    bool feed(std::string_view piece) noexcept;
    /// Line on which the overlong record (or the current one) started, 1-based.
    std::size_t record_line() const noexcept { return record_line_; }

private:
    std::size_t limit_;
    std::size_t length_ = 0;   // bytes of the current record so far
    std::size_t line_ = 1;     // current line
    std::size_t record_line_ = 1;
    bool quoted_ = false;
    bool after_cr_ = false;    // the previous byte was a CR (a CRLF counts once)
};

/// Number of fields the first record of `text` splits into with `delimiter` (quotes respected),
/// counting at most `max_fields`.
std::size_t count_header_fields(std::string_view text, char delimiter, std::size_t max_fields);

/// Offset of the first byte of `s` that is not part of well-formed UTF-8 (RFC 3629: no overlong
/// forms, no surrogates, nothing above U+10FFFF), or std::string_view::npos if all is well.
std::size_t find_invalid_utf8(std::string_view s) noexcept;

enum class number_status { ok, not_number, not_finite };

/// Parses a whole cell as a number with std::from_chars. A decimal comma ("1,5") is accepted
/// when the delimiter is not a comma, as spreadsheets in many locales write it.
inline number_status parse_number(std::string_view s, char delim, double& out) {
    // Fast path for the usual rating cell: one or two digits.
    if (s.size() == 1 && s[0] >= '0' && s[0] <= '9') {
        out = s[0] - '0';
        return number_status::ok;
    }
    if (s.size() == 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') {
        out = (s[0] - '0') * 10 + (s[1] - '0');
        return number_status::ok;
    }
    const char* end = s.data() + s.size();
    auto [p, ec] = std::from_chars(s.data(), end, out);
    if (ec != std::errc() || p != end) {
        // Slow path, taken rarely: a leading '+', or a decimal comma where commas do not delimit.
        std::string_view t = s;
        if (t.size() > 1 && t[0] == '+' && t[1] != '+' && t[1] != '-') t.remove_prefix(1);
        char buf[64];
        if (t.size() >= sizeof buf) return number_status::not_number;
        const std::size_t len = t.copy(buf, sizeof buf);
        if (delim != ',' && std::count(buf, buf + len, ',') == 1 && std::count(buf, buf + len, '.') == 0)
            std::replace(buf, buf + len, ',', '.');
        else if (t.size() == s.size())
            return number_status::not_number;  // nothing to retry with
        auto [q, ec2] = std::from_chars(buf, buf + len, out);
        if (ec2 != std::errc() || q != buf + len) return number_status::not_number;
    }
    return std::isfinite(out) ? number_status::ok : number_status::not_finite;
}

/// `s` without leading and trailing spaces and tabs. Inline: it runs once per cell.
inline std::string_view trim(std::string_view s) noexcept {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

}  // namespace detail
CSIKIT_NAMESPACE_END
