// expand_model / estimate_extended: higher-order constructs, then interaction terms, each turned
// into ordinary constructs over derived columns (higher_order.cpp, moderation.cpp).
#include "model_expand_internal.hpp"

#include <cmath>
#include <set>

CSIKIT_NAMESPACE_BEGIN

namespace expand_detail {

void append_column(responses& data, const std::string& id, const Eigen::VectorXd& x) {
    for (const auto& have : data.item_ids)
        if (have == id)
            throw model_error(location{"", 0, id}, "derived column \"" + id + "\" clashes with a column of the data (rename the item or the construct)");
    const Eigen::Index p = data.values.cols();
    data.values.conservativeResize(Eigen::NoChange, p + 1);
    data.values.col(p) = x;
    data.item_ids.push_back(id);
}

std::string free_name(const responses& data, const std::string& wanted, const std::string& suffix) {
    for (const auto& have : data.item_ids)
        if (have == wanted) return wanted + suffix;
    return wanted;
}

column_stats stats_of(const responses& data, const Eigen::VectorXd& x, bool use_weights) {
    const bool w = use_weights && data.weighted;
    double sw = 0, sw2 = 0, sx = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) continue;
        const double wi = w ? data.weights[i] : 1.0;
        sw += wi, sw2 += wi * wi, sx += wi * x[i];
    }
    column_stats out;
    if (sw <= 0) return out;
    out.mean = sx / sw;
    double ss = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) continue;
        const double d = x[i] - out.mean;
        ss += (w ? data.weights[i] : 1.0) * d * d;
    }
    const double denom = sw - sw2 / sw;  // reliability weights, as compute_moments (n - 1 unweighted)
    out.sd = denom > 0 ? std::sqrt(ss / denom) : 0;
    return out;
}

Eigen::VectorXd standardized(const responses& data, const std::string& item, bool use_weights, const std::string& construct_id) {
    const Eigen::VectorXd x = data.values.col(data.column(item));
    const column_stats st = stats_of(data, x, use_weights);
    if (!(st.sd > 0))
        throw numeric_error(location{"", 0, construct_id},
                            "construct \"" + construct_id + "\": item \"" + item + "\" is constant (expected an item that varies)");
    return (x.array() - st.mean) / st.sd;
}

const construct* find(const pls_model& m, const std::string& id) {
    for (const auto& c : m.constructs)
        if (c.id == id) return &c;
    return nullptr;
}

}  // namespace expand_detail

using namespace expand_detail;

expanded_model expand_model(const pls_model& model, const responses& data, const pls_options& options) {
    expanded_model out;
    out.data = data;
    out.model = model;
    expand_categorical(out, options);
    out.interaction_terms = out.model.interactions;
    expand_higher_order(out, options);
    expand_interactions(out, options);
    out.model.higher_order.clear();
    out.model.interactions.clear();
    return out;
}

extended_fit estimate_extended(const pls_model& model, const responses& data, const pls_options& options) {
    extended_fit out;
    out.expanded = expand_model(model, data, options);
    out.fit = estimate(out.expanded.model, out.expanded.data, options);
    out.higher_order = higher_order_results(model, out.expanded, out.fit);
    pls_model terms = model;  // the interaction terms as estimated (one per dummy of a categorical moderator)
    terms.interactions = out.expanded.interaction_terms;
    terms.paths = out.expanded.model.paths;
    out.interactions = interaction_effects(terms, out.fit);
    out.categorical = categorical_results(model, out.expanded, out.fit, out.interactions);
    return out;
}

CSIKIT_NAMESPACE_END
