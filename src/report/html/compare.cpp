// The comparison sections of the HTML report: wave over wave (dumbbell chart and the tests of
// score_report::changes) and segments against the rest of the sample (Welch t, z for shares and
// NPS).
#include "internal.hpp"

#include <algorithm>
#include <cmath>
#include <set>


namespace csikit::inline v0::html_detail {

namespace {

std::string ci_text(const interval& ci, double k = 1) {
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return "\u2013";
    return range_text(k * ci.lower, k * ci.upper, 1);
}

/// The figures compared across waves and segments: the root and the first-level dimensions,
/// or, without a hierarchy, the overall-satisfaction item.
struct figure {
    std::string id, label;
    bool node = true;
};

std::vector<figure> key_figures(const context& c) {
    std::vector<figure> out;
    const auto& g = c.in.scores->overall;
    for (const auto& n : g.nodes)
        if (n.depth <= 1 && n.item.empty()) out.push_back({n.id, c.node_label(n.id), true});
    if (out.empty() && !c.in.schema->overall_item.empty())
        out.push_back({c.in.schema->overall_item, c.item_label(c.in.schema->overall_item), false});
    return out;
}

const mean_estimate* figure_score(const group_scores& g, const figure& f) {
    if (f.node) {
        const auto* n = g.find_node(f.id);
        return n ? &n->score : nullptr;
    }
    const auto* i = g.find_item(f.id);
    return i ? &i->score : nullptr;
}

const std::vector<std::string> wave_palette = {"#9aa5b1", "#e07b39", "#8e5ea2", "#2e8b57", "#c9a227"};

std::string wave_colour(std::size_t i, std::size_t count) {
    return i + 1 == count ? "#3b6ea8" : wave_palette[i % wave_palette.size()];
}

std::string dumbbell(const context& c, const std::vector<figure>& figs) {
    const auto& waves = c.in.scores->by_wave;
    double lo = 100, hi = 0;
    for (const auto& f : figs)
        for (const auto& w : waves)
            if (const auto* e = figure_score(w, f); e && std::isfinite(e->mean)) {
                lo = std::min(lo, e->mean);
                hi = std::max(hi, e->mean);
            }
    if (lo > hi) return "";
    lo = std::max(0.0, std::floor((lo - 3) / 10) * 10);
    hi = std::min(100.0, std::ceil((hi + 3) / 10) * 10);
    double label_w = 120;
    for (const auto& f : figs) label_w = std::max(label_w, text_width(f.id + "  " + f.label, 12.5) + 16);
    const double width = 1000, row = 26, top = 24, right = 120;
    label_w = std::min(label_w, width * 0.42);
    const double left = label_w + 8, plot = width - left - right, height = top + row * static_cast<double>(figs.size()) + 6;
    const auto x = [&](double v) { return left + plot * (std::clamp(v, lo, hi) - lo) / (hi - lo); };
    svg g(width, height, "chart dumbbell", c.t("sec_waves"));
    for (int k = 0; k <= 5; ++k) {
        const double v = lo + (hi - lo) * k / 5.0;
        g.line(x(v), top - 4, x(v), height - 4, "#e3e7ee", 1);
        g.text(x(v), top - 9, num(v, 0), "middle", "tick");
    }
    for (std::size_t i = 0; i < figs.size(); ++i) {
        const auto& f = figs[i];
        const double cy = top + row * static_cast<double>(i) + row / 2;
        g.text(8, cy + 4, f.id + "  " + f.label, "start", i == 0 ? "lbl strong" : "lbl");
        std::vector<double> xs;
        for (const auto& w : waves)
            if (const auto* e = figure_score(w, f); e && std::isfinite(e->mean)) xs.push_back(x(e->mean));
        if (xs.size() >= 2) g.line(*std::min_element(xs.begin(), xs.end()), cy, *std::max_element(xs.begin(), xs.end()), cy, "#c3cad4", 3);
        for (std::size_t k = 0; k < waves.size(); ++k)
            if (const auto* e = figure_score(waves[k], f); e && std::isfinite(e->mean)) {
                g.begin_group({}, waves[k].value + ": " + num(e->mean, 1) + " " + ci_text(e->ci));
                g.circle(x(e->mean), cy, 5.5, wave_colour(k, waves.size()), "stroke=\"#ffffff\" stroke-width=\"1.5\"");
                g.end_group();
            }
        // The last change with its test, coloured when significant.
        const change* last = nullptr;
        for (const auto& ch : c.in.scores->changes)
            if (ch.id == f.id && (ch.kind == change_kind::node_score || ch.kind == change_kind::item_score)) last = &ch;
        if (last) {
            const double d = last->test.difference;
            const std::string cls = last->test.significant ? (d > 0 ? "val up" : "val down") : "val";
            g.text(width - right + 10, cy + 4, (d > 0 ? "+" : "") + num(d, 1) + " " + stars(last->test.p_value), "start", cls);
        }
    }
    std::string legend = "<div class=\"legend\">";
    for (std::size_t k = 0; k < waves.size(); ++k)
        legend += "<span class=\"key\"><i class=\"dot\" style=\"background:" + wave_colour(k, waves.size()) + "\"></i>" +
                  html_escape(waves[k].value + " (n " + std::to_string(waves[k].n) + ")") + "</span>";
    legend += "</div>\n";
    return legend + "<figure class=\"chart\">" + g.str() + "</figure>\n";
}

std::string changes_table(const context& c, const std::vector<const change*>& list) {
    std::string t = "<table class=\"data\"><thead><tr>" + th(c.t("figure")) + th(c.t("from"), true) + th(c.t("to"), true) +
                    th(c.t("change"), true) + th(c.t("ci"), true) + th(c.t("test"), true) + th("p", true) + th("") +
                    "</tr></thead><tbody>\n";
    for (const auto* ch : list) {
        const bool share = ch->kind == change_kind::item_top_box || ch->kind == change_kind::satisfaction_rate;
        const double k = share ? 100 : 1;  // shares in percentage points
        std::string name;
        switch (ch->kind) {
            case change_kind::node_score: name = ch->id + "  " + c.node_label(ch->id); break;
            case change_kind::item_score: name = ch->id + "  " + c.item_label(ch->id); break;
            case change_kind::item_top_box: name = ch->id + "  " + c.t("top_box"); break;
            case change_kind::satisfaction_rate: name = c.t("satisfaction_rate"); break;
            case change_kind::nps: name = "NPS"; break;
        }
        t += "<tr>" + td(name) + tdn(ch->from + ": " + num(k * ch->before, 1)) + tdn(ch->to + ": " + num(k * ch->after, 1)) +
             tdn((ch->test.difference > 0 ? "+" : "") + num(k * ch->test.difference, 1)) + tdn(ci_text(ch->test.ci, k)) +
             tdn((std::isinf(ch->test.df) ? "z " : "t ") + num(ch->test.statistic, 2)) + tdn(p_text(ch->test.p_value)) +
             "<td>" + change_mark(ch->test.difference, ch->test.p_value, ch->test.significant) + "</td></tr>\n";
    }
    return t + "</tbody></table>\n";
}

}  // namespace

std::string section_waves(const context& c) {
    const auto* r = c.in.scores;
    if (!r || r->by_wave.size() < 2) return "";
    std::string body = "<p class=\"lead\">" + html_escape(c.t("waves_intro")) + "</p>\n";
    const auto figs = key_figures(c);
    if (!figs.empty()) body += dumbbell(c, figs);
    std::vector<const change*> main, items;
    for (const auto& ch : r->changes) {
        const bool item = ch.kind == change_kind::item_score || ch.kind == change_kind::item_top_box;
        // Significant item changes are shown with the main figures, not behind a click.
        (item && !ch.test.significant ? items : main).push_back(&ch);
    }
    if (!main.empty()) body += changes_table(c, main);
    if (!items.empty())
        body += "<details><summary>" + html_escape(c.t("item_changes") + " (" + std::to_string(items.size()) + ")") +
                "</summary>\n" + changes_table(c, items) + "</details>\n";
    body += "<p class=\"hint\">" + html_escape(c.t("marks_note")) + "</p>\n";
    // Issue 14: the composition-adjusted scores per wave, when asked (adjusted.cpp).
    if (c.in.adjusted && c.in.adjusted->options.by == c.in.schema->wave_column) body += adjusted_table(c);
    return section("sec-waves", c.t("sec_waves"), body);
}

namespace {

std::string segment_block(const context& c, const std::string& column, const std::vector<group_scores>& groups,
                          const std::vector<group_scores>* rest) {
    const double level = c.in.scores->options.level;
    const auto figs = key_figures(c);
    const bool nps = c.in.scores->overall.nps.has_value();
    std::string out = "<h3>" + html_escape(c.t("by") + " " + column) + "</h3>\n";
    // A bar per group for the first figure (the overall index), with whiskers and marks.
    if (!figs.empty()) {
        std::vector<bar_row> bars;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const auto* e = figure_score(groups[i], figs.front());
            if (!e) continue;
            bar_row b{groups[i].value + " (n " + std::to_string(groups[i].n) + ")", e->mean, e->ci.lower, e->ci.upper, 0, false, {}};
            if (rest) {
                const auto* o = figure_score((*rest)[i], figs.front());
                if (o && o->n >= 2 && e->n >= 2) {
                    const auto t = welch_test(*e, *o, level);
                    if (t.significant) b.note = (t.difference > 0 ? "\u25B2" : "\u25BC") + stars(t.p_value);
                }
            }
            bars.push_back(std::move(b));
        }
        out += bar_chart(bars, 0, 100, c.t("by") + " " + column);
    }
    out += "<table class=\"data\"><thead><tr>" + th(c.t("segment")) + th("n", true) + th("n_eff", true);
    for (const auto& f : figs) out += "<th class=\"num\" title=\"" + html_escape(f.label) + "\">" + html_escape(f.id) + "</th>";
    if (c.in.scores->overall.satisfaction_rate) out += th(c.t("satisfied"), true);
    if (nps) out += th("NPS", true);
    out += "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto& g = groups[i];
        const group_scores* o = rest ? &(*rest)[i] : nullptr;
        out += "<tr>" + td(g.value) + tdn(std::to_string(g.n)) + tdn(num(g.n_eff, 1));
        for (const auto& f : figs) {
            const auto* e = figure_score(g, f);
            std::string mark;
            if (o && e)
                if (const auto* oe = figure_score(*o, f); oe && oe->n >= 2 && e->n >= 2) {
                    const auto t = welch_test(*e, *oe, level);
                    mark = change_mark(t.difference, t.p_value, t.significant);
                }
            out += "<td class=\"num\">" + html_escape(e ? num(e->mean, 1) : "\u2013") + mark + "</td>";
        }
        if (c.in.scores->overall.satisfaction_rate) {
            std::string mark;
            if (o && g.satisfaction_rate && o->satisfaction_rate && g.satisfaction_rate->n_eff > 0 && o->satisfaction_rate->n_eff > 0) {
                const auto t = two_proportion_test(g.satisfaction_rate->p, g.satisfaction_rate->n_eff,
                                                   o->satisfaction_rate->p, o->satisfaction_rate->n_eff, level);
                mark = change_mark(t.difference, t.p_value, t.significant);
            }
            out += "<td class=\"num\">" + html_escape(g.satisfaction_rate ? pct(g.satisfaction_rate->p) : "\u2013") + mark + "</td>";
        }
        if (nps) {
            std::string mark;
            if (o && g.nps && o->nps && g.nps->n >= 2 && o->nps->n >= 2) {
                const auto t = nps_test(*g.nps, *o->nps, level);
                mark = change_mark(t.difference, t.p_value, t.significant);
            }
            out += "<td class=\"num\">" + html_escape(g.nps ? num(g.nps->nps, 1) : "\u2013") + mark + "</td>";
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

}  // namespace

std::string section_segments(const context& c) {
    const auto* r = c.in.scores;
    if (!r) return "";
    std::string body;
    if (!c.in.segments.empty()) {
        body += "<p class=\"lead\">" + html_escape(c.t("segments_intro")) + "</p>\n";
        for (const auto& b : c.in.segments) body += segment_block(c, b.column, b.groups, &b.rest);
        body += "<p class=\"hint\">" + html_escape(c.t("marks_note_segments")) + "</p>\n";
    } else if (!r->by_segment.empty()) {
        body += segment_block(c, r->options.by, r->by_segment, nullptr);
        body += "<p class=\"hint\">" + html_escape(c.t("segments_untested")) + "</p>\n";
    }
    if (body.empty()) return "";
    return section("sec-segments", c.t("sec_segments"), body);
}

}  // namespace csikit::v0::html_detail
