// PYBIND11_MODULE(_core): builds the private compiled module from one register_* call per area.
#include "prelude.hpp"

#include "csikit/version.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "csikit._core: the compiled core of csikit (use the csikit package, not this module)";
    m.attr("__version__") = csikit::version();
    csikit_py::register_errors(m);
    csikit_py::register_schema(m);
    csikit_py::register_data(m);
    csikit_py::register_pls(m);
    csikit_py::register_bootstrap(m);
    csikit_py::register_scoring(m);
    csikit_py::register_index(m);
    csikit_py::register_sampling(m);
    csikit_py::register_simulate(m);
    csikit_py::register_cli(m);
}
