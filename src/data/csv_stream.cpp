// stream_responses: a CSV file read in bounded chunks, parsed on every core, handed out in file
// order (csv_stream.hpp). The main thread reads, finds the last whole record of each chunk and
// counts its lines (so every chunk knows its first line before it is parsed); workers parse
// chunks with the reader's own rules (csv_chunks.hpp); the main thread hands out the results in
// file order and merges their summaries.
#include "csikit/csv_stream.hpp"

#include "csv_chunks.hpp"
#include "encoding.hpp"
#include "sniff.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <optional>
#include <thread>

CSIKIT_NAMESPACE_BEGIN

namespace {

constexpr std::size_t npos = std::string_view::npos;

/// Line ends as the tokenizer counts them: LF, CRLF (once) and a lone CR.
std::size_t count_line_ends(std::string_view t) {
    const auto lf = static_cast<std::size_t>(std::count(t.begin(), t.end(), '\n'));
    if (t.find('\r') == npos) return lf;
    std::size_t lone = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t[i] == '\r' && (i + 1 >= t.size() || t[i + 1] != '\n')) ++lone;
    return lf + lone;
}

/// The offset just past the last whole record of `t` (which starts at a record boundary), or 0
/// when no record ends in it. Quotes are followed as the tokenizer follows them: a field is
/// quoted when its first byte after blanks is a quote; inside, "" is one quote and a lone quote
/// closes it; a quote anywhere else is text. A CR at the very end may be half a CRLF: no end.
std::size_t last_record_end(std::string_view t, char delim) {
    const std::size_t n = t.size();
    if (t.find('"') == npos) {  // the usual chunk: the last line end is the answer
        for (std::size_t i = t.find_last_of("\r\n"); i != npos; i = i ? t.find_last_of("\r\n", i - 1) : npos) {
            if (t[i] == '\n') return i + 1;
            if (i + 1 < n) return i + 1;  // a lone CR (a CRLF would have been found at its LF)
        }
        return 0;
    }
    auto blank = [delim](char c) { return (c == ' ' || c == '\t') && c != delim; };
    std::size_t last = 0, q = 0;
    while (q < n) {
        while (q < n && blank(t[q])) ++q;
        if (q < n && t[q] == '"') {
            for (++q; q < n; ++q) {
                if (t[q] != '"') continue;
                if (q + 1 < n && t[q + 1] == '"') {
                    ++q;
                    continue;
                }
                break;
            }
            if (q >= n) return last;  // the quoted field goes on in the next chunk
            ++q;                      // past the closing quote
        }
        while (q < n && t[q] != delim && t[q] != '\n' && t[q] != '\r') ++q;
        if (q >= n) break;
        if (t[q] == delim) {
            ++q;
            continue;
        }
        if (t[q] == '\r' && q + 1 >= n) break;  // maybe half a CRLF
        q += (t[q] == '\r' && t[q + 1] == '\n') ? 2 : 1;
        last = q;
    }
    return last;
}

/// The file's bytes as UTF-8 text, piece by piece (transcoded when it is in another encoding).
class text_source {
public:
    text_source(std::istream& in, const std::string& source, const read_options& o, std::size_t piece)
        : in_(in), source_(source), options_(o), raw_(piece) {}

    /// Appends the next piece to `text`; false at the end of the input (nothing appended).
    bool read_into(std::string& text) {
        if (done_) return false;
        in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
        const auto got = static_cast<std::size_t>(in_.gcount());
        if (in_.bad()) throw io_error({source_, 0, ""}, "read error (expected a readable CSV file)");
        bytes_ += got;
        std::string_view piece(raw_.data(), got);
        const bool last = !in_;
        if (first_) {
            first_ = false;
            detail::refuse_binary_text(piece, source_);
            const auto det = detail::detect_encoding(piece, detail::parse_encoding(options_.encoding));
            encoding_ = detail::encoding_name(det.encoding);
            if (det.encoding != detail::text_encoding::utf8) {
                conv_.emplace(det.encoding, source_, det.bom);
                piece.remove_prefix(det.bom);
            }
        }
        if (conv_) conv_->feed(piece, last, text);
        else text.append(piece);
        if (last) done_ = true;
        return got > 0 || !last;
    }
    bool done() const noexcept { return done_; }
    std::uint64_t bytes() const noexcept { return bytes_; }
    const std::string& encoding() const noexcept { return encoding_; }

private:
    std::istream& in_;
    const std::string& source_;
    const read_options& options_;
    std::vector<char> raw_;
    std::optional<detail::transcoder> conv_;
    std::string encoding_ = "UTF-8";
    std::uint64_t bytes_ = 0;
    bool first_ = true, done_ = false;
};

/// Chunks in file order: parsed on up to `threads` workers, at most `cap` at once, handed to
/// `deliver` in the order they were submitted.
class ordered_parser {
public:
    ordered_parser(const detail::csv_chunk_parser& p, unsigned threads, unsigned cap,
                   std::function<void(responses&&)> deliver)
        : parser_(p), threads_(threads), cap_(std::max(1u, cap)), deliver_(std::move(deliver)) {}

    void submit(std::string body, std::size_t first_line) {
        if (threads_ <= 1) {
            deliver_(parser_.parse(body, first_line));
            return;
        }
        while (queue_.size() >= cap_) drain_one();
        queue_.push_back(std::async(std::launch::async, [this, b = std::move(body), first_line]() mutable {
            responses r = parser_.parse(b, first_line);
            std::string().swap(b);  // the text goes as soon as it is parsed
            return r;
        }));
    }
    void finish() {
        while (!queue_.empty()) drain_one();
    }

private:
    void drain_one() {
        responses r = queue_.front().get();  // rethrows the chunk's error, in file order
        queue_.pop_front();
        deliver_(std::move(r));
    }
    const detail::csv_chunk_parser& parser_;
    unsigned threads_, cap_;
    std::function<void(responses&&)> deliver_;
    std::deque<std::future<responses>> queue_;
};

read_summary stream_csv(std::istream& in, std::uint64_t total_bytes, const survey& s,
                        const std::function<void(responses&&)>& consume, const read_options& options,
                        const stream_options& so) {
    const auto start = std::chrono::steady_clock::now();
    const std::string& source = options.source;
    const std::size_t chunk = so.chunk_bytes;
    text_source src(in, source, options, std::min<std::size_t>(chunk, std::size_t{1} << 22));

    // The head: enough text to hold the header (its first line end at least) and a chunk.
    std::string text;
    while ((text.size() < chunk || text.find_first_of("\r\n") == npos) && text.size() <= max_record_bytes &&
           src.read_into(text)) {
    }
    read_options ro = options;
    if (src.encoding() != "UTF-8" && ro.encoding.empty()) ro.encoding = src.encoding();
    const detail::csv_chunk_parser parser(text, s, ro);
    const char delim = parser.delimiter();

    read_summary total;
    std::uint64_t rows = 0;
    double weight_sum = 0, weight_squares = 0;
    auto deliver = [&](responses&& r) {
        rows += r.respondents();
        if (parser.weighted()) {
            weight_sum += r.weights.sum();
            weight_squares += r.weights.squaredNorm();
        }
        merge_summary(total, r.summary);
        consume(std::move(r));
        if (so.progress) {
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (!so.progress({src.bytes(), total_bytes, rows, secs}))
                throw cancelled_error({source, 0, ""}, "reading cancelled by the progress callback");
        }
    };
    const unsigned threads = so.threads ? so.threads : std::max(1u, std::thread::hardware_concurrency());
    const unsigned cap = so.max_in_flight ? so.max_in_flight : std::min(threads, 8u);
    ordered_parser chunks(parser, threads, cap, deliver);

    std::size_t begin = parser.body_offset();
    std::size_t line = parser.body_line();
    for (;;) {
        while (!src.done() && text.size() - begin < chunk) src.read_into(text);
        std::size_t end = src.done() ? text.size() : begin + last_record_end(std::string_view(text).substr(begin), delim);
        if (end == begin && !src.done()) {  // no record ends in the chunk: read on, up to the limit
            if (text.size() - begin > max_record_bytes) detail::throw_overlong_record(source, line);
            src.read_into(text);
            continue;
        }
        if (end == begin) break;  // the end of the input
        std::string body = text.substr(begin, end - begin);
        std::string rest = text.substr(end);
        text = std::move(rest);
        begin = 0;
        const std::size_t lines = count_line_ends(body);
        if (body.size() > max_record_bytes && lines == 0) detail::throw_overlong_record(source, line);
        chunks.submit(std::move(body), line);
        line += lines;
    }
    chunks.finish();
    parser.check_totals(rows, weight_sum, weight_squares);
    total.encoding = src.encoding();
    return total;
}

}  // namespace

void merge_summary(read_summary& into, const read_summary& more) {
    if (into.respondents == 0 && into.cells == 0) {  // nothing read yet: take the file's description
        into.layout = more.layout;
        into.header_rows = more.header_rows;
        into.encoding = more.encoding;
    }
    into.respondents += more.respondents;
    into.cells += more.cells;
    into.empty += more.empty;
    into.missing_codes += more.missing_codes;
    into.out_of_scale += more.out_of_scale;
    into.reversed_items = std::max(into.reversed_items, more.reversed_items);  // items, not cells
    for (const auto& [item, k] : more.missing_by_item) into.missing_by_item[item] += k;
    for (const auto& [kind, k] : more.codes_by_kind) into.codes_by_kind[kind] += k;
}

read_summary stream_responses(const std::string& path, const survey& s,
                              const std::function<void(responses&&)>& consume, read_options options,
                              const stream_options& stream) {
    if (stream.chunk_bytes < min_chunk_bytes || stream.chunk_bytes > max_chunk_bytes)
        throw argument_error({path, 0, "chunk_bytes"},
                             std::to_string(stream.chunk_bytes) + " bytes per chunk (expected " +
                                 std::to_string(min_chunk_bytes) + ".." + std::to_string(max_chunk_bytes) +
                                 ", min_chunk_bytes..max_chunk_bytes)");
    if (path != "-") {
        if (auto labelled = detail::read_labelled_file(path, s, options)) {  // SPSS, Stata, Excel: whole
            read_summary summary = labelled->summary;
            consume(std::move(*labelled));
            return summary;
        }
    }
    if (path == "-") {
        if (options.source.empty()) options.source = "<stdin>";
        return stream_csv(std::cin, 0, s, consume, options, stream);
    }
    if (options.source.empty()) options.source = path;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw io_error({path, 0, ""}, "is a directory (expected a CSV file)");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw io_error({path, 0, ""},
                       std::string("cannot open file: ") + std::strerror(errno) + " (expected a readable CSV file)");
    const bool regular = std::filesystem::is_regular_file(path, ec);
    const auto size = regular ? std::filesystem::file_size(path, ec) : 0;
    return stream_csv(in, ec ? 0 : size, s, consume, options, stream);
}

CSIKIT_NAMESPACE_END
