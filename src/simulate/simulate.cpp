// Drawing survey data from a population path model (see simulate.hpp).
#include "csikit/simulate.hpp"
#include "csikit/format.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <string>

CSIKIT_NAMESPACE_BEGIN

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& what) {
    throw argument_error(location{"", 0, field}, "simulate: " + what);
}

/// Construct index of every construct id; argument_error for Mode B and size mismatches.
std::map<std::string, int> check(const population_model& pop) {
    validate_model(pop.model);
    std::map<std::string, int> index;
    std::size_t p = 0;
    for (const auto& c : pop.model.constructs) {
        if (c.mode == outer_mode::B) bad(c.id, "construct \"" + c.id + "\" is Mode B (expected reflective constructs only)");
        index[c.id] = static_cast<int>(index.size());
        p += c.items.size();
    }
    if (pop.path_coefficients.size() != pop.model.paths.size()) {
        bad("path_coefficients", std::to_string(pop.path_coefficients.size()) + " coefficients for " +
                                     std::to_string(pop.model.paths.size()) + " paths (expected one per path)");
    }
    if (pop.loadings.size() != p) {
        bad("loadings", std::to_string(pop.loadings.size()) + " loadings for " + std::to_string(p) +
                            " indicators (expected one per indicator)");
    }
    for (double l : pop.loadings)
        if (!(std::abs(l) <= 1)) bad("loadings", "loading " + format_shortest(l) + " is invalid (expected |loading| <= 1)");
    return index;
}

}  // namespace

Eigen::MatrixXd implied_construct_correlation(const population_model& pop) {
    const auto index = check(pop);
    const int J = static_cast<int>(index.size());
    Eigen::MatrixXd B = Eigen::MatrixXd::Zero(J, J);  // [to, from]
    for (std::size_t k = 0; k < pop.model.paths.size(); ++k)
        B(index.at(pop.model.paths[k].to), index.at(pop.model.paths[k].from)) = pop.path_coefficients[k];
    // Constructs in topological order (validate_model has ruled out cycles).
    std::vector<int> order, indegree(static_cast<std::size_t>(J));
    for (int j = 0; j < J; ++j) indegree[static_cast<std::size_t>(j)] = static_cast<int>((B.row(j).array() != 0).count());
    std::vector<bool> done(static_cast<std::size_t>(J), false);
    for (int round = 0; round < J; ++round)
        for (int j = 0; j < J; ++j) {
            if (done[static_cast<std::size_t>(j)]) continue;
            bool ready = true;
            for (int i = 0; i < J; ++i)
                if (B(j, i) != 0 && !done[static_cast<std::size_t>(i)]) ready = false;
            if (ready) {
                order.push_back(j);
                done[static_cast<std::size_t>(j)] = true;
            }
        }
    Eigen::MatrixXd C = Eigen::MatrixXd::Identity(J, J);
    std::vector<int> placed;
    for (int j : order) {
        const bool exogenous = (B.row(j).array() == 0).all();
        if (exogenous) {
            for (int k : placed)
                if ((B.row(k).array() == 0).all()) C(j, k) = C(k, j) = pop.exogenous_correlation;
        } else {
            // Cov(eta_j, eta_k) = sum_i b_ji Cov(eta_i, eta_k) for constructs placed before j.
            for (int k : placed) {
                double c = 0;
                for (int i = 0; i < J; ++i) c += B(j, i) * C(i, k);
                C(j, k) = C(k, j) = c;
            }
            double explained = 0;
            for (int a = 0; a < J; ++a)
                for (int b = 0; b < J; ++b) explained += B(j, a) * B(j, b) * C(a, b);
            if (!(explained < 1)) {
                const std::string& id = pop.model.constructs[static_cast<std::size_t>(j)].id;
                bad(id, "the paths into \"" + id + "\" explain " + format_shortest(explained) +
                            " of its variance (expected < 1)");
            }
        }
        placed.push_back(j);
    }
    return C;
}

Eigen::MatrixXd implied_indicator_correlation(const population_model& pop) {
    const Eigen::MatrixXd C = implied_construct_correlation(pop);
    std::vector<int> block;
    for (std::size_t j = 0; j < pop.model.constructs.size(); ++j)
        for (std::size_t k = 0; k < pop.model.constructs[j].items.size(); ++k) block.push_back(static_cast<int>(j));
    const auto p = static_cast<Eigen::Index>(block.size());
    Eigen::MatrixXd S(p, p);
    for (Eigen::Index a = 0; a < p; ++a)
        for (Eigen::Index b = 0; b < p; ++b)
            S(a, b) = a == b ? 1.0
                             : pop.loadings[static_cast<std::size_t>(a)] * pop.loadings[static_cast<std::size_t>(b)] *
                                   C(block[static_cast<std::size_t>(a)], block[static_cast<std::size_t>(b)]);
    return S;
}

simulated_data simulate(const population_model& pop, std::size_t n, const simulate_options& options) {
    if (options.scale_points == 1 || options.scale_points < 0) {
        bad("scale_points", std::to_string(options.scale_points) + " scale points (expected 0 or >= 2)");
    }
    const Eigen::MatrixXd S = implied_indicator_correlation(pop);
    const auto indicators = static_cast<std::size_t>(S.rows());
    if (n > max_simulated_respondents)
        bad("n", std::to_string(n) + " respondents is above the limit of " + std::to_string(max_simulated_respondents) +
                     " (expected n <= " + std::to_string(max_simulated_respondents) + ")");
    if (indicators > 0 && n > max_simulated_answers / indicators)
        bad("n", std::to_string(n) + " respondents x " + std::to_string(indicators) +
                     " indicators is above the limit of " + std::to_string(max_simulated_answers) +
                     " simulated answers (expected n <= " + std::to_string(max_simulated_answers / indicators) +
                     " for this model)");
    Eigen::LLT<Eigen::MatrixXd> llt(S);
    if (llt.info() != Eigen::Success) bad("loadings", "the implied indicator correlation matrix is not positive definite");
    const Eigen::MatrixXd L = llt.matrixL();
    const auto p = S.rows();
    std::mt19937_64 rng(options.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    simulated_data out;
    out.item_ids = pop.model.indicators();
    Eigen::MatrixXd z(static_cast<Eigen::Index>(n), p);
    for (Eigen::Index i = 0; i < z.rows(); ++i)  // row by row: a seed gives the same respondents for any n
        for (Eigen::Index k = 0; k < p; ++k) z(i, k) = normal(rng);
    out.values = z * L.transpose();
    if (options.scale_points >= 2) {
        const double K = options.scale_points;
        out.values = out.values.unaryExpr([K](double x) {
            return std::clamp(std::round((x + 3.0) / 6.0 * (K - 1.0)) + 1.0, 1.0, K);
        });
    }
    return out;
}

responses simulated_data::to_responses() const {
    responses r;
    r.item_ids = item_ids;
    r.values = values;
    r.weights = Eigen::VectorXd::Ones(values.rows());
    r.source = "<simulated>";
    r.lines.assign(static_cast<std::size_t>(values.rows()), 0);
    return r;
}

CSIKIT_NAMESPACE_END
