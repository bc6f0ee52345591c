// Shared pieces of the model transformations (private to src/pls).
#pragma once

#include "csikit/model_expand.hpp"

#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace expand_detail {

struct column_stats {
    double mean = 0, sd = 0;
};

/// Appends a derived column; model_error if the id is taken.
void append_column(responses& data, const std::string& id, const Eigen::VectorXd& x);
/// `wanted`, or `wanted + suffix` when the data already have a column of that name.
std::string free_name(const responses& data, const std::string& wanted, const std::string& suffix);
/// Available-case (weighted) mean and SD with compute_moments' denominator.
column_stats stats_of(const responses& data, const Eigen::VectorXd& x, bool use_weights);
/// (x - mean) / sd of an item; numeric_error naming the construct for a constant item.
Eigen::VectorXd standardized(const responses& data, const std::string& item, bool use_weights, const std::string& construct_id);
const construct* find(const pls_model& m, const std::string& id);

void expand_categorical(expanded_model& e, const pls_options& options);
/// Per category of the categorical construct that `dummy` belongs to, `values` at a respondent
/// of that category (the first with a value); empty if `dummy` is no dummy construct.
std::vector<double> category_levels(const expanded_model& e, const std::string& dummy, const Eigen::VectorXd& values);
std::vector<categorical_slopes> categorical_results(const pls_model& original, const expanded_model& e, const pls_fit& fit,
                                                    const std::vector<interaction_effect>& effects);
void expand_higher_order(expanded_model& e, const pls_options& options);
void expand_interactions(expanded_model& e, const pls_options& options);
std::vector<higher_order_result> higher_order_results(const pls_model& original, const expanded_model& e, const pls_fit& fit);
std::vector<interaction_effect> interaction_effects(const pls_model& original, const pls_fit& fit);

}  // namespace expand_detail

CSIKIT_NAMESPACE_END
