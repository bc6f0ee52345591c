// Encodings of CSV input: names, detection, iconv transcoding and the not-UTF-8 message.
#include "encoding.hpp"

#include "csikit/error.hpp"

#include <cerrno>
#include <iconv.h>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

namespace {

std::string normalized(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '-' || c == '_' || c == ' ') continue;
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return out;
}

const char* iconv_name(text_encoding e) noexcept {
    switch (e) {
        case text_encoding::utf8: return "UTF-8";
        case text_encoding::utf16le: return "UTF-16LE";
        case text_encoding::utf16be: return "UTF-16BE";
        case text_encoding::gbk: return "GBK";
        case text_encoding::gb18030: return "GB18030";
        case text_encoding::latin1: return "ISO-8859-1";
        case text_encoding::cp1252: return "CP1252";
    }
    return "UTF-8";
}

/// Line ends before `end` in `text`, counted as the CSV tokenizer counts them (LF, CRLF, CR).
std::size_t count_lines(std::string_view text, std::size_t end) {
    std::size_t lines = 0;
    for (std::size_t i = 0; i < end && i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++lines;
    return lines;
}

std::string hex_byte(unsigned char b) {
    static const char* hex = "0123456789ABCDEF";
    return std::string("0x") + hex[b >> 4] + hex[b & 15];
}

/// True if `bytes` decode as GB18030 (an incomplete character at the end is allowed).
bool decodes_as_gb18030(std::string_view bytes) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    std::string in(bytes);
    char* inp = in.data();
    std::size_t inleft = in.size();
    char buf[4096];
    bool ok = true;
    while (inleft > 0) {
        char* outp = buf;
        std::size_t outleft = sizeof buf;
        if (iconv(cd, &inp, &inleft, &outp, &outleft) == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) continue;
            ok = errno == EINVAL;  // cut inside a character at the window's end
            break;
        }
    }
    iconv_close(cd);
    return ok;
}

/// GBK text is pairs of high bytes (lead 0x81-0xFE, trail mostly >= 0x80 for hanzi); Latin-1
/// text has single high bytes between ASCII letters, which GB18030 may also accept ("ü" +
/// "l"). Counts both shapes among the high bytes of `bytes`.
bool looks_double_byte(std::string_view bytes) {
    std::size_t pairs = 0, singles = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) continue;
        if (i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) >= 0x80) {
            ++pairs;
            ++i;
        } else {
            ++singles;
        }
    }
    return pairs > 0 && pairs >= singles;
}

}  // namespace

std::optional<text_encoding> parse_encoding(std::string_view name) {
    const std::string n = normalized(name);
    if (n.empty()) return std::nullopt;
    if (n == "utf8") return text_encoding::utf8;
    if (n == "utf16" || n == "utf16le" || n == "ucs2") return text_encoding::utf16le;
    if (n == "utf16be") return text_encoding::utf16be;
    if (n == "gbk" || n == "cp936" || n == "gb2312") return text_encoding::gbk;
    if (n == "gb18030") return text_encoding::gb18030;
    if (n == "latin1" || n == "iso88591" || n == "l1") return text_encoding::latin1;
    if (n == "cp1252" || n == "windows1252") return text_encoding::cp1252;
    throw argument_error({{}, 0, "encoding"},
                         "unknown encoding \"" + std::string(name) + "\" (expected one of " + encoding_choices + ")");
}

detected_encoding detect_encoding(std::string_view b, std::optional<text_encoding> given) noexcept {
    if (b.substr(0, 3) == "\xEF\xBB\xBF") return {text_encoding::utf8, 3};
    if (b.substr(0, 2) == "\xFF\xFE") return {text_encoding::utf16le, 2};
    if (b.substr(0, 2) == "\xFE\xFF") return {text_encoding::utf16be, 2};
    // ASCII text in UTF-16 has a zero byte in every other place: after the letter (LE) or before.
    const bool le = b.size() >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0;
    const bool be = b.size() >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0;
    if (given) {
        // --encoding utf-16 names no byte order: the zero bytes tell it.
        if ((*given == text_encoding::utf16le || *given == text_encoding::utf16be) && (le || be))
            return {le ? text_encoding::utf16le : text_encoding::utf16be, 0};
        return {*given, 0};
    }
    if (le) return {text_encoding::utf16le, 0};
    if (be) return {text_encoding::utf16be, 0};
    return {text_encoding::utf8, 0};
}

const char* encoding_name(text_encoding e) noexcept {
    switch (e) {
        case text_encoding::latin1: return "Latin-1";
        default: return iconv_name(e);
    }
}

transcoder::transcoder(text_encoding from, std::string source, std::size_t first_offset)
    : cd_(nullptr), from_(from), source_(std::move(source)), offset_(first_offset) {
    iconv_t cd = iconv_open("UTF-8", iconv_name(from));
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw io_error({source_, 0, ""}, std::string("this system's iconv cannot convert ") + encoding_name(from) +
                                             " (expected glibc's iconv with its gconv modules)");
    cd_ = cd;
}

transcoder::~transcoder() { iconv_close(static_cast<iconv_t>(cd_)); }

void transcoder::feed(std::string_view piece, bool last, std::string& out) {
    std::string joined;
    std::string_view in = piece;
    if (!pending_.empty()) {
        joined = pending_ + std::string(piece);
        in = joined;
    }
    // iconv takes a non-const input pointer (POSIX) but does not write through it.
    char* inp = const_cast<char*>(in.data());
    std::size_t inleft = in.size();
    pending_.clear();
    while (inleft > 0) {
        const std::size_t old = out.size();
        out.resize(old + inleft * 2 + 16);  // UTF-8 needs at most 2x the bytes of any of these
        char* outp = out.data() + old;
        std::size_t outleft = out.size() - old;
        const std::size_t r = iconv(static_cast<iconv_t>(cd_), &inp, &inleft, &outp, &outleft);
        out.resize(static_cast<std::size_t>(outp - out.data()));
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) continue;
        const std::size_t at = static_cast<std::size_t>(inp - in.data());
        if (errno == EINVAL) {  // the piece ends inside a character
            if (last) fail(in, at, true, out);
            pending_.assign(inp, inleft);
            offset_ += in.size() - inleft;
            return;
        }
        fail(in, at, false, out);
    }
    offset_ += in.size();
}

void transcoder::fail(std::string_view in, std::size_t at, bool truncated, const std::string& out) const {
    const std::size_t line = count_lines(out, out.size()) + 1;
    const std::string where = "file offset " + std::to_string(offset_ + at);
    if (truncated)
        throw parse_error({source_, line, ""}, std::string("the file ends inside a character (expected complete ") +
                                                   encoding_name(from_) + " text; is the file cut short?)");
    throw parse_error({source_, line, ""},
                      "byte " + hex_byte(static_cast<unsigned char>(in[at])) + " at " + where + " is not valid " +
                          encoding_name(from_) + " (expected text in the encoding --encoding names; " +
                          "is it the right one? " + encoding_choices + ")");
}

std::string not_utf8_message(std::string_view text, std::size_t offset) {
    const auto b = static_cast<unsigned char>(text[offset]);
    const std::size_t found = offset == 0 ? std::string_view::npos : text.find_last_of("\r\n", offset - 1);
    const std::size_t line_start = found == std::string_view::npos ? 0 : found + 1;
    const std::string_view window = text.substr(line_start, std::size_t{1} << 16);
    const bool chinese = decodes_as_gb18030(window) && looks_double_byte(window);
    const char* flag = chinese ? "gbk" : "latin-1";
    return "invalid UTF-8: byte " + hex_byte(b) + " at byte " + std::to_string(offset - line_start + 1) +
           " of the line, file offset " + std::to_string(offset) + " (expected UTF-8 text; it looks like " +
           (chinese ? "GBK/GB18030 (Chinese Windows or Excel)" : "Latin-1 (Western European)") +
           ": read it with --encoding " + flag + " (Python: encoding=\"" + flag +
           "\"), or re-save the file as UTF-8)";
}

}  // namespace detail
CSIKIT_NAMESPACE_END
