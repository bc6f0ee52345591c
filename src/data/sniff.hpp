// Private helper: the dispatch of read_responses (and of the schema draft) to the SPSS, Stata and
// Excel readers, switching on the one sniffer's answer (file_format.hpp: the file's first bytes,
// not its name).
#pragma once

#include "file_format.hpp"
#include "table.hpp"

#include <optional>
#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// Bytes sniff_format is given: enough for a zip's first entry name (an .xlsx's "xl/" parts).
inline constexpr std::size_t sniff_bytes_wanted = 4096;

/// True for the formats a reader of its own takes (SPSS, Stata, Excel) or refuses with its own
/// message: .sav/.zsav, .dta, .xlsx, any other zip (the Excel reader names what it expected) and
/// the legacy .xls. The others (text, gzip, Parquet, ...) go to the CSV reader, which reads text
/// and names the rest.
bool has_reader(file_format f) noexcept;

/// The whole file as bytes; io_error naming the path when it cannot be read.
std::string read_file_bytes(const std::string& path);

/// The table of a labelled file of format `f` (has_reader(f)).
raw_table read_table(std::string_view bytes, file_format f, const std::string& source,
                     const column_filter& keep, const read_options& options);

/// read_responses' dispatch: the responses of a SPSS, Stata or Excel file at `path`, or
/// nullopt when the file goes to the CSV reader (has_reader false) or is not a regular file (a
/// pipe is read as CSV).
std::optional<responses> read_labelled_file(const std::string& path, const survey& s, const read_options& options);

}  // namespace detail
CSIKIT_NAMESPACE_END
