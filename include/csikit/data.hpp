// Responses: the answers of n respondents to p items, with respondent weights and the
// segment/wave columns, read from CSV or built from an in-memory matrix.
//
// Values are kept on the item's own scale after recoding: missing-value codes and empty cells
// become NaN, reverse items are recoded (min + max - x). Nothing is dropped silently: the
// read_summary counts every cell that became missing and why.
#pragma once

#include "schema.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

CSIKIT_NAMESPACE_BEGIN

/// What to do with a value outside its item's scale.
enum class out_of_scale_policy {
    error,    ///< throw data_error naming row and column (default)
    missing,  ///< treat as missing and count it in read_summary::out_of_scale
};

struct read_options {
    char delimiter = 0;  ///< ',', ';' or '\t'; 0 = detect from the header line
    out_of_scale_policy out_of_scale = out_of_scale_policy::error;
    std::string source;  ///< name used in messages; defaults to the file path
    // Labelled files (readers: docs/data.md). SPSS .sav/.zsav, Stata .dta and Excel .xlsx are
    // told by their first bytes, not their names, and read by read_responses like CSV.
    std::string sheet;   ///< Excel: the sheet to read by name; "" = the first sheet
    /// Text encoding of a CSV: "" = detect (UTF-8, or UTF-16 by its byte-order mark or zero
    /// bytes); "utf-8", "utf-16" (le/be), "gbk", "gb18030", "latin-1", "cp1252" (docs/data.md).
    std::string encoding;
    /// Header rows above the data: 0 = detect (1; 3 for a Qualtrics export, 2 for SurveyMonkey).
    /// Column names come from the first (SurveyMonkey: the first two, see docs/data.md).
    int header_rows = 0;
};

/// Counts of what reading did, per item and in total.
struct read_summary {
    std::size_t respondents = 0;       ///< data rows read
    std::size_t cells = 0;             ///< item cells read (respondents x items)
    std::size_t empty = 0;             ///< empty cells (missing)
    std::size_t missing_codes = 0;     ///< cells holding a missing-value code
    std::size_t out_of_scale = 0;      ///< out-of-scale values turned into missing (policy)
    std::size_t reversed_items = 0;    ///< items recoded because they are reverse-worded
    std::map<std::string, std::size_t> missing_by_item;  ///< all missing cells per item id
    std::map<std::string, std::size_t> codes_by_kind;    ///< "dont_know" -> count, ...
    std::string layout = "csv";        ///< "csv", "qualtrics", "surveymonkey", "wjx" (CSV header layout)
    std::size_t header_rows = 1;       ///< header rows read above the data (0 for in-memory data)
    std::string encoding = "UTF-8";    ///< the encoding the text was read in
};

/// The response data of one survey.
struct responses {
    std::vector<std::string> item_ids;  ///< column order of `values` (the survey's item order)
    Eigen::MatrixXd values;             ///< n x p, on each item's scale, NaN = missing
    Eigen::VectorXd weights;            ///< n respondent weights (all 1 when unweighted)
    bool weighted = false;              ///< true if weights came from a weight column
    /// Segment and wave columns: column name -> one string per respondent ("" = missing).
    std::map<std::string, std::vector<std::string>> groups;
    std::vector<std::size_t> lines;     ///< source line of each respondent (1-based; 0 = none)
    std::string source;                 ///< file name or "<memory>"
    read_summary summary;

    std::size_t respondents() const noexcept { return static_cast<std::size_t>(values.rows()); }
    /// Column index of an item in `values`; throws data_error for an unknown item.
    Eigen::Index column(std::string_view item_id) const;
    /// Only the respondents whose row index is in `rows`, in that order.
    responses subset(const std::vector<Eigen::Index>& rows) const;
};

/// Limits of the CSV reader (docs/reliability.md). A record (one line, or several joined by a
/// quoted newline) longer than max_record_bytes stops reading where it is found, so a file with
/// no line ends is never held whole; a cell above max_cell_bytes or a row of more than
/// max_columns fields is an error naming its line. The values leave room for what the tests
/// read on purpose (a 64 MB free-text cell, 10^6 columns) while a 2 GB line or 10^9 fields stop.
inline constexpr std::size_t max_record_bytes = std::size_t{256} << 20;  ///< 256 MiB
inline constexpr std::size_t max_cell_bytes = std::size_t{128} << 20;    ///< 128 MiB
inline constexpr std::size_t max_columns = std::size_t{1} << 20;         ///< 1,048,576 fields
/// Most header rows read_options::header_rows may ask for.
inline constexpr int max_header_rows = 100;

/// Reads a file of answers: SPSS .sav/.zsav, Stata .dta or Excel .xlsx (told by the file's
/// first bytes; docs/data.md says what maps to what), else CSV (UTF-8 with or without BOM; comma, semicolon or tab; quoted
/// fields; header row of column names). The path "-" reads standard input; pipes and FIFOs
/// are read like files. Throws io_error, parse_error (broken file, naming line; a limit above)
/// or data_error (missing columns, non-numeric or out-of-scale values, naming line and column).
responses read_responses(const std::string& csv_path, const survey& s, read_options options = {});

/// The same, from CSV text in memory.
responses parse_responses(std::string_view csv_text, const survey& s, read_options options = {});

/// Builds responses from an n x k matrix whose columns are named by `columns` (item columns;
/// extra columns are ignored). NaN = missing; missing codes, scale checks and reverse recoding
/// apply as for CSV. `weights` may be empty (unweighted); `groups` holds segment/wave columns.
responses make_responses(const survey& s, const std::vector<std::string>& columns,
                         const Eigen::MatrixXd& raw, const Eigen::VectorXd& weights = {},
                         std::map<std::string, std::vector<std::string>> groups = {},
                         read_options options = {});

/// One named column of an in-memory table for the make_responses below: numbers (NaN =
/// missing), text (numbers written as text or labels of the item's scale; "" = missing), or
/// `absent`: a column of the caller's table that it did not pass (it only counts and is
/// suggested in the messages about a missing column).
struct data_column {
    enum class kind_t { numbers, text, absent };
    std::string name;
    kind_t kind = kind_t::numbers;
    std::vector<double> numbers;    ///< kind numbers: one per row
    std::vector<std::string> text;  ///< kind text: one per row
};

/// Builds responses from `rows` rows of named columns of numbers or text. Item columns of text
/// read numbers written as text and the labels of the item's scale (detail::match_label); an
/// unknown text is reported once per column, with its count and the labels the scale knows.
/// The weight column (unless `weights` is given) holds numbers; segment and wave columns may
/// be text or numbers (written shortest) unless `groups` holds them. Other rules as above; a
/// missing column's message counts every column and names the closest.
responses make_responses(const survey& s, std::size_t rows, const std::vector<data_column>& columns,
                         const Eigen::VectorXd& weights = {},
                         std::map<std::string, std::vector<std::string>> groups = {}, read_options options = {});

CSIKIT_NAMESPACE_END
