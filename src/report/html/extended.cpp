// The HTML section of a model with higher-order constructs or interaction terms: each HOC's
// lower-order weights and loadings, each interaction's paths and simple slopes with a small
// SVG plot (the dependent over the predictor at the moderator's mean and +-1 SD).
#include "internal.hpp"
#include "svg.hpp"

#include "csikit/model_syntax.hpp"

#include <algorithm>
#include <string>

namespace csikit::inline v0::html_detail {

namespace {

/// Predicted dependent (standardised) over x in [-2, 2] for m = -1, 0, +1: three lines.
std::string slope_plot(const interaction_effect& x) {
    const double W = 260, H = 160, pad = 24;
    auto y_of = [&](double px, double m) { return (x.predictor_path + x.path_rescaled * m) * px + x.moderator_path * m; };
    double lo = 0, hi = 0;
    for (double m : {-1.0, 0.0, 1.0})
        for (double px : {-2.0, 2.0}) lo = std::min(lo, y_of(px, m)), hi = std::max(hi, y_of(px, m));
    if (hi - lo < 1e-9) hi = lo + 1;
    auto sx = [&](double px) { return pad + (px + 2) / 4 * (W - 2 * pad); };
    auto sy = [&](double py) { return H - pad - (py - lo) / (hi - lo) * (H - 2 * pad); };
    std::string s = "<svg class=\"slopes\" width=\"" + num(W, 0) + "\" height=\"" + num(H, 0) + "\" viewBox=\"0 0 " + num(W, 0) +
                    " " + num(H, 0) + "\" role=\"img\" aria-label=\"simple slopes\">";
    s += "<line x1=\"" + num(pad, 1) + "\" y1=\"" + num(H - pad, 1) + "\" x2=\"" + num(W - pad, 1) + "\" y2=\"" + num(H - pad, 1) +
         "\" stroke=\"#999\"/>";
    const char* colours[] = {"#c0392b", "#7f8c8d", "#2471a3"};
    const char* names[] = {"-1 SD", "mean", "+1 SD"};
    for (int k = 0; k < 3; ++k) {
        const double m = k - 1.0;
        s += "<line x1=\"" + num(sx(-2), 1) + "\" y1=\"" + num(sy(y_of(-2, m)), 1) + "\" x2=\"" + num(sx(2), 1) + "\" y2=\"" +
             num(sy(y_of(2, m)), 1) + "\" stroke=\"" + colours[k] + "\" stroke-width=\"2\"/>";
        s += "<text x=\"" + num(W - pad + 2, 1) + "\" y=\"" + num(sy(y_of(2, m)) + 4, 1) + "\" font-size=\"9\" fill=\"" + colours[k] +
             "\">" + names[k] + "</text>";
    }
    s += "<text x=\"" + num(W / 2, 1) + "\" y=\"" + num(H - 6, 1) + "\" font-size=\"10\" text-anchor=\"middle\">" +
         html_escape(x.predictor) + " (SD)</text></svg>";
    return s;
}

/// The dependent (standardised) over x in [-2, 2] in every category: one line each.
std::string category_plot(const categorical_slopes& c) {
    const double W = 260, H = 160, pad = 24;
    auto y_of = [&](std::size_t k, double px) { return c.slopes[k] * px + c.levels[k]; };
    double lo = 0, hi = 0;
    for (std::size_t k = 0; k < c.categories.size(); ++k)
        for (double px : {-2.0, 2.0}) lo = std::min(lo, y_of(k, px)), hi = std::max(hi, y_of(k, px));
    if (hi - lo < 1e-9) hi = lo + 1;
    auto sx = [&](double px) { return pad + (px + 2) / 4 * (W - 2 * pad); };
    auto sy = [&](double py) { return H - pad - (py - lo) / (hi - lo) * (H - 2 * pad); };
    std::string s = "<svg class=\"slopes\" width=\"" + num(W + 60, 0) + "\" height=\"" + num(H, 0) + "\" viewBox=\"0 0 " +
                    num(W + 60, 0) + " " + num(H, 0) + "\" role=\"img\" aria-label=\"slopes per category\">";
    const char* colours[] = {"#7f8c8d", "#c0392b", "#2471a3", "#27ae60", "#8e44ad", "#d35400"};
    for (std::size_t k = 0; k < c.categories.size(); ++k) {
        const char* colour = colours[k % 6];
        s += "<line x1=\"" + num(sx(-2), 1) + "\" y1=\"" + num(sy(y_of(k, -2)), 1) + "\" x2=\"" + num(sx(2), 1) + "\" y2=\"" +
             num(sy(y_of(k, 2)), 1) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"/>";
        s += "<text x=\"" + num(W - pad + 2, 1) + "\" y=\"" + num(sy(y_of(k, 2)) + 4, 1) + "\" font-size=\"9\" fill=\"" + colour +
             "\">" + html_escape(c.categories[k]) + "</text>";
    }
    s += "<text x=\"" + num(W / 2, 1) + "\" y=\"" + num(H - 6, 1) + "\" font-size=\"10\" text-anchor=\"middle\">" +
         html_escape(c.predictor) + " (SD)</text></svg>";
    return s;
}

}  // namespace

std::string section_extended(const context& c) {
    const extended_fit* e = c.in.extended;
    if (!e || (e->higher_order.empty() && e->interactions.empty() && e->expanded.categorical.empty())) return "";
    std::string body;
    if (!e->higher_order.empty()) {
        body += "<table><thead><tr>" + th(c.zh ? "高阶构念" : "HOC") + th(c.zh ? "低阶构念" : "LOC") + th(c.zh ? "方法" : "approach") +
                th(c.zh ? "权重" : "weight", true) + th(c.zh ? "载荷" : "loading", true) + "</tr></thead><tbody>";
        for (const auto& h : e->higher_order)
            for (std::size_t k = 0; k < h.components.size(); ++k)
                body += "<tr>" + td(h.id) + td(h.components[k] + "  " + c.construct_label(h.components[k])) + td(to_string(h.approach)) +
                        tdn(num(h.weights[k], 3)) + tdn(num(h.loadings[k], 3)) + "</tr>";
        body += "</tbody></table>\n";
    }
    for (const auto& x : e->interactions) {
        body += "<h3>" + html_escape(x.id + " \u2192 " + x.dependent) + "</h3><table><tbody>";
        body += "<tr>" + td(c.zh ? "方法" : "approach") + td(to_string(x.approach)) + "</tr>";
        body += "<tr>" + td(c.zh ? "交互项路径（标准化）" : "interaction path (standardised score)") + tdn(num(x.path, 3)) + "</tr>";
        body += "<tr>" + td(c.zh ? "交互项路径（seminr 缩放）" : "interaction path (seminr rescaled)") + tdn(num(x.path_rescaled, 3)) + "</tr>";
        body += "<tr>" + td(c.zh ? "简单斜率 -1 SD / 均值 / +1 SD" : "simple slope at -1 SD / mean / +1 SD") +
                tdn(num(x.slope_low, 3) + " / " + num(x.slope_mean, 3) + " / " + num(x.slope_high, 3)) + "</tr>";
        body += "</tbody></table>\n" + slope_plot(x) + "\n";
    }
    for (const auto& k : e->categorical) {
        body += "<h3>" + html_escape(k.predictor + " \u2192 " + k.dependent + (c.zh ? "，按 " : ", by ") + k.moderator) +
                "</h3><table><thead><tr>" + th(c.zh ? "类别" : "category") + th(c.zh ? "受访者" : "respondents", true) +
                th(c.zh ? "斜率" : "slope", true) + th(c.zh ? "与参照类别之差" : "vs reference", true) + th(c.zh ? "交互项" : "term") +
                "</tr></thead><tbody>";
        for (std::size_t g = 0; g < k.categories.size(); ++g)
            body += "<tr>" + td(k.categories[g] + (g == 0 ? (c.zh ? "（参照）" : " (reference)") : "")) + tdn(num(k.respondents[g], 0)) +
                    tdn(num(k.slopes[g], 3)) + tdn(g == 0 ? "-" : num(k.differences[g], 3)) + td(k.terms[g].empty() ? "-" : k.terms[g]) +
                    "</tr>";
        body += "</tbody></table>\n" + category_plot(k) + "\n";
    }
    for (const auto& k : e->expanded.categorical)
        if (k.missing > 0)
            body += "<p class=\"note\">" + html_escape(k.id + ": " + std::to_string(k.missing) +
                                                       (c.zh ? " 名受访者无类别（其虚拟变量缺失）" : " respondent(s) without a category (their dummies are missing)")) +
                    "</p>\n";
    return section("sec-extended", c.zh ? "高阶构念与调节效应" : "Higher-order constructs and moderation", body);
}

}  // namespace csikit::inline v0::html_detail
