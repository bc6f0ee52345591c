// csikit._core.predict: PLSpredict and CVPAT of a fit's model on its data (GIL released), each
// returning the one serializer's JSON; csikit/predict.py turns it into DataFrames.
#include "prelude.hpp"

#include "csikit/predict.hpp"
#include "csikit/report.hpp"

#include <optional>
#include <stdexcept>

namespace csikit_py {

namespace {

csikit::predict_options options(std::size_t folds, std::size_t repeats, std::uint64_t seed, unsigned threads,
                                const std::string& approach, const std::string& benchmark, const std::string& scheme,
                                double tolerance, int max_iter) {
    csikit::predict_options o;
    o.folds = folds;
    o.repeats = repeats;
    o.seed = seed;
    o.threads = threads;
    if (approach == "direct") o.approach = csikit::predict_approach::direct;
    else if (approach == "earliest") o.approach = csikit::predict_approach::earliest;
    else throw csikit::argument_error({{}, 0, "approach"}, "unknown approach \"" + approach + "\" (expected direct or earliest)");
    if (benchmark == "seminr") o.benchmark = csikit::predict_benchmark::seminr;
    else if (benchmark == "csem") o.benchmark = csikit::predict_benchmark::csem;
    else throw csikit::argument_error({{}, 0, "benchmark"}, "unknown benchmark \"" + benchmark + "\" (expected seminr or csem)");
    if (scheme == "path") o.estimation.scheme = csikit::inner_scheme::path;
    else if (scheme == "centroid") o.estimation.scheme = csikit::inner_scheme::centroid;
    else if (scheme == "factorial") o.estimation.scheme = csikit::inner_scheme::factorial;
    else throw csikit::argument_error({{}, 0, "scheme"}, "unknown scheme \"" + scheme + "\" (expected path, centroid or factorial)");
    o.estimation.tolerance = tolerance;
    o.estimation.max_iterations = max_iter;
    return o;
}

}  // namespace

void register_predict(py::module_& m) {
    m.def(
        "predict",
        [](const csikit::fitted_model& f, std::size_t folds, std::size_t repeats, std::uint64_t seed, unsigned threads,
           const std::string& approach, const std::string& benchmark, const std::string& scheme, double tolerance,
           int max_iter, bool cvpat, std::optional<py::dict> model2, double level) {
            const csikit::predict_options o =
                options(folds, repeats, seed, threads, approach, benchmark, scheme, tolerance, max_iter);
            std::optional<csikit::pls_model> other;
            if (model2) other = model_from_dict(*model2);
            py::gil_scoped_release release;
            const csikit::prediction_result r = csikit::predict(f.model, *f.data, o);
            if (!cvpat && !other) return csikit::to_json(r);
            csikit::cvpat_options co;
            co.predict = o;
            co.level = level;
            const csikit::cvpat_result cv = other ? csikit::cvpat(f.model, *other, *f.data, co)
                                                  : csikit::cvpat(f.model, *f.data, co);
            return csikit::to_json(r, cv);
        },
        py::arg("fit"), py::kw_only(), py::arg("folds"), py::arg("repeats"), py::arg("seed"), py::arg("threads"),
        py::arg("approach"), py::arg("benchmark"), py::arg("scheme"), py::arg("tolerance"), py::arg("max_iter"),
        py::arg("cvpat"), py::arg("model2"), py::arg("level"),
        "PLSpredict of the fit's model on its data (and CVPAT on request): the JSON document.");
}

}  // namespace csikit_py
