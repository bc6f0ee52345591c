// Test support: builds Arrow C streams by hand (no libarrow), so the Arrow consumer is tested on
// exactly the structs the interface defines. A table_stream owns its batches; stream() hands out
// an ArrowArrayStream whose release frees everything. Used by tests/cpp/test_arrow.cpp, the C
// test and the fuzz target.
#pragma once

#include <csikit/arrow_abi.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace arrow_test {

/// One column of one batch: a format string and its buffers (owned).
struct column {
    std::string name;
    std::string format;  // "l", "g", "u", "U", "b", ... ; for dictionary columns the indices' format
    std::int64_t length = 0;
    std::int64_t null_count = 0;
    std::int64_t offset = 0;             // the array's offset into its buffers
    std::vector<std::uint8_t> validity;  // empty = no bitmap
    std::vector<std::uint8_t> data;      // values, or offsets for strings
    std::vector<std::uint8_t> chars;     // string bytes
    std::vector<std::uint8_t> extra;     // a fourth buffer (string views: the data buffers' sizes)
    std::int64_t n_buffers = 2;
    std::shared_ptr<column> dictionary;  // dictionary values (format "u"), for dictionary columns

    template <class T>
    static column numbers(std::string name, std::string format, const std::vector<std::optional<T>>& v) {
        column c;
        c.name = std::move(name);
        c.format = std::move(format);
        c.length = static_cast<std::int64_t>(v.size());
        c.data.resize(v.size() * sizeof(T));
        c.set_validity(v);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const T x = v[i].value_or(T{});
            std::memcpy(c.data.data() + i * sizeof(T), &x, sizeof(T));
        }
        return c;
    }
    static column strings(std::string name, const std::vector<std::optional<std::string>>& v) {
        column c;
        c.name = std::move(name);
        c.format = "u";
        c.n_buffers = 3;
        c.length = static_cast<std::int64_t>(v.size());
        c.set_validity(v);
        std::vector<std::int32_t> off{0};
        for (const auto& s : v) {
            if (s) c.chars.insert(c.chars.end(), s->begin(), s->end());
            off.push_back(static_cast<std::int32_t>(c.chars.size()));
        }
        c.data.resize(off.size() * 4);
        std::memcpy(c.data.data(), off.data(), c.data.size());
        if (c.chars.empty()) c.chars.push_back(0);  // a non-NULL data buffer
        return c;
    }
    /// utf8_view ("vu"): 16-byte views, strings over 12 bytes in one data buffer.
    static column string_views(std::string name, const std::vector<std::optional<std::string>>& v) {
        column c;
        c.name = std::move(name);
        c.format = "vu";
        c.n_buffers = 4;  // validity, views, one data buffer, its size
        c.length = static_cast<std::int64_t>(v.size());
        c.set_validity(v);
        c.data.assign(v.size() * 16, 0);
        for (std::size_t i = 0; i < v.size(); ++i) {
            const std::string s = v[i].value_or("");
            const auto len = static_cast<std::int32_t>(s.size());
            std::uint8_t* view = c.data.data() + 16 * i;
            std::memcpy(view, &len, 4);
            if (len <= 12) {
                std::memcpy(view + 4, s.data(), s.size());
            } else {
                const std::int32_t index = 0, offset = static_cast<std::int32_t>(c.chars.size());
                std::memcpy(view + 4, s.data(), 4);
                std::memcpy(view + 8, &index, 4);
                std::memcpy(view + 12, &offset, 4);
                c.chars.insert(c.chars.end(), s.begin(), s.end());
            }
        }
        const auto size = static_cast<std::int64_t>(c.chars.size());
        if (c.chars.empty()) c.chars.push_back(0);
        c.extra.resize(8);
        std::memcpy(c.extra.data(), &size, 8);
        return c;
    }
    /// Dictionary-encoded strings: int32 indices into `dict`.
    static column dictionary_of(std::string name, const std::vector<std::string>& dict,
                                const std::vector<std::optional<std::int32_t>>& idx) {
        column c = numbers<std::int32_t>(std::move(name), "i", idx);
        std::vector<std::optional<std::string>> d(dict.begin(), dict.end());
        c.dictionary = std::make_shared<column>(strings("", d));
        return c;
    }

    template <class V>
    void set_validity(const V& v) {
        bool any_null = false;
        for (const auto& x : v) any_null = any_null || !x;
        if (!any_null) return;
        validity.assign((v.size() + 7) / 8, 0);
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i]) validity[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
            else ++null_count;
        }
    }
};

/// A batch is a set of columns of equal length.
using batch = std::vector<column>;

namespace detail {

struct array_holder {
    std::vector<const void*> buffers;
    std::vector<ArrowArray*> children;
    std::vector<std::unique_ptr<ArrowArray>> owned;
    std::unique_ptr<ArrowArray> dict;
};

inline void release_array(ArrowArray* a) {
    // The Arrow C data interface: releasing a parent releases its dictionary too.
    if (a->dictionary && a->dictionary->release) a->dictionary->release(a->dictionary);
    delete static_cast<array_holder*>(a->private_data);
    a->release = nullptr;
}

inline void fill_array(const column& c, ArrowArray* out) {
    auto* h = new array_holder;
    h->buffers.push_back(c.validity.empty() ? nullptr : c.validity.data());
    if (c.n_buffers >= 2) h->buffers.push_back(c.data.data());
    if (c.n_buffers >= 3) h->buffers.push_back(c.chars.data());
    if (c.n_buffers >= 4) h->buffers.push_back(c.extra.data());
    h->buffers.resize(static_cast<std::size_t>(c.n_buffers < 0 ? 0 : c.n_buffers));
    *out = ArrowArray{};
    out->length = c.length;
    out->offset = c.offset;
    out->null_count = c.null_count;
    out->n_buffers = c.n_buffers;
    out->buffers = h->buffers.data();
    if (c.dictionary) {
        h->dict = std::make_unique<ArrowArray>();
        fill_array(*c.dictionary, h->dict.get());
        out->dictionary = h->dict.get();
    }
    out->release = release_array;
    out->private_data = h;
}

struct schema_holder {
    std::vector<std::string> formats, names;
    std::vector<std::unique_ptr<ArrowSchema>> kids, dicts;
    std::vector<ArrowSchema*> ptrs;
};

inline void release_schema(ArrowSchema* s) {
    if (s->private_data) delete static_cast<schema_holder*>(s->private_data);
    s->release = nullptr;
}
inline void release_child(ArrowSchema* s) { s->release = nullptr; }  // owned by the parent

struct stream_state {
    std::vector<batch> batches;
    std::size_t next = 0;
    int fail_at = -1;  // batch index whose get_next fails (-1 = none)
    std::string error = "injected failure";
};

inline int get_schema(ArrowArrayStream* st, ArrowSchema* out) {
    auto* s = static_cast<stream_state*>(st->private_data);
    auto* h = new schema_holder;
    const batch& b = s->batches.at(0);
    h->formats.reserve(b.size());
    h->names.reserve(b.size());
    for (const auto& c : b) {
        h->formats.push_back(c.format);
        h->names.push_back(c.name);
    }
    for (std::size_t i = 0; i < b.size(); ++i) {
        auto k = std::make_unique<ArrowSchema>();
        *k = ArrowSchema{};
        k->format = h->formats[i].c_str();
        k->name = h->names[i].c_str();
        k->flags = ARROW_FLAG_NULLABLE;
        k->release = release_child;
        if (b[i].dictionary) {
            auto d = std::make_unique<ArrowSchema>();
            *d = ArrowSchema{};
            d->format = "u";
            d->name = "";
            d->release = release_child;
            k->dictionary = d.get();
            h->dicts.push_back(std::move(d));
        }
        h->ptrs.push_back(k.get());
        h->kids.push_back(std::move(k));
    }
    *out = ArrowSchema{};
    out->format = "+s";
    out->name = "";
    out->n_children = static_cast<std::int64_t>(b.size());
    out->children = h->ptrs.data();
    out->release = release_schema;
    out->private_data = h;
    return 0;
}

inline int get_next(ArrowArrayStream* st, ArrowArray* out) {
    auto* s = static_cast<stream_state*>(st->private_data);
    if (static_cast<int>(s->next) == s->fail_at) return 5;  // EIO
    if (s->next >= s->batches.size()) {
        *out = ArrowArray{};  // release == NULL: the end
        return 0;
    }
    const batch& b = s->batches[s->next++];
    auto* h = new array_holder;
    h->buffers.push_back(nullptr);
    for (const auto& c : b) {
        h->owned.push_back(std::make_unique<ArrowArray>());
        fill_array(c, h->owned.back().get());
        h->children.push_back(h->owned.back().get());
    }
    *out = ArrowArray{};
    out->length = b.empty() ? 0 : b[0].length;
    out->n_buffers = 1;
    out->buffers = h->buffers.data();
    out->n_children = static_cast<std::int64_t>(b.size());
    out->children = h->children.data();
    out->release = [](ArrowArray* a) {
        auto* hh = static_cast<array_holder*>(a->private_data);
        for (auto& c : hh->owned)
            if (c->release) c->release(c.get());
        delete hh;
        a->release = nullptr;
    };
    out->private_data = h;
    return 0;
}

inline const char* last_error(ArrowArrayStream* st) { return static_cast<stream_state*>(st->private_data)->error.c_str(); }

inline void release_stream(ArrowArrayStream* st) {
    delete static_cast<stream_state*>(st->private_data);
    st->release = nullptr;
}

}  // namespace detail

/// A stream over `batches` (the first gives the schema); `fail_at` makes that get_next fail.
inline ArrowArrayStream make_stream(std::vector<batch> batches, int fail_at = -1) {
    auto* s = new detail::stream_state;
    s->batches = std::move(batches);
    s->fail_at = fail_at;
    ArrowArrayStream st{};
    st.get_schema = detail::get_schema;
    st.get_next = detail::get_next;
    st.get_last_error = detail::last_error;
    st.release = detail::release_stream;
    st.private_data = s;
    return st;
}

}  // namespace arrow_test
