// Out-of-sample prediction of a PLS path model: PLSpredict (Shmueli et al. 2016, 2019) and the
// cross-validated predictive ability test CVPAT (Liengaard et al. 2021). docs/predict.md gives
// every formula and how seminr and cSEM differ.
//
// Each training fold is estimated from moments: the fold's sums are the full sample's minus the
// held-out rows' contribution (a rank update), so a leave-one-out run costs n small p x p
// estimates and never copies the data. Folds of repetition r come from a generator seeded by
// (seed, r) only, and each fold writes only its own slots, so a seed gives bit-identical results
// for any thread count.
#pragma once

#include "pls.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// How the held-out rows' construct scores are predicted.
enum class predict_approach {
    direct,    ///< direct antecedents: each endogenous score from its predecessors' scores, which
               ///< come from the test row's own items (seminr predict_DA; cSEM "direct")
    earliest,  ///< earliest antecedents: every endogenous score from the exogenous constructs'
               ///< scores through the reduced form (I - B)^-1 (cSEM's default "earliest")
};

/// The linear-model (LM) benchmark of each predicted item.
enum class predict_benchmark {
    seminr,  ///< OLS with intercept on every model item outside the item's own construct
    csem,    ///< OLS without intercept on the raw items of the exogenous constructs (cSEM 0.6.1)
};

/// "direct", "earliest" / "seminr", "csem".
const char* to_string(predict_approach a) noexcept;
const char* to_string(predict_benchmark b) noexcept;

/// The most training fits one predict() or cvpat() runs (folds x repeats, per model).
inline constexpr std::size_t max_prediction_fits = 1000000;

/// PLSpredict settings.
struct predict_options {
    /// K, the folds of each repetition (2 .. respondents); 0 = leave-one-out (K = n, one repetition).
    std::size_t folds = 10;
    /// r, repetitions of the K-fold split (each a fresh random split); 1 under leave-one-out.
    std::size_t repeats = 10;
    std::uint64_t seed = 1;       ///< the folds depend on (seed, repetition) only
    unsigned threads = 0;         ///< worker threads; 0 = all cores; never changes the numbers
    predict_approach approach = predict_approach::direct;
    predict_benchmark benchmark = predict_benchmark::seminr;
    /// Optional fixed folds: the fold (0 .. K-1) of each respondent used (complete cases, in data
    /// order); overrides folds and repeats (one repetition). Lets a run reproduce another tool's split.
    std::vector<int> fold_of;
    /// Estimation of every training fold: scheme, tolerance, max_iterations are used; listwise
    /// deletion, no respondent weights, no PLSc (refused), quality criteria off.
    pls_options estimation = [] {
        pls_options o;
        o.tolerance = 1e-10;
        o.quality = false;
        return o;
    }();
    /// Keep the n x q out-of-sample predictions (averaged over the repetitions).
    bool keep_predictions = false;
};

/// The prediction figures of one item of an endogenous construct (raw item scale).
struct item_prediction {
    std::string item, construct;
    // Out of sample, averaged over the repetitions.
    double rmse = 0, mae = 0;          ///< PLS: sqrt(mean e^2), mean |e| over all respondents
    double q2_predict = 0;             ///< 1 - sum e^2 / sum (y - training-fold mean)^2
    double q2_predict_centered = 0;    ///< cSEM 0.6.1's Q2_predict: residuals and benchmark centred
    double lm_rmse = 0, lm_mae = 0;    ///< the LM benchmark
    double lm_q2_predict = 0;
    // In sample: each respondent's predictions averaged over the K - 1 training fits holding it.
    double is_rmse = 0, is_mae = 0, lm_is_rmse = 0, lm_is_mae = 0;
};

/// Prediction figures of one endogenous construct's standardised score: the predicted score
/// (approach) against the score from the held-out row's own items with the training weights.
struct construct_prediction {
    std::string construct;
    double rmse = 0, mae = 0;
    double q2_predict = 0;             ///< 1 - sum e^2 / sum s^2 (the training mean of a score is 0)
    std::size_t items = 0;             ///< its items
    std::size_t items_better = 0;      ///< items with PLS RMSE below the LM benchmark's
};

/// Shmueli et al. (2019)'s reading of the item comparison with the LM benchmark.
enum class predictive_power {
    none,    ///< no item has Q2_predict > 0, or no item beats the benchmark
    low,     ///< a minority of the items beats the benchmark (RMSE)
    medium,  ///< a majority does
    high,    ///< all do
};
const char* to_string(predictive_power p) noexcept;  ///< "none", "low", "medium", "high"

/// Everything predict() yields.
struct prediction_result {
    std::vector<item_prediction> items;           ///< endogenous constructs' items, in model order
    std::vector<construct_prediction> constructs; ///< endogenous constructs, in model order
    std::size_t folds = 0, repeats = 0;           ///< as run (leave-one-out: folds = n, repeats 1)
    bool leave_one_out = false;
    bool fixed_folds = false;                     ///< folds came from predict_options::fold_of
    std::uint64_t seed = 0;
    unsigned threads = 0;
    predict_approach approach = predict_approach::direct;
    predict_benchmark benchmark = predict_benchmark::seminr;
    std::size_t respondents = 0;                  ///< complete cases used
    std::size_t respondents_excluded = 0;         ///< rows with a missing model item
    std::size_t fits = 0;                         ///< training fits run
    std::size_t items_better = 0;                 ///< items with rmse < lm_rmse
    predictive_power power = predictive_power::none;
    std::vector<std::string> warnings;            ///< e.g. respondent weights ignored
    Eigen::MatrixXd predictions;                  ///< n x items, on request (keep_predictions)
    Eigen::MatrixXd lm_predictions;               ///< n x items, on request
    std::vector<std::size_t> rows;                ///< the data row of each respondent used
};

/// PLSpredict of `model` on `data` (listwise complete cases of the model's items). Throws
/// argument_error for bad options (naming the option and its range), data_error for too few
/// respondents or an item constant in a training fold (naming item, fold and repetition),
/// numeric_error/convergence_error from a training fit (naming the fold).
prediction_result predict(const pls_model& model, const responses& data, const predict_options& options = {});

/// One CVPAT comparison: the model against a benchmark (or a second model).
struct cvpat_test {
    std::string benchmark;      ///< "IA" (indicator average), "LM" (linear model) or "model2"
    double loss_model = 0;      ///< mean over respondents of L(i) = mean over items of e^2
    double loss_benchmark = 0;
    double d_bar = 0;           ///< mean of D(i) = L_benchmark(i) - L_model(i): > 0 = model better
    double sd_d = 0;            ///< standard deviation of D (n - 1)
    double t = 0;               ///< d_bar / (sd_d / sqrt(N))
    double df = 0;              ///< N - 1
    double p = 0;               ///< two-sided, Student t(df)
    double p_better = 0;        ///< one-sided, H1: the model has the lower loss
};

/// CVPAT settings: the prediction settings (default 10 folds, 1 repetition, earliest antecedents
/// as Liengaard et al. and cSEM's testCVPAT) and the level of the verdicts.
struct cvpat_options {
    predict_options predict = [] {
        predict_options o;
        o.repeats = 1;
        o.approach = predict_approach::earliest;
        return o;
    }();
    double level = 0.95;        ///< significance = p < 1 - level
};

/// Everything cvpat() yields.
struct cvpat_result {
    std::vector<cvpat_test> tests;     ///< IA, LM (one model) or model2 (two models)
    std::vector<std::string> items;    ///< the items whose losses are compared
    std::size_t respondents = 0, folds = 0, repeats = 0;
    std::uint64_t seed = 0;
    predict_approach approach = predict_approach::earliest;
    predict_benchmark benchmark = predict_benchmark::seminr;
    double level = 0.95;
    std::vector<double> loss_model, loss_model2;   ///< L(i) per respondent (repetitions averaged)
    std::vector<std::size_t> rows;                 ///< the data row of each respondent
};

/// CVPAT of `model` against the IA and LM benchmarks.
cvpat_result cvpat(const pls_model& model, const responses& data, const cvpat_options& options = {});

/// CVPAT of `model` against `model2` (same folds, same endogenous items; the respondents
/// complete on both models' items). t > 0: `model` predicts better. argument_error if the two
/// models do not predict the same items.
cvpat_result cvpat(const pls_model& model, const pls_model& model2, const responses& data,
                   const cvpat_options& options = {});

CSIKIT_NAMESPACE_END
