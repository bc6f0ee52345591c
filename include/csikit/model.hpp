// The measurement and structural model: constructs with their indicators, and the paths between
// them. A light header (no Eigen): presets and the schema build models without the estimator.
#pragma once

#include "schema.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// The measurement and structural model: constructs with their indicators and the paths.
struct pls_model {
    std::vector<construct> constructs;
    std::vector<path> paths;

    /// The model declared in a survey schema (its constructs and paths).
    static pls_model from_survey(const survey& s);

    /// Every indicator id in block order (construct order, then item order): the item list to
    /// hand to compute_moments.
    std::vector<std::string> indicators() const;
};

CSIKIT_NAMESPACE_END
