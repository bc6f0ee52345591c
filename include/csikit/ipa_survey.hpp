// IPA of a survey without a path model (issue 14 item 1; docs/ipa.md "IPA from the schema"):
// the factors are the items (and hierarchy nodes) that name an "importance_item", or, with an
// "overall_item", the drivers of the overall item. Importance is stated (the importance item's
// 0-100 score) or derived against the overall item; performance is the factor's 0-100 score.
#pragma once

#include "data.hpp"
#include "ipa.hpp"
#include "schema.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Where a survey IPA takes importance from.
enum class importance_source {
    stated,            ///< the importance item's mean 0-100 score
    correlation,       ///< derived against the overall item (importance.hpp) ...
    beta,
    pratt,
    relative_weights,
    lmg,
};

/// "stated", "correlation", "beta", "pratt", "relative_weights", "lmg".
const char* to_string(importance_source s) noexcept;
/// Parses the names above and "rwa", "shapley"; argument_error (field "importance") otherwise.
importance_source parse_importance_source(std::string_view name);

/// Largest number of drivers for LMG in a survey IPA: 15 (2^15 = 32,768 regressions, well
/// under a second). Past it survey_ipa() refuses with a message suggesting relative weights,
/// which give nearly the same shares in p^3 time.
inline constexpr std::size_t max_ipa_lmg_drivers = 15;

/// Settings of survey_ipa().
struct survey_ipa_options {
    /// Empty: stated when some item or node names an importance_item, else relative_weights
    /// against the overall item.
    std::optional<importance_source> importance;
    /// Cross-hair rule and values, diagonal. Importance and performance scales are set by
    /// survey_ipa (0-100 for stated; the measure's range for derived).
    ipa_options map;
    /// A segment or the wave column: the map again per group of respondents.
    std::string by;
    bool use_weights = true;  ///< respondent weights for means and correlations
};

/// One factor of the map: what it is and where its importance comes from.
struct ipa_factor_source {
    std::string id;               ///< item or node id
    std::string kind;             ///< "item" or "node"
    std::string importance_item;  ///< the paired importance item ("" for derived importance)
};

/// The map of one group of --by.
struct survey_ipa_group {
    std::string value;
    std::size_t respondents = 0;
    std::optional<ipa_result> map;  ///< none when the group could not be analysed (see note)
    std::string note;
};

/// Everything survey_ipa() computes.
struct survey_ipa_result {
    importance_source importance = importance_source::stated;
    std::string outcome;                 ///< the overall item (derived importance), else ""
    double r2 = 0;                       ///< R^2 of the overall item on the drivers (derived)
    std::size_t respondents = 0;         ///< respondents in the data
    std::size_t used = 0;                ///< respondents behind the derived importance (listwise)
    std::vector<ipa_factor_source> factors;
    ipa_result map;
    std::string by;
    std::vector<survey_ipa_group> groups;
    std::vector<std::string> notes;
};

/// True if the schema allows an IPA without a path model: an item or node names an
/// importance_item, or the survey names an overall_item and at least two driver items.
bool ipa_possible(const survey& s);

/// The factors survey_ipa() uses, with their sources: items/nodes with an importance_item when
/// any exists (stated or derived), else every hierarchy leaf item other than the overall item,
/// else every item other than the overall, NPS and importance items.
std::vector<ipa_factor_source> ipa_factor_sources(const survey& s);

/// The IPA of the survey. argument_error when stated importance is asked for but no item or
/// node names an importance_item, derived importance without an overall_item, LMG with more
/// than max_ipa_lmg_drivers drivers, or an unknown --by column; numeric_error for collinear
/// drivers; data_error when no respondent answered every driver and the overall item.
survey_ipa_result survey_ipa(const survey& s, const responses& data, const survey_ipa_options& options = {});

CSIKIT_NAMESPACE_END
