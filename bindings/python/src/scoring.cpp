// csikit._core.scoring: descriptive scores as the core's score-report JSON (Python builds tables
// from it), and the inference primitives users call on their own numbers (NPS, proportions,
// means).
#include "prelude.hpp"

#include "choices.hpp"

#include "csikit/report.hpp"
#include "csikit/scoring.hpp"
#include "csikit/stats.hpp"

namespace csikit_py {

namespace {

csikit::rescaling parse_rescaling(const std::string& s) {
    using R = csikit::rescaling;
    return parse_choice<R>(s, "rescale", "rescaling", {{"linear", R::linear}, {"proportional", R::proportional}, {"labels", R::labels}});
}

csikit::aggregation parse_aggregation(const std::string& s) {
    using A = csikit::aggregation;
    return parse_choice<A>(s, "aggregate", "aggregation", {{"respondent", A::respondent_first}, {"mean", A::mean_first}});
}

csikit::proportion_method parse_interval(const std::string& s) {
    using P = csikit::proportion_method;
    return parse_choice<P>(s, "interval", "method",
                           {{"wilson", P::wilson}, {"agresti_coull", P::agresti_coull}, {"clopper_pearson", P::clopper_pearson}});
}

py::dict nps_dict(const csikit::nps_estimate& e) {
    return py::dict(py::arg("nps") = e.nps, py::arg("se") = e.se, py::arg("ci") = py::make_tuple(e.wald.lower, e.wald.upper),
                    py::arg("adjusted") = e.adjusted,
                    py::arg("adjusted_ci") = py::make_tuple(e.adjusted_wald.lower, e.adjusted_wald.upper),
                    py::arg("promoters") = e.promoters, py::arg("passives") = e.passives,
                    py::arg("detractors") = e.detractors, py::arg("n") = e.n, py::arg("n_eff") = e.n_eff);
}

std::span<const double> span_of(const Eigen::VectorXd& v) { return {v.data(), static_cast<std::size_t>(v.size())}; }

}  // namespace

void register_scoring(py::module_& m) {
    m.def("score_json",
          [](const csikit::survey_data& d, const std::string& rescale, const std::string& aggregate, double threshold, double level,
             const std::string& interval, const std::string& by, bool by_wave, const std::string& language,
             const std::map<std::string, std::vector<double>>& top_box, double promoter_min, double detractor_max,
             int indent, const std::string& ahp_method, bool ahp_allow_inconsistent) {
              csikit::score_options o;
              o.rescale = parse_rescaling(rescale);
              o.aggregate = parse_aggregation(aggregate);
              o.threshold = threshold;
              o.level = level;
              o.interval = parse_interval(interval);
              o.by = by;
              o.by_wave = by_wave;
              o.language = language;
              o.top_box = top_box;
              o.nps = {promoter_min, detractor_max};
              o.ahp.method = csikit::parse_ahp_method(ahp_method);
              o.ahp.allow_inconsistent = ahp_allow_inconsistent;
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::score(*d.schema, *d.data, o), indent);
          },
          py::arg("data"), py::kw_only(), py::arg("rescale") = "linear", py::arg("aggregate") = "respondent",
          py::arg("threshold") = 70.0, py::arg("level") = 0.95, py::arg("interval") = "wilson", py::arg("by") = "",
          py::arg("by_wave") = true, py::arg("language") = "",
          py::arg("top_box") = std::map<std::string, std::vector<double>>(), py::arg("promoter_min") = 9.0,
          py::arg("detractor_max") = 6.0, py::arg("indent") = -1, py::arg("ahp_method") = "eigenvector",
          py::arg("ahp_allow_inconsistent") = false,
          "Scores the data; returns the score report as JSON text.");

    m.def("nps",
          [](const Eigen::VectorXd& x, const Eigen::VectorXd& w, double level, double promoter_min, double detractor_max) {
              return nps_dict(csikit::nps_ci(span_of(x), span_of(w), level, {promoter_min, detractor_max}));
          },
          py::arg("x"), py::arg("weights") = Eigen::VectorXd(), py::arg("level") = 0.95, py::arg("promoter_min") = 9.0,
          py::arg("detractor_max") = 6.0, "Net Promoter Score of 0-10 answers with its standard error and intervals.");
    m.def("mean_ci",
          [](const Eigen::VectorXd& x, const Eigen::VectorXd& w, double level) {
              const auto e = csikit::mean_ci(span_of(x), span_of(w), level);
              return py::dict(py::arg("mean") = e.mean, py::arg("sd") = e.sd, py::arg("se") = e.se, py::arg("n") = e.n,
                              py::arg("n_eff") = e.n_eff, py::arg("df") = e.df,
                              py::arg("ci") = py::make_tuple(e.ci.lower, e.ci.upper));
          },
          py::arg("x"), py::arg("weights") = Eigen::VectorXd(), py::arg("level") = 0.95,
          "Weighted mean with a t-interval (NaN skipped).");
    m.def("proportion_interval",
          [](double p, double n, double level, const std::string& method) {
              const auto i = csikit::proportion_interval(p, n, level, parse_interval(method));
              return py::make_tuple(i.lower, i.upper);
          },
          py::arg("p"), py::arg("n"), py::arg("level") = 0.95, py::arg("method") = "wilson",
          "Confidence interval of a proportion p observed on n.");
}

}  // namespace csikit_py
