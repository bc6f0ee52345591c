// report.json: every documented section is present and carries the fit's and the bootstrap's
// numbers exactly (doubles round-trip), NaN becomes null, optional parts are null when absent.
#include <csikit/report.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/ecsi.hpp"

#include <cmath>
#include <string>

using namespace csikit;
using nlohmann::json;

namespace {

/// The ECSI case and a 200-resample bootstrap of it.
const test_support::ecsi_boot_case& ecsi() {
    static const auto c = test_support::load_ecsi_bootstrapped({.resamples = 200, .seed = 11, .threads = 2});
    return c;
}

int ci(const pls_fit& f, const json& id) { return f.construct_index(id.get<std::string>()); }

}  // namespace

TEST_CASE("report without bootstrap: sections, values, labels") {
    const auto& e = ecsi();
    const pls_fit& f = e.fit;
    const json r = json::parse(to_json(f, nullptr, &e.s));
    for (const char* key : {"csikit_version", "settings", "sample", "paths", "indicators", "constructs", "effects",
                            "htmt", "fornell_larcker", "construct_correlation", "f2", "inner_vif", "fit", "diagnostics",
                            "bootstrap"})
        CHECK_MESSAGE(r.contains(key), key);
    CHECK(r["csikit_version"] == version());
    CHECK(r["bootstrap"].is_null());

    const json& s = r["settings"];
    CHECK(s["scheme"] == "path");
    CHECK(s["mode"] == "pls");
    CHECK(s["missing"] == "listwise");
    CHECK(s["tolerance"] == f.options.tolerance);
    CHECK(s["iterations"] == f.iterations);
    CHECK(s["converged"] == true);
    CHECK(s["seed"].is_null());
    CHECK(s["resamples"].is_null());

    CHECK(r["sample"]["respondents"] == 250);
    CHECK(r["sample"]["used"] == 250);
    CHECK(r["sample"]["answers_used"] == 250 * 24);
    CHECK(r["sample"]["imputed"] == 0);
    CHECK(r["sample"]["missing"] == 0);
    CHECK(r["sample"]["missing_share"] == 0.0);
    CHECK(r["sample"]["warning"].is_null());  // nobody left out: no warning
    CHECK(r["sample"]["effective_n"] == doctest::Approx(250));

    REQUIRE(r["paths"].size() == 12);
    for (const auto& p : r["paths"]) {
        CHECK(p["estimate"].get<double>() == f.paths(ci(f, p["to"]), ci(f, p["from"])));  // exact round trip
        CHECK_FALSE(p.contains("se"));
    }
    REQUIRE(r["indicators"].size() == 24);
    for (const auto& i : r["indicators"]) {
        const int h = f.indicator_index(i["id"].get<std::string>());
        REQUIRE(h >= 0);
        CHECK(i["construct"] == f.constructs[static_cast<std::size_t>(f.block[static_cast<std::size_t>(h)])]);
        CHECK(i["weight"].get<double>() == f.weights[h]);
        CHECK(i["weight_unstandardized"].get<double>() == f.weights_unstandardized[h]);
        CHECK(i["loading"].get<double>() == f.loadings[h]);
        CHECK(i["outer_vif"].get<double>() == f.outer_vif[h]);
        CHECK(i["communality"].get<double>() == doctest::Approx(f.loadings[h] * f.loadings[h]));
    }
    CHECK(r["indicators"][0]["id"] == "IMAG1");
    CHECK(r["indicators"][0]["mean"].get<double>() == doctest::Approx(7.64));  // mean of IMAG1 in mobi

    REQUIRE(r["constructs"].size() == 7);
    const json& imag = r["constructs"][0];
    CHECK(imag["id"] == "IMAG");
    CHECK(imag["label"] == "Image");
    CHECK(imag["mode"] == "A");
    CHECK(imag["endogenous"] == false);
    CHECK(imag["r2"].is_null());  // exogenous: no R2
    for (const auto& c : r["constructs"]) {
        const int j = ci(f, c["id"]);
        CHECK(c["ave"].get<double>() == f.ave[j]);
        CHECK(c["rho_c"].get<double>() == f.rho_c[j]);
        CHECK(c["rho_a"].get<double>() == f.rho_a[j]);
        CHECK(c["alpha"].get<double>() == f.alpha[j]);
        if (c["endogenous"] == true) {
            CHECK(c["r2"].get<double>() == f.r2[j]);
            CHECK(c["r2_adjusted"].get<double>() == f.r2_adjusted[j]);
        }
    }
    CHECK(r["constructs"][4]["label"] == "Customer satisfaction");

    REQUIRE(r["effects"].size() == 21);
    for (const auto& x : r["effects"]) {
        const int t = ci(f, x["to"]), fr = ci(f, x["from"]);
        CHECK(x["total"].get<double>() == f.total_effects(t, fr));
        CHECK(x["indirect"].get<double>() == f.indirect_effects(t, fr));
        CHECK(x["direct"].get<double>() == f.paths(t, fr));
    }
    REQUIRE(r["htmt"]["constructs"].size() == 7);
    REQUIRE(r["htmt"]["values"].size() == 7);
    const json& h = r["htmt"]["values"][4][2];  // CUSA x PERQ
    CHECK(h.get<double>() == f.htmt(4, 2));
    CHECK(r["fornell_larcker"]["values"][0][0].get<double>() == doctest::Approx(std::sqrt(f.ave[0])));
    CHECK(r["f2"].size() == 12);
    CHECK(r["inner_vif"].size() == 12);
    CHECK(r["f2"][0]["value"].get<double>() == f.f2(ci(f, r["f2"][0]["to"]), ci(f, r["f2"][0]["from"])));
    CHECK(r["fit"]["gof"].get<double>() == f.gof);
    CHECK(r["fit"]["srmr"].get<double>() == f.srmr);
    CHECK(r["diagnostics"]["converged"] == true);
    CHECK(r["diagnostics"]["admissible"] == true);
    CHECK(r["diagnostics"]["warnings"].size() == f.warnings.size());
}

TEST_CASE("report with bootstrap: statistics per estimate and the bootstrap section") {
    const auto& e = ecsi();
    const json r = json::parse(to_json(e.fit, &e.boot, &e.s));
    CHECK(r["settings"]["seed"] == 11);
    CHECK(r["settings"]["resamples"] == 200);
    CHECK(r["settings"]["threads"] == 2);
    const json& b = r["bootstrap"];
    CHECK(b["resamples"] == 200);
    CHECK(b["succeeded"] == 200);
    CHECK(b["failed"] == 0);
    CHECK(b["failed_by_reason"].is_object());
    CHECK(b["df"] == 249);
    CHECK(b["jackknife"] == 250);

    for (const auto& p : r["paths"]) {
        const auto& q = e.boot.get(parameter_kind::path, p["from"].get<std::string>(), p["to"].get<std::string>());
        CHECK(p["se"].get<double>() == q.se);
        CHECK(p["t"].get<double>() == q.t);
        CHECK(p["p"].get<double>() == q.p);
        CHECK(p["ci_low"].get<double>() == q.ci_low);
        CHECK(p["ci_high"].get<double>() == q.ci_high);
        CHECK(p["bca_low"].get<double>() == q.bca_low);
        CHECK(p["bca_high"].get<double>() == q.bca_high);
    }
    const json& cusco = r["indicators"][20];  // the single-item block: SE 0, t and p undefined
    CHECK(cusco["id"] == "CUSCO");
    CHECK(cusco["weight_t"].is_null());
    CHECK(cusco["weight_p"].is_null());
    const json& imag1 = r["indicators"][0];
    CHECK(imag1["loading_se"].get<double>() == e.boot.get(parameter_kind::loading, "IMAG1").se);
    CHECK(imag1["weight_ci_low"].get<double>() == e.boot.get(parameter_kind::weight, "IMAG1").ci_low);
    const json& cusa = r["constructs"][4];
    CHECK(cusa["r2_se"].get<double>() == e.boot.get(parameter_kind::r2, "CUSA").se);
    CHECK_FALSE(r["constructs"][0].contains("r2_se"));  // exogenous: nothing bootstrapped
    for (const auto& x : r["effects"])
        CHECK(x["total_se"].get<double>() ==
              e.boot.get(parameter_kind::total_effect, x["from"].get<std::string>(), x["to"].get<std::string>()).se);
}

TEST_CASE("report of a fast fit without quality criteria and without a survey") {
    const auto& e = ecsi();
    pls_options o;
    o.quality = false;
    o.scheme = inner_scheme::centroid;
    o.missing = missing_treatment::mean_replacement;
    const pls_fit f = estimate(e.model, e.data, o);
    const std::string text = to_json(f, nullptr, nullptr, -1);
    CHECK(text.find('\n') == std::string::npos);  // indent < 0: one line
    const json r = json::parse(text);
    CHECK(r["settings"]["scheme"] == "centroid");
    CHECK(r["settings"]["missing"] == "mean");
    CHECK(r["constructs"][0]["label"].is_null());
    CHECK(r["htmt"].is_null());
    CHECK(r["f2"].is_null());
    CHECK(r["fit"]["gof"].is_null());
    CHECK(r["paths"].size() == 12);
    CHECK(r["indicators"][3]["weight"].get<double>() == f.weights[3]);
    CHECK(std::string(scheme_name(inner_scheme::factorial)) == "factorial");
    CHECK(std::string(missing_name(missing_treatment::pairwise)) == "pairwise");
}
