// run_analysis() and to_html(analysis_report): the one pipeline behind `csikit analyze` and
// `csikit report` (and, through the same calls, the C ABI and Python). Scores and segments,
// the PLS estimate, the bootstrap, indices, impacts, IPA/IPMA and per-group results are computed
// here once; the serialisers (to_json in report_json.cpp, to_html below) only write them.
#include "csikit/report.hpp"

#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

analysis_report run_analysis(const survey& s, const responses& data, const analysis_options& options) {
    analysis_report r;
    r.schema = s;
    if (options.scores) {
        r.scores = score(s, data, options.scoring);
        r.segments = segment_breakdowns(s, data, options.scoring);
    }
    const bool has_model = !s.constructs.empty() && !s.paths.empty();
    if (!has_model) {
        if (!options.scores)
            throw argument_error(location{"", 0, "constructs"},
                                 "the survey declares no path model (expected \"constructs\" and \"paths\", or a "
                                 "\"model\" preset, in the schema)");
        r.notes.push_back("no path model: the schema declares no constructs and paths, so the report holds the scores only");
        return r;
    }
    const pls_model model = pls_model::from_survey(s);
    r.fit = estimate(model, data, options.pls);
    if (const std::string w = missing_data_warning(*r.fit); !w.empty()) r.notes.push_back(w);
    // The index analysis first: a bad --target or --by fails before a long bootstrap.
    r.analysis = analyze_indices(model, *r.fit, s, data, options.index);
    if (options.resamples > 0) {
        bootstrap_options bo = options.bootstrap;
        bo.resamples = options.resamples;
        bo.index_survey = &r.schema;  // bootstrap the 0-100 indices too
        r.boot = bootstrap(model, data, *r.fit, bo);
    }
    return r;
}

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
    in.indices = r.fit && r.analysis.overall.estimated ? &r.analysis.overall.indices : nullptr;
    const index_analysis& a = r.analysis;
    if (!a.target.empty()) {
        add_maps(in.ipa, a.overall, a.target, "", zh);
        for (const auto& g : a.groups) add_maps(in.ipa, g.part, a.target, a.by + " = " + g.value, zh);
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
