// PLSpredict and CVPAT against seminr 2.3.4 and cSEM 0.6.1 (leave-one-out on ECSI, and cSEM's
// testCVPAT with its own folds), thread and seed invariance, simulated truth and bad input.
#include "support/ecsi.hpp"
#include "support/files.hpp"

#include <csikit/predict.hpp>
#include <csikit/simulate.hpp>

#include <doctest/doctest.h>

#include <Eigen/Cholesky>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace csikit;
using test_support::shared_path;

namespace {

/// A reference CSV: header names, then rows keyed by the first column.
struct table {
    std::vector<std::string> cols;
    std::map<std::string, std::vector<double>> rows;
    std::vector<std::string> order;
    double at(const std::string& row, const std::string& col) const {
        for (std::size_t c = 1; c < cols.size(); ++c) {
            if (cols[c] == col) return rows.at(row).at(c - 1);
        }
        FAIL("no column " << col);
        return 0;
    }
};

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string cell;
    std::istringstream ss(line);
    while (std::getline(ss, cell, ',')) {
        if (cell.size() >= 2 && cell.front() == '"') cell = cell.substr(1, cell.size() - 2);
        out.push_back(cell);
    }
    return out;
}

table read_table(const std::string& name) {
    std::istringstream in(test_support::slurp(shared_path("ecsi/reference/" + name)));
    table t;
    std::string line;
    std::getline(in, line);
    t.cols = split(line);
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto cells = split(line);
        std::vector<double> v;
        for (std::size_t c = 1; c < cells.size(); ++c) v.push_back(std::stod(cells[c]));
        t.rows[cells[0]] = v;
        t.order.push_back(cells[0]);
    }
    return t;
}

const item_prediction& find_item(const prediction_result& r, const std::string& id) {
    for (const auto& it : r.items) {
        if (it.item == id) return it;
    }
    FAIL("no item " << id);
    return r.items.front();
}

predict_options loo(predict_approach a, predict_benchmark b) {
    predict_options o;
    o.folds = 0;
    o.approach = a;
    o.benchmark = b;
    return o;
}

}  // namespace

TEST_CASE("leave-one-out PLSpredict matches seminr 2.3.4 (direct antecedents, seminr's LM)") {
    const auto e = test_support::load_ecsi();
    const auto ref = read_table("seminr_ecsi_mobi_plspredict_DA_loo_items.csv");
    const auto r = predict(e.model, e.data, loo(predict_approach::direct, predict_benchmark::seminr));
    CHECK(r.leave_one_out);
    CHECK(r.folds == 250);
    CHECK(r.fits == 250);
    REQUIRE(r.items.size() == ref.order.size());
    for (const auto& id : ref.order) {
        const auto& it = find_item(r, id);
        CAPTURE(id);
        CHECK(std::abs(it.rmse - ref.at(id, "PLS_OOS_RMSE")) < 1e-8);
        CHECK(std::abs(it.mae - ref.at(id, "PLS_OOS_MAE")) < 1e-8);
        CHECK(std::abs(it.lm_rmse - ref.at(id, "LM_OOS_RMSE")) < 1e-8);
        CHECK(std::abs(it.lm_mae - ref.at(id, "LM_OOS_MAE")) < 1e-8);
        CHECK(std::abs(it.q2_predict - ref.at(id, "Q2_predict")) < 1e-8);
        CHECK(std::abs(it.is_rmse - ref.at(id, "PLS_IS_RMSE")) < 1e-8);
        CHECK(std::abs(it.is_mae - ref.at(id, "PLS_IS_MAE")) < 1e-8);
        CHECK(std::abs(it.lm_is_rmse - ref.at(id, "LM_IS_RMSE")) < 1e-8);
        CHECK(std::abs(it.lm_is_mae - ref.at(id, "LM_IS_MAE")) < 1e-8);
    }
}

TEST_CASE("leave-one-out predictions match seminr's, respondent by respondent") {
    const auto e = test_support::load_ecsi();
    const auto ref = read_table("seminr_ecsi_mobi_plspredict_DA_loo_predictions.csv");
    auto o = loo(predict_approach::direct, predict_benchmark::seminr);
    o.keep_predictions = true;
    const auto r = predict(e.model, e.data, o);
    REQUIRE(r.predictions.rows() == 250);
    double worst = 0;
    for (std::size_t t = 0; t < r.items.size(); ++t) {
        for (Eigen::Index i = 0; i < 250; ++i) {
            const std::string row = std::to_string(r.rows[static_cast<std::size_t>(i)] + 1);
            worst = std::max(worst, std::abs(r.predictions(i, static_cast<Eigen::Index>(t)) - ref.at(row, r.items[t].item)));
            worst = std::max(worst, std::abs(r.lm_predictions(i, static_cast<Eigen::Index>(t)) -
                                             ref.at(row, "LM_" + r.items[t].item)));
        }
    }
    CHECK(worst < 1e-8);
}

TEST_CASE("leave-one-out PLSpredict matches cSEM 0.6.1 (direct and earliest, cSEM's LM)") {
    const auto e = test_support::load_ecsi();
    for (auto a : {predict_approach::direct, predict_approach::earliest}) {
        const std::string name = a == predict_approach::direct ? "direct" : "earliest";
        CAPTURE(name);
        const auto ref = read_table("cSEM_ecsi_mobi_predict_" + name + "_loo_items.csv");
        const auto r = predict(e.model, e.data, loo(a, predict_benchmark::csem));
        REQUIRE(r.items.size() == ref.order.size());
        for (const auto& id : ref.order) {
            const auto& it = find_item(r, id);
            CAPTURE(id);
            CHECK(std::abs(it.rmse - ref.at(id, "PLS_OOS_RMSE")) < 1e-8);
            CHECK(std::abs(it.mae - ref.at(id, "PLS_OOS_MAE")) < 1e-8);
            CHECK(std::abs(it.lm_rmse - ref.at(id, "LM_OOS_RMSE")) < 1e-8);
            CHECK(std::abs(it.lm_mae - ref.at(id, "LM_OOS_MAE")) < 1e-8);
            CHECK(std::abs(it.q2_predict - ref.at(id, "Q2_predict")) < 1e-8);
            CHECK(std::abs(it.q2_predict_centered - ref.at(id, "Q2_predict_cSEM")) < 1e-8);
        }
    }
}

namespace {

/// The ECSI model without CUEX -> CUSA (cSEM's CVPAT reference, model 2).
pls_model without_cuex_cusa(pls_model m) {
    std::vector<path> kept;
    for (const auto& p : m.paths) {
        if (!(p.from == "CUEX" && p.to == "CUSA")) kept.push_back(p);
    }
    REQUIRE(kept.size() + 1 == m.paths.size());
    m.paths = kept;
    return m;
}

}  // namespace

TEST_CASE("CVPAT of two models matches cSEM 0.6.1's testCVPAT given its folds") {
    const auto e = test_support::load_ecsi();
    const auto losses = read_table("cSEM_ecsi_cvpat_full_vs_no_cuex_cusa_losses.csv");
    const auto summary = read_table("cSEM_ecsi_cvpat_full_vs_no_cuex_cusa.csv");
    cvpat_options o;
    o.predict.fold_of.resize(250);
    for (std::size_t i = 0; i < 250; ++i) {
        o.predict.fold_of[i] = static_cast<int>(losses.at(std::to_string(i + 1), "fold")) - 1;
    }
    const auto r = cvpat(e.model, without_cuex_cusa(e.model), e.data, o);
    REQUIRE(r.tests.size() == 1);
    REQUIRE(r.loss_model.size() == 250);
    double worst = 0;
    for (std::size_t i = 0; i < 250; ++i) {
        const std::string row = std::to_string(r.rows[i] + 1);
        worst = std::max(worst, std::abs(r.loss_model[i] - losses.at(row, "loss_model1")));
        worst = std::max(worst, std::abs(r.loss_model2[i] - losses.at(row, "loss_model2")));
    }
    CHECK(worst < 1e-8);
    const auto& t = r.tests[0];
    CHECK(t.benchmark == "model2");
    CHECK(std::abs(t.t - summary.at("test_statistic", "value")) < 1e-6);
    CHECK(std::abs(t.p - summary.at("p_value", "value")) < 1e-10);
    CHECK(t.df == 249);
    CHECK(std::abs(t.d_bar - summary.at("D_bar", "value")) < 1e-9);
    CHECK(std::abs(t.sd_d - summary.at("sd_D", "value")) < 1e-9);
    CHECK(std::abs(t.loss_model - summary.at("mean_loss_model1", "value")) < 1e-9);
    CHECK(std::abs(t.loss_benchmark - summary.at("mean_loss_model2", "value")) < 1e-9);
}

TEST_CASE("k-fold folds depend on the seed only, never on the thread count") {
    const auto e = test_support::load_ecsi();
    predict_options o;
    o.folds = 10;
    o.repeats = 3;
    o.seed = 42;
    o.keep_predictions = true;
    o.threads = 1;
    const auto one = predict(e.model, e.data, o);
    o.threads = 3;
    const auto three = predict(e.model, e.data, o);
    CHECK(one.fits == 30);
    for (std::size_t t = 0; t < one.items.size(); ++t) {
        CHECK(one.items[t].rmse == three.items[t].rmse);
        CHECK(one.items[t].lm_mae == three.items[t].lm_mae);
        CHECK(one.items[t].is_rmse == three.items[t].is_rmse);
        CHECK(one.items[t].q2_predict == three.items[t].q2_predict);
    }
    CHECK((one.predictions.array() == three.predictions.array()).all());
    o.seed = 43;
    const auto other = predict(e.model, e.data, o);
    CHECK(other.items[0].rmse != one.items[0].rmse);
    // A different split changes the figures only a little on 250 respondents.
    CHECK(std::abs(other.items[0].rmse - one.items[0].rmse) < 0.05);
    // Every fold of repetition 1 sizes 25, so k-fold with K = n reduces to leave-one-out.
    o.folds = 250;
    o.repeats = 5;
    const auto as_loo = predict(e.model, e.data, o);
    CHECK(as_loo.leave_one_out);
    CHECK(as_loo.repeats == 1);
}

TEST_CASE("fixed folds of size one reproduce leave-one-out exactly") {
    const auto e = test_support::load_ecsi();
    auto o = loo(predict_approach::direct, predict_benchmark::seminr);
    const auto a = predict(e.model, e.data, o);
    o.fold_of.resize(250);
    for (int i = 0; i < 250; ++i) o.fold_of[static_cast<std::size_t>(i)] = 249 - i;
    const auto b = predict(e.model, e.data, o);
    CHECK(b.fixed_folds);
    for (std::size_t t = 0; t < a.items.size(); ++t) CHECK(std::abs(a.items[t].rmse - b.items[t].rmse) < 1e-12);
}

TEST_CASE("simulated truth: out-of-sample MSE tends to the population MSE of the same predictor") {
    // IMAG -> SAT -> LOY with three items each; continuous standard normal items.
    population_model pop;
    pop.model.constructs = {{"X", {}, {"x1", "x2", "x3"}}, {"M", {}, {"m1", "m2", "m3"}}, {"Y", {}, {"y1", "y2", "y3"}}};
    pop.model.paths = {{"X", "M"}, {"M", "Y"}, {"X", "Y"}};
    pop.path_coefficients = {0.6, 0.4, 0.2};
    pop.loadings = {0.8, 0.75, 0.7, 0.85, 0.8, 0.75, 0.8, 0.8, 0.7};
    const Eigen::MatrixXd R = implied_indicator_correlation(pop);

    // Population estimate: the PLS fit on the implied correlations (the n -> infinity limit).
    moments m;
    m.item_ids = pop.model.indicators();
    m.mean = Eigen::VectorXd::Zero(9);
    m.sd = Eigen::VectorXd::Ones(9);
    m.correlation = R;
    m.pair_counts = Eigen::MatrixXd::Constant(9, 9, 1e6);
    m.respondents_total = m.respondents_used = 1000000;
    m.effective_n = 1e6;
    pls_options po;
    po.tolerance = 1e-12;
    po.quality = false;
    const pls_fit f = estimate(pop.model, m, po);
    // Direct antecedents: y_hat = lambda_h * sum_k B[j,k] w_k' z; its population MSE c' R c - 2 c' R e + 1.
    Eigen::MatrixXd W = Eigen::MatrixXd::Zero(9, 3);
    for (int h = 0; h < 9; ++h) W(h, f.block[static_cast<std::size_t>(h)]) = f.weights[h];
    const Eigen::MatrixXd TW = f.paths * W.transpose();
    const auto data = simulate(pop, 20000, {7, 0}).to_responses();
    predict_options o;
    o.folds = 10;
    o.repeats = 1;
    const auto r = predict(pop.model, data, o);
    REQUIRE(r.items.size() == 6);
    for (int h = 3; h < 9; ++h) {
        const int j = f.block[static_cast<std::size_t>(h)];
        const Eigen::VectorXd c = f.loadings[h] * TW.row(j).transpose();
        const double mse = 1 - 2 * c.dot(R.col(h)) + c.dot(R * c);
        const auto& it = r.items[static_cast<std::size_t>(h - 3)];
        CAPTURE(it.item);
        CHECK(std::abs(it.rmse * it.rmse - mse) < 0.03 * mse);
        // The LM benchmark (seminr's): the best linear predictor from the other constructs' items.
        std::vector<int> preds;
        for (int k = 0; k < 9; ++k) {
            if (f.block[static_cast<std::size_t>(k)] != j) preds.push_back(k);
        }
        Eigen::MatrixXd Rpp(preds.size(), preds.size());
        Eigen::VectorXd rpy(preds.size());
        for (std::size_t a = 0; a < preds.size(); ++a) {
            rpy[static_cast<Eigen::Index>(a)] = R(preds[a], h);
            for (std::size_t b = 0; b < preds.size(); ++b) Rpp(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = R(preds[a], preds[b]);
        }
        const double lm_mse = 1 - rpy.dot(Rpp.ldlt().solve(rpy));
        CHECK(std::abs(it.lm_rmse * it.lm_rmse - lm_mse) < 0.03 * lm_mse);
        CHECK(it.q2_predict > 0);
    }
    // Construct level: the direct prediction of a score explains about its population R2.
    CHECK(std::abs(r.constructs[0].q2_predict - f.r2[1]) < 0.03);
}

TEST_CASE("CVPAT: size near 5% when two models predict equally, power when one is better") {
    // C = 0.4 A + 0.4 B with A, B independent and alike: "A -> C" and "B -> C" predict C's items
    // equally well in the population (a true null, by symmetry); "A, B -> C" predicts better.
    population_model pop;
    pop.model.constructs = {{"A", {}, {"a1", "a2"}}, {"B", {}, {"b1", "b2"}}, {"C", {}, {"c1", "c2"}}};
    pop.model.paths = {{"A", "C"}, {"B", "C"}};
    pop.path_coefficients = {0.4, 0.4};
    pop.loadings = {0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
    pls_model only_a, only_b;
    only_a.constructs = {pop.model.constructs[0], pop.model.constructs[2]};
    only_a.paths = {{"A", "C"}};
    only_b.constructs = {pop.model.constructs[1], pop.model.constructs[2]};
    only_b.paths = {{"B", "C"}};
    cvpat_options o;
    o.predict.threads = 1;
    int reject_null = 0;
    const int draws = 400;
    for (int d = 0; d < draws; ++d) {
        const auto data = simulate(pop, 150, {static_cast<std::uint64_t>(1000 + d), 0}).to_responses();
        o.predict.seed = static_cast<std::uint64_t>(d + 1);
        reject_null += cvpat(only_a, only_b, data, o).tests[0].p < 0.05;
    }
    // Power: C = 0.3 A + 0.6 B; the full model against A -> C alone (one-sided, as planted).
    population_model strong = pop;
    strong.path_coefficients = {0.3, 0.6};
    int reject_power = 0;
    const int power_draws = 100;
    for (int d = 0; d < power_draws; ++d) {
        const auto data = simulate(strong, 150, {static_cast<std::uint64_t>(5000 + d), 0}).to_responses();
        o.predict.seed = static_cast<std::uint64_t>(d + 1);
        const auto better = cvpat(pop.model, only_a, data, o).tests[0];
        reject_power += better.p < 0.05 && better.t > 0;
    }
    MESSAGE("CVPAT rejection rate under the null: " << reject_null / double(draws)
                                                    << ", power: " << reject_power / double(power_draws));
    CHECK(reject_null >= 0.02 * draws);  // 5% +- 3 binomial SDs over 400 draws
    CHECK(reject_null <= 0.085 * draws);
    CHECK(reject_power >= 0.8 * power_draws);
}

TEST_CASE("bad input: typed errors naming the option, the fold or the item") {
    const auto e = test_support::load_ecsi();
    predict_options o;
    o.folds = 251;
    CHECK_THROWS_AS(predict(e.model, e.data, o), argument_error);
    o.folds = 1;
    CHECK_THROWS_AS(predict(e.model, e.data, o), argument_error);
    o.folds = 10;
    o.repeats = 0;
    CHECK_THROWS_AS(predict(e.model, e.data, o), argument_error);
    o.repeats = 1;
    o.estimation.consistent = true;
    CHECK_THROWS_AS(predict(e.model, e.data, o), argument_error);
    o.estimation.consistent = false;
    o.fold_of = {0, 1};
    CHECK_THROWS_AS(predict(e.model, e.data, o), argument_error);
    o.fold_of.clear();

    // An item constant in a training fold: CUSA1 varies in one respondent only.
    auto data = e.data;
    const auto c = data.column("CUSA1");
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) data.values(i, c) = i == 5 ? 9 : 7;
    o.folds = 0;
    try {
        (void)predict(e.model, data, o);
        FAIL("expected a data_error");
    } catch (const data_error& err) {
        const std::string what = err.what();
        CHECK(what.find("CUSA1") != std::string::npos);
        CHECK(what.find("fold 6 of repetition 1") != std::string::npos);
    }
    // Too few respondents.
    auto few = e.data.subset({0, 1, 2});
    CHECK_THROWS_AS(predict(e.model, few, o), data_error);
}
