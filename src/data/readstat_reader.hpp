// Private helper: SPSS .sav/.zsav and Stata .dta files through ReadStat, into a raw_table.
#pragma once

#include "table.hpp"

#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

enum class stat_format { sav, dta };

/// Parses the file's bytes (held in memory; ReadStat reads them through our I/O callbacks, so
/// the fuzzer and a file take the same path). Throws parse_error naming `source` and ReadStat's
/// reason for a broken file, data_error when the file has more than `cell_limit` cells.
raw_table read_stat_file(std::string_view bytes, stat_format format, const std::string& source,
                         const column_filter& keep, std::size_t cell_limit = max_table_cells);

}  // namespace detail
CSIKIT_NAMESPACE_END
