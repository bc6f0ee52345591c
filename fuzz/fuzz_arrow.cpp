// Fuzz target: the Arrow C stream consumer (read_arrow_stream) against the platform fixtures'
// survey (tests/data/platforms/schema.json: Q1..Q3 on a labelled 1..5 scale with a missing
// code, segment "region"). The input bytes describe a stream: columns (a name from the
// survey's or not, one of the supported or an unsupported type, dictionary encoding, a
// validity bitmap, a child offset, a wrong buffer count), then batches whose child lengths may
// disagree with the batch, whose string offsets may run backwards and whose dictionary indices
// may point anywhere. Buffers are allocated to exactly the size the declared lengths imply (the
// ABI passes no sizes, so a consumer can only trust them), and string offsets stay inside
// their character buffer: anything the consumer reads beyond is a bug ASan reports. Any input
// must give consistent responses or throw a csikit::error; the stream is always released.
#include "fuzz_common.hpp"

#include <csikit/arrow.hpp>
#include <csikit/schema.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

const csikit::survey& fuzz_survey() {
    static const csikit::survey s = csikit::load_survey(CSIKIT_FUZZ_ARROW_SURVEY);
    return s;
}

struct bytes {
    const std::uint8_t* p;
    std::size_t n, i = 0;
    std::uint8_t next() { return i < n ? p[i++] : 0; }
};

const char* const names[] = {"Q1", "Q2", "Q3", "region", "other", "Q1"};
const char* const formats[] = {"c", "C", "s", "S", "i", "I", "l", "L", "f", "g", "b", "u", "U", "n", "tsu:", "+l"};
constexpr int n_formats = sizeof formats / sizeof formats[0];

int width(const std::string& f) {
    if (f == "c" || f == "C") return 1;
    if (f == "s" || f == "S") return 2;
    if (f == "i" || f == "I" || f == "f") return 4;
    if (f == "l" || f == "L" || f == "g" || f == "tsu:" || f == "+l") return 8;
    return 0;
}

struct col_spec {
    std::string name, format;
    bool dict = false, validity = false;
    std::int64_t offset = 0;
    int buffer_delta = 0;
};

/// Owns one array and everything it points to.
struct array_store {
    std::vector<std::unique_ptr<std::uint8_t[]>> blocks;
    std::vector<const void*> buffers;
    std::unique_ptr<array_store> dict_store;
    ArrowArray dict{};
};

void free_array(ArrowArray* a) {
    delete static_cast<array_store*>(a->private_data);
    a->release = nullptr;
}

std::uint8_t* block(array_store& s, std::size_t size, bytes& in) {
    s.blocks.emplace_back(new std::uint8_t[size ? size : 1]);
    for (std::size_t k = 0; k < size; ++k) s.blocks.back()[k] = in.next();
    return s.blocks.back().get();
}

/// A primitive or string array of `len` slots (offset included) in `s`.
void fill(ArrowArray& a, array_store& s, const std::string& format, std::int64_t len, bool validity, int delta,
          bytes& in) {
    a = ArrowArray{};
    a.length = len;
    a.null_count = validity ? -1 : 0;
    std::int64_t nb = format == "n" ? 0 : (format == "u" || format == "U") ? 3 : 2;
    s.buffers.push_back(validity ? block(s, static_cast<std::size_t>((len + 7) / 8), in) : nullptr);
    if (format == "u" || format == "U") {
        const bool large = format == "U";
        std::vector<std::int64_t> off(static_cast<std::size_t>(len) + 1, 0);
        std::int64_t total = 0;
        for (auto& o : off) {
            const std::uint8_t b = in.next();
            total += b % 6;
            o = (b & 0x80) ? total / 2 : total;  // now and then an offset that runs backwards
        }
        std::int64_t hi = 0;
        for (auto o : off) hi = o > hi ? o : hi;
        std::uint8_t* ob = block(s, off.size() * (large ? 8 : 4), in);
        for (std::size_t k = 0; k < off.size(); ++k) {
            if (large) std::memcpy(ob + 8 * k, &off[k], 8);
            else {
                const auto v = static_cast<std::int32_t>(off[k]);
                std::memcpy(ob + 4 * k, &v, 4);
            }
        }
        s.buffers.push_back(ob);
        s.buffers.push_back(block(s, static_cast<std::size_t>(hi), in));
    } else if (format == "b") {
        s.buffers.push_back(block(s, static_cast<std::size_t>((len + 7) / 8), in));
    } else if (nb == 2) {
        s.buffers.push_back(block(s, static_cast<std::size_t>(len) * static_cast<std::size_t>(width(format)), in));
    }
    a.n_buffers = nb + delta < 0 ? 0 : nb + delta;
    while (static_cast<std::int64_t>(s.buffers.size()) < a.n_buffers) s.buffers.push_back(nullptr);
    a.buffers = s.buffers.data();
    a.release = free_array;
}

struct stream_data {
    std::vector<col_spec> cols;
    std::vector<std::string> formats;
    std::vector<ArrowSchema> kids, dicts;
    std::vector<ArrowSchema*> kid_ptrs;
    int batches = 0, next = 0;
    bytes in;
};

void noop_schema(ArrowSchema* s) { s->release = nullptr; }

int get_schema(ArrowArrayStream* st, ArrowSchema* out) {
    auto* d = static_cast<stream_data*>(st->private_data);
    *out = ArrowSchema{};
    out->format = "+s";
    out->name = "";
    out->n_children = static_cast<std::int64_t>(d->cols.size());
    out->children = d->kid_ptrs.data();
    out->release = noop_schema;
    return 0;
}

int get_next(ArrowArrayStream* st, ArrowArray* out) {
    auto* d = static_cast<stream_data*>(st->private_data);
    *out = ArrowArray{};
    if (d->next >= d->batches) return 0;
    ++d->next;
    bytes& in = d->in;
    const std::uint8_t code = in.next();
    if (code == 0xEE) return 22;  // the producer fails
    const std::int64_t len = code % 40;
    struct batch_store {
        std::vector<std::unique_ptr<array_store>> stores;
        std::vector<ArrowArray> arrays;
        std::vector<ArrowArray*> ptrs;
        const void* validity = nullptr;
    };
    auto* b = new batch_store;
    b->arrays.resize(d->cols.size());
    for (std::size_t c = 0; c < d->cols.size(); ++c) {
        const col_spec& cs = d->cols[c];
        const std::uint8_t lb = in.next();
        std::int64_t clen = cs.offset + len + ((lb & 3) == 3 ? -1 : 0);  // sometimes one short
        if (clen < 0) clen = 0;
        b->stores.push_back(std::make_unique<array_store>());
        array_store& s = *b->stores.back();
        ArrowArray& a = b->arrays[c];
        if (cs.dict) {
            fill(a, s, "c", clen, cs.validity, cs.buffer_delta, in);  // int8 indices, any value
            s.dict_store = std::make_unique<array_store>();
            fill(s.dict, *s.dict_store, "u", in.next() % 7, (lb & 4) != 0, 0, in);
            a.dictionary = &s.dict;
        } else {
            fill(a, s, cs.format, clen, cs.validity, cs.buffer_delta, in);
        }
        a.offset = cs.offset;
        a.length = clen - cs.offset < 0 ? 0 : clen - cs.offset;
        b->ptrs.push_back(&a);
    }
    out->length = len;
    out->n_buffers = 1;
    out->buffers = &b->validity;
    out->n_children = static_cast<std::int64_t>(d->cols.size()) - ((code & 0x40) && code > 0xF0 ? 1 : 0);
    out->children = b->ptrs.data();
    out->private_data = b;
    out->release = [](ArrowArray* a) {
        auto* bs = static_cast<batch_store*>(a->private_data);
        for (auto& arr : bs->arrays) {
            if (arr.dictionary && arr.dictionary->release) arr.dictionary->release(arr.dictionary);
            arr.dictionary = nullptr;
        }
        delete bs;  // array_store owns every buffer
        a->release = nullptr;
    };
    return 0;
}

const char* last_error(ArrowArrayStream*) { return "fuzzed producer error"; }

void release_stream(ArrowArrayStream* st) {
    delete static_cast<stream_data*>(st->private_data);
    st->release = nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    auto* d = new stream_data{};
    d->in = bytes{data, size};
    bytes& in = d->in;
    const int ncols = 1 + in.next() % 6;
    d->batches = in.next() % 5;
    for (int c = 0; c < ncols; ++c) {
        col_spec cs;
        const std::uint8_t a = in.next(), b = in.next();
        cs.name = names[a % 6];
        cs.format = formats[(a >> 3) % n_formats];
        cs.dict = (b & 1) && b > 0x40;
        cs.validity = (b & 2) != 0;
        cs.offset = (b >> 2) & 3;
        cs.buffer_delta = (b & 0xF0) == 0xF0 ? 1 : 0;
        d->cols.push_back(cs);
    }
    d->formats.reserve(d->cols.size());
    d->kids.resize(d->cols.size());
    d->dicts.resize(d->cols.size());
    for (std::size_t c = 0; c < d->cols.size(); ++c) {
        d->formats.push_back(d->cols[c].dict ? "c" : d->cols[c].format);
        ArrowSchema& k = d->kids[c];
        k = ArrowSchema{};
        k.format = d->formats[c].c_str();
        k.name = d->cols[c].name.c_str();
        k.release = noop_schema;
        if (d->cols[c].dict) {
            d->dicts[c] = ArrowSchema{};
            d->dicts[c].format = "u";
            d->dicts[c].release = noop_schema;
            k.dictionary = &d->dicts[c];
        }
        d->kid_ptrs.push_back(&k);
    }
    ArrowArrayStream st{};
    st.get_schema = get_schema;
    st.get_next = get_next;
    st.get_last_error = last_error;
    st.release = release_stream;
    st.private_data = d;
    try {
        const csikit::responses r = csikit::read_arrow_stream(&st, fuzz_survey());
        if (r.values.cols() != 3 || r.weights.size() != r.values.rows()) std::abort();
        for (Eigen::Index i = 0; i < r.values.rows(); ++i)
            for (Eigen::Index j = 0; j < 3; ++j)
                if (!std::isnan(r.values(i, j)) && (r.values(i, j) < 1 || r.values(i, j) > 5)) std::abort();
    } catch (const csikit::error& e) {
        csikit_fuzz::check_error(e);
    }
    if (st.release) std::abort();  // the consumer must release the stream
    return 0;
}
