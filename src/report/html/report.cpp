// html_report(): the page around the sections (head with the inline stylesheet, a header with
// the table of contents, the sections in reading order, the settings and a footer).
#include "internal.hpp"

#include <algorithm>
#include <cmath>

CSIKIT_NAMESPACE_BEGIN

namespace html_detail {

std::string section_settings(const context& c) {
    std::vector<std::pair<std::string, std::string>> rows;
    rows.emplace_back("csikit", version());
    rows.emplace_back(std::string(c.zh ? "语言" : "language"), c.language.empty() ? std::string("-") : c.language);
    if (const auto* r = c.in.scores) {
        const auto& o = r->options;
        rows.emplace_back("rescale", to_string(o.rescale));
        rows.emplace_back("aggregate", o.aggregate == aggregation::respondent_first ? "respondent-first" : "mean-first");
        rows.emplace_back("threshold", num(o.threshold, 1));
        rows.emplace_back("level", num(o.level, 3));
        rows.emplace_back("interval", to_string(o.interval));
        rows.emplace_back("nps bands", "promoters \u2265 " + num(o.nps.promoter_min, 0) + ", detractors \u2264 " +
                                           num(o.nps.detractor_max, 0));
    }
    if (const auto* f = c.in.fit) {
        const auto& o = f->options;
        rows.emplace_back("pls", std::string(f->consistent ? "PLSc" : "PLS") + ", scheme " + scheme_name(o.scheme) +
                                     ", missing " + missing_name(o.missing));
        rows.emplace_back("pls stopping", std::string(o.stopping == stop_rule::plspm ? "plspm" : "max_abs_change") +
                                              ", tolerance " + num(o.tolerance, 10) + ", max " +
                                              std::to_string(o.max_iterations) + " iterations; used " +
                                              std::to_string(f->iterations) + (f->converged ? " (converged)" : " (not converged)"));
    }
    if (const auto* b = c.in.boot)
        rows.emplace_back("bootstrap", std::to_string(b->resamples) + " resamples, seed " + std::to_string(b->seed) +
                                           ", confidence " + num(b->confidence, 3) + ", succeeded " +
                                           std::to_string(b->succeeded) + ", failed " + std::to_string(b->failed) +
                                           (b->jackknife ? ", BCa from " + std::to_string(b->jackknife) + " jackknife fits" : ""));
    if (const auto* x = c.in.indices)
        rows.emplace_back("indices", "level " + num(x->options.level, 3) + ", respondent weights " +
                                         (x->options.use_weights ? "on" : "off"));
    for (const auto& s : c.in.ipa)
        rows.emplace_back("ipa: " + s.title, std::string("cross-hair ") + to_string(s.map.options.rule) +
                                                 (s.map.options.diagonal ? ", diagonal" : ""));
    for (const auto& kv : c.in.settings) rows.push_back(kv);
    std::string body = "<table class=\"kv\">\n";
    for (const auto& [k, v] : rows)
        body += "<tr><th scope=\"row\">" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>\n";
    body += "</table>\n";
    return section("sec-settings", c.t("sec_settings"), body);
}

/// A warning box when more than missing_warning_share of the respondents are left out of the
/// model by missing answers (report.json: sample.warning), with the --missing suggestion.
std::string missing_warning(const context& c) {
    const auto* f = c.in.fit;
    if (!f || missing_data_warning(*f).empty()) return "";
    const auto& m = f->data;
    const auto left_out = m.respondents_total - std::min(m.respondents_total, m.respondents_used);
    const double pct = 100.0 * static_cast<double>(left_out) / static_cast<double>(m.respondents_total);
    std::string text = std::to_string(left_out);
    text.append(" ").append(c.t("missing_warning_of")).append(" ").append(std::to_string(m.respondents_total));
    text.append(" (").append(num(pct, 1)).append("%) ").append(c.t("missing_warning_text"));
    if (m.missing == missing_treatment::listwise) text.append(" ").append(c.t("missing_warning_listwise"));
    std::string out = "<div class=\"warnings\" id=\"missing-warning\" role=\"alert\"><b>";
    out.append(html_escape(c.t("missing_warning_title"))).append("</b><p>").append(html_escape(text)).append("</p></div>\n");
    return out;
}

}  // namespace html_detail

std::string html_report(const report_input& in, const html_options& options) {
    using namespace html_detail;
    if (!in.schema) throw argument_error({{}, 0, "report_input.schema"}, "no survey given (expected the survey the results come from)");
    if (!in.scores && !in.fit && !in.indices && in.ipa.empty() && !in.groups && !in.prediction && !in.trend && !in.feedback)
        throw argument_error({{}, 0, "report_input"}, "nothing to report (expected scores, a PLS fit, indices or an IPA map)");
    const context c(in, options);
    const std::string title = !options.title.empty() ? options.title : !in.schema->name.empty() ? in.schema->name : c.t("report");

    struct part {
        std::string id, heading, html;
    };
    std::vector<part> parts = {
        {"sec-sample", c.t("sec_sample"), section_sample(c)},     {"sec-index", c.t("sec_index"), section_index(c)},
        {"sec-items", c.t("sec_items"), section_items(c)},        {"sec-waves", c.t("sec_waves"), section_waves(c)},
        {"sec-segments", c.t("sec_segments"), section_segments(c)},
        {"sec-adjusted", c.zh ? "构成调整后的比较" : "Composition-adjusted comparison", section_adjusted(c)},
        {"sec-crosstabs", c.zh ? "交叉表" : "Crosstabs", section_crosstabs(c)},
        {"sec-model", c.t("sec_model"), section_model(c)},
        {"sec-extended", c.zh ? "高阶构念与调节效应" : "Higher-order constructs and moderation", section_extended(c)},
        {"sec-quality", c.t("sec_quality"), section_quality(c)},  {"sec-indices", c.t("sec_indices"), section_indices(c)},
        {"sec-ipa", c.t("sec_ipa"), section_ipa(c)},
        {"sec-groups", c.zh ? "多群组分析" : "Groups", section_groups(c)},
        {"sec-predict", c.zh ? "样本外预测" : "Out-of-sample prediction", section_predict(c)},
        {"sec-settings", c.t("sec_settings"), section_settings(c)},
    };
    // Trends over many waves after the wave tables (issue 14).
    parts.insert(parts.begin() + 4, part{"sec-trend", c.zh ? "多期趋势" : "Trends over the waves", section_trend(c)});
    // Bootstrapped criteria and mediation just before the quality section (issue 15); placed by
    // id, so sections added above it do not move it.
    const auto quality = std::find_if(parts.begin(), parts.end(), [](const part& p) { return p.id == "sec-quality"; });
    parts.insert(quality, part{"sec-mediation", c.zh ? "自助法质量指标与中介" : "Bootstrapped criteria and mediation",
                               section_mediation(c)});
    // Feedback records right after the trends (issue 14 item 7).
    const auto after_trend = std::find_if(parts.begin(), parts.end(), [](const part& p) { return p.id == "sec-trend"; });
    parts.insert(after_trend + 1, part{"sec-feedback", c.zh ? "反馈记录" : "Feedback records", section_feedback(c)});
    std::string toc;
    for (const auto& p : parts)
        if (!p.html.empty()) toc += "<a href=\"#" + p.id + "\">" + html_escape(p.heading) + "</a>";

    std::string out;
    out.reserve(200000);
    out += "<!DOCTYPE html>\n<html lang=\"" + html_escape(c.zh ? "zh-CN" : c.language.empty() ? "en" : c.language) +
           "\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"csikit " + html_escape(version()) + "\">\n<title>" + html_escape(title) +
           "</title>\n<style>" + std::string(stylesheet()) + "</style>\n</head>\n<body" + (c.zh ? " class=\"zh\"" : "") + ">\n";
    out += "<header class=\"top\"><div class=\"wrap\"><h1>" + html_escape(title) + "</h1><div class=\"sub\">" +
           html_escape(c.t("report") + " \u00B7 " + c.t("generated_by") + " " + version()) + "</div><nav class=\"toc\" aria-label=\"" +
           html_escape(c.t("contents")) + "\">" + toc + "</nav></div></header>\n<main class=\"wrap\">\n";
    out += section_findings(c);
    out += section_summary(c);
    out += missing_warning(c);
    for (const auto& p : parts) out += p.html;
    out += "</main>\n<footer><div class=\"wrap\">" + html_escape(c.t("generated_by") + " " + version()) +
           "</div></footer>\n</body>\n</html>\n";
    return out;
}

CSIKIT_NAMESPACE_END
