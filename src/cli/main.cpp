// The `csikit` binary: the command line of src/cli (entry.hpp) on the process's streams.
#include "entry.hpp"

int main(int argc, char** argv) { return csikit_cli::run_main(argc, argv); }
