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
        // Every language: a cell may hold any of them ("Very satisfied" / "非常满意" = 5).
        std::string names;
        for (const auto& [lang, text] : v.label.by_language)
            if (!text.empty()) names += (names.empty() ? "" : " / ") + quote_text(text);
        out += (shown++ ? ", " : "") + names + " = " + format_number(v.value);
    }
    return out;
}

void unknown_text_tally::add(std::string_view text, std::size_t line) {
    if (count_++ == 0) first_line_ = line;
    for (auto& x : samples_)
        if (x.text == text) {
            ++x.count;
            return;
        }
    if (samples_.size() < max_samples) samples_.push_back({std::string(text), 1, line});
}

std::string unknown_text_tally::message(const scale& sc, const std::string& expected) const {
    std::string out = std::to_string(count_) + (count_ == 1 ? " cell holds" : " cells hold") +
                      " text that is neither a number nor a label of scale \"" + sc.id + "\": ";
    std::size_t listed = 0;
    for (std::size_t k = 0; k < samples_.size(); ++k) {
        out += (k ? ", " : "") + quote_text(samples_[k].text) + " (" + std::to_string(samples_[k].count) +
               (k == 0 ? ", first on line " + std::to_string(samples_[k].line) : std::string()) + ")";
        listed += samples_[k].count;
    }
    if (listed < count_) out += ", ...";
    const std::string labels = labels_text(sc);
    return out + " (expected " + expected +
           (labels.empty() ? "; the scale has no labels: give its \"values\" labels in the schema to read text"
                           : ", or one of its labels: " + labels) +
           ")";
}

}  // namespace detail
CSIKIT_NAMESPACE_END
