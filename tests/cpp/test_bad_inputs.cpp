// Hardening: the bad-input corpus (tests/corpus/bad/manifest.tsv) and hostile inputs generated
// here because they are too big to commit (10^5..10^6 columns, a 64 MB line, JSON nested 10^5
// levels deep). Every input either loads or throws the documented csikit::error kind with the
// documented message; none may crash, hang or stack-overflow. Also replays the fuzz
// regressions (tests/corpus/regressions/). docs/reliability.md lists every case.
#include <csikit/data.hpp>
#include <csikit/schema.hpp>
#include <csikit/report.hpp>
#include <csikit/model_syntax.hpp>
#include <csikit/scoring.hpp>

#include "readstat_reader.hpp"  // src/data: the fuzz_stat regressions
#include "sniff.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/files.hpp"

using namespace csikit;
namespace fs = std::filesystem;

namespace {

const std::string corpus = std::string(CSIKIT_SOURCE_DIR) + "/tests/corpus/";

using test_support::slurp;

const survey& corpus_survey() {
    static const survey s = load_survey(corpus + "bad/survey.json");
    return s;
}

struct manifest_line {
    std::string file, kind, expected, message;
};

std::vector<manifest_line> read_manifest() {
    std::vector<manifest_line> out;
    std::istringstream in(slurp(corpus + "bad/manifest.tsv"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::size_t start = 0;
        for (;;) {
            const std::size_t tab = line.find('\t', start);
            cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
            if (tab == std::string::npos) break;
            start = tab + 1;
        }
        REQUIRE_MESSAGE(cols.size() == 4, "manifest line needs 4 tab-separated columns: " << line);
        out.push_back({cols[0], cols[1], cols[2], cols[3]});
    }
    return out;
}

/// Runs `f`, which must throw a csikit::error of `kind` whose message contains `needle`.
template <class F>
void expect_error(F&& f, error_kind kind, const std::string& needle, const std::string& what) {
    try {
        f();
        FAIL_CHECK(what << ": no error (expected a " << to_string(kind) << " error containing '" << needle << "')");
    } catch (const error& e) {
        CHECK_MESSAGE(e.kind() == kind,
                      what << ": got a " << to_string(e.kind()) << " error: " << e.what() << " (expected "
                           << to_string(kind) << ")");
        CHECK_MESSAGE(std::string(e.what()).find(needle) != std::string::npos,
                      what << ": message '" << std::string(e.what()) << "' lacks '" << needle << "'");
        CHECK_FALSE(e.problems().empty());
    }
}

error_kind kind_named(const std::string& name) {
    for (int k = 1; k <= 9; ++k)
        if (name == to_string(static_cast<error_kind>(k))) return static_cast<error_kind>(k);
    FAIL("unknown error kind in the manifest: " << name);
    return error_kind::io;
}

/// True if some segment/wave value of `r` contains `needle`.
bool groups_contain(const responses& r, const std::string& needle) {
    for (const auto& [col, cells] : r.groups)
        for (const auto& c : cells)
            if (c.find(needle) != std::string::npos) return true;
    return false;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("bad-input corpus: every manifest line gives its documented result") {
    const auto lines = read_manifest();
    REQUIRE(lines.size() >= 40);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(corpus + "bad"))
        if (e.path().filename() != "manifest.tsv" && e.path().filename() != "survey.json") ++files;
    CHECK_MESSAGE(files == lines.size(), "every file of tests/corpus/bad has a manifest line and vice versa");

    for (const auto& m : lines) {
        CAPTURE(m.file);
        const std::string text = slurp(corpus + "bad/" + m.file);
        if (m.kind == "schema") {
            auto run = [&] { return parse_survey(text, m.file); };
            if (m.expected == "ok") {
                survey s;
                REQUIRE_NOTHROW(s = run());
                CHECK(validate(s).empty());
                // Text such as "=cmd|..." is data: kept verbatim, through a round trip too.
                const std::string out = to_json_text(s);
                if (!m.message.empty()) CHECK(out.find(m.message) != std::string::npos);
                CHECK_NOTHROW(parse_survey(out, "roundtrip"));
            } else {
                expect_error(run, kind_named(m.expected), m.message, m.file);
                // The message names the file it came from.
                try {
                    run();
                } catch (const error& e) {
                    CHECK(std::string(e.what()).find(m.file) != std::string::npos);
                }
            }
        } else {
            REQUIRE(m.kind == "csv");
            read_options opt;
            opt.source = m.file;
            auto run = [&] { return parse_responses(text, corpus_survey(), opt); };
            if (m.expected == "ok") {
                responses r;
                REQUIRE_NOTHROW(r = run());
                CHECK(r.respondents() >= 1);
                for (Eigen::Index i = 0; i < r.weights.size(); ++i) CHECK(std::isfinite(r.weights(i)));
                if (!m.message.empty()) CHECK(groups_contain(r, m.message));
            } else {
                expect_error(run, kind_named(m.expected), m.message, m.file);
            }
        }
    }
}

TEST_CASE("CSV injection: labels and segment values stay text, never evaluated or altered") {
    const auto s = parse_survey(slurp(corpus + "bad/s_csv_injection_label.json"));
    CHECK(s.name == "=cmd|' /C calc'!A0");
    CHECK(s.items[0].text.get() == "=HYPERLINK(\"http://evil.example\",\"click\")");
    CHECK(s.items[1].text.get() == "+1+cmd|' /C calc'!A0");
    CHECK(s.hierarchy->label.get() == "-2+3");
    CHECK(s.scales[0].values[0].label.get() == "@SUM(1+1)*cmd|' /C calc'!A0");

    const auto r = parse_responses(slurp(corpus + "bad/c_csv_injection.csv"), corpus_survey());
    REQUIRE(r.respondents() == 2);
    CHECK(r.groups.at("seg")[0] == "=cmd|' /C calc'!A0");
    CHECK(r.groups.at("wave")[0] == "@SUM(1+1)");
    CHECK(r.groups.at("seg")[1] == "+1+1");
    CHECK(r.groups.at("wave")[1] == "-2+3");
    // The segment value is a group name in the report, as written.
    score_options o;
    o.by = "seg";
    const auto rep = score(corpus_survey(), r, o);
    REQUIRE(rep.by_segment.size() == 2);
    bool found = false;
    for (const auto& g : rep.by_segment) found = found || g.value == "=cmd|' /C calc'!A0";
    CHECK(found);
    const std::string json = to_json(rep, -1);
    CHECK(json.find("=cmd|' /C calc'!A0") != std::string::npos);
}

TEST_CASE("Unicode tricks in ids: invisible and direction characters rejected, homoglyphs kept apart") {
    // A zero-width joiner makes "Q1\u200d" look like "Q1" while matching no "Q1" column.
    expect_error([] { parse_survey(slurp(corpus + "bad/s_zero_width_joiner_id.json")); }, error_kind::schema,
                 "items[0].id", "ZWJ");
    // Homoglyphs are distinct ids (Latin E vs Cyrillic Е): accepted, and never confused.
    const auto s = parse_survey(slurp(corpus + "bad/s_homoglyph_ids.json"));
    REQUIRE(s.items.size() == 2);
    CHECK(s.find_item("E1") != s.find_item("\xd0\x95" "1"));
    // A CSV column in Latin letters does not satisfy the Cyrillic id.
    expect_error([&] { parse_responses("E1,x\n3,1\n", s); }, error_kind::data, "no column \"\xd0\x95" "1\"",
                 "homoglyph column");
    // Invisible characters in labels are fine: labels are free text.
    CHECK_NOTHROW(parse_survey(R"({"name": "x", "scales": [{"id": "s", "min": 1, "max": 5}],
        "items": [{"id": "Q", "scale": "s", "text": "a\u200db\u202ec"}]})"));
}

TEST_CASE("huge and tiny numbers, 1e308 weights: no overflow into NaN or infinity") {
    // 1e308 weights are finite, but their sum (and Kish's sum of squares) overflows: refused
    // when read, before scoring could turn them into NaN shares.
    expect_error([] { parse_responses(slurp(corpus + "bad/c_weight_1e308.csv"), corpus_survey()); },
                 error_kind::data, "weights too large", "1e308 weights");
    // 1e150 weights: large, but every sum fits; results equal those with unit weights.
    const auto r = parse_responses("Q1,Q2,NPS,w,seg,wave\n3,3,7,1e150,a,w1\n4,4,9,1e150,b,w1\n5,2,10,1e150,a,w2\n",
                                   corpus_survey());
    const auto rep = score(corpus_survey(), r);
    const auto* q1 = rep.overall.find_item("Q1");
    REQUIRE(q1 != nullptr);
    CHECK(q1->mean.mean == doctest::Approx(4.0));
    CHECK(rep.sample.n_eff == doctest::Approx(3.0));
    REQUIRE(rep.overall.satisfaction_rate);
    CHECK(std::isfinite(rep.overall.satisfaction_rate->p));
    // Through make_responses too.
    Eigen::MatrixXd raw(2, 3);
    raw << 3, 3, 7, 4, 4, 9;
    const std::map<std::string, std::vector<std::string>> groups{{"seg", {"a", "b"}}, {"wave", {"w1", "w1"}}};
    expect_error([&] { make_responses(corpus_survey(), {"Q1", "Q2", "NPS"}, raw, Eigen::Vector2d(1e308, 1e308), groups); },
                 error_kind::data, "weights too large", "make_responses 1e308");
    // Schema weights of 1e308 on two siblings.
    // Their sum overflows (every share would be 1e308/inf = 0): the schema is refused.
    expect_error([] { parse_survey(slurp(corpus + "bad/s_huge_weights.json")); }, error_kind::schema,
                 "hierarchy.children: the children's weights sum to infinity", "1e308 node weights");
    // 1e307 each still sums to a finite 2e307: normalised to 1/2 each, not 0 or NaN.
    std::string text = slurp(corpus + "bad/s_huge_weights.json");
    for (std::size_t at; (at = text.find("1e308")) != std::string::npos;) text.replace(at, 5, "1e307");
    const auto s = parse_survey(text);
    const auto big = score(s, parse_responses("A,B\n1,5\n5,5\n", s));
    REQUIRE(!big.overall.nodes.empty());
    CHECK(big.overall.nodes[0].score.mean == doctest::Approx(75.0));
}

TEST_CASE("very many columns: 10^5 and 10^6 header columns read in seconds") {
    for (const std::size_t extra : {std::size_t{100000}, std::size_t{1000000}}) {
        CAPTURE(extra);
        std::string header = "Q1,Q2,NPS,w,seg,wave";
        std::string row = "3,4,9,1,a,w1";
        header.reserve(header.size() + extra * 9);
        row.reserve(row.size() + extra * 2);
        for (std::size_t i = 0; i < extra; ++i) {
            header += ",x" + std::to_string(i);
            row += ",1";
        }
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = parse_responses(header + "\n" + row + "\n" + row + "\n", corpus_survey());
        CHECK(seconds_since(t0) < 30);
        REQUIRE(r.respondents() == 2);
        CHECK(r.values(0, 0) == 3);
        CHECK(r.values(1, 2) == 9);
        // A row with as many fields but the header one short: a ragged row, named.
        expect_error([&] { parse_responses(header + "\n" + row + ",1\n", corpus_survey()); }, error_kind::parse,
                     "fields (expected " + std::to_string(extra + 6), "ragged wide row");
    }
    // The same column name 10^5 times: every duplicate reported, the list capped.
    std::string header = "Q1,Q2,NPS,w,seg,wave";
    for (int i = 0; i < 100000; ++i) header += ",dup";
    try {
        parse_responses(header + "\n", corpus_survey());
        FAIL("no error for 10^5 duplicate columns");
    } catch (const error& e) {
        CHECK(e.kind() == error_kind::data);
        CHECK(e.problems().size() <= 60);  // capped (responses_check.hpp: 50 + a summary)
        CHECK(std::string(e.what()).find("appears twice") != std::string::npos);
    }
}

TEST_CASE("a very long line: a 64 MB cell is read or refused in seconds, the message stays short") {
    // 64 MB keeps the test within a few seconds under AddressSanitizer; the reader is linear, so
    // 1 GB costs 16x the time and memory (docs/reliability.md).
    constexpr std::size_t big = std::size_t{64} << 20;
    const std::string head = "Q1,Q2,NPS,w,seg,wave\n";
    {
        std::string text = head + "3,4,9,1,";
        text.append(big, 'a');
        text += ",w1\n";
        const auto t0 = std::chrono::steady_clock::now();
        const auto r = parse_responses(text, corpus_survey());
        CHECK(seconds_since(t0) < 60);
        REQUIRE(r.respondents() == 1);
        CHECK(r.groups.at("seg")[0].size() == big);
    }
    {
        std::string text = head;
        text.append(big, '7');
        text += ",4,9,1,a,w1\n";
        const auto t0 = std::chrono::steady_clock::now();
        try {
            parse_responses(text, corpus_survey());
            FAIL("a 64 MB number was accepted");
        } catch (const error& e) {
            CHECK(e.kind() == error_kind::data);
            CHECK(std::string(e.what()).size() < 1000);  // the cell is quoted shortened, not whole
        }
        CHECK(seconds_since(t0) < 60);
    }
    {
        // An unterminated quote at the start of a 64 MB tail: one parse_error, no rescans.
        std::string text = head + "\"";
        text.append(big, 'x');
        const auto t0 = std::chrono::steady_clock::now();
        expect_error([&] { parse_responses(text, corpus_survey()); }, error_kind::parse, "never closed",
                     "long unterminated quote");
        CHECK(seconds_since(t0) < 60);
    }
}

TEST_CASE("JSON nested 10^5 levels deep: a parse_error, not a stack overflow") {
    constexpr std::size_t depth = 100000;
    const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    expect_error([&] { parse_survey(arrays, "deep.json"); }, error_kind::parse, "nested deeper than", "arrays");

    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}');
    expect_error([&] { parse_survey(objects, "deep.json"); }, error_kind::parse, "nested deeper than", "objects");

    // Unbalanced: only openings (the truncated-file case).
    expect_error([&] { parse_survey(std::string(depth, '{'), "deep.json"); }, error_kind::parse, "deep.json",
                 "openings");

    // A hierarchy 10^5 nodes deep, otherwise a valid schema.
    std::string h = R"({"name": "x", "scales": [{"id": "s", "min": 1, "max": 5}], "items": [{"id": "Q", "scale": "s"}],
                        "hierarchy": )";
    for (std::size_t i = 0; i < depth; ++i) h += "{\"id\": \"n" + std::to_string(i) + "\", \"children\": [";
    h += "{\"item\": \"Q\"}";
    for (std::size_t i = 0; i < depth; ++i) h += "]}";
    h += "}";
    expect_error([&] { parse_survey(h, "deep.json"); }, error_kind::parse, "deep.json:2:", "hierarchy");

    // Brackets inside strings do not count; a moderately deep hierarchy (50 levels) is fine.
    std::string ok = R"({"name": ")" + std::string(depth, '[') + R"(", "scales": [{"id": "s", "min": 1, "max": 5}],
                        "items": [{"id": "Q", "scale": "s"}], "hierarchy": )";
    for (int i = 0; i < 50; ++i) ok += "{\"id\": \"n" + std::to_string(i) + "\", \"children\": [";
    ok += "{\"item\": \"Q\"}";
    for (int i = 0; i < 50; ++i) ok += "]}";
    ok += "}";
    survey s;
    REQUIRE_NOTHROW(s = parse_survey(ok));
    const auto rep = score(s, parse_responses("Q\n4\n", s));
    REQUIRE(rep.overall.nodes.size() == 51);
    CHECK(rep.overall.nodes[0].score.mean == doctest::Approx(75.0));
}

TEST_CASE("paths can be cyclic even though the JSON tree cannot: named, not looped on") {
    try {
        parse_survey(slurp(corpus + "bad/s_cyclic_paths.json"));
        FAIL("cyclic paths accepted");
    } catch (const error& e) {
        CHECK(e.kind() == error_kind::schema);
        const std::string w = e.what();
        CHECK(w.find("cycle") != std::string::npos);
        CHECK(w.find("A") != std::string::npos);
        CHECK(w.find("B") != std::string::npos);
        CHECK(w.find("C") != std::string::npos);
    }
}

TEST_CASE("fuzz regressions: every saved crash input is handled") {
    // Each file is a fuzzer-found input (named fuzz_<target>-<what>); replaying it through the
    // same entry point must throw a csikit::error or succeed, never crash.
    const fs::path dir = corpus + "regressions";
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name == "README.md") continue;
        CAPTURE(name);
        const std::string text = slurp(e.path().string());
        ++n;
        try {
            if (name.rfind("fuzz_schema", 0) == 0 || name.rfind("fuzz_capi", 0) == 0) {
                const auto s = parse_survey(text.substr(0, text.find('\0')));
                CHECK_NOTHROW(parse_survey(to_json_text(s)));
            } else if (name.rfind("fuzz_csv", 0) == 0 && !text.empty()) {
                read_options o;
                static constexpr char delims[] = {0, ',', ';', '\t'};
                o.delimiter = delims[static_cast<unsigned char>(text[0]) & 3];
                o.out_of_scale = (text[0] & 4) ? out_of_scale_policy::missing : out_of_scale_policy::error;
                static const survey fs = load_survey(corpus + "fuzz_csv_survey.json");
                const auto r = parse_responses(std::string_view(text).substr(1), fs, o);
                (void)to_json(score(fs, r), -1);
            } else if (name.rfind("fuzz_acc_state", 0) == 0) {  // as fuzz/fuzz_acc_state.cpp
                const moment_accumulator acc = moment_accumulator::from_bytes(text);
                CHECK(acc.to_bytes() == text);  // a state read back writes the same bytes
            } else if (name.rfind("fuzz_model_syntax", 0) == 0) {  // as fuzz/fuzz_model_syntax.cpp: refused,
                const model_syntax m = parse_model_syntax(text, name);   // or written back and read again
                const model_syntax again = parse_model_syntax(to_model_syntax(m), name);
                CHECK(again.constructs.size() == m.constructs.size());
                CHECK(again.higher_order.size() == m.higher_order.size());
            } else if (name.rfind("fuzz_stat", 0) == 0) {  // as fuzz/fuzz_stat.cpp: SPSS if it says so, else Stata
                namespace d = csikit::detail;
                const auto f = d::sniff_format(std::string_view(text).substr(0, d::sniff_bytes_wanted));
                const auto format = f == d::file_format::sav || f == d::file_format::zsav ? d::stat_format::sav
                                                                                           : d::stat_format::dta;
                static const survey shop = load_survey(std::string(CSIKIT_SOURCE_DIR) + "/tests/data/readers/shop.json");
                const d::raw_table t = d::read_stat_file(text, format, name, std::nullopt, std::size_t{1} << 20);
                (void)d::table_to_responses(t, shop, {});
            }
        } catch (const error& e) {
            CHECK_FALSE(e.problems().empty());
        }
    }
    MESSAGE(n << " regression inputs replayed");
}
