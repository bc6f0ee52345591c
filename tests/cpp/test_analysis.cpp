// The index-model analysis: a preset bound in the schema gives the same estimates as the
// hand-written ECSI schema, analyze_indices() (indices with intervals, impacts, IPA, IPMA,
// refused negative weights, groups and wave changes), bootstrapped indices and report.json.
#include <csikit/bootstrap.hpp>
#include <csikit/html_report.hpp>
#include <csikit/presets.hpp>
#include <csikit/report.hpp>
#include <csikit/simulate.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "support/bank.hpp"
#include "support/ecsi.hpp"
#include "support/files.hpp"

using namespace csikit;
using nlohmann::json;

namespace {

using test_support::shared_path;
using test_support::slurp;

/// The shared ECSI schema rewritten with the preset form: the mobi items bound to the ecsi
/// preset's constructs (IMAG, EXPE <- CUEX, QUAL <- PERQ, VAL <- PERV, SAT <- CUSA,
/// COMP <- CUSCO, LOY <- CUSL), no explicit constructs or paths.
std::string ecsi_preset_schema() {
    json j = json::parse(slurp(shared_path("ecsi/schema.json")));
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
        e.plain = test_support::ecsi_survey();
        e.bound = parse_survey(ecsi_preset_schema(), "ecsi_preset.json");
        e.data = test_support::ecsi_responses();
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
        // No raw gap across units (issue 14): the unit-free priority and its rank instead.
        CHECK_FALSE(p.contains("gap"));
        CHECK(p["priority"].is_number());
        CHECK(p["rank"].get<int>() >= 1);
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
    const survey& s = test_support::bank_survey();
    const responses data = test_support::bank_responses();
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

// ---- run_analysis(): the one pipeline behind csikit analyze and csikit report ---------------

namespace {

struct bank_fixture {
    survey s;
    responses data;
};

const bank_fixture& bank() {
    static const bank_fixture b = [] {
        bank_fixture f;
        f.s = test_support::bank_survey();
        f.data = test_support::bank_responses();
        return f;
    }();
    return b;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
    return n;
}

}  // namespace

TEST_CASE("select_target: --target, else the preset, else the construct of overall_item, else none") {
    const auto& e = ecsi();
    const auto& b = bank();
    const pls_fit bank_fit = estimate(pls_model::from_survey(b.s), b.data);
    // Explicit wins over everything, and is checked.
    CHECK(select_target(b.s, bank_fit, "LOY") == std::pair<std::string, std::string>{"LOY", "option"});
    CHECK(select_target(e.bound, e.bound_fit, "COMP") == std::pair<std::string, std::string>{"COMP", "option"});
    CHECK_THROWS_WITH_AS(select_target(b.s, bank_fit, "SATT"),
                         "target: unknown construct \"SATT\" (expected one of ENV, LOB, TEL, EFF, FEE, SSV, SAT, LOY)",
                         argument_error);
    // The preset's satisfaction construct.
    CHECK(select_target(e.bound, e.bound_fit) == std::pair<std::string, std::string>{"SAT", "preset"});
    // The bank schema binds no preset; its overall_item SAT1 is an item of SAT.
    REQUIRE(b.s.overall_item == "SAT1");
    CHECK(select_target(b.s, bank_fit) == std::pair<std::string, std::string>{"SAT", "overall_item"});
    // Neither (the ECSI schema as written): no target, and no guessing from the path structure.
    CHECK(select_target(e.plain, e.plain_fit) == std::pair<std::string, std::string>{"", ""});
    survey no_overall = b.s;
    no_overall.overall_item.clear();
    CHECK(select_target(no_overall, bank_fit) == std::pair<std::string, std::string>{"", ""});
    // analyze_indices follows the same rule.
    const index_analysis a = analyze_indices(pls_model::from_survey(b.s), bank_fit, b.s, b.data);
    CHECK(a.target == "SAT");
    CHECK(a.target_source == "overall_item");
    REQUIRE(a.overall.ipa);
    CHECK(a.overall.ipa->points.size() == 6);
}

TEST_CASE("run_analysis on the bank example: listwise loses half the sample and says so; mean keeps it") {
    const auto& b = bank();
    const analysis_report r = run_analysis(b.s, b.data);  // the library default: listwise, as plspm
    REQUIRE(r.fit);
    CHECK(r.fit->options.missing == missing_treatment::listwise);
    CHECK(r.fit->data.respondents_total == 600);
    CHECK(r.fit->data.respondents_used == 285);
    CHECK(!r.boot);
    CHECK(!r.scores);
    CHECK(r.segments.empty());
    const std::string warning = missing_data_warning(*r.fit);
    CHECK(warning.find("315 of 600 respondents (52.5%) were left out of the model because of missing answers") == 0);
    CHECK(warning.find("consider --missing mean") != std::string::npos);
    CHECK(r.notes == std::vector<std::string>{warning});
    CHECK(r.analysis.target == "SAT");
    CHECK(r.analysis.target_source == "overall_item");

    // One document: run_analysis' report.json is the fit/analysis document the C ABI writes.
    const std::string text = to_json(r);
    const index_analysis a = analyze_indices(pls_model::from_survey(b.s), *r.fit, b.s, b.data);
    // ... plus "survey_ipa" (the bank schema names an overall_item, so a derived-importance IPA
    // is possible), which belongs to the run, not to the fit.
    json without = json::parse(text);
    REQUIRE(r.ipa);
    CHECK(without["survey_ipa"]["importance"] == "relative_weights");
    without.erase("survey_ipa");
    CHECK(without == json::parse(to_json(*r.fit, nullptr, &b.s, a)));
    const json j = json::parse(text);
    CHECK(j["sample"]["missing"] == 315);
    CHECK(j["sample"]["missing_share"].get<double>() == doctest::Approx(0.525));
    CHECK(j["sample"]["warning"] == warning);
    CHECK(j["notes"] == json::array({warning}));
    CHECK(j["scores"].is_null());
    CHECK(j["index_model"]["target"] == "SAT");
    CHECK(j["index_model"]["target_source"] == "overall_item");
    CHECK(j["ipa"].size() == 6);
    REQUIRE(j["indices"].size() == 8);
    for (std::size_t k = 0; k < 8; ++k) {
        CHECK(j["indices"][k]["construct"] == j["constructs"][k]["id"]);
        CHECK(j["indices"][k]["index"] == j["constructs"][k]["index"]);
        CHECK(j["indices"][k]["mean"] == j["constructs"][k]["index_mean"]);
        CHECK(j["indices"][k]["n"] == 285);
    }
    // The page says it too, before anything else.
    const std::string html = to_html(r, {.language = "en"});
    const auto warn_at = html.find("id=\"missing-warning\"");
    REQUIRE(warn_at != std::string::npos);
    CHECK(warn_at < html.find("id=\"sec-sample\""));
    CHECK(html.find("315 of 600 (52.5%) respondents were left out of the path model") != std::string::npos);
    CHECK(html.find("Consider --missing mean") != std::string::npos);
    CHECK(to_html(r, {.language = "zh"}).find("建议改用 --missing mean") != std::string::npos);

    // Mean replacement keeps everyone with an answer: no warning anywhere.
    analysis_options mean;
    mean.pls.missing = missing_treatment::mean_replacement;
    const analysis_report m = run_analysis(b.s, b.data, mean);
    CHECK(m.fit->data.respondents_used == 600);
    CHECK(m.fit->data.answers_imputed > 0);
    CHECK(m.notes.empty());
    CHECK(missing_data_warning(*m.fit).empty());
    const json mj = json::parse(to_json(m));
    CHECK(mj["settings"]["missing"] == "mean");
    CHECK(mj["sample"]["warning"].is_null());
    CHECK(mj["notes"].empty());
    CHECK(to_html(m, {.language = "en"}).find("id=\"missing-warning\"") == std::string::npos);
}

TEST_CASE("missing_data_warning: more than 20% left out, not 20% exactly") {
    const auto& b = bank();
    const pls_fit full = estimate(pls_model::from_survey(b.s), b.data);
    std::vector<Eigen::Index> complete, incomplete;
    for (Eigen::Index i = 0; i < b.data.values.rows(); ++i) {
        bool all = true;
        for (const auto& id : full.indicators) all = all && !std::isnan(b.data.values(i, b.data.column(id)));
        (all ? complete : incomplete).push_back(i);
    }
    REQUIRE(complete.size() == 285);
    auto left_out = [&](std::size_t k) {  // 80 complete respondents and k incomplete ones
        std::vector<Eigen::Index> rows(complete.begin(), complete.begin() + 80);
        rows.insert(rows.end(), incomplete.begin(), incomplete.begin() + static_cast<std::ptrdiff_t>(k));
        return estimate(pls_model::from_survey(b.s), b.data.subset(rows));
    };
    const pls_fit at_limit = left_out(20);  // 20 of 100 = 20%
    CHECK(at_limit.data.respondents_used == 80);
    CHECK(missing_data_warning(at_limit).empty());
    const pls_fit above = left_out(21);     // 21 of 101 > 20%
    CHECK(missing_data_warning(above).find("21 of 101 respondents (20.8%)") == 0);
}

TEST_CASE("run_analysis with scores, segments, a bootstrap and --by: everything in both documents") {
    const auto& b = bank();
    analysis_options o;
    o.pls.missing = missing_treatment::mean_replacement;
    o.scores = true;
    o.resamples = 40;
    o.bootstrap.seed = 3;
    o.bootstrap.threads = 1;
    o.bootstrap.bca = false;
    o.index.by = "wave";
    std::size_t calls = 0;
    o.bootstrap.progress = [&calls](std::size_t, std::size_t) {
        ++calls;
        return true;
    };
    const analysis_report r = run_analysis(b.s, b.data, o);
    CHECK(calls >= 2);  // the progress callback reaches the bootstrap
    REQUIRE(r.scores);
    REQUIRE(r.boot);
    CHECK(r.boot->resamples == 40);
    CHECK(r.boot->indices.size() == 8);  // the indices are bootstrapped too
    CHECK(r.segments.size() == b.s.segment_columns.size());
    REQUIRE(r.analysis.groups.size() == 2);
    CHECK(r.analysis.changes.size() == 8);

    const json j = json::parse(to_json(r));
    CHECK(j["scores"] == json::parse(to_json(score(b.s, b.data))));  // the csikit score document
    CHECK(j["bootstrap"]["resamples"] == 40);
    CHECK(j["constructs"][6]["index_boot_se"].get<double>() > 0);
    CHECK(j["groups"]["column"] == "wave");
    CHECK(j["changes"].size() == 8);

    const std::string html = to_html(r, {.language = "en"});
    for (const char* id : {"sec-summary", "sec-sample", "sec-index", "sec-items", "sec-waves", "sec-segments", "sec-model",
                           "sec-quality", "sec-indices", "sec-ipa", "sec-settings"})
        CHECK_MESSAGE(html.find("id=\"" + std::string(id) + "\"") != std::string::npos, id);
    // The maps of the target overall and per wave, construct and item level.
    CHECK(html.find("Drivers of SAT (constructs)") != std::string::npos);
    CHECK(html.find("Drivers of SAT (items)") != std::string::npos);
    CHECK(html.find("Drivers of SAT (constructs, wave = 2025H1)") != std::string::npos);
    CHECK(html.find("Drivers of SAT (items, wave = 2025H2)") != std::string::npos);
    // Six IPMA maps plus the survey IPA (derived importance against SAT1, issue 14).
    CHECK(occurrences(html, "class=\"chart ipa\"") == 7);
    CHECK(html.find("SAT (overall_item)") != std::string::npos);  // the settings say where the target came from
    CHECK(to_html(r, {.language = "zh"}).find("SAT的驱动因素（潜变量层面）") != std::string::npos);
    CHECK(to_html(r, {.language = "en"}) == html);  // deterministic
}

TEST_CASE("run_analysis without a path model: scores only when asked, else a clear error") {
    const auto& b = bank();
    survey plain = b.s;
    plain.constructs.clear();
    plain.paths.clear();
    // With an overall_item the schema allows an IPA (issue 14): the run gives it instead of failing.
    const analysis_report only_ipa = run_analysis(plain, b.data);
    REQUIRE(only_ipa.ipa);
    CHECK(only_ipa.notes.back().find("no path model") == 0);
    plain.overall_item.clear();
    CHECK_THROWS_AS(run_analysis(plain, b.data), argument_error);
    analysis_options o;
    o.scores = true;
    const analysis_report r = run_analysis(plain, b.data, o);
    CHECK(!r.fit);
    REQUIRE(r.scores);
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("no path model") == 0);
    const json j = json::parse(to_json(r));
    CHECK(j.size() == 3);  // no overall_item here: no survey_ipa
    CHECK(j["csikit_version"] == version());
    CHECK(j["notes"][0] == r.notes[0]);
    CHECK(j["scores"]["overall"].is_object());
    const std::string html = to_html(r, {.language = "en"});
    CHECK(html.find("id=\"sec-items\"") != std::string::npos);
    CHECK(html.find("id=\"sec-model\"") == std::string::npos);
    CHECK(html.find("id=\"sec-ipa\"") == std::string::npos);
}

TEST_CASE("run_analysis from a moment state: the in-memory figures of simulated data, and refusals") {
    // A simulated population (path 0.5, loadings 0.8-0.9) in three batches of one state.
    population_model pop;
    pop.model.constructs = {{"X", {}, {"X1", "X2", "X3"}, outer_mode::A, ""}, {"Y", {}, {"Y1", "Y2", "Y3"}, outer_mode::A, ""}};
    pop.model.paths = {{"X", "Y"}};
    pop.path_coefficients = {0.5};
    pop.loadings = {0.9, 0.85, 0.8, 0.9, 0.85, 0.8};
    simulate_options so;
    so.seed = 21;
    so.scale_points = 7;
    const simulated_data sim = simulate(pop, 3000, so);
    survey s;
    s.name = "state";
    s.scales = {{"seven", 1, 7, {}, {}, {}}};
    for (const auto& id : sim.item_ids) s.items.push_back({id, {}, "seven", false, ""});
    s.constructs = pop.model.constructs;
    s.paths = pop.model.paths;
    const responses data = make_responses(s, sim.item_ids, sim.values);
    const pls_model model = pls_model::from_survey(s);
    moment_accumulator state(s, model.indicators());
    std::vector<Eigen::Index> part[3];
    for (Eigen::Index i = 0; i < data.values.rows(); ++i) part[i % 3].push_back(i);
    for (const auto& p : part) state.add(data.subset(p));

    analysis_options o;
    o.index.target = "Y";
    const analysis_report mem = run_analysis(s, data, o);
    const analysis_report st = run_analysis(s, state, o);
    REQUIRE(st.fit);
    CHECK(st.fit->paths(1, 0) == doctest::Approx(mem.fit->paths(1, 0)).epsilon(1e-12));
    CHECK(st.fit->paths(1, 0) > 0.4);  // the population's effect is there (its recovery: test_simulate)
    for (std::size_t j = 0; j < 2; ++j) {
        const construct_index& a = st.analysis.overall.indices.constructs[j];
        const construct_index& b = mem.analysis.overall.indices.constructs[j];
        CHECK(a.index == doctest::Approx(b.index).epsilon(1e-12));
        CHECK(a.overall.ci_low == doctest::Approx(b.overall.ci_low).epsilon(1e-10));
        CHECK(a.overall.ci_high == doctest::Approx(b.overall.ci_high).epsilon(1e-10));
        CHECK(a.overall.n == b.overall.n);
    }
    REQUIRE(st.analysis.overall.ipma);
    CHECK(st.analysis.overall.ipma->constructs.size() == mem.analysis.overall.ipma->constructs.size());
    CHECK(st.notes.back().find("estimated from a moment state of 3000 respondents") == 0);
    const json doc = json::parse(to_json(st));
    CHECK(doc["indices"][1]["ci_low"].is_number());

    auto refused_field = [&](const analysis_options& bad) {
        try {
            (void)run_analysis(s, state, bad);
        } catch (const argument_error& e) {
            return e.problems().front().where.field;
        }
        return std::string("(nothing thrown)");
    };
    analysis_options boot = o;
    boot.resamples = 100;
    CHECK(refused_field(boot) == "bootstrap");
    analysis_options scores = o;
    scores.scores = true;
    CHECK(refused_field(scores) == "scores");
    analysis_options by = o;
    by.index.by = "segment";
    CHECK(refused_field(by) == "by");
    survey other = s;
    other.scales[0].max = 5;  // another definition of the items
    CHECK_THROWS_AS((void)run_analysis(other, state, o), data_error);
}
