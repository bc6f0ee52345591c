// The streaming CSV reader (issue 13): chunks parsed on several threads give exactly the rows of
// read_responses (the independent in-memory route), whatever the chunk size and thread count;
// its errors are read_responses' errors; limits and cancellation.
#include <csikit/csv_stream.hpp>
#include <csikit/error.hpp>
#include <csikit/schema.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/ecsi.hpp"

using namespace csikit;

namespace {

/// Every chunk of a streamed file, joined back into one `responses`.
struct joined {
    std::vector<std::vector<double>> rows;
    std::vector<double> weights;
    std::vector<std::size_t> lines;
    std::map<std::string, std::vector<std::string>> groups;
    std::size_t chunks = 0;
    read_summary summary;
};

joined stream(const std::string& path, const survey& s, std::size_t chunk, unsigned threads, read_options ro = {}) {
    joined j;
    stream_options so;
    so.chunk_bytes = chunk;
    so.threads = threads;
    j.summary = stream_responses(
        path, s,
        [&](responses&& r) {
            ++j.chunks;
            for (Eigen::Index i = 0; i < r.values.rows(); ++i) {
                j.rows.emplace_back(r.values.row(i).begin(), r.values.row(i).end());
                j.weights.push_back(r.weights(i));
            }
            j.lines.insert(j.lines.end(), r.lines.begin(), r.lines.end());
            for (auto& [name, v] : r.groups) j.groups[name].insert(j.groups[name].end(), v.begin(), v.end());
        },
        ro, so);
    return j;
}

/// Same bits (NaN equal to NaN).
bool same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b)); }

void check_equal(const joined& j, const responses& r) {
    REQUIRE(j.rows.size() == r.respondents());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < j.rows.size(); ++i) {
        for (Eigen::Index c = 0; c < r.values.cols(); ++c)
            if (!same(j.rows[i][static_cast<std::size_t>(c)], r.values(static_cast<Eigen::Index>(i), c))) ++differ;
        if (!same(j.weights[i], r.weights(static_cast<Eigen::Index>(i)))) ++differ;
    }
    CHECK(differ == 0);
    CHECK(j.lines == r.lines);
    CHECK(j.groups == r.groups);
    CHECK(j.summary.respondents == r.summary.respondents);
    CHECK(j.summary.cells == r.summary.cells);
    CHECK(j.summary.empty == r.summary.empty);
    CHECK(j.summary.missing_codes == r.summary.missing_codes);
    CHECK(j.summary.out_of_scale == r.summary.out_of_scale);
    CHECK(j.summary.reversed_items == r.summary.reversed_items);
    CHECK(j.summary.missing_by_item == r.summary.missing_by_item);
    CHECK(j.summary.codes_by_kind == r.summary.codes_by_kind);
    CHECK(j.summary.layout == r.summary.layout);
    CHECK(j.summary.header_rows == r.summary.header_rows);
    CHECK(j.summary.encoding == r.summary.encoding);
}

/// Q1 1..5 with labels and missing codes, Q2 reverse, NPS 0..10, weight, segment and wave.
survey rich_survey() {
    return parse_survey(R"({"name": "stream", "scales": [
        {"id": "five", "min": 1, "max": 5, "values": [{"value": 1, "label": "poor"}, {"value": 5, "label": "great"}],
         "missing": [{"code": 98, "kind": "dont_know"}, {"code": 99, "kind": "refused"}]},
        {"id": "ten", "min": 0, "max": 10}],
      "items": [{"id": "Q1", "scale": "five"}, {"id": "Q2", "scale": "five", "reverse": true},
                {"id": "NPS", "scale": "ten", "column": "recommend"}],
      "weight_column": "w", "segment_columns": ["region"], "wave_column": "wave"})");
}

struct temp_file {
    std::string path;
    explicit temp_file(const std::string& text, const std::string& name) {
        path = (std::filesystem::temp_directory_path() / ("csikit_stream_" + std::to_string(::getpid()) + "_" + name)).string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~temp_file() { std::remove(path.c_str()); }
};

/// A file that exercises every rule and every way a record can meet a chunk boundary: quoted
/// segment values with commas, doubled quotes and newlines, labels, missing codes, empty cells,
/// out-of-scale values, blank lines, CRLF or lone-CR line ends, real weights.
std::string rich_csv(std::size_t rows, const char* eol, unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* regions[] = {"north", "\"south, east\"", "\"say \"\"west\"\"\"", "\"multi\nline\"", "  mid  ", ""};
    const char* q1[] = {"1", "2", "3", "4", "5", "98", "99", "", "poor", "great", " 3 ", "\"4\"", "7"};
    std::string t = std::string("Q1,Q2,recommend,w,region,wave") + eol;
    for (std::size_t i = 0; i < rows; ++i) {
        if (pick(50) == 0) t += eol;  // a blank line now and then
        t += q1[pick(13)];
        t += ',' + std::to_string(1 + pick(5)) + ',' + (pick(20) ? std::to_string(pick(11)) : std::string()) + ',';
        t += std::to_string(pick(4)) + "." + std::to_string(pick(100)) + ',';
        t += regions[pick(6)];
        t += ",2026-" + std::to_string(1 + pick(3)) + eol;
    }
    return t;
}

}  // namespace

TEST_CASE("streaming the ECSI file gives read_responses' rows, bit for bit, for any chunk size and thread count") {
    const std::string path = test_support::shared_path("ecsi/mobi.csv");
    const responses whole = read_responses(path, test_support::ecsi_survey());
    for (std::size_t chunk : {std::size_t{4096}, std::size_t{5000}, std::size_t{1} << 22})
        for (unsigned threads : {1u, 2u, 3u}) {
            CAPTURE(chunk);
            CAPTURE(threads);
            const joined j = stream(path, test_support::ecsi_survey(), chunk, threads);
            check_equal(j, whole);
            if (chunk < 8192) CHECK(j.chunks > 1);  // the file (~14 KB) really was split
        }
}

TEST_CASE("quoted newlines, doubled quotes, labels, codes, blank lines and every line end survive chunking") {
    const survey s = rich_survey();
    read_options ro;
    ro.out_of_scale = out_of_scale_policy::missing;  // the 7s of Q1 become missing, counted
    for (const char* eol : {"\n", "\r\n", "\r"}) {
        const temp_file f(rich_csv(4000, eol, 7), "rich.csv");
        const responses whole = read_responses(f.path, s, ro);
        REQUIRE(whole.summary.out_of_scale > 0);
        REQUIRE(whole.summary.missing_codes > 0);
        for (std::size_t chunk : {std::size_t{4096}, std::size_t{4099}, std::size_t{10007}})
            for (unsigned threads : {1u, 4u}) {
                CAPTURE(std::strlen(eol));
                CAPTURE(chunk);
                CAPTURE(threads);
                const joined j = stream(f.path, s, chunk, threads, ro);
                CHECK(j.chunks > 5);
                check_equal(j, whole);
            }
    }
}

TEST_CASE("simulated integer data: the same rows from every route") {
    // A large-ish file of integer answers, as `csikit simulate` writes them (1..10, some empty).
    std::mt19937 rng(11);
    std::string t;
    for (int c = 0; c < 24; ++c) t += (c ? ",x" : "x") + std::to_string(c);
    t += "\n";
    for (int i = 0; i < 20000; ++i) {
        for (int c = 0; c < 24; ++c) {
            if (c) t += ',';
            if (rng() % 40) t += std::to_string(1 + rng() % 10);
        }
        t += "\n";
    }
    std::string schema = R"({"name": "sim", "scales": [{"id": "ten", "min": 1, "max": 10}], "items": [)";
    for (int c = 0; c < 24; ++c) schema += std::string(c ? "," : "") + R"({"id": "x)" + std::to_string(c) + R"(", "scale": "ten"})";
    const survey s = parse_survey(schema + "]}");
    const temp_file f(t, "sim.csv");
    const responses whole = read_responses(f.path, s);
    const joined j = stream(f.path, s, 65536, 2);
    CHECK(j.chunks > 5);
    check_equal(j, whole);
}

TEST_CASE("a problem in a late chunk is read_responses' problem, with its line") {
    const survey s = rich_survey();
    std::string t = rich_csv(3000, "\n", 3);
    // Line 2,000 or so gets a value outside the scale (the error policy) and a bad weight.
    std::size_t at = 0;
    for (int k = 0; k < 2000; ++k) at = t.find('\n', at) + 1;
    t.insert(at, "4,6,3,1,north,2026-1\n");
    const temp_file f(t, "bad.csv");
    std::string expected, got;
    try {
        (void)read_responses(f.path, s);
    } catch (const data_error& e) {
        expected = e.problems().front().message + " @" + std::to_string(e.problems().front().where.line);
    }
    try {
        (void)stream(f.path, s, 4096, 2);
    } catch (const data_error& e) {
        got = e.problems().front().message + " @" + std::to_string(e.problems().front().where.line);
    }
    REQUIRE(!expected.empty());
    CHECK(got == expected);
}

TEST_CASE("the checks that need every row see every chunk") {
    const survey s = rich_survey();
    std::string t = "Q1,Q2,recommend,w,region,wave\n";
    for (int i = 0; i < 2000; ++i) t += "3,3,7,0,north,1\n";  // every weight zero: no chunk may pass it
    const temp_file f(t, "zero.csv");
    std::string expected, got;
    try { (void)read_responses(f.path, s); } catch (const data_error& e) { expected = e.what(); }
    try { (void)stream(f.path, s, 4096, 2); } catch (const data_error& e) { got = e.what(); }
    REQUIRE(expected.find("all weights are zero") != std::string::npos);
    CHECK(got == expected);

    const temp_file header_only("Q1,Q2,recommend,w,region,wave\n\n\n", "empty.csv");
    std::string e1, e2;
    try { (void)read_responses(header_only.path, s); } catch (const error& e) { e1 = e.what(); }
    try { (void)stream(header_only.path, s, 4096, 2); } catch (const error& e) { e2 = e.what(); }
    REQUIRE(e1.find("no data rows") != std::string::npos);
    CHECK(e2 == e1);
}

TEST_CASE("limits, progress and cancelling") {
    const std::string path = test_support::shared_path("ecsi/mobi.csv");
    const survey& s = test_support::ecsi_survey();
    stream_options so;
    so.chunk_bytes = min_chunk_bytes - 1;
    CHECK_THROWS_WITH_AS(stream_responses(path, s, [](responses&&) {}, {}, so),
                         doctest::Contains("min_chunk_bytes"), argument_error);
    so.chunk_bytes = max_chunk_bytes + 1;
    CHECK_THROWS_AS(stream_responses(path, s, [](responses&&) {}, {}, so), argument_error);

    so.chunk_bytes = 4096;
    std::vector<stream_progress> seen;
    so.progress = [&](const stream_progress& p) {
        seen.push_back(p);
        return true;
    };
    (void)stream_responses(path, s, [](responses&&) {}, {}, so);
    REQUIRE(seen.size() > 1);
    CHECK(seen.back().bytes == std::filesystem::file_size(path));
    CHECK(seen.back().total_bytes == std::filesystem::file_size(path));
    CHECK(seen.back().rows == 250);
    for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i].rows > seen[i - 1].rows);

    so.progress = [](const stream_progress&) { return false; };
    CHECK_THROWS_AS(stream_responses(path, s, [](responses&&) {}, {}, so), cancelled_error);
}

TEST_CASE("a record longer than max_record_bytes stops the stream, naming its line") {
    // Not built in memory at 256 MiB: the same code path is reached by a quote that never closes
    // in a file smaller than the limit (the reader then reports it as read_responses does).
    const survey s = rich_survey();
    const temp_file f("Q1,Q2,recommend,w,region,wave\n3,3,7,1,\"never closed,1\n3,3,7,1,north,1\n", "open.csv");
    std::string e1, e2;
    try { (void)read_responses(f.path, s); } catch (const parse_error& e) { e1 = e.what(); }
    try { (void)stream(f.path, s, 4096, 2); } catch (const parse_error& e) { e2 = e.what(); }
    REQUIRE(e1.find("never closed") != std::string::npos);
    CHECK(e2 == e1);
}

TEST_CASE("text in UTF-16 (with its byte-order mark) is converted as it streams") {
    const survey s = rich_survey();
    const std::string utf8 = rich_csv(3000, "\r\n", 5);
    std::string utf16 = "\xFF\xFE";  // little-endian order mark, then each ASCII byte and a zero
    for (char c : utf8) {
        utf16 += c;
        utf16 += '\0';
    }
    const temp_file f(utf16, "utf16.csv");
    read_options ro;
    ro.out_of_scale = out_of_scale_policy::missing;
    const responses whole = read_responses(f.path, s, ro);
    REQUIRE(whole.summary.encoding != "UTF-8");
    const joined j = stream(f.path, s, 4096, 2, ro);
    CHECK(j.chunks > 5);
    check_equal(j, whole);
}
