// The index-model analysis: a preset bound in the schema gives the same estimates as the
// hand-written ECSI schema, analyze_indices() (indices with intervals, impacts, IPA, IPMA,
// refused negative weights, groups and wave changes), bootstrapped indices and report.json.
#include <csikit/bootstrap.hpp>
#include <csikit/presets.hpp>
#include <csikit/report.hpp>
#include <csikit/simulate.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

using namespace csikit;
using nlohmann::json;

namespace {

const std::string shared = CSIKIT_SHARED_DATA;

std::string read_file(const std::string& path) {
    std::ifstream f(path);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

/// The shared ECSI schema rewritten with the preset form: the mobi items bound to the ecsi
/// preset's constructs (IMAG, EXPE <- CUEX, QUAL <- PERQ, VAL <- PERV, SAT <- CUSA,
/// COMP <- CUSCO, LOY <- CUSL), no explicit constructs or paths.
std::string ecsi_preset_schema() {
    json j = json::parse(read_file(shared + "/ecsi/schema.json"));
    const std::map<std::string, std::string> rename{{"IMAG", "IMAG"}, {"CUEX", "EXPE"}, {"PERQ", "QUAL"},
                                                    {"PERV", "VAL"},  {"CUSA", "SAT"},  {"CUSCO", "COMP"},
                                                    {"CUSL", "LOY"}};
    json bind = json::object();
    for (const auto& c : j["constructs"]) bind[rename.at(c["id"].get<std::string>())] = c["items"];
    j.erase("constructs");
    j.erase("paths");
    j["model"] = {{"preset", "ecsi"}, {"constructs", bind}};
    return j.dump(1);
}

struct ecsi_fixture {
    survey plain, bound;
    responses data;
    pls_fit plain_fit, bound_fit;
};

const ecsi_fixture& ecsi() {
    static const ecsi_fixture f = [] {
        ecsi_fixture e;
        e.plain = load_survey(shared + "/ecsi/schema.json");
        e.bound = parse_survey(ecsi_preset_schema(), "ecsi_preset.json");
        e.data = read_responses(shared + "/ecsi/mobi.csv", e.plain);
        e.plain_fit = estimate(pls_model::from_survey(e.plain), e.data);
        e.bound_fit = estimate(pls_model::from_survey(e.bound), e.data);
        return e;
    }();
    return f;
}

}  // namespace

TEST_CASE("an ECSI schema in the preset form estimates exactly like the explicit one") {
    const auto& e = ecsi();
    REQUIRE(e.bound.model);
    CHECK(e.bound.constructs.size() == 7);
    CHECK(e.bound.paths.size() == 12);
    CHECK(e.bound.find_construct("SAT")->label.get("zh") == "顾客满意度");
    const std::vector<std::string> ids{"IMAG", "EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY"};
    CHECK(e.bound_fit.constructs == ids);
    CHECK(e.bound_fit.indicators == e.plain_fit.indicators);
    CHECK((e.bound_fit.weights - e.plain_fit.weights).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((e.bound_fit.loadings - e.plain_fit.loadings).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((e.bound_fit.paths - e.plain_fit.paths).cwiseAbs().maxCoeff() < 1e-12);
    CHECK((e.bound_fit.r2 - e.plain_fit.r2).cwiseAbs().maxCoeff() < 1e-12);
    // cSEM's path coefficient PERQ -> CUSA (docs/pls.md): the preset names it QUAL -> SAT.
    CHECK(e.bound_fit.paths(4, 2) == doctest::Approx(e.plain_fit.paths(e.plain_fit.construct_index("CUSA"),
                                                                       e.plain_fit.construct_index("PERQ"))));
}

TEST_CASE("analyze_indices on ECSI: the cSEM IPMA performances, impacts and the IPA of the target") {
    const auto& e = ecsi();
    const pls_model model = pls_model::from_survey(e.bound);
    const index_analysis a = analyze_indices(model, e.bound_fit, e.bound, e.data);
    CHECK(a.preset == "ecsi");
    CHECK(a.target == "SAT");  // from the preset: no option needed
    CHECK(a.target_source == "preset");
    REQUIRE(a.overall.estimated);
    CHECK(a.overall.refused.empty());
    CHECK(a.overall.used == 250);
    const std::map<std::string, double> want{{"IMAG", 73.53}, {"EXPE", 72.47}, {"QUAL", 74.98}, {"VAL", 62.35},
                                             {"SAT", 72.45},  {"COMP", 67.42}, {"LOY", 70.91}};
    for (const auto& c : a.overall.indices.constructs) {
        INFO(c.construct);
        CHECK(std::abs(c.index - want.at(c.construct)) < 0.005);
        // No missing answers: the mean of the respondent scores is the index, inside its interval.
        CHECK(c.overall.mean == doctest::Approx(c.index).epsilon(1e-12));
        CHECK(c.overall.ci_low < c.index);
        CHECK(c.index < c.overall.ci_high);
        CHECK(c.overall.n == 250);
    }
    // Impact = 5 x the unstandardised total effect; IPA over the four drivers of SAT.
    REQUIRE(a.overall.ipma);
    REQUIRE(a.overall.ipa);
    const auto& pts = a.overall.ipa->points;
    REQUIRE(pts.size() == 4);
    const int sat = e.bound_fit.construct_index("SAT");
    for (const auto& p : pts) {
        const int j = e.bound_fit.construct_index(p.id);
        CHECK(p.importance == doctest::Approx(a.overall.indices.effects(sat, j)));
        CHECK(a.overall.indices.impacts(sat, j) == doctest::Approx(5 * p.importance));
        CHECK(p.performance == doctest::Approx(a.overall.indices.at(p.id).index));
    }
    CHECK(a.overall.ipa->at("QUAL").where == quadrant::keep_up);
    CHECK(a.overall.ipa->at("VAL").where == quadrant::low_priority);
    CHECK(a.overall.ipa->importance_cut ==
          doctest::Approx((pts[0].importance + pts[1].importance + pts[2].importance + pts[3].importance) / 4));
    REQUIRE(a.overall.ipa_indicators);
    CHECK(a.overall.ipa_indicators->points.size() == 17);  // IMAG 5 + CUEX 3 + PERQ 7 + PERV 2

    // An explicit target wins over the preset's; an unknown one lists the constructs.
    index_analysis_options o;
    o.target = "LOY";
    const index_analysis b = analyze_indices(model, e.bound_fit, e.bound, e.data, o);
    CHECK(b.target_source == "option");
    CHECK(b.overall.ipa->points.size() == 6);
    o.target = "CUSA";
    CHECK_THROWS_WITH_AS(analyze_indices(model, e.bound_fit, e.bound, e.data, o),
                         "target: unknown construct \"CUSA\" (expected one of IMAG, EXPE, QUAL, VAL, SAT, COMP, LOY)",
                         argument_error);

    // No preset and no target: indices, but the IPA is skipped with a note.
    const index_analysis c = analyze_indices(pls_model::from_survey(e.plain), e.plain_fit, e.plain, e.data);
    CHECK(c.target.empty());
    CHECK(!c.overall.ipa);
    REQUIRE(!c.overall.notes.empty());
    CHECK(c.overall.notes.back().find("IPA skipped: no target construct") == 0);
    CHECK(std::abs(c.overall.indices.at("CUSA").index - 72.45) < 0.005);
}

TEST_CASE("the bootstrap carries each construct's index; report.json has the index sections") {
    const auto& e = ecsi();
    const pls_model model = pls_model::from_survey(e.plain);
    bootstrap_options bo;
    bo.resamples = 200;
    bo.seed = 5;
    bo.threads = 2;
    bo.index_survey = &e.plain;
    const bootstrap_result boot = bootstrap(model, e.data, e.plain_fit, bo);
    REQUIRE(boot.indices.size() == 7);
    const bootstrap_result plain_boot = [&] {
        bootstrap_options p = bo;
        p.index_survey = nullptr;
        return bootstrap(model, e.data, e.plain_fit, p);
    }();
    // Additive: the other parameters are unchanged, bit for bit.
    REQUIRE(plain_boot.parameters.size() == boot.parameters.size());
    CHECK(plain_boot.indices.empty());
    for (std::size_t k = 0; k < boot.parameters.size(); ++k) CHECK(boot.parameters[k].se == plain_boot.parameters[k].se);

    index_analysis_options o;
    o.target = "CUSA";
    const index_analysis a = analyze_indices(model, e.plain_fit, e.plain, e.data, o);
    for (const auto& q : boot.indices) {
        INFO(q.label);
        CHECK(q.kind == parameter_kind::index);
        const auto& c = a.overall.indices.at(q.label);
        CHECK(q.estimate == doctest::Approx(c.index).epsilon(1e-10));
        CHECK(q.ci_low < q.estimate);
        CHECK(q.estimate < q.ci_high);
        // The bootstrap SE (weights re-estimated) is close to the t-interval's SE (weights fixed).
        CHECK(q.se > 0.5 * c.overall.se);
        CHECK(q.se < 2.0 * c.overall.se);
    }
    CHECK(&boot.get(parameter_kind::index, "CUSA") == &boot.indices[4]);

    const json r = json::parse(to_json(e.plain_fit, &boot, &e.plain, a));
    const json& cusa = r["constructs"][4];
    CHECK(cusa["id"] == "CUSA");
    CHECK(cusa["index"].get<double>() == a.overall.indices.at("CUSA").index);
    CHECK(cusa["index_ci_low"].get<double>() == a.overall.indices.at("CUSA").overall.ci_low);
    CHECK(cusa["index_boot_ci_low"].get<double>() == boot.indices[4].ci_low);
    CHECK(cusa["index_boot_se"].get<double>() == boot.indices[4].se);
    CHECK(cusa["index_refused"] == false);
    CHECK(r["index_model"]["target"] == "CUSA");
    CHECK(r["index_model"]["target_source"] == "option");
    CHECK(r["index_model"]["ipa_crosshair"]["rule"] == "data_mean");
    REQUIRE(r["ipa"].size() == 4);
    for (const auto& p : r["ipa"]) {
        CHECK(p["quadrant_zh"].is_string());
        CHECK(p["gap"].get<double>() == doctest::Approx(p["importance"].get<double>() - p["performance"].get<double>()));
    }
    CHECK(r["ipma_indicators"].size() == 17);
    double sum = 0;
    for (const auto& i : r["indicators"])
        if (i["construct"] == "PERQ") sum += i["index_weight"].get<double>();
    CHECK(sum == doctest::Approx(1.0));
    bool found = false;
    for (const auto& m : r["impacts"])
        if (m["driver"] == "PERQ" && m["target"] == "CUSA") {
            found = true;
            CHECK(m["impact"].get<double>() == doctest::Approx(5 * m["total_effect_unstd"].get<double>()));
        }
    CHECK(found);
    CHECK(r["groups"].is_null());
    CHECK(r["changes"].empty());
    // The old form has none of it.
    const json old = json::parse(to_json(e.plain_fit, &boot, &e.plain));
    CHECK(!old.contains("ipa"));
    CHECK(!old["constructs"][0].contains("index"));
}

TEST_CASE("negative weights refuse that construct's index with a note; the rest goes on") {
    // Two reflective constructs; X's third item is written reverse-coded (and not declared
    // reverse), so its outer weight turns negative.
    population_model pop;
    pop.model.constructs = {{"X", {}, {"X1", "X2", "X3"}, outer_mode::A, ""}, {"Y", {}, {"Y1", "Y2"}, outer_mode::A, ""}};
    pop.model.paths = {{"X", "Y"}};
    pop.path_coefficients = {0.6};
    pop.loadings = {0.9, 0.85, 0.8, 0.85, 0.8};
    simulate_options so;
    so.seed = 9;
    so.scale_points = 7;
    simulated_data sim = simulate(pop, 400, so);
    sim.values.col(2) = (8.0 - sim.values.col(2).array()).matrix();
    survey s;
    s.name = "negative";
    s.scales = {{"seven", 1, 7, {}, {}, {}}};
    for (const auto& id : sim.item_ids) s.items.push_back({id, {}, "seven", false, ""});
    s.constructs = pop.model.constructs;
    s.paths = pop.model.paths;
    const responses data = make_responses(s, sim.item_ids, sim.values);
    const pls_model model = pls_model::from_survey(s);
    const pls_fit fit = estimate(model, data);
    REQUIRE((fit.weights.head(3).array() < 0).any());

    index_analysis_options o;
    o.target = "Y";
    const index_analysis a = analyze_indices(model, fit, s, data, o);
    REQUIRE(a.overall.estimated);
    CHECK(a.overall.refused == std::vector<std::string>{"X"});
    CHECK(std::isnan(a.overall.indices.at("X").index));
    CHECK(a.overall.indices.at("Y").index > 0);
    CHECK(a.overall.indices.at("Y").index < 100);
    REQUIRE(a.overall.notes.size() >= 2);
    CHECK(a.overall.notes[0].find("index of X refused: item \"X") == 0);
    CHECK(a.overall.notes[0].find("\": outer weight -") != std::string::npos);
    CHECK(a.overall.notes[0].find("is negative (expected >= 0: a 0-100 index needs non-negative weights)") !=
          std::string::npos);
    CHECK(!a.overall.ipa);  // X was the only driver
    const json r = json::parse(to_json(fit, nullptr, &s, a));
    CHECK(r["constructs"][0]["index"].is_null());
    CHECK(r["constructs"][0]["index_refused"] == true);
    CHECK(r["constructs"][1]["index"].is_number());
    CHECK(r["index_model"]["refused"][0] == "X");
}

TEST_CASE("groups: the bank example by wave, with Welch tests of the wave-over-wave change") {
    const std::string dir = std::string(CSIKIT_SOURCE_DIR) + "/examples/bank_branch/";
    const survey s = load_survey(dir + "schema.json");
    const responses data = read_responses(dir + "responses.csv", s);
    const pls_model model = pls_model::from_survey(s);
    const pls_fit fit = estimate(model, data);
    index_analysis_options o;
    o.target = "SAT";
    o.by = "wave";
    const index_analysis a = analyze_indices(model, fit, s, data, o);
    CHECK(a.by_wave);
    REQUIRE(a.groups.size() == 2);
    CHECK(a.groups[0].value == "2025H1");
    CHECK(a.groups[1].value == "2025H2");
    REQUIRE(a.changes.size() == 8);
    for (const auto& g : a.groups) {
        REQUIRE(g.part.estimated);
        CHECK(g.part.respondents == 300);
        REQUIRE(g.part.ipa);
        CHECK(g.part.ipa->points.size() == 6);
        for (const auto& c : g.part.indices.constructs) {
            CHECK(c.index > 0);
            CHECK(c.index < 100);
        }
    }
    for (const auto& c : a.changes) {
        INFO(c.construct);
        const double from = a.groups[0].part.indices.at(c.construct).overall.mean;
        const double to = a.groups[1].part.indices.at(c.construct).overall.mean;
        CHECK(c.test.difference == doctest::Approx(to - from));
        CHECK(c.test.ci.lower < c.test.difference);
        CHECK(c.test.p_value > 0);
        CHECK(c.test.p_value < 1);
        // Welch's t from the two summaries: (to - from) / sqrt(se_to^2 + se_from^2).
        const double se = std::hypot(a.groups[0].part.indices.at(c.construct).overall.se,
                                     a.groups[1].part.indices.at(c.construct).overall.se);
        CHECK(c.test.statistic == doctest::Approx((to - from) / se).epsilon(1e-6));
    }
    // A segment works too (no changes); an undeclared column lists the allowed ones.
    o.by = "channel";
    const index_analysis b = analyze_indices(model, fit, s, data, o);
    CHECK(!b.by_wave);
    CHECK(b.groups.size() >= 2);
    CHECK(b.changes.empty());
    o.by = "region";
    CHECK_THROWS_WITH_AS(analyze_indices(model, fit, s, data, o),
                         "by: unknown column \"region\" (expected one of wave (wave), age_band, channel)",
                         argument_error);
}
