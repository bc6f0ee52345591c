// C ABI: response data from a matrix in either layout or from a CSV file.
#include "handles.hpp"

#include "csikit/arrow.hpp"
#include "csikit/data.hpp"

#include <cstdint>
#include <string>

using namespace csikit_capi;

namespace {

/// The most values a matrix may hold: Eigen indexes with ptrdiff_t, and the values must be
/// addressable in bytes. Checked before any index is computed, so no product can wrap.
constexpr std::size_t max_matrix_values = static_cast<std::size_t>(PTRDIFF_MAX) / sizeof(double);

void check_shape(std::size_t n_rows, std::size_t n_cols, const char* where) {
    const std::string limit = std::to_string(max_matrix_values);
    if (n_rows > max_matrix_values)
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": n_rows is " + std::to_string(n_rows) +
                                               " (expected at most " + limit + ", PTRDIFF_MAX / 8)"};
    if (n_cols > max_matrix_values)
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": n_cols is " + std::to_string(n_cols) +
                                               " (expected at most " + limit + ", PTRDIFF_MAX / 8)"};
    if (n_cols != 0 && n_rows > max_matrix_values / n_cols)
        throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": n_rows * n_cols = " + std::to_string(n_rows) + " * " +
                                               std::to_string(n_cols) + " values (expected at most " + limit +
                                               ", PTRDIFF_MAX / 8)"};
}

}  // namespace

extern "C" {

CSIKIT_API int csikit_data_from_matrix(const csikit_survey* survey, const double* values, size_t n_rows, size_t n_cols,
                                       const char* const* columns, int layout, const double* weights,
                                       csikit_data** out) {
    const char* where = "csikit_data_from_matrix";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(out, where, "out");
        if (n_cols == 0)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": n_cols is 0 (expected one column per item)"};
        require(columns, where, "columns");
        if (n_rows > 0) require(values, where, "values");
        if (layout != CSIKIT_ROW_MAJOR && layout != CSIKIT_COL_MAJOR)
            throw abi_error{CSIKIT_E_ARGUMENT, std::string(where) + ": unknown layout " + std::to_string(layout) +
                                                   " (expected CSIKIT_ROW_MAJOR or CSIKIT_COL_MAJOR)"};
        check_shape(n_rows, n_cols, where);
        std::vector<std::string> names;
        names.reserve(n_cols);
        for (size_t c = 0; c < n_cols; ++c) {
            if (!columns[c])
                throw abi_error{CSIKIT_E_NULL_ARGUMENT, std::string(where) + ": columns[" + std::to_string(c) +
                                                            "] is NULL (expected a column name)"};
            names.emplace_back(columns[c]);
        }
        const auto rows = static_cast<Eigen::Index>(n_rows), cols = static_cast<Eigen::Index>(n_cols);
        Eigen::MatrixXd raw(rows, cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            for (Eigen::Index c = 0; c < cols; ++c)
                raw(r, c) = layout == CSIKIT_ROW_MAJOR ? values[r * cols + c] : values[c * rows + r];
        Eigen::VectorXd w;
        if (weights) w = Eigen::Map<const Eigen::VectorXd>(weights, rows);
        auto h = std::make_unique<csikit_data>();
        h->value.schema = s.survey;
        h->value.data = std::make_shared<const csikit::responses>(csikit::make_responses(*s.survey, names, raw, w));
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_data_read_csv(const csikit_survey* survey, const char* path, csikit_data** out) {
    const char* where = "csikit_data_read_csv";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(path, where, "path");
        require(out, where, "out");
        auto h = std::make_unique<csikit_data>();
        h->value.schema = s.survey;
        h->value.data = std::make_shared<const csikit::responses>(csikit::read_responses(path, *s.survey));
        give(std::move(h), out);
    });
}

CSIKIT_API void csikit_data_free(csikit_data* data) { release(data); }

CSIKIT_API int csikit_data_shape(const csikit_data* data, size_t* respondents, size_t* items) {
    const char* where = "csikit_data_shape";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        if (respondents) *respondents = static_cast<size_t>(d.data->values.rows());
        if (items) *items = static_cast<size_t>(d.data->values.cols());
    });
}

CSIKIT_API int csikit_data_values(const csikit_data* data, double* out, size_t capacity, size_t* size) {
    const char* where = "csikit_data_values";
    return guard(where, [&] {
        const auto& d = handle(data, where, "data").value;
        // Eigen stores column-major; the ABI hands out row-major like every other matrix.
        const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = d.data->values;
        copy_out(rm.data(), static_cast<size_t>(rm.size()), out, capacity, size, where);
    });
}

}  // extern "C"

namespace csikit_capi {
csikit::read_options core_read_options(const csikit_read_options* given, const char* where) {
    const csikit_read_options o = options_or_defaults(given, csikit_read_options_init, where);
    csikit::read_options ro;
    if (o.encoding) ro.encoding = o.encoding;
    if (o.sheet) ro.sheet = o.sheet;
    ro.header_rows = o.header_rows;
    ro.out_of_scale = o.out_of_scale_missing ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
    return ro;
}
}  // namespace csikit_capi

extern "C" {

CSIKIT_API int csikit_read_options_init(csikit_read_options* options) {
    return init_options("csikit_read_options_init", options, [](csikit_read_options&) {});
}

CSIKIT_API int csikit_data_read_csv_with(const csikit_survey* survey, const char* path,
                                         const csikit_read_options* options, csikit_data** out) {
    const char* where = "csikit_data_read_csv_with";
    return guard(where, [&] {
        const auto& s = handle(survey, where, "survey");
        require(path, where, "path");
        require(out, where, "out");
        const csikit::read_options ro = core_read_options(options, where);
        auto h = std::make_unique<csikit_data>();
        h->value.schema = s.survey;
        h->value.data = std::make_shared<const csikit::responses>(csikit::read_responses(path, *s.survey, ro));
        give(std::move(h), out);
    });
}

CSIKIT_API int csikit_data_read_arrow(const csikit_survey* survey, struct ArrowArrayStream* stream,
                                      const csikit_read_options* options, csikit_data** out) {
    const char* where = "csikit_data_read_arrow";
    return guard(where, [&] {
        // The stream is ours from here: released on every path, also when an argument is bad.
        struct release_on_exit {
            ArrowArrayStream* s;
            ~release_on_exit() { if (s && s->release) s->release(s); }
        } owner{stream};
        const auto& s = handle(survey, where, "survey");
        require(stream, where, "stream");
        require(out, where, "out");
        const csikit::read_options ro = core_read_options(options, where);
        owner.s = nullptr;  // read_arrow_stream releases it
        auto h = std::make_unique<csikit_data>();
        h->value.schema = s.survey;
        h->value.data = std::make_shared<const csikit::responses>(csikit::read_arrow_stream(stream, *s.survey, ro));
        give(std::move(h), out);
    });
}

}  // extern "C"
