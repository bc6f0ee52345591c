// Higher-order constructs and interaction terms as model transformations: an extended model
// (pls_model::extended()) becomes an ordinary pls_model over the data with derived columns
// (repeated items, products of standardised items, stage-1 construct scores), so the estimator,
// the quality criteria and the bootstrap run unchanged. docs/pls.md, "Higher-order constructs"
// and "Moderation", gives the formulas and the peers' conventions.
#pragma once

#include "pls.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// A categorical construct as expanded: its categories and their dummy constructs.
struct categorical_expansion {
    std::string id, column, reference;
    std::vector<std::string> categories;  ///< the reference first, then the others in order
    std::vector<std::string> dummies;     ///< per category its dummy construct "ID[category]" ("" for the reference)
    std::vector<double> respondents;      ///< per category the respondents (weighted when the fit is)
    std::size_t missing = 0;              ///< respondents without a category (their dummies are missing)
    std::vector<int> code;                ///< per respondent the category index, -1 = none
};

/// An extended model made ordinary, with the data it is estimated on.
struct expanded_model {
    pls_model model;                    ///< ordinary: no HOCs, no interactions
    responses data;                     ///< the input data with the derived columns appended
    std::vector<std::string> derived;   ///< ids of the derived columns, in order
    std::optional<pls_fit> stage1;      ///< the first stage of a two-stage approach (HOC, else interaction)
    /// A two-stage or embedded two-stage HOC's stage 1 as it was estimated (the bootstrap re-runs
    /// it on every resample, csikit/bootstrap.hpp): the model, its data (with the repeated
    /// indicators of embedded HOCs) and, per derived score column, the LOC it is the score of.
    /// Empty without such a HOC (then `stage1`, if set, is a two-stage interaction's).
    std::optional<pls_model> stage1_model;
    responses stage1_data;
    std::vector<std::pair<std::string, std::string>> stage1_scores;  ///< (column id, LOC id)
    /// True when a two-stage interaction term is a product of stage-1 scores.
    bool interaction_stage1 = false;
    /// A two-stage interaction's stage 1 (the model without interaction paths; its fit is
    /// `stage1` when there is no two-stage HOC) and, per product column, the predictor and the
    /// moderator: the bootstrap recomputes the products from each resample's stage 1.
    std::optional<pls_model> interaction_stage1_model;
    struct product_column {
        std::string column, predictor, moderator;
    };
    std::vector<product_column> stage1_products;
    /// Categorical constructs (expanded first), the interaction terms as estimated (an
    /// interaction with a categorical moderator becomes one per dummy) and, per interaction
    /// term over a dummy, the moderator's value in the product in each category of its
    /// categorical construct (what the simple slopes of the categories evaluate).
    std::vector<categorical_expansion> categorical;
    std::vector<interaction_term> interaction_terms;
    std::vector<std::pair<std::string, std::vector<double>>> dummy_levels;
};

/// Builds the ordinary model and the derived columns. Two-stage approaches estimate their first
/// stage here with `options` (scores kept). model_error for a HOC with fewer than two LOCs or an
/// unknown construct, a categorical construct whose column is not in the data, whose reference
/// is not among its categories or with more than max_categorical_levels categories (naming
/// it); numeric_error for a constant moderator or predictor, or a categorical construct with
/// one category (naming the construct).
expanded_model expand_model(const pls_model& model, const responses& data, const pls_options& options = {});

/// A higher-order construct in a fit: how it was estimated and its LOCs' relation to it.
struct higher_order_result {
    std::string id;
    hoc_approach approach = hoc_approach::two_stage;
    outer_mode mode = outer_mode::A;
    std::vector<std::string> components;  ///< the LOCs
    /// Per LOC: weight and loading of the LOC (its score) on the HOC. Repeated indicators: the
    /// HOC -> LOC path (mode A) or LOC -> HOC path (mode B) and the LOC's correlation with it.
    std::vector<double> weights, loadings;
};

/// An interaction term in a fit, with the simple slopes of the predictor.
struct interaction_effect {
    std::string id, predictor, moderator, dependent;
    interaction_approach approach = interaction_approach::product_indicator;
    double path = 0;          ///< on the unit-variance interaction score (as in pls_fit::paths)
    /// seminr's rescaling (Henseler & Chin 2010): the score's SD on the scale of the raw
    /// interaction items, sum_k sd(x_k)|l_k| / sum_k |l_k|; path_rescaled = path / score_sd.
    double score_sd = 1;
    double path_rescaled = 0;
    double predictor_path = 0;  ///< the predictor's own path to the dependent construct
    double moderator_path = 0;  ///< the moderator's own path (0 if there is none)
    /// Simple slopes: the predictor's effect on the dependent at moderator = -1, 0, +1 SD,
    /// predictor_path + path_rescaled * m (seminr's slope_analysis lines).
    double slope_low = 0, slope_mean = 0, slope_high = 0;
};

/// The predictor's effect in every category of a categorical moderator (X:CH with CH
/// categorical): slope(c) = predictor_path + sum_k path_rescaled_k * z_k(c), z_k(c) the
/// standardised dummy of category k in category c; with one-item constructs the within-category
/// regression slopes exactly (docs/pls.md, "Categorical moderators").
struct categorical_slopes {
    std::string moderator, predictor, dependent, reference;
    interaction_approach approach = interaction_approach::product_indicator;
    std::vector<std::string> categories;  ///< the reference first
    std::vector<std::string> terms;       ///< per category its interaction term ("" for the reference)
    std::vector<double> respondents;
    std::vector<double> slopes;       ///< the predictor's effect on the dependent in the category
    std::vector<double> differences;  ///< slope minus the reference's slope
    std::vector<double> levels;       ///< the dependent's shift in the category, sum_k b(dummy_k) z_k(c) (plots)
};

/// What an extended estimate yields: the final ordinary fit and the extra figures.
struct extended_fit {
    pls_fit fit;                     ///< the (final-stage) estimate of `expanded.model`
    expanded_model expanded;
    std::vector<higher_order_result> higher_order;
    std::vector<interaction_effect> interactions;  ///< one per interaction path
    std::vector<categorical_slopes> categorical;   ///< one per categorical moderator and dependent
};

/// expand_model, then estimate on the expanded data; the HOC and interaction figures.
extended_fit estimate_extended(const pls_model& model, const responses& data, const pls_options& options = {});

CSIKIT_NAMESPACE_END
