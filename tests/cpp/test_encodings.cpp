// CSV as survey platforms and Chinese Excel write it: encodings (GBK, GB18030, UTF-16, Latin-1,
// BOMs), platform header layouts (Qualtrics, SurveyMonkey, wjx), label text in cells reported
// once per column, and messages that say how to fix the file (a repeating out-of-scale value,
// a workbook or SPSS file given as CSV, a missing column's closest names). Every fixture of
// tests/data/platforms holds the same answers as base.csv (make_fixtures.py writes them).
#include <csikit/data.hpp>
#include <csikit/schema.hpp>
#include <csikit/scoring.hpp>
#include <csikit/report.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

using namespace csikit;

namespace {

const std::string dir = std::string(CSIKIT_SOURCE_DIR) + "/tests/data/platforms/";

template <class E, class F>
std::vector<problem> problems_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        REQUIRE_FALSE(e.problems().empty());
        return e.problems();
    } catch (const std::exception& e) {
        FAIL("wrong exception type: " << e.what());
    }
    FAIL("no exception thrown");
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

read_options with(std::string encoding, int header_rows = 0) {
    read_options o;
    o.encoding = std::move(encoding);
    o.header_rows = header_rows;
    return o;
}

/// Same values (NaN where NaN), same weights, same group values.
void check_same(const responses& a, const responses& b, bool groups = true) {
    REQUIRE(a.values.rows() == b.values.rows());
    REQUIRE(a.values.cols() == b.values.cols());
    for (Eigen::Index r = 0; r < a.values.rows(); ++r)
        for (Eigen::Index j = 0; j < a.values.cols(); ++j) {
            const double x = a.values(r, j), y = b.values(r, j);
            CHECK_MESSAGE((std::isnan(x) ? std::isnan(y) : x == y), "row " << r << " item " << j);
        }
    CHECK(a.summary.missing_codes == b.summary.missing_codes);
    CHECK(a.summary.missing_by_item == b.summary.missing_by_item);
    if (groups) CHECK(a.groups == b.groups);
}

}  // namespace

TEST_CASE("a GBK file with label text reads to the same responses as the UTF-8 CSV") {
    const survey s = load_survey(dir + "schema.json");
    const responses base = read_responses(dir + "base.csv", s);
    REQUIRE(base.respondents() == 12);
    const responses gbk = read_responses(dir + "gbk.csv", s, with("gbk"));
    check_same(base, gbk);
    CHECK(gbk.summary.encoding == "GBK");
    CHECK(base.summary.encoding == "UTF-8");
    check_same(base, read_responses(dir + "gbk.csv", s, with("GB18030")));
    // The same analysis: the score report's JSON is identical.
    CHECK(to_json(score(s, base)) == to_json(score(s, gbk)));
}

TEST_CASE("a GBK file without --encoding: one message, naming the line and the likely encoding") {
    const survey s = load_survey(dir + "schema.json");
    const auto p = problems_of<parse_error>([&] { read_responses(dir + "gbk.csv", s); });
    REQUIRE(p.size() == 1);  // never one per row
    CHECK(p[0].where.line == 1);  // the header's first name, 编号, is GBK already
    CHECK(contains(p[0].message, "invalid UTF-8: byte 0xB1 at byte 1 of the line"));
    CHECK(contains(p[0].message, "it looks like GBK/GB18030"));
    CHECK(contains(p[0].message, "--encoding gbk"));
    // Latin-1 text is told as Latin-1.
    survey plain = s;
    plain.segment_columns = {"city"};
    const auto q = problems_of<parse_error>([&] {
        parse_responses("Q1,Q2,Q3,city\n1,2,3,M\xFCnchen\n1,2,3,Z\xFCrich\n", plain);
    });
    REQUIRE(q.size() == 1);
    CHECK(contains(q[0].message, "it looks like Latin-1"));
    const responses ok = parse_responses("Q1,Q2,Q3,city\n1,2,3,M\xFCnchen\n", plain, with("latin-1"));
    CHECK(ok.groups.at("city")[0] == "M\xC3\xBCnchen");
}

TEST_CASE("UTF-16 with a byte-order mark is detected; UTF-8 BOM and explicit utf-16 work") {
    const survey s = load_survey(dir + "schema.json");
    const responses base = read_responses(dir + "base.csv", s);
    const responses u16 = read_responses(dir + "utf16.tsv", s);
    check_same(base, u16);
    CHECK(u16.summary.encoding == "UTF-16LE");
    // In memory, big-endian without a BOM but with --encoding utf-16.
    const std::string text = "Q1,Q2,Q3,region\n5,4,3,x\n";
    std::string be;
    for (char c : text) be += '\0', be += c;
    const responses r = parse_responses(be, s, with("utf-16"));
    CHECK(r.values(0, 0) == 5);
    CHECK(r.summary.encoding == "UTF-16BE");
    // Detected without --encoding too (ASCII in UTF-16 has zero bytes every other place).
    CHECK(parse_responses(be, s).values(0, 1) == 4);
}

TEST_CASE("a byte that is not in the encoding given names its line and offset") {
    const survey s = load_survey(dir + "schema.json");
    const auto p = problems_of<parse_error>([&] {
        parse_responses("Q1,Q2,Q3,region\n5,4,3,x\n5,4,3,\xFF\xFF\n", s, with("gbk"));
    });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 3);
    CHECK(contains(p[0].message, "is not valid GBK"));
    CHECK_THROWS_AS(parse_responses("Q1\n1\n", s, with("ebcdic")), argument_error);
    // A file cut inside a character.
    CHECK(contains(problems_of<parse_error>([&] { parse_responses("Q1,Q2,Q3,region\n1,1,1,\xB0", s, with("gbk")); })[0]
                       .message,
                   "ends inside a character"));
}

TEST_CASE("transcoding streams: a large GBK file reads piece by piece, characters split across pieces") {
    const survey s = load_survey(dir + "schema.json");
    // 100,000 rows of GBK (\xBB\xAA\xB6\xAB = 华东): the 64 KiB pieces cut characters apart.
    std::string text = "Q1,Q2,Q3,region\n";
    for (int i = 0; i < 100000; ++i) text += "5,4,3,\xBB\xAA\xB6\xAB\n";
    const std::string path = (std::filesystem::temp_directory_path() / "csikit_test_gbk_stream.csv").string();
    {
        FILE* f = std::fopen(path.c_str(), "wb");
        REQUIRE(f);
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
    }
    const responses r = read_responses(path, s, with("gbk"));
    std::remove(path.c_str());
    CHECK(r.respondents() == 100000);
    CHECK(r.groups.at("region")[99999] == "华东");
}

TEST_CASE("Qualtrics: three header rows detected, or forced with header_rows") {
    const survey s = load_survey(dir + "schema.json");
    const responses base = read_responses(dir + "base.csv", s);
    const responses q = read_responses(dir + "qualtrics.csv", s);
    check_same(base, q);
    CHECK(q.summary.layout == "qualtrics");
    CHECK(q.summary.header_rows == 3);
    CHECK(q.lines.front() == 4);
    check_same(base, read_responses(dir + "qualtrics.csv", s, with("", 3)));
    // Forced to one header row, the question text is data: told once per column.
    const auto p = problems_of<data_error>([&] { read_responses(dir + "qualtrics.csv", s, with("", 1)); });
    CHECK(contains(p[0].message, "neither a number nor a label"));
    CHECK_THROWS_AS(read_responses(dir + "qualtrics.csv", s, with("", 101)), argument_error);
}

TEST_CASE("SurveyMonkey: two header rows, names from question and sub-label") {
    const survey base_s = load_survey(dir + "schema.json");
    const survey s = load_survey(dir + "surveymonkey_schema.json");
    const responses base = read_responses(dir + "base.csv", base_s);
    const responses m = read_responses(dir + "surveymonkey.csv", s);
    check_same(base, m, false);
    CHECK(m.groups.at("Your region") == base.groups.at("region"));
    CHECK(m.summary.layout == "surveymonkey");
}

TEST_CASE("wjx: metadata columns are not items; (跳过) reads as a skipped answer") {
    const survey base_s = load_survey(dir + "schema.json");
    const survey s = load_survey(dir + "wjx_schema.json");
    const responses base = read_responses(dir + "base.csv", base_s);
    const responses w = read_responses(dir + "wjx.csv", s);
    check_same(base, w, false);
    CHECK(w.summary.layout == "wjx");
    CHECK(w.summary.empty == base.summary.empty);
}

TEST_CASE("unknown label text: one problem per column with the count and the scale's labels") {
    const survey s = load_survey(dir + "schema.json");
    std::string text = "Q1,Q2,Q3,region\n";
    for (int i = 0; i < 200; ++i) text += std::string(i % 2 ? "很满意" : "ok") + ",1,2,x\n";
    const auto p = problems_of<data_error>([&] { parse_responses(text, s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 2);
    CHECK(p[0].where.field == "column \"Q1\"");
    CHECK(contains(p[0].message, "200 cells hold text that is neither a number nor a label of scale \"sat5\""));
    CHECK(contains(p[0].message, "\"ok\" (100, first on line 2), \"很满意\" (100)"));
    CHECK(contains(p[0].message, "\"非常满意\" = 5"));
    // The same from an in-memory table of text.
    data_column q1{"Q1", data_column::kind_t::text, {}, {"非常满意", "Very satisfied", "meh", "meh", "3", ""}};
    data_column q2{"Q2", data_column::kind_t::numbers, {1, 2, 3, 4, 5, NAN}, {}};
    data_column q3{"Q3", data_column::kind_t::numbers, {1, 2, 3, 4, 5, 98}, {}};
    data_column region{"region", data_column::kind_t::text, {}, {"a", "b", "a", "b", "a", "b"}};
    const auto m = problems_of<data_error>([&] { make_responses(s, 6, {q1, q2, q3, region}); });
    REQUIRE(m.size() == 1);
    CHECK(contains(m[0].message, "2 cells hold text that is neither a number nor a label"));
    q1.text = {"非常满意", "Very satisfied", "不知道", "1", "3", ""};
    const responses r = make_responses(s, 6, {q1, q2, q3, region});
    CHECK(r.values(0, 0) == 5);
    CHECK(r.values(1, 0) == 5);
    CHECK(std::isnan(r.values(2, 0)));
    CHECK(r.summary.missing_codes == 2);
}

TEST_CASE("a repeating out-of-scale value suggests declaring it a missing code") {
    const survey s = load_survey(dir + "schema.json");
    std::string text = "Q1,Q2,Q3,region\n";
    for (int i = 0; i < 100; ++i) text += std::string(i % 8 == 0 ? "99" : "4") + ",1,2,x\n";
    const auto p = problems_of<data_error>([&] { parse_responses(text, s); });
    const problem& hint = p.back();
    CHECK(hint.where.field == "scale \"sat5\"");
    CHECK(contains(hint.message, "value 99 repeats (\"Q1\" 13 of 100 rows (13%))"));
    CHECK(contains(hint.message, "add {\"code\": 99, \"kind\": \"dont_know\"}"));
    CHECK(contains(hint.message, "to \"missing\" of scale \"sat5\""));
    // A single stray value is an error without the hint.
    const auto one = problems_of<data_error>([&] { parse_responses("Q1,Q2,Q3,region\n7,1,2,x\n4,1,1,y\n", s); });
    REQUIRE(one.size() == 1);
    CHECK(contains(one[0].message, "value 7 is outside the scale"));
}

TEST_CASE("a workbook, an SPSS or Stata file, an archive given as CSV is named as what it is") {
    const survey s = load_survey(dir + "schema.json");
    auto msg = [&](std::string bytes) {
        return problems_of<parse_error>([&] { parse_responses(bytes, s); })[0].message;
    };
    CHECK(contains(msg(std::string("PK\x03\x04\x14\0\0\0[Content_Types].xml", 27)), "an Excel workbook (.xlsx)"));
    CHECK(contains(msg(std::string("PK\x03\x04\x14\0\0\0other.txt", 17)), "a zip archive"));
    CHECK(contains(msg("$FL2@(#) IBM SPSS STATISTICS"), "an SPSS data file (.sav)"));
    CHECK(contains(msg("<stata_dta><header>"), "a Stata data file (.dta)"));
    CHECK(contains(msg(std::string("\x73\x02\x01\x00", 4) + "rest"), "a Stata data file (.dta)"));
    CHECK(contains(msg("\x1F\x8B\x08\x00"), "gzip"));
    CHECK(contains(msg("PAR1...."), "Parquet"));
    CHECK(contains(msg("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), ".xls"));
    CHECK(contains(msg(std::string("PK\x03\x04\x14\0\0\0xl/workbook.xml", 23)), "pandas.read_excel"));
}

TEST_CASE("a missing column names the closest, counting every column") {
    const survey s = load_survey(dir + "schema.json");
    auto p = problems_of<data_error>([&] { parse_responses("q 1,Q2,Q3,region\n1,1,1,x\n", s); });
    CHECK(contains(p[0].message, "expected it among the 4 columns; did you mean \"q 1\"?"));
    p = problems_of<data_error>([&] { parse_responses("Q11,Q2,Q3,region,Q12\n1,1,1,x,1\n", s); });
    CHECK(contains(p[0].message, "the closest: \"Q11\", \"Q12\""));
    // In memory: a table of 13 columns is told as 13, with columns not passed counted.
    std::vector<data_column> cols;
    for (const char* n : {"Q2", "Q3", "region"}) cols.push_back({n, data_column::kind_t::numbers, {1}, {}});
    cols[2].kind = data_column::kind_t::text;
    cols[2].numbers.clear();
    cols[2].text = {"a"};
    for (int k = 0; k < 9; ++k) cols.push_back({"extra" + std::to_string(k), data_column::kind_t::absent, {}, {}});
    cols.push_back({"Q_1", data_column::kind_t::absent, {}, {}});
    p = problems_of<data_error>([&] { make_responses(s, 1, cols); });
    CHECK(contains(p[0].message, "no column \"Q1\" (expected it among the 13 columns; did you mean \"Q_1\"?)"));
}
