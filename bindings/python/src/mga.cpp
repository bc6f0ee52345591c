// csikit._core.mga: the multi-group analysis of response data as the one serializer's JSON
// (csikit/mga.hpp); csikit/mga.py turns it into DataFrames.
#include "prelude.hpp"
#include "choices.hpp"

#include "csikit/mga.hpp"
#include "csikit/report.hpp"

namespace csikit_py {

void register_mga(py::module_& m) {
    m.def("mga_json",
          [](const csikit::survey_data& d, const std::string& column, std::size_t permutations, std::size_t bootstrap,
             std::uint64_t seed, unsigned threads, bool micom, const std::string& imputation, const std::string& adjust,
             double alpha, double max_failed_share, const std::string& scheme, const std::string& missing, bool consistent,
             double tolerance, int max_iter, bool use_weights) {
              using S = csikit::inner_scheme;
              using M = csikit::missing_treatment;
              using I = csikit::mga_imputation;
              using A = csikit::p_adjustment;
              csikit::mga_options o;
              o.permutations = permutations;
              o.bootstrap = bootstrap;
              o.seed = seed;
              o.threads = threads;
              o.micom = micom;
              o.imputation = parse_choice<I>(imputation, "imputation", "imputation",
                                             {{"group_means", I::group_means}, {"pooled_means", I::pooled_means}});
              o.adjust = parse_choice<A>(adjust, "adjust", "correction",
                                         {{"none", A::none}, {"holm", A::holm}, {"bonferroni", A::bonferroni}});
              o.alpha = alpha;
              o.max_failed_share = max_failed_share;
              o.pls.scheme = parse_choice<S>(scheme, "scheme", "scheme",
                                             {{"path", S::path}, {"centroid", S::centroid}, {"factorial", S::factorial}});
              o.pls.missing = parse_choice<M>(missing, "missing", "treatment",
                                              {{"listwise", M::listwise}, {"mean", M::mean_replacement}});
              o.pls.consistent = consistent;
              o.pls.tolerance = tolerance;
              o.pls.max_iterations = max_iter;
              o.pls.use_weights = use_weights;
              const csikit::pls_model model = csikit::pls_model::from_survey(*d.schema);
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::multi_group(model, *d.data, column, o), -1);
          },
          py::arg("data"), py::arg("column"), py::kw_only(), py::arg("permutations") = 1000, py::arg("bootstrap") = 0,
          py::arg("seed") = 1, py::arg("threads") = 0, py::arg("micom") = true, py::arg("imputation") = "group_means",
          py::arg("adjust") = "holm", py::arg("alpha") = 0.05, py::arg("max_failed_share") = 0.2, py::arg("scheme") = "path",
          py::arg("missing") = "listwise", py::arg("consistent") = false, py::arg("tolerance") = 1e-7,
          py::arg("max_iter") = 300, py::arg("use_weights") = true,
          "Multi-group analysis of the survey's model split by a segment or wave column (JSON text).");
}

}  // namespace csikit_py
