// Sampling plans (METHODOLOGY 7; Cochran 1977): sample sizes for a proportion or a mean, the
// finite-population correction, the margin of error of a finished survey, and stratified
// allocation. docs/sampling.md has the formulas, options and worked examples.
#pragma once

#include "version.hpp"


#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Finite-population correction of a sample size (METHODOLOGY 9.9: sources use both).
enum class fpc_formula {
    cochran,  ///< n = n0 / (1 + (n0 - 1)/N)   (default; Cochran 1977)
    simple,   ///< n = n0 / (1 + n0/N)
};

/// Two-sided normal quantile z = Phi^-1(1 - (1 - level)/2); argument_error outside (0, 1).
double z_value(double level);

/// n0 corrected for a population of N; argument_error for N < 1 or n0 < 0.
double fpc_adjust(double n0, double population, fpc_formula formula = fpc_formula::cochran);

/// A sample size with the steps that led to it.
struct sample_size {
    double z = 0;                        ///< normal quantile of the level
    double n0 = 0;                       ///< infinite-population size, before rounding
    double adjusted = 0;                 ///< after the FPC (= n0 without a population), unrounded
    std::size_t n = 0;                   ///< ceil(adjusted): the respondents to collect
    std::optional<double> population;    ///< N, if given
    fpc_formula formula = fpc_formula::cochran;
};

/// Size for a proportion: n0 = z^2 p (1 - p) / e^2 (p = 0.5 is the worst case).
/// 95%, e = 0.05 -> n0 = 384.1, n = 385. argument_error for margin <= 0, p outside [0, 1].
sample_size sample_size_proportion(double margin, double level = 0.95, double p = 0.5,
                                   std::optional<double> population = {},
                                   fpc_formula formula = fpc_formula::cochran);

/// Size for a mean: n0 = (z sd / e)^2, with sd and e on the same metric (e.g. 0-100 for an index).
sample_size sample_size_mean(double sd, double margin, double level = 0.95,
                             std::optional<double> population = {},
                             fpc_formula formula = fpc_formula::cochran);

/// Kish design effect of respondent weights, deff = n sum w^2 / (sum w)^2 = 1 + CV^2(w)
/// (population CV), i.e. n / n_eff. argument_error for empty or negative weights or sum 0.
double design_effect(std::span<const double> weights);
/// Kish effective n = (sum w)^2 / sum w^2.
double effective_n(std::span<const double> weights);

/// The same for any contiguous vector of doubles (std::vector, Eigen::VectorXd, ...).
template <class Vector>
    requires requires(const Vector& v) { { v.data() } -> std::convertible_to<const double*>; v.size(); }
double design_effect(const Vector& weights) {
    return design_effect(std::span<const double>(weights.data(), static_cast<std::size_t>(weights.size())));
}
template <class Vector>
    requires requires(const Vector& v) { { v.data() } -> std::convertible_to<const double*>; v.size(); }
double effective_n(const Vector& weights) {
    return effective_n(std::span<const double>(weights.data(), static_cast<std::size_t>(weights.size())));
}

/// The margin of error of a finished survey.
struct margin_of_error {
    double z = 0;
    double se = 0;           ///< sqrt(p (1 - p) / n) (or sd / sqrt(n)), before deff and FPC
    double deff = 1;
    double fpc = 1;          ///< sqrt((N - n)/(N - 1)), 1 without a population
    double margin = 0;       ///< z * se * sqrt(deff) * fpc
    std::size_t n = 0;
    double p = 0.5;          ///< the proportion used (NaN for a mean)
};

/// MOE of a proportion: z sqrt(p(1-p)/n) sqrt(deff) sqrt((N-n)/(N-1)). argument_error for n = 0,
/// deff <= 0, N < n.
margin_of_error moe_proportion(std::size_t n, double p = 0.5, double level = 0.95,
                               std::optional<double> population = {}, double deff = 1);

/// MOE of a mean with standard deviation sd.
margin_of_error moe_mean(std::size_t n, double sd, double level = 0.95,
                         std::optional<double> population = {}, double deff = 1);

/// How a total is split over strata.
enum class allocation_method {
    proportional,  ///< n_h = n N_h / N
    neyman,        ///< n_h proportional to N_h S_h / sqrt(c_h) (costs optional)
};

struct allocation_options {
    allocation_method method = allocation_method::proportional;
    std::vector<double> sd;     ///< S_h (neyman: required)
    std::vector<double> cost;   ///< c_h per-unit costs (neyman; empty = equal)
    double minimum = 0;         ///< minimum n_h (a stratum smaller than this is taken whole)
    bool cap = true;            ///< never allocate more than N_h
};

/// An allocation: the exact shares and integers that keep the total.
struct allocation {
    std::vector<double> exact;         ///< after min/cap adjustment, before rounding
    std::vector<std::size_t> n;        ///< largest-remainder rounding; sums to the total
    std::vector<bool> at_minimum;      ///< raised to the minimum
    std::vector<bool> at_cap;          ///< capped at N_h
    double variance = 0;               ///< V(ybar_st) = sum W_h^2 (1 - n_h/N_h) S_h^2 / n_h (NaN without sd)
    allocation_method method = allocation_method::proportional;
};

/// Allocates `total` over strata of sizes `population` (N_h). Strata below the minimum are raised
/// to it (or to N_h if smaller), strata above N_h are capped, and the rest is re-shared among
/// the free strata until stable; the result is checked afterwards (sum = total, each n_h within
/// [min(minimum, N_h), N_h]). argument_error if the total cannot meet the minimums or exceeds
/// sum N_h, or for missing/invalid S_h, c_h, N_h.
allocation allocate(std::size_t total, const std::vector<double>& population, const allocation_options& options = {});

/// Rounds non-negative values to integers summing to `total` (largest remainder; ties to the
/// earlier stratum). argument_error if total differs from round(sum x) by more than the count.
std::vector<std::size_t> round_preserving_total(const std::vector<double>& x, std::size_t total);

/// V(ybar_st) = sum W_h^2 (1 - n_h/N_h) S_h^2 / n_h of a stratified mean.
double stratified_variance(const std::vector<double>& population, const std::vector<double>& sd,
                           const std::vector<double>& n);

/// Total n for a target variance V* of the stratified mean (V* = (e/z)^2):
/// proportional n = sum W_h S_h^2 / (V* + sum W_h S_h^2 / N); Neyman n = (sum W_h S_h)^2 / (same).
/// Unrounded.
double stratified_total(const std::vector<double>& population, const std::vector<double>& sd,
                        double target_variance, allocation_method method);

/// The same for a margin e at a confidence level: V* = (e / z)^2.
double stratified_total_for_margin(const std::vector<double>& population, const std::vector<double>& sd,
                                   double margin, double level, allocation_method method);

CSIKIT_NAMESPACE_END
