// score_file(): the scoring report of a streamed file equals score() on the file read whole:
// every text, count and flag identical, every number to 1e-12 relative, for the bundled
// examples (weights, waves, segments, NPS, missing answers, AHP) read in 4 KiB chunks on two
// threads, for a segment column pooled past max_segments_shown, and the refusals.
#include <csikit/data.hpp>
#include <csikit/report.hpp>
#include <csikit/score_stream.hpp>
#include <csikit/scoring.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>

#include "support/files.hpp"

using namespace csikit;

namespace {

/// Walks two JSON documents: the same keys, lengths, strings, booleans and integers; numbers
/// that are not integers within `tolerance` relative. Counts the numbers compared.
void same_document(const nlohmann::json& a, const nlohmann::json& b, const std::string& path, double tolerance,
                   std::size_t& numbers) {
    CAPTURE(path);
    REQUIRE(a.type() == b.type());
    if (a.is_object()) {
        REQUIRE(a.size() == b.size());
        for (auto it = a.begin(); it != a.end(); ++it) {
            REQUIRE(b.contains(it.key()));
            same_document(*it, b.at(it.key()), path + "." + it.key(), tolerance, numbers);
        }
    } else if (a.is_array()) {
        REQUIRE(a.size() == b.size());
        for (std::size_t k = 0; k < a.size(); ++k) same_document(a[k], b[k], path + "[" + std::to_string(k) + "]", tolerance, numbers);
    } else if (a.is_number_float()) {
        const double x = a.get<double>(), y = b.get<double>();
        ++numbers;
        CHECK(std::abs(x - y) <= tolerance * std::max({1.0, std::abs(x), std::abs(y)}));
    } else {
        CHECK(a == b);
    }
}

std::size_t compare_routes(const survey& s, const std::string& path, const score_options& o) {
    const score_report whole = score(s, read_responses(path, s), o);
    stream_options small;
    small.chunk_bytes = min_chunk_bytes;  // many chunks even for the small examples
    small.threads = 2;
    const score_report streamed = score_file(s, path, o, {}, small);
    std::size_t numbers = 0;
    same_document(nlohmann::json::parse(to_json(whole)), nlohmann::json::parse(to_json(streamed)), "", 1e-12, numbers);
    return numbers;
}

}  // namespace

TEST_CASE("a streamed score equals the score of the file read whole: the bundled examples") {
    for (const char* example : {"bank_branch", "monthly_trend", "feedback", "courier_ipa"}) {
        CAPTURE(example);
        const std::string dir = test_support::source_path(std::string("examples/") + example + "/");
        const survey s = load_survey(dir + "schema.json");
        score_options o;
        CHECK(compare_routes(s, dir + "responses.csv", o) > 100);
        if (!s.segment_columns.empty()) {
            o.by = s.segment_columns.front();
            CHECK(compare_routes(s, dir + "responses.csv", o) > 100);
        }
        o.by.clear();
        o.rescale = rescaling::proportional;
        o.threshold = 60;
        o.interval = proportion_method::clopper_pearson;
        o.by_wave = false;
        CHECK(compare_routes(s, dir + "responses.csv", o) > 100);
    }
}

TEST_CASE("a streamed score pools a segment column past max_segments_shown as score() does") {
    // 3 items on 1..5 under a two-level hierarchy, fractional weights, one answer in seven
    // missing, and a store column of 80 values of different sizes (plus empty cells).
    survey s;
    s.name = "stores";
    s.scales = {{"five", 1, 5, {}, {}, {}}};
    for (const char* id : {"q1", "q2", "q3"}) s.items.push_back({id, {}, "five", false, ""});
    node root;
    root.id = "CSI";
    node a;
    a.id = "A";
    a.weight = 2;
    a.children = {node{"", {}, 1, "q1", {}}, node{"", {}, 1, "q2", {}}};
    root.children = {a, node{"", {}, 1, "q3", {}}};
    s.hierarchy = root;
    s.weight_column = "w";
    s.segment_columns = {"store"};
    const std::string path = "test_score_stream_stores.csv";
    {
        std::ofstream f(path);
        f << "q1,q2,q3,w,store\n";
        std::mt19937_64 rng(3);
        std::uniform_int_distribution<int> point(1, 5), gap(0, 6), store(0, 79), weight(1, 8);
        for (int r = 0; r < 3000; ++r) {
            for (int k = 0; k < 3; ++k) {
                if (gap(rng)) f << point(rng);
                f << ',';
            }
            const int st = store(rng) % (1 + store(rng));  // small stores are rarer
            f << weight(rng) / 4.0 << ',' << (r % 97 == 0 ? std::string() : "S" + std::to_string(st)) << '\n';
        }
    }
    score_options o;
    o.by = "store";
    const score_report whole = score(s, read_responses(path, s), o);
    REQUIRE(whole.by_segment.size() == max_segments_shown + 1);
    CHECK(whole.by_segment.back().value == other_segments);
    CHECK(compare_routes(s, path, o) > 1000);
    std::remove(path.c_str());
}

TEST_CASE("a streamed score refuses what needs the rows, naming it") {
    const std::string dir = test_support::source_path("examples/bank_branch/");
    const survey s = load_survey(dir + "schema.json");
    score_options o;
    o.aggregate = aggregation::mean_first;
    try {
        (void)score_file(s, dir + "responses.csv", o);
        FAIL("mean-first was accepted");
    } catch (const argument_error& e) {
        CHECK(std::string(e.what()).find("aggregate") != std::string::npos);
    }
    o = {};
    o.by = "nosuch";
    CHECK_THROWS_AS((void)score_file(s, dir + "responses.csv", o), argument_error);
    // A --by column with more values than max_stream_segment_values.
    survey one;
    one.name = "many";
    one.scales = {{"five", 1, 5, {}, {}, {}}};
    one.items.push_back({"q", {}, "five", false, ""});
    one.segment_columns = {"id"};
    const std::string path = "test_score_stream_ids.csv";
    {
        std::ofstream f(path);
        f << "q,id\n";
        for (std::size_t r = 0; r <= max_stream_segment_values; ++r) f << 1 + r % 5 << ",r" << r << '\n';
    }
    o = {};
    o.by = "id";
    try {
        (void)score_file(one, path, o);
        FAIL("a column past the limit was accepted");
    } catch (const argument_error& e) {
        CHECK(std::string(e.what()).find("max_stream_segment_values") != std::string::npos);
    }
    // Without --by the column only feeds the notes: the report is made, with a note.
    o.by.clear();
    const score_report r = score_file(one, path, o);
    CHECK(r.sample.respondents == max_stream_segment_values + 1);
    bool noted = false;
    for (const auto& n : r.notes) noted = noted || n.find("more than") != std::string::npos;
    CHECK(noted);
    std::remove(path.c_str());
}
