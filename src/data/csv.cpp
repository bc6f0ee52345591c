// The CSV tokenizer and UTF-8 checks behind read_responses (see csv.hpp).
#include "csv.hpp"

#include <algorithm>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

namespace {
bool is_blank(char c, char delim) noexcept { return (c == ' ' || c == '\t') && c != delim; }
}  // namespace

csv_tokenizer::csv_tokenizer(std::string_view text, char delimiter, std::size_t first_line,
                             std::size_t max_fields) noexcept
    : text_(text), delim_(delimiter), max_fields_(std::max<std::size_t>(1, max_fields)), line_(first_line),
      record_line_(first_line) {}

bool record_length_guard::feed(std::string_view piece) noexcept {
    for (const char c : piece) {
        const bool crlf = after_cr_ && c == '\n';
        after_cr_ = c == '\r';
        if (c == '"') quoted_ = !quoted_;  // "" toggles twice: exact for RFC 4180
        if (c == '\n' || c == '\r') {
            if (!crlf) ++line_;
            if (!quoted_) {
                length_ = 0;
                record_line_ = line_;
                continue;
            }
        }
        if (++length_ > limit_) return false;
    }
    return true;
}

bool csv_tokenizer::next(std::vector<csv_field>& fields, std::vector<csv_issue>& issues) {
    // Fields are written by index into the caller's vector, which keeps its size between
    // records, so the common case does no push_back at all.
    std::size_t k = 0;
    auto store = [&](const csv_field& f) {
        if (k >= max_fields_) return;  // past the caller's limit: skipped, not kept
        if (k < fields.size()) fields[k] = f;
        else fields.push_back(f);
        ++k;
    };
    scratch_.clear();
    in_scratch_.clear();
    const std::size_t n = text_.size();
    if (pos_ >= n) {
        fields.clear();
        return false;
    }
    record_line_ = line_;
    const char* t = text_.data();
    std::size_t p = pos_;
    for (;;) {
        csv_field f;
        f.offset = p;
        std::size_t q = p;
        while (q < n && is_blank(t[q], delim_)) ++q;
        if (q < n && t[q] == '"') {
            // Quoted field: runs to the next lone quote; "" stands for one quote.
            f.quoted = true;
            const std::size_t quote_line = line_;
            std::size_t start = ++q;
            bool escaped = false;
            std::size_t scratch_begin = scratch_.size();
            bool closed = false;
            while (q < n) {
                const char c = t[q];
                if (c == '"') {
                    if (q + 1 < n && t[q + 1] == '"') {
                        if (!escaped) {
                            escaped = true;
                            scratch_begin = scratch_.size();
                        }
                        scratch_.append(t + start, q + 1 - start);  // keeps one quote
                        q += 2;
                        start = q;
                        continue;
                    }
                    closed = true;
                    break;
                }
                if (c == '\n' || (c == '\r' && (q + 1 >= n || t[q + 1] != '\n'))) ++line_;
                ++q;
            }
            const std::size_t end = q;
            if (escaped && k >= max_fields_) {
                scratch_.resize(scratch_begin);  // a skipped field keeps no text
            } else if (escaped) {
                scratch_.append(t + start, end - start);
                in_scratch_.push_back({k, scratch_begin, scratch_.size() - scratch_begin});
            } else {
                f.text = std::string_view(t + start, end - start);
            }
            if (!closed) {
                issues.push_back({csv_issue::unterminated, quote_line, k});
                f.end = n;
                store(f);
                pos_ = n;
                break;
            }
            ++q;  // past the closing quote
            while (q < n && is_blank(t[q], delim_)) ++q;
            if (q < n && t[q] != delim_ && t[q] != '\n' && t[q] != '\r') {
                issues.push_back({csv_issue::text_after_quote, line_, k});
                while (q < n && t[q] != delim_ && t[q] != '\n' && t[q] != '\r') ++q;
            }
        } else {
            while (q < n && t[q] != delim_ && t[q] != '\n' && t[q] != '\r') ++q;
            f.text = trim(std::string_view(t + p, q - p));
        }
        f.end = q;
        store(f);
        if (q >= n) {
            pos_ = n;
            break;
        }
        const char c = t[q];
        if (c == delim_) {
            p = q + 1;  // at the end of input this yields one more, empty field
            continue;
        }
        ++line_;
        if (c == '\r' && q + 1 < n && t[q + 1] == '\n') ++q;
        pos_ = q + 1;
        break;
    }
    fields.resize(k);
    for (const auto& s : in_scratch_)
        fields[s.field].text = std::string_view(scratch_.data() + s.begin, s.size);
    return true;
}

std::size_t count_header_fields(std::string_view text, char delimiter, std::size_t max_fields) {
    csv_tokenizer tok(text, delimiter, 1, max_fields);
    std::vector<csv_field> fields;
    std::vector<csv_issue> issues;
    return tok.next(fields, issues) ? fields.size() : 0;
}

std::size_t find_invalid_utf8(std::string_view s) noexcept {
    const auto* u = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = u[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) len = 3, lo = 0xA0;            // no overlong 3-byte forms
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) len = 3, hi = 0x9F;            // no UTF-16 surrogates
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) len = 4, lo = 0x90;            // no overlong 4-byte forms
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) len = 4, hi = 0x8F;            // nothing above U+10FFFF
        else return i;
        if (i + len > n) return i;
        if (u[i + 1] < lo || u[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if (u[i + k] < 0x80 || u[i + k] > 0xBF) return i;
        i += len;
    }
    return std::string_view::npos;
}

}  // namespace detail
CSIKIT_NAMESPACE_END
