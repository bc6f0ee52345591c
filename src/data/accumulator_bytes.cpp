// moment_accumulator::to_bytes / from_bytes: the state file (format: docs/streaming.md).
//
// Little-endian on every host, written byte by byte; a fixed header (magic, version, flags,
// payload length), the payload, and a CRC-32 of everything before it. The reader checks the
// magic, version, length and checksum before it parses, and every count against the bytes left
// before it allocates, so a hostile file can neither crash it nor make it allocate more than a
// small multiple of the file's size.
#include "accumulator_state.hpp"

#include "csikit/error.hpp"

#include <array>
#include <cstring>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr char magic[8] = {'C', 'S', 'I', 'K', 'A', 'C', 'C', '\0'};
constexpr std::uint32_t format_version = 1;
constexpr std::size_t header_bytes = 8 + 4 + 4 + 8;
constexpr std::uint32_t flag_weights = 1, flag_real = 2, flag_exp_fixed = 4, known_flags = 7;

std::uint32_t crc32(std::string_view bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

struct writer {
    std::string out;
    void u(std::uint64_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    }
    void u32(std::uint32_t v) { u(v, 4); }
    void u64(std::uint64_t v) { u(v, 8); }
    void i128(int128 v) {
        const auto bits = static_cast<uint128>(v);
        u64(static_cast<std::uint64_t>(bits));
        u64(static_cast<std::uint64_t>(bits >> 64));
    }
    void f64(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, 8);
        u64(bits);
    }
    void text(const std::string& s) {
        u32(static_cast<std::uint32_t>(s.size()));
        out += s;
    }
};

[[noreturn]] void bad(const std::string& what) {
    throw parse_error(location{"<accumulator state>", 0, ""}, "moment_accumulator::from_bytes: " + what);
}

struct reader {
    std::string_view in;
    std::size_t at = 0;
    void need(std::size_t n, const char* what) {
        if (in.size() - at < n) bad(std::string("truncated payload while reading ") + what + " (expected more bytes)");
    }
    std::uint64_t u(int bytes, const char* what) {
        need(static_cast<std::size_t>(bytes), what);
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i) v |= std::uint64_t{static_cast<unsigned char>(in[at + static_cast<std::size_t>(i)])} << (8 * i);
        at += static_cast<std::size_t>(bytes);
        return v;
    }
    std::uint32_t u32(const char* what) { return static_cast<std::uint32_t>(u(4, what)); }
    std::uint64_t u64(const char* what) { return u(8, what); }
    int128 i128(const char* what) {
        const uint128 lo = u64(what), hi = u64(what);
        return static_cast<int128>(lo | (hi << 64));
    }
    double f64(const char* what) {
        const std::uint64_t bits = u64(what);
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
    }
    std::string text(const char* what) {
        const std::uint32_t n = u32(what);
        need(n, what);
        std::string s(in.substr(at, n));
        at += n;
        return s;
    }
    /// Refuses a count of items of `each` bytes that the bytes left cannot hold.
    void fits(std::uint64_t count, std::uint64_t each, const char* what) {
        if (each != 0 && count > (in.size() - at) / each) bad(std::string("truncated payload: ") + what + " (expected more bytes)");
    }
};

}  // namespace

std::string moment_accumulator::to_bytes() const {
    const accumulator_state& st = *state_;
    const std::size_t p = st.p(), pp = p * p;
    writer w;
    w.u32(static_cast<std::uint32_t>(p));
    for (std::size_t k = 0; k < p; ++k) {
        w.text(st.items[k]);
        w.u64(st.item_fingerprints[k]);
    }
    w.u64(st.weight_fingerprint);
    w.u64(st.fingerprint);
    w.u32(static_cast<std::uint32_t>(st.weight_exp));
    for (std::uint64_t v : {st.rows, st.excluded, st.any_n, st.cc_n}) w.u64(v);
    for (std::uint64_t v : st.missing) w.u64(v);
    for (std::uint64_t v : st.count) w.u64(v);
    if (st.mode == accumulation_mode::exact) {
        const exact_sums& e = st.ex;
        for (int128 v : {e.any_w, e.any_w2, e.cc_w, e.cc_w2}) w.i128(v);
        for (int128 v : e.cc_x) w.i128(v);
        for (const auto* m : {&e.cc_xx, &e.n, &e.w2, &e.sx, &e.sxx, &e.sxy})
            for (int128 v : *m) w.i128(v);
    } else {
        const real_sums& r = st.re;
        for (double v : {r.any_w, r.any_w2, r.cc_w, r.cc_w2}) w.f64(v);
        for (Eigen::Index k = 0; k < r.cc_mean.size(); ++k) w.f64(r.cc_mean[k]);
        for (const auto* m : {&r.cc_m2, &r.n, &r.w2, &r.mean, &r.m2, &r.c})
            for (std::size_t k = 0; k < pp; ++k) w.f64(m->data()[k]);
    }
    const read_summary& s = st.summary;
    for (std::size_t v : {s.respondents, s.cells, s.empty, s.missing_codes, s.out_of_scale, s.reversed_items, s.header_rows})
        w.u64(v);
    for (const auto* m : {&s.missing_by_item, &s.codes_by_kind}) {
        w.u32(static_cast<std::uint32_t>(m->size()));
        for (const auto& [k, v] : *m) {
            w.text(k);
            w.u64(v);
        }
    }
    w.text(s.layout);
    w.text(s.encoding);

    writer head;
    head.out.assign(magic, sizeof magic);
    head.u32(format_version);
    head.u32((st.use_weights ? flag_weights : 0) | (st.mode == accumulation_mode::real ? flag_real : 0) |
             (st.weight_exp_fixed ? flag_exp_fixed : 0));
    head.u64(w.out.size());
    head.out += w.out;
    head.u32(crc32(head.out));
    return head.out;
}

moment_accumulator moment_accumulator::from_bytes(std::string_view bytes) {
    if (bytes.size() < sizeof magic || std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
        bad("not a csikit accumulator state (expected the bytes to begin with \"CSIKACC\")");
    }
    if (bytes.size() < header_bytes + 4) bad("truncated: " + std::to_string(bytes.size()) + " bytes (expected a header and checksum)");
    reader h{bytes.substr(0, header_bytes), sizeof magic};
    const std::uint32_t version = h.u32("the version");
    if (version > format_version) {
        bad("state format version " + std::to_string(version) + " is newer than this csikit reads (expected " +
            std::to_string(format_version) + "; upgrade csikit)");
    }
    if (version == 0) bad("state format version 0 is not a version (expected 1)");
    const std::uint32_t flags = h.u32("the flags");
    if (flags & ~known_flags) bad("unknown flags " + std::to_string(flags) + " (expected a combination of 1, 2 and 4)");
    const std::uint64_t length = h.u64("the length");
    if (length != bytes.size() - header_bytes - 4) {
        bad("truncated or padded: the payload holds " + std::to_string(bytes.size() - header_bytes - 4) +
            " bytes but the header says " + std::to_string(length) + " (expected them to agree)");
    }
    reader tail{bytes, bytes.size() - 4};
    if (tail.u32("the checksum") != crc32(bytes.substr(0, bytes.size() - 4))) {
        bad("checksum mismatch: the state is corrupted (expected the CRC-32 of its bytes)");
    }

    reader r{bytes.substr(header_bytes, length), 0};
    const std::uint32_t p = r.u32("the item count");
    if (p == 0) bad("no items (expected at least one)");
    r.fits(p, 12, "item ids");
    std::vector<std::string> items;
    std::vector<std::uint64_t> fps;
    for (std::uint32_t k = 0; k < p; ++k) {
        items.push_back(r.text("an item id"));
        fps.push_back(r.u64("an item fingerprint"));
    }
    auto st = make_empty_state(std::move(items), (flags & flag_weights) != 0);
    st->item_fingerprints = std::move(fps);
    st->weight_fingerprint = r.u64("the weight fingerprint");
    st->fingerprint = r.u64("the fingerprint");
    if (st->fingerprint != combined_fingerprint(*st)) bad("the fingerprint does not match the items' (expected them to agree)");
    st->weight_exp = static_cast<std::int32_t>(r.u32("the weight scale"));
    st->weight_exp_fixed = (flags & flag_exp_fixed) != 0;
    st->mode = (flags & flag_real) ? accumulation_mode::real : accumulation_mode::exact;
    if (st->weight_exp < -2100 || st->weight_exp > 2100) bad("weight scale out of range (expected |e| <= 2100)");
    const std::uint64_t pp = std::uint64_t{p} * p;
    st->rows = r.u64("the row count");
    st->excluded = r.u64("the excluded count");
    st->any_n = r.u64("the answering count");
    st->cc_n = r.u64("the complete count");
    if (st->rows > accumulator_max_rows || st->excluded + st->any_n != st->rows || st->cc_n > st->any_n) {
        bad("inconsistent row counts (expected excluded + answering = rows, complete <= answering)");
    }
    r.fits(pp + p, 8, "the counts");
    for (auto& v : st->missing) v = r.u64("a missing count");
    for (auto& v : st->count) v = r.u64("a pair count");
    for (std::size_t k = 0; k < p; ++k) {
        if (st->missing[k] > st->rows) bad("a missing count exceeds the rows (expected at most the rows)");
        if (st->count[k + k * p] + st->missing[k] != st->rows) bad("answers and missing answers do not add up to the rows");
    }
    if (st->mode == accumulation_mode::exact) {
        r.fits(4 + p + 6 * pp, 16, "the exact sums");
        exact_sums& e = st->ex;
        for (int128* v : {&e.any_w, &e.any_w2, &e.cc_w, &e.cc_w2}) *v = r.i128("a sum");
        for (auto& v : e.cc_x) v = r.i128("a sum");
        for (auto* m : {&e.cc_xx, &e.n, &e.w2, &e.sx, &e.sxx, &e.sxy})
            for (auto& v : *m) v = r.i128("a sum");
    } else {
        r.fits(4 + p + 6 * pp, 8, "the real sums");
        real_sums& s = st->re;
        for (double* v : {&s.any_w, &s.any_w2, &s.cc_w, &s.cc_w2}) *v = r.f64("a sum");
        for (Eigen::Index k = 0; k < s.cc_mean.size(); ++k) s.cc_mean[k] = r.f64("a mean");
        for (auto* m : {&s.cc_m2, &s.n, &s.w2, &s.mean, &s.m2, &s.c})
            for (std::uint64_t k = 0; k < pp; ++k) m->data()[k] = r.f64("a sum");
    }
    read_summary& s = st->summary;
    for (std::size_t* v : {&s.respondents, &s.cells, &s.empty, &s.missing_codes, &s.out_of_scale, &s.reversed_items,
                           &s.header_rows})
        *v = static_cast<std::size_t>(r.u64("the read summary"));
    for (auto* m : {&s.missing_by_item, &s.codes_by_kind}) {
        const std::uint32_t n = r.u32("a summary map");
        r.fits(n, 12, "a summary map");
        for (std::uint32_t k = 0; k < n; ++k) {
            std::string key = r.text("a summary key");
            // Written in map order: a repeated or out-of-order key is not a state this library
            // wrote (and would not read back to the same bytes).
            if (!m->empty() && !(m->rbegin()->first < key))
                bad("summary key \"" + key + "\" repeated or out of order (expected strictly increasing keys)");
            m->emplace_hint(m->end(), std::move(key), static_cast<std::size_t>(r.u64("a summary count")));
        }
    }
    s.layout = r.text("the layout");
    s.encoding = r.text("the encoding");
    if (r.at != r.in.size()) bad("bytes left over after the state (expected the payload to end there)");
    return moment_accumulator(std::move(st));
}

CSIKIT_NAMESPACE_END
