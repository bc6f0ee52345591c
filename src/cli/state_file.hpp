// State files of the commands that keep mergeable states (csikit accumulate, csikit
// bootstrap-state): read whole, written through a temporary file and a rename, so a crash or a
// full disk never leaves half a state where the last good one was.
#pragma once

#include <csikit/error.hpp>

#include <string>

namespace csikit_cli {

/// The bytes of a state file; io_error naming the file and `command` when it cannot be read.
std::string read_state_file(const std::string& path, const char* command);
/// Writes `bytes` to path.tmp, then renames it over `path`; io_error naming the file.
void write_state_file(const std::string& path, const std::string& bytes, const char* command);

/// State::from_bytes of the file; its parse_error names the file.
template <class State>
State load_state_file(const std::string& path, const char* command) {
    try {
        return State::from_bytes(read_state_file(path, command));
    } catch (const csikit::parse_error& e) {
        throw csikit::parse_error(csikit::location{path, 0, ""}, std::string(e.what()));
    }
}

}  // namespace csikit_cli
