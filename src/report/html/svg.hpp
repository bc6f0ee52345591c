// A tiny SVG writer for the HTML report: elements appended to a string, every text escaped,
// coordinates printed with a fixed number of decimals (so output is byte-stable across runs).
// Internal to the library (not installed).
#pragma once

#include <string>
#include <string_view>

namespace csikit::inline v0::html_detail {

/// `x` with `decimals` decimals in the C locale; NaN/inf become an en dash.
std::string num(double x, int decimals);

/// "[lo, hi]" with `decimals` decimals; an en dash when either end is not finite.
std::string range_text(double lo, double hi, int decimals);

/// `share` (0..1) as a percentage with one decimal and a "%" sign; NaN -> en dash.
std::string pct(double share);

/// Approximate rendered width in px of `text` at `font_size` px: CJK and full-width code
/// points count one em, the rest about 0.56 em. Used to size label columns; no font metrics.
double text_width(std::string_view text, double font_size);

/// Colour of point `i` of `count` ordered scale points, from red (low) through a pale
/// yellow to green (high), as "#rrggbb".
std::string scale_colour(std::size_t i, std::size_t count);

/// One <svg> element under construction.
class svg {
public:
    /// A width x height canvas drawn at 100% of its container's width (viewBox scaling);
    /// `label` becomes the accessible name (role="img").
    svg(double width, double height, std::string_view css_class, std::string_view label);

    void rect(double x, double y, double w, double h, std::string_view fill, std::string_view extra = {});
    void line(double x1, double y1, double x2, double y2, std::string_view stroke, double width = 1,
              std::string_view extra = {});
    void circle(double cx, double cy, double r, std::string_view fill, std::string_view extra = {});
    /// Text (escaped here); anchor is "start", "middle" or "end".
    void text(double x, double y, std::string_view content, std::string_view anchor = "start",
              std::string_view css_class = {}, std::string_view extra = {});
    /// A <path d=...> (d is built by the caller from numbers only).
    void path(std::string_view d, std::string_view stroke, double width, std::string_view extra = {});
    /// A <title> tooltip for the next group; opens <g>, close with end_group().
    void begin_group(std::string_view css_class = {}, std::string_view tooltip = {});
    void end_group();
    /// Markup the caller built (defs, markers); must already be safe.
    void raw(std::string_view markup);

    /// The finished element.
    std::string str() const;

private:
    std::string out_;
};

}  // namespace csikit::v0::html_detail
