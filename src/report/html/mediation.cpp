// The HTML report's section on the bootstrapped quality criteria and mediation: HTMT with its
// interval and one-sided upper bound, f2 and adjusted R2 with intervals, and the mediation
// class of every specific indirect effect (the requested chains first), all from the same
// bootstrap_result as report.json.
#include "internal.hpp"

#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

std::string interval(double lo, double hi) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return "-";
    return "[" + num(lo, 3) + ", " + num(hi, 3) + "]";
}

}  // namespace

std::string section_mediation(const context& c) {
    const auto* b = c.in.boot;
    if (!c.in.fit || !b || (b->criteria.empty() && b->mediation.empty())) return "";
    auto tr = [&](const char* en, const char* zh) { return std::string(c.zh ? zh : en); };
    const std::string level = num(100 * b->confidence, 0);
    std::string body;

    body += "<h3>" + html_escape(tr("HTMT, bootstrapped", "HTMT（自助法）")) + "</h3>\n<p class=\"note\">" +
            html_escape(tr("upper = the one-sided upper bound (the ", "上限 = 单侧上界（第 ") + level +
                        tr("th percentile of the resamples); discriminant validity holds when it is below 0.85 (0.90 for "
                           "conceptually close constructs).",
                           " 百分位数）；低于 0.85（概念相近的构念为 0.90）即具有区分效度。")) +
            "</p>\n<table class=\"data\"><thead><tr>" + th(tr("pair", "构念对")) + th("HTMT", true) + th("SE", true) +
            th(level + "% CI", true) + th(tr("upper", "上限"), true) + "</tr></thead><tbody>\n";
    for (const auto& q : b->criteria) {
        if (q.kind != parameter_kind::htmt) continue;
        const verdict v = !std::isfinite(q.upper) ? verdict::none : q.upper < 0.85 ? verdict::pass : q.upper < 0.90 ? verdict::warn : verdict::fail;
        body += "<tr>" + td(q.label) + tdn(num(q.estimate, 3)) + tdn(num(q.se, 3)) + tdn(interval(q.ci_low, q.ci_high)) +
                "<td class=\"num\">" + badge(num(q.upper, 3), v) + "</td></tr>\n";
    }
    body += "</tbody></table>\n";

    body += "<h3>" + html_escape(tr("f\u00B2 and adjusted R\u00B2, bootstrapped", "f\u00B2 与调整 R\u00B2（自助法）")) +
            "</h3>\n<table class=\"data\"><thead><tr>" + th(tr("criterion", "指标")) + th(tr("of", "对象")) +
            th(tr("estimate", "估计值"), true) + th("SE", true) + th(level + "% CI", true) + "</tr></thead><tbody>\n";
    for (const auto& q : b->criteria) {
        if (q.kind != parameter_kind::f2 && q.kind != parameter_kind::r2_adjusted) continue;
        body += "<tr>" + td(q.kind == parameter_kind::f2 ? "f\u00B2" : tr("adjusted R\u00B2", "调整 R\u00B2")) + td(q.label) +
                tdn(num(q.estimate, 3)) + tdn(num(q.se, 3)) + tdn(interval(q.ci_low, q.ci_high)) + "</tr>\n";
    }
    body += "</tbody></table>\n";

    if (!b->mediation.empty()) {
        body += "<h3 id=\"mediation\">" + html_escape(tr("Mediation: specific indirect effects", "中介：特定间接效应")) +
                "</h3>\n<p class=\"note\">" +
                html_escape(tr("Indirect effect = product of the paths along the chain; significant when its ",
                               "间接效应 = 路径上各系数之积；其 ") + level +
                            tr("% percentile interval excludes 0. Classes after Zhao, Lynch & Chen (2010).",
                               "% 百分位区间不含 0 即显著。分类依 Zhao, Lynch & Chen (2010)。")) +
                "</p>\n<table class=\"data\"><thead><tr>" + th(tr("chain", "路径")) + th(tr("indirect", "间接效应"), true) +
                th(level + "% CI", true) + th(tr("direct", "直接效应"), true) + th(level + "% CI", true) +
                th(tr("mediation", "中介类型")) + "</tr></thead><tbody>\n";
        for (const auto& m : b->mediation) {
            body += std::string(m.requested ? "<tr class=\"requested\">" : "<tr>") + td(m.label) +
                    tdn(num(m.indirect, 3) + (m.indirect_significant ? " *" : "")) + tdn(interval(m.indirect_low, m.indirect_high)) +
                    tdn(m.has_direct ? num(m.direct, 3) + (m.direct_significant ? " *" : "") : "-") +
                    tdn(m.has_direct ? interval(m.direct_low, m.direct_high) : "-") +
                    td(mediation_label(m.type, c.zh ? "zh" : "en")) + "</tr>\n";
        }
        body += "</tbody></table>\n";
    }
    return section("sec-mediation", tr("Bootstrapped criteria and mediation", "自助法质量指标与中介"), body);
}

}  // namespace csikit::v0::html_detail
