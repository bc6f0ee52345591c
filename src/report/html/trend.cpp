// The trend section of the HTML report (docs/trend.md): a line chart per headline figure (the
// index, its dimensions, the satisfaction rate, NPS; the first items when there is no
// hierarchy) with each wave's interval, the center line, the control limits, the fitted trend
// and the out-of-control waves in red; then a table of every series. Drawn from trend_report.
#include "internal.hpp"

#include "csikit/format.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace csikit::inline v0::html_detail {

namespace {

struct words {
    std::string_view en, zh;
};

std::string w(const context& c, words x) { return std::string(c.zh ? x.zh : x.en); }

/// Shares as percent points, scores and NPS as they are.
double shown(const trend_series& s, double x) { return is_share(s.figure) ? 100 * x : x; }

std::string value_text(const trend_series& s, double x) { return is_share(s.figure) ? pct(x) : num(x, 1); }

std::string change_text(const trend_series& s, double d) {
    if (!std::isfinite(d)) return "\u2013";
    return (d > 0 ? "+" : "") + (is_share(s.figure) ? num(100 * d, 1) + " pp" : num(d, 1));
}

/// "= 0.123" or "<.001", to follow a "p".
std::string p_equals(double p) {
    const std::string t = p_text(p);
    return !t.empty() && t[0] == '<' ? t : "= " + t;
}

std::string series_name(const context& c, const trend_series& s) {
    switch (s.figure) {
        case trend_figure::node_score: return s.id + " " + c.node_label(s.id);
        case trend_figure::satisfaction_rate: return c.t("satisfaction_rate");
        case trend_figure::nps: return "NPS";
        case trend_figure::item_score: return s.id + " " + c.item_label(s.id);
        case trend_figure::item_top_box: return s.id + " " + c.t("top_box");
        case trend_figure::item_satisfied: return s.id + " " + w(c, {"satisfied", "满意率"});
    }
    return s.id;
}

/// The line chart of one series over the waves.
std::string chart(const context& c, const trend_series& s, const std::vector<trend_wave>& waves) {
    const double W = 640, H = 240, left = 48, right = 40, top = 14, bottom = 34;
    double lo = INFINITY, hi = -INFINITY;
    for (const auto& p : s.points)
        for (double v : {p.ci.lower, p.ci.upper, p.lower_limit, p.upper_limit, p.estimate})
            if (std::isfinite(v)) {
                lo = std::min(lo, shown(s, v));
                hi = std::max(hi, shown(s, v));
            }
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    const double pad = 0.08 * (hi - lo);
    lo -= pad;
    hi += pad;
    const std::size_t K = waves.size();
    auto X = [&](double k) { return left + (K > 1 ? k / static_cast<double>(K - 1) : 0.5) * (W - left - right); };
    auto Y = [&](double v) { return top + (hi - v) / (hi - lo) * (H - top - bottom); };
    auto position = [&](const std::string& wave) {
        for (std::size_t k = 0; k < K; ++k)
            if (waves[k].value == wave) return static_cast<double>(k);
        return 0.0;
    };
    svg g(W, H, "trend", series_name(c, s));
    for (int t = 0; t <= 4; ++t) {
        const double v = lo + (hi - lo) * t / 4;
        g.line(left, Y(v), W - right, Y(v), "#e3e8ee");
        g.text(left - 6, Y(v) + 4, num(v, 1), "end", "tick");
    }
    for (std::size_t k = 0; k < K; ++k) g.text(X(static_cast<double>(k)), H - 12, waves[k].value, "middle", "tick");
    // Center line and the control limits as steps (each wave's limits from its own n).
    g.line(left, Y(shown(s, s.center)), W - right, Y(shown(s, s.center)), "#7a8794", 1, "stroke-dasharray=\"2 3\"");
    std::string upper, lower;
    const double half = K > 1 ? 0.5 * (W - left - right) / static_cast<double>(K - 1) : 20;
    for (const auto& p : s.points) {
        const double x = X(position(p.wave));
        if (!std::isfinite(p.upper_limit) || !std::isfinite(p.lower_limit)) continue;
        const double x0 = std::max(left, x - half), x1 = std::min(W - right, x + half);  // inside the plot
        upper += "M" + num(x0, 1) + " " + num(Y(shown(s, p.upper_limit)), 1) + "H" + num(x1, 1);
        lower += "M" + num(x0, 1) + " " + num(Y(shown(s, p.lower_limit)), 1) + "H" + num(x1, 1);
    }
    if (!upper.empty()) {
        g.path(upper, "#c0392b", 1, "stroke-dasharray=\"5 3\" fill=\"none\" opacity=\"0.7\"");
        g.path(lower, "#c0392b", 1, "stroke-dasharray=\"5 3\" fill=\"none\" opacity=\"0.7\"");
    }
    // The fitted trend line.
    if (std::isfinite(s.trend.slope) && !s.points.empty()) {
        const double x0 = position(s.points.front().wave), x1 = position(s.points.back().wave);
        g.line(X(x0), Y(shown(s, s.trend.intercept + s.trend.slope * x0)), X(x1),
               Y(shown(s, s.trend.intercept + s.trend.slope * x1)), s.trend.significant ? "#1f6fb2" : "#9fb3c8", 1.5,
               "stroke-dasharray=\"8 4\"");
    }
    std::string line;
    for (const auto& p : s.points)
        line += (line.empty() ? "M" : "L") + num(X(position(p.wave)), 1) + " " + num(Y(shown(s, p.estimate)), 1);
    g.path(line, "#1b2a3a", 2, "fill=\"none\"");
    for (const auto& p : s.points) {
        const double x = X(position(p.wave));
        g.begin_group(p.out_of_control ? "pt out" : "pt",
                      p.wave + ": " + value_text(s, p.estimate) + " " +
                          range_text(shown(s, p.ci.lower), shown(s, p.ci.upper), 1) + ", n = " + std::to_string(p.n) +
                          (p.out_of_control ? w(c, {" (outside the control limits)", "（超出控制限）"}) : std::string()));
        if (std::isfinite(p.ci.lower) && std::isfinite(p.ci.upper))
            g.line(x, Y(shown(s, p.ci.lower)), x, Y(shown(s, p.ci.upper)), "#1b2a3a", 1);
        g.circle(x, Y(shown(s, p.estimate)), p.out_of_control ? 5 : 3.5, p.out_of_control ? "#c0392b" : "#1b2a3a");
        g.end_group();
    }
    return "<figure class=\"chart\">" + g.str() + "<figcaption>" +
           html_escape(series_name(c, s) + w(c, {": slope ", "：斜率 "}) + change_text(s, s.trend.slope) +
                       w(c, {" per wave, p ", "/期，p "}) + p_equals(s.trend.p_value) + " " + stars(s.trend.p_value) +
                       w(c, {"; first to last ", "；首末期变化 "}) + change_text(s, s.first_last.test.difference) + " " +
                       stars(s.first_last.test.p_value)) +
           "</figcaption></figure>\n";
}

}  // namespace

std::string section_trend(const context& c) {
    const trend_report* r = c.in.trend;
    if (!r || r->series.empty()) return "";
    std::string body = "<p>" + html_escape(w(c, {"Waves of ", "期次列 "}) + r->wave_column + ": ");
    for (std::size_t k = 0; k < r->waves.size(); ++k)
        body += html_escape((k ? ", " : "") + r->waves[k].value + " (n = " + std::to_string(r->waves[k].respondents) + ")");
    body += ".</p>\n<p class=\"note\">" +
            html_escape(w(c, {"Bars: each wave's interval. Dotted: center line; red dashes: control limits at center \u00B1 ",
                               "竖线：各期置信区间。点线：中心线；红色虚线：控制限，中心线 \u00B1 "}) +
                        format_shortest(r->options.control_sigma) +
                        w(c, {" SE from each wave's n (p-chart for shares); blue dashes: the weighted linear trend (WLS on "
                              "wave order, inverse-variance weights), dark when significant. Red points lie outside the limits.",
                              " 倍标准误（比例用 p 控制图）；蓝色虚线：加权线性趋势（按期次做逆方差加权最小二乘），显著时为深色。"
                              "红点超出控制限。"})) +
            "</p>\n";
    std::vector<const trend_series*> headline;
    for (const auto& s : r->series)
        if (s.figure == trend_figure::node_score || s.figure == trend_figure::satisfaction_rate || s.figure == trend_figure::nps)
            headline.push_back(&s);
    if (headline.empty())
        for (const auto& s : r->series)
            if (s.figure == trend_figure::item_score && headline.size() < 3) headline.push_back(&s);
    for (const auto* s : headline) body += chart(c, *s, r->waves);

    body += "<h3>" + html_escape(w(c, {"Every figure over the waves", "各指标趋势"})) + "</h3>\n<table class=\"data\"><thead><tr>" +
            th(w(c, {"figure", "指标"})) + th(r->waves.front().value, true) + th(r->waves.back().value, true) +
            th(w(c, {"change", "变化"}), true) + th(w(c, {"slope / wave", "斜率/期"}), true) + th(w(c, {"p (trend)", "趋势 p"}), true) +
            th(w(c, {"out of control", "超出控制限"})) + "</tr></thead><tbody>\n";
    for (const auto& s : r->series) {
        std::string flagged;
        for (const auto& p : s.points)
            if (p.out_of_control) flagged += (flagged.empty() ? "" : ", ") + p.wave;
        body += "<tr>" + td(series_name(c, s)) + tdn(value_text(s, s.first_last.before)) + tdn(value_text(s, s.first_last.after)) +
                tdn(change_text(s, s.first_last.test.difference) + " " + stars(s.first_last.test.p_value)) +
                tdn(change_text(s, s.trend.slope)) + tdn(p_text(s.trend.p_value) + " " + stars(s.trend.p_value)) +
                td(flagged.empty() ? "\u2013" : flagged) + "</tr>\n";
    }
    body += "</tbody></table>\n";
    for (const auto& n : r->notes) body += "<p class=\"note\">" + html_escape(n) + "</p>\n";
    return section("sec-trend", w(c, {"Trends over the waves", "多期趋势"}), body);
}

}  // namespace csikit::v0::html_detail
