// csikit._core.sampling: sample sizes, margins of error, design effects and stratified
// allocation.
#include "prelude.hpp"

#include "choices.hpp"

#include "csikit/sampling.hpp"

namespace csikit_py {

namespace {

csikit::fpc_formula parse_fpc(const std::string& s) {
    using F = csikit::fpc_formula;
    return parse_choice<F>(s, "fpc", "formula", {{"cochran", F::cochran}, {"simple", F::simple}});
}

py::dict size_dict(const csikit::sample_size& s) {
    return py::dict(py::arg("n") = s.n, py::arg("n0") = s.n0, py::arg("adjusted") = s.adjusted, py::arg("z") = s.z,
                    py::arg("population") = s.population);
}

py::dict moe_dict(const csikit::margin_of_error& e) {
    return py::dict(py::arg("margin") = e.margin, py::arg("z") = e.z, py::arg("se") = e.se, py::arg("deff") = e.deff,
                    py::arg("fpc") = e.fpc, py::arg("n") = e.n, py::arg("p") = e.p);
}

}  // namespace

void register_sampling(py::module_& m) {
    m.def("sample_size_proportion",
          [](double margin, double level, double p, std::optional<double> population, const std::string& fpc) {
              return size_dict(csikit::sample_size_proportion(margin, level, p, population, parse_fpc(fpc)));
          },
          py::arg("margin"), py::arg("level") = 0.95, py::arg("p") = 0.5, py::arg("population") = py::none(),
          py::arg("fpc") = "cochran", "Respondents needed to estimate a proportion within +/- margin.");
    m.def("sample_size_mean",
          [](double sd, double margin, double level, std::optional<double> population, const std::string& fpc) {
              return size_dict(csikit::sample_size_mean(sd, margin, level, population, parse_fpc(fpc)));
          },
          py::arg("sd"), py::arg("margin"), py::arg("level") = 0.95, py::arg("population") = py::none(),
          py::arg("fpc") = "cochran", "Respondents needed to estimate a mean within +/- margin.");
    m.def("moe_proportion",
          [](std::size_t n, double p, double level, std::optional<double> population, double deff) {
              return moe_dict(csikit::moe_proportion(n, p, level, population, deff));
          },
          py::arg("n"), py::arg("p") = 0.5, py::arg("level") = 0.95, py::arg("population") = py::none(),
          py::arg("deff") = 1.0, "Margin of error of a proportion from n respondents.");
    m.def("moe_mean",
          [](std::size_t n, double sd, double level, std::optional<double> population, double deff) {
              return moe_dict(csikit::moe_mean(n, sd, level, population, deff));
          },
          py::arg("n"), py::arg("sd"), py::arg("level") = 0.95, py::arg("population") = py::none(),
          py::arg("deff") = 1.0, "Margin of error of a mean from n respondents.");
    m.def("design_effect", [](const Eigen::VectorXd& w) { return csikit::design_effect(w); }, py::arg("weights"),
          "Kish design effect n sum w^2 / (sum w)^2 of respondent weights.");
    m.def("effective_n", [](const Eigen::VectorXd& w) { return csikit::effective_n(w); }, py::arg("weights"),
          "Kish effective sample size (sum w)^2 / sum w^2.");
    m.def("allocate",
          [](std::size_t total, const std::vector<double>& population, const std::string& method,
             const std::vector<double>& sd, const std::vector<double>& cost, double minimum, bool cap) {
              csikit::allocation_options o;
              using A = csikit::allocation_method;
              o.method = parse_choice<A>(method, "method", "method", {{"proportional", A::proportional}, {"neyman", A::neyman}});
              o.sd = sd;
              o.cost = cost;
              o.minimum = minimum;
              o.cap = cap;
              const auto a = csikit::allocate(total, population, o);
              return py::dict(py::arg("n") = a.n, py::arg("exact") = a.exact, py::arg("at_minimum") = a.at_minimum,
                              py::arg("at_cap") = a.at_cap, py::arg("variance") = a.variance);
          },
          py::arg("total"), py::arg("population"), py::kw_only(), py::arg("method") = "proportional",
          py::arg("sd") = std::vector<double>(), py::arg("cost") = std::vector<double>(), py::arg("minimum") = 0.0,
          py::arg("cap") = true, "Allocates a total sample over strata (proportional or Neyman).");
}

}  // namespace csikit_py
