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

/// 0-100 scores of an item for each respondent of the group (NaN = missing).
std::vector<double> item_scores(const survey& s, const item& it, const group_rows& g, rescaling method);

/// Hierarchy scores of the group, pre-order. `overall_rate` receives the satisfaction rate of
/// the root's respondent-level index.
std::vector<node_score> score_hierarchy(const survey& s, const group_rows& g, const score_options& options,
                                        proportion_estimate& overall_rate);

/// Problems with the hierarchy weights (negative, all-zero siblings), as schema problems.
std::vector<problem> check_hierarchy(const node& root);

}  // namespace scoring_detail
CSIKIT_NAMESPACE_END
