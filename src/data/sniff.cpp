// File-type sniffing and the dispatch of read_responses to the SPSS, Stata and Excel readers.
#include "sniff.hpp"

#include "readstat_reader.hpp"
#include "xlsx_reader.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

file_kind sniff_bytes(std::string_view h) noexcept {
    if (h.substr(0, 4) == "$FL2" || h.substr(0, 4) == "$FL3") return file_kind::sav;
    if (h.substr(0, 11) == "<stata_dta>") return file_kind::dta;
    if (h.size() >= 4) {
        const auto b0 = static_cast<unsigned char>(h[0]), b1 = static_cast<unsigned char>(h[1]);
        // Stata 102-115 (.dta before Stata 13): version, byte order 1/2, file type 1, 0.
        if (b0 >= 102 && b0 <= 115 && (b1 == 1 || b1 == 2) && h[2] == 1 && h[3] == 0) return file_kind::dta;
    }
    if (h.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return file_kind::xlsx;
    if (h.substr(0, 4) == "\xD0\xCF\x11\xE0") return file_kind::xls;
    return file_kind::text;
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

raw_table read_table(std::string_view bytes, file_kind kind, const std::string& source,
                     const column_filter& keep, const read_options& options) {
    switch (kind) {
        case file_kind::sav: return read_stat_file(bytes, stat_format::sav, source, keep);
        case file_kind::dta: return read_stat_file(bytes, stat_format::dta, source, keep);
        case file_kind::xlsx: return read_xlsx(bytes, source, options.sheet, keep);
        case file_kind::xls:
            throw parse_error({source, 0, ""}, "an Excel 97-2003 .xls workbook (expected .xlsx, .sav, .dta or CSV; "
                                               "open it in Excel or LibreOffice and save it as .xlsx)");
        case file_kind::text: break;
    }
    throw argument_error({source, 0, ""}, "not a labelled file (expected SPSS, Stata or Excel)");
}

std::optional<responses> read_labelled_file(const std::string& path, const survey& s, const read_options& options) {
    std::error_code ec;
    if (path == "-" || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    char head[16] = {};
    {
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;  // the CSV reader names the reason
        in.read(head, sizeof head);
        const file_kind kind = sniff_bytes(std::string_view(head, static_cast<std::size_t>(in.gcount())));
        if (kind == file_kind::text) return std::nullopt;
    }
    const std::string bytes = read_file_bytes(path);
    const std::string source = options.source.empty() ? path : options.source;
    // Without a weight column in the schema every variable is kept: ReadStat names the file's
    // weight variable only after the variables, when a skipped one cannot be taken back.
    const file_kind kind = sniff_bytes(std::string_view(bytes).substr(0, 16));
    const column_filter keep = s.weight_column.empty() && kind == file_kind::sav ? column_filter() : survey_column_set(s);
    const raw_table t = read_table(bytes, kind, source, keep, options);
    return table_to_responses(t, s, options);
}

}  // namespace detail
CSIKIT_NAMESPACE_END
