// PYBIND11_MODULE(_core): the private compiled module, one submodule per area
// (csikit._core.schema, .data, .pls, ...), each registered by its register_* function and
// described by its stub csikit/_core/<name>.pyi.
#include "prelude.hpp"

#include "csikit/version.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "csikit._core: the compiled core of csikit (use the csikit package, not this module)";
    m.attr("__version__") = csikit::version();
    struct area {
        const char* name;
        const char* doc;
        void (*add)(py::module_&);
    };
    // In dependency order: a submodule's signatures name only classes registered before it.
    const area areas[] = {
        {"errors", "C++ error kinds and their Python classes (csikit.errors).", csikit_py::register_errors},
        {"limits", "The ranges of the whole-number options (csikit/limits.hpp).", csikit_py::register_limits},
        {"schema", "Survey schemas, path-model dicts and presets.", csikit_py::register_schema},
        {"data", "Response data read against a survey.", csikit_py::register_data},
        {"pls", "PLS path-model estimation and the Fit handle.", csikit_py::register_pls},
        {"bootstrap", "Bootstrap of a fit.", csikit_py::register_bootstrap},
        {"scoring", "Descriptive scores and inference on user numbers.", csikit_py::register_scoring},
        {"index", "0-100 indices, IPA/IPMA and derived importance as bound result structs.",
         csikit_py::register_index},
        {"sampling", "Sample sizes, margins of error, design effects, allocation.", csikit_py::register_sampling},
        {"simulate", "Data from a known population model.", csikit_py::register_simulate},
        {"cli", "The csikit command line, run in-process.", csikit_py::register_cli},
        {"readers", "The schema drafted from a data file (SPSS, Stata, Excel, CSV).", csikit_py::register_readers},
        {"mga", "Multi-group analysis and MICOM (JSON of csikit/mga.hpp).", csikit_py::register_mga},
        {"predict", "PLSpredict and CVPAT of a fit (JSON).", csikit_py::register_predict},
        {"scale", "Mergeable replicate states: the bootstrap at scale (Dask, Spark).", csikit_py::register_scale},
    };
    for (const auto& a : areas) {
        // def_submodule registers "csikit._core.<name>" in sys.modules, so
        // `import csikit._core.schema` works although _core is not a package.
        py::module_ sub = m.def_submodule(a.name, a.doc);
        a.add(sub);
    }
}
