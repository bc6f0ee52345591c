// Private helper: Excel .xlsx workbooks (libzip + pugixml), one sheet into a raw_table.
#pragma once

#include "table.hpp"

#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

/// Limits of the .xlsx reader (docs/reliability.md), each enforced with a message naming it.
struct xlsx_limits {
    std::size_t part_bytes = std::size_t{256} << 20;  ///< max_xlsx_part_bytes: one XML part, uncompressed
    std::size_t depth = 64;                           ///< max_xlsx_xml_depth: element nesting
    std::size_t columns = 16384;                      ///< max_xlsx_columns: Excel's own (XFD)
    std::size_t rows = 1048576;                       ///< max_xlsx_rows: Excel's own
    std::size_t cells = max_table_cells;              ///< rows x kept columns
};

/// Reads sheet `sheet` ("" = the first) of the workbook held in `bytes`: its first non-empty
/// row names the columns, every later non-empty row is a respondent (line = sheet row).
/// Numbers, shared and inline strings, booleans (0/1), formula results; a date-formatted number
/// keeps its serial and gains ISO text (2024-03-01) for segment columns.
raw_table read_xlsx(std::string_view bytes, const std::string& source, const std::string& sheet,
                    const column_filter& keep, const xlsx_limits& limits = {});

}  // namespace detail
CSIKIT_NAMESPACE_END
