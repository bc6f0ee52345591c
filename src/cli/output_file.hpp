// Writing a command's output files (--out, --html, --schema-out, a folder of results): one place
// that checks the open, the write and the close, so that a full disk or a missing folder is an
// io_error naming the path instead of a silently short file.
#pragma once

#include <string>
#include <string_view>

namespace csikit_cli {

/// Writes `text` to `path`, replacing the file. io_error at `path`: "cannot write `what`
/// (expected a writable path)" when the file cannot be opened, written or closed (the close
/// flushes the last buffer: a full disk shows there).
void write_output_file(const std::string& path, std::string_view text, std::string_view what);

}  // namespace csikit_cli
