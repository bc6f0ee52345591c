// The entry of the command line, shared by the `csikit` binary (main.cpp) and the Python
// module's run_cli (bindings/python/src/cli.cpp). Exit codes: 0 success; 2 bad input or an
// output that cannot be written (one message per problem on stderr, naming file, line and
// field; a full disk on stdout included); 1 an internal error or out of memory.
#pragma once

#include <string>
#include <vector>

namespace csikit_cli {

/// Runs `csikit ARGS...` (`args` without the program name) on std::cout and std::cerr.
int run(const std::vector<std::string>& args);

/// run() with main()'s arguments.
int run_main(int argc, char** argv);

}  // namespace csikit_cli
