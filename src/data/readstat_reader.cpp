// SPSS and Stata files through ReadStat's callbacks: variables (name, label, measure, value
// label set, user-missing values and ranges), the weight variable, value labels, then values.
#include "readstat_reader.hpp"

#include <readstat.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <new>

CSIKIT_NAMESPACE_BEGIN
namespace detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The bytes ReadStat reads, with a read position (our I/O callbacks).
struct memory_io {
    std::string_view bytes;
    std::size_t pos = 0;
};

int io_open(const char*, void*) { return 0; }
int io_close(void*) { return 0; }
readstat_off_t io_seek(readstat_off_t offset, readstat_io_flags_t whence, void* ctx) {
    auto* io = static_cast<memory_io*>(ctx);
    readstat_off_t base = 0;
    if (whence == READSTAT_SEEK_CUR) base = static_cast<readstat_off_t>(io->pos);
    else if (whence == READSTAT_SEEK_END) base = static_cast<readstat_off_t>(io->bytes.size());
    const readstat_off_t to = base + offset;
    if (to < 0 || to > static_cast<readstat_off_t>(io->bytes.size())) return -1;
    io->pos = static_cast<std::size_t>(to);
    return to;
}
ssize_t io_read(void* buf, size_t nbyte, void* ctx) {
    auto* io = static_cast<memory_io*>(ctx);
    const std::size_t n = std::min(nbyte, io->bytes.size() - io->pos);
    if (n) std::memcpy(buf, io->bytes.data() + io->pos, n);
    io->pos += n;
    return static_cast<ssize_t>(n);
}
readstat_error_t io_update(long, readstat_progress_handler, void*, void*) { return READSTAT_OK; }

/// What the callbacks build up.
struct reading {
    raw_table table;
    const column_filter* keep = nullptr;
    std::size_t cell_limit = 0;
    std::vector<int> slot;                           // file variable index -> kept column, -1 = skipped
    std::vector<std::string> label_set;              // per kept column: its value-label set name
    std::map<std::string, std::vector<std::pair<double, std::string>>> labels;  // set -> code -> label
    long declared_rows = -1;
    // Stata hands the value-label set name as a pointer into its lbllist block, whose last entry a
    // broken file may leave unterminated (fuzz_stat found the overread): read at most one entry,
    // 9 bytes before format 110, 33 before 118, 129 after (the .dta specification's widths).
    bool stata = false;
    std::size_t label_set_width = 9;
    std::string error;                               // ReadStat's last error message
    bool too_many = false;
    bool out_of_memory = false;
};

double number_of(readstat_value_t v) {
    switch (readstat_value_type(v)) {
        case READSTAT_TYPE_INT8: return readstat_int8_value(v);
        case READSTAT_TYPE_INT16: return readstat_int16_value(v);
        case READSTAT_TYPE_INT32: return readstat_int32_value(v);
        case READSTAT_TYPE_FLOAT: return readstat_float_value(v);
        case READSTAT_TYPE_DOUBLE: return readstat_double_value(v);
        default: return nan;
    }
}

int on_metadata(readstat_metadata_t* m, void* ctx) {
    auto* rd = static_cast<reading*>(ctx);
    rd->declared_rows = readstat_get_row_count(m);
    const int version = readstat_get_file_format_version(m);
    rd->label_set_width = version >= 118 ? 129 : version >= 110 ? 33 : 9;
    if (const char* label = readstat_get_file_label(m)) rd->table.file_label = valid_utf8(label);
    return READSTAT_HANDLER_OK;
}

int on_variable_body(int index, readstat_variable_t* v, const char* val_labels, void* ctx);
// No exception may cross ReadStat's C frames: out of memory aborts the parse and is rethrown.
int on_variable(int index, readstat_variable_t* v, const char* val_labels, void* ctx) {
    try {
        return on_variable_body(index, v, val_labels, ctx);
    } catch (const std::bad_alloc&) {
        static_cast<reading*>(ctx)->out_of_memory = true;
        return READSTAT_HANDLER_ABORT;
    }
}
int on_variable_body(int index, readstat_variable_t* v, const char* val_labels, void* ctx) {
    auto* rd = static_cast<reading*>(ctx);
    const char* name = readstat_variable_get_name(v);
    const std::string n = valid_utf8(name ? name : "");
    if (static_cast<std::size_t>(index) >= rd->slot.size()) rd->slot.resize(static_cast<std::size_t>(index) + 1, -1);
    if (*rd->keep && !(*rd->keep)->count(n)) return READSTAT_HANDLER_SKIP_VARIABLE;
    table_column c;
    c.name = n;
    if (const char* label = readstat_variable_get_label(v)) c.label = valid_utf8(label);
    switch (readstat_variable_get_measure(v)) {
        case READSTAT_MEASURE_NOMINAL: c.measure = measure_level::nominal; break;
        case READSTAT_MEASURE_ORDINAL: c.measure = measure_level::ordinal; break;
        case READSTAT_MEASURE_SCALE: c.measure = measure_level::scale; break;
        default: break;
    }
    c.is_string = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING;
    if (!c.is_string) {
        const int k = readstat_variable_get_missing_ranges_count(v);
        for (int i = 0; i < k; ++i) {
            const double lo = number_of(readstat_variable_get_missing_range_lo(v, i));
            const double hi = number_of(readstat_variable_get_missing_range_hi(v, i));
            if (!std::isnan(lo) && !std::isnan(hi)) c.missing_ranges.emplace_back(std::min(lo, hi), std::max(lo, hi));
        }
    }
    rd->slot[static_cast<std::size_t>(index)] = static_cast<int>(rd->table.columns.size());
    if (!val_labels) rd->label_set.emplace_back();
    else if (rd->stata) rd->label_set.emplace_back(val_labels, strnlen(val_labels, rd->label_set_width));
    else rd->label_set.emplace_back(val_labels);
    rd->table.columns.push_back(std::move(c));
    return READSTAT_HANDLER_OK;
}

int on_fweight(readstat_variable_t* v, void* ctx) {
    if (const char* name = readstat_variable_get_name(v)) static_cast<reading*>(ctx)->table.weight_variable = valid_utf8(name);
    return READSTAT_HANDLER_OK;
}

int on_value_label_body(const char* set, readstat_value_t value, const char* label, void* ctx);
// No exception may cross ReadStat's C frames: out of memory aborts the parse and is rethrown.
int on_value_label(const char* set, readstat_value_t value, const char* label, void* ctx) {
    try {
        return on_value_label_body(set, value, label, ctx);
    } catch (const std::bad_alloc&) {
        static_cast<reading*>(ctx)->out_of_memory = true;
        return READSTAT_HANDLER_ABORT;
    }
}
int on_value_label_body(const char* set, readstat_value_t value, const char* label, void* ctx) {
    auto* rd = static_cast<reading*>(ctx);
    if (!set || !label || readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC) return READSTAT_HANDLER_OK;
    if (readstat_value_is_tagged_missing(value)) return READSTAT_HANDLER_OK;  // Stata .a-.z labels
    const double x = number_of(value);
    if (!std::isnan(x)) rd->labels[set].emplace_back(x, valid_utf8(label));
    return READSTAT_HANDLER_OK;
}

int on_value_body(int obs, readstat_variable_t* v, readstat_value_t value, void* ctx);
// No exception may cross ReadStat's C frames: out of memory aborts the parse and is rethrown.
int on_value(int obs, readstat_variable_t* v, readstat_value_t value, void* ctx) {
    try {
        return on_value_body(obs, v, value, ctx);
    } catch (const std::bad_alloc&) {
        static_cast<reading*>(ctx)->out_of_memory = true;
        return READSTAT_HANDLER_ABORT;
    }
}
int on_value_body(int obs, readstat_variable_t* v, readstat_value_t value, void* ctx) {
    auto* rd = static_cast<reading*>(ctx);
    const int index = readstat_variable_get_index(v);
    if (index < 0 || static_cast<std::size_t>(index) >= rd->slot.size() || rd->slot[index] < 0 || obs < 0)
        return READSTAT_HANDLER_OK;
    table_column& c = rd->table.columns[static_cast<std::size_t>(rd->slot[index])];
    const auto r = static_cast<std::size_t>(obs);
    if (r >= c.numbers.size()) {
        // Rows arrive in order; a file claiming more cells than the limit stops here.
        if ((r + 1) * std::max<std::size_t>(rd->table.columns.size(), 1) > rd->cell_limit) {
            rd->too_many = true;
            return READSTAT_HANDLER_ABORT;
        }
        c.numbers.resize(r + 1, nan);
        if (c.is_string) c.texts.resize(r + 1);
        if (!c.tagged.empty()) c.tagged.resize(r + 1, 0);
    }
    rd->table.rows = std::max(rd->table.rows, r + 1);
    if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        if (const char* s = readstat_string_value(value)) {
            if (c.texts.size() <= r) c.texts.resize(c.numbers.size());
            c.texts[r] = valid_utf8(s);
        }
        return READSTAT_HANDLER_OK;
    }
    if (readstat_value_is_tagged_missing(value)) {
        c.tagged.resize(c.numbers.size(), 0);
        c.tagged[r] = 1;
        return READSTAT_HANDLER_OK;
    }
    if (readstat_value_is_system_missing(value)) return READSTAT_HANDLER_OK;
    c.numbers[r] = number_of(value);  // user-missing codes keep their value (98): the schema decides
    return READSTAT_HANDLER_OK;
}

void on_error(const char* message, void* ctx) {
    if (message) static_cast<reading*>(ctx)->error = valid_utf8(message);
}

}  // namespace

raw_table read_stat_file(std::string_view bytes, stat_format format, const std::string& source,
                         const column_filter& keep, std::size_t cell_limit) {
    memory_io io{bytes, 0};
    reading rd;
    rd.keep = &keep;
    rd.cell_limit = cell_limit;
    rd.stata = format == stat_format::dta;
    rd.table.source = source;
    readstat_parser_t* parser = readstat_parser_init();
    if (!parser) throw std::bad_alloc();
    struct parser_guard {
        readstat_parser_t* p;
        ~parser_guard() { readstat_parser_free(p); }
    } guard{parser};
    readstat_set_open_handler(parser, io_open);
    readstat_set_close_handler(parser, io_close);
    readstat_set_seek_handler(parser, io_seek);
    readstat_set_read_handler(parser, io_read);
    readstat_set_update_handler(parser, io_update);
    readstat_set_io_ctx(parser, &io);
    readstat_set_metadata_handler(parser, on_metadata);
    readstat_set_variable_handler(parser, on_variable);
    readstat_set_fweight_handler(parser, on_fweight);
    readstat_set_value_label_handler(parser, on_value_label);
    readstat_set_value_handler(parser, on_value);
    readstat_set_error_handler(parser, on_error);
    const readstat_error_t st = format == stat_format::sav ? readstat_parse_sav(parser, source.c_str(), &rd)
                                                           : readstat_parse_dta(parser, source.c_str(), &rd);
    const std::string what = format == stat_format::sav ? "SPSS" : "Stata";
    if (rd.out_of_memory) throw std::bad_alloc();
    if (rd.too_many)
        throw data_error({source, 0, ""}, "the file has more than " + std::to_string(cell_limit) +
                                               " cells, the limit (max_table_cells; expected respondents x variables read to fit)");
    if (st != READSTAT_OK) {
        std::string why = readstat_error_message(st);
        if (!rd.error.empty()) why += ": " + rd.error;
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw parse_error({source, 0, ""}, "cannot read the " + what + " file: " + why +
                                                " (expected a " + (format == stat_format::sav ? ".sav or .zsav" : ".dta") +
                                                " file as SPSS/Stata write it)");
    }
    raw_table& t = rd.table;
    t.format = format == stat_format::dta ? "Stata .dta" : (bytes.substr(0, 4) == "$FL3" ? "SPSS .zsav" : "SPSS .sav");
    for (std::size_t j = 0; j < t.columns.size(); ++j) {
        table_column& c = t.columns[j];
        c.numbers.resize(t.rows, nan);
        if (c.is_string) c.texts.resize(t.rows);
        if (!c.tagged.empty()) c.tagged.resize(t.rows, 0);
        if (auto it = rd.labels.find(rd.label_set[j]); it != rd.labels.end() && !rd.label_set[j].empty()) {
            c.value_labels = it->second;
            std::sort(c.value_labels.begin(), c.value_labels.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
        }
    }
    t.lines.resize(t.rows);
    for (std::size_t r = 0; r < t.rows; ++r) t.lines[r] = r + 1;
    return t;
}

}  // namespace detail
CSIKIT_NAMESPACE_END
