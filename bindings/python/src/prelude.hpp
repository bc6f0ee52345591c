// Included first by every binding file: pybind11 (which must precede the standard headers),
// the type casters we use, and the register_* functions module.cpp calls, one per area.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "csikit/bootstrap.hpp"
#include "csikit/data.hpp"
#include "csikit/pls.hpp"
#include "csikit/schema.hpp"

#include <memory>

namespace py = pybind11;

namespace csikit_py {

/// A survey as Python holds it (pybind11 holders cannot point to const objects).
struct survey_state {
    std::shared_ptr<const csikit::survey> survey;
    const csikit::survey& operator*() const { return *survey; }
};

/// A fit together with what it came from, so bootstrap, indices and IPMA need nothing else.
struct fit_state {
    std::shared_ptr<const csikit::survey> survey;
    std::shared_ptr<const csikit::responses> data;
    csikit::pls_model model;
    std::shared_ptr<const csikit::pls_fit> fit;
};

/// Responses together with their survey.
struct data_state {
    std::shared_ptr<const csikit::survey> survey;
    std::shared_ptr<const csikit::responses> data;
};

/// A bootstrap with the fit it belongs to.
struct boot_state {
    std::shared_ptr<const csikit::pls_fit> fit;
    csikit::bootstrap_result result;
};

void register_errors(py::module_& m);
void register_schema(py::module_& m);
void register_data(py::module_& m);
void register_pls(py::module_& m);
void register_bootstrap(py::module_& m);
void register_scoring(py::module_& m);
void register_index(py::module_& m);
void register_sampling(py::module_& m);
void register_simulate(py::module_& m);
void register_cli(py::module_& m);

/// The pls_model described by a Python dict {"constructs": [{"id", "items", "mode"}],
/// "paths": [{"from", "to"}]} (the JSON form of the schema's model part).
csikit::pls_model model_from_dict(const py::dict& d);
/// The inverse of model_from_dict.
py::dict model_to_dict(const csikit::pls_model& m);

}  // namespace csikit_py
