// Private helper: which reader a data file needs, told by its first bytes (not its name), and
// the entry that read_responses calls before it reads CSV.
#pragma once

#include "table.hpp"

#include <optional>
#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

enum class file_kind { text, sav, dta, xlsx, xls };

/// The kind of a file from its first bytes: "$FL2"/"$FL3" SPSS, "<stata_dta>" or an old
/// Stata header, "PK\3\4" a zip (an .xlsx), D0 CF 11 E0 an old .xls; anything else is text.
file_kind sniff_bytes(std::string_view head) noexcept;

/// The whole file as bytes; io_error naming the path when it cannot be read.
std::string read_file_bytes(const std::string& path);

/// The table of a labelled file (SPSS, Stata, Excel) of kind `kind` (not text).
raw_table read_table(std::string_view bytes, file_kind kind, const std::string& source,
                     const column_filter& keep, const read_options& options);

/// read_responses' dispatch: the responses of a SPSS, Stata or Excel file at `path`, or
/// nullopt when the file is text (CSV) or not a regular file (a pipe is read as CSV).
std::optional<responses> read_labelled_file(const std::string& path, const survey& s, const read_options& options);

}  // namespace detail
CSIKIT_NAMESPACE_END
