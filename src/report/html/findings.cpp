// The key-findings block on top of the HTML report (issue 14 item 9): a few sentences a manager
// reads first, written from the numbers in English or Chinese: the index with its interval and
// change, the strongest drivers, what to fix first, and the significant changes.
#include "internal.hpp"

#include <algorithm>
#include <cmath>

namespace csikit::inline v0::html_detail {

namespace {

std::string li(const std::string& html) { return "<li>" + html + "</li>\n"; }

std::string b(const std::string& text) { return "<b>" + html_escape(text) + "</b>"; }

/// "2025H1 → 2025H2" change of a figure, with its sign and whether it is significant.
std::string change_sentence(const context& c, const change& ch, const std::string& name, double k) {
    const double d = k * ch.test.difference;
    const bool up = d > 0;
    const std::string amount = num(std::fabs(d), 1) + (k == 100 ? (c.zh ? " 个百分点" : " points") : (c.zh ? " 分" : " points"));
    if (c.zh)
        return html_escape(name + "从 " + ch.from + " 到 " + ch.to + (up ? "上升 " : "下降 ") + amount + "（p " + p_text(ch.test.p_value) +
                           (ch.test.significant ? "，显著" : "，不显著") + "）");
    return html_escape(name + (up ? " rose " : " fell ") + amount + " from " + ch.from + " to " + ch.to + " (p " +
                       p_text(ch.test.p_value) + (ch.test.significant ? ", significant" : ", not significant") + ")");
}

std::string change_name(const context& c, const change& ch) {
    switch (ch.kind) {
        case change_kind::node_score: return ch.id + " " + c.node_label(ch.id);
        case change_kind::item_score: return ch.id + " " + c.item_label(ch.id);
        case change_kind::item_top_box: return ch.id + " " + c.t("top_box");
        case change_kind::satisfaction_rate: return c.t("satisfaction_rate");
        case change_kind::nps: return "NPS";
    }
    return ch.id;
}

bool is_share(const change& ch) { return ch.kind == change_kind::item_top_box || ch.kind == change_kind::satisfaction_rate; }

/// The headline index: the hierarchy root of the scores, else the target construct's index.
std::string index_finding(const context& c) {
    if (const auto* r = c.in.scores; r && !r->overall.nodes.empty()) {
        const auto& root = r->overall.nodes.front();
        const std::string level = num(100 * r->options.level, 0) + "%";
        std::string s = c.zh ? "满意度指数 " + b(c.node_label(root.id)) + " 为 " + b(num(root.score.mean, 1)) + "（" + level +
                                   " 置信区间 " + html_escape(range_text(root.score.ci.lower, root.score.ci.upper, 1)) + "）"
                             : "The satisfaction index " + b(c.node_label(root.id)) + " is " + b(num(root.score.mean, 1)) +
                                   " (" + level + " CI " + html_escape(range_text(root.score.ci.lower, root.score.ci.upper, 1)) + ")";
        for (auto it = r->changes.rbegin(); it != r->changes.rend(); ++it)
            if (it->kind == change_kind::node_score && it->id == root.id) {
                s += c.zh ? "；" + change_sentence(c, *it, "", 1) : "; it " + change_sentence(c, *it, "", 1);
                break;
            }
        return li(s + (c.zh ? "。" : "."));
    }
    if (const auto* x = c.in.indices; x && !c.in.target.empty())
        for (const auto& k : x->constructs)
            if (k.construct == c.in.target && std::isfinite(k.index)) {
                const double v = k.has_respondents ? k.overall.mean : k.index;
                std::string ci = k.has_respondents ? " " + html_escape(range_text(k.overall.ci_low, k.overall.ci_high, 1)) : "";
                return li(c.zh ? "满意度指数 " + b(k.construct + " " + c.construct_label(k.construct)) + " 为 " + b(num(v, 1)) + ci + "。"
                               : "The satisfaction index " + b(k.construct + " " + c.construct_label(k.construct)) + " is " +
                                     b(num(v, 1)) + ci + ".");
            }
    return "";
}

std::string label_of(const context& c, const ipa_point& p) {
    auto l = p.label.get(c.language);
    if (!l.empty()) return l;
    if (c.in.schema->find_item(p.id)) return c.item_label(p.id);
    if (c.in.schema->find_construct(p.id)) return c.construct_label(p.id);
    return c.node_label(p.id);
}

std::string list_of(const context& c, const std::vector<const ipa_point*>& pts) {
    std::string out;
    for (std::size_t k = 0; k < pts.size(); ++k)
        out += (k ? (c.zh ? "、" : ", ") : "") + b(pts[k]->id) + " " + html_escape(label_of(c, *pts[k]));
    return out;
}

/// The strongest drivers and what to fix first, from the first map (the overall one).
std::string driver_findings(const context& c) {
    if (c.in.ipa.empty() || c.in.ipa.front().map.points.empty()) return "";
    const auto& m = c.in.ipa.front().map;
    std::vector<const ipa_point*> by_importance;
    for (const auto& p : m.points) by_importance.push_back(&p);
    std::stable_sort(by_importance.begin(), by_importance.end(),
                     [](const ipa_point* a, const ipa_point* b2) { return a->importance > b2->importance; });
    by_importance.resize(std::min<std::size_t>(3, by_importance.size()));
    std::string out = li(c.zh ? "最重要的驱动因素：" + list_of(c, by_importance) + "。"
                              : "The strongest drivers: " + list_of(c, by_importance) + ".");
    std::vector<const ipa_point*> fix;
    for (const auto& id : m.by_priority()) {
        const auto& p = m.at(id);
        if (p.where == quadrant::concentrate_here && fix.size() < 3) fix.push_back(&p);
    }
    if (fix.empty())
        out += li(c.zh ? "没有因素落在“急需改进”象限。" : "No factor falls in the concentrate-here quadrant.");
    else
        out += li(c.zh ? "优先改进（重要性高、表现低）：" + list_of(c, fix) + "。"
                       : "Fix first (important, performing below the cross-hair): " + list_of(c, fix) + ".");
    return out;
}

/// Up to five significant changes of the last pair of waves, the largest first.
std::string change_findings(const context& c) {
    const auto* r = c.in.scores;
    if (!r || r->changes.empty()) return "";
    std::vector<const change*> sig;
    for (const auto& ch : r->changes)
        if (ch.test.significant && ch.to == r->changes.back().to) sig.push_back(&ch);
    if (sig.empty())
        return li(c.zh ? "与上一期相比没有显著变化。" : "No change since the previous wave is significant.");
    std::stable_sort(sig.begin(), sig.end(), [](const change* a, const change* b2) {
        return std::fabs(a->test.statistic) > std::fabs(b2->test.statistic);
    });
    std::string items;
    for (std::size_t k = 0; k < sig.size() && k < 5; ++k)
        items += "<li>" + change_sentence(c, *sig[k], change_name(c, *sig[k]), is_share(*sig[k]) ? 100 : 1) + "</li>";
    return li(html_escape(c.zh ? "显著变化（" + std::to_string(sig.size()) + " 项）：" : "Significant changes (" + std::to_string(sig.size()) + "):") +
              "<ul>" + items + "</ul>");
}

}  // namespace

std::string section_findings(const context& c) {
    const std::string body = index_finding(c) + driver_findings(c) + change_findings(c);
    if (body.empty()) return "";
    return "<section id=\"sec-findings\" class=\"card findings\">\n<h2>" + html_escape(c.t("key_findings")) + "</h2>\n<ul>\n" + body +
           "</ul>\n</section>\n";
}

}  // namespace csikit::v0::html_detail
