// csikit._core.scoring: descriptive scores as the core's score-report JSON (Python builds tables
// from it), and the inference primitives users call on their own numbers (NPS, proportions,
// means).
#include "prelude.hpp"

#include "choices.hpp"

#include "csikit/crosstab.hpp"
#include "csikit/standardize.hpp"
#include "csikit/report.hpp"
#include "csikit/score_stream.hpp"
#include "csikit/scoring.hpp"
#include "csikit/stats.hpp"
#include "csikit/trend.hpp"
#include "csikit/feedback.hpp"

#include <map>
#include <string>

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
    // The options of score_json and score_file_json, from the same keywords.
    const auto options_of = [](const std::string& rescale, const std::string& aggregate, double threshold, double level,
                               const std::string& interval, const std::string& by, bool by_wave, const std::string& language,
                               const std::map<std::string, std::vector<double>>& top_box, double promoter_min,
                               double detractor_max, const std::string& ahp_method, bool ahp_allow_inconsistent) {
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
        return o;
    };
    m.def("score_json",
          [options_of](const csikit::survey_data& d, const std::string& rescale, const std::string& aggregate, double threshold,
                       double level, const std::string& interval, const std::string& by, bool by_wave,
                       const std::string& language, const std::map<std::string, std::vector<double>>& top_box,
                       double promoter_min, double detractor_max, int indent, const std::string& ahp_method,
                       bool ahp_allow_inconsistent) {
              const csikit::score_options o = options_of(rescale, aggregate, threshold, level, interval, by, by_wave, language,
                                                         top_box, promoter_min, detractor_max, ahp_method, ahp_allow_inconsistent);
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
    m.def("score_file_json",
          [options_of](const survey_state& s, const std::string& path, const std::string& rescale, const std::string& aggregate,
                       double threshold, double level, const std::string& interval, const std::string& by, bool by_wave,
                       const std::string& language, const std::map<std::string, std::vector<double>>& top_box,
                       double promoter_min, double detractor_max, int indent, const std::string& ahp_method,
                       bool ahp_allow_inconsistent, bool out_of_scale_missing, const std::string& encoding) {
              const csikit::score_options o = options_of(rescale, aggregate, threshold, level, interval, by, by_wave, language,
                                                         top_box, promoter_min, detractor_max, ahp_method, ahp_allow_inconsistent);
              csikit::read_options ro;
              ro.out_of_scale = out_of_scale_missing ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
              ro.encoding = encoding;
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::score_file(*s, path, o, ro), indent);
          },
          py::arg("survey"), py::arg("path"), py::kw_only(), py::arg("rescale") = "linear", py::arg("aggregate") = "respondent",
          py::arg("threshold") = 70.0, py::arg("level") = 0.95, py::arg("interval") = "wilson", py::arg("by") = "",
          py::arg("by_wave") = true, py::arg("language") = "",
          py::arg("top_box") = std::map<std::string, std::vector<double>>(), py::arg("promoter_min") = 9.0,
          py::arg("detractor_max") = 6.0, py::arg("indent") = -1, py::arg("ahp_method") = "eigenvector",
          py::arg("ahp_allow_inconsistent") = false, py::arg("out_of_scale_missing") = false, py::arg("encoding") = "",
          "Scores a CSV file streamed chunk by chunk (bounded memory); the score report as JSON text.");

    // Issue 14 (helper trend): trends over many waves (docs/trend.md).
    m.def("trend_json",
          [](const csikit::survey_data& d, const std::string& wave, double control_sigma, const std::string& rescale,
             const std::string& aggregate, double threshold, double level, const std::string& interval,
             const std::string& language, double promoter_min, double detractor_max, const std::string& ahp_method,
             bool ahp_allow_inconsistent, int indent) {
              csikit::trend_options t;
              t.wave = wave;
              t.control_sigma = control_sigma;
              auto& o = t.scoring;
              o.rescale = parse_rescaling(rescale);
              o.aggregate = parse_aggregation(aggregate);
              o.threshold = threshold;
              o.level = level;
              o.interval = parse_interval(interval);
              o.language = language;
              o.nps = {promoter_min, detractor_max};
              o.ahp.method = csikit::parse_ahp_method(ahp_method);
              o.ahp.allow_inconsistent = ahp_allow_inconsistent;
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::trend(*d.schema, *d.data, t), indent);
          },
          py::arg("data"), py::kw_only(), py::arg("wave") = "", py::arg("control_sigma") = 3.0, py::arg("rescale") = "linear",
          py::arg("aggregate") = "respondent", py::arg("threshold") = 70.0, py::arg("level") = 0.95,
          py::arg("interval") = "wilson", py::arg("language") = "", py::arg("promoter_min") = 9.0,
          py::arg("detractor_max") = 6.0, py::arg("ahp_method") = "eigenvector", py::arg("ahp_allow_inconsistent") = false,
          py::arg("indent") = -1, "Every figure over the waves (csikit::trend); returns the trend document as JSON text.");

    // Issue 14 item 7 (helper coded): coded open answers and feedback records (docs/feedback.md).
    m.def("feedback_json",
          [](const csikit::survey_data& d, const std::string& by, const std::string& wave, const std::string& on,
             std::size_t top, bool verbatims, std::size_t max_verbatims, const std::string& rescale,
             const std::string& aggregate, double threshold, const std::string& language, int indent) {
              csikit::feedback_options f;
              f.by = by;
              f.wave = wave;
              f.on = on;
              f.top = top;
              f.verbatims = verbatims;
              f.max_verbatims = max_verbatims;
              f.scoring.rescale = parse_rescaling(rescale);
              f.scoring.aggregate = parse_aggregation(aggregate);
              f.scoring.threshold = threshold;
              f.scoring.language = language;
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::feedback(*d.schema, *d.data, f), indent);
          },
          py::arg("data"), py::kw_only(), py::arg("by") = "", py::arg("wave") = "", py::arg("on") = "", py::arg("top") = 5,
          py::arg("verbatims") = true, py::arg("max_verbatims") = 10, py::arg("rescale") = "linear",
          py::arg("aggregate") = "respondent", py::arg("threshold") = 70.0, py::arg("language") = "", py::arg("indent") = -1,
          "Multi-response frequencies, the dissatisfied's categories and verbatims (csikit::feedback); JSON text.");

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

    // Issue 14 (helper xtab): a crosstab, as the one serializer's JSON (docs/crosstab.md).
    m.def("crosstab_json",
          [](const csikit::survey_data& d, const std::string& rows, const std::string& cols, const std::string& layer,
             double alpha, bool use_weights, double level, double threshold, const std::string& rescale,
             const std::string& language) {
              csikit::crosstab_options o;
              o.rows = rows;
              o.cols = cols;
              o.layer = layer;
              o.alpha = alpha;
              o.use_weights = use_weights;
              o.scoring.level = level;
              o.scoring.threshold = threshold;
              o.scoring.rescale = parse_rescaling(rescale);
              o.scoring.language = language;
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::crosstab(*d.schema, *d.data, o));
          },
          py::arg("data"), py::kw_only(), py::arg("rows"), py::arg("cols"), py::arg("layer") = "", py::arg("alpha") = 0.05,
          py::arg("use_weights") = true, py::arg("level") = 0.95, py::arg("threshold") = 70.0,
          py::arg("rescale") = "linear", py::arg("language") = "",
          "The crosstab (csikit::crosstab) as JSON text.");

    // Issue 14 (helper xtab2): composition-adjusted scores, as the one serializer's JSON.
    m.def("standardize_json",
          [](const csikit::survey_data& d, const std::string& adjust_for, const std::string& by, const std::string& reference,
             const std::map<std::string, double>& shares, bool use_weights, double level, const std::string& rescale) {
              csikit::standardize_options o;
              o.adjust_for = adjust_for;
              o.by = by;
              if (reference == "pooled") o.reference = csikit::reference_mix::pooled;
              else if (reference == "first") o.reference = csikit::reference_mix::first;
              else if (reference == "given") o.reference = csikit::reference_mix::given;
              else
                  throw csikit::argument_error({{}, 0, "reference"},
                                               "\"" + reference + "\" is not a reference mix (expected pooled, first or given)");
              if (o.reference == csikit::reference_mix::given && shares.empty())
                  throw csikit::argument_error({{}, 0, "shares"}, "missing (expected a share per value with reference \"given\")");
              if (o.reference != csikit::reference_mix::given && !shares.empty())
                  throw csikit::argument_error({{}, 0, "shares"}, "given with reference \"" + reference + "\" (expected reference \"given\")");
              o.shares = shares;
              o.use_weights = use_weights;
              if (!(level > 0 && level < 1))
                  throw csikit::argument_error({{}, 0, "level"}, "not a confidence level (expected 0 < level < 1)");
              o.scoring.level = level;
              o.scoring.rescale = parse_rescaling(rescale);
              py::gil_scoped_release unlocked;
              return csikit::to_json(csikit::standardize(*d.schema, *d.data, o));
          },
          py::arg("data"), py::kw_only(), py::arg("adjust_for"), py::arg("by") = "", py::arg("reference") = "pooled",
          py::arg("shares") = std::map<std::string, double>{}, py::arg("use_weights") = true, py::arg("level") = 0.95,
          py::arg("rescale") = "linear",
          "Composition-adjusted scores (csikit::standardize) as JSON text.");
}

}  // namespace csikit_py
