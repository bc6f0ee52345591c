#include "labels.hpp"

#include "csv.hpp"
#include "responses_check.hpp"

#include <string>

CSIKIT_NAMESPACE_BEGIN
namespace detail {
namespace {

bool same_label(std::string_view a, std::string_view b) noexcept {
    a = trim(a);
    b = trim(b);
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return !a.empty();
}

bool matches(const localized_text& label, std::string_view text) noexcept {
    for (const auto& [lang, t] : label.by_language)
        if (same_label(t, text)) return true;
    return false;
}

}  // namespace

std::optional<double> match_label(const scale& sc, std::string_view text) {
    for (const scale_value& v : sc.values)
        if (matches(v.label, text)) return v.value;
    for (const missing_code& m : sc.missing)
        if (matches(m.label, text)) return m.code;
    return std::nullopt;
}

std::string labels_text(const scale& sc, std::size_t max_labels) {
    std::string out;
    std::size_t shown = 0;
    for (const scale_value& v : sc.values) {
        if (v.label.empty()) continue;
        if (shown == max_labels) return out + ", ...";
        out += (shown++ ? ", " : "") + quote_text(v.label.get()) + " = " + format_number(v.value);
    }
    return out;
}

}  // namespace detail
CSIKIT_NAMESPACE_END
