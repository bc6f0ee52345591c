// csikit._core.simulate: survey data drawn from a known population model (for checks, teaching
// and power).
#include "prelude.hpp"

#include "csikit/simulate.hpp"

namespace csikit_py {

void register_simulate(py::module_& m) {
    m.def("simulate",
          [](const py::dict& model, const std::vector<double>& path_coefficients, const std::vector<double>& loadings,
             double exogenous_correlation, std::size_t n, std::uint64_t seed, int scale_points) {
              csikit::population_model pop;
              pop.model = model_from_dict(model);
              pop.path_coefficients = path_coefficients;
              pop.loadings = loadings;
              pop.exogenous_correlation = exogenous_correlation;
              csikit::simulate_options o;
              o.seed = seed;
              o.scale_points = scale_points;
              const auto d = csikit::simulate(pop, n, o);
              return py::make_tuple(d.item_ids, Eigen::MatrixXd(d.values),
                                    Eigen::MatrixXd(csikit::implied_construct_correlation(pop)));
          },
          py::arg("model"), py::arg("path_coefficients"), py::arg("loadings"), py::kw_only(),
          py::arg("exogenous_correlation") = 0.0, py::arg("n") = 250, py::arg("seed") = 1, py::arg("scale_points") = 0,
          "Draws n respondents from a population model; returns (item_ids, values, construct correlation).");
}

}  // namespace csikit_py
