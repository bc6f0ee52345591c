// Issue 14 sections of the HTML report drawn from their result structs: the composition-adjusted
// scores (a raw and an adjusted column per group, the raw and the adjusted change; inside the
// wave section when the groups are the waves) and the crosstabs (shares with the column letters
// and the test line, as `csikit crosstab` prints them).
#include "internal.hpp"

#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

std::string ci_of(const interval& ci) {
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return "\u2013";
    return range_text(ci.lower, ci.upper, 1);
}

std::string figure_label(const context& c, const std::string& id) {
    const std::string node = c.node_label(id);
    const std::string label = node != id ? node : c.item_label(id);
    return label != id ? id + "  " + label : id;
}

}  // namespace

std::string adjusted_table(const context& c) {
    const auto* a = c.in.adjusted;
    if (!a) return "";
    const std::string ref = a->options.reference == reference_mix::pooled ? (c.zh ? "各组合并构成" : "the pooled mix")
                            : a->options.reference == reference_mix::first ? (c.zh ? "首组构成" : "the first group's mix")
                                                                           : (c.zh ? "给定构成" : "the given shares");
    std::string out = "<h3 id=\"adjusted\">" +
                      html_escape((c.zh ? "构成调整后的得分（按 " : "Composition-adjusted scores (adjusted for ") +
                                  a->options.adjust_for + (c.zh ? " 直接标准化至" : ", direct standardisation to ") + ref +
                                  (c.zh ? "）" : ")")) + "</h3>\n";
    out += "<table class=\"data adjusted\"><thead><tr>" + th(c.t("figure")) + th(a->options.by) + th("n", true) +
           th(c.zh ? "原始" : "raw", true) + th(c.t("ci"), true) + th(c.zh ? "调整后" : "adjusted", true) + th(c.t("ci"), true) +
           "</tr></thead><tbody>\n";
    for (const auto& f : a->figures)
        out += "<tr>" + td(figure_label(c, f.id)) + td(f.group) + tdn(std::to_string(f.raw.n)) + tdn(num(f.raw.mean, 1)) +
               tdn(ci_of(f.raw.ci)) + tdn(num(f.adjusted.mean, 1)) + tdn(ci_of(f.adjusted.ci)) + "</tr>\n";
    out += "</tbody></table>\n";
    if (!a->changes.empty()) {
        out += "<table class=\"data adjusted-changes\"><thead><tr>" + th(c.t("figure")) + th(c.t("change")) +
               th(c.zh ? "原始变化" : "raw change", true) + th("p", true) + th(c.zh ? "调整后变化" : "adjusted change", true) +
               th(c.t("ci"), true) + th("p", true) + th("") + "</tr></thead><tbody>\n";
        for (const auto& ch : a->changes) {
            const auto& t = ch.adjusted;
            out += "<tr>" + td(figure_label(c, ch.id)) + td(ch.from + " \u2192 " + ch.to) + tdn(num(ch.raw.difference, 1)) +
                   tdn(p_text(ch.raw.p_value)) + tdn(num(t.difference, 1)) + tdn(ci_of(t.ci)) + tdn(p_text(t.p_value)) + "<td>" +
                   change_mark(t.difference, t.p_value, std::isfinite(t.p_value) && t.p_value < 1 - a->options.scoring.level) +
                   "</td></tr>\n";
        }
        out += "</tbody></table>\n";
    }
    for (const auto& n : a->notes) out += "<p class=\"hint\">" + html_escape(n) + "</p>\n";
    return out;
}

std::string section_adjusted(const context& c) {
    // With the waves as the groups the table sits in the wave section (section_waves).
    const auto* a = c.in.adjusted;
    if (!a || (c.in.scores && c.in.scores->by_wave.size() >= 2 && a->options.by == c.in.schema->wave_column)) return "";
    return section("sec-adjusted", c.zh ? "构成调整后的比较" : "Composition-adjusted comparison", adjusted_table(c));
}

std::string section_crosstabs(const context& c) {
    if (c.in.crosstabs.empty()) return "";
    std::string body;
    for (const auto& x : c.in.crosstabs) {
        body += "<h3>" + html_escape(x.variable + (x.label.empty() || x.label == x.variable ? "" : "  " + x.label) +
                                     (c.zh ? " 按 " : " by ") + x.options.cols) + "</h3>\n";
        for (const auto& tb : x.tables) {
            if (!tb.layer_value.empty()) body += "<h4>" + html_escape(x.options.layer + " = " + tb.layer_value) + "</h4>\n";
            body += "<table class=\"data crosstab\"><thead><tr>" + th(x.variable);
            for (std::size_t j = 0; j < x.columns.size(); ++j)
                body += th(x.columns[j].value + " (" + x.letters[j] + ")", true);
            body += "</tr></thead><tbody>\n";
            for (std::size_t i = 0; i < x.rows.size(); ++i) {
                body += "<tr>" + td(x.rows[i].label.empty() ? x.rows[i].value : x.rows[i].label);
                for (std::size_t j = 0; j < x.columns.size(); ++j) {
                    const auto& cell = tb.cells[i][j];
                    body += "<td class=\"num\">" + html_escape(pct(cell.col_share)) +
                            (cell.letters.empty() ? "" : " <b class=\"letters\">" + html_escape(cell.letters) + "</b>") + "</td>";
                }
                body += "</tr>\n";
            }
            if (!tb.col_score.empty()) {
                body += "<tr>" + td(c.zh ? "得分 (0-100)" : "score (0-100)");
                for (const auto& m : tb.col_score) body += tdn(num(m.mean, 1) + " " + ci_of(m.ci));
                body += "</tr>\n";
            }
            body += "<tr>" + td("n");
            for (const auto n : tb.col_count) body += tdn(std::to_string(n));
            body += "</tr>\n</tbody></table>\n";
            const auto& t = tb.test;
            std::string line;
            if (t.computed) {
                line = (t.rao_scott ? "Rao-Scott \u03C7\u00B2 = " : "Pearson \u03C7\u00B2 = ") + num(t.statistic, 2) + ", df " +
                       num(t.statistic_df, t.rao_scott ? 2 : 0) + ", p " + p_text(t.statistic_p) + ", Cram\u00E9r's V " +
                       num(t.cramers_v, 3);
            } else {
                line = c.zh ? "未做检验：" + t.note : "no test: " + t.note;
            }
            body += "<p class=\"test-line\">" + html_escape(line) + "</p>\n";
        }
        body += "<p class=\"hint\">" +
                html_escape(c.zh ? "列百分比；字母标出该列比例显著高于哪些列（两比例 z 检验，Holm 校正，alpha " + num(x.options.alpha, 2) + "）"
                                 : "Column shares; a letter marks a column whose share this cell's is significantly larger than "
                                   "(two-proportion z test, Holm-corrected, alpha " + num(x.options.alpha, 2) + ").") +
                "</p>\n";
    }
    return section("sec-crosstabs", c.zh ? "交叉表" : "Crosstabs", body);
}

}  // namespace csikit::v0::html_detail
