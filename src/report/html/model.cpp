// The path-model section of the HTML report: the path diagram (constructs as boxes placed by
// topological layer, arrows labelled with coefficients and bootstrap stars) and the path table.
#include "internal.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace csikit::inline v0::html_detail {

namespace {

/// The bootstrap summary of a path (from -> to), or nullptr.
const bootstrap_parameter* boot_path(const bootstrap_result* b, int from, int to) {
    if (!b) return nullptr;
    for (const auto& p : b->parameters)
        if (p.kind == parameter_kind::path && p.from == from && p.to == to) return &p;
    return nullptr;
}

/// `s` shortened with an ellipsis so that it fits `max_px` at `font` px.
std::string fit_text(const std::string& s, double max_px, double font) {
    if (text_width(s, font) <= max_px) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
        const std::string next = out + s.substr(i, len);
        if (text_width(next + "\u2026", font) > max_px) break;
        out = next;
        i += len;
    }
    return out + "\u2026";
}

struct box {
    double x = 0, y = 0;  // top-left
    int layer = 0;
};

struct rect_area {
    double x0, y0, x1, y1;
    bool overlaps(const rect_area& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

constexpr double box_w = 172, box_h = 58, col_gap = 124, row_gap = 24, margin = 16;

}  // namespace

/// The path diagram as an SVG figure. The fit's constructs are nodes 0..J-1; a higher-order
/// construct's lower-order constructs that the final fit does not hold (two-stage approaches:
/// they live in stage 1) are drawn as extra nodes J.. left of it, joined by their second-order
/// loading (mode A) or weight (mode B).
std::string path_diagram(const context& c) {
    const auto& f = *c.in.fit;
    const int J = static_cast<int>(f.constructs.size());
    std::vector<std::string> ids = f.constructs;
    struct loc_link {
        int loc, hoc;
        double value;
        bool weight;  // mode B: the LOC's weight, else its loading
    };
    std::vector<loc_link> links;
    if (c.in.extended)
        for (const auto& h : c.in.extended->higher_order) {
            const int hoc = f.construct_index(h.id);
            if (hoc < 0) continue;
            for (std::size_t k = 0; k < h.components.size(); ++k) {
                if (f.construct_index(h.components[k]) >= 0) continue;  // in the fit: drawn with its paths
                const bool weight = h.mode == outer_mode::B;
                const auto& v = weight ? h.weights : h.loadings;
                links.push_back({static_cast<int>(ids.size()), hoc, k < v.size() ? v[k] : std::nan(""), weight});
                ids.push_back(h.components[k]);
            }
        }
    const int N = static_cast<int>(ids.size());
    std::vector<std::vector<int>> preds(static_cast<std::size_t>(N));
    for (int t = 0; t < J; ++t)
        for (int s = 0; s < J; ++s)
            if (f.paths(t, s) != 0) preds[static_cast<std::size_t>(t)].push_back(s);
    std::vector<bool> endogenous(static_cast<std::size_t>(N), false);
    for (int t = 0; t < N; ++t) endogenous[static_cast<std::size_t>(t)] = !preds[static_cast<std::size_t>(t)].empty();
    for (const auto& l : links) preds[static_cast<std::size_t>(l.hoc)].push_back(l.loc);
    // Longest-path layering: a construct sits one layer right of its furthest predecessor; a
    // LOC node one layer left of its HOC.
    std::vector<int> layer(static_cast<std::size_t>(N), 0);
    for (int pass = 0; pass < N; ++pass)
        for (int t = 0; t < N; ++t)
            for (int s : preds[static_cast<std::size_t>(t)])
                layer[static_cast<std::size_t>(t)] = std::max(layer[static_cast<std::size_t>(t)], layer[static_cast<std::size_t>(s)] + 1);
    for (const auto& l : links) layer[static_cast<std::size_t>(l.loc)] = layer[static_cast<std::size_t>(l.hoc)] - 1;
    const int layers = N ? *std::max_element(layer.begin(), layer.end()) + 1 : 0;
    std::vector<std::vector<int>> cols(static_cast<std::size_t>(layers));
    for (int j = 0; j < N; ++j) cols[static_cast<std::size_t>(layer[static_cast<std::size_t>(j)])].push_back(j);
    // Order each later column by the mean position of its predecessors (fewer crossings).
    std::vector<double> pos(static_cast<std::size_t>(N), 0);
    for (std::size_t l = 0; l < cols.size(); ++l) {
        auto& col = cols[l];
        if (l > 0) {
            std::vector<double> key(static_cast<std::size_t>(N), 0);
            for (int j : col) {
                const auto& p = preds[static_cast<std::size_t>(j)];
                double sum = 0;
                for (int s : p) sum += pos[static_cast<std::size_t>(s)];
                key[static_cast<std::size_t>(j)] = p.empty() ? 0.5 : sum / static_cast<double>(p.size());
            }
            std::stable_sort(col.begin(), col.end(), [&](int a, int b) { return key[static_cast<std::size_t>(a)] < key[static_cast<std::size_t>(b)]; });
        }
        for (std::size_t k = 0; k < col.size(); ++k)
            pos[static_cast<std::size_t>(col[k])] = (static_cast<double>(k) + 0.5) / static_cast<double>(col.size());
    }
    // Long chains (ECSI has seven layers) get narrower boxes and gaps so the page does not
    // shrink the text to fit.
    const double bw = layers > 5 ? 128 : layers > 4 ? 148 : box_w, gap = layers > 4 ? 78 : col_gap;
    std::size_t tallest = 1;
    for (const auto& col : cols) tallest = std::max(tallest, col.size());
    const double inner_h = static_cast<double>(tallest) * box_h + static_cast<double>(tallest - 1) * row_gap;

    // Edges that skip layers are drawn as arcs above or below the row of boxes; find how much
    // room they need before placing the boxes.
    struct edge {
        int from, to, span;
        bool up = true;
        const loc_link* link = nullptr;  // a LOC's tie to its HOC, not a path
    };
    std::vector<edge> edges;
    for (int t = 0; t < J; ++t)
        for (int s : preds[static_cast<std::size_t>(t)])
            if (s < J) edges.push_back({s, t, layer[static_cast<std::size_t>(t)] - layer[static_cast<std::size_t>(s)]});
    for (const auto& l : links) edges.push_back({l.loc, l.hoc, 1, true, &l});
    std::stable_sort(edges.begin(), edges.end(), [](const edge& a, const edge& b) { return a.span < b.span; });
    int flip = 0;
    double room_up = 0, room_down = 0;
    for (auto& e : edges)
        if (e.span > 1) {
            e.up = (flip++ % 2) == 0;
            const double need = 26 + 18.0 * (e.span - 1);
            (e.up ? room_up : room_down) = std::max(e.up ? room_up : room_down, need);
        }
    const double top = margin + room_up;
    const double width = 2 * margin + layers * bw + std::max(0, layers - 1) * gap;
    const double height = top + inner_h + room_down + margin;
    std::vector<box> boxes(static_cast<std::size_t>(N));
    for (std::size_t l = 0; l < cols.size(); ++l) {
        const auto n = static_cast<double>(cols[l].size());
        const double col_h = n * box_h + (n - 1) * row_gap, y0 = top + (inner_h - col_h) / 2;
        for (std::size_t k = 0; k < cols[l].size(); ++k)
            boxes[static_cast<std::size_t>(cols[l][k])] = {margin + static_cast<double>(l) * (bw + gap),
                                                          y0 + static_cast<double>(k) * (box_h + row_gap), static_cast<int>(l)};
    }

    svg g(width, height, "chart pathdiagram", c.t("path_diagram"));
    g.raw("<defs>");
    for (const auto& [id, colour] : std::vector<std::pair<std::string, std::string>>{
             {"arr-pos", "#3b6ea8"}, {"arr-neg", "#c83c32"}, {"arr-ns", "#a0a8b3"}})
        g.raw("<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
              "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"" + colour + "\"/></marker>");
    g.raw("</defs>");

    // Straight edges meeting one box are spread along its side (sorted by the other end's
    // height) so arrowheads do not pile up on one point.
    std::vector<double> start_y(edges.size()), end_y(edges.size());
    const auto spread = [&](bool at_target) {
        for (int j = 0; j < N; ++j) {
            std::vector<std::size_t> mine;
            for (std::size_t k = 0; k < edges.size(); ++k)
                if (edges[k].span <= 1 && (at_target ? edges[k].to : edges[k].from) == j) mine.push_back(k);
            const auto other_y = [&](std::size_t k) { return boxes[static_cast<std::size_t>(at_target ? edges[k].from : edges[k].to)].y; };
            std::stable_sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) { return other_y(a) < other_y(b); });
            const double n = static_cast<double>(mine.size());
            const double step = n > 1 ? std::min(10.0, (box_h - 18) / (n - 1)) : 0;
            for (std::size_t k = 0; k < mine.size(); ++k)
                (at_target ? end_y : start_y)[mine[k]] =
                    boxes[static_cast<std::size_t>(j)].y + box_h / 2 + (static_cast<double>(k) - (n - 1) / 2) * step;
        }
    };
    spread(false);
    spread(true);

    std::vector<rect_area> labels;
    std::string label_markup;  // drawn after every edge, so no line crosses a label
    for (std::size_t ei = 0; ei < edges.size(); ++ei) {
        const auto& e = edges[ei];
        const auto& a = boxes[static_cast<std::size_t>(e.from)];
        const auto& b = boxes[static_cast<std::size_t>(e.to)];
        const double beta = e.link ? e.link->value : f.paths(e.to, e.from);
        const auto* bp = e.link ? nullptr : boot_path(c.in.boot, e.from, e.to);
        const bool ns = bp && !(std::isfinite(bp->p) && bp->p < 0.05);
        const std::string colour = e.link ? "#6f8fb5" : ns ? "#a0a8b3" : beta < 0 ? "#c83c32" : "#3b6ea8";
        const std::string marker = ns ? "arr-ns" : beta < 0 ? "arr-neg" : "arr-pos";
        const double w = e.link ? 1.2 : 1.2 + 2.4 * std::min(1.0, std::abs(beta));
        // A LOC's tie has no arrowhead (a loading and a weight point opposite ways); dotted.
        std::string extra = e.link ? std::string("stroke-dasharray=\"2 3\"")
                                   : "marker-end=\"url(#" + marker + ")\"" + (ns ? " stroke-dasharray=\"5 4\"" : "");
        std::vector<std::pair<double, double>> candidates;
        if (e.span <= 1) {
            const double x0 = a.x + bw, y0 = start_y[ei], x1 = b.x - 2, y1 = end_y[ei];
            g.path(std::string("M") + num(x0, 1) + "," + num(y0, 1) + " L" + num(x1, 1) + "," + num(y1, 1), colour, w, extra);
            for (double t : {0.5, 0.35, 0.65, 0.25, 0.75}) candidates.emplace_back(x0 + t * (x1 - x0), y0 + t * (y1 - y0));
        } else {
            const double x0 = a.x + bw - 24, x1 = b.x + 24;
            const double y0 = e.up ? a.y : a.y + box_h, y1 = e.up ? b.y - 2 : b.y + box_h + 2;
            const double apex = e.up ? top - (26 + 18.0 * (e.span - 1)) + 8 : top + inner_h + (26 + 18.0 * (e.span - 1)) - 8;
            const double cy = 2 * apex - (y0 + y1) / 2;
            g.path(std::string("M") + num(x0, 1) + "," + num(y0, 1) + " Q" + num((x0 + x1) / 2, 1) + "," + num(cy, 1) + " " +
                       num(x1, 1) + "," + num(y1, 1),
                   colour, w, extra);
            const double mx = (x0 + x1) / 2;
            candidates = {{mx, apex}, {mx - 40, apex + (e.up ? 6 : -6)}, {mx + 40, apex + (e.up ? 6 : -6)}};
        }
        const std::string text = (e.link ? std::string(e.link->weight ? "w " : "\u03BB ") : std::string()) + num(beta, 3) +
                                 (bp ? stars(bp->p) : "");
        const double tw = text_width(text, 11.5) + 10;
        rect_area placed{};
        bool ok = false;
        for (const auto& [cx, cy] : candidates) {
            placed = {cx - tw / 2, cy - 9, cx + tw / 2, cy + 9};
            ok = std::none_of(labels.begin(), labels.end(), [&](const rect_area& r) { return r.overlaps(placed); });
            if (ok) break;
        }
        if (!ok) placed = {candidates.front().first - tw / 2, candidates.front().second - 9,
                           candidates.front().first + tw / 2, candidates.front().second + 9};
        labels.push_back(placed);
        std::string tip = e.link ? ids[static_cast<std::size_t>(e.from)] + " (" + c.t("loc_short") + ") " +
                                       (e.link->weight ? c.t("loc_weight") : c.t("loc_loading")) + " " +
                                       ids[static_cast<std::size_t>(e.to)] + ": " + num(beta, 3)
                                 : ids[static_cast<std::size_t>(e.from)] + " \u2192 " + ids[static_cast<std::size_t>(e.to)] +
                                       ": " + num(beta, 3);
        if (bp) tip += " (SE " + num(bp->se, 3) + ", p " + p_text(bp->p) + ")";
        label_markup += "<g class=\"edge-label\"><title>" + html_escape(tip) + "</title><rect x=\"" + num(placed.x0, 1) +
                        "\" y=\"" + num(placed.y0, 1) + "\" width=\"" + num(tw, 1) +
                        "\" height=\"18\" rx=\"9\" fill=\"#ffffff\" stroke=\"" + colour + "\" stroke-width=\"0.8\"/><text x=\"" +
                        num((placed.x0 + placed.x1) / 2, 1) + "\" y=\"" + num(placed.y0 + 13, 1) +
                        "\" text-anchor=\"middle\" class=\"coef\">" + html_escape(text) + "</text></g>";
    }
    g.raw(label_markup);

    for (int j = 0; j < N; ++j) {
        const auto& b = boxes[static_cast<std::size_t>(j)];
        const auto& id = ids[static_cast<std::size_t>(j)];
        const bool endo = endogenous[static_cast<std::size_t>(j)], loc = j >= J;
        const std::string label = c.construct_label(id);
        g.begin_group(loc ? "node loc" : endo ? "node endo" : "node exo", id + (label != id ? "  " + label : ""));
        g.rect(b.x, b.y, bw, box_h, loc ? "#ffffff" : endo ? "#1f4e79" : "#eef3fa",
               std::string("rx=\"7\" stroke=\"") + (endo ? "#1f4e79" : loc ? "#6f8fb5" : "#3b6ea8") + "\" stroke-width=\"1.2\"" +
                   (loc ? " stroke-dasharray=\"4 3\"" : ""));
        g.text(b.x + bw / 2, b.y + 18, id, "middle", "node-id");
        if (label != id) g.text(b.x + bw / 2, b.y + 34, fit_text(label, bw - 14, 11.5), "middle", "node-label");
        if (endo && j < f.r2.size()) g.text(b.x + bw / 2, b.y + 50, "R\u00B2 " + num(f.r2[j], 3), "middle", "node-r2");
        g.end_group();
    }
    return "<figure class=\"chart diagram\">" + g.str() + "<figcaption>" + html_escape(c.t("diagram_caption")) +
           (links.empty() ? std::string() : " " + html_escape(c.t("diagram_caption_loc"))) + "</figcaption></figure>\n";
}

std::string section_model(const context& c) {
    const auto* f = c.in.fit;
    if (!f || f->constructs.empty()) return "";
    const auto* boot = c.in.boot;
    const int J = static_cast<int>(f->constructs.size());
    std::string body = "<p class=\"lead\">" +
                       html_escape(c.t("model_intro") + " " + std::string(f->consistent ? "PLSc" : "PLS") + ", " +
                                   c.t("scheme") + " " + scheme_name(f->options.scheme) + ", " + c.t("missing_data") + " " +
                                   missing_name(f->options.missing) + ", " + std::to_string(f->iterations) + " " +
                                   c.t("iterations") + (f->converged ? "" : " (" + c.t("not_converged") + ")") + ".") +
                       "</p>\n";
    body += path_diagram(c);
    body += "<h3>" + html_escape(c.t("paths")) + "</h3>\n<table class=\"data\"><thead><tr>" + th(c.t("from")) + th(c.t("to")) +
            th(c.t("coefficient"), true) + th("f\u00B2", true);
    if (boot)
        body += th("SE", true) + th("t", true) + th("p", true) + th(num(100 * boot->confidence, 0) + "% CI", true) +
                th("BCa", true) + th("");
    body += "</tr></thead><tbody>\n";
    for (int t = 0; t < J; ++t)
        for (int s = 0; s < J; ++s) {
            if (f->paths(t, s) == 0) continue;
            const auto& from = f->constructs[static_cast<std::size_t>(s)];
            const auto& to = f->constructs[static_cast<std::size_t>(t)];
            const auto named = [&](const std::string& id) {
                const std::string label = c.construct_label(id);
                return label == id ? id : id + "  " + label;
            };
            body += "<tr>" + td(named(from)) + td(named(to)) +
                    tdn(num(f->paths(t, s), 3)) + tdn(t < f->f2.rows() && s < f->f2.cols() ? num(f->f2(t, s), 3) : "\u2013");
            if (boot) {
                if (const auto* q = boot_path(boot, s, t))
                    body += tdn(num(q->se, 3)) + tdn(num(q->t, 2)) + tdn(p_text(q->p)) +
                            tdn(range_text(q->ci_low, q->ci_high, 3)) +
                            tdn(range_text(q->bca_low, q->bca_high, 3)) +
                            "<td class=\"stars\">" + html_escape(stars(q->p)) + "</td>";
                else
                    body += "<td colspan=\"6\"></td>";
            }
            body += "</tr>\n";
        }
    body += "</tbody></table>\n";
    if (boot)
        body += "<p class=\"hint\">" +
                html_escape(c.t("boot_note") + " " + std::to_string(boot->succeeded) + "/" + std::to_string(boot->resamples) +
                            " " + c.t("resamples") + ", seed " + std::to_string(boot->seed) +
                            (boot->failed ? ", " + std::to_string(boot->failed) + " " + c.t("failed") : std::string()) +
                            ". * p < .05, ** p < .01, *** p < .001") +
                "</p>\n";
    if (!f->warnings.empty()) {
        body += "<div class=\"warnings\"><b>" + html_escape(c.t("warnings")) + "</b><ul>";
        for (const auto& w : f->warnings) body += "<li>" + html_escape(w) + "</li>";
        body += "</ul></div>\n";
    }
    return section("sec-model", c.t("sec_model"), body);
}

}  // namespace csikit::v0::html_detail
