// Trends over many waves: every figure of the score report (item and node 0-100 scores, top-box
// and satisfied shares, the satisfaction rate, NPS) per wave with its interval; the change from
// the first to the last wave and between consecutive waves with the wave-change tests of
// scoring.hpp; a weighted linear trend test over the waves; control limits (p-chart for shares,
// mean +/- sigma SE for scores and NPS) with the waves outside them flagged.
//
// Formulas, conventions and a worked example: docs/trend.md.
#pragma once

#include "scoring.hpp"

#include <cstddef>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// The fewest waves a trend is computed on (a line through two points tests nothing).
inline constexpr std::size_t min_trend_waves = 3;

struct trend_options {
    /// How each wave is scored (by and by_wave are ignored: the waves are the groups).
    score_options scoring;
    /// The wave column; empty = the survey's wave_column. Waves are ordered by their sorted
    /// values ("2025-01" < "2025-02"), which is the order the trend test uses.
    std::string wave;
    /// Control limits at center +/- control_sigma standard errors (Shewhart: 3), > 0.
    double control_sigma = 3;
};

/// What a series follows, and so its unit and its tests.
enum class trend_figure {
    node_score,         ///< hierarchy node 0-100 score (inner nodes and the root), Welch t
    satisfaction_rate,  ///< share satisfied on the overall index, pooled z
    nps,                ///< Net Promoter Score (-100..100), z of two NPS
    item_score,         ///< 0-100 item score, Welch t
    item_top_box,       ///< top-box share, pooled z
    item_satisfied,     ///< share satisfied under the item's rule, pooled z
};

/// "node_score", "satisfaction_rate", "nps", "item_score", "item_top_box", "item_satisfied".
const char* to_string(trend_figure f) noexcept;

/// True for the shares (satisfaction_rate, item_top_box, item_satisfied): values in [0, 1].
bool is_share(trend_figure f) noexcept;

/// One wave of a series: the wave's estimate with its interval and its control limits.
struct trend_point {
    std::string wave;
    double estimate = 0;          ///< score, share in [0, 1] or NPS
    double se = 0;                ///< the estimate's own standard error
    interval ci;                  ///< the score report's interval (t, Wilson/..., Wald for NPS)
    std::size_t n = 0;            ///< valid answers in the wave
    double n_eff = 0;             ///< their Kish effective n
    double lower_limit = 0, upper_limit = 0;  ///< control limits (shares clipped to [0, 1])
    bool out_of_control = false;  ///< estimate outside [lower_limit, upper_limit]
};

/// The change of a series between two waves: after - before, with its test.
struct trend_change {
    std::string from, to;
    double before = 0, after = 0;
    test_result test;             ///< difference = after - before
};

/// The weighted linear trend: WLS of the wave estimates y_k on the wave order x_k = 0..K-1
/// (a wave's position among the sorted waves)
/// with weights w_k = 1 / v_k (v_k: the estimate's variance; for shares p(1-p)/n_eff_k with the
/// pooled p, so the test is the Cochran-Armitage trend test). slope = Sw(x-xw)(y-yw) /
/// Sw(x-xw)^2, se = 1 / sqrt(Sw(x-xw)^2), z = slope / se, two-sided normal p. Q is the
/// weighted residual sum of squares (chi-square on K - 2 df when the line fits).
struct trend_test {
    double slope = 0;             ///< change per wave (points; share points for shares)
    double se = 0;
    double statistic = 0;         ///< z
    double p_value = 1;
    interval ci;                  ///< slope -/+ z_{level} se
    bool significant = false;     ///< p_value < 1 - level
    double intercept = 0;         ///< fitted value at the first wave (x = 0)
    double q = 0;                 ///< residual heterogeneity
    std::size_t q_df = 0;         ///< K - 2
    double q_p = 1;               ///< P(chi2_{K-2} > q): small = the waves scatter around the line more than sampling explains
};

/// One figure followed over the waves.
struct trend_series {
    trend_figure figure = trend_figure::item_score;
    std::string id;               ///< item or node id; "nps"; the root id for the satisfaction rate
    std::string label;
    std::vector<trend_point> points;  ///< one per wave where the figure exists, in wave order
    /// Center line: shares the pooled p (sum n_eff p / sum n_eff); scores and NPS the
    /// n_eff-weighted mean of the wave estimates.
    double center = 0;
    /// Scores: the pooled within-wave SD behind the limits (center +/- sigma sd / sqrt(n_eff));
    /// NaN for shares and NPS (their limits use the pooled shares).
    double pooled_sd = 0;
    trend_test trend;             ///< NaN fields when a wave's variance is 0 (see notes)
    trend_change first_last;      ///< first wave to last wave
    std::vector<trend_change> consecutive;  ///< wave k-1 to wave k
    std::size_t out_of_control = 0;         ///< points flagged
};

/// One wave of the trend: its value and size.
struct trend_wave {
    std::string value;
    std::size_t respondents = 0;
    double n_eff = 0;
};

struct trend_report {
    trend_options options;
    std::string wave_column;
    std::vector<trend_wave> waves;    ///< sorted by value
    /// Root and inner nodes (pre-order), the satisfaction rate, NPS, then per item its score,
    /// top-box share and satisfied share.
    std::vector<trend_series> series;
    std::vector<std::string> notes;

    const trend_series* find(trend_figure f, const std::string& id) const noexcept;
};

/// The trend of every figure over the waves of `data`. Throws argument_error for bad options
/// (control_sigma, the score options) or an unknown wave column, data_error naming the wave
/// column and the count when it has fewer than min_trend_waves waves, and what score() throws.
trend_report trend(const survey& s, const responses& data, const trend_options& options = {});

/// The WLS trend of `y` on `x` with variances `v` (> 0) at `level`; NaN fields when there are
/// fewer than 2 points or a variance is not positive and finite. For users' own series too.
trend_test weighted_trend(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& v,
                          double level = 0.95);

CSIKIT_NAMESPACE_END
