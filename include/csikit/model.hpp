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
    /// Higher-order constructs and interaction terms; estimate(model, responses) turns them
    /// into an ordinary model first (csikit/model_expand.hpp).
    std::vector<higher_order_construct> higher_order;
    std::vector<interaction_term> interactions;
    std::vector<categorical_construct> categorical;  ///< entered as dummy constructs

    /// True if the model has higher-order constructs, interaction terms or categorical constructs.
    bool extended() const noexcept { return !higher_order.empty() || !interactions.empty() || !categorical.empty(); }

    /// The model declared in a survey schema (its constructs and paths).
    static pls_model from_survey(const survey& s);

    /// Every indicator id in block order (construct order, then item order): the item list to
    /// hand to compute_moments.
    std::vector<std::string> indicators() const;
};

CSIKIT_NAMESPACE_END
