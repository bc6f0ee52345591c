// segment_breakdowns(): every segment column scored group by group, each group with the rest of
// the sample beside it, for the "this segment against everyone else" tests of the reports.
#include "scoring_internal.hpp"

#include <set>

CSIKIT_NAMESPACE_BEGIN

std::vector<segment_breakdown> segment_breakdowns(const survey& s, const responses& data, const score_options& options,
                                                  const std::vector<std::string>& columns) {
    const auto& wanted = columns.empty() ? s.segment_columns : columns;
    score_options o = options;
    o.by.clear();  // groups are scored one by one here
    std::vector<segment_breakdown> out;
    for (const auto& column : wanted) {
        const auto it = data.groups.find(column);
        if (it == data.groups.end())
            throw argument_error({{}, 0, column}, "\"" + column + "\" is not a segment column of the data");
        const auto& cells = it->second;
        std::set<std::string> values(cells.begin(), cells.end());
        values.erase("");
        segment_breakdown b;
        b.column = column;
        for (const auto& v : values) {
            std::vector<Eigen::Index> in, rest;
            for (std::size_t r = 0; r < cells.size(); ++r) (cells[r] == v ? in : rest).push_back(static_cast<Eigen::Index>(r));
            b.groups.push_back(score_group(s, data, in, o));
            b.groups.back().column = column;
            b.groups.back().value = v;
            b.rest.push_back(score_group(s, data, rest, o));
            b.rest.back().column = column;
            b.rest.back().value = "\u00AC" + v;  // "not v"
        }
        out.push_back(std::move(b));
    }
    return out;
}

CSIKIT_NAMESPACE_END
