// The PLS estimator against published tools on the ECSI mobi data (Tenenhaus et al. 2005):
// cSEM at tolerance 1e-10, plspm (three inner schemes, tolerance 1e-6) and seminr's quality
// criteria. Every comparison records the largest difference it saw (printed with -s).
#include "test_pls_util.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <Eigen/Cholesky>

#include <fstream>

using namespace pls_test;
using csikit::pls_fit;

namespace {

/// The ECSI survey and its answers, read the way a user reads them.
const csikit::survey& ecsi() { return test_support::ecsi_survey(); }

csikit::responses mobi() { return test_support::ecsi_responses(); }

csikit::pls_model model() { return csikit::pls_model::from_survey(ecsi()); }

pls_fit fit_mobi(csikit::pls_options o = {}) { return csikit::estimate(model(), mobi(), o); }

/// Reference file of one plspm scheme.
table plspm(const std::string& scheme, const std::string& what) {
    return read_table(shared("ecsi/reference/plspm_" + scheme + "_" + what + ".csv"));
}

table seminr(const std::string& what) { return read_table(shared("ecsi/reference/seminr_path_" + what + ".csv")); }

/// "IMAG -> CUEX" into (from, to).
std::pair<std::string, std::string> arrow(const std::string& s) {
    const auto pos = s.find(" -> ");
    return {s.substr(0, pos), s.substr(pos + 4)};
}

}  // namespace

TEST_CASE("ECSI path scheme reproduces cSEM at tolerance 1e-10") {
    csikit::pls_options o;
    o.tolerance = 1e-12;
    const pls_fit fit = fit_mobi(o);
    std::ifstream in(shared("ecsi/reference/cSEM_path_tol1e-10.json"));
    const auto ref = nlohmann::json::parse(in);
    CHECK(fit.converged);
    max_diff paths, r2, weights, loadings;
    for (const auto& p : ref["paths"]) {
        const int to = fit.construct_index(p["to"].get<std::string>());
        const int from = fit.construct_index(p["from"].get<std::string>());
        REQUIRE(to >= 0);
        REQUIRE(from >= 0);
        paths.add(fit.paths(to, from), p["coef"].get<double>());
    }
    CHECK(fit.paths.cwiseAbs().sum() > 0);
    for (const auto& r : ref["rsquared"]) {
        const int j = fit.construct_index(r["construct"].get<std::string>());
        r2.add(fit.r2[j], r["R2"].get<double>());
        r2.add(fit.r2_adjusted[j], r["R2_adj"].get<double>());
    }
    for (const auto& w : ref["weights"]) weights.add(fit.weights[fit.indicator_index(w["item"].get<std::string>())], w["weight"].get<double>());
    for (const auto& l : ref["loadings"]) loadings.add(fit.loadings[fit.indicator_index(l["item"].get<std::string>())], l["loading"].get<double>());
    MESSAGE("cSEM max |diff|: paths " << paths.value << ", R2 " << r2.value << ", weights " << weights.value
                                      << ", loadings " << loadings.value << ", SRMR " << std::abs(fit.srmr - ref["global"]["SRMR"].get<double>())
                                      << ", GoF " << std::abs(fit.gof - ref["global"]["GoF"].get<double>()));
    CHECK(paths.value < 1e-8);
    CHECK(r2.value < 1e-8);
    CHECK(weights.value < 1e-8);
    CHECK(loadings.value < 1e-8);
    CHECK(std::abs(fit.srmr - 0.123603853758584) < 1e-8);
    CHECK(std::abs(fit.srmr - ref["global"]["SRMR"].get<double>()) < 1e-8);
    CHECK(std::abs(fit.gof - ref["global"]["GoF"].get<double>()) < 1e-8);
}

TEST_CASE("ECSI reproduces plspm for the path, centroid and factorial schemes") {
    const std::pair<std::string, csikit::inner_scheme> schemes[] = {
        {"path", csikit::inner_scheme::path},
        {"centroid", csikit::inner_scheme::centroid},
        {"factorial", csikit::inner_scheme::factorial}};
    const csikit::responses data = mobi();
    for (const auto& [name, scheme] : schemes) {
        for (const auto rule : {csikit::stop_rule::max_abs_change, csikit::stop_rule::plspm}) {
            CAPTURE(name);
            csikit::pls_options o;
            o.scheme = scheme;
            o.keep_scores = true;
            if (rule == csikit::stop_rule::plspm) {
                o.stopping = rule;
                o.tolerance = 1e-6;
                o.max_iterations = 100;
            } else {
                o.tolerance = 1e-12;
            }
            const pls_fit fit = csikit::estimate(model(), data, o);
            max_diff outer, paths, inner, effects, cross, scores, alpha;
            const table om = plspm(name, "outer_model");
            for (std::size_t r = 0; r < om.rows.size(); ++r) {
                const int h = fit.indicator_index(om.rows[r][0]);
                REQUIRE(h >= 0);
                outer.add(fit.weights[h], om.at(r, "weight"));
                outer.add(fit.loadings[h], om.at(r, "loading"));
                outer.add(fit.loadings[h] * fit.loadings[h], om.at(r, "communality"));
            }
            const table pt = plspm(name, "paths");
            for (std::size_t r = 0; r < pt.rows.size(); ++r)
                paths.add(fit.paths(fit.construct_index(pt.rows[r][1]), fit.construct_index(pt.rows[r][0])), pt.at(r, "coef"));
            const table is = plspm(name, "inner_summary");
            for (std::size_t r = 0; r < is.rows.size(); ++r) {
                const int j = fit.construct_index(is.rows[r][0]);
                inner.add(fit.r2[j], is.at(r, "R2"));
                inner.add(fit.ave[j], is.at(r, "AVE"));
                inner.add(fit.ave[j], is.at(r, "Block_Communality"));
            }
            const table ef = plspm(name, "effects");
            for (std::size_t r = 0; r < ef.rows.size(); ++r) {
                const auto [from, to] = arrow(ef.rows[r][0]);
                const int f = fit.construct_index(from), t = fit.construct_index(to);
                effects.add(fit.paths(t, f), ef.at(r, "direct"));
                effects.add(fit.indirect_effects(t, f), ef.at(r, "indirect"));
                effects.add(fit.total_effects(t, f), ef.at(r, "total"));
            }
            const table cl = plspm(name, "crossloadings");
            for (std::size_t r = 0; r < cl.rows.size(); ++r)
                for (const auto& c : fit.constructs)
                    cross.add(fit.cross_loadings(fit.indicator_index(cl.rows[r][0]), fit.construct_index(c)), cl.at(r, c));
            // plspm standardises with the population SD: its scores are ours times sqrt(n/(n-1)).
            const table sc = plspm(name, "scores_first10");
            const double n = static_cast<double>(fit.data.respondents_used);
            for (std::size_t r = 0; r < sc.rows.size(); ++r)
                for (const auto& c : fit.constructs)
                    scores.add(fit.scores(static_cast<Eigen::Index>(r), fit.construct_index(c)) * std::sqrt(n / (n - 1)), sc.at(r, c));
            const table ud = plspm(name, "unidim");
            for (std::size_t r = 0; r < ud.rows.size(); ++r) alpha.add(fit.alpha[fit.construct_index(ud.rows[r][0])], ud.at(r, "C.alpha"));
            MESSAGE("plspm " << name << std::string(rule == csikit::stop_rule::plspm ? " (plspm stop rule)" : " (full convergence)")
                             << " max |diff|: outer " << outer.value << ", paths " << paths.value << ", inner summary "
                             << inner.value << ", effects " << effects.value << ", cross-loadings " << cross.value
                             << ", scores " << scores.value << ", alpha " << alpha.value << " (" << fit.iterations << " iterations)");
            // Full convergence lands within plspm's own tolerance; its stop rule reproduces it exactly.
            const double tol = rule == csikit::stop_rule::plspm ? 1e-12 : 2e-6;
            CHECK(outer.value < tol);
            CHECK(paths.value < tol);
            CHECK(inner.value < tol);
            CHECK(effects.value < tol);
            CHECK(cross.value < tol);
            CHECK(scores.value < (rule == csikit::stop_rule::plspm ? 1e-12 : 5e-6));
            CHECK(alpha.value < 1e-12);
            if (rule == csikit::stop_rule::plspm) CHECK(fit.iterations == 4);
        }
    }
}

TEST_CASE("ECSI quality criteria reproduce seminr") {
    csikit::pls_options o;
    o.f2_reestimate = true;  // seminr re-estimates the model without each path
    const pls_fit fit = fit_mobi(o);
    max_diff rel, htmt, fl, f2, vif_items, vif_inner, r2, total;
    const table re = seminr("reliability");
    for (std::size_t r = 0; r < re.rows.size(); ++r) {
        const int j = fit.construct_index(re.rows[r][0]);
        rel.add(fit.alpha[j], re.at(r, "alpha"));
        rel.add(fit.rho_c[j], re.at(r, "rhoC"));
        rel.add(fit.ave[j], re.at(r, "AVE"));
        rel.add(fit.rho_a[j], re.at(r, "rhoA"));
    }
    const table ht = seminr("htmt");
    const table fo = seminr("fornell_larcker");
    for (std::size_t r = 0; r < ht.rows.size(); ++r) {
        const int a = fit.construct_index(ht.rows[r][0]);
        for (const auto& c : fit.constructs) {
            const int b = fit.construct_index(c);
            if (!std::isnan(ht.at(r, c))) htmt.add(fit.htmt(a, b), ht.at(r, c));
            if (!std::isnan(fo.at(r, c))) fl.add(fit.fornell_larcker(a, b), fo.at(r, c));
        }
    }
    const table fs = seminr("fsquare");
    const table te = seminr("total_effects");
    for (std::size_t r = 0; r < fs.rows.size(); ++r) {
        const int from = fit.construct_index(fs.rows[r][0]);
        for (const auto& c : fit.constructs) {
            f2.add(fit.f2(fit.construct_index(c), from), fs.at(r, c));
            total.add(fit.total_effects(fit.construct_index(c), from), te.at(r, c));
        }
    }
    const table vi = seminr("vif_items");
    for (std::size_t r = 0; r < vi.rows.size(); ++r)
        if (!std::isnan(vi.at(r, "VIF"))) vif_items.add(fit.outer_vif[fit.indicator_index(vi.rows[r][1])], vi.at(r, "VIF"));
    const table va = seminr("vif_antecedents");
    for (std::size_t r = 0; r < va.rows.size(); ++r) {
        const double ref = va.at(r, "VIF");
        const double ours = fit.inner_vif(fit.construct_index(va.rows[r][0]), fit.construct_index(va.rows[r][1]));
        vif_inner.add(ours, std::isnan(ref) ? 1.0 : ref);  // seminr leaves a lone predictor NA; ours is 1
    }
    const table rs = seminr("rsquared");
    for (std::size_t r = 0; r < rs.rows.size(); ++r) {
        const int j = fit.construct_index(rs.rows[r][0]);
        r2.add(fit.r2[j], rs.at(r, "R2"));
        r2.add(fit.r2_adjusted[j], rs.at(r, "AdjR2"));
    }
    MESSAGE("seminr max |diff|: reliability " << rel.value << ", HTMT " << htmt.value << ", Fornell-Larcker " << fl.value
                                              << ", f2 " << f2.value << ", item VIF " << vif_items.value << ", inner VIF "
                                              << vif_inner.value << ", R2 " << r2.value << ", total effects " << total.value);
    // The brief asks for 1e-4; we observe ~1e-9 (seminr stops at sum |dw| < 1e-7).
    CHECK(rel.value < 1e-8);
    CHECK(htmt.value < 1e-8);
    CHECK(fl.value < 1e-8);
    CHECK(f2.value < 1e-8);
    CHECK(vif_items.value < 1e-8);
    CHECK(vif_inner.value < 1e-8);
    CHECK(r2.value < 1e-8);
    CHECK(total.value < 1e-8);

    // The default f2 (as cSEM) keeps the full model's composites: R2 without the predictor
    // comes from the same construct correlations.
    const pls_fit quick = fit_mobi();
    const int cusa = quick.construct_index("CUSA"), perq = quick.construct_index("PERQ");
    const Eigen::MatrixXd& R = quick.construct_correlation;
    const std::vector<int> rest = {quick.construct_index("IMAG"), quick.construct_index("CUEX"), quick.construct_index("PERV")};
    Eigen::MatrixXd A(3, 3);
    Eigen::VectorXd b(3);
    for (int a = 0; a < 3; ++a) {
        b[a] = R(rest[static_cast<std::size_t>(a)], cusa);
        for (int c = 0; c < 3; ++c) A(a, c) = R(rest[static_cast<std::size_t>(a)], rest[static_cast<std::size_t>(c)]);
    }
    const double r2_without = b.dot(A.ldlt().solve(b));
    CHECK(quick.f2(cusa, perq) == doctest::Approx((quick.r2[cusa] - r2_without) / (1 - quick.r2[cusa])).epsilon(1e-12));
    CHECK(std::abs(quick.f2(cusa, perq) - fit.f2(cusa, perq)) < 0.01);
}
