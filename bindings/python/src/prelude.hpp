// Included first by every binding file: pybind11 (which must precede the standard headers),
// the type casters we use, and the register_* functions module.cpp calls, one per submodule
// of csikit._core (each has its stub, csikit/_core/<name>.pyi).
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "csikit/bootstrap.hpp"
#include "csikit/data.hpp"
#include "csikit/pls.hpp"
#include "csikit/provenance.hpp"
#include "csikit/schema.hpp"

#include <memory>

namespace py = pybind11;

namespace csikit_py {

/// A survey as Python holds it (pybind11 holders cannot point to const objects).
struct survey_state {
    std::shared_ptr<const csikit::survey> survey;
    const csikit::survey& operator*() const { return *survey; }
};

// The fit, data and bootstrap handles are the core's provenance types (csikit/provenance.hpp):
// csikit::survey_data (Responses), csikit::fitted_model (Fit), csikit::fitted_bootstrap (Bootstrap).

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
void register_limits(py::module_& m);
void register_readers(py::module_& m);  // readers: the schema draft
void register_mga(py::module_& m);
void register_predict(py::module_& m);
void register_scale(py::module_& m);  // the bootstrap at scale (Dask, Spark)

/// The pls_model described by a Python dict {"constructs": [{"id", "items", "mode"}],
/// "paths": [{"from", "to"}]} (the JSON form of the schema's model part).
csikit::pls_model model_from_dict(const py::dict& d);
/// The inverse of model_from_dict.
py::dict model_to_dict(const csikit::pls_model& m);

/// Pickle states (tuples of plain Python values) and their inverses. A survey travels as its
/// schema JSON; responses as their arrays; a fit as its data, model and options (unpickling
/// re-estimates, which gives the same numbers bit for bit); a bootstrap as its fit and result.
py::tuple survey_pickle(const survey_state& s);
survey_state survey_unpickle(const py::tuple& t);
py::tuple data_pickle(const csikit::survey_data& d);
csikit::survey_data data_unpickle(const py::tuple& t);

}  // namespace csikit_py
