// The serializers of single results (report.hpp): their documents carry the result's numbers,
// every serializer checks its indent (issue 11 #2), and the options description covers every
// field of the option structs it describes.
#include <csikit/report.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <climits>
#include <set>
#include <string>

#include "support/ecsi.hpp"

using namespace csikit;
using nlohmann::json;

namespace {

/// The ECSI case fitted once for the whole file, with a small bootstrap of its fit.
const test_support::ecsi_boot_case& ecsi() {
    static const auto c = test_support::load_ecsi_bootstrapped({.resamples = 30, .threads = 1, .bca = false});
    return c;
}

/// Runs `write` with a bad indent and checks the argument_error names `indent`.
template <class Write>
void refuses_indent(Write write, int indent) {
    try {
        (void)write(indent);
        FAIL("indent " << indent << " was accepted");
    } catch (const argument_error& e) {
        CHECK(std::string(e.what()).find("indent") != std::string::npos);
    }
}

}  // namespace

TEST_CASE("every serializer refuses an indent outside -1..64") {
    const auto& e = ecsi();
    const auto idx = compute_indices(e.fit, e.s, e.data);
    const auto map = ipma(e.fit, e.s, e.data, "CUSA");
    std::vector<ipa_factor> fs{{"a", {}, 1, 0}, {"b", {}, 0, 1}};
    const auto placed = ipa(fs);
    for (int bad : {INT_MAX, 1025, 65, -2, INT_MIN}) {
        refuses_indent([&](int i) { return to_json(e.fit, &e.boot, &e.s, i); }, bad);
        refuses_indent([&](int i) { return to_json(e.boot, i); }, bad);
        refuses_indent([&](int i) { return to_json(idx, i); }, bad);
        refuses_indent([&](int i) { return to_json(placed, i); }, bad);
        refuses_indent([&](int i) { return to_json(map, ipa_options{}, i); }, bad);
        refuses_indent([&](int i) { return to_json(score(e.s, e.data), i); }, bad);
        refuses_indent([&](int i) { return to_json_text(e.s, i); }, bad);
        refuses_indent([&](int i) { return options_json(i); }, bad);
        refuses_indent([&](int i) { return to_json(fs, i); }, bad);
    }
    const std::string wide = to_json(e.boot, 64);
    CHECK(wide.find(std::string(64, ' ') + "\"resamples\"") != std::string::npos);
    CHECK(wide.find('\0') == std::string::npos);
}

TEST_CASE("indices, IPA, IPMA, importance and bootstrap documents carry the result's numbers") {
    const auto& e = ecsi();
    const auto idx = compute_indices(e.fit, e.s, e.data);
    const json j = json::parse(to_json(idx));
    REQUIRE(j["constructs"].size() == idx.constructs.size());
    CHECK(j["constructs"][0]["id"] == idx.constructs[0].construct);
    CHECK(j["constructs"][0]["index"].get<double>() == idx.constructs[0].index);
    CHECK(j["constructs"][0]["ci_low"].get<double>() == idx.constructs[0].overall.ci_low);
    CHECK(j["impacts"]["values"].size() == static_cast<std::size_t>(idx.impacts.rows()));
    CHECK(j["level"] == 0.95);

    const auto nores = json::parse(to_json(compute_indices(e.fit, e.s)));
    CHECK(nores["constructs"][0]["mean"].is_null());  // no respondent scores

    std::vector<ipa_factor> fs{{"a", {}, 1, 0}, {"b", {}, 0, 1}, {"c", {}, 1, 1}};
    const auto r = ipa(fs);
    const json p = json::parse(to_json(r));
    CHECK(p["rule"] == "data_mean");
    CHECK(p["points"][0]["quadrant"] == "concentrate_here");
    CHECK(p["importance_cut"].get<double>() == r.importance_cut);
    CHECK(p["by_priority"].size() == 3);

    const json m = json::parse(to_json(ipma(e.fit, e.s, e.data, "CUSA")));
    CHECK(m["target"] == "CUSA");
    CHECK(!m["constructs"]["points"].empty());
    CHECK(m["constructs"]["points"][0].contains("quadrant"));

    auto items = std::vector<std::string>{"CUEX1", "CUEX2", "CUEX3"};
    auto all = items;
    all.push_back("CUSA1");
    const auto t = importance_all(compute_moments(e.data, all), items, "CUSA1");
    const json it = json::parse(to_json(t));
    CHECK(it["drivers"] == items);
    CHECK(it["r2"].get<double>() == t.r2);
    CHECK(it["lmg"].size() == 3);

    const json f = json::parse(to_json(derived_factors(e.s, e.data, items, "CUSA1")));
    REQUIRE(f.size() == 3);
    CHECK(f[0]["id"] == "CUEX1");
    CHECK(f[0]["performance"].get<double>() > 0);

    const json b = json::parse(to_json(e.boot));
    CHECK(b["resamples"] == 30);
    CHECK(b["parameters"].size() == e.boot.parameters.size() + e.boot.indices.size());
    CHECK(b["parameters"][0]["se"].get<double>() == e.boot.parameters[0].se);
    CHECK(b["parameters"][0]["bca_low"].is_null());  // no BCa asked for: NaN -> null
}

TEST_CASE("the options description covers every pls_options field with its default") {
    const json d = json::parse(options_json());
    std::set<std::string> names;
    for (const auto& a : d["analyses"])
        if (a["analysis"] == "estimate")
            for (const auto& o : a["options"]) {
                names.insert(o["name"]);
                if (o["name"] == "tolerance") CHECK(o["default"] == "1e-07");
                if (o["name"] == "max_iterations") CHECK(o["default"] == "300");
                for (const char* face : {"cli", "python", "c"})
                    CHECK((o[face]["name"].is_string() || o[face]["exception"].is_string()));
            }
    // the 11 fields of pls_options (pls.hpp)
    for (const char* f : {"scheme", "missing", "consistent", "tolerance", "max_iterations", "use_weights", "keep_scores",
                          "quality", "stopping", "f2_reestimate", "strict"})
        CHECK_MESSAGE(names.count(f), f);
    CHECK(names.size() == 11);
    std::set<std::string> analyses;
    for (const auto& a : d["analyses"]) analyses.insert(a["analysis"]);
    CHECK(analyses == std::set<std::string>{"estimate", "bootstrap", "score", "analyze", "ipa", "mga", "predict",
                                            "crosstab", "poisson_bootstrap", "trend", "read", "standardize",
                                            "feedback", "accumulate"});
}
