// C ABI: the schema drafted from a data file, as the JSON of its one serializer (readers).
#include "handles.hpp"

#include "csikit/draft.hpp"
#include "csikit/report.hpp"

using namespace csikit_capi;

extern "C" {

CSIKIT_API int csikit_draft_schema_json(const char* path, const char* language, const char* sheet, char** out) {
    const char* where = "csikit_draft_schema_json";
    return guard(where, [&] {
        require(path, where, "path");
        require(out, where, "out");
        csikit::draft_options o;
        if (language) o.language = language;
        if (sheet) o.read.sheet = sheet;
        *out = dup_string(csikit::to_json(csikit::draft_schema(path, o), 2));
    });
}

}  // extern "C"
