// `python -m csikit`: the C++ command line, run in-process through its entry function
// csikit_cli::run (src/cli/entry.hpp; the CLI's objects are linked into this module once), so
// the wheel needs no separate binary.
#include "prelude.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace csikit_cli {
int run(const std::vector<std::string>& args);  // src/cli/entry.hpp
}

namespace csikit_py {

void register_cli(py::module_& m) {
    m.def("run_cli",
          [](const std::vector<std::string>& args) {
              int rc = 0;
              {
                  py::gil_scoped_release unlocked;
                  rc = csikit_cli::run(args);
                  std::cout.flush();  // the CLI writes through std::cout, not sys.stdout
                  std::cerr.flush();
              }
              return rc;
          },
          py::arg("args"), "Runs the csikit command line with `args` (without the program name); returns the exit code.");
}

}  // namespace csikit_py
