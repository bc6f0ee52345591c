// SPSS .sav/.zsav, Stata .dta and Excel .xlsx through read_responses (readers, docs/data.md):
// each reads to the same responses as the equivalent CSV with the same schema. The fixtures
// are written by tests/data/readers/make_fixtures.py (pyreadstat, openpyxl).
#include "support/files.hpp"

#include <csikit/data.hpp>
#include <csikit/error.hpp>
#include <csikit/report.hpp>
#include <csikit/schema.hpp>
#include <csikit/scoring.hpp>
#include <csikit/tables.hpp>
#include <csikit/draft.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::string dir = test_support::source_path("tests/data/readers/");

csikit::survey shop() { return csikit::load_survey(dir + "shop.json"); }

/// Same items and values (NaN where NaN).
void check_same_values(const csikit::responses& a, const csikit::responses& b) {
    CHECK(a.item_ids == b.item_ids);
    REQUIRE(a.values.rows() == b.values.rows());
    REQUIRE(a.values.cols() == b.values.cols());
    for (Eigen::Index i = 0; i < a.values.rows(); ++i)
        for (Eigen::Index j = 0; j < a.values.cols(); ++j) {
            const double x = a.values(i, j), y = b.values(i, j);
            CHECK_MESSAGE((std::isnan(x) ? std::isnan(y) : x == y), "row " << i << " column " << j);
        }
}

/// Same values (NaN where NaN), weights, groups and counts.
void check_same(const csikit::responses& a, const csikit::responses& b) {
    REQUIRE(a.values.rows() == b.values.rows());
    REQUIRE(a.values.cols() == b.values.cols());
    CHECK(a.item_ids == b.item_ids);
    for (Eigen::Index i = 0; i < a.values.rows(); ++i)
        for (Eigen::Index j = 0; j < a.values.cols(); ++j) {
            const double x = a.values(i, j), y = b.values(i, j);
            CHECK_MESSAGE((std::isnan(x) ? std::isnan(y) : x == y), "row " << i << " column " << j);
        }
    CHECK(a.weighted == b.weighted);
    CHECK((a.weights - b.weights).cwiseAbs().maxCoeff() == 0);
    CHECK(a.groups == b.groups);
    CHECK(a.summary.respondents == b.summary.respondents);
    CHECK(a.summary.missing_by_item == b.summary.missing_by_item);
}

}  // namespace

TEST_CASE("SPSS .sav and .zsav read to the same responses as the equivalent CSV") {
    const auto s = shop();
    const auto csv = csikit::read_responses(dir + "shop.csv", s);
    for (const char* name : {"shop.sav", "shop.zsav"}) {
        CAPTURE(name);
        const auto sav = csikit::read_responses(dir + name, s);
        check_same(sav, csv);
        CHECK(sav.summary.missing_codes == csv.summary.missing_codes);
        CHECK(sav.summary.codes_by_kind == csv.summary.codes_by_kind);
        CHECK(sav.summary.empty == csv.summary.empty);
        CHECK(sav.lines[0] == 1);  // the case number
        CHECK(sav.groups.at("region")[1] == "北京");  // a value label, as the CSV spells it
    }
    // Scores from either are the same numbers.
    const auto a = csikit::to_json(csikit::score(s, csikit::read_responses(dir + "shop.sav", s)), -1);
    const auto b = csikit::to_json(csikit::score(s, csv), -1);
    CHECK(a.size() == b.size());
}

TEST_CASE("SPSS weight variable is used when the schema names none; user-missing codes the schema lacks are counted") {
    auto s = shop();
    s.weight_column.clear();
    // The schema knows only 98: 97 and 99 are user-missing in the file, so missing, counted apart.
    for (auto& sc : s.scales) std::erase_if(sc.missing, [](const csikit::missing_code& m) { return m.code != 98; });
    const auto r = csikit::read_responses(dir + "shop.sav", s);
    CHECK(r.weighted);  // WEIGHT BY wt in the file
    CHECK(r.weights(0) == 2.0);
    CHECK(r.summary.codes_by_kind.at("declared_in_file") == 3);  // q2 = 99, q3 = 97, recommend = 99
    CHECK(r.summary.codes_by_kind.at("dont_know") == 3);
    CHECK(std::isnan(r.values(7, 1)));
    // The CSV has no such declaration: 99 is out of scale there.
    CHECK_THROWS_AS(csikit::read_responses(dir + "shop.csv", s), csikit::data_error);
}

TEST_CASE("Stata .dta: value labels, codes, and an extended missing value .a") {
    const auto s = shop();
    const auto dta = csikit::read_responses(dir + "shop.dta", s);
    const auto csv = csikit::read_responses(dir + "shop.csv", s);
    REQUIRE(dta.respondents() == csv.respondents());
    CHECK(std::isnan(dta.values(9, 0)));  // .a
    CHECK(dta.summary.codes_by_kind.at("declared_in_file") == 1);
    CHECK(dta.values(0, 0) == csv.values(0, 0));
    CHECK(dta.groups.at("region") == csv.groups.at("region"));
    CHECK(dta.weighted);  // the schema's wt
    CHECK(dta.weights == csv.weights);
}

TEST_CASE("Excel .xlsx (问卷星 layout) reads to the same responses as the CSV; label text in cells") {
    const auto s = shop();
    const auto xlsx = csikit::read_responses(dir + "shop_wjx.xlsx", s);
    const auto csv = csikit::read_responses(dir + "shop.csv", s);
    check_same(xlsx, csv);
    CHECK(xlsx.summary.codes_by_kind == csv.summary.codes_by_kind);
    // 问卷星's "download as option text": q2 holds "非常满意" etc., read through the scale's labels.
    check_same(csikit::read_responses(dir + "shop_labels.xlsx", s), csv);
    CHECK(xlsx.lines[0] == 2);  // the sheet row
    csikit::read_options o;
    o.sheet = "说明";
    CHECK_THROWS_AS(csikit::read_responses(dir + "shop_wjx.xlsx", s, o), csikit::data_error);  // no items there
    o.sheet = "nope";
    try {
        (void)csikit::read_responses(dir + "shop_wjx.xlsx", s, o);
        FAIL("expected an error");
    } catch (const csikit::argument_error& e) {
        CHECK(std::string(e.what()).find("\"Sheet1\", \"说明\"") != std::string::npos);
    }
}

TEST_CASE("broken labelled files give a parse_error naming the file") {
    const auto s = shop();
    const std::string bad = (std::filesystem::temp_directory_path() / "csikit_test_readers_bad.sav").string();
    for (const std::string head : {std::string("$FL2garbage"), std::string("PK\x03\x04 not a zip", 15),
                                   std::string("<stata_dta>broken")}) {
        {
            std::ofstream out(bad, std::ios::binary);
            out << head;
        }
        try {
            (void)csikit::read_responses(bad, s);
            FAIL("expected an error");
        } catch (const csikit::parse_error& e) {
            CHECK(std::string(e.what()).find(bad) != std::string::npos);
        }
    }
    std::remove(bad.c_str());
}

TEST_CASE("draft_schema from .sav: scales, missing kinds from labels, weight, segment; it validates") {
    csikit::draft_options o;
    o.language = "zh";
    const csikit::schema_draft d = csikit::draft_schema(dir + "shop.sav", o);
    CHECK(d.format == "SPSS .sav");
    CHECK(d.respondents == 60);
    const csikit::survey& s = d.schema;
    CHECK(s.weight_column == "wt");
    CHECK(s.segment_columns == std::vector<std::string>{"region"});
    CHECK(s.nps_item == "recommend");
    REQUIRE(s.items.size() == 6);
    CHECK(s.items[0].text.get("zh") == "营业厅环境整洁");
    const csikit::scale& five = s.scale_of("q1");
    CHECK(five.min == 1);
    CHECK(five.max == 5);
    CHECK(five.values.size() == 5);
    REQUIRE(five.missing.size() == 3);
    CHECK(five.missing[0].kind == csikit::missing_kind::not_applicable);
    CHECK(five.missing[1].kind == csikit::missing_kind::dont_know);
    CHECK(five.missing[2].kind == csikit::missing_kind::refused);
    CHECK(&s.scale_of("wait") == &five);  // the range 97 THRU 99 gives the same codes
    CHECK(s.scale_of("recommend").min == 0);
    CHECK(s.scale_of("recommend").max == 10);
    CHECK(csikit::validate(s).empty());
    // Read with the draft, the file gives the hand-written schema's responses.
    check_same(csikit::read_responses(dir + "shop.sav", s), csikit::read_responses(dir + "shop.csv", shop()));
    CHECK_THROWS_AS(csikit::draft_schema(dir + "shop.sav", {"fr", {}}), csikit::argument_error);
}

TEST_CASE("draft_schema from CSV flags codes standing apart and keeps 问卷星 metadata out of the items") {
    const auto d = csikit::draft_schema(dir + "shop.csv");
    CHECK(d.format == "CSV");
    const auto& five = d.schema.scale_of("q1");
    CHECK(five.min == 1);
    CHECK(five.max == 5);
    REQUIRE(five.missing.size() == 3);  // 97, 98, 99, gathered from every 1..5 column
    CHECK(five.missing[0].code == 97);
    CHECK(five.missing[0].kind == csikit::missing_kind::other);
    bool flagged = false;
    for (const auto& n : d.notes) flagged = flagged || (n.kind == "check" && n.text.find("stands apart") != std::string::npos);
    CHECK(flagged);
    const auto x = csikit::draft_schema(dir + "shop_wjx.xlsx");
    CHECK(x.metadata_columns == std::vector<std::string>{"序号", "提交答卷时间", "所用时间"});
    CHECK(x.schema.scale_of("recommend").min == 0);  // rounded: a "recommend" 0..10
}

TEST_CASE("draft_schema reads a CSV as read_responses does: encoding, platform header rows") {
    const std::string plat = test_support::source_path("tests/data/platforms/");
    // The same answers as base.csv (tests/data/platforms/make_fixtures.py): a draft read back
    // from either file must give base.csv's values.
    auto values_of = [&](const std::string& file, const csikit::survey& s, std::string encoding) {
        csikit::read_options ro;
        ro.encoding = std::move(encoding);
        return csikit::read_responses(plat + file, s, ro);
    };
    SUBCASE("GBK: refused with the likely encoding, read with encoding = gbk") {
        try {
            csikit::draft_schema(plat + "gbk.csv");
            FAIL("a GBK file read as UTF-8");
        } catch (const csikit::parse_error& e) {
            CHECK(std::string(e.what()).find("GBK") != std::string::npos);
        }
        csikit::draft_options o;
        o.read.encoding = "gbk";
        const auto d = csikit::draft_schema(plat + "gbk.csv", o);
        CHECK(d.respondents == 12);
        REQUIRE(d.schema.find_item("Q2") != nullptr);
        REQUIRE(d.schema.find_item("Q3") != nullptr);
        const auto& sc = d.schema.scale_of("Q3");
        CHECK(sc.min == 1);
        CHECK(sc.max == 5);
        REQUIRE(sc.missing.size() == 1);
        CHECK(sc.missing[0].code == 98);  // 不知道 coded 98 in Q3, standing apart from 1..5
        CHECK(std::find(d.schema.segment_columns.begin(), d.schema.segment_columns.end(), "region") !=
              d.schema.segment_columns.end());
        const auto gbk = values_of("gbk.csv", d.schema, "gbk");
        CHECK(gbk.summary.encoding == "GBK");
        const auto base = values_of("base.csv", d.schema, "");
        REQUIRE(gbk.item_ids == base.item_ids);
        check_same_values(gbk, base);
    }
    SUBCASE("Qualtrics: three header rows, question texts, metadata columns") {
        const auto d = csikit::draft_schema(plat + "qualtrics.csv");
        CHECK(d.format == "CSV (qualtrics)");
        CHECK(d.respondents == 12);  // the question-text and ImportId rows are no respondents
        CHECK(d.metadata_columns == std::vector<std::string>{"StartDate", "EndDate", "Status", "Progress",
                                                             "Duration (in seconds)", "Finished", "RecordedDate",
                                                             "ResponseId"});
        const csikit::item* q2 = d.schema.find_item("Q2");
        REQUIRE(q2 != nullptr);
        CHECK(q2->text.by_language.at("en") == "How satisfied are you with the staff?");
        const auto& sc = d.schema.scale_of("Q2");
        CHECK(sc.min == 1);
        CHECK(sc.max == 5);
        const auto q = values_of("qualtrics.csv", d.schema, "");
        const auto base = values_of("base.csv", d.schema, "");
        check_same_values(q, base);
        // --header-rows 1 forces one header row: the two platform rows become respondents.
        csikit::draft_options one;
        one.read.header_rows = 1;
        CHECK(csikit::draft_schema(plat + "qualtrics.csv", one).respondents == 14);
        one.read.header_rows = csikit::max_header_rows + 1;
        CHECK_THROWS_AS(csikit::draft_schema(plat + "qualtrics.csv", one), csikit::argument_error);
    }
}

TEST_CASE("result_tables: arrays of objects, matrices and field tables, numbers in full") {
    const auto tables = csikit::result_tables(
        R"({"version": "1", "paths": [{"from": "A", "to": "B", "estimate": 0.17873950004448702}],
            "htmt": {"constructs": ["A", "B"], "values": [[1, 0.5], [0.5, 1]]},
            "fit": {"srmr": 0.05, "gof": null}})");
    REQUIRE(tables.size() == 4);
    CHECK(tables[0].name == "info");
    CHECK(tables[1].name == "paths");
    CHECK(tables[1].columns == std::vector<std::string>{"from", "to", "estimate"});
    CHECK(tables[1].rows[0][2] == "0.17873950004448702");
    CHECK(tables[1].numeric[0][2]);
    CHECK(tables[2].name == "htmt");
    CHECK(tables[2].columns == std::vector<std::string>{"constructs", "A", "B"});
    CHECK(tables[2].rows[1][0] == "B");
    CHECK(tables[3].name == "fit");
    CHECK_THROWS_AS(csikit::result_tables("not json"), csikit::parse_error);
}
