// read_responses / parse_responses: CSV text -> responses, reporting every problem of the file
// (up to a cap) in one exception, each with file, line and column.
#include "csv.hpp"
#include "csv_chunks.hpp"
#include "encoding.hpp"
#include "labels.hpp"
#include "layout.hpp"
#include "file_format.hpp"
#include "responses_check.hpp"
#include "sniff.hpp"  // readers: SPSS, Stata and Excel files are dispatched before CSV

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <new>
#include <optional>
#include <unordered_map>

CSIKIT_NAMESPACE_BEGIN

namespace {

using detail::csv_field;
using detail::csv_issue;
using detail::problem_list;
constexpr std::size_t none = static_cast<std::size_t>(-1);

using detail::number_status;
using detail::parse_number;

std::string delimiter_name(char d) {
    if (d == '\t') return "tab";
    return std::string("'") + d + "'";
}


/// Reads the CSV text once the delimiter is known: header, then every data row.
class csv_reader {
public:
    csv_reader(std::string_view text, std::size_t bom, const survey& s, const read_options& opt,
               std::string source, detail::header_layout layout)
        : text_(text), bom_(bom), survey_(s), problems_(std::move(source)), checker_(s, opt), layout_(layout),
          unknown_(s.items.size()) {}

    responses read(char delim, bool forced) {
        resolve_header(delim, forced);
        return read_rows(delim, true);
    }
    void resolve_header(char delim, bool forced);
    /// The rows of text_ from data_start_ on (line data_line_). `whole_file`: also the checks
    /// that need every row (no rows at all, all weights zero, overflowing weights); a chunk of
    /// a streamed file leaves them to the streaming reader, which sees every chunk.
    responses read_rows(char delim, bool whole_file);
    /// Makes this reader (a copy of one whose header is resolved) read `body`, whole records
    /// starting at line `first_line`, as its data rows.
    void rebase(std::string_view body, std::size_t first_line) noexcept {
        text_ = body;
        data_start_ = 0;
        data_line_ = first_line;
    }
    /// The checks that need every row, from their totals (rows read, sum and sum of squares
    /// of the weights).
    void check_totals(std::size_t n, double weight_sum, double weight_sum_squares);
    bool weighted() const noexcept { return weight_col_ != none; }
    const std::string& source() const noexcept { return problems_.file(); }
    std::size_t data_start() const noexcept { return data_start_; }
    std::size_t data_line() const noexcept { return data_line_; }

private:
    void report(const std::vector<csv_issue>& issues, char delim);
    std::string column_field(std::size_t index) const {
        return index < header_.size() && !header_[index].empty() && header_ok_[index]
                   ? "column \"" + header_[index] + "\""
                   : "column " + std::to_string(index + 1);
    }
    /// `f` (from a data row) with offsets into the whole text.
    csv_field absolute(csv_field f) const noexcept {
        f.offset += data_start_;
        f.end += data_start_;
        return f;
    }
    /// Adds a UTF-8 problem and returns false if `f` (offsets in the whole text) is not UTF-8.
    bool check_utf8(const csv_field& f, std::size_t line, std::size_t index);
    /// Adds a problem and returns true if `f` is longer than max_cell_bytes.
    bool too_long(const csv_field& f, std::size_t line, std::size_t index) {
        if (f.end - f.offset <= max_cell_bytes) return false;
        problems_.add(line, column_field(index),
                      "cell of " + std::to_string(f.end - f.offset) + " bytes is longer than the limit of " +
                          std::to_string(max_cell_bytes >> 20) + " MiB (max_cell_bytes; expected a rating, a weight, a segment value or a short text)",
                      true);
        return true;
    }

    std::string_view text_;
    std::size_t bom_;
    const survey& survey_;
    problem_list problems_;
    detail::value_checker checker_;
    detail::header_layout layout_;
    std::vector<detail::unknown_text_tally> unknown_;  // per item: text that is no number, no label
    std::vector<std::string> header_;
    std::vector<bool> header_ok_;  // header name is valid UTF-8 (so it may be printed)
    std::size_t weight_col_ = none;
    std::vector<std::pair<std::string, std::size_t>> group_cols_;  // name -> column index
    std::size_t data_start_ = 0;
    std::size_t data_line_ = 2;
};

void csv_reader::check_totals(std::size_t n, double weight_sum, double weight_sum_squares) {
    if (n == 0) {
        problems_.add(data_line_, "", "no data rows (expected one row per respondent after the header)");
        problems_.raise();
    }
    const std::string weight_field = "column \"" + survey_.weight_column + "\"";
    if (weight_col_ != none && !(weight_sum > 0)) {
        problems_.add(0, weight_field, "all weights are zero (expected at least one positive weight)");
        problems_.raise();
    }
    if (weight_col_ != none && !std::isfinite(weight_sum_squares)) {
        // 1e308 weights are finite, but their sums (and Kish's sum of squares) are not.
        problems_.add(0, weight_field, "weights too large: their sum of squares overflows a double (expected weights of ordinary size; rescale them, e.g. to mean 1)");
        problems_.raise();
    }
}

bool csv_reader::check_utf8(const csv_field& f, std::size_t line, std::size_t index) {
    // Check the field's bytes in the source: quotes are ASCII, so offsets stay exact.
    const std::size_t bad = detail::find_invalid_utf8(text_.substr(f.offset, f.end - f.offset));
    if (bad == std::string_view::npos) return true;
    // One message for the file, not one per row: the first bad byte and the likely encoding.
    problems_.add(line, column_field(index), detail::not_utf8_message(text_, f.offset + bad), true);
    problems_.raise();
}

void csv_reader::report(const std::vector<csv_issue>& issues, char delim) {
    for (const auto& is : issues) {
        if (is.kind == csv_issue::unterminated)
            problems_.add(is.line, column_field(is.field),
                          "quoted field is never closed (expected a closing '\"'; a quote inside a "
                          "quoted field is written twice, \"\")",
                          true);
        else
            problems_.add(is.line, column_field(is.field),
                          "text after a closing quote (expected the delimiter " + delimiter_name(delim) +
                              " or the end of the line; a quote inside a quoted field is written twice, \"\")",
                          true);
    }
}

void csv_reader::resolve_header(char delim, bool forced) {
    detail::csv_tokenizer tok(text_.substr(bom_), delim, 1, max_columns + 1);
    std::vector<csv_field> fields;
    std::vector<csv_issue> issues;
    tok.next(fields, issues);
    // Further header rows (a platform's question text, ImportIds, sub-labels): kept as text for
    // the names (SurveyMonkey), checked like the first.
    std::vector<std::vector<std::string>> extra;
    for (std::size_t r = 1; r < layout_.rows; ++r) {
        std::vector<csv_field> more;
        if (!tok.next(more, issues)) break;
        for (std::size_t c = 0; c < more.size(); ++c) {
            more[c].offset += bom_, more[c].end += bom_;
            if (too_long(more[c], tok.record_line(), c)) problems_.raise();
            check_utf8(more[c], tok.record_line(), c);
        }
        std::vector<std::string> texts;
        for (const auto& f : more) texts.emplace_back(detail::trim(f.text));
        extra.push_back(std::move(texts));
    }
    if (fields.size() > max_columns) {
        problems_.add(1, "", "the header has more than " + std::to_string(max_columns) +
                                 " columns, the limit (max_columns; expected one column per item, weight, segment and wave)",
                      true);
        problems_.raise();
    }
    for (std::size_t c = 0; c < fields.size(); ++c)
        if (too_long(fields[c], 1, c)) problems_.raise();
    data_start_ = bom_ + tok.position();
    data_line_ = tok.line();
    for (auto& f : fields) f.offset += bom_, f.end += bom_;  // offsets in the whole text

    header_.reserve(fields.size());
    header_ok_.reserve(fields.size());
    for (const auto& f : fields) {
        header_.emplace_back(detail::trim(f.text));
        header_ok_.push_back(detail::find_invalid_utf8(f.text) == std::string_view::npos);
    }
    for (std::size_t c = 0; c < fields.size(); ++c)
        if (!header_ok_[c]) check_utf8(fields[c], 1, c);
    if (!extra.empty()) {
        extra.insert(extra.begin(), header_);
        header_ = detail::layout_names(extra, layout_.kind);
    }
    report(issues, delim);
    for (const auto& is : issues)
        if (is.kind == csv_issue::unterminated) problems_.raise();

    // A single column while the survey needs several almost always means a wrong delimiter.
    std::size_t needed = survey_.items.size() + survey_.segment_columns.size() +
                         (survey_.weight_column.empty() ? 0 : 1) + (survey_.wave_column.empty() ? 0 : 1);
    if (header_.size() == 1 && needed > 1) {
        std::string seen;
        for (char d : {',', ';', '\t', '|'})
            if (d != delim && header_[0].find(d) != std::string::npos) seen = delimiter_name(d);
        std::string msg = forced ? "only one column found with the delimiter " + delimiter_name(delim) +
                                       "; is the delimiter right? (expected ',', ';' or tab"
                                 : "only one column found; is the delimiter right? (expected ',', ';' or tab";
        if (!seen.empty()) msg += "; the header contains " + seen;
        problems_.add(1, "", msg + ")", true);
        problems_.raise();
    }

    std::unordered_map<std::string, std::size_t> index;
    const detail::survey_columns wanted(survey_);
    for (std::size_t c = 0; c < header_.size(); ++c) {
        if (header_[c].empty() || !header_ok_[c]) continue;
        auto [it, fresh] = index.emplace(header_[c], c);
        // A platform export repeats question texts among columns nobody asked for: only a
        // column the survey reads must be unique there.
        if (!fresh && (layout_.kind == detail::export_layout::plain || wanted.count(header_[c])))
            problems_.add(1, "column \"" + header_[c] + "\"",
                          "appears twice, as column " + std::to_string(it->second + 1) + " and column " +
                              std::to_string(c + 1) + " (expected unique column names)");
    }
    auto find = [&](const std::string& name, const std::string& what) -> std::size_t {
        if (auto it = index.find(name); it != index.end()) return it->second;
        problems_.add(1, what,
                      "no column \"" + name + "\" in the header (expected it among the " +
                          std::to_string(header_.size()) + " columns" + detail::closest_columns(name, header_, wanted) + ")");
        return none;
    };
    for (auto& ic : checker_.items()) ic.source = find(ic.it->column_name(), "item \"" + ic.it->id + "\"");
    if (!survey_.weight_column.empty())
        weight_col_ = find(survey_.weight_column, "weight column \"" + survey_.weight_column + "\"");
    for (const auto& g : survey_.segment_columns)
        group_cols_.emplace_back(g, find(g, "segment column \"" + g + "\""));
    if (!survey_.wave_column.empty())
        group_cols_.emplace_back(survey_.wave_column,
                                 find(survey_.wave_column, "wave column \"" + survey_.wave_column + "\""));
    // Feedback records (0/1 category columns, the verbatim column) travel as text like segments.
    for (const auto& [column, what] : record_columns(survey_)) group_cols_.emplace_back(column, find(column, what));
}

responses csv_reader::read_rows(char delim, bool whole_file) {
    // Rows: at most one per line after the header, but blank lines, quoted newlines and bad rows
    // make that count no promise: start small and grow by doubling as rows are confirmed, so
    // 200 MB of blank lines cost nothing (they once reserved lines x items x 8 bytes).
    const std::string_view body = text_.substr(data_start_);
    const std::size_t line_ends = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n')) +
                                  (!body.empty() && body.back() != '\n' ? 1 : 0);
    std::size_t capacity = std::clamp<std::size_t>(line_ends, 1, 4096);
    const auto p = static_cast<Eigen::Index>(checker_.items().size());
    Eigen::MatrixXd values(static_cast<Eigen::Index>(capacity), p);
    Eigen::VectorXd weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(capacity));
    std::vector<std::size_t> lines;
    lines.reserve(capacity);
    std::vector<std::vector<std::string>> group_values(group_cols_.size());
    for (auto& g : group_values) g.reserve(capacity);

    detail::csv_tokenizer tok(body, delim, data_line_, max_columns + 1);
    std::vector<csv_field> fields;
    fields.reserve(header_.size() + 1);
    std::vector<csv_issue> issues;
    const std::string weight_field = "column \"" + survey_.weight_column + "\"";
    const std::size_t ncols = header_.size();
    std::size_t n = 0;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();

    while (tok.next(fields, issues)) {
        const std::size_t line = tok.record_line();
        if (!issues.empty()) {
            report(issues, delim);
            const bool fatal = issues.back().kind == csv_issue::unterminated;
            issues.clear();
            if (fatal) break;
            continue;
        }
        if (fields.size() == 1 && !fields[0].quoted && fields[0].text.empty()) continue;  // blank line
        if (fields.size() != ncols) {
            problems_.add(line, "",
                          "row has " + (fields.size() > max_columns ? "more than " + std::to_string(max_columns)
                                                                     : std::to_string(fields.size())) +
                              " fields (expected " + std::to_string(ncols) + ", as many as the header has columns)",
                          true);
            continue;
        }
        bool overlong = false;
        for (std::size_t c = 0; c < ncols; ++c) overlong = too_long(absolute(fields[c]), line, c) || overlong;
        if (overlong) continue;
        if (n == capacity) {  // grow geometrically: amortised linear
            capacity *= 2;
            values.conservativeResize(static_cast<Eigen::Index>(capacity), p);
            weights.conservativeResize(static_cast<Eigen::Index>(capacity));
            weights.tail(static_cast<Eigen::Index>(capacity - n)).setOnes();
            lines.reserve(capacity);
            for (auto& g : group_values) g.reserve(capacity);
        }
        const auto r = static_cast<Eigen::Index>(n);
        for (Eigen::Index j = 0; j < p; ++j) {
            const auto jj = static_cast<std::size_t>(j);
            const std::size_t c = checker_.items()[jj].source;
            if (c == none) {
                values(r, j) = nan;
                continue;
            }
            const std::string_view cell = detail::trim(fields[c].text);
            if (cell.empty() || detail::skipped_cell(layout_.kind, cell)) {
                checker_.count_empty(jj);
                values(r, j) = nan;
                continue;
            }
            double x = 0;
            const number_status st = parse_number(cell, delim, x);
            if (st == number_status::ok) {
                values(r, j) = checker_.check(jj, x, line, problems_);
                continue;
            }
            if (st == number_status::not_number) {
                if (const auto labelled = detail::match_label(*checker_.items()[jj].sc, cell)) {
                    values(r, j) = checker_.check(jj, *labelled, line, problems_);
                    continue;
                }
            }
            values(r, j) = nan;
            check_utf8(absolute(fields[c]), line, c);
            if (st == number_status::not_number) {
                unknown_[jj].add(cell, line);  // reported once per column, after the rows
                continue;
            }
            problems_.add(line, checker_.items()[jj].field,
                          detail::quote_text(cell) + " is not a finite number (expected " +
                              checker_.expected_text(jj) + ")");
        }
        if (weight_col_ != none) {
            const std::string_view cell = detail::trim(fields[weight_col_].text);
            double w = 1;
            const number_status st = cell.empty() ? number_status::ok : parse_number(cell, delim, w);
            if (cell.empty())
                problems_.add(line, weight_field, detail::weight_problem(nan));
            else if (st == number_status::not_number) {
                if (check_utf8(absolute(fields[weight_col_]), line, weight_col_))
                    problems_.add(line, weight_field,
                                  detail::quote_text(cell) + " is not a number (expected a weight >= 0)");
            } else if (st == number_status::not_finite)
                problems_.add(line, weight_field,
                              detail::quote_text(cell) + " is not a finite number (expected a weight >= 0)");
            else if (auto msg = detail::weight_problem(w); !msg.empty())
                problems_.add(line, weight_field, msg);
            weights(r) = w;
        }
        for (std::size_t g = 0; g < group_cols_.size(); ++g) {
            const std::size_t c = group_cols_[g].second;
            if (c == none) {
                group_values[g].emplace_back();
                continue;
            }
            const csv_field& f = fields[c];
            group_values[g].emplace_back(check_utf8(absolute(f), line, c) ? detail::trim(f.text)
                                                                         : std::string_view());
        }
        lines.push_back(line);
        ++n;
    }

    for (std::size_t j = 0; j < unknown_.size(); ++j)
        if (!unknown_[j].empty())
            problems_.add(unknown_[j].first_line(), checker_.items()[j].field,
                          unknown_[j].message(*checker_.items()[j].sc, checker_.expected_text(j)));
    checker_.add_hints(problems_, n);
    if (!problems_.empty()) problems_.raise();
    if (whole_file)
        check_totals(n, weights.head(static_cast<Eigen::Index>(n)).sum(),
                     weights.head(static_cast<Eigen::Index>(n)).squaredNorm());

    responses out;
    if (n != capacity) {
        values.conservativeResize(static_cast<Eigen::Index>(n), p);
        weights.conservativeResize(static_cast<Eigen::Index>(n));
    }
    out.values = std::move(values);
    out.weights = std::move(weights);
    out.weighted = weight_col_ != none;
    for (const auto& ic : checker_.items()) out.item_ids.push_back(ic.it->id);
    for (std::size_t g = 0; g < group_cols_.size(); ++g)
        out.groups[group_cols_[g].first] = std::move(group_values[g]);
    out.lines = std::move(lines);
    out.source = problems_.file();
    out.summary = checker_.summary(n);
    out.summary.layout = detail::layout_name(layout_.kind);
    out.summary.header_rows = layout_.rows;
    return out;
}

[[noreturn]] void throw_overlong(const std::string& source, std::size_t line) {
    throw parse_error({source, line, ""},
                      "the record starting here is longer than the limit of " +
                          std::to_string(max_record_bytes >> 20) +
                          " MiB (max_record_bytes; expected one respondent per line; a quote that is never "
                          "closed also joins every later line)");
}

/// Refuses a file that is not text (a workbook, an SPSS or Stata file, an archive), naming
/// what it is and how to read it, before it fails as broken CSV.
void refuse_binary(std::string_view first_bytes, const std::string& source) {
    const detail::file_format f = detail::sniff_format(first_bytes);
    if (f == detail::file_format::text) return;
    throw parse_error({source, 0, ""}, "this is " + detail::format_description(f) +
                                           ", not CSV text (expected a CSV file; " + detail::format_remedy(f) + ")");
}

/// The encoding of the input, from its first bytes and --encoding.
detail::detected_encoding input_encoding(std::string_view first_bytes, const read_options& o) {
    return detail::detect_encoding(first_bytes, detail::parse_encoding(o.encoding));
}

/// The whole input as UTF-8 text, read in pieces so that a pipe, a FIFO or standard input works
/// (their size is unknown) and reading stops at the first record above max_record_bytes. Text
/// in another encoding is converted piece by piece as it arrives (the raw bytes are never held
/// whole); `encoding` is set to the encoding read.
std::string read_text(std::istream& in, const std::string& source, std::size_t size_hint, const read_options& o,
                      std::string& encoding) {
    std::string text;
    detail::record_length_guard guard(max_record_bytes);
    std::vector<char> chunk(std::size_t{1} << 16);
    std::optional<detail::transcoder> conv;
    bool first = true;
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        std::string_view piece(chunk.data(), static_cast<std::size_t>(in.gcount()));
        if (first) {
            first = false;
            refuse_binary(piece, source);
            const auto det = input_encoding(piece, o);
            encoding = detail::encoding_name(det.encoding);
            if (det.encoding != detail::text_encoding::utf8) {
                conv.emplace(det.encoding, source, det.bom);
                piece.remove_prefix(det.bom);
            } else if (size_hint > 0) {
                // A regular file's size comes from the file system, not its contents: reserve it.
                text.reserve(size_hint);
            }
        }
        const std::size_t old = text.size();
        if (conv) conv->feed(piece, !in, text);
        else text.append(piece);
        if (!guard.feed(std::string_view(text).substr(old))) throw_overlong(source, guard.record_line());
    }
    if (in.bad()) throw io_error({source, 0, ""}, "read error (expected a readable CSV file)");
    if (conv) conv->feed({}, true, text);
    return text;
}

/// A reader for UTF-8 `text` (a BOM of `bom` bytes first) whose header is still to be read,
/// with the delimiter (`forced` when the options name it, else the candidate that splits the
/// header into the most fields) and the export layout found.
csv_reader open_reader(std::string_view text, std::size_t bom, const survey& s, const read_options& options,
                       const std::string& source, char& delim, bool& forced) {
    delim = options.delimiter;
    forced = delim != 0;
    if (forced && (delim == '"' || delim == '\n' || delim == '\r' || delim == ' '))
        throw argument_error({source, 0, "delimiter"},
                             "a quote, space or line end cannot be the delimiter (expected ',', ';' or tab)");
    if (!forced) {
        // The candidate that splits the header into the most fields; ties go to the comma.
        std::size_t best = 0;
        for (char d : {',', ';', '\t'}) {
            const std::size_t k = detail::count_header_fields(text.substr(bom), d, max_columns + 1);
            if (k > best) best = k, delim = d;
        }
    }
    const detail::header_layout layout = detail::detect_layout(text.substr(bom), delim, options.header_rows);
    return csv_reader(text, bom, s, options, source, layout);
}

/// parse_responses; `decoded` when read_text has already made the text UTF-8 and applied
/// max_record_bytes (`encoding` then names what it was read in).
responses parse_text(std::string_view text, const survey& s, read_options options, bool decoded,
                     std::string encoding = "UTF-8") {
    const std::string source = options.source.empty() ? "<string>" : options.source;
    if (options.header_rows < 0 || options.header_rows > max_header_rows)
        throw argument_error({source, 0, "header_rows"},
                             std::to_string(options.header_rows) + " header rows (expected 0 = detect, or 1.." +
                                 std::to_string(max_header_rows) + ", max_header_rows)");
    std::string converted;
    if (!decoded) {
        refuse_binary(text.substr(0, 4096), source);
        const auto det = input_encoding(text.substr(0, 4096), options);
        encoding = detail::encoding_name(det.encoding);
        if (det.encoding != detail::text_encoding::utf8) {
            detail::transcoder conv(det.encoding, source, det.bom);
            conv.feed(text.substr(det.bom), true, converted);
            text = converted;
        }
    }
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    if (text.find_first_not_of(" \t\r\n", bom) == std::string_view::npos)
        throw parse_error({source, 1, ""}, "empty file (expected a header row of column names)");

    if (detail::record_length_guard guard(max_record_bytes); !decoded && !guard.feed(text.substr(bom)))
        throw_overlong(source, guard.record_line());

    char delim = 0;
    bool forced = false;
    csv_reader reader = open_reader(text, bom, s, options, source, delim, forced);
    reader.resolve_header(delim, forced);
    responses out = reader.read_rows(delim, true);
    out.summary.encoding = encoding;
    return out;
}

}  // namespace

responses parse_responses(std::string_view text, const survey& s, read_options options) {
    return parse_text(text, s, std::move(options), false);
}

namespace {
/// read_responses without the out-of-memory translation.
responses read_file(const std::string& csv_path, const survey& s, read_options options);
}  // namespace

responses read_responses(const std::string& csv_path, const survey& s, read_options options) {
    try {
        if (auto labelled = detail::read_labelled_file(csv_path, s, options)) return std::move(*labelled);  // readers
        return read_file(csv_path, s, std::move(options));
    } catch (const std::bad_alloc&) {
        // Name the place: a bare "out of memory" leaves the user guessing which input was too big.
        std::error_code ec;
        const auto size = csv_path == "-" ? 0 : std::filesystem::file_size(csv_path, ec);
        throw io_error({csv_path == "-" ? "<stdin>" : csv_path, 0, ""},
                       "not enough memory to read the data" +
                           (ec || size == 0 ? std::string() : " (" + std::to_string(size >> 20) + " MiB of text)") +
                           " (expected a file whose text and answers fit in memory)");
    }
}

namespace {
responses read_file(const std::string& csv_path, const survey& s, read_options options) {
    if (csv_path == "-") {  // standard input, e.g. `cat a.csv | csikit score --data -`
        if (options.source.empty()) options.source = "<stdin>";
        std::string encoding;
        const std::string text = read_text(std::cin, options.source, 0, options, encoding);
        return parse_text(text, s, std::move(options), true, encoding);
    }
    if (options.source.empty()) options.source = csv_path;
    std::error_code ec;
    if (std::filesystem::is_directory(csv_path, ec))
        throw io_error({csv_path, 0, ""}, "is a directory (expected a CSV file)");
    std::ifstream in(csv_path, std::ios::binary);
    if (!in)
        throw io_error({csv_path, 0, ""},
                       std::string("cannot open file: ") + std::strerror(errno) + " (expected a readable CSV file)");
    // A regular file's size is known; a pipe, FIFO or /dev/stdin reports none and is read to
    // its end (it once read as "empty file").
    const bool regular = std::filesystem::is_regular_file(csv_path, ec);
    const auto size = regular ? std::filesystem::file_size(csv_path, ec) : 0;
    std::string encoding;
    const std::string text = read_text(in, csv_path, ec ? 0 : static_cast<std::size_t>(size), options, encoding);
    return parse_text(text, s, std::move(options), true, encoding);
}
}  // namespace

// ---- the chunk parser of the streaming reader (csv_chunks.hpp) -------------------------------
namespace detail {

struct csv_chunk_parser::impl {
    read_options options;  // first: the reader's value checker keeps a reference to it
    char delim = 0;
    std::optional<csv_reader> header;  // the reader that read the header; copied per chunk
};

csv_chunk_parser::csv_chunk_parser(std::string_view head, const survey& s, read_options options)
    : impl_(std::make_unique<impl>()) {
    impl_->options = std::move(options);
    const read_options& o = impl_->options;
    const std::string source = o.source.empty() ? "<string>" : o.source;
    if (o.header_rows < 0 || o.header_rows > max_header_rows)
        throw argument_error({source, 0, "header_rows"},
                             std::to_string(o.header_rows) + " header rows (expected 0 = detect, or 1.." +
                                 std::to_string(max_header_rows) + ", max_header_rows)");
    const std::size_t bom = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    if (head.find_first_not_of(" \t\r\n", bom) == std::string_view::npos)
        throw parse_error({source, 1, ""}, "empty file (expected a header row of column names)");
    bool forced = false;
    impl_->header.emplace(open_reader(head, bom, s, o, source, impl_->delim, forced));
    impl_->header->resolve_header(impl_->delim, forced);
}

csv_chunk_parser::~csv_chunk_parser() = default;

std::size_t csv_chunk_parser::body_offset() const noexcept { return impl_->header->data_start(); }
std::size_t csv_chunk_parser::body_line() const noexcept { return impl_->header->data_line(); }
char csv_chunk_parser::delimiter() const noexcept { return impl_->delim; }
bool csv_chunk_parser::weighted() const noexcept { return impl_->header->weighted(); }
const std::string& csv_chunk_parser::source() const noexcept { return impl_->header->source(); }

responses csv_chunk_parser::parse(std::string_view body, std::size_t first_line) const {
    csv_reader reader = *impl_->header;  // fresh counts and problems for this chunk
    reader.rebase(body, first_line);
    return reader.read_rows(impl_->delim, false);
}

void csv_chunk_parser::check_totals(std::size_t rows, double weight_sum, double weight_sum_squares) const {
    csv_reader reader = *impl_->header;
    reader.check_totals(rows, weight_sum, weight_sum_squares);
}

void throw_overlong_record(const std::string& source, std::size_t line) { throw_overlong(source, line); }
void refuse_binary_text(std::string_view first_bytes, const std::string& source) {
    refuse_binary(first_bytes, source);
}

}  // namespace detail

CSIKIT_NAMESPACE_END
