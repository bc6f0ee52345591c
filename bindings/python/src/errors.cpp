// csikit._core.errors: C++ errors become the Python exceptions of csikit.errors (Error,
// SchemaError, DataError, ...), each carrying `kind` and `problems` [(where, message)], so Python
// code can catch by class.
#include "prelude.hpp"

#include "csikit/error.hpp"

namespace csikit_py {

namespace {

/// Python class name in csikit.errors for an error kind.
const char* class_name(csikit::error_kind k) {
    switch (k) {
    case csikit::error_kind::io: return "IoError";
    case csikit::error_kind::parse: return "ParseError";
    case csikit::error_kind::schema: return "SchemaError";
    case csikit::error_kind::data: return "DataError";
    case csikit::error_kind::model: return "ModelError";
    case csikit::error_kind::numeric: return "NumericError";
    case csikit::error_kind::convergence: return "ConvergenceError";
    case csikit::error_kind::cancelled: return "CancelledError";
    case csikit::error_kind::argument: return "ArgumentError";
    }
    return "Error";
}

void raise(const csikit::error& e) {
    // Imported on use: csikit.errors is pure Python and imports nothing from _core.
    py::object cls = py::module_::import("csikit.errors").attr(class_name(e.kind()));
    py::list problems;
    for (const auto& p : e.problems()) problems.append(py::make_tuple(p.where.str(), p.message));
    py::object exc = cls(e.what());
    exc.attr("kind") = csikit::to_string(e.kind());
    exc.attr("problems") = problems;
    PyErr_SetObject(cls.ptr(), exc.ptr());
}

}  // namespace

void register_errors(py::module_& m) {
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const csikit::error& e) {
            try {
                raise(e);
            } catch (py::error_already_set& inner) {
                inner.restore();  // csikit.errors could not be imported: report that instead
            }
        }
    });
    m.def("error_kinds", [] {
        py::dict d;
        for (int k = 1; k <= 9; ++k) {
            const auto kind = static_cast<csikit::error_kind>(k);
            d[py::str(csikit::to_string(kind))] = class_name(kind);
        }
        return d;
    }, "Map of C++ error kind names to the csikit.errors class names.");
}

}  // namespace csikit_py
