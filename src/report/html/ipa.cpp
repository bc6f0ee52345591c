// The index and priority sections of the HTML report: construct indices (0-100) with their
// intervals, impacts, and importance-performance maps with cross-hairs and quadrant lists.
#include "internal.hpp"

#include <algorithm>
#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

std::string point_label(const context& c, const ipa_point& p) {
    auto l = p.label.get(c.language);
    if (!l.empty()) return l;
    if (c.in.schema->find_item(p.id)) return c.item_label(p.id);
    return c.construct_label(p.id);
}

/// Decimals that make `span` readable on an axis.
int decimals_for(double span) { return span < 0.5 ? 3 : span < 5 ? 2 : span < 50 ? 1 : 0; }

struct quad_style {
    quadrant q;
    const char* tint;
    const char* colour;
};
const quad_style quad_styles[] = {
    {quadrant::concentrate_here, "#fbe9e7", "#c83c32"},
    {quadrant::keep_up, "#e8f3ec", "#2e8b57"},
    {quadrant::low_priority, "#f1f3f6", "#6b7785"},
    {quadrant::possible_overkill, "#fdf3e1", "#c98a1b"},
};
const quad_style& style_of(quadrant q) {
    for (const auto& s : quad_styles)
        if (s.q == q) return s;
    return quad_styles[2];
}

struct box_area {
    double x0, y0, x1, y1;
    bool overlaps(const box_area& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

std::string ipa_chart(const context& c, const ipa_section& sec) {
    const auto& m = sec.map;
    const bool vertical = m.options.orientation == axis_orientation::importance_vertical;
    // Axis ranges cover the points and the cross-hair, with a margin.
    auto range = [&](bool importance) {
        double lo = importance ? m.importance_cut : m.performance_cut, hi = lo;
        for (const auto& p : m.points) {
            const double v = importance ? p.importance : p.performance;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const double pad = std::max(0.12 * (hi - lo), 1e-3 * std::max(1.0, std::abs(hi)));
        return std::pair<double, double>{lo - pad, hi + pad};
    };
    const auto [imin, imax] = range(true);
    const auto [pmin, pmax] = range(false);
    const double W = 680, H = 460, L = 64, R = 20, T = 18, B = 52, pw = W - L - R, ph = H - T - B;
    const double xmin = vertical ? pmin : imin, xmax = vertical ? pmax : imax;
    const double ymin = vertical ? imin : pmin, ymax = vertical ? imax : pmax;
    const auto X = [&](double v) { return L + pw * (v - xmin) / (xmax - xmin); };
    const auto Y = [&](double v) { return T + ph * (1 - (v - ymin) / (ymax - ymin)); };
    const double xcut = vertical ? m.performance_cut : m.importance_cut;
    const double ycut = vertical ? m.importance_cut : m.performance_cut;
    svg g(W, H, "chart ipa", sec.title);
    // Quadrant tints and their names in the outer corners.
    for (const bool imp_high : {true, false})
        for (const bool perf_high : {true, false}) {
            const quadrant q = classify(imp_high ? 1 : -1, perf_high ? 1 : -1, 0, 0);
            const bool x_high = vertical ? perf_high : imp_high, y_high = vertical ? imp_high : perf_high;
            const double x0 = x_high ? X(xcut) : L, x1 = x_high ? L + pw : X(xcut);
            const double y0 = y_high ? T : Y(ycut), y1 = y_high ? Y(ycut) : T + ph;
            g.rect(x0, y0, x1 - x0, y1 - y0, style_of(q).tint, "class=\"quad\" data-quadrant=\"" + std::string(to_string(q)) + "\"");
            g.text(x_high ? x1 - 8 : x0 + 8, y_high ? y0 + 16 : y1 - 8, quadrant_label(q, c.zh ? "zh" : "en"),
                   x_high ? "end" : "start", "quad-label", "style=\"fill:" + std::string(style_of(q).colour) + "\"");
        }
    g.rect(L, T, pw, ph, "none", "stroke=\"#c3cad4\"");
    // Ticks.
    const int dx = decimals_for(xmax - xmin), dy = decimals_for(ymax - ymin);
    for (int k = 0; k <= 4; ++k) {
        const double vx = xmin + (xmax - xmin) * k / 4.0, vy = ymin + (ymax - ymin) * k / 4.0;
        g.line(X(vx), T + ph, X(vx), T + ph + 4, "#6b7785", 1);
        g.text(X(vx), T + ph + 17, num(vx, dx), "middle", "tick");
        g.line(L - 4, Y(vy), L, Y(vy), "#6b7785", 1);
        g.text(L - 7, Y(vy) + 4, num(vy, dy), "end", "tick");
    }
    const std::string& xcap = vertical ? sec.performance_axis : sec.importance_axis;
    const std::string& ycap = vertical ? sec.importance_axis : sec.performance_axis;
    g.text(L + pw / 2, H - 10, xcap.empty() ? c.t(vertical ? "performance" : "importance") : xcap, "middle", "axis");
    g.text(16, T + ph / 2, ycap.empty() ? c.t(vertical ? "importance" : "performance") : ycap, "middle", "axis",
           "transform=\"rotate(-90 16 " + num(T + ph / 2, 1) + ")\"");
    // Iso-priority diagonal where importance = performance, clipped to the plot.
    if (m.options.diagonal) {
        const double lo = std::max(xmin, ymin), hi = std::min(xmax, ymax);
        if (lo < hi) g.line(X(lo), Y(lo), X(hi), Y(hi), "#8a94a3", 1, "stroke-dasharray=\"2 4\" class=\"diagonal\"");
    }
    // Cross-hairs.
    g.line(X(xcut), T, X(xcut), T + ph, "#1b2a3a", 1.2, "stroke-dasharray=\"6 4\" class=\"crosshair\"");
    g.line(L, Y(ycut), L + pw, Y(ycut), "#1b2a3a", 1.2, "stroke-dasharray=\"6 4\" class=\"crosshair\"");
    // Points, then labels placed greedily where they do not overlap earlier labels or points.
    std::vector<box_area> taken;
    for (const auto& p : m.points) {
        const double px = X(vertical ? p.performance : p.importance), py = Y(vertical ? p.importance : p.performance);
        taken.push_back({px - 5, py - 5, px + 5, py + 5});
    }
    for (const auto& p : m.points) {
        const double px = X(vertical ? p.performance : p.importance), py = Y(vertical ? p.importance : p.performance);
        const auto& st = style_of(p.where);
        g.begin_group("point", p.id + "  " + point_label(c, p) + ": " + c.t("importance") + " " + num(p.importance, 3) +
                                   ", " + c.t("performance") + " " + num(p.performance, 1));
        g.circle(px, py, 5.5, st.colour, "stroke=\"#ffffff\" stroke-width=\"1.5\"");
        const double tw = text_width(p.id, 11.5);
        const std::vector<std::pair<double, double>> offsets = {{9, 4}, {-9 - tw, 4}, {-tw / 2, -9}, {-tw / 2, 17},
                                                                {9, 16}, {9, -8}, {-9 - tw, 16}, {-9 - tw, -8}};
        box_area best{};
        double bx = px + 9, by = py + 4;
        for (const auto& [ox, oy] : offsets) {
            const box_area a{px + ox, py + oy - 11, px + ox + tw, py + oy + 2};
            const bool inside = a.x0 >= L && a.x1 <= L + pw && a.y0 >= T && a.y1 <= T + ph;
            if (inside && std::none_of(taken.begin(), taken.end(), [&](const box_area& t) { return t.overlaps(a); })) {
                best = a;
                bx = px + ox;
                by = py + oy;
                break;
            }
            best = {bx, by - 11, bx + tw, by + 2};
        }
        taken.push_back(best);
        g.text(bx, by, p.id, "start", "pt-label");
        g.end_group();
    }
    return "<figure class=\"chart ipa-chart\">" + g.str() + "</figure>\n";
}

std::string quadrant_lists(const context& c, const ipa_section& sec) {
    std::string out = "<div class=\"quadrants\">";
    for (const quadrant q : {quadrant::concentrate_here, quadrant::keep_up, quadrant::low_priority, quadrant::possible_overkill}) {
        const auto& st = style_of(q);
        out += "<div class=\"quadrant\" data-quadrant=\"" + std::string(to_string(q)) + "\" style=\"border-top-color:" +
               st.colour + ";background:" + st.tint + "\"><h4 style=\"color:" + st.colour + "\">" +
               html_escape(quadrant_label(q, c.zh ? "zh" : "en")) + "</h4><ul>";
        const auto ids = sec.map.in_quadrant(q);
        if (ids.empty()) out += "<li class=\"none\">\u2013</li>";
        for (const auto& id : ids) {
            const auto& p = sec.map.at(id);
            out += "<li><span class=\"id\">" + html_escape(id) + "</span> " + html_escape(point_label(c, p)) +
                   " <span class=\"ci\">(" + html_escape(num(p.importance, 3) + " / " + num(p.performance, 1)) + ")</span></li>";
        }
        out += "</ul></div>";
    }
    return out + "</div>\n";
}

}  // namespace

std::string section_indices(const context& c) {
    const auto* r = c.in.indices;
    if (!r || r->constructs.empty()) return "";
    std::vector<bar_row> bars;
    std::string table = "<table class=\"data\"><thead><tr>" + th(c.t("construct")) + th(c.t("index"), true) +
                        th(c.t("ci"), true) + th("n", true) + th("SD", true) + "</tr></thead><tbody>\n";
    for (const auto& k : r->constructs) {
        const bool resp = k.has_respondents;
        const double value = resp ? k.overall.mean : k.index;
        bars.push_back({k.construct + "  " + c.construct_label(k.construct), value, resp ? k.overall.ci_low : NAN,
                        resp ? k.overall.ci_high : NAN, 0, false, {}});
        table += "<tr>" + td(k.construct + "  " + c.construct_label(k.construct)) + tdn(num(value, 1)) +
                 tdn(resp ? range_text(k.overall.ci_low, k.overall.ci_high, 1) : "\u2013") +
                 tdn(resp ? std::to_string(k.overall.n) : "\u2013") + tdn(num(k.score_sd, 1)) + "</tr>\n";
    }
    table += "</tbody></table>\n";
    std::string body = "<p class=\"lead\">" + html_escape(c.t("indices_intro")) + "</p>\n" +
                       bar_chart(bars, 0, 100, c.t("sec_indices")) + table;
    // Impacts: a 5-point rise in the driver moves the target by this many points.
    std::string rows;
    const auto J = static_cast<Eigen::Index>(r->constructs.size());
    if (r->impacts.rows() == J && r->impacts.cols() == J)
        for (Eigen::Index t = 0; t < J; ++t)
            for (Eigen::Index s = 0; s < J; ++s) {
                const double v = r->impacts(t, s);
                if (s == t || !std::isfinite(v) || v == 0) continue;
                const auto& from = r->constructs[static_cast<std::size_t>(s)].construct;
                const auto& to = r->constructs[static_cast<std::size_t>(t)].construct;
                rows += "<tr>" + td(from + "  " + c.construct_label(from)) + td(to + "  " + c.construct_label(to)) +
                        tdn(num(v, 2)) + tdn(r->effects.rows() == J ? num(r->effects(t, s), 3) : "\u2013") + "</tr>\n";
            }
    if (!rows.empty())
        body += "<h3>" + html_escape(c.t("impacts")) + "</h3>\n<p class=\"hint\">" + html_escape(c.t("impacts_note")) +
                "</p>\n<table class=\"data\"><thead><tr>" + th(c.t("driver")) + th(c.t("target")) + th(c.t("impact"), true) +
                th(c.t("total_effect_0_100"), true) + "</tr></thead><tbody>\n" + rows + "</tbody></table>\n";
    return section("sec-indices", c.t("sec_indices"), body);
}

std::string section_ipa(const context& c) {
    if (c.in.ipa.empty()) return "";
    std::string body = "<p class=\"lead\">" + html_escape(c.t("ipa_intro")) + "</p>\n";
    for (const auto& sec : c.in.ipa) {
        if (sec.map.points.empty()) continue;
        body += "<h3>" + html_escape(sec.title) + "</h3>\n<div class=\"ipa-row\">" + ipa_chart(c, sec) + quadrant_lists(c, sec) + "</div>\n";
        body += "<p class=\"hint\">" +
                html_escape(c.t("crosshair") + ": " + to_string(sec.map.options.rule) + " (" + c.t("importance") + " " +
                            num(sec.map.importance_cut, 3) + ", " + c.t("performance") + " " +
                            num(sec.map.performance_cut, 1) + ")") +
                "</p>\n";
        {  // every map: concentrate here first, then the unit-free z(I) - z(P) (docs/ipa.md)
            body += "<p class=\"priority\">" + html_escape(c.t("priority_order") + ": ");
            bool first = true;
            for (const auto& id : sec.map.by_priority()) {
                body += (first ? "" : " \u2192 ") + html_escape(id);
                first = false;
            }
            body += "</p>\n";
        }
    }
    return section("sec-ipa", c.t("sec_ipa"), body);
}

}  // namespace csikit::v0::html_detail
