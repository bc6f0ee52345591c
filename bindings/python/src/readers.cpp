// csikit._core.readers: the schema drafted from a data file (SPSS, Stata, Excel, CSV), as the
// JSON of its one serializer (csikit/draft.hpp). Reading those files needs no binding: a path
// given to read_responses reaches the same dispatch as the CLI.
#include "prelude.hpp"

#include "csikit/draft.hpp"
#include "csikit/report.hpp"

namespace csikit_py {

void register_readers(py::module_& m) {
    m.def("draft_schema_json",
          [](const std::string& path, const std::string& language, const std::string& sheet,
             const std::string& encoding, int header_rows) {
              csikit::draft_options o;
              o.language = language;
              o.read.sheet = sheet;
              o.read.encoding = encoding;
              o.read.header_rows = header_rows;
              csikit::schema_draft d;
              {
                  py::gil_scoped_release unlocked;
                  d = csikit::draft_schema(path, o);
              }
              return csikit::to_json(d, -1);
          },
          py::arg("path"), py::arg("language") = "en", py::arg("sheet") = "", py::arg("encoding") = "",
          py::arg("header_rows") = 0,
          "The schema drafted from the data file at `path`, with its notes, as JSON text.");
}

}  // namespace csikit_py
