// The descriptive sections of the HTML report: headline figures, the sample, the hierarchy
// index with its intervals, and every item's score and answer distribution.
#include "internal.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace csikit::inline v0::html_detail {

namespace {

std::string card(std::string_view title, const std::string& value, const std::string& sub) {
    return "<div class=\"kpi\"><div class=\"kpi-title\">" + html_escape(title) + "</div><div class=\"kpi-value\">" +
           html_escape(value) + "</div><div class=\"kpi-sub\">" + html_escape(sub) + "</div></div>";
}

std::string ci_text(const interval& ci, double k = 1) {
    if (!std::isfinite(ci.lower) || !std::isfinite(ci.upper)) return "";
    return range_text(k * ci.lower, k * ci.upper, 1);
}

/// Issue 14: the weights the schema states for every node and item (and the AHP weights that
/// replaced them), next to the weight normalised over the siblings that the index used.
void collect_stated(const node& n, std::vector<std::pair<const node*, std::string>>& out) {
    for (const auto& ch : n.children) {
        out.push_back({&ch, n.id});
        collect_stated(ch, out);
    }
}

std::string stated_weights(const context& c, const score_report& r) {
    if (!c.in.schema->hierarchy) return "";
    std::vector<std::pair<const node*, std::string>> all;
    collect_stated(*c.in.schema->hierarchy, all);
    std::string rows;
    for (const auto& [n, parent] : all) {
        double used = NAN;
        for (const auto& ns : r.overall.nodes)
            if (ns.id == n->id) used = ns.weight;
        std::string ahp;
        for (const auto& a : r.ahp)
            if (a.node == parent) ahp = "AHP (CR " + num(a.result.cr, 3) + ")";
        rows += "<tr>" + td(parent) + td(n->id + "  " + (n->is_leaf() ? c.item_label(n->item) : c.node_label(n->id))) +
                tdn(num(n->weight, 3)) + tdn(num(used, 3)) + td(ahp) + "</tr>\n";
    }
    return "<h3>" + html_escape(c.t("stated_weight")) + "</h3>\n<table class=\"data weights\"><thead><tr>" + th(c.t("node")) +
           th(c.t("item")) + th(c.t("stated_weight"), true) + th(c.t("weight"), true) + th("") + "</tr></thead><tbody>\n" + rows +
           "</tbody></table>\n";
}

std::string row2(std::string_view key, const std::string& value_html) {
    return "<tr><th scope=\"row\">" + html_escape(key) + "</th><td>" + value_html + "</td></tr>\n";
}

}  // namespace

std::string section_summary(const context& c) {
    std::string cards;
    const auto level = c.in.scores ? num(100 * c.in.scores->options.level, 0) + "% CI " : std::string();
    if (const auto* r = c.in.scores) {
        const auto& g = r->overall;
        if (!g.nodes.empty()) {
            const auto& root = g.nodes.front();
            cards += card(c.node_label(root.id), num(root.score.mean, 1), level + ci_text(root.score.ci));
        }
        if (g.satisfaction_rate)
            cards += card(c.t("satisfaction_rate"), pct(g.satisfaction_rate->p),
                          c.t("score_at_least") + " " + num(r->options.threshold, 0) + " \u00B7 " +
                              ci_text(g.satisfaction_rate->ci, 100));
        if (g.nps) cards += card("NPS", num(g.nps->nps, 1), level + ci_text(g.nps->adjusted_wald));
        cards += card(c.t("respondents"), std::to_string(r->sample.respondents),
                      r->sample.weighted ? "n_eff " + num(r->sample.n_eff, 1) : c.t("unweighted"));
    } else if (const auto* f = c.in.fit) {
        // The satisfaction index as the headline card where one exists.
        if (const auto* x = c.in.indices; x && !c.in.target.empty())
            for (const auto& k : x->constructs)
                if (k.construct == c.in.target && std::isfinite(k.index))
                    cards += card(k.construct + " " + c.construct_label(k.construct),
                                  num(k.has_respondents ? k.overall.mean : k.index, 1),
                                  k.has_respondents ? range_text(k.overall.ci_low, k.overall.ci_high, 1) : std::string());
        cards += card(c.t("respondents"), std::to_string(f->data.respondents_total),
                      c.t("used_in_model") + " " + std::to_string(f->data.respondents_used));
    }
    if (const auto* f = c.in.fit; f && f->options.quality)
        cards += card(c.t("model_fit") + " \u00B7 SRMR", num(f->srmr, 3), "GoF " + num(f->gof, 3));
    if (cards.empty()) return "";
    return "<div class=\"kpis\" id=\"sec-summary\">" + cards + "</div>\n";
}

std::string section_sample(const context& c) {
    std::string rows;
    if (const auto* r = c.in.scores) {
        const auto& sm = r->sample;
        rows += row2(c.t("respondents"), html_escape(std::to_string(sm.respondents)));
        if (sm.weighted)
            rows += row2(c.t("weights"), html_escape(c.t("total_weight") + " " + num(sm.sum_weights, 2) +
                                                     ", Kish n_eff " + num(sm.n_eff, 1)));
        else
            rows += row2(c.t("weights"), html_escape(c.t("unweighted")));
        if (!sm.by_wave.empty()) {
            std::string w;
            for (const auto& [wave, n] : sm.by_wave)
                w += "<span class=\"chip\">" + html_escape(wave) + " <b>" + std::to_string(n) + "</b></span>";
            if (sm.without_wave) w += "<span class=\"chip\">" + html_escape(c.t("no_wave")) + " <b>" +
                                      std::to_string(sm.without_wave) + "</b></span>";
            rows += row2(c.t("waves"), w);
        }
        std::string miss = html_escape(std::to_string(sm.missing) + " " + c.t("answers_of") + " " +
                                       std::to_string(sm.read.cells) + " (" + std::to_string(sm.read.empty) + " " +
                                       c.t("empty") + ", " + std::to_string(sm.read.missing_codes) + " " +
                                       c.t("missing_codes"));
        bool first_kind = true;
        for (const auto& [kind, n] : sm.read.codes_by_kind) {
            miss += html_escape((first_kind ? ": " : ", ") + kind + " " + std::to_string(n));
            first_kind = false;
        }
        miss += html_escape(", " + std::to_string(sm.read.out_of_scale) + " " + c.t("out_of_scale") + ")");
        rows += row2(c.t("missing_answers"), miss + "<div class=\"hint\">" + html_escape(c.t("missing_rule")) + "</div>");
        // The items missing most often: where questionnaire trouble usually shows first.
        std::vector<std::pair<std::size_t, std::string>> top;
        for (const auto& [id, n] : sm.missing_by_item)
            if (n > 0) top.emplace_back(n, id);
        std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
        if (!top.empty()) {
            std::string list;
            for (std::size_t i = 0; i < top.size() && i < 6; ++i)
                list += "<span class=\"chip\" title=\"" + html_escape(c.item_label(top[i].second)) + "\">" +
                        html_escape(top[i].second) + " <b>" + std::to_string(top[i].first) + "</b></span>";
            rows += row2(c.t("most_missing"), list);
        }
    }
    for (const auto& b : c.in.segments) {
        std::string chips;
        for (const auto& g : b.groups)
            chips += "<span class=\"chip\">" + html_escape(g.value) + " <b>" + std::to_string(g.n) + "</b></span>";
        rows += row2(c.t("segment") + ": " + b.column, chips);
    }
    if (const auto* f = c.in.fit) {
        const auto& m = f->data;
        std::string used = html_escape(std::to_string(m.respondents_used) + " / " + std::to_string(m.respondents_total));
        const auto excluded = m.respondents_total - std::min(m.respondents_total, m.respondents_used);
        std::string why;
        if (m.missing == missing_treatment::listwise)
            why = std::to_string(excluded) + " " + c.t("excluded_listwise");
        else if (m.missing == missing_treatment::mean_replacement)
            why = std::to_string(m.answers_imputed) + " " + c.t("answers_imputed");
        else
            why = c.t("pairwise_note");
        rows += row2(c.t("used_in_model"), used + "<div class=\"hint\">" + html_escape(why) + "; n_eff " +
                                               html_escape(num(m.effective_n, 1)) + "</div>");
    }
    if (rows.empty()) return "";
    return section("sec-sample", c.t("sec_sample"), "<table class=\"kv\">\n" + rows + "</table>\n");
}

std::string section_index(const context& c) {
    const auto* r = c.in.scores;
    if (!r || r->overall.nodes.empty()) return "";
    const auto& g = r->overall;
    std::vector<bar_row> rows;
    for (const auto& n : g.nodes) {
        bar_row b;
        b.label = n.item.empty() ? n.id + "  " + c.node_label(n.id) : n.id + "  " + c.item_label(n.item);
        if (n.item.empty() && c.node_label(n.id) == n.id) b.label = n.id;
        b.value = n.score.mean;
        b.low = n.score.ci.lower;
        b.high = n.score.ci.upper;
        b.depth = n.depth;
        b.muted = !n.item.empty();
        rows.push_back(std::move(b));
    }
    std::string body = "<p class=\"lead\">" + html_escape(c.t("index_intro") + " " + num(100 * r->options.level, 0) +
                                                          "% " + c.t("interval_whiskers")) + "</p>\n";
    body += bar_chart(rows, 0, 100, c.t("sec_index"));
    // The inner nodes as a table too: the weight and satisfied share do not fit on a bar.
    body += "<table class=\"data\"><thead><tr>" + th(c.t("node")) + th(c.t("weight"), true) + th(c.t("score"), true) +
            th(c.t("ci"), true) + th("n", true) + th("n_eff", true) + th(c.t("satisfied"), true) + "</tr></thead><tbody>\n";
    for (const auto& n : g.nodes) {
        if (!n.item.empty()) continue;
        body += "<tr class=\"depth" + std::to_string(std::min(n.depth, 3)) + "\">" + td(n.id + "  " + c.node_label(n.id)) +
                tdn(num(n.weight, 3)) + tdn(num(n.score.mean, 1)) + tdn(ci_text(n.score.ci)) +
                tdn(std::to_string(n.score.n)) + tdn(num(n.score.n_eff, 1)) + tdn(pct(n.satisfied.p)) + "</tr>\n";
    }
    body += "</tbody></table>\n";
    body += stated_weights(c, *r);
    if (g.satisfaction_rate) {
        const auto& s = *g.satisfaction_rate;
        body += "<p>" + html_escape(c.t("satisfaction_rate") + " (" + c.t("score_at_least") + " " +
                                    num(r->options.threshold, 0) + "): ") +
                "<b>" + html_escape(pct(s.p)) + "</b> " + html_escape(ci_text(s.ci, 100) + ", n " + std::to_string(s.n)) +
                "</p>\n";
    }
    if (g.nps) {
        const auto& e = *g.nps;
        body += "<h3>NPS</h3>\n<div class=\"nps\">" +
                stacked_bar({e.detractors, e.passives, e.promoters}, {"#c83c32", "#c9ced6", "#2e8b57"},
                            {c.t("detractors") + " " + pct(e.detractors), c.t("passives") + " " + pct(e.passives),
                             c.t("promoters") + " " + pct(e.promoters)},
                            480, 22) +
                "<p>NPS <b>" + html_escape(num(e.nps, 1)) + "</b> " + html_escape(ci_text(e.adjusted_wald)) + " \u00B7 " +
                html_escape(c.t("promoters") + " " + pct(e.promoters) + ", " + c.t("passives") + " " + pct(e.passives) +
                            ", " + c.t("detractors") + " " + pct(e.detractors) + "; n " + std::to_string(e.n)) +
                "</p></div>\n";
    }
    return section("sec-index", c.t("sec_index"), body);
}

std::string section_items(const context& c) {
    const auto* r = c.in.scores;
    if (!r || r->overall.items.empty()) return "";
    const auto& g = r->overall;
    // A colour legend per scale used, so a reader can tell the stacked segments apart.
    std::string legend;
    std::set<std::string> scales_done;
    for (const auto& i : g.items) {
        if (!scales_done.insert(i.scale).second) continue;
        legend += "<div class=\"legend\"><span class=\"legend-title\">" + html_escape(i.scale) + "</span>";
        for (std::size_t k = 0; k < i.distribution.size(); ++k) {
            const auto& v = i.distribution[k];
            const auto lbl = c.value_label(i.id, v.value);
            legend += "<span class=\"key\"><i style=\"background:" + scale_colour(k, i.distribution.size()) + "\"></i>" +
                      html_escape(num(v.value, 0) + (lbl.empty() ? "" : " " + lbl)) + "</span>";
        }
        legend += "</div>\n";
    }
    std::string body = "<p class=\"lead\">" + html_escape(c.t("items_intro")) + "</p>\n" + legend;
    body += "<table class=\"data items\"><thead><tr>" + th(c.t("item")) + th("n", true) + th(c.t("missing"), true) +
            th(c.t("mean"), true) + th(c.t("score")) + th(c.t("top_box"), true) + th(c.t("satisfied"), true) +
            th(c.t("distribution")) + "</tr></thead><tbody>\n";
    for (const auto& i : g.items) {
        std::vector<double> shares;
        std::vector<std::string> colours, tips;
        for (std::size_t k = 0; k < i.distribution.size(); ++k) {
            const auto& v = i.distribution[k];
            shares.push_back(v.share);
            colours.push_back(scale_colour(k, i.distribution.size()));
            const auto lbl = c.value_label(i.id, v.value);
            tips.push_back(num(v.value, 0) + (lbl.empty() ? "" : " " + lbl) + ": " + pct(v.share) + " (" +
                           std::to_string(v.count) + ")");
        }
        const item* it = c.in.schema->find_item(i.id);
        const std::string reversed = it && it->reverse ? " <span class=\"badge reversed\" title=\"" + html_escape(c.t("reversed")) +
                                                             "\">\u21BA " + html_escape(c.t("reversed")) + "</span>"
                                                       : "";
        body += "<tr><td><span class=\"id\">" + html_escape(i.id) + "</span> " + html_escape(c.item_label(i.id)) + reversed + "</td>" +
                tdn(std::to_string(i.mean.n)) + tdn(std::to_string(i.missing)) + tdn(num(i.mean.mean, 2)) +
                "<td class=\"bar\">" + mini_bar(i.score.mean, i.score.ci.lower, i.score.ci.upper) + " <b>" +
                html_escape(num(i.score.mean, 1)) + "</b> <span class=\"ci\">" + html_escape(ci_text(i.score.ci)) +
                "</span></td>" + tdn(pct(i.top_box.p)) +
                "<td class=\"num\" title=\"" + html_escape(c.t("satisfied_rule") + ": " + i.satisfied_rule) + "\">" +
                html_escape(pct(i.satisfied.p)) + " <span class=\"ci\">" + html_escape(i.satisfied_rule) + "</span></td>" +
                "<td class=\"dist\">" + stacked_bar(shares, colours, tips) +
                "</td></tr>\n";
    }
    body += "</tbody></table>\n";
    return section("sec-items", c.t("sec_items"), body);
}

}  // namespace csikit::v0::html_detail
