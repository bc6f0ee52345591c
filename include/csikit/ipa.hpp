// Importance-performance analysis (Martilla & James 1977) and the importance-performance map of
// PLS models (IPMA, Ringle & Sarstedt 2016); METHODOLOGY 5.1-5.4, docs/ipa.md.
#pragma once

#include "data.hpp"
#include "importance.hpp"
#include "index.hpp"
#include "pls.hpp"
#include "schema.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Where the cross-hair that splits the plane sits.
enum class crosshair_rule {
    scale_midpoint,  ///< (min + max)/2 of each axis' scale (ipa_options::*_scale)
    data_mean,       ///< mean over the factors (default; the most common choice)
    data_median,     ///< median over the factors (robust with few factors)
    custom,          ///< ipa_options::custom_importance / custom_performance (targets, benchmarks)
};

/// The four quadrants. "High" means >= the cross-hair (ties go up).
enum class quadrant {
    concentrate_here,   ///< high importance, low performance  (急需改进)
    keep_up,            ///< high importance, high performance (继续保持)
    low_priority,       ///< low importance, low performance   (不占优先地位)
    possible_overkill,  ///< low importance, high performance  (锦上添花)
};

/// Which axis carries importance in plots: Martilla & James put it on the vertical axis,
/// SmartPLS's IPMA on the horizontal one. Recorded for plots; it changes no number.
enum class axis_orientation { importance_vertical, importance_horizontal };

/// Quadrant label: language "" or "en" gives "concentrate here", "keep up the good work",
/// "low priority", "possible overkill"; "zh" gives 急需改进, 继续保持, 不占优先地位, 锦上添花.
std::string quadrant_label(quadrant q, std::string_view language = "en");
/// Stable identifier: "concentrate_here", "keep_up", "low_priority", "possible_overkill".
const char* to_string(quadrant q) noexcept;
const char* to_string(crosshair_rule r) noexcept;
/// Parses "midpoint"/"scale_midpoint", "mean"/"data_mean", "median"/"data_median", "custom".
crosshair_rule parse_crosshair_rule(std::string_view name);

/// The quadrant of a point for given cross-hair values (ties count as high).
quadrant classify(double importance, double performance, double importance_cut, double performance_cut) noexcept;

/// One attribute to place on the map.
struct ipa_factor {
    std::string id;
    localized_text label;
    double importance = 0;
    double performance = 0;
};

/// Settings of the analysis.
struct ipa_options {
    crosshair_rule rule = crosshair_rule::data_mean;
    double custom_importance = 0;   ///< cross-hair for rule custom
    double custom_performance = 0;  ///< cross-hair for rule custom
    /// Scale of each axis, used by scale_midpoint (and recorded for plots). 0..100 by default,
    /// the metric of stated_factors / derived_factors / IPMA performance.
    std::pair<double, double> importance_scale{0, 100};
    std::pair<double, double> performance_scale{0, 100};
    /// Iso-priority diagonal (Slack 1994; Bacon 2003): rank factors by the signed gap I - P.
    /// Meaningful only when I and P share a metric (e.g. both 0-100).
    bool diagonal = false;
    axis_orientation orientation = axis_orientation::importance_vertical;
};

/// One placed attribute.
struct ipa_point {
    std::string id;
    localized_text label;
    double importance = 0;
    double performance = 0;
    quadrant where = quadrant::low_priority;
    double gap = 0;              ///< importance - performance (> 0: above the diagonal, improve);
                                 ///< meaningful only when both axes share a metric
    bool above_diagonal = false; ///< gap > 0
    /// Unit-free priority score z(I) - z(P): importance and performance standardised over the
    /// factors of the map (mean 0, SD 1; 0 on an axis with no spread). by_priority() sorts by it.
    double priority = 0;
    std::size_t rank = 0;        ///< 1-based place in by_priority()
};

/// The map: points in input order plus the cross-hair used.
struct ipa_result {
    std::vector<ipa_point> points;
    double importance_cut = 0;
    double performance_cut = 0;
    ipa_options options;

    /// Ids of the points in one quadrant, in input order.
    std::vector<std::string> in_quadrant(quadrant q) const;
    /// The priority order (docs/ipa.md, "Priority order"): the concentrate-here factors first,
    /// then the rest; within each, by decreasing unit-free priority z(I) - z(P) (ties: input
    /// order). Never the raw gap I - P, which on axes of different units ranks by performance.
    std::vector<std::string> by_priority() const;
    /// The point of a factor; argument_error naming an unknown id.
    const ipa_point& at(std::string_view id) const;
};

/// Places the factors. argument_error for no factors, duplicate ids, non-finite values or an
/// empty scale (max <= min) under scale_midpoint.
ipa_result ipa(const std::vector<ipa_factor>& factors, const ipa_options& options = {});

/// Stated importance: each pair is (performance item, importance item); both means are rescaled
/// to 0-100 with their theoretical scale bounds (respondent-weighted, missing answers skipped).
/// The factor id is the performance item's id, the label its text.
std::vector<ipa_factor> stated_factors(const survey& s, const responses& data,
                                       const std::vector<std::pair<std::string, std::string>>& pairs);

/// Derived importance: importance of each driver item for `outcome` by `measure` (computed on
/// the moments of drivers + outcome, listwise), performance = mean of the driver's 0-100 rescaled
/// answers. Importance is the raw measure (e.g. a correlation), so use the data_mean or
/// data_median cross-hair, not the diagonal.
std::vector<ipa_factor> derived_factors(const survey& s, const responses& data,
                                        const std::vector<std::string>& drivers, std::string_view outcome,
                                        importance_measure measure = importance_measure::relative_weights);

/// Mean of an item's 0-100 rescaled answers, 100 (x - a)/(b - a) with the scale's theoretical
/// bounds; respondent-weighted, missing answers skipped (NaN if nobody answered).
double item_performance(const survey& s, const responses& data, std::string_view item_id);

/// IPMA for one target construct.
struct ipma_entry {
    std::string id;               ///< construct or indicator id
    std::string construct;        ///< own construct (for indicators; = id for constructs)
    double importance = 0;        ///< unstandardised total effect on the 0-100 metric
    double performance = 0;       ///< 0-100 performance
};

struct ipma_result {
    std::string target;
    std::vector<ipma_entry> constructs;  ///< every construct with a total effect on the target
    std::vector<ipma_entry> indicators;  ///< indicators of those constructs
    index_result indices;                ///< the indices behind the performances

    /// Construct-level entries as IPA factors (for quadrants / plots).
    std::vector<ipa_factor> construct_factors() const;
    /// Indicator-level entries as IPA factors.
    std::vector<ipa_factor> indicator_factors() const;
};

/// IPMA from a fit: construct importance I_jt = unstandardised total effect of j on `target`
/// (0-100 metric), performance = the construct index; indicator importance v_h* I_{j(h),t},
/// performance = mean of the item's 0-100 rescaled values (from the moments' means).
/// Constructs without a path to the target are left out. argument_error for an unknown target.
ipma_result ipma(const pls_fit& fit, const survey& s, std::string_view target,
                 const index_options& options = {});

/// The same, with performances and score SDs from respondent scores of `data`.
ipma_result ipma(const pls_fit& fit, const survey& s, const responses& data, std::string_view target,
                 const index_options& options = {});

CSIKIT_NAMESPACE_END
