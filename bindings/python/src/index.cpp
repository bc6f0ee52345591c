// Indices, IPA/IPMA and derived importance, returned as plain dicts of lists/arrays that the
// Python layer turns into DataFrames.
#include "prelude.hpp"

#include "csikit/importance.hpp"
#include "csikit/index.hpp"
#include "csikit/ipa.hpp"

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

py::dict index_dict(const csikit::index_result& r) {
    py::list rows;
    for (const auto& c : r.constructs)
        rows.append(py::dict(py::arg("construct") = c.construct, py::arg("items") = c.items,
                             py::arg("weights") = Eigen::VectorXd(c.weights), py::arg("index") = c.index,
                             py::arg("score_sd") = c.score_sd, py::arg("negative_weights") = c.negative_weights,
                             py::arg("has_respondents") = c.has_respondents, py::arg("mean") = c.overall.mean,
                             py::arg("sd") = c.overall.sd, py::arg("se") = c.overall.se,
                             py::arg("ci_low") = c.overall.ci_low, py::arg("ci_high") = c.overall.ci_high,
                             py::arg("n") = c.overall.n, py::arg("effective_n") = c.overall.effective_n));
    return py::dict(py::arg("constructs") = rows, py::arg("scores") = Eigen::MatrixXd(r.scores),
                    py::arg("effects") = Eigen::MatrixXd(r.effects), py::arg("impacts") = Eigen::MatrixXd(r.impacts));
}

py::dict ipa_dict(const csikit::ipa_result& r) {
    py::list points;
    for (const auto& p : r.points)
        points.append(py::dict(py::arg("id") = p.id, py::arg("label") = p.label.get(), py::arg("importance") = p.importance,
                               py::arg("performance") = p.performance, py::arg("quadrant") = csikit::to_string(p.where),
                               py::arg("gap") = p.gap, py::arg("above_diagonal") = p.above_diagonal));
    return py::dict(py::arg("points") = points, py::arg("importance_cut") = r.importance_cut,
                    py::arg("performance_cut") = r.performance_cut, py::arg("rule") = csikit::to_string(r.options.rule),
                    py::arg("by_priority") = r.by_priority());
}

py::list entries(const std::vector<csikit::ipma_entry>& es) {
    py::list out;
    for (const auto& e : es)
        out.append(py::dict(py::arg("id") = e.id, py::arg("construct") = e.construct, py::arg("importance") = e.importance,
                            py::arg("performance") = e.performance));
    return out;
}

}  // namespace

void register_index(py::module_& m) {
    m.def("indices",
          [](const fit_state& f, bool use_respondents, double level, bool refuse_negative) {
              const auto o = index_opts(level, refuse_negative);
              return index_dict(use_respondents ? csikit::compute_indices(*f.fit, *f.survey, *f.data, o)
                                                : csikit::compute_indices(*f.fit, *f.survey, o));
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
              return ipa_dict(csikit::ipa(fs, ipa_opts(rule, ci, cp, iscale, pscale)));
          },
          py::arg("ids"), py::arg("labels"), py::arg("importance"), py::arg("performance"), py::kw_only(),
          py::arg("rule") = "mean", py::arg("custom_importance") = 0.0, py::arg("custom_performance") = 0.0,
          py::arg("importance_scale") = std::pair<double, double>{0, 100},
          py::arg("performance_scale") = std::pair<double, double>{0, 100},
          "Places factors in the four IPA quadrants.");

    m.def("ipma",
          [](const fit_state& f, const std::string& target, bool use_respondents, double level) {
              const auto o = index_opts(level, true);
              const auto r = use_respondents ? csikit::ipma(*f.fit, *f.survey, *f.data, target, o)
                                             : csikit::ipma(*f.fit, *f.survey, target, o);
              return py::dict(py::arg("target") = r.target, py::arg("constructs") = entries(r.constructs),
                              py::arg("indicators") = entries(r.indicators));
          },
          py::arg("fit"), py::arg("target"), py::kw_only(), py::arg("use_respondents") = true, py::arg("level") = 0.95,
          "Importance-performance map of a fit for one target construct.");

    m.def("stated_factors",
          [](const data_state& d, const std::vector<std::pair<std::string, std::string>>& pairs) {
              py::list out;
              for (const auto& f : csikit::stated_factors(*d.survey, *d.data, pairs))
                  out.append(py::dict(py::arg("id") = f.id, py::arg("label") = f.label.get(),
                                      py::arg("importance") = f.importance, py::arg("performance") = f.performance));
              return out;
          },
          py::arg("data"), py::arg("pairs"), "IPA factors from (performance item, importance item) pairs.");

    m.def("derived_factors",
          [](const data_state& d, const std::vector<std::string>& drivers, const std::string& outcome,
             const std::string& measure) {
              py::list out;
              for (const auto& f : csikit::derived_factors(*d.survey, *d.data, drivers, outcome,
                                                           csikit::parse_importance_measure(measure)))
                  out.append(py::dict(py::arg("id") = f.id, py::arg("label") = f.label.get(),
                                      py::arg("importance") = f.importance, py::arg("performance") = f.performance));
              return out;
          },
          py::arg("data"), py::arg("drivers"), py::arg("outcome"), py::arg("measure") = "relative_weights",
          "IPA factors with importance derived from the data (correlation, beta, pratt, relative_weights, lmg).");

    m.def("importance",
          [](const data_state& d, const std::vector<std::string>& drivers, const std::string& outcome, bool with_lmg) {
              auto items = drivers;
              items.push_back(outcome);
              const auto mom = csikit::compute_moments(*d.data, items);
              const auto t = csikit::importance_all(mom, drivers, outcome, with_lmg);
              return py::dict(py::arg("drivers") = t.drivers, py::arg("correlation") = Eigen::VectorXd(t.correlation),
                              py::arg("beta") = Eigen::VectorXd(t.beta), py::arg("pratt") = Eigen::VectorXd(t.pratt),
                              py::arg("relative_weights") = Eigen::VectorXd(t.relative_weights),
                              py::arg("relative_weights_percent") = Eigen::VectorXd(t.relative_weights_percent),
                              py::arg("lmg") = Eigen::VectorXd(t.lmg), py::arg("r2") = t.r2);
          },
          py::arg("data"), py::arg("drivers"), py::arg("outcome"), py::arg("with_lmg") = true,
          "Every derived-importance measure of `drivers` for `outcome` (listwise moments).");
}

}  // namespace csikit_py
