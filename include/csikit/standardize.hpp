// Composition-adjusted comparison (issue 14 item 5): each wave's (or segment's) 0-100 scores
// re-weighted to a reference mix of a background column by direct standardisation, next to
// the raw figure, both with their intervals (docs/crosstab.md "Composition-adjusted scores").
#pragma once

#include "data.hpp"
#include "schema.hpp"
#include "scoring.hpp"
#include "stats.hpp"

#include <map>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Which mix of the background column the groups are standardised to.
enum class reference_mix {
    pooled,  ///< the weighted shares among all respondents compared
    first,   ///< the shares in the first group (sorted: the first wave)
    given,   ///< standardize_options::shares
};

struct standardize_options {
    std::string by;          ///< the groups compared; empty = the survey's wave column
    std::string adjust_for;  ///< the background column whose mix is held fixed (required)
    reference_mix reference = reference_mix::pooled;
    std::map<std::string, double> shares;  ///< reference_mix::given: share per value (sum 1)
    bool use_weights = true;
    score_options scoring;   ///< rescaling, threshold, level of the intervals
};

/// One figure (an item's or a hierarchy node's 0-100 score) of one group, raw and adjusted.
struct standardized_figure {
    std::string id;
    std::string group;
    mean_estimate raw;       ///< the group's weighted mean (mean_ci)
    /// sum_s pi_s mean_gs; se = sqrt(sum_s pi_s^2 se_gs^2); df Satterthwaite over the strata;
    /// NaN when a stratum with a reference share has no answer in the group.
    mean_estimate adjusted;
};

/// One figure's change from one group to the next (groups in sorted order: wave to wave), raw
/// and adjusted: welch_test(to, from) of the two groups' estimates (the groups are disjoint).
struct standardized_change {
    std::string id;
    std::string from, to;
    test_result raw;       ///< change of the raw figures
    test_result adjusted;  ///< change of the adjusted figures: 0 when the change is pure composition
};

struct standardized_comparison {
    standardize_options options;  ///< as given, with `by` resolved and use_weights = weights applied
    std::vector<std::string> groups;           ///< values of `by`, sorted
    std::vector<std::string> strata;           ///< values of adjust_for, sorted
    std::vector<double> reference;             ///< pi_s, one per stratum
    std::vector<std::vector<double>> mix;      ///< mix[g][s]: each group's own weighted shares
    std::vector<standardized_figure> figures;  ///< hierarchy nodes (pre-order), then items; per group
    std::vector<standardized_change> changes;  ///< per figure (same order), group k-1 -> k
    std::size_t left_out = 0;                  ///< respondents without a group or stratum value
    std::vector<std::string> notes;
};

/// The mix given by text (CLI --reference FILE, Python shares=): a JSON object {"VALUE": share}
/// or CSV lines "value,share" (an optional header line). Throws argument_error naming `where`.
std::map<std::string, double> parse_reference_shares(const std::string& text, const std::string& where);

/// Direct standardisation of every node and item score of `data` per value of options.by.
/// Throws argument_error naming the option for an unknown/empty column, given shares that do
/// not cover the strata or do not sum to 1, a negative share, fewer than 2 groups.
standardized_comparison standardize(const survey& s, const responses& data, const standardize_options& options);

CSIKIT_NAMESPACE_END
