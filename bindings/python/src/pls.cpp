// PLS estimation (GIL released) and the Fit object: every estimate as a NumPy array, plus the
// report.json text that the CLI writes, so Python's to_dict() is the CLI's document.
#include "prelude.hpp"

#include "csikit/report.hpp"

namespace csikit_py {

namespace {

csikit::inner_scheme parse_scheme(const std::string& s) {
    if (s == "path") return csikit::inner_scheme::path;
    if (s == "centroid") return csikit::inner_scheme::centroid;
    if (s == "factorial") return csikit::inner_scheme::factorial;
    throw csikit::argument_error({{}, 0, "scheme"}, "unknown scheme \"" + s + "\" (expected path, centroid or factorial)");
}

csikit::missing_treatment parse_missing(const std::string& s) {
    if (s == "listwise") return csikit::missing_treatment::listwise;
    if (s == "mean") return csikit::missing_treatment::mean_replacement;
    if (s == "pairwise") return csikit::missing_treatment::pairwise;
    throw csikit::argument_error({{}, 0, "missing"}, "unknown treatment \"" + s + "\" (expected listwise, mean or pairwise)");
}

csikit::stop_rule parse_stopping(const std::string& s) {
    if (s == "max_abs_change") return csikit::stop_rule::max_abs_change;
    if (s == "plspm") return csikit::stop_rule::plspm;
    throw csikit::argument_error({{}, 0, "stopping"}, "unknown rule \"" + s + "\" (expected max_abs_change or plspm)");
}

const csikit::pls_fit& F(const fit_state& s) { return *s.fit; }

}  // namespace

void register_pls(py::module_& m) {
    py::class_<fit_state> fit(m, "Fit", "A PLS path-model estimate with the data it came from (immutable).");
    fit.def_property_readonly("constructs", [](const fit_state& s) { return F(s).constructs; })
        .def_property_readonly("indicators", [](const fit_state& s) { return F(s).indicators; })
        .def_property_readonly("block", [](const fit_state& s) { return F(s).block; })
        .def_property_readonly("modes", [](const fit_state& s) {
            std::vector<std::string> out;
            for (auto md : F(s).modes) out.push_back(md == csikit::outer_mode::B ? "B" : "A");
            return out;
        })
        .def_property_readonly("iterations", [](const fit_state& s) { return F(s).iterations; })
        .def_property_readonly("weight_change", [](const fit_state& s) { return F(s).weight_change; })
        .def_property_readonly("converged", [](const fit_state& s) { return F(s).converged; })
        .def_property_readonly("consistent", [](const fit_state& s) { return F(s).consistent; })
        .def_property_readonly("admissible", [](const fit_state& s) { return F(s).admissible; })
        .def_property_readonly("warnings", [](const fit_state& s) { return F(s).warnings; })
        .def_property_readonly("gof", [](const fit_state& s) { return F(s).gof; })
        .def_property_readonly("srmr", [](const fit_state& s) { return F(s).srmr; })
        .def_property_readonly("survey", [](const fit_state& s) { return survey_state{s.survey}; })
        .def_property_readonly("data", [](const fit_state& s) { return data_state{s.survey, s.data}; })
        .def_property_readonly("model", [](const fit_state& s) { return model_to_dict(s.model); })
        .def_property_readonly("sample", [](const fit_state& s) {
            const auto& d = F(s).data;
            return py::dict(py::arg("respondents") = d.respondents_total, py::arg("used") = d.respondents_used,
                            py::arg("answers_used") = d.answers_used, py::arg("imputed") = d.answers_imputed,
                            py::arg("effective_n") = d.effective_n, py::arg("item_ids") = d.item_ids,
                            py::arg("mean") = d.mean, py::arg("sd") = d.sd);
        })
        .def("report_json",
             [](const fit_state& s, const boot_state* boot, const std::string& target, const std::string& by,
                const std::string& crosshair, double level, int indent) {
                 if (boot && boot->fit != s.fit)
                     throw csikit::argument_error({{}, 0, "boot"}, "comes from another fit (expected a bootstrap of this fit)");
                 // The same steps as `csikit analyze`: index analysis, then one report.
                 csikit::index_analysis_options o;
                 o.target = target;
                 o.by = by;
                 o.crosshair = csikit::parse_crosshair_rule(crosshair);
                 o.index.level = level;
                 const auto a = csikit::analyze_indices(s.model, *s.fit, *s.survey, *s.data, o);
                 return csikit::to_json(*s.fit, boot ? &boot->result : nullptr, s.survey.get(), a, indent);
             },
             py::arg("boot") = nullptr, py::arg("target") = "", py::arg("by") = "", py::arg("crosshair") = "mean",
             py::arg("level") = 0.95, py::arg("indent") = 2,
             "report.json text, as `csikit analyze --json [--target T --by C --crosshair R]`.");

    // Every estimate as a NumPy array copy; names follow csikit::pls_fit.
#define CSIKIT_PY_ARRAY(name)                                                                        \
    fit.def_property_readonly(#name, [](const fit_state& s) { return Eigen::MatrixXd(F(s).name); })
    CSIKIT_PY_ARRAY(paths);
    CSIKIT_PY_ARRAY(total_effects);
    CSIKIT_PY_ARRAY(indirect_effects);
    CSIKIT_PY_ARRAY(cross_loadings);
    CSIKIT_PY_ARRAY(construct_correlation);
    CSIKIT_PY_ARRAY(composite_correlation);
    CSIKIT_PY_ARRAY(f2);
    CSIKIT_PY_ARRAY(inner_vif);
    CSIKIT_PY_ARRAY(htmt);
    CSIKIT_PY_ARRAY(fornell_larcker);
    CSIKIT_PY_ARRAY(scores);
#undef CSIKIT_PY_ARRAY
#define CSIKIT_PY_VECTOR(name)                                                                       \
    fit.def_property_readonly(#name, [](const fit_state& s) { return Eigen::VectorXd(F(s).name); })
    CSIKIT_PY_VECTOR(weights);
    CSIKIT_PY_VECTOR(weights_unstandardized);
    CSIKIT_PY_VECTOR(loadings);
    CSIKIT_PY_VECTOR(r2);
    CSIKIT_PY_VECTOR(r2_adjusted);
    CSIKIT_PY_VECTOR(outer_vif);
    CSIKIT_PY_VECTOR(ave);
    CSIKIT_PY_VECTOR(rho_c);
    CSIKIT_PY_VECTOR(rho_a);
    CSIKIT_PY_VECTOR(alpha);
    CSIKIT_PY_VECTOR(plsc_factor);
#undef CSIKIT_PY_VECTOR

    m.def("estimate",
          [](const data_state& d, const py::object& model, const std::string& scheme, const std::string& missing,
             bool consistent, double tolerance, int max_iterations, bool use_weights, bool keep_scores, bool quality,
             const std::string& stopping, bool f2_reestimate, bool strict) {
              csikit::pls_options o;
              o.scheme = parse_scheme(scheme);
              o.missing = parse_missing(missing);
              o.consistent = consistent;
              o.tolerance = tolerance;
              o.max_iterations = max_iterations;
              o.use_weights = use_weights;
              o.keep_scores = keep_scores;
              o.quality = quality;
              o.stopping = parse_stopping(stopping);
              o.f2_reestimate = f2_reestimate;
              o.strict = strict;
              fit_state s{d.survey, d.data,
                          model.is_none() ? csikit::pls_model::from_survey(*d.survey) : model_from_dict(model.cast<py::dict>()),
                          nullptr};
              {
                  py::gil_scoped_release unlocked;  // pure C++ from here on
                  s.fit = std::make_shared<const csikit::pls_fit>(csikit::estimate(s.model, *s.data, o));
              }
              return s;
          },
          py::arg("data"), py::kw_only(), py::arg("model") = py::none(), py::arg("scheme") = "path",
          py::arg("missing") = "listwise", py::arg("consistent") = false, py::arg("tolerance") = 1e-7,
          py::arg("max_iterations") = 300, py::arg("use_weights") = true, py::arg("keep_scores") = false,
          py::arg("quality") = true, py::arg("stopping") = "max_abs_change", py::arg("f2_reestimate") = false,
          py::arg("strict") = false, "Estimates a PLS path model (the survey's, or `model`) on the data.");
}

}  // namespace csikit_py
