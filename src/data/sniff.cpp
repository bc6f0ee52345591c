// The dispatch of read_responses to the SPSS, Stata and Excel readers, on sniff_format.
#include "sniff.hpp"

#include "readstat_reader.hpp"
#include "xlsx_reader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

bool has_reader(file_format f) noexcept {
    switch (f) {
        case file_format::sav:
        case file_format::zsav:
        case file_format::dta:
        case file_format::xlsx:
        case file_format::zip:
        case file_format::xls: return true;
        case file_format::text:
        case file_format::gzip:
        case file_format::parquet:
        case file_format::arrow:
        case file_format::pdf: break;
    }
    return false;
}

std::string read_file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw io_error({path, 0, ""}, std::string("cannot open file: ") + std::strerror(errno) + " (expected a readable file)");
    std::string bytes;
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) bytes.reserve(static_cast<std::size_t>(size));
    char chunk[1 << 16];
    while (in) {
        in.read(chunk, sizeof chunk);
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw io_error({path, 0, ""}, "read error (expected a readable file)");
    return bytes;
}

raw_table read_table(std::string_view bytes, file_format f, const std::string& source,
                     const column_filter& keep, const read_options& options) {
    switch (f) {
        case file_format::sav:
        case file_format::zsav: return read_stat_file(bytes, stat_format::sav, source, keep);
        case file_format::dta: return read_stat_file(bytes, stat_format::dta, source, keep);
        case file_format::xlsx:
        case file_format::zip: return read_xlsx(bytes, source, options.sheet, keep);
        case file_format::xls:
            throw parse_error({source, 0, ""}, "an Excel 97-2003 .xls workbook (expected .xlsx, .sav, .dta or CSV; "
                                               "open it in Excel or LibreOffice and save it as .xlsx)");
        case file_format::text:
        case file_format::gzip:
        case file_format::parquet:
        case file_format::arrow:
        case file_format::pdf: break;
    }
    throw argument_error({source, 0, ""}, "not a labelled file (expected SPSS, Stata or Excel)");
}

std::optional<responses> read_labelled_file(const std::string& path, const survey& s, const read_options& options) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    {
        char head[sniff_bytes_wanted];
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;  // the CSV reader names the reason
        in.read(head, sizeof head);
        if (!has_reader(sniff_format(std::string_view(head, static_cast<std::size_t>(in.gcount())))))
            return std::nullopt;
    }
    const std::string bytes = read_file_bytes(path);
    const std::string source = options.source.empty() ? path : options.source;
    // Without a weight column in the schema every variable is kept: ReadStat names the file's
    // weight variable only after the variables, when a skipped one cannot be taken back.
    const file_format f = sniff_format(std::string_view(bytes).substr(0, sniff_bytes_wanted));
    const bool spss = f == file_format::sav || f == file_format::zsav;
    const column_filter keep = s.weight_column.empty() && spss ? column_filter() : survey_column_set(s);
    const raw_table t = read_table(bytes, f, source, keep, options);
    return table_to_responses(t, s, options);
}

}  // namespace detail
CSIKIT_NAMESPACE_END
