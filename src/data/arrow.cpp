// The Arrow C stream consumer: record batches -> the columns of make_responses. Only the
// columns the survey uses are read; every pointer and offset the producer hands over is checked
// before it is followed (buffer sizes are not part of the ABI: they are implied by length and
// offsets, which are checked for order and sign).
#include "csikit/arrow.hpp"

#include "csv.hpp"
#include "responses_check.hpp"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

namespace {

const char* const source_name = "<arrow stream>";

[[noreturn]] void broken(const std::string& field, const std::string& what) {
    throw parse_error({source_name, 0, field}, what);
}

/// Releases what it holds on scope exit (each struct's release callback, once).
struct schema_guard {
    ArrowSchema s{};
    ~schema_guard() { if (s.release) s.release(&s); }
};
struct array_guard {
    ArrowArray a{};
    ~array_guard() { if (a.release) a.release(&a); }
};
struct stream_guard {
    ArrowArrayStream* s;
    ~stream_guard() { if (s && s->release) s->release(s); }
};

std::string producer_error(ArrowArrayStream* st, int code) {
    const char* msg = st->get_last_error ? st->get_last_error(st) : nullptr;
    return "the producer reported error " + std::to_string(code) + (msg ? std::string(": ") + msg : std::string());
}

/// How a column is read: the value type of its (dictionary) values.
enum class value_type { i8, u8, i16, u16, i32, u32, i64, u64, f32, f64, boolean, utf8, large_utf8, utf8_view, null };

bool parse_type(const char* f, value_type& t) {
    if (!f) return false;
    const std::string_view v(f);
    if (v == "c") t = value_type::i8;
    else if (v == "C") t = value_type::u8;
    else if (v == "s") t = value_type::i16;
    else if (v == "S") t = value_type::u16;
    else if (v == "i") t = value_type::i32;
    else if (v == "I") t = value_type::u32;
    else if (v == "l") t = value_type::i64;
    else if (v == "L") t = value_type::u64;
    else if (v == "f") t = value_type::f32;
    else if (v == "g") t = value_type::f64;
    else if (v == "b") t = value_type::boolean;
    else if (v == "u") t = value_type::utf8;
    else if (v == "U") t = value_type::large_utf8;
    else if (v == "vu") t = value_type::utf8_view;  // polars' strings
    else if (v == "n") t = value_type::null;
    else return false;
    return true;
}

bool is_index_type(value_type t) {
    return t == value_type::i8 || t == value_type::u8 || t == value_type::i16 || t == value_type::u16 ||
           t == value_type::i32 || t == value_type::u32 || t == value_type::i64 || t == value_type::u64;
}
bool is_text(value_type t) {
    return t == value_type::utf8 || t == value_type::large_utf8 || t == value_type::utf8_view;
}

/// One column the survey uses: where it is in the struct, and its types.
struct column_plan {
    std::size_t child = 0;
    std::string name;
    value_type type = value_type::null;  // of the values (the dictionary's when dictionary-encoded)
    bool dictionary = false;
    value_type index = value_type::i32;  // the indices' type when dictionary-encoded
};

std::string type_problem(const char* format) {
    return std::string("type \"") + (format ? format : "(null)") +
           "\" is not supported (expected integers, floats, booleans, utf8/large_utf8 strings or "
           "dictionary-encoded strings; cast the column first)";
}

/// Checks the buffers of an array of `type` holding at least `need` slots (offset included).
void check_array(const ArrowArray& a, value_type type, std::int64_t need, const std::string& field) {
    if (a.length < 0 || a.offset < 0 || a.length > std::numeric_limits<std::int64_t>::max() - a.offset)
        broken(field, "negative or overflowing length/offset (expected length >= 0, offset >= 0)");
    // A child's logical slots 0..length-1 sit at offset..offset+length-1; the batch reads its
    // slots parent.offset..parent.offset+parent.length-1 (`need` of them).
    if (a.length < need)
        broken(field, "array of " + std::to_string(a.length) + " values is shorter than the batch (expected at least " +
                          std::to_string(need) + ")");
    // A string view array has validity, views, its N data buffers and their N sizes (int64).
    const std::int64_t buffers = type == value_type::null        ? 0
                                 : type == value_type::utf8_view ? (a.n_buffers >= 3 ? a.n_buffers : 3)
                                 : is_text(type)                 ? 3
                                                                 : 2;
    if (a.n_buffers != buffers)
        broken(field, std::to_string(a.n_buffers) + " buffers (expected " + std::to_string(buffers) +
                          " for this type)");
    if (buffers > 0 && !a.buffers) broken(field, "buffers is NULL (expected an array of buffer pointers)");
    if (a.null_count != 0 && a.null_count != -1 && a.null_count > a.length)
        broken(field, "null_count above length (expected 0..length or -1)");
    const std::int64_t required = type == value_type::utf8_view ? 2 : buffers;  // view data buffers are checked per use
    for (std::int64_t b = 1; b < required; ++b)
        if (!a.buffers[b] && a.length > 0) broken(field, "buffer " + std::to_string(b) + " is NULL (expected the data)");
    if (type == value_type::utf8_view && a.length > 0 && !a.buffers[buffers - 1])
        broken(field, "the variadic buffer sizes are NULL (expected one int64 size per data buffer)");
}

bool valid(const ArrowArray& a, std::int64_t k) {
    if (a.n_buffers == 0) return false;  // the null type: every slot is null
    const auto* bits = static_cast<const std::uint8_t*>(a.buffers[0]);
    return !bits || (bits[k >> 3] >> (k & 7)) & 1;
}

double number_at(const ArrowArray& a, value_type t, std::int64_t k) {
    const void* d = a.buffers[1];
    switch (t) {
        case value_type::i8: return static_cast<const std::int8_t*>(d)[k];
        case value_type::u8: return static_cast<const std::uint8_t*>(d)[k];
        case value_type::i16: return static_cast<const std::int16_t*>(d)[k];
        case value_type::u16: return static_cast<const std::uint16_t*>(d)[k];
        case value_type::i32: return static_cast<const std::int32_t*>(d)[k];
        case value_type::u32: return static_cast<const std::uint32_t*>(d)[k];
        case value_type::i64: return static_cast<double>(static_cast<const std::int64_t*>(d)[k]);
        case value_type::u64: return static_cast<double>(static_cast<const std::uint64_t*>(d)[k]);
        case value_type::f32: return static_cast<const float*>(d)[k];
        case value_type::f64: return static_cast<const double*>(d)[k];
        case value_type::boolean: return (static_cast<const std::uint8_t*>(d)[k >> 3] >> (k & 7)) & 1;
        default: return std::numeric_limits<double>::quiet_NaN();
    }
}

std::string_view text_at(const ArrowArray& a, value_type t, std::int64_t k, const std::string& field) {
    if (t == value_type::utf8_view) {
        // 16-byte views: length, then 12 inline bytes, or a 4-byte prefix, buffer index, offset.
        const auto* view = static_cast<const std::uint8_t*>(a.buffers[1]) + 16 * k;
        std::int32_t len, index, offset;
        std::memcpy(&len, view, 4);
        if (len < 0) broken(field, "a string view of negative length at slot " + std::to_string(k));
        if (len <= 12) return {reinterpret_cast<const char*>(view + 4), static_cast<std::size_t>(len)};
        std::memcpy(&index, view + 8, 4);
        std::memcpy(&offset, view + 12, 4);
        const std::int64_t n_data = a.n_buffers - 3;
        const auto* sizes = static_cast<const std::int64_t*>(a.buffers[a.n_buffers - 1]);
        if (index < 0 || index >= n_data || offset < 0 || !sizes || !a.buffers[2 + index] ||
            static_cast<std::int64_t>(offset) + len > sizes[index])
            broken(field, "a string view at slot " + std::to_string(k) +
                              " points outside its data buffers (expected index < " + std::to_string(n_data) +
                              " and offset + length within the buffer's size)");
        return {static_cast<const char*>(a.buffers[2 + index]) + offset, static_cast<std::size_t>(len)};
    }
    std::int64_t b, e;
    if (t == value_type::utf8) {
        const auto* o = static_cast<const std::int32_t*>(a.buffers[1]);
        b = o[k], e = o[k + 1];
    } else {
        const auto* o = static_cast<const std::int64_t*>(a.buffers[1]);
        b = o[k], e = o[k + 1];
    }
    if (b < 0 || e < b) broken(field, "string offsets out of order at slot " + std::to_string(k) +
                                         " (expected non-negative, non-decreasing offsets)");
    if (static_cast<std::uint64_t>(e - b) > max_cell_bytes)
        broken(field, "a string of " + std::to_string(e - b) + " bytes is longer than the limit of " +
                          std::to_string(max_cell_bytes >> 20) + " MiB (max_cell_bytes)");
    return {static_cast<const char*>(a.buffers[2]) + b, static_cast<std::size_t>(e - b)};
}

/// Appends rows [start, start + len) of column `p` (array `a`) to `out`.
void append(const column_plan& p, const ArrowArray& a, std::int64_t start, std::int64_t len, data_column& out,
            const std::string& field) {
    const ArrowArray* values = &a;
    if (p.dictionary) {
        check_array(a, p.index, start + len, field);
        if (!a.dictionary) broken(field, "a dictionary-encoded column without a dictionary array");
        values = a.dictionary;
        check_array(*values, p.type, 0, field + " (dictionary)");
    } else {
        check_array(a, p.type, start + len, field);
    }
    const bool text = out.kind == data_column::kind_t::text;
    for (std::int64_t i = 0; i < len; ++i) {
        const std::int64_t k = a.offset + start + i;
        std::int64_t v = k;  // the slot of the value in `values`
        bool present = valid(a, k);
        if (present && p.dictionary) {
            const double idx = number_at(a, p.index, k);
            if (!(idx >= 0 && idx < static_cast<double>(values->length)))
                broken(field, "dictionary index " + detail::format_number(idx) + " out of range (expected 0.." +
                                  std::to_string(values->length - 1) + ")");
            v = values->offset + static_cast<std::int64_t>(idx);
            present = valid(*values, v);
        }
        if (text) {
            if (!present) out.text.emplace_back();
            else if (is_text(p.type)) out.text.emplace_back(text_at(*values, p.type, v, field));
            else out.text.push_back(detail::format_number(number_at(*values, p.type, v)));
        } else {
            out.numbers.push_back(present ? number_at(*values, p.type, v) : std::numeric_limits<double>::quiet_NaN());
        }
    }
}

}  // namespace

responses read_arrow_stream(ArrowArrayStream* stream, const survey& s, read_options options) {
    if (!stream) throw argument_error({source_name, 0, "stream"}, "NULL stream (expected an ArrowArrayStream)");
    stream_guard sg{stream};
    if (!stream->release) broken("stream", "the stream is released already (expected a live ArrowArrayStream)");
    if (!stream->get_schema || !stream->get_next)
        broken("stream", "a NULL get_schema or get_next callback (expected the C stream interface)");

    schema_guard schema;
    if (const int rc = stream->get_schema(stream, &schema.s); rc != 0) broken("schema", producer_error(stream, rc));
    const ArrowSchema& sch = schema.s;
    if (!sch.release) broken("schema", "the schema is released (expected a live ArrowSchema)");
    if (!sch.format || std::string_view(sch.format) != "+s")
        broken("schema", std::string("top-level type \"") + (sch.format ? sch.format : "(null)") +
                             "\" (expected a struct \"+s\" of named columns, i.e. a table or record batch)");
    if (sch.n_children < 0 || (sch.n_children > 0 && !sch.children))
        broken("schema", "bad children (expected n_children >= 0 and their pointers)");
    if (static_cast<std::uint64_t>(sch.n_children) > max_columns)
        broken("schema", std::to_string(sch.n_children) + " columns, more than the limit of " +
                             std::to_string(max_columns) + " (max_columns)");

    const detail::survey_columns wanted(s);
    const auto ncols = static_cast<std::size_t>(sch.n_children);
    std::vector<data_column> columns(ncols);
    std::vector<column_plan> plans;
    for (std::size_t c = 0; c < ncols; ++c) {
        const ArrowSchema* ch = sch.children[c];
        if (!ch) broken("schema", "child " + std::to_string(c) + " is NULL");
        columns[c].name = ch->name ? ch->name : "";
        if (!wanted.count(columns[c].name)) {
            columns[c].kind = data_column::kind_t::absent;
            continue;
        }
        const std::string field = "column \"" + columns[c].name + "\"";
        column_plan p;
        p.child = c;
        p.name = columns[c].name;
        if (ch->dictionary) {
            value_type idx;
            if (!parse_type(ch->format, idx) || !is_index_type(idx)) broken(field, type_problem(ch->format));
            if (!parse_type(ch->dictionary->format, p.type) || p.type == value_type::null)
                broken(field, type_problem(ch->dictionary->format));
            p.dictionary = true;
            p.index = idx;
        } else if (!parse_type(ch->format, p.type)) {
            broken(field, type_problem(ch->format));
        }
        columns[c].kind = is_text(p.type) ? data_column::kind_t::text : data_column::kind_t::numbers;
        plans.push_back(std::move(p));
    }

    std::size_t rows = 0;
    for (std::size_t batch = 1;; ++batch) {
        array_guard arr;
        if (const int rc = stream->get_next(stream, &arr.a); rc != 0)
            broken("batch " + std::to_string(batch), producer_error(stream, rc));
        if (!arr.a.release) break;  // the end of the stream
        const ArrowArray& a = arr.a;
        const std::string where = "batch " + std::to_string(batch);
        if (a.length < 0 || a.offset < 0 || a.length > std::numeric_limits<std::int64_t>::max() - a.offset)
            broken(where, "negative or overflowing length/offset");
        if (a.n_children != sch.n_children || (a.n_children > 0 && !a.children))
            broken(where, std::to_string(a.n_children) + " columns (expected " + std::to_string(sch.n_children) +
                              ", as the schema has)");
        if (static_cast<std::uint64_t>(a.length) > std::numeric_limits<std::size_t>::max() / 2 - rows)
            broken(where, "too many rows");
        for (const auto& p : plans) {
            const ArrowArray* ch = a.children[p.child];
            const std::string field = "column \"" + p.name + "\" (" + where + ")";
            if (!ch) broken(field, "NULL child array");
            append(p, *ch, a.offset, a.length, columns[p.child], field);
        }
        rows += static_cast<std::size_t>(a.length);
    }
    if (options.source.empty()) options.source = source_name;
    responses out = make_responses(s, rows, columns, {}, {}, std::move(options));
    out.summary.layout = "arrow";
    return out;
}

CSIKIT_NAMESPACE_END
