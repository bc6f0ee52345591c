// pls_model: the model a survey declares, and its indicators in block order.
#include "csikit/model.hpp"

CSIKIT_NAMESPACE_BEGIN

pls_model pls_model::from_survey(const survey& s) {
    return pls_model{s.constructs, s.paths, s.higher_order, s.interactions, s.categorical};
}

std::vector<std::string> pls_model::indicators() const {
    std::vector<std::string> out;
    for (const auto& c : constructs) out.insert(out.end(), c.items.begin(), c.items.end());
    return out;
}

CSIKIT_NAMESPACE_END
