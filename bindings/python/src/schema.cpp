// csikit._core.schema: parse/load, JSON round trip (also the pickle state), the ids Python
// needs most, and presets.
#include "prelude.hpp"

#include "csikit/presets.hpp"

namespace csikit_py {

namespace {

std::vector<std::string> item_ids(const survey_state& s) {
    std::vector<std::string> out;
    for (const auto& i : (*s).items) out.push_back(i.id);
    return out;
}

survey_state make(csikit::survey s) { return {std::make_shared<const csikit::survey>(std::move(s))}; }

}  // namespace

py::tuple survey_pickle(const survey_state& s) { return py::make_tuple(csikit::to_json_text(*s, -1)); }

survey_state survey_unpickle(const py::tuple& t) {
    if (t.size() != 1) throw std::runtime_error("Survey: a broken pickle state (expected one element, the schema JSON)");
    return make(csikit::parse_survey(t[0].cast<std::string>(), "<pickle>"));
}

csikit::pls_model model_from_dict(const py::dict& d) {
    csikit::pls_model m;
    for (const auto& c : d["constructs"]) {
        csikit::construct k;
        k.id = c["id"].cast<std::string>();
        k.items = c["items"].cast<std::vector<std::string>>();
        const py::dict cd = c.cast<py::dict>();
        if (cd.contains("mode")) {
            const auto mode = cd["mode"].cast<std::string>();
            if (mode != "A" && mode != "B")
                throw csikit::argument_error({{}, 0, "constructs." + k.id + ".mode"},
                                             "unknown mode \"" + mode + "\" (expected \"A\" or \"B\")");
            k.mode = mode == "B" ? csikit::outer_mode::B : csikit::outer_mode::A;
        }
        m.constructs.push_back(std::move(k));
    }
    for (const auto& p : d["paths"]) {
        const py::dict pd = p.cast<py::dict>();
        m.paths.push_back({pd["from"].cast<std::string>(), pd["to"].cast<std::string>()});
    }
    return m;
}

py::dict model_to_dict(const csikit::pls_model& m) {
    py::list constructs, paths;
    for (const auto& c : m.constructs)
        constructs.append(py::dict(py::arg("id") = c.id, py::arg("items") = c.items,
                                   py::arg("mode") = c.mode == csikit::outer_mode::B ? "B" : "A"));
    for (const auto& p : m.paths) paths.append(py::dict(py::arg("from") = p.from, py::arg("to") = p.to));
    return py::dict(py::arg("constructs") = constructs, py::arg("paths") = paths);
}

void register_schema(py::module_& m) {
    py::class_<survey_state>(m, "Survey", "A validated survey schema (immutable).")
        .def_property_readonly("name", [](const survey_state& s) { return (*s).name; })
        .def_property_readonly("item_ids", &item_ids)
        .def_property_readonly("languages", [](const survey_state& s) { return (*s).languages; })
        .def_property_readonly("weight_column", [](const survey_state& s) { return (*s).weight_column; })
        .def_property_readonly("segment_columns", [](const survey_state& s) { return (*s).segment_columns; })
        .def_property_readonly("wave_column", [](const survey_state& s) { return (*s).wave_column; })
        .def_property_readonly("nps_item", [](const survey_state& s) { return (*s).nps_item; })
        .def_property_readonly("overall_item", [](const survey_state& s) { return (*s).overall_item; })
        .def("model", [](const survey_state& s) { return model_to_dict(csikit::pls_model::from_survey(*s)); },
             "The survey's PLS model as {'constructs': [...], 'paths': [...]}.")
        .def("to_json", [](const survey_state& s, int indent) { return csikit::to_json_text(*s, indent); },
             py::arg("indent") = 2, "The schema as JSON text (round-trips through parse_survey).")
        .def(py::pickle(&survey_pickle, &survey_unpickle));

    m.def("parse_survey",
          [](const std::string& text, const std::string& source) {
              return make(csikit::parse_survey(text, source));
          },
          py::arg("text"), py::arg("source") = "<string>", "Parses and validates schema JSON text.");
    m.def("load_survey",
          [](const std::string& path) { return make(csikit::load_survey(path)); },
          py::arg("path"), "Reads, parses and validates a schema file.");
    m.def("validate_model", [](const py::dict& d) { csikit::validate_model(model_from_dict(d)); }, py::arg("model"),
          "Raises ModelError listing every structural problem of a model dict.");

    m.def("preset_names", &csikit::preset_names, "Names of the shipped index models.");
    m.def("preset_json", [](const std::string& name) { return std::string(csikit::preset_json(name)); },
          py::arg("name"), "The JSON text of a shipped index model.");
    m.def("bind_preset",
          [](const std::string& name, const std::map<std::string, std::vector<std::string>>& items, bool drop_complaints,
             const std::string& mode) {
              csikit::bind_options o;
              o.drop_complaints = drop_complaints;
              o.mode = mode == "B" ? csikit::outer_mode::B : csikit::outer_mode::A;
              return model_to_dict(csikit::bind_preset(name, items, o));
          },
          py::arg("name"), py::arg("items"), py::arg("drop_complaints") = false, py::arg("mode") = "A",
          "A shipped preset (acsi, ecsi, ccsi) with each construct's items filled in, as a model dict.");
}

}  // namespace csikit_py
