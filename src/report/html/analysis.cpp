// to_html(analysis_report): the HTML page of a run of run_analysis(), every piece it has.
#include "csikit/html_report.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace {

bool chinese(const analysis_report& r, const html_options& o) {
    const std::string lang = !o.language.empty() ? o.language : !r.schema.languages.empty() ? r.schema.languages.front() : "";
    return lang.rfind("zh", 0) == 0;
}

/// The construct-level and item-level maps of one part (overall or a group), titled.
void add_maps(std::vector<ipa_section>& out, const index_part& part, const std::string& target, const std::string& group,
              bool zh) {
    const std::string imp = zh ? "重要性（对 " + target + " 的总效应，百分制）" : "importance (total effect on " + target + ", 0-100 metric)";
    const std::string where = group.empty() ? "" : zh ? "，" + group : ", " + group;
    if (part.ipa && !part.ipa->points.empty())
        out.push_back({zh ? target + "的驱动因素（潜变量层面" + where + "）" : "Drivers of " + target + " (constructs" + where + ")",
                       imp, zh ? "表现（指数，0-100）" : "performance (index, 0-100)", *part.ipa});
    if (part.ipa_indicators && !part.ipa_indicators->points.empty())
        out.push_back({zh ? target + "的驱动因素（题项层面" + where + "）" : "Drivers of " + target + " (items" + where + ")",
                       imp, zh ? "表现（题项得分，0-100）" : "performance (item score, 0-100)", *part.ipa_indicators});
}

}  // namespace

std::string to_html(const analysis_report& r, const html_options& options) {
    const bool zh = chinese(r, options);
    report_input in;
    in.schema = &r.schema;
    in.scores = r.scores ? &*r.scores : nullptr;
    in.segments = r.segments;
    in.fit = r.fit ? &*r.fit : nullptr;
    in.boot = r.boot ? &*r.boot : nullptr;
    in.extended = r.extended ? &*r.extended : nullptr;
    in.indices = r.fit && r.analysis.overall.estimated ? &r.analysis.overall.indices : nullptr;
    in.prediction = r.prediction ? &*r.prediction : nullptr;
    in.cvpat = r.cvpat ? &*r.cvpat : nullptr;
    in.trend = r.trend ? &*r.trend : nullptr;        // issue 14: 3 or more waves
    in.feedback = r.feedback ? &*r.feedback : nullptr;  // issue 14: multi-response items
    const index_analysis& a = r.analysis;
    in.target = a.target;
    if (!a.target.empty()) {
        add_maps(in.ipa, a.overall, a.target, "", zh);
        for (const auto& g : a.groups) add_maps(in.ipa, g.part, a.target, a.by + " = " + g.value, zh);
    }
    // Issue 14: the IPA from stated or derived importance, whenever the schema allows one.
    if (r.ipa) {
        const bool stated = r.ipa->importance == importance_source::stated;
        const std::string m = to_string(r.ipa->importance);
        const std::string imp = stated ? (zh ? "重要性（重要性题项得分，0-100）" : "importance (importance item, 0-100)")
                                       : (zh ? "重要性（对 " + r.ipa->outcome + " 的" + m + "）" : "importance (" + m + " with " + r.ipa->outcome + ")");
        const std::string perf = zh ? "表现（得分，0-100）" : "performance (score, 0-100)";
        const std::string title = zh ? std::string("重要性-表现分析（") + (stated ? "陈述重要性" : "推导重要性") + "）"
                                     : std::string("Importance-performance analysis (") + (stated ? "stated" : "derived") + " importance)";
        in.ipa.push_back({title, imp, perf, r.ipa->map});
        for (const auto& g : r.ipa->groups)
            if (g.map) in.ipa.push_back({title + (zh ? "，" : ", ") + r.ipa->by + " = " + g.value, imp, perf, *g.map});
    }
    if (r.fit) {
        in.settings.emplace_back(zh ? "IPA 目标" : "IPA target",
                                 a.target.empty() ? "-" : a.target + " (" + a.target_source + ")");
        if (!a.by.empty()) in.settings.emplace_back(zh ? "分组估计" : "re-estimated by", a.by);
    }
    // Everything left out and why, one line each (the missing-data warning also heads the page).
    for (const auto& n : r.notes) in.settings.emplace_back(zh ? "说明" : "note", n);
    for (const auto& n : a.overall.notes) in.settings.emplace_back(zh ? "说明" : "note", n);
    for (const auto& g : a.groups)
        for (const auto& n : g.part.notes) in.settings.emplace_back((zh ? "说明：" : "note: ") + a.by + " = " + g.value, n);
    in.settings.insert(in.settings.end(), r.settings.begin(), r.settings.end());
    return html_report(in, options);
}


CSIKIT_NAMESPACE_END
