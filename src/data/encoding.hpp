// Private helper: the text encodings the CSV reader accepts, their detection, and a streaming
// transcoder to UTF-8 (glibc's iconv), so a GBK or UTF-16 file is converted piece by piece as
// it is read and the raw bytes are never held whole.
#pragma once

#include "csikit/version.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

enum class text_encoding { utf8, utf16le, utf16be, gbk, gb18030, latin1, cp1252 };

/// The encoding `name` stands for ("gbk", "GB18030", "utf-16", "latin-1", "cp1252", ...; case
/// and '-'/'_' ignored). "" = detect: nullopt. argument_error naming the choices otherwise.
/// "utf-16" without an order is returned as utf16le and settled by detect_encoding.
std::optional<text_encoding> parse_encoding(std::string_view name);

/// The names accepted by --encoding, for messages and usage text.
inline constexpr const char* encoding_choices = "utf-8, utf-16 (utf-16le, utf-16be), gbk, gb18030, latin-1, cp1252";

/// The encoding of a text and the length of its byte-order mark. A BOM wins (UTF-8 EF BB BF,
/// UTF-16 FF FE / FE FF); without one, `given` if set (utf-16 then takes its byte order from
/// where the zero bytes of ASCII text sit), else UTF-16 when the first bytes look like it, else
/// UTF-8.
struct detected_encoding {
    text_encoding encoding = text_encoding::utf8;
    std::size_t bom = 0;
};
detected_encoding detect_encoding(std::string_view first_bytes, std::optional<text_encoding> given) noexcept;

/// The display name used in messages ("GBK", "UTF-16LE", ...).
const char* encoding_name(text_encoding e) noexcept;

/// Converts text in `from` to UTF-8 piece by piece. A piece may end inside a character; the
/// rest waits for the next piece. A byte sequence that is not valid in `from` is a parse_error
/// naming its line (counted in the converted text) and file offset.
class transcoder {
public:
    transcoder(text_encoding from, std::string source, std::size_t first_offset = 0);
    ~transcoder();
    transcoder(const transcoder&) = delete;
    transcoder& operator=(const transcoder&) = delete;

    /// Appends the UTF-8 of `piece` to `out`; `last` = no more input follows.
    void feed(std::string_view piece, bool last, std::string& out);

private:
    [[noreturn]] void fail(std::string_view in, std::size_t at, bool truncated, const std::string& out) const;
    void* cd_;
    text_encoding from_;
    std::string source_;
    std::string pending_;        // bytes of an incomplete character from the previous piece
    std::size_t offset_;         // file offset of the first byte of pending_ + the next piece
    std::size_t lines_ = 0;      // line ends in the UTF-8 written so far
    std::size_t counted_ = 0;    // out.size() up to which lines_ counts
};

/// The message for the first byte that is not UTF-8, at `offset` of `text` (whole file text),
/// with the likely encoding and how to read it: GBK/GB18030 when the bytes of that line on
/// decode as GB18030 and look like Chinese double-byte text, Latin-1 otherwise.
std::string not_utf8_message(std::string_view text, std::size_t offset);

}  // namespace detail
CSIKIT_NAMESPACE_END
