#include "csikit/text.hpp"

CSIKIT_NAMESPACE_BEGIN

std::size_t display_columns(char32_t cp) noexcept {
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
}

namespace {

/// Length of the valid UTF-8 sequence at s[i], or 0 when the byte there starts none.
std::size_t sequence_length(std::string_view s, std::size_t i) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) return 1;
    const std::size_t len = (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    return len;
}

}  // namespace

char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    const auto b = static_cast<unsigned char>(s[i]);
    const int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + static_cast<std::size_t>(len) > s.size() || len == 1) {
        ++i;
        return b;
    }
    char32_t cp = b & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

std::size_t display_width(std::string_view s) noexcept {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) w += display_columns(next_code_point(s, i));
    return w;
}

std::string fit_width(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return std::string(s);
    std::size_t w = 0, i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        const std::size_t c = display_columns(next_code_point(s, j));
        if (w + c + 1 > width) break;
        w += c;
        i = j;
    }
    return std::string(s.substr(0, i)) + "~";
}

std::string escape_control(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = sequence_length(s, i);
        if (len == 0 || b < 0x20 || b == 0x7F) {
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 15];
            ++i;
        } else if (len == 2 && b == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
            const auto c = static_cast<unsigned char>(s[i + 1]);  // U+0080..U+009F
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
            i += 2;
        } else {
            out.append(s.substr(i, len));
            i += len;
        }
    }
    return out;
}

CSIKIT_NAMESPACE_END
