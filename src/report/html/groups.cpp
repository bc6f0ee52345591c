// The group section of the HTML report (docs/mga.md): per-group paths and R2 side by side, the
// differences with their tests, MICOM's verdicts. Drawn from the mga_result the JSON serializes.
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

std::string fixed(double x, int d = 3) { return std::isfinite(x) ? format_fixed(x, d) : "\u2013"; }

}  // namespace

std::string section_groups(const context& c) {
    const mga_result* r = c.in.groups;
    if (!r) return "";
    const std::size_t G = r->groups.size();
    const bool many = G > 2, boot = r->bootstrap > 0, perm = r->permutations > 0;
    std::string body = "<p>" +
                       html_escape(w(c, {"Each group re-estimated; ", "各组分别估计；"}) + r->missing_note) + "</p>\n";
    body += "<p class=\"note\">" +
            html_escape(w(c, {"Permutations: ", "置换次数："}) + std::to_string(r->permutations) +
                        w(c, {", bootstrap per group: ", "，每组自助抽样："}) + std::to_string(r->bootstrap) +
                        w(c, {", seed ", "，随机种子 "}) + std::to_string(r->options.seed) +
                        (many ? w(c, {"; p adjusted over the pairs (", "；两两比较 p 值已校正（"}) + to_string(r->options.adjust) +
                                    w(c, {")", "）"})
                              : std::string())) +
            "</p>\n";
    // Per-group estimates side by side.
    body += "<h3>" + html_escape(w(c, {"Paths and R\u00B2 per group", "各组路径系数与 R\u00B2"})) + "</h3>\n<table class=\"data\"><thead><tr>" +
            th(w(c, {"estimate", "参数"}));
    for (const auto& g : r->groups) body += th(g.value + " (n = " + std::to_string(g.used) + ")", true);
    if (many && perm) body += th(w(c, {"omnibus p", "总体检验 p"}), true);
    body += "</tr></thead><tbody>\n";
    for (const auto& p : r->parameters) {
        if (p.kind != parameter_kind::path && p.kind != parameter_kind::r2) continue;
        body += "<tr>" + td(p.kind == parameter_kind::r2 ? "R\u00B2 " + p.label : p.label);
        for (std::size_t g = 0; g < G; ++g) body += tdn(fixed(p.estimate[g]));
        if (many && perm) body += tdn(p_text(p.omnibus_p) + " " + stars(p.omnibus_p));
        body += "</tr>\n";
    }
    body += "</tbody></table>\n";
    // Differences with their tests.
    if (perm || boot) {
        body += "<h3>" + html_escape(w(c, {"Differences between groups", "组间差异检验"})) + "</h3>\n<table class=\"data\"><thead><tr>" +
                th(w(c, {"estimate", "参数"})) + th(w(c, {"groups", "比较组"})) + th(w(c, {"difference", "差值"}), true);
        if (perm) body += th(w(c, {"p permutation", "置换检验 p"}), true);
        if (boot) body += th("p PLS-MGA", true) + th(w(c, {"p parametric", "参数检验 p"}), true) + th(w(c, {"p Welch", "Welch 检验 p"}), true);
        body += "</tr></thead><tbody>\n";
        for (const auto& cmp : r->comparisons) {
            const auto& p = r->parameters[cmp.parameter];
            if (p.kind != parameter_kind::path && p.kind != parameter_kind::r2) continue;
            const double pp = many ? cmp.p_permutation_adjusted : cmp.p_permutation;
            body += "<tr>" + td(p.kind == parameter_kind::r2 ? "R\u00B2 " + p.label : p.label) +
                    td(r->groups[cmp.g1].value + " \u2212 " + r->groups[cmp.g2].value) + tdn(fixed(cmp.difference));
            if (perm) body += tdn(p_text(pp) + " " + stars(pp));
            if (boot) {
                const double pk = many ? cmp.p_parametric_adjusted : cmp.p_parametric, pw = many ? cmp.p_welch_adjusted : cmp.p_welch;
                body += tdn(p_text(cmp.p_mga_two_sided) + " " + stars(cmp.p_mga_two_sided)) + tdn(p_text(pk) + " " + stars(pk)) +
                        tdn(p_text(pw) + " " + stars(pw));
            }
            body += "</tr>\n";
        }
        body += "</tbody></table>\n";
    }
    // MICOM.
    if (r->micom) {
        body += "<h3>" + html_escape(w(c, {"Measurement invariance (MICOM)", "测量不变性检验（MICOM）"})) + "</h3>\n<p>" +
                html_escape(w(c, {"Step 1, configural invariance: ", "第一步，构形不变性："}) +
                            (r->micom->configural_ok ? w(c, {"established", "成立"}) : w(c, {"not established", "不成立"}))) +
                "</p>\n<ul>";
        for (const auto& line : r->micom->configural) body += "<li>" + html_escape(line) + "</li>";
        body += "</ul>\n";
        for (const auto& mp : r->micom->pairs) {
            body += "<table class=\"data\"><thead><tr>" + th(r->groups[mp.g1].value + " / " + r->groups[mp.g2].value) +
                    th("c", true) + th(w(c, {"5% quantile", "5% 分位数"}), true) + th("p", true) +
                    th(w(c, {"mean difference", "均值差"}), true) + th("p", true) + th(w(c, {"log variance ratio", "对数方差比"}), true) +
                    th("p", true) + th(w(c, {"invariance", "不变性"})) + "</tr></thead><tbody>\n";
            for (const auto& m : mp.constructs) {
                const verdict v = m.invariance == "full" ? verdict::pass : m.invariance == "partial" ? verdict::warn : verdict::fail;
                const std::string label = m.invariance == "full"      ? w(c, {"full", "完全"})
                                          : m.invariance == "partial" ? w(c, {"partial", "部分"})
                                                                      : w(c, {"none", "不成立"});
                body += "<tr>" + td(c.construct_label(m.construct)) + tdn(fixed(m.c, 4)) + tdn(fixed(m.c_q05, 4)) + tdn(p_text(m.c_p)) +
                        tdn(fixed(m.mean_diff)) + tdn(p_text(m.mean_p)) + tdn(fixed(m.logvar_diff)) + tdn(p_text(m.logvar_p)) +
                        "<td>" + badge(label, v) + "</td></tr>\n";
            }
            body += "</tbody></table>\n";
        }
        body += "<p class=\"note\">" +
                html_escape(w(c, {"Full: steps 1-3 hold, the groups may be pooled; partial: steps 1-2 hold, the groups' paths "
                                  "may be compared; none: compositional invariance rejected (Henseler, Ringle & Sarstedt 2016).",
                                  "完全：三步均成立，可合并分析；部分：前两步成立，可比较各组路径系数；不成立：组合不变性被拒绝"
                                  "（Henseler、Ringle 与 Sarstedt，2016）。"})) +
                "</p>\n";
    }
    return section("sec-groups", w(c, {"Groups", "多群组分析"}), body);
}

}  // namespace csikit::v0::html_detail
