// Multi-group analysis: per-group PLS estimates on a background column (segment, wave, region),
// MICOM (Henseler, Ringle & Sarstedt 2016) and the tests of group differences: permutation
// (Chin & Dibbern 2010, as cSEM's testMGD "Chin"), Henseler's PLS-MGA, the parametric (Keil)
// and Welch-Satterthwaite (Nitzl) t tests, and for more than two groups every pair plus an
// omnibus permutation test, with a multiple-comparison correction. docs/mga.md has the formulas.
//
// Every permutation and bootstrap draw is estimated from moments (group sums of one
// standardised copy of the data, gathered for the permuted index sets), and draw r takes its
// random numbers from a generator seeded by (seed, stream, r) only: the results are
// bit-identical for any thread count.
#pragma once

#include "bootstrap.hpp"
#include "pls.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// Whose means replace a missing answer under missing_treatment::mean_replacement.
enum class mga_imputation {
    group_means,   ///< each group's own (weighted) item means (cSEM: each group estimated alone)
    pooled_means,  ///< the means over every respondent of the analysis (seminr: impute, then split)
};

/// Correction of the pairwise p values of one parameter for the number of pairs.
enum class p_adjustment { none, holm, bonferroni };

/// "group_means" / "pooled_means"; "none" / "holm" / "bonferroni".
const char* to_string(mga_imputation m) noexcept;
const char* to_string(p_adjustment a) noexcept;

/// Settings of multi_group().
struct mga_options {
    /// Estimation settings of every fit (pairwise missing treatment is refused: a permuted
    /// group has no pairwise counts). Quality criteria are computed for the group estimates only.
    pls_options pls;
    std::size_t permutations = 1000;  ///< permutation runs (0 = no permutation test, no MICOM)
    std::size_t bootstrap = 0;        ///< resamples per group for PLS-MGA, parametric, Welch (0 = off)
    std::uint64_t seed = 1;           ///< the results depend on the seed only, never on `threads`
    unsigned threads = 0;             ///< 0 = std::thread::hardware_concurrency()
    bool micom = true;                ///< MICOM steps 1-3 (needs permutations >= 1)
    mga_imputation imputation = mga_imputation::group_means;
    p_adjustment adjust = p_adjustment::holm;
    double alpha = 0.05;              ///< level of the verdicts (MICOM, "significant" marks)
    /// numeric_error when more than this share of the permutation runs or of a group's
    /// resamples cannot be estimated (a constant item in a permuted group, ...).
    double max_failed_share = 0.2;
};

/// One group: its value of the column, its respondents and its own estimate.
struct mga_group {
    std::string value;
    std::size_t respondents = 0;  ///< rows with this value
    std::size_t used = 0;         ///< rows behind the estimate (listwise: complete ones)
    pls_fit fit;
};

/// One compared estimate with its value in every group.
struct mga_parameter {
    parameter_kind kind = parameter_kind::path;  ///< weight, loading, path or r2
    std::string label;            ///< "IMAG -> EXPE", "imag1", "SAT"
    int indicator = -1, from = -1, to = -1;  ///< as bootstrap_parameter
    std::vector<double> estimate; ///< per group
    std::vector<double> boot_se;  ///< per group bootstrap SD (n-1); empty without bootstrap
    std::vector<double> boot_bias;///< per group bootstrap mean - estimate; empty without bootstrap
    double omnibus_statistic = std::numeric_limits<double>::quiet_NaN();  ///< > 2 groups
    double omnibus_p = std::numeric_limits<double>::quiet_NaN();          ///< > 2 groups
};

/// One parameter compared between two groups (g1 - g2).
struct mga_comparison {
    std::size_t parameter = 0, g1 = 0, g2 = 1;
    double difference = 0;                 ///< estimate(g1) - estimate(g2)
    double p_permutation = std::numeric_limits<double>::quiet_NaN();
    double p_permutation_adjusted = std::numeric_limits<double>::quiet_NaN();
    double perm_low = std::numeric_limits<double>::quiet_NaN();   ///< 2.5% of the permuted differences
    double perm_high = std::numeric_limits<double>::quiet_NaN();  ///< 97.5%
    /// Henseler's PLS-MGA: P(theta_g1 <= theta_g2) over all pairs of bias-centred bootstrap
    /// draws (one-sided, as cSEM); p_mga_two_sided = 2 min(p, 1 - p).
    double p_mga = std::numeric_limits<double>::quiet_NaN();
    double p_mga_two_sided = std::numeric_limits<double>::quiet_NaN();
    double t_parametric = std::numeric_limits<double>::quiet_NaN(), df_parametric = 0;
    double p_parametric = std::numeric_limits<double>::quiet_NaN();
    double p_parametric_adjusted = std::numeric_limits<double>::quiet_NaN();
    double t_welch = std::numeric_limits<double>::quiet_NaN(), df_welch = 0;
    double p_welch = std::numeric_limits<double>::quiet_NaN();
    double p_welch_adjusted = std::numeric_limits<double>::quiet_NaN();
};

/// MICOM of one construct for one pair of groups.
struct micom_construct {
    std::string construct;
    double c = 0;            ///< step 2: cor(X w_g1, X w_g2) on the pooled raw data
    double c_p = 0;          ///< share of permutation c <= c
    double c_q05 = 0;        ///< 5% quantile of the permutation c
    bool compositional = false;  ///< c_p > alpha (c not below the 5% quantile)
    double mean_diff = 0, mean_p = 0, mean_low = 0, mean_high = 0;        ///< step 3a
    double logvar_diff = 0, logvar_p = 0, logvar_low = 0, logvar_high = 0;///< step 3b
    bool equal_mean = false, equal_variance = false;
    /// "none" (step 2 fails), "partial" (steps 1-2 hold), "full" (steps 1-3 hold).
    std::string invariance;
};

/// MICOM of one pair of groups.
struct micom_pair {
    std::size_t g1 = 0, g2 = 1;
    std::vector<micom_construct> constructs;
    std::size_t permutations_ok = 0;  ///< step-2 runs behind the p values
};

/// MICOM: step 1 is a checklist; steps 2 and 3 per pair of groups.
struct micom_result {
    std::vector<std::string> configural;  ///< the step-1 checklist, one line each
    bool configural_ok = true;
    std::vector<micom_pair> pairs;
};

/// Everything multi_group() computes.
struct mga_result {
    std::string column;                     ///< the group column
    std::vector<mga_group> groups;          ///< sorted by value
    std::vector<mga_parameter> parameters;  ///< paths, weights, loadings, R2
    std::vector<mga_comparison> comparisons;///< every pair x every parameter
    std::optional<micom_result> micom;
    std::size_t respondents = 0;            ///< rows in the data
    std::size_t left_out_no_group = 0;      ///< rows with an empty group cell
    std::size_t left_out_missing = 0;       ///< rows dropped by listwise deletion
    std::size_t permutations = 0, permutations_ok = 0;  ///< of the difference test (all pairs)
    std::size_t bootstrap = 0;
    std::vector<std::size_t> bootstrap_ok;  ///< per group
    std::string missing_note;               ///< the missing-data treatment, stated per group
    unsigned threads = 0;
    mga_options options;
};

/// Per-group estimates of `model` on `data`, split by `column` (a segment or the wave column;
/// rows with an empty cell are left out and counted), MICOM and the tests of differences.
/// Throws argument_error for an unknown column (naming the allowed ones), fewer than two groups,
/// bad options or pairwise missing treatment; data_error for a group with no more respondents
/// than a block's indicators; numeric_error naming the group for a constant item within it.
mga_result multi_group(const pls_model& model, const responses& data, const std::string& column,
                       const mga_options& options = {});

/// For validation against another tool's random stream: the same analysis with the group label
/// vectors of every permutation run given (labels[r][k] = group index of the k-th used row,
/// rows stacked group by group in sorted value order, each in file order). `difference` drives
/// the difference test, `micom2` and `micom3` MICOM's steps 2 and 3 (two groups only).
struct mga_labels {
    std::vector<std::vector<int>> difference, micom2, micom3;
};
mga_result multi_group_with_labels(const pls_model& model, const responses& data, const std::string& column,
                                   const mga_options& options, const mga_labels& labels);

CSIKIT_NAMESPACE_END
