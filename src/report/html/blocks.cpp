// Building blocks shared by the HTML report's sections: sections, badges, table cells, change
// markers and the bar charts (see html_internal.hpp).
#include "internal.hpp"

#include "csikit/stats.hpp"

#include <algorithm>
#include <cmath>

namespace csikit::inline v0::html_detail {

std::string section(std::string_view id, std::string_view title, const std::string& body) {
    return "<section id=\"" + html_escape(id) + "\" class=\"card\">\n<h2>" + html_escape(title) + "</h2>\n" + body +
           "</section>\n";
}

std::string stars(double p) { return significance_marks(p); }

std::string p_text(double p) {
    if (!std::isfinite(p)) return "\u2013";
    return p < 0.001 ? "<.001" : num(p, 3);
}

std::string badge(const std::string& value, verdict v) {
    switch (v) {
        case verdict::pass: return "<span class=\"badge pass\">" + html_escape(value) + " \u2713</span>";
        case verdict::warn: return "<span class=\"badge warn\">" + html_escape(value) + " !</span>";
        case verdict::fail: return "<span class=\"badge fail\">" + html_escape(value) + " \u2717</span>";
        case verdict::none: break;
    }
    return html_escape(value);
}

std::string td(std::string_view text) { return "<td>" + html_escape(text) + "</td>"; }
std::string tdn(std::string_view text) { return "<td class=\"num\">" + html_escape(text) + "</td>"; }
std::string th(std::string_view text, bool numeric) {
    return std::string(numeric ? "<th class=\"num\">" : "<th>") + html_escape(text) + "</th>";
}

std::string change_mark(double difference, double p, bool significant) {
    if (!significant || !std::isfinite(p) || !std::isfinite(difference)) return "";
    const bool up = difference > 0;
    return std::string("<span class=\"mark ") + (up ? "up" : "down") + "\" title=\"p = " + p_text(p) + "\">" +
           (up ? "\u25B2" : "\u25BC") + stars(p) + "</span>";
}

namespace {
constexpr double row_h = 24, font = 12.5;
}

std::string bar_chart(const std::vector<bar_row>& rows, double axis_min, double axis_max, std::string_view label,
                      double width) {
    // The label column is as wide as the widest label (estimated), within limits.
    double label_w = 120;
    for (const auto& r : rows) label_w = std::max(label_w, text_width(r.label, font) + 14.0 * r.depth + 12);
    label_w = std::min(label_w, width * 0.45);
    const double value_w = 150, top = 22, left = label_w + 8, plot_w = width - left - value_w;
    const double height = top + row_h * static_cast<double>(rows.size()) + 8;
    const auto x = [&](double v) {
        return left + plot_w * (std::clamp(v, axis_min, axis_max) - axis_min) / (axis_max - axis_min);
    };
    svg g(width, height, "chart bars", label);
    // Grid and axis ticks at fifths of the range.
    for (int k = 0; k <= 5; ++k) {
        const double v = axis_min + (axis_max - axis_min) * k / 5.0, gx = x(v);
        g.line(gx, top - 4, gx, height - 6, "#e3e7ee", 1);
        g.text(gx, top - 8, num(v, 0), "middle", "tick");
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const double y = top + row_h * static_cast<double>(i), cy = y + row_h / 2;
        g.begin_group(r.muted ? "row muted" : "row", r.label + ": " + num(r.value, 1) +
                                                         (std::isfinite(r.low) ? std::string(" ") + range_text(r.low, r.high, 1) : std::string()));
        g.text(8 + 14.0 * r.depth, cy + 4, r.label, "start", r.depth == 0 && !r.muted ? "lbl strong" : "lbl");
        if (std::isfinite(r.value)) {
            g.rect(left, y + 5, x(r.value) - left, row_h - 10, r.muted ? "#a9c1dc" : "#3b6ea8", "rx=\"2\"");
            if (std::isfinite(r.low) && std::isfinite(r.high)) {
                const double a = x(r.low), b = x(r.high);
                g.line(a, cy, b, cy, "#1b2a3a", 1.4);
                g.line(a, cy - 5, a, cy + 5, "#1b2a3a", 1.4);
                g.line(b, cy - 5, b, cy + 5, "#1b2a3a", 1.4);
            }
        }
        g.text(width - value_w + 6, cy + 4, num(r.value, 1), "start", "val");
        // Marks: an up triangle is good news, a down triangle bad news.
        if (!r.note.empty())
            g.text(width - value_w + 44, cy + 4, r.note, "start",
                   r.note.rfind("\u25B2", 0) == 0 ? "val up" : r.note.rfind("\u25BC", 0) == 0 ? "val down" : "val");
        if (std::isfinite(r.low))
            g.text(width - 4, cy + 4, range_text(r.low, r.high, 1), "end", "ci");
        g.end_group();
    }
    return "<figure class=\"chart\">" + g.str() + "</figure>\n";
}

std::string mini_bar(double value, double low, double high) {
    const double w = 120, h = 14;
    svg g(w, h, "mini", "");
    g.rect(0, 3, w, h - 6, "#eef1f5", "rx=\"2\"");
    const auto x = [&](double v) { return w * std::clamp(v, 0.0, 100.0) / 100.0; };
    if (std::isfinite(value)) g.rect(0, 3, x(value), h - 6, "#3b6ea8", "rx=\"2\"");
    if (std::isfinite(low) && std::isfinite(high)) {
        g.line(x(low), h / 2, x(high), h / 2, "#1b2a3a", 1.2);
        g.line(x(low), 2, x(low), h - 2, "#1b2a3a", 1.2);
        g.line(x(high), 2, x(high), h - 2, "#1b2a3a", 1.2);
    }
    return g.str();
}

std::string stacked_bar(const std::vector<double>& shares, const std::vector<std::string>& colours,
                        const std::vector<std::string>& tips, double width, double height) {
    svg g(width, height, "stack", "");
    double x = 0;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        const double s = std::isfinite(shares[i]) ? shares[i] : 0, w = width * s;
        if (w <= 0) continue;
        g.begin_group({}, i < tips.size() ? tips[i] : std::string());
        g.rect(x, 0, w, height, colours[i], "stroke=\"#ffffff\" stroke-width=\"0.5\"");
        if (w >= 26) g.text(x + w / 2, height / 2 + 4, num(100 * s, 0), "middle", "seg");
        g.end_group();
        x += w;
    }
    return g.str();
}

}  // namespace csikit::v0::html_detail
