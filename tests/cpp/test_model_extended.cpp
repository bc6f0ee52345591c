// Model syntax, higher-order constructs and interaction terms: the parser's errors (line and
// column), and the estimates against seminr 2.3.4 on ECSI mobi (../shared/data/ecsi/reference,
// each file's .txt gives the call; compared with its converged estimate_stop12 column).
#include <csikit/analysis.hpp>
#include <csikit/model_expand.hpp>
#include <csikit/model_syntax.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "support/ecsi.hpp"
#include "support/files.hpp"
#include "test_pls_util.hpp"

using namespace csikit;
using pls_test::error_text;
using pls_test::max_diff;
using pls_test::read_table;
using pls_test::shared;

namespace {

const char* ecsi_syntax = R"(# ECSI (Tenenhaus et al. 2005)
IMAG  =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5
CUEX  =~ CUEX1 + CUEX2 + CUEX3
PERQ  =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 +
         PERQ5 + PERQ6 + PERQ7
PERV  =~ PERV1 + PERV2; CUSA =~ CUSA1 + CUSA2 + CUSA3
CUSCO =~ CUSCO
CUSL  =~ CUSL1 + CUSL2 + CUSL3
CUEX  ~ IMAG
PERQ  ~ CUEX
PERV  ~ CUEX + PERQ
CUSA  ~ IMAG + CUEX + PERQ + PERV
CUSCO ~ CUSA
CUSL  ~ IMAG + CUSA \
        + CUSCO
)";

/// ECSI without PERQ's measurement and CUSL's equation, the fixture the CLI and Python model
/// tests share (tests/data/model/ecsi_core.model).
std::string ecsi_core() {
    static const std::string text = test_support::slurp(test_support::source_path("tests/data/model/ecsi_core.model"));
    return text;
}

constexpr const char* perq_second_order =
    "PERQ_T =~ PERQ1 + PERQ2 + PERQ4 + PERQ6\nPERQ_S =~ PERQ3 + PERQ5 + PERQ7\nPERQ =~ PERQ_T + PERQ_S\n";
constexpr const char* perq_first_order = "PERQ =~ PERQ1 + PERQ2 + PERQ3 + PERQ4 + PERQ5 + PERQ6 + PERQ7\n";

const char* hoc_syntax(const char* approach) {
    static std::string s;
    s = std::string("@higher_order ") + approach + "\n" + ecsi_core() + perq_second_order + "CUSL ~ IMAG + CUSA + CUSCO\n";
    return s.c_str();
}

std::string moderation_syntax(const char* approach, const char* term = "PERV:IMAG") {
    return std::string("@interaction ") + approach + "\n" + ecsi_core() + perq_first_order +
           "CUSL ~ IMAG + CUSA + CUSCO + PERV + " + term + "\n";
}

pls_options tight() {
    pls_options o;
    o.tolerance = 1e-12;
    o.missing = missing_treatment::mean_replacement;
    return o;
}

pls_model model_of(const std::string& text) {
    return pls_model::from_survey(with_model_syntax(test_support::ecsi_survey(), text));
}

/// Looks an indicator up by the reference's name ("PERQ1_ri" is our "PERQ1@PERQ",
/// "PERV*IMAG_intxn" our "PERV*IMAG").
int indicator(const pls_fit& f, std::string id, const std::string& construct) {
    if (id.size() > 3 && id.substr(id.size() - 3) == "_ri") id = id.substr(0, id.size() - 3) + "@" + construct;
    if (id.size() > 6 && id.substr(id.size() - 6) == "_intxn") id = id.substr(0, id.size() - 6);
    const int h = f.indicator_index(id);
    if (h >= 0 && f.block[static_cast<std::size_t>(h)] == f.construct_index(construct)) return h;
    return -1;
}

/// Compares every row of a reference file that names a figure of `f` (or of stage 1 for
/// stage1_* rows); returns the largest difference and counts the rows compared.
double compare(const extended_fit& ef, const std::string& file, const std::string& column, int& rows) {
    const auto t = read_table(shared("ecsi/reference/" + file));
    max_diff d;
    rows = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        std::string block = t.rows[r][0];
        const std::string from = t.rows[r][1], to = t.rows[r][2];
        const double want = t.at(r, column);
        const pls_fit* f = &ef.fit;
        if (block.rfind("stage1_", 0) == 0) {
            REQUIRE(ef.expanded.stage1);
            f = &*ef.expanded.stage1;
            block = block.substr(7);
        }
        const int jt = f->construct_index(to), jf = f->construct_index(from);
        double got = std::nan("");
        bool have = true;
        if (block == "path") {
            const auto it = std::find_if(ef.interactions.begin(), ef.interactions.end(),
                                         [&](const interaction_effect& x) { return x.id == from && x.dependent == to; });
            if (it != ef.interactions.end() && f == &ef.fit) got = it->path_rescaled;  // seminr's rescaled coefficient
            else got = f->paths(jt, jf);
        } else if (block == "weight" || block == "loading") {
            int h = indicator(*f, from, to);
            if (h < 0 && ef.expanded.stage1 && f == &ef.fit) {  // LOC items in seminr's combined matrices
                f = &*ef.expanded.stage1;
                h = indicator(*f, from, to);
            }
            REQUIRE_MESSAGE(h >= 0, file << ": " << block << " " << from << " -> " << to);
            got = block == "weight" ? f->weights[h] : f->loadings[h];
            // seminr reports an interaction's loadings on its rescaled score: adj * loading.
            for (const auto& x : ef.interactions)
                if (block == "loading" && x.id == to && f == &ef.fit) got *= x.score_sd;
        } else if (block == "r2" || block == "r2adj") {
            got = block == "r2" ? f->r2[jt] : f->r2_adjusted[jt];
        } else if (block.rfind("reliability_", 0) == 0) {
            const pls_fit* g = jt >= 0 ? f : (ef.expanded.stage1 ? &*ef.expanded.stage1 : f);
            const int j = g->construct_index(to);
            REQUIRE_MESSAGE(j >= 0, to);
            const std::string k = block.substr(12);
            got = k == "AVE" ? g->ave[j] : k == "alpha" ? g->alpha[j] : k == "rhoA" ? g->rho_a[j] : g->rho_c[j];
        } else if (block == "interaction_score_sd") {
            got = ef.interactions.at(0).score_sd;
        } else if (block == "simple_slope_PERV") {
            const auto& x = ef.interactions.at(0);
            got = to == "IMAG=-1" ? x.slope_low : to == "IMAG=+0" ? x.slope_mean : x.slope_high;
        } else {
            have = false;  // slope_analysis: predictions on a grid (the slopes above carry them)
        }
        if (!have) continue;
        if (block == "path" || block == "r2" || block == "r2adj") REQUIRE_MESSAGE((jt >= 0), file << ": " << to);
        INFO(file << ": " << t.rows[r][0] << " " << from << " -> " << to << " want " << want << " got " << got);
        CHECK(std::abs(got - want) < 1e-8);
        d.add(got, want);
        ++rows;
    }
    return d.value;
}

}  // namespace

TEST_CASE("model syntax: the ECSI model reads as the schema's own") {
    const survey s = with_model_syntax(test_support::ecsi_survey(), ecsi_syntax);
    const pls_model a = pls_model::from_survey(s), b = pls_test::ecsi_model();
    REQUIRE(a.constructs.size() == b.constructs.size());
    for (std::size_t j = 0; j < a.constructs.size(); ++j) {
        CHECK(a.constructs[j].id == b.constructs[j].id);
        CHECK(a.constructs[j].items == b.constructs[j].items);
    }
    CHECK(a.paths.size() == b.paths.size());
    const pls_fit fa = estimate(a, test_support::ecsi_responses()), fb = estimate(b, test_support::ecsi_responses());
    CHECK((fa.paths - fb.paths).cwiseAbs().maxCoeff() == 0.0);
    // Labels survive from the schema's constructs of the same id.
    CHECK(s.find_construct("CUSA")->label.get("en") == test_support::ecsi_survey().find_construct("CUSA")->label.get("en"));
    // Round trip through the syntax writer.
    const model_syntax m = parse_model_syntax(to_model_syntax(parse_model_syntax(ecsi_syntax)));
    CHECK(m.paths.size() == 12);
}

TEST_CASE("model syntax: modes, interactions, HOCs, directives") {
    const model_syntax m = parse_model_syntax(
        "A =~ a1 + a2\nB <~ b1 + b2\nC =~ c1\nH =~ A + B\nC ~ H + A:C2 + A.B\nC2 =~ d1\n@interaction orthogonal\n");
    REQUIRE(m.constructs.size() == 4);
    CHECK(m.constructs[1].mode == outer_mode::B);
    REQUIRE(m.higher_order.size() == 1);
    CHECK(m.higher_order[0].components == std::vector<std::string>{"A", "B"});
    REQUIRE(m.interactions.size() == 2);
    CHECK(m.interactions[0].id == "A*C2");
    CHECK(m.interactions[1].id == "A*B");
    CHECK(m.interactions[1].approach == interaction_approach::orthogonal);
    CHECK(m.paths[1].from == "A*C2");
}

TEST_CASE("model syntax: errors name line and column") {
    auto msg = [](const char* text) { return error_text([&] { parse_model_syntax(text, "m.txt"); }); };
    CHECK(msg("A =~ a1 +\n\n").find("m.txt:3: column 1: expected a name, got the end of the text") != std::string::npos);
    CHECK(msg("A =~ a1 +\nB ~ A").find("m.txt:2: column 3: expected \"+\" or the end of the statement, got \"~\"") != std::string::npos);
    CHECK(msg("A =~ a1 a2").find("m.txt:1: column 9: expected \"+\"") != std::string::npos);
    CHECK(msg("A = a1").find("column 3: unexpected character \"=\" (expected \"=~\")") != std::string::npos);
    CHECK(msg("A =~ 2*a1").find("column 7: labels and fixed values") != std::string::npos);
    CHECK(msg("A =~ a1\nB =~ b\nB ~ A + X").find("m.txt:3: column 9: unknown construct \"X\"") != std::string::npos);
    CHECK(msg("A =~ a1\nA =~ a2").find("construct \"A\" is defined twice (first at line 1, column 1)") != std::string::npos);
    CHECK(msg("A =~ a1\nH =~ A\nB =~ b\nB ~ H").find("higher-order construct \"H\" has one lower-order construct \"A\"") !=
          std::string::npos);
    CHECK(msg("A =~ a1\nH =~ A + x").find("mixes constructs and the item \"x\"") != std::string::npos);
    CHECK(msg("A =~ a1\nB =~ b\nB ~ A:Z").find("interaction \"A:Z\": unknown construct \"Z\"") != std::string::npos);
    CHECK(msg("@frob x").find("unknown directive @frob") != std::string::npos);
    CHECK(msg("").find("the model is empty") != std::string::npos);
    CHECK(msg("# only a comment\n").find("the model is empty") != std::string::npos);
    // Kinds: text errors are parse errors, meaning errors schema errors.
    CHECK_THROWS_AS(parse_model_syntax("A =~"), parse_error);
    CHECK_THROWS_AS(parse_model_syntax("A =~ a\nB ~ C"), schema_error);
    // Items the survey lacks name the construct.
    const std::string e = error_text([] { with_model_syntax(test_support::ecsi_survey(), "IMAG =~ IMAG1 + NOPE\nCUSA =~ CUSA1\nCUSA ~ IMAG"); });
    CHECK(e.find("construct IMAG: unknown item \"NOPE\"") != std::string::npos);
}

TEST_CASE("schema: \"model\" as a syntax string") {
    std::string text = test_support::slurp(shared("ecsi/schema.json"));
    nlohmann::json j = nlohmann::json::parse(text);
    j.erase("constructs");
    j.erase("paths");
    j["model"] = hoc_syntax("two_stage");
    const survey s = parse_survey(j.dump());
    REQUIRE(s.higher_order.size() == 1);
    CHECK(s.higher_order[0].id == "PERQ");
    // Written back as syntax, read again the same.
    const survey back = parse_survey(to_json_text(s));
    CHECK(back.higher_order.size() == 1);
    CHECK(back.paths.size() == s.paths.size());
    j["model"] = "IMAG =~ IMAG1\nCUSA =~ CUSA1\nCUSA ~ IMAG + NOPE";
    const std::string e = error_text([&] { parse_survey(j.dump(), "s.json"); });
    CHECK(e.find("s.json: model: model syntax line 3, column 15: unknown construct \"NOPE\"") != std::string::npos);
}

TEST_CASE("HOC by repeated indicators matches seminr (respecified) to 1e-8") {
    const pls_model m = model_of(hoc_syntax("repeated_indicators"));
    const extended_fit ef = estimate_extended(m, test_support::ecsi_responses(), tight());
    int rows = 0;
    const double d = compare(ef, "seminr_ecsi_mobi_hoc_perq_2sub_repeatedind.csv", "estimate_stop12", rows);
    CHECK(rows >= 120);
    MESSAGE("repeated indicators: " << rows << " figures, max |diff| " << d);
    REQUIRE(ef.higher_order.size() == 1);
    CHECK(ef.higher_order[0].weights[0] == doctest::Approx(0.935391812170703).epsilon(1e-8));
}

TEST_CASE("HOC by two stages matches seminr to 1e-8, with first- and second-order figures") {
    const pls_model m = model_of(hoc_syntax("two_stage"));
    const extended_fit ef = estimate_extended(m, test_support::ecsi_responses(), tight());
    int rows = 0;
    const double d = compare(ef, "seminr_ecsi_mobi_hoc_perq_2sub_twostage.csv", "estimate_stop12", rows);
    CHECK(rows >= 170);
    MESSAGE("two-stage: " << rows << " figures, max |diff| " << d);
    REQUIRE(ef.higher_order.size() == 1);
    CHECK(ef.higher_order[0].loadings[1] == doctest::Approx(0.926695061786058).epsilon(1e-8));
    // estimate(model, responses) gives the same final stage.
    CHECK((estimate(m, test_support::ecsi_responses(), tight()).paths - ef.fit.paths).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("embedded two-stage: stage 1 by repeated indicators, stage 2 on its LOC scores") {
    const pls_model m = model_of(hoc_syntax("embedded_two_stage"));
    const extended_fit ef = estimate_extended(m, test_support::ecsi_responses(), tight());
    REQUIRE(ef.expanded.stage1);
    const pls_fit& s1 = *ef.expanded.stage1;
    CHECK(s1.construct_index("PERQ") >= 0);  // the repeated-indicator HOC in stage 1
    CHECK(s1.indicator_index("PERQ1@PERQ") >= 0);
    // Stage 2's HOC indicators are exactly the stage-1 LOC scores: their correlation is stage 1's.
    const int a = ef.fit.indicator_index("PERQ_T"), b = ef.fit.indicator_index("PERQ_S");
    REQUIRE(a >= 0);
    CHECK(ef.fit.data.correlation(a, b) ==
          doctest::Approx(s1.construct_correlation(s1.construct_index("PERQ_T"), s1.construct_index("PERQ_S"))).epsilon(1e-12));
}

TEST_CASE("moderation matches seminr to 1e-8: product indicator, orthogonal, two-stage") {
    struct one {
        const char* approach;
        const char* file;
        const char* column;
    };
    for (const one& c : {one{"product_indicator", "seminr_ecsi_moderation_perv_x_imag_product_indicator.csv", "estimate_stop12"},
                         one{"orthogonal", "seminr_ecsi_moderation_perv_x_imag_orthogonal.csv", "estimate_stop12"},
                         one{"two_stage", "seminr_ecsi_moderation_perv_x_imag_two_stage.csv", "estimate_both_stages_stop12"}}) {
        CAPTURE(c.approach);
        const pls_model m = model_of(moderation_syntax(c.approach));
        REQUIRE(m.interactions.size() == 1);
        const extended_fit ef = estimate_extended(m, test_support::ecsi_responses(), tight());
        int rows = 0;
        const double d = compare(ef, c.file, c.column, rows);
        CHECK(rows >= 60);
        MESSAGE(std::string(c.approach) << ": " << rows << " figures, max |diff| " << d);
    }
    // CUSA.SC spelling: the same model.
    const pls_model dot = model_of(moderation_syntax("product_indicator", "PERV.IMAG"));
    CHECK(dot.interactions.at(0).id == "PERV*IMAG");
}

TEST_CASE("degenerate inputs: typed errors naming the construct") {
    responses data = test_support::ecsi_responses();
    data.values.col(data.column("IMAG1")).setConstant(5);
    data.values.col(data.column("IMAG2")).setConstant(5);
    const pls_model m = model_of(moderation_syntax("product_indicator"));
    const std::string e = error_text([&] { estimate_extended(m, data, tight()); });
    CHECK(e.find("interaction \"PERV*IMAG\": the moderator \"IMAG\" is constant") != std::string::npos);
    CHECK_THROWS_AS(estimate_extended(m, data, tight()), numeric_error);
    // A HOC with one LOC, built by hand.
    pls_model h = pls_test::ecsi_model();
    h.higher_order.push_back(higher_order_construct{"Q", {}, {"PERQ"}, outer_mode::A, hoc_approach::two_stage});
    h.paths.push_back({"Q", "CUSL"});
    const std::string e2 = error_text([&] { estimate(h, test_support::ecsi_responses()); });
    CHECK(e2.find("higher-order construct \"Q\" has 1 lower-order construct(s)") != std::string::npos);
    CHECK_THROWS_AS(estimate(h, test_support::ecsi_responses()), model_error);
    // Moments alone cannot carry an extended model.
    const pls_fit f = estimate(pls_test::ecsi_model(), test_support::ecsi_responses());
    CHECK_THROWS_AS(estimate(m, f.data), model_error);
}

namespace {

/// Continuous indicators (loading 0.9) of three standard normal factors X, M and
/// Y = 0.4 X + 0.3 M + b X*M + e with var(Y) = 1; X and M independent, so X*M has unit variance
/// and its standardised path is b. Drawn here: the simulator has no interaction terms.
responses moderated_sample(const survey& s, double b, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    const double loading = 0.9, noise = std::sqrt(1 - loading * loading);
    const double ey = std::sqrt(1 - 0.16 - 0.09 - b * b);
    Eigen::MatrixXd v(static_cast<Eigen::Index>(n), 9);
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
        const double x = z(rng), m = z(rng);
        const double y = 0.4 * x + 0.3 * m + b * x * m + ey * z(rng);
        const double f[3] = {x, m, y};
        for (int k = 0; k < 9; ++k) v(i, k) = loading * f[k / 3] + noise * z(rng);
    }
    std::vector<std::string> ids;
    for (const auto& it : s.items) ids.push_back(it.id);
    return make_responses(s, ids, v);
}

/// A survey of continuous items on one wide scale, with the model `syntax`.
survey continuous_survey(const char* name, std::initializer_list<const char*> items, const std::string& syntax) {
    survey s;
    s.name = name;
    s.scales = {{"wide", -20, 20, {}, {}, {}}};
    for (const char* id : items) s.items.push_back({id, {}, "wide", false, ""});
    return with_model_syntax(s, syntax);
}

survey moderated_survey(const char* approach) {
    return continuous_survey("moderated", {"x1", "x2", "x3", "m1", "m2", "m3", "y1", "y2", "y3"},
                             std::string("@interaction ") + approach +
                                 "\nX =~ x1 + x2 + x3\nM =~ m1 + m2 + m3\nY =~ y1 + y2 + y3\nY ~ X + M + X:M\n");
}

}  // namespace

TEST_CASE("moderation recovers a known interaction and finds none where there is none") {
    // n = 20,000: the Monte-Carlo SE of the path is about 0.007. PLS composites of three
    // indicators at loading 0.9 have reliability 0.93, so a product of two composites
    // attenuates b by about 0.93 and the dependent's composite by a further 0.96: expect about
    // 0.89 b, and 0 (within 4 SE) when b = 0.
    for (const char* approach : {"product_indicator", "two_stage", "orthogonal"}) {
        CAPTURE(approach);
        const survey s = moderated_survey(approach);
        const pls_model m = pls_model::from_survey(s);
        const extended_fit with = estimate_extended(m, moderated_sample(s, 0.3, 20000, 5), {});
        REQUIRE(with.interactions.size() == 1);
        const interaction_effect& x = with.interactions[0];
        CHECK(x.path > 0.89 * 0.3 - 0.03);
        CHECK(x.path < 0.3 + 0.03);
        CHECK(x.predictor_path == doctest::Approx(0.4 * 0.93).epsilon(0.1));
        CHECK(x.moderator_path == doctest::Approx(0.3 * 0.93).epsilon(0.1));
        const extended_fit none = estimate_extended(m, moderated_sample(s, 0.0, 20000, 6), {});
        CHECK(std::abs(none.interactions.at(0).path) < 4 * 0.007);
    }
}

namespace {

/// A second-order common-factor population: X -> H (0.5), H -> Y (0.6); H is a factor behind
/// three first-order factors L_k = g_k H + e_k (g = 0.8, 0.7, 0.6); X, Y and each L_k have three
/// indicators at loading 0.8; every variable has unit variance. Drawn here: the simulator knows
/// first-order factors only.
constexpr double hoc_xh = 0.5, hoc_hy = 0.6, hoc_loading = 0.8;
constexpr double hoc_g[3] = {0.8, 0.7, 0.6};

responses second_order_sample(const survey& s, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> z;
    const double noise = std::sqrt(1 - hoc_loading * hoc_loading);
    Eigen::MatrixXd v(static_cast<Eigen::Index>(n), 15);
    for (Eigen::Index i = 0; i < v.rows(); ++i) {
        const double x = z(rng);
        const double h = hoc_xh * x + std::sqrt(1 - hoc_xh * hoc_xh) * z(rng);
        const double y = hoc_hy * h + std::sqrt(1 - hoc_hy * hoc_hy) * z(rng);
        double f[5] = {x, 0, 0, 0, y};
        for (int k = 0; k < 3; ++k) f[k + 1] = hoc_g[k] * h + std::sqrt(1 - hoc_g[k] * hoc_g[k]) * z(rng);
        for (int j = 0; j < 15; ++j) v(i, j) = hoc_loading * f[j / 3] + noise * z(rng);
    }
    std::vector<std::string> ids;
    for (const auto& it : s.items) ids.push_back(it.id);
    return make_responses(s, ids, v);
}

survey second_order_survey(const char* approach) {
    return continuous_survey("second order",
                             {"x1", "x2", "x3", "a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3", "y1", "y2", "y3"},
                             std::string("@higher_order ") + approach +
                                 "\nX =~ x1 + x2 + x3\nA =~ a1 + a2 + a3\nB =~ b1 + b2 + b3\nC =~ c1 + c2 + c3\n"
                                 "Y =~ y1 + y2 + y3\nH =~ A + B + C\nH ~ X\nY ~ H\n");
}

double path_of(const pls_fit& f, const char* from, const char* to) {
    return f.paths(f.construct_index(to), f.construct_index(from));
}

}  // namespace

// ---- 0-100 indices, impacts and IPMA of extended models (analyze_extended_indices) -------------

namespace {

/// The rows' 0-100 scores of `construct` by the index formula, from `fit`'s raw-metric weights
/// and the survey's scales (ITEM@H on ITEM's scale): 100 sum v_i (x_i - a_i)/(b_i - a_i) / sum v_i,
/// v_i = w_i (b_i - a_i), over the items each row answered.
Eigen::VectorXd hand_scores(const pls_fit& fit, const survey& s, const responses& data, const std::string& construct) {
    const int j = fit.construct_index(construct);
    REQUIRE(j >= 0);
    Eigen::VectorXd out(data.values.rows());
    for (Eigen::Index r = 0; r < data.values.rows(); ++r) {
        double num = 0, den = 0;
        for (std::size_t h = 0; h < fit.indicators.size(); ++h) {
            if (fit.block[h] != j) continue;
            const std::string& id = fit.indicators[h];
            const scale& sc = s.scale_of(id.substr(0, id.find('@')));
            const double x = data.values(r, data.column(id));
            if (std::isnan(x)) continue;
            const double v = fit.weights_unstandardized(static_cast<Eigen::Index>(h)) * (sc.max - sc.min);
            num += v * (x - sc.min) / (sc.max - sc.min);
            den += v;
        }
        out(r) = den > 0 ? 100 * num / den : NAN;
    }
    return out;
}

double sample_sd(const Eigen::VectorXd& x) {
    const double m = x.mean();
    return std::sqrt((x.array() - m).square().sum() / static_cast<double>(x.size() - 1));
}

/// Stage 1 of hoc_syntax("two_stage") written as an ordinary model: PERQ_T and PERQ_S take over
/// PERQ's paths.
const char* perq_stage1_syntax =
    "IMAG  =~ IMAG1 + IMAG2 + IMAG3 + IMAG4 + IMAG5\nCUEX  =~ CUEX1 + CUEX2 + CUEX3\nPERV  =~ PERV1 + PERV2\n"
    "CUSA  =~ CUSA1 + CUSA2 + CUSA3\nCUSCO =~ CUSCO\nCUSL  =~ CUSL1 + CUSL2 + CUSL3\n"
    "PERQ_T =~ PERQ1 + PERQ2 + PERQ4 + PERQ6\nPERQ_S =~ PERQ3 + PERQ5 + PERQ7\n"
    "CUEX ~ IMAG\nPERQ_T ~ CUEX\nPERQ_S ~ CUEX\nPERV ~ CUEX + PERQ_T + PERQ_S\n"
    "CUSA ~ IMAG + CUEX + PERQ_T + PERQ_S + PERV\nCUSCO ~ CUSA\nCUSL ~ IMAG + CUSA + CUSCO\n";

bool has_index(const index_part& part, const std::string& id) {
    return std::any_of(part.indices.constructs.begin(), part.indices.constructs.end(),
                       [&](const construct_index& c) { return c.construct == id; });
}

}  // namespace

TEST_CASE("a second-order construct is recovered by two-stage PLSc, and plain PLS attenuates it") {
    // The stage-1 score s_k of L_k is a composite with corr(s_k, L_k) = sqrt(rho_A,k) and errors
    // independent across k, so stage 2 is a congeneric one-factor block for H (loadings
    // g_k sqrt(rho_A,k)): PLSc is consistent for X -> H, H -> Y, the first-order loadings and
    // the disattenuated second-order loadings. Over 60 samples of n = 20,000 (measured once)
    // each figure's Monte-Carlo SD is at most 0.0081 and its mean within 0.0011 of the truth.
    // Here: 24 samples; every sample within 4 SD (0.033) and the mean of the 24 within
    // 4 SD / sqrt(24) (0.0066). Plain PLS attenuates X -> H by sqrt(rel_X rel_H): 0.387.
    constexpr int samples = 24;
    constexpr double sd = 0.0082, one = 4 * sd;
    const double mean_bound = 4 * sd / std::sqrt(double(samples));
    for (const char* approach : {"two_stage", "embedded_two_stage"}) {
        CAPTURE(approach);
        const survey s = second_order_survey(approach);
        const pls_model m = pls_model::from_survey(s);
        pls_options plsc;
        plsc.consistent = true;
        double sum_xh = 0, sum_hy = 0, sum_loading = 0, sum_second[3] = {0, 0, 0};
        for (int draw = 0; draw < samples; ++draw) {
            CAPTURE(draw);
            const responses data = second_order_sample(s, 20000, 1000 + static_cast<std::uint64_t>(draw));
            const extended_fit ef = estimate_extended(m, data, plsc);
            const double xh = path_of(ef.fit, "X", "H"), hy = path_of(ef.fit, "H", "Y");
            CHECK(std::abs(xh - hoc_xh) < one);
            CHECK(std::abs(hy - hoc_hy) < one);
            sum_xh += xh;
            sum_hy += hy;
            // First-order loadings (stage 1) of every LOC item.
            REQUIRE(ef.expanded.stage1);
            const pls_fit& s1 = *ef.expanded.stage1;
            double loading = 0;
            for (const char* item : {"a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3"}) {
                const int h = s1.indicator_index(item);
                REQUIRE(h >= 0);
                CHECK(std::abs(s1.loadings(h) - hoc_loading) < one);
                loading += s1.loadings(h) / 9;
            }
            sum_loading += loading;
            // Second-order loadings, disattenuated by the LOC score's reliability, are g_k.
            REQUIRE(ef.higher_order.size() == 1);
            const higher_order_result& hr = ef.higher_order[0];
            REQUIRE(hr.components.size() == 3);
            for (std::size_t k = 0; k < 3; ++k) {
                const double g = hr.loadings[k] / std::sqrt(s1.rho_a(s1.construct_index(hr.components[k])));
                CHECK(std::abs(g - hoc_g[k]) < one);
                sum_second[k] += g;
            }
            if (draw == 0) {  // plain PLS on the same data: attenuated far past the bounds
                const extended_fit plain = estimate_extended(m, data, {});
                CHECK(path_of(plain.fit, "X", "H") < hoc_xh - 0.08);
            }
        }
        CHECK(std::abs(sum_xh / samples - hoc_xh) < mean_bound);
        CHECK(std::abs(sum_hy / samples - hoc_hy) < mean_bound);
        CHECK(std::abs(sum_loading / samples - hoc_loading) < mean_bound);
        for (std::size_t k = 0; k < 3; ++k) CHECK(std::abs(sum_second[k] / samples - hoc_g[k]) < mean_bound);
    }
}
TEST_CASE("indices of a repeated-indicators HOC: every construct by the index formula, the HOC over ITEM@H") {
    const survey s = with_model_syntax(test_support::ecsi_survey(), hoc_syntax("repeated_indicators"));
    const extended_fit ef = estimate_extended(pls_model::from_survey(s), test_support::ecsi_responses(), tight());
    index_analysis_options o;
    o.target = "CUSL";
    const index_analysis a = analyze_extended_indices(ef, s, o);
    REQUIRE(a.overall.estimated);
    for (const char* id : {"PERQ_T", "PERQ_S", "PERQ", "IMAG", "CUSA", "CUSL"}) {
        CAPTURE(id);
        const Eigen::VectorXd sr = hand_scores(ef.fit, s, ef.expanded.data, id);
        CHECK(a.overall.indices.at(id).index == doctest::Approx(sr.mean()).epsilon(1e-10));
        CHECK(a.overall.indices.at(id).overall.mean == doctest::Approx(sr.mean()).epsilon(1e-10));
    }
    CHECK(a.overall.indices.at("PERQ").items.front() == "PERQ1@PERQ");
    REQUIRE(a.overall.ipma);
    CHECK(a.overall.ipa);
}

TEST_CASE("indices of a two-stage HOC: LOCs as in stage 1 estimated alone, the HOC over their 0-100 scores") {
    const survey s = with_model_syntax(test_support::ecsi_survey(), hoc_syntax("two_stage"));
    const responses data = test_support::ecsi_responses();
    const extended_fit ef = estimate_extended(pls_model::from_survey(s), data, tight());
    index_analysis_options o;
    o.target = "CUSL";
    const index_analysis a = analyze_extended_indices(ef, s, o);
    REQUIRE(a.overall.estimated);

    // (a) The LOCs' indices are those of the stage-1 model estimated as an ordinary model.
    const survey s1 = with_model_syntax(test_support::ecsi_survey(), perq_stage1_syntax);
    const pls_model m1 = pls_model::from_survey(s1);
    const pls_fit f1 = estimate(m1, data, tight());
    const index_analysis a1 = analyze_indices(m1, f1, s1, data, {});
    for (const char* id : {"PERQ_T", "PERQ_S"}) {
        CAPTURE(id);
        CHECK(a.overall.indices.at(id).index == doctest::Approx(a1.overall.indices.at(id).index).epsilon(1e-9));
        CHECK(a.overall.indices.at(id).overall.ci_low == doctest::Approx(a1.overall.indices.at(id).overall.ci_low).epsilon(1e-9));
    }

    // (b) The HOC's index from the LOCs' respondent scores (stage-1 weights, by hand) and the
    // stage-2 weights unstandardised by those scores' SDs.
    const Eigen::VectorXd st = hand_scores(f1, s1, data, "PERQ_T"), ss = hand_scores(f1, s1, data, "PERQ_S");
    const int hoc = ef.fit.construct_index("PERQ");
    double wt = 0, ws = 0;
    for (std::size_t h = 0; h < ef.fit.indicators.size(); ++h) {
        if (ef.fit.block[h] != hoc) continue;
        const double w = ef.fit.weights(static_cast<Eigen::Index>(h));
        (ef.fit.indicators[h].find("PERQ_T") == 0 ? wt : ws) = w;
    }
    REQUIRE(wt > 0);
    REQUIRE(ws > 0);
    const double vt = wt / sample_sd(st), vs = ws / sample_sd(ss);
    const double expected = (vt * st.mean() + vs * ss.mean()) / (vt + vs);
    // The SDs matter: with the standardised weights alone the index would differ.
    CHECK(std::abs((wt * st.mean() + ws * ss.mean()) / (wt + ws) - expected) > 1e-4);
    CHECK(a.overall.indices.at("PERQ").index == doctest::Approx(expected).epsilon(1e-9));
    // ... which is the weighted combination of the LOC indices.
    CHECK(expected == doctest::Approx((vt * a.overall.indices.at("PERQ_T").index + vs * a.overall.indices.at("PERQ_S").index) /
                                      (vt + vs)).epsilon(1e-9));
    // The HOC is a driver of CUSL in the IPMA; its indicators there are the LOCs (performance =
    // their indices).
    REQUIRE(a.overall.ipma);
    bool perq = false;
    for (const auto& e : a.overall.ipma->constructs) perq = perq || e.id == "PERQ";
    CHECK(perq);
    for (const auto& e : a.overall.ipma->indicators)
        if (e.construct == "PERQ") CHECK(e.performance == doctest::Approx(a.overall.indices.at(e.id.substr(0, 6)).index).epsilon(1e-9));
}

TEST_CASE("indices of a moderated model: no index for the interaction, importance at the moderator's mean") {
    for (const char* approach : {"product_indicator", "two_stage", "orthogonal"}) {
        CAPTURE(approach);
        const survey s = with_model_syntax(test_support::ecsi_survey(), moderation_syntax(approach));
        const extended_fit ef = estimate_extended(pls_model::from_survey(s), test_support::ecsi_responses(), tight());
        REQUIRE(ef.interactions.size() == 1);
        const std::string term = ef.interactions[0].id;
        index_analysis_options o;
        o.target = "CUSL";
        const index_analysis a = analyze_extended_indices(ef, s, o);
        REQUIRE(a.overall.estimated);
        // (c) The interaction term is absent from the indices and the IPMA; every other construct's
        // index is the index formula over its items with the moderated model's weights (the
        // weights differ from the model without the term, so its indices are not the check).
        CHECK_FALSE(has_index(a.overall, term));
        CHECK(a.overall.indices.constructs.size() + 1 == ef.fit.constructs.size());
        for (const auto& c : a.overall.indices.constructs) {
            CAPTURE(c.construct);
            CHECK(c.index == doctest::Approx(hand_scores(ef.fit, s, ef.expanded.data, c.construct).mean()).epsilon(1e-10));
        }
        REQUIRE(a.overall.ipma);
        for (const auto& e : a.overall.ipma->constructs) CHECK(e.id != term);
        for (const auto& e : a.overall.ipma->indicators) CHECK(e.construct != term);
        bool noted = false;
        for (const auto& n : a.overall.notes) noted = noted || n.find("moderator's mean") != std::string::npos;
        CHECK(noted);

        // (d) PERV's importance for CUSL by hand: its total effect (direct + through CUSA and
        // CUSCO, not through the interaction) on the 0-100 metric.
        const pls_fit& f = ef.fit;
        const int cusl = f.construct_index("CUSL"), perv = f.construct_index("PERV"), cusa = f.construct_index("CUSA"),
                  cusco = f.construct_index("CUSCO");
        const double total = f.paths(cusl, perv) + f.paths(cusa, perv) * (f.paths(cusl, cusa) + f.paths(cusco, cusa) * f.paths(cusl, cusco));
        CHECK(f.total_effects(cusl, perv) == doctest::Approx(total).epsilon(1e-10));
        const double importance = total * sample_sd(hand_scores(f, s, ef.expanded.data, "CUSL")) /
                                  sample_sd(hand_scores(f, s, ef.expanded.data, "PERV"));
        bool found = false;
        for (const auto& e : a.overall.ipma->constructs)
            if (e.id == "PERV") {
                found = true;
                CHECK(e.importance == doctest::Approx(importance).epsilon(1e-9));
            }
        CHECK(found);
    }
}

TEST_CASE("indices of an extended model: --by is refused with a clear message") {
    const survey s = with_model_syntax(test_support::ecsi_survey(), hoc_syntax("two_stage"));
    const extended_fit ef = estimate_extended(pls_model::from_survey(s), test_support::ecsi_responses(), tight());
    index_analysis_options o;
    o.by = "segment";
    CHECK_THROWS_AS(analyze_extended_indices(ef, s, o), argument_error);
}
