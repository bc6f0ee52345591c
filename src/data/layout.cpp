// Survey platforms' CSV header layouts (see layout.hpp for each platform's shape).
#include "layout.hpp"

#include "csv.hpp"

#include "csikit/data.hpp"

#include <algorithm>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

namespace {

bool has_field(const std::vector<std::string>& r, std::string_view name) {
    return std::find(r.begin(), r.end(), name) != r.end();
}

bool is_response_label(std::string_view s) { return s.empty() || s == "Response" || s == "Open-Ended Response"; }

}  // namespace

const char* layout_name(export_layout k) noexcept {
    switch (k) {
        case export_layout::qualtrics: return "qualtrics";
        case export_layout::surveymonkey: return "surveymonkey";
        case export_layout::wjx: return "wjx";
        case export_layout::plain: break;
    }
    return "csv";
}

header_layout detect_layout(std::string_view text, char delim, int forced_rows) {
    // The first three records, as text (at most max_columns fields each).
    csv_tokenizer tok(text, delim, 1, max_columns + 1);
    std::vector<csv_field> fields;
    std::vector<csv_issue> issues;
    std::vector<std::vector<std::string>> rec;
    while (rec.size() < 3 && tok.next(fields, issues)) {
        std::vector<std::string> r;
        r.reserve(fields.size());
        for (const auto& f : fields) r.emplace_back(trim(f.text));
        rec.push_back(std::move(r));
    }
    header_layout found;
    if (rec.size() >= 3 && std::any_of(rec[2].begin(), rec[2].end(), [](const std::string& f) {
            return f.rfind("{\"ImportId\"", 0) == 0;
        }))
        found = {export_layout::qualtrics, 3};
    else if (rec.size() >= 2 && has_field(rec[0], "Respondent ID") &&
             (has_field(rec[1], "Response") || has_field(rec[1], "Open-Ended Response")))
        found = {export_layout::surveymonkey, 2};
    else if (!rec.empty() && has_field(rec[0], "序号") &&
             (has_field(rec[0], "提交答卷时间") || has_field(rec[0], "所用时间")))
        found = {export_layout::wjx, 1};
    if (forced_rows > 0 && static_cast<std::size_t>(forced_rows) != found.rows)
        found = {export_layout::plain, static_cast<std::size_t>(forced_rows)};
    return found;
}

std::vector<std::string> layout_names(const std::vector<std::vector<std::string>>& records, export_layout k) {
    if (records.empty()) return {};
    std::vector<std::string> names = records[0];
    if (k != export_layout::surveymonkey || records.size() < 2) return names;
    const auto& sub = records[1];
    std::string question;
    for (std::size_t c = 0; c < names.size(); ++c) {
        if (!names[c].empty()) question = names[c];
        const std::string_view label = c < sub.size() ? std::string_view(sub[c]) : std::string_view();
        names[c] = is_response_label(label) ? question : question.empty() ? std::string(label)
                                                                          : question + " - " + std::string(label);
    }
    return names;
}

bool skipped_cell(export_layout k, std::string_view cell) noexcept {
    return k == export_layout::wjx && (cell == "(跳过)" || cell == "（跳过）");
}

}  // namespace detail
CSIKIT_NAMESPACE_END
