// The report's feedback section (docs/feedback.md): per multi-response item a bar table of the
// share of respondents naming each category, the breakdowns, the dissatisfied's categories
// beside the satisfied, and the lowest scorers' verbatims (HTML-escaped; left out on request).
#include "internal.hpp"

#include "csikit/format.hpp"

#include <cmath>
#include <string>

namespace csikit::inline v0::html_detail {

namespace {

struct words {
    std::string_view en, zh;
};

std::string w(const context& c, words x) { return std::string(c.zh ? x.zh : x.en); }

std::string share_text(double x) { return std::isfinite(x) ? format_fixed(100 * x, 1) + "%" : "\u2013"; }

/// A share as a number with a bar behind it (width in % of the cell).
std::string bar_cell(double x) {
    const double width = std::isfinite(x) ? std::max(0.0, std::min(100.0, 100 * x)) : 0;
    return "<td class=\"num\"><span class=\"fb-bar\" style=\"display:inline-block;height:0.8em;background:#4c78a8;width:" +
           format_fixed(width * 0.8, 1) + "px\"></span> " + html_escape(share_text(x)) + "</td>";
}

std::string overall_table(const context& c, const frequency_table& t) {
    std::string s = "<table class=\"data\"><thead><tr>" + th(w(c, {"category", "类别"})) + th("n", true) +
                    th(w(c, {"% of respondents", "提及人数占比"}), true) + th(w(c, {"% of mentions", "提及次数占比"}), true) +
                    "</tr></thead><tbody>\n";
    for (const auto& k : t.categories)
        s += "<tr>" + td(k.label) + tdn(std::to_string(k.count)) + bar_cell(k.share_of_respondents) +
             tdn(share_text(k.share_of_mentions)) + "</tr>\n";
    s += "</tbody></table>\n<p class=\"note\">" +
         html_escape(w(c, {"Respondents ", "作答人数 "}) + std::to_string(t.respondents) + w(c, {", mentions ", "，提及次数 "}) +
                     std::to_string(t.mentions) + w(c, {", named at least one ", "，至少提及一项 "}) + share_text(t.named_any)) +
         "</p>\n";
    return s;
}

std::string breakdown(const context& c, const std::vector<frequency_table>& ts) {
    if (ts.empty()) return "";
    std::string s = "<h4>" + html_escape(w(c, {"By ", "按 "}) + ts.front().column) + "</h4>\n<table class=\"data\"><thead><tr>" +
                    th(ts.front().column) + th("n", true);
    for (const auto& k : ts.front().categories) s += th(k.label, true);
    s += "</tr></thead><tbody>\n";
    for (const auto& t : ts) {
        s += "<tr>" + td(t.group) + tdn(std::to_string(t.respondents));
        for (const auto& k : t.categories) s += tdn(share_text(k.share_of_respondents));
        s += "</tr>\n";
    }
    return s + "</tbody></table>\n";
}

}  // namespace

std::string section_feedback(const context& c) {
    const feedback_report* r = c.in.feedback;
    if (!r || r->items.empty()) return "";
    std::string body;
    for (const auto& it : r->items) {
        body += "<h3>" + html_escape(it.label) + "</h3>\n" + overall_table(c, it.overall) + breakdown(c, it.by_segment) +
                breakdown(c, it.by_wave);
        if (!r->on.empty()) {
            body += "<h4>" + html_escape(w(c, {"Most named by the dissatisfied (not ", "不满意者提及最多（不满足 "}) +
                                         r->satisfied_rule + w(c, {" on ", "，依据 "}) + r->on + ")" + w(c, {"", "）"})) +
                    "</h4>\n<table class=\"data\"><thead><tr>" + th(w(c, {"category", "类别"})) +
                    th(w(c, {"% dissatisfied", "不满意者占比"}), true) + th(w(c, {"% satisfied", "满意者占比"}), true) +
                    "</tr></thead><tbody>\n";
            for (std::size_t k = 0; k < it.dissatisfied.categories.size(); ++k)
                body += "<tr>" + td(it.dissatisfied.categories[k].label) + bar_cell(it.dissatisfied.categories[k].share_of_respondents) +
                        tdn(k < it.satisfied.categories.size() ? share_text(it.satisfied.categories[k].share_of_respondents) : "\u2013") +
                        "</tr>\n";
            body += "</tbody></table>\n<p class=\"note\">" +
                    html_escape(w(c, {"Dissatisfied: ", "不满意人数："}) + std::to_string(it.dissatisfied.respondents) +
                                w(c, {" of ", " / "}) + std::to_string(it.dissatisfied.respondents + it.satisfied.respondents)) +
                    "</p>\n";
        }
    }
    if (!r->verbatims.empty()) {
        body += "<h3>" + html_escape(w(c, {"Verbatims of the lowest scores", "最低分受访者的原话"})) +
                "</h3>\n<table class=\"data\"><thead><tr>" + th(w(c, {"line", "行"}), true) + th(w(c, {"score", "得分"}), true) +
                th(w(c, {"answer", "回答"})) + "</tr></thead><tbody>\n";
        for (const auto& v : r->verbatims)
            body += "<tr>" + tdn(std::to_string(v.line)) + tdn(format_fixed(v.score, 1)) + td(v.text) + "</tr>\n";
        body += "</tbody></table>\n";
    }
    for (const auto& n : r->notes) body += "<p class=\"note\">" + html_escape(n) + "</p>\n";
    return section("sec-feedback", w(c, {"Feedback records", "反馈记录"}), body);
}

}  // namespace csikit::v0::html_detail
