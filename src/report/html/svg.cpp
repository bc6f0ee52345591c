// The SVG writer of the HTML report (see html_svg.hpp).
#include "svg.hpp"

#include "csikit/format.hpp"
#include "csikit/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace csikit::inline v0::html_detail {

std::string num(double x, int decimals) {
    if (!std::isfinite(x)) return "\u2013";
    std::string s = format_fixed(x, decimals);  // '.' whatever the host's locale
    if (s == "-0" || s.rfind("-0.", 0) == 0) {  // "-0.0" reads as a sign that is not there
        bool zero = s.find_first_not_of("-0.") == std::string::npos;
        if (zero) s.erase(0, 1);
    }
    return s;
}

std::string range_text(double lo, double hi, int decimals) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) return "\u2013";
    std::string s = "[";  // appended piece by piece: GCC 12 warns falsely on "[" + std::string&&
    s += num(lo, decimals);
    s += ", ";
    s += num(hi, decimals);
    s += "]";
    return s;
}

std::string pct(double share) { return std::isfinite(share) ? num(100 * share, 1) + "%" : "\u2013"; }

double text_width(std::string_view text, double font_size) {
    double em = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
        // Three- and four-byte sequences are (nearly always) CJK or full-width in survey text.
        em += len >= 3 ? 1.0 : (b >= 'A' && b <= 'Z') ? 0.66 : 0.55;
        i += len;
    }
    return em * font_size;
}

std::string scale_colour(std::size_t i, std::size_t count) {
    // Anchors of a muted red-yellow-green ramp, readable on white and in grey print.
    static const double stops[5][3] = {
        {0xc8, 0x3c, 0x32}, {0xec, 0x8a, 0x4e}, {0xf1, 0xd6, 0x7a}, {0x8f, 0xc2, 0x6a}, {0x2e, 0x8b, 0x57}};
    const double t = count <= 1 ? 1.0 : static_cast<double>(i) / static_cast<double>(count - 1);
    const double pos = t * 4;
    const int k = std::min(3, static_cast<int>(pos));
    const double f = pos - k;
    char buf[8];
    int rgb[3];
    for (int c = 0; c < 3; ++c) rgb[c] = static_cast<int>(std::lround(stops[k][c] + f * (stops[k + 1][c] - stops[k][c])));
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    return buf;
}

namespace {
std::string attr(std::string_view name, std::string_view value) {
    if (value.empty()) return {};
    std::string s(" ");
    s += name;
    s += "=\"";
    s += html_escape(value);
    s += "\"";
    return s;
}
std::string coord(double x) { return num(x, 1); }
}  // namespace

svg::svg(double width, double height, std::string_view css_class, std::string_view label) {
    out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + coord(width) + " " + coord(height) + "\"" +
           " width=\"" + coord(width) + "\" height=\"" + coord(height) + "\"" + attr("class", css_class) +
           " role=\"img\"" + attr("aria-label", label) + ">";
}

void svg::rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra) {
    out_ += "<rect x=\"" + coord(x) + "\" y=\"" + coord(y) + "\" width=\"" + coord(std::max(0.0, w)) + "\" height=\"" +
            coord(std::max(0.0, h)) + "\"" + attr("fill", fill) + (extra.empty() ? "" : " ") + std::string(extra) + "/>";
}

void svg::line(double x1, double y1, double x2, double y2, std::string_view stroke, double width,
               std::string_view extra) {
    out_ += "<line x1=\"" + coord(x1) + "\" y1=\"" + coord(y1) + "\" x2=\"" + coord(x2) + "\" y2=\"" + coord(y2) + "\"" +
            attr("stroke", stroke) + " stroke-width=\"" + num(width, 2) + "\"" + (extra.empty() ? "" : " ") +
            std::string(extra) + "/>";
}

void svg::circle(double cx, double cy, double r, std::string_view fill, std::string_view extra) {
    out_ += "<circle cx=\"" + coord(cx) + "\" cy=\"" + coord(cy) + "\" r=\"" + coord(r) + "\"" + attr("fill", fill) +
            (extra.empty() ? "" : " ") + std::string(extra) + "/>";
}

void svg::text(double x, double y, std::string_view content, std::string_view anchor, std::string_view css_class,
               std::string_view extra) {
    out_ += "<text x=\"" + coord(x) + "\" y=\"" + coord(y) + "\"" +
            (anchor == "start" || anchor.empty() ? std::string() : attr("text-anchor", anchor)) + attr("class", css_class) +
            (extra.empty() ? "" : " ") + std::string(extra) + ">" + html_escape(content) + "</text>";
}

void svg::path(std::string_view d, std::string_view stroke, double width, std::string_view extra) {
    out_ += "<path d=\"" + std::string(d) + "\"" + attr("stroke", stroke) + " stroke-width=\"" + num(width, 2) +
            "\" fill=\"none\"" + (extra.empty() ? "" : " ") + std::string(extra) + "/>";
}

void svg::begin_group(std::string_view css_class, std::string_view tooltip) {
    out_ += "<g" + attr("class", css_class) + ">";
    if (!tooltip.empty()) out_ += "<title>" + html_escape(tooltip) + "</title>";
}

void svg::end_group() { out_ += "</g>"; }

void svg::raw(std::string_view markup) { out_ += markup; }

std::string svg::str() const { return out_ + "</svg>"; }

}  // namespace csikit::v0::html_detail
