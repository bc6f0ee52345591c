// The courier example of DOMAIN.md: stated importance against satisfaction, placed on the
// importance-performance map, printed as a table and written as an HTML report.
//
// Usage: courier_ipa SCHEMA.json RESPONSES.csv [REPORT.html]
// Every factor <id> has a satisfaction item <id> and an importance item <id>_imp.
#include <csikit/ipa.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "example_main.hpp"

int main(int argc, char** argv) {
    return example::run("courier_ipa", argc, argv, [](const csikit::survey& survey, const csikit::responses& data,
                                                     const char* report) {
        // Pair each satisfaction item with its importance item by the naming convention.
        std::vector<std::pair<std::string, std::string>> pairs;
        for (const auto& item : survey.items)
            if (survey.find_item(item.id + "_imp")) pairs.emplace_back(item.id, item.id + "_imp");

        // Both axes are 0-100 rescaled means, so the iso-priority diagonal is meaningful too.
        csikit::ipa_options options;
        options.rule = csikit::crosshair_rule::data_mean;
        options.diagonal = true;
        const auto map = csikit::ipa(csikit::stated_factors(survey, data, pairs), options);

        std::printf("Courier IPA: %zu respondents, cross-hair at importance %.2f, performance %.2f (factor means)\n\n",
                    data.respondents(), map.importance_cut, map.performance_cut);
        std::printf("%-20s %10s %11s %8s  %s\n", "factor", "importance", "performance", "gap", "quadrant");
        for (const auto& p : map.points)
            std::printf("%-20s %10.1f %11.1f %8.1f  %s (%s)\n", p.id.c_str(), p.importance, p.performance, p.gap,
                        csikit::quadrant_label(p.where, "en").c_str(), csikit::quadrant_label(p.where, "zh").c_str());
        std::printf("\nFix first (priority order: concentrate here, then z(I) - z(P)): ");
        for (const auto& id : map.by_priority()) std::printf("%s ", id.c_str());
        std::printf("\n");

        if (report) {
            const auto scores = csikit::score(survey, data);
            csikit::report_input in;
            in.schema = &survey;
            in.scores = &scores;
            in.segments = csikit::segment_breakdowns(survey, data);
            in.ipa.push_back({"Stated importance vs satisfaction", "importance (0-100)", "satisfaction (0-100)", map});
            example::write_report(report, in);
        }
        return 0;
    });
}
