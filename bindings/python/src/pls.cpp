// csikit._core.pls: PLS estimation (GIL released) and the Fit handle (csikit::fitted_model):
// every estimate as a NumPy array, the options it was made with, and the report.json text that
// the CLI writes, so Python's to_dict() is the CLI's document.
#include "prelude.hpp"

#include "choices.hpp"

#include "csikit/model_syntax.hpp"
#include "csikit/report.hpp"

namespace csikit_py {

namespace {

const char* stopping_name(csikit::stop_rule r) {
    return r == csikit::stop_rule::plspm ? "plspm" : "max_abs_change";
}

using fm = csikit::fitted_model;

const csikit::pls_fit& F(const fm& s) { return *s.fit; }

/// Every pls_options field, in declaration order (the pickle state of the options).
py::tuple options_state(const csikit::pls_options& o) {
    return py::make_tuple(csikit::scheme_name(o.scheme), csikit::missing_name(o.missing), o.consistent, o.tolerance,
                          o.max_iterations, o.use_weights, o.keep_scores, o.quality, stopping_name(o.stopping),
                          o.f2_reestimate, o.strict);
}

csikit::pls_options options_from(const std::string& scheme, const std::string& missing, bool consistent,
                                 double tolerance, int max_iterations, bool use_weights, bool keep_scores,
                                 bool quality, const std::string& stopping, bool f2_reestimate, bool strict) {
    using S = csikit::inner_scheme;
    using M = csikit::missing_treatment;
    using R = csikit::stop_rule;
    return {.scheme = parse_choice<S>(scheme, "scheme", "scheme",
                                      {{"path", S::path}, {"centroid", S::centroid}, {"factorial", S::factorial}}),
            .missing = parse_choice<M>(missing, "missing", "treatment",
                                       {{"listwise", M::listwise}, {"mean", M::mean_replacement}, {"pairwise", M::pairwise}}),
            .consistent = consistent, .tolerance = tolerance, .max_iterations = max_iterations,
            .use_weights = use_weights, .keep_scores = keep_scores, .quality = quality,
            .stopping = parse_choice<R>(stopping, "stopping", "rule", {{"max_abs_change", R::max_abs_change}, {"plspm", R::plspm}}),
            .f2_reestimate = f2_reestimate, .strict = strict};
}

fm estimate_fit(const csikit::survey_data& d, csikit::pls_model model, const csikit::pls_options& o) {
    py::gil_scoped_release unlocked;  // pure C++ from here on
    return csikit::fit_model(d, std::move(model), o);
}

/// A fit travels as (data, model, options); unpickling re-estimates (deterministic, so the
/// numbers are the same bit for bit) instead of carrying every matrix of pls_fit.
py::tuple fit_pickle(const fm& s) {
    return py::make_tuple(data_pickle(csikit::survey_data{s.schema, s.data}), model_to_dict(s.model),
                          options_state(s.fit->options));
}

fm fit_unpickle(const py::tuple& t) {
    if (t.size() != 3) throw std::runtime_error("Fit: a broken pickle state (expected data, model and options)");
    const auto o = t[2].cast<py::tuple>();
    if (o.size() != 11) throw std::runtime_error("Fit: a broken pickle state (expected 11 options)");
    const auto opts = options_from(o[0].cast<std::string>(), o[1].cast<std::string>(), o[2].cast<bool>(),
                                   o[3].cast<double>(), o[4].cast<int>(), o[5].cast<bool>(), o[6].cast<bool>(),
                                   o[7].cast<bool>(), o[8].cast<std::string>(), o[9].cast<bool>(), o[10].cast<bool>());
    return estimate_fit(data_unpickle(t[0].cast<py::tuple>()), model_from_dict(t[1].cast<py::dict>()), opts);
}

}  // namespace

void register_pls(py::module_& m) {
    using o_t = csikit::pls_options;
    py::class_<o_t>(m, "Options", "The estimation settings of a fit (csikit::pls_options, read-only).")
        .def_property_readonly("scheme", [](const o_t& o) { return csikit::scheme_name(o.scheme); })
        .def_property_readonly("missing", [](const o_t& o) { return csikit::missing_name(o.missing); })
        .def_readonly("consistent", &o_t::consistent)
        .def_readonly("tolerance", &o_t::tolerance)
        .def_readonly("max_iterations", &o_t::max_iterations)
        .def_readonly("use_weights", &o_t::use_weights)
        .def_readonly("keep_scores", &o_t::keep_scores)
        .def_readonly("quality", &o_t::quality)
        .def_property_readonly("stopping", [](const o_t& o) { return stopping_name(o.stopping); })
        .def_readonly("f2_reestimate", &o_t::f2_reestimate)
        .def_readonly("strict", &o_t::strict);

    py::class_<fm> fit(m, "Fit", "A PLS path-model estimate with the data it came from (immutable).");
    fit.def_property_readonly("constructs", [](const fm& s) { return F(s).constructs; })
        .def_property_readonly("indicators", [](const fm& s) { return F(s).indicators; })
        .def_property_readonly("block", [](const fm& s) { return F(s).block; })
        .def_property_readonly("modes", [](const fm& s) {
            std::vector<std::string> out;
            for (auto md : F(s).modes) out.push_back(md == csikit::outer_mode::B ? "B" : "A");
            return out;
        })
        .def_property_readonly("iterations", [](const fm& s) { return F(s).iterations; })
        .def_property_readonly("weight_change", [](const fm& s) { return F(s).weight_change; })
        .def_property_readonly("converged", [](const fm& s) { return F(s).converged; })
        .def_property_readonly("consistent", [](const fm& s) { return F(s).consistent; })
        .def_property_readonly("admissible", [](const fm& s) { return F(s).admissible; })
        .def_property_readonly("warnings", [](const fm& s) { return F(s).warnings; })
        .def_property_readonly("gof", [](const fm& s) { return F(s).gof; })
        .def_property_readonly("srmr", [](const fm& s) { return F(s).srmr; })
        .def_property_readonly("survey", [](const fm& s) { return survey_state{s.schema}; })
        .def_property_readonly("data", [](const fm& s) { return csikit::survey_data{s.schema, s.data}; })
        .def_property_readonly("options", [](const fm& s) { return F(s).options; })
        .def_property_readonly("model", [](const fm& s) { return model_to_dict(s.model); })
        .def_property_readonly("sample", [](const fm& s) {
            const auto& d = F(s).data;
            return py::dict(py::arg("respondents") = d.respondents_total, py::arg("used") = d.respondents_used,
                            py::arg("answers_used") = d.answers_used, py::arg("imputed") = d.answers_imputed,
                            py::arg("effective_n") = d.effective_n, py::arg("item_ids") = d.item_ids,
                            py::arg("mean") = d.mean, py::arg("sd") = d.sd);
        })
        .def("report_json",
             [](const fm& s, const csikit::fitted_bootstrap* boot, const std::string& target, const std::string& by,
                const std::string& crosshair, double level, bool use_weights, int indent) {
                 if (boot && boot->fit != s.fit)
                     throw csikit::argument_error({{}, 0, "boot"}, "comes from another fit (expected a bootstrap of this fit)");
                 // The same steps as `csikit analyze`: index analysis, then one report.
                 csikit::index_analysis_options o;
                 o.target = target;
                 o.by = by;
                 o.crosshair = csikit::parse_crosshair_rule(crosshair);
                 o.index.level = level;
                 o.index.use_weights = use_weights;
                 const auto a = s.extended ? csikit::analyze_extended_indices(*s.extended, *s.schema, o)
                                           : csikit::analyze_indices(s.model, *s.fit, *s.schema, *s.data, o);
                 return csikit::to_json(*s.fit, boot ? &boot->result : nullptr, s.schema.get(), a, indent);
             },
             py::arg("boot") = nullptr, py::arg("target") = "", py::arg("by") = "", py::arg("crosshair") = "mean",
             py::arg("level") = 0.95, py::arg("use_weights") = true, py::arg("indent") = 2,
             "report.json text, as `csikit analyze --json [--target T --by C --crosshair R]`.")
        .def("extension_json",
             [](const fm& s) -> py::object {
                 if (!s.extended) return py::none();
                 return py::str(csikit::to_json(*s.extended, -1));
             },
             "The model_extension document (HOCs, interactions, stage 1) of an extended model, else None.")
        .def(py::pickle(&fit_pickle, &fit_unpickle));

    // Every estimate as a NumPy array copy; names follow csikit::pls_fit.
#define CSIKIT_PY_ARRAY(name)                                                                        \
    fit.def_property_readonly(#name, [](const fm& s) { return Eigen::MatrixXd(F(s).name); })
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
    fit.def_property_readonly(#name, [](const fm& s) { return Eigen::VectorXd(F(s).name); })
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
          [](const csikit::survey_data& d, const py::object& model, const std::string& scheme, const std::string& missing,
             bool consistent, double tolerance, int max_iterations, bool use_weights, bool keep_scores, bool quality,
             const std::string& stopping, bool f2_reestimate, bool strict) {
              const auto o = options_from(scheme, missing, consistent, tolerance, max_iterations, use_weights,
                                          keep_scores, quality, stopping, f2_reestimate, strict);
              // A str is lavaan-style model syntax (csikit/model_syntax.hpp) over the survey's items.
              auto spec = model.is_none() ? csikit::pls_model::from_survey(*d.schema)
                          : py::isinstance<py::str>(model)
                              ? csikit::pls_model::from_survey(csikit::with_model_syntax(*d.schema, model.cast<std::string>(), "<model>"))
                              : model_from_dict(model.cast<py::dict>());
              return estimate_fit(d, std::move(spec), o);
          },
          // No defaults here: csikit.estimate is where the Python face states them.
          py::arg("data"), py::kw_only(), py::arg("model"), py::arg("scheme"), py::arg("missing"),
          py::arg("consistent"), py::arg("tolerance"), py::arg("max_iterations"), py::arg("use_weights"),
          py::arg("keep_scores"), py::arg("quality"), py::arg("stopping"), py::arg("f2_reestimate"), py::arg("strict"),
          "Estimates a PLS path model (the survey's, or `model` when not None) on the data.");
}

}  // namespace csikit_py
