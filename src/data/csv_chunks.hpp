// Private helper: the CSV reader's rules applied to a file read in chunks (the streaming reader,
// csv_stream.cpp). The header is read once from the start of the text; each later chunk of whole
// records is parsed on its own, on any thread, by a copy of the reader that read the header, so a
// streamed file and read_responses share one set of value rules (no second copy of them).
#pragma once

#include "csikit/data.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

CSIKIT_NAMESPACE_BEGIN
namespace detail {

class csv_chunk_parser {
public:
    /// `head`: the start of the file as UTF-8 text (a BOM allowed) holding at least the header
    /// records. The delimiter, the export layout and the columns are found as parse_responses
    /// finds them; throws as it does for a bad header. `s` must outlive the parser.
    csv_chunk_parser(std::string_view head, const survey& s, read_options options);
    ~csv_chunk_parser();
    csv_chunk_parser(const csv_chunk_parser&) = delete;
    csv_chunk_parser& operator=(const csv_chunk_parser&) = delete;

    std::size_t body_offset() const noexcept;  ///< where the data rows begin in `head`
    std::size_t body_line() const noexcept;    ///< the line number at body_offset()
    char delimiter() const noexcept;
    bool weighted() const noexcept;            ///< the survey's weight column is read
    const std::string& source() const noexcept;

    /// The rows of `body` (whole records, the first on line `first_line`) as read_responses
    /// reads them, with the chunk's read_summary; throws as read_responses does for a problem in
    /// them. The checks that need every row (no rows, all weights zero) are the caller's:
    /// check_totals. Safe to call from several threads at once.
    responses parse(std::string_view body, std::size_t first_line) const;

    /// After the last chunk: the whole-file checks of read_responses (no data rows; all weights
    /// zero; weights whose sum of squares overflows), from the totals of every chunk.
    void check_totals(std::size_t rows, double weight_sum, double weight_sum_squares) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Throws the parse_error of read_responses for a record longer than max_record_bytes.
[[noreturn]] void throw_overlong_record(const std::string& source, std::size_t line);
/// Refuses the first bytes of a file that is not text, as read_responses does.
void refuse_binary_text(std::string_view first_bytes, const std::string& source);

}  // namespace detail
CSIKIT_NAMESPACE_END
