// Inference primitives for descriptive scores: weighted means with t-intervals, intervals for
// proportions, Welch and two-proportion tests, Newcombe's interval for a difference of
// proportions, and the Net Promoter Score with its standard error, intervals and z test.
//
// Weights follow one rule everywhere: a weighted estimate uses the weighted point estimate and
// Kish's effective sample size n_eff = (sum w)^2 / sum w^2 in place of n (METHODOLOGY.md 6.5).
// With all weights equal, n_eff = n and every formula reduces to its textbook form.
// Formulas and worked examples: docs/scoring.md.
#pragma once

#include "error.hpp"

#include <cstddef>
#include <limits>
#include <span>
#include <string>

CSIKIT_NAMESPACE_BEGIN

/// A two-sided confidence interval; both ends are NaN when it cannot be computed (n too small).
struct interval {
    double lower = std::numeric_limits<double>::quiet_NaN();
    double upper = std::numeric_limits<double>::quiet_NaN();
};

/// The rules of thumb that judge a PLS model and mark significance, one table for the CLI
/// tables and the HTML report (Hair et al.; Henseler et al. 2015 for HTMT).
namespace thresholds {
inline constexpr double reliability_min = 0.7;  ///< Cronbach's alpha, rho_c, rho_A
inline constexpr double ave_min = 0.5;          ///< average variance extracted
inline constexpr double loading_min = 0.708;    ///< keeps half of the item's variance
inline constexpr double vif_max = 5;
inline constexpr double srmr_max = 0.08;
inline constexpr double htmt_strict = 0.85;     ///< HTMT below this passes
inline constexpr double htmt_lenient = 0.90;    ///< up to this a warning, above a failure
}  // namespace thresholds

/// Significance marks of a p value, at most `most` of them: "***" p < .001, "**" p < .01,
/// "*" p < .05, "" otherwise or NaN. (The score tables show two at most: most = 2.)
std::string significance_marks(double p, int most = 3);

/// Kish's effective sample size (sum w)^2 / sum w^2 of the weights (0 for no weights or a zero
/// sum). The one implementation: every n_eff of the library comes from here. The weights are
/// scaled by a power of two near 1 / max w first, which changes no bit for ordinary weights and
/// keeps 1e200 (whose squares overflow) and 1e-300 (whose squares underflow) exact.
double kish_n_eff(std::span<const double> weights) noexcept;

/// kish_n_eff() of the weights w[i] for which use[i] is true (`w` empty: all 1).
double kish_n_eff(std::span<const double> weights, std::span<const bool> use) noexcept;

/// A (weighted) mean with its spread and a t-interval.
struct mean_estimate {
    double mean = std::numeric_limits<double>::quiet_NaN();
    double sd = std::numeric_limits<double>::quiet_NaN();  ///< sample SD (n_eff - 1 denominator)
    double se = std::numeric_limits<double>::quiet_NaN();  ///< sd / sqrt(n_eff)
    std::size_t n = 0;                                      ///< observations used (non-missing)
    double n_eff = 0;                                       ///< Kish effective n (= n unweighted)
    double sum_weights = 0;
    double df = std::numeric_limits<double>::quiet_NaN();  ///< degrees of freedom of the interval
    interval ci;                                            ///< mean -/+ t_{df} * se
};

/// Weighted mean of `x` with a t-interval at `level` (e.g. 0.95), df = n_eff - 1.
/// NaN values are skipped; `weights` may be empty (all 1) or as long as `x`.
/// Throws argument_error for a level outside (0, 1), mismatched lengths or a negative weight.
mean_estimate mean_ci(std::span<const double> x, std::span<const double> weights = {},
                      double level = 0.95);

/// The t-interval of a mean estimate whose mean, se and df are already set (used for scores
/// whose standard error comes from elsewhere, e.g. linearisation).
interval t_interval(double mean, double se, double df, double level);

/// Interval methods for a proportion.
enum class proportion_method {
    wilson,           ///< Wilson score interval (default; good coverage at any n)
    agresti_coull,    ///< Agresti-Coull "add z^2/2 successes and failures"
    clopper_pearson,  ///< exact, from Beta quantiles (conservative)
};

/// "wilson", "agresti_coull", "clopper_pearson".
const char* to_string(proportion_method m) noexcept;

/// Interval for a proportion `p` observed on `n` (may be a non-integer n_eff) at `level`.
/// Returns NaN ends for n <= 0. Throws argument_error for p outside [0, 1] or a bad level.
interval proportion_interval(double p, double n, double level = 0.95,
                             proportion_method method = proportion_method::wilson);

/// A (weighted) share with its interval.
struct proportion_estimate {
    double p = std::numeric_limits<double>::quiet_NaN();  ///< share in [0, 1]
    std::size_t count = 0;       ///< unweighted number of "successes"
    std::size_t n = 0;           ///< unweighted denominator (missing answers excluded)
    double n_eff = 0;            ///< Kish effective n of the denominator
    double sum_weights = 0;      ///< weighted denominator
    interval ci;
};

/// Share of `hits` (true/false per observation, only those with `valid` true) under `weights`
/// (empty = all 1), with the chosen interval computed on n_eff.
proportion_estimate proportion_ci(std::span<const bool> hits, std::span<const bool> valid,
                                  std::span<const double> weights = {}, double level = 0.95,
                                  proportion_method method = proportion_method::wilson);

/// Result of a two-sample comparison: difference (first minus second), its test and interval.
struct test_result {
    double difference = std::numeric_limits<double>::quiet_NaN();
    double statistic = std::numeric_limits<double>::quiet_NaN();  ///< t or z
    double df = std::numeric_limits<double>::infinity();         ///< infinity for a z test
    double p_value = std::numeric_limits<double>::quiet_NaN();    ///< two-sided
    interval ci;                                                   ///< for the difference
    bool significant = false;                                      ///< p_value < 1 - level
};

/// Welch's unequal-variance t test of a.mean - b.mean, with the Welch-Satterthwaite df built
/// from each side's se and df (n_eff - 1 under weights) and the matching t-interval.
test_result welch_test(const mean_estimate& a, const mean_estimate& b, double level = 0.95);

/// Pooled two-proportion z test of p1 - p2 (shares on n1, n2, which may be n_eff), with the
/// Newcombe (hybrid Wilson score) interval for the difference.
test_result two_proportion_test(double p1, double n1, double p2, double n2, double level = 0.95);

/// Newcombe's (1998, method 10) interval for p1 - p2 from the two Wilson intervals.
interval newcombe_interval(double p1, double n1, double p2, double n2, double level = 0.95);

/// Net Promoter Score bands on a 0-10 scale.
struct nps_bands {
    double promoter_min = 9;  ///< answers >= this are promoters
    double detractor_max = 6; ///< answers <= this are detractors; the rest are passives
};

/// NPS = 100 (p - d) with its standard error and intervals (all on the -100..100 scale).
struct nps_estimate {
    double nps = std::numeric_limits<double>::quiet_NaN();
    double promoters = std::numeric_limits<double>::quiet_NaN();   ///< weighted share p
    double passives = std::numeric_limits<double>::quiet_NaN();
    double detractors = std::numeric_limits<double>::quiet_NaN();  ///< weighted share d
    std::size_t n = 0;                 ///< valid answers
    std::size_t n_promoters = 0, n_passives = 0, n_detractors = 0;  ///< unweighted counts
    double n_eff = 0;                  ///< Kish effective n (= n unweighted)
    double se = std::numeric_limits<double>::quiet_NaN();  ///< 100 sqrt((p + d - (p-d)^2)/n_eff)
    interval wald;                     ///< nps -/+ z se
    double adjusted = std::numeric_limits<double>::quiet_NaN();  ///< adjusted-Wald point (Rocks)
    interval adjusted_wald;            ///< Rocks (2016): add 3/4 to P and D, 3 to n
};

/// NPS from shares p (promoters) and d (detractors) on n (may be n_eff) at `level`.
nps_estimate nps_from_shares(double p, double d, double n, double level = 0.95);

/// NPS of 0-10 answers `x` (NaN skipped) under `weights` (empty = all 1).
nps_estimate nps_ci(std::span<const double> x, std::span<const double> weights = {},
                    double level = 0.95, nps_bands bands = {});

/// z test of the difference of two independent NPS: z = (N1 - N2) / sqrt(SE1^2 + SE2^2),
/// with the Wald interval of the difference (points on the -200..200 scale).
test_result nps_test(const nps_estimate& a, const nps_estimate& b, double level = 0.95);

CSIKIT_NAMESPACE_END
