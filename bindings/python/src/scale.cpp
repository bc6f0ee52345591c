// csikit._core.scale: the bootstrap at scale (csikit/poisson_bootstrap.hpp) for the Dask and
// Spark engines: a partition becomes a replicate state (bytes), states merge, and the merged
// state is estimated and bootstrapped here. Heavy calls release the GIL.
#include "prelude.hpp"

#include "choices.hpp"
#include "csikit/accumulator.hpp"
#include "csikit/analysis.hpp"
#include "csikit/csv_stream.hpp"
#include "csikit/model_syntax.hpp"
#include "csikit/poisson_bootstrap.hpp"
#include "csikit/report.hpp"

#include <optional>

namespace csikit_py {

namespace {

using ra = csikit::replicate_accumulator;
using row_major = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

csikit::missing_treatment missing_from(const std::string& missing) {
    using M = csikit::missing_treatment;
    return parse_choice<M>(missing, "missing", "treatment",
                           {{"listwise", M::listwise}, {"mean", M::mean_replacement}, {"pairwise", M::pairwise}});
}

csikit::pls_model model_of(const survey_state& s, const py::object& model) {
    if (model.is_none()) return csikit::pls_model::from_survey(*s);
    if (py::isinstance<py::str>(model))
        return csikit::pls_model::from_survey(csikit::with_model_syntax(*s, model.cast<std::string>(), "<model>"));
    return model_from_dict(model.cast<py::dict>());
}

csikit::pls_fit fit_of(const csikit::pls_model& model, const ra& acc, const std::string& missing) {
    csikit::pls_options o;
    o.missing = missing_from(missing);
    o.use_weights = acc.full().uses_weights();
    return csikit::estimate(model, acc.full().finish(o.missing), o);
}

}  // namespace

void register_scale(py::module_& m) {
    py::class_<ra>(m, "ReplicateAccumulator",
                   "The moments of a sample and of B Poisson bootstrap replicates, mergeable and serialisable.")
        .def(py::init([](const survey_state& s, std::vector<std::string> items, std::size_t replicates, std::uint64_t seed,
                         const std::string& id_column, bool use_weights) {
                 return ra(*s, std::move(items), replicates, seed, csikit::replicate_keys{id_column}, use_weights);
             }),
             py::arg("survey"), py::arg("items"), py::kw_only(), py::arg("replicates"), py::arg("seed"),
             py::arg("id_column"), py::arg("use_weights"))
        .def(
            "add",
            [](ra& a, const Eigen::Ref<const row_major>& rows, const std::optional<Eigen::VectorXd>& weights,
               const std::vector<std::uint64_t>& keys) {
                const Eigen::MatrixXd x = rows;
                py::gil_scoped_release unlocked;
                a.add(x, weights ? *weights : Eigen::VectorXd(), keys);
            },
            py::arg("rows"), py::arg("weights"), py::arg("keys"),
            "Adds m respondents: rows m x p in items() order (NaN = missing, recoded values), weights or None, keys.")
        .def(
            "merge", [](ra& a, const ra& b) {
                py::gil_scoped_release unlocked;
                a.merge(b);
            },
            py::arg("other"))
        .def("to_bytes", [](const ra& a) { return py::bytes(a.to_bytes()); })
        .def_static("from_bytes", [](const py::bytes& b) { return ra::from_bytes(std::string(b)); }, py::arg("state"))
        .def_property_readonly("replicates", &ra::replicates)
        .def_property_readonly("seed", &ra::seed)
        .def_property_readonly("id_column", [](const ra& a) { return a.keys().id_column; })
        .def_property_readonly("items", [](const ra& a) { return a.items(); })
        .def_property_readonly("respondents", [](const ra& a) { return a.full().respondents(); })
        .def_property_readonly("exact", [](const ra& a) { return a.full().mode() == csikit::accumulation_mode::exact; })
        .def(
            "moments",
            [](const ra& a, const std::string& missing) {
                const csikit::moments mo = a.full().finish(missing_from(missing));
                return py::dict(py::arg("item_ids") = mo.item_ids, py::arg("mean") = mo.mean, py::arg("sd") = mo.sd,
                                py::arg("correlation") = mo.correlation, py::arg("respondents_total") = mo.respondents_total,
                                py::arg("respondents_used") = mo.respondents_used, py::arg("effective_n") = mo.effective_n);
            },
            py::arg("missing"), "The full sample's moments under a missing treatment.");

    // The plain moment state (incremental tracking; csikit.Accumulator).
    using ma = csikit::moment_accumulator;
    py::class_<ma>(m, "Accumulator", "The moments of a survey's model indicators, mergeable and serialisable.")
        .def(py::init([](const survey_state& s, bool use_weights) {
                 return ma(*s, csikit::pls_model::from_survey(*s).indicators(), use_weights);
             }),
             py::arg("survey"), py::kw_only(), py::arg("use_weights"))
        .def(
            "add",
            [](ma& a, const csikit::survey_data& d) {
                py::gil_scoped_release unlocked;
                a.add(*d.data);
            },
            py::arg("data"), "Adds every respondent of the data.")
        .def(
            "add_file",
            [](ma& a, const survey_state& s, const std::string& path, bool out_of_scale_missing, const std::string& encoding,
               int header_rows, const std::string& sheet) {
                csikit::read_options ro;
                ro.out_of_scale = out_of_scale_missing ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
                ro.encoding = encoding;
                ro.header_rows = header_rows;
                ro.sheet = sheet;
                py::gil_scoped_release unlocked;
                csikit::stream_responses(path, *s, [&](csikit::responses&& chunk) { a.add(chunk); }, ro);
            },
            py::arg("survey"), py::arg("path"), py::kw_only(), py::arg("out_of_scale_missing"), py::arg("encoding"),
            py::arg("header_rows"), py::arg("sheet"), "Adds a data file, CSV streamed chunk by chunk.")
        .def(
            "merge",
            [](ma& a, const ma& b) {
                py::gil_scoped_release unlocked;
                a.merge(b);
            },
            py::arg("other"))
        .def(
            "check_survey",
            [](const ma& a, const survey_state& s) {
                ma(*s, csikit::pls_model::from_survey(*s).indicators(), a.uses_weights()).merge(a);
            },
            py::arg("survey"), "DataError naming the difference when the state is of another survey definition.")
        .def("to_bytes", [](const ma& a) { return py::bytes(a.to_bytes()); })
        .def_static("from_bytes", [](const py::bytes& b) { return ma::from_bytes(std::string(b)); }, py::arg("state"))
        .def_property_readonly("items", [](const ma& a) { return a.items(); })
        .def_property_readonly("respondents", &ma::respondents)
        .def_property_readonly("use_weights", &ma::uses_weights)
        .def("summary_json", [](const ma& a) { return csikit::to_json(a); })
        .def(
            "analyze",
            [](const ma& a, const survey_state& s, const std::string& missing, const std::string& scheme, bool consistent,
               const std::string& target) {
                csikit::analysis_options o;
                o.pls.missing = missing_from(missing);
                o.pls.scheme = parse_choice<csikit::inner_scheme>(scheme, "scheme", "scheme",
                                                                  {{"path", csikit::inner_scheme::path},
                                                                   {"centroid", csikit::inner_scheme::centroid},
                                                                   {"factorial", csikit::inner_scheme::factorial}});
                o.pls.consistent = consistent;
                o.index.target = target;
                py::gil_scoped_release unlocked;
                return csikit::to_json(csikit::run_analysis(*s, a, o));
            },
            py::arg("survey"), py::kw_only(), py::arg("missing"), py::arg("scheme"), py::arg("consistent"),
            py::arg("target"), "report.json of the survey's model estimated from the state.");

    m.def("respondent_keys",
          [](const std::vector<std::string>& ids) {
              std::vector<std::uint64_t> k(ids.size());
              for (std::size_t i = 0; i < ids.size(); ++i) k[i] = csikit::respondent_key(ids[i]);
              return k;
          },
          py::arg("ids"), "The respondent key of each id text (csikit::respondent_key).");
    m.def(
        "model_items", [](const survey_state& s, const py::object& model) { return model_of(s, model).indicators(); },
        py::arg("survey"), py::arg("model"), "The indicators of the model (the survey's when None), in model order.");
    m.def(
        "poisson_count",
        [](std::uint64_t seed, std::uint64_t key, std::uint64_t r) { return csikit::poisson_count(seed, key, r); },
        py::arg("seed"), py::arg("key"), py::arg("replicate"), "The Poisson(1) count of (seed, key, replicate).");
    m.def(
        "estimate",
        [](const survey_state& s, const ra& a, const py::object& model, const std::string& missing) {
            auto spec = model_of(s, model);
            py::gil_scoped_release unlocked;
            return csikit::to_json(fit_of(spec, a, missing), nullptr, &*s);
        },
        py::arg("survey"), py::arg("state"), py::kw_only(), py::arg("model"), py::arg("missing"),
        "The estimate from the full sample of a state, as report.json text.");
    m.def(
        "bootstrap",
        [](const survey_state& s, const ra& a, const py::object& model, const std::string& missing, double confidence,
           unsigned threads) {
            auto spec = model_of(s, model);
            py::gil_scoped_release unlocked;
            const csikit::pls_fit fit = fit_of(spec, a, missing);
            csikit::poisson_bootstrap_options o;
            o.confidence = confidence;
            o.threads = threads;
            o.index_survey = &*s;
            const csikit::bootstrap_result r = csikit::poisson_bootstrap(spec, a, fit, o);
            return std::make_pair(csikit::to_json(fit, &r, &*s), csikit::to_json(r));
        },
        py::arg("survey"), py::arg("state"), py::kw_only(), py::arg("model"), py::arg("missing"), py::arg("confidence"),
        py::arg("threads"), "The Poisson bootstrap of a state: (report.json of the fit with it, the bootstrap's JSON).");
}

}  // namespace csikit_py
