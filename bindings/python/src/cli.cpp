// `python -m csikit`: the C++ command line, run in-process (its main() is compiled in as
// csikit_cli_main, see CMakeLists.txt), so the wheel needs no separate binary.
#include "prelude.hpp"

#include <iostream>
#include <string>
#include <vector>

int csikit_cli_main(int argc, char** argv);

namespace csikit_py {

void register_cli(py::module_& m) {
    m.def("run_cli",
          [](const std::vector<std::string>& args) {
              std::vector<std::string> storage{"csikit"};
              storage.insert(storage.end(), args.begin(), args.end());
              std::vector<char*> argv;
              for (auto& a : storage) argv.push_back(a.data());
              argv.push_back(nullptr);
              int rc = 0;
              {
                  py::gil_scoped_release unlocked;
                  rc = csikit_cli_main(static_cast<int>(storage.size()), argv.data());
                  std::cout.flush();  // the CLI writes through std::cout, not sys.stdout
                  std::cerr.flush();
              }
              return rc;
          },
          py::arg("args"), "Runs the csikit command line with `args` (without the program name); returns the exit code.");
}

}  // namespace csikit_py
