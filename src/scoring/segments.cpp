// segment_breakdowns(): every segment column scored group by group, each group with the rest of
// the sample beside it, for the "this segment against everyone else" tests of the reports.
// group_segments(): the groups of a column as every report shows them (capped, see scoring.hpp).
#include "scoring_internal.hpp"

#include <algorithm>
#include <unordered_map>

CSIKIT_NAMESPACE_BEGIN

namespace scoring_detail {

segment_groups group_segments(const responses& data, const std::string& column) {
    segment_groups out;
    const auto& cells = data.groups.at(column);
    // One pass: rows by value.
    std::unordered_map<std::string_view, std::vector<Eigen::Index>> rows;
    for (std::size_t r = 0; r < cells.size(); ++r) {
        if (cells[r].empty()) ++out.empty;
        else rows[cells[r]].push_back(static_cast<Eigen::Index>(r));
    }
    out.values = rows.size();
    std::vector<std::pair<std::string_view, std::vector<Eigen::Index>*>> order;
    order.reserve(rows.size());
    for (auto& [v, r] : rows) order.emplace_back(v, &r);
    if (order.size() > max_segments_shown) {
        // The largest groups (ties: the smaller value first, so the choice is deterministic).
        std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(max_segments_shown) - 1,
                         order.end(), [](const auto& a, const auto& b) {
                             return a.second->size() != b.second->size() ? a.second->size() > b.second->size()
                                                                         : a.first < b.first;
                         });
        std::vector<Eigen::Index> other;
        for (std::size_t k = max_segments_shown; k < order.size(); ++k)
            other.insert(other.end(), order[k].second->begin(), order[k].second->end());
        std::sort(other.begin(), other.end());  // the data's row order, as in every group
        out.pooled = order.size() - max_segments_shown;
        order.resize(max_segments_shown);
        std::sort(order.begin(), order.end());
        for (auto& [v, r] : order) out.groups.emplace_back(std::string(v), std::move(*r));
        out.groups.emplace_back(other_segments, std::move(other));
    } else {
        std::sort(order.begin(), order.end());
        for (auto& [v, r] : order) out.groups.emplace_back(std::string(v), std::move(*r));
    }
    return out;
}

std::vector<std::string> segment_groups::notes(const std::string& column) const {
    std::vector<std::string> out;
    if (empty > 0)
        out.push_back(std::to_string(empty) + " respondents have no value in the segment column \"" + column +
                      "\" and are left out of its segment tables");
    if (pooled > 0)
        out.push_back("the segment column \"" + column + "\" has " + std::to_string(values) + " values: the " +
                      std::to_string(max_segments_shown) + " largest are shown, the other " + std::to_string(pooled) +
                      " are pooled as \"" + other_segments + "\" (" + std::to_string(groups.back().second.size()) +
                      " respondents)");
    return out;
}

}  // namespace scoring_detail

std::vector<segment_breakdown> segment_breakdowns(const survey& given, const responses& data, const score_options& options,
                                                  const std::vector<std::string>& columns) {
    survey with_ahp;  // the same AHP weights as score()
    if (has_ahp(given)) {
        with_ahp = given;
        apply_ahp(with_ahp, options.ahp);
    }
    const survey& s = has_ahp(given) ? with_ahp : given;
    const auto& wanted = columns.empty() ? s.segment_columns : columns;
    score_options o = options;
    o.by.clear();  // groups are scored one by one here
    std::vector<segment_breakdown> out;
    for (const auto& column : wanted) {
        if (!data.groups.count(column))
            throw argument_error({{}, 0, column}, "\"" + column + "\" is not a segment column of the data");
        const scoring_detail::segment_groups sg = scoring_detail::group_segments(data, column);
        const std::size_t n = data.respondents();
        segment_breakdown b;
        b.column = column;
        std::vector<char> in_group(n);
        for (const auto& [v, rows] : sg.groups) {
            // The complement in one pass over the rows: at most max_segments_shown + 1 of these.
            std::fill(in_group.begin(), in_group.end(), 0);
            for (Eigen::Index r : rows) in_group[static_cast<std::size_t>(r)] = 1;
            std::vector<Eigen::Index> rest;
            rest.reserve(n - rows.size());
            for (std::size_t r = 0; r < n; ++r)
                if (!in_group[r]) rest.push_back(static_cast<Eigen::Index>(r));
            b.groups.push_back(score_group(s, data, rows, o));
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
