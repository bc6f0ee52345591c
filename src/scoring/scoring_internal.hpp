// Private helpers shared by the scoring*.cpp files.
#pragma once

#include "csikit/scoring.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN
namespace scoring_detail {

/// One group of respondents: row indices into the data and their weights.
struct group_rows {
    const responses& data;
    const std::vector<Eigen::Index>& rows;
    std::vector<double> weights;  ///< one per row (1 when the data are unweighted)
};

/// Builds a group_rows, copying the weights of `rows` (1 when data.weights is empty).
group_rows make_group(const responses& data, const std::vector<Eigen::Index>& rows);

/// Column of `item_id` in data.values, or -1.
Eigen::Index find_column(const responses& data, const std::string& item_id) noexcept;

/// The label language: options.language, else the survey's first language, else "".
std::string label_language(const survey& s, const score_options& options);

/// True when every point min..max of the scale has a `score`.
bool has_score_map(const scale& s) noexcept;

/// Scores one item among the group's respondents.
item_score score_item(const survey& s, const item& it, const group_rows& g, const score_options& options);

/// The "satisfied" rule of an item: its own, else its scale's, else score >= options.threshold.
satisfied_rule satisfied_rule_of(const survey& s, const item& it, const score_options& options);
/// "score >= 70", "value >= 8", "top box (4,5)".
std::string satisfied_rule_text(const satisfied_rule& r, const std::vector<double>& top_box);

/// 0-100 scores of an item for each respondent of the group (NaN = missing).
std::vector<double> item_scores(const survey& s, const item& it, const group_rows& g, rescaling method);

/// Hierarchy scores of the group, pre-order. `overall_rate` receives the satisfaction rate of
/// the root's respondent-level index.
std::vector<node_score> score_hierarchy(const survey& s, const group_rows& g, const score_options& options,
                                        proportion_estimate& overall_rate);

/// Respondent-level 0-100 scores of hierarchy node `node_id` (pre-AHP weights as in the survey)
/// for the group's respondents, NaN where none (crosstab.cpp).
std::vector<double> node_respondent_scores(const survey& s, const group_rows& g, const score_options& options,
                                           const std::string& node_id);
/// The hierarchy node `id`, or nullptr when the survey has no hierarchy or no such node.
const node* find_hierarchy_node(const survey& s, const std::string& id);

/// The groups of one segment column as reported: every non-empty value, sorted, when there are
/// at most max_segments_shown; else the max_segments_shown largest (sorted by value) and one
/// other_segments group pooling the rest. One pass over the rows.
struct segment_groups {
    std::vector<std::pair<std::string, std::vector<Eigen::Index>>> groups;
    std::size_t empty = 0;    ///< respondents with an empty cell: in no group
    std::size_t values = 0;   ///< distinct non-empty values
    std::size_t pooled = 0;   ///< values pooled into other_segments (0 = none)
    /// Notes for the report: the empty cells and the pooling, if any ("" parts left out).
    std::vector<std::string> notes(const std::string& column) const;
};
segment_groups group_segments(const responses& data, const std::string& column);

/// Every change from wave `a` to wave `b` (b - a): index nodes, satisfaction rate, NPS, items,
/// appended to `out` (score() and score_file()).
void add_changes(const group_scores& a, const group_scores& b, double level, std::vector<change>& out);

/// The AHP notes that open a score report (an inconsistent matrix allowed by the options).
void add_ahp_notes(score_report& report);
/// The notes that close a score report: labels rescaling fallbacks, re-normalised index weights,
/// no hierarchy (score() and score_file()).
void add_closing_notes(score_report& report, const survey& s, const score_options& options);

/// Problems with the hierarchy weights (negative, all-zero siblings), as schema problems.
std::vector<problem> check_hierarchy(const node& root);

}  // namespace scoring_detail
CSIKIT_NAMESPACE_END
