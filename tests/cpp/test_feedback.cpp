// Coded open answers and feedback records (docs/feedback.md): the frequency tables, the
// dissatisfied's categories and the verbatims of a six-respondent weighted case against a hand
// computation (written out in the comments), the hierarchy rule against the item rule, the
// schema round trip, and the bad inputs (an empty category list, an unknown column, a value
// other than 0/1) naming where and what.
#include <csikit/data.hpp>
#include <csikit/feedback.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using doctest::Approx;

namespace {

const char* const schema_text = R"({
  "name": "feedback", "languages": ["en", "zh"],
  "scales": [{"id": "five", "min": 1, "max": 5, "top_box": [4, 5]}],
  "items": [{"id": "Q", "text": "Overall", "scale": "five", "satisfied": {"top_box": true}}],
  "hierarchy": {"id": "ROOT", "children": [{"item": "Q"}]},
  "weight_column": "w", "segment_columns": ["seg"],
  "multi_response": [{"id": "complaint", "label": {"en": "What went wrong?", "zh": "问题"},
    "categories": [{"id": "a", "column": "c_a", "label": {"en": "Price", "zh": "价格"}},
                   {"id": "b", "column": "c_b", "label": {"en": "Delivery", "zh": "配送"}}]}],
  "verbatim_column": "note"
})";

// Line 1 is the header: r1 is line 2, ..., r6 line 7. r4 skipped the complaint question.
const char* const data_text =
    "id,seg,w,Q,c_a,c_b,note\n"
    "r1,x,1,5,1,0,good\n"
    "r2,x,2,2,1,1,\"bad <b>&\"\n"
    "r3,y,1,1,0,1,awful\n"
    "r4,y,1,4,,,\n"
    "r5,y,0.5,3,0,0,meh\n"
    "r6,x,1,1,0,1,\n";

const csikit::category_share& cat(const csikit::frequency_table& t, const std::string& id) {
    for (const auto& c : t.categories)
        if (c.id == id) return c;
    FAIL("no category " << id);
    return t.categories.front();
}

}  // namespace

TEST_CASE("feedback: frequency tables, weighted, against a hand computation") {
    const csikit::survey s = csikit::parse_survey(schema_text);
    const csikit::responses d = csikit::parse_responses(data_text, s);
    csikit::feedback_options o;
    o.by = "seg";
    o.max_verbatims = 2;
    const csikit::feedback_report r = csikit::feedback(s, d, o);
    REQUIRE(r.items.size() == 1);
    const auto& it = r.items[0];
    CHECK(it.label == "What went wrong?");
    // Answered: r1 r2 r3 r5 r6 (weights 1 2 1 0.5 1, total 5.5). a: r1 + r2 = 3; b: r2 + r3 + r6 = 4.
    const auto& t = it.overall;
    CHECK(t.respondents == 5);
    CHECK(t.weight == Approx(5.5));
    CHECK(t.n_eff == Approx(5.5 * 5.5 / (1 + 4 + 1 + 0.25 + 1)));
    CHECK(t.mentions == 5);
    CHECK(t.weighted_mentions == Approx(7));
    CHECK(t.named_any == Approx(5 / 5.5));  // r5 named nothing
    CHECK(cat(t, "a").count == 2);
    CHECK(cat(t, "a").share_of_respondents == Approx(3 / 5.5));
    CHECK(cat(t, "b").share_of_respondents == Approx(4 / 5.5));
    CHECK(cat(t, "a").share_of_mentions == Approx(3.0 / 7));
    CHECK(cat(t, "b").share_of_mentions == Approx(4.0 / 7));
    CHECK(cat(t, "a").label == "Price");

    // By segment: x = r1 r2 r6 (weight 4): a 3/4, b 3/4; y = r3 r5 (r4 did not answer; 1.5): a 0, b 1/1.5.
    REQUIRE(it.by_segment.size() == 2);
    CHECK(it.by_segment[0].group == "x");
    CHECK(cat(it.by_segment[0], "a").share_of_respondents == Approx(0.75));
    CHECK(cat(it.by_segment[0], "b").share_of_respondents == Approx(0.75));
    CHECK(it.by_segment[1].group == "y");
    CHECK(it.by_segment[1].respondents == 2);
    CHECK(cat(it.by_segment[1], "a").share_of_respondents == Approx(0));
    CHECK(cat(it.by_segment[1], "b").share_of_respondents == Approx(1 / 1.5));

    // Satisfied on the root = score >= 70 = Q in {4, 5}: r1, r4. Dissatisfied r2 r3 r5 r6 (weight 4.5 of 6.5).
    CHECK(r.on == "ROOT");
    CHECK(r.satisfied_rule == "score >= 70");
    CHECK(r.dissatisfied == 4);
    CHECK(r.dissatisfied_share == Approx(4.5 / 6.5));
    // Among them b (r2 r3 r6 = 4 of 4.5) before a (r2 = 2 of 4.5); the satisfied (r1 only answered): b 0, a 1.
    REQUIRE(it.dissatisfied.categories.size() == 2);
    CHECK(it.dissatisfied.categories[0].id == "b");
    CHECK(it.dissatisfied.categories[0].share_of_respondents == Approx(4 / 4.5));
    CHECK(it.dissatisfied.categories[1].share_of_respondents == Approx(2 / 4.5));
    CHECK(it.satisfied.categories[0].id == "b");
    CHECK(it.satisfied.categories[0].share_of_respondents == Approx(0));
    CHECK(it.satisfied.categories[1].share_of_respondents == Approx(1));

    // Verbatims: scores 0 (r3 "awful"), 0 (r6, no text), 25 (r2), 50 (r5), 100 (r1): 4 answers, 2 quoted.
    CHECK(r.verbatims_available == 4);
    REQUIRE(r.verbatims.size() == 2);
    CHECK(r.verbatims[0].text == "awful");
    CHECK(r.verbatims[0].line == 4);
    CHECK(r.verbatims[0].score == Approx(0));
    CHECK(r.verbatims[1].text == "bad <b>&");
    CHECK(r.verbatims[1].score == Approx(25));

    // The JSON carries the same figures.
    const auto j = nlohmann::json::parse(csikit::to_json(r));
    CHECK(j["analysis"] == "feedback");
    CHECK(j["items"][0]["overall"]["categories"][1]["share_of_mentions"].get<double>() == Approx(4.0 / 7));
    CHECK(j["verbatims"][1]["text"] == "bad <b>&");
}

TEST_CASE("feedback: the item's own rule gives the same split; top and no verbatims") {
    const csikit::survey s = csikit::parse_survey(schema_text);
    const csikit::responses d = csikit::parse_responses(data_text, s);
    csikit::feedback_options o;
    o.on = "Q";  // top box (4, 5): the same respondents as score >= 70
    o.top = 1;
    o.verbatims = false;
    const auto r = csikit::feedback(s, d, o);
    CHECK(r.satisfied_rule.find("top box") != std::string::npos);
    CHECK(r.dissatisfied == 4);
    REQUIRE(r.items[0].dissatisfied.categories.size() == 1);
    CHECK(r.items[0].dissatisfied.categories[0].id == "b");
    CHECK(r.verbatims.empty());
    CHECK(r.verbatims_available == 4);
}

TEST_CASE("feedback: the schema round-trips its multi-response items") {
    const csikit::survey s = csikit::parse_survey(schema_text);
    REQUIRE(s.multi_response.size() == 1);
    CHECK(s.multi_response[0].categories[1].column_name() == "c_b");
    CHECK(s.multi_response[0].categories[1].label.get("zh") == "配送");
    CHECK(s.verbatim_column == "note");
    const csikit::survey back = csikit::parse_survey(csikit::to_json_text(s));
    REQUIRE(back.multi_response.size() == 1);
    CHECK(back.multi_response[0].categories.size() == 2);
    CHECK(back.multi_response[0].label.get("en") == "What went wrong?");
    CHECK(back.verbatim_column == "note");
}

TEST_CASE("feedback: bad input names where and what") {
    std::string bad = schema_text;
    SUBCASE("an empty category list") {
        const auto at = bad.find("\"categories\": [");
        const auto end = bad.find("]}],", at);
        bad.replace(at, end + 1 - at, "\"categories\": []");
        CHECK_THROWS_WITH_AS(csikit::parse_survey(bad), doctest::Contains("multi_response[0].categories"), csikit::schema_error);
    }
    SUBCASE("a category without an id") {
        bad.replace(bad.find("{\"id\": \"a\", "), 12, "{\"id\": \"\", ");
        CHECK_THROWS_WITH_AS(csikit::parse_survey(bad), doctest::Contains("categories[0].id"), csikit::schema_error);
    }
    SUBCASE("a category column that is an item") {
        bad.replace(bad.find("\"c_a\""), 5, "\"Q\"");
        CHECK_THROWS_WITH_AS(csikit::parse_survey(bad), doctest::Contains("already read"), csikit::schema_error);
    }
    SUBCASE("an unknown column") {
        const csikit::survey s = csikit::parse_survey(schema_text);
        std::string data = data_text;
        data.replace(data.find("c_b"), 3, "c_x");
        CHECK_THROWS_WITH_AS(csikit::parse_responses(data, s), doctest::Contains("c_b"), csikit::data_error);
    }
    SUBCASE("a value other than 0 or 1") {
        const csikit::survey s = csikit::parse_survey(schema_text);
        std::string data = data_text;
        data.replace(data.find("r3,y,1,1,0,1"), 12, "r3,y,1,1,2,1");
        const auto d = csikit::parse_responses(data, s);
        CHECK_THROWS_WITH_AS(csikit::feedback(s, d), doctest::Contains("4: c_a"), csikit::data_error);  // line 4
        CHECK_THROWS_WITH_AS(csikit::feedback(s, d), doctest::Contains("not 0 or 1"), csikit::data_error);
    }
    SUBCASE("bad options") {
        const csikit::survey s = csikit::parse_survey(schema_text);
        const auto d = csikit::parse_responses(data_text, s);
        csikit::feedback_options o;
        o.max_verbatims = csikit::max_verbatims_limit + 1;
        CHECK_THROWS_WITH_AS(csikit::feedback(s, d, o), doctest::Contains("max_verbatims"), csikit::argument_error);
        o = {};
        o.on = "NOPE";
        CHECK_THROWS_WITH_AS(csikit::feedback(s, d, o), doctest::Contains("NOPE"), csikit::argument_error);
        o = {};
        o.by = "nope";
        CHECK_THROWS_WITH_AS(csikit::feedback(s, d, o), doctest::Contains("nope"), csikit::argument_error);
    }
    SUBCASE("no multi-response item") {
        csikit::survey s = csikit::parse_survey(schema_text);
        const auto d = csikit::parse_responses(data_text, s);
        s.multi_response.clear();
        CHECK_THROWS_AS(csikit::feedback(s, d), csikit::schema_error);
    }
}
