// The survey schema: lookups, parsing, every validation message with its JSON path, text-level
// errors (malformed JSON, empty, not UTF-8), loading files, and the JSON round trip.
#include <csikit/schema.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "support/ecsi.hpp"

using nlohmann::json;

namespace {

const std::string source_dir = CSIKIT_SOURCE_DIR;

/// A small schema that uses every feature once; the checks below break it one key at a time.
json base_schema() {
    return json::parse(R"({
      "name": "test survey",
      "languages": ["en", "zh"],
      "scales": [
        {"id": "five", "min": 1, "max": 5,
         "values": [{"value": 1, "label": "bad"},
                    {"value": 5, "label": {"en": "good", "zh": "好"}, "score": 100}],
         "missing": [{"code": 9, "kind": "dont_know", "label": "dk"}],
         "top_box": [4, 5]},
        {"id": "nps", "min": 0, "max": 10}
      ],
      "items": [
        {"id": "A1", "scale": "five", "text": "first"},
        {"id": "A2", "scale": "five"},
        {"id": "B1", "scale": "five", "reverse": true, "column": "q_b1"},
        {"id": "B2", "scale": "five"},
        {"id": "R", "scale": "nps"}
      ],
      "hierarchy": {"id": "root", "children": [
        {"id": "A", "weight": 0.6, "children": [{"item": "A1"}, {"item": "A2", "weight": 2}]},
        {"id": "B", "weight": 0.4, "children": [{"item": "B1"}, {"item": "B2"}]}
      ]},
      "constructs": [
        {"id": "A", "items": ["A1", "A2"], "mode": "A", "anchor": "A1"},
        {"id": "B", "items": ["B1", "B2"], "mode": "B"}
      ],
      "paths": [{"from": "A", "to": "B"}],
      "weight_column": "w",
      "segment_columns": ["seg"],
      "wave_column": "wave",
      "nps_item": "R",
      "overall_item": "B2"
    })");
}

/// Every problem of a schema as "field: message" (the source prefix left out).
std::vector<std::string> problems_of(const std::string& text) {
    try {
        csikit::parse_survey(text);
    } catch (const csikit::schema_error& e) {
        std::vector<std::string> out;
        for (const auto& p : e.problems()) {
            CHECK(p.where.file == "<string>");
            out.push_back(p.where.field.empty() ? p.message : p.where.field + ": " + p.message);
        }
        return out;
    }
    return {};
}
std::vector<std::string> problems_of(const json& j) { return problems_of(j.dump()); }

bool contains(const std::vector<std::string>& all, const std::string& one) {
    return std::find(all.begin(), all.end(), one) != all.end();
}

/// Checks that the schema has exactly the one expected problem.
void expect_only(const json& j, const std::string& expected) {
    const auto all = problems_of(j);
    INFO("problems: " << [&] {
        std::string s;
        for (const auto& p : all) s += "\n  " + p;
        return s;
    }());
    REQUIRE(all.size() == 1);
    CHECK(all[0] == expected);
}

/// The parse_error message (first problem) for some text.
csikit::problem parse_problem(const std::string& text) {
    try {
        csikit::parse_survey(text, "s.json");
    } catch (const csikit::parse_error& e) {
        REQUIRE(e.problems().size() == 1);
        return e.problems()[0];
    }
    FAIL("expected a parse_error");
    return {};
}

// ---- deep comparison for the round trip --------------------------------------------------

void same_node(const csikit::node& a, const csikit::node& b) {
    CHECK(a.id == b.id);
    CHECK(a.label.by_language == b.label.by_language);
    CHECK(a.weight == b.weight);
    CHECK(a.item == b.item);
    REQUIRE(a.children.size() == b.children.size());
    for (std::size_t i = 0; i < a.children.size(); ++i) same_node(a.children[i], b.children[i]);
}

void same_survey(const csikit::survey& a, const csikit::survey& b) {
    CHECK(a.name == b.name);
    CHECK(a.languages == b.languages);
    REQUIRE(a.scales.size() == b.scales.size());
    for (std::size_t i = 0; i < a.scales.size(); ++i) {
        const auto &x = a.scales[i], &y = b.scales[i];
        CHECK(x.id == y.id);
        CHECK(x.min == y.min);
        CHECK(x.max == y.max);
        CHECK(x.top_box == y.top_box);
        REQUIRE(x.values.size() == y.values.size());
        for (std::size_t j = 0; j < x.values.size(); ++j) {
            CHECK(x.values[j].value == y.values[j].value);
            CHECK(x.values[j].label.by_language == y.values[j].label.by_language);
            CHECK(x.values[j].score == y.values[j].score);
        }
        REQUIRE(x.missing.size() == y.missing.size());
        for (std::size_t j = 0; j < x.missing.size(); ++j) {
            CHECK(x.missing[j].code == y.missing[j].code);
            CHECK(x.missing[j].kind == y.missing[j].kind);
            CHECK(x.missing[j].label.by_language == y.missing[j].label.by_language);
        }
    }
    REQUIRE(a.items.size() == b.items.size());
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        CHECK(a.items[i].id == b.items[i].id);
        CHECK(a.items[i].text.by_language == b.items[i].text.by_language);
        CHECK(a.items[i].scale == b.items[i].scale);
        CHECK(a.items[i].reverse == b.items[i].reverse);
        CHECK(a.items[i].column == b.items[i].column);
    }
    REQUIRE(a.hierarchy.has_value() == b.hierarchy.has_value());
    if (a.hierarchy) same_node(*a.hierarchy, *b.hierarchy);
    REQUIRE(a.constructs.size() == b.constructs.size());
    for (std::size_t i = 0; i < a.constructs.size(); ++i) {
        CHECK(a.constructs[i].id == b.constructs[i].id);
        CHECK(a.constructs[i].label.by_language == b.constructs[i].label.by_language);
        CHECK(a.constructs[i].items == b.constructs[i].items);
        CHECK(a.constructs[i].mode == b.constructs[i].mode);
        CHECK(a.constructs[i].anchor == b.constructs[i].anchor);
    }
    REQUIRE(a.paths.size() == b.paths.size());
    for (std::size_t i = 0; i < a.paths.size(); ++i) {
        CHECK(a.paths[i].from == b.paths[i].from);
        CHECK(a.paths[i].to == b.paths[i].to);
    }
    CHECK(a.weight_column == b.weight_column);
    CHECK(a.segment_columns == b.segment_columns);
    CHECK(a.wave_column == b.wave_column);
    CHECK(a.nps_item == b.nps_item);
    CHECK(a.overall_item == b.overall_item);
}

/// to_json_text then parse_survey gives the same survey, and writing again gives the same text.
void round_trip(const csikit::survey& s) {
    const std::string text = csikit::to_json_text(s);
    const csikit::survey back = csikit::parse_survey(text);
    same_survey(s, back);
    CHECK(csikit::to_json_text(back) == text);
}

}  // namespace

// ---- value types ---------------------------------------------------------------------------

TEST_CASE("localized_text::get falls back from the asked language to neutral, English, any") {
    csikit::localized_text t;
    CHECK(t.empty());
    CHECK(t.get("zh") == "");
    t.by_language["zh"] = "大厅整洁";
    CHECK(t.get("en") == "大厅整洁");  // only language there
    t.by_language["en"] = "Clean hall";
    CHECK(t.get("zh") == "大厅整洁");
    CHECK(t.get("fr") == "Clean hall");  // English before any other
    CHECK(t.get() == "Clean hall");
    t.by_language[""] = "neutral";
    CHECK(t.get("fr") == "neutral");  // neutral before English
    CHECK(t.get("zh") == "大厅整洁");
    CHECK(!t.empty());
}

TEST_CASE("scale helpers: contains, missing codes, labelled values") {
    csikit::scale s;
    s.min = 1;
    s.max = 5;
    s.missing = {{8, csikit::missing_kind::dont_know, {}}, {9, csikit::missing_kind::not_applicable, {}}};
    s.values = {{5, {{{"", "very"}}}, 100.0}};
    CHECK(s.contains(1));
    CHECK(s.contains(5));
    CHECK(s.contains(2.5));
    CHECK_FALSE(s.contains(0));
    CHECK_FALSE(s.contains(8));
    CHECK(s.is_missing_code(8));
    CHECK(s.is_missing_code(9));
    CHECK_FALSE(s.is_missing_code(5));
    REQUIRE(s.find_value(5) != nullptr);
    CHECK(s.find_value(5)->score == 100.0);
    CHECK(s.find_value(4) == nullptr);
}

TEST_CASE("survey lookups and scale_of") {
    const auto s = csikit::parse_survey(base_schema().dump());
    REQUIRE(s.find_scale("nps") != nullptr);
    CHECK(s.find_scale("nps")->max == 10);
    CHECK(s.find_scale("ten") == nullptr);
    REQUIRE(s.find_item("B1") != nullptr);
    CHECK(s.find_item("B1")->column_name() == "q_b1");
    CHECK(s.find_item("A1")->column_name() == "A1");
    CHECK(s.find_item("Z") == nullptr);
    REQUIRE(s.find_construct("B") != nullptr);
    CHECK(s.find_construct("B")->mode == csikit::outer_mode::B);
    CHECK(s.find_construct("C") == nullptr);
    CHECK(s.scale_of("R").id == "nps");
    CHECK(&s.scale_of("A1") == s.find_scale("five"));
    CHECK_THROWS_AS(s.scale_of("nope"), csikit::schema_error);
    auto broken = s;
    broken.items[0].scale = "gone";
    try {
        (void)broken.scale_of("A1");
        FAIL("expected schema_error");
    } catch (const csikit::schema_error& e) {
        CHECK(e.problems()[0].str() == "A1: unknown scale \"gone\" (expected one of the survey's scales)");
    }
}

// ---- parsing good schemas ----------------------------------------------------------------

TEST_CASE("parse_survey reads every field of the base schema") {
    const auto s = csikit::parse_survey(base_schema().dump());
    CHECK(s.name == "test survey");
    CHECK(s.languages == std::vector<std::string>{"en", "zh"});
    REQUIRE(s.scales.size() == 2);
    const auto& five = s.scales[0];
    CHECK(five.min == 1);
    CHECK(five.max == 5);
    REQUIRE(five.values.size() == 2);
    CHECK(five.values[0].label.by_language.at("") == "bad");
    CHECK_FALSE(five.values[0].score.has_value());
    CHECK(five.values[1].label.get("zh") == "好");
    CHECK(five.values[1].score == 100.0);
    REQUIRE(five.missing.size() == 1);
    CHECK(five.missing[0].code == 9);
    CHECK(five.missing[0].kind == csikit::missing_kind::dont_know);
    CHECK(five.missing[0].label.get() == "dk");
    CHECK(five.top_box == std::vector<double>{4, 5});
    CHECK(s.scales[1].values.empty());
    REQUIRE(s.items.size() == 5);
    CHECK(s.items[0].text.get() == "first");
    CHECK(s.items[1].text.empty());
    CHECK(s.items[2].reverse);
    CHECK_FALSE(s.items[0].reverse);
    REQUIRE(s.hierarchy.has_value());
    const auto& root = *s.hierarchy;
    CHECK(root.id == "root");
    CHECK(root.weight == 1.0);
    CHECK_FALSE(root.is_leaf());
    REQUIRE(root.children.size() == 2);
    CHECK(root.children[0].weight == doctest::Approx(0.6));
    CHECK(root.children[0].children[1].item == "A2");
    CHECK(root.children[0].children[1].id == "A2");  // a leaf's id defaults to its item
    CHECK(root.children[0].children[1].weight == 2);
    CHECK(root.children[0].children[1].is_leaf());
    REQUIRE(s.constructs.size() == 2);
    CHECK(s.constructs[0].mode == csikit::outer_mode::A);
    CHECK(s.constructs[0].anchor == "A1");
    CHECK(s.constructs[1].anchor.empty());
    REQUIRE(s.paths.size() == 1);
    CHECK(s.paths[0].from == "A");
    CHECK(s.paths[0].to == "B");
    CHECK(s.weight_column == "w");
    CHECK(s.segment_columns == std::vector<std::string>{"seg"});
    CHECK(s.wave_column == "wave");
    CHECK(s.nps_item == "R");
    CHECK(s.overall_item == "B2");
}

TEST_CASE("the minimal form from the issue: an undeclared construct in a path is an error") {
    const std::string minimal =
        R"({"name":"ECSI mobile phone survey","scales":[{"id":"ten","min":1,"max":10}],)"
        R"("items":[{"id":"CUSA1","scale":"ten"},{"id":"CUSA2","scale":"ten"}],)"
        R"("constructs":[{"id":"CUSA","items":["CUSA1","CUSA2"],"mode":"A"}],)"
        R"("paths":[{"from":"IMAG","to":"CUSA"}]})";
    expect_only(json::parse(minimal), "paths[0].from: unknown construct \"IMAG\"");

    // The same form with the other construct and its items declared the same way loads.
    auto complete = json::parse(minimal);
    complete["items"].push_back({{"id", "IMAG1"}, {"scale", "ten"}});
    complete["items"].push_back({{"id", "IMAG2"}, {"scale", "ten"}});
    complete["constructs"].push_back({{"id", "IMAG"}, {"items", {"IMAG1", "IMAG2"}}, {"mode", "A"}});
    const auto s = csikit::parse_survey(complete.dump());
    CHECK(s.name == "ECSI mobile phone survey");
    CHECK(s.languages.empty());
    CHECK(s.scales[0].values.empty());
    CHECK(s.scales[0].missing.empty());
    CHECK(s.items.size() == 4);
    CHECK(s.items[0].column_name() == "CUSA1");
    CHECK(s.constructs.size() == 2);
    CHECK_FALSE(s.hierarchy.has_value());
    CHECK(s.weight_column.empty());
    CHECK(s.nps_item.empty());
    CHECK(csikit::validate(s).empty());

    // Only name, scales and items are required.
    const auto bare = csikit::parse_survey(R"({"name":"x","scales":[],"items":[]})");
    CHECK(bare.items.empty());
}

TEST_CASE("the ECSI mobile-phone schema from the shared data loads") {
    const auto s = csikit::load_survey(test_support::shared_path("ecsi/schema.json"));
    CHECK(s.name == "ECSI mobile phone survey (Tenenhaus et al. 2005)");
    REQUIRE(s.scales.size() == 1);
    CHECK(s.scales[0].min == 1);
    CHECK(s.scales[0].max == 10);
    CHECK(s.items.size() == 24);
    REQUIRE(s.constructs.size() == 7);
    CHECK(s.constructs[2].id == "PERQ");
    CHECK(s.constructs[2].items.size() == 7);
    CHECK(s.constructs[4].label.get() == "Customer satisfaction");
    CHECK(s.paths.size() == 12);
    CHECK(s.paths.back().from == "CUSCO");
    CHECK(s.paths.back().to == "CUSL");
    CHECK(s.find_item("CUSCO") != nullptr);  // an item may share its id with a construct
    round_trip(s);
}

TEST_CASE("the bundled bank-branch schema loads with zh/en labels, hierarchy and index model") {
    const auto s = csikit::load_survey(source_dir + "/examples/bank_branch/schema.json");
    CHECK(s.languages == std::vector<std::string>{"zh", "en"});
    REQUIRE(s.scales.size() == 3);
    const auto& five = *s.find_scale("five");
    CHECK(five.min == 1);
    CHECK(five.max == 5);
    REQUIRE(five.values.size() == 5);
    CHECK(five.find_value(5)->label.get("zh") == "非常满意");
    CHECK(five.find_value(1)->label.get("zh") == "很不满意");
    CHECK(five.find_value(3)->label.get("en") == "neutral");
    CHECK_FALSE(five.find_value(4)->score.has_value());  // the main scale is linear
    CHECK(five.is_missing_code(8));
    CHECK(five.is_missing_code(9));
    CHECK(five.missing[0].kind == csikit::missing_kind::dont_know);
    CHECK(five.missing[1].kind == csikit::missing_kind::not_applicable);
    CHECK(five.top_box == std::vector<double>{4, 5});
    const auto& scored = *s.find_scale("five_scored");
    std::vector<double> scores;
    for (double v : {5, 4, 3, 2, 1}) scores.push_back(*scored.find_value(v)->score);
    CHECK(scores == std::vector<double>{100, 80, 60, 30, 0});
    CHECK(s.scale_of("NPS").min == 0);
    CHECK(s.scale_of("NPS").max == 10);

    CHECK(s.items.size() == 18 + 3 + 2 + 1);
    CHECK(s.nps_item == "NPS");
    CHECK(s.overall_item == "SAT1");
    CHECK(s.weight_column == "weight");
    CHECK(s.segment_columns == std::vector<std::string>{"age_band", "channel"});
    CHECK(s.wave_column == "wave");

    REQUIRE(s.hierarchy.has_value());
    const auto& dims = s.hierarchy->children;
    REQUIRE(dims.size() == 6);
    const std::vector<std::size_t> sizes{3, 4, 3, 3, 2, 3};
    double total = 0;
    for (std::size_t i = 0; i < dims.size(); ++i) {
        CHECK(dims[i].children.size() == sizes[i]);
        CHECK(dims[i].children[0].is_leaf());
        total += dims[i].weight;
    }
    CHECK(total == doctest::Approx(1.0));
    CHECK(dims[3].label.get("zh") == "服务效率");

    REQUIRE(s.constructs.size() == 8);
    CHECK(s.find_construct("SAT")->items == std::vector<std::string>{"SAT1", "SAT2", "SAT3"});
    CHECK(s.find_construct("LOY")->items.size() == 2);
    CHECK(s.paths.size() == 7);
    CHECK(s.paths.back().from == "SAT");
    CHECK(s.paths.back().to == "LOY");
    round_trip(s);
}

// ---- validation: one broken key at a time ------------------------------------------------

TEST_CASE("the base schema is valid") {
    CHECK(problems_of(base_schema()).empty());
    CHECK(csikit::validate(csikit::parse_survey(base_schema().dump())).empty());
}

TEST_CASE("structure: missing required keys") {
    auto j = base_schema();
    j.erase("name");
    expect_only(j, "name: missing required key");
    j = base_schema();
    j["scales"][0].erase("max");
    expect_only(j, "scales[0].max: missing required key");
    j = base_schema();
    j["items"][3].erase("scale");
    expect_only(j, "items[3].scale: missing required key");
    j = base_schema();
    j["constructs"][1].erase("items");
    expect_only(j, "constructs[1].items: missing required key");
    j = base_schema();
    j["paths"][0].erase("to");
    expect_only(j, "paths[0].to: missing required key");
    j = base_schema();
    j["scales"][0]["values"][0].erase("value");
    expect_only(j, "scales[0].values[0].value: missing required key");
    j = base_schema();
    j["hierarchy"]["children"][1].erase("children");
    expect_only(j, "hierarchy.children[1].children: missing required key");
}

TEST_CASE("structure: wrong JSON types") {
    auto j = base_schema();
    j["scales"][0]["min"] = "one";
    expect_only(j, "scales[0].min: expected a number, got \"one\"");
    j = base_schema();
    j["items"][0]["reverse"] = "yes";
    expect_only(j, "items[0].reverse: expected true or false, got \"yes\"");
    j = base_schema();
    j["name"] = 5;
    expect_only(j, "name: expected a string, got 5");
    j = base_schema();
    j["items"] = json::object();
    auto all = problems_of(j);
    CHECK(all.front() == "items: expected an array, got an object");
    CHECK(contains(all, "constructs[0].items[0]: unknown item \"A1\""));  // no items were read
    j = base_schema();
    j["items"][4] = 7;
    // The bad element keeps its index; references to it are then unknown.
    all = problems_of(j);
    CHECK(contains(all, "items[4]: expected an object, got 7"));
    CHECK(contains(all, "nps_item: unknown item \"R\""));
    j = base_schema();
    j["constructs"][0]["items"][1] = 2;
    all = problems_of(j);
    CHECK(contains(all, "constructs[0].items[1]: expected a string, got 2"));
    j = base_schema();
    j["items"][0]["text"] = json::array({"a"});
    expect_only(j, "items[0].text: expected a string or an object {\"language\": \"text\"}, got an array");
    j = base_schema();
    j["items"][0]["text"] = {{"en", 3}};
    expect_only(j, "items[0].text.en: expected a string, got 3");
    j = base_schema();
    j["scales"][0]["top_box"][0] = "4";
    expect_only(j, "scales[0].top_box[0]: expected a number, got \"4\"");
    j = base_schema();
    j["scales"][0]["missing"][0]["kind"] = "dk";
    expect_only(j, "scales[0].missing[0].kind: unknown kind \"dk\" (expected dont_know, refused, not_applicable or "
                   "other)");
    j = base_schema();
    j["constructs"][0]["mode"] = "C";
    expect_only(j, "constructs[0].mode: unknown mode \"C\" (expected \"A\" or \"B\")");
    j = base_schema();
    j["hierarchy"] = "root";
    expect_only(j, "hierarchy: expected an object, got \"root\"");
    CHECK_THROWS_WITH_AS(csikit::parse_survey("[1, 2]"),
                         "<string>: expected a JSON object at the top level, got an array",
                         csikit::schema_error);
}

TEST_CASE("structure: unknown keys are errors, with a hint for typos") {
    auto j = base_schema();
    j["scales"][0]["mx"] = 5;
    expect_only(j, "scales[0].mx: unknown key \"mx\" (did you mean \"max\"?)");
    j = base_schema();
    j["colour"] = "red";
    expect_only(j, "colour: unknown key \"colour\" (expected one of name, languages, scales, items, hierarchy, "
                   "model, constructs, paths, weight_column, segment_columns, wave_column, nps_item, overall_item, multi_response, verbatim_column)");
    j = base_schema();
    j["hierarchy"]["children"][0]["children"][0]["wieght"] = 1;
    expect_only(j, "hierarchy.children[0].children[0].wieght: unknown key \"wieght\" (did you mean \"weight\"?)");
    j = base_schema();
    j["paths"][0]["into"] = "B";  // too far from any key for a hint
    expect_only(j, "paths[0].into: unknown key \"into\" (expected one of from, to)");
    j = base_schema();
    j["hierarchy"]["children"][0]["children"][0]["children"] = json::array();
    expect_only(j, "hierarchy.children[0].children[0].children: a leaf (a node with \"item\") cannot have children");
}

TEST_CASE("structure: a key given twice in one object") {
    std::string text = base_schema().dump();
    text.replace(text.find("\"min\":1"), 7, "\"min\":1,\"min\":2");
    // Parsed as text: nlohmann::json itself would silently keep the last value.
    const auto all = problems_of(text);
    REQUIRE(all.size() == 2);
    CHECK(all[0] == "scales[0].min: duplicate key (each key may appear once)");
    CHECK(all[1] == "scales[0].values[0].value: 1 is outside the scale 2..5");  // the last value won
}

TEST_CASE("validation: empty and duplicate ids") {
    auto j = base_schema();
    j["scales"][1]["id"] = "five";
    j["items"][1]["id"] = "A1";
    j["constructs"][1]["id"] = "A";
    j["hierarchy"]["children"][1]["id"] = "A";
    auto all = problems_of(j);
    CHECK(contains(all, "scales[1].id: duplicate scale id \"five\" (first at scales[0].id)"));
    CHECK(contains(all, "items[1].id: duplicate item id \"A1\" (first at items[0].id)"));
    CHECK_FALSE(contains(all, "items[1].id: duplicate column \"A1\" (already used at items[0].id)"));  // said once
    CHECK(contains(all, "constructs[1].id: duplicate construct id \"A\" (first at constructs[0].id)"));
    CHECK(contains(all, "hierarchy.children[1].id: duplicate node id \"A\" (first at hierarchy.children[0].id)"));
    j = base_schema();
    j["name"] = "";
    expect_only(j, "name: must not be empty (expected the survey's name)");
    j = base_schema();
    j["items"][0]["id"] = "";
    all = problems_of(j);
    CHECK(contains(all, "items[0].id: must not be empty (expected the item's id)"));
    j = base_schema();
    j["languages"] = {"en", "zh", "en"};
    expect_only(j, "languages[2]: duplicate language \"en\"");
}

TEST_CASE("validation: duplicate data columns") {
    auto j = base_schema();
    j["items"][0]["column"] = "q_b1";
    expect_only(j, "items[2].column: duplicate column \"q_b1\" (already used at items[0].column)");
    j = base_schema();
    j["weight_column"] = "A2";
    expect_only(j, "weight_column: duplicate column \"A2\" (already used at items[1].id)");
    j = base_schema();
    j["segment_columns"] = {"seg", "wave"};
    expect_only(j, "wave_column: duplicate column \"wave\" (already used at segment_columns[1])");
    j = base_schema();
    j["segment_columns"] = {""};
    expect_only(j, "segment_columns[0]: must not be empty (expected a column name)");
}

TEST_CASE("validation: scales") {
    auto j = base_schema();
    j["scales"][0]["min"] = 5;
    expect_only(j, "scales[0].max: max 5 is not above min 5 (expected min < max)");
    j = base_schema();
    j["scales"][1]["min"] = 1;
    expect_only(j, "nps_item: item \"R\" is on the scale 1..10 (expected a 0..10 scale for NPS)");
    j = base_schema();
    j["scales"][0]["values"][1]["value"] = 6;
    expect_only(j, "scales[0].values[1].value: 6 is outside the scale 1..5");
    j = base_schema();
    j["scales"][0]["values"][1]["value"] = 1;
    expect_only(j, "scales[0].values[1].value: duplicate value 1 (first at scales[0].values[0])");
    j = base_schema();
    j["scales"][0]["values"][1]["score"] = 120;
    expect_only(j, "scales[0].values[1].score: 120 is outside 0..100 (expected a score on the 100-point scale)");
    j = base_schema();
    j["scales"][0]["values"][1]["score"] = -0.5;
    expect_only(j, "scales[0].values[1].score: -0.5 is outside 0..100 (expected a score on the 100-point scale)");
    j = base_schema();
    j["scales"][0]["missing"][0]["code"] = 3;
    expect_only(j, "scales[0].missing[0].code: 3 lies inside the scale 1..5 (a missing-value code must be outside "
                   "the scale)");
    j = base_schema();
    j["scales"][0]["missing"].push_back({{"code", 9}, {"kind", "refused"}});
    expect_only(j, "scales[0].missing[1].code: duplicate missing code 9 (first at scales[0].missing[0])");
    j = base_schema();
    j["scales"][0]["top_box"] = {5, 6};
    expect_only(j, "scales[0].top_box[1]: 6 is outside the scale 1..5");
    j = base_schema();
    j["scales"][0]["top_box"] = {5, 5};
    expect_only(j, "scales[0].top_box[1]: duplicate top-box value 5");
}

TEST_CASE("validation: items and labels") {
    auto j = base_schema();
    j["items"][1]["scale"] = "fiv";
    expect_only(j, "items[1].scale: unknown scale \"fiv\" (expected one of five, nps)");
    j = base_schema();
    j["items"][0]["text"] = {{"en", "x"}, {"fr", "y"}};
    expect_only(j, "items[0].text.fr: language \"fr\" is not declared (expected one of en, zh)");
    j = base_schema();
    j["scales"][0]["values"][1]["label"]["de"] = "gut";
    expect_only(j, "scales[0].values[1].label.de: language \"de\" is not declared (expected one of en, zh)");
    j = base_schema();
    j.erase("languages");  // without declared languages any language is accepted
    j["items"][0]["text"] = {{"fr", "y"}};
    CHECK(problems_of(j).empty());
}

TEST_CASE("validation: constructs") {
    auto j = base_schema();
    j["constructs"][1]["items"][1] = "CUSA9";
    expect_only(j, "constructs[1].items[1]: unknown item \"CUSA9\"");
    j = base_schema();
    j["constructs"][1]["items"][0] = "A2";
    expect_only(j, "constructs[1].items[0]: item \"A2\" is already in construct \"A\" (an item measures one "
                   "construct)");
    j = base_schema();
    j["constructs"][0]["items"] = {"A1", "A1"};
    expect_only(j, "constructs[0].items[1]: item \"A1\" is listed twice in this construct");
    j = base_schema();
    j["constructs"][1]["items"] = json::array();
    expect_only(j, "constructs[1].items: a construct needs at least one item");
    j = base_schema();
    j["constructs"][0]["anchor"] = "B1";
    expect_only(j, "constructs[0].anchor: \"B1\" is not one of the construct's items");
}

TEST_CASE("validation: paths") {
    auto j = base_schema();
    j["paths"].push_back({{"from", "A"}, {"to", "Z"}});
    expect_only(j, "paths[1].to: unknown construct \"Z\"");
    j = base_schema();
    j["paths"].push_back({{"from", "B"}, {"to", "B"}});
    expect_only(j, "paths[1]: a construct cannot point to itself (B -> B)");
    j = base_schema();
    j["paths"].push_back({{"from", "A"}, {"to", "B"}});
    expect_only(j, "paths[1]: duplicate path A -> B (first at paths[0])");
    j = base_schema();
    j["paths"].push_back({{"from", "B"}, {"to", "A"}});
    expect_only(j, "paths[1]: the paths form a cycle A -> B -> A (expected an acyclic structural model)");

    // A longer cycle is named in full.
    j = base_schema();
    j["items"].push_back({{"id", "C1"}, {"scale", "five"}});
    j["constructs"].push_back({{"id", "C"}, {"items", {"C1"}}});
    j["paths"].push_back({{"from", "B"}, {"to", "C"}});
    j["paths"].push_back({{"from", "C"}, {"to", "A"}});
    expect_only(j, "paths[2]: the paths form a cycle A -> B -> C -> A (expected an acyclic structural model)");
}

TEST_CASE("validation: the hierarchy") {
    auto j = base_schema();
    j["hierarchy"]["children"][1]["children"][0]["item"] = "B9";
    expect_only(j, "hierarchy.children[1].children[0].item: unknown item \"B9\"");
    j = base_schema();
    j["hierarchy"]["children"][1]["weight"] = -0.4;
    expect_only(j, "hierarchy.children[1].weight: -0.4 is not a valid weight (expected a finite number >= 0)");
    j = base_schema();
    j["hierarchy"]["children"][1]["children"] = json::array();
    expect_only(j, "hierarchy.children[1].children: an inner node needs at least one child");
    j = base_schema();
    j["hierarchy"]["children"][0]["children"][0]["weight"] = 0;
    j["hierarchy"]["children"][0]["children"][1]["weight"] = 0;
    expect_only(j, "hierarchy.children[0].children: the children's weights sum to 0 (expected at least one positive "
                   "weight)");
    j = base_schema();
    j["hierarchy"]["children"][1]["children"][0]["item"] = "A1";  // the same item twice
    expect_only(j, "hierarchy.children[1].children[0]: duplicate node id \"A1\" (first at "
                   "hierarchy.children[0].children[0])");
    j = base_schema();
    j["hierarchy"]["children"][1]["children"][0] = {{"item", "A1"}, {"id", "A1b"}};
    expect_only(j, "hierarchy.children[1].children[0].item: item \"A1\" is already in the hierarchy at "
                   "hierarchy.children[0].children[0]");
    j = base_schema();
    j["hierarchy"] = {{"item", "A1"}};
    expect_only(j, "hierarchy: the root is a leaf (expected an inner node with children: the overall index)");
    j = base_schema();
    j["hierarchy"]["children"][0]["children"][0]["item"] = "";
    expect_only(j, "hierarchy.children[0].children[0]: \"item\" must not be empty (expected an item id)");

    // Any depth: a three-level tree.
    j = base_schema();
    j["hierarchy"]["children"][0]["children"][1] = {{"id", "deep"}, {"children", {{{"item", "A2"}}}}};
    CHECK(problems_of(j).empty());

    // Non-finite weights cannot come from JSON but can from C++.
    auto s = csikit::parse_survey(base_schema().dump());
    s.hierarchy->children[0].weight = std::nan("");
    const auto found = csikit::validate(s);
    REQUIRE(found.size() == 1);
    CHECK(found[0].str() == "hierarchy.children[0].weight: nan is not a valid weight (expected a finite number >= 0)");
}

TEST_CASE("validation: nps_item and overall_item") {
    auto j = base_schema();
    j["nps_item"] = "REC";
    j["overall_item"] = "OVR";
    auto all = problems_of(j);
    REQUIRE(all.size() == 2);
    CHECK(all[0] == "overall_item: unknown item \"OVR\"");
    CHECK(all[1] == "nps_item: unknown item \"REC\"");
    j = base_schema();
    j["nps_item"] = "A1";
    expect_only(j, "nps_item: item \"A1\" is on the scale 1..5 (expected a 0..10 scale for NPS)");
}

TEST_CASE("validation reports every problem at once, not just the first") {
    auto j = base_schema();
    j["scales"][0]["min"] = "one";
    j["items"][1]["scale"] = "fiv";
    j["constructs"][1]["items"][1] = "CUSA9";
    j["paths"][0]["from"] = "IMAG";
    j["hierarchy"]["children"][0]["weight"] = -1;
    j["typo"] = 1;
    const auto all = problems_of(j);
    CHECK(all.size() == 6);
    CHECK(contains(all, "scales[0].min: expected a number, got \"one\""));
    CHECK(contains(all, "items[1].scale: unknown scale \"fiv\" (expected one of five, nps)"));
    CHECK(contains(all, "constructs[1].items[1]: unknown item \"CUSA9\""));
    CHECK(contains(all, "paths[0].from: unknown construct \"IMAG\""));
    CHECK(contains(all, "hierarchy.children[0].weight: -1 is not a valid weight (expected a finite number >= 0)"));
    CHECK(contains(all, "typo: unknown key \"typo\" (expected one of name, languages, scales, items, hierarchy, "
                        "model, constructs, paths, weight_column, segment_columns, wave_column, nps_item, overall_item, multi_response, verbatim_column)"));
}

TEST_CASE("validate() works on surveys built in C++") {
    csikit::survey s;
    CHECK(csikit::validate(s).size() == 1);  // only the missing name
    s.name = "built";
    s.scales.push_back({"s", 5, 1, {}, {}, {}});
    s.items.push_back({"Q", {}, "s", false, {}});
    const auto found = csikit::validate(s);
    REQUIRE(found.size() == 1);
    CHECK(found[0].where.field == "scales[0].max");
    CHECK(found[0].message == "max 1 is not above min 5 (expected min < max)");
    CHECK(found[0].where.file.empty());
}

// ---- text-level errors and files -----------------------------------------------------------

TEST_CASE("malformed JSON names line and column") {
    const auto p = parse_problem("{\n  \"name\": \"x\",\n  \"scales\": [1,]\n}");
    CHECK(p.where.file == "s.json");
    CHECK(p.where.line == 3);
    CHECK(p.message.rfind("column 16: malformed JSON: syntax error", 0) == 0);
    // Columns count characters, not bytes.
    const auto q = parse_problem("{\"name\": \"满意\" x}");
    CHECK(q.where.line == 1);
    CHECK(q.message.rfind("column 15: ", 0) == 0);
    const auto r = parse_problem("{\"name\": ");
    CHECK(r.where.line == 1);
    CHECK(r.message.find("malformed JSON") != std::string::npos);
}

TEST_CASE("empty input, invalid UTF-8 and a byte-order mark") {
    auto p = parse_problem("");
    CHECK(p.str() == "s.json: empty file (expected a JSON object)");
    p = parse_problem(" \n\t\n");
    CHECK(p.message == "empty file (expected a JSON object)");
    p = parse_problem("{\n \"name\": \"caf\xE9\"}");
    CHECK(p.str() == "s.json:2: column 14: invalid UTF-8 byte 0xE9 at byte 16 (the schema must be UTF-8 text)");
    p = parse_problem("{\"name\": \"\xE6\xBB\"}");  // a truncated three-byte character
    CHECK(p.message == "column 11: invalid UTF-8 byte 0xE6 at byte 11 (the schema must be UTF-8 text)");
    p = parse_problem("{\"name\": \"\xC0\xAF\"}");  // an overlong form
    CHECK(p.message.find("invalid UTF-8 byte 0xC0") != std::string::npos);
    const auto s = csikit::parse_survey("\xEF\xBB\xBF{\"name\":\"bom\",\"scales\":[],\"items\":[]}");
    CHECK(s.name == "bom");
}

TEST_CASE("load_survey: io errors and the file name in every message") {
    const std::string dir = source_dir + "/tests/data/schema/";
    try {
        csikit::load_survey(dir + "no_such_file.json");
        FAIL("expected io_error");
    } catch (const csikit::io_error& e) {
        CHECK(e.kind() == csikit::error_kind::io);
        CHECK(e.problems()[0].str() == dir + "no_such_file.json: cannot open the file (No such file or directory)");
    }
    CHECK_THROWS_AS(csikit::load_survey(dir), csikit::io_error);
    CHECK_THROWS_WITH_AS(csikit::load_survey(dir + "empty.json"),
                         (dir + "empty.json: empty file (expected a JSON object)").c_str(), csikit::parse_error);
    try {
        csikit::load_survey(dir + "broken_json.json");
        FAIL("expected parse_error");
    } catch (const csikit::parse_error& e) {
        CHECK(e.problems()[0].where.file == dir + "broken_json.json");
        CHECK(e.problems()[0].where.line == 5);
        CHECK(e.problems()[0].message.rfind("column 3: malformed JSON", 0) == 0);
    }
    CHECK_THROWS_WITH_AS(csikit::load_survey(dir + "not_utf8.json"),
                         (dir + "not_utf8.json:1: column 14: invalid UTF-8 byte 0xE9 at byte 14 (the schema must be "
                                "UTF-8 text)")
                             .c_str(),
                         csikit::parse_error);
    CHECK_THROWS_WITH_AS(csikit::load_survey(dir + "unknown_item.json"),
                         (dir + "unknown_item.json: constructs[0].items[1]: unknown item \"CUSA9\"").c_str(),
                         csikit::schema_error);
    CHECK_THROWS_WITH_AS(csikit::load_survey(dir + "unknown_scale.json"),
                         (dir + "unknown_scale.json: items[1].scale: unknown scale \"tne\" (expected one of ten)")
                             .c_str(),
                         csikit::schema_error);
    CHECK_THROWS_WITH_AS(csikit::load_survey(dir + "unknown_construct.json"),
                         (dir + "unknown_construct.json: paths[0].from: unknown construct \"IMAG\"").c_str(),
                         csikit::schema_error);
    try {
        csikit::load_survey(dir + "duplicate_ids.json");
        FAIL("expected schema_error");
    } catch (const csikit::schema_error& e) {
        std::vector<std::string> all;
        for (const auto& p : e.problems()) all.push_back(p.where.field + ": " + p.message);
        CHECK(contains(all, "scales[1].id: duplicate scale id \"five\" (first at scales[0].id)"));
        CHECK(contains(all, "items[1].id: duplicate item id \"Q1\" (first at items[0].id)"));
        CHECK(contains(all, "constructs[1].id: duplicate construct id \"C\" (first at constructs[0].id)"));
    }
}

// ---- writing --------------------------------------------------------------------------------

TEST_CASE("to_json_text round-trips and leaves out defaults") {
    const auto s = csikit::parse_survey(base_schema().dump());
    round_trip(s);
    const auto written = json::parse(csikit::to_json_text(s));
    CHECK(written["items"][1].dump() == R"({"id":"A2","scale":"five"})");  // no reverse/column/text
    CHECK(written["items"][2]["reverse"] == true);
    CHECK(written["items"][0]["text"] == "first");  // neutral text stays a plain string
    CHECK(written["scales"][0]["values"][1]["label"]["zh"] == "好");
    CHECK(written["scales"][0]["min"].is_number_integer());  // 1, not 1.0
    CHECK(written["hierarchy"]["children"][0]["children"][0].dump() == R"({"item":"A1"})");
    CHECK(written["constructs"][1]["mode"] == "B");
    CHECK(csikit::to_json_text(s, -1).find('\n') == csikit::to_json_text(s, -1).size() - 1);  // compact form

    // A survey built in C++ with fractional values, mixed labels and explicit leaf ids.
    csikit::survey c;
    c.name = "built in C++";
    c.scales.push_back({"p", 0, 100, {{50, {{{"", "half"}, {"en", "half (en)"}}}, 33.3}},
                        {{-1, csikit::missing_kind::refused, {}}}, {}});
    c.items.push_back({"X", {{{"en", "x"}}}, "p", true, "col_x"});
    csikit::node leaf;
    leaf.id = "leaf_x";
    leaf.item = "X";
    leaf.weight = 0.15;
    csikit::node root;
    root.id = "root";
    root.weight = 2.5;
    root.children.push_back(leaf);
    c.hierarchy = root;
    c.constructs.push_back({"C", {}, {"X"}, csikit::outer_mode::B, "X"});
    REQUIRE(csikit::validate(c).empty());
    round_trip(c);
}

// ---- the preset binding ("model") --------------------------------------------------------

namespace {

/// Items P1..P3 per ACSI construct on 1..10 and a "model" block binding them.
json acsi_bound() {
    json j = {{"name", "bound"}, {"languages", {"en", "zh"}}, {"scales", {{{"id", "ten"}, {"min", 1}, {"max", 10}}}}};
    j["items"] = json::array();
    json bind = json::object();
    for (const char* c : {"CE", "PQ", "PV", "SAT", "CC", "CL"}) {
        for (int i = 1; i <= 2; ++i) {
            const std::string id = std::string(c) + std::to_string(i);
            j["items"].push_back({{"id", id}, {"scale", "ten"}});
            bind[c].push_back(id);
        }
    }
    j["model"] = {{"preset", "acsi"}, {"constructs", bind}};
    return j;
}

}  // namespace

TEST_CASE("model: a preset binding expands into constructs and paths with the preset's labels") {
    const csikit::survey s = csikit::parse_survey(acsi_bound().dump());
    REQUIRE(s.model);
    CHECK(s.model->preset == "acsi");
    REQUIRE(s.constructs.size() == 6);
    CHECK(s.constructs[0].id == "CE");
    CHECK(s.constructs[0].items == std::vector<std::string>{"CE1", "CE2"});
    CHECK(s.constructs[3].label.get("zh") == "顾客满意度");
    CHECK(s.constructs[3].label.get("en") == "Customer satisfaction (ACSI)");
    CHECK(s.paths.size() == 9);
    CHECK(s.paths[0].from == "CE");
    CHECK(s.paths[0].to == "PQ");

    // drop_complaints: CC goes with its two paths.
    json j = acsi_bound();
    j["model"]["constructs"].erase("CC");
    j["model"]["drop_complaints"] = true;
    const csikit::survey d = csikit::parse_survey(j.dump());
    CHECK(d.constructs.size() == 5);
    CHECK(d.paths.size() == 7);
    CHECK(!d.find_construct("CC"));

    // Labels only in the declared languages.
    j["languages"] = {"en"};
    const csikit::survey e = csikit::parse_survey(j.dump());
    CHECK(e.constructs[0].label.by_language.size() == 1);
    CHECK(e.constructs[0].label.get("en") == "Customer expectations");
}

TEST_CASE("model: explicit constructs and paths extend the preset; clashes are errors") {
    json j = acsi_bound();
    j["items"].push_back({{"id", "X1"}, {"scale", "ten"}});
    j["constructs"] = {{{"id", "EXTRA"}, {"items", {"X1"}}}};
    j["paths"] = {{{"from", "EXTRA"}, {"to", "SAT"}}};
    const csikit::survey s = csikit::parse_survey(j.dump());
    REQUIRE(s.constructs.size() == 7);
    CHECK(s.constructs[6].id == "EXTRA");
    REQUIRE(s.paths.size() == 10);
    CHECK(s.paths[9].from == "EXTRA");

    // Round trip: the block is written back, the expansion is not, the extension is.
    const std::string text = csikit::to_json_text(s);
    const json back = json::parse(text);
    CHECK(back["model"]["preset"] == "acsi");
    CHECK(back["constructs"].size() == 1);
    CHECK(back["paths"].size() == 1);
    const csikit::survey again = csikit::parse_survey(text);
    CHECK(again.constructs.size() == 7);
    CHECK(again.paths.size() == 10);
    CHECK(csikit::to_json_text(again) == text);

    // A construct the preset defines, and a path it already has.
    json clash = acsi_bound();
    clash["constructs"] = {{{"id", "SAT"}, {"items", {"SAT1"}}}};
    clash["paths"] = {{{"from", "PQ"}, {"to", "SAT"}}};
    const auto all = problems_of(clash);
    CHECK(contains(all, "constructs[0].id: construct \"SAT\" is already defined by the acsi preset in \"model\" "
                        "(bind its items under model.constructs.SAT, or give this construct an id of its own)"));
    CHECK(contains(all, "paths[0]: path PQ -> SAT is already in the acsi preset in \"model\" (expected only paths the "
                        "preset lacks)"));
}

TEST_CASE("model: unknown preset, constructs and items are named by JSON path") {
    json j = acsi_bound();
    j["model"]["preset"] = "nsci";
    expect_only(j, "model.preset: unknown preset \"nsci\" (expected one of acsi, ccsi, ecsi)");

    j = acsi_bound();
    j["model"]["constructs"]["IMAGE"] = {"CE1"};
    auto all = problems_of(j);
    CHECK(contains(all, "model.constructs.IMAGE: unknown construct \"IMAGE\" (the acsi preset has CE, PQ, PV, SAT, CC, CL)"));

    j = acsi_bound();
    j["model"]["constructs"]["PQ"][1] = "PQ9";
    expect_only(j, "model.constructs.PQ[1]: unknown item \"PQ9\"");

    j = acsi_bound();
    j["model"]["constructs"].erase("CC");
    expect_only(j, "model.constructs: construct \"CC\" (Customer complaints) of the acsi preset has no items "
                   "(expected \"CC\": [item ids], or \"drop_complaints\": true)");

    j = acsi_bound();
    j["model"]["drop_complaints"] = true;
    expect_only(j, "model.constructs.CC: construct \"CC\" is dropped by drop_complaints but has items (expected no "
                   "items, or drop_complaints false)");

    j = acsi_bound();
    j["model"]["constructs"]["CL"] = {"CL1", "SAT2"};
    expect_only(j, "model.constructs.CL[1]: item \"SAT2\" is already in construct \"SAT\" (an item measures one construct)");

    j = acsi_bound();
    j["model"]["constructs"] = {"CE1"};
    CHECK(contains(problems_of(j), "model.constructs: expected an object {\"construct id\": [item ids]}, got an array"));
    j = acsi_bound();
    j["model"]["construct"] = j["model"]["constructs"];
    CHECK(contains(problems_of(j), "model.construct: unknown key \"construct\" (did you mean \"constructs\"?)"));
}
