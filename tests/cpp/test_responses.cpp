// Response data: the CSV reader (format, missing values, recoding, weights, groups, every kind
// of bad file) and make_responses / column / subset.
#include <csikit/data.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

#include "support/ecsi.hpp"

using namespace csikit;

namespace {

const std::string fixtures = std::string(CSIKIT_SOURCE_DIR) + "/tests/data/csv/";

/// The fixtures' survey, built in code: Q1 1..5 (98 don't know, 99 refused), Q2 reverse 1..5,
/// NPS 0..10 read from column "recommend", weights in "w", segment "region", wave "wave".
survey test_survey() {
    survey s;
    s.name = "test";
    scale five;
    five.id = "five";
    five.min = 1;
    five.max = 5;
    five.missing = {{98, missing_kind::dont_know, {}}, {99, missing_kind::refused, {}}};
    scale ten;
    ten.id = "ten";
    ten.min = 0;
    ten.max = 10;
    s.scales = {five, ten};
    item q1, q2, nps;
    q1.id = "Q1";
    q1.scale = "five";
    q2.id = "Q2";
    q2.scale = "five";
    q2.reverse = true;
    nps.id = "NPS";
    nps.scale = "ten";
    nps.column = "recommend";
    s.items = {q1, q2, nps};
    s.weight_column = "w";
    s.segment_columns = {"region"};
    s.wave_column = "wave";
    return s;
}

/// The same survey without weight, segment and wave columns.
survey plain_survey() {
    survey s = test_survey();
    s.weight_column.clear();
    s.segment_columns.clear();
    s.wave_column.clear();
    return s;
}

/// Runs `f`, which must throw E; returns the problems it carried.
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

read_options named(const char* source, char delimiter = 0) {
    read_options o;
    o.source = source;
    o.delimiter = delimiter;
    return o;
}

}  // namespace

TEST_CASE("a valid file: values, missing values, reverse items, weights, groups, lines") {
    const responses r = read_responses(fixtures + "valid.csv", test_survey());
    REQUIRE(r.respondents() == 4);
    CHECK(r.item_ids == std::vector<std::string>{"Q1", "Q2", "NPS"});
    CHECK(r.source == fixtures + "valid.csv");
    // Q1 as read; 98 = don't know and empty become NaN.
    CHECK(r.values(0, 0) == 5);
    CHECK(std::isnan(r.values(1, 0)));
    CHECK(std::isnan(r.values(2, 0)));
    CHECK(r.values(3, 0) == 3);
    // Q2 is reversed on 1..5: 1 -> 5, 2 -> 4, 99 (refused) -> NaN, 5 -> 1.
    CHECK(r.values(0, 1) == 5);
    CHECK(r.values(1, 1) == 4);
    CHECK(std::isnan(r.values(2, 1)));
    CHECK(r.values(3, 1) == 1);
    // NPS comes from the column "recommend".
    CHECK(r.values(0, 2) == 10);
    CHECK(std::isnan(r.values(1, 2)));
    CHECK(r.values(3, 2) == 0);
    CHECK(r.weighted);
    CHECK(r.weights(0) == doctest::Approx(1.5));
    CHECK(r.weights(2) == doctest::Approx(0.5));
    CHECK(r.groups.at("region") == std::vector<std::string>{"north", "south, coast", "north", "the \"west\""});
    CHECK(r.groups.at("wave") == std::vector<std::string>{"2024Q1", "2024Q1", "2024Q2", "2024Q2"});
    CHECK(r.lines == std::vector<std::size_t>{2, 3, 4, 5});

    const read_summary& s = r.summary;
    CHECK(s.respondents == 4);
    CHECK(s.cells == 12);
    CHECK(s.empty == 2);
    CHECK(s.missing_codes == 2);
    CHECK(s.out_of_scale == 0);
    CHECK(s.reversed_items == 1);
    CHECK(s.codes_by_kind.at("dont_know") == 1);
    CHECK(s.codes_by_kind.at("refused") == 1);
    CHECK(s.missing_by_item.at("Q1") == 2);
    CHECK(s.missing_by_item.at("Q2") == 1);
    CHECK(s.missing_by_item.at("NPS") == 1);
}

TEST_CASE("summary counts add up") {
    read_options o = named("counts.csv");
    o.out_of_scale = out_of_scale_policy::missing;
    const std::string text = "Q1,Q2,recommend\n1,2,3\n,98,11\n99,,\n7,3,-1\n2,2,2\n";
    const responses r = parse_responses(text, plain_survey(), o);
    const read_summary& s = r.summary;
    CHECK(s.respondents == 5);
    CHECK(s.cells == s.respondents * r.item_ids.size());
    CHECK(s.empty == 3);
    CHECK(s.missing_codes == 2);
    CHECK(s.out_of_scale == 3);
    std::size_t by_item = 0;
    for (const auto& [id, k] : s.missing_by_item) by_item += k;
    CHECK(by_item == s.empty + s.missing_codes + s.out_of_scale);
    std::size_t by_kind = 0;
    for (const auto& [kind, k] : s.codes_by_kind) by_kind += k;
    CHECK(by_kind == s.missing_codes);
    // The NaN count in the matrix is the same number.
    CHECK(static_cast<std::size_t>(r.values.array().isNaN().count()) == by_item);
    CHECK_FALSE(r.weighted);
    CHECK(r.weights.sum() == 5);
}

TEST_CASE("delimiters are detected from the header; BOM, CRLF and spaces are handled") {
    const survey s = plain_survey();
    SUBCASE("semicolon with a decimal comma") {
        const responses r = parse_responses("Q1;Q2;recommend\n4;2;9,5\n", s);
        CHECK(r.values(0, 2) == doctest::Approx(9.5));
        CHECK(r.values(0, 1) == 4);
    }
    SUBCASE("tab") {
        const responses r = parse_responses("Q1\tQ2\trecommend\n4\t2\t9\n", s);
        CHECK(r.values(0, 0) == 4);
        CHECK(r.values(0, 2) == 9);
    }
    SUBCASE("a semicolon inside a quoted header name does not win over commas") {
        survey t = s;
        t.items[0].column = "a;b";
        const responses r = parse_responses("\"a;b\",Q2,recommend\n4,2,9\n", t);
        CHECK(r.values(0, 0) == 4);
    }
    SUBCASE("BOM, CRLF, surrounding spaces, a leading + and a blank line") {
        const responses r = parse_responses("\xEF\xBB\xBF Q1 , Q2,recommend\r\n 4 , +2 ,\" 9 \"\r\n\r\n3,3,3\r\n", s);
        REQUIRE(r.respondents() == 2);
        CHECK(r.values(0, 0) == 4);
        CHECK(r.values(0, 1) == 4);  // 2 reversed on 1..5
        CHECK(r.values(0, 2) == 9);
        CHECK(r.lines == std::vector<std::size_t>{2, 4});
    }
    SUBCASE("no line end after the last row; lone CR line ends") {
        CHECK(parse_responses("Q1,Q2,recommend\n1,1,1", s).respondents() == 1);
        const responses r = parse_responses("Q1,Q2,recommend\r1,1,1\r2,2,2\r3,3,3\r", s);
        CHECK(r.respondents() == 3);
        CHECK(r.lines == std::vector<std::size_t>{2, 3, 4});
        CHECK(r.weights.sum() == 3);  // unweighted: all ones, also after growing the buffers
        CHECK(r.values(2, 0) == 3);
    }
    SUBCASE("a forced delimiter is used as given") {
        const responses r = parse_responses("Q1;Q2;recommend\n4;2;9\n", s, named("x.csv", ';'));
        CHECK(r.values(0, 2) == 9);
    }
}

TEST_CASE("quoted fields: delimiters, doubled quotes and newlines inside quotes keep line numbers right") {
    survey s = test_survey();
    const std::string text =
        "Q1,Q2,recommend,w,region,wave\n"
        "1,1,1,1,\"line one\nline two\",A\n"   // lines 2-3
        "2,2,2,1,\"say \"\"hi\"\", ok\",B\n"  // line 4
        "3,3,3,1,\"a\r\nb\",C\n";             // lines 5-6
    const responses r = parse_responses(text, s, named("q.csv"));
    REQUIRE(r.respondents() == 3);
    CHECK(r.lines == std::vector<std::size_t>{2, 4, 5});
    CHECK(r.groups.at("region")[0] == "line one\nline two");
    CHECK(r.groups.at("region")[1] == "say \"hi\", ok");
    CHECK(r.groups.at("region")[2] == "a\r\nb");
    CHECK(r.groups.at("wave") == std::vector<std::string>{"A", "B", "C"});
    // A problem after the multi-line fields is reported on its true line.
    const auto p = problems_of<data_error>(
        [&] { parse_responses(text + "4,9,4,1,x,D\n", s, named("q.csv")); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 7);
    CHECK(p[0].str() == "q.csv:7: column \"Q2\": value 9 is outside the scale 1..5 (expected 1..5 or a missing code (98, 99))");
}

TEST_CASE("an empty file is a parse_error; a header-only file has no data rows") {
    const survey s = test_survey();
    auto p = problems_of<parse_error>([&] { read_responses(fixtures + "empty.csv", s); });
    CHECK(p[0].where.file == fixtures + "empty.csv");
    CHECK(p[0].where.line == 1);
    CHECK(contains(p[0].message, "empty file"));
    problems_of<parse_error>([&] { parse_responses("\xEF\xBB\xBF\r\n  \n", s); });

    p = problems_of<data_error>([&] { read_responses(fixtures + "header_only.csv", s); });
    CHECK(p[0].where.line == 2);
    CHECK(contains(p[0].message, "no data rows"));
}

TEST_CASE("a wrong delimiter gives one clear message") {
    const survey s = test_survey();
    SUBCASE("semicolons when ',' was forced") {
        const auto p = problems_of<parse_error>(
            [&] { parse_responses("Q1;Q2;recommend;w;region;wave\n1;1;1;1;a;b\n", s, named("semi.csv", ',')); });
        REQUIRE(p.size() == 1);
        CHECK(p[0].str() ==
              "semi.csv:1: only one column found with the delimiter ','; is the delimiter right? "
              "(expected ',', ';' or tab; the header contains ';')");
    }
    SUBCASE("detection finds a single column") {
        const auto p = problems_of<parse_error>([&] { read_responses(fixtures + "wrong_delimiter.csv", s); });
        REQUIRE(p.size() == 1);
        CHECK(p[0].where.line == 1);
        CHECK(contains(p[0].message, "only one column found; is the delimiter right? (expected ',', ';' or tab"));
        CHECK(contains(p[0].message, "the header contains '|'"));
    }
    SUBCASE("a quote cannot be a delimiter") {
        CHECK_THROWS_AS(parse_responses("Q1\n1\n", s, named("x", '"')), argument_error);
    }
}

TEST_CASE("header problems: duplicate names (both positions) and missing columns (naming the item)") {
    const survey s = test_survey();
    auto p = problems_of<data_error>([&] { read_responses(fixtures + "duplicate_column.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 1);
    CHECK(p[0].where.field == "column \"Q1\"");
    CHECK(contains(p[0].message, "appears twice, as column 2 and column 4"));

    p = problems_of<data_error>([&] { read_responses(fixtures + "missing_column.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].str() == fixtures + "missing_column.csv:1: item \"Q2\": no column \"Q2\" in the header "
                                   "(expected it among the 6 columns)");

    p = problems_of<data_error>([&] { parse_responses("q1,Q2,recommend\n1,1,1\n", plain_survey()); });
    CHECK(contains(p[0].message, "did you mean \"q1\"?"));

    survey t = plain_survey();
    t.weight_column = "weight";
    t.segment_columns = {"channel"};
    p = problems_of<data_error>([&] { parse_responses("Q1,Q2,recommend\n1,1,1\n", t); });
    REQUIRE(p.size() == 2);
    CHECK(p[0].where.field == "weight column \"weight\"");
    CHECK(p[1].where.field == "segment column \"channel\"");
}

TEST_CASE("bad values name file, line and column") {
    const survey s = test_survey();
    auto p = problems_of<data_error>([&] { read_responses(fixtures + "non_numeric.csv", s); });
    REQUIRE(p.size() == 1);
    // Text that is neither a number nor a label: once per column, with its count (test_encodings.cpp).
    CHECK(p[0].str() == fixtures + "non_numeric.csv:3: column \"Q1\": 1 cell holds text that is neither a number nor "
                                   "a label of scale \"five\": \"good\" (1, first on line 3) (expected a number "
                                   "on the scale 1..5, a missing code (98, 99) or an empty cell; the scale has no "
                                   "labels: give its \"values\" labels in the schema to read text)");

    p = problems_of<data_error>([&] { read_responses(fixtures + "out_of_scale.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.file == fixtures + "out_of_scale.csv");
    CHECK(p[0].where.line == 4);
    CHECK(p[0].where.field == "column \"Q2\"");
    CHECK(p[0].message == "value 7 is outside the scale 1..5 (expected 1..5 or a missing code (98, 99))");

    p = problems_of<data_error>([&] { parse_responses("Q1,Q2,recommend\n1,1,inf\n", plain_survey(), named("f.csv")); });
    CHECK(p[0].str() == "f.csv:2: column \"recommend\": \"inf\" is not a finite number (expected a number on the scale 0..10 or an empty cell)");
}

TEST_CASE("the out-of-scale policy 'missing' turns such values into NaN and counts them") {
    read_options o;
    o.out_of_scale = out_of_scale_policy::missing;
    const responses r = read_responses(fixtures + "out_of_scale.csv", test_survey(), o);
    CHECK(std::isnan(r.values(2, 1)));
    CHECK(r.values(1, 1) == 5);
    CHECK(r.summary.out_of_scale == 1);
    CHECK(r.summary.missing_by_item.at("Q2") == 1);
}

TEST_CASE("weights must be finite and >= 0, and present") {
    const auto p = problems_of<data_error>([&] { read_responses(fixtures + "bad_weight.csv", test_survey()); });
    REQUIRE(p.size() == 2);
    CHECK(p[0].where.line == 3);
    CHECK(p[0].where.field == "column \"w\"");
    CHECK(p[0].message == "weight -2 is negative (expected a number >= 0)");
    CHECK(p[1].where.line == 4);
    CHECK(contains(p[1].message, "missing weight"));
    survey s = plain_survey();
    s.weight_column = "w";
    CHECK(problems_of<data_error>([&] { parse_responses("Q1,Q2,recommend,w\n1,1,1,x\n", s); })[0].message ==
          "\"x\" is not a number (expected a weight >= 0)");
    CHECK(contains(problems_of<data_error>([&] { parse_responses("Q1,Q2,recommend,w\n1,1,1,0\n", s); })[0].message,
                   "all weights are zero"));
}

TEST_CASE("broken files: invalid UTF-8, ragged rows, unterminated quotes") {
    const survey s = test_survey();
    auto p = problems_of<parse_error>([&] { read_responses(fixtures + "not_utf8.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 3);
    CHECK(p[0].where.field == "column \"region\"");
    // Line 3 "2,4,1,10,1,M\xfc..." starts at offset 33 + 19; the bad byte is its 13th.
    CHECK(contains(p[0].message, "byte 0xFC at byte 13 of the line, file offset 64 (expected UTF-8 text"));

    p = problems_of<parse_error>([&] { parse_responses("Q1,Q\xE9,recommend\n1,1,1\n", s, named("h.csv")); });
    CHECK(p[0].where.line == 1);
    CHECK(p[0].where.field == "column 2");
    CHECK(contains(p[0].message, "byte 0xE9 at byte 5 of the line"));

    p = problems_of<parse_error>([&] { read_responses(fixtures + "ragged.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].str() == fixtures + "ragged.csv:3: row has 6 fields (expected 7, as many as the header has columns)");

    p = problems_of<parse_error>([&] { read_responses(fixtures + "unterminated_quote.csv", s); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 3);
    CHECK(p[0].where.field == "column \"region\"");
    CHECK(contains(p[0].message, "quoted field is never closed"));

    p = problems_of<parse_error>([&] { parse_responses("Q1,Q2,recommend\n1,\"2\"x,3\n", plain_survey()); });
    CHECK(p[0].where.line == 2);
    CHECK(contains(p[0].message, "text after a closing quote"));

    CHECK_THROWS_AS(parse_responses("\xFF\xFEQ\0001\0", s), parse_error);
}

TEST_CASE("every problem of a file is reported at once, up to a cap") {
    const survey s = plain_survey();
    auto p = problems_of<parse_error>([&] {
        parse_responses("Q1,Q2,recommend\n9,1,1\n1,1\n1,x,1\n", s, named("many.csv"));
    });
    REQUIRE(p.size() == 3);  // a ragged row makes the whole error a parse_error
    CHECK(p[0].where.line == 2);
    CHECK(p[1].where.line == 3);
    CHECK(p[2].where.line == 4);

    std::string text = "Q1,Q2,recommend\n";
    for (int i = 0; i < 80; ++i) text += "0,1,1\n";
    p = problems_of<data_error>([&] { parse_responses(text, s, named("cap.csv")); });
    REQUIRE(p.size() == 52);
    CHECK(p[49].where.line == 51);
    CHECK(p[50].message == "... and 30 more problems (only the first 50 are listed)");
    // After the cap, always: the hint that the repeating 0 may be an undeclared missing code.
    CHECK(contains(p[51].message, "hint: value 0 repeats (\"Q1\" 80 of 80 rows (100%))"));
}

TEST_CASE("a file that cannot be opened is an io_error naming the path") {
    const std::string path = fixtures + "no_such_file.csv";
    const auto p = problems_of<io_error>([&] { read_responses(path, test_survey()); });
    CHECK(p[0].where.file == path);
    CHECK(contains(p[0].str(), path + ": cannot open file"));
    CHECK_THROWS_AS(read_responses(fixtures, test_survey()), io_error);  // a directory
}

TEST_CASE("make_responses applies the same rules to a matrix") {
    const survey s = test_survey();
    const double nan = std::nan("");
    Eigen::MatrixXd raw(3, 4);
    raw << 5, 1, 10, 7,  //
        98, 2, nan, 7,   //
        nan, 99, 0, 7;
    const std::vector<std::string> cols{"Q1", "Q2", "recommend", "extra"};
    std::map<std::string, std::vector<std::string>> groups{{"region", {"n", "s", "n"}}, {"wave", {"1", "1", "2"}}};
    const Eigen::VectorXd w = (Eigen::VectorXd(3) << 1, 2, 3).finished();
    const responses r = make_responses(s, cols, raw, w, groups);
    CHECK(r.source == "<memory>");
    CHECK(r.values(0, 0) == 5);
    CHECK(r.values(0, 1) == 5);  // reversed
    CHECK(r.values(1, 1) == 4);
    CHECK(std::isnan(r.values(1, 0)));
    CHECK(std::isnan(r.values(2, 1)));
    CHECK(r.weighted);
    CHECK(r.weights(2) == 3);
    CHECK(r.groups.at("wave")[2] == "2");
    CHECK(r.summary.empty == 2);
    CHECK(r.summary.missing_codes == 2);
    CHECK(r.summary.cells == 9);
    CHECK(r.lines == std::vector<std::size_t>{0, 0, 0});

    // Problems are named by 1-based row and column.
    Eigen::MatrixXd bad = raw;
    bad(2, 0) = 6;
    auto p = problems_of<data_error>([&] { make_responses(s, cols, bad, w, groups); });
    REQUIRE(p.size() == 1);
    CHECK(p[0].str() == "<memory>:3: column \"Q1\": value 6 is outside the scale 1..5 (expected 1..5 or a missing code (98, 99))");

    // The weight column may be one of the matrix columns; weights must be >= 0.
    Eigen::MatrixXd with_w(2, 4);
    with_w << 1, 1, 1, 2,  //
        2, 2, 2, -1;
    p = problems_of<data_error>([&] {
        make_responses(s, {"Q1", "Q2", "recommend", "w"}, with_w, {},
                       {{"region", {"a", "b"}}, {"wave", {"1", "1"}}});
    });
    REQUIRE(p.size() == 1);
    CHECK(p[0].where.line == 2);
    CHECK(p[0].where.field == "column \"w\"");

    // A missing item column, a missing weight and missing groups are all named.
    p = problems_of<data_error>([&] { make_responses(s, {"Q1", "Q2", "x"}, raw.leftCols(3)); });
    REQUIRE(p.size() == 4);
    CHECK(p[0].where.field == "item \"NPS\"");
    CHECK(p[1].where.field == "weight column \"w\"");
    CHECK(p[2].where.field == "column \"region\"");
    CHECK(p[3].where.field == "column \"wave\"");

    CHECK_THROWS_AS(make_responses(s, {"Q1"}, raw), argument_error);
    const responses plain = make_responses(plain_survey(), cols, raw);
    CHECK_FALSE(plain.weighted);
    CHECK(plain.weights.sum() == 3);
}

TEST_CASE("column() and subset()") {
    const responses r = read_responses(fixtures + "valid.csv", test_survey());
    CHECK(r.column("Q1") == 0);
    CHECK(r.column("NPS") == 2);
    CHECK_THROWS_AS(r.column("recommend"), data_error);  // items by id, not by column name

    const responses sub = r.subset({3, 0});
    REQUIRE(sub.respondents() == 2);
    CHECK(sub.values(0, 0) == 3);
    CHECK(sub.values(1, 0) == 5);
    CHECK(sub.weights(0) == 1);
    CHECK(sub.weights(1) == doctest::Approx(1.5));
    CHECK(sub.lines == std::vector<std::size_t>{5, 2});
    CHECK(sub.groups.at("region") == std::vector<std::string>{"the \"west\"", "north"});
    CHECK(sub.item_ids == r.item_ids);
    CHECK(sub.weighted);
    CHECK_THROWS_AS(r.subset({4}), argument_error);
    CHECK(r.subset({}).respondents() == 0);
}

TEST_CASE("the shared ECSI data set reads as 250 x 24 with no missing values") {
    const responses r = test_support::ecsi_responses();
    CHECK(r.respondents() == 250);
    CHECK(r.values.cols() == 24);
    CHECK(r.summary.empty + r.summary.missing_codes == 0);
    CHECK(r.values.minCoeff() >= 1);
    CHECK(r.values.maxCoeff() <= 10);
    CHECK(r.values(0, r.column("CUEX1")) == 7);  // first data row of mobi.csv
    CHECK(r.values(1, r.column("CUSL2")) == 2);
}

TEST_CASE("a large file parses (200,000 x 30)") {
    survey s;
    scale ten;
    ten.id = "ten";
    ten.min = 0;
    ten.max = 10;
    s.scales = {ten};
    std::string text;
    for (int j = 0; j < 30; ++j) {
        item it;
        it.id = "V" + std::to_string(j);
        it.scale = "ten";
        s.items.push_back(it);
        text += (j ? "," : "") + it.id;
    }
    text += '\n';
    const int n = 200000;
    text.reserve(text.size() + static_cast<std::size_t>(n) * 61);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 30; ++j) {
            text += static_cast<char>('0' + (i + j) % 10);
            text += j == 29 ? '\n' : ',';
        }
    const responses r = parse_responses(text, s);
    REQUIRE(r.respondents() == static_cast<std::size_t>(n));
    CHECK(r.values(n - 1, 29) == (n - 1 + 29) % 10);
    CHECK(r.lines.back() == static_cast<std::size_t>(n) + 1);
    CHECK(r.summary.cells == static_cast<std::size_t>(n) * 30);
}

TEST_CASE("a cell holding a label of its scale reads as the labelled value") {
    survey s = plain_survey();
    s.scales[0].values = {{1, {{{"en", "Very dissatisfied"}, {"zh", "非常不满意"}}}, {}},
                          {5, {{{"en", "Very satisfied"}, {"zh", "非常满意"}}}, {}}};
    s.scales[0].missing[0].label = {{{"zh", "不知道"}}};
    const responses r = parse_responses("Q1,Q2,recommend\n非常满意,1,7\n very SATISFIED ,非常不满意,8\n不知道,3,9\n", s);
    REQUIRE(r.respondents() == 3);
    CHECK(r.values(0, 0) == 5);
    CHECK(r.values(1, 0) == 5);
    CHECK(r.values(1, 1) == 5);  // Q2 is reversed: label 1 -> 5
    CHECK(std::isnan(r.values(2, 0)));
    CHECK(r.summary.codes_by_kind.at("dont_know") == 1);
    CHECK_THROWS_AS(parse_responses("Q1,Q2,recommend\nsatisfied,1,7\n", s), data_error);
}
