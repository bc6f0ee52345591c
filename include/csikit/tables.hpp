// Result tables for a paper or a spreadsheet (`--tables-out`): every table of a result's JSON
// (the one serializer's document) as a sheet of an .xlsx workbook or as a CSV file in a folder.
#pragma once

#include "error.hpp"

#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// One table: a name (the JSON path, e.g. "paths", "quality.htmt") and rows of cells.
struct result_table {
    std::string name;
    std::vector<std::string> columns;
    /// Cells as JSON scalars: numbers keep full precision (shortest round-trip text).
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<bool>> numeric;  ///< per cell: a number (written as one in .xlsx)
};

/// The tables of a result's JSON: each array of objects becomes a table (its scalar fields the
/// columns, nested objects flattened as "a.b"), the top-level scalars a table "info". Throws
/// parse_error for text that is not JSON.
std::vector<result_table> result_tables(std::string_view json_text);

/// Writes the tables of `json_text` to `path`: an .xlsx workbook (one sheet per table; sheet
/// names cut to Excel's 31 characters) when the path ends in ".xlsx", else a folder of CSV
/// files (created if missing; "DIR/" or an existing folder), one NAME.csv per table. Returns
/// the files written. io_error when the path cannot be written.
std::vector<std::string> write_tables(std::string_view json_text, const std::string& path);

CSIKIT_NAMESPACE_END
