// Mediation in a PLS path model: the specific indirect effect of every directed chain
// from -> m1 [-> m2 ...] -> to (the product of the path coefficients along it), and the
// mediation classes of Zhao, Lynch & Chen (2010) as Hair et al. use them. The bootstrap
// (bootstrap.hpp) gives each chain its intervals; docs/pls.md has the formulas.
#pragma once

#include "pls.hpp"

#include <cstddef>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Most specific indirect effects one model may have (their number grows exponentially with
/// the paths; 10,000 is far past any survey model: ECSI has 49). model_error past it.
inline constexpr std::size_t max_indirect_chains = 10000;

/// One specific indirect effect: a directed chain of at least three constructs.
struct indirect_chain {
    std::vector<int> constructs;  ///< construct indices of the fit, from first to last
    std::string label;            ///< "IMAG -> CUSA -> CUSL"
    double estimate = 0;          ///< product of the path coefficients along the chain
};

/// Every directed chain with at least one mediator between every pair of constructs, ordered
/// by the first construct (model order), then by length, then by the constructs along it.
/// model_error naming the limit past max_indirect_chains.
std::vector<indirect_chain> specific_indirect_effects(const pls_model& model, const pls_fit& fit);

/// The same from the fit alone, taking its non-zero path coefficients as the paths (as
/// report.json lists paths): for serializers that have no model.
std::vector<indirect_chain> specific_indirect_effects(const pls_fit& fit);

/// The chain given by construct ids (from, through..., to). model_error naming the chain and
/// the missing path when it is not a directed path of the model (or has no mediator, or names
/// an unknown construct).
indirect_chain specific_indirect_effect(const pls_model& model, const pls_fit& fit, const std::vector<std::string>& ids);

/// The same check and product with the fit's non-zero paths as the model.
indirect_chain specific_indirect_effect(const pls_fit& fit, const std::vector<std::string>& ids);

/// "A -> M -> B".
std::string chain_label(const std::vector<std::string>& ids);

/// Zhao, Lynch & Chen (2010), as in Hair et al. (2022, ch. 7).
enum class mediation_type {
    no_effect,      ///< neither the indirect nor the direct effect is significant
    direct_only,    ///< only the direct effect is significant: no mediation
    indirect_only,  ///< only the indirect effect: full mediation
    complementary,  ///< both, same sign: complementary partial mediation
    competitive,    ///< both, opposite signs: competitive partial mediation
};

/// "no_effect", "direct_only", "indirect_only", "complementary", "competitive".
const char* to_string(mediation_type t) noexcept;

/// A short label in "en" or "zh" ("complementary partial mediation", "互补型部分中介").
const char* mediation_label(mediation_type t, const std::string& language);

/// The class from significance (an interval excluding 0) and the signs of the estimates.
mediation_type classify_mediation(bool indirect_significant, double indirect, bool direct_significant, double direct) noexcept;

CSIKIT_NAMESPACE_END
