// csikit._core.index: indices, IPA/IPMA and derived importance. The C++ result structs are bound
// as read-only classes (the Python layer builds DataFrames from their attributes), so no field
// can drift between the core and Python; quadrant names come from csikit::quadrant_label.
#include "prelude.hpp"

#include "csikit/analysis.hpp"
#include "csikit/importance.hpp"
#include "csikit/index.hpp"
#include "csikit/ipa.hpp"
#include "csikit/ipa_survey.hpp"
#include "csikit/report.hpp"

namespace csikit_py {

namespace {

csikit::index_options index_opts(double level, bool refuse_negative) {
    csikit::index_options o;
    o.level = level;
    o.refuse_negative_weights = refuse_negative;
    return o;
}

csikit::ipa_options ipa_opts(const std::string& rule, double ci, double cp, std::pair<double, double> iscale,
                             std::pair<double, double> pscale) {
    csikit::ipa_options o;
    o.rule = csikit::parse_crosshair_rule(rule);
    o.custom_importance = ci;
    o.custom_performance = cp;
    o.importance_scale = iscale;
    o.performance_scale = pscale;
    return o;
}

constexpr csikit::quadrant all_quadrants[] = {csikit::quadrant::concentrate_here, csikit::quadrant::keep_up,
                                              csikit::quadrant::low_priority, csikit::quadrant::possible_overkill};

csikit::quadrant parse_quadrant(const std::string& id) {
    for (auto q : all_quadrants)
        if (id == csikit::to_string(q)) return q;
    throw csikit::argument_error({{}, 0, "quadrant"}, "unknown quadrant \"" + id +
                                                          "\" (expected concentrate_here, keep_up, low_priority or possible_overkill)");
}

/// The fields ipa_factor and ipa_point share (the label in the default language).
template <class T>
py::class_<T> factor_fields(py::class_<T> c) {
    return c.def_readonly("id", &T::id)
        .def_property_readonly("label", [](const T& x) { return x.label.get(); })
        .def_readonly("importance", &T::importance)
        .def_readonly("performance", &T::performance);
}

void bind_results(py::module_& m) {
    using ss = csikit::score_summary;
    py::class_<ss>(m, "ScoreSummary", "A weighted mean with its t-interval (csikit::score_summary).")
        .def_readonly("mean", &ss::mean)
        .def_readonly("sd", &ss::sd)
        .def_readonly("se", &ss::se)
        .def_readonly("ci_low", &ss::ci_low)
        .def_readonly("ci_high", &ss::ci_high)
        .def_readonly("level", &ss::level)
        .def_readonly("n", &ss::n)
        .def_readonly("effective_n", &ss::effective_n);

    using ci = csikit::construct_index;
    py::class_<ci>(m, "ConstructIndex", "The index of one construct (csikit::construct_index).")
        .def_readonly("construct", &ci::construct)
        .def_readonly("items", &ci::items)
        .def_readonly("weights", &ci::weights)
        .def_readonly("index", &ci::index)
        .def_readonly("score_sd", &ci::score_sd)
        .def_readonly("negative_weights", &ci::negative_weights)
        .def_readonly("has_respondents", &ci::has_respondents)
        .def_readonly("overall", &ci::overall);

    using ir = csikit::index_result;
    py::class_<ir>(m, "IndexResult", "Indices of every construct of a fit, with impacts (csikit::index_result).")
        .def_readonly("constructs", &ir::constructs)
        .def_readonly("scores", &ir::scores)
        .def_readonly("effects", &ir::effects)
        .def_readonly("impacts", &ir::impacts);

    using pt = csikit::ipa_point;
    factor_fields(py::class_<pt>(m, "IpaPoint", "One placed factor (csikit::ipa_point)."))
        .def_property_readonly("quadrant", [](const pt& p) { return csikit::to_string(p.where); })
        .def_readonly("gap", &pt::gap)
        .def_readonly("above_diagonal", &pt::above_diagonal)
        .def_readonly("priority", &pt::priority)
        .def_readonly("rank", &pt::rank);

    using ia = csikit::ipa_result;
    py::class_<ia>(m, "IpaResult", "Factors placed in the four quadrants (csikit::ipa_result).")
        .def_readonly("points", &ia::points)
        .def_readonly("importance_cut", &ia::importance_cut)
        .def_readonly("performance_cut", &ia::performance_cut)
        .def_property_readonly("rule", [](const ia& r) { return csikit::to_string(r.options.rule); })
        .def("by_priority", &ia::by_priority,
             "The priority order: concentrate-here first, then by z(importance) - z(performance).")
        .def("in_quadrant", [](const ia& r, const std::string& q) { return r.in_quadrant(parse_quadrant(q)); },
             py::arg("quadrant"), "Ids of the points in one quadrant, in input order.");

    factor_fields(py::class_<csikit::ipa_factor>(m, "IpaFactor", "One attribute to place on the map (csikit::ipa_factor)."));

    using ie = csikit::ipma_entry;
    py::class_<ie>(m, "IpmaEntry", "One construct or indicator of an IPMA (csikit::ipma_entry).")
        .def_readonly("id", &ie::id)
        .def_readonly("construct", &ie::construct)
        .def_readonly("importance", &ie::importance)
        .def_readonly("performance", &ie::performance);

    using im = csikit::ipma_result;
    py::class_<im>(m, "IpmaResult", "The importance-performance map for one target (csikit::ipma_result).")
        .def_readonly("target", &im::target)
        .def_readonly("constructs", &im::constructs)
        .def_readonly("indicators", &im::indicators)
        .def_readonly("indices", &im::indices);

    using it = csikit::importance_table;
    py::class_<it>(m, "ImportanceTable", "Every derived-importance measure (csikit::importance_table).")
        .def_readonly("drivers", &it::drivers)
        .def_readonly("correlation", &it::correlation)
        .def_readonly("beta", &it::beta)
        .def_readonly("pratt", &it::pratt)
        .def_readonly("relative_weights", &it::relative_weights)
        .def_readonly("relative_weights_percent", &it::relative_weights_percent)
        .def_readonly("lmg", &it::lmg)
        .def_readonly("r2", &it::r2);
}

}  // namespace

void register_index(py::module_& m) {
    bind_results(m);

    std::vector<std::string> ids;
    for (auto q : all_quadrants) ids.emplace_back(csikit::to_string(q));
    m.attr("QUADRANTS") = py::tuple(py::cast(ids));
    m.def("quadrant_label",
          [](const std::string& quadrant, const std::string& language) {
              return csikit::quadrant_label(parse_quadrant(quadrant), language);
          },
          py::arg("quadrant"), py::arg("language") = "en",
          "The display name of a quadrant id (language \"en\" or \"zh\"; others give English).");

    m.def("indices",
          [](const csikit::fitted_model& f, bool use_respondents, double level, bool refuse_negative) {
              const auto o = index_opts(level, refuse_negative);
              if (f.extended) {  // HOCs / interaction terms: the indices of analyze_extended_indices
                  csikit::index_analysis_options ao;
                  ao.index = o;
                  return csikit::analyze_extended_indices(*f.extended, *f.schema, ao).overall.indices;
              }
              return use_respondents ? csikit::compute_indices(*f.fit, *f.schema, *f.data, o)
                                     : csikit::compute_indices(*f.fit, *f.schema, o);
          },
          py::arg("fit"), py::kw_only(), py::arg("use_respondents") = true, py::arg("level") = 0.95,
          py::arg("refuse_negative_weights") = true, "0-100 indices of every construct with impacts.");

    m.def("ipa",
          [](const std::vector<std::string>& ids, const std::vector<std::string>& labels, const std::vector<double>& importance,
             const std::vector<double>& performance, const std::string& rule, double ci, double cp,
             std::pair<double, double> iscale, std::pair<double, double> pscale) {
              if (ids.size() != importance.size() || ids.size() != performance.size() ||
                  (!labels.empty() && labels.size() != ids.size()))
                  throw csikit::argument_error({{}, 0, "ipa"}, "ids, labels, importance and performance differ in length (expected equal)");
              std::vector<csikit::ipa_factor> fs(ids.size());
              for (std::size_t i = 0; i < ids.size(); ++i) {
                  fs[i].id = ids[i];
                  if (!labels.empty()) fs[i].label.by_language[""] = labels[i];
                  fs[i].importance = importance[i];
                  fs[i].performance = performance[i];
              }
              return csikit::ipa(fs, ipa_opts(rule, ci, cp, iscale, pscale));
          },
          py::arg("ids"), py::arg("labels"), py::arg("importance"), py::arg("performance"), py::kw_only(),
          py::arg("rule") = "mean", py::arg("custom_importance") = 0.0, py::arg("custom_performance") = 0.0,
          py::arg("importance_scale") = std::pair<double, double>{0, 100},
          py::arg("performance_scale") = std::pair<double, double>{0, 100},
          "Places factors in the four IPA quadrants.");

    m.def("ipma",
          [](const csikit::fitted_model& f, const std::string& target, bool use_respondents, double level) {
              const auto o = index_opts(level, true);
              return use_respondents ? csikit::ipma(*f.fit, *f.schema, *f.data, target, o)
                                     : csikit::ipma(*f.fit, *f.schema, target, o);
          },
          py::arg("fit"), py::arg("target"), py::kw_only(), py::arg("use_respondents") = true, py::arg("level") = 0.95,
          "Importance-performance map of a fit for one target construct.");

    m.def("stated_factors",
          [](const csikit::survey_data& d, const std::vector<std::pair<std::string, std::string>>& pairs) {
              return csikit::stated_factors(*d.schema, *d.data, pairs);
          },
          py::arg("data"), py::arg("pairs"), "IPA factors from (performance item, importance item) pairs.");

    m.def("derived_factors",
          [](const csikit::survey_data& d, const std::vector<std::string>& drivers, const std::string& outcome,
             const std::string& measure) {
              return csikit::derived_factors(*d.schema, *d.data, drivers, outcome,
                                             csikit::parse_importance_measure(measure));
          },
          py::arg("data"), py::arg("drivers"), py::arg("outcome"), py::arg("measure") = "relative_weights",
          "IPA factors with importance derived from the data (correlation, beta, pratt, relative_weights, lmg).");

    m.def("importance",
          [](const csikit::survey_data& d, const std::vector<std::string>& drivers, const std::string& outcome,
             bool with_lmg) {
              auto items = drivers;
              items.push_back(outcome);
              const auto mom = csikit::compute_moments(*d.data, items);
              return csikit::importance_all(mom, drivers, outcome, with_lmg);
          },
          py::arg("data"), py::arg("drivers"), py::arg("outcome"), py::arg("with_lmg") = true,
          "Every derived-importance measure of `drivers` for `outcome` (listwise moments).");

    // Issue 14: the IPA of a survey without a path model, as the one serializer's JSON.
    m.def("survey_ipa_json",
          [](const csikit::survey_data& d, const std::string& importance, const std::string& crosshair, double ci,
             double cp, bool diagonal, const std::string& by, bool use_weights) {
              csikit::survey_ipa_options o;
              if (!importance.empty()) o.importance = csikit::parse_importance_source(importance);
              o.map.rule = csikit::parse_crosshair_rule(crosshair);
              o.map.custom_importance = ci;
              o.map.custom_performance = cp;
              o.map.diagonal = diagonal;
              o.by = by;
              o.use_weights = use_weights;
              return csikit::to_json(csikit::survey_ipa(*d.schema, *d.data, o));
          },
          py::arg("data"), py::arg("importance") = "", py::arg("crosshair") = "mean", py::arg("custom_importance") = 0.0,
          py::arg("custom_performance") = 0.0, py::arg("diagonal") = false, py::arg("by") = "", py::arg("use_weights") = true,
          "The survey IPA (csikit::survey_ipa) as JSON text.");
}

}  // namespace csikit_py
