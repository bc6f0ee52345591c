// Descriptive scores with inference: per-item means, 0-100 scores, distributions, top-box and
// satisfaction rates, NPS, the weighted index over the indicator hierarchy, breakdowns by a
// segment column and by wave, and the wave-over-wave changes with their tests.
//
// Every figure carries its n, its Kish n_eff under weights and a confidence interval at
// score_options::level. Missing answers (NaN) are left out of every denominator and counted.
// Formulas, options and a worked example: docs/scoring.md.
#pragma once

#include "ahp.hpp"
#include "data.hpp"
#include "schema.hpp"
#include "stats.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How an answer x on a scale [a, b] becomes a 0-100 score. There is no silent default in the
/// sources, so the choice is always explicit (score_options::rescale).
enum class rescaling {
    linear,        ///< 100 (x - a) / (b - a): the ACSI convention (5-point 4 -> 75)
    proportional,  ///< 100 x / b: the "x/5*100" report convention (5-point 4 -> 80)
    labels,        ///< the scale's per-value `score` map; linear where a value has no score
};

/// "linear", "proportional", "labels".
const char* to_string(rescaling r) noexcept;

/// How the hierarchy index is aggregated (METHODOLOGY.md 6.4); equal when nothing is missing.
enum class aggregation {
    respondent_first,  ///< score each respondent over the tree, then take the (weighted) mean
    mean_first,        ///< item means first, then weighted averages up the tree
};

/// "respondent", "mean".
const char* to_string(aggregation a) noexcept;

/// The 0-100 score of answer `x` on scale `s` under `method` (NaN stays NaN).
double rescale_value(const scale& s, double x, rescaling method);

/// The values counted as top box on `s`: `override_values` if not empty, else s.top_box,
/// else the two highest points {max - 1, max}.
std::vector<double> top_box_values(const scale& s, const std::vector<double>& override_values = {});

/// Most values of a segment column shown one by one (score's by_segment, segment_breakdowns):
/// the largest 50. The other values are pooled into one group named other_segments, with a
/// note, so that a column of 20,000 values stays a readable table and a linear computation.
inline constexpr std::size_t max_segments_shown = 50;
inline constexpr const char* other_segments = "(other)";

struct score_options {
    rescaling rescale = rescaling::linear;
    aggregation aggregate = aggregation::respondent_first;
    double threshold = 70;   ///< a respondent is "satisfied" when the 0-100 score >= threshold
    double level = 0.95;     ///< confidence level of every interval and test
    proportion_method interval = proportion_method::wilson;  ///< for shares
    nps_bands nps;           ///< promoters >= 9, detractors <= 6
    /// Top-box values per scale id, overriding the scale's own top_box.
    std::map<std::string, std::vector<double>> top_box;
    std::string by;          ///< segment column to break down by; empty = none
    bool by_wave = true;     ///< per-wave results and changes when the survey has a wave column
    std::string language;    ///< label language; empty = the survey's first language
    /// AHP: how hierarchy nodes with an "ahp" matrix get their children's weights (docs/ahp.md).
    ahp_options ahp;
};

/// One point of a scale's distribution: unweighted count, weighted share of the valid answers.
struct value_share {
    double value = 0;
    std::string label;
    std::size_t count = 0;
    double share = 0;
};

/// Scores of one item among one group of respondents.
struct item_score {
    std::string id;
    std::string label;            ///< item text in the report language
    std::string scale;            ///< scale id
    rescaling rescale_used = rescaling::linear;  ///< labels falls back to linear without a map
    std::size_t missing = 0;      ///< respondents of the group without a valid answer
    mean_estimate mean;           ///< on the item's own scale (n, n_eff, t-interval)
    mean_estimate score;          ///< 0-100 score
    std::vector<value_share> distribution;  ///< every scale point, in ascending order
    std::vector<double> top_box_values;
    proportion_estimate top_box;  ///< share of answers in the top box (CSAT)
    proportion_estimate satisfied;  ///< share satisfied under satisfied_rule
    /// The rule behind `satisfied` (the item's "satisfied", else its scale's, else the 0-100
    /// score >= threshold): "score >= 70", "value >= 8" or "top box (4,5)".
    std::string satisfied_rule;
};

/// Score of one node of the indicator hierarchy among one group of respondents.
struct node_score {
    std::string id;
    std::string label;
    std::string parent;           ///< empty for the root
    int depth = 0;                ///< root = 0
    std::string item;             ///< the item of a leaf; empty for inner nodes
    double weight = 1;            ///< weight normalised over its siblings (root: 1)
    /// 0-100 score. Respondent-first: weighted mean of respondent scores with a t-interval.
    /// Mean-first: weighted combination of child means; se by linearisation (docs/scoring.md).
    mean_estimate score;
    std::size_t renormalised = 0; ///< respondent-first: respondents whose weights were
                                  ///< re-normalised over answered children; mean-first: 1 if a
                                  ///< child had no mean in this group
    /// Respondent-level share with score >= threshold (respondent scores exist in both modes).
    proportion_estimate satisfied;
};

/// Everything for one group of respondents: all of them, one segment value or one wave.
struct group_scores {
    std::string column;           ///< "" for all respondents, else the segment/wave column
    std::string value;            ///< the group's value in that column
    std::size_t n = 0;            ///< respondents in the group
    double n_eff = 0;
    double sum_weights = 0;
    std::vector<item_score> items;          ///< survey item order (the NPS item included)
    std::vector<node_score> nodes;          ///< hierarchy in pre-order, root first; empty if none
    std::optional<nps_estimate> nps;        ///< when the survey names an nps_item
    /// Share of respondents whose overall (root) respondent-level index >= threshold.
    std::optional<proportion_estimate> satisfaction_rate;

    const item_score* find_item(const std::string& id) const noexcept;
    const node_score* find_node(const std::string& id) const noexcept;
};

/// What kind of figure a change compares, and so which test it uses.
enum class change_kind {
    item_score,         ///< 0-100 item score, Welch t
    item_top_box,       ///< top-box share, pooled z + Newcombe interval
    node_score,         ///< hierarchy node score, Welch t
    satisfaction_rate,  ///< share satisfied on the overall index, pooled z + Newcombe
    nps,                ///< NPS, z test of two independent NPS
};

/// "item_score", "item_top_box", "node_score", "satisfaction_rate", "nps".
const char* to_string(change_kind k) noexcept;

/// The change of one figure from one wave to the next: to - from, with its test.
/// Shares are in [0, 1] (difference in proportion points), scores and NPS in points.
struct change {
    change_kind kind = change_kind::item_score;
    std::string id;               ///< item or node id; "nps" / the root id otherwise
    std::string label;
    std::string from, to;         ///< wave values
    double before = 0, after = 0;
    test_result test;             ///< difference = after - before
};

/// The sample as read: sizes, waves, weights and missing answers.
struct sample_summary {
    std::size_t respondents = 0;
    bool weighted = false;
    double n_eff = 0;
    double sum_weights = 0;
    std::map<std::string, std::size_t> by_wave;     ///< respondents per wave value
    std::size_t without_wave = 0;                   ///< respondents with an empty wave cell
    std::map<std::string, std::size_t> missing_by_item;  ///< NaN answers per item
    std::size_t missing = 0;                        ///< all NaN answers
    read_summary read;                              ///< what reading did (codes, out of scale)
};

/// The full scoring result.
struct score_report {
    score_options options;
    sample_summary sample;
    group_scores overall;
    /// One per value of options.by, sorted; past max_segments_shown values the largest ones
    /// and an other_segments group last (see notes).
    std::vector<group_scores> by_segment;
    std::vector<group_scores> by_wave;     ///< one per wave value, sorted
    /// Consecutive waves (sorted): inner hierarchy nodes, satisfaction rate, NPS, then every
    /// item's score and top-box share (leaf nodes are not repeated: they are items).
    std::vector<change> changes;
    std::vector<std::string> notes;        ///< things a reader should know (fallbacks etc.)
    /// Nodes whose children's weights came from an AHP matrix (empty without any).
    std::vector<ahp_node> ahp;
};

/// Scores `data` (answers to survey `s`). Throws argument_error for bad options (level, an
/// unknown --by column), schema_error for negative hierarchy weights or all-zero siblings,
/// data_error when the data do not match the survey (missing item columns, weights).
score_report score(const survey& s, const responses& data, const score_options& options = {});

/// Scores of one group: the respondents (row indices of `data`) in `rows`.
group_scores score_group(const survey& s, const responses& data, const std::vector<Eigen::Index>& rows,
                         const score_options& options = {});

// The report as JSON: to_json(score_report) in report.hpp, with every other serializer.

/// One segment column broken down, each group with the rest of the sample beside it, so the
/// report can test "this segment against everyone else" (Welch t for scores, z for NPS).
struct segment_breakdown {
    std::string column;                ///< the segment column, e.g. "channel"
    /// One per non-empty value, sorted by value; past max_segments_shown values the largest
    /// ones and an other_segments group last.
    std::vector<group_scores> groups;
    std::vector<group_scores> rest;    ///< rest[i]: every respondent not in groups[i]
};

/// Scores every segment column of the survey (or only `columns` when not empty), with the
/// complement of each group. Respondents with an empty cell are in no group (but in every
/// rest). Linear in the respondents: at most max_segments_shown + 1 groups per column. Throws what score_group throws; argument_error for an unknown column.
std::vector<segment_breakdown> segment_breakdowns(const survey& s, const responses& data,
                                                  const score_options& options = {},
                                                  const std::vector<std::string>& columns = {});

CSIKIT_NAMESPACE_END
