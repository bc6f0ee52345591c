// csikit._core.data: responses from CSV or from a matrix with column names, weights and group
// columns, held as csikit::survey_data (the responses with their survey).
#include "prelude.hpp"

#include "csikit/arrow.hpp"

namespace csikit_py {

namespace {

py::dict summary_dict(const csikit::read_summary& s) {
    return py::dict(py::arg("respondents") = s.respondents, py::arg("cells") = s.cells, py::arg("empty") = s.empty,
                    py::arg("missing_codes") = s.missing_codes, py::arg("out_of_scale") = s.out_of_scale,
                    py::arg("reversed_items") = s.reversed_items, py::arg("missing_by_item") = s.missing_by_item,
                    py::arg("codes_by_kind") = s.codes_by_kind, py::arg("layout") = s.layout,
                    py::arg("header_rows") = s.header_rows, py::arg("encoding") = s.encoding);
}

csikit::read_options options(bool out_of_scale_missing, const std::string& encoding = "", int header_rows = 0,
                             const std::string& sheet = "") {
    csikit::read_options o;
    o.sheet = sheet;
    o.out_of_scale = out_of_scale_missing ? csikit::out_of_scale_policy::missing : csikit::out_of_scale_policy::error;
    o.encoding = encoding;
    o.header_rows = header_rows;
    return o;
}

/// The Arrow C stream inside a PyCapsule (the Arrow PyCapsule interface): moved out, so the
/// capsule's destructor finds it released and the reader owns (and releases) it.
csikit::responses read_arrow_capsule(const survey_state& s, const py::capsule& cap, bool out_of_scale_missing) {
    if (std::string_view(cap.name() ? cap.name() : "") != "arrow_array_stream")
        throw csikit::argument_error({{}, 0, "stream"},
                                     std::string("a PyCapsule named \"") + (cap.name() ? cap.name() : "") +
                                         "\" (expected \"arrow_array_stream\" from __arrow_c_stream__())");
    auto* held = cap.get_pointer<ArrowArrayStream>();
    if (!held || !held->release)
        throw csikit::argument_error({{}, 0, "stream"}, "the capsule's stream is consumed already (expected a fresh one)");
    ArrowArrayStream stream = *held;
    held->release = nullptr;
    return csikit::read_arrow_stream(&stream, *s, options(out_of_scale_missing));
}

/// Columns from Python: (name, None) = not passed, (name, float array) = numbers,
/// (name, list of str | None) = text.
std::vector<csikit::data_column> python_columns(const py::list& columns) {
    std::vector<csikit::data_column> out;
    out.reserve(columns.size());
    for (const auto& entry : columns) {
        const auto t = entry.cast<py::tuple>();
        if (t.size() != 2) throw csikit::argument_error({{}, 0, "columns"}, "expected (name, values) pairs");
        csikit::data_column c;
        c.name = t[0].cast<std::string>();
        if (t[1].is_none()) {
            c.kind = csikit::data_column::kind_t::absent;
        } else if (py::isinstance<py::list>(t[1])) {
            c.kind = csikit::data_column::kind_t::text;
            const auto cells = t[1].cast<py::list>();
            c.text.reserve(cells.size());
            for (const auto& v : cells) c.text.push_back(v.is_none() ? std::string() : v.cast<std::string>());
        } else {
            const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(t[1]);
            if (!a || a.ndim() != 1) throw csikit::argument_error({{}, 0, "columns"}, "expected a 1-D float array for " + c.name);
            c.numbers.assign(a.data(), a.data() + a.size());
        }
        out.push_back(std::move(c));
    }
    return out;
}

csikit::survey_data make(const survey_state& s, csikit::responses r) {
    return {s.survey, std::make_shared<const csikit::responses>(std::move(r))};
}

}  // namespace

py::tuple data_pickle(const csikit::survey_data& d) {
    const auto& r = *d.data;
    const auto& s = r.summary;
    return py::make_tuple(survey_pickle(survey_state{d.schema}), r.item_ids, Eigen::MatrixXd(r.values),
                          Eigen::VectorXd(r.weights), r.weighted, r.groups, r.lines, r.source,
                          py::make_tuple(s.respondents, s.cells, s.empty, s.missing_codes, s.out_of_scale,
                                         s.reversed_items, s.missing_by_item, s.codes_by_kind, s.layout,
                                         s.header_rows, s.encoding));
}

csikit::survey_data data_unpickle(const py::tuple& t) {
    if (t.size() != 9) throw std::runtime_error("Responses: a broken pickle state (expected 9 elements)");
    csikit::responses r;
    r.item_ids = t[1].cast<std::vector<std::string>>();
    r.values = t[2].cast<Eigen::MatrixXd>();
    r.weights = t[3].cast<Eigen::VectorXd>();
    r.weighted = t[4].cast<bool>();
    r.groups = t[5].cast<std::map<std::string, std::vector<std::string>>>();
    r.lines = t[6].cast<std::vector<std::size_t>>();
    r.source = t[7].cast<std::string>();
    const auto st = t[8].cast<py::tuple>();
    auto& s = r.summary;
    s.respondents = st[0].cast<std::size_t>();
    s.cells = st[1].cast<std::size_t>();
    s.empty = st[2].cast<std::size_t>();
    s.missing_codes = st[3].cast<std::size_t>();
    s.out_of_scale = st[4].cast<std::size_t>();
    s.reversed_items = st[5].cast<std::size_t>();
    s.missing_by_item = st[6].cast<std::map<std::string, std::size_t>>();
    s.codes_by_kind = st[7].cast<std::map<std::string, std::size_t>>();
    if (st.size() >= 11) {  // states pickled before the layout fields have 8
        s.layout = st[8].cast<std::string>();
        s.header_rows = st[9].cast<std::size_t>();
        s.encoding = st[10].cast<std::string>();
    }
    if (static_cast<std::size_t>(r.values.cols()) != r.item_ids.size() || r.weights.size() != r.values.rows())
        throw std::runtime_error("Responses: a broken pickle state (shapes differ)");
    return make(survey_unpickle(t[0].cast<py::tuple>()), std::move(r));
}

void register_data(py::module_& m) {
    using sd = csikit::survey_data;
    py::class_<sd>(m, "Responses", "Answers of n respondents to the survey's items (immutable).")
        .def_property_readonly("survey", [](const sd& d) { return survey_state{d.schema}; })
        .def_property_readonly("item_ids", [](const sd& d) { return d.data->item_ids; })
        .def_property_readonly("values", [](const sd& d) { return Eigen::MatrixXd(d.data->values); },
                               "n x p recoded answers (NaN = missing), a copy.")
        .def_property_readonly("weights", [](const sd& d) { return Eigen::VectorXd(d.data->weights); })
        .def_property_readonly("weighted", [](const sd& d) { return d.data->weighted; })
        .def_property_readonly("groups", [](const sd& d) { return d.data->groups; })
        .def_property_readonly("lines", [](const sd& d) { return d.data->lines; })
        .def_property_readonly("source", [](const sd& d) { return d.data->source; })
        .def_property_readonly("summary", [](const sd& d) { return summary_dict(d.data->summary); })
        .def("__len__", [](const sd& d) { return d.data->respondents(); })
        .def(py::pickle(&data_pickle, &data_unpickle));

    m.def("read_csv",
          [](const survey_state& s, const std::string& path, bool out_of_scale_missing, const std::string& encoding,
             int header_rows, const std::string& sheet) {
              return make(s, csikit::read_responses(path, *s, options(out_of_scale_missing, encoding, header_rows, sheet)));
          },
          py::arg("survey"), py::arg("path"), py::arg("out_of_scale_missing") = false, py::arg("encoding") = "",
          py::arg("header_rows") = 0, py::arg("sheet") = "",
          "Reads a data file of answers (CSV, or SPSS, Stata, Excel told by its first bytes).");
    m.def("read_arrow",
          [](const survey_state& s, const py::capsule& stream, bool out_of_scale_missing) {
              return make(s, read_arrow_capsule(s, stream, out_of_scale_missing));
          },
          py::arg("survey"), py::arg("stream"), py::arg("out_of_scale_missing") = false,
          "Reads an Arrow C stream (the PyCapsule of __arrow_c_stream__()).");
    m.def("from_columns",
          [](const survey_state& s, std::size_t rows, const py::list& columns, const Eigen::VectorXd& weights,
             std::map<std::string, std::vector<std::string>> groups, bool out_of_scale_missing) {
              return make(s, csikit::make_responses(*s, rows, python_columns(columns), weights, std::move(groups),
                                                    options(out_of_scale_missing)));
          },
          py::arg("survey"), py::arg("rows"), py::arg("columns"), py::arg("weights") = Eigen::VectorXd(),
          py::arg("groups") = std::map<std::string, std::vector<std::string>>(),
          py::arg("out_of_scale_missing") = false,
          "Builds responses from (name, values) columns: a float array, a list of str/None (numbers as text or "
          "labels), or None for a column not passed.");
    m.def("parse_csv",
          [](const survey_state& s, const std::string& text, bool out_of_scale_missing) {
              return make(s, csikit::parse_responses(text, *s, options(out_of_scale_missing)));
          },
          py::arg("survey"), py::arg("text"), py::arg("out_of_scale_missing") = false,
          "Parses CSV text of answers.");
    m.def("from_matrix",
          [](const survey_state& s, const std::vector<std::string>& columns, const Eigen::MatrixXd& raw,
             const Eigen::VectorXd& weights, std::map<std::string, std::vector<std::string>> groups,
             bool out_of_scale_missing) {
              return make(s, csikit::make_responses(*s, columns, raw, weights, std::move(groups),
                                                    options(out_of_scale_missing)));
          },
          py::arg("survey"), py::arg("columns"), py::arg("values"), py::arg("weights") = Eigen::VectorXd(),
          py::arg("groups") = std::map<std::string, std::vector<std::string>>(),
          py::arg("out_of_scale_missing") = false,
          "Builds responses from an n x k float matrix whose columns are named by `columns` (NaN = missing).");
}

}  // namespace csikit_py
