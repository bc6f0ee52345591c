// Coded open answers and feedback records: multi-response category items (a respondent names
// several categories, each a 0/1 column) as frequency tables with the share of respondents and
// the share of mentions, weighted, overall, by segment and by wave; the categories most named by
// dissatisfied respondents; the verbatim text answers of the lowest-scoring respondents.
//
// Formulas, conventions and a worked example: docs/feedback.md.
#pragma once

#include "scoring.hpp"

#include <cstddef>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Most verbatims a feedback report quotes (feedback_options::max_verbatims): 200.
inline constexpr std::size_t max_verbatims_limit = 200;

struct feedback_options {
    /// How respondents are scored for the dissatisfied rule (threshold, rescaling, language).
    score_options scoring;
    /// A segment column to break the tables down by; empty = none.
    std::string by;
    /// The wave column; empty = the survey's wave_column (no wave tables when it has none).
    std::string wave;
    /// The item or hierarchy node whose "satisfied" rule splits off the dissatisfied (its
    /// complement) and whose score ranks the verbatims; empty = the hierarchy root, else the
    /// survey's overall_item. An item uses its own rule (schema "satisfied"), a node its
    /// respondent-level 0-100 score >= scoring.threshold.
    std::string on;
    /// Categories listed for the dissatisfied, most named first, >= 1.
    std::size_t top = 5;
    /// Quote the verbatim column's answers of the lowest-scoring respondents.
    bool verbatims = true;
    /// How many verbatims at most, 1..max_verbatims_limit.
    std::size_t max_verbatims = 10;
};

/// One category among one group of respondents.
struct category_share {
    std::string id, label;
    std::size_t count = 0;               ///< respondents who named it (unweighted)
    double weighted = 0;                 ///< their total weight
    /// weighted / the group's weight: the share of respondents naming it (shares add to more
    /// than 1 when respondents name several).
    double share_of_respondents = 0;
    /// weighted / the group's weighted mentions of all categories (shares add to 1).
    double share_of_mentions = 0;
};

/// The frequency table of one multi-response item among one group of respondents.
struct frequency_table {
    std::string column;                  ///< "" = all respondents, else the segment/wave column
    std::string group;                   ///< the column's value ("" for all respondents)
    std::size_t respondents = 0;         ///< who answered the item (not every cell empty)
    double weight = 0;                   ///< their total weight
    double n_eff = 0;                    ///< their Kish effective n
    std::size_t mentions = 0;            ///< categories named, summed over respondents
    double weighted_mentions = 0;
    double named_any = 0;                ///< weighted share naming at least one category
    std::vector<category_share> categories;  ///< in the schema's order
};

/// One multi-response item with its tables.
struct feedback_item {
    std::string id, label;
    frequency_table overall;
    std::vector<frequency_table> by_segment;  ///< one per value of options.by, sorted
    std::vector<frequency_table> by_wave;     ///< one per wave, sorted
    /// Among the dissatisfied (when a rule applies): the table with its categories sorted by
    /// share of respondents, most named first, cut to options.top.
    frequency_table dissatisfied;
    /// Among the satisfied: the same categories (same order) for comparison.
    frequency_table satisfied;
};

/// A free-text answer of a low-scoring respondent.
struct verbatim {
    std::size_t line = 0;                ///< source line of the respondent (0 = none)
    double score = 0;                    ///< the respondent's 0-100 score on options.on
    std::string text;                    ///< as written (the HTML report escapes it)
};

struct feedback_report {
    feedback_options options;
    std::string wave_column;             ///< the wave column used ("" = none)
    std::string on;                      ///< the item or node behind "dissatisfied" ("" = none)
    std::string satisfied_rule;          ///< "score >= 70", "value >= 8", "top box (4,5)"
    std::size_t dissatisfied = 0;        ///< respondents not satisfied on `on` (with a score)
    double dissatisfied_share = 0;       ///< their weighted share of those with a score
    std::vector<feedback_item> items;    ///< one per multi-response item of the survey
    std::string verbatim_column;         ///< "" = none
    std::vector<verbatim> verbatims;     ///< lowest scores first; empty when left out
    std::size_t verbatims_available = 0; ///< non-empty answers of respondents with a score
    std::vector<std::string> notes;
};

/// The feedback records of `data`. Throws argument_error for bad options (top, max_verbatims,
/// an unknown by/wave column or `on` id), schema_error when the survey declares no
/// multi-response item, data_error naming the line and column of a value other than 0 or 1 in a
/// category column, and what score_group throws.
feedback_report feedback(const survey& s, const responses& data, const feedback_options& options = {});

CSIKIT_NAMESPACE_END
