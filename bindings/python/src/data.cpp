// Responses: from CSV or from a matrix with column names, weights and group columns.
#include "prelude.hpp"

namespace csikit_py {

namespace {

py::dict summary_dict(const csikit::read_summary& s) {
    return py::dict(py::arg("respondents") = s.respondents, py::arg("cells") = s.cells, py::arg("empty") = s.empty,
                    py::arg("missing_codes") = s.missing_codes, py::arg("out_of_scale") = s.out_of_scale,
                    py::arg("reversed_items") = s.reversed_items, py::arg("missing_by_item") = s.missing_by_item,
                    py::arg("codes_by_kind") = s.codes_by_kind);
}

csikit::read_options options(bool out_of_scale_missing) {
    csikit::read_options o;
    o.out_of_scale = out_of_scale_missing ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
    return o;
}

}  // namespace

void register_data(py::module_& m) {
    py::class_<data_state>(m, "Responses", "Answers of n respondents to the survey's items (immutable).")
        .def_property_readonly("survey", [](const data_state& d) { return survey_state{d.survey}; })
        .def_property_readonly("item_ids", [](const data_state& d) { return d.data->item_ids; })
        .def_property_readonly("values", [](const data_state& d) { return Eigen::MatrixXd(d.data->values); },
                               "n x p recoded answers (NaN = missing), a copy.")
        .def_property_readonly("weights", [](const data_state& d) { return Eigen::VectorXd(d.data->weights); })
        .def_property_readonly("weighted", [](const data_state& d) { return d.data->weighted; })
        .def_property_readonly("groups", [](const data_state& d) { return d.data->groups; })
        .def_property_readonly("lines", [](const data_state& d) { return d.data->lines; })
        .def_property_readonly("source", [](const data_state& d) { return d.data->source; })
        .def_property_readonly("summary", [](const data_state& d) { return summary_dict(d.data->summary); })
        .def("__len__", [](const data_state& d) { return d.data->respondents(); });

    m.def("read_csv",
          [](const survey_state& s, const std::string& path, bool out_of_scale_missing) {
              auto d = std::make_shared<const csikit::responses>(csikit::read_responses(path, *s, options(out_of_scale_missing)));
              return data_state{s.survey, std::move(d)};
          },
          py::arg("survey"), py::arg("path"), py::arg("out_of_scale_missing") = false,
          "Reads a CSV file of answers.");
    m.def("parse_csv",
          [](const survey_state& s, const std::string& text, bool out_of_scale_missing) {
              auto d = std::make_shared<const csikit::responses>(csikit::parse_responses(text, *s, options(out_of_scale_missing)));
              return data_state{s.survey, std::move(d)};
          },
          py::arg("survey"), py::arg("text"), py::arg("out_of_scale_missing") = false,
          "Parses CSV text of answers.");
    m.def("from_matrix",
          [](const survey_state& s, const std::vector<std::string>& columns, const Eigen::MatrixXd& raw,
             const Eigen::VectorXd& weights, std::map<std::string, std::vector<std::string>> groups,
             bool out_of_scale_missing) {
              auto d = std::make_shared<const csikit::responses>(
                  csikit::make_responses(*s, columns, raw, weights, std::move(groups), options(out_of_scale_missing)));
              return data_state{s.survey, std::move(d)};
          },
          py::arg("survey"), py::arg("columns"), py::arg("values"), py::arg("weights") = Eigen::VectorXd(),
          py::arg("groups") = std::map<std::string, std::vector<std::string>>(),
          py::arg("out_of_scale_missing") = false,
          "Builds responses from an n x k float matrix whose columns are named by `columns` (NaN = missing).");
}

}  // namespace csikit_py
