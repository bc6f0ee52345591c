// The Arrow C stream consumer: every supported type, nulls, dictionaries, chunked batches,
// sliced arrays, and streams that break the interface (clear errors, no crash, the stream
// released). Streams are built by hand from the ABI (support/arrow_builder.hpp).
#include <csikit/arrow.hpp>
#include <csikit/schema.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "support/arrow_builder.hpp"

using namespace csikit;
using arrow_test::column;
using arrow_test::make_stream;

namespace {

const std::string dir = std::string(CSIKIT_SOURCE_DIR) + "/tests/data/platforms/";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

template <class E, class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    } catch (const std::exception& e) {
        FAIL("wrong exception type: " << e.what());
    }
    FAIL("no exception thrown");
    return {};
}

/// Counts releases of a stream, to check the consumer releases it exactly once.
int released = 0;

ArrowArrayStream counted(ArrowArrayStream st) {
    static void (*inner)(ArrowArrayStream*) = nullptr;
    inner = st.release;
    st.release = [](ArrowArrayStream* s) {
        ++released;
        inner(s);
    };
    return st;
}

}  // namespace

TEST_CASE("an Arrow stream reads to the same responses as the CSV") {
    const survey s = load_survey(dir + "schema.json");
    const responses base = read_responses(dir + "base.csv", s);
    // base.csv in two batches: Q1 int64, Q2 double with nulls, Q3 dictionary strings, region utf8.
    auto batch = [&](int from, int to) {
        std::vector<std::optional<std::int64_t>> q1;
        std::vector<std::optional<double>> q2;
        std::vector<std::optional<std::int32_t>> q3;
        std::vector<std::optional<std::string>> region;
        std::vector<std::optional<std::int64_t>> id;
        for (int r = from; r < to; ++r) {
            const auto v = [&](Eigen::Index j) { return base.values(r, j); };
            q1.push_back(std::isnan(v(0)) ? std::optional<std::int64_t>(98) : std::optional<std::int64_t>(v(0)));
            q2.push_back(std::isnan(v(1)) ? std::nullopt : std::optional<double>(v(1)));
            q3.push_back(std::isnan(v(2)) ? std::nullopt : std::optional<std::int32_t>(static_cast<int>(v(2)) - 1));
            region.push_back(base.groups.at("region")[r]);
            id.push_back(r);
        }
        return arrow_test::batch{column::numbers<std::int64_t>("id", "l", id), column::numbers<std::int64_t>("Q1", "l", q1),
                                 column::numbers<double>("Q2", "g", q2),
                                 column::dictionary_of("Q3", {"很不满意", "不太满意", "一般", "比较满意", "非常满意"}, q3),
                                 column::strings("region", region)};
    };
    // Q3's 98 (row 2) is NaN in base; the dictionary has no 98, so that row's Q3 is a null.
    ArrowArrayStream st = counted(make_stream({batch(0, 5), batch(5, 12)}));
    released = 0;
    const responses a = read_arrow_stream(&st, s);
    CHECK(released == 1);
    REQUIRE(a.respondents() == 12);
    for (Eigen::Index r = 0; r < 12; ++r)
        for (Eigen::Index j = 0; j < 3; ++j) {
            const double x = base.values(r, j), y = a.values(r, j);
            CHECK((std::isnan(x) ? std::isnan(y) : x == y));
        }
    CHECK(a.groups == base.groups);
    CHECK(a.summary.layout == "arrow");
}

TEST_CASE("every numeric type, bool, large strings, null type, sliced arrays") {
    survey s = load_survey(dir + "schema.json");
    s.segment_columns = {"flag"};
    auto stream = make_stream({{column::numbers<std::int8_t>("Q1", "c", {1, 2, std::nullopt}),
                                column::numbers<std::uint16_t>("Q2", "S", {3, 4, 5}),
                                column::numbers<float>("Q3", "f", {1.0f, 2.0f, 5.0f}),
                                column::numbers<std::uint8_t>("flag", "b", {std::uint8_t{5}, std::uint8_t{0}, std::uint8_t{0}})}});
    // "b" packs bits: the data buffer above holds 0b101 in its first byte: true, false, true.
    const responses r = read_arrow_stream(&stream, s);
    CHECK(r.values(0, 0) == 1);
    CHECK(std::isnan(r.values(2, 0)));
    CHECK(r.values(2, 1) == 5);
    CHECK(r.values(2, 2) == 5);
    CHECK(r.groups.at("flag") == std::vector<std::string>{"1", "0", "1"});

    // large_utf8 labels, and a null-type column for Q3 (all missing).
    column big = column::strings("Q1", {"Very satisfied", "非常满意", std::nullopt});
    big.format = "U";
    std::vector<std::int64_t> off;
    for (std::size_t i = 0; i < big.data.size() / 4; ++i) {
        std::int32_t o;
        std::memcpy(&o, big.data.data() + 4 * i, 4);
        off.push_back(o);
    }
    big.data.resize(off.size() * 8);
    std::memcpy(big.data.data(), off.data(), big.data.size());
    column null_col;
    null_col.name = "Q3";
    null_col.format = "n";
    null_col.length = 3;
    null_col.null_count = 3;
    null_col.n_buffers = 0;
    auto st2 = make_stream({{big, column::numbers<std::int32_t>("Q2", "i", {1, 2, 3}), null_col,
                             column::strings("flag", {"x", "y", "z"})}});
    const responses r2 = read_arrow_stream(&st2, s);
    CHECK(r2.values(0, 0) == 5);
    CHECK(r2.values(1, 0) == 5);
    CHECK(std::isnan(r2.values(2, 0)));
    CHECK(std::isnan(r2.values(0, 2)));
    CHECK(r2.summary.missing_by_item.at("Q3") == 3);
}

TEST_CASE("string views (polars): inline and out-of-line strings, views outside their buffers refused") {
    const survey s = load_survey(dir + "schema.json");
    std::vector<std::optional<double>> ones(3, 1.0);
    auto batch = [&](column q1) {
        return arrow_test::batch{q1, column::numbers<double>("Q2", "g", ones), column::numbers<double>("Q3", "g", ones),
                                 column::string_views("region", {"north", "a region name of 27 bytes..", std::nullopt})};
    };
    auto st = make_stream({batch(column::string_views("Q1", {"Very satisfied", "一般", std::nullopt}))});
    const responses r = read_arrow_stream(&st, s);
    CHECK(r.values(0, 0) == 5);
    CHECK(r.values(1, 0) == 3);
    CHECK(std::isnan(r.values(2, 0)));
    CHECK(r.groups.at("region")[1] == "a region name of 27 bytes..");
    column bad = column::string_views("Q1", {"Very satisfied", "一般", std::nullopt});
    const std::int32_t far = 1000;
    std::memcpy(bad.data.data() + 12, &far, 4);  // row 0's offset beyond the 14-byte buffer
    auto st2 = make_stream({batch(bad)});
    CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st2, s); }), "points outside its data buffers"));
}

TEST_CASE("the Arrow path reports like the others: unknown labels once, missing columns with the closest") {
    const survey s = load_survey(dir + "schema.json");
    std::vector<std::optional<std::string>> q1(50, std::string("so-so"));
    std::vector<std::optional<double>> ones(50, 1.0);
    auto st = make_stream({{column::strings("Q1", q1), column::numbers<double>("Q2", "g", ones),
                            column::numbers<double>("q_3", "g", ones), column::strings("region", q1)}});
    const std::string msg = message_of<data_error>([&] { read_arrow_stream(&st, s); });
    CHECK(contains(msg, "50 cells hold text that is neither a number nor a label of scale \"sat5\""));
    CHECK(contains(msg, "no column \"Q3\" (expected it among the 4 columns; did you mean \"q_3\"?)"));
}

TEST_CASE("broken streams: clear errors, never a crash, the stream released") {
    const survey s = load_survey(dir + "schema.json");
    auto good = [] {
        return arrow_test::batch{column::numbers<double>("Q1", "g", {1, 2}), column::numbers<double>("Q2", "g", {1, 2}),
                                 column::numbers<double>("Q3", "g", {1, 2}), column::strings("region", {"a", "b"})};
    };
    CHECK_THROWS_AS(read_arrow_stream(nullptr, s), argument_error);

    // The producer fails on the second batch: its own message is passed on.
    {
        ArrowArrayStream st = counted(make_stream({good(), good()}, 1));
        released = 0;
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "injected failure"));
        CHECK(released == 1);
    }
    // An unsupported type in a used column; the same type in an unused column is fine.
    {
        auto b = good();
        b[0].format = "tsu:";
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "type \"tsu:\" is not supported"));
        auto c = good();
        c.push_back(column::numbers<std::int64_t>("when", "l", {1, 2}));
        c.back().format = "tsu:";
        auto st2 = make_stream({c});
        CHECK(read_arrow_stream(&st2, s).respondents() == 2);
    }
    // Wrong buffer count, a NULL data buffer, offsets out of order, a dictionary index out of range.
    {
        auto b = good();
        b[1].n_buffers = 1;
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "buffers (expected 2"));
    }
    {
        auto b = good();
        b[3].data[0] = 5;  // offsets[0] = 5 > offsets[1] = 1
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "offsets out of order"));
    }
    {
        auto b = good();
        b[3] = column::dictionary_of("region", {"a"}, {0, 7});
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "dictionary index 7 out of range"));
    }
    {
        auto b = good();
        b[2].length = 1;  // shorter than the batch
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "shorter than the batch"));
    }
    {
        // A child array with an offset: its length alone must cover the batch (fuzz_arrow found
        // the consumer counting the offset in, and reading past the buffers).
        auto b = good();
        b[1] = column::numbers<double>("Q2", "g", {1, 2, 3});
        b[1].offset = 2;
        b[1].length = 1;  // slot 2 of a 3-slot buffer, for a 2-row batch
        auto ok = good();
        ok[0] = column::numbers<double>("Q1", "g", {9, 4, 5});
        ok[0].offset = 1;
        ok[0].length = 2;  // slots 1..2: the values 4, 5
        auto st_ok = make_stream({ok});
        const responses r = read_arrow_stream(&st_ok, s);
        CHECK(r.values(0, 0) == 4);
        CHECK(r.values(1, 0) == 5);
        auto st = make_stream({b});
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "shorter than the batch"));
    }
    {
        ArrowArrayStream st = make_stream({good()});
        st.get_next = nullptr;
        CHECK(contains(message_of<parse_error>([&] { read_arrow_stream(&st, s); }), "NULL get_schema or get_next"));
    }
}
